//! Key material the emulator and the command line create: RSA 2048 key pairs in the formats Antom
//! uses (bare base64 PKCS#8 private key, bare base64 SubjectPublicKeyInfo public key) and PEM.
//! Parsing and using keys is the library's job (`antom_vault::keys`); this module only makes them.

use std::fmt;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Why key material could not be made.
#[derive(Debug, thiserror::Error)]
pub enum KeyMaterialError {
    /// The random RSA key generation failed.
    #[error("could not generate an RSA 2048 key pair")]
    Generate,
}

/// A freshly generated RSA 2048 key pair, as bare base64 text. `Debug` never shows the private key.
#[derive(Clone)]
pub struct KeyPairText {
    /// The private key: bare base64 of PKCS#8 DER.
    pub private_pkcs8_base64: String,
    /// The public key: bare base64 of SubjectPublicKeyInfo DER.
    pub public_spki_base64: String,
}

impl fmt::Debug for KeyPairText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPairText")
            .field("private_pkcs8_base64", &"<redacted>")
            .field("public_spki_base64", &self.public_spki_base64)
            .finish()
    }
}

impl KeyPairText {
    /// Generates a new RSA 2048 key pair.
    pub fn generate() -> Result<Self, KeyMaterialError> {
        let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyMaterialError::Generate)?;
        let private: Pkcs8V1Der<'static> = pair.as_der().map_err(|_| KeyMaterialError::Generate)?;
        let public: PublicKeyX509Der<'static> = pair
            .public_key()
            .as_der()
            .map_err(|_| KeyMaterialError::Generate)?;
        Ok(KeyPairText {
            private_pkcs8_base64: STANDARD.encode(private.as_ref()),
            public_spki_base64: STANDARD.encode(public.as_ref()),
        })
    }

    /// The private key as a `PRIVATE KEY` PEM block.
    pub fn private_pem(&self) -> String {
        pem("PRIVATE KEY", &self.private_pkcs8_base64)
    }

    /// The public key as a `PUBLIC KEY` PEM block.
    pub fn public_pem(&self) -> String {
        pem("PUBLIC KEY", &self.public_spki_base64)
    }
}

/// Wraps bare base64 in PEM armour with 64-character lines.
pub fn pem(label: &str, base64_body: &str) -> String {
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in base64_body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use antom_vault::keys::{SigningKey, VerifyingKey};

    #[test]
    fn generated_pairs_load_in_the_library_in_both_encodings() {
        let pair = KeyPairText::generate().expect("generate");
        let private = SigningKey::parse(&pair.private_pkcs8_base64).expect("bare PKCS#8");
        let public = VerifyingKey::parse(&pair.public_spki_base64).expect("bare SPKI");
        assert_eq!(private.verifying_key(), &public);
        assert_eq!(
            SigningKey::parse(&pair.private_pem())
                .expect("pem")
                .verifying_key(),
            &public
        );
        assert_eq!(
            VerifyingKey::parse(&pair.public_pem()).expect("pem"),
            public
        );
        assert!(pair.public_pem().lines().all(|l| l.len() <= 64));
        assert!(!format!("{pair:?}").contains(&pair.private_pkcs8_base64));
        let other = KeyPairText::generate().expect("generate");
        assert_ne!(other.public_spki_base64, pair.public_spki_base64);
    }
}
