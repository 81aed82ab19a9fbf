//! `antom-vault`: run the card-vaulting flow (`demo`), serve the Antom emulator (`mock`), make
//! merchant keys (`keygen`), and show or check request signatures (`sign`, `verify`).

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Antom card vaulting: demo flow, local emulator, keys and signatures.
#[derive(Debug, Parser)]
#[command(name = "antom-vault", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the whole vaulting flow: against a local emulator by default, or against Antom when
    /// ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY and ANTOM_REGION or ANTOM_BASE_URL are set.
    Demo(cli::demo::DemoArgs),
    /// Serve the Antom vault emulator until Ctrl-C.
    Mock(cli::serve::MockArgs),
    /// Write a merchant RSA 2048 key pair (bare base64 and PEM).
    Keygen(cli::keygen::KeygenArgs),
    /// Print the exact string to sign and the Signature header of a request.
    Sign(cli::signcmd::SignArgs),
    /// Check a Signature header against a body, path, time and public key.
    Verify(cli::signcmd::VerifyArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        match &cli.command {
            Command::Demo(args) => cli::demo::run(args).await,
            Command::Mock(args) => cli::serve::run(args).await,
            Command::Keygen(args) => cli::keygen::run(args),
            Command::Sign(args) => cli::signcmd::run_sign(args),
            Command::Verify(args) => cli::signcmd::run_verify(args),
        }
    });
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
