//! Round trips per second of the real client against the emulator over loopback, next to the pure
//! crypto bound measured in the same run.
//!
//! One inquireVaulting round trip costs one RSA signature and one verification on each side
//! (client signs, emulator verifies, emulator signs, client verifies). The bound is therefore
//! `cores / (2 × sign + 2 × verify)`, measured here with the same keys and message sizes. The
//! benchmark prints the ratio; the target is at least 70 %.

use std::sync::Arc;
use std::time::{Duration, Instant};

use antom_vault::client::{Client, Environment};
use antom_vault::keys::{SigningKey, VerifyingKey};
use antom_vault::{CardDetail, Env, PaymentMethodDetail, TerminalType};
use antom_vault::{InquireVaultingRequest, VaultPaymentMethodRequest};
use antom_vault_mock::{Emulator, EmulatorConfig};
use criterion::{Criterion, criterion_group, criterion_main};

const ID: &str = "bench-vaulting";
const PATH: &str = "/ams/api/v1/vaults/inquireVaulting";

struct Setup {
    runtime: tokio::runtime::Runtime,
    client: Client,
    merchant: SigningKey,
    merchant_public: VerifyingKey,
    _emulator: Emulator,
}

fn setup() -> Setup {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (emulator, client, merchant) = runtime.block_on(async {
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
        (emulator, client, merchant)
    });
    let merchant_public = merchant.verifying_key().clone();
    Setup {
        runtime,
        client,
        merchant,
        merchant_public,
        _emulator: emulator,
    }
}

/// One round trip's cryptography: sign + verify a request, sign + verify a response.
fn crypto_round_trip(key: &SigningKey, public: &VerifyingKey, request: &[u8], response: &[u8]) {
    for body in [request, response] {
        let header = key
            .sign_request(PATH, "EMULATOR_CLIENT_ID", "1685599933871", body, Some(1))
            .expect("sign");
        public
            .verify_request(PATH, "EMULATOR_CLIENT_ID", "1685599933871", body, &header)
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
            let request = InquireVaultingRequest::builder()
                .vaulting_request_id(ID)
                .build();
            for _ in 0..share {
                client.inquire_vaulting(&request).await.expect("round trip");
            }
        });
    }
    while tasks.join_next().await.is_some() {}
}

fn benches(c: &mut Criterion) {
    let s = setup();
    let request = br#"{"vaultingRequestId":"bench-vaulting"}"#.to_vec();
    let response = br#"{"paymentMethodDetail":{"card":{"brand":"VISA","cardToken":"ALIPAYxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","maskedCardNo":"************1111"},"paymentMethodType":"CARD"},"result":{"resultCode":"SUCCESS","resultMessage":"success.","resultStatus":"S"},"vaultingRequestId":"bench-vaulting","vaultingResultCode":"SUCCESS","vaultingResultMessage":"success.","vaultingStatus":"SUCCESS"}"#.to_vec();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get() as u64)
        .unwrap_or(1);

    let mut group = c.benchmark_group("roundtrip");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("crypto_bound_2_sign_2_verify", |b| {
        b.iter(|| crypto_round_trip(&s.merchant, &s.merchant_public, &request, &response))
    });
    group.bench_function("client_emulator_inquire_concurrent", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            s.runtime
                .block_on(concurrent_round_trips(&s.client, iters, 4 * cores));
            start.elapsed()
        })
    });
    group.finish();

    // The ratio, measured side by side (only in a real benchmark run, not under `cargo test`).
    if std::env::args().any(|a| a == "--bench") {
        let crypto_n = 200u32;
        let start = Instant::now();
        for _ in 0..crypto_n {
            crypto_round_trip(&s.merchant, &s.merchant_public, &request, &response);
        }
        let per_trip = start.elapsed() / crypto_n;
        let bound = cores as f64 / per_trip.as_secs_f64();
        let trips = 2_000u64;
        let start = Instant::now();
        s.runtime
            .block_on(concurrent_round_trips(&s.client, trips, 4 * cores));
        let measured = trips as f64 / start.elapsed().as_secs_f64();
        println!(
            "\nround trips: {measured:.0}/s over loopback; crypto bound on {cores} cores: {bound:.0}/s \
             ({:.2} ms of RSA per round trip); ratio {:.0}% (target >= 70%)",
            per_trip.as_secs_f64() * 1000.0,
            100.0 * measured / bound
        );
    }
}

criterion_group!(roundtrip, benches);
criterion_main!(roundtrip);
