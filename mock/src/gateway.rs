//! The gateway checks every API call passes before its business rules run, answered the way
//! Antom's gateway answers: client id, environment, request time, signature and content type.
//! (Unknown paths and methods other than POST are the router's.) Refusals before the signature
//! is known to be good are unsigned.

use antom_vault::client::{CONTENT_TYPE_JSON, Environment};
use antom_vault::signing::header;
use axum::http::HeaderMap;

use crate::answer::{Answerable, GatewayCodes};
use crate::emulator::Shared;
use crate::sig::VerifyFailure;
use crate::timefmt;
use antom_vault::GatewayResultCode;

/// Why a call to `A` was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal<A: Answerable> {
    /// The gateway result code.
    pub code: A::ResultCode,
    /// The `resultMessage`.
    pub message: String,
    /// Whether the refusal is signed (only once the request's signature verified).
    pub signed: bool,
}

fn refuse<A: Answerable>(code: A::ResultCode, message: impl Into<String>) -> Refusal<A> {
    Refusal {
        code,
        message: message.into(),
        signed: false,
    }
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The media type of [`CONTENT_TYPE_JSON`] (`application/json`), compared case-insensitively.
fn is_json(content_type: &str) -> bool {
    let wanted = CONTENT_TYPE_JSON.split(';').next().unwrap_or_default();
    content_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case(wanted))
}

/// Admits a call to `A` on `path` (its form in `environment`), or says why not.
pub(crate) fn admit<A: Answerable>(
    shared: &Shared,
    environment: Environment,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), Refusal<A>> {
    let client_id = header_text(headers, header::CLIENT_ID).ok_or_else(|| {
        refuse::<A>(
            A::ResultCode::gateway(GatewayResultCode::ParamIllegal),
            "The Client-Id header is missing.",
        )
    })?;
    if client_id != shared.client_id {
        return Err(refuse::<A>(
            A::ResultCode::gateway(GatewayResultCode::ClientInvalid),
            "The Client-Id is not valid.",
        ));
    }
    let belongs_to = Environment::of_client_id(client_id);
    if belongs_to != environment {
        return Err(refuse::<A>(
            A::ResultCode::gateway(GatewayResultCode::ClientInvalid),
            format!("A {belongs_to} client id must call the {belongs_to} path of the API."),
        ));
    }
    let request_time = header_text(headers, header::REQUEST_TIME)
        .filter(|t| timefmt::is_acceptable_request_time(t))
        .ok_or_else(|| {
            refuse::<A>(
                A::ResultCode::gateway(GatewayResultCode::ParamIllegal),
                "The Request-Time header is missing or is neither epoch milliseconds nor ISO 8601.",
            )
        })?;
    let signature = header_text(headers, header::SIGNATURE).ok_or_else(|| {
        refuse::<A>(
            A::ResultCode::gateway(GatewayResultCode::InvalidSignature),
            "The Signature header is missing.",
        )
    })?;
    shared
        .verifier
        .verify(path, client_id, request_time, body, signature)
        .map_err(|failure| match failure {
            VerifyFailure::UnknownKeyVersion(v) => refuse::<A>(
                A::ResultCode::gateway(GatewayResultCode::KeyNotFound),
                format!("No key is registered for keyVersion {v}."),
            ),
            VerifyFailure::Malformed(why) => refuse::<A>(
                A::ResultCode::gateway(GatewayResultCode::InvalidSignature),
                format!("The signature is invalid: {why}."),
            ),
            VerifyFailure::Mismatch => refuse::<A>(
                A::ResultCode::gateway(GatewayResultCode::InvalidSignature),
                "The signature does not match the request.",
            ),
        })?;
    if let Some(ct) = header_text(headers, axum::http::header::CONTENT_TYPE.as_str())
        && !is_json(ct)
    {
        return Err(Refusal {
            code: A::ResultCode::gateway(GatewayResultCode::MediaTypeNotAcceptable),
            message: format!("Send Content-Type: {CONTENT_TYPE_JSON}."),
            signed: true,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types_are_recognised() {
        assert!(is_json(CONTENT_TYPE_JSON));
        assert!(is_json("Application/JSON"));
        assert!(!is_json("text/plain; x=application/json"));
    }
}
