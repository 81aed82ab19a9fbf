//! The business rules of the three APIs and the buyer pages: idempotency, card decisions,
//! 3-D Secure, final outcomes. Works on validated request JSON; answers with response bodies.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use crate::cards::{self, CardBehaviour, CardInput, Decision};
use crate::emulator::Shared;
use crate::lenient::{canonical, flag, text};
use crate::notifier::NotifyJob;
use crate::state::{Api, CardFacts, Challenge, Session, Status, Vaulting};
use crate::timefmt;

/// What an API call produced.
#[derive(Debug, Default)]
pub struct Reply {
    /// The response body.
    pub body: Vec<u8>,
    /// A notification to deliver (after a final outcome).
    pub notify: Option<NotifyJob>,
    /// A test-card fault to apply to this response.
    pub lose_response: bool,
}

impl Reply {
    fn body(body: Vec<u8>) -> Self {
        Reply {
            body,
            ..Reply::default()
        }
    }
}

/// A `result`-only body.
pub fn result_body(status: &str, code: &str, message: &str) -> Vec<u8> {
    to_bytes(&json!({"result": result(status, code, message)}))
}

fn result(status: &str, code: &str, message: &str) -> Value {
    json!({"resultCode": code, "resultStatus": status, "resultMessage": message})
}

fn to_bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

pub(crate) fn random_token(bytes: usize) -> Vec<u8> {
    let mut buf = vec![0u8; bytes];
    if aws_lc_rs::rand::fill(&mut buf).is_err() {
        buf.iter_mut().enumerate().for_each(|(i, b)| *b = i as u8);
    }
    buf
}

/// A digest of the request's canonical form: repeats are compared by it, so the emulator never
/// keeps card data to tell them apart.
fn request_digest(request: &Value) -> String {
    sha256_hex(&serde_json::to_vec(&canonical(request)).unwrap_or_default())
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes).as_ref())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn repeat_inconsistent() -> Reply {
    Reply::body(result_body(
        "F",
        "REPEAT_REQ_INCONSISTENT",
        "The vaultingRequestId was already used with different parameters.",
    ))
}

/// createVaultingSession.
pub fn create_session(shared: &Shared, request: &Value) -> Reply {
    let id = text(request, &["vaultingRequestId"]).unwrap_or_default();
    let canon = request_digest(request);
    let mut store = shared.lock_store();
    if let Some(existing) = store.vaultings.get(&id) {
        return if existing.origin == Api::CreateVaultingSession && existing.request == canon {
            Reply::body(existing.first_response.clone())
        } else {
            repeat_inconsistent()
        };
    }
    let session_id = format!("VS{}", hex(&random_token(12)));
    let expires_at_millis = timefmt::now_millis() + shared.session_ttl.as_millis();
    let region = text(request, &["merchantRegion"]).unwrap_or_else(|| "SG".into());
    let config = STANDARD.encode(
        br#"{"paymentSessionConfig":{"paymentMethodCategoryType":"CARD","productScene":"VAULTING","productSceneVersion":"1.0"},"skipRenderPaymentMethod":false}"#,
    );
    let session_data = format!(
        "{}&&{region}&&188&&{config}",
        STANDARD.encode(random_token(48))
    );
    let body = to_bytes(&json!({
        "result": result("S", "SUCCESS", "success."),
        "vaultingSessionData": session_data,
        "vaultingSessionId": session_id,
        "vaultingSessionExpiryTime": timefmt::format_iso((expires_at_millis / 1000) as u64),
        "normalUrl": format!("{}/hosted/vaulting/{session_id}", shared.base_url),
    }));
    store.by_session.insert(session_id.clone(), id.clone());
    store.vaultings.insert(
        id.clone(),
        Vaulting {
            request_id: id,
            origin: Api::CreateVaultingSession,
            request: canon,
            notify_url: text(request, &["vaultingNotificationUrl"]).unwrap_or_default(),
            redirect_url: text(request, &["redirectUrl"]),
            metadata: None,
            created_at: timefmt::now_iso(),
            status: Status::Processing,
            card: None,
            failure: None,
            session: Some(Session {
                id: session_id,
                expires_at_millis,
            }),
            wants_3ds: flag(request, &["is3DSAuthentication"]),
            challenge: None,
            first_response: body.clone(),
            final_response: None,
        },
    );
    Reply::body(body)
}

