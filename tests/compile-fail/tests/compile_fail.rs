//! Compile-time guarantees of the generated builders, checked with trybuild against the
//! `.stderr` files in `tests/ui/` (regenerate with `TRYBUILD=overwrite` and review the diff).
//!
//! The harness lives in its own small package so that trybuild rebuilds only antom-vault's type
//! layer (no HTTP stack, no crypto, no dev-dependencies) for the cases.

#[test]
fn required_fields_are_enforced_at_compile_time() {
    let t = trybuild::TestCases::new();
    t.compile_fail("../ui/*.rs");
}
