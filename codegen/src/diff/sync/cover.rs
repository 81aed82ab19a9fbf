//! How a decision names the page differences it explains: `covers:` paths (spec/README.md,
//! "Decisions"). One function spells a change's path, so the report, the overlay and the
//! decisions agree.
//!
//! - `request.F`, `response.F`, `objects.O.F`: the field's presence (added or removed);
//! - `….F.type`, `.required`, `.max_length`, `.values`, `.range`: one fact of the field;
//! - `result_codes.C`, `result_codes.C.status`, `result_codes.C.action`: a code, or one fact of it;
//! - `objects.O`, `enums.E.V`: an object's presence, an enum value's presence;
//! - `direction`, `path`, `idempotency.key`, `idempotency.transport_retry`: the API's settings.

use crate::diff::{Change, Scope};
use crate::model::{ApiSpec, Cover};

/// A field's or code's fact, as the last part of a covered path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// `type` (with `items`).
    Type,
    /// `required`.
    Required,
    /// `max_length`.
    MaxLength,
    /// `values`.
    Values,
    /// `minimum` and `maximum`.
    Range,
    /// A result code's `status`.
    Status,
    /// A result code's `action`.
    Action,
}

impl Fact {
    /// The path segment.
    pub fn segment(self) -> &'static str {
        match self {
            Fact::Type => "type",
            Fact::Required => "required",
            Fact::MaxLength => "max_length",
            Fact::Values => "values",
            Fact::Range => "range",
            Fact::Status => "status",
            Fact::Action => "action",
        }
    }

    /// The fact a change kind is about; `None` for presence (added, removed) and settings.
    fn of_kind(kind: &str) -> Option<Fact> {
        Some(match kind {
            "type_changed" => Fact::Type,
            "required_changed" => Fact::Required,
            "max_length_tightened" | "max_length_loosened" => Fact::MaxLength,
            "values_narrowed" | "values_widened" => Fact::Values,
            "range_narrowed" | "range_widened" => Fact::Range,
            "status_changed" => Fact::Status,
            "action_changed" => Fact::Action,
            _ => return None,
        })
    }
}

/// `base.fact`.
pub fn fact_path(base: &str, fact: Fact) -> String {
    format!("{base}.{}", fact.segment())
}

/// The covered path a change is at.
pub fn change_path(change: &Change) -> String {
    let base = match &change.scope {
        Scope::Api(_) => change.location.clone(),
        Scope::Object(name) => join(
            &format!("objects.{name}"),
            strip(&change.location, "fields"),
        ),
        Scope::Enum(name) => join(&format!("enums.{name}"), strip(&change.location, "values")),
        Scope::GatewayCodes => join("gateway_codes", strip(&change.location, "result_codes")),
    };
    match Fact::of_kind(change.kind) {
        Some(fact) => fact_path(&base, fact),
        None => base,
    }
}

fn strip<'a>(location: &'a str, prefix: &str) -> &'a str {
    location
        .strip_prefix(prefix)
        .map_or(location, |rest| rest.trim_start_matches('.'))
}

fn join(base: &str, rest: &str) -> String {
    if rest.is_empty() {
        base.to_owned()
    } else {
        format!("{base}.{rest}")
    }
}

/// The decisions of one API, asked whether they cover a path.
#[derive(Clone, Copy)]
pub struct Decisions<'a> {
    decisions: &'a [String],
    covers: &'a [Cover],
}

impl<'a> Decisions<'a> {
    /// The decisions of `api`.
    pub fn of(api: &'a ApiSpec) -> Self {
        Decisions {
            decisions: &api.decisions,
            covers: &api.covers,
        }
    }

    /// No decisions at all: every difference is applied.
    pub fn none() -> Self {
        Decisions {
            decisions: &[],
            covers: &[],
        }
    }

    /// Whether a decision covers `path`.
    pub fn covers(&self, path: &str) -> bool {
        self.explaining(path).is_some()
    }

    /// The cover naming `path`, and its decision's text.
    pub fn explaining(&self, path: &str) -> Option<(&'a Cover, &'a str)> {
        let cover = self.covers.iter().find(|c| c.path.value == path)?;
        Some((cover, self.decisions.get(cover.decision)?.as_str()))
    }

    /// Every cover.
    pub fn all(&self) -> &'a [Cover] {
        self.covers
    }
}
