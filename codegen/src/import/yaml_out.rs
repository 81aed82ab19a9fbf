//! The one writer of spec YAML: renders the generator's own model ([`crate::model`]) in the
//! format of `spec/README.md`. `import` writes a page's API and, under `objects:`, the objects
//! whose children the page lists; `sync` writes the entries it inserts with the same functions.
//! Deterministic: the same spec always gives the same bytes. A fact that is
//! [`Known::Unknown`] is written `TODO` with a comment saying what to decide.
//!
//! Page text never reaches the output unquoted: every scalar goes through [`scalar`], which keeps
//! a word plain only when YAML reads it back as the same string and double-quotes (with escapes)
//! everything else, and comments go through [`comment_text`].

use std::fmt::Write as _;

use super::model::{Imported, PageView};
use crate::model::{ApiSpec, FieldSpec, Known, ObjectSpec, ResultCodeSpec, Spanned, placeholder};

/// Renders an imported page as one document that `diff` and `sync` read as it is.
pub fn render(imported: &Imported, source: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported from {} ({}) by `antom-vault-codegen import`.",
        comment_text(source),
        imported.page().format
    );
    out.push_str("# Names, types, lengths, values and codes come from the page. Every description is a TODO\n");
    out.push_str("# marker: write it in our own words before this file joins spec/.\n");
    api_document(&mut out, imported.api(), &imported.spec().objects);
    out
}

/// One API file, with `objects` (if any) under `objects:`.
pub fn api_document(out: &mut String, api: &ApiSpec, objects: &[ObjectSpec]) {
    let _ = writeln!(out, "api: {}", scalar(&api.name.value));
    let _ = writeln!(out, "direction: {}", api.direction.value);
    if let Some(path) = &api.path {
        let _ = writeln!(out, "path: {}", scalar(&path.value));
    }
    if let Some(doc) = &api.doc {
        let _ = writeln!(out, "doc: {}", scalar(doc));
    }
    let _ = writeln!(out, "summary: {}", scalar(&api.summary));
    text_key(out, "", "description", api.description.as_deref());
    if let Some(page) = &api.page {
        page_entry(out, page);
    }
    out.push_str("idempotency:\n");
    let key = known(&api.idempotency.key, |k| scalar(k));
    let _ = writeln!(
        out,
        "  key: {key}{}",
        unknown_note(&api.idempotency.key, "the page names no idempotency field")
    );
    if let Some(rule) = &api.idempotency.transport_retry {
        let _ = writeln!(
            out,
            "  transport_retry: {}{}",
            known(rule, |r| r.to_string()),
            unknown_note(rule, "the page does not say how to retry U")
        );
    }
    for (key, message) in [("request", &api.request), ("response", &api.response)] {
        let _ = writeln!(out, "{key}:");
        if let Some(name) = &message.name {
            let _ = writeln!(out, "  name: {}", scalar(&name.value));
        }
        text_key(out, "  ", "description", message.description.as_deref());
        if message.fields.is_empty() {
            out.push_str("  fields: []\n");
        } else {
            out.push_str("  fields:\n");
        }
        for field in &message.fields {
            field_entry(out, field, "    ");
        }
    }
    if !api.result_codes.is_empty() {
        out.push_str("result_codes:\n");
        for code in &api.result_codes {
            code_entry(out, code, "  ");
        }
    }
    if let Some(gateway) = &api.gateway_codes {
        let _ = writeln!(out, "gateway_codes: {}", gateway.value);
    }
    if objects.is_empty() {
        return;
    }
    out.push_str(
        "# Objects whose children the page spells out. In spec/ they live in objects.yaml;\n",
    );
    out.push_str("# `diff` and `sync` compare them with the shared definitions.\n");
    out.push_str("objects:\n");
    for object in objects {
        object_entry(out, object, "  ");
    }
}

/// `page:`: what the page shows, so that `diff` tells a part it does not show from a removal.
fn page_entry(out: &mut String, page: &PageView) {
    out.push_str("page:\n");
    let _ = writeln!(out, "  form: {}", page.format.word());
    if let Some(date) = &page.date {
        let _ = writeln!(out, "  date: {}", scalar(date));
    }
    let shows: Vec<String> = page.complete.iter().map(|p| scalar(&p.word())).collect();
    let _ = writeln!(out, "  shows: [{}]", shows.join(", "));
    if !page.unfinished.is_empty() {
        let inside: Vec<String> = page.unfinished.iter().map(|p| scalar(p)).collect();
        let _ = writeln!(out, "  ends_inside: [{}]", inside.join(", "));
    }
    if page.ends_early {
        out.push_str("  ends_early: true\n");
    }
}

