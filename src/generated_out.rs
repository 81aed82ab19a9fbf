// The bindings `build.rs` generated from spec/ (the `codegen` feature); see `generated` in lib.rs.
include!(concat!(env!("OUT_DIR"), "/antom_vault.rs"));
