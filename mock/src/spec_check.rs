//! Request validation glue: decodes a request body with the library's generated request type and
//! runs its spec-generated `validate()`, so the emulator enforces exactly the spec's required
//! fields, lengths and allowed values. Failures become a PARAM_ILLEGAL message naming the field.
//! Decoding is as lenient as the generated types: native JSON booleans and numbers are accepted.

use antom_vault::validate::Validate;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::state::Api;

/// Checks a request body against the spec; returns the body as JSON for the business rules.
pub fn check(api: Api, body: &[u8]) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("The request body is not valid JSON: {e}."))?;
    if !value.is_object() {
        return Err("The request body must be a JSON object.".into());
    }
    match api {
        Api::CreateVaultingSession => typed::<antom_vault::CreateVaultingSessionRequest>(body)?,
        Api::VaultPaymentMethod => typed::<antom_vault::VaultPaymentMethodRequest>(body)?,
        Api::InquireVaulting => typed::<antom_vault::InquireVaultingRequest>(body)?,
    }
    Ok(value)
}

fn typed<T: DeserializeOwned + Validate>(body: &[u8]) -> Result<(), String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let request: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." || path.is_empty() {
            format!("Illegal parameter: {inner}.")
        } else {
            format!("Illegal parameter at {path}: {inner}.")
        }
    })?;
    request
        .validate()
        .map_err(|errors| format!("Illegal parameter: {errors}."))
}
