//! RSA through ring (the `ring` feature, for targets where aws-lc-rs does not build).
//!
//! ring reads private keys as PKCS#8 or PKCS#1 itself, but verifies only with a bare PKCS#1
//! `RSAPublicKey`; the key loader unwraps SubjectPublicKeyInfo before it gets here.

use ring::rand::SystemRandom;
use ring::signature::{
    KeyPair, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair, UnparsedPublicKey,
};

use crate::error::SigningError;

/// A parsed RSA private key. ring owns (and clears) the key material.
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
        self.pair.public().modulus_len()
    }

    /// SHA256withRSA, PKCS#1 v1.5; `out` must be `signature_len()` bytes.
    pub fn sign(&self, message: &[u8], out: &mut [u8]) -> Result<(), SigningError> {
        self.pair
            .sign(&RSA_PKCS1_SHA256, &self.rng, message, out)
            .map_err(|_| SigningError)
    }
}

/// An RSA public key (DER PKCS#1), checked for shape and size when loaded; ring parses it per use.
pub(crate) struct PublicKey {
    pkcs1: Vec<u8>,
}

impl PublicKey {
    pub fn from_pkcs1(der: &[u8]) -> Option<Self> {
        let parts = crate::keys::der::rsa_public_key(der)?;
        let bits = parts.modulus_bits();
        ((2048..=8192).contains(&bits) && parts.exponent.last().is_some_and(|b| b & 1 == 1)).then(
            || PublicKey {
                pkcs1: der.to_vec(),
            },
        )
    }

    /// SHA256withRSA, PKCS#1 v1.5.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &self.pkcs1)
            .verify(message, signature)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::PublicKey;
    use crate::keys::der::{RsaPublicParts, encode_rsa_public_key};

    /// A PKCS#1 public key of `bits` bits (top bit set) with the exponent `exponent`.
    fn key(bits: usize, exponent: &[u8]) -> Vec<u8> {
        let mut modulus = vec![0xa5; bits / 8];
        modulus[0] = 0x80;
        encode_rsa_public_key(&RsaPublicParts {
            modulus,
            exponent: exponent.to_vec(),
        })
    }

    #[test]
    fn a_public_key_needs_a_size_in_range_and_an_odd_exponent() {
        let f4 = [0x01, 0x00, 0x01];
        assert!(PublicKey::from_pkcs1(&key(2048, &f4)).is_some());
        assert!(PublicKey::from_pkcs1(&key(8192, &f4)).is_some());
        // An odd exponent does not make up for a size out of range, nor a size for an even one.
        assert!(PublicKey::from_pkcs1(&key(1024, &f4)).is_none());
        assert!(PublicKey::from_pkcs1(&key(2040, &f4)).is_none());
        assert!(PublicKey::from_pkcs1(&key(8200, &f4)).is_none());
        assert!(PublicKey::from_pkcs1(&key(2048, &[0x01, 0x00, 0x02])).is_none());
        assert!(PublicKey::from_pkcs1(b"not DER").is_none());
    }
}
