//! The client's resolve-unknown policy against the emulator's faults: after an unknown outcome
//! the resolver looks the id up with inquireVaulting and returns what the emulator actually did.

mod common;

use std::time::Duration;

use antom_vault::client::{Client, Found, ResolvePolicy, Resolved, Resolver};
use antom_vault::error::Error;
use antom_vault::{VaultPaymentMethod, VaultPaymentMethodResponse};
use antom_vault_mock::cards::{CardBehaviour, TEST_CARDS};
use antom_vault_mock::{Api, Emulator, FaultKind, FaultRule, Status};
use common::*;

/// The first documented test card with this behaviour.
fn card(behaviour: fn(&CardBehaviour) -> bool) -> &'static str {
    TEST_CARDS
        .iter()
        .find(|c| behaviour(&c.behaviour))
        .expect("a documented test card")
        .number
}

fn approved() -> &'static str {
    card(|b| *b == CardBehaviour::Approve)
}

/// Millisecond look-ups so that the tests take no time.
fn fast_policy() -> ResolvePolicy {
    ResolvePolicy::default()
        .with_first_delay(Duration::from_millis(1))
        .with_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .with_jitter(false)
}

fn resolver(client: &Client) -> Resolver {
    client.resolver().with_policy(fast_policy())
}

async fn vault(
    resolver: &Resolver,
    id: &str,
    card_no: &str,
) -> Result<Resolved<VaultPaymentMethodResponse>, Error> {
    resolver
        .execute::<VaultPaymentMethod>(&vault_request(id, card_no, NOWHERE))
        .await
}

fn looked_up(outcome: Result<Resolved<VaultPaymentMethodResponse>, Error>) -> (Error, Found) {
    match outcome {
        Ok(Resolved::LookedUp { cause, found }) => (cause, found),
        other => panic!("expected a look-up, got {other:?}"),
    }
}

fn emulator_token(emulator: &Emulator, id: &str) -> Option<String> {
    emulator
        .vaultings()
        .into_iter()
        .find(|v| v.vaulting_request_id == id && v.status == Status::Success)
        .and_then(|v| v.card)
        .and_then(|c| c.card_token)
}

#[tokio::test]
async fn a_lost_or_untrusted_answer_resolves_to_the_vaulted_card() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let resolver = resolver(&client);
    for id in [
        "fault-lost-1-r",
        "fault-badsig-1-r",
        "fault-unsigned-1-r",
        "fault-delay400-1-r",
    ] {
        let impatient = client_with(&emulator, fast_retries(), Duration::from_millis(150));
        let outcome = impatient
            .resolver()
            .with_policy(fast_policy())
            .execute::<VaultPaymentMethod>(&vault_request(id, approved(), NOWHERE))
            .await;
        let (cause, found) = looked_up(outcome);
        assert!(antom_vault::client::resolve::needs_lookup(&cause), "{id}");
        let token = found
            .card()
            .and_then(|d| d.card.as_ref())
            .and_then(|c| c.card_token.clone())
            .map(antom_vault::CardToken::into_exposed);
        assert!(matches!(found, Found::Vaulted(_)), "{id}: {found:?}");
        assert_eq!(token, emulator_token(&emulator, id), "{id}: the same card");
        assert!(token.is_some(), "{id}");
    }
    // A call that answers needs no look-up.
    let answered = vault(&resolver, "plain-r", approved()).await.expect("ok");
    assert!(matches!(answered, Resolved::Answered(_)));
    assert_eq!(
        emulator
            .received()
            .iter()
            .filter(|r| r.api == Api::InquireVaulting && r.vaulting_request_id == "plain-r")
            .count(),
        0
    );
}

#[tokio::test]
async fn a_request_that_never_landed_resolves_to_not_found() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let resolver = resolver(&client);
    for id in ["fault-drop-1-r", "fault-http500-1-r", "fault-unknown-1-r"] {
        let (cause, found) = looked_up(vault(&resolver, id, approved()).await);
        assert!(
            matches!(found, Found::NotFound),
            "{id}: {found:?} after {cause}"
        );
        // Not found is confirmed by two answers.
        let lookups = emulator
            .received()
            .iter()
            .filter(|r| r.api == Api::InquireVaulting && r.vaulting_request_id == id)
            .count();
        assert_eq!(lookups, 2, "{id}");
    }
    assert!(emulator.vaultings().is_empty());
}

#[tokio::test]
async fn declines_and_pending_challenges_resolve_to_failed_and_processing() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let resolver = resolver(&client);
    let declined = card(|b| matches!(b, CardBehaviour::Decline(_)));
    let (_, found) = looked_up(vault(&resolver, "fault-lost-1-decline", declined).await);
    let Found::Failed(response) = &found else {
        panic!("{found:?}");
    };
    let snapshot = emulator
        .vaultings()
        .into_iter()
        .find(|v| v.vaulting_request_id == "fault-lost-1-decline")
        .expect("recorded");
    assert_eq!(response.vaulting_result_code, snapshot.failure);

    let challenged = card(|b| *b == CardBehaviour::Challenge);
    let (_, found) = looked_up(vault(&resolver, "fault-badsig-1-3ds", challenged).await);
    let Found::Processing(response) = &found else {
        panic!("{found:?}");
    };
    assert!(response.normal_url.is_some(), "where to send the buyer");
}

#[tokio::test]
async fn without_the_policy_or_when_look_ups_fail_the_call_stays_unknown() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let off = client.resolver().with_policy(ResolvePolicy::none());
    let err = vault(&off, "fault-lost-1-off", approved())
        .await
        .expect_err("unknown");
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert!(emulator_token(&emulator, "fault-lost-1-off").is_some());

    // Every inquiry fails too: the original error comes back after the bounded look-ups.
    emulator.inject(FaultRule::next(FaultKind::Http502, 1000).for_api("inquireVaulting"));
    let err = vault(&resolver(&client), "fault-lost-1-down", approved())
        .await
        .expect_err("still unknown");
    assert!(err.is_outcome_unknown(), "{err:?}");
    let inquiries = emulator
        .received()
        .iter()
        .filter(|r| r.api == Api::InquireVaulting && r.vaulting_request_id == "fault-lost-1-down")
        .count();
    let bound = fast_policy().max_lookups() as usize * fast_retries().max_attempts() as usize;
    assert_eq!(inquiries, bound, "bounded: look-ups × retry attempts");

    // A verified failure of the call itself is definite and is not looked up.
    emulator.clear_faults();
    vault(&resolver(&client), "dup", approved())
        .await
        .expect("ok");
    let err = vault(
        &resolver(&client),
        "dup",
        card(|b| matches!(b, CardBehaviour::Decline(_))),
    )
    .await
    .expect_err("same id, other card");
    assert!(matches!(err, Error::Failed(_)), "{err:?}");
}
