//! `antom-vault keygen`: a merchant RSA 2048 key pair in the formats Antom uses.

use std::path::PathBuf;
use std::process::ExitCode;

use antom_vault_mock::keys::KeyPairText;

use super::{CliError, write_text};

/// Arguments of `keygen`.
#[derive(Debug, clap::Args)]
pub struct KeygenArgs {
    /// Directory to write the key files into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Overwrite existing key files.
    #[arg(long)]
    pub force: bool,
}

/// The files `keygen` writes, by name.
pub const FILES: [&str; 4] = [
    "merchant_private_key.txt",
    "merchant_public_key.txt",
    "merchant_private_key.pem",
    "merchant_public_key.pem",
];

/// Runs `keygen`.
pub fn run(args: &KeygenArgs) -> Result<ExitCode, CliError> {
    std::fs::create_dir_all(&args.out).map_err(|source| CliError::Write {
        path: args.out.clone(),
        source,
    })?;
    if !args.force
        && let Some(existing) = FILES.iter().map(|f| args.out.join(f)).find(|p| p.exists())
    {
        return Err(CliError::Other(format!(
            "{} already exists; pass --force to overwrite",
            existing.display()
        )));
    }
    let pair = KeyPairText::generate().map_err(|e| CliError::Other(e.to_string()))?;
    // Prove the library accepts what we wrote before handing it out.
    antom_vault::keys::SigningKey::parse(&pair.private_pkcs8_base64).map_err(|e| {
        CliError::Key {
            what: "generated private key".into(),
            reason: e.to_string(),
        }
    })?;
    antom_vault::keys::VerifyingKey::parse(&pair.public_spki_base64).map_err(|e| {
        CliError::Key {
            what: "generated public key".into(),
            reason: e.to_string(),
        }
    })?;
    let contents = [
        format!("{}\n", pair.private_pkcs8_base64),
        format!("{}\n", pair.public_spki_base64),
        pair.private_pem(),
        pair.public_pem(),
    ];
    for (name, text) in FILES.iter().zip(&contents) {
        let path = args.out.join(name);
        if name.contains("private") {
            write_secret(&path, text)?;
        } else {
            write_text(&path, text)?;
        }
    }
    println!(
        "Wrote a merchant RSA 2048 key pair to {}:",
        args.out.display()
    );
    println!(
        "  merchant_private_key.txt  bare base64 PKCS#8 private key (keep it secret; the client signs with it)"
    );
    println!(
        "  merchant_public_key.txt   bare base64 SubjectPublicKeyInfo (upload it to the Antom Dashboard)"
    );
    println!("  merchant_private_key.pem  the same private key as PEM");
    println!("  merchant_public_key.pem   the same public key as PEM");
    println!();
    println!("Public key:\n{}", pair.public_spki_base64);
    Ok(ExitCode::SUCCESS)
}

/// Writes a private key so that only its owner can read it: on Unix the file is created with mode
/// 0600 (never readable by others, not even for a moment), and an existing file is restricted to
/// 0600 before the key is written into it.
pub fn write_secret(path: &std::path::Path, text: &str) -> Result<(), CliError> {
    let failed = |source| CliError::Write {
        path: path.to_owned(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(failed)?;
    // `mode` applies only to a file this call creates; an old file keeps its bits until now.
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .map_err(failed)?;
    write_all(file, text).map_err(failed)
}

fn write_all(mut file: std::fs::File, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}
