//! Every rule of spec/ is enforced by the generated code, checked rule by rule from the spec
//! itself, so that a new field or code is covered without anyone adding a case:
//!
//! - each struct, as a message of its own, validates when every field keeps its rules, and
//!   breaking one rule (a maximum length, an allowed value, a range, an enum value) yields a
//!   violation at that field's path;
//! - every known enum value is accepted as known, and one no version knows is flagged;
//! - every result code of every API maps to the status and action the spec declares.
//!
//! These are the tests that fail when a generated `Validate` impl or a value table is wrong
//! (scripts/mutants.sh mutates them in `generated/antom_vault.rs`).

#[path = "support/spec_samples.rs"]
mod spec_samples;

use antom_vault::ResultCode;
use antom_vault_codegen::ir::{Field, FieldType, Ir, Struct};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use spec_samples::{field_paths, find, ir, with_value};

/// Decodes a body as the generated type and validates it: the paths of its violations.
type ValidatePaths = fn(&Value) -> Result<Vec<String>, String>;

fn validate_paths<T: DeserializeOwned + antom_vault::validate::Validate>(
    body: &Value,
) -> Result<Vec<String>, String> {
    let typed: T = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;
    Ok(match typed.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.violations().iter().map(|v| v.path.clone()).collect(),
    })
}

