//! Signatures cross-checked with the `openssl` command line, tampering, the key-format matrix and
//! webhook verification. Runs on both crypto backends.

mod support;

use std::fs;

use antom_vault::error::{HeaderError, KeyError, KeyFormat, KeyKind, SignatureError};
use antom_vault::signing::{SignatureHeader, string_to_sign};
use antom_vault::webhook::{ACKNOWLEDGEMENT, WebhookError, WebhookVerifier, verify_notification};
use antom_vault::{SigningKey, VerifyingKey};
use support::api::NotifyApi;
use support::notify::MERCHANT_ID;
use support::{b64, keys, openssl};

const SANDBOX_PATH: &str = "/ams/sandbox/api/v1/vaults/vaultPaymentMethod";
const CLIENT_ID: &str = "SANDBOX_5X00000000000000";
const TIME: &str = "1700000000123";

/// A body with non-ASCII text in several scripts, an emoji (non-BMP) and escaped characters.
fn unicode_body(nonce: u32) -> Vec<u8> {
    format!(
        r#"{{"vaultingRequestId":"r-{nonce}","note":"Zoë Ångström – 张伟 – Ωμέγα – 🚀","path":"a\/b"}}"#
    )
    .into_bytes()
}

/// Percent-encodes base64 the way Antom documents it, written independently of the crate.
fn percent_encode_b64(b64: &str) -> String {
    b64.replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

/// Our signature verifies with `openssl dgst -verify`, and equals openssl's own signature
/// (PKCS#1 v1.5 is deterministic), on a sandbox path, a non-ASCII body, and a signature whose
/// base64 contains `+`, `/` and `=`.
#[test]
fn our_signatures_verify_with_openssl_and_match_its_bytes() {
    let keys = keys();
    let merchant = keys.merchant.signing_key();
    let dir = &keys.merchant.dir;

    let mut seen_specials = false;
    for nonce in 0..64 {
        let body = unicode_body(nonce);
        let header = merchant
            .sign_request(SANDBOX_PATH, CLIENT_ID, TIME, &body, Some(1))
            .unwrap();
        let base64 = b64(header.signature());
        let message = string_to_sign(SANDBOX_PATH, CLIENT_ID, TIME, &body);
        let msg_file = format!("msg-ours-{nonce}.bin");
        let sig_file = format!("sig-ours-{nonce}.bin");
        fs::write(dir.join(&msg_file), &message).unwrap();
        fs::write(dir.join(&sig_file), header.signature()).unwrap();

        let out = openssl(
            dir,
            &[
                "dgst",
                "-sha256",
                "-verify",
                "spki.pem",
                "-signature",
                &sig_file,
                &msg_file,
            ],
        );
        assert_eq!(String::from_utf8_lossy(&out).trim(), "Verified OK");

        let openssl_sig = openssl(dir, &["dgst", "-sha256", "-sign", "pkcs8.pem", &msg_file]);
        assert_eq!(openssl_sig, header.signature(), "deterministic PKCS#1 v1.5");

        // The header carries the percent-encoded base64.
        assert_eq!(
            header.to_string(),
            format!(
                "algorithm=RSA256,keyVersion=1,signature={}",
                percent_encode_b64(&base64)
            )
        );
        if base64.contains('+') && base64.contains('/') && base64.contains('=') {
            seen_specials = true;
            break;
        }
    }
    assert!(seen_specials, "no signature with + / = in 64 bodies");
}

/// openssl's signature, base64- and percent-encoded by hand, verifies with our parser and key;
/// also with spaces after the commas and with a raw (unencoded) `+`.
#[test]
fn openssl_signatures_verify_with_ours() {
    let keys = keys();
    let merchant_public = keys.merchant.verifying_key();
    let dir = &keys.merchant.dir;

    let mut seen_specials = false;
    for nonce in 100..164 {
        let body = unicode_body(nonce);
        let message = string_to_sign(SANDBOX_PATH, CLIENT_ID, TIME, &body);
        let msg_file = format!("msg-theirs-{nonce}.bin");
        fs::write(dir.join(&msg_file), &message).unwrap();
        let signature = openssl(dir, &["dgst", "-sha256", "-sign", "pkcs1.pem", &msg_file]);
        let base64 = b64(&signature);

        for header in [
            format!(
                "algorithm=RSA256,keyVersion=1,signature={}",
                percent_encode_b64(&base64)
            ),
            format!(
                "algorithm=RSA256, keyVersion=1, signature={}",
                percent_encode_b64(&base64)
            ),
            format!("algorithm=RSA256,keyVersion=1,signature={base64}"),
        ] {
            merchant_public
                .verify_request_header(SANDBOX_PATH, CLIENT_ID, TIME, &body, &header)
                .unwrap_or_else(|e| panic!("{header}: {e}"));
        }
        if base64.contains('+') && base64.contains('/') {
            seen_specials = true;
            break;
        }
    }
    assert!(seen_specials, "no signature with + and / in 64 bodies");
}

/// Changing one byte of any signed part, or verifying with another key, is a mismatch.
#[test]
fn tampering_with_any_part_is_rejected() {
    let keys = keys();
    let merchant = keys.merchant.signing_key();
    let public = merchant.verifying_key();
    let body = unicode_body(7);
    let header = merchant
        .sign_request(SANDBOX_PATH, CLIENT_ID, TIME, &body, Some(1))
        .unwrap();
    public
        .verify_request(SANDBOX_PATH, CLIENT_ID, TIME, &body, &header)
        .unwrap();

    let mismatch = Err(SignatureError::Mismatch);
    for i in [0, body.len() / 2, body.len() - 1] {
        let mut tampered = body.clone();
        tampered[i] ^= 0x01;
        assert_eq!(
            public.verify_request(SANDBOX_PATH, CLIENT_ID, TIME, &tampered, &header),
            mismatch,
            "body byte {i}"
        );
    }
    assert_eq!(
        public.verify_request(
            "/ams/api/v1/vaults/vaultPaymentMethod",
            CLIENT_ID,
            TIME,
            &body,
            &header
        ),
        mismatch,
        "production path instead of sandbox"
    );
    assert_eq!(
        public.verify_request(
            SANDBOX_PATH,
            "SANDBOX_5X00000000000001",
            TIME,
            &body,
            &header
        ),
        mismatch,
        "client id"
    );
    assert_eq!(
        public.verify_request(SANDBOX_PATH, CLIENT_ID, "1700000000124", &body, &header),
        mismatch,
        "time"
    );
    assert_eq!(
        keys.antom
            .verifying_key()
            .verify_request(SANDBOX_PATH, CLIENT_ID, TIME, &body, &header),
        mismatch,
        "another key"
    );
    let mut flipped = header.signature().to_vec();
    flipped[10] ^= 0x80;
    assert_eq!(
        public.verify_request(
            SANDBOX_PATH,
            CLIENT_ID,
            TIME,
            &body,
            &SignatureHeader::new(Some(1), flipped)
        ),
        mismatch,
        "signature bit"
    );
    // Form-decoding would turn `+` into a space; a space is rejected as not base64.
    let spaced = header.to_string().replace("%2B", " ");
    if spaced != header.to_string() {
        assert_eq!(
            public.verify_request_header(SANDBOX_PATH, CLIENT_ID, TIME, &body, &spaced),
            Err(SignatureError::Header(HeaderError::NotBase64))
        );
    }
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// The PEM body as one bare base64 line.
fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

#[test]
fn every_accepted_private_key_format_loads_the_same_key() {
    let set = &keys().merchant;
    let expected = VerifyingKey::from_der(&set.spki_der).unwrap();
    let wrapped_base64: String = b64(&set.pkcs8_der)
        .as_bytes()
        .chunks(64)
        .map(|c| format!("  {}\r\n", String::from_utf8_lossy(c)))
        .collect();
    let inputs = [
        ("PKCS#8 PEM", set.pkcs8_pem.clone()),
        ("PKCS#8 PEM, CRLF", crlf(&set.pkcs8_pem)),
        ("PKCS#8 bare base64", b64(&set.pkcs8_der)),
        (
            "PKCS#8 base64, wrapped with CRLF and indent",
            wrapped_base64,
        ),
        ("PKCS#8 PEM body only", pem_body(&set.pkcs8_pem)),
        ("PKCS#1 PEM", set.pkcs1_pem.clone()),
        ("PKCS#1 PEM, CRLF", crlf(&set.pkcs1_pem)),
        ("PKCS#1 bare base64", b64(&set.pkcs1_der)),
        (
            "PKCS#1 PEM with literal \\n",
            set.pkcs1_pem.replace('\n', "\\n"),
        ),
        (
            "PKCS#8 body under the RSA PRIVATE KEY label",
            set.pkcs8_pem.replace("PRIVATE KEY", "RSA PRIVATE KEY"),
        ),
    ];
    for (name, text) in inputs {
        let key = SigningKey::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.verifying_key(), &expected, "{name}");
        assert_eq!(key.modulus_bits(), 2048, "{name}");
    }
    for (name, der) in [
        ("PKCS#8 DER", &set.pkcs8_der),
        ("PKCS#1 DER", &set.pkcs1_der),
    ] {
        let key = SigningKey::from_der(der).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.verifying_key(), &expected, "{name}");
    }
}

