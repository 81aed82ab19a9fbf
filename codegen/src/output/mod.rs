//! Reading the spec folder, and (with the `tools` feature) the files of `generated/`: computing
//! them, writing them, and checking that they are fresh.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::SourceFile;

#[cfg(feature = "tools")]
mod files;
#[cfg(feature = "tools")]
pub use files::{Staleness, check_outputs, outputs, write_outputs};

/// Name of the Rust file inside the output directory (and `$OUT_DIR`).
pub const RUST_FILE: &str = "antom_vault.rs";
/// Folder of the JSON Schema files inside the output directory.
pub const SCHEMA_DIR: &str = "schema";

/// One generated file: its path relative to the output directory and its exact contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path, with `/` separators (`schema/antom_vault.schema.json`).
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

pub(crate) fn io(path: &Path, error: std::io::Error) -> CodegenError {
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
