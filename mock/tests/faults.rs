//! Every fault kind, seen through the real client: retries keep ids and bodies, nothing is vaulted
//! twice, lost responses are found again with inquireVaulting, bad and missing signatures are never
//! taken for success.

mod common;

use std::time::Duration;

use antom_vault::client::Client;
use antom_vault::error::Error;
use antom_vault::retry::RetryPolicy;
use antom_vault_mock::{Api, Emulator, FaultKind, FaultRule};
use common::*;

/// The body digests the emulator received for `(api, id)`.
fn bodies(emulator: &Emulator, api: Api, id: &str) -> Vec<String> {
    emulator
        .received()
        .into_iter()
        .filter(|r| r.api == api && r.vaulting_request_id == id)
        .map(|r| r.body_sha256)
        .collect()
}

fn assert_same_body_resent(emulator: &Emulator, api: Api, id: &str, attempts: usize) {
    let seen = bodies(emulator, api, id);
    assert_eq!(seen.len(), attempts, "attempts of {id}");
    assert!(
        seen.windows(2).all(|w| w[0] == w[1]),
        "every retry of {id} resent the identical body"
    );
}

async fn vaulting_status(client: &Client, id: &str) -> Option<String> {
    match client.inquire_vaulting(&inquire_request(id)).await {
        Ok(r) => r.vaulting_status.as_ref().map(ToString::to_string),
        Err(e) => Some(
            e.failure()
                .map(|f| f.code().to_owned())
                .unwrap_or_else(|| e.to_string()),
        ),
    }
}

#[tokio::test]
async fn unknown_exception_and_rate_limit_are_retried_with_the_same_id_and_body() {
    let emulator = emulator().await;
    let client = client(&emulator);
    for id in ["fault-unknown-2-session", "fault-ratelimit-2-session"] {
        let response = client
            .create_vaulting_session(&session_request(id, NOWHERE))
            .await
            .expect("succeeds after retries");
        assert_eq!(response.result.result_code, "SUCCESS");
        assert_same_body_resent(&emulator, Api::CreateVaultingSession, id, 3);
    }
    assert_eq!(
        emulator.vaultings().len(),
        2,
        "one session each, however many attempts"
    );
}

#[tokio::test]
async fn exhausted_retries_leave_the_outcome_undetermined() {
    let emulator = emulator().await;
    let client = client_with(
        &emulator,
        fast_retries().with_max_attempts(2),
        Duration::from_secs(10),
    );
    let err = client
        .create_vaulting_session(&session_request("fault-unknown-5-session", NOWHERE))
        .await
        .expect_err("still U");
    assert!(matches!(err, Error::Undetermined { .. }), "{err:?}");
    assert_same_body_resent(
        &emulator,
        Api::CreateVaultingSession,
        "fault-unknown-5-session",
        2,
    );
    assert!(emulator.vaultings().is_empty());
}

#[tokio::test]
async fn http_errors_and_dropped_connections_are_retried_for_idempotent_apis() {
    let emulator = emulator().await;
    let client = client(&emulator);
    for id in ["fault-http500-1-s", "fault-http502-2-s", "fault-drop-1-s"] {
        let response = client
            .create_vaulting_session(&session_request(id, NOWHERE))
            .await
            .expect("retried");
        assert_eq!(response.result.result_code, "SUCCESS", "{id}");
        assert!(bodies(&emulator, Api::CreateVaultingSession, id).len() >= 2);
        assert_same_body_resent(
            &emulator,
            Api::CreateVaultingSession,
            id,
            bodies(&emulator, Api::CreateVaultingSession, id).len(),
        );
    }
    assert_eq!(emulator.vaultings().len(), 3);
}

#[tokio::test]
async fn transport_failures_on_vault_payment_method_are_not_resent_and_vault_nothing() {
    let emulator = emulator().await;
    let client = client(&emulator);
    for id in ["fault-http500-1-v", "fault-http502-1-v", "fault-drop-1-v"] {
        let err = client
            .vault_payment_method(&vault_request(id, "4111111111111111", NOWHERE))
            .await
            .expect_err("lost");
        assert!(err.is_outcome_unknown(), "{id}: {err:?}");
        assert_eq!(
            bodies(&emulator, Api::VaultPaymentMethod, id).len(),
            1,
            "vaultPaymentMethod is not resent"
        );
        assert_eq!(
            vaulting_status(&client, id).await.as_deref(),
            Some("VAULTING_NOT_EXIST")
        );
    }
}

#[tokio::test]
async fn a_lost_response_is_found_with_inquire_vaulting() {
    let emulator = emulator().await;
    let client = client(&emulator);
    for (id, card) in [
        ("fault-lost-1-v", "4111111111111111"),
        ("card-lost-v", "4000000000000341"),
    ] {
        let err = client
            .vault_payment_method(&vault_request(id, card, NOWHERE))
            .await
            .expect_err("lost");
        assert!(err.is_outcome_unknown(), "{err:?}");
        assert_eq!(
            vaulting_status(&client, id).await.as_deref(),
            Some("SUCCESS"),
            "{id} was vaulted"
        );
        // Sending the same request again replays the stored outcome; nothing is vaulted twice.
        let again = client
            .vault_payment_method(&vault_request(id, card, NOWHERE))
            .await
            .expect("replayed");
        assert_eq!(again.result.result_code, "SUCCESS");
    }
    assert_eq!(emulator.vaultings().len(), 2);
}

