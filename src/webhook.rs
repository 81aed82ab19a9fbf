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

#[cfg(feature = "axum")]
pub mod axum;
mod guard;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::api::Notification;
use crate::error::{ConfigError, SignatureError, json_error_position};
use crate::keys::{AntomKeys, VerifyingKey};
use crate::redact::mask_card_numbers;
use crate::schema::first_chars;
use crate::signing::{Clock, METHOD, SignatureHeader, SystemClock, header, string_to_sign};
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
    /// The `client-id` header is not the expected client id, nor one of the merchants the
    /// verifier serves.
    #[error("the notification is for a client id this verifier does not serve")]
    ClientIdMismatch,
    /// The signature header is malformed, or the signature does not match.
    #[error("notification signature rejected: {0}")]
    Signature(#[from] SignatureError),
    /// The signature does not match over the configured notification path(s), and the request
    /// arrived at another path. Either the configured URL is not the one given to Antom, or the
    /// notification was not signed by Antom's key. Paths are shown without their query.
    #[error(
        "notification signature rejected over the configured notification path {configured}; the request arrived at {received} (check that the configured URL is the one given to Antom as the notification URL)"
    )]
    SignatureAtOtherPath {
        /// The configured path(s) the signature was checked over.
        configured: String,
        /// The path the request arrived at, as the framework reported it.
        received: String,
    },
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

/// Verifies notifications with Antom's public keys (and optionally the merchant's client id, a
/// freshness window and a replay guard; both off by default, see [`WebhookVerifier::max_age`]).
///
/// - **Which path is signed.** Antom signs the path (and query) of the URL it called: the
///   notification URL the merchant registered. Behind a router that nests the handler
///   (`Router::nest`), an ingress that strips a prefix, or any proxy that rewrites paths, the path
///   a framework reports is not that one. Give the verifier the URL(s) the service hands Antom
///   ([`WebhookVerifier::notification_url`]) and it checks the signature over those, whatever path
///   the request arrived at. Without one, it uses the path passed to
///   [`verify`](WebhookVerifier::verify).
/// - **Which keys.** An [`AntomKeys`] set, shared and changeable while running (key rotation), for
///   any client id ([`WebhookVerifier::new`]), or one set per merchant
///   ([`WebhookVerifier::for_merchants`] and [`WebhookVerifier::merchant`]).
/// - **What comes back.** The message together with the client id and request time that were
///   verified ([`VerifiedNotification`]): route by that client id, not by a header read again.
#[derive(Clone, Debug)]
pub struct WebhookVerifier {
    /// Keys for a client id without keys of its own; `None` serves listed merchants only.
    default_keys: Option<AntomKeys>,
    merchants: HashMap<String, AntomKeys>,
    client_id: Option<String>,
    signed_paths: Vec<String>,
    freshness: Option<Freshness>,
    clock: Arc<dyn Clock>,
    replays: Option<Arc<ReplayGuard>>,
}

/// A notification whose signature verified, with the signed values it was verified with.
///
/// Dereferences to the notification.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct VerifiedNotification<T> {
    /// The `client-id` that was signed: the merchant the notification is for.
    pub client_id: String,
    /// The `request-time` that was signed, exactly as sent.
    pub request_time: String,
    /// The `keyVersion` of the `Signature` header, if it carried one.
    pub key_version: Option<u32>,
    /// The path (and query) the signature was checked over.
    pub signed_path: String,
    /// The notification, parsed from the verified bytes.
    pub notification: T,
}

impl<T> VerifiedNotification<T> {
    /// The notification, without the signed values.
    pub fn into_notification(self) -> T {
        self.notification
    }
}

impl<T> std::ops::Deref for VerifiedNotification<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.notification
    }
}

impl WebhookVerifier {
    /// A verifier that accepts notifications signed with one of `antom_keys` (a [`VerifyingKey`]
    /// or an [`AntomKeys`] set), for **any** `client-id`.
    ///
    /// The signature covers the client id, so it cannot be swapped; but if one Antom key signs
    /// for several client ids, a notification meant for another merchant verifies too. A receiver
    /// that serves one client id should add [`WebhookVerifier::expect_client_id`]
    /// ([`Client::webhook_verifier`](crate::Client::webhook_verifier) does); one that serves
    /// several should use [`WebhookVerifier::for_merchants`], or route by the verified
    /// [`VerifiedNotification::client_id`].
    pub fn new(antom_keys: impl Into<AntomKeys>) -> Self {
        Self::with_default_keys(Some(antom_keys.into()))
    }

    /// A verifier for several merchants on one endpoint: add each client id with its Antom keys
    /// by [`WebhookVerifier::merchant`]. A notification for a client id not added is refused with
    /// [`WebhookError::ClientIdMismatch`].
    pub fn for_merchants() -> Self {
        Self::with_default_keys(None)
    }

    fn with_default_keys(default_keys: Option<AntomKeys>) -> Self {
        WebhookVerifier {
            default_keys,
            merchants: HashMap::new(),
            client_id: None,
            signed_paths: Vec::new(),
            freshness: None,
            clock: Arc::new(SystemClock),
            replays: None,
        }
    }

