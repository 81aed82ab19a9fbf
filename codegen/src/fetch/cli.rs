//! `antom-vault-codegen fetch [--spec DIR] [--out DIR] [--base URL] [--summary FILE] [--dry-run]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Options, summary, watch};

/// Usage text of the subcommand.
pub const USAGE: &str = concat!(
    "usage: antom-vault-codegen fetch [--spec DIR] [--out DIR] [--base URL] [--summary FILE] [--dry-run]\n",
    "  --spec DIR      the spec directory to sync in place (default spec)\n",
    "  --out DIR       the generated directory to rewrite when the spec changes (default generated)\n",
    "  --base URL      fetch from this scheme and host instead of each `doc` address's own\n",
    "  --summary FILE  also write the markdown summary (a pull-request body) to FILE\n",
    "  --dry-run       fetch and work everything out; write no spec or generated file\n",
    "Downloads the markdown page of every API (its `doc` address with `.md`), applies the pages\n",
    "that arrived whole with sync, regenerates, and prints the summary: semver class, changes,\n",
    "decisions needed.\n",
    "exit status: 0 every page applied (with or without changes), 3 some page not applied or\n",
    "sync refused (the summary says why), 2 error",
);

/// The options and the summary file; `None` for `--help`.
type Parsed = Option<(Options, Option<PathBuf>)>;

fn parse(args: &[String]) -> Result<Parsed, String> {
    let mut options = Options {
        spec: PathBuf::from("spec"),
        out: PathBuf::from("generated"),
        base: None,
        dry_run: false,
    };
    let mut summary_file = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("`{arg}` needs a value"))
        };
        match arg.as_str() {
            "--spec" => options.spec = PathBuf::from(value()?),
            "--out" => options.out = PathBuf::from(value()?),
            "--base" => options.base = Some(value()?),
            "--summary" => summary_file = Some(PathBuf::from(value()?)),
            "--dry-run" => options.dry_run = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some((options, summary_file)))
}

/// Runs the subcommand; returns its exit status (see [`USAGE`]).
pub fn run(args: &[String]) -> ExitCode {
    match parse(args) {
        Ok(Some((options, summary_file))) => execute(&options, summary_file.as_deref()),
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn execute(options: &Options, summary_file: Option<&Path>) -> ExitCode {
    let run = match watch(options) {
        Ok(run) => run,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let text = summary::markdown(&run);
    print!("{text}");
    if let Some(path) = summary_file
        && let Err(e) = std::fs::write(path, &text)
    {
        eprintln!("error: cannot write {}: {}", path.display(), e.kind());
        return ExitCode::from(2);
    }
    if run.complete() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_and_refuses_strays() {
        let strings = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (options, summary) = parse(&strings(&[
            "--spec",
            "s",
            "--base",
            "http://h:1",
            "--summary",
            "x.md",
            "--dry-run",
        ]))
        .unwrap()
        .expect("options, not help");
        assert_eq!(options.spec, PathBuf::from("s"));
        assert_eq!(options.base.as_deref(), Some("http://h:1"));
        assert_eq!(summary, Some(PathBuf::from("x.md")));
        assert!(options.dry_run);
        assert!(parse(&strings(&["--base"])).is_err());
        assert!(parse(&strings(&["page.md"])).is_err());
        assert_eq!(parse(&strings(&["--help"])), Ok(None));
    }
}
