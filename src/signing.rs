//! Antom's request and response signatures.
//!
//! Every call in both directions is signed the same way:
//!
//! 1. the **string to sign** is `POST <path>\n<client id>.<time>.<body>`: the HTTP path (and
//!    query, if any) without scheme or host, one line feed, then the client id, the exact time
//!    header value and the exact body bytes, joined by dots ([`string_to_sign`]);
//! 2. it is signed with SHA256withRSA (RSASSA-PKCS1-v1_5 over SHA-256);
//! 3. the signature is encoded as standard base64 and then percent-encoded (`+` → `%2B`,
//!    `/` → `%2F`, `=` → `%3D`);
//! 4. it travels as `Signature: algorithm=RSA256,keyVersion=<n>,signature=<encoded>`
//!    ([`SignatureHeader`]).
//!
//! Requests carry the time in `Request-Time` (this crate sends epoch milliseconds, see [`Clock`]);
//! responses in `response-time`; notifications in `request-time`. A received time is opaque: it is
//! signed exactly as it appears in the header.
//!
//! The same functions serve a merchant client (sign requests with the merchant key, verify
//! responses and notifications with Antom's key) and an emulator of Antom (the other way round).
//!
//! ```
//! # fn demo(merchant_key: &antom_vault::SigningKey) -> Result<(), Box<dyn std::error::Error>> {
//! use antom_vault::signing::SignatureHeader;
//!
//! let body = br#"{"vaultingRequestId":"r-1"}"#;
//! let path = "/ams/api/v1/vaults/inquireVaulting";
//! let header = merchant_key.sign_request(path, "CLIENT_1", "1700000000000", body, Some(1))?;
//! let sent = header.to_string(); // "algorithm=RSA256,keyVersion=1,signature=..."
//!
//! // The receiving side parses the header and checks it with the matching public key.
//! let received = SignatureHeader::parse(&sent)?;
//! merchant_key
//!     .verifying_key()
//!     .verify_request(path, "CLIENT_1", "1700000000000", body, &received)?;
//! # Ok(())
//! # }
//! ```

#[cfg(not(any(feature = "aws-lc-rs", feature = "ring")))]
compile_error!(
    "antom-vault needs a crypto backend: enable the `aws-lc-rs` (default) or `ring` feature"
);

#[cfg(feature = "aws-lc-rs")]
#[path = "signing/backend_aws_lc.rs"]
pub(crate) mod backend;

#[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
#[path = "signing/backend_ring.rs"]
pub(crate) mod backend;

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{HeaderError, SignatureError, SigningError};
use crate::keys::{SigningKey, VerifyingKey};

/// The only algorithm name Antom uses in the `Signature` header.
pub const ALGORITHM: &str = "RSA256";

/// The HTTP method of every signed Antom call.
pub const METHOD: &str = "POST";

/// The names of the headers a signed message carries, in the lowercase form HTTP/2 sends (HTTP
/// header names are case-insensitive). Requests and notifications carry `client-id`,
/// `request-time` and `signature`; responses carry `client-id`, `response-time` and `signature`.
pub mod header {
    /// The merchant's client id.
    pub const CLIENT_ID: &str = "client-id";
    /// The signing time of a request or notification.
    pub const REQUEST_TIME: &str = "request-time";
    /// The signing time of a response.
    pub const RESPONSE_TIME: &str = "response-time";
    /// `algorithm=RSA256,keyVersion=..,signature=..`.
    pub const SIGNATURE: &str = "signature";
}

/// Builds the string to sign: `POST <path>\n<client_id>.<time>.<body>`.
///
/// `path` is the path (and query) exactly as sent or received, `time` the exact value of the
/// `Request-Time` / `response-time` / `request-time` header, `body` the exact body bytes.
pub fn string_to_sign(path: &str, client_id: &str, time: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        METHOD.len() + path.len() + client_id.len() + time.len() + body.len() + 5,
    );
    out.extend_from_slice(METHOD.as_bytes());
    out.push(b' ');
    out.extend_from_slice(path.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(client_id.as_bytes());
    out.push(b'.');
    out.extend_from_slice(time.as_bytes());
    out.push(b'.');
    out.extend_from_slice(body);
    out
}

