//! The buyer-facing pages: the hosted card form a session's `normalUrl` points to, and the 3-D
//! Secure page. Each result page carries `<p id="outcome" data-status=".." data-code="..">` so a
//! program can read it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use crate::buyer::{self, PageOutcome};
use crate::cards::{CardInput, TEST_CARDS};
use crate::emulator::Shared;
use crate::notifier;
use crate::state::Status;

/// Where the hosted card page of a session lives (below the emulator's base URL).
const CARD_PAGE: &str = "/hosted/vaulting";
/// Where the 3-D Secure pages live.
const CHALLENGE_PAGE: &str = "/hosted/3ds";

/// The buyer pages' routes.
pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            &format!("{CARD_PAGE}/{{session_id}}"),
            get(card_form).post(card_submit),
        )
        .route(
            &format!("{CHALLENGE_PAGE}/{{token}}"),
            get(challenge_page).post(challenge_submit),
        )
}

/// The `normalUrl` of a session's hosted card page.
pub(crate) fn card_page_url(shared: &Shared, session_id: &str) -> String {
    format!("{}{CARD_PAGE}/{session_id}", shared.base_url)
}

/// The `normalUrl` of a 3-D Secure challenge.
pub(crate) fn challenge_url(shared: &Shared, token: &str) -> String {
    format!("{}{CHALLENGE_PAGE}/{token}", shared.base_url)
}

/// The fields of the hosted card form.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardForm {
    card_no: String,
    expiry_month: String,
    expiry_year: String,
    #[serde(default)]
    #[allow(dead_code)]
    cvv: String,
    #[serde(default)]
    #[allow(dead_code)]
    holder_name: String,
}

/// The fields of the 3-D Secure form.
#[derive(Deserialize)]
pub struct ChallengeForm {
    outcome: String,
}

fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// Minimal styling, enough for a developer demoing the flow by hand.
const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}\
label{display:block;margin:.5rem 0}input{font:inherit;padding:.3rem;border:1px solid #999;border-radius:4px}\
button{font:inherit;padding:.4rem 1rem;margin:.5rem .5rem 0 0;border-radius:4px;border:1px solid #246;background:#357;color:#fff;cursor:pointer}\
button.secondary{background:#fff;color:#246}.cards li{cursor:pointer;margin:.2rem 0}.cards li:hover{text-decoration:underline}\
#outcome{padding:.6rem;border-radius:4px;background:#eef}#outcome[data-status=SUCCESS]{background:#e6f4e6}\
#outcome[data-status=FAIL],#outcome[data-status=GONE]{background:#fbe9e9}";

/// Fills the card form from a clicked test card (`data-card` on each list item).
const FILL_SCRIPT: &str = "document.querySelectorAll('[data-card]').forEach(function(li){li.addEventListener('click',function(){\
var f=document.forms[0];f.cardNo.value=li.dataset.card;f.expiryMonth.value='12';f.expiryYear.value='49';f.cvv.value='737';\
if(!f.holderName.value){f.holderName.value='Zoë Ångström';}});});";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{t}</title><style>{STYLE}</style></head>\n<body>\n<h1>{t}</h1>\n{body}\n</body></html>\n",
        t = escape(title)
    )
}

fn render(outcome: PageOutcome) -> Response {
    match outcome {
        PageOutcome::Challenge(url) => Redirect::to(&url).into_response(),
        PageOutcome::Gone(why) => (
            StatusCode::GONE,
            Html(page(
                "Vaulting unavailable",
                &format!(
                    "<p id=\"outcome\" data-status=\"GONE\" data-code=\"GONE\">{}</p>",
                    escape(why)
                ),
            )),
        )
            .into_response(),
        PageOutcome::Finished {
            status,
            failure,
            redirect_url,
        } => {
            let code = failure.unwrap_or_else(|| status.as_str().to_owned());
            let text = match status {
                Status::Success => "Your card was saved.".to_owned(),
                Status::Fail => format!("Your card could not be saved ({code})."),
                _ => "The vaulting is still in progress.".to_owned(),
            };
            let back = redirect_url
                .map(|u| {
                    format!(
                        "<p><a id=\"return\" href=\"{}\">Return to the merchant</a></p>",
                        escape(&u)
                    )
                })
                .unwrap_or_default();
            Html(page(
                "Card vaulting",
                &format!(
                    "<p id=\"outcome\" data-status=\"{}\" data-code=\"{}\">{}</p>\n{back}",
                    status.as_str(),
                    escape(&code),
                    escape(&text)
                ),
            ))
            .into_response()
        }
    }
}

/// `GET` of a session's card page: the card form.
pub(crate) async fn card_form(
    State(shared): State<Arc<Shared>>,
    Path(session_id): Path<String>,
) -> Response {
    match buyer::session_state(&shared, &session_id) {
        PageOutcome::Finished {
            status: Status::Processing,
            ..
        } => {
            let cards: String = TEST_CARDS
                .iter()
                .map(|c| {
                    format!(
                        "<li data-card=\"{n}\" title=\"Click to fill the form\"><code>{n}</code>: {}</li>",
                        escape(&c.note()),
                        n = c.number
                    )
                })
                .collect();
            Html(page(
                "Save your card",
                &format!(
                    "<form method=\"post\" action=\"{CARD_PAGE}/{id}\">\n\
                     <label>Card number <input name=\"cardNo\" autocomplete=\"cc-number\" required></label>\n\
                     <label>Expiry month (MM) <input name=\"expiryMonth\" size=\"2\" required></label>\n\
                     <label>Expiry year (YY) <input name=\"expiryYear\" size=\"2\" required></label>\n\
                     <label>CVV <input name=\"cvv\" size=\"4\"></label>\n\
                     <label>Name on card <input name=\"holderName\"></label>\n\
                     <button type=\"submit\">Save card</button>\n</form>\n\
                     <h2>Test cards</h2><p>Click one to fill the form.</p><ul class=\"cards\">{cards}</ul>\n\
                     <script>{FILL_SCRIPT}</script>",
                    id = escape(&session_id)
                ),
            ))
            .into_response()
        }
        other => render(other),
    }
}

/// `POST` of a session's card page: the buyer submits a card.
pub(crate) async fn card_submit(
    State(shared): State<Arc<Shared>>,
    Path(session_id): Path<String>,
    Form(form): Form<CardForm>,
) -> Response {
    let card = CardInput {
        number: &form.card_no,
        expiry_month: &form.expiry_month,
        expiry_year: &form.expiry_year,
    };
    let (outcome, job) = buyer::submit_hosted_card(&shared, &session_id, &card);
    if let Some(job) = job {
        notifier::spawn(shared.clone(), job);
    }
    render(outcome)
}

/// `GET` of a challenge: the 3-D Secure page.
pub(crate) async fn challenge_page(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
) -> Response {
    match buyer::challenge_exists(&shared, &token) {
        Some(PageOutcome::Challenge(_)) => Html(page(
            "3-D Secure verification",
            &format!(
                "<p>Your bank asks you to confirm that you are saving this card.</p>\n\
                 <form method=\"post\" action=\"{CHALLENGE_PAGE}/{t}\">\n\
                 <button id=\"pass\" name=\"outcome\" value=\"pass\">Confirm</button>\n\
                 <button id=\"fail\" class=\"secondary\" name=\"outcome\" value=\"fail\">Cancel</button>\n</form>",
                t = escape(&token)
            ),
        ))
        .into_response(),
        Some(other) => render(other),
        None => render(PageOutcome::Gone("This verification does not exist.")),
    }
}

/// `POST` of a challenge with `outcome=pass` or `outcome=fail`.
pub(crate) async fn challenge_submit(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    Form(form): Form<ChallengeForm>,
) -> Response {
    let passed = match form.outcome.as_str() {
        "pass" => true,
        "fail" => false,
        _ => return (StatusCode::BAD_REQUEST, "outcome must be pass or fail").into_response(),
    };
    let (outcome, job) = buyer::answer_challenge(&shared, &token, passed);
    if let Some(job) = job {
        notifier::spawn(shared.clone(), job);
    }
    render(outcome)
}
