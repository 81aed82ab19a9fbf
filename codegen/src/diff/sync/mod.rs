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
use crate::diff::load::load;
use crate::diff::{Change, ChangeKind, compare};
use crate::import::{ImportWarning, Imported, import_page};
use crate::model::{Spec, SyncedFrom};

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

/// A lint rule the edited spec would break, and the page change that leads to it.
#[derive(Clone, Debug, PartialEq)]
pub struct NeedsDecision {
    /// The page change (a line of the report), when one names the same entry.
    pub cause: Option<String>,
    /// The rule broken, with its location in the edited file.
    pub rule: String,
}

/// What a sync does (or, with `--dry-run`, would do).
pub struct Outcome {
    /// The pages in the order they were applied (oldest first), with their dates.
    pub applied: Vec<(String, Option<String>)>,
    /// The differences applied: the spec before against the spec after, as `diff` reports
    /// them (so the report names every change the files show).
    pub changed: Vec<Change>,
    /// The differences decisions explain.
    pub left_alone: Vec<LeftAlone>,
    /// Entries of the spec the pages do not show: kept, not removed.
    pub not_shown: Vec<String>,
    /// Page content left alone for another reason (in words), and the importer's warnings.
    pub notes: Vec<String>,
    /// Lint rules the edited spec would break. When any is listed nothing may be written.
    pub needs_decision: Vec<NeedsDecision>,
    /// The files whose text changes.
    pub files: Vec<Edited>,
}

/// How `plan` treats a page older than the one the spec was last synced from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Older {
    /// Refused, naming both dates.
    Refused,
    /// Applied (`--allow-older`).
    Allowed,
}

/// Works out the sync of `pages` onto the spec `files` (nothing is written). Pages are applied
/// oldest first, whatever their order in `pages`.
pub fn plan(files: &[SourceFile], pages: &[Page], older: Older) -> Result<Outcome, String> {
    let spec = load(files)?;
    crate::lint(&spec).map_err(|d| Diagnostics(d).to_string())?;
    let mut imported = Vec::new();
    for page in pages {
        let page_import = import_page(&page.text).map_err(|e| format!("{}: {e}", page.name))?;
        imported.push((page, page_import));
    }
    // Oldest first; an undated page (the current markdown export shows no date) after every
    // dated one; ties by name, then by text, so the order of the arguments never matters.
    imported.sort_by(|(a, ia), (b, ib)| {
        let key = |page: &Imported| {
            let date = page.page().date.clone();
            (date.is_none(), date)
        };
        (key(ia), &a.name, &a.text).cmp(&(key(ib), &b.name, &b.text))
    });
    let mut current = spec.clone();
    let mut outcome = Outcome {
        applied: Vec::new(),
        changed: Vec::new(),
        left_alone: Vec::new(),
        not_shown: Vec::new(),
        notes: Vec::new(),
        needs_decision: Vec::new(),
        files: Vec::new(),
    };
    for (page, imported) in &imported {
        if older == Older::Refused {
            refuse_older(&spec, page, imported)?;
        }
        outcome
            .applied
            .push((page.name.clone(), imported.page().date.clone()));
        outcome
            .notes
            .extend(imported.warnings().iter().map(|w| warning(&page.name, w)));
        if imported.page().ends_early {
            outcome.notes.push(format!(
                "{}: the page ends before its result codes are shown in full (no heading follows them); what it does not show is kept",
                page.name
            ));
        }
        let decisions = spec
            .apis
            .iter()
            .find(|a| a.name.value == imported.name())
            .map_or_else(Decisions::none, Decisions::of);
        let everything = overlay::overlay(&current, imported, Decisions::none())?;
        let mut applied = overlay::overlay(&current, imported, decisions)?;
        let changes = compare(&current, &applied.spec);
        for change in compare(&current, &everything.spec) {
            if changes.iter().any(|c| c.line() == change.line()) {
                continue;
            }
            let path = change_path(&change);
            let (at, decision) = decisions
                .explaining(&path)
                .map(|(cover, text)| (cover.path.loc.clone(), text.to_owned()))
                .unwrap_or_else(|| (Location::new(page.name.clone(), 1, 1), String::new()));
            let left = LeftAlone {
                change,
                path,
                at,
                decision,
            };
            if !outcome.left_alone.contains(&left) {
                outcome.left_alone.push(left);
            }
        }
        outcome.notes.append(&mut applied.notes);
        record_source(&mut applied.spec, page, imported, !changes.is_empty());
        // What this page shows is no longer "not shown" by an earlier one.
        outcome
            .not_shown
            .retain(|entry| !shows_entry(imported, entry));
        for entry in applied.not_shown {
            if !outcome.not_shown.contains(&entry) {
                outcome.not_shown.push(entry);
            }
        }
        current = applied.spec;
    }
    outcome.changed = compare(&spec, &current);
    // An entry a later page shows is no longer "not shown".
    let changed_paths: Vec<String> = outcome.changed.iter().map(change_path).collect();
    outcome.not_shown.retain(|entry| {
        let path = entry.split_once(": ").map_or(entry.as_str(), |(_, p)| p);
        !changed_paths.iter().any(|c| c == path)
    });
    outcome.files = edit::edit(files, &spec, &current)?;
    outcome.needs_decision = verify(files, &outcome.files, &current, &outcome.changed)?;
    Ok(outcome)
}

