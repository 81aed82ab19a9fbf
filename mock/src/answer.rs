//! Typed answers. Every body the emulator sends is a value of a generated type, built with the
//! generated builders and result-code enums, checked with the same `validate()` that requests
//! pass, and serialized by the library's wire code (the generated `Serialize`), exactly once.

use antom_vault::api::{MerchantApi, ResultCode};
use antom_vault::validate::{Validate, ViolationKind};
use antom_vault::{
    AntomResult, CreateVaultingSession, CreateVaultingSessionResponse,
    CreateVaultingSessionResultCode, GatewayResultCode, InquireVaulting, InquireVaultingResponse,
    InquireVaultingResultCode, ResultStatus, VaultPaymentMethod, VaultPaymentMethodResponse,
    VaultPaymentMethodResultCode,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The gateway-wide result codes, as typed values of an API's own result-code enum.
///
/// The spec declares them once ([`GatewayResultCode`]); an API whose own table lists a code as well
/// gets its own variant (with its own action), so a code is always taken through the API's
/// `From<&str>`, which prefers the table's entry.
pub(crate) trait GatewayCodes: ResultCode + for<'a> From<&'a str> {
    /// `code` as a value of this API's enum.
    fn gateway(code: GatewayResultCode) -> Self {
        Self::from(code.as_str())
    }
}

impl GatewayCodes for CreateVaultingSessionResultCode {}
impl GatewayCodes for VaultPaymentMethodResultCode {}
impl GatewayCodes for InquireVaultingResultCode {}

/// An API the emulator answers: its request decodes, its response encodes and validates, and a
/// response carrying only a `result` can be built.
pub(crate) trait Answerable:
    MerchantApi<
        Request: DeserializeOwned + Serialize,
        Response: Serialize + Validate,
        ResultCode: GatewayCodes,
    >
{
    /// The response with only `result` set (every refusal and error has this shape).
    fn bare(result: AntomResult) -> Self::Response;
}

impl Answerable for CreateVaultingSession {
    fn bare(result: AntomResult) -> Self::Response {
        CreateVaultingSessionResponse::builder()
            .result(result)
            .build()
    }
}

impl Answerable for VaultPaymentMethod {
    fn bare(result: AntomResult) -> Self::Response {
        VaultPaymentMethodResponse::builder().result(result).build()
    }
}

impl Answerable for InquireVaulting {
    fn bare(result: AntomResult) -> Self::Response {
        InquireVaultingResponse::builder().result(result).build()
    }
}

/// A `result` for `code`, with the status the spec declares for it. A message longer than the
/// spec allows is shortened to the spec's limit (read from the violation `validate()` reports).
pub(crate) fn result<C: ResultCode>(code: &C, message: &str) -> AntomResult {
    let status = code.status().unwrap_or(ResultStatus::Undetermined);
    let build = |message: &str| {
        AntomResult::builder()
            .result_code(code.as_str())
            .result_status(status.clone())
            .result_message(message)
            .build()
    };
    let built = build(message);
    let limit = built.validate().err().and_then(|errors| {
        errors.violations().iter().find_map(|v| match v.kind {
            ViolationKind::TooLong { max, .. } => Some(max),
            _ => None,
        })
    });
    match limit {
        Some(max) => build(&shorten(message, max)),
        None => built,
    }
}

/// `text` cut to at most `max` characters, ending in an ellipsis when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The response of `A` carrying only a result with `code` and `message`.
pub(crate) fn bare<A: Answerable>(code: &A::ResultCode, message: &str) -> A::Response {
    A::bare(result(code, message))
}

/// An answer that broke the spec's own rules (an emulator defect, reported by path only).
#[derive(Debug)]
pub(crate) struct Unfit(pub String);

/// Validates `answer` and serializes it with the library's wire code.
pub(crate) fn encode<T: Serialize + Validate>(answer: &T) -> Result<Vec<u8>, Unfit> {
    if let Err(errors) = answer.validate() {
        let paths: Vec<&str> = errors
            .violations()
            .iter()
            .map(|v| v.path.as_str())
            .collect();
        return Err(Unfit(paths.join(", ")));
    }
    serde_json::to_vec(answer).map_err(|_| Unfit("(serialization)".to_owned()))
}

/// Encodes the answer of `A`; an answer that fails its own validation becomes a `SYSTEM_ERROR`
/// naming the offending paths (and is logged), so nothing invalid ever leaves.
pub(crate) fn encode_answer<A: Answerable>(answer: &A::Response) -> Vec<u8> {
    match encode(answer) {
        Ok(bytes) => bytes,
        Err(Unfit(paths)) => {
            tracing::error!(api = A::NAME, %paths, "emulator answer failed validation");
            let fallback = bare::<A>(
                &A::ResultCode::gateway(GatewayResultCode::SystemError),
                &format!("The emulator built an invalid answer at: {paths}."),
            );
            // A result-only answer with a shortened message always validates.
            serde_json::to_vec(&fallback).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_to_the_spec_limit() {
        let long = "x".repeat(1000);
        let r = result(&VaultPaymentMethodResultCode::ParamIllegal, &long);
        assert!(r.validate().is_ok());
        assert!(
            r.result_message
                .as_deref()
                .is_some_and(|m| m.ends_with('…'))
        );
        let short = result(&VaultPaymentMethodResultCode::ParamIllegal, "short");
        assert_eq!(short.result_message.as_deref(), Some("short"));
        assert_eq!(short.result_status, ResultStatus::Failure);
    }

    fn every_gateway_code<C: GatewayCodes>() -> Vec<C> {
        vec![
            C::gateway(GatewayResultCode::ParamIllegal),
            C::gateway(GatewayResultCode::ClientInvalid),
            C::gateway(GatewayResultCode::InvalidSignature),
            C::gateway(GatewayResultCode::KeyNotFound),
            C::gateway(GatewayResultCode::MediaTypeNotAcceptable),
            C::gateway(GatewayResultCode::RepeatReqInconsistent),
            C::gateway(GatewayResultCode::RequestTrafficExceedLimit),
            C::gateway(GatewayResultCode::UnknownException),
            C::gateway(GatewayResultCode::SystemError),
            C::gateway(GatewayResultCode::NoInterfaceDef),
        ]
    }

    fn bare_answers_validate_and_decode<A>()
    where
        A: Answerable,
        A::Response: DeserializeOwned,
    {
        for code in every_gateway_code::<A::ResultCode>() {
            assert!(code.status().is_some(), "{} is declared", code.as_str());
            let bytes = encode(&bare::<A>(&code, &"m".repeat(300))).expect("validates");
            let back: A::Response = serde_json::from_slice(&bytes).expect("decodes");
            assert_eq!(A::result(&back).result_code, code.as_str());
        }
    }

    #[test]
    fn every_gateway_answer_of_every_api_validates_and_decodes() {
        bare_answers_validate_and_decode::<CreateVaultingSession>();
        bare_answers_validate_and_decode::<VaultPaymentMethod>();
        bare_answers_validate_and_decode::<InquireVaulting>();
    }
}
