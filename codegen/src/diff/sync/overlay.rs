//! The page's facts laid over the spec: the spec as it would be if it said what the page says.
//! Prose (descriptions, notes, `since`, Rust names, sensitivity) always stays the spec's; what
//! the page does not say stays the spec's too: a fact it leaves unknown, an object whose
//! children it does not list, and every field, code or object in a part of the page it does not
//! show in full (those are listed as "not shown on this page", never removed). An entry the page
//! ends inside is neither added nor compared. A fact a decision covers stays the spec's when
//! `decisions` are given.
//!
//! Where the page is less specific than the spec, the spec's reading is kept rather than
//! reported: the page types every text `String`, so `string` on the page matches `url` and
//! `datetime` in the spec; and a `String` with a list of values matches a field typed with one of
//! the spec's enums, whose values are then compared with the page's list.

use super::cover::{Decisions, Fact, fact_path};
use crate::import::{Imported, Part};
use crate::model::kinds::refines_page_string;
use crate::model::{
    EnumSpec, EnumValueSpec, FieldSpec, Known, ObjectSpec, ResultCodeSpec, Spec, placeholder,
};

/// The overlaid spec, and what could not be taken from the page.
pub struct Overlay {
    /// The spec as the page (and the decisions) would have it.
    pub spec: Spec,
    /// Page content left alone for a reason other than a decision, in words.
    pub notes: Vec<String>,
    /// Entries of the spec the page does not show (`createVaultingSession: response.x`): the
    /// page stops before them or hides the part they are in.
    pub not_shown: Vec<String>,
}

/// Lays `page` over `spec`; differences that `decisions` cover keep the spec's value.
pub fn overlay(spec: &Spec, page: &Imported, decisions: Decisions<'_>) -> Result<Overlay, String> {
    let name = page.name();
    let index = spec
        .apis
        .iter()
        .position(|a| a.name.value == name)
        .ok_or_else(|| {
            format!(
                "the spec has no API `{name}`; write its file with `antom-vault-codegen import PAGE --out spec/<file>.yaml` first"
            )
        })?;
    let mut out = spec.clone();
    let mut layer = Layer {
        api: name,
        page,
        decisions,
        enums: std::mem::take(&mut out.enums),
        notes: Vec::new(),
        not_shown: Vec::new(),
    };
    let gateway: Vec<String> = spec
        .gateway_codes
        .as_ref()
        .map(|g| g.value.iter().map(|c| c.code.value.clone()).collect())
        .unwrap_or_default();
    let mut api = out.apis[index].clone();
    let from = page.api();
    let keep = |path: &str| decisions.covers(path);
    if !keep("direction") {
        api.direction.value = from.direction.value;
    }
    if let Some(path) = &from.path
        && !keep("path")
    {
        api.path = Some(path.clone());
    }
    if let Known::Stated(_) = from.idempotency.key.value
        && !keep("idempotency.key")
    {
        api.idempotency.key = from.idempotency.key.clone();
    }
    if let Some(rule) = &from.idempotency.transport_retry
        && !rule.value.is_unknown()
        && !keep("idempotency.transport_retry")
    {
        api.idempotency.transport_retry = Some(rule.clone());
    }
    api.request.fields = layer.fields(
        "request",
        &api.request.fields,
        &from.request.fields,
        &Part::Request,
    );
    api.response.fields = layer.fields(
        "response",
        &api.response.fields,
        &from.response.fields,
        &Part::Response,
    );
    let gateway = if api.uses_gateway_codes() {
        gateway
    } else {
        Vec::new()
    };
    api.result_codes = layer.codes(&api.result_codes, &from.result_codes, &gateway);
    for object in &page.spec().objects {
        let name = &object.name.value;
        let base = format!("objects.{name}");
        let part = Part::Children(name.clone());
        match out.objects.iter().position(|o| &o.name.value == name) {
            Some(at) => {
                let fields = layer.fields(&base, &out.objects[at].fields, &object.fields, &part);
                out.objects[at].fields = fields;
            }
            None if !keep(&base) => {
                let fields = layer.fields(&base, &[], &object.fields, &part);
                out.objects.push(ObjectSpec {
                    fields,
                    ..object.clone()
                });
            }
            None => {}
        }
    }
    out.apis[index] = api;
    out.enums = layer.enums;
    Ok(Overlay {
        spec: out,
        notes: layer.notes,
        not_shown: layer.not_shown,
    })
}

