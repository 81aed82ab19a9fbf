//! The same page in every form the importer reads (docs.antom.com markdown, global.alipay.com
//! text, the plain text of a rendered page) gives the same API, and each misreading found on real
//! pages has a minimal page of its own. Pages are our own invented text.

use std::path::Path;

use antom_vault_codegen::import::{Imported, PageFormat, Part, import_page, render};
use antom_vault_codegen::model::{Action, FieldSpec, Known, Required, TransportRetry};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/forms")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(text: &str) -> Imported {
    import_page(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn field<'a>(fields: &'a [FieldSpec], name: &str) -> &'a FieldSpec {
    fields
        .iter()
        .find(|f| f.name.value == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

/// Everything the page says, without where it says it (line numbers) or in which form: the
/// spec YAML without its header comment and `page: form:`.
fn content(imported: &Imported) -> String {
    let yaml = render(imported, "page");
    yaml.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("  form: "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn actions(imported: &Imported) -> Vec<Option<Action>> {
    imported
        .api()
        .result_codes
        .iter()
        .map(|c| c.action.value.stated().copied())
        .collect()
}

fn warned(imported: &Imported, needle: &str) -> bool {
    imported
        .warnings()
        .iter()
        .any(|w| w.message.contains(needle))
}

#[test]
fn markdown_alipay_text_and_rendered_text_of_one_page_give_the_same_api() {
    let markdown = import(&fixture("peek.markdown.md"));
    let alipay = import(&fixture("peek.alipay.txt"));
    let rendered = import(&fixture("peek.rendered.txt"));
    assert_eq!(markdown.page().format, PageFormat::AntomMarkdown);
    assert_eq!(alipay.page().format, PageFormat::AlipayText);
    assert_eq!(rendered.page().format, PageFormat::RenderedText);
    assert_eq!(content(&markdown), content(&alipay));
    assert_eq!(content(&markdown), content(&rendered));

    let api = rendered.api();
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
    assert_eq!(
        field(&api.request.fields, "gadgetKind").value_list(),
        ["WIDGET"]
    );
    assert_eq!(
        field(&api.response.fields, "peekStatus").value_list(),
        ["SEEN", "HIDDEN"]
    );
    let codes: Vec<(&str, Option<Action>)> = api
        .result_codes
        .iter()
        .map(|c| (c.code.value.as_str(), c.action.value.stated().copied()))
        .collect();
    assert_eq!(
        codes,
        [
            ("SUCCESS", Some(Action::None)),
            ("PARAM_ILLEGAL", Some(Action::FixRequest)),
            ("GADGET_UNKNOWN", Some(Action::RetryNewId)),
            ("PEEK_LOST", Some(Action::RetryNewId)),
        ]
    );
    let messages = |imported: &Imported| -> Vec<String> {
        imported
            .warnings()
            .iter()
            .map(|w| w.message.clone())
            .collect()
    };
    assert_eq!(messages(&markdown).len(), 2, "{:#?}", markdown.warnings());
    assert_eq!(messages(&markdown), messages(&alipay));
    assert_eq!(messages(&markdown), messages(&rendered));
}

#[test]
fn a_heading_without_a_type_is_not_read_as_type_required() {
    let page = "# peekGadget\n\n`POST /v1/gadgets/peekGadget`\n\n## Response parameters\n\n\
                #### result (Result, REQUIRED)\n\nOutcome.\n\n##### resultStatus (REQUIRED)\n\nS, F or U.\n";
    let imported = import(page);
    let result = field(&imported.api().response.fields, "result");
    let status = field(imported.children(result), "resultStatus");
    assert_ne!(status.ty.value, "REQUIRED");
    assert_eq!(status.ty.value, "string", "the least specific type");
    assert_eq!(status.required.value, Required::Yes);
    assert!(warned(&imported, "gives no type for `resultStatus`"));

    let rendered = "peekGadget\n\nResponse parameters\n\nresultStatus REQUIRED\n\nS, F or U.\n";
    let imported = import(rendered);
    let status = field(&imported.api().response.fields, "resultStatus");
    assert_eq!(
        (status.ty.value.as_str(), status.required.value),
        ("string", Required::Yes)
    );
    assert!(warned(&imported, "gives no type for `resultStatus`"));
}

#[test]
fn markdown_more_information_about_this_field_keeps_its_bullets() {
    let page = "# peekGadget\n\n`POST /v1/gadgets/peekGadget`\n\n## Request parameters\n\n\
                #### peekRequestId (String, REQUIRED)\n\nHandle.\n\nMore information about this field\n\n\
                -   This field is an API idempotency field. One handle, one answer.\n\n\
                More information:\n\n- Maximum length: 48 characters\n";
    let imported = import(page);
    assert_eq!(
        imported.api().idempotency_key(),
        &Known::Stated("peekRequestId".to_owned())
    );
    assert_eq!(
        field(&imported.api().request.fields, "peekRequestId").max_len(),
        Some(48)
    );
}

#[test]
fn calling_again_with_a_new_request_id_is_a_new_id_retry() {
    let page = "# peekGadget\n\n`POST /v1/gadgets/peekGadget`\n\n## Request parameters\n\n\
                #### peekRequestId (String, REQUIRED)\n\n## Result process logic\n\n\
                -   `U`: unclear. Retry using the same request ID.\n\n## Result/Error codes\n\n\
                | Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n\
                | PEEK_LOST | U | Lost | Call this API again with a new request ID. |\n";
    let imported = import(page);
    assert_eq!(
        imported.api().transport_retry(),
        Some(&Known::Stated(TransportRetry::SameId))
    );
    assert_eq!(actions(&imported), [Some(Action::RetryNewId)]);
}

#[test]
fn a_code_the_result_process_logic_names_takes_its_rule_and_the_import_says_so() {
    let page = "# peekGadget\n\n`POST /v1/gadgets/peekGadget`\n\n## Request parameters\n\n\
                #### peekRequestId (String, REQUIRED)\n\nResult process logic\n\n\
                -   `U`: unclear. Retry using the same request ID. When the code is GADGET_UNKNOWN, \
                call this API again with a new request ID.\n\n## Result/Error codes\n\n\
                | Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n\
                | GADGET_UNKNOWN | U | Unclear | Call the interface again to retry. |\n\
                | PEEK_SLOW | U | Slow | Call the interface again to retry. |\n";
    let imported = import(page);
    assert_eq!(
        actions(&imported),
        [Some(Action::RetryNewId), Some(Action::RetrySameId)],
        "the named code gets its own rule, the other one the general U rule"
    );
    let note = imported
        .warnings()
        .iter()
        .find(|w| w.message.contains("GADGET_UNKNOWN"))
        .expect("the import says which rule it used");
    assert!(note.message.contains("result-process logic"), "{note}");
    assert!(note.message.contains("retry_new_id"), "{note}");
    assert!(note.message.contains("retry_same_id"), "{note}");
    assert_eq!(note.line, 17, "the row's line");
}

#[test]
fn returned_when_result_status_is_s_reads_as_on_success() {
    let page = "# peekGadget\n\n`POST /v1/gadgets/peekGadget`\n\n## Response parameters\n\n\
                #### gadgetToken (String)\n\nThe token. This parameter is returned when the value of \
                result.resultStatus is S.\n\n#### hint (String)\n\nReturned when the value of \
                result.resultStatus is U.\n";
    let imported = import(page);
    let response = &imported.api().response.fields;
    assert_eq!(
        field(response, "gadgetToken").required.value,
        Required::OnSuccess
    );
    assert_eq!(field(response, "hint").required.value, Required::No);
}

#[test]
fn a_maximum_length_under_an_object_field_is_a_warning_not_a_length() {
    let page = "peekGadget\n\nRequest parameters\n\npeekRequestId String REQUIRED\n\nMore information:\n\n\
                • Maximum length: 48 characters\n\ngadget GadgetDetail  REQUIRED\n\nThe gadget.\n\n\
                More information:\n\n• Maximum length: 64 characters\n";
    let imported = import(page);
    let request = &imported.api().request.fields;
    assert_eq!(field(request, "peekRequestId").max_len(), Some(48));
    let gadget = field(request, "gadget");
    assert_eq!(
        (gadget.ty.value.as_str(), gadget.max_len()),
        ("GadgetDetail", None)
    );
    assert!(warned(&imported, "maximum length (64) for `gadget`"));
}

#[test]
fn every_form_gives_the_same_date_and_parts_and_children_count_only_when_listed() {
    let alipay = import(&fixture("peek.alipay.txt"));
    assert_eq!(alipay.page().date.as_deref(), Some("2025-02-03"));
    assert!(alipay.page().shows(&Part::Request));
    assert!(alipay.page().shows(&Part::Response));
    assert!(alipay.page().shows(&Part::ResultLogic));
    assert!(
        !alipay.page().shows(&Part::Children("Result".into())),
        "\"Show child parameters\" without children does not show them"
    );
    for name in ["peek.markdown.md", "peek.rendered.txt"] {
        let other = import(&fixture(name));
        assert_eq!(other.page().date, alipay.page().date, "{name}");
        assert_eq!(other.page().complete, alipay.page().complete, "{name}");
        assert_eq!(other.page().ends_early, alipay.page().ends_early, "{name}");
    }

    let listed = "# peekGadget\n\n## Response parameters\n\n#### result (Result, REQUIRED)\n\n\
                  Show child parameters\n\n##### resultCode (String)\n\n#### gadget (GadgetDetail)\n\n\
                  Show child parameters\n\n#### other (String)\n\n## Result/Error codes\n";
    let imported = import(listed);
    assert!(imported.page().shows(&Part::Children("Result".into())));
    assert!(
        !imported
            .page()
            .shows(&Part::Children("GadgetDetail".into()))
    );
    assert_eq!(imported.page().date, None);
    assert!(imported.page().shows(&Part::Response));
    assert!(
        imported.page().ends_early,
        "the page ends at its code heading"
    );
}

#[test]
fn expanded_children_without_nesting_are_skipped_not_read_as_top_level() {
    let page = "peekGadget\n\nResponse parameters\n\nresult Result  REQUIRED\n\nOutcome.\n\n\
                Hide child parameters\n\nresultCode String  REQUIRED\n\nresultStatus String  REQUIRED\n";
    let imported = import(page);
    let names: Vec<&str> = imported
        .api()
        .response
        .fields
        .iter()
        .map(|f| f.name.value.as_str())
        .collect();
    assert_eq!(names, ["result"], "children are not top-level fields");
    assert!(warned(&imported, "nesting this form does not show"));
}