/// One object entry (`- name: ...`) at `indent`.
pub fn object_entry(out: &mut String, object: &ObjectSpec, indent: &str) {
    let _ = writeln!(out, "{indent}- name: {}", scalar(&object.name.value));
    if let Some(rust_name) = &object.rust_name {
        let _ = writeln!(out, "{indent}  rust_name: {}", scalar(&rust_name.value));
    }
    text_key(
        out,
        &format!("{indent}  "),
        "description",
        object.description.as_deref(),
    );
    let _ = writeln!(out, "{indent}  fields:");
    for field in &object.fields {
        field_entry(out, field, &format!("{indent}    "));
    }
}

/// One result-code entry (`- code: ...`) at `indent`.
pub fn code_entry(out: &mut String, code: &ResultCodeSpec, indent: &str) {
    let _ = writeln!(out, "{indent}- code: {}", scalar(&code.code.value));
    let _ = writeln!(out, "{indent}  status: {}", code.status.value);
    let _ = writeln!(
        out,
        "{indent}  action: {}{}",
        known(&code.action, |a| a.to_string()),
        unknown_note(&code.action, "the page's further-action text did not map")
    );
    text_key(
        out,
        &format!("{indent}  "),
        "description",
        code.description.as_deref(),
    );
}

/// One field entry (`- name: ...`) at `indent`, every key the field has, in the order of
/// spec/README.md. Children are not written here: they belong to the object the type names.
pub fn field_entry(out: &mut String, field: &FieldSpec, indent: &str) {
    let _ = writeln!(out, "{indent}- name: {}", scalar(&field.name.value));
    let key = format!("{indent}  ");
    let _ = writeln!(out, "{key}type: {}", scalar(&field.ty.value));
    if let Some(items) = &field.items {
        let _ = writeln!(out, "{key}items: {}", scalar(&items.value));
    }
    let _ = writeln!(out, "{key}required: {}", field.required.value);
    if let Some(length) = &field.max_length {
        let _ = writeln!(out, "{key}max_length: {}", length.value);
    }
    if let Some(minimum) = &field.minimum {
        let _ = writeln!(out, "{key}minimum: {}", minimum.value);
    }
    if let Some(maximum) = &field.maximum {
        let _ = writeln!(out, "{key}maximum: {}", maximum.value);
    }
    if let Some(values) = &field.values {
        let _ = writeln!(out, "{key}values: {}", flow_list(&values.value));
    }
    if field.sensitive {
        let _ = writeln!(out, "{key}sensitive: true");
    }
    if let Some(reveal) = &field.reveal {
        let _ = writeln!(out, "{key}reveal: {}", reveal.value);
    }
    if let Some(format) = &field.format {
        let _ = writeln!(out, "{key}format: {}", format.value);
    }
    if let Some(essential) = &field.essential {
        let _ = writeln!(out, "{key}essential: {}", essential.value);
    }
    if let Some(rust_name) = &field.rust_name {
        let _ = writeln!(out, "{key}rust_name: {}", scalar(&rust_name.value));
    }
    text_key(out, &key, "description", field.description.as_deref());
    text_key(out, &key, "since", field.since.as_deref());
    text_key(out, &key, "note", field.note.as_deref());
}

fn text_key(out: &mut String, indent: &str, key: &str, text: Option<&str>) {
    if let Some(text) = text {
        let _ = writeln!(out, "{indent}{key}: {}", scalar(text));
    }
}

/// The fact, or `TODO` when it is unknown.
fn known<T>(fact: &Spanned<Known<T>>, show: impl Fn(&T) -> String) -> String {
    fact.value.stated().map_or_else(|| "TODO".to_owned(), show)
}

/// `   # <why>; decide` after an unknown fact, else nothing.
fn unknown_note<T>(fact: &Spanned<Known<T>>, why: &str) -> String {
    if fact.value.is_unknown() {
        format!("   # {why}; decide")
    } else {
        String::new()
    }
}

/// `[A, "b c"]`: a flow list of scalars.
pub fn flow_list(values: &[Spanned<String>]) -> String {
    let values: Vec<String> = values.iter().map(|v| scalar(&v.value)).collect();
    format!("[{}]", values.join(", "))
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
