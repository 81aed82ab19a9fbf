//! Every kind of answer the emulator gives (each result code it can produce for each API, each
//! fault, each notification) decodes into the generated type, passes its `validate()`, and
//! carries a code the API's result-code enum knows, with the status the spec declares for it.

mod common;

use std::time::Duration;

use antom_vault::api::{MerchantApi, ResultCode};
use antom_vault::client::Client;
use antom_vault::validate::Validate;
use antom_vault::{
    CreateVaultingSession, InquireVaulting, InquireVaultingResultCode, NotifyVaulting,
    NotifyVaultingResultCode, VaultPaymentMethod, VaultPaymentMethodResultCode, VaultingStatus,
};
use antom_vault_mock::cards::{CardBehaviour, TEST_CARDS};
use antom_vault_mock::{Emulator, FaultKind, FaultRule};
use common::{Hook, HookMode};
use serde::de::DeserializeOwned;

/// How to spoil a request before sending it.
#[derive(Clone, Copy, Debug)]
enum Spoil {
    None,
    ClientId,
    Signature,
    KeyVersion,
    ContentType,
    RequestTime,
}

struct Answer {
    status: u16,
    body: Vec<u8>,
    signed: bool,
}

async fn send<A: MerchantApi>(
    emulator: &Emulator,
    client: &Client,
    request: &A::Request,
    spoil: Spoil,
) -> Answer {
    let signed = client.sign::<A>(request).expect("signs");
    let mut builder = reqwest::Client::new().post(&signed.url);
    for (name, value) in signed.headers() {
        let value = match (spoil, name) {
            (Spoil::ClientId, "Client-Id") => "SOMEONE_ELSE".to_owned(),
            (Spoil::Signature, "Signature") => value.replace("signature=", "signature=AA"),
            (Spoil::KeyVersion, "Signature") => value.replace("keyVersion=1", "keyVersion=9"),
            (Spoil::ContentType, "Content-Type") => "text/plain".to_owned(),
            (Spoil::RequestTime, "Request-Time") => "yesterday".to_owned(),
            _ => value,
        };
        builder = builder.header(name, value);
    }
    let _ = emulator;
    let response = builder.body(signed.body).send().await.expect("answer");
    let status = response.status().as_u16();
    let signed = response.headers().contains_key("signature");
    let body = response.bytes().await.expect("body").to_vec();
    Answer {
        status,
        body,
        signed,
    }
}

/// Decodes, validates and checks the code of an answer of `A`.
fn check<A>(answer: &Answer, expected: &A::ResultCode) -> A::Response
where
    A: MerchantApi,
    A::Response: DeserializeOwned + Validate,
{
    assert_eq!(answer.status, 200, "{}", A::NAME);
    let response: A::Response = serde_json::from_slice(&answer.body).expect("decodes");
    response
        .validate()
        .unwrap_or_else(|e| panic!("{} answer {} is invalid: {e}", A::NAME, expected));
    let result = A::result(&response);
    let code = A::ResultCode::from_code(&result.result_code);
    assert_eq!(&code, expected, "{}", A::NAME);
    assert!(code.status().is_some(), "{} declares {code}", A::NAME);
    assert_eq!(code.status(), Some(result.result_status.clone()), "{code}");
    response
}

/// The gateway's refusals and the injected faults that answer with a body, for one API.
async fn gateway_and_fault_answers<A>(emulator: &Emulator, client: &Client, request: &A::Request)
where
    A: MerchantApi,
    A::Response: DeserializeOwned + Validate,
{
    let code = A::ResultCode::from_code;
    for (spoil, expected, signed) in [
        (Spoil::ClientId, code("CLIENT_INVALID"), false),
        (Spoil::Signature, code("INVALID_SIGNATURE"), false),
        (Spoil::KeyVersion, code("KEY_NOT_FOUND"), false),
        (Spoil::RequestTime, code("PARAM_ILLEGAL"), false),
        (Spoil::ContentType, code("MEDIA_TYPE_NOT_ACCEPTABLE"), true),
    ] {
        let answer = send::<A>(emulator, client, request, spoil).await;
        check::<A>(&answer, &expected);
        assert_eq!(answer.signed, signed, "{spoil:?}");
    }
    for (kind, expected, signed) in [
        (FaultKind::UnknownException, "UNKNOWN_EXCEPTION", true),
        (FaultKind::RateLimit, "REQUEST_TRAFFIC_EXCEED_LIMIT", true),
        (FaultKind::Unsigned, "", false),
        (FaultKind::CorruptSignature, "", true),
        (FaultKind::Delay, "", true),
    ] {
        emulator.inject(
            FaultRule::next(kind, 1)
                .for_api(A::NAME)
                .with_delay(Duration::from_millis(5)),
        );
        let answer = send::<A>(emulator, client, request, Spoil::None).await;
        assert_eq!(answer.signed, signed, "{kind:?}");
        let response: A::Response = serde_json::from_slice(&answer.body).expect("decodes");
        response.validate().expect("a faulted answer validates");
        if !expected.is_empty() {
            check::<A>(&answer, &code(expected));
        }
    }
    for (kind, status) in [(FaultKind::Http500, 500), (FaultKind::Http502, 502)] {
        emulator.inject(FaultRule::next(kind, 1).for_api(A::NAME));
        let answer = send::<A>(emulator, client, request, Spoil::None).await;
        assert_eq!(answer.status, status);
    }
}