/// The card facts of a number, with a fresh token.
pub(crate) fn card_facts(number: &str) -> CardFacts {
    let digest = aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        format!("antom-vault-emulator:{}", cards::normalise(number)).as_bytes(),
    );
    CardFacts {
        card_token: None,
        masked_card_no: cards::mask(number),
        brand: cards::brand_of(number).to_owned(),
        fingerprint: hex(digest.as_ref()),
    }
}

pub(crate) fn with_token(mut card: CardFacts) -> CardFacts {
    card.card_token = Some(format!("ALIPAY{}", STANDARD.encode(random_token(36))));
    card
}

fn card_json(card: &CardFacts) -> Value {
    let mut c = json!({"maskedCardNo": card.masked_card_no, "brand": card.brand});
    if let Some(token) = &card.card_token {
        c["cardToken"] = json!(token);
    }
    json!({"paymentMethodType": "CARD", "card": c})
}

/// vaultPaymentMethod.
pub fn vault_payment_method(shared: &Shared, request: &Value) -> Reply {
    let id = text(request, &["vaultingRequestId"]).unwrap_or_default();
    let canon = request_digest(request);
    let number = text(request, &["paymentMethodDetail", "card", "cardNo"]).unwrap_or_default();
    let month = text(request, &["paymentMethodDetail", "card", "expiryMonth"]).unwrap_or_default();
    let year = text(request, &["paymentMethodDetail", "card", "expiryYear"]).unwrap_or_default();
    let wants_3ds = flag(
        request,
        &["paymentMethodDetail", "card", "is3DSAuthentication"],
    );
    let mut store = shared.lock_store();
    if let Some(existing) = store.vaultings.get(&id) {
        return if existing.origin == Api::VaultPaymentMethod && existing.request == canon {
            Reply::body(
                existing
                    .final_response
                    .clone()
                    .unwrap_or_else(|| existing.first_response.clone()),
            )
        } else {
            repeat_inconsistent()
        };
    }
    let behaviour = cards::behaviour_of(&number);
    if behaviour == Some(CardBehaviour::UnknownFirstAttempt)
        && store.card_faults_fired.insert(id.clone())
    {
        return Reply::body(result_body(
            "U",
            "UNKNOWN_EXCEPTION",
            "An unknown exception occurred (test card).",
        ));
    }
    let lose_response = behaviour == Some(CardBehaviour::LoseFirstResponse)
        && store.card_faults_fired.insert(id.clone());
    let decision = cards::decide(
        &CardInput {
            number: &number,
            expiry_month: &month,
            expiry_year: &year,
        },
        timefmt::current_year_month(),
    );
    let mut vaulting = Vaulting {
        request_id: id.clone(),
        origin: Api::VaultPaymentMethod,
        request: canon,
        notify_url: text(request, &["vaultingNotificationUrl"]).unwrap_or_default(),
        redirect_url: text(request, &["redirectUrl"]),
        metadata: text(request, &["metadata"]),
        created_at: timefmt::now_iso(),
        status: Status::Processing,
        card: Some(card_facts(&number)),
        failure: None,
        session: None,
        wants_3ds,
        challenge: None,
        first_response: Vec::new(),
        final_response: None,
    };
    let mut notify = None;
    match decision {
        Decision::Approve(_) if !wants_3ds => {
            vaulting.card = vaulting.card.take().map(with_token);
            vaulting.status = Status::Success;
            vaulting.first_response = success_body(&vaulting);
            notify = Some(notification(&vaulting));
        }
        Decision::Approve(_) | Decision::Challenge => {
            let token = hex(&random_token(16));
            let card = vaulting.card.clone().unwrap_or_else(|| card_facts(&number));
            vaulting.challenge = Some(Challenge {
                token: token.clone(),
                card,
            });
            vaulting.first_response = to_bytes(&json!({
                "result": result("U", "VERIFICATION_IN_PROCESS", "The verification is still under process."),
                "vaultingRequestId": id,
                "normalUrl": challenge_url(shared, &token),
            }));
            store.by_challenge.insert(token, id.clone());
        }
        Decision::Decline(code) => {
            vaulting.status = Status::Fail;
            vaulting.failure = Some(code.to_owned());
            vaulting.first_response = failure_body(&vaulting);
            notify = Some(notification(&vaulting));
        }
    }
    let body = vaulting.first_response.clone();
    store.vaultings.insert(id, vaulting);
    Reply {
        body,
        notify,
        lose_response,
    }
}

