//! The `Signature` header: parsing never panics, display then parse is the identity, and no input
//! verifies against a key nobody signed with, while a real signature of the same parts does.
#![no_main]

use antom_vault::signing::SignatureHeader;
use antom_vault_fuzz::{message, signer, unsignable};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(m) = message(data, 1) else {
        return;
    };
    let (path, client_id, time, header, body) =
        (m.path, m.client_id, m.time, m.signature, m.rest[0]);
    if let Ok(parsed) = SignatureHeader::parse(header) {
        let shown = parsed.to_string();
        assert_eq!(
            SignatureHeader::parse(&shown).as_ref(),
            Ok(&parsed),
            "round trip"
        );
        assert!(!shown.contains(' '));
    }
    assert!(
        unsignable()
            .verify_request_header(path, client_id, time, body, header)
            .is_err(),
        "nobody can sign for this key"
    );
    let signed = signer()
        .sign_request(path, client_id, time, body, Some(1))
        .expect("signs");
    let verifying = signer().verifying_key();
    verifying
        .verify_request_header(path, client_id, time, body, &signed.to_string())
        .expect("a real signature verifies");
    assert!(
        unsignable()
            .verify_request(path, client_id, time, body, &signed)
            .is_err(),
        "but not against another key"
    );
    let mut other_body = body.to_vec();
    other_body.push(b'x');
    assert!(
        verifying
            .verify_request(path, client_id, time, &other_body, &signed)
            .is_err(),
        "nor over another body"
    );
});
