//! The hosted card page and the 3-D Secure page in a real browser (headless Chromium driven by
//! playwright-core, see `browser/drive.mjs`): a buyer clicks a listed test card, types a
//! non-ASCII name, submits, sees the outcome and follows the link back to the `redirectUrl`;
//! each case's notification arrives and verifies with the library.
//!
//! `scripts/browser.sh` installs the pinned tools and runs this test with `ANTOM_BROWSER_TOOLS`
//! set; without them (a plain `cargo test`) the test reports a visible skip, and fails under
//! `CI=true`.

mod common;
#[path = "../../tests/support/skip.rs"]
mod skip;

use std::path::{Path, PathBuf};

use antom_vault::{CreateVaultingSessionRequest, NotifyVaultingResultCode, VaultingStatus};
use common::{Hook, HookMode};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";

struct Case {
    name: &'static str,
    card: &'static str,
    three_ds: bool,
    challenge: Option<&'static str>,
    status: VaultingStatus,
    code: NotifyVaultingResultCode,
}

/// The tools folder, or what is missing.
fn tools() -> Result<PathBuf, String> {
    let tools = PathBuf::from(
        std::env::var_os("ANTOM_BROWSER_TOOLS")
            .ok_or("ANTOM_BROWSER_TOOLS (the playwright-core tools folder)")?,
    );
    let playwright = tools.join("node_modules/playwright-core/package.json");
    if !playwright.is_file() {
        return Err(format!("playwright-core ({})", playwright.display()));
    }
    if !Path::new(CHROMIUM).is_file() {
        return Err(format!("Chromium ({CHROMIUM})"));
    }
    Ok(tools)
}

/// The merchant's page the buyer returns to; its URL.
async fn merchant_return_page() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = axum::Router::new().route(
        "/back",
        axum::routing::get(|| async { axum::response::Html("<h1>Back at the merchant</h1>") }),
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}/back")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buyer_pages_work_in_headless_chromium() {
    let tools = match tools() {
        Ok(tools) => tools,
        Err(missing) => {
            skip::skip(
                "buyer_pages_work_in_headless_chromium",
                &missing,
                "run scripts/browser.sh (it installs Debian's chromium and a pinned \
                 playwright-core and sets ANTOM_BROWSER_TOOLS)",
            );
            return;
        }
    };
    let artifacts = std::env::var_os("ANTOM_BROWSER_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/browser"));
    std::fs::create_dir_all(&artifacts).expect("artifacts folder");

    let emulator = common::emulator().await;
    let client = common::client(&emulator);
    let hook = Hook::start(&emulator, HookMode::Ack).await;
    let redirect_url = merchant_return_page().await;
    let cases = [
        Case {
            name: "vaulted",
            card: "4111111111111111",
            three_ds: false,
            challenge: None,
            status: VaultingStatus::Success,
            code: NotifyVaultingResultCode::Success,
        },
        Case {
            name: "declined",
            card: "4000000000000002",
            three_ds: false,
            challenge: None,
            status: VaultingStatus::Fail,
            code: NotifyVaultingResultCode::DoNotHonor,
        },
        Case {
            name: "3ds-passed",
            card: "5555555555554444",
            three_ds: true,
            challenge: Some("pass"),
            status: VaultingStatus::Success,
            code: NotifyVaultingResultCode::Success,
        },
        Case {
            name: "3ds-failed",
            card: "4000000000003220",
            three_ds: false,
            challenge: Some("fail"),
            status: VaultingStatus::Fail,
            code: NotifyVaultingResultCode::UserPaymentVerificationFailed,
        },
    ];
    let mut specs = Vec::new();
    for case in &cases {
        let id = format!("browser-{}", case.name);
        let request = CreateVaultingSessionRequest::builder()
            .payment_method_type("CARD")
            .vaulting_request_id(id.clone())
            .vaulting_notification_url(hook.url.clone())
            .redirect_url(redirect_url.clone())
            .is_3ds_authentication(case.three_ds)
            .build();
        let session = client
            .create_vaulting_session(&request)
            .await
            .expect("a session");
        let url = session.normal_url.expect("a hosted page");
        specs.push(json!({
            "name": case.name,
            "url": url,
            "card": case.card,
            "holder": "Zoë Ångström-Łukasz 山田",
            "challenge": case.challenge,
            "status": case.status.as_str(),
            "code": (case.status == VaultingStatus::Fail).then(|| case.code.as_str()),
            "redirectUrl": redirect_url,
        }));
    }
    let spec_file = artifacts.join("cases.json");
    let spec = json!({
        "tools": tools,
        "chromium": CHROMIUM,
        "artifacts": artifacts,
        "cases": specs,
    });
    std::fs::write(&spec_file, serde_json::to_vec_pretty(&spec).expect("json")).expect("write");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser/drive.mjs");
    let output = tokio::process::Command::new("node")
        .arg(&script)
        .arg(&spec_file)
        .output()
        .await
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser cases failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<Value> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(lines.len(), cases.len(), "one result per case");
    for case in &cases {
        let id = format!("browser-{}", case.name);
        common::eventually("notification", || hook.processed(&id).is_some()).await;
        let notification = hook.processed(&id).expect("verified notification");
        assert_eq!(
            NotifyVaultingResultCode::from(notification.result.result_code.as_str()),
            case.code,
            "{}",
            case.name
        );
        for what in ["card-page", "outcome"] {
            assert!(
                artifacts
                    .join(format!("{}-{what}.png", case.name))
                    .is_file(),
                "{} screenshot",
                what
            );
        }
        if case.challenge.is_some() {
            assert!(
                artifacts
                    .join(format!("{}-3ds-page.png", case.name))
                    .is_file()
            );
        }
    }
}
