//! IR → OpenAPI 3.1 (`generated/openapi.json`): the merchant → Antom operations under `paths`, the
//! Antom → merchant notifications under `webhooks`, the signature headers, every schema, and each
//! operation's result codes.
//!
//! The schemas are not built here: they are the JSON Schema emitter's per-message documents
//! ([`crate::emit::schema`]), moved into `components/schemas` with their `$defs` and `$ref`s
//! rewritten, so the OpenAPI file and `generated/schema/` cannot disagree. A type that appears in
//! both directions with different schemas (an enum is closed in what the merchant sends and open in
//! what Antom sends) keeps its name for the send contract and is `<Name>Received` for the receive
//! contract.
//!
//! Paths are relative to the servers, which include the API base (`/ams/api`, or `/ams/sandbox/api`
//! for sandbox clients), so that one document serves every region and the sandbox.
//!
//! Extensions: every operation carries `x-antom-result-codes` (each result code it may return,
//! with `status` S/F/U, the `action` a caller takes, and a description) and `x-idempotency-key`
//! (the request field that identifies an attempt).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::emit::schema::{self, Contract, SchemaFile};
use crate::ir::{Api, Ir, Service};
use crate::model::Direction;

/// File name inside the output directory.
pub const OPENAPI_FILE: &str = "openapi.json";

/// Where references point inside the OpenAPI document.
const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// Suffix of a receive-contract component whose send-contract schema has the plain name.
pub const RECEIVED_SUFFIX: &str = "Received";

/// The OpenAPI document for `ir`.
pub fn emit(ir: &Ir) -> Value {
    let schemas = components_schemas(&schema::emit(ir));
    let mut paths = Map::new();
    let mut webhooks = Map::new();
    for api in &ir.apis {
        match (api.direction, &api.path) {
            (Direction::MerchantToAntom, Some(path)) => {
                let (key, item) = path_item(ir.service.as_ref(), path, operation(ir, api, true));
                paths.insert(key, item);
            }
            (Direction::AntomToMerchant, _) => {
                webhooks.insert(
                    api.name.clone(),
                    json!({ "post": operation(ir, api, false) }),
                );
            }
            (Direction::MerchantToAntom, None) => {}
        }
    }
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": schema::DIALECT,
        "info": {
            "title": "Antom card vault (antom-vault)",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Generated from spec/ by antom-vault-codegen. Every request and response is \
                signed with SHA256withRSA over `POST <path>\\n<Client-Id>.<time>.<body>`, where <path> is the \
                full path as sent (server base included). What the merchant sends follows the wire rule: \
                every non-array value is a JSON string (booleans \"true\"/\"false\", integers as decimal \
                strings); what Antom sends may use either form, may carry unknown fields, and may use enum \
                values and result codes this document does not list. Sandbox clients (ids starting with \
                SANDBOX_) use the sandbox servers. x-antom-result-codes lists each operation's result \
                codes with their status and the caller's action.",
        },
        "servers": servers(ir.service.as_ref()),
        "paths": paths,
        "webhooks": webhooks,
        "components": {
            "schemas": schemas,
            "parameters": request_header_parameters(),
            "headers": response_headers(),
        },
    })
}

/// Each region's production server, then each region's sandbox server, from the spec's service
/// facts (FACTS §D.1, §D.2), which also give the runtime's `Region`; none without them.
fn servers(service: Option<&Service>) -> Value {
    let Some(service) = service else {
        return Value::Array(Vec::new());
    };
    let production = service.regions.iter().map(
        |r| json!({ "url": format!("{}{}", r.host, service.api_base), "description": r.name }),
    );
    let sandbox = service.regions.iter().map(|r| {
        json!({
            "url": format!("{}{}", r.host, service.sandbox_api_base),
            "description": format!(
                "{}, sandbox (client ids starting with {})",
                r.name, service.sandbox_client_id_prefix
            ),
        })
    });
    Value::Array(production.chain(sandbox).collect())
}

/// The `paths` key and item of an operation: the path relative to the servers' base, or, for a
/// path outside the base, the full path with its own host-only servers.
fn path_item(service: Option<&Service>, path: &str, operation: Value) -> (String, Value) {
    let base = service.map_or("", |s| s.api_base.as_str());
    match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && rest.starts_with('/') => {
            (rest.to_owned(), json!({ "post": operation }))
        }
        _ => {
            let servers: Vec<Value> = service
                .map_or(&[][..], |s| &s.regions[..])
                .iter()
                .map(|r| json!({ "url": r.host, "description": r.name }))
                .collect();
            (
                path.to_owned(),
                json!({ "servers": servers, "post": operation }),
            )
        }
    }
}

/// Pretty JSON text with a final newline (the same formatting as the schema files).
pub fn to_text(document: &Value) -> String {
    schema::to_text(document)
}

/// Every message schema under its title, and every `$defs` entry under its component name
/// ([`component_name`]).
pub fn components_schemas(files: &[SchemaFile]) -> Map<String, Value> {
    let renamed = renamed_definitions(files);
    let mut out = Map::new();
    for file in files {
        let rename = |name: &str| component_name(name, file.contract, &renamed);
        let (name, message, defs) = split_schema(&file.schema, &rename);
        for (def_name, def) in defs {
            out.entry(def_name).or_insert(def);
        }
        out.insert(name, message);
    }
    out
}