#[tokio::test]
async fn every_answer_validates_and_decodes() {
    let emulator = common::emulator().await;
    let client = common::client(&emulator);
    let hook = Hook::start(&emulator, HookMode::Ack).await;

    // createVaultingSession
    let session = common::session_request("ans-session", &hook.url);
    gateway_and_fault_answers::<CreateVaultingSession>(&emulator, &client, &session).await;
    let created = send::<CreateVaultingSession>(&emulator, &client, &session, Spoil::None).await;
    let first = check::<CreateVaultingSession>(&created, &"SUCCESS".into());
    assert!(first.normal_url.is_some() && first.vaulting_session_data.is_some());
    let changed = common::session_request("ans-session", "http://127.0.0.1:9/other");
    let repeat = send::<CreateVaultingSession>(&emulator, &client, &changed, Spoil::None).await;
    check::<CreateVaultingSession>(&repeat, &"REPEAT_REQ_INCONSISTENT".into());

    // vaultPaymentMethod: every test card
    let plain = common::vault_request("ans-plain", "4111111111111111", &hook.url);
    gateway_and_fault_answers::<VaultPaymentMethod>(&emulator, &client, &plain).await;
    for (i, card) in TEST_CARDS.iter().enumerate() {
        let id = format!("ans-card-{i}");
        let request = common::vault_request(&id, card.number, &hook.url);
        let expected = match card.behaviour {
            CardBehaviour::Approve | CardBehaviour::LoseFirstResponse => {
                VaultPaymentMethodResultCode::Success
            }
            CardBehaviour::Challenge => VaultPaymentMethodResultCode::VerificationInProcess,
            CardBehaviour::Decline(_) => VaultPaymentMethodResultCode::VerificationFail,
            CardBehaviour::UnknownFirstAttempt => VaultPaymentMethodResultCode::UnknownException,
        };
        if card.behaviour == CardBehaviour::LoseFirstResponse {
            let _ = client.vault_payment_method(&request).await;
        }
        let answer = send::<VaultPaymentMethod>(&emulator, &client, &request, Spoil::None).await;
        let response = check::<VaultPaymentMethod>(&answer, &expected);
        if expected == VaultPaymentMethodResultCode::Success {
            let card = response
                .payment_method_detail
                .and_then(|d| d.card)
                .expect("a vaulted card");
            assert!(card.card_token.is_some() && card.brand.is_some());
        }
        // inquireVaulting of the same id
        let inquiry = common::inquire_request(&id);
        let answer = send::<InquireVaulting>(&emulator, &client, &inquiry, Spoil::None).await;
        if card.behaviour == CardBehaviour::UnknownFirstAttempt {
            check::<InquireVaulting>(&answer, &InquireVaultingResultCode::VaultingNotExist);
        } else {
            let response = check::<InquireVaulting>(&answer, &InquireVaultingResultCode::Success);
            assert!(response.vaulting_status.is_some());
        }
    }
    let reused = common::vault_request("ans-plain", "5555555555554444", &hook.url);
    let answer = send::<VaultPaymentMethod>(&emulator, &client, &reused, Spoil::None).await;
    check::<VaultPaymentMethod>(&answer, &"REPEAT_REQ_INCONSISTENT".into());

    // inquireVaulting
    let inquiry = common::inquire_request("ans-nobody");
    gateway_and_fault_answers::<InquireVaulting>(&emulator, &client, &inquiry).await;
    let answer = send::<InquireVaulting>(&emulator, &client, &inquiry, Spoil::None).await;
    check::<InquireVaulting>(&answer, &InquireVaultingResultCode::VaultingNotExist);
    let session_state = common::inquire_request("ans-session");
    let answer = send::<InquireVaulting>(&emulator, &client, &session_state, Spoil::None).await;
    let response = check::<InquireVaulting>(&answer, &InquireVaultingResultCode::Success);
    assert_eq!(response.vaulting_status, Some(VaultingStatus::Processing));

    // notifyVaulting: one per final outcome, each verified by the library and valid
    for (i, card) in TEST_CARDS.iter().enumerate() {
        let id = format!("ans-card-{i}");
        let expected = match card.behaviour {
            // A synchronous decline is notified with the answer's code.
            CardBehaviour::Decline(_) => Some(NotifyVaultingResultCode::VerificationFail),
            CardBehaviour::Challenge | CardBehaviour::UnknownFirstAttempt => None,
            _ => Some(NotifyVaultingResultCode::Success),
        };
        let Some(expected) = expected else { continue };
        common::eventually("notification", || hook.processed(&id).is_some()).await;
        let notification = hook.processed(&id).expect("notified");
        notification.validate().expect("the notification validates");
        let code = <NotifyVaulting as antom_vault::Notification>::idempotency_key(&notification);
        assert_eq!(code, id);
        assert_eq!(
            NotifyVaultingResultCode::from(notification.result.result_code.as_str()),
            expected
        );
    }
}
