//! Sensitive fields never reach `Debug`, driven by the spec's IR: every generated type is decoded
//! from a body in which each value names its field, and each sensitive value (or anything under a
//! sensitive object) must be absent from the type's `Debug`, except the last four characters the
//! spec's `reveal: last_four` allows. Text from outside that reaches an error is masked.

#[path = "support/spec_samples.rs"]
mod spec_samples;

use antom_vault::VaultPaymentMethodResultCode;
use antom_vault::api::{ResultCode, ResultStatus};
use antom_vault::error::{ApiFailure, Error};
use antom_vault_codegen::ir::FieldType;
use spec_samples::*;

#[test]
fn every_struct_has_an_entry() {
    assert_every_struct_has_an_entry(&ir());
}

#[test]
fn sensitive_fields_are_absent_from_debug_of_every_type_that_holds_them() {
    let ir = ir();
    let mut hidden = 0;
    for s in &ir.structs {
        let (_, debug_text) = generated(&s.rust_name).unwrap();
        let body = full_sample(&ir, s);
        let debug = debug_text(&body);
        let paths = field_paths(&ir, s);
        for at in &paths {
            // Hidden when the field or any object around it is sensitive.
            let under_sensitive = paths.iter().any(|outer| {
                outer.field.sensitive && at.pointer.starts_with(&format!("{}/", outer.pointer))
            });
            let value = body.pointer(&at.pointer).unwrap();
            let text = match (&at.field.ty, value) {
                (FieldType::Boolean | FieldType::Enum(_), _) => continue,
                (_, serde_json::Value::String(text)) => text.clone(),
                _ => continue,
            };
            let place = format!("{}{} in Debug of {}", s.rust_name, at.pointer, s.rust_name);
            if under_sensitive || (at.field.sensitive && !at.field.reveal_last_four) {
                assert!(!debug.contains(&text), "{place} leaks: {debug}");
                hidden += 1;
            } else if at.field.sensitive {
                let (head, tail) = text.split_at(text.len() - 4);
                assert!(
                    !debug.contains(head),
                    "{place} shows more than four characters"
                );
                assert!(debug.contains(&format!("****{tail}")), "{place}: {debug}");
                hidden += 1;
            } else {
                assert!(
                    debug.contains(&text),
                    "{place} is missing, so the test proves nothing"
                );
            }
        }
    }
    assert!(hidden > 30, "only {hidden} sensitive values were checked");
}

#[test]
fn the_spec_marks_tokens_addresses_and_device_identifiers_sensitive() {
    let ir = ir();
    let sensitive = |object: &str, field: &str| {
        let f = find(&ir, object)
            .fields
            .iter()
            .find(|f| f.wire_name == field)
            .unwrap_or_else(|| panic!("{object}.{field}"));
        (f.sensitive, f.reveal_last_four)
    };
    assert_eq!(sensitive("VaultedCard", "cardToken"), (true, true));
    assert_eq!(sensitive("AcquirerInfo", "acquirerCardToken"), (true, true));
    for f in ["address1", "address2", "city", "state", "zipCode"] {
        assert_eq!(sensitive("Address", f), (true, false), "{f}");
    }
    for f in ["clientIp", "deviceId", "cookieId", "deviceTokenId"] {
        assert_eq!(sensitive("Env", f), (true, false), "{f}");
    }
    assert_eq!(sensitive("MpiData", "cavv"), (true, false));
}

const PAN_MESSAGE: &str = "card 4111 1111 1111 1111 was declined; ref 4000-0000-0000-0002";

fn failure(message: &str) -> ApiFailure {
    let code = VaultPaymentMethodResultCode::from_code("CARD_4111111111111111_BAD");
    ApiFailure::new(
        "vaultPaymentMethod",
        &code,
        ResultStatus::Failure,
        message,
        true,
    )
}

#[test]
fn a_result_message_with_a_card_number_prints_masked() {
    let failure = failure(PAN_MESSAGE);
    assert_eq!(
        failure.message(),
        "card ****1111 was declined; ref ****0002"
    );
    let error = Error::Failed(failure.clone());
    for printed in [
        format!("{failure}"),
        format!("{failure:?}"),
        format!("{error}"),
        format!("{error:?}"),
    ] {
        assert!(!printed.contains("4111 1111"), "{printed}");
        assert!(!printed.contains("411111111111"), "{printed}");
        assert!(!printed.contains("4000-0000"), "{printed}");
    }
    assert!(format!("{failure:?}").contains("****1111 was declined"));
    assert!(format!("{failure}").contains("CARD_****1111_BAD"));
    // The typed code keeps what Antom sent, for matching.
    assert_eq!(failure.code(), "CARD_4111111111111111_BAD");
}

#[test]
fn ordinary_result_messages_are_kept() {
    assert_eq!(
        failure("order 20261121 failed at step 3").message(),
        "order 20261121 failed at step 3"
    );
}

#[test]
fn timestamp_style_ids_in_a_result_message_are_kept_and_a_card_number_beside_them_is_masked() {
    let failure = failure("vaulting visa-1796334024466-1 declined for card 4111111111111111");
    assert_eq!(
        failure.message(),
        "vaulting visa-1796334024466-1 declined for card ****1111"
    );
    let printed = format!("{failure:?}");
    assert!(printed.contains("visa-1796334024466-1"), "{printed}");
    assert!(!printed.contains("4111111111111111"), "{printed}");
}
