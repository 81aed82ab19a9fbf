//! `generated/` (and the keyword-names test output) must match what the spec produces today, so
//! that the committed files are always reviewable and a build without the `codegen` feature compiles the same code.
//!
//! To refresh after a spec change: `cargo run -p antom-vault-codegen -- generate`, or run this
//! test with `ANTOM_VAULT_REGENERATE=1`.

use std::path::{Path, PathBuf};

use antom_vault_codegen::{RustOptions, output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn regenerate() -> bool {
    std::env::var_os("ANTOM_VAULT_REGENERATE").is_some_and(|v| !v.is_empty())
}

#[test]
fn generated_dir_matches_spec() {
    let spec = root().join("spec");
    let out = root().join("generated");
    let files = antom_vault_codegen::generate_files_from_dir(&spec, "spec")
        .unwrap_or_else(|e| panic!("the spec does not compile:\n{e}"));
    if regenerate() {
        output::write_outputs(&out, &files).unwrap();
    }
    let problems = output::check_outputs(&out, &files).unwrap();
    assert!(
        problems.is_empty(),
        "generated/ is stale; run `cargo run -p antom-vault-codegen -- generate`:\n{}",
        problems
            .iter()
            .map(|p| format!("  generated/{p}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// build.rs writes its copy unformatted; formatting that copy gives generated/ byte for byte, so
/// a build with the `codegen` feature compiles exactly the committed code.
#[test]
fn build_script_output_is_the_committed_code() {
    let spec = root().join("spec");
    let sources = output::read_sources(&spec, "spec").unwrap();
    let built = antom_vault_codegen::compile_unformatted(&sources, &RustOptions::default())
        .unwrap_or_else(|e| panic!("the spec does not compile:\n{e}"));
    let formatted = antom_vault_codegen::format_rust(&built)
        .unwrap_or_else(|e| panic!("build.rs output does not parse: {e}"));
    let committed = std::fs::read_to_string(root().join("generated").join(output::RUST_FILE))
        .expect("generated/antom_vault.rs exists");
    assert!(
        formatted == committed,
        "build.rs output differs from generated/antom_vault.rs; run `cargo run -p antom-vault-codegen -- generate`"
    );
    assert!(
        built != committed,
        "build.rs output is meant to skip the formatter"
    );
}

#[test]
fn generation_is_deterministic() {
    let spec = root().join("spec");
    let a = antom_vault_codegen::generate_files_from_dir(&spec, "spec").unwrap();
    let b = antom_vault_codegen::generate_files_from_dir(&spec, "spec").unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a.len(),
        3,
        "the Rust file, the schema bundle and the OpenAPI document"
    );
}

/// The code a test spec of `codegen/tests/specs/` generates (for another crate) matches its
/// committed copy in `tests/support/`.
fn test_spec_output_is_fresh(spec_name: &str, committed: &str) {
    let spec_dir = format!("codegen/tests/specs/{spec_name}");
    let spec: &Path = &root().join(&spec_dir);
    let sources = output::read_sources(spec, &spec_dir).unwrap();
    let options = RustOptions {
        runtime: "::antom_vault".into(),
        client_methods: false,
    };
    let code = antom_vault_codegen::compile(&sources, &options).unwrap_or_else(|e| panic!("{e}"));
    let path = root().join("tests/support").join(committed);
    if regenerate() {
        std::fs::write(&path, &code).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == code,
        "tests/support/{committed} is stale; rerun this test with ANTOM_VAULT_REGENERATE=1"
    );
}

/// The keyword spec's output, compiled by `tests/keyword_names.rs`.
#[test]
fn keyword_output_matches_its_spec() {
    test_spec_output_is_fresh("keywords", "keywords_generated.rs");
}

/// The inbound spec's output (a field of every kind in a message Antom sends), compiled by
/// `tests/fast_decode_kinds.rs`.
#[test]
fn inbound_output_matches_its_spec() {
    test_spec_output_is_fresh("inbound", "inbound_generated.rs");
}
