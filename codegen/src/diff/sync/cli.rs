//! The `sync` subcommand: `antom-vault-codegen sync PAGE... [--spec DIR] [--dry-run]`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::unified::unified;
use super::{Older, Outcome, Page, plan};
use crate::diff::report::{Summary, text};

/// Usage text of the subcommand.
pub const USAGE: &str = concat!(
    "usage: antom-vault-codegen sync PAGE... [--spec DIR] [--dry-run] [--allow-older]\n",
    "  PAGE           a saved Antom API reference page (docs.antom.com markdown, global.alipay.com\n",
    "                 text, or the rendered text of either site)\n",
    "  --spec DIR     the spec directory to edit in place (default: spec/ of the current git\n",
    "                 repository, else ./spec)\n",
    "  --dry-run      print the report and a unified diff of the spec files; write nothing\n",
    "  --allow-older  apply a page dated before the page the spec was last synced from\n",
    "Applies what the pages say to the spec files, oldest page first: new fields, codes, objects\n",
    "and enum values (descriptions TODO), changed facts, and removals where the page shows the\n",
    "part in full (what a cut-off page does not show is listed, not removed). Differences a\n",
    "decision's `covers:` names are left alone and listed. Records the page and its date under\n",
    "`synced_from`.\n",
    "exit status: 0 nothing breaking, 1 something breaking, 2 error (nothing written),\n",
    "3 the edited spec needs a decision (the report says which; nothing written)",
);

#[derive(Debug, PartialEq, Eq)]
struct Args {
    pages: Vec<PathBuf>,
    spec: Option<PathBuf>,
    dry_run: bool,
    allow_older: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        pages: Vec::new(),
        spec: None,
        dry_run: false,
        allow_older: false,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--spec" => {
                parsed.spec = Some(PathBuf::from(iter.next().ok_or("--spec needs a value")?));
            }
            "--dry-run" => parsed.dry_run = true,
            "--allow-older" => parsed.allow_older = true,
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            page => parsed.pages.push(PathBuf::from(page)),
        }
    }
    if parsed.pages.is_empty() {
        return Err("expected at least one PAGE".into());
    }
    Ok(parsed)
}

/// The exit status when the edited spec would not lint: a decision for the maintainer.
pub const NEEDS_DECISION: u8 = 3;

/// Runs the subcommand; returns the exit status: 0 nothing breaking, 1 breaking, 2 error, 3
/// needs a decision.
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
    match execute(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn execute(args: &Args) -> Result<ExitCode, String> {
    let spec_dir = args.spec.clone().unwrap_or_else(|| {
        // The repository's spec/, named relative to the current directory when it is inside it.
        let dir = crate::diff::cli::default_shared();
        std::env::current_dir()
            .ok()
            .and_then(|cwd| dir.strip_prefix(cwd).ok().map(PathBuf::from))
            .unwrap_or(dir)
    });
    let label = spec_dir.display().to_string();
    let files = crate::output::read_sources(&spec_dir, &label).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err(format!("{label}: no *.yaml spec files"));
    }
    let mut pages = Vec::new();
    for path in &args.pages {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        pages.push(Page {
            name: path.display().to_string(),
            text,
        });
    }
    let older = if args.allow_older {
        Older::Allowed
    } else {
        Older::Refused
    };
    let outcome = plan(&files, &pages, older)?;
    for note in &outcome.notes {
        eprintln!("{note}");
    }
    let blocked = !outcome.needs_decision.is_empty();
    print!("{}", report(&outcome, args.dry_run || blocked));
    if args.dry_run || blocked {
        for file in &outcome.files {
            print!("{}", unified(&file.name, &file.before, &file.after));
        }
    }
    if blocked {
        return Ok(ExitCode::from(NEEDS_DECISION));
    }
    if !args.dry_run {
        for file in &outcome.files {
            std::fs::write(&file.name, &file.after)
                .map_err(|e| format!("cannot write {}: {e}", file.name))?;
        }
    }
    Ok(ExitCode::from(u8::from(
        Summary::of(&outcome.changed).breaking > 0,
    )))
}

/// The report: the pages in the order applied, what changed (the `diff` report), what the pages
/// do not show, what was left alone and why, the decisions needed, which files.
pub fn report(outcome: &Outcome, dry_run: bool) -> String {
    let mut out = String::new();
    if outcome.applied.len() > 1 {
        let _ = writeln!(out, "pages, oldest first:");
        for (page, date) in &outcome.applied {
            let _ = writeln!(out, "  {page} ({})", date.as_deref().unwrap_or("undated"));
        }
    }
    let _ = writeln!(
        out,
        "{}",
        if outcome.needs_decision.is_empty() {
            if dry_run {
                "would apply (dry run):"
            } else {
                "applied:"
            }
        } else {
            "the page says (nothing written: the result needs a decision):"
        }
    );
    out.push_str(&text(&outcome.changed, true));
    if !outcome.not_shown.is_empty() {
        let _ = writeln!(
            out,
            "\nnot shown on this page, kept ({}):",
            outcome.not_shown.len()
        );
        for entry in &outcome.not_shown {
            let _ = writeln!(out, "  {entry}");
        }
    }
    if !outcome.left_alone.is_empty() {
        let _ = writeln!(
            out,
            "\nleft alone, explained by a decision ({}):",
            outcome.left_alone.len()
        );
        for left in &outcome.left_alone {
            let _ = writeln!(out, "  {}", left.change.line());
            let _ = writeln!(
                out,
                "    covers `{}` at {}: {}",
                left.path,
                left.at,
                gist(&left.decision)
            );
        }
    }
    if !outcome.needs_decision.is_empty() {
        let _ = writeln!(
            out,
            "\nneeds a decision ({}): the spec these changes give would break a rule. Either edit\n\
             the spec as the rule says, or record a decision whose `covers:` names the change.",
            outcome.needs_decision.len()
        );
        for need in &outcome.needs_decision {
            let cause = need.cause.as_deref().unwrap_or("(no single page change)");
            let _ = writeln!(out, "  page: {cause}\n    rule: {}", need.rule);
        }
    }
    if !outcome.files.is_empty() {
        out.push('\n');
        for file in &outcome.files {
            let _ = writeln!(
                out,
                "{} {}",
                if dry_run { "would edit" } else { "edited" },
                file.name
            );
        }
        if let Some((page, date)) = outcome.applied.last() {
            let _ = writeln!(
                out,
                "synced_from: {page} ({})",
                date.as_deref().unwrap_or("undated")
            );
        }
    }
    out
}

/// The decision's first sentence (or first 100 characters).
fn gist(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = one_line
        .find(". ")
        .map_or(one_line.as_str(), |i| &one_line[..=i]);
    let clipped: String = sentence.chars().take(100).collect();
    if clipped.len() < sentence.len() {
        format!("{clipped}...")
    } else {
        clipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pages_and_flags() {
        let strings = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let args = parse(&strings(&["a.md", "b.txt", "--spec", "s", "--dry-run"])).unwrap();
        assert_eq!(args.pages.len(), 2);
        assert_eq!(args.spec, Some(PathBuf::from("s")));
        assert!(args.dry_run);
        assert!(parse(&strings(&["--dry-run"])).is_err());
        assert!(parse(&strings(&["a", "--bogus"])).is_err());
        assert_eq!(gist("One. Two."), "One.");
    }
}