#[test]
fn every_accepted_public_key_format_loads_the_same_key() {
    let set = &keys().merchant;
    let expected = set.signing_key().verifying_key().clone();
    let inputs = [
        ("SPKI PEM", set.spki_pem.clone()),
        ("SPKI PEM, CRLF", crlf(&set.spki_pem)),
        (
            "SPKI bare base64 (Antom Dashboard form)",
            b64(&set.spki_der),
        ),
        ("PKCS#1 public PEM", set.pkcs1_public_pem.clone()),
        ("PKCS#1 public bare base64", b64(&set.pkcs1_public_der)),
    ];
    for (name, text) in inputs {
        let key = VerifyingKey::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key, expected, "{name}");
    }
    assert_eq!(
        VerifyingKey::from_der(&set.pkcs1_public_der).unwrap(),
        expected
    );
    // Export round-trips, and matches openssl's SPKI byte for byte.
    assert_eq!(expected.to_spki_der(), set.spki_der);
    assert_eq!(expected.to_spki_pem(), set.spki_pem);
    assert_eq!(
        VerifyingKey::parse(&expected.to_spki_base64()).unwrap(),
        expected
    );
}

#[test]
fn bad_private_keys_are_typed_errors() {
    let keys = keys();
    let set = &keys.merchant;
    let dir = &set.dir;
    openssl(
        dir,
        &[
            "pkcs8",
            "-topk8",
            "-in",
            "pkcs8.pem",
            "-v2",
            "aes-256-cbc",
            "-passout",
            "pass:secret",
            "-out",
            "enc8.pem",
        ],
    );
    openssl(
        dir,
        &[
            "rsa",
            "-in",
            "pkcs8.pem",
            "-traditional",
            "-aes256",
            "-passout",
            "pass:secret",
            "-out",
            "enc1.pem",
        ],
    );
    openssl(
        dir,
        &[
            "pkcs8",
            "-topk8",
            "-in",
            "pkcs8.pem",
            "-v2",
            "aes-256-cbc",
            "-passout",
            "pass:secret",
            "-outform",
            "DER",
            "-out",
            "enc8.der",
        ],
    );
    openssl(
        dir,
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "ec.pem",
        ],
    );
    openssl(
        dir,
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:1024",
            "-out",
            "small.pem",
        ],
    );
    let read = |f: &str| fs::read_to_string(dir.join(f)).unwrap();
    let private = KeyKind::Private;
    let half = set.pkcs8_pem.len() / 2;
    let der_b64 = b64(&set.pkcs8_der);

    let cases: Vec<(&str, String, KeyError)> = vec![
        (
            "empty",
            " \r\n\t".into(),
            KeyError::Empty { expected: private },
        ),
        (
            "garbage text",
            "this is not a key!".into(),
            KeyError::NotPemOrBase64 {
                expected: private,
                reason: "a character outside the base64 alphabet",
            },
        ),
        (
            "garbage base64",
            "SGVsbG8gd29ybGQsIG5vdCBhIGtleQ==".into(),
            KeyError::Unrecognized {
                expected: private,
                encoding: antom_vault::error::KeyEncoding::Base64,
                tried: antom_vault::error::KeyFormats(&[KeyFormat::Pkcs8, KeyFormat::Pkcs1Private]),
            },
        ),
        (
            "truncated PEM",
            set.pkcs8_pem[..half].into(),
            KeyError::MalformedPem {
                expected: private,
                reason: "no matching END line (the key may be truncated)",
            },
        ),
        (
            "truncated base64",
            der_b64[..der_b64.len() / 2 / 4 * 4].into(),
            KeyError::Unrecognized {
                expected: private,
                encoding: antom_vault::error::KeyEncoding::Base64,
                tried: antom_vault::error::KeyFormats(&[KeyFormat::Pkcs8, KeyFormat::Pkcs1Private]),
            },
        ),
        (
            "encrypted PKCS#8 PEM",
            read("enc8.pem"),
            KeyError::Encrypted { expected: private },
        ),
        (
            "encrypted PKCS#1 PEM (Proc-Type)",
            read("enc1.pem"),
            KeyError::Encrypted { expected: private },
        ),
        (
            "encrypted PKCS#8, bare base64",
            b64(&fs::read(dir.join("enc8.der")).unwrap()),
            KeyError::Encrypted { expected: private },
        ),
        (
            "SPKI public key given as private",
            set.spki_pem.clone(),
            KeyError::WrongKind {
                expected: private,
                found: KeyKind::Public,
            },
        ),
        (
            "PKCS#1 public key given as private, bare base64",
            b64(&set.pkcs1_public_der),
            KeyError::WrongKind {
                expected: private,
                found: KeyKind::Public,
            },
        ),
        (
            "EC key",
            read("ec.pem"),
            KeyError::NotRsa { expected: private },
        ),
        (
            "1024-bit RSA key",
            read("small.pem"),
            KeyError::Rejected {
                expected: private,
                format: KeyFormat::Pkcs8,
            },
        ),
        (
            "certificate label",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".into(),
            KeyError::UnsupportedPemLabel {
                expected: private,
                label: "CERTIFICATE".into(),
                accepted: "PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY",
            },
        ),
    ];
    for (name, text, expected) in cases {
        assert_eq!(SigningKey::parse(&text).unwrap_err(), expected, "{name}");
    }
    // Corrupting the key material inside a well-formed structure is refused by the crypto library.
    let mut corrupt = set.pkcs1_der.clone();
    let n = corrupt.len();
    corrupt[n - 20] ^= 0xff;
    assert_eq!(
        SigningKey::from_der(&corrupt).unwrap_err(),
        KeyError::Rejected {
            expected: private,
            format: KeyFormat::Pkcs1Private
        }
    );
}

