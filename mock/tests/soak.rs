//! Chaos soak: the real client vaults many cards against the emulator while faults are injected at
//! random (fixed seed), then every `vaultingRequestId` is checked three ways: what the client
//! reported, what the webhook receiver accepted, and what the emulator actually vaulted.
//!
//! - **API faults** are injected by the emulator, chosen per card through its request-id prefixes:
//!   U results, rate limits (some past the client's retries), HTTP 500/502, dropped connections,
//!   lost answers, delays past the client timeout, corrupted and missing signatures; plus the test
//!   cards whose first attempt fails.
//! - **Notification faults** are injected between the emulator's notifier and the receiver by a
//!   relay in this test: duplicates replayed later, deliveries held back (so they arrive out of
//!   order), corrupted copies (the receiver must refuse them; the relay then fails the delivery so
//!   the emulator resends), and lost acknowledgements (the emulator resends a delivery the receiver
//!   already processed).
//!
//! The test passes only with **0 lost** (vaulted, but reported failed or not found), **0
//! duplicated** (two cards for one id, or any request or vaulting under an id the caller never
//! chose) and **0 wrong** (a reported or notified outcome that is not what the emulator did). It
//! prints the counts per fault kind, and how many outcomes stay unknown without and with the
//! client's resolve-unknown policy.
//!
//! `SOAK_CARDS` (default 300) and `SOAK_SEED` change the run; `scripts/soak.sh` runs the long one.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use antom_vault::client::{Found, ResolvePolicy, Resolved};
use antom_vault::error::Error;
use antom_vault::keys::VerifyingKey;
use antom_vault::webhook::{ACKNOWLEDGEMENT, WebhookVerifier};
use antom_vault::{
    NotifyVaulting, ResultStatus, VaultPaymentMethod, VaultPaymentMethodResponse,
    VaultedPaymentMethodDetail,
};
use antom_vault_mock::cards::{CardBehaviour, TEST_CARDS};
use antom_vault_mock::{Api, Emulator, Status};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use common::*;
use tokio::sync::Semaphore;

/// The client gives up after this long; injected delays are longer.
/// Generous, so that only the injected delays (and not a busy debug build) outlast it.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);
/// Calls in flight at once.
const CONCURRENCY: usize = 24;

/// splitmix64: a small, seedable generator, so that a run can be repeated exactly.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A generator for one key, independent of the order in which keys are asked for.
    fn keyed(seed: u64, key: &str, salt: u64) -> Rng {
        let mut h = seed ^ salt.wrapping_mul(0x100_0000_01B3);
        for b in key.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
        }
        Rng(h)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ------------------------------------------------------------------------ the plan of one card

/// The API fault the emulator injects for one card (its request-id prefix), or none.
fn api_fault(rng: &mut Rng) -> Option<(String, u32)> {
    let delay = format!("delay{}", CLIENT_TIMEOUT.as_millis() + 500);
    let kinds = [
        "unknown",
        "ratelimit",
        "http500",
        "http502",
        "drop",
        "lost",
        "badsig",
        "unsigned",
        delay.as_str(),
    ];
    // About half of the calls are faulted.
    if rng.below(2) == 0 {
        return None;
    }
    let kind = kinds[rng.below(kinds.len() as u64) as usize].to_owned();
    // Rate limits sometimes outlast the client's retries.
    let times = if kind == "ratelimit" {
        1 + rng.below(4) as u32
    } else {
        1
    };
    Some((kind, times))
}

/// A test card: mostly approvals, then declines, 3-D Secure and the self-faulting cards.
fn card(rng: &mut Rng) -> &'static str {
    let pick = |wanted: fn(&CardBehaviour) -> bool, rng: &mut Rng| {
        let matching: Vec<_> = TEST_CARDS.iter().filter(|c| wanted(&c.behaviour)).collect();
        matching[rng.below(matching.len() as u64) as usize].number
    };
    match rng.below(10) {
        0..=4 => pick(|b| *b == CardBehaviour::Approve, rng),
        5 | 6 => pick(|b| matches!(b, CardBehaviour::Decline(_)), rng),
        7 => pick(|b| *b == CardBehaviour::Challenge, rng),
        8 => pick(|b| *b == CardBehaviour::LoseFirstResponse, rng),
        _ => pick(|b| *b == CardBehaviour::UnknownFirstAttempt, rng),
    }
}

