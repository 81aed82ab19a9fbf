//! Every error the runtime produces.
//!
//! [`Error`] is what a client call returns. Its variants separate the cases a caller must treat
//! differently: the request was wrong before it left ([`Error::InvalidRequest`]), Antom said no
//! ([`Error::Failed`]), Antom could not say ([`Error::Undetermined`], [`Error::OutcomeUnknown`]), a
//! new idempotency id is needed ([`Error::NewIdRequired`]), the answer could not be trusted
//! ([`Error::Unverified`], [`Error::ResponseSignature`]), or the client itself is misconfigured
//! ([`Error::Config`], [`Error::Key`]).
//!
//! No error carries a request or response body, key material or card data: only result codes,
//! Antom's (length-limited) result message, field paths and fixed descriptions. Text that came from
//! outside (result codes and messages, header values) has possible card numbers masked to their
//! last four digits ([`crate::redact::mask_card_numbers`]) before it is kept or printed.

use std::fmt;

use crate::api::{ResultAction, ResultCode, ResultStatus, RetryRule};
use crate::redact::{Masked, mask_card_numbers};
use crate::validate::ValidationErrors;

/// Which kind of key an input was expected to be (or turned out to be).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// An RSA private key (the merchant's signing key, or Antom's in an emulator).
    Private,
    /// An RSA public key (Antom's verifying key, or the merchant's in an emulator).
    Public,
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyKind::Private => "private key",
            KeyKind::Public => "public key",
        })
    }
}

/// A key container format the key parser understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyFormat {
    /// PKCS#8 `PrivateKeyInfo` (PEM label `PRIVATE KEY`).
    Pkcs8,
    /// PKCS#1 `RSAPrivateKey` (PEM label `RSA PRIVATE KEY`).
    Pkcs1Private,
    /// X.509 `SubjectPublicKeyInfo` (PEM label `PUBLIC KEY`).
    SubjectPublicKeyInfo,
    /// PKCS#1 `RSAPublicKey` (PEM label `RSA PUBLIC KEY`).
    Pkcs1Public,
}

impl fmt::Display for KeyFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyFormat::Pkcs8 => "PKCS#8 PrivateKeyInfo",
            KeyFormat::Pkcs1Private => "PKCS#1 RSAPrivateKey",
            KeyFormat::SubjectPublicKeyInfo => "X.509 SubjectPublicKeyInfo",
            KeyFormat::Pkcs1Public => "PKCS#1 RSAPublicKey",
        })
    }
}

/// A list of formats, displayed as `A, B`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyFormats(pub &'static [KeyFormat]);

impl fmt::Display for KeyFormats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, format) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{format}")?;
        }
        Ok(())
    }
}

/// How a key's bytes were wrapped in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyEncoding {
    /// PEM armour (`-----BEGIN ...-----`).
    Pem,
    /// Bare standard base64 of the DER bytes (whitespace ignored).
    Base64,
    /// Raw DER bytes.
    Der,
}

impl fmt::Display for KeyEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyEncoding::Pem => "PEM",
            KeyEncoding::Base64 => "bare base64",
            KeyEncoding::Der => "DER",
        })
    }
}

/// A key could not be loaded. Says what was expected, what was found and which formats were tried.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The input holds nothing but whitespace.
    #[error("{expected}: the input is empty")]
    Empty {
        /// The kind of key that was expected.
        expected: KeyKind,
    },
    /// The input is neither PEM nor standard base64.
    #[error(
        "{expected}: neither PEM nor bare base64 ({reason}); accepted: PEM, or standard base64 of the DER bytes"
    )]
    NotPemOrBase64 {
        /// The kind of key that was expected.
        expected: KeyKind,
        /// Why base64 decoding failed.
        reason: &'static str,
    },
    /// The PEM armour is broken (for example a missing `END` line: a truncated key).
    #[error("{expected}: malformed PEM: {reason}")]
    MalformedPem {
        /// The kind of key that was expected.
        expected: KeyKind,
        /// What is wrong with the armour.
        reason: &'static str,
    },
    /// The key is password-protected.
    #[error(
        "{expected}: the key is encrypted; store it unencrypted (for example `openssl pkcs8 -topk8 -nocrypt`)"
    )]
    Encrypted {
        /// The kind of key that was expected.
        expected: KeyKind,
    },
    /// A PEM block whose label is not a key this crate reads (for example `CERTIFICATE`).
    #[error("{expected}: PEM label `{label}` is not supported; accepted labels: {accepted}")]
    UnsupportedPemLabel {
        /// The kind of key that was expected.
        expected: KeyKind,
        /// The label found (at most 40 characters of it).
        label: String,
        /// The labels that would have been accepted.
        accepted: &'static str,
    },
    /// A public key where a private key belongs, or the other way round.
    #[error("expected a {expected} but the input is a {found}")]
    WrongKind {
        /// The kind of key that was expected.
        expected: KeyKind,
        /// The kind of key that was found.
        found: KeyKind,
    },
    /// A well-formed key of another algorithm (for example EC); Antom uses RSA.
    #[error("{expected}: the key is not an RSA key (Antom signs with RSA)")]
    NotRsa {
        /// The kind of key that was expected.
        expected: KeyKind,
    },
    /// The bytes are not any of the accepted key structures (garbage or truncated data).
    #[error("{expected}: unrecognised {encoding} key data; tried {tried}")]
    Unrecognized {
        /// The kind of key that was expected.
        expected: KeyKind,
        /// How the bytes were wrapped.
        encoding: KeyEncoding,
        /// The structures that were tried.
        tried: KeyFormats,
    },
    /// The structure was recognised but the crypto library refused the key (corrupt, inconsistent,
    /// or of an unsupported size; RSA keys of 2048 to 8192 bits are accepted).
    #[error(
        "{expected}: {format} rejected by the crypto library (corrupt, inconsistent, or not 2048..=8192 bits)"
    )]
    Rejected {
        /// The kind of key that was expected.
        expected: KeyKind,
        /// The structure that was recognised.
        format: KeyFormat,
    },
}