struct Layer<'p, 'd> {
    api: &'p str,
    page: &'p Imported,
    decisions: Decisions<'d>,
    enums: Vec<EnumSpec>,
    notes: Vec<String>,
    not_shown: Vec<String>,
}

impl Layer<'_, '_> {
    fn keep(&self, path: &str) -> bool {
        self.decisions.covers(path)
    }

    /// Whether the page ends inside the entry at `path`; noted once.
    fn unfinished(&mut self, path: &str) -> bool {
        if !self.page.page().is_unfinished(path) {
            return false;
        }
        self.notes.push(format!(
            "{}: {path}: the page ends inside this entry; left as it is",
            self.api
        ));
        true
    }

    /// The spec's fields with the page's facts: existing fields keep their place and prose,
    /// new ones follow the page field before them; a missing one goes only when the page shows
    /// `part` in full.
    fn fields(
        &mut self,
        base: &str,
        old: &[FieldSpec],
        page: &[FieldSpec],
        part: &Part,
    ) -> Vec<FieldSpec> {
        let names: Vec<&str> = page.iter().map(|p| p.name.value.as_str()).collect();
        // A dated page predates a field the spec marks `since` a later version: missing from
        // it is not removed.
        let dated = self.page.page().date.is_some();
        let later = |f: &FieldSpec| dated && f.since.is_some();
        let mut out = self.kept(base, old, |f| &f.name.value, later, &names, part);
        let mut previous: Option<&str> = None;
        for p in page {
            let path = format!("{base}.{}", p.name.value);
            if self.unfinished(&path) {
                continue;
            }
            if let Some(at) = out.iter().position(|f| f.name.value == p.name.value) {
                let refined = self.refined(&path, &out[at], p);
                out[at] = refined;
            } else if !self.keep(&path) {
                let at = previous
                    .and_then(|name| out.iter().position(|f| f.name.value == name))
                    .map_or_else(|| first_of_page(&out, page), |i| i + 1);
                out.insert(at, p.clone());
            } else {
                continue;
            }
            previous = Some(&p.name.value);
        }
        out
    }

    /// The spec's entries that stay: those on the page, those a decision keeps, and, when the
    /// page does not show `part` in full or is older than the entry (`newer`), every other one
    /// (listed as not shown).
    fn kept<T: Clone>(
        &mut self,
        base: &str,
        old: &[T],
        name: impl Fn(&T) -> &String,
        newer: impl Fn(&T) -> bool,
        on_page: &[&str],
        part: &Part,
    ) -> Vec<T> {
        let shown = self.page.page().shows(part);
        let mut out = Vec::new();
        for entry in old {
            let path = format!("{base}.{}", name(entry));
            if on_page.contains(&name(entry).as_str()) {
                out.push(entry.clone());
            } else if !shown || newer(entry) {
                let why = if shown {
                    " (marked `since` a later version)"
                } else {
                    ""
                };
                self.not_shown.push(format!("{}: {path}{why}", self.api));
                out.push(entry.clone());
            } else if self.keep(&path) {
                out.push(entry.clone());
            }
        }
        out
    }

