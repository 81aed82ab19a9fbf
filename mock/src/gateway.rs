//! The gateway checks every API call passes before its business rules run, answered the way
//! Antom's gateway answers: path, method, client id, environment, request time, signature and
//! content type. Refusals before the signature is known to be good are unsigned.

use axum::http::{HeaderMap, Method};

use crate::emulator::Shared;
use crate::sig::VerifyFailure;
use crate::state::Api;
use crate::timefmt;

/// Why a call was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// The gateway result code (`F` status).
    pub code: &'static str,
    /// The `resultMessage`.
    pub message: String,
    /// Whether the refusal is signed (only once the request's signature verified).
    pub signed: bool,
}

fn refuse(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: message.into(),
        signed: false,
    }
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Admits a call to `path`, or says why not.
pub(crate) fn admit(
    shared: &Shared,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Api, Refusal> {
    let (api, sandbox) = Api::from_path(path)
        .ok_or_else(|| refuse("NO_INTERFACE_DEF", "No API is defined at this path."))?;
    if method != Method::POST {
        return Err(refuse("METHOD_NOT_SUPPORTED", "Only POST is supported."));
    }
    let client_id = header_text(headers, "client-id")
        .ok_or_else(|| refuse("PARAM_ILLEGAL", "The Client-Id header is missing."))?;
    if client_id != shared.client_id {
        return Err(refuse("CLIENT_INVALID", "The Client-Id is not valid."));
    }
    if sandbox != client_id.starts_with("SANDBOX_") {
        return Err(refuse(
            "CLIENT_INVALID",
            if sandbox {
                "A production client id must use the /ams/api paths."
            } else {
                "A SANDBOX_ client id must use the /ams/sandbox/api paths."
            },
        ));
    }
    let request_time = header_text(headers, "request-time")
        .filter(|t| timefmt::is_acceptable_request_time(t))
        .ok_or_else(|| {
            refuse(
                "PARAM_ILLEGAL",
                "The Request-Time header is missing or is neither epoch milliseconds nor ISO 8601.",
            )
        })?;
    let signature = header_text(headers, "signature")
        .ok_or_else(|| refuse("INVALID_SIGNATURE", "The Signature header is missing."))?;
    shared
        .verifier
        .verify(path, client_id, request_time, body, signature)
        .map_err(|failure| match failure {
            VerifyFailure::UnknownKeyVersion(v) => refuse(
                "KEY_NOT_FOUND",
                format!("No key is registered for keyVersion {v}."),
            ),
            VerifyFailure::Malformed(why) => refuse(
                "INVALID_SIGNATURE",
                format!("The signature is invalid: {why}."),
            ),
            VerifyFailure::Mismatch => refuse(
                "INVALID_SIGNATURE",
                "The signature does not match the request.",
            ),
        })?;
    if let Some(ct) = header_text(headers, "content-type")
        && !ct.to_ascii_lowercase().contains("json")
    {
        return Err(Refusal {
            code: "MEDIA_TYPE_NOT_ACCEPTABLE",
            message: "Send Content-Type: application/json; charset=UTF-8.".into(),
            signed: true,
        });
    }
    Ok(api)
}
