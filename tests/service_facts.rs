//! The runtime's `Region` and `Environment` and the committed OpenAPI `servers` state the same
//! hosts and base paths: both come from spec/service.yaml, and this test fails if either drifts.

#![cfg(feature = "runtime")]

use std::collections::BTreeSet;

use antom_vault::client::{Environment, Region};
use antom_vault::service;

fn openapi_server_urls() -> BTreeSet<String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/generated/openapi.json"
    ))
    .expect("generated/openapi.json is committed");
    let document: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    document["servers"]
        .as_array()
        .expect("a servers list")
        .iter()
        .map(|s| s["url"].as_str().expect("a server url").to_owned())
        .collect()
}

#[test]
fn every_region_and_environment_is_an_openapi_server_and_nothing_else() {
    let api_path = "/ams/api/v1/vaults/inquireVaulting";
    let from_runtime: BTreeSet<String> = Region::ALL
        .iter()
        .flat_map(|region| {
            [Environment::Production, Environment::Sandbox].map(|environment| {
                // The server URL is what precedes the API's own path once the base is applied.
                let full = format!("{}{}", region.base_url(), environment.path(api_path));
                full.strip_suffix("/v1/vaults/inquireVaulting")
                    .expect("the environment keeps the API's own path")
                    .to_owned()
            })
        })
        .collect();
    assert_eq!(from_runtime, openapi_server_urls());
}

#[test]
fn the_us_merchants_host_is_among_the_servers() {
    let url = format!("{}{}", Region::UsMerchants.base_url(), service::API_BASE);
    assert!(openapi_server_urls().contains(&url), "{url}");
}

#[test]
fn the_environment_follows_the_generated_sandbox_prefix() {
    let sandbox = format!("{}5X00000000000000", service::SANDBOX_CLIENT_ID_PREFIX);
    assert_eq!(Environment::of_client_id(&sandbox), Environment::Sandbox);
    assert_eq!(
        Environment::of_client_id("5X00000000000000"),
        Environment::Production
    );
    assert!(service::is_well_formed_client_id(&sandbox));
    assert!(!service::is_well_formed_client_id("SANDBOX 1"));
    assert!(!service::is_well_formed_client_id(""));
}

#[test]
fn every_api_sandbox_path_is_the_sandbox_rule_applied_to_its_path() {
    let mut merchant_apis = 0;
    for api in antom_vault::catalog::APIS {
        match (api.path, api.sandbox_path) {
            (Some(path), Some(sandbox_path)) => {
                merchant_apis += 1;
                assert_eq!(sandbox_path, service::sandbox_path(path), "{}", api.name);
                assert_eq!(
                    Environment::Sandbox.path(path),
                    sandbox_path,
                    "{}",
                    api.name
                );
                assert!(
                    sandbox_path.starts_with(service::SANDBOX_API_BASE),
                    "{}",
                    api.name
                );
            }
            (None, None) => {} // the webhook: Antom calls the merchant's URL
            other => panic!("{}: path and sandbox path disagree: {other:?}", api.name),
        }
    }
    assert_eq!(merchant_apis, 3);
}

#[test]
fn a_client_signs_the_generated_path_of_its_environment() {
    use antom_vault::{InquireVaulting, MerchantApi};
    assert_eq!(
        Environment::Sandbox.api_path::<InquireVaulting>(),
        "/ams/sandbox/api/v1/vaults/inquireVaulting"
    );
    assert_eq!(
        Environment::Production.api_path::<InquireVaulting>(),
        InquireVaulting::PATH
    );
}
