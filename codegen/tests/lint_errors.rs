//! Every kind of spec mistake ends in a located, human message, never a panic.

use antom_vault_codegen::{Diagnostic, RustOptions, SourceFile, compile, load_and_lint};

const ENUMS: &str = "\
enums:
  - name: ResultStatus
    description: Outcome class.
    values:
      - value: S
        rust_name: Success
      - value: F
        rust_name: Failure
      - value: U
        rust_name: Undetermined
";

const OBJECTS: &str = "\
objects:
  - name: Result
    rust_name: AntomResult
    description: Outcome.
    fields:
      - name: resultCode
        type: string
        required: true
        essential: true
        max_length: 64
        description: Code.
      - name: resultStatus
        type: ResultStatus
        required: true
        essential: true
        description: Class.
";

/// A valid API file; tests replace one line of it.
const API: &str = "\
api: inquireVaulting
direction: merchant_to_antom
path: /ams/api/v1/vaults/inquireVaulting
summary: Looks up a vaulting attempt.
idempotency:
  key: vaultingRequestId
  transport_retry: same_id
request:
  fields:
    - name: vaultingRequestId
      type: string
      required: true
      max_length: 64
      description: The attempt.
    - name: merchantAccountId
      type: string
      required: false
      max_length: 64
response:
  fields:
    - name: result
      type: Result
      required: true
      essential: true
      description: Outcome.
result_codes:
  - code: SUCCESS
    status: S
    action: none
    description: Found.
";

fn sources(api: &str) -> Vec<SourceFile> {
    vec![
        SourceFile {
            name: "spec/enums.yaml".into(),
            text: ENUMS.into(),
        },
        SourceFile {
            name: "spec/inquire_vaulting.yaml".into(),
            text: api.into(),
        },
        SourceFile {
            name: "spec/objects.yaml".into(),
            text: OBJECTS.into(),
        },
    ]
}

/// Replaces the exact text `from` (which must occur once) in the valid API file.
fn api_with(from: &str, to: &str) -> String {
    assert_eq!(API.matches(from).count(), 1, "`{from}` must occur once");
    API.replace(from, to)
}

fn errors(api: &str) -> Vec<Diagnostic> {
    load_and_lint(&sources(api)).expect_err("the spec should be rejected")
}

/// Asserts exactly one diagnostic, at `file:line:col`, whose message contains `needle`.
fn assert_one(diags: &[Diagnostic], file: &str, line: usize, col: usize, needle: &str) {
    assert_eq!(diags.len(), 1, "expected one diagnostic, got {diags:#?}");
    let d = &diags[0];
    assert_eq!(
        (d.file.as_str(), d.line, d.col),
        (file, line, col),
        "wrong location for: {d}"
    );
    assert!(
        d.message.contains(needle),
        "`{}` lacks `{needle}`",
        d.message
    );
    assert!(
        d.to_string()
            .starts_with(&format!("{file}:{line}:{col}: error: ")),
        "{d}"
    );
}

#[test]
fn the_valid_spec_is_accepted() {
    let ir = load_and_lint(&sources(API)).expect("valid");
    assert_eq!(ir.apis.len(), 1);
    assert_eq!(ir.apis[0].rust_name, "InquireVaulting");
}

