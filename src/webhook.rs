//! Receiving Antom's notifications (notifyVaulting), independent of any web framework.
//!
//! Antom POSTs a signed JSON body to the merchant's notification URL. A handler must:
//!
//! 1. take the method, the path **and query** exactly as requested (no scheme or host), the
//!    headers and the **raw** body bytes, before any JSON parsing;
//! 2. call [`WebhookVerifier::verify`] (or [`verify_notification`]): it checks Antom's signature
//!    over `POST <path>\n<client-id>.<request-time>.<body>` with the Antom public key and only then
//!    parses the body into the API's notification type;
//! 3. process the notification **idempotently**: Antom resends a notification until it gets the
//!    acknowledgement (up to 8 times over about 24 hours; the sandbox never resends), and may send
//!    duplicates anyway. Key the processing on `vaultingRequestId` (the
//!    [`Notification::idempotency_key`]): record it, together with the outcome, in the same
//!    transaction as the effect, and treat a second delivery of a known id as done;
//! 4. answer HTTP 200 with [`ACKNOWLEDGEMENT`] (only once the notification is safely stored).
//!    Antom asks for this fixed `result` value; no source says it compares bytes, so a body equal
//!    to it as JSON (other key order or spacing) is taken to acknowledge too, and the emulator
//!    accepts exactly that. Sending these bytes is the safe choice (docs/acknowledgement.md).
//!    Anything else makes Antom resend; a notification that fails verification must not be
//!    acknowledged (answer 401 or 400).
//!
//! `examples/axum_webhook.rs` shows a complete axum handler.

mod guard;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::api::Notification;
use crate::error::{SignatureError, json_error_position};
use crate::keys::VerifyingKey;
use crate::redact::{Masked, mask_card_numbers};
use crate::schema::first_chars;
use crate::signing::{Clock, METHOD, SignatureHeader, SystemClock, header};
use guard::{Freshness, ReplayGuard, TimeVerdict};

/// The acknowledgement body Antom expects, with HTTP 200: its fixed `result` value, in the
/// compact form the sources show (a body equal to it as JSON is taken to do the same).
pub const ACKNOWLEDGEMENT: &[u8] =
    br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

/// The content type to send [`ACKNOWLEDGEMENT`] with.
pub const ACKNOWLEDGEMENT_CONTENT_TYPE: &str = "application/json; charset=UTF-8";

/// Why a notification was rejected. Do not acknowledge a rejected notification.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// Antom notifies only with POST.
    #[error("notifications arrive as POST, not {0}")]
    MethodNotPost(String),
    /// The path must be the request's path (and query), starting with `/`, without scheme or host.
    #[error("the notification path must start with `/` (path and query only, no scheme or host)")]
    InvalidPath,
    /// A required header is missing.
    #[error("the notification has no `{0}` header")]
    MissingHeader(&'static str),
    /// A signed header (`client-id`, `request-time`, `signature`) appears more than once: Antom
    /// sends each once, and with two the verified one would be a guess.
    #[error("the notification's `{0}` header appears more than once")]
    RepeatedHeader(&'static str),
    /// A header is not visible ASCII.
    #[error("the notification's `{0}` header is not visible ASCII")]
    HeaderNotText(&'static str),
    /// The `client-id` header is not the expected client id.
    #[error("the notification is for another client id")]
    ClientIdMismatch,
    /// The signature header is malformed, or the signature does not match.
    #[error("notification signature rejected: {0}")]
    Signature(#[from] SignatureError),
    /// The signed `request-time` is outside the freshness window (only with
    /// [`WebhookVerifier::max_age`]).
    #[error("the notification's request-time is outside the freshness window")]
    Stale,
    /// The signed `request-time` is neither epoch milliseconds nor ISO 8601 (only with
    /// [`WebhookVerifier::max_age`]).
    #[error("the notification's request-time is neither epoch milliseconds nor ISO 8601")]
    UnreadableTime,
    /// The same signature was seen recently (only with [`WebhookVerifier::replay_guard`]).
    #[error("the notification repeats a recently seen signature")]
    Replayed,
    /// The verified body is not the expected JSON.
    #[error(
        "verified notification could not be decoded ({category} at line {line}, column {column})"
    )]
    Decode {
        /// serde_json's error category.
        category: &'static str,
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
    },
}

/// Read access to request headers, case-insensitively, for any framework.
///
/// Implemented for `http::HeaderMap` (axum, hyper, reqwest, actix via conversion), for slices and
/// vectors of `(name, value)` pairs and for `HashMap<String, String>`.
pub trait HeaderSource {
    /// The raw value of the first header called `name` (ASCII case-insensitive).
    fn header_bytes(&self, name: &str) -> Option<&[u8]>;

    /// How many headers are called `name` (ASCII case-insensitive). The verifier refuses a
    /// signed header that appears more than once. The default (0 or 1) suits sources that cannot
    /// hold repeats.
    fn header_count(&self, name: &str) -> usize {
        usize::from(self.header_bytes(name).is_some())
    }
}

impl HeaderSource for reqwest::header::HeaderMap {
    fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(|value| value.as_bytes())
    }

    fn header_count(&self, name: &str) -> usize {
        self.get_all(name).iter().count()
    }
}