/// A `Signature` header value could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// The header is absent or empty.
    #[error("the signature header is missing or empty")]
    Missing,
    /// A part before `signature=` is not `key=value`, or `algorithm` / `keyVersion` is repeated.
    #[error("a part of the signature header is not `key=value`, or is repeated")]
    MalformedPart,
    /// No `algorithm=` part.
    #[error("the signature header has no `algorithm`")]
    MissingAlgorithm,
    /// An algorithm other than `RSA256`.
    #[error("unsupported signature algorithm `{0}` (only RSA256 is used by Antom)")]
    UnsupportedAlgorithm(String),
    /// `keyVersion=` is not a decimal number.
    #[error("the signature header's keyVersion is not a decimal number")]
    InvalidKeyVersion,
    /// No `signature=` part, or an empty one.
    #[error("the signature header has no `signature` value")]
    MissingSignature,
    /// The signature value is not percent-encoded standard base64.
    #[error("the signature value is not percent-encoded standard base64")]
    NotBase64,
}

/// A signature did not check out.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The `Signature` header is malformed.
    #[error(transparent)]
    Header(#[from] HeaderError),
    /// The signature is well-formed but does not match these bytes under this key: the content
    /// was altered, or it was signed with another key.
    #[error("signature mismatch: the signed content differs or another key signed it")]
    Mismatch,
}

/// The crypto library failed to sign (it does not for valid keys; kept typed rather than panicking).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the crypto library failed to produce a signature")]
pub struct SigningError;

/// Why a response's signature could not be trusted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseSignatureError {
    /// Neither `signature` nor `response-time` came back (on a response that claims success, or
    /// that cannot be read as a result).
    #[error("the response is unsigned")]
    Unsigned,
    /// One of the two signing headers is missing.
    #[error("the response is half-signed: the `{missing}` header is missing")]
    Incomplete {
        /// The missing header name.
        missing: &'static str,
    },
    /// A signing header is not visible ASCII.
    #[error("the `{0}` response header is not visible ASCII")]
    HeaderNotText(&'static str),
    /// A signed header (`signature`, `response-time`, `client-id`) appears more than once. Antom
    /// sends each once; with two, which one was verified would be a guess, so both are refused.
    #[error("the `{0}` response header appears more than once")]
    RepeatedHeader(&'static str),
    /// The `client-id` header names another client.
    #[error("the response's client-id is not this client's")]
    ClientIdMismatch,
    /// The signature header is malformed or the signature does not match.
    #[error(transparent)]
    Invalid(#[from] SignatureError),
}

/// The client configuration is unusable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required builder setting was not given.
    #[error("missing client setting: {0}")]
    Missing(&'static str),
    /// The client id is empty or contains characters that cannot go into an HTTP header.
    #[error("the client id must be non-empty visible ASCII")]
    InvalidClientId,
    /// The environment disagrees with the client id's `SANDBOX_` prefix.
    #[error(
        "environment {environment} does not match the client id (sandbox client ids start with `SANDBOX_`)"
    )]
    EnvironmentMismatch {
        /// The environment that was configured.
        environment: crate::client::Environment,
    },
    /// The custom base URL cannot be used.
    #[error("invalid base URL: {0}")]
    InvalidBaseUrl(&'static str),
    /// The Antom public key given is the merchant's own public key (the pair of the signing key).
    #[error(
        "the Antom public key is the merchant's own public key; use the Antom public key from the Antom Dashboard"
    )]
    AntomKeyIsMerchantKey,
    /// The HTTP client could not be built (TLS set-up).
    #[error("the HTTP client could not be built: {0}")]
    Http(String),
    /// The retry policy is inconsistent.
    #[error("invalid retry policy: {0}")]
    InvalidRetryPolicy(&'static str),
    /// A deadline is zero: no call could ever complete.
    #[error("the {0} deadline must be longer than zero")]
    ZeroDeadline(&'static str),
    /// A notification URL given to a webhook verifier cannot be used.
    #[error("invalid notification URL: {0}")]
    InvalidNotificationUrl(&'static str),
}

/// What went wrong at the transport level; the request may or may not have been processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportFailure {
    /// The request or the response did not complete within the configured timeout.
    Timeout,
    /// No connection could be made (DNS, refused, TLS handshake).
    Connect,
    /// The connection broke while sending or receiving.
    Interrupted,
    /// The HTTP client followed a redirect (only a caller's client can); the answer was not read.
    Redirected,
    /// Antom answered with a status other than 200.
    HttpStatus(u16),
    /// The call's total deadline ([`ClientBuilder::call_deadline`](crate::ClientBuilder::call_deadline)
    /// or the resolver's) passed while a request was in flight.
    DeadlineExceeded,
}

impl fmt::Display for TransportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportFailure::Timeout => f.write_str("timed out"),
            TransportFailure::Connect => f.write_str("could not connect"),
            TransportFailure::Interrupted => f.write_str("connection interrupted"),
            TransportFailure::Redirected => f.write_str("redirected"),
            TransportFailure::HttpStatus(code) => write!(f, "HTTP status {code}"),
            TransportFailure::DeadlineExceeded => f.write_str("the call's deadline passed"),
        }
    }
}

