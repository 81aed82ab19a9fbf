//! What the diff compares: a plain, name-keyed view of a loaded spec, holding the spec's own
//! vocabulary types ([`crate::model::vocab`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Action, Direction, Required, Reveal, Status, TransportRetry};

/// Everything one side of a diff declares.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// APIs by name.
    pub apis: BTreeMap<String, ApiSnap>,
    /// Shared objects by spec name.
    pub objects: BTreeMap<String, ObjectSnap>,
    /// Enumerations by spec name.
    pub enums: BTreeMap<String, EnumSnap>,
    /// Gateway-wide result codes, in file order.
    pub gateway_codes: Vec<CodeSnap>,
    /// Objects a single file only borrows from `--shared` (its page hides their children). They
    /// are not compared with an object the other side spells out: a page that does not show an
    /// object says nothing about it.
    pub borrowed: BTreeSet<String>,
}

/// One API.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiSnap {
    /// Which way the request travels.
    pub direction: Direction,
    /// Production path.
    pub path: Option<String>,
    /// Link to Antom's page.
    pub doc: Option<String>,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    pub description: Option<String>,
    /// Idempotency field.
    pub idempotency_key: String,
    /// What may happen after a transport failure (absent: `never`).
    pub transport_retry: Option<TransportRetry>,
    /// Whether the gateway-wide codes apply.
    pub gateway_codes: bool,
    /// The request (or notification).
    pub request: MessageSnap,
    /// The response (or acknowledgement).
    pub response: MessageSnap,
    /// The API's own result codes, in file order.
    pub codes: Vec<CodeSnap>,
    /// Recorded decisions.
    pub decisions: Vec<String>,
}

impl Default for ApiSnap {
    /// An empty merchant-to-Antom API (for building snapshots by hand).
    fn default() -> Self {
        ApiSnap {
            direction: Direction::MerchantToAntom,
            path: None,
            doc: None,
            summary: String::new(),
            description: None,
            idempotency_key: String::new(),
            transport_retry: None,
            gateway_codes: false,
            request: MessageSnap::default(),
            response: MessageSnap::default(),
            codes: Vec::new(),
            decisions: Vec::new(),
        }
    }
}

impl ApiSnap {
    /// Whether Antom calls the merchant.
    pub fn is_webhook(&self) -> bool {
        self.direction == Direction::AntomToMerchant
    }
}

/// A request, response, notification or acknowledgement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MessageSnap {
    /// Explicit type name, if any.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Fields in file order.
    pub fields: Vec<FieldSnap>,
}

/// One field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSnap {
    /// Wire name.
    pub name: String,
    /// Spec type (`string`, an object or enum name, ...).
    pub ty: String,
    /// Element type of an array.
    pub items: Option<String>,
    /// Whether the field must be present.
    pub required: Required,
    /// Maximum length.
    pub max_length: Option<u64>,
    /// Allowed values of a plain string (empty: any).
    pub values: Vec<String>,
    /// Smallest integer.
    pub minimum: Option<i64>,
    /// Largest integer.
    pub maximum: Option<i64>,
    /// Redacted in `Debug`.
    pub sensitive: bool,
    /// What `Debug` shows of a sensitive value (`last_four`); absent: nothing.
    pub reveal: Option<Reveal>,
    /// A message Antom sends fails to decode without it.
    pub essential: bool,
    /// Description.
    pub description: Option<String>,
    /// Since when.
    pub since: Option<String>,
    /// Doc-variant note.
    pub note: Option<String>,
    /// Rust name override.
    pub rust_name: Option<String>,
}

impl Default for FieldSnap {
    /// An optional field with no name or type (for building snapshots by hand).
    fn default() -> Self {
        FieldSnap {
            name: String::new(),
            ty: String::new(),
            items: None,
            required: Required::No,
            max_length: None,
            values: Vec::new(),
            minimum: None,
            maximum: None,
            sensitive: false,
            reveal: None,
            essential: false,
            description: None,
            since: None,
            note: None,
            rust_name: None,
        }
    }
}

impl FieldSnap {
    /// `string`, `array of string`, ...
    pub fn type_text(&self) -> String {
        match &self.items {
            Some(items) => format!("array of {items}"),
            None => self.ty.clone(),
        }
    }
}

/// One shared object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectSnap {
    /// Rust name override.
    pub rust_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Fields in file order.
    pub fields: Vec<FieldSnap>,
}

/// One enumeration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnumSnap {
    /// Rust name override.
    pub rust_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Values in file order.
    pub values: Vec<EnumValueSnap>,
}

/// One enum value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnumValueSnap {
    /// Wire value.
    pub value: String,
    /// Rust variant override.
    pub rust_name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// One result code.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeSnap {
    /// Wire code.
    pub code: String,
    /// Declared status.
    pub status: Status,
    /// Declared action.
    pub action: Action,
    /// Description.
    pub description: Option<String>,
}
