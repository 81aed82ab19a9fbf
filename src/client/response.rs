//! From raw response bytes to an outcome: verify the signature first, then decode, then map the
//! result code through the spec's actions.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Deserialize;

use crate::AntomResult;
use crate::api::{MerchantApi, ResultAction, ResultCode, ResultStatus, RetryRule};
use crate::error::{ApiFailure, Error, ResponseSignatureError, SignatureError, decode_error};
use crate::keys::AntomKeys;
use crate::retry::RetryReason;
use crate::signing::{SignatureHeader, header, string_to_sign};

/// Everything needed to check one response.
pub(crate) struct ResponseCheck<'a> {
    pub client_id: &'a str,
    pub antom_keys: &'a AntomKeys,
    /// The path the request was sent to (and signed with).
    pub path: &'a str,
}

/// Verifies and decodes a 200 response, and maps its result to `Ok` or an [`Error`].
pub(crate) fn interpret<A: MerchantApi>(
    check: &ResponseCheck<'_>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<A::Response, Error> {
    let signature_error = |reason| Error::ResponseSignature {
        api: A::NAME,
        reason,
    };
    // Header names built once: a lookup by `&str` would parse the name on every call.
    static SIGNATURE: HeaderName = HeaderName::from_static(header::SIGNATURE);
    static RESPONSE_TIME: HeaderName = HeaderName::from_static(header::RESPONSE_TIME);
    static CLIENT_ID: HeaderName = HeaderName::from_static(header::CLIENT_ID);
    // The signature header is read as bytes: its parse checks it as it decodes it (see
    // `SignatureHeader::parse_bytes`), so the long value is not scanned once more as text. A
    // signature header that is not text is still reported as that, whatever else is wrong.
    let signature = header_value(headers, &SIGNATURE).map_err(signature_error)?;
    let refuse = |reason| {
        let not_text = signature.is_some_and(|value| value.to_str().is_err());
        signature_error(if not_text {
            ResponseSignatureError::HeaderNotText(header::SIGNATURE)
        } else {
            reason
        })
    };
    let time = header_text(headers, &RESPONSE_TIME).map_err(refuse)?;
    let client_id = header_text(headers, &CLIENT_ID).map_err(refuse)?;

    match (signature, time) {
        (Some(signature), Some(time)) => {
            let client_id = client_id.unwrap_or(check.client_id);
            if client_id != check.client_id {
                return Err(refuse(ResponseSignatureError::ClientIdMismatch));
            }
            let parsed = SignatureHeader::parse_bytes(signature.as_bytes()).map_err(|err| {
                refuse(ResponseSignatureError::Invalid(SignatureError::from(err)))
            })?;
            let message = string_to_sign(check.path, client_id, time, body);
            check
                .antom_keys
                .verify(&message, &parsed)
                .map_err(|err| signature_error(ResponseSignatureError::Invalid(err)))?;
            let response: A::Response = crate::wire::decode_body(body, A::fast_decode_response)
                .map_err(|err| decode_error(A::NAME, &err))?;
            let outcome = outcome::<A>(A::result(&response), true);
            outcome.map(|()| response)
        }
        (None, None) => Err(unsigned::<A>(body)),
        (Some(_), None) => Err(refuse(ResponseSignatureError::Incomplete {
            missing: header::RESPONSE_TIME,
        })),
        (None, Some(_)) => Err(signature_error(ResponseSignatureError::Incomplete {
            missing: header::SIGNATURE,
        })),
    }
}

/// A header's only value; `Ok(None)` when absent, an error when repeated.
fn header_value<'h>(
    headers: &'h HeaderMap,
    header: &'static HeaderName,
) -> Result<Option<&'h HeaderValue>, ResponseSignatureError> {
    let mut values = headers.get_all(header).iter();
    let first = values.next();
    if values.next().is_some() {
        return Err(ResponseSignatureError::RepeatedHeader(header.as_str()));
    }
    Ok(first)
}

/// A header value as text; `Ok(None)` when absent, an error when not visible ASCII or repeated.
fn header_text<'h>(
    headers: &'h HeaderMap,
    header: &'static HeaderName,
) -> Result<Option<&'h str>, ResponseSignatureError> {
    match header_value(headers, header)? {
        None => Ok(None),
        Some(value) => value
            .to_str()
            .map(Some)
            .map_err(|_| ResponseSignatureError::HeaderNotText(header.as_str())),
    }
}

/// Only the `result` of a response, for reading unsigned error responses.
#[derive(Deserialize)]
struct ResultOnly {
    result: AntomResult,
}

/// An unsigned response can only ever be an error: an F or U result becomes
/// [`Error::Unverified`]; anything else (an S, or no readable result) is a signature error.
fn unsigned<A: MerchantApi>(body: &[u8]) -> Error {
    if let Ok(ResultOnly { result }) = serde_json::from_slice::<ResultOnly>(body)
        && matches!(
            result.result_status,
            ResultStatus::Failure | ResultStatus::Undetermined
        )
    {
        let code = A::ResultCode::from_code(&result.result_code);
        record_result_code(&code);
        return Error::Unverified(ApiFailure::new(
            A::NAME,
            &code,
            result.result_status,
            result.result_message.as_deref().unwrap_or_default(),
            false,
        ));
    }
    Error::ResponseSignature {
        api: A::NAME,
        reason: ResponseSignatureError::Unsigned,
    }
}

