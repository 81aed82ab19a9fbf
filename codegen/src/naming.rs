//! Rust names for spec names, in one place: case conversion, keywords, reserved and prelude names,
//! and the collision key used to reject names that differ only in case or underscores.

use heck::ToUpperCamelCase;

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
    "ClientBuilder",
    "CallResult",
    "Environment",
    "Region",
    "Error",
    "SigningKey",
    "VerifyingKey",
    "SignatureHeader",
];

/// The generated module of the shared objects, value enums and gateway-wide result codes.
pub const OBJECTS_MODULE: &str = "objects";

/// The generated module of the builders and their typestate markers.
pub const BUILDER_MODULE: &str = "builder";

/// The generated module of the runtime schema tables.
pub const CATALOG_MODULE: &str = "catalog";

/// The generated module of the service facts (hosts, base paths, client-id rules).
pub const SERVICE_MODULE: &str = "service";

/// The modules the generated code has beside one per API: an API whose module would take one of
/// these names is refused by the lint.
pub const GENERATED_MODULES: &[&str] = &[
    OBJECTS_MODULE,
    BUILDER_MODULE,
    CATALOG_MODULE,
    SERVICE_MODULE,
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

/// `vaultingRequestId` → `vaulting_request_id`, `is3DSAuthentication` → `is_3ds_authentication`.
///
/// Like heck's snake case, except that a digit run starting an upper-case acronym stays with it
/// (`3DS`), instead of heck's `is3_ds_authentication`.
pub fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            None => false,
            Some(p) => {
                (c.is_ascii_uppercase() && (p.is_ascii_lowercase()))
                    || (c.is_ascii_uppercase()
                        && p.is_ascii_uppercase()
                        && next.is_some_and(|n| n.is_ascii_lowercase()))
                    || (c.is_ascii_digit()
                        && p.is_ascii_alphabetic()
                        && digits_start_acronym(&chars[i..]))
            }
        };
        if c == '_' || c == '-' || c == ' ' {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if boundary && !out.ends_with('_') {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out.trim_end_matches('_').to_owned()
}

/// Whether the digit run at the start of `rest` is followed by an upper-case letter (`3DS`).
fn digits_start_acronym(rest: &[char]) -> bool {
    rest.iter()
        .find(|c| !c.is_ascii_digit())
        .is_some_and(char::is_ascii_uppercase)
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
    fn snake_case_keeps_acronyms_with_digits() {
        assert_eq!(snake("is3DSAuthentication"), "is_3ds_authentication");
        assert_eq!(snake("request3DS"), "request_3ds");
        assert_eq!(snake("customizedField1"), "customized_field1");
        assert_eq!(snake("address1"), "address1");
        assert_eq!(snake("applinkUrl"), "applink_url");
        assert_eq!(snake("vaultingRequestId"), "vaulting_request_id");
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(snake("CardBrand"), "card_brand");
        assert_eq!(snake("MINI_APP"), "mini_app");
        assert_eq!(snake("type"), "type");
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