#[test]
fn unknown_type_reference() {
    let d = errors(&api_with(
        "    - name: merchantAccountId\n      type: string",
        "    - name: merchantAccountId\n      type: strng",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        16,
        13,
        "unknown type `strng`",
    );
    assert!(d[0].message.contains("did you mean `string`"), "{}", d[0]);
}

#[test]
fn duplicate_field() {
    let d = errors(&api_with(
        "    - name: merchantAccountId",
        "    - name: vaultingRequestId",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        15,
        13,
        "duplicate field `vaultingRequestId`",
    );
    assert!(
        d[0].message.contains("inquire_vaulting.yaml:10:13"),
        "{}",
        d[0]
    );
}

#[test]
fn case_colliding_field_names() {
    let d = errors(&api_with(
        "    - name: merchantAccountId",
        "    - name: VaultingRequest_Id",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        15,
        13,
        "collides with `vaulting_request_id`",
    );
}

#[test]
fn an_api_named_like_a_generated_module() {
    for (name, module) in [
        ("catalog", "catalog"),
        ("Service", "service"),
        ("objects", "objects"),
        ("builder", "builder"),
    ] {
        let d = errors(&api_with("api: inquireVaulting", &format!("api: {name}")));
        assert_one(
            &d,
            "spec/inquire_vaulting.yaml",
            1,
            6,
            &format!("would get the module `{module}`"),
        );
    }
}

#[test]
fn case_colliding_type_names() {
    let mut s = sources(API);
    s.push(SourceFile {
        name: "spec/zz.yaml".into(),
        text: "enums:\n  - name: Result_status\n    values:\n      - value: A\n".into(),
    });
    let d = load_and_lint(&s).unwrap_err();
    assert_one(
        &d,
        "spec/zz.yaml",
        2,
        11,
        "enum `Result_status` (Rust `ResultStatus`) collides with `ResultStatus` (defined at spec/enums.yaml:2:11)",
    );
}

#[test]
fn max_length_on_a_boolean() {
    let d = errors(&api_with(
        "      type: string\n      required: false\n      max_length: 64",
        "      type: boolean\n      required: false\n      max_length: 64",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        18,
        19,
        "`max_length` applies only to string and url",
    );
}

#[test]
fn status_outside_s_f_u() {
    let d = errors(&api_with("    status: S", "    status: X"));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        28,
        13,
        "status `X` is not one of S, F, U",
    );
}

#[test]
fn unknown_action() {
    let d = errors(&api_with("    action: none", "    action: retry"));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        29,
        13,
        "unknown action `retry`",
    );
}

#[test]
fn missing_description_on_a_required_field() {
    let d = errors(&api_with("      description: The attempt.\n", ""));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        10,
        7,
        "required field `vaultingRequestId` of `InquireVaultingRequest` needs a description",
    );
}

#[test]
fn on_success_in_a_request() {
    let d = errors(&api_with(
        "      required: false\n      max_length: 64",
        "      required: on_success\n      description: x\n      max_length: 64",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        17,
        17,
        "only for responses",
    );
}

#[test]
fn malformed_yaml() {
    let d = errors(&api_with(
        "summary: Looks up a vaulting attempt.",
        "summary: [unclosed",
    ));
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].file, "spec/inquire_vaulting.yaml");
    assert!(d[0].message.starts_with("malformed YAML"), "{}", d[0]);
    assert_eq!(d[0].line, 5, "{}", d[0]);
}

#[test]
fn duplicate_yaml_key() {
    let d = errors(&api_with(
        "      max_length: 64\n      description: The attempt.",
        "      max_length: 64\n      max_length: 32\n      description: The attempt.",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        14,
        7,
        "duplicate key `max_length` (first given at line 13:7)",
    );
}

#[test]
fn unknown_key() {
    let d = errors(&api_with(
        "      max_length: 64\n      description: The attempt.",
        "      max_len: 64\n      description: The attempt.",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        13,
        7,
        "unknown key `max_len` in field",
    );
}

#[test]
fn missing_mandatory_key() {
    let d = errors(&api_with("summary: Looks up a vaulting attempt.\n", ""));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        1,
        1,
        "missing the mandatory key `summary`",
    );
}

#[test]
fn reserved_unknown_variant() {
    let mut s = sources(API);
    s.push(SourceFile {
        name: "spec/zz.yaml".into(),
        text: "enums:\n  - name: Brand\n    values:\n      - value: UNKNOWN\n".into(),
    });
    let d = load_and_lint(&s).unwrap_err();
    assert_one(
        &d,
        "spec/zz.yaml",
        4,
        16,
        "collides with the generated `Unknown(String)` variant",
    );
}

#[test]
fn prelude_name_needs_rust_name() {
    let objects = OBJECTS.replace("    rust_name: AntomResult\n", "");
    let mut s = sources(API);
    s[2].text = objects;
    let d = load_and_lint(&s).unwrap_err();
    assert!(
        d.iter().any(|d| d.file == "spec/objects.yaml"
            && (d.line, d.col) == (2, 11)
            && d.message.contains("would shadow `Result`")
            && d.message.contains("rust_name")),
        "{d:#?}"
    );
}

#[test]
fn idempotency_key_must_be_a_request_field() {
    let d = errors(&api_with("  key: vaultingRequestId", "  key: requestId"));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        6,
        8,
        "idempotency key `requestId` is not a field of `InquireVaultingRequest`",
    );
}

