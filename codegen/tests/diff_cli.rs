//! `antom-vault-codegen diff` end to end: directories, single files, git revisions, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn copy_spec(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(spec_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

fn codegen(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antom-vault-codegen"))
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}

fn git(cwd: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(cwd)
        .args([
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const SESSION: &str = "spec/create_vaulting_session.yaml";
const TIGHTER: (&str, &str) = (
    "    - name: vaultingRequestId\n      type: string\n      required: true\n      max_length: 64\n",
    "    - name: vaultingRequestId\n      type: string\n      required: true\n      max_length: 32\n",
);

#[test]
fn directories_identical_and_tightened() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old/spec");
    let new = dir.path().join("new/spec");
    copy_spec(&old);
    copy_spec(&new);
    let same = codegen(
        dir.path(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(
        stdout(&same),
        "0 changes: 0 breaking, 0 additive, 0 doc-only -> no changes\n"
    );

    edit(
        &new.join("create_vaulting_session.yaml"),
        TIGHTER.0,
        TIGHTER.1,
    );
    let out = codegen(
        dir.path(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "createVaultingSession\n  breaking  request.vaultingRequestId: max length tightened: 64 -> 32\n\n\
         1 change: 1 breaking, 0 additive, 0 doc-only -> breaking\n"
    );
}

#[test]
fn git_revisions_and_single_files() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    copy_spec(&repo.join("spec"));
    git(repo, &["init", "-q"]);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "one"]);
    edit(&repo.join(SESSION), TIGHTER.0, TIGHTER.1);
    edit(&repo.join(SESSION), "summary: Opens", "summary: Starts");
    git(repo, &["commit", "-qam", "two"]);

    let out = codegen(repo, &["diff", "HEAD~1", "HEAD", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["breaking"], true);
    assert_eq!(report["summary"]["breaking"], 1);
    assert_eq!(report["summary"]["doc_only"], 1);
    let kinds: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["doc_changed", "max_length_tightened"]);

    // A revision's single file against the working copy's file; shared types come from spec/.
    let old = format!("HEAD~1:{SESSION}");
    let out = codegen(repo, &["diff", &old, SESSION]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("max length tightened: 64 -> 32"));

    // Only a doc change: exit status 0.
    let out = codegen(
        repo,
        &[
            "diff",
            "HEAD~1:spec/inquire_vaulting.yaml",
            "spec/inquire_vaulting.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn errors_exit_with_two_and_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good");
    let bad = dir.path().join("bad");
    copy_spec(&good);
    copy_spec(&bad);
    edit(
        &bad.join("inquire_vaulting.yaml"),
        "type: VaultingStatus",
        "type: NoSuchType",
    );
    let out = codegen(
        dir.path(),
        &["diff", good.to_str().unwrap(), bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("inquire_vaulting.yaml:"), "{stderr}");
    assert!(stderr.contains("NoSuchType"), "{stderr}");

    let out = codegen(
        dir.path(),
        &["diff", good.to_str().unwrap(), "no-such-revision-xyz"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        codegen(dir.path(), &["diff", "only-one"]).status.code(),
        Some(2)
    );
}

/// Imports `text` with the command line into `out`.
fn import_to(dir: &Path, text: &str, out: &str) -> PathBuf {
    let page = dir.join(format!("{out}.md"));
    std::fs::write(&page, text).unwrap();
    let yaml = dir.join(format!("{out}.yaml"));
    let output = codegen(
        dir,
        &[
            "import",
            page.to_str().unwrap(),
            "--out",
            yaml.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    yaml
}

#[test]
fn fresh_imports_diff_with_unknown_facts_listed_and_unshown_parts_not_removed() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/markdown_form.md"),
    )
    .unwrap();
    let whole = import_to(dir.path(), &page, "whole");
    let opening: String = page
        .lines()
        .take_while(|l| !l.starts_with("## Response parameters"))
        .map(|l| format!("{l}\n"))
        .collect();
    let cut = import_to(dir.path(), &opening, "cut");
    let shared = spec_dir();
    let run = |old: &Path, new: &Path| {
        let output = codegen(
            dir.path(),
            &[
                "diff",
                old.to_str().unwrap(),
                new.to_str().unwrap(),
                "--shared",
                shared.to_str().unwrap(),
            ],
        );
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, stdout, stderr) = run(&whole, &whole);
    assert_eq!(
        code,
        Some(0),
        "a TODO left by the importer is no error: {stderr}"
    );
    assert!(
        stdout.contains(
            "unknown on the page, not compared (1):\n  lockGadget: result_codes.ODD_ONE.action\n"
        ),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(&whole, &cut);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.starts_with("0 changes: 0 breaking"),
        "nothing the cut page hides is a change: {stdout}"
    );
    assert!(
        stdout.contains("not shown on the page, so neither removed nor added"),
        "{stdout}"
    );
    assert!(
        stdout.contains("lockGadget: response.lockState: field removed"),
        "listed under not shown: {stdout}"
    );
}

#[test]
fn a_revision_from_before_essential_still_diffs() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old/spec");
    copy_spec(&old);
    let mut removed = 0;
    for entry in std::fs::read_dir(&old).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: String = text
            .lines()
            .filter(|l| l.trim() != "essential: true")
            .map(|l| format!("{l}\n"))
            .collect();
        removed += text.lines().count() - kept.lines().count();
        std::fs::write(&path, kept).unwrap();
    }
    assert!(removed > 0, "today's spec marks essential fields");
    let out = codegen(
        dir.path(),
        &["diff", old.to_str().unwrap(), spec_dir().to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("essential changed: false -> true"),
        "{}",
        stdout(&out)
    );
}
