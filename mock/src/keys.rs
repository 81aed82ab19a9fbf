//! Key material the emulator and the command line create or convert: RSA 2048 key pairs in the
//! formats Antom uses (bare base64 PKCS#8 private key, bare base64 SubjectPublicKeyInfo public key)
//! and PEM. Parsing keys for signing is the library's job; this module only generates keys and
//! derives a public key from a private one.

use std::fmt;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Why key material could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum KeyMaterialError {
    /// The random RSA key generation failed.
    #[error("could not generate an RSA 2048 key pair")]
    Generate,
    /// The text is neither PEM nor bare base64.
    #[error("the key is neither PEM nor bare base64: {0}")]
    Encoding(String),
    /// The bytes are not an RSA private key in PKCS#8 or PKCS#1 form.
    #[error("the key is not an RSA private key (tried PKCS#8 and PKCS#1 DER)")]
    NotAPrivateKey,
    /// The bytes are not an RSA public key in SubjectPublicKeyInfo or PKCS#1 form.
    #[error("the key is not an RSA public key (tried SubjectPublicKeyInfo and PKCS#1 DER)")]
    NotAPublicKey,
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

/// Derives the bare base64 SubjectPublicKeyInfo public key of a private key given as PEM or bare
/// base64, PKCS#8 or PKCS#1.
pub fn public_key_of(private_key_text: &str) -> Result<String, KeyMaterialError> {
    let der = decode_text(private_key_text)?;
    let pair = KeyPair::from_pkcs8(&der)
        .or_else(|_| KeyPair::from_der(&der))
        .map_err(|_| KeyMaterialError::NotAPrivateKey)?;
    let public: PublicKeyX509Der<'static> = pair
        .public_key()
        .as_der()
        .map_err(|_| KeyMaterialError::NotAPrivateKey)?;
    Ok(STANDARD.encode(public.as_ref()))
}

/// Checks that a text holds an RSA public key (SubjectPublicKeyInfo or PKCS#1, PEM or bare base64).
pub fn check_public_key(public_key_text: &str) -> Result<(), KeyMaterialError> {
    let der = decode_text(public_key_text)?;
    aws_lc_rs::rsa::PublicKey::from_der(&der).map_err(|_| KeyMaterialError::NotAPublicKey)?;
    Ok(())
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

/// Strips PEM armour and whitespace, then decodes base64.
fn decode_text(text: &str) -> Result<Vec<u8>, KeyMaterialError> {
    let body: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("-----"))
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    if body.is_empty() {
        return Err(KeyMaterialError::Encoding("no key text".into()));
    }
    STANDARD
        .decode(body.as_bytes())
        .map_err(|e| KeyMaterialError::Encoding(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_pair_round_trips_through_pem_and_derivation() {
        let pair = KeyPairText::generate().expect("generate");
        assert_eq!(
            public_key_of(&pair.private_pem()).expect("derive"),
            pair.public_spki_base64
        );
        assert_eq!(
            public_key_of(&pair.private_pkcs8_base64).expect("derive"),
            pair.public_spki_base64
        );
        check_public_key(&pair.public_pem()).expect("public pem");
        assert!(!format!("{pair:?}").contains(&pair.private_pkcs8_base64));
        assert!(matches!(
            public_key_of("not a key"),
            Err(KeyMaterialError::Encoding(_))
        ));
        assert!(matches!(
            public_key_of(&pair.public_spki_base64),
            Err(KeyMaterialError::NotAPrivateKey)
        ));
    }
}
