//! How a decision names the page differences it explains: `covers:` paths (spec/README.md,
//! "Decisions"). One function spells a change's path, so the report, the overlay and the
//! decisions agree.
//!
//! - `request.F`, `response.F`, `objects.O.F`: the field's presence (added or removed);
//! - `….F.type`, `.required`, `.max_length`, `.values`, `.range`: one fact of the field;
//! - `result_codes.C`, `result_codes.C.status`, `result_codes.C.action`: a code, or one fact of it;
//! - `objects.O`, `enums.E.V`: an object's presence, an enum value's presence;
//! - `direction`, `path`, `idempotency.key`, `idempotency.transport_retry`: the API's settings.

use crate::diagnostic::Diagnostic;
pub use crate::diff::change::Fact;
use crate::diff::{Change, Scope};
use crate::model::{ApiSpec, Cover, Spec};

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
    match change.kind.fact() {
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

/// Checks every `covers:` path of `spec` against the paths a change can have (see the module
/// documentation): a path no change can be at would silently cover nothing.
pub fn check(spec: &Spec) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for api in &spec.apis {
        for cover in &api.covers {
            if let Err(why) = path_shape(spec, &cover.path.value) {
                out.push(Diagnostic::at(
                    &cover.path.loc,
                    format!(
                        "`covers:` names `{}`, which no page difference can be: {why}",
                        cover.path.value
                    ),
                ));
            }
        }
    }
    out
}

/// Whether `path` is a path some change can be at.
fn path_shape(spec: &Spec, path: &str) -> Result<(), String> {
    let parts: Vec<&str> = path.split('.').collect();
    let fact = |segment: &str, of_code: bool| {
        let found = Fact::ALL
            .iter()
            .any(|f| f.segment() == segment && f.of_code() == of_code);
        if found {
            Ok(())
        } else {
            let facts: Vec<&str> = Fact::ALL
                .iter()
                .filter(|f| f.of_code() == of_code)
                .map(|f| f.segment())
                .collect();
            Err(format!("`{segment}` is not one of {}", facts.join(", ")))
        }
    };
    match parts.as_slice() {
        ["direction" | "path"] | ["idempotency", "key" | "transport_retry"] => Ok(()),
        ["request" | "response", _] => Ok(()),
        ["request" | "response", _, segment] => fact(segment, false),
        ["result_codes", _] => Ok(()),
        ["result_codes", _, segment] => fact(segment, true),
        ["objects", _] => Ok(()),
        ["objects", object, rest @ ..] if rest.len() <= 2 => {
            if !spec.objects.iter().any(|o| o.name.value == *object) {
                return Err(format!("the spec has no object `{object}`"));
            }
            match rest {
                [_] => Ok(()),
                [_, segment] => fact(segment, false),
                _ => Ok(()),
            }
        }
        ["enums", name, _] => {
            if spec.enums.iter().any(|e| e.name.value == *name) {
                Ok(())
            } else {
                Err(format!("the spec has no enum `{name}`"))
            }
        }
        _ => Err(
            "expected direction, path, idempotency.key, idempotency.transport_retry, request.F, \
             response.F, objects.O, objects.O.F, result_codes.C or enums.E.V, optionally \
             followed by a fact"
                .into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;

    fn covers_errors(covers: &str) -> Vec<String> {
        let api = format!(
            "api: x\ndirection: merchant_to_antom\npath: /x\nsummary: s\nidempotency:\n  key: id\n  \
             transport_retry: same_id\nrequest:\n  fields: []\nresponse:\n  fields: []\n\
             decisions:\n  - covers: [{covers}]\n    text: t\n"
        );
        let files = [SourceFile {
            name: "x.yaml".into(),
            text: api,
        }];
        let spec = crate::diff::load::load(&files).unwrap();
        check(&spec).iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn a_cover_naming_a_fact_or_place_no_change_has_is_an_error() {
        assert!(covers_errors("request.a, response.b.required, result_codes.C.action").is_empty());
        assert!(covers_errors("direction, idempotency.transport_retry, objects.New").is_empty());
        let errors = covers_errors("request.a.maxlength");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("`maxlength` is not one of type, required"),
            "{errors:?}"
        );
        assert_eq!(covers_errors("result_codes.C.required").len(), 1);
        assert_eq!(covers_errors("objects.Missing.f").len(), 1);
        assert_eq!(covers_errors("responses.b").len(), 1);
    }
}
