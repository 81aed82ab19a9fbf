//! Messages Antom sends never bounce for a side field: driven by the spec's IR, every inbound type
//! decodes a full body with each non-essential field removed in turn, and with each given values of
//! the wrong JSON type; an essential field missing or malformed fails the message. A new field is
//! covered without a new case.

#[path = "support/spec_samples.rs"]
mod spec_samples;

use antom_vault_codegen::ir::{FieldType, StructRole};
use spec_samples::*;

#[test]
fn every_struct_has_an_entry() {
    assert_every_struct_has_an_entry(&ir());
}

#[test]
fn a_full_inbound_body_round_trips_exactly() {
    let ir = ir();
    for s in inbound_messages(&ir) {
        let (round_trip, _) = generated(&s.rust_name).unwrap();
        let body = full_sample(&ir, s);
        assert_eq!(round_trip(&body).unwrap(), body, "{}", s.rust_name);
    }
}

/// Calls `check` with (message name, full body, field, round trip) for every field of every
/// inbound message whose `essential` flag is `essential`; returns how many fields it saw.
fn each_inbound_field(
    essential: bool,
    mut check: impl FnMut(&str, &serde_json::Value, &FieldAt<'_>, RoundTrip),
) -> usize {
    let ir = ir();
    let mut seen = 0;
    for s in inbound_messages(&ir) {
        let (round_trip, _) = generated(&s.rust_name).unwrap();
        let body = full_sample(&ir, s);
        for at in field_paths(&ir, s) {
            if at.field.essential == essential {
                check(&s.rust_name, &body, &at, round_trip);
                seen += 1;
            }
        }
    }
    seen
}

#[test]
fn each_non_essential_inbound_field_may_be_missing() {
    let checked = each_inbound_field(false, |name, body, at, round_trip| {
        let lacking = without(body, &at.pointer);
        let decoded =
            round_trip(&lacking).unwrap_or_else(|e| panic!("{name} without {}: {e}", at.pointer));
        assert_eq!(decoded, lacking, "{name} without {}", at.pointer);
    });
    assert!(checked > 50, "only {checked} fields were checked");
}

#[test]
fn each_non_essential_inbound_field_of_the_wrong_type_decodes_as_absent() {
    each_inbound_field(false, |name, body, at, round_trip| {
        for wrong in wrong_values(&at.field.ty) {
            let odd = with_value(body, &at.pointer, wrong.clone());
            let decoded = round_trip(&odd)
                .unwrap_or_else(|e| panic!("{name} with {} = {wrong}: {e}", at.pointer));
            assert_eq!(
                decoded,
                without(body, &at.pointer),
                "{name} with {} = {wrong} must decode as if it were absent",
                at.pointer
            );
        }
    });
}

#[test]
fn an_essential_inbound_field_missing_or_malformed_fails_the_message() {
    let mut essential = Vec::new();
    each_inbound_field(true, |name, body, at, round_trip| {
        assert!(
            round_trip(&without(body, &at.pointer)).is_err(),
            "{name} decoded without the essential {}",
            at.pointer
        );
        let wrong = match &at.field.ty {
            FieldType::Object(_) => serde_json::json!("text"),
            _ => serde_json::json!({"a": 1}),
        };
        assert!(
            round_trip(&with_value(body, &at.pointer, wrong)).is_err(),
            "{name} decoded with a malformed essential {}",
            at.pointer
        );
        essential.push(format!("{name}{}", at.pointer));
    });
    // The spec marks at least the result's code and status of every inbound message.
    assert!(essential.iter().any(|p| p.ends_with("/result/resultCode")));
    assert!(
        essential
            .iter()
            .any(|p| p.ends_with("/result/resultStatus"))
    );
}

#[test]
fn requests_stay_strict() {
    // Request-only objects are not lenient: the emulator rejects a malformed request.
    let ir = ir();
    let lenient_in_requests: Vec<String> = ir
        .structs
        .iter()
        .filter(|s| matches!(s.role, StructRole::Request(_)))
        .flat_map(|s| {
            s.fields
                .iter()
                .filter(|f| f.lenient)
                .map(move |f| format!("{}.{}", s.rust_name, f.wire_name))
        })
        .collect();
    assert!(lenient_in_requests.is_empty(), "{lenient_in_requests:?}");
    let body = serde_json::json!({"vaultingRequestId": {"a": 1}});
    assert!(serde_json::from_value::<antom_vault::InquireVaultingRequest>(body).is_err());
}
