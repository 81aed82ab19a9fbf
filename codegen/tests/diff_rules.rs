//! Classification rules of the semantic diff, on small specs written inline.

use antom_vault_codegen::SourceFile;
use antom_vault_codegen::diagnostic::Location;
use antom_vault_codegen::diff::load::load;
use antom_vault_codegen::diff::report::{Summary, json, text};
use antom_vault_codegen::diff::{Change, Impact, compare};
use antom_vault_codegen::model::{
    Action, ApiSpec, EnumValueSpec, FieldSpec, Known, ObjectSpec, Required, ResultCodeSpec,
    Spanned, Spec, Status,
};

use Impact::{Additive, Breaking, DocOnly};

const API: &str = "\
api: x
direction: merchant_to_antom
path: /ams/api/v1/x
summary: s
idempotency:
  key: id
  transport_retry: same_id
gateway_codes: true
request:
  fields:
    - {name: id, type: string, required: true, max_length: 64}
    - {name: kind, type: string, required: true, max_length: 64}
response:
  fields:
    - {name: result, type: Result, required: true}
    - {name: token, type: string, required: on_success, max_length: 64}
result_codes:
  - {code: UNKNOWN_EXCEPTION, status: U, action: retry_same_id}
";

const OBJECTS: &str = "\
objects:
  - name: Result
    fields:
      - {name: resultCode, type: string, required: true, max_length: 64}
";

const ENUMS: &str = "\
enums:
  - name: Brand
    values:
      - value: VISA
";

fn at<T>(value: T) -> Spanned<T> {
    Spanned {
        value,
        loc: Location::new("test", 1, 1),
    }
}

fn field(name: &str, ty: &str, required: &str, max: Option<u64>) -> FieldSpec {
    FieldSpec {
        name: at(name.into()),
        ty: at(ty.into()),
        required: at(required.parse().unwrap()),
        max_length: max.map(at),
        values: None,
        minimum: None,
        maximum: None,
        items: None,
        sensitive: false,
        reveal: None,
        format: None,
        essential: None,
        description: None,
        since: None,
        note: None,
        rust_name: None,
        loc: Location::new("test", 1, 1),
    }
}

fn base() -> Spec {
    let files = [
        ("x.yaml", API),
        ("objects.yaml", OBJECTS),
        ("enums.yaml", ENUMS),
    ]
    .map(|(name, text)| SourceFile {
        name: name.into(),
        text: text.into(),
    });
    load(&files).unwrap_or_else(|e| panic!("{e}"))
}

fn one(old: &Spec, new: &Spec) -> Change {
    let changes = compare(old, new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    changes.into_iter().next().unwrap()
}

fn api(spec: &mut Spec) -> &mut ApiSpec {
    &mut spec.apis[0]
}

fn object<'a>(spec: &'a mut Spec, name: &str) -> &'a mut ObjectSpec {
    spec.objects
        .iter_mut()
        .find(|o| o.name.value == name)
        .unwrap()
}

#[test]
fn identical_specs_have_no_changes() {
    assert!(compare(&base(), &base()).is_empty());
    assert_eq!(Summary::of(&[]).verdict(), "no changes");
}

#[test]
fn added_fields_are_additive_unless_a_request_now_needs_them() {
    let mut new = base();
    api(&mut new)
        .request
        .fields
        .push(field("flag", "boolean", "false", None));
    let c = one(&base(), &new);
    assert_eq!(
        (c.kind.as_str(), c.rust, c.wire),
        ("field_added", Additive, Additive)
    );
    assert_eq!(c.line(), "x: request.flag: field added (boolean, optional)");

    let mut new = base();
    api(&mut new)
        .request
        .fields
        .push(field("must", "string", "true", Some(8)));
    assert_eq!(one(&base(), &new).severity(), Breaking);

    let mut new = base();
    api(&mut new)
        .response
        .fields
        .push(field("extra", "url", "true", Some(2048)));
    assert_eq!(one(&base(), &new).severity(), Additive);
}

#[test]
fn removed_fields_and_apis_break() {
    let mut new = base();
    api(&mut new).response.fields.pop();
    assert_eq!(one(&base(), &new).kind.as_str(), "field_removed");
    let mut new = base();
    new.apis.clear();
    let c = one(&base(), &new);
    assert_eq!((c.kind.as_str(), c.severity()), ("api_removed", Breaking));
}

#[test]
fn max_length_tightening_breaks_requests_only() {
    let mut new = base();
    api(&mut new).request.fields[0].max_length = Some(at(32));
    let c = one(&base(), &new);
    assert_eq!(
        (c.kind.as_str(), c.rust, c.wire),
        ("max_length_tightened", Breaking, Breaking)
    );
    assert_eq!(c.summary, "max length tightened: 64 -> 32");

    let mut new = base();
    api(&mut new).response.fields[1].max_length = Some(at(32));
    assert_eq!(one(&base(), &new).severity(), DocOnly);

    let mut new = base();
    api(&mut new).request.fields[0].max_length = Some(at(128));
    assert_eq!(one(&base(), &new).severity(), Additive);

    let mut new = base();
    object(&mut new, "Result").fields[0].max_length = Some(at(10));
    assert_eq!(
        one(&base(), &new).severity(),
        DocOnly,
        "Result only travels in the response here"
    );

    let mut old = base();
    let mut unused = old.objects[0].clone();
    unused.name = at("Unused".into());
    old.objects.push(unused);
    let mut new = old.clone();
    object(&mut new, "Unused").fields[0].max_length = Some(at(10));
    assert_eq!(
        one(&old, &new).severity(),
        Breaking,
        "unused objects take the stricter reading"
    );

    let mut old = base();
    api(&mut old)
        .request
        .fields
        .push(field("echo", "Result", "false", None));
    let mut new = old.clone();
    object(&mut new, "Result").fields[0].max_length = Some(at(10));
    assert_eq!(
        one(&old, &new).severity(),
        Breaking,
        "an object the merchant sends is validated"
    );
}

