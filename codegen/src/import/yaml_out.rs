//! Writes an [`ImportedApi`] as one spec YAML document (the format of `spec/README.md`): the API,
//! and under `objects:` the objects whose children the page spells out. Deterministic: the same
//! page always gives the same bytes.
//!
//! Page text never reaches the output unquoted: every scalar goes through [`scalar`], which keeps
//! a word plain only when YAML reads it back as the same string and double-quotes (with escapes)
//! everything else, and comments go through [`comment_text`].

use std::fmt::Write as _;

use super::model::{Direction, ImportedApi, ImportedCode, ImportedField};
use crate::model::placeholder;

/// Renders the API and, when the page shows nested children, its `objects:`, as one document
/// that `diff` and `sync` read as it is.
pub fn render(api: &ImportedApi, source: &str) -> String {
    let mut out = String::new();
    header(&mut out, source, api);
    let _ = writeln!(out, "api: {}", scalar(&api.name));
    let _ = writeln!(out, "direction: {}", api.direction);
    if let Some(path) = &api.path {
        let _ = writeln!(out, "path: {}", scalar(path));
    }
    let _ = writeln!(out, "summary: {}", todo("summarize", &api.name));
    out.push_str("idempotency:\n");
    match &api.idempotency_key {
        Some(key) => {
            let _ = writeln!(out, "  key: {}", scalar(key));
        }
        None => out.push_str("  key: TODO   # the page names no idempotency field; decide\n"),
    }
    match api.transport_retry {
        Some(rule) => {
            let _ = writeln!(out, "  transport_retry: {rule}");
        }
        None if api.direction == Direction::MerchantToAntom => {
            out.push_str(
                "  transport_retry: TODO   # the page does not say how to retry U; decide\n",
            );
        }
        None => {}
    }
    message(&mut out, "request", &api.request);
    message(&mut out, "response", &api.response);
    if !api.result_codes.is_empty() {
        out.push_str("result_codes:\n");
        for code in &api.result_codes {
            code_entry(&mut out, code, "  ");
        }
    }
    objects(&mut out, api);
    out
}

fn header(out: &mut String, source: &str, api: &ImportedApi) {
    let _ = writeln!(
        out,
        "# Imported from {} ({}) by `antom-vault-codegen import`.",
        comment_text(source),
        api.format
    );
    out.push_str("# Names, types, lengths, values and codes come from the page. Every description is a TODO\n");
    out.push_str("# marker: write it in our own words before this file joins spec/.\n");
}

fn message(out: &mut String, key: &str, fields: &[ImportedField]) {
    if fields.is_empty() {
        return;
    }
    let _ = writeln!(out, "{key}:");
    out.push_str("  fields:\n");
    for field in fields {
        field_entry(out, field, "    ");
    }
}

/// One result-code entry (`- code: ...`) at `indent`, its description a TODO marker.
pub fn code_entry(out: &mut String, code: &ImportedCode, indent: &str) {
    let _ = writeln!(out, "{indent}- code: {}", scalar(&code.code));
    let _ = writeln!(out, "{indent}  status: {}", code.status);
    match code.action {
        Some(action) => {
            let _ = writeln!(out, "{indent}  action: {action}");
        }
        None => {
            let _ = writeln!(
                out,
                "{indent}  action: TODO   # the page's further-action text did not map; decide"
            );
        }
    }
    let _ = writeln!(
        out,
        "{indent}  description: {}",
        todo("describe", &code.code)
    );
}

