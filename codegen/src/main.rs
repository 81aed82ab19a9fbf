//! `antom-vault-codegen`: command-line entry point.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("import") => antom_vault_codegen::import::cli::run(&args[1..]),
        _ => {
            eprintln!("usage: antom-vault-codegen <import|diff> ...");
            ExitCode::from(2)
        }
    }
}
