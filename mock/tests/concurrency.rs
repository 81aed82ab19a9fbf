//! 64 tasks sharing one client: every vaulting arrives exactly once.

mod common;

use std::collections::HashSet;

use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_four_concurrent_vaultings_share_one_client() {
    let emulator = emulator().await;
    let hook = Hook::start(&emulator, HookMode::Ack).await;
    let client = client(&emulator);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..64 {
        let client = client.clone();
        let url = hook.url.clone();
        tasks.spawn(async move {
            // Every fourth task is rate limited once first; the client backs off and resends.
            let id = if i % 4 == 0 {
                format!("fault-ratelimit-1-conc-{i:02}")
            } else {
                format!("conc-{i:02}")
            };
            let response = client
                .vault_payment_method(&vault_request(&id, "4111111111111111", &url))
                .await;
            let token = response
                .ok()
                .and_then(|r| r.payment_method_detail)
                .and_then(|d| d.card)
                .and_then(|c| c.card_token)
                .map(antom_vault::CardToken::into_exposed);
            (id, token)
        });
    }
    let mut tokens = HashSet::new();
    let mut ids = HashSet::new();
    while let Some(joined) = tasks.join_next().await {
        let (id, token) = joined.expect("task");
        assert!(ids.insert(id.clone()));
        assert!(
            tokens.insert(token.expect("vaulted")),
            "token of {id} is unique"
        );
    }
    let vaultings = emulator.vaultings();
    assert_eq!(vaultings.len(), 64, "no vaulting lost or duplicated");
    let stored: HashSet<_> = vaultings
        .iter()
        .filter_map(|v| v.card.as_ref()?.card_token.clone())
        .collect();
    assert_eq!(
        stored, tokens,
        "the emulator holds exactly the tokens the client received"
    );
    eventually("every notification processed", || {
        hook.processed_count() == 64
    })
    .await;
}
