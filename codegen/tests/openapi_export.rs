//! `generated/openapi.json`: a valid OpenAPI 3.1 document (parsed with the `oas3` crate) whose
//! operations come from the spec, filed and described the way generators need, and whose schemas
//! are exactly the definitions of the JSON Schema bundle.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// Generates into a fresh folder and returns it with the OpenAPI text.
fn generated() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    antom_vault_codegen::generate(&spec_dir(), dir.path()).expect("spec generates");
    let text =
        std::fs::read_to_string(dir.path().join("openapi.json")).expect("openapi.json written");
    (dir, text)
}

fn merchant_paths() -> BTreeSet<(String, String)> {
    let sources = antom_vault_codegen::output::read_sources(&spec_dir(), "spec").unwrap();
    let spec = antom_vault_codegen::load(&sources).unwrap();
    spec.apis
        .iter()
        .filter_map(|api| {
            api.path
                .as_ref()
                .map(|p| (p.value.clone(), api.name.value.clone()))
        })
        .collect()
}

/// The path part of a server URL (`https://host/ams/api` → `/ams/api`).
fn server_base(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or(String::new(), |i| after_scheme[i..].to_owned())
}

#[test]
fn servers_cover_every_region_in_production_and_sandbox() {
    let (_dir, text) = generated();
    let raw: Value = serde_json::from_str(&text).unwrap();
    let urls: Vec<&str> = raw["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    let bases: BTreeSet<String> = urls.iter().map(|u| server_base(u)).collect();
    assert_eq!(
        bases.len(),
        2,
        "one production and one sandbox base: {urls:?}"
    );
    assert!(bases.iter().any(|b| b.contains("sandbox")), "{urls:?}");
    let hosts: BTreeSet<&str> = urls
        .iter()
        .map(|u| &u[..u.len() - server_base(u).len()])
        .collect();
    assert_eq!(urls.len(), hosts.len() * 2, "each host in both: {urls:?}");
}

#[test]
fn parses_as_openapi_3_1_with_three_operations_and_the_webhook() {
    let (_dir, text) = generated();
    let spec = oas3::from_json(&text).expect("a real OpenAPI 3.1 parser accepts it");
    assert_eq!(spec.validate_version().unwrap().to_string(), "3.1.0");

    // Paths are relative to the servers, whose URLs carry the API base (production first).
    let base = server_base(&spec.servers[0].url);
    let operations: BTreeSet<(String, String)> = spec
        .operations()
        .map(|(path, method, op)| {
            assert_eq!(method.as_str(), "POST", "{path}");
            (
                format!("{base}{path}"),
                op.operation_id.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(operations, merchant_paths());
    assert_eq!(operations.len(), 3);
    for op in spec.operations().map(|(_, _, op)| op) {
        assert!(
            op.extensions.contains_key("antom-result-codes"),
            "{:?}",
            op.operation_id
        );
    }

    let webhooks: Vec<&String> = spec.webhooks.keys().collect();
    assert_eq!(webhooks, ["notifyVaulting"]);
    assert!(spec.webhooks["notifyVaulting"].post.is_some());

    let raw: Value = serde_json::from_str(&text).unwrap();
    let parameters = &raw["components"]["parameters"];
    for (key, header) in [("ClientId", "Client-Id"), ("RequestTime", "Request-Time")] {
        assert_eq!(parameters[key]["name"], header);
        assert_eq!(parameters[key]["in"], "header");
        assert_eq!(parameters[key]["required"], true);
    }
    for (path, _) in merchant_paths() {
        let op = &raw["paths"][path.strip_prefix(&base).unwrap()]["post"];
        let refs: Vec<&str> = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["$ref"].as_str().unwrap())
            .collect();
        assert_eq!(refs.len(), 2, "{path}");
        let headers = op["responses"]["200"]["headers"].as_object().unwrap();
        let names: Vec<&String> = headers.keys().collect();
        assert_eq!(names, ["Client-Id", "Response-Time", "Signature"], "{path}");
    }
    let webhook = &raw["webhooks"]["notifyVaulting"]["post"];
    assert_eq!(webhook["parameters"].as_array().unwrap().len(), 2);
}

#[test]
fn every_operation_is_tagged_and_the_webhook_has_a_tag_of_its_own() {
    let (_dir, text) = generated();
    let raw: Value = serde_json::from_str(&text).unwrap();
    let declared: BTreeSet<&str> = raw["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let tag_of = |op: &Value| -> String {
        let tags = op["tags"].as_array().expect("tags");
        assert_eq!(tags.len(), 1, "{op}");
        tags[0].as_str().unwrap().to_owned()
    };
    let operation_tags: BTreeSet<String> = raw["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| tag_of(&item["post"]))
        .collect();
    let webhook_tag = tag_of(&raw["webhooks"]["notifyVaulting"]["post"]);
    assert_eq!(operation_tags.len(), 1, "{operation_tags:?}");
    assert!(!operation_tags.contains(&webhook_tag));
    assert!(declared.contains(webhook_tag.as_str()));
    assert!(operation_tags.iter().all(|t| declared.contains(t.as_str())));
}

#[test]
fn the_signature_is_a_security_scheme_not_a_parameter() {
    let (_dir, text) = generated();
    let raw: Value = serde_json::from_str(&text).unwrap();
    let scheme = &raw["components"]["securitySchemes"]["AntomSignature"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "header");
    assert_eq!(scheme["name"], "Signature");
    assert_eq!(
        raw["security"],
        serde_json::json!([{ "AntomSignature": [] }])
    );
    assert!(raw["components"]["parameters"].get("Signature").is_none());
    assert!(!text.contains("#/components/parameters/Signature"));
}

#[test]
fn gateway_answers_other_than_200_are_declared_on_every_operation() {
    let (_dir, text) = generated();
    let raw: Value = serde_json::from_str(&text).unwrap();
    for (path, item) in raw["paths"].as_object().unwrap() {
        let responses = item["post"]["responses"].as_object().unwrap();
        let codes: Vec<&String> = responses.keys().collect();
        assert_eq!(codes, ["200", "405", "413", "5XX"], "{path}");
        assert_eq!(
            responses["405"]["headers"]["Allow"]["$ref"],
            "#/components/headers/Allow"
        );
    }
}

#[test]
fn schemas_are_exactly_the_definitions_of_the_schema_bundle() {
    let (dir, text) = generated();
    let raw: Value = serde_json::from_str(&text).unwrap();
    let files: Vec<String> = std::fs::read_dir(dir.path().join("schema"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["antom_vault.schema.json"]);
    let bundle_text =
        std::fs::read_to_string(dir.path().join("schema/antom_vault.schema.json")).unwrap();
    let moved: Value =
        serde_json::from_str(&bundle_text.replace("\"#/$defs/", "\"#/components/schemas/"))
            .unwrap();
    assert_eq!(raw["components"]["schemas"], moved["$defs"]);
    for (name, def) in moved["$defs"].as_object().unwrap() {
        assert_eq!(
            def["title"],
            name.as_str(),
            "every definition is titled with its name"
        );
    }

    // Every reference resolves inside the document.
    for target in text
        .match_indices("\"$ref\": \"")
        .map(|(i, m)| &text[i + m.len()..])
    {
        let target = &target[..target.find('"').unwrap()];
        let pointer = target.strip_prefix('#').expect("local reference");
        assert!(raw.pointer(pointer).is_some(), "dangling {target}");
    }
}

#[test]
fn check_notices_a_stale_openapi_file() {
    let (dir, text) = generated();
    assert!(
        antom_vault_codegen::check(&spec_dir(), dir.path())
            .unwrap()
            .is_empty()
    );
    std::fs::write(
        dir.path().join("openapi.json"),
        text.replace("3.1.0", "3.0.0"),
    )
    .unwrap();
    let problems = antom_vault_codegen::check(&spec_dir(), dir.path()).unwrap();
    let names: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(names, ["openapi.json: stale (does not match spec/)"]);
}
