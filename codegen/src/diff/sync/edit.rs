//! Turns the difference between two snapshots into text edits of the spec files that declare
//! them: insert, remove or change list items and keys where the loader located them.

use std::collections::BTreeMap;

use super::text::{Doc, entry, item_where, items};
use crate::SourceFile;
use crate::diff::snapshot::{CodeSnap, EnumValueSnap, FieldSnap, Snapshot};
use crate::import::yaml_out::{code_entry, field_entry, flow_list, scalar, todo};
use crate::import::{ImportedCode, ImportedField};
use crate::model::Spec;
use crate::yaml::Node;

/// Key order of a field entry, for placing a key the entry does not have yet.
const FIELD_KEYS: &[&str] = &[
    "name",
    "type",
    "items",
    "required",
    "max_length",
    "minimum",
    "maximum",
    "values",
];
const CODE_KEYS: &[&str] = &["code", "status", "action"];
const API_KEYS: &[&str] = &["api", "direction", "path"];
const IDEMPOTENCY_KEYS: &[&str] = &["key", "transport_retry"];

/// One spec file whose text changes.
pub struct Edited {
    /// The file's name (its path under the spec directory's label).
    pub name: String,
    /// The text before.
    pub before: String,
    /// The text after.
    pub after: String,
}

/// Edits `files` (the sources `spec` was loaded from) from `old` to `new`.
pub fn edit(
    spec: &Spec,
    files: &[SourceFile],
    old: &Snapshot,
    new: &Snapshot,
) -> Result<Vec<Edited>, String> {
    let mut docs = BTreeMap::new();
    for f in files {
        docs.insert(f.name.clone(), Doc::new(&f.name, &f.text)?);
    }
    for api in &spec.apis {
        let name = &api.name.value;
        let (Some(o), Some(n)) = (old.apis.get(name), new.apis.get(name)) else {
            continue;
        };
        let d = file(&mut docs, &api.loc.file)?;
        let root = d.root.clone();
        set_text(
            d,
            &root,
            "direction",
            API_KEYS,
            o.direction != n.direction,
            || Some(n.direction.as_spec().to_owned()),
        )?;
        set_text(d, &root, "path", API_KEYS, o.path != n.path, || {
            n.path.as_deref().map(scalar)
        })?;
        if let Some((_, idem)) = entry(&root, "idempotency") {
            set_text(
                d,
                idem,
                "key",
                IDEMPOTENCY_KEYS,
                o.idempotency_key != n.idempotency_key,
                || Some(scalar(&n.idempotency_key)),
            )?;
            set_text(
                d,
                idem,
                "transport_retry",
                IDEMPOTENCY_KEYS,
                o.transport_retry != n.transport_retry,
                || n.transport_retry.map(|t| t.as_spec().to_owned()),
            )?;
        }
        for (key, of, nf) in [
            ("request", &o.request.fields, &n.request.fields),
            ("response", &o.response.fields, &n.response.fields),
        ] {
            if of == nf {
                continue;
            }
            let list = entry(&root, key)
                .and_then(|(_, m)| entry(m, "fields"))
                .map(|(_, l)| l.clone())
                .ok_or_else(|| format!("{}: `{key}` has no `fields` list", api.loc))?;
            fields(d, &list, of, nf)?;
        }
        if o.codes != n.codes {
            match entry(&root, "result_codes") {
                Some((_, list)) => {
                    let list = list.clone();
                    codes(d, &list, &o.codes, &n.codes)?;
                }
                None => {
                    let mut text = String::from("result_codes:\n");
                    for c in &n.codes {
                        code_entry(&mut text, &imported_code(c), "  ");
                    }
                    let end = d.end_line();
                    d.insert_before_line(end, text);
                }
            }
        }
    }
    let objects_file = spec.objects.first().map(|o| o.name.loc.file.clone());
    for (name, n) in &new.objects {
        match (
            old.objects.get(name),
            spec.objects.iter().find(|o| &o.name.value == name),
        ) {
            (Some(o), Some(located)) if o.fields != n.fields => {
                let d = file(&mut docs, &located.name.loc.file)?;
                let item = object_item(d, "objects", name)?;
                let list = entry(&item, "fields")
                    .map(|(_, l)| l.clone())
                    .ok_or_else(|| {
                        format!("{}: object `{name}` has no `fields`", located.name.loc)
                    })?;
                fields(d, &list, &o.fields, &n.fields)?;
            }
            (None, _) => {
                let target = objects_file
                    .as_deref()
                    .ok_or("the spec has no objects file to add an object to")?;
                let d = file(&mut docs, target)?;
                let list = entry(&d.root, "objects")
                    .map(|(_, l)| l.clone())
                    .ok_or_else(|| format!("{target}: no `objects` list"))?;
                let indent = items(&list).first().map_or(2, |i| d.dash_indent(i));
                let pad = " ".repeat(indent);
                let mut text = format!("{pad}- name: {}\n", scalar(name));
                text.push_str(&format!("{pad}  description: {}\n", todo("describe", name)));
                text.push_str(&format!("{pad}  fields:\n"));
                for f in &n.fields {
                    field_entry(&mut text, &imported_field(f), &format!("{pad}    "));
                }
                let at = match items(&list).last() {
                    Some(last) => d.item_lines(last)?.1,
                    None => d.end_line(),
                };
                d.insert_before_line(at, text);
            }
            _ => {}
        }
    }
    for (name, n) in &new.enums {
        let (Some(o), Some(located)) = (
            old.enums.get(name),
            spec.enums.iter().find(|e| &e.name.value == name),
        ) else {
            continue;
        };
        if o.values == n.values {
            continue;
        }
        let d = file(&mut docs, &located.name.loc.file)?;
        let item = object_item(d, "enums", name)?;
        let list = entry(&item, "values")
            .map(|(_, l)| l.clone())
            .ok_or_else(|| format!("{}: enum `{name}` has no `values`", located.name.loc))?;
        enum_values(d, &list, &o.values, &n.values)?;
    }
    let mut out = Vec::new();
    for (name, d) in docs {
        if d.is_edited() {
            out.push(Edited {
                after: d.apply()?,
                before: d.text,
                name,
            });
        }
    }
    Ok(out)
}

