//! Generates the bindings from `spec/` into `$OUT_DIR/antom_vault.rs` (with the default `codegen`
//! feature; without it the crate includes the committed `generated/antom_vault.rs` instead and the
//! generator is not even compiled). The generator is used without its default `tools` feature:
//! model → IR → Rust tokens, written without a formatter.
//!
//! A broken spec fails the build with `spec/<file>:<line>:<col>: error: <message>` lines.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ANTOM_VAULT_SPEC_DIR");
    if cfg!(not(feature = "codegen")) {
        return ExitCode::SUCCESS;
    }
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    // ANTOM_VAULT_SPEC_DIR lets a maintainer try another spec folder without touching spec/.
    let (spec_dir, label) = match std::env::var_os("ANTOM_VAULT_SPEC_DIR").filter(|d| !d.is_empty())
    {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            let label = dir.display().to_string();
            (dir, label)
        }
        None => (manifest.join("spec"), "spec".to_owned()),
    };
    println!("cargo:rerun-if-changed={}", spec_dir.display());
    match run(&spec_dir, &label) {
        Ok(()) => ExitCode::SUCCESS,
        Err(lines) => {
            for line in &lines {
                println!("cargo:warning={line}");
                eprintln!("{line}");
            }
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "codegen"))]
fn run(_spec_dir: &Path, _label: &str) -> Result<(), Vec<String>> {
    Ok(())
}

#[cfg(feature = "codegen")]
fn run(spec_dir: &Path, label: &str) -> Result<(), Vec<String>> {
    let one = |e: antom_vault_codegen::CodegenError| match e {
        antom_vault_codegen::CodegenError::Spec(d) => d.0.iter().map(ToString::to_string).collect(),
        other => vec![other.to_string()],
    };
    let mut files = antom_vault_codegen::output::spec_files(spec_dir).map_err(one)?;
    files.sort();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let sources = antom_vault_codegen::output::read_sources(spec_dir, label).map_err(one)?;
    // Unformatted: only the compiler reads this copy; generated/ holds the formatted one.
    let options = antom_vault_codegen::RustOptions::default();
    let code = antom_vault_codegen::compile_unformatted(&sources, &options)
        .map_err(|d| d.0.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("antom_vault.rs");
    let unchanged = std::fs::read(&out).is_ok_and(|old| old == code.as_bytes());
    if !unchanged {
        std::fs::write(&out, code).map_err(|e| vec![format!("{}: error: {e}", out.display())])?;
    }
    Ok(())
}
