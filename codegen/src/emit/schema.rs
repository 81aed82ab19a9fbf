//! IR → JSON Schema (draft 2020-12): one schema per type and contract, and one document per message.
//!
//! Every type has two schemas, one per [`Contract`]:
//! - [`Contract::Send`], the wire contract a sender must follow: every non-array scalar is a JSON
//!   string, booleans are `"true"`/`"false"`, integers are strings whose `pattern` also enforces the
//!   documented range, enumerations list exactly the known values;
//! - [`Contract::Receive`], what a receiver accepts: booleans and integers in either form, every
//!   enumeration open. Unknown properties are allowed in both (no object is closed). An open enumeration is a plain
//!   `{"type": "string"}` with the known values under `examples`, written inline where it is used:
//!   every common generator then types it as its language's string (a union with a catch-all
//!   string becomes an empty class or a wrapper in several of them), and a reader still sees the
//!   known values. The Rust types keep their `Unknown(String)` variant.
//!
//! Messages the merchant sends (requests, the notification acknowledgement) are exported in the
//! send contract, messages Antom sends (responses, notifications) in the receive contract. The same
//! trees are the bodies of the generated `schemars::JsonSchema` impls (serialize contract = send,
//! deserialize contract = receive), so the Rust impls and `generated/schema/` cannot disagree.
//! `maxLength` counts Unicode scalar values, as the generated `validate()` does.

use std::collections::BTreeMap;

use crate::emit::docs;
use crate::emit::json::{Json, strings};
use crate::emit::pattern;
use crate::ir::{Api, Enum, Field, FieldType, Ir, Struct, StructRole};
#[cfg(feature = "tools")]
use crate::model::Direction;
use crate::model::Required;
#[cfg(feature = "tools")]
use crate::naming;

/// The JSON Schema dialect of every document.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Which side of the wire a schema describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Contract {
    /// What a sender must send (schemars' serialize contract).
    Send,
    /// What a receiver accepts (schemars' deserialize contract).
    Receive,
}

impl Contract {
    /// The contract a message is exported in: send for what the merchant sends, receive for what
    /// Antom sends. Shared objects have no contract of their own (`None`).
    pub fn of_message(role: &StructRole) -> Option<Contract> {
        match role {
            StructRole::Request(_) | StructRole::Acknowledgement(_) => Some(Contract::Send),
            StructRole::Response(_) | StructRole::Notification(_) => Some(Contract::Receive),
            StructRole::Object => None,
        }
    }
}

#[cfg(feature = "tools")]
/// One schema document: its file name (e.g. `create_vaulting_session.request.json`), contract and
/// JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaFile {
    /// File name inside `generated/schema/`.
    pub file_name: String,
    /// The contract the message is described in.
    pub contract: Contract,
    /// The schema.
    pub schema: serde_json::Value,
}

/// The schemas of every message of every API, in API order (request first).
#[cfg(feature = "tools")]
pub fn emit(ir: &Ir) -> Vec<SchemaFile> {
    let mut out = Vec::new();
    for api in &ir.apis {
        let base = naming::snake(&api.name);
        let (a, b) = match api.direction {
            Direction::MerchantToAntom => ("request", "response"),
            Direction::AntomToMerchant => ("notification", "acknowledgement"),
        };
        for (kind, msg) in [(a, &api.request), (b, &api.response)] {
            if let Some(s) = ir.structs.iter().find(|s| &s.rust_name == msg)
                && let Some(contract) = Contract::of_message(&s.role)
            {
                out.push(SchemaFile {
                    file_name: format!("{base}.{kind}.json"),
                    contract,
                    schema: document(ir, s, contract).to_value(),
                });
            }
        }
    }
    out
}

/// Pretty JSON text of a schema, with a final newline.
#[cfg(feature = "tools")]
pub fn to_text(schema: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The root document of `s` in `contract`: its schema with `$schema`, `title` and the `$defs` of
/// every type it reaches (what schemars' `into_root_schema_for` produces from the Rust impls).
pub fn document(ir: &Ir, s: &Struct, contract: Contract) -> Json {
    let mut defs = BTreeMap::new();
    let root = struct_schema(ir, s, contract);
    collect_definitions(ir, &root, contract, &mut defs);
    let mut doc = root
        .with("title", s.rust_name.as_str())
        .with("$schema", DIALECT);
    if !defs.is_empty() {
        doc = doc.with("$defs", Json::Object(defs.into_iter().collect()));
    }
    doc
}

/// The schema of the struct or enum named `name` (a Rust name), if the IR has one.
pub fn definition(ir: &Ir, name: &str, contract: Contract) -> Option<Json> {
    if let Some(s) = ir.structs.iter().find(|x| x.rust_name == name) {
        Some(struct_schema(ir, s, contract))
    } else {
        ir.enums
            .iter()
            .find(|x| x.rust_name == name)
            .map(|e| enum_schema(e, contract))
    }
}

fn collect_definitions(
    ir: &Ir,
    schema: &Json,
    contract: Contract,
    defs: &mut BTreeMap<String, Json>,
) {
    match schema {
        Json::Ref(name) => {
            if !defs.contains_key(name)
                && let Some(def) = definition(ir, name, contract)
            {
                defs.insert(name.clone(), def.clone());
                collect_definitions(ir, &def, contract, defs);
            }
        }
        Json::Array(items) => items
            .iter()
            .for_each(|i| collect_definitions(ir, i, contract, defs)),
        Json::Object(entries) => entries
            .iter()
            .for_each(|(_, v)| collect_definitions(ir, v, contract, defs)),
        Json::Bool(_) | Json::Int(_) | Json::Str(_) => {}
    }
}

/// The schema of an object or message: its properties, required fields and description. No object
/// is closed (JSON Schema's default): unknown properties validate in both contracts. (An explicit
/// `additionalProperties: true` would say the same, and makes openapi-generator warn.)
pub fn struct_schema(ir: &Ir, s: &Struct, contract: Contract) -> Json {
    let properties = s
        .fields
        .iter()
        .map(|f| (f.wire_name.clone(), field_schema(ir, f, contract)))
        .collect();
    let required: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| f.required == Required::Yes)
        .map(|f| f.wire_name.as_str())
        .collect();
    let mut m = Json::object()
        .with("type", "object")
        .with_opt("description", struct_description(ir, s))
        .with("properties", Json::Object(properties));
    if !required.is_empty() {
        m = m.with("required", strings(required));
    }
    m
}

