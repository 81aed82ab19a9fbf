//! Key loading: nothing panics; a key that loads signs and verifies; its DER, bare base64 and PEM
//! forms load to the same key.
#![no_main]

use antom_vault::{SigningKey, VerifyingKey};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use libfuzzer_sys::fuzz_target;

const MESSAGE: &[u8] = b"POST /ams/api/v1/vaults/inquireVaulting\nC.1.{}";

fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("base64 is ASCII"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = SigningKey::from_der(data) {
        let signature = key.sign(MESSAGE).expect("a loaded key signs");
        key.verifying_key()
            .verify(MESSAGE, &signature)
            .expect("and its public half verifies");
        let from_base64 = SigningKey::parse(&STANDARD.encode(data)).expect("bare base64 loads");
        assert_eq!(from_base64.verifying_key(), key.verifying_key());
        let from_pem = ["PRIVATE KEY", "RSA PRIVATE KEY"]
            .iter()
            .find_map(|label| SigningKey::parse(&pem(label, data)).ok())
            .expect("PEM loads under one of the labels");
        assert_eq!(from_pem.verifying_key(), key.verifying_key());
    }
    if let Ok(key) = VerifyingKey::from_der(data) {
        let spki = key.to_spki_der();
        assert_eq!(VerifyingKey::from_der(&spki).as_ref(), Ok(&key));
        assert_eq!(
            VerifyingKey::parse(&STANDARD.encode(data)).as_ref(),
            Ok(&key)
        );
        assert_eq!(VerifyingKey::parse(&key.to_spki_pem()).as_ref(), Ok(&key));
        assert_eq!(
            VerifyingKey::parse(&key.to_spki_base64()).as_ref(),
            Ok(&key)
        );
        assert!(
            key.verify(MESSAGE, data).is_err(),
            "the input is not a signature"
        );
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(key) = SigningKey::parse(text) {
            let signature = key.sign(MESSAGE).expect("a loaded key signs");
            key.verifying_key()
                .verify(MESSAGE, &signature)
                .expect("and its public half verifies");
        }
        let _ = VerifyingKey::parse(text);
    }
});
