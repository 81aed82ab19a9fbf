//! Round trips per second of the real client against the emulator over loopback, next to the pure
//! crypto bound measured in the same run.
//!
//! One inquireVaulting round trip costs one RSA signature and one verification on each side
//! (client signs, emulator verifies, emulator signs, client verifies). The bound is therefore
//! `threads / (2 × sign + 2 × verify)`, measured here with the same keys and the real request and
//! answer bytes. Three cases, each with its own bound:
//!
//! - concurrent: 4 calls per core in flight on a multi-thread runtime, against the bound on one
//!   thread per core (target at least 80 %);
//! - sequential: one call in flight on the same runtime, against the bound on a single thread
//!   (the rest of a sequential round trip is HTTP, runtime and JSON work, and the hand-over of
//!   each message between worker threads);
//! - sequential on a current-thread runtime: one call in flight with the client and a second
//!   emulator on one thread, against the same single-thread bound (no hand-over between threads).

use std::sync::Arc;
use std::time::{Duration, Instant};

use antom_vault::client::{Client, Environment};
use antom_vault::keys::{SigningKey, VerifyingKey};
use antom_vault::{CardDetail, Env, PaymentMethodDetail, TerminalType};
use antom_vault::{
    InquireVaulting, InquireVaultingRequest, MerchantApi, VaultPaymentMethodRequest,
};
use antom_vault_mock::{Emulator, EmulatorConfig};
use criterion::{Criterion, criterion_group, criterion_main};

const ID: &str = "bench-vaulting";
const PATH: &str = <InquireVaulting as MerchantApi>::PATH;

struct Setup {
    runtime: tokio::runtime::Runtime,
    client: Client,
    /// The exact bytes of one inquireVaulting request and its answer.
    request: Vec<u8>,
    response: Vec<u8>,
    merchant: SigningKey,
    merchant_public: VerifyingKey,
    _emulator: Emulator,
}

/// The client, an emulator and the bytes of one round trip, all on `runtime`.
fn setup(runtime: tokio::runtime::Runtime) -> Setup {
    let (emulator, client, merchant, request, response) = runtime.block_on(async {
        let emulator = Emulator::start(EmulatorConfig::default().notify_speedup(1_000_000.0))
            .await
            .expect("emulator");
        let merchant =
            SigningKey::parse(emulator.merchant_private_key().expect("generated")).expect("key");
        let client = Client::builder()
            .client_id(emulator.client_id())
            .environment(Environment::of_client_id(emulator.client_id()))
            .base_url(emulator.base_url())
            .merchant_private_key(merchant.clone())
            .antom_public_key(VerifyingKey::parse(emulator.antom_public_key()).expect("key"))
            .build()
            .expect("client");
        let card = CardDetail::builder()
            .card_no("4111111111111111")
            .expiry_month("12")
            .expiry_year("49")
            .build();
        let request = VaultPaymentMethodRequest::builder()
            .vaulting_request_id(ID)
            .vaulting_notification_url("http://127.0.0.1:9/n")
            .redirect_url("https://merchant.example/back")
            .payment_method_detail(
                PaymentMethodDetail::builder()
                    .payment_method_type("CARD")
                    .card(card)
                    .build(),
            )
            .env(Env::builder().terminal_type(TerminalType::Web).build())
            .build();
        client
            .vault_payment_method(&request)
            .await
            .expect("vaulted");
        // Let the notification attempts to the closed port finish before measuring.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let signed = client.sign::<InquireVaulting>(&inquiry()).expect("signs");
        let mut post = reqwest::Client::new().post(&signed.url);
        for (name, value) in signed.headers() {
            post = post.header(name, value);
        }
        let answer = post.body(signed.body.clone()).send().await.expect("answer");
        let response = answer.bytes().await.expect("body").to_vec();
        (emulator, client, merchant, signed.body, response)
    });
    let merchant_public = merchant.verifying_key().clone();
    Setup {
        runtime,
        client,
        request,
        response,
        merchant,
        merchant_public,
        _emulator: emulator,
    }
}

const CLIENT_ID: &str = "EMULATOR_CLIENT_ID";

fn inquiry() -> InquireVaultingRequest {
    InquireVaultingRequest::builder()
        .vaulting_request_id(ID)
        .build()
}