/// A parsed or to-be-sent `Signature` header: `algorithm=RSA256,keyVersion=<n>,signature=<...>`.
///
/// [`Display`](fmt::Display) produces the header value (no spaces, signature percent-encoded);
/// [`SignatureHeader::parse`] reads one leniently (spaces after commas, `+` kept as `+`).
#[derive(Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    key_version: Option<u32>,
    signature: Vec<u8>,
}

impl SignatureHeader {
    /// A header for raw signature bytes and an optional key version.
    pub fn new(key_version: Option<u32>, signature: Vec<u8>) -> Self {
        SignatureHeader {
            key_version,
            signature,
        }
    }

    /// Parses a received header value.
    ///
    /// Parts before `signature=` are comma-separated `key=value` pairs (spaces around them are
    /// ignored, unknown keys are skipped, a repeated `algorithm` or `keyVersion` is refused, and
    /// every part must be visible ASCII); `algorithm` must be `RSA256`; `keyVersion`, when
    /// present, must be a decimal number (Antom treats a missing one as "latest"). Everything after
    /// `signature=` is the signature: percent-decoded (a `+` stays a `+`, never a space), then
    /// base64-decoded. Missing parts give a typed [`HeaderError`].
    pub fn parse(value: &str) -> Result<Self, HeaderError> {
        Self::parse_bytes(value.trim().as_bytes())
    }

    /// [`parse`](Self::parse) on the raw bytes of a header value, so that the long signature is
    /// read once (by its decoding) instead of first being checked as text: a value that parses is
    /// visible ASCII, because the parts before the signature are checked to be and the signature
    /// is decoded from base64 characters and `%` escapes only.
    pub(crate) fn parse_bytes(value: &[u8]) -> Result<Self, HeaderError> {
        let value = value.trim_ascii();
        if value.is_empty() {
            return Err(HeaderError::Missing);
        }
        let (key_version, encoded) = match canonical_parts(value) {
            Some(parts) => parts,
            None => general_parts(value)?,
        };
        let signature = decode_signature_text(encoded).ok_or(HeaderError::NotBase64)?;
        if signature.is_empty() {
            return Err(HeaderError::MissingSignature);
        }
        Ok(SignatureHeader {
            key_version,
            signature,
        })
    }

    /// The `keyVersion`, if the header carries one.
    pub fn key_version(&self) -> Option<u32> {
        self.key_version
    }

    /// The raw signature bytes.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The signature as standard base64 then percent-encoded, as it appears in the header.
    pub fn encoded_signature(&self) -> String {
        utf8_percent_encode(&STANDARD.encode(&self.signature), NON_ALPHANUMERIC).to_string()
    }
}

/// The key version and the signature text of a header in the form this crate and Antom write it
/// (`algorithm=RSA256,keyVersion=<digits>,signature=<text>`, or without the key version), read
/// by prefix; `None` for any other form (spaces, another order or case, a long key version, no
/// signature text), which [`general_parts`] reads. Where both read a header, they read the same parts.
fn canonical_parts(value: &[u8]) -> Option<(Option<u32>, &[u8])> {
    let rest = value
        .strip_prefix(b"algorithm=")?
        .strip_prefix(ALGORITHM.as_bytes())?
        .strip_prefix(b",")?;
    let (key_version, rest) = match rest.strip_prefix(b"keyVersion=") {
        Some(rest) => {
            let digits = rest.iter().position(|&b| b == b',')?;
            let (number, rest) = rest.split_at(digits);
            // At most nine digits: always a `u32`.
            if number.is_empty() || number.len() > 9 || !number.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let number = number
                .iter()
                .fold(0, |n, &digit| n * 10 + u32::from(digit - b'0'));
            (Some(number), rest.get(1..)?)
        }
        None => (None, rest),
    };
    let encoded = rest.strip_prefix(b"signature=")?.trim_ascii();
    (!encoded.is_empty()).then_some((key_version, encoded))
}

