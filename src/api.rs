//! The contract between the generated bindings and the hand-written runtime.
//!
//! Every API in `spec/` becomes a zero-sized marker type implementing one of the traits below. The
//! client, the webhook verifier and the emulator work generically over these traits, so that a new
//! API added to the spec needs no hand-written plumbing.

use std::fmt;

use crate::validate::Validate;

/// Outcome class of an Antom result (`result.resultStatus`).
///
/// Re-exported from the generated `ResultStatus` enum; declared in `spec/enums.yaml`.
pub use crate::generated::objects::ResultStatus;

/// What a caller must do after a result code, and whether (and how) a request may be sent again.
///
/// Generated from the spec's vocabulary (`codegen/src/model/vocab.rs`), where each action's
/// spelling, meaning and retry rule are defined once.
pub use crate::generated::{ResultAction, RetryRule};

/// A typed result code of one API (per-API codes plus the gateway-wide codes).
///
/// Implemented by the generated `<Api>ResultCode` enums. Unknown codes are kept verbatim in an
/// `Unknown(String)` variant, whose status is `None` and whose action is [`ResultAction::ContactSupport`].
pub trait ResultCode:
    Clone + fmt::Debug + fmt::Display + PartialEq + Send + Sync + 'static
{
    /// Parses a wire code; never fails (unknown codes become `Unknown`).
    fn from_code(code: &str) -> Self;
    /// The exact wire code.
    fn as_str(&self) -> &str;
    /// The status the spec declares for this code, or `None` for an unknown code.
    fn status(&self) -> Option<ResultStatus>;
    /// What the caller must do, as declared in the spec.
    fn action(&self) -> ResultAction;
    /// Whether a retry must reuse the id, use a new one, or not happen.
    fn retry(&self) -> RetryRule {
        self.action().retry()
    }
}

/// A merchant → Antom API (createVaultingSession, vaultPaymentMethod, inquireVaulting).
pub trait MerchantApi: Send + Sync + 'static {
    /// The API name as Antom writes it, e.g. `createVaultingSession`.
    const NAME: &'static str;
    /// The production path, e.g. `/ams/api/v1/vaults/createVaultingSession`.
    const PATH: &'static str;
    /// What a caller may do when the transport outcome is unknown (timeout, connection error,
    /// non-200): [`RetryRule::SameId`] only for APIs the spec marks idempotent.
    const TRANSPORT_RETRY: RetryRule;
    /// The spec's facts about this API: messages, fields, the idempotency field and its limit.
    const SCHEMA: &'static crate::schema::ApiSchema;
    /// The request body type.
    type Request: serde::Serialize + Validate + Send + Sync;
    /// The response body type (decoded leniently).
    type Response: serde::de::DeserializeOwned + Send + Sync;
    /// The typed result codes of this API.
    type ResultCode: ResultCode;
    /// The idempotency id carried by a request (`vaultingRequestId`).
    fn idempotency_key(request: &Self::Request) -> &str;
    /// The `result` object of a response.
    fn result(response: &Self::Response) -> &crate::generated::objects::AntomResult;
    /// Decodes a verified response on the generated fast path ([`crate::wire::fast`]): the
    /// response serde would decode, or `None` to leave the text to serde. The generated APIs
    /// provide it; this default always leaves the text to serde.
    fn fast_decode_response(text: &str) -> Option<Self::Response> {
        let _ = text;
        None
    }
}

/// An Antom → merchant webhook (notifyVaulting).
pub trait Notification: Send + Sync + 'static {
    /// The API name as Antom writes it, e.g. `notifyVaulting`.
    const NAME: &'static str;
    /// The spec's facts about this webhook: messages, fields, the idempotency field and its limit.
    const SCHEMA: &'static crate::schema::ApiSchema;
    /// The notification body type.
    type Body: serde::de::DeserializeOwned + Send + Sync;
    /// The acknowledgement body type.
    type Acknowledgement: serde::Serialize;
    /// The idempotency id of a notification (for de-duplication).
    fn idempotency_key(body: &Self::Body) -> &str;
    /// Decodes a verified notification on the generated fast path ([`crate::wire::fast`]): the
    /// body serde would decode, or `None` to leave the text to serde. The generated webhooks
    /// provide it; this default always leaves the text to serde.
    fn fast_decode_body(text: &str) -> Option<Self::Body> {
        let _ = text;
        None
    }
}