#[test]
fn required_flag_changes() {
    let mut new = base();
    api(&mut new).response.fields[1].required = at(Required::No);
    assert_eq!(
        one(&base(), &new).severity(),
        DocOnly,
        "on_success and false are both Option"
    );

    let mut new = base();
    api(&mut new).request.fields[1].required = at(Required::No);
    let c = one(&base(), &new);
    assert_eq!((c.rust, c.wire), (Breaking, Additive));
}

#[test]
fn type_changes() {
    let mut new = base();
    api(&mut new).request.fields[1].ty = at("url".into());
    assert_eq!(
        one(&base(), &new).severity(),
        DocOnly,
        "string and url are both String"
    );

    let mut new = base();
    api(&mut new).request.fields[1].ty = at("boolean".into());
    let c = one(&base(), &new);
    assert_eq!(
        (c.rust, c.wire),
        (Breaking, DocOnly),
        "still a JSON string on the wire"
    );

    let mut new = base();
    api(&mut new).request.fields[1].ty = at("Brand".into());
    assert_eq!(one(&base(), &new).wire, Breaking);
}

#[test]
fn result_codes_and_enum_values() {
    let mut new = base();
    api(&mut new).result_codes[0].action = at(Known::Stated(Action::RetryNewId));
    let c = one(&base(), &new);
    assert_eq!((c.kind.as_str(), c.rust), ("action_changed", Breaking));
    assert_eq!(
        c.line(),
        "x: result_codes.UNKNOWN_EXCEPTION: action changed: retry_same_id -> retry_new_id"
    );

    let mut new = base();
    api(&mut new).result_codes.push(ResultCodeSpec {
        code: at("NEW".into()),
        status: at(Status::F),
        action: at(Known::Stated(Action::FixRequest)),
        description: None,
    });
    assert_eq!(one(&base(), &new).severity(), Additive);

    let mut new = base();
    new.enums[0].values.push(EnumValueSpec {
        value: at("AMEX".into()),
        rust_name: None,
        description: None,
    });
    assert_eq!(one(&base(), &new).kind.as_str(), "enum_value_added");

    let mut new = base();
    api(&mut new).request.fields[1].values = Some(at(vec![at("CARD".into())]));
    assert_eq!(one(&base(), &new).kind.as_str(), "values_narrowed");
}

#[test]
fn descriptions_are_doc_only() {
    let mut new = base();
    api(&mut new).summary = "other".into();
    api(&mut new).request.fields[0].description = Some("words".into());
    let changes = compare(&base(), &new);
    assert_eq!(changes.len(), 2);
    assert!(changes.iter().all(|c| c.severity() == DocOnly));
}

#[test]
fn reports_group_breaking_first_and_json_is_parseable() {
    let mut new = base();
    api(&mut new).summary = "other".into();
    api(&mut new).request.fields[0].max_length = Some(at(10));
    api(&mut new)
        .response
        .fields
        .push(field("extra", "url", "false", Some(2048)));
    let changes = compare(&base(), &new);
    let report = text(&changes, true);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "x");
    assert!(
        lines[1].starts_with("  breaking  request.id: max length tightened: 64 -> 10"),
        "{report}"
    );
    assert!(
        lines[2].starts_with("  additive  response.extra: field added"),
        "{report}"
    );
    assert!(
        lines[3].starts_with("  doc-only  summary: summary changed"),
        "{report}"
    );
    assert_eq!(
        lines.last().unwrap(),
        &"3 changes: 1 breaking, 1 additive, 1 doc-only -> breaking"
    );

    let value: serde_json::Value = serde_json::from_str(&json(&changes)).unwrap();
    assert_eq!(value["breaking"], true);
    assert_eq!(value["summary"]["additive"], 1);
    assert_eq!(value["changes"][0]["scope"]["kind"], "api");
    assert_eq!(value["changes"][0]["scope"]["name"], "x");
}

#[test]
fn plain_reports_count_prose_changes_instead_of_listing_them() {
    let mut new = base();
    api(&mut new).summary = "other".into();
    api(&mut new).request.fields[0].description = Some("words".into());
    api(&mut new).request.fields[1].ty = at("url".into());
    let report = text(&compare(&base(), &new), false);
    assert_eq!(
        report,
        "x\n  doc-only  request.kind: type changed: string -> url\n  \
         doc-only  2 description/note/link changes (--verbose lists them)\n\n\
         3 changes: 0 breaking, 0 additive, 3 doc-only -> doc-only\n"
    );
}
