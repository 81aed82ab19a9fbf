//! One semantic difference between two specs, and how much it matters.

use std::fmt;

use serde::Serialize;

/// How much a change matters to one audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Only documentation (descriptions, notes, links) changed.
    DocOnly,
    /// New things appeared; existing users are unaffected.
    Additive,
    /// Existing users can break: code stops compiling, behaves differently, or is rejected.
    Breaking,
}

impl Impact {
    /// The spelling used in reports.
    pub fn label(self) -> &'static str {
        match self {
            Impact::DocOnly => "doc-only",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }
}

/// What part of the spec a change is in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Scope {
    /// One API (its messages, codes, settings).
    Api(String),
    /// A shared object.
    Object(String),
    /// An enumeration.
    Enum(String),
    /// The gateway-wide code table.
    GatewayCodes,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Api(name) => write!(f, "{name}"),
            Scope::Object(name) => write!(f, "object {name}"),
            Scope::Enum(name) => write!(f, "enum {name}"),
            Scope::GatewayCodes => f.write_str("gateway codes"),
        }
    }
}

/// One semantic change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Where.
    pub scope: Scope,
    /// Path inside the scope: `request.is3DSAuthentication`, `result_codes.SUCCESS`, `path`, or
    /// empty for the scope itself.
    pub location: String,
    /// A stable machine word: `field_added`, `max_length_tightened`, `action_changed`, ...
    pub kind: &'static str,
    /// The change in words, with old and new values (`64 -> 32`).
    pub summary: String,
    /// Impact on code using the Rust crate.
    pub rust: Impact,
    /// Impact on what travels over the wire (requests Antom accepts, responses we decode).
    pub wire: Impact,
}

impl Change {
    /// The larger of the two impacts.
    pub fn severity(&self) -> Impact {
        self.rust.max(self.wire)
    }

    /// One stable line naming the change: `createVaultingSession: request.x: field added (...)`.
    pub fn line(&self) -> String {
        if self.location.is_empty() {
            format!("{}: {}", self.scope, self.summary)
        } else {
            format!("{}: {}: {}", self.scope, self.location, self.summary)
        }
    }
}