/// The component name of the definition `name` of a document in `contract`: the plain name, or
/// `<name>Received` for a receive-contract definition whose send-contract schema differs.
pub fn component_name(name: &str, contract: Contract, renamed: &[String]) -> String {
    if contract == Contract::Receive && renamed.iter().any(|r| r == name) {
        format!("{name}{RECEIVED_SUFFIX}")
    } else {
        name.to_owned()
    }
}

/// The definitions that appear in both contracts with different schemas.
pub fn renamed_definitions(files: &[SchemaFile]) -> Vec<String> {
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

/// Splits one per-message JSON Schema document into (title, the message schema without `$schema`
/// and `$defs`, the `$defs` entries under their component names), with every `$ref` pointed at
/// `components/schemas/<rename(name)>`.
pub fn split_schema(
    document: &Value,
    rename: &dyn Fn(&str) -> String,
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
    rewrite_refs(&mut message, rename);
    for (_, def) in &mut defs {
        rewrite_refs(def, rename);
    }
    (name, message, defs)
}

/// Rewrites `#/$defs/X` references to `#/components/schemas/<rename(X)>`, everywhere in `value`.
pub fn rewrite_refs(value: &mut Value, rename: &dyn Fn(&str) -> String) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if key == "$ref"
                    && let Value::String(target) = inner
                    && let Some(name) = target.strip_prefix("#/$defs/")
                {
                    *target = format!("{COMPONENT_PREFIX}{}", rename(name));
                } else {
                    rewrite_refs(inner, rename);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| rewrite_refs(i, rename)),
        _ => {}
    }
}

fn body(schema_name: &str) -> Value {
    json!({ "application/json": { "schema": { "$ref": format!("{COMPONENT_PREFIX}{schema_name}") } } })
}

/// One POST operation. `outbound` is true for merchant → Antom calls (signed response headers),
/// false for notifications (the merchant answers with a plain acknowledgement).
fn operation(ir: &Ir, api: &Api, outbound: bool) -> Value {
    let mut op = Map::new();
    op.insert("operationId".into(), json!(api.name));
    op.insert("summary".into(), json!(api.summary));
    if let Some(description) = &api.description {
        op.insert("description".into(), json!(description.trim()));
    }
    if let Some(doc) = &api.doc {
        op.insert("externalDocs".into(), json!({ "url": doc }));
    }
    op.insert(
        "parameters".into(),
        json!([
            { "$ref": "#/components/parameters/ClientId" },
            { "$ref": "#/components/parameters/RequestTime" },
            { "$ref": "#/components/parameters/Signature" },
        ]),
    );
    op.insert(
        "requestBody".into(),
        json!({ "required": true, "content": body(&api.request) }),
    );
    let response = if outbound {
        json!({
            "description": "Signed answer; business outcomes (S, F, U) arrive as HTTP 200 with `result`.",
            "headers": {
                "Client-Id": { "$ref": "#/components/headers/ClientId" },
                "Response-Time": { "$ref": "#/components/headers/ResponseTime" },
                "Signature": { "$ref": "#/components/headers/Signature" },
            },
            "content": body(&api.response),
        })
    } else {
        json!({
            "description": "The merchant's acknowledgement; anything else makes Antom send the notification again.",
            "content": body(&api.response),
        })
    };
    op.insert("responses".into(), json!({ "200": response }));
    op.insert("x-idempotency-key".into(), json!(api.idempotency_key.wire));
    op.insert("x-antom-result-codes".into(), result_codes(ir, api));
    Value::Object(op)
}

/// The operation's result codes, its own first, then the gateway-wide ones.
fn result_codes(ir: &Ir, api: &Api) -> Value {
    let codes = ir.codes_of(api).map(|c| {
        let mut entry = Map::new();
        entry.insert("code".into(), json!(c.code));
        entry.insert("status".into(), json!(c.status.as_spec()));
        entry.insert("action".into(), json!(c.action.as_spec()));
        if let Some(d) = &c.description {
            entry.insert("description".into(), json!(crate::emit::docs::one_line(d)));
        }
        if !api.result_codes.iter().any(|own| own.code == c.code) {
            entry.insert("gateway".into(), json!(true));
        }
        Value::Object(entry)
    });
    Value::Array(codes.collect())
}

fn request_header_parameters() -> Value {
    json!({
        "ClientId": {
            "name": "Client-Id",
            "in": "header",
            "required": true,
            "description": "The merchant's client id (sandbox ids start with SANDBOX_).",
            "schema": { "type": "string" },
        },
        "RequestTime": {
            "name": "Request-Time",
            "in": "header",
            "required": true,
            "description": "When the message was sent; signed exactly as written (epoch milliseconds here).",
            "schema": { "type": "string" },
        },
        "Signature": {
            "name": "Signature",
            "in": "header",
            "required": true,
            "description": "algorithm=RSA256,keyVersion=<n>,signature=<percent-encoded base64 SHA256withRSA signature>.",
            "schema": { "type": "string", "pattern": "^algorithm=RSA256, ?keyVersion=[0-9]+, ?signature=.+$" },
        },
    })
}

fn response_headers() -> Value {
    json!({
        "ClientId": {
            "description": "The client id the request was made with.",
            "schema": { "type": "string" },
        },
        "ResponseTime": {
            "description": "When Antom answered; signed exactly as written.",
            "schema": { "type": "string" },
        },
        "Signature": {
            "description": "Antom's signature over the raw response body; absent on some gateway errors.",
            "schema": { "type": "string", "pattern": "^algorithm=RSA256, ?keyVersion=[0-9]+, ?signature=.+$" },
        },
    })
}