/// The longest result message an error keeps (the spec's maximum for `resultMessage`).
const MAX_MESSAGE_CHARS: usize = 256;

/// A result Antom returned that is not a success: the code, its status, what to do, and the message.
///
/// Antom's text is outside input: digit runs in the message that could be card numbers are masked
/// to their last four digits when the failure is made ([`crate::redact::mask_card_numbers`]), and
/// the code is masked the same way wherever the failure is displayed or debug-printed.
#[derive(Clone, PartialEq)]
pub struct ApiFailure {
    api: &'static str,
    code: String,
    status: ResultStatus,
    action: ResultAction,
    message: String,
    verified: bool,
}

impl ApiFailure {
    /// Records a failure of `api` with its typed result code.
    pub fn new<C: ResultCode>(
        api: &'static str,
        code: &C,
        status: ResultStatus,
        message: &str,
        verified: bool,
    ) -> Self {
        ApiFailure {
            api,
            code: code.as_str().to_owned(),
            status,
            action: code.action(),
            message: mask_card_numbers(
                &message.chars().take(MAX_MESSAGE_CHARS).collect::<String>(),
            )
            .into_owned(),
            verified,
        }
    }

    /// The API name, e.g. `vaultPaymentMethod`.
    pub fn api(&self) -> &'static str {
        self.api
    }

    /// The wire result code, e.g. `PARAM_ILLEGAL`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The result code as the API's typed enum, e.g.
    /// `failure.result_code::<<VaultPaymentMethod as MerchantApi>::ResultCode>()`.
    pub fn result_code<C: ResultCode>(&self) -> C {
        C::from_code(&self.code)
    }

    /// The `resultStatus` Antom returned.
    pub fn status(&self) -> &ResultStatus {
        &self.status
    }

    /// What the spec says to do about this code.
    pub fn action(&self) -> ResultAction {
        self.action
    }

    /// Whether a resend may reuse the idempotency id.
    pub fn retry(&self) -> RetryRule {
        self.action.retry()
    }

    /// Antom's `resultMessage` (at most 256 characters, possible card numbers masked; empty when
    /// Antom sent none).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the response carrying this result had a valid Antom signature.
    pub fn is_verified(&self) -> bool {
        self.verified
    }

    /// Whether this is a signed, definite "nothing exists under this id" (the spec's `not_found`
    /// action, such as inquireVaulting's `VAULTING_NOT_EXIST`): a normal answer, not a request to
    /// fix.
    pub fn is_not_found(&self) -> bool {
        self.verified && self.action == ResultAction::NotFound
    }
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} returned {} (status {}, action {:?})",
            self.api,
            Masked(&self.code),
            Masked(status_letter(&self.status)),
            self.action
        )
    }
}

impl fmt::Debug for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiFailure")
            .field("api", &self.api)
            .field("code", &Masked(&self.code))
            .field("status", &Masked(status_letter(&self.status)))
            .field("action", &self.action)
            .field("message", &Masked(&self.message))
            .field("verified", &self.verified)
            .finish()
    }
}

