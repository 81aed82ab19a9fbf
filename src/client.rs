//! The signed, verified, retrying client for Antom's merchant → Antom vault APIs.
//!
//! One [`Client`] holds the parsed keys, the configuration and one pooled HTTP client; it is
//! `Send + Sync` and cheap to clone (shared). Each API has a generated method
//! (`create_vaulting_session`, `vault_payment_method`, `inquire_vaulting`) that calls
//! [`Client::execute`], which:
//!
//! 1. validates the request against the spec (an invalid request never touches the network);
//! 2. serializes it **once**;
//! 3. signs exactly those bytes (sandbox: over the `/ams/sandbox/api/...` path) with a fresh
//!    `Request-Time` from the client's [`Clock`];
//! 4. POSTs exactly those bytes with `Content-Type`, `Client-Id`, `Request-Time` and `Signature`;
//! 5. verifies Antom's signature over the raw response bytes (`signature`, `response-time`,
//!    `client-id` headers, read case-insensitively) **before** decoding them;
//! 6. maps the result through the spec's result-code actions:
//!
//! | response | result |
//! |---|---|
//! | signed S | `Ok(response)` |
//! | signed U whose action is "redirect the buyer" (`VERIFICATION_IN_PROCESS`) | `Ok(response)`: send the buyer to [`VaultPaymentMethodResponse::redirect`](crate::VaultPaymentMethodResponse::redirect) |
//! | signed F | [`Error::Failed`] with the typed code, message and action |
//! | signed U, "retry with the same id" (or rate limited) | resend the same bytes, re-signed, with backoff ([`RetryPolicy`]); when attempts run out, [`Error::Undetermined`] |
//! | signed U, "retry with a new id" | [`Error::NewIdRequired`]: the client never invents an id |
//! | timeout, connection error, non-200 | [`Error::OutcomeUnknown`]; resent with the same id only for APIs the spec marks idempotent |
//! | unsigned F or U | [`Error::Unverified`] (an unsigned U whose code allows a same-id resend is resent first) |
//! | unsigned S, half-signed, or a bad signature | [`Error::ResponseSignature`] |
//!
//! The rows that leave the outcome unknown can be turned into definite answers with a
//! [`Resolver`] ([`Client::resolver`]), which looks the id up with inquireVaulting; see
//! [`resolve`].
//!
//! Each call runs in a `tracing` span `antom_call` with the fields `api`, `vaulting_request_id`,
//! `attempt` and `result_code`. Bodies, keys and card data are never logged, at any level.

mod builder;
mod config;
mod hook;
mod http;
mod redirect;
pub mod resolve;
mod response;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderValue};
use tracing::Instrument;

pub use builder::{ClientBuilder, DEFAULT_CALL_DEADLINE};
pub use config::{Environment, Region};
pub use hook::{Attempt, AttemptHook, AttemptOutcome};
pub use http::http_client_builder;
pub use redirect::Redirect;
pub use resolve::{Found, ResolvePolicy, Resolved, Resolver};

use crate::api::MerchantApi;
use crate::error::{Error, TransportFailure};
use crate::keys::{AntomKeys, SigningKey};
use crate::retry::RetryPolicy;
use crate::signing::{Clock, SignatureHeader};
use crate::validate::Validate;
use crate::webhook::WebhookVerifier;

/// The result of calling the API `A`.
pub type CallResult<A> = Result<<A as MerchantApi>::Response, Error>;

/// The content type of every request body.
pub const CONTENT_TYPE_JSON: &str = "application/json; charset=UTF-8";

