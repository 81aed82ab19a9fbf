//! The JSON fixtures of `tests/fixtures/` decode into the generated types, re-encode under Antom's
//! wire rule (every scalar a JSON string, unknown fields dropped), decode back to the same value,
//! and (for the strict fixtures) validate.

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use antom_vault::validate::Validate;
use antom_vault::{
    CreateVaultingSession, InquireVaulting, MerchantApi, Notification, NotifyVaulting,
    VaultPaymentMethod,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Whether a fixture deliberately holds undeclared fields, values, native JSON scalars, or values
/// of the wrong JSON type (which decode as absent).
fn is_lenient(file: &str) -> bool {
    file.contains("with_unknown_fields")
        || file.contains("native_values")
        || file.contains("mismatched_types")
}

/// Fails if any scalar of `v` is not a string (arrays and objects are walked).
fn assert_all_scalars_are_strings(v: &Value, at: &str) {
    match v {
        Value::String(_) => {}
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                assert_all_scalars_are_strings(item, &format!("{at}[{i}]"));
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                assert_all_scalars_are_strings(item, &format!("{at}.{k}"));
            }
        }
        other => panic!("{at} was emitted as {other}, not as a JSON string"),
    }
}

fn check<T>(path: &Path, validate: bool) -> T
where
    T: DeserializeOwned + Serialize + Validate + PartialEq + Debug,
{
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let original: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let typed: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let encoded = serde_json::to_value(&typed).unwrap();
    assert_all_scalars_are_strings(&encoded, &name);
    let again: T = serde_json::from_value(encoded.clone()).unwrap();
    assert_eq!(
        again, typed,
        "{name}: decode → encode → decode changed the value"
    );
    if !is_lenient(&name) {
        assert_eq!(
            encoded, original,
            "{name}: a strict fixture must re-encode to the same JSON"
        );
    }
    if validate {
        typed
            .validate()
            .unwrap_or_else(|e| panic!("{name} should validate: {e}"));
    }
    typed
}

fn check_merchant_api<A: MerchantApi>(folder: &str) -> usize
where
    A::Request: DeserializeOwned + PartialEq + Debug,
    A::Response: Serialize + Validate + PartialEq + Debug,
{
    let mut count = 0;
    for path in files(folder) {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if file.starts_with("request") {
            let request: A::Request = check(&path, !is_lenient(&file));
            assert!(!A::idempotency_key(&request).is_empty());
        } else if file.starts_with("response") {
            let response: A::Response = check(&path, !is_lenient(&file));
            let status = A::result(&response).result_status.clone();
            assert!(status.is_known(), "{file}: resultStatus {status}");
        } else {
            panic!("{folder}/{file}: no rule for this fixture name");
        }
        count += 1;
    }
    count
}

fn files(folder: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join(folder))
        .unwrap_or_else(|e| panic!("tests/fixtures/{folder}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    out
}

#[test]
fn create_vaulting_session_fixtures() {
    assert!(check_merchant_api::<CreateVaultingSession>("create_vaulting_session") >= 2);
}

#[test]
fn vault_payment_method_fixtures() {
    assert!(check_merchant_api::<VaultPaymentMethod>("vault_payment_method") >= 2);
}

#[test]
fn inquire_vaulting_fixtures() {
    assert!(check_merchant_api::<InquireVaulting>("inquire_vaulting") >= 2);
}

#[test]
fn notify_vaulting_fixtures() {
    type Body = <NotifyVaulting as Notification>::Body;
    type Ack = <NotifyVaulting as Notification>::Acknowledgement;
    let mut count = 0;
    for path in files("notify_vaulting") {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if file.starts_with("notification") {
            let body: Body = check(&path, !is_lenient(&file));
            assert!(!NotifyVaulting::idempotency_key(&body).is_empty());
        } else if file.starts_with("acknowledgement") {
            let ack: Ack = check(&path, true);
            // The acknowledgement must be byte-identical to what Antom expects.
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(serde_json::to_vec(&ack).unwrap(), bytes);
        } else {
            panic!("notify_vaulting/{file}: no rule for this fixture name");
        }
        count += 1;
    }
    assert!(count >= 2);
}

#[test]
fn every_fixture_folder_is_covered() {
    let mut folders: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(
        folders,
        [
            "create_vaulting_session",
            "inquire_vaulting",
            "notify_vaulting",
            "vault_payment_method"
        ]
    );
}

#[test]
fn native_values_decode_like_strings() {
    let dir = fixtures_dir().join("vault_payment_method");
    let strict: <VaultPaymentMethod as MerchantApi>::Request =
        serde_json::from_slice(&std::fs::read(dir.join("request.json")).unwrap()).unwrap();
    let mut native: <VaultPaymentMethod as MerchantApi>::Request =
        serde_json::from_slice(&std::fs::read(dir.join("request_native_values.json")).unwrap())
            .unwrap();
    // The two fixtures differ only in their ids.
    native.vaulting_request_id = strict.vaulting_request_id.clone();
    assert_eq!(
        serde_json::to_value(&native).unwrap(),
        serde_json::to_value(&strict).unwrap(),
        "native booleans and numbers must re-encode as the strict strings"
    );
}
