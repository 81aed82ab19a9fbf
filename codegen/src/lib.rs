//! antom-vault-codegen: loads the YAML specs of `spec/`, lints them, resolves them into an IR and
//! emits Rust (quote tokens, formatted by prettyplease for `generated/`), JSON Schema and OpenAPI.
//!
//! Features:
//! - without default features, the crate is what a build script needs: model → IR → Rust
//!   ([`compile_unformatted`]); nothing else is compiled;
//! - `format`: prettyplease formatting ([`compile`], [`generate_rust`]);
//! - `tools` (default; implies `format`): the CLI, the files of `generated/` ([`generate`],
//!   [`check`]), JSON Schema, OpenAPI, the doc-page importer and the spec diff.
//!
//! The layers are kept apart:
//! - **model** ([`yaml`], [`model`]): a located YAML node tree, decoded by hand into spec structs;
//! - **naming** ([`naming`]): case conversion, keywords, reserved names, collision keys;
//! - **IR** ([`ir`]): the lint, and the resolved, checked representation;
//! - **emit** ([`emit`]): pure functions from the IR to Rust source and JSON Schema.
//!
//! Every problem in the spec is a [`Diagnostic`] with `file:line:col`; nothing panics on spec
//! input. Emission is deterministic: generating twice gives identical bytes.
//!
//! ```no_run
//! use std::path::Path;
//! let files = antom_vault_codegen::generate_files_from_dir(Path::new("spec"), "spec")?;
//! for f in &files {
//!     println!("{} ({} bytes)", f.path, f.contents.len());
//! }
//! # Ok::<(), antom_vault_codegen::CodegenError>(())
//! ```

pub mod diagnostic;
#[cfg(feature = "tools")]
pub mod diff;
pub mod emit;
#[cfg(feature = "tools")]
pub mod fetch;
#[cfg(feature = "tools")]
pub mod import;
pub mod ir;
pub mod model;
pub mod naming;
#[cfg(feature = "tools")]
pub mod openapi;
pub mod output;
pub mod yaml;

#[cfg(feature = "tools")]
use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use emit::rust::RustOptions;
#[cfg(feature = "tools")]
pub use emit::schema::SchemaFile;
pub use ir::Ir;
pub use model::{SourceFile, Spec};
#[cfg(feature = "tools")]
pub use output::Staleness;
pub use output::{CodegenError, OutputFile};

/// Parses and decodes `sources` (in the order given) into the spec model. Every file is read even
/// after an error, so all problems are reported at once.
pub fn load(sources: &[SourceFile]) -> Result<Spec, Vec<Diagnostic>> {
    let mut spec = Spec::default();
    let mut diags = Vec::new();
    for source in sources {
        match yaml::parse(&source.name, &source.text) {
            Ok(root) => model::decode_file(&root, &mut spec, &mut diags),
            Err(d) => diags.push(d),
        }
    }
    if diags.is_empty() {
        Ok(spec)
    } else {
        Err(diags)
    }
}

/// Lints `spec` and resolves it into the IR (see [`ir::resolve`]).
pub fn lint(spec: &Spec) -> Result<Ir, Vec<Diagnostic>> {
    ir::resolve(spec)
}

/// Loads and lints `sources`.
pub fn load_and_lint(sources: &[SourceFile]) -> Result<Ir, Vec<Diagnostic>> {
    lint(&load(sources)?)
}

/// Formatted Rust for `ir`: the text of `generated/antom_vault.rs`.
#[cfg(feature = "format")]
pub fn generate_rust(ir: &Ir, options: &RustOptions) -> String {
    emit::rust::emit(ir, options)
}

/// Unformatted Rust for `ir`: the same tokens as [`generate_rust`], one item per line, for a
/// compiler rather than a reader.
pub fn generate_rust_unformatted(ir: &Ir, options: &RustOptions) -> String {
    emit::rust::emit_unformatted(ir, options)
}

/// Formats the output of [`generate_rust_unformatted`] exactly as [`generate_rust`] writes it (for
/// tests that show `build.rs` compiles the code of `generated/`); the error is the parser's.
#[cfg(feature = "format")]
pub fn format_rust(unformatted: &str) -> Result<String, String> {
    emit::rust::format_unformatted(unformatted)
}

/// JSON Schemas of every message of `ir`, each a root document with the `$defs` it reaches (the
/// files of `generated/` hold them once, in the bundle of [`emit::schema_bundle`]).
#[cfg(feature = "tools")]
pub fn generate_schemas(ir: &Ir) -> Vec<SchemaFile> {
    emit::schema::emit(ir)
}

/// Load, lint and emit formatted Rust from in-memory sources (the text `generate` writes).
#[cfg(feature = "format")]
pub fn compile(sources: &[SourceFile], options: &RustOptions) -> Result<String, Diagnostics> {
    let ir = load_and_lint(sources).map_err(Diagnostics)?;
    Ok(generate_rust(&ir, options))
}

/// Load, lint and emit unformatted Rust from in-memory sources: what `build.rs` runs.
pub fn compile_unformatted(
    sources: &[SourceFile],
    options: &RustOptions,
) -> Result<String, Diagnostics> {
    let ir = load_and_lint(sources).map_err(Diagnostics)?;
    Ok(generate_rust_unformatted(&ir, options))
}

/// Every file of `generated/` for in-memory sources.
#[cfg(feature = "tools")]
pub fn generate_files(sources: &[SourceFile]) -> Result<Vec<OutputFile>, Diagnostics> {
    let ir = load_and_lint(sources).map_err(Diagnostics)?;
    Ok(output::outputs(&ir))
}

/// Every file of `generated/` for the spec directory `spec_dir` (named `label` in diagnostics).
#[cfg(feature = "tools")]
pub fn generate_files_from_dir(
    spec_dir: &Path,
    label: &str,
) -> Result<Vec<OutputFile>, CodegenError> {
    let sources = output::read_sources(spec_dir, label)?;
    generate_files(&sources).map_err(CodegenError::Spec)
}

/// `antom-vault-codegen generate`: rewrites `out_dir` from `spec_dir`; returns the files written.
#[cfg(feature = "tools")]
pub fn generate(spec_dir: &Path, out_dir: &Path) -> Result<Vec<std::path::PathBuf>, CodegenError> {
    let files = generate_files_from_dir(spec_dir, &spec_dir.display().to_string())?;
    output::write_outputs(out_dir, &files)
}

/// `antom-vault-codegen check`: every file of `out_dir` that does not match `spec_dir`.
#[cfg(feature = "tools")]
pub fn check(spec_dir: &Path, out_dir: &Path) -> Result<Vec<Staleness>, CodegenError> {
    let files = generate_files_from_dir(spec_dir, &spec_dir.display().to_string())?;
    output::check_outputs(out_dir, &files)
}