    /// Also serve `client_id`, whose notifications verify with `antom_keys` (and only with them).
    pub fn merchant(
        mut self,
        client_id: impl Into<String>,
        antom_keys: impl Into<AntomKeys>,
    ) -> Self {
        self.merchants.insert(client_id.into(), antom_keys.into());
        self
    }

    /// Also require the `client-id` header to be `client_id` (the merchant's own), unless it is
    /// a client id added by [`WebhookVerifier::merchant`].
    pub fn expect_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// Checks signatures over the path and query of `url`, the notification URL the service
    /// gives Antom (as `vaultingNotificationUrl`), instead of the path the request reports.
    ///
    /// `url` is an absolute `http(s)://host[:port]/path[?query]` URL or a path starting with
    /// `/`. Call it once per URL the service registers: a notification then verifies when its
    /// signature matches one of them (the one equal to the request's path is tried first).
    pub fn notification_url(mut self, url: &str) -> Result<Self, ConfigError> {
        self.signed_paths.push(signed_path_of(url)?);
        Ok(self)
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
    /// `path_and_query` is the request target as received, e.g. `/antom/notify?shop=1`; with
    /// [`WebhookVerifier::notification_url`] the signature is checked over the configured path
    /// instead, and `path_and_query` only appears in the error when that fails.
    pub fn verify<N: Notification, H: HeaderSource + ?Sized>(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &H,
        body: &[u8],
    ) -> Result<VerifiedNotification<N::Body>, WebhookError> {
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
        let keys = self.keys_for(client_id)?;
        let header = SignatureHeader::parse(signature).map_err(SignatureError::from)?;
        let signed_path =
            self.check_signature(keys, path_and_query, client_id, request_time, body, &header)?;
        if let Some(freshness) = &self.freshness {
            match freshness.check(request_time, &*self.clock) {
                TimeVerdict::Fresh => {}
                TimeVerdict::Stale => return Err(WebhookError::Stale),
                TimeVerdict::Unreadable => return Err(WebhookError::UnreadableTime),
            }
        }
        let notification: N::Body =
            crate::wire::decode_body(body, N::fast_decode_body).map_err(|err| {
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
            client_id,
            vaulting_request_id = first_chars(
                N::idempotency_key(&notification),
                N::SCHEMA.idempotency_key_max_length,
            ),
            "verified notification"
        );
        Ok(VerifiedNotification {
            client_id: client_id.to_owned(),
            request_time: request_time.to_owned(),
            key_version: header.key_version(),
            signed_path: signed_path.to_owned(),
            notification,
        })
    }

    /// The keys that verify notifications for `client_id`, or why it is not served.
    fn keys_for(&self, client_id: &str) -> Result<&AntomKeys, WebhookError> {
        if let Some(keys) = self.merchants.get(client_id) {
            return Ok(keys);
        }
        if self
            .client_id
            .as_deref()
            .is_some_and(|expected| expected != client_id)
        {
            return Err(WebhookError::ClientIdMismatch);
        }
        self.default_keys
            .as_ref()
            .ok_or(WebhookError::ClientIdMismatch)
    }

    /// Checks the signature over the configured paths (the received one when none is
    /// configured); returns the path that verified.
    fn check_signature<'p>(
        &'p self,
        keys: &AntomKeys,
        received: &'p str,
        client_id: &str,
        request_time: &str,
        body: &[u8],
        header: &SignatureHeader,
    ) -> Result<&'p str, WebhookError> {
        let verifies =
            |path: &str| keys.verify(&string_to_sign(path, client_id, request_time, body), header);
        if self.signed_paths.is_empty() {
            verifies(received)?;
            return Ok(received);
        }
        let same_as_received = self.signed_paths.iter().filter(|p| *p == received);
        let others = self.signed_paths.iter().filter(|p| *p != received);
        for path in same_as_received.chain(others) {
            if verifies(path).is_ok() {
                return Ok(path);
            }
        }
        if self.signed_paths.iter().any(|p| p == received) {
            return Err(SignatureError::Mismatch.into());
        }
        Err(WebhookError::SignatureAtOtherPath {
            configured: self
                .signed_paths
                .iter()
                .map(|p| shown_path(p))
                .collect::<Vec<_>>()
                .join(", "),
            received: shown_path(received),
        })
    }
}

/// The path (and query) Antom signs for the notification URL `url`.
fn signed_path_of(url: &str) -> Result<String, ConfigError> {
    let invalid = ConfigError::InvalidNotificationUrl;
    if url.is_empty() || !url.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid(
            "it must be non-empty visible ASCII, without spaces",
        ));
    }
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    if url.starts_with('/') {
        return Ok(url.to_owned());
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(invalid(
            "it must be an http(s) URL or a path starting with `/`",
        ))?;
    let target_start = rest.find(['/', '?']).unwrap_or(rest.len());
    if target_start == 0 {
        return Err(invalid("it has no host"));
    }
    if rest[..target_start].contains('@') {
        return Err(invalid("it must not carry credentials"));
    }
    Ok(match &rest[target_start..] {
        "" => "/".to_owned(),
        target if target.starts_with('?') => format!("/{target}"),
        target => target.to_owned(),
    })
}

