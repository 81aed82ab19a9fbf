//! The business rules of the three APIs: idempotency, card decisions, 3-D Secure, final outcomes.
//! Works on decoded, validated requests; answers with typed responses (see [`crate::answer`]).

use antom_vault::{
    AntomResult, CreateVaultingSession, CreateVaultingSessionRequest,
    CreateVaultingSessionResponse, CreateVaultingSessionResultCode, InquireVaulting,
    InquireVaultingRequest, InquireVaultingResponse, InquireVaultingResultCode,
    NotifyVaultingResultCode, VaultPaymentMethod, VaultPaymentMethodRequest,
    VaultPaymentMethodResponse, VaultPaymentMethodResultCode, VaultedCard,
    VaultedPaymentMethodDetail, VaultingNotification,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;

use crate::answer::{Answerable, GatewayCodes, bare, encode, encode_answer, result};
use crate::cards::{self, CardBehaviour, CardInput, Decision};
use crate::emulator::Shared;
use crate::notifier::NotifyJob;
use crate::pages;
use crate::state::{Api, CardFacts, Challenge, Session, Status, Vaulting};
use crate::timefmt;
use antom_vault::GatewayResultCode;

/// What an API call produced.
#[derive(Debug, Default)]
pub struct Reply {
    /// The response body (an encoded, validated typed answer).
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

/// An API whose business rules the emulator runs; the request path is generic over it.
pub(crate) trait Served: Answerable {
    /// The emulator's name for the API.
    const API: Api;
    /// Decides the answer to a decoded, validated request.
    fn decide(shared: &Shared, request: &Self::Request) -> Reply;
}

impl Served for CreateVaultingSession {
    const API: Api = Api::CreateVaultingSession;
    fn decide(shared: &Shared, request: &Self::Request) -> Reply {
        create_session(shared, request)
    }
}

impl Served for VaultPaymentMethod {
    const API: Api = Api::VaultPaymentMethod;
    fn decide(shared: &Shared, request: &Self::Request) -> Reply {
        vault_payment_method(shared, request)
    }
}

impl Served for InquireVaulting {
    const API: Api = Api::InquireVaulting;
    fn decide(shared: &Shared, request: &Self::Request) -> Reply {
        inquire(shared, request)
    }
}

const SUCCESS_MESSAGE: &str = "success.";
const IN_PROCESS_MESSAGE: &str = "The verification is still under process.";

pub(crate) fn random_token(bytes: usize) -> Vec<u8> {
    let mut buf = vec![0u8; bytes];
    if aws_lc_rs::rand::fill(&mut buf).is_err() {
        buf.iter_mut().enumerate().for_each(|(i, b)| *b = i as u8);
    }
    buf
}

/// A digest of the request's wire form (every scalar a string, no nulls, unknown fields gone, the
/// type's field order): repeats are compared by it, so the emulator never keeps card data to tell
/// them apart, and `true` and `"true"` compare equal.
fn request_digest<R: Serialize>(request: &R) -> String {
    sha256_hex(&serde_json::to_vec(request).unwrap_or_default())
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes).as_ref())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn repeat_inconsistent<A: Answerable>() -> Reply {
    Reply::body(encode_answer::<A>(&bare::<A>(
        &A::ResultCode::gateway(GatewayResultCode::RepeatReqInconsistent),
        "This idempotency id was already used with different parameters.",
    )))
}

/// createVaultingSession.
pub fn create_session(shared: &Shared, request: &CreateVaultingSessionRequest) -> Reply {
    let id = request.vaulting_request_id.clone();
    let canon = request_digest(request);
    let mut store = shared.lock_store();
    if let Some(existing) = store.vaultings.get(&id) {
        return if existing.origin == Api::CreateVaultingSession && existing.request == canon {
            Reply::body(existing.first_response.clone())
        } else {
            repeat_inconsistent::<CreateVaultingSession>()
        };
    }
    let session_id = format!("VS{}", hex(&random_token(12)));
    let expires_at_millis = timefmt::now_millis() + shared.session_ttl.as_millis();
    // Opaque, as Antom's is: only Antom's own front-end code reads it.
    let session_data = format!(
        "{}&&{}",
        STANDARD.encode(random_token(48)),
        STANDARD.encode(random_token(24))
    );
    let answer = CreateVaultingSessionResponse::builder()
        .result(result(
            &CreateVaultingSessionResultCode::Success,
            SUCCESS_MESSAGE,
        ))
        .vaulting_session_data(session_data)
        .vaulting_session_id(session_id.clone())
        .vaulting_session_expiry_time(timefmt::format_iso((expires_at_millis / 1000) as u64))
        .normal_url(pages::card_page_url(shared, &session_id))
        .build();
    let body = encode_answer::<CreateVaultingSession>(&answer);
    store.by_session.insert(session_id.clone(), id.clone());
    store.vaultings.insert(
        id.clone(),
        Vaulting {
            request_id: id,
            origin: Api::CreateVaultingSession,
            request: canon,
            notify_url: request.vaulting_notification_url.clone(),
            redirect_url: request.redirect_url.clone(),
            payment_method_type: request.payment_method_type.clone(),
            metadata: None,
            created_at: timefmt::now_iso(),
            status: Status::Processing,
            card: None,
            failure: None,
            session: Some(Session {
                id: session_id,
                expires_at_millis,
            }),
            wants_3ds: request.is_3ds_authentication.unwrap_or(false),
            challenge: None,
            first_response: body.clone(),
            final_response: None,
        },
    );
    Reply::body(body)
}

/// The card facts of a number, with no token yet.
pub(crate) fn card_facts(number: &str) -> CardFacts {
    let digest = aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        format!("antom-vault-emulator:{}", cards::normalise(number)).as_bytes(),
    );
    CardFacts {
        card_token: None,
        masked_card_no: cards::mask(number),
        brand: cards::brand_of(number),
        fingerprint: hex(digest.as_ref()),
    }
}

