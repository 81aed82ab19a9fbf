//! Renders a list of changes: one screen of text for people, JSON for tools.

use std::fmt::Write as _;

use serde::Serialize;

use super::change::{Change, ChangeKind, Impact, Scope};
use super::compare::Unknown;

/// Counts per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Changes whose larger impact is breaking.
    pub breaking: usize,
    /// Changes whose larger impact is additive.
    pub additive: usize,
    /// Changes that only touch documentation.
    pub doc_only: usize,
}

impl Summary {
    /// Counts `changes` by severity.
    pub fn of(changes: &[Change]) -> Self {
        let mut summary = Summary::default();
        for change in changes {
            match change.severity() {
                Impact::Breaking => summary.breaking += 1,
                Impact::Additive => summary.additive += 1,
                Impact::DocOnly => summary.doc_only += 1,
            }
        }
        summary
    }

    /// The release this diff calls for, in words.
    pub fn verdict(&self) -> &'static str {
        if self.breaking > 0 {
            "breaking"
        } else if self.additive > 0 {
            "additive"
        } else if self.doc_only > 0 {
            "doc-only"
        } else {
            "no changes"
        }
    }
}

/// Changes grouped by scope; groups with breaking changes first, breaking changes first in a group.
pub fn grouped(changes: &[Change]) -> Vec<(&Scope, Vec<&Change>)> {
    let mut groups: Vec<(&Scope, Vec<&Change>)> = Vec::new();
    for change in changes {
        match groups.iter_mut().find(|(scope, _)| **scope == change.scope) {
            Some((_, list)) => list.push(change),
            None => groups.push((&change.scope, vec![change])),
        }
    }
    for (_, list) in &mut groups {
        list.sort_by_key(|c| std::cmp::Reverse(c.severity()));
    }
    groups.sort_by_key(|(_, list)| std::cmp::Reverse(list.iter().map(|c| c.severity()).max()));
    groups
}

/// The human report. Changes to prose only (descriptions, notes, links, summaries) are counted
/// per group unless `verbose`; everything else is listed, breaking first.
pub fn text(changes: &[Change], verbose: bool) -> String {
    let mut out = String::new();
    for (scope, list) in grouped(changes) {
        let _ = writeln!(out, "{scope}");
        let mut prose = 0;
        for change in list {
            if change.kind == ChangeKind::DocChanged && !verbose {
                prose += 1;
                continue;
            }
            let place = if change.location.is_empty() {
                String::new()
            } else {
                format!("{}: ", change.location)
            };
            let _ = write!(
                out,
                "  {:<9} {place}{}",
                change.severity().label(),
                change.summary
            );
            if change.rust != change.wire {
                let _ = write!(
                    out,
                    "  [crate: {}, wire: {}]",
                    change.rust.label(),
                    change.wire.label()
                );
            }
            out.push('\n');
        }
        if prose > 0 {
            let _ = writeln!(
                out,
                "  {:<9} {prose} description/note/link change{} (--verbose lists them)",
                Impact::DocOnly.label(),
                if prose == 1 { "" } else { "s" }
            );
        }
    }
    let summary = Summary::of(changes);
    let total = changes.len();
    if total > 0 {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{total} change{}: {} breaking, {} additive, {} doc-only -> {}",
        if total == 1 { "" } else { "s" },
        summary.breaking,
        summary.additive,
        summary.doc_only,
        summary.verdict()
    );
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    breaking: bool,
    summary: Summary,
    changes: &'a [Change],
}

/// The machine report: `{"breaking": bool, "summary": {...}, "changes": [...]}`.
pub fn json(changes: &[Change]) -> String {
    let summary = Summary::of(changes);
    let report = JsonReport {
        breaking: summary.breaking > 0,
        summary,
        changes,
    };
    let mut text =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// The facts a side leaves open, one line each (empty when there are none).
pub fn unknowns(list: &[Unknown]) -> String {
    let mut out = String::new();
    if list.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\nunknown on the page, not compared ({}):", list.len());
    for u in list {
        let _ = writeln!(out, "  {}: {}", u.scope, u.location);
    }
    out
}

/// The differences a partial page cannot settle, one line each (empty when there are none).
pub fn not_shown(list: &[Change]) -> String {
    let mut out = String::new();
    if list.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\nnot shown on the page, so neither removed nor added ({}):",
        list.len()
    );
    for change in list {
        let _ = writeln!(out, "  {}", change.line());
    }
    out
}
