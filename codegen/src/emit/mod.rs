//! Emitters: pure functions from the IR to Rust source and JSON Schema documents.

pub mod docs;
pub mod json;
pub mod pattern;
pub mod rust;
pub mod schema;
pub mod schema_rust;
