//! RSA through aws-lc-rs (the default backend).

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    KeyPair, ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair,
};

use crate::error::SigningError;

/// A parsed RSA private key. aws-lc-rs owns (and frees and clears) the key material.
pub(crate) struct PrivateKey {
    pair: RsaKeyPair,
    rng: SystemRandom,
}

impl PrivateKey {
    pub fn from_pkcs8(der: &[u8]) -> Option<Self> {
        RsaKeyPair::from_pkcs8(der).ok().map(Self::new)
    }

    pub fn from_pkcs1(der: &[u8]) -> Option<Self> {
        RsaKeyPair::from_der(der).ok().map(Self::new)
    }

    fn new(pair: RsaKeyPair) -> Self {
        PrivateKey {
            pair,
            rng: SystemRandom::new(),
        }
    }

    /// The public half as a DER PKCS#1 `RSAPublicKey`.
    pub fn public_key_pkcs1(&self) -> Vec<u8> {
        self.pair.public_key().as_ref().to_vec()
    }

    pub fn signature_len(&self) -> usize {
        self.pair.public_modulus_len()
    }

    /// SHA256withRSA, PKCS#1 v1.5; `out` must be `signature_len()` bytes.
    pub fn sign(&self, message: &[u8], out: &mut [u8]) -> Result<(), SigningError> {
        self.pair
            .sign(&RSA_PKCS1_SHA256, &self.rng, message, out)
            .map_err(|_| SigningError)
    }
}

/// A parsed RSA public key, ready to verify.
pub(crate) struct PublicKey {
    key: ParsedPublicKey,
}

impl PublicKey {
    pub fn from_pkcs1(der: &[u8]) -> Option<Self> {
        ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
            .ok()
            .map(|key| PublicKey { key })
    }

    /// SHA256withRSA, PKCS#1 v1.5.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.key.verify_sig(message, signature).is_ok()
    }
}
