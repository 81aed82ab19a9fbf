//! Loading RSA keys in the forms people actually have them.
//!
//! Antom hands out and asks for keys in several shapes, and every SDK accepts a different subset
//! (the Java SDK wants bare base64 PKCS#8, the Python SDK PKCS#1 under an `RSA PRIVATE KEY` label).
//! This module accepts all of them and tells you precisely what is wrong when it cannot:
//!
//! | key | structures | wrappings |
//! |---|---|---|
//! | [`SigningKey`] (private) | PKCS#8 `PrivateKeyInfo`, PKCS#1 `RSAPrivateKey` | PEM, bare base64, raw DER |
//! | [`VerifyingKey`] (public) | X.509 `SubjectPublicKeyInfo`, PKCS#1 `RSAPublicKey` | PEM, bare base64, raw DER |
//!
//! Whitespace (spaces, tabs, LF and CRLF line breaks) is ignored, as are literal `\n` sequences of
//! keys pasted into environment variables. The PEM label is not trusted to name the structure (a
//! PKCS#8 body under an `RSA PRIVATE KEY` label loads fine); the DER structure decides.
//!
//! Keys are parsed once. Both types are cheap to clone (shared), `Send + Sync`, and print only
//! their modulus size in `Debug`. Buffers this module fills with private key material are
//! zeroized when dropped; the parsed key itself lives inside the crypto library, which frees and
//! clears it.
//!
//! ```
//! use antom_vault::keys::{SigningKey, VerifyingKey};
//! use antom_vault::error::{KeyError, KeyKind};
//!
//! // A public key (here an Ed25519 SubjectPublicKeyInfo) where the private key belongs.
//! let spki = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
//! assert_eq!(
//!     SigningKey::parse(spki).unwrap_err(),
//!     KeyError::WrongKind { expected: KeyKind::Private, found: KeyKind::Public },
//! );
//! assert_eq!(
//!     VerifyingKey::parse("   "),
//!     Err(KeyError::Empty { expected: KeyKind::Public }),
//! );
//! ```

pub(crate) mod der;
mod set;

pub use set::AntomKeys;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use zeroize::Zeroizing;

use crate::error::{KeyEncoding, KeyError, KeyFormat, KeyFormats, KeyKind, SignatureError};
use crate::signing::backend;
use der::{RsaPublicParts, Shape};

/// Standard-alphabet base64 that accepts input with or without `=` padding.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

const PRIVATE_FORMATS: KeyFormats = KeyFormats(&[KeyFormat::Pkcs8, KeyFormat::Pkcs1Private]);
const PUBLIC_FORMATS: KeyFormats =
    KeyFormats(&[KeyFormat::SubjectPublicKeyInfo, KeyFormat::Pkcs1Public]);
const ACCEPTED_LABELS: &str = "PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY";

/// An RSA private key that signs (the merchant's key in a client; Antom's in an emulator).
#[derive(Clone)]
pub struct SigningKey {
    inner: Arc<backend::PrivateKey>,
    public: VerifyingKey,
}

/// An RSA public key that verifies (Antom's key in a client; the merchant's in an emulator).
#[derive(Clone)]
pub struct VerifyingKey {
    inner: Arc<backend::PublicKey>,
    parts: Arc<RsaPublicParts>,
}

