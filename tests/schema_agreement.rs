//! The exported JSON Schemas (`generated/schema/antom_vault.schema.json`, each message validated
//! as `#/$defs/<message>`) and the Rust decoding + `validate()` agree on
//! the same valid and invalid samples, checked with an independent validator (the `jsonschema`
//! crate). Lengths are counted the same way (Unicode scalar values) on both sides.
//!
//! Request schemas are the wire contract (every scalar a string), while the Rust decoder also
//! takes native booleans and numbers. For requests, a sample in native form is therefore checked
//! differently: the schema rejects it, Rust accepts it, and what Rust serializes from it is in wire
//! form and matches the schema ([`Case::native`]).

use std::path::{Path, PathBuf};

use antom_vault::validate::Validate;
use antom_vault::{
    CreateVaultingSessionRequest, InquireVaultingRequest, VaultPaymentMethodRequest,
    VaultingNotification,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn schema_accepts(schema: &Value, instance: &Value) -> bool {
    let validator = jsonschema::options()
        .should_validate_formats(false)
        .build(schema)
        .expect("the exported schema is itself valid");
    validator.is_valid(instance)
}

fn rust_accepts<T: DeserializeOwned + Validate>(instance: &Value) -> bool {
    match serde_json::from_value::<T>(instance.clone()) {
        Ok(v) => v.validate().is_ok(),
        Err(_) => false,
    }
}

/// One sample: a JSON pointer, the value to put there (`None` removes it), whether the spec
/// allows the result, and whether it is a valid value in native form (not the wire form).
struct Case {
    pointer: &'static str,
    value: Option<Value>,
    valid: bool,
    native: bool,
}

fn case(pointer: &'static str, value: Value, valid: bool) -> Case {
    Case {
        pointer,
        value: Some(value),
        valid,
        native: false,
    }
}

/// A valid value in native JSON form (`false`, `720`): Rust accepts it; the wire contract does not,
/// but accepts what Rust sends for it.
fn native(pointer: &'static str, value: Value) -> Case {
    Case {
        pointer,
        value: Some(value),
        valid: true,
        native: true,
    }
}

fn removed(pointer: &'static str, valid: bool) -> Case {
    Case {
        pointer,
        value: None,
        valid,
        native: false,
    }
}

fn apply(base: &Value, c: &Case) -> Value {
    let mut v = base.clone();
    let (parent, key) = c.pointer.rsplit_once('/').unwrap();
    let target = v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no parent {parent}"));
    let obj = target.as_object_mut().unwrap();
    match &c.value {
        Some(x) => {
            obj.insert(key.to_owned(), x.clone());
        }
        None => {
            obj.remove(key);
        }
    }
    v
}

/// The schema of the message `name`: a reference to its definition in the bundle, with the
/// bundle's definitions.
fn message_schema(name: &str) -> Value {
    let bundle = load(&root().join("generated/schema/antom_vault.schema.json"));
    json!({
        "$schema": bundle["$schema"],
        "$ref": format!("#/$defs/{name}"),
        "$defs": bundle["$defs"],
    })
}

fn agree<T: DeserializeOwned + Serialize + Validate>(message: &str, fixture: &str, cases: &[Case]) {
    let schema = message_schema(message);
    let base = load(&root().join("tests/fixtures").join(fixture));
    assert!(
        schema_accepts(&schema, &base),
        "{fixture} must match {message}"
    );
    assert!(rust_accepts::<T>(&base), "{fixture} must validate in Rust");
    for c in cases {
        let sample = apply(&base, c);
        let by_schema = schema_accepts(&schema, &sample);
        let by_rust = rust_accepts::<T>(&sample);
        if c.native {
            assert!(
                !by_schema && by_rust,
                "{message} {} = {:?}: the wire contract rejects the native form, Rust takes it",
                c.pointer,
                c.value
            );
            let sent = serde_json::to_value(serde_json::from_value::<T>(sample).unwrap()).unwrap();
            assert!(
                schema_accepts(&schema, &sent),
                "{message} {}: what Rust sends is in wire form",
                c.pointer
            );
            continue;
        }
        assert_eq!(
            (by_schema, by_rust),
            (c.valid, c.valid),
            "{message} {} = {:?}: (schema, rust) disagree with the spec",
            c.pointer,
            c.value
        );
    }
}

fn repeat(ch: char, n: usize) -> Value {
    Value::String(std::iter::repeat_n(ch, n).collect())
}

#[test]
fn create_vaulting_session_request() {
    agree::<CreateVaultingSessionRequest>(
        "CreateVaultingSessionRequest",
        "create_vaulting_session/request.json",
        &[
            case("/vaultingRequestId", repeat('a', 64), true),
            case("/vaultingRequestId", repeat('a', 65), false),
            case("/vaultingRequestId", repeat('é', 64), true),
            case("/vaultingRequestId", repeat('😀', 64), true),
            case("/vaultingRequestId", repeat('😀', 65), false),
            case("/merchantRegion", json!("US"), true),
            case("/merchantRegion", json!("USA"), false),
            case("/is3DSAuthentication", json!("true"), true),
            native("/is3DSAuthentication", json!(false)),
            case("/is3DSAuthentication", json!("yes"), false),
            removed("/vaultingRequestId", false),
            removed("/redirectUrl", true),
            case("/someFieldFromTheFuture", json!({"a": 1}), true),
        ],
    );
}

#[test]
fn vault_payment_method_request() {
    agree::<VaultPaymentMethodRequest>(
        "VaultPaymentMethodRequest",
        "vault_payment_method/request.json",
        &[
            case(
                "/paymentMethodDetail/card/cardholderName/firstName",
                repeat('名', 32),
                true,
            ),
            case(
                "/paymentMethodDetail/card/cardholderName/firstName",
                repeat('名', 33),
                false,
            ),
            case(
                "/paymentMethodDetail/card/cardholderName/firstName",
                repeat('😀', 33),
                false,
            ),
            case("/paymentMethodDetail/card/cvv", json!("1234"), true),
            case("/paymentMethodDetail/card/cvv", json!("12345"), false),
            case("/paymentMethodDetail/card/brand", json!("NEWBRAND"), false),
            case("/paymentMethodDetail/card/brand", json!("MASTERCARD"), true),
            case(
                "/paymentMethodDetail/paymentMethodType",
                json!("WALLET"),
                false,
            ),
            removed("/paymentMethodDetail/card/cardNo", false),
            removed("/paymentMethodDetail/card/cvv", true),
            case("/env/terminalType", json!("app"), false),
            case("/env/terminalType", json!("MINI_APP"), true),
            native("/env/timeZoneOffset", json!(720)),
            case("/env/timeZoneOffset", json!(-721), false),
            case("/env/timeZoneOffset", json!("-720"), true),
            case("/env/timeZoneOffset", json!("720"), true),
            case("/env/timeZoneOffset", json!("-721"), false),
            case("/env/timeZoneOffset", json!("721"), false),
            case("/env/timeZoneOffset", json!("-99999"), false),
            case("/env/timeZoneOffset", json!("minus one"), false),
            native("/env/browserInfo/javaEnabled", json!(true)),
            case("/env/browserInfo/javaEnabled", json!("TRUE"), false),
            removed("/env", false),
        ],
    );
}

#[test]
fn inquire_vaulting_request() {
    agree::<InquireVaultingRequest>(
        "InquireVaultingRequest",
        "inquire_vaulting/request.json",
        &[
            case("/merchantAccountId", repeat('x', 64), true),
            case("/merchantAccountId", repeat('x', 65), false),
            removed("/vaultingRequestId", false),
        ],
    );
}

#[test]
fn notify_vaulting_notification() {
    agree::<VaultingNotification>(
        "VaultingNotification",
        "notify_vaulting/notification_success.json",
        &[
            case("/result/resultCode", repeat('C', 64), true),
            case("/result/resultCode", repeat('C', 65), false),
            removed("/result", false),
        ],
    );
}

#[test]
fn the_openapi_states_the_librarys_acknowledgement() {
    let openapi = load(&root().join("generated/openapi.json"));
    let ok = &openapi["webhooks"]["notifyVaulting"]["post"]["responses"]["200"];
    let library: Value = serde_json::from_slice(antom_vault::webhook::ACKNOWLEDGEMENT).unwrap();
    assert_eq!(ok["content"]["application/json"]["example"], library);
    let description = ok["description"].as_str().unwrap();
    let exact = std::str::from_utf8(antom_vault::webhook::ACKNOWLEDGEMENT).unwrap();
    assert!(description.contains(exact), "{description}");
    let schema = message_schema("VaultingAcknowledgement");
    assert!(schema_accepts(&schema, &library));
}