#[derive(Default)]
struct Collect(Vec<(&'static str, ValidatePaths)>);

impl antom_vault::schema::TypeVisitor for Collect {
    fn visit<T>(&mut self)
    where
        T: antom_vault::schema::HasSchema
            + serde::Serialize
            + DeserializeOwned
            + antom_vault::validate::Validate
            + std::fmt::Debug
            + 'static,
    {
        self.0.push((T::SCHEMA.rust_name, validate_paths::<T>));
    }
}

fn validators() -> Vec<(&'static str, ValidatePaths)> {
    let mut collect = Collect::default();
    antom_vault::catalog::visit_types(&mut collect);
    collect.0
}

/// A body of `s` in which every field is present and keeps every rule of spec/ (Antom's wire
/// rule: every scalar a JSON string).
fn valid_sample(ir: &Ir, s: &Struct) -> Value {
    let mut map = Map::new();
    for f in &s.fields {
        map.insert(f.wire_name.clone(), valid_value(ir, f, &f.ty));
    }
    Value::Object(map)
}

fn valid_value(ir: &Ir, f: &Field, ty: &FieldType) -> Value {
    match ty {
        FieldType::String | FieldType::Url | FieldType::Datetime => {
            let text = match f.values.first() {
                Some(allowed) => allowed.clone(),
                None => "ab".chars().take(max_length(f).min(2)).collect(),
            };
            Value::String(text)
        }
        FieldType::Boolean => Value::String("true".into()),
        FieldType::Integer => {
            let value = f
                .minimum
                .unwrap_or(0)
                .max(0)
                .min(f.maximum.unwrap_or(i64::MAX));
            Value::String(value.to_string())
        }
        FieldType::Enum(name) => Value::String(enum_values(ir, name)[0].clone()),
        FieldType::Object(name) => valid_sample(ir, find(ir, name)),
        FieldType::Array(inner) => Value::Array(vec![valid_value(ir, f, inner)]),
    }
}

fn max_length(f: &Field) -> usize {
    f.max_length
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap())
}

fn enum_values(ir: &Ir, name: &str) -> Vec<String> {
    ir.enums
        .iter()
        .find(|e| e.rust_name == name)
        .unwrap_or_else(|| panic!("no enum {name}"))
        .values
        .iter()
        .map(|v| v.wire.clone())
        .collect()
}

/// The violation path of the field at a JSON pointer (`/a/b/0/c` → `a.b[0].c`).
fn violation_path(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.trim_start_matches('/').split('/') {
        if part.parse::<usize>().is_ok() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

/// Values that break one rule of `f` each, with the rule's name.
fn rule_breakers(ir: &Ir, f: &Field) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let text = matches!(
        f.ty,
        FieldType::String | FieldType::Url | FieldType::Datetime
    );
    if text && let Some(max) = f.max_length {
        // One character over, in the allowed alphabet when there is one (so only the length breaks).
        let base = f.values.first().cloned().unwrap_or_else(|| "a".into());
        let over: String = base
            .chars()
            .cycle()
            .take(usize::try_from(max).unwrap() + 1)
            .collect();
        out.push(("maximum length", Value::String(over)));
    }
    if text && !f.values.is_empty() {
        out.push(("allowed values", Value::String("Z".into())));
    }
    if let FieldType::Integer = f.ty {
        if let Some(min) = f.minimum {
            out.push(("minimum", Value::String((min - 1).to_string())));
        }
        if let Some(max) = f.maximum {
            out.push(("maximum", Value::String((max + 1).to_string())));
        }
    }
    if let FieldType::Enum(name) = &f.ty {
        assert!(!enum_values(ir, name).contains(&"NO_SUCH_VALUE".to_owned()));
        out.push(("known enum value", Value::String("NO_SUCH_VALUE".into())));
    }
    out
}

#[test]
fn every_rule_of_every_field_is_enforced_by_the_struct_that_holds_it() {
    let ir = ir();
    let validators = validators();
    assert_eq!(
        validators.len(),
        ir.structs.len(),
        "one validator per struct"
    );
    let mut broken = 0;
    for s in &ir.structs {
        let (_, validate) = validators
            .iter()
            .find(|(name, _)| *name == s.rust_name)
            .unwrap_or_else(|| panic!("{} is not in the generated catalog", s.rust_name));
        let sample = valid_sample(&ir, s);
        assert_eq!(
            validate(&sample).unwrap_or_else(|e| panic!("{}: {e}", s.rust_name)),
            Vec::<String>::new(),
            "{}: a body that keeps every rule must validate",
            s.rust_name
        );
        for at in field_paths(&ir, s) {
            for (rule, value) in rule_breakers(&ir, at.field) {
                let body = with_value(&sample, &at.pointer, value);
                let paths = validate(&body)
                    .unwrap_or_else(|e| panic!("{} {}: {e}", s.rust_name, at.pointer));
                let expected = violation_path(&at.pointer);
                assert!(
                    paths.contains(&expected),
                    "{}: breaking the {rule} of {expected} gave violations at {paths:?}",
                    s.rust_name
                );
                broken += 1;
            }
        }
    }
    assert!(broken > 100, "only {broken} rules were broken");
}

#[test]
fn every_known_enum_value_is_known_and_no_other() {
    let ir = ir();
    let validators = validators();
    let mut checked = 0;
    // Each enum through a field that holds it, in a struct of its own.
    for s in &ir.structs {
        let (_, validate) = validators
            .iter()
            .find(|(name, _)| *name == s.rust_name)
            .expect("every struct has a validator");
        let sample = valid_sample(&ir, s);
        for f in &s.fields {
            let FieldType::Enum(name) = &f.ty else {
                continue;
            };
            let pointer = format!("/{}", f.wire_name);
            for value in enum_values(&ir, name) {
                let body = with_value(&sample, &pointer, Value::String(value.clone()));
                assert_eq!(
                    validate(&body).unwrap(),
                    Vec::<String>::new(),
                    "{}.{}: `{value}` is a known {name} value",
                    s.rust_name,
                    f.wire_name
                );
                checked += 1;
            }
        }
    }
    let enums_in_fields: usize = ir.enums.iter().map(|e| e.values.len()).sum();
    assert!(
        checked >= enums_in_fields,
        "{checked} enum values checked of {enums_in_fields}"
    );
}

/// The typed result code of an API, from its wire code: (status letter, action).
type CodeFacts = fn(&str) -> (Option<String>, String);

fn code_facts<C: ResultCode>(code: &str) -> (Option<String>, String) {
    let typed = C::from_code(code);
    assert_eq!(typed.as_str(), code);
    (
        typed.status().map(|s| s.as_str().to_owned()),
        format!("{:?}", typed.action()),
    )
}

#[test]
fn every_result_code_has_the_status_and_action_the_spec_declares() {
    let ir = ir();
    let per_api: [(&str, CodeFacts); 4] = [
        (
            "createVaultingSession",
            code_facts::<antom_vault::CreateVaultingSessionResultCode>,
        ),
        (
            "inquireVaulting",
            code_facts::<antom_vault::InquireVaultingResultCode>,
        ),
        (
            "notifyVaulting",
            code_facts::<antom_vault::NotifyVaultingResultCode>,
        ),
        (
            "vaultPaymentMethod",
            code_facts::<antom_vault::VaultPaymentMethodResultCode>,
        ),
    ];
    // In the order of spec/ (the IR's).
    let names: Vec<&str> = ir.apis.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        per_api.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "a new API needs its result-code type here"
    );
    let mut checked = 0;
    for (api, (_, facts)) in ir.apis.iter().zip(per_api) {
        let mut codes: Vec<_> = Vec::new();
        if api.gateway_codes {
            // An API's own entry for a code overrides the gateway-wide one.
            let gateway = ir.gateway.as_ref().expect("gateway codes in spec/");
            codes.extend(
                gateway
                    .codes
                    .iter()
                    .filter(|g| !api.result_codes.iter().any(|own| own.code == g.code)),
            );
        }
        codes.extend(api.result_codes.iter());
        for code in codes {
            let (status, action) = facts(&code.code);
            assert_eq!(
                status.as_deref(),
                Some(code.status.as_spec()),
                "{}: status of {}",
                api.name,
                code.code
            );
            assert_eq!(
                action,
                format!("{:?}", code.action),
                "{}: action of {}",
                api.name,
                code.code
            );
            checked += 1;
        }
        let (status, _) = facts("NO_SUCH_CODE_ANYWHERE");
        assert_eq!(status, None, "{}: an unknown code has no status", api.name);
    }
    assert!(checked > 20, "only {checked} codes checked");
}

/// `is_known` of one value enum, from a wire value.
type IsKnown = fn(&str) -> bool;

macro_rules! is_known_of {
    ($($name:ident),* $(,)?) => {
        [$((stringify!($name), (|value: &str| antom_vault::$name::from(value).is_known()) as IsKnown)),*]
    };
}

#[test]
fn is_known_holds_for_every_spec_value_and_no_other() {
    let ir = ir();
    let per_enum = is_known_of![
        ResultStatus,
        VaultingStatus,
        TerminalType,
        OsType,
        CardFunding,
        CardBrand,
    ];
    let mut names: Vec<&str> = ir.enums.iter().map(|e| e.rust_name.as_str()).collect();
    let mut listed: Vec<&str> = per_enum.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    listed.sort_unstable();
    assert_eq!(names, listed, "a new enum of spec/ needs its line here");
    for (name, is_known) in per_enum {
        for value in enum_values(&ir, name) {
            assert!(is_known(&value), "{name}: `{value}` is known");
        }
        assert!(
            !is_known("NO_SUCH_VALUE"),
            "{name}: an unknown value is not known"
        );
    }
    // The result-code enums: every code of the API, and the gateway's where it takes them.
    let codes: [(&str, IsKnown); 4] = [
        ("createVaultingSession", |c| {
            antom_vault::CreateVaultingSessionResultCode::from_code(c).is_known()
        }),
        ("inquireVaulting", |c| {
            antom_vault::InquireVaultingResultCode::from_code(c).is_known()
        }),
        ("notifyVaulting", |c| {
            antom_vault::NotifyVaultingResultCode::from_code(c).is_known()
        }),
        ("vaultPaymentMethod", |c| {
            antom_vault::VaultPaymentMethodResultCode::from_code(c).is_known()
        }),
    ];
    for (api, is_known) in codes {
        let found = ir
            .apis
            .iter()
            .find(|a| a.name == api)
            .expect("an API of spec/");
        let mut declared: Vec<&str> = found.result_codes.iter().map(|c| c.code.as_str()).collect();
        if found.gateway_codes {
            let gateway = ir.gateway.as_ref().expect("gateway codes in spec/");
            declared.extend(gateway.codes.iter().map(|c| c.code.as_str()));
        }
        assert!(!declared.is_empty(), "{api}: no codes");
        for code in declared {
            assert!(is_known(code), "{api}: `{code}` is known");
        }
        assert!(
            !is_known("NO_SUCH_CODE_ANYWHERE"),
            "{api}: an unknown code is not known"
        );
    }
}

/// Whether an API's result-code type gives `code` (which the gateway also lists) the API's own
/// variant rather than its `Gateway` one.
type TakesOwnVariant = fn(&str) -> bool;

fn takes_own_variant<C: ResultCode + std::fmt::Debug>(code: &str) -> bool {
    // `From<GatewayResultCode>` maps shared codes to the own variants too, so only the variant's
    // name tells them apart.
    let variant = format!("{:?}", C::from_code(code));
    !variant.starts_with("Gateway(") && !variant.starts_with("Unknown(")
}

#[test]
fn gateway_codes_are_known_and_an_apis_own_entry_takes_its_own_variant() {
    let ir = ir();
    let gateway = ir.gateway.as_ref().expect("gateway codes in spec/");
    for code in &gateway.codes {
        let typed = antom_vault::GatewayResultCode::from_known(&code.code);
        assert_eq!(
            typed.map(|t| t.as_str()),
            Some(code.code.as_str()),
            "the gateway's `{}`",
            code.code
        );
    }
    assert_eq!(
        antom_vault::GatewayResultCode::from_known("NO_SUCH_CODE_ANYWHERE"),
        None
    );
    // A caller matching `ParamIllegal` of an API must get it, not `Gateway(ParamIllegal)`, even
    // where both carry the same status and action.
    // The APIs that take gateway codes (notifyVaulting does not).
    let per_api: [(&str, TakesOwnVariant); 3] = [
        (
            "createVaultingSession",
            takes_own_variant::<antom_vault::CreateVaultingSessionResultCode>,
        ),
        (
            "inquireVaulting",
            takes_own_variant::<antom_vault::InquireVaultingResultCode>,
        ),
        (
            "vaultPaymentMethod",
            takes_own_variant::<antom_vault::VaultPaymentMethodResultCode>,
        ),
    ];
    let with_gateway: Vec<&str> = ir
        .apis
        .iter()
        .filter(|a| a.gateway_codes)
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        with_gateway,
        per_api.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "an API that takes gateway codes needs its line here"
    );
    let mut checked = 0;
    for (name, takes_own) in per_api {
        let api = ir
            .apis
            .iter()
            .find(|a| a.name == name)
            .expect("an API of spec/");
        let shared = api
            .result_codes
            .iter()
            .filter(|own| gateway.codes.iter().any(|g| g.code == own.code));
        for code in shared {
            assert!(takes_own(&code.code), "{name}: `{}`", code.code);
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} shared codes checked");
}
