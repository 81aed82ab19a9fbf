//! Absence is not removal: a page cut short (at any heading, or anywhere inside a section) never
//! makes `sync` report a removal or a changed fact that the whole page does not report. Runs on
//! Antom's own pages: the seeds in `../shared/antom/seeds/` and the page openings in
//! `../shared/antom/pages/` (beside the repository, or under `ANTOM_SHARED`); when neither folder
//! is there, the test says so and passes without checking anything.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use antom_vault_codegen::SourceFile;
use antom_vault_codegen::diff::ChangeKind;
use antom_vault_codegen::diff::sync::{Older, Page, plan};
use antom_vault_codegen::import::import_page;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every page file of the shared seeds and openings folders.
fn shared_pages() -> Vec<PathBuf> {
    let shared = std::env::var_os("ANTOM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    let mut pages = Vec::new();
    for folder in ["antom/seeds", "antom/pages"] {
        let Ok(entries) = std::fs::read_dir(shared.join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n != "README.md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

/// The line counts to cut the page after: every heading-like line (a markdown heading, an
/// underlined title, a section name, a parameter line) and 24 places spread over the page.
fn cut_points(text: &str) -> BTreeSet<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut cuts = BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let heading = t.starts_with('#')
            || t.starts_with("===")
            || t.ends_with("parameters")
            || t.contains("codes")
            || t.contains("REQUIRED")
            || t.split_whitespace().nth(1).is_some_and(|w| {
                w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && t.len() < 60
            });
        if heading {
            cuts.insert(i);
            cuts.insert(i + 1);
        }
    }
    for k in 1..=24 {
        cuts.insert(lines.len() * k / 25);
    }
    cuts.retain(|&c| c < lines.len());
    cuts
}

/// The report lines of syncing `text` onto today's spec, without prose-only changes.
fn changes(files: &[SourceFile], name: &str, text: &str) -> Option<Vec<String>> {
    import_page(text).ok()?;
    let page = Page {
        name: name.to_owned(),
        text: text.to_owned(),
    };
    let outcome = plan(files, &[page], Older::Allowed)
        .unwrap_or_else(|e| panic!("{name}: sync fails instead of reporting: {e}"));
    Some(
        outcome
            .changed
            .iter()
            .filter(|c| c.kind != ChangeKind::DocChanged)
            .map(|c| c.line())
            .collect(),
    )
}

#[test]
fn no_cut_of_a_page_reports_a_removal_or_change_the_whole_page_does_not() {
    let pages = shared_pages();
    if pages.is_empty() {
        eprintln!("SKIPPED cut pages: no shared pages (set ANTOM_SHARED to the shared folder)");
        return;
    }
    let files = antom_vault_codegen::output::read_sources(&repo_root().join("spec"), "spec")
        .expect("spec readable");
    let mut checked = 0;
    for path in pages {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let Some(whole) = changes(&files, &name, &text) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        for cut in cut_points(&text) {
            let part = lines[..cut].join("\n");
            let Some(cut_changes) = changes(&files, &name, &part) else {
                continue;
            };
            for change in &cut_changes {
                assert!(
                    whole.contains(change),
                    "{name} cut after line {cut}: `{change}` is not what the whole page says\nwhole page: {whole:#?}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no cut page imported");
}
