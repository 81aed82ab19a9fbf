//! Classification rules of the semantic diff, on hand-built snapshots.

use antom_vault_codegen::diff::report::{Summary, json, text};
use antom_vault_codegen::diff::snapshot::{
    ApiSnap, CodeSnap, EnumSnap, EnumValueSnap, FieldSnap, ObjectSnap,
};
use antom_vault_codegen::diff::{Change, Impact, Snapshot, compare};
use antom_vault_codegen::model::{Action, Direction, Required, Status, TransportRetry};

use Impact::{Additive, Breaking, DocOnly};

fn field(name: &str, ty: &str, required: &str, max: Option<u64>) -> FieldSnap {
    FieldSnap {
        name: name.into(),
        ty: ty.into(),
        required: required.parse().unwrap(),
        max_length: max,
        ..FieldSnap::default()
    }
}

fn base() -> Snapshot {
    let mut snap = Snapshot::default();
    let mut api = ApiSnap {
        direction: Direction::MerchantToAntom,
        path: Some("/ams/api/v1/x".into()),
        summary: "s".into(),
        idempotency_key: "id".into(),
        transport_retry: Some(TransportRetry::SameId),
        gateway_codes: true,
        ..ApiSnap::default()
    };
    api.request.fields = vec![
        field("id", "string", "true", Some(64)),
        field("kind", "string", "true", Some(64)),
    ];
    api.response.fields = vec![
        field("result", "Result", "true", None),
        field("token", "string", "on_success", Some(64)),
    ];
    api.codes = vec![CodeSnap {
        code: "UNKNOWN_EXCEPTION".into(),
        status: Status::U,
        action: Action::RetrySameId,
        description: None,
    }];
    snap.apis.insert("x".into(), api);
    snap.objects.insert(
        "Result".into(),
        ObjectSnap {
            fields: vec![field("resultCode", "string", "true", Some(64))],
            ..ObjectSnap::default()
        },
    );
    snap.enums.insert(
        "Brand".into(),
        EnumSnap {
            values: vec![EnumValueSnap {
                value: "VISA".into(),
                ..EnumValueSnap::default()
            }],
            ..EnumSnap::default()
        },
    );
    snap
}

fn one(old: &Snapshot, new: &Snapshot) -> Change {
    let changes = compare(old, new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    changes.into_iter().next().unwrap()
}

fn api(snap: &mut Snapshot) -> &mut ApiSnap {
    snap.apis.get_mut("x").unwrap()
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
        (c.kind, c.rust, c.wire),
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
    assert_eq!(one(&base(), &new).kind, "field_removed");
    let mut new = base();
    new.apis.clear();
    let c = one(&base(), &new);
    assert_eq!((c.kind, c.severity()), ("api_removed", Breaking));
}

#[test]
fn max_length_tightening_breaks_requests_only() {
    let mut new = base();
    api(&mut new).request.fields[0].max_length = Some(32);
    let c = one(&base(), &new);
    assert_eq!(
        (c.kind, c.rust, c.wire),
        ("max_length_tightened", Breaking, Breaking)
    );
    assert_eq!(c.summary, "max length tightened: 64 -> 32");

    let mut new = base();
    api(&mut new).response.fields[1].max_length = Some(32);
    assert_eq!(one(&base(), &new).severity(), DocOnly);

    let mut new = base();
    api(&mut new).request.fields[0].max_length = Some(128);
    assert_eq!(one(&base(), &new).severity(), Additive);

    let mut new = base();
    new.objects.get_mut("Result").unwrap().fields[0].max_length = Some(10);
    assert_eq!(
        one(&base(), &new).severity(),
        DocOnly,
        "Result only travels in the response here"
    );

    let mut old = base();
    old.objects
        .insert("Unused".into(), old.objects["Result"].clone());
    let mut new = old.clone();
    new.objects.get_mut("Unused").unwrap().fields[0].max_length = Some(10);
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
    new.objects.get_mut("Result").unwrap().fields[0].max_length = Some(10);
    assert_eq!(
        one(&old, &new).severity(),
        Breaking,
        "an object the merchant sends is validated"
    );
}

#[test]
fn required_flag_changes() {
    let mut new = base();
    api(&mut new).response.fields[1].required = Required::No;
    assert_eq!(
        one(&base(), &new).severity(),
        DocOnly,
        "on_success and false are both Option"
    );

    let mut new = base();
    api(&mut new).request.fields[1].required = Required::No;
    let c = one(&base(), &new);
    assert_eq!((c.rust, c.wire), (Breaking, Additive));
}

#[test]
fn type_changes() {
    let mut new = base();
    api(&mut new).request.fields[1].ty = "url".into();
    assert_eq!(
        one(&base(), &new).severity(),
        DocOnly,
        "string and url are both String"
    );

    let mut new = base();
    api(&mut new).request.fields[1].ty = "boolean".into();
    let c = one(&base(), &new);
    assert_eq!(
        (c.rust, c.wire),
        (Breaking, DocOnly),
        "still a JSON string on the wire"
    );

    let mut new = base();
    api(&mut new).request.fields[1].ty = "Brand".into();
    assert_eq!(one(&base(), &new).wire, Breaking);
}

#[test]
fn result_codes_and_enum_values() {
    let mut new = base();
    api(&mut new).codes[0].action = Action::RetryNewId;
    let c = one(&base(), &new);
    assert_eq!((c.kind, c.rust), ("action_changed", Breaking));
    assert_eq!(
        c.line(),
        "x: result_codes.UNKNOWN_EXCEPTION: action changed: retry_same_id -> retry_new_id"
    );

    let mut new = base();
    api(&mut new).codes.push(CodeSnap {
        code: "NEW".into(),
        status: Status::F,
        action: Action::FixRequest,
        description: None,
    });
    assert_eq!(one(&base(), &new).severity(), Additive);

    let mut new = base();
    new.enums
        .get_mut("Brand")
        .unwrap()
        .values
        .push(EnumValueSnap {
            value: "AMEX".into(),
            ..EnumValueSnap::default()
        });
    assert_eq!(one(&base(), &new).kind, "enum_value_added");

    let mut new = base();
    api(&mut new).request.fields[1].values = vec!["CARD".into()];
    assert_eq!(one(&base(), &new).kind, "values_narrowed");
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
    api(&mut new).request.fields[0].max_length = Some(10);
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
    api(&mut new).request.fields[1].ty = "url".into();
    let report = text(&compare(&base(), &new), false);
    assert_eq!(
        report,
        "x\n  doc-only  request.kind: type changed: string -> url\n  \
         doc-only  2 description/note/link changes (--verbose lists them)\n\n\
         3 changes: 0 breaking, 0 additive, 3 doc-only -> doc-only\n"
    );
}
