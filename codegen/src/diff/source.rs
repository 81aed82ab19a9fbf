//! Where one side of a diff comes from: a spec directory, a single spec file, or a git revision.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::SourceFile;

/// One side of a diff, as named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecSource {
    /// A directory of spec files.
    Dir(PathBuf),
    /// One spec file (for example a fresh import); shared objects come from `--shared`.
    File(PathBuf),
    /// `REV` (meaning `REV:spec`) or `REV:path`, read with git from the current repository.
    Git {
        /// The revision (`HEAD`, `main`, a commit).
        rev: String,
        /// The path inside the revision: a directory or a single file.
        path: String,
    },
}

/// The files of one side, and whether they stand alone or need the shared definitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sources {
    /// The spec texts, named for diagnostics.
    pub files: Vec<SourceFile>,
    /// True when this is a single file that resolves object types against `--shared`.
    pub single_file: bool,
}

impl SpecSource {
    /// Reads a command-line argument: an existing path wins; otherwise it is a git revision.
    pub fn from_arg(arg: &str) -> SpecSource {
        let path = Path::new(arg);
        if path.is_dir() {
            return SpecSource::Dir(path.to_owned());
        }
        if path.is_file() {
            return SpecSource::File(path.to_owned());
        }
        match arg.split_once(':') {
            Some((rev, inner)) => SpecSource::Git {
                rev: rev.to_owned(),
                path: inner.trim_matches('/').to_owned(),
            },
            None => SpecSource::Git {
                rev: arg.to_owned(),
                path: "spec".to_owned(),
            },
        }
    }

    /// Reads the spec texts.
    pub fn read(&self) -> Result<Sources, String> {
        match self {
            SpecSource::Dir(dir) => {
                let label = dir.display().to_string();
                let files = crate::output::read_sources(dir, &label).map_err(|e| e.to_string())?;
                if files.is_empty() {
                    return Err(format!("{label}: no *.yaml spec files"));
                }
                Ok(Sources {
                    files,
                    single_file: false,
                })
            }
            SpecSource::File(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                Ok(Sources {
                    files: vec![SourceFile {
                        name: path.display().to_string(),
                        text,
                    }],
                    single_file: true,
                })
            }
            SpecSource::Git { rev, path } => read_git(rev, path),
        }
    }
}

fn git(args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("git {}: {}", args.join(" "), stderr.trim()));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| format!("git {}: output is not UTF-8", args.join(" ")))
}

fn read_git(rev: &str, path: &str) -> Result<Sources, String> {
    // Paths in `REV:path` are relative to the repository root.
    let object = format!("{rev}:{path}");
    let kind = git(&["cat-file", "-t", &object]).map_err(|e| {
        format!("`{rev}` is neither a path nor a git revision holding {path} ({e})")
    })?;
    match kind.trim() {
        "blob" => Ok(Sources {
            files: vec![SourceFile {
                name: object.clone(),
                text: git(&["show", &object])?,
            }],
            single_file: true,
        }),
        "tree" => {
            let listing = git(&["ls-tree", "--name-only", &object])?;
            let mut names: Vec<&str> = listing.lines().filter(|n| n.ends_with(".yaml")).collect();
            names.sort_unstable();
            if names.is_empty() {
                return Err(format!("{object}: no *.yaml spec files"));
            }
            let mut files = Vec::new();
            for name in names {
                let file = format!("{object}/{name}");
                files.push(SourceFile {
                    text: git(&["show", &file])?,
                    name: file,
                });
            }
            Ok(Sources {
                files,
                single_file: false,
            })
        }
        other => Err(format!(
            "{object} is a git {other}, not a spec file or directory"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_that_are_not_paths_are_revisions() {
        assert_eq!(
            SpecSource::from_arg("no-such-dir-HEAD~1"),
            SpecSource::Git {
                rev: "no-such-dir-HEAD~1".into(),
                path: "spec".into()
            }
        );
        assert_eq!(
            SpecSource::from_arg("main:spec/inquire_vaulting.yaml"),
            SpecSource::Git {
                rev: "main".into(),
                path: "spec/inquire_vaulting.yaml".into()
            }
        );
    }
}