/// The key version and the signature text of any header value (trimmed, not empty): see
/// [`SignatureHeader::parse`] for the rules.
fn general_parts(value: &[u8]) -> Result<(Option<u32>, &[u8]), HeaderError> {
    let start = find_signature_part(value).ok_or(HeaderError::MissingSignature)?;
    let encoded = value[start + "signature=".len()..].trim_ascii();
    if encoded.is_empty() {
        return Err(HeaderError::MissingSignature);
    }
    // Read as bytes: the parts are short, and `str` splitting and trimming cost more than
    // the rest of the parse.
    let parts = &value[..start];
    if !parts
        .iter()
        .all(|&b| b == b'\t' || (b' '..=b'~').contains(&b))
    {
        return Err(HeaderError::MalformedPart);
    }
    let mut algorithm: Option<&[u8]> = None;
    let mut key_version = None;
    for part in parts.split(|&b| b == b',') {
        let part = part.trim_ascii();
        if part.is_empty() {
            continue;
        }
        let equals = part
            .iter()
            .position(|&b| b == b'=')
            .ok_or(HeaderError::MalformedPart)?;
        let (key, val) = (part[..equals].trim_ascii(), part[equals + 1..].trim_ascii());
        // A part given twice would make the header mean two things: refuse it.
        if key.eq_ignore_ascii_case(b"algorithm") {
            if algorithm.replace(val).is_some() {
                return Err(HeaderError::MalformedPart);
            }
        } else if key.eq_ignore_ascii_case(b"keyVersion") {
            if key_version.is_some() {
                return Err(HeaderError::MalformedPart);
            }
            if val.is_empty() || !val.iter().all(u8::is_ascii_digit) {
                return Err(HeaderError::InvalidKeyVersion);
            }
            // Digits are UTF-8; a number past `u32` is refused.
            let number = std::str::from_utf8(val).ok().and_then(|v| v.parse().ok());
            key_version = Some(number.ok_or(HeaderError::InvalidKeyVersion)?);
        }
    }
    match algorithm {
        None => return Err(HeaderError::MissingAlgorithm),
        Some(name) if name == ALGORITHM.as_bytes() => {}
        Some(other) => {
            // Visible ASCII (checked above), so the lossy reading is exact.
            let shown: String = String::from_utf8_lossy(other).chars().take(32).collect();
            return Err(HeaderError::UnsupportedAlgorithm(
                crate::redact::mask_card_numbers(&shown).into_owned(),
            ));
        }
    }
    Ok((key_version, encoded))
}

/// Byte offset of the `signature=` part: at the start or after a comma (and optional spaces).
/// The key is matched ASCII case-insensitively.
fn find_signature_part(bytes: &[u8]) -> Option<usize> {
    const KEY: &[u8] = b"signature=";
    // Only the start of each comma-separated part can begin the key, so look there alone.
    let part_starts = std::iter::once(0).chain(memchr::memchr_iter(b',', bytes).map(|at| at + 1));
    part_starts
        .map(|start| {
            let spaces = bytes[start..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            start + spaces
        })
        .find(|&at| {
            bytes
                .get(at..at + KEY.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(KEY))
        })
}

/// Longest percent-encoded signature text decoded on the stack: a 2048-bit signature is 344
/// base64 characters, and escaping its `+`, `/` and `=` adds a few dozen more. Longer text takes
/// the same path through a heap buffer.
const STACK_SIGNATURE_TEXT: usize = 1024;

/// Percent-decodes then base64-decodes the signature text of a header; `None` on a broken escape
/// or on text that is not standard base64. The signature bytes are the only allocation.
fn decode_signature_text(encoded: &[u8]) -> Option<Vec<u8>> {
    let mut stack = [0u8; STACK_SIGNATURE_TEXT];
    let mut heap = Vec::new();
    let buffer = if encoded.len() <= stack.len() {
        &mut stack[..]
    } else {
        heap.resize(encoded.len(), 0);
        &mut heap[..]
    };
    let base64_text = percent_decode(encoded, buffer)?;
    STANDARD.decode(base64_text).ok()
}

/// Decodes `%XX` escapes (and only those: `+` stays `+`) of `input` into `out`, which must be at
/// least as long as `input`; `None` on a broken escape. Returns the decoded part of `out`.
fn percent_decode<'o>(input: &[u8], out: &'o mut [u8]) -> Option<&'o [u8]> {
    fn hex(digit: u8) -> Option<u8> {
        match digit {
            b'0'..=b'9' => Some(digit - b'0'),
            b'a'..=b'f' => Some(digit - b'a' + 10),
            b'A'..=b'F' => Some(digit - b'A' + 10),
            _ => None,
        }
    }
    // Escapes found with memchr and the runs between them copied whole: a base64 signature has
    // only a few escapes, and a byte-by-byte loop costs more than the copying.
    let mut written = 0;
    let mut copied = 0;
    for at in memchr::memchr_iter(b'%', input) {
        // A `%` among the previous escape's digits has already failed as a hex digit, so `at`
        // never lies before `copied`; `get` keeps that a refusal, not a panic, all the same.
        let run = input.get(copied..at)?;
        out.get_mut(written..written + run.len())?
            .copy_from_slice(run);
        written += run.len();
        let digits = input.get(at + 1..at + 3)?;
        *out.get_mut(written)? = hex(digits[0])? * 16 + hex(digits[1])?;
        written += 1;
        copied = at + 3;
    }
    let rest = &input[copied..];
    out.get_mut(written..written + rest.len())?
        .copy_from_slice(rest);
    out.get(..written + rest.len())
}

