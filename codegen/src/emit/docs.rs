//! Rustdoc and schema descriptions built from the spec's words.

use crate::ir::{Field, FieldType};
use crate::model::{Action, Required, Status};

/// Splits free text into paragraphs (blank-line separated), each joined into one line.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// A description as one line (paragraphs joined), for schemas.
pub fn one_line(text: &str) -> String {
    paragraphs(text).join(" ")
}

/// The spec name of a field type, for docs; `link` writes the intra-doc link to a generated type.
pub fn type_words(ty: &FieldType, link: &dyn Fn(&str) -> String) -> String {
    match ty {
        FieldType::String => "string".into(),
        FieldType::Url => "URL string".into(),
        FieldType::Datetime => "ISO 8601 date-time string".into(),
        FieldType::Boolean => "boolean, sent as `\"true\"`/`\"false\"`".into(),
        FieldType::Integer => "integer, sent as a string".into(),
        FieldType::Enum(e) => format!("enum {}", link(e)),
        FieldType::Object(o) => format!("object {}", link(o)),
        FieldType::Array(inner) => format!("array of {}", type_words(inner, link)),
    }
}

/// Rustdoc lines of a field: meaning, then a fact list; `link` writes the intra-doc link to a
/// generated type.
pub fn field_lines(f: &Field, link: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut lines = match &f.description {
        Some(d) if !d.is_empty() => paragraphs_with_gaps(d),
        _ => vec![format!("The `{}` field.", f.wire_name)],
    };
    lines.push(String::new());
    lines.push(format!("- Wire name: `{}`", f.wire_name));
    lines.push(format!("- Type: {}", type_words(&f.ty, link)));
    lines.push(
        match f.required {
            Required::Yes => "- Required: yes",
            Required::No => "- Required: no",
            Required::OnSuccess => {
                "- Required: on success (present when `result.resultStatus` is `S`)"
            }
        }
        .to_owned(),
    );
    if let Some(m) = f.max_length {
        lines.push(format!(
            "- Maximum length: {m} characters (Unicode scalar values)"
        ));
    }
    if !f.values.is_empty() {
        let vs: Vec<String> = f.values.iter().map(|v| format!("`{v}`")).collect();
        lines.push(format!("- Allowed values: {}", vs.join(", ")));
    }
    match (f.minimum, f.maximum) {
        (Some(a), Some(b)) => lines.push(format!("- Range: {a} to {b}")),
        (Some(a), None) => lines.push(format!("- Minimum: {a}")),
        (None, Some(b)) => lines.push(format!("- Maximum: {b}")),
        (None, None) => {}
    }
    if f.sensitive {
        lines.push(if f.reveal_last_four {
            "- Sensitive: `Debug` shows at most the last four characters".to_owned()
        } else {
            "- Sensitive: redacted in `Debug` and never echoed in validation errors".to_owned()
        });
    }
    if f.essential {
        lines.push(
            "- Essential: a message Antom sends without it (or with it malformed) fails to decode"
                .to_owned(),
        );
    } else if f.lenient {
        lines.push(
            "- Lenient: decodes as `None` when Antom omits it or sends the wrong JSON type"
                .to_owned(),
        );
    }
    if let Some(s) = &f.since {
        lines.push(format!("- Since: {}", one_line(s)));
    }
    if let Some(n) = &f.note {
        lines.push(format!("- Note: {}", one_line(n)));
    }
    lines
}

/// Paragraphs separated by empty lines.
pub fn paragraphs_with_gaps(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in paragraphs(text).into_iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.push(p);
    }
    out
}

/// `S` / `F` / `U` with the status in words (`S (success)`).
pub fn status_words(s: Status) -> String {
    format!("{} ({})", s.as_spec(), s.wording())
}

/// An action in words.
pub fn action_words(a: Action) -> &'static str {
    a.wording()
}