#[tokio::test]
async fn a_slow_response_past_the_client_timeout_still_vaulted() {
    let emulator = emulator().await;
    emulator.inject(
        FaultRule::next(FaultKind::Delay, 1)
            .for_api("vaultPaymentMethod")
            .with_delay(Duration::from_millis(1500)),
    );
    let impatient = client_with(&emulator, RetryPolicy::none(), Duration::from_millis(300));
    let err = impatient
        .vault_payment_method(&vault_request("slow-1", "4111111111111111", NOWHERE))
        .await
        .expect_err("timeout");
    assert!(err.is_outcome_unknown(), "{err:?}");
    let client = client(&emulator);
    eventually_status(&client, "slow-1", "SUCCESS").await;
    // A delay shorter than the timeout is just slow.
    emulator.inject(FaultRule::next(FaultKind::Delay, 1).with_delay(Duration::from_millis(20)));
    client
        .vault_payment_method(&vault_request("slow-2", "4111111111111111", NOWHERE))
        .await
        .expect("slow but fine");
}

async fn eventually_status(client: &Client, id: &str, status: &str) {
    for _ in 0..200 {
        if vaulting_status(client, id).await.as_deref() == Some(status) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{id} never reached {status}");
}

#[tokio::test]
async fn corrupted_signatures_are_rejected_even_on_success() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let err = client
        .vault_payment_method(&vault_request(
            "fault-badsig-1-v",
            "4111111111111111",
            NOWHERE,
        ))
        .await
        .expect_err("bad signature");
    assert!(matches!(err, Error::ResponseSignature { .. }), "{err:?}");
    // The vaulting happened; a verified inquiry shows it.
    assert_eq!(
        vaulting_status(&client, "fault-badsig-1-v")
            .await
            .as_deref(),
        Some("SUCCESS")
    );
}

#[tokio::test]
async fn unsigned_responses_are_never_success() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let err = client
        .vault_payment_method(&vault_request(
            "fault-unsigned-1-v",
            "4111111111111111",
            NOWHERE,
        ))
        .await
        .expect_err("unsigned S");
    assert!(matches!(err, Error::ResponseSignature { .. }), "{err:?}");
    // An unsigned failure is reported as an unverified failure.
    emulator.inject(FaultRule::next(FaultKind::Unsigned, 1).for_api("inquireVaulting"));
    let err = client
        .inquire_vaulting(&inquire_request("nobody"))
        .await
        .expect_err("unsigned F");
    assert!(matches!(err, Error::Unverified(_)), "{err:?}");
}

#[tokio::test]
async fn test_cards_inject_unknown_exception_once_per_card_number_so_a_new_id_succeeds() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let err = client
        .vault_payment_method(&vault_request("card-unknown", "4000000000000259", NOWHERE))
        .await
        .expect_err("U");
    assert!(
        matches!(err, Error::NewIdRequired(_)),
        "vaultPaymentMethod U needs a new id: {err:?}"
    );
    assert_eq!(
        vaulting_status(&client, "card-unknown").await.as_deref(),
        Some("VAULTING_NOT_EXIST")
    );
    // The documented action, a new id, vaults the card: the fault fired for this card number.
    let fresh = client
        .vault_payment_method(&vault_request(
            "card-unknown-2",
            "4000 0000 0000 0259",
            NOWHERE,
        ))
        .await;
    assert_eq!(
        fresh.expect("a new id vaults").result.result_code,
        "SUCCESS"
    );
    // The first id, sent again, vaults as well: nothing was stored under it.
    let again = client
        .vault_payment_method(&vault_request("card-unknown", "4000000000000259", NOWHERE))
        .await;
    assert_eq!(
        again.expect("second attempt vaults").result.result_code,
        "SUCCESS"
    );
}

#[tokio::test]
async fn control_api_adds_lists_and_clears_rules() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let http = reqwest::Client::new();
    let faults = format!("{}/__emulator/faults", emulator.base_url());
    let added = http
        .post(&faults)
        .body(r#"{"kind":"http_502","count":1,"api":"inquireVaulting"}"#)
        .send()
        .await
        .expect("post");
    assert_eq!(added.status(), 201);
    let listed = http
        .get(&faults)
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    assert!(listed.contains("http_502"), "{listed}");
    // inquireVaulting is idempotent: the 502 is retried with the same id.
    let err = client
        .inquire_vaulting(&inquire_request("nobody"))
        .await
        .expect_err("F");
    assert_eq!(err.failure().expect("result").code(), "VAULTING_NOT_EXIST");
    assert_eq!(bodies(&emulator, Api::InquireVaulting, "nobody").len(), 2);
    assert_eq!(
        http.get(&faults)
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("text"),
        "[]"
    );

    let bad = http
        .post(&faults)
        .body(r#"{"kind":"explode"}"#)
        .send()
        .await
        .expect("post");
    assert_eq!(bad.status(), 400);
    http.post(&faults)
        .body(r#"{"kind":"unknown_exception","count":9}"#)
        .send()
        .await
        .expect("post");
    assert_eq!(
        http.delete(&faults).send().await.expect("delete").status(),
        204
    );
    client
        .inquire_vaulting(&inquire_request("nobody"))
        .await
        .expect_err("plain F, no fault left");
    assert_eq!(bodies(&emulator, Api::InquireVaulting, "nobody").len(), 3);

    let vaultings = http
        .get(format!("{}/__emulator/vaultings", emulator.base_url()))
        .send()
        .await
        .expect("get");
    assert_eq!(vaultings.status(), 200);
}