#[test]
fn bad_public_keys_are_typed_errors() {
    let set = &keys().merchant;
    let public = KeyKind::Public;
    assert_eq!(
        VerifyingKey::parse(&set.pkcs8_pem).unwrap_err(),
        KeyError::WrongKind {
            expected: public,
            found: KeyKind::Private
        }
    );
    assert_eq!(
        VerifyingKey::parse(&b64(&set.pkcs1_der)).unwrap_err(),
        KeyError::WrongKind {
            expected: public,
            found: KeyKind::Private
        }
    );
    assert!(matches!(
        VerifyingKey::parse("AAAAAAAA").unwrap_err(),
        KeyError::Unrecognized {
            expected: KeyKind::Public,
            ..
        }
    ));
    assert!(matches!(
        VerifyingKey::parse(&set.spki_pem[..set.spki_pem.len() - 30]).unwrap_err(),
        KeyError::MalformedPem { .. }
    ));
    openssl(
        &set.dir,
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "ec2.pem",
        ],
    );
    openssl(
        &set.dir,
        &["pkey", "-in", "ec2.pem", "-pubout", "-out", "ec2pub.pem"],
    );
    let ec_public = fs::read_to_string(set.path("ec2pub.pem")).unwrap();
    assert_eq!(
        VerifyingKey::parse(&ec_public).unwrap_err(),
        KeyError::NotRsa { expected: public }
    );
    // Every error message names what was expected.
    let message = VerifyingKey::parse("AAAAAAAA").unwrap_err().to_string();
    assert!(
        message.contains("public key") && message.contains("SubjectPublicKeyInfo"),
        "{message}"
    );
}

