//! Writes an [`ImportedApi`] as spec YAML (the format of `spec/README.md`). Deterministic: the same
//! page always gives the same bytes.

use std::fmt::Write as _;

use super::model::{Direction, ImportedAction, ImportedApi, ImportedField};

/// The YAML documents an import produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportYaml {
    /// The API file (top-level key `api`).
    pub api: String,
    /// The objects whose children the page spells out (top-level key `objects`), if any. They are
    /// for review against `spec/objects.yaml`; the API file refers to them by name.
    pub objects: Option<String>,
}

/// Renders the API file and, when the page shows nested children, the objects file.
pub fn render(api: &ImportedApi, source: &str) -> ImportYaml {
    let mut out = String::new();
    header(&mut out, source, api);
    let _ = writeln!(out, "api: {}", api.name);
    let _ = writeln!(out, "direction: {}", api.direction.as_spec());
    if let Some(path) = &api.path {
        let _ = writeln!(out, "path: {}", scalar(path));
    }
    let _ = writeln!(out, "summary: {}", todo("summarize", &api.name));
    out.push_str("idempotency:\n");
    match &api.idempotency_key {
        Some(key) => {
            let _ = writeln!(out, "  key: {key}");
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
            let _ = writeln!(out, "  - code: {}", scalar(&code.code));
            let _ = writeln!(out, "    status: {}", code.status);
            match code.action {
                ImportedAction::Known(action) => {
                    let _ = writeln!(out, "    action: {action}");
                }
                ImportedAction::Unmapped => {
                    out.push_str(
                        "    action: TODO   # the page's further-action text did not map; decide\n",
                    );
                }
            }
            let _ = writeln!(out, "    description: {}", todo("describe", &code.code));
        }
    }
    ImportYaml {
        api: out,
        objects: objects_document(api, source),
    }
}

fn header(out: &mut String, source: &str, api: &ImportedApi) {
    let _ = writeln!(
        out,
        "# Imported from {source} ({}) by `antom-vault-codegen import`.",
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

fn field_entry(out: &mut String, field: &ImportedField, indent: &str) {
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
        let values: Vec<String> = field.values.iter().map(|v| scalar(v)).collect();
        let _ = writeln!(out, "{indent}  values: [{}]", values.join(", "));
    }
    let _ = writeln!(
        out,
        "{indent}  description: {}",
        todo("describe", &field.name)
    );
}

/// Every object-typed field with children, flattened, first occurrence wins.
fn collect_objects<'a>(fields: &'a [ImportedField], into: &mut Vec<&'a ImportedField>) {
    for field in fields {
        if field.children.is_empty() {
            continue;
        }
        let object_name = field.items.as_ref().unwrap_or(&field.ty);
        let known = into
            .iter()
            .any(|f| f.items.as_ref().unwrap_or(&f.ty) == object_name);
        if !known {
            into.push(field);
        }
        collect_objects(&field.children, into);
    }
}

fn objects_document(api: &ImportedApi, source: &str) -> Option<String> {
    let mut objects = Vec::new();
    collect_objects(&api.request, &mut objects);
    collect_objects(&api.response, &mut objects);
    if objects.is_empty() {
        return None;
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Objects whose children {source} spells out. Compare with spec/objects.yaml; the API file"
    );
    out.push_str("# refers to them by name, so the shared definition is what the crate uses.\n");
    out.push_str("objects:\n");
    for object in objects {
        let name = object.items.as_ref().unwrap_or(&object.ty);
        let _ = writeln!(out, "  - name: {}", scalar(name));
        if shadows_prelude(name) {
            let _ = writeln!(out, "    rust_name: Antom{name}");
        }
        let _ = writeln!(out, "    description: {}", todo("describe", name));
        out.push_str("    fields:\n");
        for child in &object.children {
            field_entry(&mut out, child, "      ");
        }
    }
    Some(out)
}

/// Names that would shadow a prelude or runtime type in generated Rust; such objects get an
/// `Antom` prefix as their Rust name, as `spec/objects.yaml` does for `Result`.
fn shadows_prelude(name: &str) -> bool {
    matches!(
        name,
        "Result" | "Option" | "String" | "Vec" | "Box" | "Error"
    )
}

fn todo(verb: &str, name: &str) -> String {
    format!("\"TODO: {verb} {name}\"")
}

/// A YAML scalar: plain when unambiguous, double-quoted otherwise.
pub fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
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
            c if c.is_control() => {
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
    use super::scalar;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(scalar("CARD"), "CARD");
        assert_eq!(scalar("/ams/api/v1/x"), "/ams/api/v1/x");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("N"), "\"N\"");
        assert_eq!(scalar("a \"b\""), "\"a \\\"b\\\"\"");
        assert_eq!(scalar("12"), "\"12\"");
    }
}
