//! Signing glue: the emulator signs its responses and notifications with its Antom private key and
//! checks request signatures with the merchant's public key. Key parsing, the string to sign, the
//! `Signature` header and the RSA operations are all the library's (`antom_vault::keys`,
//! `antom_vault::signing`); this module only maps their outcomes to Antom's gateway codes.

use std::fmt;

use antom_vault::keys::{SigningKey, VerifyingKey};
use antom_vault::signing::SignatureHeader;

pub use antom_vault::signing::string_to_sign;

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

/// Signs messages with a private key (the emulator's Antom key; in tests also a merchant key).
pub struct Signer {
    key: SigningKey,
    key_version: u32,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signer { .. }")
    }
}

impl Signer {
    /// Parses a private key (PEM or bare base64, PKCS#8 or PKCS#1).
    pub fn from_text(private_key_text: &str, key_version: u32) -> Result<Self, KeyError> {
        let key = SigningKey::parse(private_key_text).map_err(|e| KeyError(e.to_string()))?;
        Ok(Signer { key, key_version })
    }

    /// The public half, as bare base64 SubjectPublicKeyInfo.
    pub fn public_key_base64(&self) -> String {
        self.key.verifying_key().to_spki_base64()
    }

    /// The `Signature` header value for a message sent on `path` (empty if signing failed, which
    /// the receiver then reports as a bad signature).
    pub fn header(&self, path: &str, client_id: &str, time: &str, body: &[u8]) -> String {
        self.key
            .sign_request(path, client_id, time, body, Some(self.key_version))
            .map(|h| h.to_string())
            .unwrap_or_default()
    }
}

/// Checks signatures with a public key (the merchant's; in tests also the emulator's Antom key).
pub struct Verifier {
    key: VerifyingKey,
    key_version: u32,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Verifier { .. }")
    }
}

impl Verifier {
    /// Parses a public key (PEM or bare base64, SubjectPublicKeyInfo or PKCS#1).
    pub fn from_text(public_key_text: &str, key_version: u32) -> Result<Self, KeyError> {
        let key = VerifyingKey::parse(public_key_text).map_err(|e| KeyError(e.to_string()))?;
        Ok(Verifier { key, key_version })
    }

    /// Verifies a `Signature` header over the raw bytes received. A header without `keyVersion`
    /// means "the latest key", which is the emulator's only one.
    pub fn verify(
        &self,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        header: &str,
    ) -> Result<(), VerifyFailure> {
        let header =
            SignatureHeader::parse(header).map_err(|e| VerifyFailure::Malformed(e.to_string()))?;
        if let Some(version) = header.key_version()
            && version != self.key_version
        {
            return Err(VerifyFailure::UnknownKeyVersion(version.to_string()));
        }
        self.key
            .verify_request(path, client_id, time, body, &header)
            .map_err(|_| VerifyFailure::Mismatch)
    }
}
