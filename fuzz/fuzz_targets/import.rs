//! The doc importer: any page either fails with a typed error or renders YAML that parses, and
//! that spec YAML either lints together with the real shared files or fails with located
//! diagnostics.
#![no_main]

use antom_vault_codegen::SourceFile;
use antom_vault_codegen::import::{import_page, render};
use antom_vault_fuzz::SPEC_FILES;
use libfuzzer_sys::fuzz_target;
use yaml_rust2::YamlLoader;

const SHARED: [&str; 3] = ["enums.yaml", "gateway_codes.yaml", "objects.yaml"];

fuzz_target!(|data: &[u8]| {
    let Ok(page) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(imported) = import_page(page) else {
        return;
    };
    let yaml = render(&imported, "fuzz");
    YamlLoader::load_from_str(&yaml)
        .unwrap_or_else(|e| panic!("the importer wrote invalid YAML ({e}):\n{yaml}"));
    let mut sources: Vec<SourceFile> = SPEC_FILES
        .iter()
        .filter(|(name, _)| SHARED.contains(name))
        .map(|(name, text)| SourceFile {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect();
    sources.push(SourceFile {
        name: "imported.yaml".to_owned(),
        text: yaml,
    });
    if let Err(diagnostics) = antom_vault_codegen::load_and_lint(&sources) {
        for d in diagnostics {
            assert!(
                d.line >= 1 && d.col >= 1 && !d.file.is_empty(),
                "unlocated: {d}"
            );
        }
    }
});