impl fmt::Display for SignatureHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "algorithm={ALGORITHM},")?;
        if let Some(version) = self.key_version {
            write!(f, "keyVersion={version},")?;
        }
        write!(f, "signature={}", self.encoded_signature())
    }
}

impl fmt::Debug for SignatureHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignatureHeader")
            .field("key_version", &self.key_version)
            .field("signature_len", &self.signature.len())
            .finish()
    }
}

impl FromStr for SignatureHeader {
    type Err = HeaderError;

    fn from_str(value: &str) -> Result<Self, HeaderError> {
        Self::parse(value)
    }
}

impl SigningKey {
    /// Signs one Antom call and returns its `Signature` header.
    ///
    /// `path` is the path as sent (for sandbox, the `/ams/sandbox/api/...` form), `time` the exact
    /// `Request-Time` (or `response-time`) header value, `body` the exact body bytes sent.
    pub fn sign_request(
        &self,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        key_version: Option<u32>,
    ) -> Result<SignatureHeader, SigningError> {
        let message = string_to_sign(path, client_id, time, body);
        Ok(SignatureHeader::new(key_version, self.sign(&message)?))
    }
}

impl VerifyingKey {
    /// Checks the signature of one Antom call (request, response or notification) against its
    /// parts, all taken exactly as received: `path` as called, `time` as the header value, `body`
    /// as the raw bytes. A wrong signature is [`SignatureError::Mismatch`].
    pub fn verify_request(
        &self,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        header: &SignatureHeader,
    ) -> Result<(), SignatureError> {
        self.verify(
            &string_to_sign(path, client_id, time, body),
            header.signature(),
        )
    }

    /// Like [`VerifyingKey::verify_request`], taking the raw `Signature` header value.
    pub fn verify_request_header(
        &self,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        signature_header: &str,
    ) -> Result<(), SignatureError> {
        let header = SignatureHeader::parse(signature_header)?;
        self.verify_request(path, client_id, time, body, &header)
    }
}