pub(crate) fn with_token(mut card: CardFacts) -> CardFacts {
    card.card_token = Some(format!("ALIPAY{}", STANDARD.encode(random_token(36))));
    card
}

/// The vaulted payment method as answers and notifications carry it.
fn vaulted(v: &Vaulting) -> VaultedPaymentMethodDetail {
    let detail = VaultedPaymentMethodDetail::builder().payment_method_type(&*v.payment_method_type);
    match &v.card {
        Some(card) => {
            let mut c = VaultedCard::builder()
                .masked_card_no(&*card.masked_card_no)
                .brand(card.brand.clone());
            if let Some(token) = &card.card_token {
                c = c.card_token(&**token);
            }
            detail.card(c.build()).build()
        }
        None => detail.build(),
    }
}

/// vaultPaymentMethod.
pub fn vault_payment_method(shared: &Shared, request: &VaultPaymentMethodRequest) -> Reply {
    let id = request.vaulting_request_id.clone();
    let canon = request_digest(request);
    let card = &request.payment_method_detail.card;
    let number = card.card_no.as_str();
    let wants_3ds = card.is_3ds_authentication.unwrap_or(false);
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
            repeat_inconsistent::<VaultPaymentMethod>()
        };
    }
    let behaviour = cards::behaviour_of(number);
    // Per card number, not per id: the documented action for this U is a new id, which then works.
    if behaviour == Some(CardBehaviour::UnknownFirstAttempt)
        && store
            .card_faults_fired
            .insert(format!("card:{}", cards::normalise(number)))
    {
        return Reply::body(encode_answer::<VaultPaymentMethod>(&bare::<
            VaultPaymentMethod,
        >(
            &VaultPaymentMethodResultCode::UnknownException,
            "An unknown exception occurred (test card).",
        )));
    }
    let lose_response = behaviour == Some(CardBehaviour::LoseFirstResponse)
        && store.card_faults_fired.insert(id.clone());
    let decision = cards::decide(
        &CardInput {
            number,
            expiry_month: &card.expiry_month,
            expiry_year: &card.expiry_year,
        },
        timefmt::current_year_month(),
    );
    let mut vaulting = Vaulting {
        request_id: id.clone(),
        origin: Api::VaultPaymentMethod,
        request: canon,
        notify_url: request.vaulting_notification_url.clone(),
        redirect_url: Some(request.redirect_url.clone()),
        payment_method_type: request.payment_method_detail.payment_method_type.clone(),
        metadata: request.metadata.clone(),
        created_at: timefmt::now_iso(),
        status: Status::Processing,
        card: Some(card_facts(number)),
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
            let card = vaulting.card.clone().unwrap_or_else(|| card_facts(number));
            vaulting.challenge = Some(Challenge {
                token: token.clone(),
                card,
            });
            let answer = VaultPaymentMethodResponse::builder()
                .result(result(
                    &VaultPaymentMethodResultCode::VerificationInProcess,
                    IN_PROCESS_MESSAGE,
                ))
                .vaulting_request_id(id.clone())
                .normal_url(pages::challenge_url(shared, &token))
                .build();
            vaulting.first_response = encode_answer::<VaultPaymentMethod>(&answer);
            store.by_challenge.insert(token, id.clone());
        }
        Decision::Decline(code) => {
            vaulting.status = Status::Fail;
            vaulting.failure = Some(code);
            vaulting.first_response = failure_body(&vaulting);
            notify = Some(decline_notification(&vaulting));
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

/// The S answer of a vaultPaymentMethod that vaulted the card.
pub(crate) fn success_body(v: &Vaulting) -> Vec<u8> {
    let answer = VaultPaymentMethodResponse::builder()
        .result(result(
            &VaultPaymentMethodResultCode::Success,
            SUCCESS_MESSAGE,
        ))
        .vaulting_request_id(v.request_id.clone())
        .payment_method_detail(vaulted(v))
        .build();
    encode_answer::<VaultPaymentMethod>(&answer)
}

fn failure_code(v: &Vaulting) -> NotifyVaultingResultCode {
    v.failure
        .clone()
        .unwrap_or(NotifyVaultingResultCode::ProcessFail)
}

fn failure_message(code: &NotifyVaultingResultCode) -> String {
    format!("The card verification failed: {code}.")
}

/// The F answer of a vaultPaymentMethod whose card was declined.
pub(crate) fn failure_body(v: &Vaulting) -> Vec<u8> {
    let answer = VaultPaymentMethodResponse::builder()
        .result(result(
            &VaultPaymentMethodResultCode::VerificationFail,
            &failure_message(&failure_code(v)),
        ))
        .vaulting_request_id(v.request_id.clone())
        .build();
    encode_answer::<VaultPaymentMethod>(&answer)
}

/// The notifyVaulting body for a final outcome reached after the synchronous answer (3-D Secure,
/// the hosted page): a failure carries its reason as the result code.
pub(crate) fn notification(v: &Vaulting) -> NotifyJob {
    let outcome = match v.status {
        Status::Success => result(&NotifyVaultingResultCode::Success, SUCCESS_MESSAGE),
        _ => {
            let code = failure_code(v);
            result(&code, &failure_message(&code))
        }
    };
    notification_with(v, outcome)
}

/// The notifyVaulting body for a card declined in the synchronous answer. The sources document
/// `VERIFICATION_FAIL` for that answer and the reason only as inquireVaulting's
/// `vaultingResultCode` (FACTS A.4, C.2, C.5); they are silent on the notification's code (C.4). So
/// the notification agrees with the answer it follows: the same code and the same message (which
/// names the reason), and the reason as a code stays in inquireVaulting.
fn decline_notification(v: &Vaulting) -> NotifyJob {
    let reason = failure_code(v);
    let outcome = result(
        &NotifyVaultingResultCode::VerificationFail,
        &failure_message(&reason),
    );
    notification_with(v, outcome)
}

fn notification_with(v: &Vaulting, outcome: AntomResult) -> NotifyJob {
    let mut body = VaultingNotification::builder()
        .result(outcome)
        .vaulting_request_id(v.request_id.clone())
        .vaulting_create_time(v.created_at.clone())
        .payment_method_detail(vaulted(v));
    if let Some(m) = &v.metadata {
        body = body.metadata(m.clone());
    }
    let body = body.build();
    let bytes = encode(&body).unwrap_or_else(|unfit| {
        tracing::error!(paths = %unfit.0, "emulator notification failed validation");
        Vec::new()
    });
    NotifyJob {
        vaulting_request_id: v.request_id.clone(),
        url: v.notify_url.clone(),
        body: bytes,
    }
}

/// The `vaultingResultCode` and message of a vaulting as inquireVaulting reports them.
fn vaulting_result(v: &Vaulting) -> (String, String) {
    match v.status {
        Status::Success => (
            NotifyVaultingResultCode::Success.as_str().to_owned(),
            SUCCESS_MESSAGE.to_owned(),
        ),
        Status::Fail => {
            let code = failure_code(v);
            (code.as_str().to_owned(), failure_message(&code))
        }
        _ => (
            VaultPaymentMethodResultCode::VerificationInProcess
                .as_str()
                .to_owned(),
            IN_PROCESS_MESSAGE.to_owned(),
        ),
    }
}

/// inquireVaulting.
pub fn inquire(shared: &Shared, request: &InquireVaultingRequest) -> Reply {
    let store = shared.lock_store();
    let Some(v) = store.vaultings.get(&request.vaulting_request_id) else {
        return Reply::body(encode_answer::<InquireVaulting>(&bare::<InquireVaulting>(
            &InquireVaultingResultCode::VaultingNotExist,
            "No vaulting exists with this id.",
        )));
    };
    let (code, message) = vaulting_result(v);
    let mut answer = InquireVaultingResponse::builder()
        .result(result(&InquireVaultingResultCode::Success, SUCCESS_MESSAGE))
        .vaulting_request_id(v.request_id.clone())
        .vaulting_status(v.status.clone())
        .vaulting_result_code(code)
        .vaulting_result_message(message);
    match v.status {
        Status::Success if v.card.is_some() => answer = answer.payment_method_detail(vaulted(v)),
        Status::Processing => {
            if let Some(c) = &v.challenge {
                answer = answer.normal_url(pages::challenge_url(shared, &c.token));
            } else if let Some(s) = &v.session {
                answer = answer.normal_url(pages::card_page_url(shared, &s.id));
            }
        }
        _ => {}
    }
    if let Some(m) = &v.metadata {
        answer = answer.metadata(m.clone());
    }
    Reply::body(encode_answer::<InquireVaulting>(&answer.build()))
}