fn record_result_code<C: ResultCode>(code: &C) {
    let shown = crate::redact::mask_card_numbers(code.as_str());
    tracing::Span::current().record("result_code", shown.as_ref());
}

/// Maps a (verified) result through the spec: S and redirect-the-buyer U are `Ok`; F is
/// [`Error::Failed`]; U is [`Error::NewIdRequired`] or [`Error::Undetermined`] by the code's rule.
fn outcome<A: MerchantApi>(result: &AntomResult, verified: bool) -> Result<(), Error> {
    let code = A::ResultCode::from_code(&result.result_code);
    record_result_code(&code);
    let failure = || {
        ApiFailure::new(
            A::NAME,
            &code,
            result.result_status.clone(),
            result.result_message.as_deref().unwrap_or_default(),
            verified,
        )
    };
    match &result.result_status {
        ResultStatus::Success => Ok(()),
        ResultStatus::Failure => Err(Error::Failed(failure())),
        ResultStatus::Undetermined if code.action() == ResultAction::RedirectBuyer => Ok(()),
        _ => match code.retry() {
            RetryRule::NewId => Err(Error::NewIdRequired(failure())),
            RetryRule::SameId | RetryRule::Never => Err(Error::Undetermined {
                failure: failure(),
                attempts: 1,
            }),
        },
    }
}

/// Whether an attempt's error allows resending the same bytes with the same id, and why.
pub(crate) fn retry_reason<A: MerchantApi>(error: &Error) -> Option<RetryReason> {
    let from_failure = |failure: &ApiFailure| {
        let undetermined = matches!(failure.status(), ResultStatus::Undetermined);
        match failure.retry() {
            RetryRule::SameId if undetermined && failure.action() == ResultAction::BackOff => {
                Some(RetryReason::RateLimited)
            }
            RetryRule::SameId if undetermined => Some(RetryReason::Unknown),
            _ => None,
        }
    };
    match error {
        Error::Undetermined { failure, .. } | Error::Unverified(failure) => from_failure(failure),
        Error::OutcomeUnknown { .. } if A::TRANSPORT_RETRY == RetryRule::SameId => {
            Some(RetryReason::Unknown)
        }
        _ => None,
    }
}

/// Sets the attempt count on errors that report one.
pub(crate) fn with_attempts(mut error: Error, total: u32) -> Error {
    if let Error::Undetermined { attempts, .. } | Error::OutcomeUnknown { attempts, .. } =
        &mut error
    {
        *attempts = total;
    }
    error
}

/// Tests written against mutation testing (scripts/mutants.sh): the retry decision for each kind
/// of result, which the end-to-end tests only see through how long the client waits.
#[cfg(test)]
mod mutation_tests {
    use super::*;
    use crate::CreateVaultingSession;

    type Code = <CreateVaultingSession as MerchantApi>::ResultCode;

    /// An [`ApiFailure`] of `createVaultingSession` with this code and status, as the client
    /// would build it from a response.
    fn failure(code: &str, status: ResultStatus) -> ApiFailure {
        ApiFailure::new(
            CreateVaultingSession::NAME,
            &Code::from_code(code),
            status,
            "",
            true,
        )
    }

    fn undetermined(code: &str) -> Error {
        Error::Undetermined {
            failure: failure(code, ResultStatus::Undetermined),
            attempts: 1,
        }
    }

    #[test]
    fn an_undetermined_rate_limit_result_waits_as_rate_limited() {
        assert_eq!(
            retry_reason::<CreateVaultingSession>(&undetermined("REQUEST_TRAFFIC_EXCEED_LIMIT")),
            Some(RetryReason::RateLimited)
        );
    }

    #[test]
    fn an_undetermined_same_id_result_that_is_no_rate_limit_waits_as_unknown() {
        assert_eq!(
            retry_reason::<CreateVaultingSession>(&undetermined("UNKNOWN_EXCEPTION")),
            Some(RetryReason::Unknown)
        );
    }

    #[test]
    fn an_unsigned_failure_with_a_same_id_code_is_not_resent() {
        // Antom's status decides over the spec's status of the code: an F is final, even with a
        // code whose action would allow resending with the same id.
        for code in ["UNKNOWN_EXCEPTION", "REQUEST_TRAFFIC_EXCEED_LIMIT"] {
            let error = Error::Unverified(failure(code, ResultStatus::Failure));
            assert_eq!(
                retry_reason::<CreateVaultingSession>(&error),
                None,
                "{code}"
            );
        }
        // The same codes unsigned with a U may be resent.
        let error = Error::Unverified(failure("UNKNOWN_EXCEPTION", ResultStatus::Undetermined));
        assert_eq!(
            retry_reason::<CreateVaultingSession>(&error),
            Some(RetryReason::Unknown)
        );
    }
}
