//! The files of `generated/`: computing them, writing them, and checking that they are fresh.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::emit;
use crate::ir::Ir;
use crate::model::SourceFile;

/// Name of the Rust file inside the output directory (and `$OUT_DIR`).
pub const RUST_FILE: &str = "antom_vault.rs";
/// Folder of the JSON Schema files inside the output directory.
pub const SCHEMA_DIR: &str = "schema";

/// One generated file: its path relative to the output directory and its exact contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path, with `/` separators (`schema/create_vaulting_session.request.json`).
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// What can go wrong when generating from or checking a directory.
#[derive(Debug)]
pub enum CodegenError {
    /// The spec is wrong; every problem with its location.
    Spec(Diagnostics),
    /// A file could not be read or written.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodegenError::Spec(d) => write!(f, "{d}"),
            CodegenError::Io { path, error } => write!(f, "{}: error: {error}", path.display()),
        }
    }
}

impl std::error::Error for CodegenError {}

impl From<Vec<Diagnostic>> for CodegenError {
    fn from(d: Vec<Diagnostic>) -> Self {
        CodegenError::Spec(Diagnostics(d))
    }
}

fn io(path: &Path, error: std::io::Error) -> CodegenError {
    CodegenError::Io {
        path: path.to_owned(),
        error,
    }
}

/// Reads every `*.yaml` file of `dir`, in file-name order. Each source is named `label/<file>`
/// (`spec/objects.yaml`) in diagnostics.
pub fn read_sources(dir: &Path, label: &str) -> Result<Vec<SourceFile>, CodegenError> {
    let mut paths = spec_files(dir)?;
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = if label.is_empty() {
            file_name
        } else {
            format!("{}/{file_name}", label.trim_end_matches('/'))
        };
        match fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => out.push(SourceFile { name, text }),
                Err(_) => {
                    return Err(CodegenError::Spec(Diagnostics(vec![Diagnostic::at(
                        &Location::new(name, 1, 1),
                        "the file is not valid UTF-8",
                    )])));
                }
            },
            Err(e) => return Err(io(&path, e)),
        }
    }
    Ok(out)
}

/// The `*.yaml` files of `dir` (unsorted), e.g. for `cargo:rerun-if-changed`.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, CodegenError> {
    let entries = fs::read_dir(dir).map_err(|e| io(dir, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io(dir, e))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") && path.is_file() {
            out.push(path);
        }
    }
    Ok(out)
}

/// Every file of `generated/` for `ir`: the Rust file, then one schema per message.
pub fn outputs(ir: &Ir) -> Vec<OutputFile> {
    let mut files = vec![OutputFile {
        path: RUST_FILE.to_owned(),
        contents: emit::rust::emit(ir, &emit::rust::RustOptions::default()),
    }];
    for s in emit::schema::emit(ir) {
        files.push(OutputFile {
            path: format!("{SCHEMA_DIR}/{}", s.file_name),
            contents: emit::schema::to_text(&s.schema),
        });
    }
    files.push(OutputFile {
        path: crate::openapi::OPENAPI_FILE.to_owned(),
        contents: crate::openapi::to_text(&crate::openapi::emit(ir)),
    });
    files
}

/// Writes `files` under `out_dir`, creating folders, and deletes schema files no longer
/// produced. Returns the paths written.
pub fn write_outputs(out_dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, CodegenError> {
    let mut written = Vec::new();
    for f in files {
        let path = out_dir.join(&f.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        let unchanged = fs::read(&path).is_ok_and(|old| old == f.contents.as_bytes());
        if !unchanged {
            fs::write(&path, &f.contents).map_err(|e| io(&path, e))?;
        }
        written.push(path);
    }
    for extra in extra_schema_files(out_dir, files)? {
        let path = out_dir.join(&extra);
        fs::remove_file(&path).map_err(|e| io(&path, e))?;
    }
    Ok(written)
}

/// Why a file of `generated/` does not match the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Staleness {
    /// The file should exist but does not.
    Missing(String),
    /// The file exists with other contents.
    Stale(String),
    /// A schema file exists that the spec no longer produces.
    Extra(String),
}

impl fmt::Display for Staleness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Staleness::Missing(p) => write!(f, "{p}: missing"),
            Staleness::Stale(p) => write!(f, "{p}: stale (does not match spec/)"),
            Staleness::Extra(p) => write!(f, "{p}: no longer produced by spec/"),
        }
    }
}

/// Compares `files` with what is in `out_dir`; empty when everything is fresh.
pub fn check_outputs(out_dir: &Path, files: &[OutputFile]) -> Result<Vec<Staleness>, CodegenError> {
    let mut problems = Vec::new();
    for f in files {
        let path = out_dir.join(&f.path);
        match fs::read(&path) {
            Ok(old) if old == f.contents.as_bytes() => {}
            Ok(_) => problems.push(Staleness::Stale(f.path.clone())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(Staleness::Missing(f.path.clone()))
            }
            Err(e) => return Err(io(&path, e)),
        }
    }
    for extra in extra_schema_files(out_dir, files)? {
        problems.push(Staleness::Extra(extra));
    }
    Ok(problems)
}

fn extra_schema_files(out_dir: &Path, files: &[OutputFile]) -> Result<Vec<String>, CodegenError> {
    let dir = out_dir.join(SCHEMA_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir, e)),
    };
    let mut extra = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io(&dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{SCHEMA_DIR}/{name}");
        if name.ends_with(".json") && !files.iter().any(|f| f.path == rel) {
            extra.push(rel);
        }
    }
    extra.sort();
    Ok(extra)
}
