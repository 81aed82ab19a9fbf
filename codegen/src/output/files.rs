//! The files of `generated/` (feature `tools`).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::{CodegenError, OutputFile, RUST_FILE, SCHEMA_DIR, io};
use crate::emit;
use crate::ir::Ir;

/// Every file of `generated/` for `ir`: the Rust file, the schema bundle and the OpenAPI document.
pub fn outputs(ir: &Ir) -> Vec<OutputFile> {
    let mut files = vec![OutputFile {
        path: RUST_FILE.to_owned(),
        contents: emit::rust::emit(ir, &emit::rust::RustOptions::default()),
    }];
    files.push(OutputFile {
        path: format!("{SCHEMA_DIR}/{}", emit::schema_bundle::BUNDLE_FILE),
        contents: emit::schema::to_text(&emit::schema_bundle::bundle(ir)),
    });
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