/// A configured Antom client. Build one with [`Client::builder`]; clone it freely.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: http::Transport,
    base_url: String,
    environment: Environment,
    client_id: String,
    client_id_header: HeaderValue,
    signing_key: SigningKey,
    antom_keys: AntomKeys,
    key_version: Option<u32>,
    retry: RetryPolicy,
    call_deadline: Duration,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("environment", &self.inner.environment)
            .field("client_id", &self.inner.client_id)
            .field("key_version", &self.inner.key_version)
            .field("retry", &self.inner.retry)
            .field("call_deadline", &self.inner.call_deadline)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The client id sent in `Client-Id`.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// The environment requests go to.
    pub fn environment(&self) -> Environment {
        self.inner.environment
    }

    /// The base URL requests go to (`scheme://host[:port]`).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The path an API is called (and signed) with in this client's environment.
    pub fn path_of<A: MerchantApi>(&self) -> String {
        self.inner.environment.api_path::<A>().into_owned()
    }

    /// A notification verifier with this client's Antom public keys (the same shared set: a key
    /// added to or removed from [`Client::antom_keys`] applies to both) and client id.
    pub fn webhook_verifier(&self) -> WebhookVerifier {
        WebhookVerifier::new(self.inner.antom_keys.clone())
            .expect_client_id(self.inner.client_id.clone())
    }

    /// The Antom public keys that verify responses, shared with this client and its clones: add
    /// or remove keys here while the client runs to rotate Antom's key (see [`AntomKeys`]).
    pub fn antom_keys(&self) -> &AntomKeys {
        &self.inner.antom_keys
    }

    /// Calls the API `A`: validate, serialize once, sign, send, verify, decode, map the outcome
    /// (see the [module documentation](self)). The generated per-API methods call this.
    ///
    /// The call takes at most the [call deadline](ClientBuilder::call_deadline) (30 s by default),
    /// resends and waits included.
    ///
    /// **Dropping the future** (a caller's own timeout, a cancelled task, a client that went away)
    /// stops the call at its next await point, possibly after a request reached Antom. Its outcome
    /// is then unknown, exactly as with [`Error::OutcomeUnknown`]: do not assume it failed and do
    /// not retry with a new id. Resolve it by its `vaultingRequestId`: [`Resolver::look_up`]
    /// (inquireVaulting) says whether the card was vaulted, failed, waits for the buyer or was
    /// never received; or resend the same request with the same id, which Antom answers with the
    /// existing outcome.
    pub async fn execute<A: MerchantApi>(&self, request: &A::Request) -> CallResult<A> {
        // The id is at most the spec's limit in a valid request; never log more of it.
        let id = crate::schema::first_chars(
            A::idempotency_key(request),
            A::SCHEMA.idempotency_key_max_length,
        );
        let span = tracing::info_span!(
            "antom_call",
            api = A::NAME,
            vaulting_request_id = id,
            attempt = tracing::field::Empty,
            result_code = tracing::field::Empty,
        );
        self.execute_in_span::<A>(request).instrument(span).await
    }

    async fn execute_in_span<A: MerchantApi>(&self, request: &A::Request) -> CallResult<A> {
        let body = self.validate_and_serialize::<A>(request)?;
        let path = self.inner.environment.api_path::<A>();
        let url = format!("{}{path}", self.inner.base_url);

        let deadline = tokio::time::Instant::now() + self.inner.call_deadline;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempt", attempt);
            let sent = self.send_once::<A>(&url, &path, &body, attempt);
            let error = match tokio::time::timeout_at(deadline, sent).await {
                Ok(Ok(response)) => {
                    tracing::info!(attempt, "call succeeded");
                    return Ok(response);
                }
                Ok(Err(error)) => error,
                Err(_) => {
                    tracing::warn!(
                        attempt,
                        "call deadline passed during an attempt; outcome unknown"
                    );
                    return Err(Error::OutcomeUnknown {
                        api: A::NAME,
                        failure: TransportFailure::DeadlineExceeded,
                        attempts: attempt,
                    });
                }
            };
            let delay = response::retry_reason::<A>(&error)
                .and_then(|reason| self.inner.retry.delay_after(attempt, reason));
            let in_time = |delay| tokio::time::Instant::now() + delay < deadline;
            match delay {
                Some(delay) if !in_time(delay) => {
                    tracing::info!(attempt, error = %error, "no resend: it would start after the call deadline");
                    return Err(response::with_attempts(error, attempt));
                }
                Some(delay) => {
                    tracing::warn!(attempt, ?delay, error = %error, "outcome unknown; resending with the same id");
                    tokio::time::sleep(delay).await;
                }
                None => {
                    tracing::info!(attempt, error = %error, "call did not succeed");
                    return Err(response::with_attempts(error, attempt));
                }
            }
        }
    }

    /// Validation, then the one serialization whose bytes are signed and sent.
    fn validate_and_serialize<A: MerchantApi>(
        &self,
        request: &A::Request,
    ) -> Result<Vec<u8>, Error> {
        if let Err(errors) = request.validate() {
            tracing::debug!("request rejected by validation; nothing sent");
            return Err(Error::InvalidRequest {
                api: A::NAME,
                errors,
            });
        }
        serde_json::to_vec(request).map_err(|_| Error::Serialize { api: A::NAME })
    }

    /// A fresh `Request-Time` and the signature over `path` and `body` at that time.
    fn sign_body(&self, path: &str, body: &[u8]) -> Result<(String, SignatureHeader), Error> {
        let inner = &*self.inner;
        let request_time = inner.clock.request_time();
        let signature = inner.signing_key.sign_request(
            path,
            &inner.client_id,
            &request_time,
            body,
            inner.key_version,
        )?;
        Ok((request_time, signature))
    }

    /// Validates, serializes and signs a request of `A` without sending it, for custom transports,
    /// tooling and benchmarks. [`Client::execute`] does exactly this before each attempt (with a
    /// fresh time per attempt) and then sends [`SignedRequest::body`] unchanged.
    pub fn sign<A: MerchantApi>(&self, request: &A::Request) -> Result<SignedRequest, Error> {
        let body = self.validate_and_serialize::<A>(request)?;
        let path = self.path_of::<A>();
        let (request_time, signature) = self.sign_body(&path, &body)?;
        Ok(SignedRequest {
            url: format!("{}{}", self.inner.base_url, path),
            path,
            client_id: self.inner.client_id.clone(),
            request_time,
            signature,
            body,
        })
    }

    /// Verifies and decodes the raw response to a request of `A` sent by this client (status 200
    /// assumed), mapping its result exactly as [`Client::execute`] does: signature first, then
    /// decoding, then the result code's action. For custom transports, replays and benchmarks.
    pub fn verify_response<A: MerchantApi>(
        &self,
        headers: &reqwest::header::HeaderMap,
        body: &[u8],
    ) -> CallResult<A> {
        let path = self.inner.environment.api_path::<A>();
        let check = response::ResponseCheck {
            client_id: &self.inner.client_id,
            antom_keys: &self.inner.antom_keys,
            path: &path,
        };
        response::interpret::<A>(&check, headers, body)
    }

    /// One signed POST of `body` (attempt number `attempt`) and the interpretation of its response.
    async fn send_once<A: MerchantApi>(
        &self,
        url: &str,
        path: &str,
        body: &[u8],
        attempt: u32,
    ) -> CallResult<A> {
        let inner = &*self.inner;
        let (request_time, signature) = self.sign_body(path, body)?;
        let transport = |failure| Error::OutcomeUnknown {
            api: A::NAME,
            failure,
            attempts: 1,
        };
        let request = inner
            .http
            .client()
            .post(url)
            .header(CONTENT_TYPE, CONTENT_TYPE_JSON)
            .header("Client-Id", inner.client_id_header.clone())
            .header("Request-Time", request_time)
            .header("Signature", signature.to_string())
            .body(body.to_vec());
        let received = inner
            .http
            .send(hook::Attempt::new(A::NAME, attempt), request)
            .await
            .map_err(transport)?;
        if received.status != reqwest::StatusCode::OK {
            return Err(transport(TransportFailure::HttpStatus(
                received.status.as_u16(),
            )));
        }
        let check = response::ResponseCheck {
            client_id: &inner.client_id,
            antom_keys: &inner.antom_keys,
            path,
        };
        response::interpret::<A>(&check, &received.headers, &received.body)
    }
}

/// A validated, serialized and signed request, ready to POST (see [`Client::sign`]).
///
/// Its `Debug` output leaves the body out: it may hold card data.
#[derive(Clone)]
pub struct SignedRequest {
    /// Full URL to POST to.
    pub url: String,
    /// The path that was signed (sandbox: `/ams/sandbox/api/...`).
    pub path: String,
    /// The `Client-Id` header value.
    pub client_id: String,
    /// The `Request-Time` header value (epoch milliseconds).
    pub request_time: String,
    /// The `Signature` header.
    pub signature: SignatureHeader,
    /// The exact body bytes that were signed and must be sent.
    pub body: Vec<u8>,
}

impl SignedRequest {
    /// The four request headers, in the order Antom documents them.
    pub fn headers(&self) -> [(&'static str, String); 4] {
        [
            ("Content-Type", CONTENT_TYPE_JSON.to_owned()),
            ("Client-Id", self.client_id.clone()),
            ("Request-Time", self.request_time.clone()),
            ("Signature", self.signature.to_string()),
        ]
    }
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedRequest")
            .field("url", &self.url)
            .field("client_id", &self.client_id)
            .field("request_time", &self.request_time)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}