/// Source of the current time for `Request-Time` headers; replace it in tests.
pub trait Clock: Send + Sync + fmt::Debug + 'static {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> u64;

    /// The `Request-Time` header value: epoch milliseconds as a decimal string.
    fn request_time(&self) -> String {
        self.now_millis().to_string()
    }
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_reading_agrees_with_the_general_one() {
        let algorithms = [
            "algorithm=RSA256,",
            "algorithm=rsa256,",
            "Algorithm=RSA256,",
            "algorithm=RSA256, ",
            "",
            "algorithm=RSA1,",
        ];
        let versions = [
            "",
            "keyVersion=1,",
            "keyVersion=0001,",
            "keyVersion=123456789,",
            "keyVersion=1234567890,",
            "keyVersion=4294967295,",
            "keyVersion=4294967296,",
            "keyVersion=,",
            "keyVersion=1x,",
            "keyversion=2,",
            "keyVersion=1,keyVersion=2,",
            "keyVersion=3",
            "other=1,",
        ];
        let signatures = [
            "signature=AAEC",
            "signature=",
            "signature= AAEC ",
            "Signature=AAEC",
            "signature=a,keyVersion=2",
            "sig=AAEC",
            "",
        ];
        let mut canonical = 0;
        for algorithm in algorithms {
            for version in versions {
                for signature in signatures {
                    let value = format!("{algorithm}{version}{signature}");
                    if let Some(parts) = canonical_parts(value.as_bytes()) {
                        canonical += 1;
                        assert_eq!(general_parts(value.as_bytes()), Ok(parts), "{value}");
                    }
                }
            }
        }
        assert!(canonical >= 10, "{canonical}");
        // What this crate writes is read by prefix.
        for key_version in [None, Some(7)] {
            let header = SignatureHeader {
                key_version,
                signature: vec![1, 2, 251],
            };
            let text = header.to_string();
            assert_eq!(
                canonical_parts(text.as_bytes()).map(|(version, _)| version),
                Some(key_version),
                "{text}"
            );
        }
    }

    #[test]
    fn percent_decoding_keeps_plus_and_refuses_broken_escapes() {
        let decoded = |s: &str| {
            let mut out = vec![0; s.len()];
            percent_decode(s.as_bytes(), &mut out).map(|b| String::from_utf8(b.to_vec()).unwrap())
        };
        assert_eq!(decoded("ab+c/=").as_deref(), Some("ab+c/="));
        assert_eq!(decoded("plain").as_deref(), Some("plain"));
        assert_eq!(decoded("%2Ba%2fb%3D").as_deref(), Some("+a/b="));
        assert_eq!(decoded("x%25y").as_deref(), Some("x%y"));
        for broken in ["%", "a%2", "%G1", "ok%2Bthen%", "%%41"] {
            assert_eq!(decoded(broken), None, "{broken}");
        }
    }

    #[test]
    fn string_to_sign_layout() {
        assert_eq!(
            string_to_sign("/ams/api/v1/x", "C1", "1700", b"{}"),
            b"POST /ams/api/v1/x\nC1.1700.{}".to_vec()
        );
    }

    #[test]
    fn header_round_trip_encodes_base64_specials() {
        let header = SignatureHeader::new(Some(2), vec![0xfb, 0xff, 0xfe, 0x3e]);
        // base64 of these bytes is "+//+Pg==".
        assert_eq!(
            header.to_string(),
            "algorithm=RSA256,keyVersion=2,signature=%2B%2F%2F%2BPg%3D%3D"
        );
        assert_eq!(SignatureHeader::parse(&header.to_string()), Ok(header));
    }

    #[test]
    fn parse_tolerates_spaces_and_raw_plus() {
        let parsed =
            SignatureHeader::parse("algorithm=RSA256, keyVersion=1, signature=+//+Pg==").unwrap();
        assert_eq!(parsed.signature(), &[0xfb, 0xff, 0xfe, 0x3e]);
        assert_eq!(parsed.key_version(), Some(1));
        let without_version = SignatureHeader::parse("algorithm=RSA256,SIGNATURE=AAEC").unwrap();
        assert_eq!(without_version.key_version(), None);
        assert_eq!(without_version.signature(), &[0, 1, 2]);
    }

    #[test]
    fn a_signature_longer_than_the_stack_buffer_decodes_the_same() {
        use base64::Engine as _;
        // 1,020 bytes: 1,360 base64 characters, past the stack buffer; one escape at the end.
        let bytes: Vec<u8> = (0..1020u32).map(|i| (i * 7 + 3) as u8).collect();
        let encoded = STANDARD
            .encode(&bytes)
            .replace('+', "%2B")
            .replace('/', "%2F");
        assert!(encoded.len() > STACK_SIGNATURE_TEXT);
        let header = SignatureHeader::parse(&format!("algorithm=RSA256,signature={encoded}"));
        assert_eq!(header.unwrap().signature(), bytes.as_slice());
        // The same bytes from text that fits the stack buffer.
        let short = STANDARD.encode(&bytes[..600]);
        assert!(short.len() <= STACK_SIGNATURE_TEXT);
        let header = SignatureHeader::parse(&format!("algorithm=RSA256,signature={short}"));
        assert_eq!(header.unwrap().signature(), &bytes[..600]);
    }

    #[test]
    fn every_hex_digit_decodes() {
        let all: String = (0..=255u8).map(|b| format!("%{b:02x}%{b:02X}")).collect();
        let mut out = vec![0; all.len()];
        let decoded = percent_decode(all.as_bytes(), &mut out).unwrap();
        let expected: Vec<u8> = (0..=255u8).flat_map(|b| [b, b]).collect();
        assert_eq!(decoded, expected.as_slice());
    }

    #[test]
    fn key_versions_are_plain_decimal_numbers() {
        let parsed =
            SignatureHeader::parse("algorithm=RSA256,keyVersion=2,signature=AAEC").unwrap();
        assert_eq!(parsed.key_version(), Some(2));
        let largest =
            SignatureHeader::parse("algorithm=RSA256,keyVersion=4294967295,signature=AAEC");
        assert_eq!(largest.map(|h| h.key_version()), Ok(Some(u32::MAX)));
        for bad in ["+1", "-1", " ", "1.0", "0x1", "4294967296"] {
            let header = format!("algorithm=RSA256,keyVersion={bad},signature=AAEC");
            assert_eq!(
                SignatureHeader::parse(&header),
                Err(HeaderError::InvalidKeyVersion),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_system_clock_reads_the_time_of_day() {
        // 2023-11-14 and a century later: any real clock lies between.
        let now = SystemClock.now_millis();
        assert!(
            (1_700_000_000_000..4_900_000_000_000).contains(&now),
            "{now}"
        );
    }

    #[test]
    fn parse_errors_are_typed() {
        use HeaderError::*;
        let cases = [
            ("", Missing),
            ("   ", Missing),
            ("algorithm=RSA256,keyVersion=1", MissingSignature),
            ("algorithm=RSA256,keyVersion=1,signature=", MissingSignature),
            ("keyVersion=1,signature=AAEC", MissingAlgorithm),
            (
                "algorithm=RSA1,signature=AAEC",
                UnsupportedAlgorithm("RSA1".into()),
            ),
            (
                "algorithm=RSA256,keyVersion=x,signature=AAEC",
                InvalidKeyVersion,
            ),
            ("algorithm=RSA256,junk,signature=AAEC", MalformedPart),
            (
                "algorithm=RSA1,algorithm=RSA256,signature=AAEC",
                MalformedPart,
            ),
            (
                "algorithm=RSA256,keyVersion=1,keyVersion=2,signature=AAEC",
                MalformedPart,
            ),
            ("algorithm=RSA256,signature=%%%", NotBase64),
            ("algorithm=RSA256,signature=AAEC%2", NotBase64),
            ("algorithm=RSA256,signature=AAEC%G0", NotBase64),
            ("algorithm=RSA256,signature=a b", NotBase64),
            // `+` must not become a space: a space is not base64.
            ("algorithm=RSA256,signature=AA%20C", NotBase64),
            ("algorithm=RSA256,mysignature=AAEC", MissingSignature),
        ];
        for (input, expected) in cases {
            assert_eq!(SignatureHeader::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn the_parts_before_the_signature_are_visible_ascii() {
        // A tab or a space around a part is fine.
        let parsed =
            SignatureHeader::parse("algorithm=RSA256,\tkeyVersion=1 , note=~x,signature=AAEC");
        assert_eq!(parsed.map(|h| h.key_version()), Ok(Some(1)));
        for part in ["note=\u{e9}", "note=\u{7f}", "note=\u{1}"] {
            let header = format!("algorithm=RSA256,{part},signature=AAEC");
            assert_eq!(
                SignatureHeader::parse(&header),
                Err(HeaderError::MalformedPart),
                "{part:?}"
            );
        }
        // Raw bytes that are not UTF-8 are refused the same way, and never panic.
        assert_eq!(
            SignatureHeader::parse_bytes(b"algorithm=RSA256,note=\xff,signature=AAEC"),
            Err(HeaderError::MalformedPart)
        );
        assert_eq!(
            SignatureHeader::parse_bytes(b"algorithm=RSA256,signature=AA\xffC"),
            Err(HeaderError::NotBase64)
        );
    }

    #[test]
    fn debug_does_not_print_the_signature() {
        let header = SignatureHeader::new(Some(1), vec![7; 256]);
        let debug = format!("{header:?}");
        assert!(!debug.contains(&header.encoded_signature()[..20]));
        assert_eq!(
            debug,
            "SignatureHeader { key_version: Some(1), signature_len: 256 }"
        );
    }

    #[test]
    fn a_request_time_is_the_clock_in_decimal_milliseconds() {
        #[derive(Debug)]
        struct At(u64);
        impl Clock for At {
            fn now_millis(&self) -> u64 {
                self.0
            }
        }
        assert_eq!(At(1_700_000_000_123).request_time(), "1700000000123");
        assert_eq!(At(0).request_time(), "0");
    }
}