    /// One existing field with the page's facts, where no decision keeps the spec's.
    fn refined(&mut self, path: &str, spec: &FieldSpec, page: &FieldSpec) -> FieldSpec {
        let mut f = spec.clone();
        let spec_scalar = spec.scalar_type().to_owned();
        let page_scalar = page.scalar_type();
        let same_shape = spec.items.is_some() == page.items.is_some();
        let enum_typed = same_shape
            && page_scalar == "string"
            && self.enums.iter().any(|e| e.name.value == spec_scalar);
        let less_specific = same_shape
            && page_scalar == "string"
            && (refines_page_string(&spec_scalar) || enum_typed);
        if !less_specific && !self.keep(&fact_path(path, Fact::Type)) {
            f.ty = page.ty.clone();
            f.items = page.items.clone();
        }
        if !self.keep(&fact_path(path, Fact::Required)) {
            f.required = page.required.clone();
        }
        if enum_typed {
            // The enum carries the values; it has no length.
            if let Some(values) = &page.values {
                let values: Vec<String> = values.value.iter().map(|v| v.value.clone()).collect();
                self.enum_values(&spec_scalar, &values);
            }
        } else {
            if !self.keep(&fact_path(path, Fact::MaxLength)) {
                f.max_length = page.max_length.clone();
            }
            if !self.keep(&fact_path(path, Fact::Values)) {
                f.values = page.values.clone();
            }
        }
        if !self.keep(&fact_path(path, Fact::Range)) {
            f.minimum = page.minimum.clone();
            f.maximum = page.maximum.clone();
        }
        f
    }

    /// An enum's values as the page lists them: known values keep their place and prose.
    fn enum_values(&mut self, name: &str, page: &[String]) {
        let decisions = self.decisions;
        let Some(e) = self.enums.iter_mut().find(|e| e.name.value == name) else {
            return;
        };
        e.values.retain(|v| {
            page.contains(&v.value.value)
                || decisions.covers(&format!("enums.{name}.{}", v.value.value))
        });
        for value in page {
            if !e.values.iter().any(|v| &v.value.value == value)
                && !decisions.covers(&format!("enums.{name}.{value}"))
            {
                let loc = e.name.loc.clone();
                e.values.push(EnumValueSpec {
                    value: crate::model::Spanned {
                        value: value.clone(),
                        loc,
                    },
                    rust_name: None,
                    description: Some(placeholder(&format!("describe {value}"))),
                });
            }
        }
    }

    /// The API's own codes with the page's table. Codes of the gateway-wide table are not the
    /// API's own and are skipped; a new code whose action the page leaves open is left for a
    /// person; a code missing from a table the page does not show in full stays.
    fn codes(
        &mut self,
        old: &[ResultCodeSpec],
        page: &[ResultCodeSpec],
        gateway: &[String],
    ) -> Vec<ResultCodeSpec> {
        let codes: Vec<&str> = page.iter().map(|p| p.code.value.as_str()).collect();
        let mut out = self.kept(
            "result_codes",
            old,
            |c| &c.code.value,
            |_| false,
            &codes,
            &Part::ResultCodes,
        );
        let mut previous: Option<&str> = None;
        for p in page {
            let path = format!("result_codes.{}", p.code.value);
            if self.unfinished(&path) {
                continue;
            }
            if let Some(c) = out.iter_mut().find(|c| c.code.value == p.code.value) {
                if !self.decisions.covers(&fact_path(&path, Fact::Status)) {
                    c.status = p.status.clone();
                }
                if !p.action.value.is_unknown()
                    && !self.decisions.covers(&fact_path(&path, Fact::Action))
                {
                    c.action = p.action.clone();
                }
            } else if gateway.contains(&p.code.value) || self.keep(&path) {
                continue;
            } else if p.action.value.is_unknown() {
                self.notes.push(format!(
                    "{}: {path}: the page's further-action text did not map to an action; add the code by hand",
                    self.api
                ));
                continue;
            } else {
                let at = previous
                    .and_then(|name| out.iter().position(|c| c.code.value == name))
                    .map_or(out.len(), |i| i + 1);
                out.insert(at, p.clone());
            }
            previous = Some(&p.code.value);
        }
        out
    }
}

/// Where a new field goes when no page field before it is in the list: before the first one
/// after it, else at the end.
fn first_of_page(out: &[FieldSpec], page: &[FieldSpec]) -> usize {
    out.iter()
        .position(|f| page.iter().any(|p| p.name.value == f.name.value))
        .unwrap_or(out.len())
}
