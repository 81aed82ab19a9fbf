//! IR → JSON Schema (draft 2020-12), one document per message.
//!
//! The schemas describe the canonical wire form the generated code emits (every scalar a JSON
//! string) and, like the generated decoders, also accept native JSON booleans and integers.
//! `maxLength` counts Unicode scalar values, as the generated `validate()` does. Shared objects
//! and enums referenced by a message are placed under `$defs`.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::emit::docs;
use crate::ir::{Api, Enum, Field, FieldType, Ir, Struct};
use crate::model::{Direction, Required};
use crate::naming;

/// One schema document: its file name (e.g. `create_vaulting_session.request.json`) and JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaFile {
    /// File name inside `generated/schema/`.
    pub file_name: String,
    /// The schema.
    pub schema: Value,
}

/// The schemas of every message of every API, in API order (request first).
pub fn emit(ir: &Ir) -> Vec<SchemaFile> {
    let mut out = Vec::new();
    for api in &ir.apis {
        let base = naming::snake(&api.name);
        let (a, b) = match api.direction {
            Direction::MerchantToAntom => ("request", "response"),
            Direction::AntomToMerchant => ("notification", "acknowledgement"),
        };
        for (kind, msg) in [(a, &api.request), (b, &api.response)] {
            if let Some(s) = ir.structs.iter().find(|s| &s.rust_name == msg) {
                out.push(SchemaFile {
                    file_name: format!("{base}.{kind}.json"),
                    schema: message_schema(ir, api, s),
                });
            }
        }
    }
    out
}

/// Pretty JSON text of a schema, with a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

fn message_schema(ir: &Ir, api: &Api, s: &Struct) -> Value {
    let mut root = object_schema(s);
    let mut used = BTreeSet::new();
    collect_refs(ir, s, &mut used);
    let mut defs = Map::new();
    for name in &used {
        if let Some(o) = ir.structs.iter().find(|x| &x.rust_name == name) {
            defs.insert(name.clone(), object_schema(o));
        } else if let Some(e) = ir.enums.iter().find(|x| &x.rust_name == name) {
            defs.insert(name.clone(), enum_schema(e));
        }
    }
    if let Value::Object(m) = &mut root {
        m.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        m.insert("title".into(), json!(s.rust_name));
        let mut desc = s
            .description
            .as_deref()
            .map(docs::one_line)
            .unwrap_or_default();
        if desc.is_empty() {
            desc = format!("{} message of {}.", s.rust_name, api.name);
        }
        m.insert("description".into(), json!(desc));
        if !defs.is_empty() {
            m.insert("$defs".into(), Value::Object(defs));
        }
    }
    root
}

fn collect_refs(ir: &Ir, s: &Struct, used: &mut BTreeSet<String>) {
    for f in &s.fields {
        collect_type(ir, &f.ty, used);
    }
}

fn collect_type(ir: &Ir, ty: &FieldType, used: &mut BTreeSet<String>) {
    match ty {
        FieldType::Enum(n) => {
            used.insert(n.clone());
        }
        FieldType::Object(n) => {
            if used.insert(n.clone())
                && let Some(o) = ir.structs.iter().find(|x| &x.rust_name == n)
            {
                collect_refs(ir, o, used);
            }
        }
        FieldType::Array(inner) => collect_type(ir, inner, used),
        _ => {}
    }
}

fn object_schema(s: &Struct) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in &s.fields {
        props.insert(f.wire_name.clone(), field_schema(f));
        if f.required == Required::Yes {
            required.push(json!(f.wire_name));
        }
    }
    let mut m = Map::new();
    m.insert("type".into(), json!("object"));
    if let Some(d) = &s.description {
        m.insert("description".into(), json!(docs::one_line(d)));
    }
    m.insert("properties".into(), Value::Object(props));
    if !required.is_empty() {
        m.insert("required".into(), Value::Array(required));
    }
    Value::Object(m)
}

fn enum_schema(e: &Enum) -> Value {
    let values: Vec<Value> = e.values.iter().map(|v| json!(v.wire)).collect();
    let mut m = Map::new();
    m.insert("type".into(), json!("string"));
    m.insert("enum".into(), Value::Array(values));
    if let Some(d) = &e.description {
        m.insert("description".into(), json!(docs::one_line(d)));
    }
    Value::Object(m)
}

fn field_schema(f: &Field) -> Value {
    let mut v = type_schema(f, &f.ty);
    if let Value::Object(m) = &mut v {
        let mut desc = f
            .description
            .as_deref()
            .map(docs::one_line)
            .unwrap_or_default();
        if f.required == Required::OnSuccess {
            desc.push_str(if desc.is_empty() { "" } else { " " });
            desc.push_str("Present when result.resultStatus is S.");
        }
        if !desc.is_empty() {
            m.insert("description".into(), json!(desc));
        }
    }
    v
}

fn type_schema(f: &Field, ty: &FieldType) -> Value {
    match ty {
        FieldType::String | FieldType::Url | FieldType::Datetime => {
            let mut m = Map::new();
            m.insert("type".into(), json!("string"));
            if let Some(max) = f.max_length {
                m.insert("maxLength".into(), json!(max));
            }
            if !f.values.is_empty() {
                m.insert("enum".into(), json!(f.values));
            }
            if *ty == FieldType::Url {
                m.insert("format".into(), json!("uri"));
            }
            if *ty == FieldType::Datetime {
                m.insert("format".into(), json!("date-time"));
            }
            Value::Object(m)
        }
        FieldType::Boolean => json!({
            "type": ["string", "boolean"],
            "enum": ["true", "false", true, false]
        }),
        FieldType::Integer => {
            let mut m = Map::new();
            m.insert("type".into(), json!(["string", "integer"]));
            m.insert("pattern".into(), json!("^-?[0-9]+$"));
            if let Some(a) = f.minimum {
                m.insert("minimum".into(), json!(a));
            }
            if let Some(b) = f.maximum {
                m.insert("maximum".into(), json!(b));
            }
            Value::Object(m)
        }
        FieldType::Enum(n) | FieldType::Object(n) => json!({ "$ref": format!("#/$defs/{n}") }),
        FieldType::Array(inner) => json!({ "type": "array", "items": type_schema(f, inner) }),
    }
}
