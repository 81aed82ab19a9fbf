//! Reading a request body the way Antom does, with the library's generated request type.
//!
//! - The body must be a JSON object that decodes into the request type and passes its
//!   spec-generated `validate()` (required fields, lengths, allowed values).
//! - Antom's lenience is exactly the wire rule's other form: a native JSON boolean or number is
//!   accepted where the spec says boolean or integer. It is refused where the spec says string,
//!   and `null` is refused for every field, although the generated decoder (lenient for responses)
//!   accepts both.
//! - Every refusal names the field path and the rule, never the value: serde's messages (which
//!   may quote what was sent) are reduced to a path and a kind, and validation violations are
//!   rendered without their values.
//!
//! Which fields are strings, objects or unknown is read from the request type's generated schema
//! (`HasSchema`, the spec's facts as a static table): a path is followed field by field and item
//! by item; a path the schema does not have is an unknown field, ignored as Antom ignores it.
//! Requests without native values (every request of the library's client) skip this entirely.

use antom_vault::schema::{FieldKind, TypeSchema};
use antom_vault::validate::{Validate, ValidationErrors, Violation, ViolationKind};
use antom_vault::wire::WireScalar;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why a request is PARAM_ILLEGAL: rule breaks, each with its path, never a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Illegal(pub Vec<String>);

impl Illegal {
    fn one(text: impl Into<String>) -> Self {
        Illegal(vec![text.into()])
    }

    /// The `resultMessage` (the caller shortens it to the spec's limit).
    pub fn message(&self) -> String {
        format!("Illegal parameter: {}.", self.0.join("; "))
    }
}

/// Decodes and checks a request body of type `R`, whose generated schema is `schema`.
pub(crate) fn decode<R: DeserializeOwned + Validate>(
    schema: &'static TypeSchema,
    body: &[u8],
) -> Result<R, Illegal> {
    let raw: Value = serde_json::from_slice(body).map_err(|e| {
        Illegal::one(format!(
            "the body is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    if !raw.is_object() {
        return Err(Illegal::one("the body must be a JSON object"));
    }
    let request: R = typed(&raw)?;
    strict(&raw, schema)?;
    request.validate().map_err(|errors| violations(&errors))?;
    Ok(request)
}

fn typed<R: DeserializeOwned>(raw: &Value) -> Result<R, Illegal> {
    serde_path_to_error::deserialize(raw).map_err(|e| {
        let path = render(e.path());
        let sent = at(raw, e.path()).map(json_kind);
        Illegal::one(serde_rule(&path, &e.into_inner().to_string(), sent))
    })
}

/// `a.b[2].c` from a serde path (`(body)` for the root).
fn render(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => out.push_str(if out.is_empty() { "?" } else { ".?" }),
        }
    }
    if out.is_empty() {
        "(body)".to_owned()
    } else {
        out
    }
}

fn at<'v>(raw: &'v Value, path: &serde_path_to_error::Path) -> Option<&'v Value> {
    use serde_path_to_error::Segment;
    path.iter().try_fold(raw, |v, segment| match segment {
        Segment::Seq { index } => v.get(index),
        Segment::Map { key } => v.get(key.as_str()),
        _ => None,
    })
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A serde decoding error as `path: rule`. Only serde's fixed wording and names from the
/// generated code are read from the message; whatever it quotes of the value is dropped.
fn serde_rule(path: &str, message: &str, sent: Option<&str>) -> String {
    let between_backticks = |m: &str| {
        let rest = m.split_once('`')?.1;
        Some(rest.split_once('`')?.0.to_owned())
    };
    let field_name = |m: &str| between_backticks(m).filter(|n| is_field_name(n));
    if message.starts_with("missing field")
        && let Some(name) = field_name(message)
    {
        return format!("{}: required", join(path, &name));
    }
    if message.starts_with("duplicate field")
        && let Some(name) = field_name(message)
    {
        return format!("{}: given more than once", join(path, &name));
    }
    if message.starts_with("invalid length") {
        return format!("{path}: wrong number of items");
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let expected = message
            .rsplit_once(", expected ")
            .map_or("a valid value", |(_, e)| expected_kind(e));
        return match sent {
            Some(sent) => format!("{path}: expected {expected}, not {sent}"),
            None => format!("{path}: expected {expected}"),
        };
    }
    format!("{path}: not a valid value")
}

