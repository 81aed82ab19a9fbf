//! Bench-mode run (not a test): vaults many cards through one in-process emulator and prints the
//! process's resident memory as it goes, to show that the emulator's state stays bounded.
//!
//! `cargo run --release -p antom-vault-mock --example memory_bound -- [VAULTINGS] [MAX_VAULTINGS]`
//! (defaults: 100000 vaultings, the emulator's default limit). Linux only (reads
//! `/proc/self/status`). The figure covers the whole process: emulator, client and a webhook
//! receiver that acknowledges every notification without keeping it.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;

use antom_vault::webhook::ACKNOWLEDGEMENT;
use antom_vault_mock::Emulator;

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
    let mut config = common::config();
    if let Some(limit) = args.next() {
        config = config.max_vaultings(limit.parse().expect("MAX_VAULTINGS"));
    }
    let limit = config.max_vaultings;
    let emulator = Emulator::start(config).await.expect("emulator starts");
    let hook = acknowledging_hook().await;
    let client = Arc::new(common::client(&emulator));
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
                        .vault_payment_method(&common::vault_request(
                            &id,
                            "4111111111111111",
                            &hook,
                        ))
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
