//! What `sync` does with several pages, older pages and pages whose result would not lint: pages
//! apply oldest first whatever the argument order, a page older than the last synced one is
//! refused unless allowed, the report names every change the edited files show, and a result
//! that needs a decision is reported with its cause and written nowhere (exit status 3). Pages are
//! the invented parkGadget page of tests/fixtures/sync with dates and small edits.

use std::path::{Path, PathBuf};
use std::process::Command;

use antom_vault_codegen::SourceFile;
use antom_vault_codegen::diff::load::load;
use antom_vault_codegen::diff::sync::cli::report;
use antom_vault_codegen::diff::sync::{Older, Outcome, Page, plan};
use antom_vault_codegen::diff::{ChangeKind, compare};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync")
}

fn spec_files() -> Vec<SourceFile> {
    antom_vault_codegen::output::read_sources(&fixtures().join("spec"), "spec")
        .expect("spec readable")
}

/// The fixture page, dated `date`, with each `(from, to)` replacement made once.
fn dated_page(name: &str, date: &str, edits: &[(&str, &str)]) -> Page {
    let mut text = std::fs::read_to_string(fixtures().join("park_gadget.md")).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "`{from}` on the fixture page");
        text = text.replacen(from, to, 1);
    }
    let text = text.replacen(
        "# parkGadget\n",
        &format!("# parkGadget\n\nLast updated: {date}\n"),
        1,
    );
    Page {
        name: name.to_owned(),
        text,
    }
}

/// The files after the outcome's edits.
fn applied(files: &[SourceFile], outcome: &Outcome) -> Vec<SourceFile> {
    antom_vault_codegen::diff::sync::after(files, &outcome.files)
}

fn three_pages() -> Vec<Page> {
    vec![
        dated_page(
            "a.md",
            "2024-01-10",
            &[("Maximum length: 32", "Maximum length: 20")],
        ),
        dated_page(
            "b.md",
            "2024-06-01",
            &[("Maximum length: 32", "Maximum length: 24")],
        ),
        dated_page(
            "c.md",
            "2023-03-05",
            &[("#### note (String)", "#### memo (String)")],
        ),
    ]
}

