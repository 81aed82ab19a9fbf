//! `antom-vault-codegen diff OLD NEW`: the semantic difference between two versions of the spec,
//! classified for users of the Rust crate and for the wire.
//!
//! Both sides are loaded and resolved with the codegen loader ([`load`]) into the generator's own
//! [`crate::model::Spec`], compared ([`compare()`](fn@compare)) and reported ([`report`]).

pub mod change;
pub mod cli;
pub mod compare;
pub mod load;
pub mod report;
pub mod source;
pub mod sync;

pub use change::{Change, ChangeKind, Fact, Impact, Scope};
pub use compare::{Comparison, Side, Unknown, compare, compare_sides};