fn file<'a>(docs: &'a mut BTreeMap<String, Doc>, name: &str) -> Result<&'a mut Doc, String> {
    docs.get_mut(name)
        .ok_or_else(|| format!("{name}: not among the spec files"))
}

fn object_item(d: &Doc, list_key: &str, name: &str) -> Result<Node, String> {
    entry(&d.root, list_key)
        .and_then(|(_, list)| item_where(list, "name", name))
        .cloned()
        .ok_or_else(|| format!("{}: no `{name}` in `{list_key}`", d.name))
}

/// Sets, adds or removes one key of a mapping, when `changed`.
fn set_text(
    d: &mut Doc,
    map: &Node,
    key: &str,
    order: &[&str],
    changed: bool,
    value: impl FnOnce() -> Option<String>,
) -> Result<(), String> {
    if !changed {
        return Ok(());
    }
    set_key(d, map, key, order, value())
}

fn set_key(
    d: &mut Doc,
    map: &Node,
    key: &str,
    order: &[&str],
    value: Option<String>,
) -> Result<(), String> {
    match (entry(map, key), value) {
        (Some((_, v)), Some(text)) => {
            let v = v.clone();
            d.replace_scalar(&v, text)
        }
        (Some((k, _)), None) => {
            let lines = d.entry_lines(k);
            d.remove_lines(lines);
            Ok(())
        }
        (None, Some(text)) => {
            let rank = order.iter().position(|k| *k == key).unwrap_or(order.len());
            let before = order[..rank]
                .iter()
                .rev()
                .find_map(|k| entry(map, k).map(|(key_node, _)| key_node.clone()));
            let anchor =
                before.ok_or_else(|| format!("{}: no key to place `{key}` after", map.loc))?;
            let indent = " ".repeat(anchor.loc.col.saturating_sub(1));
            let (_, end) = d.entry_lines(&anchor);
            d.insert_before_line(end, format!("{indent}{key}: {text}\n"));
            Ok(())
        }
        (None, None) => Ok(()),
    }
}

/// Edits a `fields` list from `old` to `new` (same names keep their entry).
fn fields(d: &mut Doc, list: &Node, old: &[FieldSnap], new: &[FieldSnap]) -> Result<(), String> {
    list_items(
        d,
        list,
        "name",
        old.iter().map(|f| f.name.as_str()).collect(),
        new.iter().map(|f| f.name.as_str()).collect(),
        |text, i, indent| field_entry(text, &imported_field(&new[i]), indent),
    )?;
    for n in new {
        let Some(o) = old.iter().find(|o| o.name == n.name) else {
            continue;
        };
        let Some(item) = item_where(list, "name", &n.name).cloned() else {
            continue;
        };
        let set = |d: &mut Doc, key: &str, changed: bool, value: Option<String>| {
            if changed {
                set_key(d, &item, key, FIELD_KEYS, value)
            } else {
                Ok(())
            }
        };
        set(d, "type", o.ty != n.ty, Some(scalar(&n.ty)))?;
        set(
            d,
            "items",
            o.items != n.items,
            n.items.as_deref().map(scalar),
        )?;
        set(
            d,
            "required",
            o.required != n.required,
            Some(n.required.as_spec().to_owned()),
        )?;
        set(
            d,
            "max_length",
            o.max_length != n.max_length,
            n.max_length.map(|m| m.to_string()),
        )?;
        set(
            d,
            "minimum",
            o.minimum != n.minimum,
            n.minimum.map(|m| m.to_string()),
        )?;
        set(
            d,
            "maximum",
            o.maximum != n.maximum,
            n.maximum.map(|m| m.to_string()),
        )?;
        set(
            d,
            "values",
            o.values != n.values,
            (!n.values.is_empty()).then(|| flow_list(&n.values)),
        )?;
    }
    Ok(())
}

