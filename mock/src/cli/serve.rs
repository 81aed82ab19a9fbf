//! `antom-vault mock`: serve the emulator until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use antom_vault_mock::{Emulator, EmulatorConfig};

use super::{CliError, read_text, write_text};

/// Arguments of `mock`.
#[derive(Debug, clap::Args)]
pub struct MockArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The client id to accept (a SANDBOX_ prefix means the /ams/sandbox/api paths).
    #[arg(long, default_value = "EMULATOR_CLIENT_ID")]
    pub client_id: String,
    /// File with the merchant public key that request signatures are checked with (generated with
    /// its private key when absent).
    #[arg(long, value_name = "FILE")]
    pub merchant_public_key: Option<PathBuf>,
    /// File with the Antom private key the emulator signs with (generated when absent).
    #[arg(long, value_name = "FILE")]
    pub antom_private_key: Option<PathBuf>,
    /// Write the Antom public key (bare base64 SubjectPublicKeyInfo) to this file.
    #[arg(long, value_name = "FILE")]
    pub write_antom_public_key: Option<PathBuf>,
    /// Write the generated merchant private key (bare base64 PKCS#8) to this file.
    #[arg(long, value_name = "FILE", conflicts_with = "merchant_public_key")]
    pub write_merchant_private_key: Option<PathBuf>,
    /// Divide Antom's notification resend schedule (0 s, 2 min, 10 min, ... 15 h) by this factor.
    #[arg(long, default_value_t = 1.0, value_parser = parse_speedup)]
    pub notify_speedup: f64,
}

fn parse_speedup(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 1.0 => Ok(v),
        _ => Err("must be a number >= 1".into()),
    }
}

/// Runs `mock`.
pub async fn run(args: &MockArgs) -> Result<ExitCode, CliError> {
    let mut config = EmulatorConfig::default()
        .addr(args.addr)
        .client_id(args.client_id.clone())
        .notify_speedup(args.notify_speedup);
    if let Some(path) = &args.merchant_public_key {
        let text = read_text(path)?;
        antom_vault::keys::VerifyingKey::parse(&text).map_err(|e| CliError::Key {
            what: format!("merchant public key {}", path.display()),
            reason: e.to_string(),
        })?;
        config = config.merchant_public_key(text);
    }
    if let Some(path) = &args.antom_private_key {
        let text = read_text(path)?;
        antom_vault::keys::SigningKey::parse(&text).map_err(|e| CliError::Key {
            what: format!("Antom private key {}", path.display()),
            reason: e.to_string(),
        })?;
        config = config.antom_private_key(text);
    }
    let emulator = Emulator::start(config)
        .await
        .map_err(|e| CliError::Other(e.to_string()))?;
    if let Some(path) = &args.write_antom_public_key {
        write_text(path, &format!("{}\n", emulator.antom_public_key()))?;
    }
    if let (Some(path), Some(key)) = (
        &args.write_merchant_private_key,
        emulator.merchant_private_key(),
    ) {
        super::keygen::write_secret(path, &format!("{key}\n"))?;
    }
    println!("Antom vault emulator");
    println!("base URL: {}", emulator.base_url());
    println!("client id: {}", emulator.client_id());
    println!("Antom public key: {}", emulator.antom_public_key());
    if let Some(key) = emulator.merchant_public_key() {
        println!("merchant public key (generated): {key}");
        match &args.write_merchant_private_key {
            Some(path) => println!(
                "merchant private key (generated): written to {}",
                path.display()
            ),
            None => println!(
                "merchant private key (generated, test only): {}",
                emulator.merchant_private_key().unwrap_or_default()
            ),
        }
    }
    println!("control API: {}/__emulator/faults", emulator.base_url());
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| CliError::Other(format!("cannot wait for Ctrl-C: {e}")))?;
    emulator.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
