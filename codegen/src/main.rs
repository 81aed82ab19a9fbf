//! `antom-vault-codegen`: generate or check `generated/` from `spec/`.
//!
//! ```text
//! antom-vault-codegen generate [--spec DIR] [--out DIR]
//! antom-vault-codegen check    [--spec DIR] [--out DIR]
//! antom-vault-codegen import   PAGE [--out FILE] [--fixtures DIR]
//! antom-vault-codegen diff     OLD NEW [--format text|json] [--verbose] [--shared DIR]
//! antom-vault-codegen sync     PAGE... [--spec DIR] [--dry-run]
//! antom-vault-codegen fetch    [--spec DIR] [--out DIR] [--base URL] [--summary FILE] [--dry-run]
//! ```
//!
//! Each subcommand is one arm of the dispatcher in `main`; arguments are parsed by hand.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: antom-vault-codegen <generate|check> [--spec DIR] [--out DIR]
       antom-vault-codegen import PAGE [--out FILE] [--fixtures DIR]
       antom-vault-codegen diff OLD NEW [--format text|json] [--verbose] [--shared DIR]
       antom-vault-codegen sync PAGE... [--spec DIR] [--dry-run]
       antom-vault-codegen fetch [--spec DIR] [--out DIR] [--base URL] [--summary FILE] [--dry-run]

  generate   rewrite DIR (default generated/) from the YAML specs (default spec/)
  check      exit non-zero, naming each file of generated/ that is stale or missing
  import     turn one Antom API reference page into spec YAML (`import --help` lists the options)
  diff       semantic spec diff; exit 0 nothing breaking, 1 breaking, 2 error
  sync       apply saved pages to spec/ in place (`sync --help` lists the options)
  fetch      the doc watch: download each API's page, sync, regenerate, summarize (`fetch --help`)";

/// The directories shared by `generate` and `check`.
struct Dirs {
    spec: PathBuf,
    out: PathBuf,
}

fn parse_dirs(args: &[String]) -> Result<Dirs, String> {
    let mut dirs = Dirs {
        spec: PathBuf::from("spec"),
        out: PathBuf::from("generated"),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let slot = match arg.as_str() {
            "--spec" => &mut dirs.spec,
            "--out" => &mut dirs.out,
            other => return Err(format!("unknown argument `{other}`")),
        };
        *slot = it
            .next()
            .map(PathBuf::from)
            .ok_or_else(|| format!("`{arg}` needs a directory"))?;
    }
    Ok(dirs)
}

fn generate(args: &[String]) -> Result<ExitCode, String> {
    let dirs = parse_dirs(args)?;
    match antom_vault_codegen::generate(&dirs.spec, &dirs.out) {
        Ok(files) => {
            println!("wrote {} files to {}", files.len(), dirs.out.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let dirs = parse_dirs(args)?;
    match antom_vault_codegen::check(&dirs.spec, &dirs.out) {
        Ok(problems) if problems.is_empty() => {
            println!(
                "{} is up to date with {}",
                dirs.out.display(),
                dirs.spec.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(problems) => {
            for p in &problems {
                eprintln!("{}/{p}", dirs.out.display());
            }
            eprintln!(
                "run `antom-vault-codegen generate` to refresh {}",
                dirs.out.display()
            );
            Ok(ExitCode::FAILURE)
        }
        Err(e) => {
            eprintln!("{e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "generate" => generate(rest),
        "check" => check(rest),
        "import" => Ok(antom_vault_codegen::import::cli::run(rest)),
        "diff" => Ok(antom_vault_codegen::diff::cli::run(rest)),
        "sync" => Ok(antom_vault_codegen::diff::sync::cli::run(rest)),
        "fetch" => Ok(antom_vault_codegen::fetch::cli::run(rest)),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`")),
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}\n\n{USAGE}");
        ExitCode::from(2)
    })
}
