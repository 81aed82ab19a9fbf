//! The openings of real Antom pages in `../shared/antom/pages/` (beside the repository, or the
//! folder named by `ANTOM_SHARED`) import without a misreading: every fact the importer reads is
//! the fact the page states, and the only warnings are the ones a cut-off page deserves. When the
//! folder is absent, each test says so and passes without checking anything.

use std::path::Path;

use antom_vault_codegen::import::{Imported, PageFormat, Part, import_page};
use antom_vault_codegen::model::{Direction, FieldSpec, Required};

#[path = "support/shared_pages.rs"]
mod shared_pages;
use shared_pages::pages_dir;

fn import(dir: &Path, name: &str) -> (String, Imported) {
    let text = std::fs::read_to_string(dir.join(name)).expect("page readable");
    let imported = import_page(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    (text, imported)
}

/// One field as a row: name, type, required, max length, values.
type Row = (
    &'static str,
    &'static str,
    Required,
    Option<u64>,
    &'static [&'static str],
);

/// One field's facts on one line, for comparing lists of fields.
fn describe(
    name: &str,
    ty: &str,
    required: Required,
    max: Option<u64>,
    values: &[String],
) -> String {
    format!("{name}: {ty}, {required:?}, max {max:?}, values {values:?}")
}

fn rows(fields: &[FieldSpec]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            let values: Vec<String> = f.value_list().into_iter().map(str::to_owned).collect();
            describe(
                &f.name.value,
                &f.ty.value,
                f.required.value,
                f.max_len(),
                &values,
            )
        })
        .collect()
}

fn key(imported: &Imported) -> Option<&str> {
    imported
        .api()
        .idempotency_key()
        .stated()
        .map(String::as_str)
}

fn expected(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|(name, ty, required, max, values)| {
            let values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
            describe(name, ty, *required, *max, &values)
        })
        .collect()
}

fn warning_texts(imported: &Imported) -> Vec<String> {
    imported.warnings().iter().map(|w| w.to_string()).collect()
}

const YES: Required = Required::Yes;
const NO: Required = Required::No;

#[test]
fn rendered_create_vaulting_session_opening_reads_every_heading_line() {
    let Some(dir) = pages_dir("rendered_create_vaulting_session") else {
        return;
    };
    let (_, imported) = import(&dir, "create_vaulting_session.rendered-text.opening.txt");
    let api = imported.api();
    assert_eq!(
        (api.name.value.as_str(), imported.page().format),
        ("createVaultingSession", PageFormat::RenderedText)
    );
    assert_eq!(key(&imported), Some("vaultingRequestId"));
    assert_eq!(
        rows(&api.request.fields),
        expected(&[
            ("paymentMethodType", "string", YES, Some(64), &["CARD"]),
            ("vaultingRequestId", "string", YES, Some(64), &[]),
            ("vaultingNotificationUrl", "string", YES, Some(2048), &[]),
            ("redirectUrl", "string", NO, Some(2048), &[]),
            ("merchantRegion", "string", NO, Some(2), &[]),
            ("is3DSAuthentication", "boolean", NO, None, &[]),
        ])
    );
    assert_eq!(
        rows(&api.response.fields),
        expected(&[
            ("result", "Result", YES, None, &[]),
            ("vaultingSessionData", "string", YES, None, &[]),
        ])
    );
    let warnings = warning_texts(&imported);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].contains("no `POST /v1/...` endpoint"));
    assert!(
        warnings[1].contains("does not say how to retry U"),
        "cut before it"
    );
}

#[test]
fn rendered_notify_vaulting_opening_keeps_lengths_off_objects() {
    let Some(dir) = pages_dir("rendered_notify_vaulting") else {
        return;
    };
    let (_, imported) = import(&dir, "notify_vaulting.rendered-text.opening.txt");
    let api = imported.api();
    assert_eq!(api.name.value, "notifyVaulting");
    assert_eq!(api.direction.value, Direction::AntomToMerchant);
    assert_eq!(
        rows(&api.request.fields),
        expected(&[
            ("result", "Result", YES, None, &[]),
            ("vaultingRequestId", "string", YES, Some(64), &[]),
            ("paymentMethodDetail", "PaymentMethodDetail", YES, None, &[]),
            ("customizedInfo", "CustomizedInfo", NO, None, &[]),
        ])
    );
    assert_eq!(
        rows(&api.response.fields),
        expected(&[("result", "Result", YES, None, &[])])
    );
    let warnings = warning_texts(&imported);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].contains("maximum length (64) for `paymentMethodDetail`"));
    assert!(
        warnings[1].contains("example body is not JSON"),
        "the example is cut"
    );
}

