//! Bringing your own HTTP client, and the hook around each attempt, against the local signing
//! server of `support::server`.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use antom_vault::api::MerchantApi;
use antom_vault::client::{Attempt, AttemptHook, AttemptOutcome};
use antom_vault::error::{Error, TransportFailure};
use antom_vault::reqwest;
use antom_vault::retry::RetryPolicy;
use antom_vault::{Client, Environment};
use support::api::{SessionApi, VaultApi};
use support::keys;
use support::server::*;

/// A client for `base_url` that never resends.
fn builder_at(base_url: String) -> antom_vault::ClientBuilder {
    Client::builder()
        .client_id(CLIENT_ID)
        .environment(Environment::Sandbox)
        .base_url(base_url)
        .merchant_private_key(keys().merchant.signing_key())
        .antom_public_key(keys().antom.verifying_key())
        .retry_policy(RetryPolicy::none())
}

/// The transport failure of an outcome-unknown error, and how many attempts it took.
fn transport_failure(error: &Error) -> Option<(TransportFailure, u32)> {
    match error {
        Error::OutcomeUnknown {
            failure, attempts, ..
        } => Some((*failure, *attempts)),
        _ => None,
    }
}

fn no_redirects() -> reqwest::ClientBuilder {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none())
}

#[tokio::test]
async fn a_callers_client_adds_its_headers_and_the_signed_headers_win() {
    let server = Server::start(vec![reply("S", "SUCCESS")]).await;
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert("x-merchant-trace", "trace-0042".parse().unwrap());
    // Default headers with the names of signed ones must not replace the signed values.
    defaults.insert("client-id", "SANDBOX_OTHER".parse().unwrap());
    defaults.insert("content-type", "text/plain".parse().unwrap());
    let http = no_redirects()
        .user_agent("merchant-service/2.0")
        .default_headers(defaults)
        .build()
        .unwrap();
    let client = builder_for(&server).http_client(http).build().unwrap();

    let response = client.execute::<SessionApi>(&request()).await.unwrap();
    assert_eq!(response.result.result_code, "SUCCESS");

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    let first = &seen[0];
    assert!(first.signature_valid);
    assert_eq!(first.header("user-agent"), "merchant-service/2.0");
    assert_eq!(first.header("x-merchant-trace"), "trace-0042");
    assert_eq!(first.header("client-id"), CLIENT_ID);
    assert_eq!(
        first.header("content-type"),
        "application/json; charset=UTF-8"
    );
    assert_eq!(first.body, serde_json::to_vec(&request()).unwrap());
}

#[tokio::test]
async fn the_crates_own_client_sends_its_user_agent() {
    let server = Server::start(vec![reply("S", "SUCCESS")]).await;
    client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap();
    let user_agent = server.seen()[0].header("user-agent").to_owned();
    assert!(user_agent.starts_with("antom-vault/"), "{user_agent}");
}

#[tokio::test]
async fn the_request_timeout_applies_to_a_callers_client() {
    let server = Server::start(vec![reply("S", "SUCCESS").delay(Duration::from_secs(5))]).await;
    // The caller's client has no timeout of its own.
    let http = no_redirects().build().unwrap();
    let client = builder_for(&server)
        .http_client(http)
        .request_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.execute::<SessionApi>(&request()).await.unwrap_err();
    assert_eq!(
        transport_failure(&error),
        Some((TransportFailure::Timeout, 1)),
        "{error:?}"
    );
}

/// What the hook saw before one attempt was sent.
#[derive(Clone, Debug)]
struct Sent {
    attempt: Attempt,
    method: String,
    url: String,
    signature: String,
    request_time: String,
    body: Vec<u8>,
}

/// What the hook saw after one attempt.
#[derive(Clone, Debug)]
struct Came {
    attempt: Attempt,
    status: Option<u16>,
    failure: Option<TransportFailure>,
    body: Vec<u8>,
    debug: String,
}

#[derive(Clone, Default)]
struct Recorder {
    sent: Arc<Mutex<Vec<Sent>>>,
    came: Arc<Mutex<Vec<Came>>>,
}

impl AttemptHook for Recorder {
    fn before_send(&self, attempt: Attempt, request: &reqwest::Request) {
        let header = |name: &str| request.headers()[name].to_str().unwrap().to_owned();
        self.sent.lock().unwrap().push(Sent {
            attempt,
            method: request.method().to_string(),
            url: request.url().to_string(),
            signature: header("signature"),
            request_time: header("request-time"),
            body: request.body().unwrap().as_bytes().unwrap().to_vec(),
        });
    }

