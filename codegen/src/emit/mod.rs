//! Emitters: pure functions from the IR to Rust source and JSON Schema documents.
//!
//! The per-type schemas ([`schema`], as [`json::Json`] trees) are part of the Rust emission (the
//! generated `JsonSchema` impls, [`schema_rust`]), so they are built without the `tools` feature;
//! only the schema bundle ([`schema_bundle`]) and the OpenAPI document need `tools` (serde_json).

pub mod docs;
#[cfg(feature = "format")]
pub mod format;
pub mod json;
pub mod pattern;
pub mod plain;
pub mod rust;
pub mod schema;
#[cfg(feature = "tools")]
pub mod schema_bundle;
pub mod schema_rust;
pub mod vocab;
