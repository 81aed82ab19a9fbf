//! One schema path: for every message, the generated `schemars::JsonSchema` impl produces exactly
//! the exported file in `generated/schema/`, in the file's contract (schemars' serialize contract
//! for what the merchant sends, its deserialize contract for what Antom sends), and the other
//! contract differs where the spec says the two directions differ.

#![cfg(feature = "schemars")]

use std::path::PathBuf;

use antom_vault::{
    CreateVaultingSessionRequest, CreateVaultingSessionResponse, InquireVaultingRequest,
    InquireVaultingResponse, VaultPaymentMethodRequest, VaultPaymentMethodResponse,
    VaultingAcknowledgement, VaultingNotification,
};
use schemars::JsonSchema;
use schemars::generate::{Contract, SchemaSettings};
use serde_json::Value;

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("generated/schema")
}

fn root_schema<T: JsonSchema>(contract: Contract) -> Value {
    SchemaSettings::draft2020_12()
        .with(|s| s.contract = contract)
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// The file's schema, and schemars' schema of `T` in the serialize and deserialize contracts.
struct Message {
    file: &'static str,
    serialize: Value,
    deserialize: Value,
}

fn message<T: JsonSchema>(file: &'static str) -> Message {
    Message {
        file,
        serialize: root_schema::<T>(Contract::Serialize),
        deserialize: root_schema::<T>(Contract::Deserialize),
    }
}

fn messages() -> Vec<Message> {
    vec![
        message::<CreateVaultingSessionRequest>("create_vaulting_session.request.json"),
        message::<CreateVaultingSessionResponse>("create_vaulting_session.response.json"),
        message::<VaultPaymentMethodRequest>("vault_payment_method.request.json"),
        message::<VaultPaymentMethodResponse>("vault_payment_method.response.json"),
        message::<InquireVaultingRequest>("inquire_vaulting.request.json"),
        message::<InquireVaultingResponse>("inquire_vaulting.response.json"),
        message::<VaultingNotification>("notify_vaulting.notification.json"),
        message::<VaultingAcknowledgement>("notify_vaulting.acknowledgement.json"),
    ]
}

fn exported(file: &str) -> Value {
    let path = schema_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Merchant-sent messages are the send contract, Antom-sent ones the receive contract.
fn sent_by_merchant(file: &str) -> bool {
    file.ends_with(".request.json") || file.ends_with(".acknowledgement.json")
}

#[test]
fn every_exported_schema_is_the_rust_types_schema_in_its_contract() {
    let messages = messages();
    for m in &messages {
        let file = exported(m.file);
        let rust = if sent_by_merchant(m.file) {
            &m.serialize
        } else {
            &m.deserialize
        };
        assert!(
            &file == rust,
            "{}: the file and the Rust JsonSchema impl disagree\nfile: {file:#}\nrust: {rust:#}",
            m.file
        );
    }
    let mut listed: Vec<&str> = messages.iter().map(|m| m.file).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(schema_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort_unstable();
    on_disk.sort_unstable();
    assert_eq!(listed, on_disk, "every exported message is compared");
}

#[test]
fn the_two_contracts_differ_where_the_directions_do() {
    for m in messages() {
        // Every message has an enum or an object somewhere, so the two contracts always differ:
        // open enums and unknown properties on one side, the closed wire form on the other.
        assert_ne!(m.serialize, m.deserialize, "{}", m.file);
        let receive = serde_json::to_string(&m.deserialize).unwrap();
        assert!(
            receive.contains("\"additionalProperties\":true"),
            "{}",
            m.file
        );
        let send = serde_json::to_string(&m.serialize).unwrap();
        assert!(
            !send.contains("\"anyOf\""),
            "{}: the wire contract is closed",
            m.file
        );
        assert!(
            !send.contains("\"boolean\"") && !send.contains("\"integer\""),
            "{}",
            m.file
        );
    }
}

#[test]
fn a_clashing_type_name_is_renamed_by_schemars_and_still_referenced() {
    // A caller's own type named like one of ours: schemars keeps both, and our references follow
    // the name it chose, because the generated impls ask the generator for each subschema.
    struct UserName;
    impl JsonSchema for UserName {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "UserName".into()
        }
        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            schemars::json_schema!({ "const": "theirs" })
        }
    }
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let theirs = generator.subschema_for::<UserName>();
    let ours = generator.subschema_for::<antom_vault::UserName>();
    assert_ne!(theirs, ours);
    let defs = generator.definitions();
    assert_eq!(defs["UserName"], serde_json::json!({ "const": "theirs" }));
    let ours_name = ours
        .get("$ref")
        .unwrap()
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    assert!(defs[&ours_name]["properties"]["firstName"].is_object());
}