#[test]
fn key_debug_output_prints_nothing_secret() {
    let set = &keys().merchant;
    let key = set.signing_key();
    let debug = format!("{key:?} {:?}", key.verifying_key());
    assert_eq!(
        debug,
        "SigningKey { modulus_bits: 2048, .. } VerifyingKey { modulus_bits: 2048, .. }"
    );
}

// ---------------------------------------------------------------- webhook

const NOTIFY_PATH: &str = "/antom/notify?shop=7";

fn notification_body() -> Vec<u8> {
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"vaultingRequestId":"vr-ü-1","paymentMethodDetail":{"paymentMethodType":"CARD"}}"#
        .as_bytes()
        .to_vec()
}

/// Headers of a notification signed by "Antom".
fn signed_notification(path: &str, time: &str, body: &[u8]) -> Vec<(String, String)> {
    let antom = keys().antom.signing_key();
    support::notify::signed_headers(&antom, path, MERCHANT_ID, time, body, Some(1))
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new(keys().antom.verifying_key()).expect_client_id(MERCHANT_ID)
}

#[test]
fn valid_notification_is_accepted_and_parsed() {
    let body = notification_body();
    // An ISO time, as some notifications carry: the header value is signed as is.
    let time = "2019-01-01T01:01:01Z";
    let headers = signed_notification(NOTIFY_PATH, time, &body);
    let parsed = verifier()
        .verify::<NotifyApi, _>("POST", NOTIFY_PATH, &headers, &body)
        .unwrap();
    assert_eq!(parsed.vaulting_request_id, "vr-ü-1");
    let also = verify_notification::<NotifyApi, _>(
        &keys().antom.verifying_key(),
        "post",
        NOTIFY_PATH,
        headers.as_slice(),
        &body,
    )
    .unwrap();
    assert_eq!(also.vaulting_request_id, "vr-ü-1");
}

