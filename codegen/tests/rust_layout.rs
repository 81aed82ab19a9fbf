//! Where the Rust emitter puts generated items, and the vaulted-card accessor it derives from the
//! spec's `format: card_token`, on a small spec (`tests/specs/vaulted_card/`) whose card sits
//! behind required levels only (the real spec's sits behind optional ones).

use std::path::PathBuf;

use antom_vault_codegen::{RustOptions, compile, output};

fn code() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/specs/vaulted_card");
    let sources = output::read_sources(&dir, "tests/specs/vaulted_card").expect("readable");
    let options = RustOptions {
        runtime: "::antom_vault".into(),
        client_methods: false,
    };
    compile(&sources, &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The code without whitespace, so that assertions do not depend on the formatter's layout.
fn squeezed(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of the module `name` (from `pub mod name {` to the next top-level module).
fn module<'c>(code: &'c str, name: &str) -> &'c str {
    let start = code
        .find(&format!("\npub mod {name} {{"))
        .unwrap_or_else(|| panic!("no module {name}"));
    let rest = &code[start + 1..];
    let end = rest[1..].find("\npub mod ").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

#[test]
fn each_api_has_a_module_with_its_marker_messages_and_result_codes() {
    let code = code();
    let api = module(&code, "look_up");
    for item in [
        "pub struct LookUp;",
        "pub struct LookUpRequest {",
        "pub struct LookUpResponse {",
        "pub enum LookUpResultCode {",
    ] {
        assert!(api.contains(item), "look_up lacks `{item}`");
    }
    let objects = module(&code, "objects");
    for item in [
        "pub struct StoredCard {",
        "pub struct Wrapper {",
        "pub enum ResultStatus {",
    ] {
        assert!(objects.contains(item), "objects lacks `{item}`");
    }
    // A type from another module is named by its path, never imported.
    assert!(squeezed(api).contains("pubwrapper:super::objects::Wrapper,"));
    assert!(!api.contains("use super::"));
}

#[test]
fn builders_live_in_the_builder_module_with_their_markers_hidden() {
    let code = code();
    let builder = module(&code, "builder");
    assert!(builder.contains("pub struct LookUpRequestBuilder<"));
    assert!(builder.contains("pub struct Missing;"));
    assert!(squeezed(builder).contains("#[doc(hidden)]pubmodlook_up_request{"));
    assert!(!module(&code, "look_up").contains("Builder"));
}

#[test]
fn card_token_fields_are_typed_card_token() {
    let code = squeezed(module(&code(), "objects"));
    assert!(code.contains("pubtoken:::antom_vault::card_token::CardToken,"));
    assert!(code.contains("pubpartner_token:Option<::antom_vault::card_token::CardToken>,"));
}

#[test]
fn the_vaulted_card_accessor_follows_required_levels_without_optional_steps() {
    let code = squeezed(module(&code(), "look_up"));
    assert!(
        code.contains(
            "pubfnstored_card(&self)->Option<&super::objects::StoredCard>{Some(&self.wrapper.stored)}"
        ),
        "{code}"
    );
    // The request carries no card, so it has no accessor.
    assert_eq!(code.matches("pubfnstored_card").count(), 1);
}
