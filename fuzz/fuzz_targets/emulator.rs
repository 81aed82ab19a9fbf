//! The emulator's request handling without the network: the signature check never accepts a
//! request nobody signed, fault prefixes parse or are ignored, and card decisions never panic
//! and never reveal more than the last four digits.
#![no_main]

use std::sync::OnceLock;

use antom_vault_fuzz::{message, text};
use antom_vault_mock::cards::{self, CardInput};
use antom_vault_mock::faults::parse_prefix;
use antom_vault_mock::sig::Verifier;
use libfuzzer_sys::fuzz_target;

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        Verifier::from_text(include_str!("../keys/other_spki.pem"), 1).expect("verifier")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(m) = message(data, 3) else {
        return;
    };
    let (body, request_id, card_number) = (m.rest[0], m.rest[1], m.rest[2]);
    assert!(
        verifier()
            .verify(m.path, m.client_id, m.time, body, m.signature)
            .is_err(),
        "the emulator accepted a request nobody signed"
    );
    if let Some(id) = text(request_id)
        && parse_prefix(id).is_some()
    {
        assert!(id.starts_with("fault-"), "only fault- ids inject faults");
    }
    if let Some(number) = text(card_number) {
        let _ = cards::decide(
            &CardInput {
                number,
                expiry_month: "12",
                expiry_year: "49",
            },
            (2026, 12),
        );
        let shown = cards::mask(number)
            .chars()
            .filter(char::is_ascii_digit)
            .count();
        assert!(shown <= 4, "the mask shows {shown} digits");
    }
});
