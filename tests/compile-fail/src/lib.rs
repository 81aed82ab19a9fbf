//! Holds no code: the trybuild harness in `tests/compile_fail.rs` checks that the generated builders
//! reject incomplete or mistyped requests at compile time, with the cases and their expected
//! compiler output in `tests/ui/` of the antom-vault package.
