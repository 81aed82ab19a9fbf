//! Compile-time guarantees of the generated builders, checked with trybuild against the
//! `.stderr` files in `tests/ui/` (regenerate with `TRYBUILD=overwrite` and review the diff).

#[test]
fn required_fields_are_enforced_at_compile_time() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
