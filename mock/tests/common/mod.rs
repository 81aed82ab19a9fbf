//! Shared helpers of the emulator tests: an emulator with a client, request builders, a
//! configurable webhook receiver, and polling.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use antom_vault::client::{Client, Environment};
use antom_vault::keys::{SigningKey, VerifyingKey};
use antom_vault::retry::RetryPolicy;
use antom_vault::webhook::{ACKNOWLEDGEMENT, WebhookVerifier};
use antom_vault::{
    CardDetail, CreateVaultingSessionRequest, Env, InquireVaultingRequest, NotifyVaulting,
    PaymentMethodDetail, TerminalType, VaultPaymentMethodRequest, VaultingNotification,
};
use antom_vault_mock::keys::KeyPairText;
use antom_vault_mock::{Emulator, EmulatorConfig};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// Notification schedule speed-up for tests: Antom's 24 hours take under 0.1 s.
pub const FAST: f64 = 1_000_000.0;

/// Key pairs generated once per test binary (RSA key generation is slow in debug builds).
pub struct TestKeys {
    /// The merchant's pair.
    pub merchant: KeyPairText,
    /// The emulator's Antom pair.
    pub antom: KeyPairText,
}

/// The shared test keys.
pub fn keys() -> &'static TestKeys {
    static KEYS: OnceLock<TestKeys> = OnceLock::new();
    KEYS.get_or_init(|| TestKeys {
        merchant: KeyPairText::generate().expect("merchant keys"),
        antom: KeyPairText::generate().expect("antom keys"),
    })
}

/// An emulator configuration with the shared keys and notifications sped up.
pub fn config() -> EmulatorConfig {
    EmulatorConfig::default()
        .notify_speedup(FAST)
        .merchant_public_key(keys().merchant.public_spki_base64.clone())
        .antom_private_key(keys().antom.private_pkcs8_base64.clone())
}

/// An emulator with the shared keys and notifications sped up.
pub async fn emulator() -> Emulator {
    Emulator::start(config()).await.expect("emulator starts")
}

/// Fast, jitter-free retries so that fault tests take milliseconds.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(4)
        .with_initial_backoff(Duration::from_millis(1))
        .with_rate_limit_backoff(Duration::from_millis(2))
        .with_max_backoff(Duration::from_millis(5))
        .with_jitter(false)
}

/// A client for the emulator's generated merchant keys.
pub fn client(emulator: &Emulator) -> Client {
    client_with(emulator, fast_retries(), Duration::from_secs(10))
}

/// A client with a given retry policy and request timeout.
pub fn client_with(emulator: &Emulator, retry: RetryPolicy, timeout: Duration) -> Client {
    Client::builder()
        .client_id(emulator.client_id())
        .environment(Environment::of_client_id(emulator.client_id()))
        .base_url(emulator.base_url())
        .merchant_private_key(
            SigningKey::parse(
                emulator
                    .merchant_private_key()
                    .unwrap_or(&keys().merchant.private_pkcs8_base64),
            )
            .expect("key"),
        )
        .antom_public_key(VerifyingKey::parse(emulator.antom_public_key()).expect("key"))
        .retry_policy(retry)
        .request_timeout(timeout)
        .build()
        .expect("client builds")
}

/// A createVaultingSession request.
pub fn session_request(id: &str, notify_url: &str) -> CreateVaultingSessionRequest {
    CreateVaultingSessionRequest::builder()
        .payment_method_type("CARD")
        .vaulting_request_id(id)
        .vaulting_notification_url(notify_url)
        .redirect_url("https://merchant.example/back")
        .build()
}

