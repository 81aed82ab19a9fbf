//! The page's facts laid over the spec's snapshot: the spec as it would be if it said what the
//! page says. Prose (descriptions, notes, `since`, Rust names, sensitivity) always stays the
//! spec's; what the page does not say (a hidden object, an action text that does not map) stays
//! the spec's too. A fact a decision covers stays the spec's when `decisions` are given.
//!
//! Where the page is less specific than the spec, the spec's reading is kept rather than
//! reported: the page types every text `String`, so `string` on the page matches `url` and
//! `datetime` in the spec; and a `String` with a list of values matches a field typed with one of
//! the spec's enums, whose values are then compared with the page's list.

use std::collections::BTreeMap;

use super::cover::{Decisions, Fact, fact_path};
use crate::diff::snapshot::{CodeSnap, EnumSnap, EnumValueSnap, FieldSnap, ObjectSnap, Snapshot};
use crate::import::yaml_out::{collect_objects, object_name};
use crate::import::{ImportedApi, ImportedField};

/// The overlaid snapshot, and what could not be taken from the page, in words.
pub struct Overlay {
    /// The spec as the page (and the decisions) would have it.
    pub snapshot: Snapshot,
    /// Page content left alone for a reason other than a decision.
    pub notes: Vec<String>,
}

/// Lays `page` over `spec`; differences that `decisions` cover keep the spec's value.
pub fn overlay(
    spec: &Snapshot,
    page: &ImportedApi,
    decisions: Decisions<'_>,
) -> Result<Overlay, String> {
    let old = spec.apis.get(&page.name).ok_or_else(|| {
        format!(
            "the spec has no API `{}`; write its file with `antom-vault-codegen import PAGE --out spec/<file>.yaml` first",
            page.name
        )
    })?;
    let mut snapshot = spec.clone();
    let mut notes = Vec::new();
    let mut api = old.clone();
    let keep = |path: &str| decisions.covers(path);
    if !keep("direction") {
        api.direction = page.direction;
    }
    if let Some(path) = &page.path
        && !keep("path")
    {
        api.path = Some(path.clone());
    }
    if let Some(key) = &page.idempotency_key
        && !keep("idempotency.key")
    {
        api.idempotency_key = key.clone();
    }
    if let Some(rule) = page.transport_retry
        && !keep("idempotency.transport_retry")
    {
        api.transport_retry = Some(rule);
    }
    let mut layer = Layer {
        decisions,
        enums: &mut snapshot.enums,
    };
    api.request.fields = layer.fields("request", &old.request.fields, &page.request);
    api.response.fields = layer.fields("response", &old.response.fields, &page.response);
    api.codes = codes(
        &old.codes,
        page,
        &spec.gateway_codes,
        api.gateway_codes,
        decisions,
        &mut notes,
    );

    let mut spelled = Vec::new();
    collect_objects(&page.request, &mut spelled);
    collect_objects(&page.response, &mut spelled);
    for field in spelled {
        let name = object_name(field);
        let base = format!("objects.{name}");
        match spec.objects.get(name) {
            Some(object) => {
                let fields = layer.fields(&base, &object.fields, &field.children);
                if let Some(o) = snapshot.objects.get_mut(name) {
                    o.fields = fields;
                }
            }
            None if !keep(&base) => {
                let fields = layer.fields(&base, &[], &field.children);
                snapshot.objects.insert(
                    name.to_owned(),
                    ObjectSnap {
                        rust_name: None,
                        description: None,
                        fields,
                    },
                );
            }
            None => {}
        }
    }
    snapshot.apis.insert(page.name.clone(), api);
    Ok(Overlay { snapshot, notes })
}

struct Layer<'a, 'd> {
    decisions: Decisions<'d>,
    enums: &'a mut BTreeMap<String, EnumSnap>,
}

impl Layer<'_, '_> {
    fn keep(&self, path: &str) -> bool {
        self.decisions.covers(path)
    }

    /// The spec's fields with the page's facts: existing fields keep their place and prose,
    /// new ones follow the page field before them, missing ones go.
    fn fields(&mut self, base: &str, old: &[FieldSnap], page: &[ImportedField]) -> Vec<FieldSnap> {
        let mut out: Vec<FieldSnap> = old
            .iter()
            .filter(|o| {
                page.iter().any(|p| p.name == o.name) || self.keep(&format!("{base}.{}", o.name))
            })
            .cloned()
            .collect();
        let mut previous: Option<&str> = None;
        for p in page {
            let path = format!("{base}.{}", p.name);
            if let Some(at) = out.iter().position(|f| f.name == p.name) {
                let refined = self.refined(&path, &out[at], p);
                out[at] = refined;
            } else if !self.keep(&path) {
                let at = previous
                    .and_then(|name| out.iter().position(|f| f.name == name))
                    .map_or_else(|| first_of_page(&out, page), |i| i + 1);
                out.insert(at, new_field(p));
            } else {
                continue;
            }
            previous = Some(&p.name);
        }
        out
    }