fn codes(d: &mut Doc, list: &Node, old: &[CodeSnap], new: &[CodeSnap]) -> Result<(), String> {
    list_items(
        d,
        list,
        "code",
        old.iter().map(|c| c.code.as_str()).collect(),
        new.iter().map(|c| c.code.as_str()).collect(),
        |text, i, indent| code_entry(text, &imported_code(&new[i]), indent),
    )?;
    for n in new {
        let (Some(o), Some(item)) = (
            old.iter().find(|o| o.code == n.code),
            item_where(list, "code", &n.code).cloned(),
        ) else {
            continue;
        };
        if o.status != n.status {
            set_key(
                d,
                &item,
                "status",
                CODE_KEYS,
                Some(n.status.as_spec().into()),
            )?;
        }
        if o.action != n.action {
            set_key(
                d,
                &item,
                "action",
                CODE_KEYS,
                Some(n.action.as_spec().into()),
            )?;
        }
    }
    Ok(())
}

fn enum_values(
    d: &mut Doc,
    list: &Node,
    old: &[EnumValueSnap],
    new: &[EnumValueSnap],
) -> Result<(), String> {
    list_items(
        d,
        list,
        "value",
        old.iter().map(|v| v.value.as_str()).collect(),
        new.iter().map(|v| v.value.as_str()).collect(),
        |text, i, indent| {
            let value = &new[i].value;
            text.push_str(&format!("{indent}- value: {}\n", scalar(value)));
            text.push_str(&format!(
                "{indent}  description: {}\n",
                todo("describe", value)
            ));
        },
    )
}

/// Removes the items of `old` missing from `new`, and inserts the items of `new` missing from
/// `old` after the item before them in `new` (rendered by `render(text, index, indent)`).
fn list_items(
    d: &mut Doc,
    list: &Node,
    key: &str,
    old: Vec<&str>,
    new: Vec<&str>,
    render: impl Fn(&mut String, usize, &str),
) -> Result<(), String> {
    let find = |name: &str| item_where(list, key, name).cloned();
    for name in old.iter().filter(|n| !new.contains(n)) {
        if let Some(item) = find(name) {
            let lines = d.item_lines(&item)?;
            d.remove_lines(lines);
        }
    }
    let indent = items(list).first().map_or(4, |i| d.dash_indent(i));
    let pad = " ".repeat(indent);
    for (i, name) in new.iter().enumerate() {
        if old.contains(name) {
            continue;
        }
        let before = new[..i].iter().rev().find(|n| old.contains(n));
        let after = new[i + 1..].iter().find(|n| old.contains(n));
        let line = match (before, after) {
            (Some(b), _) => d.item_lines(&find(b).ok_or("item vanished")?)?.1,
            (None, Some(a)) => d.item_lines(&find(a).ok_or("item vanished")?)?.0,
            (None, None) => match items(list).last() {
                Some(last) => d.item_lines(last)?.1,
                None => {
                    return Err(format!(
                        "{}: an empty list; add the first entry by hand",
                        list.loc
                    ));
                }
            },
        };
        let mut text = String::new();
        render(&mut text, i, &pad);
        d.insert_before_line(line, text);
    }
    Ok(())
}

fn imported_field(f: &FieldSnap) -> ImportedField {
    let mut out = ImportedField::new(&f.name, &f.ty, f.required.is_required(), 0);
    out.required = f.required;
    out.items = f.items.clone();
    out.max_length = f.max_length;
    out.values = f.values.clone();
    out.minimum = f.minimum;
    out.maximum = f.maximum;
    out
}

fn imported_code(c: &CodeSnap) -> ImportedCode {
    ImportedCode {
        code: c.code.clone(),
        status: c.status,
        action: Some(c.action),
        line: 0,
    }
}
