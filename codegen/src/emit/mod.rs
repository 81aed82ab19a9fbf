//! Emitters: pure functions from the IR to Rust source and JSON Schema documents.

pub mod docs;
pub mod rust;
pub mod schema;