    fn after_receive(&self, attempt: Attempt, outcome: &AttemptOutcome<'_>) {
        let debug = format!("{outcome:?}");
        let came = match outcome {
            AttemptOutcome::Received { status, body, .. } => Came {
                attempt,
                status: Some(status.as_u16()),
                failure: None,
                body: body.to_vec(),
                debug,
            },
            AttemptOutcome::Failed { failure, .. } => Came {
                attempt,
                status: None,
                failure: Some(*failure),
                body: Vec::new(),
                debug,
            },
            other => panic!("an outcome this test does not know: {other:?}"),
        };
        self.came.lock().unwrap().push(came);
    }
}

#[tokio::test]
async fn the_hook_sees_every_attempt_with_the_exact_signed_bytes() {
    let server = Server::start(vec![
        reply("U", "UNKNOWN_EXCEPTION"),
        reply("U", "UNKNOWN_EXCEPTION"),
        reply("S", "SUCCESS"),
    ])
    .await;
    let recorder = Recorder::default();
    let client = builder_for(&server)
        .attempt_hook(recorder.clone())
        .build()
        .unwrap();
    client.execute::<SessionApi>(&request()).await.unwrap();

    let seen = server.seen();
    let sent = recorder.sent.lock().unwrap().clone();
    let came = recorder.came.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        sent.len(),
        3,
        "one before_send per attempt, resends included"
    );
    assert_eq!(came.len(), 3, "one after_receive per attempt");
    for (number, ((sent, came), seen)) in (1..).zip(sent.iter().zip(&came).zip(&seen)) {
        assert_eq!(
            (sent.attempt.api, sent.attempt.number),
            (SessionApi::NAME, number)
        );
        assert_eq!(came.attempt, sent.attempt);
        assert_eq!(sent.method, "POST");
        assert_eq!(sent.url, format!("{}{}", client.base_url(), seen.path));
        // What the hook saw is byte for byte what the server received, and it verifies.
        assert_eq!(sent.body, seen.body);
        assert_eq!(sent.signature, seen.header("signature"));
        assert_eq!(sent.request_time, seen.header("request-time"));
        assert!(seen.signature_valid);
        assert_eq!(came.status, Some(200));
        assert_eq!(came.failure, None);
        // The raw response, and a Debug that leaves it out.
        let body = String::from_utf8(came.body.clone()).unwrap();
        assert!(body.contains("resultCode"), "{body}");
        assert!(!came.debug.contains("resultCode"), "{}", came.debug);
        assert!(came.debug.contains("body_len"), "{}", came.debug);
    }
    assert_ne!(
        sent[0].signature, sent[1].signature,
        "each attempt is re-signed"
    );
}

#[tokio::test]
async fn the_hook_sees_a_transport_failure() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let recorder = Recorder::default();
    let client = builder_at(format!("http://{addr}"))
        .attempt_hook(recorder.clone())
        .build()
        .unwrap();
    client.execute::<VaultApi>(&request()).await.unwrap_err();

    assert_eq!(recorder.sent.lock().unwrap().len(), 1);
    let came = recorder.came.lock().unwrap().clone();
    assert_eq!(came.len(), 1);
    assert_eq!(came[0].status, None);
    assert_eq!(came[0].failure, Some(TransportFailure::Connect));
}

/// A server whose API paths answer `307` to `/elsewhere`, counting what reaches `/elsewhere`.
async fn redirecting_server() -> (String, Arc<AtomicUsize>) {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;

    let elsewhere = Arc::new(AtomicUsize::new(0));
    let hits = elsewhere.clone();
    let app = axum::Router::new()
        .route(
            "/elsewhere",
            axum::routing::post(move || {
                let hits = hits.clone();
                async move {
                    hits.fetch_add(1, Ordering::SeqCst);
                    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"ok"}}"#
                }
            }),
        )
        .fallback(|| async {
            (
                StatusCode::TEMPORARY_REDIRECT,
                [(header::LOCATION, "/elsewhere")],
            )
                .into_response()
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}"), elsewhere)
}

#[tokio::test]
async fn a_redirect_followed_by_a_callers_client_is_refused_unread() {
    let (base_url, elsewhere) = redirecting_server().await;
    let client = builder_at(base_url)
        // reqwest's default policy follows redirects.
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
    let error = client.execute::<SessionApi>(&request()).await.unwrap_err();
    assert_eq!(
        transport_failure(&error),
        Some((TransportFailure::Redirected, 1)),
        "{error:?}"
    );
    assert_eq!(elsewhere.load(Ordering::SeqCst), 1, "reqwest followed it");
}

#[tokio::test]
async fn the_crates_own_client_does_not_follow_redirects() {
    let (base_url, elsewhere) = redirecting_server().await;
    let client = builder_at(base_url).build().unwrap();
    let error = client.execute::<SessionApi>(&request()).await.unwrap_err();
    assert_eq!(
        transport_failure(&error),
        Some((TransportFailure::HttpStatus(307), 1)),
        "{error:?}"
    );
    assert_eq!(elsewhere.load(Ordering::SeqCst), 0);
}