/// Records a dated page that changes the API as its `synced_from`, so that a page older than it
/// is refused later. A page that changes nothing writes nothing; an undated page cannot be
/// ordered and is not recorded.
fn record_source(spec: &mut Spec, page: &Page, imported: &Imported, changes: bool) {
    let Some(api) = spec
        .apis
        .iter_mut()
        .find(|a| a.name.value == imported.name())
    else {
        return;
    };
    if imported.page().date.is_none() || !changes {
        return;
    }
    let file = std::path::Path::new(&page.name)
        .file_name()
        .map_or_else(|| page.name.clone(), |n| n.to_string_lossy().into_owned());
    api.synced_from = Some(SyncedFrom {
        page: file,
        date: imported.page().date.clone(),
    });
}

/// Whether the page holds the entry of a "not shown" line (`api: request.x ...`).
fn shows_entry(imported: &Imported, entry: &str) -> bool {
    let Some((api, path)) = entry.split_once(": ") else {
        return false;
    };
    let path = path.split(' ').next().unwrap_or_default();
    let parts: Vec<&str> = path.split('.').collect();
    let page = imported.api();
    let has = |fields: &[crate::model::FieldSpec], name: &str| {
        fields.iter().any(|f| f.name.value == name)
    };
    api == imported.name()
        && match parts.as_slice() {
            ["request", name] => has(&page.request.fields, name),
            ["response", name] => has(&page.response.fields, name),
            ["result_codes", code] => page.result_codes.iter().any(|c| c.code.value == *code),
            ["objects", object, name] => imported
                .spec()
                .objects
                .iter()
                .any(|o| o.name.value == *object && has(&o.fields, name)),
            _ => false,
        }
}

/// `files` with the edits applied.
pub fn after(files: &[SourceFile], edited: &[Edited]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|f| SourceFile {
            name: f.name.clone(),
            text: edited
                .iter()
                .find(|e| e.name == f.name)
                .map_or_else(|| f.text.clone(), |e| e.after.clone()),
        })
        .collect()
}

/// Refuses a page older than the source the spec was last synced from.
fn refuse_older(spec: &Spec, page: &Page, imported: &Imported) -> Result<(), String> {
    let Some(api) = spec.apis.iter().find(|a| a.name.value == imported.name()) else {
        return Ok(());
    };
    let (Some(page_date), Some(synced)) = (&imported.page().date, &api.synced_from) else {
        return Ok(());
    };
    match &synced.date {
        Some(spec_date) if page_date < spec_date => Err(format!(
            "{}: the page is dated {page_date}, older than {spec_date}, the date of `{}` that {} was last synced from; pass --allow-older to apply it anyway",
            page.name, synced.page, api.name.value
        )),
        _ => Ok(()),
    }
}

fn warning(page: &str, w: &ImportWarning) -> String {
    format!("{page}:{}: warning: {}", w.line, w.message)
}

/// Loads the edited files and checks that they declare exactly the planned spec (up to the
/// TODO descriptions of what was added). Lint errors are returned, each with the page change
/// that names the same entry: they are decisions for the maintainer, not failures of sync.
fn verify(
    files: &[SourceFile],
    edited: &[Edited],
    planned: &Spec,
    changed: &[Change],
) -> Result<Vec<NeedsDecision>, String> {
    let spec =
        load(&after(files, edited)).map_err(|e| format!("the edited spec would not load:\n{e}"))?;
    let residue: Vec<String> = compare(planned, &spec)
        .iter()
        .filter(|c| c.kind != ChangeKind::DocChanged)
        .map(Change::line)
        .collect();
    if !residue.is_empty() {
        return Err(format!(
            "the edits would not say what sync meant (nothing written):\n  {}",
            residue.join("\n  ")
        ));
    }
    let Err(diagnostics) = crate::lint(&spec) else {
        return Ok(Vec::new());
    };
    Ok(diagnostics
        .iter()
        .map(|d| NeedsDecision {
            cause: cause_of(&d.message, changed).map(Change::line),
            rule: d.to_string(),
        })
        .collect())
}

/// The page change a lint message is about: one whose entry the message names (in backticks),
/// else one whose summary names something the message names (a new type, say).
fn cause_of<'c>(message: &str, changed: &'c [Change]) -> Option<&'c Change> {
    let named: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let facts = changed.iter().filter(|c| c.kind != ChangeKind::DocChanged);
    let entry = |c: &Change| c.location.rsplit('.').next().unwrap_or_default().to_owned();
    facts
        .clone()
        .find(|c| named.contains(&entry(c).as_str()))
        .or_else(|| {
            facts.clone().find(|c| {
                c.summary
                    .split(|ch: char| !ch.is_ascii_alphanumeric() && ch != '_')
                    .any(|word| !word.is_empty() && named.contains(&word))
            })
        })
}
