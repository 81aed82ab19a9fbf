//! Questions about a field's kind, answered once: which type words are primitives, which are
//! text (a Rust `String` and a JSON string), which take a length or a list of values. The
//! importer, the resolver, the lint, the diff and sync all ask here.

use super::{ApiSpec, Direction, FieldSpec, Known, Spanned};

/// The primitive type words of spec/README.md; anything else names an object or enum.
pub const PRIMITIVES: &[&str] = &["string", "url", "datetime", "boolean", "integer", "array"];

/// Whether `ty` is a primitive type word.
pub fn is_primitive(ty: &str) -> bool {
    PRIMITIVES.contains(&ty)
}

/// Whether `ty` is text: `string`, `url` and `datetime` are all a Rust `String` and a JSON
/// string, and differ only in what the documentation promises.
pub fn is_text(ty: &str) -> bool {
    matches!(ty, "string" | "url" | "datetime")
}

/// Whether `max_length` and `values` apply to `ty` (`string` and `url`).
pub fn takes_length(ty: &str) -> bool {
    matches!(ty, "string" | "url")
}

/// Whether `ty` is a text type more specific than the `String` a page writes (`url`,
/// `datetime`): a page's `string` matches it.
pub fn refines_page_string(ty: &str) -> bool {
    is_text(ty) && ty != "string"
}

impl FieldSpec {
    /// The type of one value: the item type of an array, else the type.
    pub fn scalar_type(&self) -> &str {
        self.items.as_ref().map_or(&self.ty.value, |i| &i.value)
    }

    /// `string`, `array of string`, ...
    pub fn type_text(&self) -> String {
        match &self.items {
            Some(items) => format!("array of {}", items.value),
            None => self.ty.value.clone(),
        }
    }

    /// Whether the field holds a list.
    pub fn is_array(&self) -> bool {
        self.items.is_some() || self.ty.value == "array"
    }

    /// `max_length`, if any.
    pub fn max_len(&self) -> Option<u64> {
        self.max_length.as_ref().map(|m| m.value)
    }

    /// The allowed values (empty: any).
    pub fn value_list(&self) -> Vec<&str> {
        self.values
            .as_ref()
            .map(|v| v.value.iter().map(|s| s.value.as_str()).collect())
            .unwrap_or_default()
    }

    /// `minimum`, if any.
    pub fn min(&self) -> Option<i64> {
        self.minimum.as_ref().map(|m| m.value)
    }

    /// `maximum`, if any.
    pub fn max(&self) -> Option<i64> {
        self.maximum.as_ref().map(|m| m.value)
    }

    /// `essential` (absent: false).
    pub fn is_essential(&self) -> bool {
        self.essential.as_ref().is_some_and(|e| e.value)
    }
}

impl ApiSpec {
    /// Whether Antom calls the merchant.
    pub fn is_webhook(&self) -> bool {
        self.direction.value == Direction::AntomToMerchant
    }

    /// Whether the gateway-wide codes apply (absent: only to merchant-to-Antom APIs).
    pub fn uses_gateway_codes(&self) -> bool {
        self.gateway_codes
            .as_ref()
            .map_or(!self.is_webhook(), |g| g.value)
    }

    /// The suffix of the default type name of the request (`Request`, `Notification`) or the
    /// response (`Response`, `Acknowledgement`).
    pub fn message_suffix(&self, request: bool) -> &'static str {
        match (self.is_webhook(), request) {
            (false, true) => "Request",
            (false, false) => "Response",
            (true, true) => "Notification",
            (true, false) => "Acknowledgement",
        }
    }

    /// The idempotency key, if stated.
    pub fn idempotency_key(&self) -> &Known<String> {
        &self.idempotency.key.value
    }

    /// The transport retry rule, if written.
    pub fn transport_retry(&self) -> Option<&Known<super::TransportRetry>> {
        self.idempotency.transport_retry.as_ref().map(|t| &t.value)
    }
}

/// The value of an optional located fact.
pub fn value_of<T: Clone>(fact: &Option<Spanned<T>>) -> Option<T> {
    fact.as_ref().map(|f| f.value.clone())
}