    /// One existing field with the page's facts, where no decision keeps the spec's.
    fn refined(&mut self, path: &str, spec: &FieldSnap, page: &ImportedField) -> FieldSnap {
        let mut f = spec.clone();
        let text_like = |ty: &str| matches!(ty, "url" | "datetime");
        let is_enum = |ty: &Option<String>, enums: &BTreeMap<String, EnumSnap>| {
            ty.as_ref().is_some_and(|t| enums.contains_key(t))
        };
        let spec_scalar = spec.items.as_ref().unwrap_or(&spec.ty).clone();
        let page_scalar = page.items.as_ref().unwrap_or(&page.ty);
        let same_shape = spec.items.is_some() == page.items.is_some();
        let enum_typed = same_shape
            && page_scalar == "string"
            && is_enum(&Some(spec_scalar.clone()), self.enums);
        let less_specific =
            same_shape && page_scalar == "string" && (text_like(&spec_scalar) || enum_typed);
        if !less_specific && !self.keep(&fact_path(path, Fact::Type)) {
            f.ty = page.ty.clone();
            f.items = page.items.clone();
        }
        if !self.keep(&fact_path(path, Fact::Required)) {
            f.required = page.required;
        }
        if enum_typed {
            // The enum carries the values; it has no length.
            if !page.values.is_empty() {
                self.enum_values(&spec_scalar, &page.values);
            }
        } else {
            if !self.keep(&fact_path(path, Fact::MaxLength)) {
                f.max_length = page.max_length;
            }
            if !self.keep(&fact_path(path, Fact::Values)) {
                f.values = page.values.clone();
            }
        }
        if !self.keep(&fact_path(path, Fact::Range)) {
            f.minimum = page.minimum;
            f.maximum = page.maximum;
        }
        f
    }

    /// An enum's values as the page lists them: known values keep their place and prose.
    fn enum_values(&mut self, name: &str, page: &[String]) {
        let decisions = self.decisions;
        let Some(e) = self.enums.get_mut(name) else {
            return;
        };
        e.values.retain(|v| {
            page.contains(&v.value) || decisions.covers(&format!("enums.{name}.{}", v.value))
        });
        for value in page {
            if !e.values.iter().any(|v| &v.value == value)
                && !decisions.covers(&format!("enums.{name}.{value}"))
            {
                e.values.push(EnumValueSnap {
                    value: value.clone(),
                    rust_name: None,
                    description: None,
                });
            }
        }
    }
}

/// Where a new field goes when no page field before it is in the list: before the first one
/// after it, else at the end.
fn first_of_page(out: &[FieldSnap], page: &[ImportedField]) -> usize {
    out.iter()
        .position(|f| page.iter().any(|p| p.name == f.name))
        .unwrap_or(out.len())
}

fn new_field(p: &ImportedField) -> FieldSnap {
    FieldSnap {
        name: p.name.clone(),
        ty: p.ty.clone(),
        items: p.items.clone(),
        required: p.required,
        max_length: p.max_length,
        values: p.values.clone(),
        minimum: p.minimum,
        maximum: p.maximum,
        ..FieldSnap::default()
    }
}

/// The API's own codes with the page's table. Codes of the gateway-wide table are not the API's
/// own and are skipped; a new code whose action did not map is left for a person.
fn codes(
    old: &[CodeSnap],
    page: &ImportedApi,
    gateway: &[CodeSnap],
    uses_gateway: bool,
    decisions: Decisions<'_>,
    notes: &mut Vec<String>,
) -> Vec<CodeSnap> {
    let on_page = |code: &str| page.result_codes.iter().any(|p| p.code == code);
    let mut out: Vec<CodeSnap> = old
        .iter()
        .filter(|o| on_page(&o.code) || decisions.covers(&format!("result_codes.{}", o.code)))
        .cloned()
        .collect();
    let mut previous: Option<&str> = None;
    for p in &page.result_codes {
        let path = format!("result_codes.{}", p.code);
        if let Some(c) = out.iter_mut().find(|c| c.code == p.code) {
            if !decisions.covers(&fact_path(&path, Fact::Status)) {
                c.status = p.status;
            }
            if let Some(action) = p.action
                && !decisions.covers(&fact_path(&path, Fact::Action))
            {
                c.action = action;
            }
        } else if (uses_gateway && gateway.iter().any(|g| g.code == p.code))
            || decisions.covers(&path)
        {
            continue;
        } else if let Some(action) = p.action {
            let at = previous
                .and_then(|name| out.iter().position(|c| c.code == name))
                .map_or(out.len(), |i| i + 1);
            out.insert(
                at,
                CodeSnap {
                    code: p.code.clone(),
                    status: p.status,
                    action,
                    description: None,
                },
            );
        } else {
            notes.push(format!(
                "{}: {path}: the page's further-action text did not map to an action; add the code by hand",
                page.name
            ));
            continue;
        }
        previous = Some(&p.code);
    }
    out
}