fn fault_label(id: &str) -> String {
    match id.strip_prefix("fault-") {
        Some(rest) => {
            let mut parts = rest.split('-');
            let kind = parts.next().unwrap_or_default();
            let times = parts.next().unwrap_or_default();
            if kind.starts_with("delay") {
                "delay past timeout".into()
            } else if kind == "ratelimit" {
                format!("ratelimit x{times}")
            } else {
                kind.into()
            }
        }
        None => "none".into(),
    }
}

// ------------------------------------------------------------------- what the client reported

#[derive(Clone, Debug, PartialEq, Eq)]
enum Reported {
    Vaulted(Option<String>),
    Failed,
    Processing,
    NotFound,
    Unknown,
}

fn token(detail: Option<&VaultedPaymentMethodDetail>) -> Option<String> {
    detail
        .and_then(|d| d.card.as_ref())
        .and_then(|c| c.card_token.clone())
        .map(antom_vault::CardToken::into_exposed)
}

struct CallReport {
    reported: Reported,
    /// Whether the call's own answer left the outcome unknown (what a caller without the
    /// policy would be left with).
    unknown_without_policy: bool,
}

fn report(outcome: Result<Resolved<VaultPaymentMethodResponse>, Error>) -> CallReport {
    match outcome {
        Ok(Resolved::Answered(response)) => CallReport {
            reported: match response.result.result_status {
                ResultStatus::Success => {
                    Reported::Vaulted(token(response.payment_method_detail.as_deref()))
                }
                _ => Reported::Processing,
            },
            unknown_without_policy: false,
        },
        Ok(Resolved::LookedUp { found, .. }) => CallReport {
            reported: match &found {
                Found::Vaulted(_) => Reported::Vaulted(token(found.card())),
                Found::Failed(_) => Reported::Failed,
                Found::Processing(_) => Reported::Processing,
                Found::NotFound => Reported::NotFound,
                _ => Reported::Unknown,
            },
            unknown_without_policy: true,
        },
        Err(Error::Failed(_)) => CallReport {
            reported: Reported::Failed,
            unknown_without_policy: false,
        },
        Err(error) => CallReport {
            reported: Reported::Unknown,
            unknown_without_policy: antom_vault::client::resolve::needs_lookup(&error),
        },
    }
}

// ------------------------------------------------------------- the receiver behind the relay

#[derive(Clone, Debug, PartialEq, Eq)]
struct Accepted {
    success: bool,
    token: Option<String>,
}

#[derive(Default)]
struct Receiver {
    /// The first accepted notification per id.
    processed: HashMap<String, Accepted>,
    /// Accepted deliveries per id, duplicates included.
    deliveries: HashMap<String, u32>,
    /// Accepted notifications that disagreed with the first one for their id.
    conflicting: u32,
    rejected: u32,
    /// Counts per notification fault injected by the relay.
    injected: BTreeMap<&'static str, u32>,
    /// Corrupted copies the receiver accepted (must stay 0).
    corrupt_accepted: u32,
}

struct Relay {
    verifier: WebhookVerifier,
    seed: u64,
    state: Mutex<Receiver>,
    arrivals: Mutex<HashMap<String, u32>>,
    /// Duplicates scheduled for a later replay that have not landed yet.
    replays_pending: std::sync::atomic::AtomicUsize,
}

