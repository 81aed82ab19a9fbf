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
    /// What kind of change (serialized as its stable word: `field_added`, ...).
    pub kind: ChangeKind,
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

/// Declares [`ChangeKind`]: each kind with its stable word and the fact it is about.
macro_rules! change_kinds {
    ($($kind:ident = $word:literal $(=> $fact:ident)?,)*) => {
        /// Every kind of change `diff` reports. `sync` applies them and a decision's `covers:`
        /// names them by path and [`Fact`]; all three read this one list.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ChangeKind {
            $(#[doc = $word] $kind,)*
        }

        impl ChangeKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$kind),*];

            /// The stable machine word (`field_added`).
            pub fn as_str(self) -> &'static str {
                match self { $(ChangeKind::$kind => $word,)* }
            }

            /// The fact of a field or code the change is about; `None` for presence (added,
            /// removed), settings and prose.
            pub fn fact(self) -> Option<Fact> {
                match self {
                    $(ChangeKind::$kind => change_kinds!(@fact $($fact)?),)*
                }
            }
        }
    };
    (@fact) => { None };
    (@fact $fact:ident) => { Some(Fact::$fact) };
}

change_kinds! {
    ApiAdded = "api_added",
    ApiRemoved = "api_removed",
    ObjectAdded = "object_added",
    ObjectRemoved = "object_removed",
    EnumAdded = "enum_added",
    EnumRemoved = "enum_removed",
    DirectionChanged = "direction_changed",
    PathChanged = "path_changed",
    IdempotencyChanged = "idempotency_changed",
    TransportRetryChanged = "transport_retry_changed",
    GatewayCodesEnabled = "gateway_codes_enabled",
    GatewayCodesDisabled = "gateway_codes_disabled",
    DocChanged = "doc_changed",
    TypeNameChanged = "type_name_changed",
    RustNameChanged = "rust_name_changed",
    FieldAdded = "field_added",
    FieldRemoved = "field_removed",
    TypeChanged = "type_changed" => Type,
    RequiredChanged = "required_changed" => Required,
    MaxLengthTightened = "max_length_tightened" => MaxLength,
    MaxLengthLoosened = "max_length_loosened" => MaxLength,
    ValuesNarrowed = "values_narrowed" => Values,
    ValuesWidened = "values_widened" => Values,
    RangeNarrowed = "range_narrowed" => Range,
    RangeWidened = "range_widened" => Range,
    SensitiveChanged = "sensitive_changed",
    RevealChanged = "reveal_changed",
    FormatChanged = "format_changed",
    EssentialChanged = "essential_changed",
    EnumValueAdded = "enum_value_added",
    EnumValueRemoved = "enum_value_removed",
    StatusChanged = "status_changed" => Status,
    ActionChanged = "action_changed" => Action,
    CodeAdded = "code_added",
    CodeRemoved = "code_removed",
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ChangeKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A field's or code's fact, as the last part of a covered path (`response.x.required`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// `type` (with `items`).
    Type,
    /// `required`.
    Required,
    /// `max_length`.
    MaxLength,
    /// `values`.
    Values,
    /// `minimum` and `maximum`.
    Range,
    /// A result code's `status`.
    Status,
    /// A result code's `action`.
    Action,
}

impl Fact {
    /// Every fact.
    pub const ALL: &'static [Fact] = &[
        Fact::Type,
        Fact::Required,
        Fact::MaxLength,
        Fact::Values,
        Fact::Range,
        Fact::Status,
        Fact::Action,
    ];

    /// The path segment.
    pub fn segment(self) -> &'static str {
        match self {
            Fact::Type => "type",
            Fact::Required => "required",
            Fact::MaxLength => "max_length",
            Fact::Values => "values",
            Fact::Range => "range",
            Fact::Status => "status",
            Fact::Action => "action",
        }
    }

    /// Whether the fact belongs to a result code (else to a field).
    pub fn of_code(self) -> bool {
        matches!(self, Fact::Status | Fact::Action)
    }
}
