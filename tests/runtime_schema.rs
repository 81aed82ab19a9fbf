//! The runtime schema the generator emits (`HasSchema`, `catalog`) states exactly the spec's
//! facts: every struct with every field's wire name, kind, presence, maximum length and
//! sensitivity, and every API with its path, messages and idempotency field.

#[path = "support/spec_samples.rs"]
mod spec_samples;

use antom_vault::api::{MerchantApi, Notification};
use antom_vault::schema::{FieldKind, TypeSchema};
use antom_vault::{CreateVaultingSession, NotifyVaulting, catalog};
use antom_vault_codegen::ir::FieldType;
use antom_vault_codegen::model::Required;
use spec_samples::ir;

fn type_schema(rust_name: &str) -> &'static TypeSchema {
    catalog::TYPES
        .iter()
        .copied()
        .find(|t| t.rust_name == rust_name)
        .unwrap_or_else(|| panic!("no schema for {rust_name}"))
}

fn kind_matches(ty: &FieldType, kind: &FieldKind) -> bool {
    match (ty, kind) {
        (FieldType::String | FieldType::Url | FieldType::Datetime, FieldKind::Text)
        | (FieldType::Boolean, FieldKind::Boolean)
        | (FieldType::Integer, FieldKind::Integer) => true,
        (FieldType::Enum(a), FieldKind::Enum(b)) => a == b,
        (FieldType::Object(a), FieldKind::Object(b)) => a == b.rust_name,
        (FieldType::Array(a), FieldKind::Array(b)) => kind_matches(a, b),
        _ => false,
    }
}

#[test]
fn every_struct_schema_states_the_spec_facts_of_each_field() {
    let ir = ir();
    let names: Vec<&str> = catalog::TYPES.iter().map(|t| t.rust_name).collect();
    let from_spec: Vec<&str> = ir.structs.iter().map(|s| s.rust_name.as_str()).collect();
    assert_eq!(names, from_spec);
    for s in &ir.structs {
        let schema = type_schema(&s.rust_name);
        assert_eq!(schema.fields.len(), s.fields.len(), "{}", s.rust_name);
        for (f, fs) in s.fields.iter().zip(schema.fields) {
            let at = format!("{}.{}", s.rust_name, f.wire_name);
            assert_eq!(fs.wire_name, f.wire_name, "{at}");
            assert!(kind_matches(&f.ty, &fs.kind), "{at}: {:?}", fs.kind);
            assert_eq!(fs.required, f.required == Required::Yes, "{at}");
            assert_eq!(fs.max_length, f.max_length.map(|m| m as usize), "{at}");
            assert_eq!(fs.sensitive, f.sensitive, "{at}");
        }
    }
}

#[test]
fn every_api_schema_names_its_messages_path_and_idempotency_field() {
    let ir = ir();
    assert_eq!(catalog::APIS.len(), ir.apis.len());
    for (api, schema) in ir.apis.iter().zip(catalog::APIS) {
        assert_eq!(schema.name, api.name);
        assert_eq!(schema.path, api.path.as_deref());
        assert_eq!(schema.request.rust_name, api.request);
        assert_eq!(schema.response.rust_name, api.response);
        assert_eq!(schema.idempotency_key.wire_name, api.idempotency_key.wire);
        let request = ir
            .structs
            .iter()
            .find(|s| s.rust_name == api.request)
            .unwrap();
        let key = request
            .fields
            .iter()
            .find(|f| f.wire_name == api.idempotency_key.wire)
            .unwrap();
        assert_eq!(
            Some(schema.idempotency_key_max_length as u64),
            key.max_length,
            "{}",
            api.name
        );
    }
}

#[test]
fn the_api_traits_point_at_their_catalog_entries() {
    assert_eq!(
        <CreateVaultingSession as MerchantApi>::SCHEMA.name,
        <CreateVaultingSession as MerchantApi>::NAME
    );
    assert_eq!(
        <CreateVaultingSession as MerchantApi>::SCHEMA.path,
        Some(<CreateVaultingSession as MerchantApi>::PATH)
    );
    assert_eq!(
        <NotifyVaulting as Notification>::SCHEMA.name,
        <NotifyVaulting as Notification>::NAME
    );
    assert_eq!(<NotifyVaulting as Notification>::SCHEMA.path, None);
}