impl SigningKey {
    /// Loads a private key from PEM (`PRIVATE KEY` or `RSA PRIVATE KEY`) or bare base64 of PKCS#8
    /// or PKCS#1 DER.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let (der, encoding) = decode_text(text, KeyKind::Private)?;
        Self::load(&der, encoding)
    }

    /// Loads a private key from PKCS#8 or PKCS#1 DER bytes.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::load(der, KeyEncoding::Der)
    }

    fn load(der: &[u8], encoding: KeyEncoding) -> Result<Self, KeyError> {
        let expected = KeyKind::Private;
        let (inner, format) = match der::shape(der) {
            Shape::Pkcs8Rsa => (backend::PrivateKey::from_pkcs8(der), KeyFormat::Pkcs8),
            Shape::Pkcs1Private => (
                backend::PrivateKey::from_pkcs1(der),
                KeyFormat::Pkcs1Private,
            ),
            Shape::Pkcs8Other => return Err(KeyError::NotRsa { expected }),
            Shape::EncryptedPkcs8 => return Err(KeyError::Encrypted { expected }),
            Shape::SpkiRsa(_) | Shape::SpkiOther | Shape::Pkcs1Public => {
                return Err(KeyError::WrongKind {
                    expected,
                    found: KeyKind::Public,
                });
            }
            Shape::Unknown => {
                return Err(KeyError::Unrecognized {
                    expected,
                    encoding,
                    tried: PRIVATE_FORMATS,
                });
            }
        };
        let inner = inner.ok_or(KeyError::Rejected { expected, format })?;
        let public_der = inner.public_key_pkcs1();
        let public =
            VerifyingKey::from_pkcs1(&public_der).ok_or(KeyError::Rejected { expected, format })?;
        Ok(SigningKey {
            inner: Arc::new(inner),
            public,
        })
    }

    /// The public half of this key.
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.public
    }

    /// Size of the RSA modulus in bits (2048 for Antom keys).
    pub fn modulus_bits(&self) -> usize {
        self.public.modulus_bits()
    }

    /// Signs `message` with SHA256withRSA (RSASSA-PKCS1-v1_5); returns the raw signature bytes.
    ///
    /// Most callers want [`SigningKey::sign_request`](crate::signing), which builds the Antom
    /// string to sign and the `Signature` header.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, crate::error::SigningError> {
        let mut signature = vec![0u8; self.inner.signature_len()];
        self.inner.sign(message, &mut signature)?;
        Ok(signature)
    }
}

impl FromStr for SigningKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, KeyError> {
        Self::parse(text)
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("modulus_bits", &self.modulus_bits())
            .finish_non_exhaustive()
    }
}

impl VerifyingKey {
    /// Loads a public key from PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`) or bare base64 of
    /// SubjectPublicKeyInfo or PKCS#1 DER (the Antom Dashboard shows bare base64 SPKI).
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let (der, encoding) = decode_text(text, KeyKind::Public)?;
        Self::load(&der, encoding)
    }

    /// Loads a public key from SubjectPublicKeyInfo or PKCS#1 DER bytes.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::load(der, KeyEncoding::Der)
    }

    fn load(der: &[u8], encoding: KeyEncoding) -> Result<Self, KeyError> {
        let expected = KeyKind::Public;
        match der::shape(der) {
            Shape::SpkiRsa(pkcs1) => Self::from_pkcs1(pkcs1).ok_or(KeyError::Rejected {
                expected,
                format: KeyFormat::SubjectPublicKeyInfo,
            }),
            Shape::Pkcs1Public => Self::from_pkcs1(der).ok_or(KeyError::Rejected {
                expected,
                format: KeyFormat::Pkcs1Public,
            }),
            Shape::SpkiOther => Err(KeyError::NotRsa { expected }),
            Shape::Pkcs8Rsa | Shape::Pkcs8Other | Shape::Pkcs1Private | Shape::EncryptedPkcs8 => {
                Err(KeyError::WrongKind {
                    expected,
                    found: KeyKind::Private,
                })
            }
            Shape::Unknown => Err(KeyError::Unrecognized {
                expected,
                encoding,
                tried: PUBLIC_FORMATS,
            }),
        }
    }

    fn from_pkcs1(pkcs1: &[u8]) -> Option<Self> {
        let parts = der::rsa_public_key(pkcs1)?;
        let inner = backend::PublicKey::from_pkcs1(pkcs1)?;
        Some(VerifyingKey {
            inner: Arc::new(inner),
            parts: Arc::new(parts),
        })
    }

    /// Size of the RSA modulus in bits.
    pub fn modulus_bits(&self) -> usize {
        self.parts.modulus_bits()
    }

    /// Checks a raw SHA256withRSA (RSASSA-PKCS1-v1_5) signature over `message`.
    ///
    /// Most callers want [`VerifyingKey::verify_request`](crate::signing), which builds the Antom
    /// string to sign from its parts.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        if self.inner.verify(message, signature) {
            Ok(())
        } else {
            Err(SignatureError::Mismatch)
        }
    }

    /// The key as DER X.509 SubjectPublicKeyInfo.
    pub fn to_spki_der(&self) -> Vec<u8> {
        der::encode_spki(&self.parts)
    }

    /// The key as bare standard base64 of SubjectPublicKeyInfo DER: the form the Antom Dashboard
    /// takes and shows.
    pub fn to_spki_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.to_spki_der())
    }

    /// The key as a `PUBLIC KEY` PEM block (64-character lines, trailing newline).
    pub fn to_spki_pem(&self) -> String {
        let body = self.to_spki_base64();
        let mut pem = String::with_capacity(body.len() + 80);
        pem.push_str("-----BEGIN PUBLIC KEY-----\n");
        for line in body.as_bytes().chunks(64) {
            // base64 output is ASCII, so every chunk is valid UTF-8.
            pem.push_str(std::str::from_utf8(line).unwrap_or_default());
            pem.push('\n');
        }
        pem.push_str("-----END PUBLIC KEY-----\n");
        pem
    }
}