#[test]
fn tampered_notifications_are_rejected() {
    let body = notification_body();
    let time = "1700000000000";
    let headers = signed_notification(NOTIFY_PATH, time, &body);
    let v = verifier();
    let mismatch = WebhookError::Signature(SignatureError::Mismatch);
    let set = |name: &str, value: &str| -> Vec<(String, String)> {
        headers
            .iter()
            .map(|(n, v)| {
                if n.eq_ignore_ascii_case(name) {
                    (n.clone(), value.to_string())
                } else {
                    (n.clone(), v.clone())
                }
            })
            .collect()
    };
    let without = |name: &str| -> Vec<(String, String)> {
        headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
            .cloned()
            .collect()
    };

    let mut tampered_body = body.clone();
    tampered_body[20] ^= 0x01;
    let check = |method: &str, path: &str, h: &Vec<(String, String)>, b: &[u8]| {
        v.verify::<NotifyApi, _>(method, path, h, b).unwrap_err()
    };
    assert_eq!(
        check("POST", NOTIFY_PATH, &headers, &tampered_body),
        mismatch,
        "body"
    );
    assert_eq!(
        check("POST", "/antom/notify?shop=8", &headers, &body),
        mismatch,
        "query"
    );
    assert_eq!(
        check("POST", "/antom/notify", &headers, &body),
        mismatch,
        "path without query"
    );
    assert_eq!(
        check(
            "POST",
            NOTIFY_PATH,
            &set("request-time", "1700000000001"),
            &body
        ),
        mismatch,
        "time"
    );
    let other_client = set("client-id", "5X00000000000001");
    assert_eq!(
        check("POST", NOTIFY_PATH, &other_client, &body),
        WebhookError::ClientIdMismatch
    );
    // Without the client-id expectation, the signature still binds the client id.
    assert_eq!(
        WebhookVerifier::new(keys().antom.verifying_key())
            .verify::<NotifyApi, _>("POST", NOTIFY_PATH, &other_client, &body)
            .unwrap_err(),
        mismatch
    );
    // Signed with the merchant's key instead of Antom's.
    let forged = keys()
        .merchant
        .signing_key()
        .sign_request(NOTIFY_PATH, MERCHANT_ID, time, &body, Some(1))
        .unwrap();
    assert_eq!(
        check(
            "POST",
            NOTIFY_PATH,
            &set("signature", &forged.to_string()),
            &body
        ),
        mismatch,
        "wrong key"
    );

    assert_eq!(
        check("GET", NOTIFY_PATH, &headers, &body),
        WebhookError::MethodNotPost("GET".into())
    );
    assert_eq!(
        check(
            "POST",
            "https://shop.example/antom/notify?shop=7",
            &headers,
            &body
        ),
        WebhookError::InvalidPath
    );
    for name in ["client-id", "request-time", "signature"] {
        let expected = match name {
            "client-id" => "client-id",
            "request-time" => "request-time",
            _ => "signature",
        };
        assert_eq!(
            check("POST", NOTIFY_PATH, &without(name), &body),
            WebhookError::MissingHeader(expected)
        );
    }
    assert_eq!(
        check(
            "POST",
            NOTIFY_PATH,
            &set("signature", "algorithm=RSA256,keyVersion=1"),
            &body
        ),
        WebhookError::Signature(SignatureError::Header(HeaderError::MissingSignature))
    );
    // A correctly signed body that is not a notification is a typed decode error.
    let junk = b"[1,2,3]".to_vec();
    let junk_headers = signed_notification(NOTIFY_PATH, time, &junk);
    assert!(matches!(
        v.verify::<NotifyApi, _>("POST", NOTIFY_PATH, &junk_headers, &junk)
            .unwrap_err(),
        WebhookError::Decode { .. }
    ));
}

