//! The generated fast path for a field of every kind a message Antom sends can hold (text, URL,
//! date-time, boolean, integer, enum, object, and lists of each; lenient and essential), on the
//! small spec `codegen/tests/specs/inbound/`. Its code is generated for another crate (the runtime
//! named `::antom_vault`) into `tests/support/inbound_generated.rs`, kept fresh by
//! `tests/generated_fresh.rs`; compiling it here proves the fast path's items are public.

#[allow(dead_code)]
mod inbound {
    include!("support/inbound_generated.rs");
}

#[path = "support/fast_promise.rs"]
mod fast_promise;

use antom_vault::api::Notification;
use fast_promise::{Decider, EditCount, check, check_edits};
use inbound::notify_kinds::{NotifyKinds, NotifyKindsNotification};
use inbound::objects::{Leaf, Shade};

/// Every field set, in the form the fast path reads: text for scalars (`"true"`, `"-7"`).
const EVERY_KIND: &str = r#"{
  "kindsId": "k-1",
  "kinds": {
    "text": "t", "url": "https://a.example/x?y=1", "when": "2026-12-04T10:00:00+08:00",
    "flag": "true", "number": "-7", "shade": "DARK", "leaf": {"label": "l", "count": "3", "on": "false"},
    "texts": ["a", "b"], "numbers": ["1", "2"], "shades": ["LIGHT", "PINK"],
    "leaves": [{"label": "x"}, {}],
    "mustText": "m", "mustFlag": "false", "mustShade": "LIGHT", "mustLeaf": {"count": "0"},
    "mustTexts": [], "mustShades": ["DARK"], "mustLeaves": [{"on": "true"}]
  },
  "extra": {
    "text": null, "shade": "LIGHT", "leaf": null, "texts": null, "leaves": [{"label": "y"}],
    "mustText": "m", "mustFlag": "true", "mustShade": "DARK", "mustLeaf": {},
    "mustTexts": ["z"], "mustShades": [], "mustLeaves": []
  },
  "unknown": [{"a": [1, 2.5, -3e2, true, false, null, "s\n"]}]
}"#;

#[test]
fn every_kind_of_field_is_read_on_the_fast_path() {
    assert_eq!(check::<NotifyKindsNotification>(EVERY_KIND), Decider::Fast);
    let response = NotifyKinds::fast_decode_body(EVERY_KIND).expect("the fast path");
    let kinds = &response.kinds;
    assert_eq!(kinds.flag, Some(true));
    assert_eq!(kinds.number, Some(-7));
    assert_eq!(kinds.shade, Some(Shade::Dark));
    assert_eq!(
        kinds.shades,
        Some(vec![Shade::Light, Shade::Unknown("PINK".into())])
    );
    assert_eq!(kinds.numbers, Some(vec![1, 2]));
    assert_eq!(kinds.leaf.as_ref().and_then(|l| l.count), Some(3));
    assert_eq!(kinds.leaves.as_ref().map(Vec::len), Some(2));
    assert!(!kinds.must_flag);
    assert_eq!(kinds.must_leaf, Leaf::builder().count(0).build());
    assert_eq!(kinds.must_shades, vec![Shade::Dark]);
    let extra = response.extra.as_ref().expect("extra");
    assert_eq!((extra.text.as_ref(), extra.leaf.as_ref()), (None, None));
    assert_eq!(extra.shade, Some(Shade::Light));
}

#[test]
fn values_the_fast_path_leaves_to_serde_are_decided_by_serde() {
    // Each of these differs from EVERY_KIND in one value; serde decides each (lenient fields to
    // `None`, or an error for an essential one).
    for (from, to) in [
        (r#""flag": "true""#, r#""flag": true"#),
        (r#""number": "-7""#, r#""number": -7"#),
        (r#""mustFlag": "false""#, r#""mustFlag": "no""#),
        (r#""mustFlag": "false""#, r#""mustFlag": null"#),
        (r#""numbers": ["1", "2"]"#, r#""numbers": ["1", 2]"#),
        (r#""mustShades": ["DARK"]"#, r#""mustShades": "DARK""#),
        (
            r#""mustLeaves": [{"on": "true"}]"#,
            r#""mustLeaves": [null]"#,
        ),
        (r#""leaf": {"label""#, r#""leaf": [{"label""#),
    ] {
        assert!(EVERY_KIND.contains(from), "{from}");
        let text = EVERY_KIND.replacen(from, to, 1);
        let text = if to.ends_with("[{\"label\"") {
            text.replacen(r#""on": "false"}"#, r#""on": "false"}]"#, 1)
        } else {
            text
        };
        assert_eq!(
            check::<NotifyKindsNotification>(&text),
            Decider::Serde,
            "{to}"
        );
    }
    // Text a lenient scalar cannot take is `None` on both paths.
    let text = EVERY_KIND.replacen(r#""number": "-7""#, r#""number": "seven""#, 1);
    assert_eq!(check::<NotifyKindsNotification>(&text), Decider::Fast);
    let notification = NotifyKinds::fast_decode_body(&text).unwrap();
    assert_eq!(notification.kinds.number, None);
    // A lenient list with an item that does not fit is `None` on both paths.
    let text = EVERY_KIND.replacen(r#"["1", "2"]"#, r#"["1", "x"]"#, 1);
    assert_eq!(check::<NotifyKindsNotification>(&text), Decider::Fast);
    let response = NotifyKinds::fast_decode_body(&text).unwrap();
    assert_eq!(response.kinds.numbers, None);
}

#[test]
fn edits_of_every_kind_keep_the_promise() {
    let mut count = EditCount::default();
    check_edits(EVERY_KIND, check::<NotifyKindsNotification>, &mut count);
    assert!(count.edits > 30_000, "{count:?}");
    assert!(count.fast * 20 > count.edits, "{count:?}");
}
