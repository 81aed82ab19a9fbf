//! The importer on small pages of our own writing, in both formats (no seeds needed).

use std::path::{Path, PathBuf};
use std::process::Command;

use antom_vault_codegen::import::{ImportError, PageFormat, import_page, render};
use antom_vault_codegen::model::{
    Action, Direction, FieldSpec, Known, Required, ResultCodeSpec, TransportRetry,
};

fn page(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn field<'a>(fields: &'a [FieldSpec], name: &str) -> &'a FieldSpec {
    fields
        .iter()
        .find(|f| f.name.value == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn actions(codes: &[ResultCodeSpec]) -> Vec<(String, Option<Action>)> {
    codes
        .iter()
        .map(|c| (c.code.value.clone(), c.action.value.stated().copied()))
        .collect()
}

#[test]
fn markdown_form_gives_fields_children_values_and_codes() {
    let imported = import_page(&page("markdown_form.md")).expect("imports");
    let api = imported.api();
    assert_eq!(api.name.value, "lockGadget");
    assert_eq!(imported.page().format, PageFormat::AntomMarkdown);
    assert_eq!(api.direction.value, Direction::MerchantToAntom);
    assert_eq!(
        api.path.as_ref().map(|p| p.value.as_str()),
        Some("/ams/api/v1/gadgets/lockGadget")
    );
    assert_eq!(
        api.idempotency_key(),
        &Known::Stated("lockRequestId".to_owned())
    );
    assert_eq!(
        api.transport_retry(),
        Some(&Known::Stated(TransportRetry::NewId))
    );

    let names: Vec<&str> = api
        .request
        .fields
        .iter()
        .map(|f| f.name.value.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "lockRequestId",
            "gadgetKind",
            "owner",
            "lockLevel",
            "colour"
        ]
    );
    let id = field(&api.request.fields, "lockRequestId");
    assert_eq!(
        (id.ty.value.as_str(), id.required.value, id.max_len()),
        ("string", Required::Yes, Some(32))
    );
    assert_eq!(
        field(&api.request.fields, "gadgetKind").value_list(),
        ["WIDGET"]
    );
    let owner = field(&api.request.fields, "owner");
    assert_eq!(
        (owner.ty.value.as_str(), owner.required.value),
        ("Owner", Required::No)
    );
    let owner_name = field(imported.children(owner), "ownerName");
    assert_eq!(owner_name.required.value, Required::Yes);
    assert_eq!(
        field(imported.children(owner_name), "givenName").max_len(),
        Some(16)
    );
    let tags = field(imported.children(owner), "tags");
    assert_eq!(
        (tags.ty.value.as_str(), tags.scalar_type()),
        ("array", "string")
    );
    let level = field(&api.request.fields, "lockLevel");
    assert_eq!(
        (level.ty.value.as_str(), level.min(), level.max()),
        ("integer", Some(1), Some(3))
    );

    assert_eq!(
        field(&api.response.fields, "lockState").value_list(),
        ["LOCKED", "PENDING"]
    );
    assert_eq!(field(&api.response.fields, "unlockUrl").ty.value, "url");
    assert_eq!(
        actions(&api.result_codes),
        [
            ("SUCCESS".into(), Some(Action::None)),
            ("GADGET_MISSING".into(), Some(Action::FixRequest)),
            ("LOCK_UNKNOWN".into(), Some(Action::RetryNewId)),
            ("SLOW_DOWN".into(), Some(Action::BackOff)),
            ("ODD_ONE".into(), None),
        ]
    );
    assert!(
        imported
            .examples()
            .request
            .as_deref()
            .unwrap()
            .contains("\"givenName\": \"Ada\"")
    );
    assert_eq!(
        imported.examples().response,
        None,
        "the broken example is not written"
    );

    let warnings: Vec<(usize, &str)> = imported
        .warnings()
        .iter()
        .map(|w| {
            (
                w.line,
                w.message.split_whitespace().take(2).last().unwrap_or(""),
            )
        })
        .collect();
    let lines: Vec<usize> = warnings.iter().map(|w| w.0).collect();
    assert_eq!(lines, [54, 77, 95, 110, 94], "{:#?}", imported.warnings());
    assert!(imported.warnings()[0].message.contains("Paintbrush-ish"));
    assert!(imported.warnings()[4].message.contains("ODD_ONE"));
}