impl<N: AsRef<str>, V: AsRef<str>> HeaderSource for [(N, V)] {
    fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(n, _)| n.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref().as_bytes())
    }

    fn header_count(&self, name: &str) -> usize {
        self.iter()
            .filter(|(n, _)| n.as_ref().eq_ignore_ascii_case(name))
            .count()
    }
}

impl<N: AsRef<str>, V: AsRef<str>> HeaderSource for Vec<(N, V)> {
    fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.as_slice().header_bytes(name)
    }

    fn header_count(&self, name: &str) -> usize {
        self.as_slice().header_count(name)
    }
}

impl<S: std::hash::BuildHasher> HeaderSource for HashMap<String, String, S> {
    fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_bytes())
    }

    fn header_count(&self, name: &str) -> usize {
        self.keys().filter(|n| n.eq_ignore_ascii_case(name)).count()
    }
}

/// Verifies notifications with Antom's public key (and optionally the merchant's client id, a
/// freshness window and a replay guard; both off by default, see [`WebhookVerifier::max_age`]).
#[derive(Clone, Debug)]
pub struct WebhookVerifier {
    antom_key: VerifyingKey,
    client_id: Option<String>,
    freshness: Option<Freshness>,
    clock: Arc<dyn Clock>,
    replays: Option<Arc<ReplayGuard>>,
}

impl WebhookVerifier {
    /// A verifier that accepts notifications signed with `antom_key`, for **any** `client-id`.
    ///
    /// The signature covers the client id, so it cannot be swapped; but if one Antom key signs
    /// for several client ids, a notification meant for another merchant verifies too. A receiver
    /// that serves one client id should add [`WebhookVerifier::expect_client_id`]
    /// ([`Client::webhook_verifier`](crate::Client::webhook_verifier) does); one that serves
    /// several must route by the client id it verified.
    pub fn new(antom_key: VerifyingKey) -> Self {
        WebhookVerifier {
            antom_key,
            client_id: None,
            freshness: None,
            clock: Arc::new(SystemClock),
            replays: None,
        }
    }

    /// Also require the `client-id` header to be `client_id` (the merchant's own).
    pub fn expect_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// Also refuse a notification whose signed `request-time` is more than `max_skew` before or
    /// after the receiver's clock, or cannot be read. **Off by default**: it is not documented
    /// whether Antom re-signs resends with a fresh time (if it does not, a window shorter than its
    /// resend span of about 24 hours refuses real resends), and it depends on the receiver's
    /// clock. Duplicates are harmless when processing is idempotent by `vaultingRequestId`.
    pub fn max_age(mut self, max_skew: Duration) -> Self {
        self.freshness = Some(Freshness { max_skew });
        self
    }

