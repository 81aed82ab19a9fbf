//! Compares two [`Snapshot`]s and classifies every difference.

use std::collections::{BTreeMap, BTreeSet};

use super::change::{Change, Impact, Scope};
use super::snapshot::{ApiSnap, CodeSnap, EnumSnap, FieldSnap, MessageSnap, ObjectSnap, Snapshot};
use crate::model::{Required, Reveal, TransportRetry};

use Impact::{Additive, Breaking, DocOnly};

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
        kind: &'static str,
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
            self.push(location, "doc_changed", summary, DocOnly, DocOnly);
        }
    }
}

/// Every semantic change from `old` to `new`, in a stable order (scope, then spec order).
pub fn compare(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    keyed(&old.apis, &new.apis, |name, o, n| {
        let mut c = Collector {
            scope: Scope::Api(name.to_owned()),
            out: &mut out,
        };
        match (o, n) {
            (Some(o), Some(n)) => api(&mut c, o, n),
            (None, Some(n)) => {
                let summary = format!("API added ({})", n.direction);
                c.push("", "api_added", summary, Additive, Additive);
            }
            (Some(_), None) => c.push("", "api_removed", "API removed".into(), Breaking, Breaking),
            (None, None) => {}
        }
    });
    let roles = object_roles(old).merge(object_roles(new));
    keyed(&old.objects, &new.objects, |name, o, n| {
        let mut c = Collector {
            scope: Scope::Object(name.to_owned()),
            out: &mut out,
        };
        if old.borrowed.contains(name) != new.borrowed.contains(name) {
            return;
        }
        match (o, n) {
            (Some(o), Some(n)) => object(&mut c, roles.of(name), o, n),
            (None, Some(_)) => c.push(
                "",
                "object_added",
                "object added".into(),
                Additive,
                Additive,
            ),
            (Some(_), None) => c.push(
                "",
                "object_removed",
                "object removed".into(),
                Breaking,
                DocOnly,
            ),
            (None, None) => {}
        }
    });
    keyed(&old.enums, &new.enums, |name, o, n| {
        let mut c = Collector {
            scope: Scope::Enum(name.to_owned()),
            out: &mut out,
        };
        match (o, n) {
            (Some(o), Some(n)) => enumeration(&mut c, o, n),
            (None, Some(_)) => c.push("", "enum_added", "enum added".into(), Additive, Additive),
            (Some(_), None) => c.push("", "enum_removed", "enum removed".into(), Breaking, DocOnly),
            (None, None) => {}
        }
    });
    let mut c = Collector {
        scope: Scope::GatewayCodes,
        out: &mut out,
    };
    codes(&mut c, &old.gateway_codes, &new.gateway_codes);
    out
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
fn object_roles(snapshot: &Snapshot) -> ObjectRoles {
    let mut roles = ObjectRoles::default();
    for api in snapshot.apis.values() {
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
            let mut pending: Vec<&FieldSnap> = message.fields.iter().collect();
            while let Some(field) = pending.pop() {
                let ty = field.items.as_ref().unwrap_or(&field.ty);
                if let Some(object) = snapshot.objects.get(ty)
                    && set.insert(ty.clone())
                {
                    pending.extend(object.fields.iter());
                }
            }
        }
    }
    roles
}

/// Calls `each` for every key of either map, in key order.
fn keyed<T>(
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    mut each: impl FnMut(&str, Option<&T>, Option<&T>),
) {
    let mut names: Vec<&String> = old.keys().chain(new.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        each(name, old.get(name), new.get(name));
    }
}

