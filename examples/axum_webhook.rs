//! Receive Antom's notifyVaulting with axum: verify the raw request, process it once, acknowledge.
//!
//! ```sh
//! ANTOM_PUBLIC_KEY="$(cat antom_public_key.txt)" ANTOM_CLIENT_ID=SANDBOX_5X00000000000000 \
//! cargo run --example axum_webhook
//! ```
//!
//! The path Antom signs is the one it called. Behind a proxy that rewrites paths, pass the path
//! as Antom sent it (the public notification URL's path and query), not the rewritten one.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use antom_vault::webhook::{ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_CONTENT_TYPE, WebhookVerifier};
use antom_vault::{NotifyVaulting, VaultingNotification, VerifyingKey};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

struct AppState {
    verifier: WebhookVerifier,
    /// Stand-in for a database table keyed by vaultingRequestId.
    processed: Mutex<HashSet<String>>,
}

async fn notify_vaulting(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
    // Verify the raw bytes first; parse only what verified.
    let notification = match state.verifier.verify::<NotifyVaulting, _>(
        method.as_str(),
        path_and_query,
        &headers,
        &body,
    ) {
        Ok(notification) => notification,
        Err(error) => {
            // Not from Antom (or altered): do not acknowledge.
            eprintln!("rejected notification: {error}");
            return StatusCode::UNAUTHORIZED.into_response();
        }
    };
    handle_once(&state, &notification);
    // Acknowledge only after the notification is safely recorded.
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, ACKNOWLEDGEMENT_CONTENT_TYPE)],
        ACKNOWLEDGEMENT,
    )
        .into_response()
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

#[tokio::main]
async fn main() {
    let Ok(antom_key) = std::env::var("ANTOM_PUBLIC_KEY") else {
        eprintln!("set ANTOM_PUBLIC_KEY (and optionally ANTOM_CLIENT_ID, ANTOM_WEBHOOK_ADDR)");
        std::process::exit(2);
    };
    let antom_key = match VerifyingKey::parse(&antom_key) {
        Ok(key) => key,
        Err(error) => {
            eprintln!("ANTOM_PUBLIC_KEY: {error}");
            std::process::exit(2);
        }
    };
    let mut verifier = WebhookVerifier::new(antom_key);
    if let Ok(client_id) = std::env::var("ANTOM_CLIENT_ID") {
        verifier = verifier.expect_client_id(client_id);
    }
    let state = Arc::new(AppState {
        verifier,
        processed: Mutex::new(HashSet::new()),
    });
    let app = Router::new()
        .route("/antom/notify", post(notify_vaulting))
        .with_state(state);
    let addr = std::env::var("ANTOM_WEBHOOK_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {addr}: {error}");
            std::process::exit(1);
        }
    };
    println!("listening on http://{addr}/antom/notify");
    if let Err(error) = axum::serve(listener, app).await {
        eprintln!("server error: {error}");
    }
}