#[test]
fn acknowledgement_bytes_are_exact() {
    assert_eq!(
        ACKNOWLEDGEMENT,
        br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#
    );
    let parsed: serde_json::Value = serde_json::from_slice(ACKNOWLEDGEMENT).unwrap();
    assert_eq!(parsed["result"]["resultStatus"], "S");
}

#[test]
fn notification_headers_from_any_source_are_read_case_insensitively() {
    let body = notification_body();
    let pairs = signed_notification(NOTIFY_PATH, "1700000000000", &body);
    let mut http_headers = reqwest::header::HeaderMap::new();
    let mut map = std::collections::HashMap::new();
    for (name, value) in &pairs {
        http_headers.insert(
            reqwest::header::HeaderName::from_bytes(name.to_uppercase().as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
        map.insert(name.to_uppercase(), value.clone());
    }
    let v = verifier();
    v.verify::<NotifyApi, _>("POST", NOTIFY_PATH, &http_headers, &body)
        .unwrap();
    v.verify::<NotifyApi, _>("POST", NOTIFY_PATH, &map, &body)
        .unwrap();
    // The generated notification type parses the same verified bytes.
    let generated = v
        .verify::<antom_vault::NotifyVaulting, _>("POST", NOTIFY_PATH, &http_headers, &body)
        .unwrap();
    assert_eq!(generated.vaulting_request_id, "vr-ü-1");
}

#[test]
fn acknowledgement_matches_the_generated_acknowledgement_type() {
    let ack: antom_vault::VaultingAcknowledgement =
        serde_json::from_slice(ACKNOWLEDGEMENT).unwrap();
    assert_eq!(serde_json::to_vec(&ack).unwrap(), ACKNOWLEDGEMENT);
}
