//! `antom-vault-codegen`: command-line entry point.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("import") => antom_vault_codegen::import::cli::run(&args[1..]),
        _ => {
            eprintln!("usage: antom-vault-codegen <import|diff> ...");
            2
        }
    };
    std::process::exit(code);
}