/// A vaultPaymentMethod request for a card expiring 12/49.
pub fn vault_request(id: &str, card_no: &str, notify_url: &str) -> VaultPaymentMethodRequest {
    let card = CardDetail::builder()
        .card_no(card_no)
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

/// An inquireVaulting request.
pub fn inquire_request(id: &str) -> InquireVaultingRequest {
    InquireVaultingRequest::builder()
        .vaulting_request_id(id)
        .build()
}

/// How the test webhook answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HookMode {
    /// Always the acknowledgement.
    Ack,
    /// HTTP 500 for the first `n` deliveries of each id, then the acknowledgement.
    FailFirst(u32),
    /// HTTP 200 with a body that is not the acknowledgement, forever.
    WrongAck,
}

#[derive(Default)]
struct HookState {
    deliveries: HashMap<String, u32>,
    processed: HashMap<String, VaultingNotification>,
    rejected: u32,
}

/// A webhook receiver that verifies with the library and records what it saw.
pub struct Hook {
    /// The URL to pass as `vaultingNotificationUrl`.
    pub url: String,
    state: Arc<Mutex<HookState>>,
}

struct HookInner {
    verifier: WebhookVerifier,
    mode: HookMode,
    state: Arc<Mutex<HookState>>,
}

impl Hook {
    /// Starts a receiver for notifications signed by `emulator`.
    pub async fn start(emulator: &Emulator, mode: HookMode) -> Hook {
        let state = Arc::new(Mutex::new(HookState::default()));
        let inner = Arc::new(HookInner {
            verifier: WebhookVerifier::new(
                VerifyingKey::parse(emulator.antom_public_key()).expect("key"),
            )
            .expect_client_id(emulator.client_id()),
            mode,
            state: state.clone(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let app = axum::Router::new()
            .route("/hooks/antom", axum::routing::post(receive))
            .with_state(inner);
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Hook {
            url: format!("http://{addr}/hooks/antom?shop=1"),
            state,
        }
    }

    /// How many deliveries of `id` arrived (verified ones, duplicates included).
    pub fn deliveries(&self, id: &str) -> u32 {
        self.state
            .lock()
            .expect("lock")
            .deliveries
            .get(id)
            .copied()
            .unwrap_or(0)
    }

    /// The notification processed for `id` (stored once, however often it arrived).
    pub fn processed(&self, id: &str) -> Option<VaultingNotification> {
        self.state.lock().expect("lock").processed.get(id).cloned()
    }

    /// How many processed notifications there are.
    pub fn processed_count(&self) -> usize {
        self.state.lock().expect("lock").processed.len()
    }

    /// How many notifications failed verification.
    pub fn rejected(&self) -> u32 {
        self.state.lock().expect("lock").rejected
    }
}

async fn receive(
    State(inner): State<Arc<HookInner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    let notification =
        match inner
            .verifier
            .verify::<NotifyVaulting, _>(method.as_str(), path, &headers, &body)
        {
            Ok(n) => n.into_notification(),
            Err(_) => {
                inner.state.lock().expect("lock").rejected += 1;
                return StatusCode::UNAUTHORIZED.into_response();
            }
        };
    let id = notification.vaulting_request_id.clone();
    let count = {
        let mut state = inner.state.lock().expect("lock");
        let count = {
            let c = state.deliveries.entry(id.clone()).or_insert(0);
            *c += 1;
            *c
        };
        // Idempotent processing: the first delivery is stored, duplicates change nothing.
        state.processed.entry(id).or_insert(notification);
        count
    };
    match inner.mode {
        HookMode::Ack => (StatusCode::OK, ACKNOWLEDGEMENT).into_response(),
        HookMode::FailFirst(n) if count <= n => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        HookMode::FailFirst(_) => (StatusCode::OK, ACKNOWLEDGEMENT).into_response(),
        HookMode::WrongAck => (
            StatusCode::OK,
            r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#,
        )
            .into_response(),
    }
}

/// Polls `check` until it holds (generous deadline; not a timing assertion).
pub async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("never happened: {what}");
}

/// A URL nobody listens on (for tests that do not care about notifications).
pub const NOWHERE: &str = "http://127.0.0.1:9/notify";