#[test]
fn items_without_array_and_range_on_strings() {
    let d = errors(&api_with(
        "      required: false\n      max_length: 64",
        "      required: false\n      items: string\n      minimum: 1",
    ));
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(
        d[0].message
            .contains("`items` is only allowed with `type: array`"),
        "{}",
        d[0]
    );
    assert_eq!((d[0].line, d[0].col), (18, 14));
    assert!(
        d[1].message.contains("`minimum` applies only to integer"),
        "{}",
        d[1]
    );
    assert_eq!((d[1].line, d[1].col), (19, 16));
}

#[test]
fn every_problem_is_reported_at_once() {
    let api = api_with("    status: S", "    status: Q").replace("type: Result", "type: Reslt");
    let d = errors(&api);
    assert_eq!(
        d.len(),
        1,
        "decoding stops before lint when the shape is wrong: {d:#?}"
    );
    let d = errors(&API.replace("type: Result", "type: Reslt").replace(
        "      max_length: 64\n      description: The attempt.",
        "      max_length: true\n      description: The attempt.",
    ));
    assert_eq!(d.len(), 1, "{d:#?}");
}

#[test]
fn keywords_are_allowed_as_names() {
    let api = api_with(
        "    - name: merchantAccountId\n      type: string",
        "    - name: type\n      type: string\n      required: false\n    - name: ref\n      type: boolean\n      required: false\n    - name: self\n      type: string",
    );
    let ir = load_and_lint(&sources(&api)).expect("keywords are fine");
    let names: Vec<&str> = ir.structs[1]
        .fields
        .iter()
        .map(|f| f.rust_name.as_str())
        .collect();
    assert_eq!(names, ["vaulting_request_id", "r#type", "r#ref", "self_"]);
    let code = compile(&sources(&api), &RustOptions::default()).unwrap();
    assert!(code.contains("pub r#type:"), "{code}");
    assert!(code.contains("pub fn r#type("), "{code}");
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "---\n",
        "- a\n- b\n",
        "api: [x]\n",
        "objects: 3\n",
        "enums:\n  - 1\n",
        "objects:\n  - name: A\n    fields: {}\n",
        "gateway_codes:\n  - code: A\n    status: S\n    action: none\n    extra: 1\n",
        "a: &x 1\nb: *x\n",
        "!tag a: 1\n",
        "api: a\napi: b\n",
        "objects: []\nenums: []\n",
        "\t- bad\n",
        "api: \"a b\"\ndirection: x\n",
    ] {
        let s = vec![SourceFile {
            name: "x.yaml".into(),
            text: text.into(),
        }];
        let result = load_and_lint(&s);
        if let Err(d) = result {
            assert!(!d.is_empty());
            for d in d {
                assert_eq!(d.file, "x.yaml");
                assert!(d.line >= 1 && d.col >= 1, "{d}");
            }
        }
    }
}

