//! `antom-vault-codegen generate` and `check` on a small spec, through the real binary and the
//! library: fresh output passes, stale, missing and extra files are named, a broken spec prints
//! `file:line:col: error: ...` and exits non-zero, and generating twice gives identical bytes.

use std::path::{Path, PathBuf};
use std::process::Command;

use antom_vault_codegen::{RustOptions, Staleness, output};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/vault")
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_antom-vault-codegen"))
}

fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().expect("run antom-vault-codegen");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn generate_then_check_then_detect_staleness() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    let (ok, text) = run(bin()
        .arg("generate")
        .arg("--spec")
        .arg(spec_dir())
        .arg("--out")
        .arg(&out));
    assert!(ok, "{text}");
    assert!(out.join("antom_vault.rs").is_file());
    assert!(out.join("schema/antom_vault.schema.json").is_file());
    assert!(out.join("openapi.json").is_file());

    let check = |out: &Path| {
        run(bin()
            .arg("check")
            .arg("--spec")
            .arg(spec_dir())
            .arg("--out")
            .arg(out))
    };
    let (ok, text) = check(&out);
    assert!(ok, "fresh output must pass: {text}");

    std::fs::write(out.join("schema/antom_vault.schema.json"), "{}").unwrap();
    std::fs::remove_file(out.join("antom_vault.rs")).unwrap();
    std::fs::write(out.join("schema/old_api.request.json"), "{}").unwrap();
    let (ok, text) = check(&out);
    assert!(!ok, "stale output must fail");
    assert!(
        text.contains("schema/antom_vault.schema.json: stale"),
        "{text}"
    );
    assert!(text.contains("antom_vault.rs: missing"), "{text}");
    assert!(
        text.contains("schema/old_api.request.json: no longer produced"),
        "{text}"
    );

    // generate repairs everything, including removing the extra schema.
    let (ok, text) = run(bin()
        .arg("generate")
        .arg("--spec")
        .arg(spec_dir())
        .arg("--out")
        .arg(&out));
    assert!(ok, "{text}");
    assert!(!out.join("schema/old_api.request.json").exists());
    assert!(check(&out).0);
}

#[test]
fn library_check_reports_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    antom_vault_codegen::generate(&spec_dir(), tmp.path()).unwrap();
    assert_eq!(
        antom_vault_codegen::check(&spec_dir(), tmp.path()).unwrap(),
        vec![]
    );
    std::fs::write(tmp.path().join("antom_vault.rs"), "// edited\n").unwrap();
    assert_eq!(
        antom_vault_codegen::check(&spec_dir(), tmp.path()).unwrap(),
        vec![Staleness::Stale("antom_vault.rs".into())]
    );
}

#[test]
fn a_broken_spec_prints_located_errors_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(spec_dir()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
    }
    let api = tmp.path().join("notify_vaulting.yaml");
    let text = std::fs::read_to_string(&api)
        .unwrap()
        .replace("type: Result", "type: Reslt");
    std::fs::write(&api, text).unwrap();
    let out = tmp.path().join("out");
    let (ok, text) = run(bin()
        .current_dir(tmp.path())
        .args(["generate", "--spec", ".", "--out", "out"]));
    assert!(!ok);
    assert!(
        text.contains("./notify_vaulting.yaml:9:13: error: unknown type `Reslt`"),
        "{text}"
    );
    assert!(!out.exists(), "nothing is written for a broken spec");
}

#[test]
fn bad_arguments_exit_with_usage() {
    let (ok, text) = run(bin().arg("generate").arg("--nope"));
    assert!(!ok);
    assert!(
        text.contains("unknown argument `--nope`") && text.contains("usage:"),
        "{text}"
    );
    let (ok, _) = run(&mut bin());
    assert!(!ok);
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let sources = output::read_sources(&spec_dir(), "spec").unwrap();
    let a = antom_vault_codegen::generate_files(&sources).unwrap();
    let b = antom_vault_codegen::generate_files(&sources).unwrap();
    assert_eq!(a, b);
    // The loader does not depend on file order to resolve names (order only sets output order).
    let mut reversed = sources.clone();
    reversed.reverse();
    let ir_a = antom_vault_codegen::load_and_lint(&sources).unwrap();
    let code = antom_vault_codegen::generate_rust(&ir_a, &RustOptions::default());
    assert_eq!(
        code,
        antom_vault_codegen::compile(&sources, &RustOptions::default()).unwrap()
    );
    assert!(antom_vault_codegen::compile(&reversed, &RustOptions::default()).is_ok());
}