impl PartialEq for VerifyingKey {
    /// Two keys are equal when modulus and exponent are, whatever format they were loaded from.
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl Eq for VerifyingKey {}

impl FromStr for VerifyingKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, KeyError> {
        Self::parse(text)
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("modulus_bits", &self.modulus_bits())
            .finish_non_exhaustive()
    }
}

/// Turns key text (PEM or bare base64) into DER bytes, zeroized on drop.
fn decode_text(
    text: &str,
    expected: KeyKind,
) -> Result<(Zeroizing<Vec<u8>>, KeyEncoding), KeyError> {
    let text = unescape_line_breaks(text);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(KeyError::Empty { expected });
    }
    if trimmed.contains("-----BEGIN") {
        return decode_pem(trimmed, expected).map(|der| (der, KeyEncoding::Pem));
    }
    // Capacity for the whole input up front: no reallocation leaves unzeroized copies behind.
    let mut compact = Zeroizing::new(String::with_capacity(trimmed.len()));
    compact.extend(trimmed.chars().filter(|c| !c.is_ascii_whitespace()));
    LENIENT_BASE64
        .decode(compact.as_bytes())
        .map(|der| (Zeroizing::new(der), KeyEncoding::Base64))
        .map_err(|err| KeyError::NotPemOrBase64 {
            expected,
            reason: match err {
                base64::DecodeError::InvalidByte(..) => "a character outside the base64 alphabet",
                base64::DecodeError::InvalidLength(_) => "an impossible base64 length",
                base64::DecodeError::InvalidLastSymbol { .. } => "a bad final base64 character",
                base64::DecodeError::InvalidPadding => "bad base64 padding",
            },
        })
}

