//! The demo's local webhook receiver: verifies each notifyVaulting with the library's webhook
//! verifier before trusting it, answers the exact acknowledgement, and drops duplicates.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use antom_vault::keys::VerifyingKey;
use antom_vault::webhook::{ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_CONTENT_TYPE, WebhookVerifier};
use antom_vault::{NotifyVaulting, VaultingNotification};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use tokio::sync::{mpsc, watch};

use super::CliError;

/// What the receiver saw.
#[derive(Debug)]
pub enum Received {
    /// A notification whose signature verified (first delivery of its id).
    Verified(Box<VaultingNotification>),
    /// A notification that failed verification (not acknowledged).
    Rejected(String),
}

struct Inner {
    verifier: WebhookVerifier,
    seen: Mutex<HashSet<String>>,
    out: mpsc::UnboundedSender<Received>,
}

/// A running receiver.
pub struct Receiver {
    /// The notification URL to give Antom.
    pub url: String,
    incoming: mpsc::UnboundedReceiver<Received>,
    _stop: watch::Sender<bool>,
}

impl Receiver {
    /// Starts a receiver on a free loopback port.
    pub async fn start(antom_key: VerifyingKey, client_id: &str) -> Result<Receiver, CliError> {
        let (out, incoming) = mpsc::unbounded_channel();
        let inner = Arc::new(Inner {
            verifier: WebhookVerifier::new(antom_key).expect_client_id(client_id),
            seen: Mutex::default(),
            out,
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| CliError::Other(format!("cannot start the webhook receiver: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| CliError::Other(e.to_string()))?;
        let (stop, mut stopped) = watch::channel(false);
        let app = Router::new()
            .route("/antom/notify", post(notify))
            .with_state(inner);
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.changed().await;
                })
                .await;
        });
        Ok(Receiver {
            url: format!("http://{addr}/antom/notify"),
            incoming,
            _stop: stop,
        })
    }

    /// Waits for the verified notification of `vaulting_request_id`.
    pub async fn wait_for(
        &mut self,
        vaulting_request_id: &str,
        timeout: Duration,
    ) -> Result<VaultingNotification, String> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            match tokio::time::timeout_at(deadline, self.incoming.recv()).await {
                Err(_) => {
                    return Err(format!(
                        "no notification for {vaulting_request_id} within {timeout:?}"
                    ));
                }
                Ok(None) => return Err("the webhook receiver stopped".into()),
                Ok(Some(Received::Rejected(why))) => {
                    return Err(format!("a notification failed verification: {why}"));
                }
                Ok(Some(Received::Verified(n))) if n.vaulting_request_id == vaulting_request_id => {
                    return Ok(*n);
                }
                Ok(Some(Received::Verified(_))) => continue,
            }
        }
    }
}

async fn notify(
    State(inner): State<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    match inner
        .verifier
        .verify::<NotifyVaulting, _>(method.as_str(), path, &headers, &body)
    {
        Ok(notification) => {
            let first = inner
                .seen
                .lock()
                .map(|mut seen| seen.insert(notification.vaulting_request_id.clone()))
                .unwrap_or(true);
            if first {
                let _ = inner.out.send(Received::Verified(Box::new(
                    notification.into_notification(),
                )));
            }
            (
                [(header::CONTENT_TYPE, ACKNOWLEDGEMENT_CONTENT_TYPE)],
                ACKNOWLEDGEMENT,
            )
                .into_response()
        }
        Err(e) => {
            let _ = inner.out.send(Received::Rejected(e.to_string()));
            (StatusCode::UNAUTHORIZED, "notification rejected").into_response()
        }
    }
}
