//! `sync` applies what a page says to spec files in place: additions with TODO descriptions,
//! changed facts, removals, and nothing a decision explains; every other byte stays. Synthetic
//! pages (tests/fixtures/sync) need nothing else; the seed tests read Antom's own pages from
//! `../shared/antom/seeds/` beside the repository (or `ANTOM_SHARED`) and skip, saying so, when
//! they are absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use antom_vault_codegen::SourceFile;
use antom_vault_codegen::diff::sync::{Older, Outcome, Page, plan};
use antom_vault_codegen::import::{import_page, render};

#[path = "../../tests/support/skip.rs"]
mod skip;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The spec files of `dir`, named `spec/<file>`.
fn spec_files(dir: &Path) -> Vec<SourceFile> {
    antom_vault_codegen::output::read_sources(dir, "spec").expect("spec readable")
}

fn text_of<'a>(files: &'a [SourceFile], name: &str) -> &'a str {
    &files.iter().find(|f| f.name == name).expect(name).text
}

fn page() -> String {
    std::fs::read_to_string(fixtures().join("park_gadget.md")).unwrap()
}

fn sync(files: &[SourceFile], page: &str) -> Outcome {
    plan(
        files,
        &[Page {
            name: "page.md".into(),
            text: page.to_owned(),
        }],
        Older::Refused,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The files after the outcome's edits.
fn applied(files: &[SourceFile], outcome: &Outcome) -> Vec<SourceFile> {
    antom_vault_codegen::diff::sync::after(files, &outcome.files)
}

fn lines(outcome: &Outcome) -> Vec<String> {
    outcome.changed.iter().map(|c| c.line()).collect()
}

/// Syncs `page` onto the fixture spec; checks the report, that only `file` changed, from `from`
/// to `to` (each exactly once), and that a second sync changes nothing.
fn sync_changes(page: &str, report: &[&str], file: &str, from: &str, to: &str) {
    let files = spec_files(&fixtures().join("spec"));
    let outcome = sync(&files, page);
    assert_eq!(lines(&outcome), report);
    let names: Vec<&str> = outcome.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, [file]);
    let before = text_of(&files, file);
    assert_eq!(before.matches(from).count(), 1, "`{from}` once in {file}");
    assert_eq!(outcome.files[0].after, before.replacen(from, to, 1));
    let after = applied(&files, &outcome);
    let again = sync(&after, page);
    assert!(
        again.changed.is_empty() && again.files.is_empty(),
        "{:?}",
        lines(&again)
    );
}

#[test]
fn an_unchanged_page_changes_nothing() {
    let outcome = sync(&spec_files(&fixtures().join("spec")), &page());
    assert!(outcome.changed.is_empty(), "{:?}", lines(&outcome));
    assert!(outcome.files.is_empty() && outcome.left_alone.is_empty());
}

#[test]
fn a_field_gone_from_the_page_is_removed_from_the_spec() {
    let page = page().replace(
        "#### note (String)\n\nAnything else.\n\nMore information:\n\n- Maximum length: 256 characters\n\n",
        "",
    );
    sync_changes(
        &page,
        &["parkGadget: request.note: field removed (string, optional, max 256)"],
        "spec/park_gadget.yaml",
        "    - name: note\n      type: string\n      required: false\n      max_length: 256\n      description: Free text.\n",
        "",
    );
}

#[test]
fn a_changed_max_length_is_edited_in_place() {
    let page = page().replace("Maximum length: 16", "Maximum length: 24");
    sync_changes(
        &page,
        &["parkGadget: request.spot: max length loosened: 16 -> 24"],
        "spec/park_gadget.yaml",
        "      max_length: 16\n",
        "      max_length: 24\n",
    );
}

#[test]
fn a_new_result_code_is_inserted_with_a_todo_description() {
    let page = page().replace(
        "| UNKNOWN_EXCEPTION |",
        "| SPOT_CLOSED | F | Closed. | Do not retry. Contact support. |\n| UNKNOWN_EXCEPTION |",
    );
    sync_changes(
        &page,
        &["parkGadget: result_codes.SPOT_CLOSED: result code added (F, contact_support)"],
        "spec/park_gadget.yaml",
        "  - code: UNKNOWN_EXCEPTION\n",
        "  - code: SPOT_CLOSED\n    status: F\n    action: contact_support\n    description: \"TODO: describe SPOT_CLOSED\"\n  - code: UNKNOWN_EXCEPTION\n",
    );
}

#[test]
fn a_new_value_of_an_enum_typed_field_is_added_to_the_enum() {
    let page = page().replace(
        "-   `MOVING`: not yet.\n",
        "-   `MOVING`: not yet.\n-   `NAPPING`: resting lightly.\n",
    );
    sync_changes(
        &page,
        &["enum ParkState: values.NAPPING: value added"],
        "spec/enums.yaml",
        "        description: Still moving.\n",
        "        description: Still moving.\n      - value: NAPPING\n        description: \"TODO: describe NAPPING\"\n",
    );
}

#[test]
fn a_new_object_the_page_spells_out_joins_the_objects_file() {
    let page = page().replace(
        "## Response parameters\n",
        "#### place (Place)\n\nWhere exactly.\n\n##### row (String, REQUIRED)\n\nMore information:\n\n- Maximum length: 4 characters\n\n## Response parameters\n",
    );
    let files = spec_files(&fixtures().join("spec"));
    let outcome = sync(&files, &page);
    assert_eq!(
        lines(&outcome),
        [
            "parkGadget: request.place: field added (Place, optional)",
            "object Place: object added",
        ]
    );
    let objects = outcome
        .files
        .iter()
        .find(|f| f.name == "spec/objects.yaml")
        .expect("objects.yaml edited");
    assert_eq!(
        objects.after,
        format!(
            "{}  - name: Place\n    description: \"TODO: describe Place\"\n    fields:\n      - name: row\n        type: string\n        required: true\n        max_length: 4\n        description: \"TODO: describe row\"\n",
            objects.before
        )
    );
    let again = sync(&applied(&files, &outcome), &page);
    assert!(
        again.changed.is_empty() && again.files.is_empty(),
        "{:?}",
        lines(&again)
    );
}

#[test]
fn a_todo_left_by_sync_is_rejected_until_someone_writes_it() {
    let page = page().replace(
        "| UNKNOWN_EXCEPTION |",
        "| SPOT_CLOSED | F | Closed. | Do not retry. |\n| UNKNOWN_EXCEPTION |",
    );
    let files = spec_files(&fixtures().join("spec"));
    let after = applied(&files, &sync(&files, &page));
    let errors = antom_vault_codegen::load(&after).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("TODO"), "{}", errors[0]);
}

