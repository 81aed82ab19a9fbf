//! The `diff` subcommand: `antom-vault-codegen diff OLD NEW [--format text|json] [--shared DIR]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::load::load_side;
use super::report::{Summary, json, not_shown, text, unknowns};
use super::source::SpecSource;
use super::{Comparison, compare_sides};

/// Usage text of the subcommand.
pub const USAGE: &str = concat!(
    "usage: antom-vault-codegen diff OLD NEW [--format text|json] [--shared DIR]\n",
    "  OLD, NEW        a spec directory, a single spec file (e.g. a fresh import), or a git\n",
    "                  revision of spec/ (`HEAD`, `main`, `HEAD~1:spec/objects.yaml`)\n",
    "  --format json   machine-readable output (default: text)\n",
    "  --verbose       list description, note and link changes one by one\n",
    "  --shared DIR    where a single file finds shared objects, enums and gateway codes\n",
    "                  (default: spec/ of the current git repository, else ./spec)\n",
    "exit status: 0 nothing breaking, 1 something breaking, 2 error",
);

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(Debug)]
struct Args {
    old: String,
    new: String,
    format: Format,
    verbose: bool,
    shared: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut format = Format::Text;
    let mut shared = None;
    let mut verbose = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" => {
                format = match iter.next().map(String::as_str) {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    Some(other) => return Err(format!("unknown format `{other}` (text or json)")),
                    None => return Err("--format needs a value".into()),
                }
            }
            "--verbose" => verbose = true,
            "--shared" => {
                shared = Some(PathBuf::from(iter.next().ok_or("--shared needs a value")?));
            }
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            value => positional.push(value.to_owned()),
        }
    }
    let [old, new]: [String; 2] = positional
        .try_into()
        .map_err(|p: Vec<String>| format!("expected OLD and NEW, got {} argument(s)", p.len()))?;
    Ok(Args {
        old,
        new,
        format,
        verbose,
        shared,
    })
}

/// The repository's `spec/` (or `./spec` outside a repository).
pub fn default_shared() -> PathBuf {
    let top = std::process::Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok());
    match top {
        Some(top) => Path::new(top.trim()).join("spec"),
        None => PathBuf::from("spec"),
    }
}

/// Compares two sides named as on the command line.
/// Compares two sides named as on the command line: the changes, the facts either side leaves
/// open (a fresh import's `TODO`s), and what a partial page does not show.
pub fn diff_args(old: &str, new: &str, shared: &Path) -> Result<Comparison, String> {
    let old =
        load_side(&SpecSource::from_arg(old).read()?, shared).map_err(|e| format!("OLD: {e}"))?;
    let new =
        load_side(&SpecSource::from_arg(new).read()?, shared).map_err(|e| format!("NEW: {e}"))?;
    Ok(compare_sides(old.side(), new.side()))
}

/// Runs the subcommand; returns the exit status: 0 nothing breaking, 1 breaking, 2 error.
pub fn run(args: &[String]) -> ExitCode {
    let args = match parse(args) {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let shared = args.shared.clone().unwrap_or_else(default_shared);
    match diff_args(&args.old, &args.new, &shared) {
        Ok(found) => {
            match args.format {
                Format::Text => print!(
                    "{}{}{}",
                    text(&found.changes, args.verbose),
                    not_shown(&found.not_shown),
                    unknowns(&found.unknown)
                ),
                Format::Json => print!("{}", json(&found.changes)),
            }
            ExitCode::from(u8::from(Summary::of(&found.changes).breaking > 0))
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_arguments() {
        let args = parse(&strings(&["a", "b", "--format", "json", "--shared", "s"])).unwrap();
        assert_eq!(
            (args.old.as_str(), args.new.as_str(), args.format),
            ("a", "b", Format::Json)
        );
        assert_eq!(args.shared, Some(PathBuf::from("s")));
        assert!(parse(&strings(&["a"])).is_err());
        assert!(parse(&strings(&["a", "b", "c"])).is_err());
        assert!(parse(&strings(&["a", "b", "--format", "xml"])).is_err());
    }
}
