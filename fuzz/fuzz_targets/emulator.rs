//! The emulator's request handling without the network: the signature check never accepts a
//! request nobody signed, fault prefixes parse or are ignored, and card decisions never panic
//! and never reveal more than the last four digits.
#![no_main]

use antom_vault_fuzz::{fields, text};
use antom_vault_mock::cards::{self, CardInput};
use antom_vault_mock::faults::parse_prefix;
use antom_vault_mock::sig::Verifier;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        Verifier::from_text(include_str!("../keys/other_spki.pem"), 1).expect("verifier")
    })
}

fuzz_target!(|data: &[u8]| {
    let parts = fields(data, 7);
    let (Some(path), Some(client_id), Some(time), Some(signature)) = (
        text(parts[0]),
        text(parts[1]),
        text(parts[2]),
        text(parts[3]),
    ) else {
        return;
    };
    assert!(
        verifier()
            .verify(path, client_id, time, parts[4], signature)
            .is_err(),
        "the emulator accepted a request nobody signed"
    );
    if let Some(id) = text(parts[5]) {
        if parse_prefix(id).is_some() {
            assert!(id.starts_with("fault-"), "only fault- ids inject faults");
        }
    }
    if let Some(number) = text(parts[6]) {
        let _ = cards::decide(
            &CardInput {
                number,
                expiry_month: "12",
                expiry_year: "49",
            },
            (2026, 12),
        );
        let masked = cards::mask(number);
        let shown = masked.chars().filter(char::is_ascii_digit).count();
        assert!(shown <= 4, "the mask shows {shown} digits");
    }
});
