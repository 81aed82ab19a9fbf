//! The doc watch loop end to end: `antom-vault-codegen fetch` against a loopback HTTP server
//! (started by each test) that serves pages from the fixtures, on a copy of the sync fixture spec
//! whose `doc` address the server stands in for.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the server answers for one path.
#[derive(Clone)]
enum Reply {
    /// 200 with the whole page.
    Page(String),
    /// 200 announcing more bytes than it sends, then closing.
    CutTransfer(String),
}

/// Serves `routes` on 127.0.0.1 from a thread; unknown paths get 404. Returns the base URL.
fn serve(routes: HashMap<String, Reply>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = request_line.split(' ').nth(1).unwrap_or("").to_owned();
            let answer = match routes.get(&path) {
                Some(Reply::Page(text)) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/markdown\r\nContent-Length: {}\r\n\r\n{text}",
                    text.len()
                ),
                Some(Reply::CutTransfer(text)) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{}",
                    text.len(),
                    &text[..text.len() / 2]
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_owned(),
            };
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    base
}

const PAGE_PATH: &str = "/ac/gadgets/park_gadget.md";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync")
}

/// The sync fixture page (an example follows its code table, as on Antom's pages, so the table
/// reads as shown in full).
fn page() -> String {
    std::fs::read_to_string(fixtures().join("park_gadget.md")).unwrap()
}

/// A copy of the sync fixture spec, its API pointing at the (stand-in) Antom page.
struct Workspace {
    _dir: tempfile::TempDir,
    spec: PathBuf,
    out: PathBuf,
    summary: PathBuf,
}

impl Workspace {
    /// A copy of the sync fixture spec, its API given the address `PAGE_PATH` stands in for.
    fn new() -> Self {
        Self::copy_of(&fixtures().join("spec"), |name, text| {
            if name == "park_gadget.yaml" {
                text.replacen(
                    "summary:",
                    "doc: https://docs.antom.com/ac/gadgets/park_gadget\nsummary:",
                    1,
                )
            } else {
                text
            }
        })
    }

    /// A copy of the spec files in `from`, each passed through `edit` (file name, text).
    fn copy_of(from: &Path, edit: impl Fn(&str, String) -> String) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("spec");
        std::fs::create_dir(&spec).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !name.ends_with(".yaml") {
                continue;
            }
            let text = edit(name, std::fs::read_to_string(&path).unwrap());
            std::fs::write(spec.join(name), text).unwrap();
        }
        Workspace {
            out: dir.path().join("generated"),
            summary: dir.path().join("summary.md"),
            spec,
            _dir: dir,
        }
    }

    /// Every spec file's name and text, by name.
    fn all_spec_texts(&self) -> Vec<(PathBuf, String)> {
        let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(&self.spec)
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                (path, text)
            })
            .collect();
        files.sort();
        files
    }

    fn spec_text(&self) -> String {
        std::fs::read_to_string(self.spec.join("park_gadget.yaml")).unwrap()
    }

    /// Runs the tool's `command` on this workspace's spec and generated directories.
    fn codegen(&self, command: &str, more: &[&std::ffi::OsStr]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_antom-vault-codegen"))
            .arg(command)
            .args(["--spec".as_ref(), self.spec.as_os_str()])
            .args(["--out".as_ref(), self.out.as_os_str()])
            .args(more)
            .output()
            .expect("runs")
    }

    /// Runs `fetch` against `base`; returns the exit status and the summary file.
    fn fetch(&self, base: &str) -> (i32, String) {
        self.fetch_with(base, &[])
    }

    /// Runs `fetch` against `base` with `more` options.
    fn fetch_with(&self, base: &str, more: &[&str]) -> (i32, String) {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "--base".as_ref(),
            base.as_ref(),
            "--summary".as_ref(),
            self.summary.as_os_str(),
        ];
        args.extend(more.iter().map(std::ffi::OsStr::new));
        let output = self.codegen("fetch", &args);
        let summary = std::fs::read_to_string(&self.summary).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            summary,
            "stdout is the summary"
        );
        (output.status.code().unwrap_or(-1), summary)
    }
}

fn one_page(reply: Reply) -> String {
    serve(HashMap::from([(PAGE_PATH.to_owned(), reply)]))
}

