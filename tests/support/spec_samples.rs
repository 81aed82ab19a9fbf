//! Sample bodies built from the spec's IR, so that per-field tests cover a new field without anyone
//! adding a case: every field filled with a value of its type that names it (`Q007xcardToken-sample`), and
//! the list of every field path of a struct.
#![allow(dead_code)]

use std::path::Path;

use antom_vault_codegen::ir::{Field, FieldType, Ir, Struct, StructRole};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The IR of `spec/`.
pub fn ir() -> Ir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = antom_vault_codegen::output::read_sources(&root.join("spec"), "spec")
        .expect("spec/ readable");
    antom_vault_codegen::load_and_lint(&sources).expect("spec/ is valid")
}

/// Decodes a JSON body as the generated type, then re-encodes it.
pub type RoundTrip = fn(&Value) -> Result<Value, String>;
/// Decodes a JSON body as the generated type and returns its `Debug` text.
pub type DebugText = fn(&Value) -> String;

fn round_trip<T: DeserializeOwned + Serialize>(body: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(&typed).expect("generated types always encode"))
}

fn debug_text<T: DeserializeOwned + std::fmt::Debug>(body: &Value) -> String {
    let typed: T = serde_json::from_value(body.clone()).expect("a full sample decodes");
    format!("{typed:?}")
}

/// Collects the round trip and Debug text of every type the generated catalog hands it.
#[derive(Default)]
struct Collect(Vec<(&'static str, RoundTrip, DebugText)>);

impl antom_vault::schema::TypeVisitor for Collect {
    fn visit<T>(&mut self)
    where
        T: antom_vault::schema::HasSchema
            + Serialize
            + DeserializeOwned
            + antom_vault::validate::Validate
            + std::fmt::Debug
            + 'static,
    {
        self.0
            .push((T::SCHEMA.rust_name, round_trip::<T>, debug_text::<T>));
    }
}

/// Every generated struct (from the generated `catalog`): its Rust name, round trip and Debug text.
pub fn generated_types() -> Vec<(&'static str, RoundTrip, DebugText)> {
    let mut collect = Collect::default();
    antom_vault::catalog::visit_types(&mut collect);
    collect.0
}

/// The generated type called `rust_name`: its round trip and its Debug text.
pub fn generated(rust_name: &str) -> Option<(RoundTrip, DebugText)> {
    generated_types()
        .into_iter()
        .find(|(name, _, _)| *name == rust_name)
        .map(|(_, round, debug)| (round, debug))
}

/// Panics unless the generated catalog holds exactly the structs of the IR, in its order.
pub fn assert_every_struct_has_an_entry(ir: &Ir) {
    let from_spec: Vec<&str> = ir.structs.iter().map(|s| s.rust_name.as_str()).collect();
    let generated: Vec<&str> = generated_types().iter().map(|(name, _, _)| *name).collect();
    assert_eq!(
        generated, from_spec,
        "the generated catalog and spec/ list different structs"
    );
}

/// The messages Antom sends: responses and notifications.
pub fn inbound_messages(ir: &Ir) -> Vec<&Struct> {
    ir.structs
        .iter()
        .filter(|s| {
            matches!(
                s.role,
                StructRole::Response(_) | StructRole::Notification(_)
            )
        })
        .collect()
}

pub fn find<'a>(ir: &'a Ir, rust_name: &str) -> &'a Struct {
    ir.structs
        .iter()
        .find(|s| s.rust_name == rust_name)
        .unwrap_or_else(|| panic!("no struct {rust_name}"))
}

/// One field somewhere inside a sample: its JSON pointer, the field, the struct holding it.
pub struct FieldAt<'a> {
    pub pointer: String,
    pub field: &'a Field,
    pub owner: &'a Struct,
}

/// Every field of `s`, nested objects included (arrays of objects through their first item).
pub fn field_paths<'a>(ir: &'a Ir, s: &'a Struct) -> Vec<FieldAt<'a>> {
    let mut out = Vec::new();
    walk(ir, s, "", &mut out, 0);
    out
}

fn walk<'a>(ir: &'a Ir, s: &'a Struct, prefix: &str, out: &mut Vec<FieldAt<'a>>, depth: usize) {
    assert!(depth < 8, "objects nest too deep at {prefix}");
    for f in &s.fields {
        let pointer = format!("{prefix}/{}", f.wire_name);
        out.push(FieldAt {
            pointer: pointer.clone(),
            field: f,
            owner: s,
        });
        match &f.ty {
            FieldType::Object(name) => walk(ir, find(ir, name), &pointer, out, depth + 1),
            FieldType::Array(inner) => {
                if let FieldType::Object(name) = &**inner {
                    walk(ir, find(ir, name), &format!("{pointer}/0"), out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// A body of `s` with every field set, each scalar naming its field (`Q007xcardToken-sample`, or a
/// number such as `7007`), under Antom's wire rule (every scalar a JSON string).
pub fn full_sample(ir: &Ir, s: &Struct) -> Value {
    let mut counter = 0;
    object_sample(ir, s, &mut counter)
}

fn object_sample(ir: &Ir, s: &Struct, counter: &mut usize) -> Value {
    let mut map = Map::new();
    for f in &s.fields {
        map.insert(f.wire_name.clone(), value_sample(ir, f, &f.ty, counter));
    }
    Value::Object(map)
}

fn value_sample(ir: &Ir, f: &Field, ty: &FieldType, counter: &mut usize) -> Value {
    *counter += 1;
    match ty {
        FieldType::String | FieldType::Url | FieldType::Datetime => {
            Value::String(marker(*counter, &f.wire_name))
        }
        FieldType::Boolean => Value::String("true".into()),
        FieldType::Integer => Value::String((7000 + *counter).to_string()),
        FieldType::Enum(name) => {
            let en = ir
                .enums
                .iter()
                .find(|e| &e.rust_name == name)
                .expect("enum of the IR");
            Value::String(en.values[0].wire.clone())
        }
        FieldType::Object(name) => object_sample(ir, find(ir, name), counter),
        FieldType::Array(inner) => Value::Array(vec![value_sample(ir, f, inner, counter)]),
    }
}

/// The text sample of the `n`th value, for the field `wire`.
pub fn marker(n: usize, wire: &str) -> String {
    format!("Q{n:03}x{wire}-sample")
}

/// JSON values of another shape than `ty` takes.
pub fn wrong_values(ty: &FieldType) -> Vec<Value> {
    match ty {
        FieldType::Object(_) => vec![Value::String("not an object".into()), Value::from(12)],
        FieldType::Array(_) => vec![Value::String("not a list".into()), serde_json::json!({})],
        FieldType::Boolean => vec![Value::String("maybe".into()), serde_json::json!({"a": 1})],
        FieldType::Integer => vec![Value::String("twelve".into()), serde_json::json!([1])],
        _ => vec![
            serde_json::json!({"a": [1, true]}),
            serde_json::json!([1, 2]),
        ],
    }
}

/// `body` with the value at `pointer` removed.
pub fn without(body: &Value, pointer: &str) -> Value {
    let mut out = body.clone();
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    match out.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(key);
        }
        Some(Value::Array(items)) => {
            items.remove(key.parse::<usize>().expect("an index"));
        }
        _ => panic!("no parent at {pointer}"),
    }
    out
}

/// `body` with the value at `pointer` replaced by `value`.
pub fn with_value(body: &Value, pointer: &str, value: Value) -> Value {
    let mut out = body.clone();
    *out.pointer_mut(pointer).expect("the pointer exists") = value;
    out
}
