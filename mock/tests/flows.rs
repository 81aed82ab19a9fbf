//! The real client against the emulator over loopback: every vaulting flow.

mod common;

use antom_vault::{InquireVaultingResultCode, ResultCode as _, VaultPaymentMethodResultCode};
use antom_vault_mock::{Emulator, Status};
use common::*;

fn outcome_of(page: &str) -> String {
    let start = page.find("data-status=\"").expect("outcome marker") + "data-status=\"".len();
    page[start..start + page[start..].find('"').expect("end")].to_owned()
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http")
}

#[tokio::test]
async fn hosted_page_session_vaults_notifies_and_inquires() {
    let emulator = emulator().await;
    let hook = Hook::start(&emulator, HookMode::Ack).await;
    let client = client(&emulator);

    let session = client
        .create_vaulting_session(&session_request("flow-session", &hook.url))
        .await
        .expect("session");
    assert_eq!(session.result.result_code, "SUCCESS");
    let url = session.normal_url.clone().expect("normalUrl");
    assert!(
        session
            .vaulting_session_id
            .as_deref()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(
        session
            .vaulting_session_data
            .as_deref()
            .is_some_and(|s| s.contains("&&"))
    );

    // Before the buyer acts, the vaulting is processing.
    let pending = client
        .inquire_vaulting(&inquire_request("flow-session"))
        .await
        .expect("inquire");
    assert_eq!(
        pending
            .vaulting_status
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("PROCESSING")
    );

    let form = http().get(&url).send().await.expect("page");
    assert_eq!(form.status(), 200);
    assert!(form.text().await.expect("html").contains("<form"));
    let submitted = http()
        .post(&url)
        .form(&[
            ("cardNo", "4111 1111 1111 1111"),
            ("expiryMonth", "12"),
            ("expiryYear", "49"),
            ("cvv", "123"),
        ])
        .send()
        .await
        .expect("submit");
    assert_eq!(
        outcome_of(&submitted.text().await.expect("html")),
        "SUCCESS"
    );

    eventually("the session's notification is processed", || {
        hook.processed("flow-session").is_some()
    })
    .await;
    let notification = hook.processed("flow-session").expect("notification");
    assert_eq!(notification.result.result_code, "SUCCESS");
    let card = notification
        .payment_method_detail
        .and_then(|d| d.card)
        .expect("card");
    assert_eq!(card.masked_card_no.as_deref(), Some("************1111"));
    assert!(
        card.card_token
            .as_ref()
            .is_some_and(|t| t.expose().starts_with("ALIPAY"))
    );

    let done = client
        .inquire_vaulting(&inquire_request("flow-session"))
        .await
        .expect("inquire");
    assert_eq!(
        done.vaulting_status
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("SUCCESS")
    );
    let inquired = done
        .payment_method_detail
        .and_then(|d| d.card)
        .expect("card");
    assert_eq!(
        inquired.card_token, card.card_token,
        "inquiry and notification agree on the token"
    );

    // Submitting again changes nothing.
    let again = http()
        .post(&url)
        .form(&[
            ("cardNo", "5555555555554444"),
            ("expiryMonth", "12"),
            ("expiryYear", "49"),
        ])
        .send()
        .await
        .expect("submit");
    assert_eq!(outcome_of(&again.text().await.expect("html")), "SUCCESS");
    assert_eq!(emulator.vaultings().len(), 1);
    assert_eq!(
        emulator.vaultings()[0]
            .card
            .as_ref()
            .map(|c| c.masked_card_no.as_str()),
        Some("************1111")
    );
}

#[tokio::test]
async fn direct_vaulting_returns_token_brand_and_mask() {
    let emulator = emulator().await;
    let hook = Hook::start(&emulator, HookMode::Ack).await;
    let client = client(&emulator);
    for (id, number, brand, mask) in [
        (
            "direct-visa",
            "4111111111111111",
            "VISA",
            "************1111",
        ),
        (
            "direct-mc",
            "5555555555554444",
            "MASTERCARD",
            "************4444",
        ),
        ("direct-amex", "378282246310005", "AMEX", "***********0005"),
    ] {
        let response = client
            .vault_payment_method(&vault_request(id, number, &hook.url))
            .await
            .expect("vaulted");
        assert_eq!(response.result.result_code, "SUCCESS");
        let card = response
            .payment_method_detail
            .and_then(|d| d.card)
            .expect("card");
        assert_eq!(
            card.brand.as_ref().map(ToString::to_string).as_deref(),
            Some(brand)
        );
        assert_eq!(card.masked_card_no.as_deref(), Some(mask));
        assert!(card.card_token.is_some());
        eventually("notification processed", || hook.processed(id).is_some()).await;
    }
}

#[tokio::test]
async fn three_ds_card_completes_or_fails_on_the_challenge_page() {
    let emulator = emulator().await;
    let hook = Hook::start(&emulator, HookMode::Ack).await;
    let client = client(&emulator);
    for (id, answer, status) in [
        ("3ds-pass", "pass", "SUCCESS"),
        ("3ds-fail", "fail", "FAIL"),
    ] {
        let response = client
            .vault_payment_method(&vault_request(id, "4000000000003220", &hook.url))
            .await
            .expect("redirect");
        assert_eq!(response.result.result_code, "VERIFICATION_IN_PROCESS");
        assert_eq!(
            VaultPaymentMethodResultCode::from_code(&response.result.result_code),
            VaultPaymentMethodResultCode::VerificationInProcess
        );
        let url = response.normal_url.expect("normalUrl");
        let pending = client
            .inquire_vaulting(&inquire_request(id))
            .await
            .expect("inquire");
        assert_eq!(
            pending
                .vaulting_status
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("PROCESSING")
        );
        assert_eq!(pending.normal_url.as_deref(), Some(url.as_str()));
        assert_eq!(http().get(&url).send().await.expect("page").status(), 200);
        let page = http()
            .post(&url)
            .form(&[("outcome", answer)])
            .send()
            .await
            .expect("answer");
        assert_eq!(outcome_of(&page.text().await.expect("html")), status);
        eventually("notification processed", || hook.processed(id).is_some()).await;
        let inquired = client
            .inquire_vaulting(&inquire_request(id))
            .await
            .expect("inquire");
        assert_eq!(
            inquired
                .vaulting_status
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some(status)
        );
    }
    let failed = hook.processed("3ds-fail").expect("notification");
    assert_eq!(failed.result.result_status.to_string(), "F");
    assert_eq!(
        failed.result.result_code,
        "USER_PAYMENT_VERIFICATION_FAILED"
    );
    // A repeat of the 3DS request after the outcome answers the final result.
    let repeat = client
        .vault_payment_method(&vault_request("3ds-pass", "4000000000003220", &hook.url))
        .await
        .expect("S");
    assert_eq!(repeat.result.result_code, "SUCCESS");
}

#[tokio::test]
async fn declines_fail_with_realistic_vaulting_result_codes() {
    let emulator = emulator().await;
    let hook = Hook::start(&emulator, HookMode::Ack).await;
    let client = client(&emulator);
    for (id, number, code) in [
        ("decline-honor", "4000000000000002", "DO_NOT_HONOR"),
        ("decline-expired", "4000000000000069", "CARD_EXPIRED"),
        ("decline-cvv", "4000000000000127", "INVALID_CVV"),
        ("decline-luhn", "4111111111111112", "INVALID_CARD_NUMBER"),
    ] {
        let err = client
            .vault_payment_method(&vault_request(id, number, &hook.url))
            .await
            .expect_err("declined");
        let failure = err.failure().expect("a result");
        assert_eq!(failure.code(), "VERIFICATION_FAIL");
        assert!(failure.message().contains(code), "{}", failure.message());
        let inquired = client
            .inquire_vaulting(&inquire_request(id))
            .await
            .expect("inquire");
        assert_eq!(
            inquired
                .vaulting_status
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("FAIL")
        );
        assert_eq!(inquired.vaulting_result_code.as_deref(), Some(code));
        // The notification agrees with the synchronous answer: same code, same message.
        eventually("failure notified", || hook.processed(id).is_some()).await;
        let notified = hook.processed(id).expect("n").result;
        assert_eq!(notified.result_code, "VERIFICATION_FAIL");
        assert_eq!(notified.result_message.as_deref(), Some(failure.message()));
    }
    assert!(
        emulator
            .vaultings()
            .iter()
            .all(|v| v.status == Status::Fail)
    );
}

#[tokio::test]
async fn unknown_ids_are_vaulting_not_exist() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let err = client
        .inquire_vaulting(&inquire_request("never-seen"))
        .await
        .expect_err("F");
    assert_eq!(err.failure().expect("result").code(), "VAULTING_NOT_EXIST");
    // A typed "not found", not a request to fix.
    assert!(err.is_not_found());
    assert_eq!(
        err.failure().expect("result").action(),
        antom_vault::ResultAction::NotFound
    );
    assert_eq!(
        err.result_code::<antom_vault::InquireVaulting>(),
        Some(InquireVaultingResultCode::VaultingNotExist)
    );
}