/// The summary's three parts come in order: semver class, changes, decisions needed.
fn parts(summary: &str) -> (&str, &str, &str) {
    let changes = summary.find("\n## Changes\n").expect("a changes part");
    let decisions = summary
        .find("\n## Decisions needed\n")
        .expect("a decisions part");
    assert!(summary[..changes].contains("**Semver: "), "{summary}");
    assert!(changes < decisions, "{summary}");
    (
        &summary[..changes],
        &summary[changes..decisions],
        &summary[decisions..],
    )
}

#[test]
fn an_unchanged_page_changes_nothing_and_says_so() {
    let work = Workspace::new();
    let before = work.spec_text();
    let (code, summary) = work.fetch(&one_page(Reply::Page(page())));
    assert_eq!(code, 0, "{summary}");
    let (class, changes, decisions) = parts(&summary);
    assert!(class.contains("**Semver: none"), "{summary}");
    assert!(changes.contains("None."), "{summary}");
    assert!(decisions.contains("None."), "{summary}");
    assert_eq!(work.spec_text(), before);
    assert!(!work.out.exists(), "nothing to regenerate");
}

#[test]
fn an_additive_page_is_applied_waits_for_its_descriptions_and_then_reads_unchanged() {
    let work = Workspace::new();
    let added = page()
        .replace(
            "## Response parameters",
            "#### colour (String)\n\nPaint.\n\nMore information:\n\n- Maximum length: 12 characters\n\n## Response parameters",
        );
    let base = one_page(Reply::Page(added));
    let (code, summary) = work.fetch(&base);
    assert_eq!(code, 0, "{summary}");
    let (class, changes, decisions) = parts(&summary);
    assert!(class.contains("**Semver: minor"), "{summary}");
    assert!(changes.contains("request.colour"), "{summary}");
    assert!(
        decisions.contains("TODO"),
        "the new field needs a description: {summary}"
    );
    assert!(work.spec_text().contains("    - name: colour\n"));
    assert!(
        decisions.contains("not regenerated yet") && decisions.contains("TODO marker"),
        "the generator waits for the description: {summary}"
    );

    let (code, summary) = work.fetch(&base);
    assert_eq!(code, 0);
    assert!(parts(&summary).0.contains("**Semver: none"), "{summary}");
}

#[test]
fn a_breaking_page_is_classed_major_and_lists_each_change() {
    let work = Workspace::new();
    let breaking = page()
        .replace(
            "- Maximum length: 16 characters",
            "- Maximum length: 8 characters",
        )
        .replace(
            "| SPOT_TAKEN | F | The spot is taken. | Check the spot and choose another. |\n",
            "",
        );
    let base = one_page(Reply::Page(breaking));
    let before = work.spec_text();
    let (code, summary) = work.fetch_with(&base, &["--dry-run"]);
    assert_eq!(code, 0, "{summary}");
    assert!(parts(&summary).0.contains("**Semver: major"), "{summary}");
    assert!(summary.contains("would edit"), "{summary}");
    assert_eq!(work.spec_text(), before, "a dry run writes nothing");
    assert!(!work.out.exists());

    let (code, summary) = work.fetch(&base);
    assert_eq!(code, 0, "{summary}");
    let (class, changes, _) = parts(&summary);
    assert!(class.contains("**Semver: major"), "{summary}");
    assert!(changes.contains("request.spot"), "{summary}");
    assert!(changes.contains("SPOT_TAKEN"), "{summary}");
    assert!(work.spec_text().contains("max_length: 8"));
    assert!(!work.spec_text().contains("SPOT_TAKEN"));
    assert!(summary.contains("Regenerated"), "{summary}");
    assert!(
        work.codegen("check", &[]).status.success(),
        "generated/ matches the synced spec"
    );
}

#[test]
fn a_missing_page_is_reported_and_nothing_is_written() {
    let work = Workspace::new();
    let before = work.spec_text();
    let (code, summary) = work.fetch(&serve(HashMap::new()));
    assert_eq!(code, 3, "{summary}");
    let (class, _, decisions) = parts(&summary);
    assert!(class.contains("**Semver: none"), "{summary}");
    assert!(class.contains("1 of 1 pages not applied"), "{summary}");
    assert!(decisions.contains("parkGadget: not fetched"), "{summary}");
    assert!(decisions.contains("HTTP status 404"), "{summary}");
    assert_eq!(work.spec_text(), before);
}

