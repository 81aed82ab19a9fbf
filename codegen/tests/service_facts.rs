//! The service file (hosts per region, API base, sandbox and client-id rules): located errors for
//! every mistake, and the OpenAPI servers and the generated `service` module built from it alone.

use antom_vault_codegen::{Diagnostic, RustOptions, SourceFile, load_and_lint};

const SERVICE: &str = "\
service:
  api_base: /ams/api
  sandbox:
    api_base: /ams/sandbox/api
    client_id_prefix: SANDBOX_
  client_id:
    characters: visible_ascii
  regions:
    - name: North America
      host: https://open-na.example.com
      description: Merchants in North America.
    - name: US merchants
      rust_name: UsMerchants
      host: https://open.example-us.com
      description: Merchants of the US entity.
";

fn load(text: &str) -> Result<antom_vault_codegen::Ir, Vec<Diagnostic>> {
    load_and_lint(&[SourceFile {
        name: "spec/service.yaml".into(),
        text: text.into(),
    }])
}

/// The one diagnostic of the service file with `from` (which occurs once) replaced by `to`.
fn one_error(from: &str, to: &str) -> Diagnostic {
    assert_eq!(SERVICE.matches(from).count(), 1, "`{from}` must occur once");
    let mut diags = load(&SERVICE.replace(from, to)).expect_err("should be rejected");
    assert_eq!(diags.len(), 1, "expected one diagnostic, got {diags:#?}");
    diags.remove(0)
}

fn assert_at(d: &Diagnostic, line: usize, col: usize, needle: &str) {
    assert_eq!(
        (d.file.as_str(), d.line, d.col),
        ("spec/service.yaml", line, col),
        "wrong location for: {d}"
    );
    assert!(
        d.message.contains(needle),
        "`{}` lacks `{needle}`",
        d.message
    );
}

#[test]
fn the_service_file_resolves_into_regions_and_bases() {
    let ir = load(SERVICE).expect("valid");
    let service = ir.service.expect("service facts");
    assert_eq!(service.api_base, "/ams/api");
    assert_eq!(service.sandbox_api_base, "/ams/sandbox/api");
    assert_eq!(service.sandbox_client_id_prefix, "SANDBOX_");
    let variants: Vec<&str> = service
        .regions
        .iter()
        .map(|r| r.rust_name.as_str())
        .collect();
    assert_eq!(variants, ["NorthAmerica", "UsMerchants"]);
}

#[test]
fn a_host_with_a_path_is_rejected_at_the_host() {
    let d = one_error(
        "https://open-na.example.com",
        "https://open-na.example.com/ams",
    );
    assert_at(&d, 10, 13, "host name only");
}

#[test]
fn a_plain_http_host_is_rejected() {
    let d = one_error("https://open.example-us.com", "http://open.example-us.com");
    assert_at(&d, 14, 13, "must start with `https://`");
}

#[test]
fn an_api_base_with_a_trailing_slash_is_rejected() {
    let d = one_error("api_base: /ams/api\n", "api_base: /ams/api/\n");
    assert_at(&d, 2, 13, "`api_base` must not end with `/`");
}

#[test]
fn a_sandbox_base_equal_to_the_production_base_is_rejected() {
    let d = one_error("api_base: /ams/sandbox/api", "api_base: /ams/api");
    assert_at(&d, 4, 15, "must differ from `api_base`");
}

#[test]
fn a_sandbox_prefix_with_a_space_is_rejected() {
    let d = one_error(
        "client_id_prefix: SANDBOX_",
        "client_id_prefix: \"SAND BOX\"",
    );
    assert_at(
        &d,
        5,
        23,
        "`sandbox.client_id_prefix` must be visible ASCII",
    );
}

#[test]
fn an_unknown_client_id_rule_is_rejected() {
    let d = one_error("characters: visible_ascii", "characters: anything");
    assert_at(&d, 7, 17, "`characters` must be one of visible_ascii");
}

#[test]
fn two_regions_with_one_host_are_rejected_at_the_second() {
    let d = one_error("https://open.example-us.com", "https://open-na.example.com");
    assert_at(
        &d,
        14,
        13,
        "two regions share a host (the first at spec/service.yaml:10:13)",
    );
}

#[test]
fn region_variants_that_differ_only_in_case_are_rejected() {
    let d = one_error("rust_name: UsMerchants", "rust_name: North_america");
    assert_at(
        &d,
        13,
        18,
        "collides with the one at spec/service.yaml:9:13",
    );
}

#[test]
fn a_region_without_a_host_names_the_missing_key() {
    let d = one_error("      host: https://open.example-us.com\n", "");
    assert_at(&d, 12, 7, "missing the mandatory key `host`");
}

#[test]
fn a_second_service_file_is_rejected() {
    let diags = load_and_lint(&[
        SourceFile {
            name: "spec/a.yaml".into(),
            text: SERVICE.into(),
        },
        SourceFile {
            name: "spec/b.yaml".into(),
            text: SERVICE.into(),
        },
    ])
    .expect_err("two service files");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!((diags[0].file.as_str(), diags[0].line), ("spec/b.yaml", 1));
    assert!(
        diags[0].message.contains("first in spec/a.yaml:1:1"),
        "{}",
        diags[0]
    );
}

#[test]
fn the_openapi_servers_are_every_region_in_production_then_sandbox() {
    let ir = load(SERVICE).expect("valid");
    let document = antom_vault_codegen::openapi::emit(&ir);
    let urls: Vec<&str> = document["servers"]
        .as_array()
        .expect("servers")
        .iter()
        .map(|s| s["url"].as_str().expect("url"))
        .collect();
    assert_eq!(
        urls,
        [
            "https://open-na.example.com/ams/api",
            "https://open.example-us.com/ams/api",
            "https://open-na.example.com/ams/sandbox/api",
            "https://open.example-us.com/ams/sandbox/api",
        ]
    );
}

#[test]
fn the_generated_region_enum_lists_every_host() {
    let ir = load(SERVICE).expect("valid");
    let code = antom_vault_codegen::generate_rust(&ir, &RustOptions::default());
    assert!(
        code.contains("pub const API_BASE: &str = \"/ams/api\";"),
        "{code}"
    );
    assert!(code.contains("Region::UsMerchants => \"https://open.example-us.com\""));
    assert!(code.contains(
        "pub const ALL: &'static [Region] = &[Region::NorthAmerica, Region::UsMerchants];"
    ));
}
