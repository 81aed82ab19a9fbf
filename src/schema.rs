//! The spec's facts about every generated type and API, as static tables the runtime and the
//! emulator read instead of restating them: per field its wire name, kind, presence, maximum
//! length and sensitivity ([`TypeSchema`], through [`HasSchema`]); per API its path, messages and
//! idempotency field ([`ApiSchema`], through `MerchantApi::SCHEMA` and `Notification::SCHEMA`).
//! The generated module `catalog` lists them all.

/// What a field holds on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldKind {
    /// Text: `string`, `url` or `datetime`.
    Text,
    /// A boolean (`"true"`/`"false"` on the wire).
    Boolean,
    /// An integer (a decimal string on the wire).
    Integer,
    /// A value of the named generated enum (a string on the wire).
    Enum(&'static str),
    /// An object of the given type.
    Object(&'static TypeSchema),
    /// A list of items of the given kind.
    Array(&'static FieldKind),
}

impl FieldKind {
    /// Whether the wire value is a JSON string: text and enum values.
    pub const fn is_string(&self) -> bool {
        matches!(self, FieldKind::Text | FieldKind::Enum(_))
    }
}

/// One field of a generated type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSchema {
    /// The exact wire name (`vaultingRequestId`).
    pub wire_name: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether the spec says `required: true` (`on_success` fields are not).
    pub required: bool,
    /// Maximum length in Unicode scalar values (text only).
    pub max_length: Option<usize>,
    /// Card or personal data: never logged, redacted in `Debug`.
    pub sensitive: bool,
}

/// A generated struct: its name and fields, in spec order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeSchema {
    /// The Rust type name (`CardDetail`).
    pub rust_name: &'static str,
    /// The fields, in spec order.
    pub fields: &'static [FieldSchema],
}

impl TypeSchema {
    /// The field called `wire_name`, if the type has one.
    pub fn field(&self, wire_name: &str) -> Option<&'static FieldSchema> {
        self.fields.iter().find(|f| f.wire_name == wire_name)
    }
}

/// A generated type that knows its schema.
pub trait HasSchema {
    /// The type's fields as the spec declares them.
    const SCHEMA: &'static TypeSchema;
}

/// One API of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiSchema {
    /// Antom's name (`createVaultingSession`).
    pub name: &'static str,
    /// The production path (merchant → Antom APIs only).
    pub path: Option<&'static str>,
    /// The path in the sandbox: [`ApiSchema::path`] with the sandbox rule of spec/service.yaml
    /// ([`service::sandbox_path`](crate::service::sandbox_path)) applied when the bindings were
    /// generated, so that a sandbox client does not rewrite it on every call.
    pub sandbox_path: Option<&'static str>,
    /// The request (or notification).
    pub request: &'static TypeSchema,
    /// The response (or acknowledgement).
    pub response: &'static TypeSchema,
    /// The request field that identifies an attempt.
    pub idempotency_key: &'static FieldSchema,
    /// The idempotency field's maximum length (the spec requires one): the most of it the runtime
    /// ever logs.
    pub idempotency_key_max_length: usize,
}

/// Receives every generated struct, as a type, from the generated `catalog::visit_types`.
pub trait TypeVisitor {
    /// Called once per generated struct, in spec order.
    fn visit<T>(&mut self)
    where
        T: HasSchema
            + serde::Serialize
            + serde::de::DeserializeOwned
            + crate::validate::Validate
            + std::fmt::Debug
            + 'static;
}

/// At most the first `n` characters of `text` (for logging a bounded part of an id).
#[cfg(feature = "runtime")]
pub(crate) fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(end, _)| &text[..end])
}