#[test]
fn markdown_inquire_vaulting_opening_reads_the_typeless_heading_and_more_information() {
    let Some(dir) = pages_dir("markdown_inquire_vaulting") else {
        return;
    };
    let (_, imported) = import(&dir, "inquire_vaulting.markdown.opening.md");
    let api = imported.api();
    assert_eq!(imported.page().format, PageFormat::AntomMarkdown);
    assert_eq!(key(&imported), Some("vaultingRequestId"));
    assert_eq!(
        rows(&api.request.fields),
        expected(&[
            ("vaultingRequestId", "string", YES, Some(64), &[]),
            ("merchantAccountId", "string", NO, Some(64), &[]),
        ])
    );
    let result = &api.response.fields[0];
    assert_eq!(
        (result.name.value.as_str(), result.ty.value.as_str()),
        ("result", "Result")
    );
    assert_eq!(
        rows(imported.children(result)),
        expected(&[
            ("resultCode", "string", YES, Some(64), &[]),
            ("resultStatus", "string", YES, None, &[]),
        ])
    );
    let warnings = warning_texts(&imported);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].contains("gives no type for `resultStatus`"));
    assert!(warnings[1].contains("does not say how to retry U"));
    assert!(imported.page().shows(&Part::Request));
    assert!(
        !imported.page().shows(&Part::Response),
        "cut inside the response"
    );
    assert!(imported.page().ends_early);
}

#[test]
fn markdown_vault_payment_method_opening_reads_its_request_fields() {
    let Some(dir) = pages_dir("markdown_vault_payment_method") else {
        return;
    };
    let (_, imported) = import(&dir, "vault_payment_method.markdown.opening.md");
    let api = imported.api();
    assert_eq!(
        api.path.as_ref().map(|p| p.value.as_str()),
        Some("/ams/api/v1/vaults/vaultPaymentMethod")
    );
    assert_eq!(
        rows(&api.request.fields),
        expected(&[
            ("vaultingRequestId", "string", YES, Some(64), &[]),
            ("vaultingNotificationUrl", "string", YES, Some(2048), &[]),
            ("redirectUrl", "string", YES, Some(2048), &[]),
            ("merchantRegion", "string", NO, None, &[]),
        ])
    );
    assert!(
        api.response.fields.is_empty(),
        "the opening ends in the request"
    );
    let warnings = warning_texts(&imported);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
}

/// Fails when a field reads as the type `REQUIRED` or an object gets a length.
fn assert_no_misreading(page: &str, imported: &Imported) {
    let api = imported.api();
    let objects = imported.spec().objects.iter().flat_map(|o| &o.fields);
    for f in api
        .request
        .fields
        .iter()
        .chain(&api.response.fields)
        .chain(objects)
    {
        assert_ne!(f.ty.value, "REQUIRED", "{page}: {}", f.name.value);
        assert!(
            f.max_length.is_none() || matches!(f.ty.value.as_str(), "string" | "url"),
            "{page}: {} has a length but is {}",
            f.name.value,
            f.ty.value
        );
    }
}

#[test]
fn every_page_opening_in_the_folder_imports_and_so_does_every_cut_of_it() {
    let Some(dir) = pages_dir("every_page_opening") else {
        return;
    };
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let imported = import_page(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_no_misreading(&name, &imported);
        let lines: Vec<&str> = text.lines().collect();
        for end in 1..lines.len() {
            if let Ok(cut) = import_page(&lines[..end].join("\n")) {
                assert_no_misreading(&format!("{name} cut at line {end}"), &cut);
            }
        }
        seen += 1;
    }
    assert!(seen >= 4, "only {seen} pages");
}
