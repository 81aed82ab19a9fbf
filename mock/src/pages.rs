//! The buyer-facing pages: the hosted card form a session's `normalUrl` points to, and the 3-D
//! Secure page. Each result page carries `<p id="outcome" data-status=".." data-code="..">` so a
//! program can read it.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::buyer::{self, PageOutcome};
use crate::cards::{CardInput, TEST_CARDS};
use crate::emulator::Shared;
use crate::notifier;
use crate::state::Status;

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

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{t}</title></head>\n<body>\n<h1>{t}</h1>\n{body}\n</body></html>\n",
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
                Status::Processing => "The vaulting is still in progress.".to_owned(),
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

/// `GET /hosted/vaulting/{session_id}`: the card form.
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
                .map(|c| format!("<li><code>{}</code>: {}</li>", c.number, escape(c.note)))
                .collect();
            Html(page(
                "Save your card",
                &format!(
                    "<form method=\"post\" action=\"/hosted/vaulting/{id}\">\n\
                     <label>Card number <input name=\"cardNo\" autocomplete=\"cc-number\" required></label><br>\n\
                     <label>Expiry month (MM) <input name=\"expiryMonth\" size=\"2\" required></label>\n\
                     <label>Expiry year (YY) <input name=\"expiryYear\" size=\"2\" required></label><br>\n\
                     <label>CVV <input name=\"cvv\" size=\"4\"></label><br>\n\
                     <label>Name on card <input name=\"holderName\"></label><br>\n\
                     <button type=\"submit\">Save card</button>\n</form>\n\
                     <h2>Test cards</h2><ul>{cards}</ul>",
                    id = escape(&session_id)
                ),
            ))
            .into_response()
        }
        other => render(other),
    }
}

/// `POST /hosted/vaulting/{session_id}`: the buyer submits a card.
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

/// `GET /hosted/3ds/{token}`: the 3-D Secure page.
pub(crate) async fn challenge_page(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
) -> Response {
    match buyer::challenge_exists(&shared, &token) {
        Some(PageOutcome::Challenge(_)) => Html(page(
            "3-D Secure verification",
            &format!(
                "<p>Your bank asks you to confirm that you are saving this card.</p>\n\
                 <form method=\"post\" action=\"/hosted/3ds/{t}\">\n\
                 <button name=\"outcome\" value=\"pass\">Confirm</button>\n\
                 <button name=\"outcome\" value=\"fail\">Cancel</button>\n</form>",
                t = escape(&token)
            ),
        ))
        .into_response(),
        Some(other) => render(other),
        None => render(PageOutcome::Gone("This verification does not exist.")),
    }
}

/// `POST /hosted/3ds/{token}` with `outcome=pass` or `outcome=fail`.
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