#[test]
fn a_todo_description_left_by_import_or_sync_is_rejected() {
    let d = errors(&api_with(
        "      description: The attempt.",
        "      description: \"TODO: describe vaultingRequestId\"",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        10,
        7,
        "the description is still a TODO marker",
    );
}

#[test]
fn a_required_field_of_a_message_antom_sends_must_be_essential() {
    let d = errors(&api_with(
        "      required: true\n      essential: true\n      description: Outcome.",
        "      required: true\n      description: Outcome.",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        21,
        7,
        "mark the field `essential: true`",
    );
}

#[test]
fn essential_needs_required_true() {
    let d = errors(&api_with(
        "      required: false\n      max_length: 64\nresponse:",
        "      required: false\n      essential: true\n      max_length: 64\nresponse:",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        18,
        18,
        "`essential: true` needs `required: true`",
    );
}

#[test]
fn reveal_needs_a_sensitive_text_field() {
    let d = errors(&api_with(
        "      required: false\n      max_length: 64\nresponse:",
        "      required: false\n      reveal: last_four\n      max_length: 64\nresponse:",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        18,
        15,
        "`reveal` applies only to sensitive fields",
    );
}

#[test]
fn card_token_format_needs_a_sensitive_string_field() {
    let d = errors(&api_with(
        "      required: false\n      max_length: 64\nresponse:",
        "      required: false\n      format: card_token\n      max_length: 64\nresponse:",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        18,
        15,
        "`merchantAccountId` must be `sensitive: true`",
    );
    let d = errors(&api_with(
        "      type: string\n      required: false\n      max_length: 64\nresponse:",
        "      type: url\n      required: false\n      sensitive: true\n      format: card_token\nresponse:",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        19,
        15,
        "`format` applies only to `string` fields",
    );
}

#[test]
fn an_unknown_format_is_refused_with_its_place() {
    let d = errors(&api_with(
        "      required: false\n      max_length: 64\nresponse:",
        "      required: false\n      sensitive: true\n      format: pan\n      max_length: 64\nresponse:",
    ));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].line, 19, "{d:?}");
    assert!(d[0].message.contains("card_token"), "{d:?}");
}

#[test]
fn non_essential_fields_of_inbound_messages_are_lenient_and_requests_are_not() {
    let ir = load_and_lint(&sources(API)).expect("valid");
    let find = |name: &str| ir.structs.iter().find(|s| s.rust_name == name).unwrap();
    let result = find("AntomResult");
    assert!(result.fields.iter().all(|f| f.essential && !f.lenient));
    let request = find("InquireVaultingRequest");
    assert!(request.fields.iter().all(|f| !f.lenient && !f.essential));
}

/// The valid API file with a second `vaultingRequestId`, in the response, written as `copy`.
fn with_response_copy(copy: &str) -> String {
    api_with(
        "      essential: true\n      description: Outcome.\n",
        &format!("      essential: true\n      description: Outcome.\n{copy}"),
    )
}

#[test]
fn a_field_copy_with_another_max_length_names_both_places() {
    let d = errors(&with_response_copy(
        "    - name: vaultingRequestId\n      type: string\n      required: false\n      max_length: 32\n",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        29,
        19,
        "`max_length` of field `vaultingRequestId` differs from its definition at spec/inquire_vaulting.yaml:10:7",
    );
}

#[test]
fn a_field_copy_with_another_type_is_rejected_at_its_type() {
    // `url` and `string` are one type here (both text); `integer` is another.
    let d = errors(&with_response_copy(
        "    - name: merchantAccountId\n      type: integer\n      required: false\n",
    ));
    let at_type: Vec<&Diagnostic> = d.iter().filter(|d| (d.line, d.col) == (27, 13)).collect();
    assert_eq!(at_type.len(), 1, "{d:#?}");
    assert!(
        at_type[0].message.contains(
            "`type` of field `merchantAccountId` differs from its definition at spec/inquire_vaulting.yaml:15:7"
        ),
        "{}",
        at_type[0]
    );
    let url_copy = with_response_copy(
        "    - name: merchantAccountId\n      type: url\n      required: false\n      max_length: 64\n",
    );
    load_and_lint(&sources(&url_copy)).expect("url and string are both text");
}

#[test]
fn field_copies_may_differ_in_presence_and_wording() {
    let api = with_response_copy(
        "    - name: vaultingRequestId\n      type: string\n      required: false\n      max_length: 64\n      description: Echoed.\n",
    );
    load_and_lint(&sources(&api)).expect("presence and wording may differ");
}

#[test]
fn an_idempotency_key_needs_a_max_length() {
    let d = errors(&api_with(
        "      required: true\n      max_length: 64\n      description: The attempt.",
        "      required: true\n      description: The attempt.",
    ));
    assert_one(
        &d,
        "spec/inquire_vaulting.yaml",
        6,
        8,
        "must be a required string field of `InquireVaultingRequest` with a `max_length`",
    );
}