#[tokio::test]
async fn sandbox_client_talks_to_sandbox_paths() {
    let emulator = Emulator::start(config().client_id("SANDBOX_5X00000000000000"))
        .await
        .expect("start");
    let client = client(&emulator);
    let response = client
        .vault_payment_method(&vault_request("sbx-1", "4111111111111111", NOWHERE))
        .await
        .expect("S");
    assert_eq!(response.result.result_code, "SUCCESS");
}

#[tokio::test]
async fn repeated_requests_are_idempotent_and_changed_ones_inconsistent() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let first = client
        .vault_payment_method(&vault_request("idem-1", "4111111111111111", NOWHERE))
        .await
        .expect("S");
    let second = client
        .vault_payment_method(&vault_request("idem-1", "4111111111111111", NOWHERE))
        .await
        .expect("S");
    let token = |r: &antom_vault::VaultPaymentMethodResponse| {
        r.payment_method_detail
            .as_ref()
            .and_then(|d| d.card.as_ref())
            .and_then(|c| c.card_token.clone())
    };
    assert_eq!(
        token(&first),
        token(&second),
        "the repeat returns the same vaulting"
    );
    let err = client
        .vault_payment_method(&vault_request("idem-1", "5555555555554444", NOWHERE))
        .await
        .expect_err("inconsistent");
    assert_eq!(
        err.failure().expect("result").code(),
        "REPEAT_REQ_INCONSISTENT"
    );
    assert_eq!(emulator.vaultings().len(), 1);
}

#[tokio::test]
async fn an_expired_session_page_is_gone_and_vaults_nothing() {
    let emulator = Emulator::start(config().session_ttl(std::time::Duration::ZERO))
        .await
        .expect("start");
    let client = client(&emulator);
    let session = client
        .create_vaulting_session(&session_request("expired-1", NOWHERE))
        .await
        .expect("session");
    let url = session.normal_url.expect("normalUrl");
    let page = http().get(&url).send().await.expect("page");
    assert_eq!(page.status(), 410);
    assert_eq!(outcome_of(&page.text().await.expect("html")), "GONE");
    let submitted = http()
        .post(&url)
        .form(&[
            ("cardNo", "4111111111111111"),
            ("expiryMonth", "12"),
            ("expiryYear", "49"),
        ])
        .send()
        .await
        .expect("submit");
    assert_eq!(submitted.status(), 410);
    let inquired = client
        .inquire_vaulting(&inquire_request("expired-1"))
        .await
        .expect("inquire");
    assert_eq!(
        inquired
            .vaulting_status
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("PROCESSING")
    );
    assert!(emulator.vaultings()[0].card.is_none(), "no card was taken");
}
