//! Receive Antom's notifyVaulting with axum: verify the raw request, process it once, acknowledge.
//!
//! ```sh
//! ANTOM_PUBLIC_KEY="$(cat antom_public_key.txt)" ANTOM_CLIENT_ID=SANDBOX_5X00000000000000 \
//! ANTOM_NOTIFY_URL=https://shop.example/antom/notify \
//! cargo run --example axum_webhook --features axum
//! ```
//!
//! The handler sits in a router nested under `/antom`, as in most services. The signature covers
//! the path Antom called: `ANTOM_NOTIFY_URL`, the notification URL the service gives Antom, when
//! set (needed behind an ingress or proxy that rewrites paths); otherwise the request's original
//! path, before the nesting stripped `/antom`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use antom_vault::webhook::WebhookVerifier;
use antom_vault::webhook::axum::{Acknowledge, Verified};
use antom_vault::{NotifyVaulting, VaultingNotification, VerifyingKey};
use axum::Router;
use axum::extract::{FromRef, State};
use axum::routing::post;

#[derive(Clone)]
struct AppState {
    verifier: WebhookVerifier,
    /// Stand-in for a database table keyed by vaultingRequestId.
    processed: Arc<Mutex<HashSet<String>>>,
}

/// The extractor takes the verifier from the state.
impl FromRef<AppState> for WebhookVerifier {
    fn from_ref(state: &AppState) -> Self {
        state.verifier.clone()
    }
}

/// Runs only for a notification that verified: anything else was answered 401 (or 400) by the
/// extractor, never acknowledged.
async fn notify_vaulting(
    State(state): State<AppState>,
    Verified(verified): Verified<NotifyVaulting>,
) -> Acknowledge {
    println!(
        "verified notification for client id {} signed at {}",
        verified.client_id, verified.request_time
    );
    handle_once(&state, &verified);
    // Acknowledge only after the notification is safely recorded.
    Acknowledge
}

/// Antom resends until acknowledged and may deliver twice: process each vaultingRequestId once.
fn handle_once(state: &AppState, notification: &VaultingNotification) {
    let first_time = state
        .processed
        .lock()
        .map(|mut seen| seen.insert(notification.vaulting_request_id.clone()))
        .unwrap_or(false);
    if !first_time {
        println!(
            "duplicate for {}; acknowledged again",
            notification.vaulting_request_id
        );
        return;
    }
    let token = notification
        .vaulted_card()
        .and_then(|card| card.card_token.as_ref());
    println!(
        "vaulting {} finished with {} ({}); token present: {}",
        notification.vaulting_request_id,
        notification.result.result_code,
        notification.result.result_status,
        token.is_some()
    );
}

fn exit_with(message: impl std::fmt::Display, code: i32) -> ! {
    eprintln!("{message}");
    std::process::exit(code)
}

#[tokio::main]
async fn main() {
    let Ok(antom_key) = std::env::var("ANTOM_PUBLIC_KEY") else {
        exit_with(
            "set ANTOM_PUBLIC_KEY (and optionally ANTOM_CLIENT_ID, ANTOM_NOTIFY_URL, ANTOM_WEBHOOK_ADDR)",
            2,
        )
    };
    let antom_key = VerifyingKey::parse(&antom_key)
        .unwrap_or_else(|error| exit_with(format!("ANTOM_PUBLIC_KEY: {error}"), 2));
    let mut verifier = WebhookVerifier::new(antom_key);
    if let Ok(client_id) = std::env::var("ANTOM_CLIENT_ID") {
        verifier = verifier.expect_client_id(client_id);
    }
    if let Ok(url) = std::env::var("ANTOM_NOTIFY_URL") {
        verifier = verifier
            .notification_url(&url)
            .unwrap_or_else(|error| exit_with(format!("ANTOM_NOTIFY_URL: {error}"), 2));
    }
    let state = AppState {
        verifier,
        processed: Arc::default(),
    };
    let antom = Router::new().route("/notify", post(notify_vaulting));
    let app = Router::new().nest("/antom", antom).with_state(state);
    let addr = std::env::var("ANTOM_WEBHOOK_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .unwrap_or_else(|error| exit_with(format!("cannot listen on {addr}: {error}"), 1));
    println!("listening on http://{addr}/antom/notify");
    if let Err(error) = axum::serve(listener, app).await {
        eprintln!("server error: {error}");
    }
}
