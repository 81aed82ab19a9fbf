//! The fast decoding path (`antom_vault::wire::fast`) against serde, its reference.
//!
//! The promise: whenever the fast path returns a message, serde decodes the same text to an equal
//! message; otherwise the fast path returns `None` and serde decides (the value or the error).
//! Checked here on every response and notification fixture and on thousands of edits of each
//! (cuts, replaced bytes, inserted snippets), and on the cases the fast path must leave to serde.
//! The `decode` fuzz target checks the same promise on arbitrary input.

use std::path::Path;

use antom_vault::api::{MerchantApi, Notification};
use antom_vault::wire::fast;
use antom_vault::{
    CardBrand, CreateVaultingSession, CreateVaultingSessionResponse, InquireVaulting,
    InquireVaultingResponse, NotifyVaulting, VaultPaymentMethod, VaultPaymentMethodResponse,
    VaultingNotification,
};

#[path = "support/fast_promise.rs"]
mod fast_promise;

use fast_promise::{Decider, EditCount, check, check_edits};

/// The message type of a fixture, by its folder and name; `None` for requests and
/// acknowledgements (merchant → Antom, no fast path).
fn checker(path: &Path) -> Option<fn(&str) -> Decider> {
    let folder = path.parent()?.file_name()?.to_str()?;
    let name = path.file_name()?.to_str()?;
    if !(name.starts_with("response") || name.starts_with("notification")) {
        return None;
    }
    Some(match folder {
        "create_vaulting_session" => check::<CreateVaultingSessionResponse>,
        "vault_payment_method" => check::<VaultPaymentMethodResponse>,
        "inquire_vaulting" => check::<InquireVaultingResponse>,
        "notify_vaulting" => check::<VaultingNotification>,
        other => panic!("a fixture folder this test does not know: {other}"),
    })
}

/// An inbound fixture: its name, its text and the check of its message type.
struct Fixture {
    name: String,
    text: String,
    check: fn(&str) -> Decider,
}

/// Every inbound fixture.
fn fixtures() -> Vec<Fixture> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found = Vec::new();
    for folder in std::fs::read_dir(&root).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder).unwrap() {
            let file = file.unwrap().path();
            if let Some(check) = checker(&file) {
                let name = file.strip_prefix(&root).unwrap().display().to_string();
                let text = std::fs::read_to_string(&file).unwrap();
                found.push(Fixture { name, text, check });
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(found.len() >= 15, "the inbound fixtures: {}", found.len());
    found
}

#[test]
fn every_inbound_fixture_decodes_as_serde_decodes_it() {
    let mut fast_names = Vec::new();
    for Fixture { name, text, check } in fixtures() {
        if check(&text) == Decider::Fast {
            fast_names.push(name);
        }
    }
    // The fixtures in the common form take the fast path; the one with values of the wrong JSON
    // type is left to serde's lenient rules.
    for expected in [
        "create_vaulting_session/response_success.json",
        "create_vaulting_session/response_with_unknown_fields.json",
        "vault_payment_method/response_success.json",
        "vault_payment_method/response_3ds.json",
        "vault_payment_method/response_gateway_error.json",
        "inquire_vaulting/response_success.json",
        "inquire_vaulting/response_with_unknown_fields.json",
        "notify_vaulting/notification_success.json",
        "notify_vaulting/notification_fail.json",
        "notify_vaulting/notification_with_unknown_fields.json",
    ] {
        assert!(
            fast_names.iter().any(|n| n == expected),
            "{expected} did not take the fast path; fast: {fast_names:?}"
        );
    }
    assert!(
        !fast_names
            .iter()
            .any(|n| n.ends_with("mismatched_types.json"))
    );
}

#[test]
fn edits_of_every_fixture_keep_the_promise() {
    let mut count = EditCount::default();
    for Fixture { text, check, .. } in fixtures() {
        check_edits(&text, check, &mut count);
    }
    // Many edits keep the text in the common form (whitespace, other values): the fast path must
    // take a good share of them, or this test would only ever be checking serde against itself.
    assert!(count.edits > 100_000, "{count:?}");
    assert!(count.fast * 20 > count.edits, "{count:?}");
}

const RESULT: &str = r#""result":{"resultCode":"SUCCESS","resultStatus":"S"}"#;

fn session(rest: &str) -> String {
    format!("{{{RESULT}{rest}}}")
}

#[test]
fn the_fast_path_reads_the_common_form() {
    let text = session(
        r#", "vaultingSessionId" : "vs-1",
            "vaultingSessionData":null, "unknown": {"a": [1, -2.5e3, true, false, null, "x"]}"#,
    );
    let message = fast::decode::<CreateVaultingSessionResponse>(&text).expect("the fast path");
    assert_eq!(message.vaulting_session_id.as_deref(), Some("vs-1"));
    assert_eq!(message.vaulting_session_data, None);
    assert_eq!(message.result.result_code, "SUCCESS");
    assert_eq!(check::<CreateVaultingSessionResponse>(&text), Decider::Fast);

    // Escapes, in values and in keys (a key may spell a known field), as serde reads them.
    let text = session(
        r#","vaultingSession\u0049d":"vs\/1 \"\\\b\f\n\r\t\u00e9\ud83d\ude00 end",
            "vaultingSessionData":"\u0000","x":"\"""#,
    );
    let message = fast::decode::<CreateVaultingSessionResponse>(&text).expect("the fast path");
    assert_eq!(
        message.vaulting_session_id.as_deref(),
        Some("vs/1 \"\\\u{8}\u{c}\n\r\té\u{1f600} end")
    );
    assert_eq!(message.vaulting_session_data.as_deref(), Some("\0"));
    assert_eq!(check::<CreateVaultingSessionResponse>(&text), Decider::Fast);

    // Non-ASCII text and enums, known and not.
    let text = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},
        "paymentMethodDetail":{"card":{"brand":"VISA","selectedCardBrand":"NEWBRAND",
        "cardholderName":{"fullName":"Zoë Ångström"},"supportedBrands":["VISA","X"]}}}"#;
    let message = fast::decode::<VaultPaymentMethodResponse>(text).expect("the fast path");
    let card = message.payment_method_detail.unwrap().card.unwrap();
    assert_eq!(card.brand, Some(CardBrand::Visa));
    assert_eq!(
        card.selected_card_brand,
        Some(CardBrand::Unknown("NEWBRAND".into()))
    );
    assert_eq!(
        card.cardholder_name.unwrap().full_name.as_deref(),
        Some("Zoë Ångström")
    );
    assert_eq!(
        card.supported_brands,
        Some(vec!["VISA".to_owned(), "X".to_owned()])
    );
    assert_eq!(check::<VaultPaymentMethodResponse>(text), Decider::Fast);
}

