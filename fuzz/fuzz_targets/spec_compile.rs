//! Compiling the spec with one file replaced by fuzzed text, against the real other files: never
//! a panic, and every diagnostic names a spec file with a line and a column.
#![no_main]

use antom_vault_fuzz::{SPEC_FILES, spec_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let sources = spec_with(which, text);
    if let Err(diagnostics) = antom_vault_codegen::load_and_lint(&sources) {
        assert!(!diagnostics.is_empty(), "a failure says why");
        for d in diagnostics {
            assert!(
                SPEC_FILES.iter().any(|(name, _)| *name == d.file),
                "diagnostic without a spec file: {d}"
            );
            assert!(
                d.line >= 1 && d.col >= 1,
                "diagnostic without line:col: {d}"
            );
            assert!(!d.message.is_empty());
        }
    }
});
