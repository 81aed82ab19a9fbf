//! A fact that a doc page may leave open: the action of a result code whose "Further action" text
//! says nothing we can map, an idempotency field the page does not name, a retry rule it does
//! not give. In a fresh import or a file under review such a fact is written `TODO` and read
//! back as [`Known::Unknown`]; spec/ itself must state every fact (the resolver rejects an
//! unknown one with its location).

use std::fmt;

/// A fact as stated, or "unknown on this page".
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Known<T> {
    /// The page (or the spec) states the fact.
    Stated(T),
    /// The page does not say; a person decides.
    Unknown,
}

impl<T> Known<T> {
    /// The stated value, if any.
    pub fn stated(&self) -> Option<&T> {
        match self {
            Known::Stated(value) => Some(value),
            Known::Unknown => None,
        }
    }

    /// Whether the fact is still open.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Known::Unknown)
    }

    /// `Stated(value)` for `Some(value)`, else `Unknown`.
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Known::Unknown, Known::Stated)
    }
}

impl<T: fmt::Display> fmt::Display for Known<T> {
    /// The value, or `unknown`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Known::Stated(value) => value.fmt(f),
            Known::Unknown => f.write_str("unknown"),
        }
    }
}