fn join(path: &str, name: &str) -> String {
    if path == "(body)" {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// A wire name as the generated code spells them (letters and digits, starting with a letter).
fn is_field_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// What a decoder expected, in a fixed vocabulary (the library's own expectations compared).
fn expected_kind(expected: &str) -> &'static str {
    let e = expected.trim_end_matches('.');
    if e.starts_with("struct ") || e.contains("map") {
        "an object"
    } else if e.contains("sequence") {
        "an array"
    } else if e.ends_with(<bool as WireScalar>::EXPECTED) {
        "a boolean"
    } else if e.ends_with(<i64 as WireScalar>::EXPECTED) {
        "an integer"
    } else if e.ends_with(<String as WireScalar>::EXPECTED) {
        "a string"
    } else {
        "a valid value"
    }
}

/// What the request type's schema declares at one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A field the type does not have (ignored, as Antom ignores it).
    Unknown,
    /// A string field (text or enum), or an item of a list of them.
    Text,
    /// An object field.
    Object,
    /// A boolean, integer or list field.
    Other,
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A value the generated decoder reads more leniently than Antom does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lenient {
    Null,
    Native,
    Array,
}

/// Collects the paths of `null`s, booleans, numbers and arrays.
fn natives(v: &Value, steps: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, Lenient)>) {
    match v {
        Value::Null => out.push((steps.clone(), Lenient::Null)),
        Value::Bool(_) | Value::Number(_) => out.push((steps.clone(), Lenient::Native)),
        Value::String(_) => {}
        Value::Array(items) => {
            out.push((steps.clone(), Lenient::Array));
            for (i, item) in items.iter().enumerate() {
                steps.push(Step::Index(i));
                natives(item, steps, out);
                steps.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                steps.push(Step::Key(k.clone()));
                natives(item, steps, out);
                steps.pop();
            }
        }
    }
}

/// What `schema` declares at `steps`: each key is a field of the object reached so far, each index
/// an item of the list reached so far. A step the schema does not have leads to an unknown field.
fn slot_at(schema: &'static TypeSchema, steps: &[Step]) -> Slot {
    let mut kind = FieldKind::Object(schema);
    for step in steps {
        kind = match (step, kind) {
            (Step::Key(key), FieldKind::Object(object)) => match object.field(key) {
                Some(field) => field.kind,
                None => return Slot::Unknown,
            },
            (Step::Index(_), FieldKind::Array(items)) => *items,
            // Inside a value of another shape (an array sent for an object, reported at the
            // array itself): nothing the schema declares.
            _ => return Slot::Unknown,
        };
    }
    match kind {
        FieldKind::Object(_) => Slot::Object,
        k if k.is_string() => Slot::Text,
        _ => Slot::Other,
    }
}

/// Refuses `null` for a field, a native boolean or number where the spec says string, and an
/// array where an object goes (the generated decoder would read it field by field).
fn strict(raw: &Value, schema: &'static TypeSchema) -> Result<(), Illegal> {
    let mut found = Vec::new();
    natives(raw, &mut Vec::new(), &mut found);
    if found.is_empty() {
        return Ok(());
    }
    let mut broken = Vec::new();
    for (steps, lenient) in found {
        let slot = slot_at(schema, &steps);
        let rule = match (lenient, slot) {
            (Lenient::Array, Slot::Object) => "expected an object, not an array",
            (Lenient::Null, Slot::Text | Slot::Object | Slot::Other) => "must not be null",
            (Lenient::Native, Slot::Text) => {
                "expected a string, not a native JSON boolean or number"
            }
            _ => continue,
        };
        broken.push(format!("{}: {rule}", path_text(&steps)));
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(Illegal(broken))
    }
}

/// Validation violations as `path: rule`, without values.
fn violations(errors: &ValidationErrors) -> Illegal {
    Illegal(errors.violations().iter().map(violation).collect())
}

