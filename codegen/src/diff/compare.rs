//! Compares two versions of the spec (the generator's own [`Spec`]) and classifies every
//! difference. A fact one side leaves open ([`Known::Unknown`], a fresh import's `TODO`) is
//! listed as unknown, never as a change.

use std::collections::BTreeSet;

use super::change::{Change, ChangeKind, Impact, Scope};
use crate::model::kinds::{is_text, value_of};
use crate::model::page::{PageView, Part};
use crate::model::{
    ApiSpec, EnumSpec, FieldSpec, Format, Known, ObjectSpec, Required, ResultCodeSpec, Reveal,
    Spec, TransportRetry,
};

use ChangeKind as K;
use Impact::{Additive, Breaking, DocOnly};

/// One side of a comparison: a spec, and the objects it only borrows from the shared spec (a
/// single file whose page hides their children). A borrowed object is not compared with one the
/// other side spells out: a page that does not show an object says nothing about it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The spec.
    pub spec: &'a Spec,
    /// Names of borrowed objects.
    pub borrowed: &'a BTreeSet<String>,
}

impl<'a> Side<'a> {
    /// A spec that borrows nothing.
    pub fn whole(spec: &'a Spec) -> Self {
        static NONE: BTreeSet<String> = BTreeSet::new();
        Side {
            spec,
            borrowed: &NONE,
        }
    }
}

/// A fact one side leaves open: listed, not compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    /// Where.
    pub scope: Scope,
    /// The fact's path inside the scope (`idempotency.key`, `result_codes.X.action`).
    pub location: String,
}

/// Who builds a message, which decides what a change means for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// The merchant builds it (requests, acknowledgements): validated before sending.
    Sent,
    /// The merchant decodes it (responses, notifications): decoded leniently.
    Received,
    /// A shared object used both ways (or nowhere): the stricter reading wins.
    Both,
}

/// Collects changes for one scope.
struct Collector<'a> {
    scope: Scope,
    out: &'a mut Vec<Change>,
}

impl Collector<'_> {
    fn push(
        &mut self,
        location: &str,
        kind: ChangeKind,
        summary: String,
        rust: Impact,
        wire: Impact,
    ) {
        self.out.push(Change {
            scope: self.scope.clone(),
            location: location.to_owned(),
            kind,
            summary,
            rust,
            wire,
        });
    }

    /// Records a doc-only change of an optional text.
    fn doc(&mut self, location: &str, what: &str, old: &Option<String>, new: &Option<String>) {
        if old != new {
            let summary = match (old, new) {
                (None, Some(_)) => format!("{what} added"),
                (Some(_), None) => format!("{what} removed"),
                _ => format!("{what} changed"),
            };
            self.push(location, K::DocChanged, summary, DocOnly, DocOnly);
        }
    }
}

/// Every semantic change from `old` to `new`, in a stable order (scope, then spec order).
pub fn compare(old: &Spec, new: &Spec) -> Vec<Change> {
    let c = compare_sides(Side::whole(old), Side::whole(new));
    c.changes.into_iter().chain(c.not_shown).collect()
}

