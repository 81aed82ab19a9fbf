//! The emulator's memory stays bounded: beyond its limit it forgets the oldest finished
//! vaultings, never one whose notification is still being delivered.

mod common;

use common::*;

fn ids(emulator: &antom_vault_mock::Emulator) -> Vec<String> {
    emulator
        .vaultings()
        .into_iter()
        .map(|v| v.vaulting_request_id)
        .collect()
}

#[tokio::test]
async fn the_oldest_finished_vaultings_are_forgotten_beyond_the_limit() {
    let emulator = antom_vault_mock::Emulator::start(config().max_vaultings(3))
        .await
        .expect("emulator starts");
    let hook = Hook::start(&emulator, HookMode::Ack).await;
    let client = client(&emulator);
    for n in 1..=5 {
        let id = format!("bound-{n}");
        client
            .vault_payment_method(&vault_request(&id, "4111111111111111", &hook.url))
            .await
            .expect("S");
        deliveries_ended(&emulator, &id).await;
    }
    assert_eq!(ids(&emulator), ["bound-3", "bound-4", "bound-5"]);
    assert_eq!(hook.processed_count(), 5, "every vaulting was notified");
    // A forgotten id is free again: the same request vaults anew instead of replaying.
    client
        .vault_payment_method(&vault_request("bound-1", "4111111111111111", &hook.url))
        .await
        .expect("S");
    assert_eq!(ids(&emulator), ["bound-1", "bound-4", "bound-5"]);
}

#[tokio::test]
async fn vaultings_whose_notifications_are_in_delivery_are_kept_past_the_limit() {
    // Real-time schedule: after a failed first attempt the next one is minutes away, so every
    // delivery stays in progress for the whole test.
    let emulator = antom_vault_mock::Emulator::start(config().notify_speedup(1.0).max_vaultings(1))
        .await
        .expect("emulator starts");
    let client = client(&emulator);
    for n in 1..=3 {
        client
            .vault_payment_method(&vault_request(
                &format!("pinned-{n}"),
                "4111111111111111",
                NOWHERE,
            ))
            .await
            .expect("S");
    }
    assert_eq!(ids(&emulator), ["pinned-1", "pinned-2", "pinned-3"]);
    assert!(
        ["pinned-1", "pinned-2", "pinned-3"]
            .iter()
            .all(|id| emulator.is_notifying(id))
    );
}
