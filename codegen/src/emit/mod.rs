//! Emitters: pure functions from the IR to Rust source and JSON Schema documents.

pub mod docs;
pub mod plain;
pub mod rust;
#[cfg(feature = "tools")]
pub mod schema;