/// The spec's description, or for a message without one, which message it is.
fn struct_description(ir: &Ir, s: &Struct) -> Option<String> {
    let own = s
        .description
        .as_deref()
        .map(docs::one_line)
        .filter(|d| !d.is_empty());
    own.or_else(|| {
        let api = match &s.role {
            StructRole::Object => return None,
            StructRole::Request(a)
            | StructRole::Response(a)
            | StructRole::Notification(a)
            | StructRole::Acknowledgement(a) => a,
        };
        let api = ir
            .apis
            .iter()
            .find(|x| &x.name == api || &x.rust_name == api)
            .map_or(api.as_str(), |x| x.name.as_str());
        Some(format!("{} message of {api}.", s.rust_name))
    })
}

/// The schema of an enumeration: closed in the send contract, open in the receive contract.
pub fn enum_schema(e: &Enum, contract: Contract) -> Json {
    let description = e.description.as_deref().map(docs::one_line);
    known_values(e.values.iter().map(|v| v.wire.as_str()), contract)
        .with_opt("description", description)
}

/// The schema of an API's result-code enumeration (the generated `<Api>ResultCode`).
pub fn result_code_schema(ir: &Ir, api: &Api, contract: Contract) -> Json {
    known_values(ir.codes_of(api).map(|c| c.code.as_str()), contract)
        .with("description", format!("Result code of {}.", api.name))
}

/// `{"type": "string", "enum": values}`, or in the receive contract
/// `{"type": "string", "examples": values}`.
fn known_values<'a>(values: impl IntoIterator<Item = &'a str>, contract: Contract) -> Json {
    open_enum(
        Json::object().with("type", "string"),
        strings(values),
        contract,
    )
}

/// `text` closed to `values` (`enum`) in the send contract; in the receive contract `text` as it
/// is, with `values` as `examples` (an open enumeration).
fn open_enum(text: Json, values: Json, contract: Contract) -> Json {
    match contract {
        Contract::Send => text.with("enum", values),
        Contract::Receive => text.with("examples", values),
    }
}

/// `strict` in the send contract; in the receive contract, `strict` or `other`.
fn open(strict: Json, other: Json, contract: Contract) -> Json {
    match contract {
        Contract::Send => strict,
        Contract::Receive => Json::object().with("anyOf", vec![strict, other]),
    }
}

fn field_schema(ir: &Ir, f: &Field, contract: Contract) -> Json {
    let mut desc = f
        .description
        .as_deref()
        .map(docs::one_line)
        .unwrap_or_default();
    if f.required == Required::OnSuccess {
        desc.push_str(if desc.is_empty() { "" } else { " " });
        desc.push_str("Present when result.resultStatus is S.");
    }
    let schema = type_schema(ir, f, &f.ty, contract);
    if desc.is_empty() {
        schema
    } else {
        schema.with("description", desc)
    }
}

fn type_schema(ir: &Ir, f: &Field, ty: &FieldType, contract: Contract) -> Json {
    match ty {
        FieldType::String | FieldType::Url | FieldType::Datetime => {
            let format = match ty {
                FieldType::Url => Some("uri"),
                FieldType::Datetime => Some("date-time"),
                _ => None,
            };
            let text = Json::object()
                .with("type", "string")
                .with_opt("maxLength", f.max_length)
                .with_opt("format", format);
            if f.values.is_empty() {
                text
            } else {
                open_enum(text, strings(f.values.iter().map(String::as_str)), contract)
            }
        }
        FieldType::Boolean => open(
            Json::object()
                .with("type", "string")
                .with("enum", strings(["true", "false"])),
            Json::object().with("type", "boolean"),
            contract,
        ),
        FieldType::Integer => open(
            Json::object()
                .with("type", "string")
                .with("pattern", pattern::integer_range(f.minimum, f.maximum)),
            Json::object()
                .with("type", "integer")
                .with_opt("minimum", f.minimum)
                .with_opt("maximum", f.maximum),
            contract,
        ),
        // An open enumeration is a plain string, written where it is used (see the module docs).
        FieldType::Enum(n) if contract == Contract::Receive => {
            match ir.enums.iter().find(|e| &e.rust_name == n) {
                Some(e) => enum_schema(e, contract),
                None => Json::reference(n),
            }
        }
        FieldType::Enum(n) | FieldType::Object(n) => Json::reference(n),
        FieldType::Array(inner) => Json::object()
            .with("type", "array")
            .with("items", type_schema(ir, f, inner, contract)),
    }
}