#[test]
fn dry_run_prints_the_report_and_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(fixtures().join("spec")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let page_path = dir.path().join("page.md");
    std::fs::write(
        &page_path,
        page().replace("Maximum length: 32", "Maximum length: 20"),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_antom-vault-codegen"))
            .arg("sync")
            .arg(&page_path)
            .arg("--spec")
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let spec_file = dir.path().join("park_gadget.yaml");
    let before = std::fs::read_to_string(&spec_file).unwrap();
    let (code, stdout) = run(&["--dry-run"]);
    assert_eq!(
        code,
        Some(1),
        "a tightened request length is breaking: {stdout}"
    );
    assert!(
        stdout.contains("breaking  request.parkRequestId: max length tightened: 32 -> 20"),
        "{stdout}"
    );
    assert!(
        stdout.contains("-      max_length: 32\n+      max_length: 20\n"),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&spec_file).unwrap(), before);
    let (code, _) = run(&[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        std::fs::read_to_string(&spec_file).unwrap(),
        before.replace("max_length: 32", "max_length: 20")
    );
    let (code, stdout) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("0 changes"), "{stdout}");
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

fn seed(seeds: &Path, stem: &str) -> Page {
    let path = seeds.join(format!("{stem}.txt"));
    Page {
        text: std::fs::read_to_string(&path).expect("seed readable"),
        name: path.display().to_string(),
    }
}

/// Seed 000 imported, its TODO markers written out, and its required response fields marked
/// `essential` (the maintainer's call the linter asks for: the importer cannot know it), without the
/// objects the page spells out (spec/objects.yaml has them).
fn spec_from_seed_000(seeds: &Path) -> String {
    let imported = import_page(&seed(seeds, "000_028559953c034d16").text).unwrap();
    assert!(imported.warnings().is_empty(), "{:?}", imported.warnings());
    let yaml = render(&imported, "000_028559953c034d16.txt");
    let yaml = yaml.split("\n# Objects whose").next().unwrap().to_owned();
    let mut out = String::new();
    let mut in_response = false;
    for line in yaml.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            in_response = line.starts_with("response:");
        }
        if in_response && line.trim() == "required: true" {
            out.push_str(&format!(
                "{line}\n{}\n",
                line.replace("required", "essential")
            ));
            continue;
        }
        match line.split_once("\"TODO: ") {
            Some((head, rest)) => out.push_str(&format!(
                "{head}Our words on {}.\n",
                rest.trim_end_matches('"')
            )),
            None => out.push_str(&format!("{line}\n")),
        }
    }
    // The shared Result object keeps resultMessage optional (spec/objects.yaml); like today's API
    // files, this spec says so in a decision.
    out.push_str(
        "decisions:\n  - covers: [objects.Result.resultMessage.required]\n    text: resultMessage stays optional.\n",
    );
    out
}

