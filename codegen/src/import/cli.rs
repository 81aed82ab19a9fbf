//! The `import` subcommand: `antom-vault-codegen import PAGE [--out FILE] [--fixtures DIR]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Imported, import_page, render};

/// Usage text of the subcommand.
pub const USAGE: &str = concat!(
    "usage: antom-vault-codegen import PAGE [--out FILE] [--fixtures DIR]\n",
    "  PAGE            an Antom API reference page (docs.antom.com markdown or global.alipay.com text)\n",
    "  --out FILE      write the spec document to FILE (default: standard output); it holds the\n",
    "                  API and, under `objects:`, the objects the page spells out\n",
    "  --fixtures DIR  write the page's example bodies to DIR/<api>.request.json and .response.json",
);

/// Parsed arguments.
#[derive(Debug, Default, PartialEq, Eq)]
struct Args {
    page: PathBuf,
    out: Option<PathBuf>,
    fixtures: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut page = None;
    let mut out = None;
    let mut fixtures = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--out" => out = Some(value(&mut iter, "--out")?),
            "--fixtures" => fixtures = Some(value(&mut iter, "--fixtures")?),
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            path if page.is_none() => page = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    Ok(Args {
        page: page.ok_or("missing PAGE")?,
        out,
        fixtures,
    })
}

fn value(iter: &mut std::slice::Iter<'_, String>, flag: &str) -> Result<PathBuf, String> {
    iter.next()
        .map(PathBuf::from)
        .ok_or_else(|| format!("{flag} needs a value"))
}

/// Runs the subcommand; returns the exit status (0 ok, 2 error). Warnings go to stderr.
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
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn execute(args: &Args) -> Result<(), String> {
    let text = std::fs::read_to_string(&args.page)
        .map_err(|e| format!("cannot read {}: {e}", args.page.display()))?;
    let imported = import_page(&text).map_err(|e| format!("{}: {e}", args.page.display()))?;
    for warning in imported.warnings() {
        eprintln!(
            "{}:{}: warning: {}",
            args.page.display(),
            warning.line,
            warning.message
        );
    }
    let source = args
        .page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let yaml = render(&imported, &source);
    match &args.out {
        Some(out) => write(out, &yaml)?,
        None => print!("{yaml}"),
    }
    if let Some(dir) = &args.fixtures {
        write_fixtures(dir, &imported)?;
    }
    Ok(())
}

fn write_fixtures(dir: &Path, imported: &Imported) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let bodies = [
        ("request", &imported.examples().request),
        ("response", &imported.examples().response),
    ];
    for (kind, body) in bodies {
        if let Some(body) = body {
            write(&dir.join(format!("{}.{kind}.json", imported.name())), body)?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_flags_and_rejects_junk() {
        let args = parse(&strings(&["p.txt", "--out", "o.yaml"])).unwrap();
        assert_eq!(args.out, Some(PathBuf::from("o.yaml")));
        assert!(parse(&strings(&["--out"])).is_err());
        assert!(parse(&strings(&["a", "b"])).is_err());
        assert!(parse(&strings(&["--bogus", "a"])).is_err());
    }
}