/// [`compare`], for sides that may borrow objects or be imports of partial pages: also returns
/// the facts either side leaves open and the differences in parts a page does not show.
pub fn compare_sides(old: Side<'_>, new: Side<'_>) -> Comparison {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    let api_names = names(&old.spec.apis, &new.spec.apis, |a| &a.name.value);
    for name in &api_names {
        let mut c = Collector {
            scope: Scope::Api(name.clone()),
            out: &mut out,
        };
        let find = |spec: &'_ Spec| spec.apis.iter().find(|a| &a.name.value == name).cloned();
        match (find(old.spec), find(new.spec)) {
            (Some(o), Some(n)) => api(&mut c, &mut unknown, &o, &n),
            (None, Some(n)) => {
                let summary = format!("API added ({})", n.direction.value);
                c.push("", K::ApiAdded, summary, Additive, Additive);
            }
            (Some(_), None) => c.push("", K::ApiRemoved, "API removed".into(), Breaking, Breaking),
            (None, None) => {}
        }
    }
    let roles = object_roles(old.spec).merge(object_roles(new.spec));
    for name in names(&old.spec.objects, &new.spec.objects, |o| &o.name.value) {
        let mut c = Collector {
            scope: Scope::Object(name.clone()),
            out: &mut out,
        };
        if old.borrowed.contains(&name) != new.borrowed.contains(&name) {
            continue;
        }
        let find = |spec: &'_ Spec| spec.objects.iter().find(|o| o.name.value == name).cloned();
        match (find(old.spec), find(new.spec)) {
            (Some(o), Some(n)) => object(&mut c, roles.of(&name), &o, &n),
            (None, Some(_)) => c.push(
                "",
                K::ObjectAdded,
                "object added".into(),
                Additive,
                Additive,
            ),
            (Some(_), None) => c.push(
                "",
                K::ObjectRemoved,
                "object removed".into(),
                Breaking,
                DocOnly,
            ),
            (None, None) => {}
        }
    }
    for name in names(&old.spec.enums, &new.spec.enums, |e| &e.name.value) {
        let mut c = Collector {
            scope: Scope::Enum(name.clone()),
            out: &mut out,
        };
        let find = |spec: &'_ Spec| spec.enums.iter().find(|e| e.name.value == name).cloned();
        match (find(old.spec), find(new.spec)) {
            (Some(o), Some(n)) => enumeration(&mut c, &o, &n),
            (None, Some(_)) => c.push("", K::EnumAdded, "enum added".into(), Additive, Additive),
            (Some(_), None) => c.push("", K::EnumRemoved, "enum removed".into(), Breaking, DocOnly),
            (None, None) => {}
        }
    }
    let mut c = Collector {
        scope: Scope::GatewayCodes,
        out: &mut out,
    };
    let gateway = |spec: &'_ Spec| {
        spec.gateway_codes
            .as_ref()
            .map_or_else(Vec::new, |g| g.value.clone())
    };
    codes(&mut c, &mut unknown, &gateway(old.spec), &gateway(new.spec));
    let (shown, not_shown) = out
        .into_iter()
        .partition(|change| seen_by_both(old.spec, new.spec, change));
    Comparison {
        changes: shown,
        unknown,
        not_shown,
    }
}

/// What [`compare_sides`] finds.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    /// The changes.
    pub changes: Vec<Change>,
    /// Facts either side leaves open.
    pub unknown: Vec<Unknown>,
    /// Differences in a part of a page that one side does not show in full (or ends inside):
    /// "not shown on this page", never a removal or an addition.
    pub not_shown: Vec<Change>,
}

/// Whether both sides show the part `change` is in (a side without a `page:` record shows all).
fn seen_by_both(old: &Spec, new: &Spec, change: &Change) -> bool {
    let part = match (&change.scope, change.location.split('.').next()) {
        (Scope::Api(_), Some("request")) => Part::Request,
        (Scope::Api(_), Some("response")) => Part::Response,
        (Scope::Api(_), Some("result_codes")) => Part::ResultCodes,
        (Scope::Object(name), _) => Part::Children(name.clone()),
        _ => return true,
    };
    let entry = crate::diff::sync::cover::change_path(change);
    let entry = match change.kind.fact() {
        Some(fact) => entry
            .strip_suffix(&format!(".{}", fact.segment()))
            .map_or(entry.clone(), str::to_owned),
        None => entry,
    };
    [old, new].iter().all(|spec| {
        let views: Vec<&PageView> = match &change.scope {
            Scope::Api(name) => spec
                .apis
                .iter()
                .filter(|a| &a.name.value == name)
                .filter_map(|a| a.page.as_ref())
                .collect(),
            _ => spec.apis.iter().filter_map(|a| a.page.as_ref()).collect(),
        };
        views.is_empty()
            || (views.iter().any(|v| v.shows(&part))
                && !views.iter().any(|v| v.is_unfinished(&entry)))
    })
}

/// Every name either list declares, sorted.
fn names<T>(old: &[T], new: &[T], name: impl Fn(&T) -> &String) -> Vec<String> {
    let set: BTreeSet<String> = old.iter().chain(new).map(|t| name(t).clone()).collect();
    set.into_iter().collect()
}

/// Which way each shared object travels: in messages the merchant sends, receives, or both.
#[derive(Default)]
struct ObjectRoles {
    sent: BTreeSet<String>,
    received: BTreeSet<String>,
}

impl ObjectRoles {
    fn merge(mut self, other: ObjectRoles) -> ObjectRoles {
        self.sent.extend(other.sent);
        self.received.extend(other.received);
        self
    }

    /// The role of an object; one used nowhere takes the stricter reading.
    fn of(&self, name: &str) -> Role {
        match (self.sent.contains(name), self.received.contains(name)) {
            (true, false) => Role::Sent,
            (false, true) => Role::Received,
            _ => Role::Both,
        }
    }
}

