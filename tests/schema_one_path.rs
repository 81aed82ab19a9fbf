//! One schema path: for every message, the generated `schemars::JsonSchema` impl produces exactly
//! the message's definition in the exported bundle (`generated/schema/antom_vault.schema.json`),
//! with the definitions it reaches, in the message's contract (schemars' serialize contract for
//! what the merchant sends, its deserialize contract for what Antom sends), and the other contract
//! differs where the spec says the two directions differ.

#![cfg(feature = "schemars")]

use std::path::PathBuf;

use antom_vault::{
    CreateVaultingSessionRequest, CreateVaultingSessionResponse, InquireVaultingRequest,
    InquireVaultingResponse, VaultPaymentMethodRequest, VaultPaymentMethodResponse,
    VaultingAcknowledgement, VaultingNotification,
};
use schemars::JsonSchema;
use schemars::generate::{Contract, SchemaSettings};
use serde_json::{Map, Value};

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
        message::<CreateVaultingSessionRequest>("CreateVaultingSessionRequest"),
        message::<CreateVaultingSessionResponse>("CreateVaultingSessionResponse"),
        message::<VaultPaymentMethodRequest>("VaultPaymentMethodRequest"),
        message::<VaultPaymentMethodResponse>("VaultPaymentMethodResponse"),
        message::<InquireVaultingRequest>("InquireVaultingRequest"),
        message::<InquireVaultingResponse>("InquireVaultingResponse"),
        message::<VaultingNotification>("VaultingNotification"),
        message::<VaultingAcknowledgement>("VaultingAcknowledgement"),
    ]
}

/// The exported bundle.
fn bundle() -> Value {
    let path = schema_dir().join("antom_vault.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Merchant-sent messages are the send contract, Antom-sent ones the receive contract.
fn sent_by_merchant(name: &str) -> bool {
    name.ends_with("Request") || name.ends_with("Acknowledgement")
}

/// The Rust type name of a bundle definition read in `contract`: a receive-contract definition
/// whose send form has the plain name is `<Name>Received` in the bundle.
fn rust_name(bundle_name: &str, defs: &Map<String, Value>, receive: bool) -> String {
    match bundle_name.strip_suffix("Received") {
        Some(plain) if receive && defs.contains_key(plain) => plain.to_owned(),
        _ => bundle_name.to_owned(),
    }
}

/// `schema` with its bundle references (`#/$defs/<bundle name>`) renamed to the Rust names, and
/// every definition it reaches collected into `reached` (under the Rust name, without the
/// bundle's `title`).
fn follow(
    schema: &Value,
    defs: &Map<String, Value>,
    receive: bool,
    reached: &mut Map<String, Value>,
) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                let target = value.as_str().and_then(|t| t.strip_prefix("#/$defs/"));
                match (key.as_str(), target) {
                    ("$ref", Some(name)) => {
                        let rust = rust_name(name, defs, receive);
                        if !reached.contains_key(&rust) {
                            reached.insert(rust.clone(), Value::Null);
                            let mut def = follow(&defs[name], defs, receive, reached);
                            def.as_object_mut().unwrap().remove("title");
                            reached.insert(rust.clone(), def);
                        }
                        out.insert(key.clone(), Value::String(format!("#/$defs/{rust}")));
                    }
                    _ => {
                        out.insert(key.clone(), follow(value, defs, receive, reached));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| follow(i, defs, receive, reached))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The message `name` as a root document, rebuilt from the bundle the way schemars writes one.
fn exported(name: &str) -> Value {
    let bundle = bundle();
    let defs = bundle["$defs"].as_object().unwrap();
    let mut reached = Map::new();
    let mut root = follow(&defs[name], defs, !sent_by_merchant(name), &mut reached);
    let map = root.as_object_mut().unwrap();
    map.insert("$schema".into(), bundle["$schema"].clone());
    if !reached.is_empty() {
        map.insert("$defs".into(), Value::Object(reached));
    }
    root
}

#[test]
fn every_bundled_message_is_the_rust_types_schema_in_its_contract() {
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
            "{}: the bundle and the Rust JsonSchema impl disagree\nbundle: {file:#}\nrust: {rust:#}",
            m.file
        );
    }
    let on_disk: Vec<String> = std::fs::read_dir(schema_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(on_disk, ["antom_vault.schema.json"], "one bundle file");
}

#[test]
fn the_two_contracts_differ_where_the_directions_do() {
    for m in messages() {
        let send = serde_json::to_string(&m.serialize).unwrap();
        let receive = serde_json::to_string(&m.deserialize).unwrap();
        assert!(
            !send.contains("\"anyOf\"") && !send.contains("\"examples\""),
            "{}: the wire contract is closed",
            m.file
        );
        assert!(
            !send.contains("\"boolean\"") && !send.contains("\"integer\""),
            "{}",
            m.file
        );
        // Every enumeration is open in what may arrive: a plain string with its known values
        // as examples. The only closed list left is a boolean's string form (beside `boolean`).
        assert_eq!(
            receive.matches("\"enum\"").count(),
            receive.matches("\"enum\":[\"true\",\"false\"]").count(),
            "{}: {receive}",
            m.file
        );
        if send.contains("\"enum\"") {
            assert_ne!(m.serialize, m.deserialize, "{}", m.file);
            assert!(receive.contains("\"examples\""), "{}", m.file);
        }
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
