//! `generated/openapi.json`: a valid OpenAPI 3.1 document (parsed with the `oas3` crate) whose
//! operations come from the spec and whose schemas are exactly the per-message JSON Schema files.

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
    for (key, header) in [
        ("ClientId", "Client-Id"),
        ("RequestTime", "Request-Time"),
        ("Signature", "Signature"),
    ] {
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
        assert_eq!(refs.len(), 3, "{path}");
        let headers = op["responses"]["200"]["headers"].as_object().unwrap();
        let names: Vec<&String> = headers.keys().collect();
        assert_eq!(names, ["Client-Id", "Response-Time", "Signature"], "{path}");
    }
    let webhook = &raw["webhooks"]["notifyVaulting"]["post"];
    assert_eq!(webhook["parameters"].as_array().unwrap().len(), 3);
}

#[test]
fn schemas_are_exactly_the_per_message_json_schema_files() {
    let (dir, text) = generated();
    let raw: Value = serde_json::from_str(&text).unwrap();
    let components = raw["components"]["schemas"].as_object().unwrap();
    let mut covered = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(dir.path().join("schema")).unwrap() {
        let path = entry.unwrap().path();
        files += 1;
        // Point the file's `$defs` references where the OpenAPI document keeps them: under the
        // same name, or for what Antom sends, `<Name>Received` where the send-side schema differs.
        let original = std::fs::read_to_string(&path).unwrap();
        let received = path.to_string_lossy().ends_with(".response.json")
            || path.to_string_lossy().ends_with(".notification.json");
        let defs_of: Value = serde_json::from_str(&original).unwrap();
        let mut moved = original.clone();
        let mut renames = Vec::new();
        if let Some(defs) = defs_of.get("$defs").and_then(Value::as_object) {
            for name in defs.keys() {
                let target = if received && components.contains_key(&format!("{name}Received")) {
                    format!("{name}Received")
                } else {
                    name.clone()
                };
                moved = moved.replace(
                    &format!("\"#/$defs/{name}\""),
                    &format!("\"#/components/schemas/{target}\""),
                );
                renames.push((name.clone(), target));
            }
        }
        let mut schema: Value = serde_json::from_str(&moved).unwrap();
        let map = schema.as_object_mut().unwrap();
        map.remove("$schema");
        let defs = map
            .remove("$defs")
            .unwrap_or(Value::Object(Default::default()));
        let title = map["title"].as_str().unwrap().to_owned();
        assert_eq!(
            components.get(&title),
            Some(&schema),
            "{} differs from components/schemas/{title}",
            path.display()
        );
        covered.insert(title);
        for (name, def) in defs.as_object().unwrap() {
            let target = &renames.iter().find(|(n, _)| n == name).unwrap().1;
            assert_eq!(
                components.get(target),
                Some(def),
                "{}: $defs/{name} differs from components/schemas/{target}",
                path.display()
            );
            covered.insert(target.clone());
        }
    }
    assert_eq!(files, 8, "four APIs, two messages each");
    let all: BTreeSet<String> = components.keys().cloned().collect();
    assert_eq!(
        all, covered,
        "every component schema comes from a schema file"
    );

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
