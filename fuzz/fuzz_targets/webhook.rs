//! Webhook verification with a fixed key nobody can sign for: whatever the method, path, headers
//! and body, nothing is ever accepted, and nothing panics.
#![no_main]

use antom_vault::NotifyVaulting;
use antom_vault::webhook::WebhookVerifier;
use antom_vault_fuzz::{fields, text, unsignable};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parts = fields(data, 6);
    let (Some(path), Some(client_id), Some(time), Some(signature)) = (
        text(parts[0]),
        text(parts[1]),
        text(parts[2]),
        text(parts[3]),
    ) else {
        return;
    };
    let headers = [
        ("client-id", client_id),
        ("request-time", time),
        ("signature", signature),
        ("Signature", text(parts[4]).unwrap_or_default()),
    ];
    let count = if parts[4].is_empty() { 3 } else { 4 };
    let verifier = WebhookVerifier::new(unsignable().clone());
    let outcome = verifier.verify::<NotifyVaulting, _>("POST", path, &headers[..count], parts[5]);
    assert!(outcome.is_err(), "accepted a notification nobody signed");
});
