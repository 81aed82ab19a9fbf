//! IR → OpenAPI 3.1 (`generated/openapi.json`): the merchant → Antom operations under `paths`, the
//! Antom → merchant notifications under `webhooks`, the signature headers, and every schema.
//!
//! The schemas are not built here: they are the JSON Schema emitter's per-message documents
//! ([`crate::emit::schema`]), moved into `components/schemas` with their `$defs` and `$ref`s
//! rewritten, so the OpenAPI file and `generated/schema/` cannot disagree.

use serde_json::{Map, Value, json};

use crate::emit::schema::{self, SchemaFile};
use crate::ir::{Api, Ir};
use crate::model::Direction;

/// File name inside the output directory.
pub const OPENAPI_FILE: &str = "openapi.json";

/// Where references point inside the OpenAPI document.
const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// The OpenAPI document for `ir`.
pub fn emit(ir: &Ir) -> Value {
    let schemas = components_schemas(&schema::emit(ir));
    let mut paths = Map::new();
    let mut webhooks = Map::new();
    for api in &ir.apis {
        match (api.direction, &api.path) {
            (Direction::MerchantToAntom, Some(path)) => {
                paths.insert(path.clone(), json!({ "post": operation(api, true) }));
            }
            (Direction::AntomToMerchant, _) => {
                webhooks.insert(api.name.clone(), json!({ "post": operation(api, false) }));
            }
            (Direction::MerchantToAntom, None) => {}
        }
    }
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Antom card vault (antom-vault)",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Generated from spec/ by antom-vault-codegen. Every request and response is \
                signed with SHA256withRSA over `POST <path>\\n<Client-Id>.<time>.<body>`; every non-array \
                value travels as a JSON string. Sandbox clients (ids starting with SANDBOX_) use \
                /ams/sandbox/api in place of /ams/api.",
        },
        "servers": [
            { "url": "https://open-na-global.alipay.com", "description": "North America" },
            { "url": "https://open-sea-global.alipay.com", "description": "Asia" },
            { "url": "https://open-de-global.alipay.com", "description": "Europe" },
        ],
        "paths": paths,
        "webhooks": webhooks,
        "components": {
            "schemas": schemas,
            "parameters": request_header_parameters(),
            "headers": response_headers(),
        },
    })
}

/// Pretty JSON text with a final newline (the same formatting as the schema files).
pub fn to_text(document: &Value) -> String {
    schema::to_text(document)
}

/// Every message schema under its title, and every `$defs` entry under its name.
pub fn components_schemas(files: &[SchemaFile]) -> Map<String, Value> {
    let mut out = Map::new();
    for file in files {
        let (name, message, defs) = split_schema(&file.schema);
        for (def_name, def) in defs {
            out.entry(def_name).or_insert(def);
        }
        out.insert(name, message);
    }
    out
}

/// Splits one per-message JSON Schema document into (title, the message schema without `$schema`
/// and `$defs`, the `$defs` entries), with every `$ref` pointed at `components/schemas`.
pub fn split_schema(document: &Value) -> (String, Value, Vec<(String, Value)>) {
    let mut message = document.clone();
    let mut defs = Vec::new();
    let mut name = String::new();
    if let Value::Object(map) = &mut message {
        map.remove("$schema");
        if let Some(Value::Object(found)) = map.remove("$defs") {
            defs = found.into_iter().collect();
        }
        name = map
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
    }
    rewrite_refs(&mut message);
    for (_, def) in &mut defs {
        rewrite_refs(def);
    }
    (name, message, defs)
}

/// Rewrites `#/$defs/X` references to `#/components/schemas/X`, everywhere in `value`.
pub fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if key == "$ref"
                    && let Value::String(target) = inner
                    && let Some(name) = target.strip_prefix("#/$defs/")
                {
                    *target = format!("{COMPONENT_PREFIX}{name}");
                } else {
                    rewrite_refs(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

fn body(schema_name: &str) -> Value {
    json!({ "application/json": { "schema": { "$ref": format!("{COMPONENT_PREFIX}{schema_name}") } } })
}

/// One POST operation. `outbound` is true for merchant → Antom calls (signed response headers),
/// false for notifications (the merchant answers with a plain acknowledgement).
fn operation(api: &Api, outbound: bool) -> Value {
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
    Value::Object(op)
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