/// Keys stored in environment variables often carry literal `\n` (and `\r`) instead of line
/// breaks; turn them into real ones, in one zeroized buffer.
fn unescape_line_breaks(text: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some('n') => {
                    chars.next();
                    out.push('\n');
                    continue;
                }
                Some('r') => {
                    chars.next();
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    out
}

/// Reads the first PEM block of `text`.
fn decode_pem(text: &str, expected: KeyKind) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let malformed = |reason| KeyError::MalformedPem { expected, reason };
    let start = text.find("-----BEGIN ").ok_or(malformed("no BEGIN line"))?;
    let after_begin = &text[start + "-----BEGIN ".len()..];
    let label_end = after_begin
        .find("-----")
        .ok_or(malformed("unterminated BEGIN line"))?;
    let label = &after_begin[..label_end];
    if label.contains('\n') {
        return Err(malformed("unterminated BEGIN line"));
    }
    let body_and_rest = &after_begin[label_end + "-----".len()..];
    let end_marker = format!("-----END {label}-----");
    let body_end = body_and_rest
        .find(&end_marker)
        .ok_or(malformed("no matching END line (the key may be truncated)"))?;
    let body = &body_and_rest[..body_end];

    match label {
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "PUBLIC KEY" | "RSA PUBLIC KEY" => {}
        "ENCRYPTED PRIVATE KEY" => return Err(KeyError::Encrypted { expected }),
        other => {
            return Err(KeyError::UnsupportedPemLabel {
                expected,
                label: crate::redact::mask_card_numbers(
                    &other.chars().take(40).collect::<String>(),
                )
                .into_owned(),
                accepted: ACCEPTED_LABELS,
            });
        }
    }

    let mut base64_text: Zeroizing<String> = Zeroizing::new(String::with_capacity(body.len()));
    for line in body.lines() {
        let line = line.trim();
        if let Some((name, value)) = line.split_once(':') {
            // RFC 1421 headers; `Proc-Type: 4,ENCRYPTED` marks a password-protected key.
            if name.trim().eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED") {
                return Err(KeyError::Encrypted { expected });
            }
            continue;
        }
        base64_text.extend(line.chars().filter(|c| !c.is_ascii_whitespace()));
    }
    if base64_text.is_empty() {
        return Err(malformed("empty body"));
    }
    LENIENT_BASE64
        .decode(base64_text.as_bytes())
        .map(Zeroizing::new)
        .map_err(|_| malformed("the body is not base64"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public_parts(exponent: &[u8]) -> der::RsaPublicParts {
        der::RsaPublicParts {
            modulus: vec![0xc3; 256],
            exponent: exponent.to_vec(),
        }
    }

    #[test]
    fn escaped_line_breaks_become_real_ones_and_other_escapes_stay() {
        assert_eq!(
            unescape_line_breaks(r"a\nb\r\nc\td\\").as_str(),
            "a\nb\nc\\td\\\\"
        );
        assert_eq!(unescape_line_breaks("plain").as_str(), "plain");
        assert_eq!(unescape_line_breaks(r"end\").as_str(), r"end\");
    }

    #[test]
    fn a_pem_block_written_with_escaped_line_breaks_decodes() {
        let (der, encoding) = decode_text(
            r"-----BEGIN PUBLIC KEY-----\r\nAAEC\r\n-----END PUBLIC KEY-----\r\n",
            KeyKind::Public,
        )
        .unwrap();
        assert_eq!(
            (der.as_slice(), encoding),
            (&[0u8, 1, 2][..], KeyEncoding::Pem)
        );
        let (der, encoding) = decode_text(" AA EC\n", KeyKind::Public).unwrap();
        assert_eq!(
            (der.as_slice(), encoding),
            (&[0u8, 1, 2][..], KeyEncoding::Base64)
        );
    }

    #[test]
    fn only_an_encrypted_proc_type_marks_a_pem_block_encrypted() {
        let block = |header: &str| {
            format!(
                "-----BEGIN RSA PRIVATE KEY-----\n{header}\nAAEC\n-----END RSA PRIVATE KEY-----"
            )
        };
        let encrypted = decode_pem(&block("Proc-Type: 4,ENCRYPTED"), KeyKind::Private);
        assert!(matches!(encrypted, Err(KeyError::Encrypted { .. })));
        for harmless in ["Proc-Type: 4,MIC-CLEAR", "Comment: ENCRYPTED", "Comment: x"] {
            let der = decode_pem(&block(harmless), KeyKind::Private).unwrap();
            assert_eq!(der.as_slice(), &[0, 1, 2], "{harmless}");
        }
    }

    #[cfg(feature = "aws-lc-rs")]
    #[test]
    fn a_signing_key_shows_its_size_and_nothing_else() {
        use aws_lc_rs::encoding::AsDer;
        let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
        let key = SigningKey::from_der(pair.as_der().unwrap().as_ref()).unwrap();
        assert_eq!(key.modulus_bits(), 2048);
        assert_eq!(format!("{key:?}"), "SigningKey { modulus_bits: 2048, .. }");
        assert_eq!(key.sign(b"m").unwrap().len(), 256);
        assert_eq!(
            key.verifying_key().verify(b"m", &key.sign(b"m").unwrap()),
            Ok(())
        );
    }

    #[test]
    fn keys_are_equal_when_modulus_and_exponent_are() {
        let pkcs1 = der::encode_rsa_public_key(&public_parts(&[1, 0, 1]));
        let spki = der::encode_spki(&public_parts(&[1, 0, 1]));
        let other = der::encode_rsa_public_key(&public_parts(&[3]));
        let a = VerifyingKey::from_der(&pkcs1).unwrap();
        let b = VerifyingKey::from_der(&spki).unwrap();
        let c = VerifyingKey::from_der(&other).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.modulus_bits(), 2048);
        assert_eq!(a.to_spki_der(), spki);
        assert_eq!(format!("{a:?}"), "VerifyingKey { modulus_bits: 2048, .. }");
        // The Dashboard's form and PEM both read back as the same key.
        let base64 = a.to_spki_base64();
        assert_eq!(VerifyingKey::parse(&base64).unwrap(), a);
        let pem = a.to_spki_pem();
        assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{pem}");
        assert!(pem.ends_with("\n-----END PUBLIC KEY-----\n"), "{pem}");
        assert!(pem.lines().all(|line| line.len() <= 64), "{pem}");
        assert_eq!(pem.lines().nth(1).map(str::len), Some(64));
        assert_eq!(VerifyingKey::parse(&pem).unwrap(), a);
        assert_ne!(VerifyingKey::parse(&c.to_spki_pem()).unwrap(), a);
    }
}