/// A path as an error may show it: without its query (which may carry a secret), card-number
/// runs masked, at most 200 characters.
fn shown_path(path_and_query: &str) -> String {
    let path = path_and_query
        .split_once('?')
        .map_or(path_and_query, |(path, _)| path);
    let mut shown = mask_card_numbers(first_chars(path, 200)).into_owned();
    if path.len() < path_and_query.len() {
        shown.push_str("?…");
    }
    shown
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
) -> Result<VerifiedNotification<N::Body>, WebhookError> {
    WebhookVerifier::new(antom_key.clone()).verify::<N, H>(method, path_and_query, headers, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that only knows one header, to check the trait's default count.
    struct OneHeader(&'static str);

    impl HeaderSource for OneHeader {
        fn header_bytes(&self, name: &str) -> Option<&[u8]> {
            name.eq_ignore_ascii_case("signature")
                .then_some(self.0.as_bytes())
        }
    }

    /// Every source: the value is found whatever the case, a missing name is `None`, and repeats
    /// are counted.
    #[test]
    fn every_header_source_finds_and_counts_case_insensitively() {
        let pairs = [("Signature", "a"), ("Client-Id", "c"), ("SIGNATURE", "b")];
        let vec: Vec<(String, String)> = pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                reqwest::header::HeaderName::from_static(match name {
                    "Client-Id" => "client-id",
                    _ => "signature",
                }),
                reqwest::header::HeaderValue::from_static(value),
            );
        }
        let hash: HashMap<String, String> = vec.iter().cloned().collect();
        fn check<H: HeaderSource + ?Sized>(what: &str, source: &H) {
            assert_eq!(source.header_bytes("client-id"), Some(&b"c"[..]), "{what}");
            assert_eq!(source.header_bytes("request-time"), None, "{what}");
            assert_eq!(source.header_count("signature"), 2, "{what}");
            assert_eq!(source.header_count("CLIENT-ID"), 1, "{what}");
            assert_eq!(source.header_count("request-time"), 0, "{what}");
        }
        check("slice", &pairs[..]);
        check("vec", &vec);
        check("header map", &map);
        check("hash map", &hash);
        assert_eq!(pairs[..].header_bytes("signature"), Some(&b"a"[..]));
        assert_eq!(OneHeader("x").header_count("Signature"), 1);
        assert_eq!(OneHeader("x").header_count("client-id"), 0);
    }

    #[test]
    fn a_required_header_is_there_once_as_text() {
        let headers = |value: &str| vec![("signature".to_owned(), value.to_owned())];
        assert_eq!(
            required_header(&headers("a b"), header::SIGNATURE),
            Ok("a b")
        );
        assert_eq!(
            required_header(&headers(""), header::SIGNATURE),
            Err(WebhookError::MissingHeader(header::SIGNATURE))
        );
        assert_eq!(
            required_header(&headers("a\tb"), header::SIGNATURE),
            Err(WebhookError::HeaderNotText(header::SIGNATURE))
        );
        assert_eq!(
            required_header(&headers("é"), header::SIGNATURE),
            Err(WebhookError::HeaderNotText(header::SIGNATURE))
        );
        let mut twice = headers("a");
        twice.extend(headers("a"));
        assert_eq!(
            required_header(&twice, header::SIGNATURE),
            Err(WebhookError::RepeatedHeader(header::SIGNATURE))
        );
        assert_eq!(
            required_header(&headers("a"), header::CLIENT_ID),
            Err(WebhookError::MissingHeader(header::CLIENT_ID))
        );
    }

    #[test]
    fn a_shown_path_drops_its_query_and_masks_card_numbers() {
        assert_eq!(shown_path("/antom/notify"), "/antom/notify");
        assert_eq!(shown_path("/antom/notify?token=secret"), "/antom/notify?…");
        assert_eq!(shown_path("/cards/4111111111111111"), "/cards/****1111");
        assert_eq!(shown_path("/x?"), "/x?…");
    }

    #[test]
    fn the_signed_path_of_a_notification_url() {
        for (url, path) in [
            ("https://merchant.example", "/"),
            ("https://merchant.example/antom/notify", "/antom/notify"),
            ("http://127.0.0.1:8080/n?shop=1", "/n?shop=1"),
            ("https://merchant.example?shop=1", "/?shop=1"),
            ("https://merchant.example/n#part", "/n"),
            ("/antom/notify?shop=1", "/antom/notify?shop=1"),
        ] {
            assert_eq!(signed_path_of(url).as_deref(), Ok(path), "{url}");
        }
        for url in [
            "",
            "https://merchant.example/a b",
            "https://merchant.example/é",
            "ftp://merchant.example/n",
            "merchant.example/n",
            "https:///n",
            "https://user:pass@merchant.example/n",
        ] {
            assert!(
                matches!(
                    signed_path_of(url),
                    Err(ConfigError::InvalidNotificationUrl(_))
                ),
                "{url}"
            );
        }
    }
}
