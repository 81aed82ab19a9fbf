//! `antom-vault sign` and `antom-vault verify`: show the exact string to sign and the `Signature`
//! header, or check a header. What to reach for when Antom answers INVALID_SIGNATURE.

use std::path::PathBuf;
use std::process::ExitCode;

use antom_vault::keys::{SigningKey, VerifyingKey};
use antom_vault::signing::string_to_sign;

use super::{CliError, read_bytes, read_text};

/// Arguments of `sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The Client-Id header value.
    #[arg(long)]
    pub client_id: String,
    /// The request path as sent, e.g. /ams/api/v1/vaults/inquireVaulting (sandbox: /ams/sandbox/api/...).
    #[arg(long)]
    pub path: String,
    /// The Request-Time header value (default: now, in epoch milliseconds).
    #[arg(long)]
    pub time: Option<String>,
    /// File holding the exact request body bytes.
    #[arg(long, value_name = "FILE")]
    pub body: PathBuf,
    /// File holding the merchant private key (PKCS#8 or PKCS#1, PEM or bare base64).
    #[arg(long, value_name = "FILE")]
    pub private_key: PathBuf,
    /// The keyVersion to put in the header.
    #[arg(long, default_value_t = 1)]
    pub key_version: u32,
}

/// Arguments of `verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The client-id header value.
    #[arg(long)]
    pub client_id: String,
    /// The path the message was sent on (for a notification: your notification URL's path and query).
    #[arg(long)]
    pub path: String,
    /// The Request-Time / response-time / request-time header value, exactly.
    #[arg(long)]
    pub time: String,
    /// File holding the exact body bytes.
    #[arg(long, value_name = "FILE")]
    pub body: PathBuf,
    /// File holding the public key of the signer (SubjectPublicKeyInfo or PKCS#1, PEM or bare base64).
    #[arg(long, value_name = "FILE")]
    pub public_key: PathBuf,
    /// The Signature header value, e.g. "algorithm=RSA256,keyVersion=1,signature=...".
    #[arg(long)]
    pub signature: String,
}

fn show_string_to_sign(message: &[u8]) {
    println!(
        "String to sign ({} bytes, between the markers; the first line break is a single \\n):",
        message.len()
    );
    println!("-----BEGIN STRING TO SIGN-----");
    println!("{}", String::from_utf8_lossy(message));
    println!("-----END STRING TO SIGN-----");
}

/// Runs `sign`.
pub fn run_sign(args: &SignArgs) -> Result<ExitCode, CliError> {
    let body = read_bytes(&args.body)?;
    let key = SigningKey::parse(&read_text(&args.private_key)?).map_err(|e| CliError::Key {
        what: format!("private key {}", args.private_key.display()),
        reason: e.to_string(),
    })?;
    let time = args
        .time
        .clone()
        .unwrap_or_else(|| antom_vault_mock::timefmt::now_millis().to_string());
    let header = key
        .sign_request(
            &args.path,
            &args.client_id,
            &time,
            &body,
            Some(args.key_version),
        )
        .map_err(|e| CliError::Other(format!("signing failed: {e}")))?;
    show_string_to_sign(&string_to_sign(&args.path, &args.client_id, &time, &body));
    println!("Client-Id: {}", args.client_id);
    println!("Request-Time: {time}");
    println!("Signature: {header}");
    Ok(ExitCode::SUCCESS)
}

/// Runs `verify`: exit 0 when the signature matches, 1 when it does not.
pub fn run_verify(args: &VerifyArgs) -> Result<ExitCode, CliError> {
    let body = read_bytes(&args.body)?;
    let key = VerifyingKey::parse(&read_text(&args.public_key)?).map_err(|e| CliError::Key {
        what: format!("public key {}", args.public_key.display()),
        reason: e.to_string(),
    })?;
    show_string_to_sign(&string_to_sign(
        &args.path,
        &args.client_id,
        &args.time,
        &body,
    ));
    match key.verify_request_header(
        &args.path,
        &args.client_id,
        &args.time,
        &body,
        &args.signature,
    ) {
        Ok(()) => {
            println!("Signature OK: it matches these bytes and this public key.");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            println!("Signature does NOT verify: {e}");
            println!(
                "Check: the key pair, the path (sandbox or not), the exact time header, and the exact body bytes (line endings, escaping, whitespace)."
            );
            Ok(ExitCode::from(1))
        }
    }
}