/// The wire letter of a result status.
pub(crate) fn status_letter(status: &ResultStatus) -> &str {
    match status {
        ResultStatus::Success => "S",
        ResultStatus::Failure => "F",
        ResultStatus::Undetermined => "U",
        ResultStatus::Unknown(other) => other,
    }
}

/// The error of a client call, of building a client, or of loading keys.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks the spec's constraints; nothing was sent.
    #[error("invalid {api} request (nothing was sent): {errors}")]
    InvalidRequest {
        /// The API name.
        api: &'static str,
        /// Every violation, with its JSON path.
        errors: ValidationErrors,
    },
    /// The request could not be serialized; nothing was sent.
    #[error("the {api} request could not be serialized (nothing was sent)")]
    Serialize {
        /// The API name.
        api: &'static str,
    },
    /// Antom answered F (signed): the request failed. See [`ApiFailure::action`] for what to do.
    #[error("{0}")]
    Failed(ApiFailure),
    /// Antom answered U with a code whose action is "retry with a new id" (for example
    /// vaultPaymentMethod's `UNKNOWN_EXCEPTION`). This attempt is dead; the client never invents an
    /// id: start over with a new `vaultingRequestId` if appropriate.
    #[error("{0}; this attempt is dead, a new vaultingRequestId is needed")]
    NewIdRequired(ApiFailure),
    /// Antom answered U and the outcome is still unknown: same-id retries ran out, or the code
    /// allows no retry. Check with inquireVaulting, or resend later with the same id.
    #[error("{failure}; outcome still unknown after {attempts} attempt(s)")]
    Undetermined {
        /// The last result.
        failure: ApiFailure,
        /// How many requests were sent.
        attempts: u32,
    },
    /// An unsigned F or U response: it is an error, but Antom's word for it cannot be checked
    /// (Antom leaves some gateway errors, such as a bad request signature, unsigned).
    #[error("{0} (unsigned, unverified)")]
    Unverified(ApiFailure),
    /// The request may or may not have been processed: timeout, connection error or non-200 status.
    #[error(
        "{api}: outcome unknown after {attempts} attempt(s): {failure}; check with inquireVaulting or resend with the same id"
    )]
    OutcomeUnknown {
        /// The API name.
        api: &'static str,
        /// What happened on the last attempt.
        failure: TransportFailure,
        /// How many requests were sent.
        attempts: u32,
    },
    /// The response is unsigned (and claims success) or its signature is wrong: it is not trusted.
    #[error("{api}: response rejected: {reason}")]
    ResponseSignature {
        /// The API name.
        api: &'static str,
        /// Why the response is not trusted.
        reason: ResponseSignatureError,
    },
    /// A correctly signed response body is not the expected JSON.
    #[error(
        "{api}: signed response could not be decoded ({category} at line {line}, column {column})"
    )]
    Decode {
        /// The API name.
        api: &'static str,
        /// serde_json's error category (`syntax`, `data`, `eof`).
        category: &'static str,
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
    },
    /// The client could not sign a request.
    #[error(transparent)]
    Signing(#[from] SigningError),
    /// The client configuration is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A key could not be loaded.
    #[error(transparent)]
    Key(#[from] KeyError),
}

impl Error {
    /// The Antom result behind this error, if Antom returned one.
    pub fn failure(&self) -> Option<&ApiFailure> {
        match self {
            Error::Failed(f) | Error::NewIdRequired(f) | Error::Unverified(f) => Some(f),
            Error::Undetermined { failure, .. } => Some(failure),
            _ => None,
        }
    }

    /// The typed result code of the API `A`, if Antom returned a result.
    pub fn result_code<A: crate::api::MerchantApi>(&self) -> Option<A::ResultCode> {
        self.failure().map(ApiFailure::result_code::<A::ResultCode>)
    }

    /// True for a signed "nothing exists under this id" (inquireVaulting's `VAULTING_NOT_EXIST`,
    /// whose spec action is [`ResultAction::NotFound`]): a definite, normal answer, nothing to fix.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Failed(failure) if failure.is_not_found())
    }

    /// True when the request may have been processed but the client cannot tell: resending with
    /// the same idempotency id, or asking inquireVaulting, is the way to find out.
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(
            self,
            Error::OutcomeUnknown { .. } | Error::Undetermined { .. }
        )
    }
}

pub(crate) fn decode_error(api: &'static str, err: &serde_json::Error) -> Error {
    let (category, line, column) = json_error_position(err);
    Error::Decode {
        api,
        category,
        line,
        column,
    }
}

/// Where and what kind of JSON error it is, without serde_json's message (which may quote data).
pub(crate) fn json_error_position(err: &serde_json::Error) -> (&'static str, usize, usize) {
    use serde_json::error::Category;
    let category = match err.classify() {
        Category::Io => "io",
        Category::Syntax => "syntax",
        Category::Data => "data",
        Category::Eof => "eof",
    };
    (category, err.line(), err.column())
}