#[test]
fn text_form_gives_fields_codes_and_joined_examples() {
    let imported = import_page(&page("text_form.txt")).expect("imports");
    let api = imported.api();
    assert_eq!(api.name.value, "peekGadget");
    assert_eq!(imported.page().format, PageFormat::AlipayText);
    assert_eq!(
        api.path.as_ref().map(|p| p.value.as_str()),
        Some("/ams/api/v1/gadgets/peekGadget")
    );
    assert_eq!(
        api.idempotency_key(),
        &Known::Stated("peekRequestId".to_owned())
    );
    assert_eq!(
        api.transport_retry(),
        Some(&Known::Stated(TransportRetry::SameId))
    );
    assert_eq!(
        field(&api.request.fields, "peekRequestId").max_len(),
        Some(48)
    );
    let gadget = field(&api.response.fields, "gadget");
    assert_eq!(
        (gadget.ty.value.as_str(), gadget.required.value),
        ("GadgetDetail", Required::No)
    );
    assert!(
        imported.children(gadget).is_empty(),
        "the page hides the children"
    );
    let status = field(&api.response.fields, "peekStatus");
    assert_eq!(status.value_list(), ["SEEN", "HIDDEN"]);
    assert_eq!(status.max_len(), Some(8));
    assert_eq!(
        actions(&api.result_codes),
        [
            ("SUCCESS".into(), Some(Action::None)),
            ("PARAM_ILLEGAL".into(), Some(Action::FixRequest)),
            ("GADGET_GONE".into(), Some(Action::ContactSupport)),
            ("PEEK_UNKNOWN".into(), Some(Action::RetrySameId)),
        ]
    );
    assert_eq!(
        imported.examples().request.as_deref(),
        Some("{\n  \"peekRequestId\": \"peek_001\"\n}\n")
    );
    assert!(
        imported
            .examples()
            .response
            .as_deref()
            .unwrap()
            .contains("\"token\": \"AB+CD==\"")
    );
    assert_eq!(imported.warnings().len(), 1, "{:#?}", imported.warnings());
    assert_eq!(imported.warnings()[0].line, 60);
}

#[test]
fn a_page_that_is_not_an_api_reference_is_a_clear_error() {
    let error = import_page(&page("not_api.md")).unwrap_err();
    assert!(matches!(error, ImportError::NotAnApiReference { .. }));
    assert!(
        error
            .to_string()
            .contains("not an Antom API reference page")
    );
    assert!(import_page("").is_err());
    assert!(import_page("just some words\nand more").is_err());
    assert!(import_page("# lockGadget\n\nno parameters here\n").is_err());
}

#[test]
fn truncated_and_mangled_pages_never_panic() {
    let forms = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms");
    let texts = ["markdown_form.md", "text_form.txt"]
        .map(page)
        .into_iter()
        .chain(
            ["peek.markdown.md", "peek.alipay.txt", "peek.rendered.txt"]
                .map(|name| std::fs::read_to_string(forms.join(name)).expect("form fixture")),
        );
    for text in texts {
        let lines: Vec<&str> = text.lines().collect();
        for end in 0..=lines.len() {
            let _ = import_page(&lines[..end].join("\n"));
            let _ = import_page(&lines[end..].join("\n"));
        }
        let shuffled: String = lines.iter().rev().map(|l| format!("{l}\n")).collect();
        let _ = import_page(&shuffled);
    }
}

#[test]
fn yaml_output_is_deterministic_and_marks_descriptions_todo() {
    let imported = import_page(&page("markdown_form.md")).unwrap();
    let first = render(&imported, "markdown_form.md");
    let again = render(
        &import_page(&page("markdown_form.md")).unwrap(),
        "markdown_form.md",
    );
    assert_eq!(first, again);
    assert!(first.contains("api: lockGadget\ndirection: merchant_to_antom\n"));
    assert!(first.contains("    - name: gadgetKind\n      type: string\n      required: true\n      values: [WIDGET]\n      description: \"TODO: describe gadgetKind\"\n"));
    assert!(first.contains("action: TODO"));
    assert!(first.contains(
        "      type: integer\n      required: false\n      minimum: 1\n      maximum: 3\n"
    ));
    let objects = &first[first.find("\nobjects:\n").expect("the page shows children")..];
    assert!(objects.contains("  - name: Owner\n"));
    assert!(objects.contains("  - name: OwnerName\n"));
    assert!(!first.contains("Freezes"), "no page prose is copied");
}

fn run_cli(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_antom-vault-codegen"))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn cli_writes_spec_objects_and_fixtures() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("lockGadget.yaml");
    let fixtures = dir.path().join("fixtures");
    let md = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/markdown_form.md");
    let (code, stderr) = run_cli(&[
        "import",
        md.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--fixtures",
        fixtures.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("markdown_form.md:54: warning: unknown type"),
        "{stderr}"
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Imported from markdown_form.md")
    );
    assert!(
        !dir.path().join("lockGadget.objects.yaml").exists(),
        "one document holds the API and its objects"
    );
    assert!(fixtures.join("lockGadget.request.json").exists());
    assert!(!fixtures.join("lockGadget.response.json").exists());

    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/not_api.md");
    let (code, stderr) = run_cli(&["import", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("not an Antom API reference page"),
        "{stderr}"
    );
    assert_eq!(run_cli(&["import"]).0, 2);
    assert_eq!(run_cli(&["import", "--help"]).0, 0);
    assert_eq!(run_cli(&["diff", "--help"]).0, 0);
    assert_eq!(run_cli(&["import", "/nonexistent/page.md"]).0, 2);
}