impl Relay {
    /// Verifies and processes one delivery idempotently; whether it was accepted.
    fn receive(&self, method: &str, path: &str, headers: &HeaderMap, body: &[u8]) -> bool {
        let verified = self
            .verifier
            .verify::<NotifyVaulting, _>(method, path, headers, body);
        let mut state = self.state.lock().expect("lock");
        let notification = match verified {
            Ok(n) => n.into_notification(),
            Err(_) => {
                state.rejected += 1;
                return false;
            }
        };
        let accepted = Accepted {
            success: notification.result.result_status == ResultStatus::Success,
            token: token(notification.payment_method_detail.as_deref()),
        };
        let id = notification.vaulting_request_id;
        *state.deliveries.entry(id.clone()).or_default() += 1;
        match state.processed.get(&id) {
            Some(first) if *first != accepted => state.conflicting += 1,
            Some(_) => {}
            None => {
                state.processed.insert(id, accepted);
            }
        }
        true
    }

    fn count(&self, fault: &'static str) {
        *self
            .state
            .lock()
            .expect("lock")
            .injected
            .entry(fault)
            .or_default() += 1;
    }
}

async fn relay(
    State(relay): State<Arc<Relay>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri
        .path_and_query()
        .map_or(uri.path(), |p| p.as_str())
        .to_owned();
    // Which delivery of which notification this is, to pick its fault reproducibly.
    let key = String::from_utf8_lossy(&body).into_owned();
    let arrival = {
        let mut arrivals = relay.arrivals.lock().expect("lock");
        let n = arrivals.entry(key.clone()).or_default();
        *n += 1;
        *n
    };
    let mut rng = Rng::keyed(relay.seed, &key, u64::from(arrival));
    let ack = || (StatusCode::OK, ACKNOWLEDGEMENT).into_response();
    let refuse = || StatusCode::INTERNAL_SERVER_ERROR.into_response();
    // Only first deliveries are spoiled, so every notification gets through in the end.
    let fault = if arrival == 1 { rng.below(10) } else { 9 };
    match fault {
        0 | 1 => {
            relay.count("duplicate, replayed later");
            let accepted = relay.receive(method.as_str(), &path, &headers, &body);
            let (relay2, method2, path2, headers2) =
                (relay.clone(), method.clone(), path.clone(), headers.clone());
            let wait = Duration::from_millis(5 + rng.below(50));
            relay.replays_pending.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                tokio::time::sleep(wait).await;
                relay2.receive(method2.as_str(), &path2, &headers2, &body);
                relay2.replays_pending.fetch_sub(1, Ordering::SeqCst);
            });
            if accepted { ack() } else { refuse() }
        }
        2 | 3 => {
            relay.count("held back (out of order)");
            tokio::time::sleep(Duration::from_millis(rng.below(80))).await;
            if relay.receive(method.as_str(), &path, &headers, &body) {
                ack()
            } else {
                refuse()
            }
        }
        4 => {
            relay.count("corrupted copy");
            let mut corrupt = body.to_vec();
            let at = rng.below(corrupt.len() as u64) as usize;
            corrupt[at] ^= 1 << rng.below(8);
            if relay.receive(method.as_str(), &path, &headers, &corrupt) {
                relay.state.lock().expect("lock").corrupt_accepted += 1;
            }
            refuse()
        }
        5 => {
            relay.count("acknowledgement lost");
            relay.receive(method.as_str(), &path, &headers, &body);
            refuse()
        }
        _ => {
            if relay.receive(method.as_str(), &path, &headers, &body) {
                ack()
            } else {
                refuse()
            }
        }
    }
}

