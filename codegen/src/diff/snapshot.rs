//! What the diff compares: a plain, name-keyed view of a loaded spec (spec names, spec spellings).

use std::collections::BTreeMap;

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
}

/// One API.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApiSnap {
    /// `merchant_to_antom` or `antom_to_merchant`.
    pub direction: String,
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
    /// `same_id`, `new_id` or `never` (absent: `never`).
    pub transport_retry: Option<String>,
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

impl ApiSnap {
    /// Whether Antom calls the merchant.
    pub fn is_webhook(&self) -> bool {
        self.direction == "antom_to_merchant"
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldSnap {
    /// Wire name.
    pub name: String,
    /// Spec type (`string`, an object or enum name, ...).
    pub ty: String,
    /// Element type of an array.
    pub items: Option<String>,
    /// `true`, `false` or `on_success`.
    pub required: String,
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
    pub reveal: Option<String>,
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeSnap {
    /// Wire code.
    pub code: String,
    /// `S`, `F` or `U`.
    pub status: String,
    /// Spec action spelling.
    pub action: String,
    /// Description.
    pub description: Option<String>,
}
