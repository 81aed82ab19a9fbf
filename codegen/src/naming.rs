//! Rust names for spec names, in one place: case conversion, keywords, reserved and prelude names,
//! and the collision key used to reject names that differ only in case or underscores.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved Rust keywords (2024 edition), which need a raw identifier.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; these get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type and trait names of the Rust prelude (and of the generated code's own vocabulary) that a
/// generated type must not shadow.
pub const PRELUDE_TYPES: &[&str] = &[
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "Default",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Debug",
    "Display",
    "Hash",
    "Validate",
    "Violation",
    "ValidationErrors",
    "MerchantApi",
    "Notification",
    "ResultCode",
    "ResultAction",
    "RetryRule",
    "Client",
];

/// The variant every generated enum adds for values it does not know.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether `s` is a plain identifier: ASCII letters, digits and `_`, not starting with a digit.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && s != "_"
}

/// The key two names collide on: lower case, underscores removed (`CardBrand` = `card_brand`).
pub fn collision_key(name: &str) -> String {
    name.trim_start_matches("r#")
        .chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// `vaultingRequestId` → `vaulting_request_id`.
pub fn snake(name: &str) -> String {
    name.to_snake_case()
}

/// `createVaultingSession` / `MINI_APP` → `CreateVaultingSession` / `MiniApp`.
pub fn pascal(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Makes an identifier usable in Rust source: keywords become raw identifiers (`r#type`), or get a
/// trailing underscore where Rust forbids raw identifiers (`self_`).
pub fn escape(ident: &str) -> String {
    if NOT_RAW.contains(&ident) {
        format!("{ident}_")
    } else if is_keyword(ident) {
        format!("r#{ident}")
    } else {
        ident.to_owned()
    }
}

/// The Rust field (and setter) name of a wire name: snake case, keywords escaped.
pub fn field_name(wire: &str) -> String {
    escape(&snake(wire))
}

/// Why `name` cannot be used as a generated type name, if it cannot.
pub fn type_name_problem(name: &str) -> Option<String> {
    if !is_identifier(name) {
        return Some(format!(
            "`{name}` is not a valid Rust type name; give it a `rust_name`"
        ));
    }
    if PRELUDE_TYPES.contains(&name) {
        return Some(format!(
            "`{name}` would shadow `{name}` from the Rust prelude or the crate's runtime; give it a `rust_name` such as `Antom{name}`"
        ));
    }
    if is_keyword(name) {
        return Some(format!("`{name}` is a Rust keyword; give it a `rust_name`"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("ref"), "r#ref");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("vaultingRequestId"), "vaulting_request_id");
    }

    #[test]
    fn collisions_ignore_case_and_underscores() {
        assert_eq!(collision_key("CardBrand"), collision_key("Card_brand"));
        assert_ne!(collision_key("CardBrand"), collision_key("CardBrands"));
    }

    #[test]
    fn prelude_names_are_refused() {
        assert!(type_name_problem("Result").unwrap().contains("rust_name"));
        assert!(type_name_problem("AntomResult").is_none());
        assert!(type_name_problem("9Lives").is_some());
    }
}
