//! Bench-mode run (not a test): vaults many cards through one in-process emulator and prints the
//! process's resident memory as it goes, to show that the emulator's state stays bounded.
//!
//! `cargo run --release -p antom-vault-mock --example memory_bound -- [VAULTINGS] [MAX_VAULTINGS]`
//! (defaults: 100000 vaultings, the emulator's default limit). Linux only (reads
//! `/proc/self/status`). The figure covers the whole process: emulator, client and a webhook
//! receiver that acknowledges every notification.

use std::sync::Arc;
use std::time::Duration;

use antom_vault::client::{Client, Environment};
use antom_vault::keys::{SigningKey, VerifyingKey};
use antom_vault::retry::RetryPolicy;
use antom_vault::webhook::ACKNOWLEDGEMENT;
use antom_vault::{CardDetail, Env, PaymentMethodDetail, TerminalType, VaultPaymentMethodRequest};
use antom_vault_mock::{Emulator, EmulatorConfig};

const CONCURRENCY: usize = 8;

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn request(id: &str, notify_url: &str) -> VaultPaymentMethodRequest {
    let card = CardDetail::builder()
        .card_no("4111111111111111")
        .expiry_month("12")
        .expiry_year("49")
        .cvv("123")
        .build();
    VaultPaymentMethodRequest::builder()
        .vaulting_request_id(id)
        .vaulting_notification_url(notify_url)
        .redirect_url("https://merchant.example/back")
        .payment_method_detail(
            PaymentMethodDetail::builder()
                .payment_method_type("CARD")
                .card(card)
                .build(),
        )
        .env(Env::builder().terminal_type(TerminalType::Web).build())
        .build()
}

async fn acknowledging_hook() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = axum::Router::new().route("/hook", axum::routing::post(|| async { ACKNOWLEDGEMENT }));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}/hook")
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let total: usize = args
        .next()
        .map_or(100_000, |a| a.parse().expect("VAULTINGS"));
    let mut config = EmulatorConfig::default().notify_speedup(1_000_000.0);
    if let Some(limit) = args.next() {
        config = config.max_vaultings(limit.parse().expect("MAX_VAULTINGS"));
    }
    let limit = config.max_vaultings;
    let emulator = Emulator::start(config).await.expect("emulator starts");
    let hook = acknowledging_hook().await;
    let client = Arc::new(
        Client::builder()
            .client_id(emulator.client_id())
            .environment(Environment::of_client_id(emulator.client_id()))
            .base_url(emulator.base_url())
            .merchant_private_key(
                SigningKey::parse(emulator.merchant_private_key().expect("generated"))
                    .expect("key"),
            )
            .antom_public_key(VerifyingKey::parse(emulator.antom_public_key()).expect("key"))
            .retry_policy(RetryPolicy::none())
            .request_timeout(Duration::from_secs(30))
            .build()
            .expect("client builds"),
    );
    println!("vaultings,resident_kib,kept (limit {limit})");
    println!("0,{},0", resident_kib());
    let step = (total / 10).max(1);
    let mut done = 0;
    while done < total {
        let batch = step.min(total - done);
        let mut tasks = tokio::task::JoinSet::new();
        for worker in 0..CONCURRENCY {
            let client = client.clone();
            let hook = hook.clone();
            tasks.spawn(async move {
                for n in (worker..batch).step_by(CONCURRENCY) {
                    let id = format!("mem-{}", done + n);
                    client
                        .vault_payment_method(&request(&id, &hook))
                        .await
                        .expect("vaulted");
                }
            });
        }
        while let Some(joined) = tasks.join_next().await {
            joined.expect("worker");
        }
        done += batch;
        println!("{done},{},{}", resident_kib(), emulator.vaultings().len());
    }
}
