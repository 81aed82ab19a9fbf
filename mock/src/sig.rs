//! Signing glue: the emulator signs its responses and notifications with its Antom private key and
//! checks request signatures with the merchant's public key. All cryptography and header handling is
//! the library's (`antom_vault::signing`); this module only adapts it to the emulator's needs.

use std::fmt;

// DEVMODE: temporary stand-in until the library's signing lands.
use aws_lc_rs::signature::{self, RsaKeyPair, UnparsedPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// A key the emulator could not use.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct KeyError(pub String);

/// Why a request signature was refused; each maps to an Antom gateway code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyFailure {
    /// No usable `Signature` header (INVALID_SIGNATURE).
    Malformed(String),
    /// The `keyVersion` names no key the emulator has (KEY_NOT_FOUND).
    UnknownKeyVersion(String),
    /// The signature does not match the bytes received (INVALID_SIGNATURE).
    Mismatch,
}

/// Signs responses and notifications with the emulator's Antom private key.
pub struct Signer {
    key: RsaKeyPair,
    key_version: u32,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signer { .. }")
    }
}

impl Signer {
    /// Parses the Antom private key (PEM or bare base64, PKCS#8 or PKCS#1).
    pub fn from_text(private_key_text: &str, key_version: u32) -> Result<Self, KeyError> {
        let der = decode_text(private_key_text)?;
        let key = RsaKeyPair::from_pkcs8(&der)
            .or_else(|_| RsaKeyPair::from_der(&der))
            .map_err(|_| KeyError("the Antom private key is not an RSA private key".into()))?;
        Ok(Signer { key, key_version })
    }

    /// The `signature` header value for a message sent on `path`.
    pub fn header(&self, path: &str, client_id: &str, time: &str, body: &[u8]) -> String {
        let message = string_to_sign(path, client_id, time, body);
        let mut sig = vec![0u8; self.key.public_modulus_len()];
        let rng = aws_lc_rs::rand::SystemRandom::new();
        if self
            .key
            .sign(&signature::RSA_PKCS1_SHA256, &rng, &message, &mut sig)
            .is_err()
        {
            sig.clear();
        }
        format!(
            "algorithm=RSA256,keyVersion={},signature={}",
            self.key_version,
            utf8_percent_encode(&STANDARD.encode(&sig), SIG_SET)
        )
    }
}

const SIG_SET: &AsciiSet = NON_ALPHANUMERIC;

/// Checks request signatures with the merchant's public key.
pub struct Verifier {
    key: UnparsedPublicKey<Vec<u8>>,
    key_version: u32,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Verifier { .. }")
    }
}

impl Verifier {
    /// Parses the merchant public key (PEM or bare base64, SubjectPublicKeyInfo or PKCS#1).
    pub fn from_text(public_key_text: &str, key_version: u32) -> Result<Self, KeyError> {
        let der = decode_text(public_key_text)?;
        let key = aws_lc_rs::rsa::PublicKey::from_der(&der)
            .map_err(|_| KeyError("the merchant public key is not an RSA public key".into()))?;
        let pkcs1 = key.as_ref().to_vec();
        Ok(Verifier {
            key: UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, pkcs1),
            key_version,
        })
    }

    /// Verifies a request's `Signature` header over the raw bytes received.
    pub fn verify(
        &self,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        header: &str,
    ) -> Result<(), VerifyFailure> {
        let mut algorithm = None;
        let mut version = None;
        let mut value = None;
        for part in header.split(',') {
            let part = part.trim();
            if let Some(v) = part.strip_prefix("signature=") {
                value = Some(v);
                break;
            } else if let Some((k, v)) = part.split_once('=') {
                match k.trim() {
                    "algorithm" => algorithm = Some(v.trim()),
                    "keyVersion" => version = Some(v.trim()),
                    _ => {}
                }
            }
        }
        let value = value.ok_or_else(|| {
            VerifyFailure::Malformed("the Signature header has no signature= part".into())
        })?;
        if algorithm.is_some_and(|a| a != "RSA256") {
            return Err(VerifyFailure::Malformed("algorithm must be RSA256".into()));
        }
        if let Some(v) = version {
            if v.parse::<u32>().ok() != Some(self.key_version) {
                return Err(VerifyFailure::UnknownKeyVersion(v.to_owned()));
            }
        }
        let decoded: Vec<u8> = percent_decode_str(value).collect();
        let raw = STANDARD
            .decode(&decoded)
            .map_err(|_| VerifyFailure::Mismatch)?;
        let message = string_to_sign(path, client_id, time, body);
        self.key
            .verify(&message, &raw)
            .map_err(|_| VerifyFailure::Mismatch)
    }
}

/// `POST <path>\n<clientId>.<time>.<body>`.
pub fn string_to_sign(path: &str, client_id: &str, time: &str, body: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(path.len() + client_id.len() + time.len() + body.len() + 8);
    m.extend_from_slice(b"POST ");
    m.extend_from_slice(path.as_bytes());
    m.push(b'\n');
    m.extend_from_slice(client_id.as_bytes());
    m.push(b'.');
    m.extend_from_slice(time.as_bytes());
    m.push(b'.');
    m.extend_from_slice(body);
    m
}

fn decode_text(text: &str) -> Result<Vec<u8>, KeyError> {
    let body: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("-----"))
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    STANDARD
        .decode(body.as_bytes())
        .map_err(|e| KeyError(format!("key text is not base64: {e}")))
}