#[test]
fn what_the_fast_path_leaves_to_serde() {
    let handed_over = [
        // An escape serde refuses: unknown, a lone surrogate, a high one without its pair.
        session(r#","vaultingSessionId":"vs\x1""#),
        session(r#","vaultingSessionId":"\udc00""#),
        session(r#","vaultingSessionId":"\ud83d""#),
        session(r#","vaultingSessionId":"\ud83d\u0041""#),
        session(r#","x":"\u12""#),
        // A native number or boolean where text belongs (serde's wire rule keeps its spelling).
        session(r#","vaultingSessionId":12"#),
        session(r#","vaultingSessionId":true"#),
        // A shape the field does not take (serde's lenient rule makes it `None`).
        session(r#","vaultingSessionId":{"a":1}"#),
        // A field given twice, even after a null: serde refuses it.
        session(r#","vaultingSessionId":null,"vaultingSessionId":"vs-1""#),
        // A required field missing, or null.
        r#"{"result":{"resultCode":"SUCCESS"}}"#.to_owned(),
        r#"{"result":null}"#.to_owned(),
        // Not the grammar: a trailing comma, a leading zero, something after the message.
        session(r#","x":1,"#),
        session(r#","x":01"#),
        format!("{} x", session("")),
        // A control character in a string.
        session(",\"x\":\"a\u{1}b\""),
        // Nesting past the fast path's limit inside an unknown field.
        session(&format!(
            r#","x":{}{}"#,
            "[".repeat(fast::MAX_DEPTH),
            "]".repeat(fast::MAX_DEPTH)
        )),
        // An array where the message belongs (serde reads a struct from an array too).
        r#"[{"resultCode":"SUCCESS","resultStatus":"S"}]"#.to_owned(),
    ];
    for text in &handed_over {
        assert_eq!(
            check::<CreateVaultingSessionResponse>(text),
            Decider::Serde,
            "{text}"
        );
    }
    // And a lenient list with an item of the wrong shape is `None` on both paths, as serde's
    // lenient lists decode it: the fast path reads it, as a list of text with one null.
    let text = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},
        "paymentMethodDetail":{"card":{"supportedBrands":["VISA",null]}}}"#;
    assert_eq!(check::<VaultPaymentMethodResponse>(text), Decider::Fast);
    let card = fast::decode::<VaultPaymentMethodResponse>(text)
        .unwrap()
        .payment_method_detail
        .unwrap()
        .card
        .unwrap();
    assert_eq!(card.supported_brands, None);
}

#[test]
fn the_generated_apis_decode_on_the_fast_path() {
    let text = session(r#","vaultingSessionId":"vs-1""#);
    assert!(CreateVaultingSession::fast_decode_response(&text).is_some());
    let text = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#;
    assert!(VaultPaymentMethod::fast_decode_response(text).is_some());
    assert!(InquireVaulting::fast_decode_response(text).is_some());
    let text =
        r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"vaultingRequestId":"vr-1"}"#;
    let notification = NotifyVaulting::fast_decode_body(text).expect("the fast path");
    assert_eq!(notification.vaulting_request_id, "vr-1");
    // The notification's id is essential: without it the text goes to serde, which refuses it.
    assert!(
        NotifyVaulting::fast_decode_body(
            r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"}}"#
        )
        .is_none()
    );
}