async fn start_relay(emulator: &Emulator, seed: u64) -> (String, Arc<Relay>) {
    let relay_state = Arc::new(Relay {
        verifier: WebhookVerifier::new(
            VerifyingKey::parse(emulator.antom_public_key()).expect("key"),
        )
        .expect_client_id(emulator.client_id()),
        seed,
        state: Mutex::default(),
        arrivals: Mutex::default(),
        replays_pending: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = axum::Router::new()
        .route("/hooks/antom", axum::routing::post(relay))
        .with_state(relay_state.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/hooks/antom?shop=1"), relay_state)
}

// ------------------------------------------------------------------------------------ the run

#[derive(Default, Clone)]
struct Row {
    calls: u32,
    unknown_without: u32,
    unknown_with: u32,
    vaulted: u32,
    failed: u32,
    processing: u32,
    not_found: u32,
}

fn print_row(label: &str, row: &Row) {
    println!(
        "| {label} | {} | {} | {} | {} | {} | {} | {} |",
        row.calls,
        row.vaulted,
        row.failed,
        row.processing,
        row.not_found,
        row.unknown_without,
        row.unknown_with
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_vaulting_is_lost_duplicated_or_misreported_under_chaos() {
    let cards = env_number("SOAK_CARDS", 300);
    let seed = env_number("SOAK_SEED", 0x5EED_2026);
    let emulator = emulator().await;
    let (hook_url, relay) = start_relay(&emulator, seed).await;
    let client = client_with(
        &emulator,
        fast_retries().with_max_attempts(3),
        CLIENT_TIMEOUT,
    );
    let resolver = client.resolver().with_policy(
        ResolvePolicy::default()
            .with_first_delay(Duration::from_millis(5))
            .with_backoff(Duration::from_millis(5), Duration::from_millis(40)),
    );

    let mut rng = Rng(seed);
    let plan: Vec<(String, &'static str)> = (0..cards)
        .map(|i| {
            let card = card(&mut rng);
            let id = match api_fault(&mut rng) {
                Some((kind, times)) => format!("fault-{kind}-{times}-soak-{i}"),
                None => format!("soak-{i}"),
            };
            (id, card)
        })
        .collect();
    let chosen: HashSet<String> = plan.iter().map(|(id, _)| id.clone()).collect();

    let gate = Arc::new(Semaphore::new(CONCURRENCY));
    let mut calls = tokio::task::JoinSet::new();
    for (id, card) in plan.clone() {
        let resolver = resolver.clone();
        let gate = gate.clone();
        let hook_url = hook_url.clone();
        calls.spawn(async move {
            let _permit = gate.acquire_owned().await.expect("gate");
            let outcome = resolver
                .execute::<VaultPaymentMethod>(&vault_request(&id, card, &hook_url))
                .await;
            (id, report(outcome))
        });
    }
    let mut reports = HashMap::new();
    while let Some(joined) = calls.join_next().await {
        let (id, report) = joined.expect("call task");
        reports.insert(id, report);
    }

    // Every final vaulting is notified in the end (the relay spoils first deliveries only).
    let vaultings = emulator.vaultings();
    let finals: Vec<_> = vaultings
        .iter()
        .filter(|v| v.status != Status::Processing)
        .map(|v| v.vaulting_request_id.clone())
        .collect();
    eventually("every final vaulting notified", || {
        let state = relay.state.lock().expect("lock");
        finals.iter().all(|id| state.processed.contains_key(id))
    })
    .await;
    eventually("every replayed duplicate landed", || {
        relay.replays_pending.load(Ordering::SeqCst) == 0
    })
    .await;

    let mut lost = Vec::new();
    let mut duplicated = Vec::new();
    let mut wrong = Vec::new();
    let by_id: HashMap<&str, _> = vaultings
        .iter()
        .map(|v| (v.vaulting_request_id.as_str(), v))
        .collect();
    for v in &vaultings {
        if !chosen.contains(&v.vaulting_request_id) {
            duplicated.push(format!(
                "vaulting under an id never chosen: {}",
                v.vaulting_request_id
            ));
        }
    }
    for r in emulator.received() {
        if r.api == Api::VaultPaymentMethod && !chosen.contains(&r.vaulting_request_id) {
            duplicated.push(format!(
                "request under an id never chosen: {}",
                r.vaulting_request_id
            ));
        }
    }
    let state = relay.state.lock().expect("lock");
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for (id, _) in &plan {
        let report = &reports[id];
        let actual = by_id.get(id.as_str());
        let emulator_token = actual
            .and_then(|v| v.card.as_ref())
            .and_then(|c| c.card_token.clone());
        let status = actual.map(|v| v.status.clone());
        let row = rows.entry(fault_label(id)).or_default();
        row.calls += 1;
        row.unknown_without += u32::from(report.unknown_without_policy);
        match &report.reported {
            Reported::Vaulted(token) => {
                row.vaulted += 1;
                if status != Some(Status::Success) || *token != emulator_token || token.is_none() {
                    wrong.push(format!("{id}: reported vaulted, emulator {status:?}"));
                }
            }
            Reported::Failed => {
                row.failed += 1;
                if status != Some(Status::Fail) {
                    let list = if status == Some(Status::Success) {
                        &mut lost
                    } else {
                        &mut wrong
                    };
                    list.push(format!("{id}: reported failed, emulator {status:?}"));
                }
            }
            Reported::Processing => {
                row.processing += 1;
                if status != Some(Status::Processing) {
                    wrong.push(format!("{id}: reported processing, emulator {status:?}"));
                }
            }
            Reported::NotFound => {
                row.not_found += 1;
                if status.is_some() {
                    lost.push(format!("{id}: reported not found, emulator {status:?}"));
                }
            }
            Reported::Unknown => row.unknown_with += 1,
        }
        // What the receiver accepted agrees with the emulator.
        match (status, state.processed.get(id)) {
            (Some(Status::Success), Some(n)) if n.success && n.token == emulator_token => {}
            (Some(Status::Fail), Some(n)) if !n.success => {}
            (Some(Status::Processing) | None, None) => {}
            (status, notified) => wrong.push(format!(
                "{id}: receiver accepted {notified:?}, emulator {status:?}"
            )),
        }
    }
    if state.conflicting > 0 {
        duplicated.push(format!("{} conflicting notifications", state.conflicting));
    }
    if state.corrupt_accepted > 0 {
        wrong.push(format!(
            "{} corrupted notifications accepted",
            state.corrupt_accepted
        ));
    }

    println!("chaos soak: {cards} cards, seed {seed:#x}");
    println!(
        "| API fault | calls | vaulted | failed | 3DS pending | not found (new id safe) | unknown without the policy | unknown with it |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut total = Row::default();
    for (label, row) in &rows {
        print_row(label, row);
        total.calls += row.calls;
        total.vaulted += row.vaulted;
        total.failed += row.failed;
        total.processing += row.processing;
        total.not_found += row.not_found;
        total.unknown_with += row.unknown_with;
        total.unknown_without += row.unknown_without;
    }
    print_row("**total**", &total);
    println!("notification faults (relay): {:?}", state.injected);
    let duplicates: u32 = state.deliveries.values().map(|n| n.saturating_sub(1)).sum();
    println!(
        "notifications: {} processed, {} duplicate deliveries absorbed, {} refused",
        state.processed.len(),
        duplicates,
        state.rejected
    );
    println!(
        "lost {} / duplicated {} / wrong {}; unknown outcomes without the policy {}, with it {}",
        lost.len(),
        duplicated.len(),
        wrong.len(),
        total.unknown_without,
        total.unknown_with
    );
    assert!(lost.is_empty(), "lost: {lost:?}");
    assert!(duplicated.is_empty(), "duplicated: {duplicated:?}");
    assert!(wrong.is_empty(), "wrong: {wrong:?}");
    assert!(
        total.unknown_without > 0,
        "the faults left some outcomes unknown for the policy to resolve"
    );
    assert_eq!(
        total.unknown_with, 0,
        "every unknown outcome was resolved: inquireVaulting is not faulted in this run"
    );
    let refused_expected = state.injected.get("corrupted copy").copied().unwrap_or(0);
    assert!(
        state.rejected >= refused_expected,
        "corrupted copies are refused"
    );
}
