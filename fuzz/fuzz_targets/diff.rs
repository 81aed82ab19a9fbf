//! The spec diff: a spec compared with itself has no changes, and swapping the two sides keeps
//! the number of changes.
#![no_main]

use std::sync::OnceLock;

use antom_vault_codegen::Spec;
use antom_vault_codegen::diff::compare;
use antom_vault_fuzz::{SPEC_FILES, spec_with};
use libfuzzer_sys::fuzz_target;

fn real() -> &'static Spec {
    static REAL: OnceLock<Spec> = OnceLock::new();
    REAL.get_or_init(|| {
        let sources = spec_with(0, SPEC_FILES[0].1);
        antom_vault_codegen::load(&sources).expect("the real spec loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // The diff compares specs that load and lint, as `antom-vault-codegen diff` does.
    let Ok(spec) = antom_vault_codegen::load(&spec_with(which, text)) else {
        return;
    };
    if antom_vault_codegen::lint(&spec).is_err() {
        return;
    }
    let fuzzed = spec;
    assert!(
        compare(&fuzzed, &fuzzed).is_empty(),
        "a spec differs from itself"
    );
    assert_eq!(
        compare(real(), &fuzzed).len(),
        compare(&fuzzed, real()).len(),
        "swapping the sides changed the count"
    );
});
