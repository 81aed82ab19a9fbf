//! notifyVaulting delivery: signed, resent on Antom's schedule until acknowledged, and not after.

mod common;

use common::*;

fn attempts_for(
    emulator: &antom_vault_mock::Emulator,
    id: &str,
) -> Vec<antom_vault_mock::DeliveryAttempt> {
    emulator
        .deliveries()
        .into_iter()
        .filter(|d| d.vaulting_request_id == id)
        .collect()
}

#[tokio::test]
async fn an_acknowledged_notification_is_delivered_once() {
    let emulator = emulator().await;
    let hook = Hook::start(&emulator, HookMode::Ack).await;
    let client = client(&emulator);
    client
        .vault_payment_method(&vault_request("n-ack", "4111111111111111", &hook.url))
        .await
        .expect("S");
    eventually("acknowledged", || {
        attempts_for(&emulator, "n-ack")
            .iter()
            .any(|a| a.acknowledged)
    })
    .await;
    // Give the (sped-up) schedule time to run out; nothing more may arrive.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(attempts_for(&emulator, "n-ack").len(), 1);
    assert_eq!(hook.deliveries("n-ack"), 1);
    assert_eq!(hook.rejected(), 0, "every notification verified");
}

#[tokio::test]
async fn failed_deliveries_are_resent_until_acknowledged_and_duplicates_are_handled() {
    let emulator = emulator().await;
    let hook = Hook::start(&emulator, HookMode::FailFirst(2)).await;
    let client = client(&emulator);
    client
        .vault_payment_method(&vault_request("n-retry", "4111111111111111", &hook.url))
        .await
        .expect("S");
    eventually("acknowledged", || {
        attempts_for(&emulator, "n-retry")
            .iter()
            .any(|a| a.acknowledged)
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let attempts = attempts_for(&emulator, "n-retry");
    assert_eq!(attempts.len(), 3, "{attempts:?}");
    assert_eq!(
        attempts.iter().map(|a| a.http_status).collect::<Vec<_>>(),
        vec![Some(500), Some(500), Some(200)]
    );
    assert_eq!(
        attempts.iter().map(|a| a.attempt).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(
        hook.deliveries("n-retry"),
        3,
        "the merchant saw the duplicates"
    );
    assert_eq!(hook.processed_count(), 1, "and processed the vaulting once");
    assert_eq!(
        hook.processed("n-retry")
            .expect("stored")
            .result
            .result_code,
        "SUCCESS"
    );
}

#[tokio::test]
async fn a_wrong_acknowledgement_is_resent_eight_times_then_given_up() {
    let emulator = emulator().await;
    let hook = Hook::start(&emulator, HookMode::WrongAck).await;
    let client = client(&emulator);
    client
        .vault_payment_method(&vault_request("n-wrong", "4000000000000002", &hook.url))
        .await
        .expect_err("declined");
    eventually("all eight attempts made", || {
        attempts_for(&emulator, "n-wrong").len() == 8
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let attempts = attempts_for(&emulator, "n-wrong");
    assert_eq!(attempts.len(), 8);
    assert!(
        attempts
            .iter()
            .all(|a| !a.acknowledged && a.http_status == Some(200))
    );
    let notification = hook.processed("n-wrong").expect("verified");
    assert_eq!(notification.result.result_status.to_string(), "F");
    assert_eq!(notification.result.result_code, "VERIFICATION_FAIL");
    assert!(
        notification
            .result
            .result_message
            .as_deref()
            .is_some_and(|m| m.contains("DO_NOT_HONOR"))
    );
}

#[tokio::test]
async fn an_unreachable_merchant_gets_every_attempt() {
    let emulator = emulator().await;
    let client = client(&emulator);
    client
        .vault_payment_method(&vault_request("n-nowhere", "4111111111111111", NOWHERE))
        .await
        .expect("S");
    eventually("eight attempts", || {
        attempts_for(&emulator, "n-nowhere").len() == 8
    })
    .await;
    assert!(
        attempts_for(&emulator, "n-nowhere")
            .iter()
            .all(|a| a.error.is_some() && a.http_status.is_none())
    );
}

/// The crate's axum extractor, mounted as `examples/axum_webhook.rs` mounts it (a handler at
/// `/notify` nested under `/antom`), receives the emulator's notification and acknowledges it.
#[tokio::test]
async fn the_axum_extractor_under_a_nested_router_acknowledges_the_emulators_notification() {
    use antom_vault::NotifyVaulting;
    use antom_vault::webhook::axum::{Acknowledge, Verified};
    use axum::Router;
    use axum::routing::post;

    async fn notify(Verified(verified): Verified<NotifyVaulting>) -> Acknowledge {
        assert!(!verified.client_id.is_empty());
        Acknowledge
    }

    let emulator = emulator().await;
    let client = client(&emulator);
    for (id, verifier) in [
        // The path from `OriginalUri`, before the nesting stripped `/antom`.
        ("n-axum-original", client.webhook_verifier()),
        // The path from the configured notification URL.
        (
            "n-axum-configured",
            client
                .webhook_verifier()
                .notification_url("https://shop.example/antom/notify?shop=1")
                .expect("url"),
        ),
    ] {
        let inner = Router::new().route("/notify", post(notify));
        let app: Router = Router::new().nest("/antom", inner).with_state(verifier);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!(
            "http://{}/antom/notify?shop=1",
            listener.local_addr().expect("addr")
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        client
            .vault_payment_method(&vault_request(id, "4111111111111111", &url))
            .await
            .expect("S");
        eventually("acknowledged", || {
            attempts_for(&emulator, id).iter().any(|a| a.acknowledged)
        })
        .await;
    }
}
