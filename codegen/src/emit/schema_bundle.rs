//! Every schema once, by name: the bundle file `generated/schema/antom_vault.schema.json`, whose
//! `$defs` hold each message, object and enumeration a single time under a `title` equal to its
//! key, every other use being a `$ref` to it. The OpenAPI document's `components/schemas` are the
//! same definitions ([`definitions`] with another reference prefix), so the two cannot disagree,
//! and a generator that reads either makes one type per definition, named after it.
//!
//! The definitions come from the per-message documents of [`crate::emit::schema`]: a type that
//! appears in both directions with different schemas (an object that allows unknown properties,
//! or takes native booleans, in what Antom sends) keeps its name for the send contract and is
//! `<Name>Received` for the receive contract.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::emit::schema::{self, Contract, SchemaFile};
use crate::ir::Ir;

/// File name of the bundle inside `generated/schema/`.
pub const BUNDLE_FILE: &str = "antom_vault.schema.json";

/// Where references point inside the bundle.
pub const BUNDLE_PREFIX: &str = "#/$defs/";

/// Suffix of a receive-contract definition whose send-contract schema has the plain name.
pub const RECEIVED_SUFFIX: &str = "Received";

/// The bundle document of `ir`.
pub fn bundle(ir: &Ir) -> Value {
    json!({
        "$schema": schema::DIALECT,
        "title": "antom-vault",
        "description": "Every message, object and enumeration of the Antom card vault APIs, each \
            defined once under $defs. Validate a message against #/$defs/<message name>. What the \
            merchant sends (requests, the acknowledgement) is the wire contract; what Antom sends \
            (responses, the notification) is what a receiver accepts, with <Name>Received where \
            the two differ.",
        "$defs": definitions(ir, BUNDLE_PREFIX),
    })
}

/// Every message under its title and every type it reaches under its definition name
/// ([`definition_name`]), each with a `title` equal to its name, references written as
/// `<prefix><name>`.
pub fn definitions(ir: &Ir, prefix: &str) -> Map<String, Value> {
    let files = schema::emit(ir);
    let renamed = renamed_definitions(&files);
    let mut out = Map::new();
    for file in &files {
        let rename = |name: &str| definition_name(name, file.contract, &renamed);
        let (name, message, defs) = split_schema(&file.schema, &rename, prefix);
        for (def_name, def) in defs {
            let titled = with_title(def, &def_name);
            out.entry(def_name).or_insert(titled);
        }
        out.insert(name, message);
    }
    out
}

fn with_title(mut schema: Value, name: &str) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert("title".into(), json!(name));
    }
    schema
}

/// The definition name of the type `name` in a document of `contract`: the plain name, or
/// `<name>Received` for a receive-contract type whose send-contract schema differs.
pub fn definition_name(name: &str, contract: Contract, renamed: &[String]) -> String {
    if contract == Contract::Receive && renamed.iter().any(|r| r == name) {
        format!("{name}{RECEIVED_SUFFIX}")
    } else {
        name.to_owned()
    }
}

/// The types that appear in both contracts with different schemas.
fn renamed_definitions(files: &[SchemaFile]) -> Vec<String> {
    let mut seen: BTreeMap<(Contract, String), &Value> = BTreeMap::new();
    for file in files {
        if let Some(Value::Object(defs)) = file.schema.get("$defs") {
            for (name, def) in defs {
                seen.entry((file.contract, name.clone())).or_insert(def);
            }
        }
    }
    seen.iter()
        .filter(|((contract, name), def)| {
            *contract == Contract::Receive
                && seen
                    .get(&(Contract::Send, name.clone()))
                    .is_some_and(|send| send != *def)
        })
        .map(|((_, name), _)| name.clone())
        .collect()
}

/// Splits one per-message document into (title, the message schema without `$schema` and
/// `$defs`, the `$defs` entries under their definition names), every `$ref` pointed at
/// `<prefix><rename(name)>`.
fn split_schema(
    document: &Value,
    rename: &dyn Fn(&str) -> String,
    prefix: &str,
) -> (String, Value, Vec<(String, Value)>) {
    let mut message = document.clone();
    let mut defs = Vec::new();
    let mut name = String::new();
    if let Value::Object(map) = &mut message {
        map.remove("$schema");
        if let Some(Value::Object(found)) = map.remove("$defs") {
            defs = found.into_iter().map(|(n, d)| (rename(&n), d)).collect();
        }
        name = map
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
    }
    rewrite_refs(&mut message, rename, prefix);
    for (_, def) in &mut defs {
        rewrite_refs(def, rename, prefix);
    }
    (name, message, defs)
}

/// Rewrites `#/$defs/X` references to `<prefix><rename(X)>`, everywhere in `value`.
fn rewrite_refs(value: &mut Value, rename: &dyn Fn(&str) -> String, prefix: &str) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if key == "$ref"
                    && let Value::String(target) = inner
                    && let Some(name) = target.strip_prefix(BUNDLE_PREFIX)
                {
                    *target = format!("{prefix}{}", rename(name));
                } else {
                    rewrite_refs(inner, rename, prefix);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|i| rewrite_refs(i, rename, prefix)),
        _ => {}
    }
}
