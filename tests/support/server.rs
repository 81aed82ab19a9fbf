//! A local HTTP server that checks request signatures and signs its responses like Antom (or
//! deliberately not), scripted per test, recording every request it sees.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use antom_vault::retry::RetryPolicy;
use antom_vault::signing::Clock;
use antom_vault::{Client, ClientBuilder, Environment};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::api::TestRequest;
use super::keys;

pub const CLIENT_ID: &str = "SANDBOX_5X00000000000000";
pub const RESPONSE_TIME: &str = "2026-11-21T03:00:00+08:00";
pub const CARD_NUMBER: &str = "4111111111111111";

/// How the server signs a reply.
#[derive(Clone, Copy, Debug)]
pub enum Signing {
    /// With Antom's key, as Antom does.
    Antom,
    /// No `signature` and no `response-time`.
    Unsigned,
    /// With the merchant's key instead of Antom's.
    WrongKey,
    /// A `signature` without `response-time`.
    HalfSigned,
    /// Correctly signed, but for another client id.
    OtherClientId,
    /// With Antom's next key (the one a key rotation moves to).
    NextAntom,
}

#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    body: String,
    signing: Signing,
    delay: Duration,
}

pub fn reply(status: &str, code: &str) -> Reply {
    Reply {
        status: 200,
        body: format!(
            r#"{{"result":{{"resultCode":"{code}","resultStatus":"{status}","resultMessage":"m-{code}"}}}}"#
        ),
        signing: Signing::Antom,
        delay: Duration::ZERO,
    }
}

impl Reply {
    pub fn signing(mut self, signing: Signing) -> Self {
        self.signing = signing;
        self
    }
    pub fn http_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
    pub fn body(mut self, body: &str) -> Self {
        self.body = body.into();
        self
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub signature_valid: bool,
}

impl Seen {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).unwrap().to_str().unwrap()
    }
    pub fn vaulting_request_id(&self) -> String {
        let json: serde_json::Value = serde_json::from_slice(&self.body).unwrap();
        json["vaultingRequestId"].as_str().unwrap().to_owned()
    }
}

#[derive(Default)]
pub struct ServerState {
    script: Mutex<VecDeque<Reply>>,
    seen: Mutex<Vec<Seen>>,
}

async fn handle(
    State(state): State<Arc<ServerState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let keys = keys();
    let path = uri.path().to_owned();
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let signature_valid = keys
        .merchant
        .verifying_key()
        .verify_request_header(
            &path,
            &text("client-id"),
            &text("request-time"),
            &body,
            &text("signature"),
        )
        .is_ok();
    state.seen.lock().unwrap().push(Seen {
        path: path.clone(),
        headers: headers.clone(),
        body: body.to_vec(),
        signature_valid,
    });
    let reply = state.script.lock().unwrap().pop_front();
    let Some(reply) = reply else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "script exhausted").into_response();
    };
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let sign = |key: &antom_vault::SigningKey, client_id: &str| {
        key.sign_request(
            &path,
            client_id,
            RESPONSE_TIME,
            reply.body.as_bytes(),
            Some(1),
        )
        .unwrap()
        .to_string()
    };
    let mut builder = Response::builder()
        .status(reply.status)
        .header("content-type", "application/json");
    match reply.signing {
        Signing::Antom => {
            builder = builder
                .header("client-id", CLIENT_ID)
                .header("response-time", RESPONSE_TIME)
                .header("signature", sign(&keys.antom.signing_key(), CLIENT_ID));
        }
        Signing::NextAntom => {
            let next = super::notify::next_antom_keys().signing_key();
            builder = builder
                .header("client-id", CLIENT_ID)
                .header("response-time", RESPONSE_TIME)
                .header("signature", sign(&next, CLIENT_ID));
        }
        Signing::Unsigned => {}
        Signing::WrongKey => {
            builder = builder
                .header("Client-Id", CLIENT_ID)
                .header("Response-Time", RESPONSE_TIME)
                .header("Signature", sign(&keys.merchant.signing_key(), CLIENT_ID));
        }
        Signing::HalfSigned => {
            builder = builder.header("signature", sign(&keys.antom.signing_key(), CLIENT_ID));
        }
        Signing::OtherClientId => {
            let other = "SANDBOX_5X00000000000009";
            builder = builder
                .header("client-id", other)
                .header("response-time", RESPONSE_TIME)
                .header("signature", sign(&keys.antom.signing_key(), other));
        }
    }
    builder.body(axum::body::Body::from(reply.body)).unwrap()
}

pub struct Server {
    pub base_url: String,
    state: Arc<ServerState>,
}

impl Server {
    pub async fn start(script: Vec<Reply>) -> Server {
        let state = Arc::new(ServerState::default());
        state.script.lock().unwrap().extend(script);
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Server {
            base_url: format!("http://{addr}/"),
            state,
        }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }
}

/// A clock that advances one millisecond per reading.
#[derive(Debug)]
pub struct StepClock(pub AtomicU64);

impl Clock for StepClock {
    fn now_millis(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst)
    }
}

pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_initial_backoff(Duration::from_millis(1))
        .with_rate_limit_backoff(Duration::from_millis(2))
        .with_max_backoff(Duration::from_millis(5))
}

pub fn builder_for(server: &Server) -> ClientBuilder {
    Client::builder()
        .client_id(CLIENT_ID)
        .environment(Environment::Sandbox)
        .base_url(&server.base_url)
        .merchant_private_key(keys().merchant.signing_key())
        .antom_public_key(keys().antom.verifying_key())
        .clock(StepClock(AtomicU64::new(1_700_000_000_000)))
        .retry_policy(fast_retries())
}

pub fn client_for(server: &Server) -> Client {
    builder_for(server).build().unwrap()
}

pub fn request() -> TestRequest {
    TestRequest::new("vr-001", "Zoë 张伟 🚀")
}
