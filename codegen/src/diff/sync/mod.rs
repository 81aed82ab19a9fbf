//! `antom-vault-codegen sync PAGE... [--spec DIR] [--dry-run]`: applies the structural difference
//! between saved Antom pages and spec/ to the spec files, in place.
//!
//! For each page: import it ([`crate::import`]), lay its facts over the spec's snapshot
//! ([`overlay`]) once with and once without the spec's decisions ([`cover`]), and compare both
//! with the spec ([`crate::diff::compare()`](fn@crate::diff::compare)): what the decisions keep is
//! reported as left alone, the rest is applied. The applied snapshot is then written back as text
//! edits at the loader's spans ([`edit`], [`text`]), never by re-serializing, and the edited files
//! are loaded again to check that they say exactly what was meant.

pub mod cli;
pub mod cover;
pub mod edit;
pub mod overlay;
pub mod text;
pub mod unified;

use crate::SourceFile;
use crate::diagnostic::{Diagnostics, Location};
use crate::diff::load::{load, snapshot};
use crate::diff::{Change, compare};
use crate::import::{ImportWarning, import_page};

use cover::{Decisions, change_path};
use edit::Edited;

/// One saved page.
pub struct Page {
    /// Its name in messages (the path given).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// A page difference a decision explains, which `sync` did not apply.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftAlone {
    /// The difference, as `diff` reports it.
    pub change: Change,
    /// The covered path that names it.
    pub path: String,
    /// Where the `covers:` entry is.
    pub at: Location,
    /// The decision's text.
    pub decision: String,
}

/// What a sync does (or, with `--dry-run`, would do).
pub struct Outcome {
    /// The differences applied, as `diff` reports them.
    pub changed: Vec<Change>,
    /// The differences decisions explain.
    pub left_alone: Vec<LeftAlone>,
    /// Page content left alone for another reason (in words), and the importer's warnings.
    pub notes: Vec<String>,
    /// The files whose text changes.
    pub files: Vec<Edited>,
}

/// Works out the sync of `pages` onto the spec `files` (nothing is written).
pub fn plan(files: &[SourceFile], pages: &[Page]) -> Result<Outcome, String> {
    let spec = load(files)?;
    crate::lint(&spec).map_err(|d| Diagnostics(d).to_string())?;
    let old = snapshot(&spec);
    let mut current = old.clone();
    let mut outcome = Outcome {
        changed: Vec::new(),
        left_alone: Vec::new(),
        notes: Vec::new(),
        files: Vec::new(),
    };
    for page in pages {
        let imported = import_page(&page.text).map_err(|e| format!("{}: {e}", page.name))?;
        outcome
            .notes
            .extend(imported.warnings.iter().map(|w| warning(&page.name, w)));
        let decisions = spec
            .apis
            .iter()
            .find(|a| a.name.value == imported.api.name)
            .map_or_else(Decisions::none, Decisions::of);
        let everything = overlay::overlay(&current, &imported.api, Decisions::none())?;
        let applied = overlay::overlay(&current, &imported.api, decisions)?;
        let changes = compare(&current, &applied.snapshot);
        for change in compare(&current, &everything.snapshot) {
            if changes.iter().any(|c| c.line() == change.line()) {
                continue;
            }
            let path = change_path(&change);
            let (at, decision) = decisions
                .explaining(&path)
                .map(|(cover, text)| (cover.path.loc.clone(), text.to_owned()))
                .unwrap_or_else(|| (Location::new(page.name.clone(), 1, 1), String::new()));
            outcome.left_alone.push(LeftAlone {
                change,
                path,
                at,
                decision,
            });
        }
        outcome.changed.extend(changes);
        outcome.notes.extend(applied.notes);
        current = applied.snapshot;
    }
    outcome.files = edit::edit(&spec, files, &old, &current)?;
    verify(files, &outcome.files, &current)?;
    Ok(outcome)
}

fn warning(page: &str, w: &ImportWarning) -> String {
    format!("{page}:{}: warning: {}", w.line, w.message)
}

/// Loads the edited files and checks that they declare exactly the planned snapshot (up to the
/// TODO descriptions of what was added).
fn verify(
    files: &[SourceFile],
    edited: &[Edited],
    planned: &crate::diff::Snapshot,
) -> Result<(), String> {
    let after: Vec<SourceFile> = files
        .iter()
        .map(|f| SourceFile {
            name: f.name.clone(),
            text: edited
                .iter()
                .find(|e| e.name == f.name)
                .map_or_else(|| f.text.clone(), |e| e.after.clone()),
        })
        .collect();
    let spec = load(&after).map_err(|e| format!("the edited spec would not load:\n{e}"))?;
    crate::lint(&spec)
        .map_err(|d| format!("the edited spec would not lint:\n{}", Diagnostics(d)))?;
    let residue: Vec<String> = compare(planned, &snapshot(&spec))
        .iter()
        .filter(|c| c.kind != "doc_changed")
        .map(Change::line)
        .collect();
    if residue.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the edits would not say what sync meant (nothing written):\n  {}",
            residue.join("\n  ")
        ))
    }
}
