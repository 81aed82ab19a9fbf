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
//! 4. answer HTTP 200 with exactly [`ACKNOWLEDGEMENT`] (only once the notification is safely
//!    stored). Anything else makes Antom resend; a notification that fails verification must not
//!    be acknowledged (answer 401 or 400).
//!
//! `examples/axum_webhook.rs` shows a complete axum handler.

use std::collections::HashMap;

use crate::api::Notification;
use crate::error::{SignatureError, json_error_position};
use crate::keys::VerifyingKey;
use crate::redact::{Masked, mask_card_numbers};
use crate::signing::METHOD;

/// The exact acknowledgement body Antom expects, with HTTP 200.
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
    /// A header is not visible ASCII.
    #[error("the notification's `{0}` header is not visible ASCII")]
    HeaderNotText(&'static str),
    /// The `client-id` header is not the expected client id.
    #[error("the notification is for another client id")]
    ClientIdMismatch,
    /// The signature header is malformed, or the signature does not match.
    #[error("notification signature rejected: {0}")]
    Signature(#[from] SignatureError),
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
}

impl HeaderSource for reqwest::header::HeaderMap {
    fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(|value| value.as_bytes())
    }
}

impl<N: AsRef<str>, V: AsRef<str>> HeaderSource for [(N, V)] {
    fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(n, _)| n.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref().as_bytes())
    }
}

impl<N: AsRef<str>, V: AsRef<str>> HeaderSource for Vec<(N, V)> {
    fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.as_slice().header_bytes(name)
    }
}

impl<S: std::hash::BuildHasher> HeaderSource for HashMap<String, String, S> {
    fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_bytes())
    }
}

/// Verifies notifications with Antom's public key (and optionally the merchant's client id).
#[derive(Clone, Debug)]
pub struct WebhookVerifier {
    antom_key: VerifyingKey,
    client_id: Option<String>,
}

impl WebhookVerifier {
    /// A verifier that accepts notifications signed with `antom_key`.
    pub fn new(antom_key: VerifyingKey) -> Self {
        WebhookVerifier {
            antom_key,
            client_id: None,
        }
    }

    /// Also require the `client-id` header to be `client_id` (the merchant's own).
    pub fn expect_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
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
        let client_id = required_header(headers, "client-id")?;
        let request_time = required_header(headers, "request-time")?;
        let signature = required_header(headers, "signature")?;
        if let Some(expected) = &self.client_id
            && client_id != expected
        {
            return Err(WebhookError::ClientIdMismatch);
        }
        self.antom_key.verify_request_header(
            path_and_query,
            client_id,
            request_time,
            body,
            signature,
        )?;
        let notification: N::Body = serde_json::from_slice(body).map_err(|err| {
            let (category, line, column) = json_error_position(&err);
            WebhookError::Decode {
                category,
                line,
                column,
            }
        })?;
        tracing::info!(
            notification = N::NAME,
            vaulting_request_id = %Masked(first_chars(N::idempotency_key(&notification), 64)),
            "verified notification"
        );
        Ok(notification)
    }
}

/// At most the first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(end, _)| &text[..end])
}

fn required_header<'h, H: HeaderSource + ?Sized>(
    headers: &'h H,
    name: &'static str,
) -> Result<&'h str, WebhookError> {
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
