//! IR → OpenAPI 3.1 (`generated/openapi.json`): the merchant → Antom operations under `paths`, the
//! Antom → merchant notifications under `webhooks`, the signature headers, every schema, and each
//! operation's result codes.
//!
//! The schemas are not built here: `components/schemas` are the definitions of the schema bundle
//! ([`crate::emit::schema_bundle`], `generated/schema/antom_vault.schema.json`) with references
//! pointed here, so the OpenAPI file and `generated/schema/` cannot disagree.
//!
//! What generators need: every operation and the webhook carry a tag (a generator files the
//! operations of one tag into one API class, so the merchant calls and the webhook never share a
//! file), operation ids are the API names (`createVaultingSession` → `create_vaulting_session`),
//! the signature is a security scheme (`AntomSignature`, an API key in the `Signature` header) so
//! no generated call asks for a placeholder value, and the non-200 answers of the gateway (405,
//! 413, 5xx) are declared.
//!
//! Paths are relative to the servers, which include the API base (`/ams/api`, or `/ams/sandbox/api`
//! for sandbox clients), so that one document serves every region and the sandbox.
//!
//! Extensions: every operation carries `x-antom-result-codes` (each result code it may return,
//! with `status` S/F/U, the `action` a caller takes, and a description) and `x-idempotency-key`
//! (the request field that identifies an attempt).

use serde_json::{Map, Value, json};

use crate::emit::schema;
use crate::emit::schema_bundle;
use crate::ir::{Api, Ir, Service};
use crate::model::Direction;

/// File name inside the output directory.
pub const OPENAPI_FILE: &str = "openapi.json";

/// Where references point inside the OpenAPI document.
const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// Suffix of a receive-contract component whose send-contract schema has the plain name.
pub const RECEIVED_SUFFIX: &str = schema_bundle::RECEIVED_SUFFIX;

/// The tag of the merchant → Antom operations.
pub const OPERATIONS_TAG: &str = "Vaulting";

/// The tag of the Antom → merchant notifications.
pub const NOTIFICATIONS_TAG: &str = "VaultingNotifications";

/// The security scheme that describes the `Signature` header.
pub const SIGNATURE_SCHEME: &str = "AntomSignature";

/// The acknowledgement's JSON value (FACTS A.8); `antom_vault::webhook::ACKNOWLEDGEMENT` is its
/// compact form, and docs/acknowledgement.md says why an equal value is enough.
const ACKNOWLEDGEMENT_TEXT: &str =
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

/// The OpenAPI document for `ir`.
pub fn emit(ir: &Ir) -> Value {
    let schemas = schema_bundle::definitions(ir, COMPONENT_PREFIX);
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
        "tags": [
            { "name": OPERATIONS_TAG, "description": "The merchant's calls to Antom's card vault." },
            { "name": NOTIFICATIONS_TAG, "description": "Antom's calls to the merchant's notification URL." },
        ],
        "security": [{ SIGNATURE_SCHEME: [] }],
        "paths": paths,
        "webhooks": webhooks,
        "components": {
            "schemas": schemas,
            "parameters": request_header_parameters(),
            "headers": response_headers(),
            "securitySchemes": security_schemes(),
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

fn body(schema_name: &str) -> Value {
    json!({ "application/json": { "schema": { "$ref": format!("{COMPONENT_PREFIX}{schema_name}") } } })
}

/// One POST operation. `outbound` is true for merchant → Antom calls (signed response headers),
/// false for notifications (the merchant answers with a plain acknowledgement).
fn operation(ir: &Ir, api: &Api, outbound: bool) -> Value {
    let mut op = Map::new();
    let tag = if outbound {
        OPERATIONS_TAG
    } else {
        NOTIFICATIONS_TAG
    };
    op.insert("tags".into(), json!([tag]));
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
        ]),
    );
    op.insert(
        "requestBody".into(),
        json!({ "required": true, "content": body(&api.request) }),
    );
    let responses = if outbound {
        json!({
            "200": {
                "description": "Signed answer; business outcomes (S, F, U) arrive as HTTP 200 with `result`.",
                "headers": {
                    "Client-Id": { "$ref": "#/components/headers/ClientId" },
                    "Response-Time": { "$ref": "#/components/headers/ResponseTime" },
                    "Signature": { "$ref": "#/components/headers/Signature" },
                },
                "content": body(&api.response),
            },
            "405": {
                "description": "A method other than POST was used; the answer has `Allow: POST`, no body and no signature.",
                "headers": { "Allow": { "$ref": "#/components/headers/Allow" } },
            },
            "413": {
                "description": "The request body is larger than the gateway reads; nothing was processed and the answer is not signed.",
            },
            "5XX": {
                "description": format!(
                    "The gateway failed before the API answered; the body is not a signed message and the outcome \
                    is unknown: {}.",
                    api.transport_retry.wording()
                ),
            },
        })
    } else {
        json!({
            "200": {
                "description": format!(
                    "The merchant's acknowledgement: HTTP 200 with a body equal, as JSON, to {ACKNOWLEDGEMENT_TEXT} \
                    (key order and whitespace are free; sending exactly these bytes is the safe choice). Any other \
                    answer makes Antom send the notification again. The acknowledgement is not signed."
                ),
                "content": {
                    "application/json": {
                        "schema": { "$ref": format!("{COMPONENT_PREFIX}{}", api.response) },
                        "example": { "result": { "resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success" } },
                    },
                },
            },
        })
    };
    op.insert("responses".into(), responses);
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
    })
}

/// The signature as a security scheme: generated clients then take it from their auth hook
/// instead of asking every call for a header value.
fn security_schemes() -> Value {
    json!({
        SIGNATURE_SCHEME: {
            "type": "apiKey",
            "in": "header",
            "name": "Signature",
            "description": "algorithm=RSA256,keyVersion=<n>,signature=<percent-encoded base64 SHA256withRSA signature \
                over `POST <path>\\n<Client-Id>.<Request-Time>.<body>`>, computed for each message over the exact \
                body bytes sent (a generated client's request hook sets it). Antom signs its answers and \
                notifications the same way with its own key.",
        },
    })
}

fn response_headers() -> Value {
    json!({
        "Allow": {
            "description": "The methods served at the path (POST).",
            "schema": { "type": "string" },
        },
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
