//! A spec whose names are Rust keywords (`type`, `ref`, `self`, `match`, `loop`, `fn`, ...) still
//! generates code that compiles and works. The code is generated from
//! `codegen/tests/specs/keywords/` into `tests/support/keywords_generated.rs` (kept fresh by
//! `tests/generated_fresh.rs`).

#[allow(dead_code)]
mod keywords {
    include!("support/keywords_generated.rs");
}

use antom_vault::validate::{Validate, ViolationKind};
use keywords::objects::{Item, Keywords, Kind};

fn sample() -> Keywords {
    Keywords::builder()
        .r#type(Kind::Type)
        .self_("me")
        .r#fn(vec!["a".to_owned()])
        .r#match(3)
        .r#loop(vec![
            Item::builder().r#ref("r1").r#async(false).build(),
            Item::builder().r#ref("r2").build(),
        ])
        .r#where(vec![1, 2])
        .r#in(vec![Kind::Itself, Kind::ThreeDs])
        .card_no("4000000000000002")
        .secret(Item::builder().r#ref("hide").build())
        .build()
}

#[test]
fn keyword_fields_round_trip_under_their_wire_names() {
    let k = sample();
    let json = serde_json::to_value(&k).unwrap();
    assert_eq!(json["type"], "type");
    assert_eq!(json["self"], "me");
    assert_eq!(json["match"], "3");
    assert_eq!(json["loop"][0]["ref"], "r1");
    assert_eq!(json["loop"][0]["async"], "false");
    assert_eq!(json["where"], serde_json::json!(["1", "2"]));
    assert_eq!(json["in"], serde_json::json!(["SELF", "3DS"]));
    let back: Keywords = serde_json::from_value(json).unwrap();
    assert_eq!(back, k);
    k.validate().unwrap();
}

#[test]
fn array_items_are_validated_with_indexed_paths() {
    let mut k = sample();
    k.r#loop
        .as_mut()
        .unwrap()
        .push(Item::builder().r#ref("too-long").build());
    k.r#in = Some(vec![Kind::from("NEW")]);
    k.r#match = Some(11);
    k.secret = Some(Box::new(Item::builder().r#ref("toolong-secret").build()));
    let errors = k.validate().unwrap_err();
    let paths: Vec<&str> = errors
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert_eq!(paths, ["match", "loop[2].ref", "in[0]", "secret.ref"]);
    assert_eq!(
        errors.at("loop[2].ref").unwrap().kind,
        ViolationKind::TooLong { actual: 8, max: 4 }
    );
}

#[test]
fn debug_redacts_sensitive_keyword_fields() {
    let text = format!("{:?}", sample());
    assert!(text.contains("****0002"), "{text}");
    assert!(
        !text.contains("4000000000000002") && !text.contains("hide"),
        "{text}"
    );
    assert!(text.contains("type: Type"), "{text}");
}