pub(crate) fn challenge_url(shared: &Shared, token: &str) -> String {
    format!("{}/hosted/3ds/{token}", shared.base_url)
}

pub(crate) fn success_body(v: &Vaulting) -> Vec<u8> {
    let mut body = json!({
        "result": result("S", "SUCCESS", "success."),
        "vaultingRequestId": v.request_id,
    });
    if let Some(card) = &v.card {
        body["paymentMethodDetail"] = card_json(card);
    }
    to_bytes(&body)
}

fn failure_message(code: &str) -> String {
    format!("The card verification failed: {code}.")
}

pub(crate) fn failure_body(v: &Vaulting) -> Vec<u8> {
    let code = v.failure.as_deref().unwrap_or("PROCESS_FAIL");
    to_bytes(&json!({
        "result": result("F", "VERIFICATION_FAIL", &failure_message(code)),
        "vaultingRequestId": v.request_id,
    }))
}

/// The signed-later notifyVaulting body for a final outcome.
pub(crate) fn notification(v: &Vaulting) -> NotifyJob {
    let mut body = json!({
        "vaultingRequestId": v.request_id,
        "vaultingCreateTime": v.created_at,
    });
    match v.status {
        Status::Success => body["result"] = result("S", "SUCCESS", "success."),
        _ => {
            let code = v.failure.as_deref().unwrap_or("PROCESS_FAIL");
            body["result"] = result("F", code, &failure_message(code));
        }
    }
    body["paymentMethodDetail"] = match &v.card {
        Some(card) => card_json(card),
        None => json!({"paymentMethodType": "CARD"}),
    };
    if let Some(m) = &v.metadata {
        body["metadata"] = json!(m);
    }
    NotifyJob {
        vaulting_request_id: v.request_id.clone(),
        url: v.notify_url.clone(),
        body: to_bytes(&body),
    }
}

/// inquireVaulting.
pub fn inquire(shared: &Shared, request: &Value) -> Reply {
    let id = text(request, &["vaultingRequestId"]).unwrap_or_default();
    let store = shared.lock_store();
    let Some(v) = store.vaultings.get(&id) else {
        return Reply::body(result_body(
            "F",
            "VAULTING_NOT_EXIST",
            "No vaulting exists for this vaultingRequestId.",
        ));
    };
    let mut body = json!({
        "result": result("S", "SUCCESS", "success."),
        "vaultingRequestId": v.request_id,
        "vaultingStatus": v.status.as_str(),
    });
    match v.status {
        Status::Success => {
            body["vaultingResultCode"] = json!("SUCCESS");
            body["vaultingResultMessage"] = json!("success.");
            if let Some(card) = &v.card {
                body["paymentMethodDetail"] = card_json(card);
            }
        }
        Status::Processing => {
            body["vaultingResultCode"] = json!("VERIFICATION_IN_PROCESS");
            body["vaultingResultMessage"] = json!("The verification is still under process.");
            if let Some(c) = &v.challenge {
                body["normalUrl"] = json!(challenge_url(shared, &c.token));
            } else if let Some(s) = &v.session {
                body["normalUrl"] = json!(format!("{}/hosted/vaulting/{}", shared.base_url, s.id));
            }
        }
        Status::Fail => {
            let code = v.failure.as_deref().unwrap_or("PROCESS_FAIL");
            body["vaultingResultCode"] = json!(code);
            body["vaultingResultMessage"] = json!(failure_message(code));
        }
    }
    if let Some(m) = &v.metadata {
        body["metadata"] = json!(m);
    }
    Reply::body(to_bytes(&body))
}