fn api(c: &mut Collector<'_>, o: &ApiSnap, n: &ApiSnap) {
    if o.direction != n.direction {
        let summary = format!("direction changed: {} -> {}", o.direction, n.direction);
        c.push(
            "direction",
            "direction_changed",
            summary,
            Breaking,
            Breaking,
        );
    }
    if o.path != n.path {
        let summary = format!("path changed: {} -> {}", show(&o.path), show(&n.path));
        c.push("path", "path_changed", summary, DocOnly, Breaking);
    }
    if o.idempotency_key != n.idempotency_key {
        let summary = format!(
            "idempotency key changed: {} -> {}",
            o.idempotency_key, n.idempotency_key
        );
        c.push(
            "idempotency.key",
            "idempotency_changed",
            summary,
            Breaking,
            Breaking,
        );
    }
    if o.transport_retry != n.transport_retry {
        let summary = format!(
            "transport retry changed: {} -> {}",
            retry(o.transport_retry),
            retry(n.transport_retry)
        );
        c.push(
            "idempotency.transport_retry",
            "transport_retry_changed",
            summary,
            Breaking,
            DocOnly,
        );
    }
    if o.gateway_codes != n.gateway_codes {
        let (kind, rust) = if n.gateway_codes {
            ("gateway_codes_enabled", Additive)
        } else {
            ("gateway_codes_disabled", Breaking)
        };
        let summary = format!(
            "gateway codes {}",
            if n.gateway_codes {
                "now apply"
            } else {
                "no longer apply"
            }
        );
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
            "doc_changed",
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
    message(c, "request", request_role, &o.request, &n.request);
    message(c, "response", response_role, &o.response, &n.response);
    codes(c, &o.codes, &n.codes);
}

fn message(c: &mut Collector<'_>, key: &str, role: Role, o: &MessageSnap, n: &MessageSnap) {
    if o.name != n.name {
        let summary = format!("type name changed: {} -> {}", show(&o.name), show(&n.name));
        c.push(key, "type_name_changed", summary, Breaking, DocOnly);
    }
    c.doc(key, "description", &o.description, &n.description);
    fields(c, key, role, &o.fields, &n.fields);
}

fn object(c: &mut Collector<'_>, role: Role, o: &ObjectSnap, n: &ObjectSnap) {
    if o.rust_name != n.rust_name {
        let summary = format!(
            "Rust name changed: {} -> {}",
            show(&o.rust_name),
            show(&n.rust_name)
        );
        c.push("", "rust_name_changed", summary, Breaking, DocOnly);
    }
    c.doc("", "description", &o.description, &n.description);
    fields(c, "fields", role, &o.fields, &n.fields);
}

fn fields(c: &mut Collector<'_>, prefix: &str, role: Role, old: &[FieldSnap], new: &[FieldSnap]) {
    for o in old {
        let location = format!("{prefix}.{}", o.name);
        match new.iter().find(|n| n.name == o.name) {
            Some(n) => field(c, &location, role, o, n),
            None => {
                let summary = format!("field removed ({})", field_facts(o));
                c.push(&location, "field_removed", summary, Breaking, Breaking);
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.name == n.name)) {
        let location = format!("{prefix}.{}", n.name);
        let required = n.required == Required::Yes;
        let impact = match role {
            Role::Sent | Role::Both if required => Breaking,
            _ => Additive,
        };
        let summary = format!("field added ({})", field_facts(n));
        c.push(&location, "field_added", summary, impact, impact);
    }
}

/// `boolean, optional` / `string, required, max 64, values [CARD]`.
fn field_facts(f: &FieldSnap) -> String {
    let mut facts = vec![f.type_text(), f.required.wording().to_owned()];
    if let Some(max) = f.max_length {
        facts.push(format!("max {max}"));
    }
    if !f.values.is_empty() {
        facts.push(format!("values [{}]", f.values.join(", ")));
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

fn field(c: &mut Collector<'_>, location: &str, role: Role, o: &FieldSnap, n: &FieldSnap) {
    if o.ty != n.ty || o.items != n.items {
        let (rust, wire) = type_change_impact(o, n);
        let summary = format!("type changed: {} -> {}", o.type_text(), n.type_text());
        c.push(location, "type_changed", summary, rust, wire);
    }
    if o.required != n.required {
        let (rust, wire) = required_change_impact(role, o.required, n.required);
        let summary = format!(
            "required changed: {} -> {}",
            o.required.wording(),
            n.required.wording()
        );
        c.push(location, "required_changed", summary, rust, wire);
    }
    if o.max_length != n.max_length {
        max_length(c, location, role, o.max_length, n.max_length);
    }
    if o.values != n.values {
        values(c, location, role, &o.values, &n.values);
    }
    if o.minimum != n.minimum || o.maximum != n.maximum {
        let narrower = bound_narrower(o.minimum, n.minimum, |a, b| b > a)
            || bound_narrower(o.maximum, n.maximum, |a, b| b < a);
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
            bound(o.minimum),
            bound(o.maximum),
            bound(n.minimum),
            bound(n.maximum)
        );
        c.push(
            location,
            if narrower {
                "range_narrowed"
            } else {
                "range_widened"
            },
            summary,
            impact.0,
            impact.1,
        );
    }
    if o.sensitive != n.sensitive {
        let summary = format!("sensitive changed: {} -> {}", o.sensitive, n.sensitive);
        c.push(location, "sensitive_changed", summary, DocOnly, DocOnly);
    }
    // Both only change what Debug prints or how a malformed inbound value is reported.
    if o.reveal != n.reveal {
        let spelling = |r: Option<Reveal>| r.map_or("(none)", Reveal::as_spec);
        let summary = format!(
            "reveal changed: {} -> {}",
            spelling(o.reveal),
            spelling(n.reveal)
        );
        c.push(location, "reveal_changed", summary, DocOnly, DocOnly);
    }
    if o.essential != n.essential {
        let summary = format!("essential changed: {} -> {}", o.essential, n.essential);
        c.push(location, "essential_changed", summary, DocOnly, DocOnly);
    }
    if o.rust_name != n.rust_name {
        let summary = format!(
            "Rust name changed: {} -> {}",
            show(&o.rust_name),
            show(&n.rust_name)
        );
        c.push(location, "rust_name_changed", summary, Breaking, DocOnly);
    }
    c.doc(location, "description", &o.description, &n.description);
    c.doc(location, "since", &o.since, &n.since);
    c.doc(location, "note", &o.note, &n.note);
}

/// Types that are all a Rust `String` and a JSON string.
fn is_text(ty: &str) -> bool {
    matches!(ty, "string" | "url" | "datetime")
}

fn type_change_impact(o: &FieldSnap, n: &FieldSnap) -> (Impact, Impact) {
    if o.items.is_none() && n.items.is_none() && is_text(&o.ty) && is_text(&n.ty) {
        return (DocOnly, DocOnly);
    }
    // Every non-array value travels as a JSON string; only a change of JSON shape breaks the wire.
    let shape = |f: &FieldSnap| {
        if f.items.is_some() || f.ty == "array" {
            "array"
        } else if f
            .ty
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
        "max_length_tightened"
    } else {
        "max_length_loosened"
    };
    c.push(location, kind, summary, rust, wire);
}

fn values(c: &mut Collector<'_>, location: &str, role: Role, old: &[String], new: &[String]) {
    let removed: Vec<&String> = old.iter().filter(|v| !new.contains(v)).collect();
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
        "values_narrowed"
    } else {
        "values_widened"
    };
    c.push(location, kind, summary, rust, wire);
}

fn enumeration(c: &mut Collector<'_>, o: &EnumSnap, n: &EnumSnap) {
    if o.rust_name != n.rust_name {
        let summary = format!(
            "Rust name changed: {} -> {}",
            show(&o.rust_name),
            show(&n.rust_name)
        );
        c.push("", "rust_name_changed", summary, Breaking, DocOnly);
    }
    c.doc("", "description", &o.description, &n.description);
    for ov in &o.values {
        let location = format!("values.{}", ov.value);
        match n.values.iter().find(|nv| nv.value == ov.value) {
            Some(nv) => {
                if ov.rust_name != nv.rust_name {
                    let summary = format!(
                        "Rust name changed: {} -> {}",
                        show(&ov.rust_name),
                        show(&nv.rust_name)
                    );
                    c.push(&location, "rust_name_changed", summary, Breaking, DocOnly);
                }
                c.doc(&location, "description", &ov.description, &nv.description);
            }
            None => c.push(
                &location,
                "enum_value_removed",
                "value removed".into(),
                Breaking,
                Breaking,
            ),
        }
    }
    for nv in n
        .values
        .iter()
        .filter(|nv| !o.values.iter().any(|ov| ov.value == nv.value))
    {
        let location = format!("values.{}", nv.value);
        c.push(
            &location,
            "enum_value_added",
            "value added".into(),
            Additive,
            Additive,
        );
    }
}

fn codes(c: &mut Collector<'_>, old: &[CodeSnap], new: &[CodeSnap]) {
    for o in old {
        let location = format!("result_codes.{}", o.code);
        match new.iter().find(|n| n.code == o.code) {
            Some(n) => {
                if o.status != n.status {
                    let summary = format!("status changed: {} -> {}", o.status, n.status);
                    c.push(&location, "status_changed", summary, Breaking, Breaking);
                }
                if o.action != n.action {
                    let summary = format!("action changed: {} -> {}", o.action, n.action);
                    c.push(&location, "action_changed", summary, Breaking, DocOnly);
                }
                c.doc(&location, "description", &o.description, &n.description);
            }
            None => {
                let summary = format!("result code removed ({}, {})", o.status, o.action);
                c.push(&location, "code_removed", summary, Breaking, DocOnly);
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.code == n.code)) {
        let location = format!("result_codes.{}", n.code);
        let summary = format!("result code added ({}, {})", n.status, n.action);
        c.push(&location, "code_added", summary, Additive, Additive);
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