/// Follows every message's fields through the objects they name.
fn object_roles(spec: &Spec) -> ObjectRoles {
    let mut roles = ObjectRoles::default();
    for api in &spec.apis {
        let (request_sent, response_sent) = if api.is_webhook() {
            (false, true)
        } else {
            (true, false)
        };
        for (message, sent) in [(&api.request, request_sent), (&api.response, response_sent)] {
            let set = if sent {
                &mut roles.sent
            } else {
                &mut roles.received
            };
            let mut pending: Vec<&FieldSpec> = message.fields.iter().collect();
            while let Some(field) = pending.pop() {
                let ty = field.scalar_type();
                if let Some(object) = spec.objects.iter().find(|o| o.name.value == ty)
                    && set.insert(ty.to_owned())
                {
                    pending.extend(object.fields.iter());
                }
            }
        }
    }
    roles
}

fn api(c: &mut Collector<'_>, unknown: &mut Vec<Unknown>, o: &ApiSpec, n: &ApiSpec) {
    if o.direction.value != n.direction.value {
        let summary = format!(
            "direction changed: {} -> {}",
            o.direction.value, n.direction.value
        );
        c.push(
            "direction",
            K::DirectionChanged,
            summary,
            Breaking,
            Breaking,
        );
    }
    let (old_path, new_path) = (value_of(&o.path), value_of(&n.path));
    if old_path != new_path {
        let summary = format!("path changed: {} -> {}", show(&old_path), show(&new_path));
        c.push("path", K::PathChanged, summary, DocOnly, Breaking);
    }
    let scope = c.scope.clone();
    let mut open = |location: &str| {
        unknown.push(Unknown {
            scope: scope.clone(),
            location: location.to_owned(),
        })
    };
    match (o.idempotency_key(), n.idempotency_key()) {
        (Known::Stated(a), Known::Stated(b)) if a != b => {
            let summary = format!("idempotency key changed: {a} -> {b}");
            c.push(
                "idempotency.key",
                K::IdempotencyChanged,
                summary,
                Breaking,
                Breaking,
            );
        }
        (Known::Unknown, _) | (_, Known::Unknown) => open("idempotency.key"),
        _ => {}
    }
    let stated = |rule: Option<&Known<TransportRetry>>| match rule {
        None => Some(None),
        Some(Known::Stated(r)) => Some(Some(*r)),
        Some(Known::Unknown) => None,
    };
    match (stated(o.transport_retry()), stated(n.transport_retry())) {
        (Some(a), Some(b)) if a != b => {
            let summary = format!("transport retry changed: {} -> {}", retry(a), retry(b));
            c.push(
                "idempotency.transport_retry",
                K::TransportRetryChanged,
                summary,
                Breaking,
                DocOnly,
            );
        }
        (None, _) | (_, None) => open("idempotency.transport_retry"),
        _ => {}
    }
    let (old_gateway, new_gateway) = (o.uses_gateway_codes(), n.uses_gateway_codes());
    if old_gateway != new_gateway {
        let (kind, rust, words) = if new_gateway {
            (K::GatewayCodesEnabled, Additive, "now apply")
        } else {
            (K::GatewayCodesDisabled, Breaking, "no longer apply")
        };
        let summary = format!("gateway codes {words}");
        c.push("gateway_codes", kind, summary, rust, DocOnly);
    }
    c.doc("doc", "doc link", &o.doc, &n.doc);
    c.doc(
        "summary",
        "summary",
        &Some(o.summary.clone()),
        &Some(n.summary.clone()),
    );
    c.doc("description", "description", &o.description, &n.description);
    if o.decisions != n.decisions {
        c.push(
            "decisions",
            K::DocChanged,
            "decisions changed".into(),
            DocOnly,
            DocOnly,
        );
    }
    let (request_role, response_role) = if o.is_webhook() && n.is_webhook() {
        (Role::Received, Role::Sent)
    } else {
        (Role::Sent, Role::Received)
    };
    message(c, "request", request_role, o, n);
    message(c, "response", response_role, o, n);
    codes(c, unknown, &o.result_codes, &n.result_codes);
}

/// The message's type name: the explicit `name`, else the default of spec/README.md
/// (`<Api>Request` / `<Api>Response`, or `<Api>Notification` / `<Api>Acknowledgement`).
fn message_name(api: &ApiSpec, request: bool) -> String {
    let message = if request { &api.request } else { &api.response };
    if let Some(name) = &message.name {
        return name.value.clone();
    }
    let mut chars = api.name.value.chars();
    let pascal: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    format!("{pascal}{}", api.message_suffix(request))
}