#[test]
fn a_page_that_ends_early_is_not_read_as_removals() {
    let work = Workspace::new();
    let before = work.spec_text();
    let text = page();
    let cut = text[..text.find("## Result/Error codes").unwrap()].to_owned();
    let (code, summary) = work.fetch(&one_page(Reply::Page(cut)));
    assert_eq!(code, 3, "{summary}");
    let (_, changes, decisions) = parts(&summary);
    assert!(changes.contains("None."), "{summary}");
    assert!(!summary.contains("removed"), "{summary}");
    assert!(
        decisions.contains("ends before its result codes"),
        "{summary}"
    );
    assert_eq!(work.spec_text(), before);

    let (code, summary) = work.fetch(&one_page(Reply::CutTransfer(page())));
    assert_eq!(code, 3, "{summary}");
    assert!(parts(&summary).2.contains("cut off after"), "{summary}");
    assert_eq!(work.spec_text(), before);
}

#[test]
fn a_page_whose_result_breaks_a_rule_is_a_decision_and_nothing_is_written() {
    let work = Workspace::new();
    let before = work.spec_text();
    let required = page().replace(
        "#### parkState (String)",
        "#### parkState (String, REQUIRED)",
    );
    let (code, summary) = work.fetch(&one_page(Reply::Page(required)));
    assert_eq!(code, 3, "{summary}");
    let (class, changes, decisions) = parts(&summary);
    assert!(
        class.contains("needs a decision, nothing written"),
        "{summary}"
    );
    assert!(changes.contains("response.parkState"), "{summary}");
    assert!(changes.contains("would edit"), "{summary}");
    assert!(
        decisions.contains("essential"),
        "the rule names the choice: {summary}"
    );
    assert_eq!(work.spec_text(), before);
    assert!(!work.out.exists());
}

#[path = "support/shared_pages.rs"]
mod shared_pages;

#[test]
fn the_real_spec_against_the_cut_openings_of_antoms_pages_changes_nothing() {
    let Some(pages) = shared_pages::pages_dir("real_spec_cut_openings") else {
        return;
    };
    let repo_spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let work = Workspace::copy_of(&repo_spec, |_, text| text);
    let serve_as = [
        (
            "/ac/ams/vaulting_session.md",
            "create_vaulting_session.rendered-text.opening.txt",
        ),
        (
            "/ac/ams/inquire_vaulting.md",
            "inquire_vaulting.markdown.opening.md",
        ),
        (
            "/ac/ams/notify_vaulting.md",
            "notify_vaulting.rendered-text.opening.txt",
        ),
        (
            "/ac/ams/vault_method.md",
            "vault_payment_method.markdown.opening.md",
        ),
    ];
    let routes = serve_as
        .iter()
        .map(|(path, file)| {
            let text = std::fs::read_to_string(pages.join(file)).unwrap();
            ((*path).to_owned(), Reply::Page(text))
        })
        .collect();
    let before = work.all_spec_texts();
    let (code, summary) = work.fetch(&serve(routes));
    assert_eq!(code, 3, "three openings end early: {summary}");
    let (class, changes, decisions) = parts(&summary);
    assert!(class.contains("**Semver: none"), "{summary}");
    assert!(
        class.contains("0 of 4 pages not applied, 3 ending early"),
        "{summary}"
    );
    assert!(changes.contains("None."), "{summary}");
    assert!(
        changes.contains("Not shown on the pages, kept"),
        "{summary}"
    );
    assert!(!summary.contains("removed"), "{summary}");
    for api in [
        "createVaultingSession",
        "inquireVaulting",
        "vaultPaymentMethod",
    ] {
        assert!(
            decisions.contains(&format!("{api}: http://")),
            "{api} ends early: {summary}"
        );
    }
    let after = work.all_spec_texts();
    assert_eq!(before, after, "no spec file changes");
    assert!(!work.out.exists());
}