    /// The clock [`WebhookVerifier::max_age`] compares with (the system clock by default).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Also refuse a notification whose signature repeats one of the last `capacity` accepted
    /// ones (shared by clones of this verifier; a few kilobytes per thousand). **Off by
    /// default**: if Antom resends the original signed bytes, the guard refuses the resend of a
    /// notification that was verified but not acknowledged (for example because storing it
    /// failed), so turn it on only where the first verified copy is always stored.
    pub fn replay_guard(mut self, capacity: usize) -> Self {
        self.replays = Some(Arc::new(ReplayGuard::new(capacity)));
        self
    }

    /// Verifies the signature over the raw parts, then parses the body as `N`'s notification.
    ///
    /// `path_and_query` is the request target as received, e.g. `/antom/notify?shop=1`.
    pub fn verify<N: Notification, H: HeaderSource + ?Sized>(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &H,
        body: &[u8],
    ) -> Result<N::Body, WebhookError> {
        if !method.eq_ignore_ascii_case(METHOD) {
            let shown: String = method.chars().take(16).collect();
            return Err(WebhookError::MethodNotPost(
                mask_card_numbers(&shown).into_owned(),
            ));
        }
        if !path_and_query.starts_with('/') {
            return Err(WebhookError::InvalidPath);
        }
        let client_id = required_header(headers, header::CLIENT_ID)?;
        let request_time = required_header(headers, header::REQUEST_TIME)?;
        let signature = required_header(headers, header::SIGNATURE)?;
        if let Some(expected) = &self.client_id
            && client_id != expected
        {
            return Err(WebhookError::ClientIdMismatch);
        }
        let header = SignatureHeader::parse(signature).map_err(SignatureError::from)?;
        self.antom_key
            .verify_request(path_and_query, client_id, request_time, body, &header)?;
        if let Some(freshness) = &self.freshness {
            match freshness.check(request_time, &*self.clock) {
                TimeVerdict::Fresh => {}
                TimeVerdict::Stale => return Err(WebhookError::Stale),
                TimeVerdict::Unreadable => return Err(WebhookError::UnreadableTime),
            }
        }
        let notification: N::Body = serde_json::from_slice(body).map_err(|err| {
            let (category, line, column) = json_error_position(&err);
            WebhookError::Decode {
                category,
                line,
                column,
            }
        })?;
        if let Some(replays) = &self.replays
            && !replays.first_time(header.signature())
        {
            return Err(WebhookError::Replayed);
        }
        tracing::info!(
            notification = N::NAME,
            vaulting_request_id = %Masked(first_chars(
                N::idempotency_key(&notification),
                N::SCHEMA.idempotency_key_max_length,
            )),
            "verified notification"
        );
        Ok(notification)
    }
}

fn required_header<'h, H: HeaderSource + ?Sized>(
    headers: &'h H,
    name: &'static str,
) -> Result<&'h str, WebhookError> {
    if headers.header_count(name) > 1 {
        return Err(WebhookError::RepeatedHeader(name));
    }
    let bytes = headers
        .header_bytes(name)
        .ok_or(WebhookError::MissingHeader(name))?;
    if bytes.is_empty() {
        return Err(WebhookError::MissingHeader(name));
    }
    std::str::from_utf8(bytes)
        .ok()
        .filter(|text| text.bytes().all(|b| b.is_ascii_graphic() || b == b' '))
        .ok_or(WebhookError::HeaderNotText(name))
}

/// Verifies a notification with `antom_key` and parses it: see [`WebhookVerifier::verify`].
pub fn verify_notification<N: Notification, H: HeaderSource + ?Sized>(
    antom_key: &VerifyingKey,
    method: &str,
    path_and_query: &str,
    headers: &H,
    body: &[u8],
) -> Result<N::Body, WebhookError> {
    WebhookVerifier::new(antom_key.clone()).verify::<N, H>(method, path_and_query, headers, body)
}