fn message(c: &mut Collector<'_>, key: &str, role: Role, oa: &ApiSpec, na: &ApiSpec) {
    let request = key == "request";
    let (o, n) = if request {
        (&oa.request, &na.request)
    } else {
        (&oa.response, &na.response)
    };
    let (old_name, new_name) = (message_name(oa, request), message_name(na, request));
    if old_name != new_name {
        let summary = format!("type name changed: {old_name} -> {new_name}");
        c.push(key, K::TypeNameChanged, summary, Breaking, DocOnly);
    }
    c.doc(key, "description", &o.description, &n.description);
    fields(c, key, role, &o.fields, &n.fields);
}

fn object(c: &mut Collector<'_>, role: Role, o: &ObjectSpec, n: &ObjectSpec) {
    rust_name(c, "", &value_of(&o.rust_name), &value_of(&n.rust_name));
    c.doc("", "description", &o.description, &n.description);
    fields(c, "fields", role, &o.fields, &n.fields);
}

fn fields(c: &mut Collector<'_>, prefix: &str, role: Role, old: &[FieldSpec], new: &[FieldSpec]) {
    for o in old {
        let location = format!("{prefix}.{}", o.name.value);
        match new.iter().find(|n| n.name.value == o.name.value) {
            Some(n) => field(c, &location, role, o, n),
            None => {
                let summary = format!("field removed ({})", field_facts(o));
                c.push(&location, K::FieldRemoved, summary, Breaking, Breaking);
            }
        }
    }
    for n in new
        .iter()
        .filter(|n| !old.iter().any(|o| o.name.value == n.name.value))
    {
        let location = format!("{prefix}.{}", n.name.value);
        let required = n.required.value == Required::Yes;
        let impact = match role {
            Role::Sent | Role::Both if required => Breaking,
            _ => Additive,
        };
        let summary = format!("field added ({})", field_facts(n));
        c.push(&location, K::FieldAdded, summary, impact, impact);
    }
}

/// `boolean, optional` / `string, required, max 64, values [CARD]`.
pub fn field_facts(f: &FieldSpec) -> String {
    let mut facts = vec![f.type_text(), f.required.value.wording().to_owned()];
    if let Some(max) = f.max_len() {
        facts.push(format!("max {max}"));
    }
    let values = f.value_list();
    if !values.is_empty() {
        facts.push(format!("values [{}]", values.join(", ")));
    }
    facts.join(", ")
}

/// The stricter of the two readings for shared objects.
fn by_role(role: Role, sent: (Impact, Impact), received: (Impact, Impact)) -> (Impact, Impact) {
    match role {
        Role::Sent => sent,
        Role::Received => received,
        Role::Both => (sent.0.max(received.0), sent.1.max(received.1)),
    }
}