/// One round trip's cryptography: sign + verify a request, sign + verify a response.
fn crypto_round_trip(key: &SigningKey, public: &VerifyingKey, request: &[u8], response: &[u8]) {
    for body in [request, response] {
        let header = key
            .sign_request(PATH, CLIENT_ID, "1685599933871", body, Some(1))
            .expect("sign");
        public
            .verify_request(PATH, CLIENT_ID, "1685599933871", body, &header)
            .expect("verify");
    }
}

async fn concurrent_round_trips(client: &Client, total: u64, concurrency: u64) {
    let client = Arc::new(client.clone());
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..concurrency {
        let client = client.clone();
        let share = total / concurrency + u64::from(worker < total % concurrency);
        tasks.spawn(async move {
            let request = inquiry();
            for _ in 0..share {
                client.inquire_vaulting(&request).await.expect("round trip");
            }
        });
    }
    while tasks.join_next().await.is_some() {}
}

fn benches(c: &mut Criterion) {
    let s = setup(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime"),
    );
    // The same client and emulator on one thread: no hand-over between worker threads, which is
    // what a sequential caller on a current-thread runtime (a test, a CLI) gets.
    let one = setup(
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime"),
    );
    let cores = std::thread::available_parallelism()
        .map(|n| n.get() as u64)
        .unwrap_or(1);

    let mut group = c.benchmark_group("roundtrip");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("crypto_bound_2_sign_2_verify", |b| {
        b.iter(|| crypto_round_trip(&s.merchant, &s.merchant_public, &s.request, &s.response))
    });
    for (name, setup, in_flight) in [
        ("client_emulator_inquire_concurrent", &s, 4 * cores),
        ("client_emulator_inquire_sequential", &s, 1),
        ("client_emulator_inquire_sequential_one_thread", &one, 1),
    ] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| timed_round_trips(setup, iters, in_flight))
        });
    }
    group.finish();

    // The ratio, measured side by side (only in a real benchmark run, not under `cargo test`):
    // the bound runs the same cryptography on one thread per core at once, so both figures see
    // the same machine; three interleaved rounds, best of each.
    if std::env::args().any(|a| a == "--bench") {
        report(
            &format!("\nconcurrent ({} in flight)", 4 * cores),
            &format!("{cores} threads"),
            ratio(&s, cores, 4 * cores, 1_500),
            " (target >= 80%)",
        );
        report(
            "sequential (1 in flight)",
            "1 thread",
            ratio(&s, 1, 1, 400),
            "",
        );
        report(
            "sequential on a current-thread runtime",
            "1 thread",
            ratio(&one, 1, 1, 400),
            "",
        );
    }
}

/// Prints one case's rate, its bound and their ratio.
fn report(case: &str, bound_threads: &str, (measured, bound): (f64, f64), target: &str) {
    println!(
        "{case}: {measured:.0} round trips/s; crypto bound ({bound_threads}): {bound:.0}/s; \
         ratio {:.0}%{target}",
        100.0 * measured / bound
    );
}

/// The time `total` round trips of `s`'s client take with `in_flight` calls at once.
fn timed_round_trips(s: &Setup, total: u64, in_flight: u64) -> Duration {
    let start = Instant::now();
    s.runtime
        .block_on(concurrent_round_trips(&s.client, total, in_flight));
    start.elapsed()
}

/// Round trips per second with `in_flight` calls, and the crypto bound on `threads` threads:
/// three interleaved rounds, best of each, so both figures see the same machine.
fn ratio(s: &Setup, threads: u64, in_flight: u64, trips: u64) -> (f64, f64) {
    let mut best_bound = 0f64;
    let mut best_measured = 0f64;
    for _ in 0..3 {
        best_bound = best_bound.max(parallel_crypto_rate(s, threads, Duration::from_secs(3)));
        let elapsed = timed_round_trips(s, trips, in_flight);
        best_measured = best_measured.max(trips as f64 / elapsed.as_secs_f64());
    }
    (best_measured, best_bound)
}

/// Crypto round trips per second on `cores` threads, for `run` long.
fn parallel_crypto_rate(s: &Setup, cores: u64, run: Duration) -> f64 {
    let start = Instant::now();
    let done: u64 = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|_| {
                scope.spawn(|| {
                    let mut n = 0u64;
                    while start.elapsed() < run {
                        crypto_round_trip(&s.merchant, &s.merchant_public, &s.request, &s.response);
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    });
    done as f64 / start.elapsed().as_secs_f64()
}

criterion_group!(roundtrip, benches);
criterion_main!(roundtrip);
