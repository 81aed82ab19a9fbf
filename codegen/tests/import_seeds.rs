//! Acceptance on Antom's own pages (`../shared/antom/seeds/` beside the repository root, or the
//! folder named by `ANTOM_SHARED`): importing and diffing the seeds gives exactly the documented
//! changes. (How the seeds agree with the hand-written spec/ is `sync`'s test, tests/sync_pages.rs:
//! every difference is explained by a decision's `covers:`.) When the seeds are absent, each test
//! says so and passes without checking anything.

use std::path::{Path, PathBuf};
use std::process::Command;

use antom_vault_codegen::diff::load::{Loaded, load_side};
use antom_vault_codegen::diff::source::SpecSource;
use antom_vault_codegen::diff::{Impact, compare_sides};
use antom_vault_codegen::import::{import_page, render};

#[path = "../../tests/support/skip.rs"]
mod skip;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec_dir() -> PathBuf {
    repo_root().join("spec")
}

/// The seeds folder, or `None` (a visible skip; a failure under `CI=true`) when it is not there.
fn seeds(test: &str) -> Option<PathBuf> {
    let shared = std::env::var_os("ANTOM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    let dir = shared.join("antom/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        skip::skip(
            test,
            &format!("the seed pages folder {}", dir.display()),
            "set ANTOM_SHARED to the shared folder that holds antom/seeds/",
        );
        None
    }
}

/// Imports one seed into `out/<stem>.yaml` (one document: the API and the objects it spells out).
fn import_seed(seeds: &Path, stem: &str, out: &Path) -> PathBuf {
    let page = seeds.join(format!("{stem}.txt"));
    let text = std::fs::read_to_string(&page).expect("seed readable");
    let imported = import_page(&text).expect("seed imports");
    assert!(
        imported.warnings().is_empty(),
        "{stem}: {:#?}",
        imported.warnings()
    );
    let yaml = render(&imported, &format!("{stem}.txt"));
    let api_file = out.join(format!("{stem}.yaml"));
    std::fs::write(&api_file, &yaml).unwrap();
    api_file
}

fn load_file(path: &Path) -> Loaded {
    let sources = SpecSource::File(path.to_owned()).read().expect("readable");
    load_side(&sources, &spec_dir()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn seed_000_to_001_adds_exactly_is3ds_authentication_and_normal_url() {
    let Some(seeds) = seeds("seed_000_to_001") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let old = import_seed(&seeds, "000_028559953c034d16", dir.path());
    let new = import_seed(&seeds, "001_6f6de963cbe08b0a", dir.path());
    let (old_side, new_side) = (load_file(&old), load_file(&new));
    let found = compare_sides(old_side.side(), new_side.side());
    assert!(
        found.unknown.is_empty(),
        "both seeds state every fact: {found:?}"
    );
    assert!(
        found.not_shown.is_empty(),
        "both seeds are whole: {found:?}"
    );
    let changes = found.changes;
    let pinned: Vec<(String, Impact, Impact)> =
        changes.iter().map(|c| (c.line(), c.rust, c.wire)).collect();
    assert_eq!(
        pinned,
        [
            (
                "createVaultingSession: request.is3DSAuthentication: field added (boolean, optional)".to_owned(),
                Impact::Additive,
                Impact::Additive
            ),
            (
                "createVaultingSession: response.normalUrl: field added (string, optional, max 2048)".to_owned(),
                Impact::Additive,
                Impact::Additive
            ),
        ],
        "the whole list of changes from seed 000 to seed 001"
    );

    // The same through the command line: text report and exit status 0 (nothing breaking).
    let output = Command::new(env!("CARGO_BIN_EXE_antom-vault-codegen"))
        .args([
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--shared",
        ])
        .arg(spec_dir())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.ends_with("2 changes: 0 breaking, 2 additive, 0 doc-only -> additive\n"),
        "{stdout}"
    );

    // Backwards, the two fields disappear: breaking, exit status 1.
    let output = Command::new(env!("CARGO_BIN_EXE_antom-vault-codegen"))
        .args([
            "diff",
            new.to_str().unwrap(),
            old.to_str().unwrap(),
            "--format",
            "json",
            "--shared",
        ])
        .arg(spec_dir())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["breaking"], 2);
}