fn field(c: &mut Collector<'_>, location: &str, role: Role, o: &FieldSpec, n: &FieldSpec) {
    if o.ty.value != n.ty.value || value_of(&o.items) != value_of(&n.items) {
        let (rust, wire) = type_change_impact(o, n);
        let summary = format!("type changed: {} -> {}", o.type_text(), n.type_text());
        c.push(location, K::TypeChanged, summary, rust, wire);
    }
    let (old_required, new_required) = (o.required.value, n.required.value);
    if old_required != new_required {
        let (rust, wire) = required_change_impact(role, old_required, new_required);
        let summary = format!(
            "required changed: {} -> {}",
            old_required.wording(),
            new_required.wording()
        );
        c.push(location, K::RequiredChanged, summary, rust, wire);
    }
    if o.max_len() != n.max_len() {
        max_length(c, location, role, o.max_len(), n.max_len());
    }
    if o.value_list() != n.value_list() {
        values(c, location, role, &o.value_list(), &n.value_list());
    }
    if o.min() != n.min() || o.max() != n.max() {
        let narrower = bound_narrower(o.min(), n.min(), |a, b| b > a)
            || bound_narrower(o.max(), n.max(), |a, b| b < a);
        let impact = by_role(
            role,
            if narrower {
                (Breaking, Breaking)
            } else {
                (Additive, Additive)
            },
            (DocOnly, DocOnly),
        );
        let summary = format!(
            "range changed: {}..{} -> {}..{}",
            bound(o.min()),
            bound(o.max()),
            bound(n.min()),
            bound(n.max())
        );
        let kind = if narrower {
            K::RangeNarrowed
        } else {
            K::RangeWidened
        };
        c.push(location, kind, summary, impact.0, impact.1);
    }
    if o.sensitive != n.sensitive {
        let summary = format!("sensitive changed: {} -> {}", o.sensitive, n.sensitive);
        c.push(location, K::SensitiveChanged, summary, DocOnly, DocOnly);
    }
    // Both only change what Debug prints or how a malformed inbound value is reported.
    let (old_reveal, new_reveal) = (value_of(&o.reveal), value_of(&n.reveal));
    if old_reveal != new_reveal {
        let spelling = |r: Option<Reveal>| r.map_or("(none)", Reveal::as_spec);
        let summary = format!(
            "reveal changed: {} -> {}",
            spelling(old_reveal),
            spelling(new_reveal)
        );
        c.push(location, K::RevealChanged, summary, DocOnly, DocOnly);
    }
    let (old_format, new_format) = (value_of(&o.format), value_of(&n.format));
    if old_format != new_format {
        let spelling = |f: Option<Format>| f.map_or("(none)", Format::as_spec);
        let summary = format!(
            "format changed: {} -> {}",
            spelling(old_format),
            spelling(new_format)
        );
        // The Rust type of the value follows its format; the JSON string does not change.
        c.push(location, K::FormatChanged, summary, Breaking, DocOnly);
    }
    if o.is_essential() != n.is_essential() {
        let summary = format!(
            "essential changed: {} -> {}",
            o.is_essential(),
            n.is_essential()
        );
        c.push(location, K::EssentialChanged, summary, DocOnly, DocOnly);
    }
    rust_name(
        c,
        location,
        &value_of(&o.rust_name),
        &value_of(&n.rust_name),
    );
    c.doc(location, "description", &o.description, &n.description);
    c.doc(location, "since", &o.since, &n.since);
    c.doc(location, "note", &o.note, &n.note);
}

fn rust_name(c: &mut Collector<'_>, location: &str, old: &Option<String>, new: &Option<String>) {
    if old != new {
        let summary = format!("Rust name changed: {} -> {}", show(old), show(new));
        c.push(location, K::RustNameChanged, summary, Breaking, DocOnly);
    }
}

fn type_change_impact(o: &FieldSpec, n: &FieldSpec) -> (Impact, Impact) {
    if o.items.is_none() && n.items.is_none() && is_text(&o.ty.value) && is_text(&n.ty.value) {
        return (DocOnly, DocOnly);
    }
    // Every non-array value travels as a JSON string; only a change of JSON shape breaks the wire.
    let shape = |f: &FieldSpec| {
        if f.is_array() {
            "array"
        } else if f
            .ty
            .value
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_uppercase())
        {
            "object-or-enum"
        } else {
            "scalar"
        }
    };
    let wire = if shape(o) == shape(n) && shape(o) != "object-or-enum" {
        DocOnly
    } else {
        Breaking
    };
    (Breaking, wire)
}

fn required_change_impact(role: Role, old: Required, new: Required) -> (Impact, Impact) {
    let optional = |r: Required| r != Required::Yes;
    match (optional(old), optional(new)) {
        // false <-> on_success: both are Option<T>; only the documentation differs.
        (true, true) => (DocOnly, DocOnly),
        // optional -> required
        (true, false) => by_role(role, (Breaking, Breaking), (Breaking, Additive)),
        // required -> optional
        (false, true) => by_role(role, (Breaking, Additive), (Breaking, Breaking)),
        (false, false) => (DocOnly, DocOnly),
    }
}

fn max_length(
    c: &mut Collector<'_>,
    location: &str,
    role: Role,
    old: Option<u64>,
    new: Option<u64>,
) {
    let tightened = match (old, new) {
        (Some(a), Some(b)) => b < a,
        (None, Some(_)) => true,
        _ => false,
    };
    let summary = format!(
        "max length {}: {} -> {}",
        if tightened { "tightened" } else { "loosened" },
        limit(old),
        limit(new)
    );
    // Requests are validated before sending and Antom rejects too-long values; responses are
    // never rejected for a length, but longer values may now arrive.
    let (rust, wire) = if tightened {
        by_role(role, (Breaking, Breaking), (DocOnly, DocOnly))
    } else {
        by_role(role, (Additive, Additive), (DocOnly, Additive))
    };
    let kind = if tightened {
        K::MaxLengthTightened
    } else {
        K::MaxLengthLoosened
    };
    c.push(location, kind, summary, rust, wire);
}