#[test]
fn seed_001_onto_the_seed_000_spec_adds_exactly_is3ds_authentication_and_normal_url() {
    let Some(seeds) = seeds("seed_001_onto_seed_000") else {
        return;
    };
    let mut files = spec_files(&repo_root().join("spec"));
    let name = "spec/create_vaulting_session.yaml";
    let before = spec_from_seed_000(&seeds);
    files
        .iter_mut()
        .find(|f| f.name == name)
        .expect("the API file")
        .text = before.clone();
    let outcome = plan(
        &files,
        &[seed(&seeds, "001_6f6de963cbe08b0a")],
        Older::Refused,
    )
    .unwrap();
    assert_eq!(
        lines(&outcome),
        [
            "createVaultingSession: request.is3DSAuthentication: field added (boolean, optional)",
            "createVaultingSession: response.normalUrl: field added (string, optional, max 2048)",
        ]
    );
    let left: Vec<&str> = outcome.left_alone.iter().map(|l| l.path.as_str()).collect();
    assert_eq!(left, ["objects.Result.resultMessage.required"]);
    assert_eq!(outcome.files.len(), 1);
    let after = &outcome.files[0].after;
    let added_3ds = "    - name: is3DSAuthentication\n      type: boolean\n      required: false\n      description: \"TODO: describe is3DSAuthentication\"\n";
    let added_url = "    - name: normalUrl\n      type: string\n      required: false\n      max_length: 2048\n      description: \"TODO: describe normalUrl\"\n";
    assert_eq!(after.matches(added_3ds).count(), 1, "{after}");
    assert_eq!(after.matches(added_url).count(), 1, "{after}");
    assert_eq!(
        after.replace(added_3ds, "").replace(added_url, ""),
        before,
        "every other line is byte-identical"
    );
    let synced = applied(&files, &outcome);
    let again = plan(
        &synced,
        &[seed(&seeds, "001_6f6de963cbe08b0a")],
        Older::Refused,
    )
    .unwrap();
    assert!(again.changed.is_empty() && again.files.is_empty());
}

#[test]
fn seeds_001_and_004_onto_spec_change_nothing_the_decisions_explain() {
    let Some(seeds) = seeds("seeds_onto_spec") else {
        return;
    };
    let files = spec_files(&repo_root().join("spec"));
    let outcome = plan(
        &files,
        &[
            seed(&seeds, "001_6f6de963cbe08b0a"),
            seed(&seeds, "004_5d507958cf9ecf6a"),
        ],
        Older::Refused,
    )
    .unwrap();
    assert!(
        outcome.changed.is_empty() && outcome.files.is_empty(),
        "page differences no decision explains:\n  {}",
        lines(&outcome).join("\n  ")
    );
    assert!(outcome.notes.is_empty(), "{:?}", outcome.notes);
    for left in &outcome.left_alone {
        assert!(!left.decision.is_empty(), "{}", left.change.line());
    }
    // Every `covers:` path of these two APIs explains a difference the pages actually show.
    let spec = antom_vault_codegen::diff::load::load(&files).unwrap();
    // A decision is used when it explains a difference, or names a field a dated (older) page
    // lacks because the spec marks it `since` a later version.
    let used: Vec<&str> = outcome
        .left_alone
        .iter()
        .map(|l| l.path.as_str())
        .chain(outcome.not_shown.iter().filter_map(|entry| {
            let path = entry.split_once(": ")?.1;
            path.strip_suffix(" (marked `since` a later version)")
        }))
        .collect();
    for api in spec
        .apis
        .iter()
        .filter(|a| ["createVaultingSession", "inquireVaulting"].contains(&a.name.value.as_str()))
    {
        for cover in &api.covers {
            assert!(
                used.contains(&cover.path.value.as_str()),
                "{}: `{}` covers nothing the seeds show",
                cover.path.loc,
                cover.path.value
            );
        }
    }
}
