//! `antom-vault-codegen diff OLD NEW`: the semantic difference between two versions of the spec,
//! classified for users of the Rust crate and for the wire.
//!
//! Both sides are loaded and linted with the codegen loader ([`load`]), reduced to a
//! [`Snapshot`], compared ([`compare()`](fn@compare)) and reported ([`report`]).

pub mod change;
pub mod cli;
pub mod compare;
pub mod load;
pub mod report;
pub mod snapshot;
pub mod source;
pub mod sync;

pub use change::{Change, Impact, Scope};
pub use compare::compare;
pub use snapshot::Snapshot;