#[test]
fn every_argument_order_gives_the_same_files_and_report() {
    let files = spec_files();
    let pages = three_pages();
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut results = Vec::new();
    for order in orders {
        let ordered: Vec<Page> = order
            .iter()
            .map(|&i| Page {
                name: pages[i].name.clone(),
                text: pages[i].text.clone(),
            })
            .collect();
        let outcome = plan(&files, &ordered, Older::Refused).unwrap_or_else(|e| panic!("{e}"));
        let texts: Vec<(String, String)> = outcome
            .files
            .iter()
            .map(|f| (f.name.clone(), f.after.clone()))
            .collect();
        results.push((texts, report(&outcome, true)));
    }
    for result in &results[1..] {
        assert_eq!(result, &results[0]);
    }
    let (texts, text) = &results[0];
    assert!(
        text.starts_with(
            "pages, oldest first:\n  c.md (2023-03-05)\n  a.md (2024-01-10)\n  b.md (2024-06-01)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("request.parkRequestId: max length tightened: 32 -> 24"),
        "the newest page's length wins: {text}"
    );
    let after = &texts[0].1;
    assert!(after.contains("max_length: 24"), "{after}");
    assert!(
        after.contains("synced_from:\n  page: b.md\n  date: \"2024-06-01\"\n"),
        "{after}"
    );
}

#[test]
fn the_report_names_every_change_the_edited_files_show() {
    let files = spec_files();
    let outcome = plan(&files, &three_pages(), Older::Refused).unwrap();
    let before = load(&files).unwrap();
    let after = load(&applied(&files, &outcome)).unwrap();
    let in_files: Vec<String> = compare(&before, &after)
        .iter()
        .filter(|c| c.kind != ChangeKind::DocChanged)
        .map(|c| c.line())
        .collect();
    let reported: Vec<String> = outcome
        .changed
        .iter()
        .filter(|c| c.kind != ChangeKind::DocChanged)
        .map(|c| c.line())
        .collect();
    assert_eq!(reported, in_files);
    assert!(
        !reported.iter().any(|l| l.contains("32 -> 20")),
        "an intermediate page's value that a later page replaces is not reported: {reported:#?}"
    );
}

#[test]
fn a_page_older_than_the_last_synced_one_is_refused_unless_allowed() {
    let files = spec_files();
    let newer = dated_page(
        "new.md",
        "2024-06-01",
        &[("Maximum length: 32", "Maximum length: 24")],
    );
    let outcome = plan(&files, &[newer], Older::Refused).unwrap();
    let synced = applied(&files, &outcome);
    let older = || {
        dated_page(
            "old.md",
            "2024-01-10",
            &[("Maximum length: 32", "Maximum length: 20")],
        )
    };
    let error = match plan(&synced, &[older()], Older::Refused) {
        Ok(_) => panic!("an older page is refused"),
        Err(error) => error,
    };
    assert!(
        error.contains("2024-01-10") && error.contains("2024-06-01"),
        "{error}"
    );
    assert!(error.contains("--allow-older"), "{error}");
    let allowed = plan(&synced, &[older()], Older::Allowed).unwrap();
    assert_eq!(allowed.changed.len(), 1, "{:?}", allowed.changed);
}

#[test]
fn a_result_that_needs_a_decision_is_reported_with_its_cause_and_written_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(fixtures().join("spec")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let page = dated_page(
        "page.md",
        "2024-06-01",
        &[(
            "#### parkState (String)",
            "#### parkState (String, REQUIRED)",
        )],
    );
    let page_path = dir.path().join("page.md");
    std::fs::write(&page_path, &page.text).unwrap();
    let spec_file = dir.path().join("park_gadget.yaml");
    let before = std::fs::read_to_string(&spec_file).unwrap();
    for extra in [&["--dry-run"][..], &[][..]] {
        let output = Command::new(env!("CARGO_BIN_EXE_antom-vault-codegen"))
            .arg("sync")
            .arg(&page_path)
            .arg("--spec")
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(3), "{stdout}");
        assert!(
            stdout.contains("response.parkState: required changed: optional -> required"),
            "the page's change is reported: {stdout}"
        );
        assert!(stdout.contains("needs a decision (1)"), "{stdout}");
        assert!(
            stdout.contains(
                "page: parkGadget: response.parkState: required changed: optional -> required\n    rule: "
            ),
            "the rule is traced to the page fact: {stdout}"
        );
        assert!(
            stdout.contains("essential"),
            "the choice is named: {stdout}"
        );
        assert_eq!(
            std::fs::read_to_string(&spec_file).unwrap(),
            before,
            "nothing is written"
        );
    }
}

#[test]
fn the_2023_page_with_the_current_one_in_either_order_removes_nothing() {
    let shared = std::env::var_os("ANTOM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    let seeds = shared.join("antom/seeds");
    if !seeds.is_dir() {
        eprintln!("SKIPPED: no seed pages at {}", seeds.display());
        return;
    }
    let seed = |stem: &str| {
        let path = seeds.join(format!("{stem}.txt"));
        Page {
            text: std::fs::read_to_string(&path).unwrap(),
            name: path.display().to_string(),
        }
    };
    let files = antom_vault_codegen::output::read_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"),
        "spec",
    )
    .unwrap();
    let (old, new) = ("000_028559953c034d16", "001_6f6de963cbe08b0a");
    let mut reports = Vec::new();
    for pages in [[seed(old), seed(new)], [seed(new), seed(old)]] {
        let outcome = plan(&files, &pages, Older::Refused).unwrap();
        assert!(
            outcome.changed.is_empty() && outcome.files.is_empty(),
            "{:?}",
            outcome.changed
        );
        reports.push(report(&outcome, true));
    }
    assert_eq!(reports[0], reports[1]);
    let alone = plan(&files, &[seed(old)], Older::Refused).unwrap();
    assert!(alone.changed.is_empty(), "{:?}", alone.changed);
    assert!(
        alone
            .not_shown
            .iter()
            .any(|e| e.ends_with("request.is3DSAuthentication (marked `since` a later version)")),
        "the dated 2023 page predates is3DSAuthentication: {:?}",
        alone.not_shown
    );
}
