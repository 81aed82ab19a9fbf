//! Webhook verification with a fixed key nobody can sign for: whatever the method, path, headers
//! and body, nothing is ever accepted, and nothing panics.
#![no_main]

use antom_vault::NotifyVaulting;
use antom_vault::webhook::WebhookVerifier;
use antom_vault_fuzz::{message, text, unsignable};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(m) = message(data, 2) else {
        return;
    };
    let (second_signature, body) = (m.rest[0], m.rest[1]);
    let headers = [
        ("client-id", m.client_id),
        ("request-time", m.time),
        ("signature", m.signature),
        ("Signature", text(second_signature).unwrap_or_default()),
    ];
    let count = if second_signature.is_empty() { 3 } else { 4 };
    let verifier = WebhookVerifier::new(unsignable().clone());
    let outcome = verifier.verify::<NotifyVaulting, _>("POST", m.path, &headers[..count], body);
    assert!(outcome.is_err(), "accepted a notification nobody signed");
});
