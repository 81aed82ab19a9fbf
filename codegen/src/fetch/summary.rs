//! The run in markdown, for a pull-request body: the semver class first, then what changed, then
//! what a maintainer has to decide.

use std::fmt::Write as _;

use super::{PageState, Watch};
use crate::diff::Change;
use crate::diff::report::Summary;

/// The release a set of applied changes calls for.
pub fn semver_class(changes: &[Change]) -> &'static str {
    let summary = Summary::of(changes);
    if summary.breaking > 0 {
        "major (breaking changes)"
    } else if summary.additive > 0 {
        "minor (additive changes)"
    } else if summary.doc_only > 0 {
        "patch (documentation only)"
    } else {
        "none (the pages match spec/)"
    }
}

/// Renders the run.
pub fn markdown(watch: &Watch) -> String {
    let changes: &[Change] = watch.outcome.as_ref().map_or(&[], |o| &o.changed);
    let mut out = String::new();
    let _ = writeln!(out, "# Antom doc watch\n");
    let _ = writeln!(out, "**Semver: {}**", semver_class(changes));
    let count =
        |wanted: fn(&PageState) -> bool| watch.pages.iter().filter(|p| wanted(&p.state)).count();
    let not_applied = count(|s| !matches!(s, PageState::Applied | PageState::EndsEarly));
    let early = count(|s| *s == PageState::EndsEarly);
    if !watch.complete() {
        let refused = if watch.sync_error.is_some() {
            "; sync refused the pages, nothing written"
        } else if watch.blocked() {
            "; the result needs a decision, nothing written"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\nIncomplete run: {not_applied} of {} pages not applied, {early} ending early{refused}. \
             See the decisions below.",
            watch.pages.len()
        );
    }

    let _ = writeln!(out, "\n## Changes\n");
    if changes.is_empty() {
        let _ = writeln!(out, "None.");
    }
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by_key(|c| std::cmp::Reverse(c.severity()));
    for change in sorted {
        let _ = writeln!(out, "- {} ({})", change.line(), change.severity().label());
    }
    if let Some(outcome) = &watch.outcome {
        if !outcome.not_shown.is_empty() {
            let _ = writeln!(
                out,
                "\nNot shown on the pages, kept as they are ({}):",
                outcome.not_shown.len()
            );
            for entry in &outcome.not_shown {
                let _ = writeln!(out, "- {entry}");
            }
        }
        if !outcome.left_alone.is_empty() {
            let _ = writeln!(
                out,
                "\nLeft alone because a decision in spec/ explains them: {}.",
                outcome.left_alone.len()
            );
        }
        for file in &outcome.files {
            let verb = if watch.dry_run || watch.blocked() {
                "would edit"
            } else {
                "edited"
            };
            let _ = writeln!(out, "\n{verb} `{}`", file.name);
        }
    }
    if let Some(Ok(files)) = &watch.generated {
        let _ = writeln!(out, "\nRegenerated {files} files of generated/.");
    }

    let _ = writeln!(out, "\n## Decisions needed\n");
    let decisions = decisions(watch);
    if decisions.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for item in decisions {
        let _ = writeln!(out, "- {item}");
    }
    out
}

/// Every point a maintainer has to look at, one line each.
fn decisions(watch: &Watch) -> Vec<String> {
    let mut items = Vec::new();
    for page in &watch.pages {
        let at = page.url.as_deref().unwrap_or("(no address)");
        let item = match &page.state {
            PageState::Applied => continue,
            PageState::EndsEarly => format!(
                "{}: {at} ends before its result codes; applied, and what it does not show was \
                 kept. Check whether the page is cut off",
                page.api
            ),
            PageState::NoAddress => format!(
                "{}: the spec file has no `doc` address; add one to watch its page",
                page.api
            ),
            PageState::BadAddress(rule) => format!("{}: {rule}", page.api),
            PageState::NotFetched(error) => {
                format!("{}: not fetched, nothing applied: {error}", page.api)
            }
            PageState::NotAPage(reason) => {
                format!("{}: {at} is not read as its page: {reason}", page.api)
            }
        };
        items.push(item);
    }
    if let Some(error) = &watch.sync_error {
        items.push(format!("sync refused the pages, nothing written: {error}"));
    }
    if let Some(Err(error)) = &watch.generated {
        items.push(format!(
            "generated/ is not regenerated yet; after the points below, run \
             `antom-vault-codegen generate`. The generator says: {}",
            error.trim_end().replace('\n', "; ")
        ));
    }
    if let Some(outcome) = &watch.outcome {
        for need in &outcome.needs_decision {
            items.push(match &need.cause {
                Some(cause) => format!("{cause} -> {}", need.rule),
                None => need.rule.clone(),
            });
        }
        items.extend(outcome.notes.iter().cloned());
        let todo = |text: &str| text.matches("TODO").count();
        let added: usize = outcome
            .files
            .iter()
            .map(|f| todo(&f.after).saturating_sub(todo(&f.before)))
            .sum();
        if added > 0 {
            items.push(format!(
                "{added} new TODO markers in the edited spec files: describe what was added in our own words"
            ));
        }
    }
    items
}
