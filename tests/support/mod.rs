//! Shared helpers of the runtime's integration tests: key pairs made by the `openssl` command line
//! (an implementation independent of ours) and a hand-written test API.
#![allow(dead_code)]

pub mod api;
pub mod notify;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tempfile::TempDir;

/// Runs `openssl` with `args` in `dir`; panics with its stderr if it fails (test set-up only).
pub fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl command line is required by these tests (.ci/run installs it)");
    assert!(
        output.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// One RSA key pair in every format the loader accepts, written by openssl.
pub struct KeySet {
    pub dir: PathBuf,
    /// PKCS#8 PEM (`openssl genpkey`).
    pub pkcs8_pem: String,
    /// PKCS#8 DER.
    pub pkcs8_der: Vec<u8>,
    /// PKCS#1 PEM (`-traditional`).
    pub pkcs1_pem: String,
    /// PKCS#1 DER.
    pub pkcs1_der: Vec<u8>,
    /// SubjectPublicKeyInfo PEM.
    pub spki_pem: String,
    /// SubjectPublicKeyInfo DER.
    pub spki_der: Vec<u8>,
    /// PKCS#1 RSAPublicKey PEM.
    pub pkcs1_public_pem: String,
    /// PKCS#1 RSAPublicKey DER.
    pub pkcs1_public_der: Vec<u8>,
}

impl KeySet {
    pub fn generate(root: &Path, name: &str) -> KeySet {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        openssl(
            &dir,
            &[
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                "pkcs8.pem",
            ],
        );
        openssl(
            &dir,
            &[
                "pkcs8",
                "-topk8",
                "-nocrypt",
                "-in",
                "pkcs8.pem",
                "-outform",
                "DER",
                "-out",
                "pkcs8.der",
            ],
        );
        openssl(
            &dir,
            &[
                "rsa",
                "-in",
                "pkcs8.pem",
                "-traditional",
                "-out",
                "pkcs1.pem",
            ],
        );
        openssl(
            &dir,
            &[
                "rsa",
                "-in",
                "pkcs8.pem",
                "-traditional",
                "-outform",
                "DER",
                "-out",
                "pkcs1.der",
            ],
        );
        openssl(
            &dir,
            &["pkey", "-in", "pkcs8.pem", "-pubout", "-out", "spki.pem"],
        );
        openssl(
            &dir,
            &[
                "pkey",
                "-in",
                "pkcs8.pem",
                "-pubout",
                "-outform",
                "DER",
                "-out",
                "spki.der",
            ],
        );
        openssl(
            &dir,
            &[
                "rsa",
                "-in",
                "pkcs8.pem",
                "-RSAPublicKey_out",
                "-out",
                "pkcs1pub.pem",
            ],
        );
        openssl(
            &dir,
            &[
                "rsa",
                "-in",
                "pkcs8.pem",
                "-RSAPublicKey_out",
                "-outform",
                "DER",
                "-out",
                "pkcs1pub.der",
            ],
        );
        let text = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
        let bytes = |f: &str| std::fs::read(dir.join(f)).unwrap();
        KeySet {
            pkcs8_pem: text("pkcs8.pem"),
            pkcs8_der: bytes("pkcs8.der"),
            pkcs1_pem: text("pkcs1.pem"),
            pkcs1_der: bytes("pkcs1.der"),
            spki_pem: text("spki.pem"),
            spki_der: bytes("spki.der"),
            pkcs1_public_pem: text("pkcs1pub.pem"),
            pkcs1_public_der: bytes("pkcs1pub.der"),
            dir,
        }
    }

    pub fn signing_key(&self) -> antom_vault::SigningKey {
        antom_vault::SigningKey::parse(&self.pkcs8_pem).unwrap()
    }

    pub fn verifying_key(&self) -> antom_vault::VerifyingKey {
        antom_vault::VerifyingKey::parse(&self.spki_pem).unwrap()
    }

    /// Path of a file in this key set's directory.
    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }
}

/// Two independent key pairs: the merchant's and Antom's.
pub struct Keys {
    pub root: TempDir,
    pub merchant: KeySet,
    pub antom: KeySet,
}

/// The key pairs, generated once per test binary.
pub fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        // Under target/tmp (not /tmp): the directory outlives the static that holds it.
        let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let merchant = KeySet::generate(root.path(), "merchant");
        let antom = KeySet::generate(root.path(), "antom");
        Keys {
            root,
            merchant,
            antom,
        }
    })
}

/// Standard base64 without line breaks.
pub fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
