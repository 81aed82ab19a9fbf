//! Turns the difference between two versions of the spec into text edits of the spec files that declare
//! them: insert, remove or change list items and keys where the loader located them.

use std::collections::BTreeMap;

use super::text::{Doc, entry, item_where, items};
use crate::SourceFile;
use crate::import::yaml_out::{code_entry, field_entry, flow_list, object_entry, scalar};
use crate::model::kinds::value_of;
use crate::model::{EnumValueSpec, FieldSpec, Known, ResultCodeSpec, Spec};
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

/// Edits `files` (the sources `old` was loaded from, with its locations) to say `new`.
pub fn edit(files: &[SourceFile], old: &Spec, new: &Spec) -> Result<Vec<Edited>, String> {
    let mut docs = BTreeMap::new();
    for f in files {
        docs.insert(f.name.clone(), Doc::new(&f.name, &f.text)?);
    }
    for o in &old.apis {
        let name = &o.name.value;
        let Some(n) = new.apis.iter().find(|a| &a.name.value == name) else {
            continue;
        };
        let d = file(&mut docs, &o.loc.file)?;
        let root = d.root.clone();
        set_text(
            d,
            &root,
            "direction",
            API_KEYS,
            o.direction.value != n.direction.value,
            || Some(n.direction.value.as_spec().to_owned()),
        )?;
        set_text(
            d,
            &root,
            "path",
            API_KEYS,
            value_of(&o.path) != value_of(&n.path),
            || n.path.as_ref().map(|p| scalar(&p.value)),
        )?;
        if let Some((_, idem)) = entry(&root, "idempotency") {
            set_text(
                d,
                idem,
                "key",
                IDEMPOTENCY_KEYS,
                o.idempotency_key() != n.idempotency_key(),
                || n.idempotency_key().stated().map(|k| scalar(k)),
            )?;
            set_text(
                d,
                idem,
                "transport_retry",
                IDEMPOTENCY_KEYS,
                o.transport_retry() != n.transport_retry(),
                || {
                    n.transport_retry()
                        .and_then(Known::stated)
                        .map(|t| t.as_spec().to_owned())
                },
            )?;
        }
        for (key, of, nf) in [
            ("request", &o.request.fields, &n.request.fields),
            ("response", &o.response.fields, &n.response.fields),
        ] {
            let list = entry(&root, key)
                .and_then(|(_, m)| entry(m, "fields"))
                .map(|(_, l)| l.clone())
                .ok_or_else(|| format!("{}: `{key}` has no `fields` list", o.loc))?;
            fields(d, &list, of, nf)?;
        }
        if o.synced_from != n.synced_from
            && let Some(synced) = &n.synced_from
        {
            let mut text = String::from("synced_from:\n");
            text.push_str(&format!("  page: {}\n", scalar(&synced.page)));
            if let Some(date) = &synced.date {
                text.push_str(&format!("  date: {}\n", scalar(date)));
            }
            match entry(&root, "synced_from") {
                Some((key, _)) => {
                    let (start, end) = d.entry_lines(key);
                    d.remove_lines((start, end));
                    d.insert_before_line(start, text);
                }
                None => {
                    let end = d.end_line();
                    d.insert_before_line(end, text);
                }
            }
        }
        match entry(&root, "result_codes") {
            Some((_, list)) => {
                let list = list.clone();
                codes(d, &list, &o.result_codes, &n.result_codes)?;
            }
            None if !n.result_codes.is_empty() => {
                let mut text = String::from("result_codes:\n");
                for c in &n.result_codes {
                    code_entry(&mut text, c, "  ");
                }
                let end = d.end_line();
                d.insert_before_line(end, text);
            }
            None => {}
        }
    }
    let objects_file = old.objects.first().map(|o| o.name.loc.file.clone());
    for n in &new.objects {
        let name = &n.name.value;
        match old.objects.iter().find(|o| &o.name.value == name) {
            Some(o) => {
                let d = file(&mut docs, &o.name.loc.file)?;
                let item = object_item(d, "objects", name)?;
                let list = entry(&item, "fields")
                    .map(|(_, l)| l.clone())
                    .ok_or_else(|| format!("{}: object `{name}` has no `fields`", o.name.loc))?;
                fields(d, &list, &o.fields, &n.fields)?;
            }
            None => {
                let target = objects_file
                    .as_deref()
                    .ok_or("the spec has no objects file to add an object to")?;
                let d = file(&mut docs, target)?;
                let list = entry(&d.root, "objects")
                    .map(|(_, l)| l.clone())
                    .ok_or_else(|| format!("{target}: no `objects` list"))?;
                let indent = items(&list).first().map_or(2, |i| d.dash_indent(i));
                let mut text = String::new();
                object_entry(&mut text, n, &" ".repeat(indent));
                let at = match items(&list).last() {
                    Some(last) => d.item_lines(last)?.1,
                    None => d.end_line(),
                };
                d.insert_before_line(at, text);
            }
        }
    }
    for n in &new.enums {
        let name = &n.name.value;
        let Some(o) = old.enums.iter().find(|e| &e.name.value == name) else {
            continue;
        };
        let d = file(&mut docs, &o.name.loc.file)?;
        let item = object_item(d, "enums", name)?;
        let list = entry(&item, "values")
            .map(|(_, l)| l.clone())
            .ok_or_else(|| format!("{}: enum `{name}` has no `values`", o.name.loc))?;
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
fn fields(d: &mut Doc, list: &Node, old: &[FieldSpec], new: &[FieldSpec]) -> Result<(), String> {
    list_items(
        d,
        list,
        "name",
        old.iter().map(|f| f.name.value.as_str()).collect(),
        new.iter().map(|f| f.name.value.as_str()).collect(),
        |text, i, indent| field_entry(text, &new[i], indent),
    )?;
    for n in new {
        let Some(o) = old.iter().find(|o| o.name.value == n.name.value) else {
            continue;
        };
        let Some(item) = item_where(list, "name", &n.name.value).cloned() else {
            continue;
        };
        let set = |d: &mut Doc, key: &str, changed: bool, value: Option<String>| {
            if changed {
                set_key(d, &item, key, FIELD_KEYS, value)
            } else {
                Ok(())
            }
        };
        set(
            d,
            "type",
            o.ty.value != n.ty.value,
            Some(scalar(&n.ty.value)),
        )?;
        set(
            d,
            "items",
            value_of(&o.items) != value_of(&n.items),
            n.items.as_ref().map(|i| scalar(&i.value)),
        )?;
        set(
            d,
            "required",
            o.required.value != n.required.value,
            Some(n.required.value.as_spec().to_owned()),
        )?;
        set(
            d,
            "max_length",
            o.max_len() != n.max_len(),
            n.max_len().map(|m| m.to_string()),
        )?;
        set(
            d,
            "minimum",
            o.min() != n.min(),
            n.min().map(|m| m.to_string()),
        )?;
        set(
            d,
            "maximum",
            o.max() != n.max(),
            n.max().map(|m| m.to_string()),
        )?;
        set(
            d,
            "values",
            o.value_list() != n.value_list(),
            n.values
                .as_ref()
                .filter(|v| !v.value.is_empty())
                .map(|v| flow_list(&v.value)),
        )?;
    }
    Ok(())
}

fn codes(
    d: &mut Doc,
    list: &Node,
    old: &[ResultCodeSpec],
    new: &[ResultCodeSpec],
) -> Result<(), String> {
    list_items(
        d,
        list,
        "code",
        old.iter().map(|c| c.code.value.as_str()).collect(),
        new.iter().map(|c| c.code.value.as_str()).collect(),
        |text, i, indent| code_entry(text, &new[i], indent),
    )?;
    for n in new {
        let (Some(o), Some(item)) = (
            old.iter().find(|o| o.code.value == n.code.value),
            item_where(list, "code", &n.code.value).cloned(),
        ) else {
            continue;
        };
        if o.status.value != n.status.value {
            set_key(
                d,
                &item,
                "status",
                CODE_KEYS,
                Some(n.status.value.as_spec().into()),
            )?;
        }
        if let Known::Stated(action) = n.action.value
            && o.action.value != n.action.value
        {
            set_key(d, &item, "action", CODE_KEYS, Some(action.as_spec().into()))?;
        }
    }
    Ok(())
}

fn enum_values(
    d: &mut Doc,
    list: &Node,
    old: &[EnumValueSpec],
    new: &[EnumValueSpec],
) -> Result<(), String> {
    list_items(
        d,
        list,
        "value",
        old.iter().map(|v| v.value.value.as_str()).collect(),
        new.iter().map(|v| v.value.value.as_str()).collect(),
        |text, i, indent| {
            let value = &new[i];
            text.push_str(&format!(
                "{indent}- value: {}\n",
                scalar(&value.value.value)
            ));
            if let Some(description) = &value.description {
                text.push_str(&format!("{indent}  description: {}\n", scalar(description)));
            }
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