fn violation(v: &Violation) -> String {
    let path = if v.path.is_empty() { "(body)" } else { &v.path };
    match &v.kind {
        ViolationKind::TooLong { max, .. } => format!("{path}: longer than {max} characters"),
        ViolationKind::NotAllowed { allowed, .. } => {
            format!("{path}: not one of {}", allowed.join(", "))
        }
        ViolationKind::OutOfRange {
            minimum, maximum, ..
        } => match (minimum, maximum) {
            (Some(a), Some(b)) => format!("{path}: outside {a}..={b}"),
            (Some(a), None) => format!("{path}: below {a}"),
            (None, Some(b)) => format!("{path}: above {b}"),
            (None, None) => format!("{path}: out of range"),
        },
        ViolationKind::UnknownEnumValue { enum_name, .. } => {
            format!("{path}: not a known {enum_name} value")
        }
        _ => format!("{path}: not allowed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use antom_vault::schema::HasSchema;
    use antom_vault::{CreateVaultingSessionRequest, VaultPaymentMethodRequest};

    const PAN: &str = "4111111111111111";

    fn vault(body: &str) -> Result<VaultPaymentMethodRequest, Illegal> {
        decode(VaultPaymentMethodRequest::SCHEMA, body.as_bytes())
    }

    fn vault_body(card: &str) -> String {
        format!(
            r#"{{"vaultingRequestId":"r1","vaultingNotificationUrl":"https://m.example/n","redirectUrl":"https://m.example/r","paymentMethodDetail":{{"paymentMethodType":"CARD","card":{card}}},"env":{{"terminalType":"WEB"}}}}"#
        )
    }

    fn good_card() -> String {
        format!(r#"{{"cardNo":"{PAN}","expiryMonth":"12","expiryYear":"49","cvv":"737"}}"#)
    }

    #[test]
    fn a_valid_request_decodes() {
        assert!(vault(&vault_body(&good_card())).is_ok());
    }

    #[test]
    fn a_card_sent_as_a_string_names_the_path_not_the_value() {
        let err = vault(&vault_body(&format!(r#""{PAN} 737 03/29""#))).unwrap_err();
        let text = err.message();
        assert!(text.contains("paymentMethodDetail.card"), "{text}");
        assert!(text.contains("expected an object, not a string"), "{text}");
        assert!(!text.contains("4111") && !text.contains("737"), "{text}");
    }

    #[test]
    fn native_booleans_pass_where_the_spec_says_boolean() {
        let card = format!(
            r#"{{"cardNo":"{PAN}","expiryMonth":"12","expiryYear":"49","is3DSAuthentication":true}}"#
        );
        assert!(vault(&vault_body(&card)).is_ok());
    }

    #[test]
    fn native_values_and_nulls_are_refused_for_strings() {
        let err = decode::<CreateVaultingSessionRequest>(
            CreateVaultingSessionRequest::SCHEMA,
            br#"{"paymentMethodType":"CARD","vaultingRequestId":false,"vaultingNotificationUrl":"https://m.example/n","redirectUrl":null}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.0,
            vec![
                "redirectUrl: must not be null".to_owned(),
                "vaultingRequestId: expected a string, not a native JSON boolean or number"
                    .to_owned(),
            ]
        );
        let card = format!(r#"{{"cardNo":{PAN},"expiryMonth":12,"expiryYear":"49"}}"#);
        let err = vault(&vault_body(&card)).unwrap_err();
        assert!(err.message().contains("paymentMethodDetail.card.cardNo"));
        assert!(!err.message().contains("4111"));
    }

    #[test]
    fn the_schema_walk_finds_strings_objects_and_unknown_fields() {
        let schema = <VaultPaymentMethodRequest as HasSchema>::SCHEMA;
        let steps = |path: &[&str]| -> Vec<Step> {
            path.iter().map(|k| Step::Key((*k).to_owned())).collect()
        };
        let card = steps(&["paymentMethodDetail", "card"]);
        assert_eq!(slot_at(schema, &card), Slot::Object);
        let card_no = steps(&["paymentMethodDetail", "card", "cardNo"]);
        assert_eq!(slot_at(schema, &card_no), Slot::Text);
        let secure = steps(&["paymentMethodDetail", "card", "is3DSAuthentication"]);
        assert_eq!(slot_at(schema, &secure), Slot::Other);
        let unknown = steps(&["paymentMethodDetail", "cardd", "cardNo"]);
        assert_eq!(slot_at(schema, &unknown), Slot::Unknown);
    }

    #[test]
    fn a_native_value_is_refused_where_an_enum_goes() {
        let err = decode::<CreateVaultingSessionRequest>(
            CreateVaultingSessionRequest::SCHEMA,
            br#"{"paymentMethodType":true,"vaultingRequestId":"r1","vaultingNotificationUrl":"https://m.example/n","redirectUrl":"https://m.example/r"}"#,
        )
        .unwrap_err();
        assert!(
            err.message().contains("paymentMethodType: expected a"),
            "{err:?}"
        );
    }

    #[test]
    fn an_array_is_refused_where_an_object_goes() {
        let card = format!(r#"["{PAN}",null,null,null,"737","49","12"]"#);
        let err = vault(&vault_body(&card)).unwrap_err();
        assert!(
            err.message()
                .contains("paymentMethodDetail.card: expected an object"),
            "{err:?}"
        );
        assert!(!err.message().contains("4111"));
    }

    #[test]
    fn unknown_fields_are_ignored_and_never_named() {
        let card = format!(
            r#"{{"cardNo":"{PAN}","expiryMonth":"12","expiryYear":"49","{PAN}":null,"x":{{"y":{PAN}}}}}"#
        );
        assert!(vault(&vault_body(&card)).is_ok());
    }

    #[test]
    fn missing_fields_and_bad_json_are_located() {
        let err = vault(&vault_body(r#"{"expiryMonth":"12","expiryYear":"49"}"#)).unwrap_err();
        assert_eq!(err.0, vec!["paymentMethodDetail.card.cardNo: required"]);
        let err = vault(&format!(r#"{{"cardNo":"{PAN}""#)).unwrap_err();
        assert!(err.message().contains("not valid JSON (line 1"), "{err:?}");
        assert!(!err.message().contains("4111"));
        let err = vault("[1]").unwrap_err();
        assert!(err.message().contains("must be a JSON object"));
    }
}