fn values(c: &mut Collector<'_>, location: &str, role: Role, old: &[&str], new: &[&str]) {
    let removed: Vec<&&str> = old.iter().filter(|v| !new.contains(v)).collect();
    // An empty list means "any value": restricting it narrows, lifting it widens.
    let narrowed = (!removed.is_empty() && !new.is_empty()) || (old.is_empty() && !new.is_empty());
    let summary = format!(
        "allowed values changed: [{}] -> [{}]",
        old.join(", "),
        new.join(", ")
    );
    let (rust, wire) = if narrowed {
        by_role(role, (Breaking, Breaking), (DocOnly, DocOnly))
    } else {
        by_role(role, (Additive, Additive), (Additive, Additive))
    };
    let kind = if narrowed {
        K::ValuesNarrowed
    } else {
        K::ValuesWidened
    };
    c.push(location, kind, summary, rust, wire);
}

fn enumeration(c: &mut Collector<'_>, o: &EnumSpec, n: &EnumSpec) {
    rust_name(c, "", &value_of(&o.rust_name), &value_of(&n.rust_name));
    c.doc("", "description", &o.description, &n.description);
    for ov in &o.values {
        let location = format!("values.{}", ov.value.value);
        match n.values.iter().find(|nv| nv.value.value == ov.value.value) {
            Some(nv) => {
                rust_name(
                    c,
                    &location,
                    &value_of(&ov.rust_name),
                    &value_of(&nv.rust_name),
                );
                c.doc(&location, "description", &ov.description, &nv.description);
            }
            None => c.push(
                &location,
                K::EnumValueRemoved,
                "value removed".into(),
                Breaking,
                Breaking,
            ),
        }
    }
    for nv in n
        .values
        .iter()
        .filter(|nv| !o.values.iter().any(|ov| ov.value.value == nv.value.value))
    {
        let location = format!("values.{}", nv.value.value);
        c.push(
            &location,
            K::EnumValueAdded,
            "value added".into(),
            Additive,
            Additive,
        );
    }
}

fn codes(
    c: &mut Collector<'_>,
    unknown: &mut Vec<Unknown>,
    old: &[ResultCodeSpec],
    new: &[ResultCodeSpec],
) {
    for o in old {
        let location = format!("result_codes.{}", o.code.value);
        match new.iter().find(|n| n.code.value == o.code.value) {
            Some(n) => {
                if o.status.value != n.status.value {
                    let summary =
                        format!("status changed: {} -> {}", o.status.value, n.status.value);
                    c.push(&location, K::StatusChanged, summary, Breaking, Breaking);
                }
                match (&o.action.value, &n.action.value) {
                    (Known::Stated(a), Known::Stated(b)) if a != b => {
                        let summary = format!("action changed: {a} -> {b}");
                        c.push(&location, K::ActionChanged, summary, Breaking, DocOnly);
                    }
                    (Known::Unknown, _) | (_, Known::Unknown) => unknown.push(Unknown {
                        scope: c.scope.clone(),
                        location: format!("{location}.action"),
                    }),
                    _ => {}
                }
                c.doc(&location, "description", &o.description, &n.description);
            }
            None => {
                let summary = format!(
                    "result code removed ({}, {})",
                    o.status.value, o.action.value
                );
                c.push(&location, K::CodeRemoved, summary, Breaking, DocOnly);
            }
        }
    }
    for n in new
        .iter()
        .filter(|n| !old.iter().any(|o| o.code.value == n.code.value))
    {
        let location = format!("result_codes.{}", n.code.value);
        let summary = format!("result code added ({}, {})", n.status.value, n.action.value);
        c.push(&location, K::CodeAdded, summary, Additive, Additive);
    }
}

fn retry(value: Option<TransportRetry>) -> &'static str {
    value.map_or("(none)", TransportRetry::as_spec)
}

fn show(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("(none)")
}

fn limit(value: Option<u64>) -> String {
    value.map_or_else(|| "unlimited".to_owned(), |v| v.to_string())
}

fn bound(value: Option<i64>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

fn bound_narrower(old: Option<i64>, new: Option<i64>, stricter: impl Fn(i64, i64) -> bool) -> bool {
    match (old, new) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => stricter(a, b),
        _ => false,
    }
}