/// One field entry (`- name: ...`) at `indent`, its description a TODO marker. Children are not
/// written here: they belong to the object the field's type names.
pub fn field_entry(out: &mut String, field: &ImportedField, indent: &str) {
    let _ = writeln!(out, "{indent}- name: {}", scalar(&field.name));
    let _ = writeln!(out, "{indent}  type: {}", scalar(&field.ty));
    if let Some(items) = &field.items {
        let _ = writeln!(out, "{indent}  items: {}", scalar(items));
    }
    let _ = writeln!(out, "{indent}  required: {}", field.required);
    if let Some(length) = field.max_length {
        let _ = writeln!(out, "{indent}  max_length: {length}");
    }
    if let Some(minimum) = field.minimum {
        let _ = writeln!(out, "{indent}  minimum: {minimum}");
    }
    if let Some(maximum) = field.maximum {
        let _ = writeln!(out, "{indent}  maximum: {maximum}");
    }
    if !field.values.is_empty() {
        let _ = writeln!(out, "{indent}  values: {}", flow_list(&field.values));
    }
    let _ = writeln!(
        out,
        "{indent}  description: {}",
        todo("describe", &field.name)
    );
}

/// `[A, "b c"]`: a flow list of scalars.
pub fn flow_list(values: &[String]) -> String {
    let values: Vec<String> = values.iter().map(|v| scalar(v)).collect();
    format!("[{}]", values.join(", "))
}

/// The object a field with children defines: its type, or its item type for arrays.
pub fn object_name(field: &ImportedField) -> &str {
    field.items.as_ref().unwrap_or(&field.ty)
}

/// Every object-typed field with children, flattened, first occurrence wins.
pub fn collect_objects<'a>(fields: &'a [ImportedField], into: &mut Vec<&'a ImportedField>) {
    for field in fields {
        if field.children.is_empty() {
            continue;
        }
        if !into.iter().any(|f| object_name(f) == object_name(field)) {
            into.push(field);
        }
        collect_objects(&field.children, into);
    }
}

fn objects(out: &mut String, api: &ImportedApi) {
    let mut objects = Vec::new();
    collect_objects(&api.request, &mut objects);
    collect_objects(&api.response, &mut objects);
    if objects.is_empty() {
        return;
    }
    out.push_str(
        "# Objects whose children the page spells out. In spec/ they live in objects.yaml;\n",
    );
    out.push_str("# `diff` and `sync` compare them with the shared definitions.\n");
    out.push_str("objects:\n");
    for object in objects {
        let name = object_name(object);
        let _ = writeln!(out, "  - name: {}", scalar(name));
        if shadows_prelude(name) {
            let _ = writeln!(out, "    rust_name: {}", scalar(&format!("Antom{name}")));
        }
        let _ = writeln!(out, "    description: {}", todo("describe", name));
        out.push_str("    fields:\n");
        for child in &object.children {
            field_entry(out, child, "      ");
        }
    }
}

/// Names that would shadow a prelude or runtime type in generated Rust; such objects get an
/// `Antom` prefix as their Rust name, as `spec/objects.yaml` does for `Result`.
fn shadows_prelude(name: &str) -> bool {
    matches!(
        name,
        "Result" | "Option" | "String" | "Vec" | "Box" | "Error"
    )
}

/// The TODO marker for a text a person must write (see [`crate::model::placeholder`]).
pub fn todo(verb: &str, name: &str) -> String {
    scalar(&placeholder(&format!("{verb} {name}")))
}

/// Text for a `#` comment: one line, with line breaks and other control characters replaced.
pub fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if needs_escape(c) { '?' } else { c })
        .collect()
}

/// Whether a character cannot appear as itself inside a double-quoted YAML scalar: everything
/// outside YAML's printable set, the line breaks, and the byte-order mark.
fn needs_escape(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
        | '\u{fffe}' | '\u{ffff}')
}

/// A YAML scalar that reads back as exactly `text`: plain when unambiguous, double-quoted with
/// escapes otherwise.
pub fn scalar(text: &str) -> String {
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '/')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./".contains(c))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        return text.to_owned();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(quoted, "\\u{:04x}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::{comment_text, scalar};

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(scalar("CARD"), "CARD");
        assert_eq!(scalar("/ams/api/v1/x"), "/ams/api/v1/x");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("N"), "\"N\"");
        assert_eq!(scalar("a \"b\""), "\"a \\\"b\\\"\"");
        assert_eq!(scalar("12"), "\"12\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("a\u{2028}b"), "\"a\\u2028b\"");
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment_text("a\nb\rc"), "a?b?c");
    }
}
