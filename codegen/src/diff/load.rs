//! Loads one side of a diff with the codegen loader and linter, and reduces it to a [`Snapshot`].

use std::path::Path;

use crate::model::{
    Direction, FieldSpec, MessageSpec, Placeholders, ResultCodeSpec, Spec, decode_file_with,
};
use crate::{Diagnostics, SourceFile};

use super::snapshot::{
    ApiSnap, CodeSnap, EnumSnap, EnumValueSnap, FieldSnap, MessageSnap, ObjectSnap, Snapshot,
};
use super::source::Sources;

/// Loads and lints `sources`. A single file is combined with the objects, enums and gateway codes
/// of the spec directory `shared` (its own definitions win), so that a type the page only names
/// (`Result`, `PaymentMethodDetail`) resolves to the shared definition.
pub fn load_snapshot(sources: &Sources, shared: &Path) -> Result<Snapshot, String> {
    let (spec, borrowed) = if sources.single_file {
        let shared_sources = crate::output::read_sources(shared, &shared.display().to_string())
            .map_err(|e| e.to_string())?;
        let own = load(&sources.files)?;
        let own_objects: Vec<String> = own.objects.iter().map(|o| o.name.value.clone()).collect();
        let spec = combine(load(&shared_sources)?, own);
        let borrowed = spec
            .objects
            .iter()
            .map(|o| o.name.value.clone())
            .filter(|name| !own_objects.contains(name))
            .collect();
        (spec, borrowed)
    } else {
        (load(&sources.files)?, Default::default())
    };
    crate::ir::resolve_for_comparison(&spec).map_err(|d| Diagnostics(d).to_string())?;
    let mut snap = snapshot(&spec);
    snap.borrowed = borrowed;
    Ok(snap)
}

/// Loads like [`crate::load`], but accepts TODO placeholders: a fresh import (or a file `sync`
/// just wrote) is compared before a person has written its descriptions.
pub fn load(files: &[SourceFile]) -> Result<Spec, String> {
    let mut spec = Spec::default();
    let mut diags = Vec::new();
    for source in files {
        match crate::yaml::parse(&source.name, &source.text) {
            Ok(root) => decode_file_with(&root, &mut spec, &mut diags, Placeholders::Allowed),
            Err(d) => diags.push(d),
        }
    }
    if diags.is_empty() {
        Ok(spec)
    } else {
        Err(Diagnostics(diags).to_string())
    }
}

/// The APIs of `own`, with `shared`'s objects, enums and gateway codes where `own` has none.
pub fn combine(shared: Spec, own: Spec) -> Spec {
    let mut objects = own.objects;
    for object in shared.objects {
        if !objects.iter().any(|o| o.name.value == object.name.value) {
            objects.push(object);
        }
    }
    let mut enums = own.enums;
    for enumeration in shared.enums {
        if !enums.iter().any(|e| e.name.value == enumeration.name.value) {
            enums.push(enumeration);
        }
    }
    Spec {
        apis: own.apis,
        objects,
        enums,
        gateway_codes: own.gateway_codes.or(shared.gateway_codes),
        service: own.service.or(shared.service),
    }
}

/// The diff view of a loaded spec.
pub fn snapshot(spec: &Spec) -> Snapshot {
    let mut snap = Snapshot::default();
    for api in &spec.apis {
        let direction = api.direction.value;
        let gateway_default = direction == Direction::MerchantToAntom;
        snap.apis.insert(
            api.name.value.clone(),
            ApiSnap {
                direction,
                path: api.path.as_ref().map(|p| p.value.clone()),
                doc: api.doc.clone(),
                summary: api.summary.clone(),
                description: api.description.clone(),
                idempotency_key: api.idempotency.key.value.clone(),
                transport_retry: api.idempotency.transport_retry.as_ref().map(|t| t.value),
                gateway_codes: api
                    .gateway_codes
                    .as_ref()
                    .map_or(gateway_default, |g| g.value),
                request: MessageSnap {
                    name: Some(message_name(&api.request, &api.name.value, direction, true)),
                    description: api.request.description.clone(),
                    fields: api.request.fields.iter().map(field).collect(),
                },
                response: MessageSnap {
                    name: Some(message_name(
                        &api.response,
                        &api.name.value,
                        direction,
                        false,
                    )),
                    description: api.response.description.clone(),
                    fields: api.response.fields.iter().map(field).collect(),
                },
                codes: api.result_codes.iter().map(code).collect(),
                decisions: api.decisions.clone(),
            },
        );
    }
    for object in &spec.objects {
        snap.objects.insert(
            object.name.value.clone(),
            ObjectSnap {
                rust_name: object.rust_name.as_ref().map(|n| n.value.clone()),
                description: object.description.clone(),
                fields: object.fields.iter().map(field).collect(),
            },
        );
    }
    for enumeration in &spec.enums {
        snap.enums.insert(
            enumeration.name.value.clone(),
            EnumSnap {
                rust_name: enumeration.rust_name.as_ref().map(|n| n.value.clone()),
                description: enumeration.description.clone(),
                values: enumeration
                    .values
                    .iter()
                    .map(|v| EnumValueSnap {
                        value: v.value.value.clone(),
                        rust_name: v.rust_name.as_ref().map(|n| n.value.clone()),
                        description: v.description.clone(),
                    })
                    .collect(),
            },
        );
    }
    if let Some(codes) = &spec.gateway_codes {
        snap.gateway_codes = codes.value.iter().map(code).collect();
    }
    snap
}

/// The message's type name: the explicit `name`, else the default of spec/README.md
/// (`<Api>Request` / `<Api>Response`, or `<Api>Notification` / `<Api>Acknowledgement`).
fn message_name(message: &MessageSpec, api: &str, direction: Direction, first: bool) -> String {
    if let Some(name) = &message.name {
        return name.value.clone();
    }
    let mut chars = api.chars();
    let pascal: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    let suffix = match (direction, first) {
        (Direction::MerchantToAntom, true) => "Request",
        (Direction::MerchantToAntom, false) => "Response",
        (Direction::AntomToMerchant, true) => "Notification",
        (Direction::AntomToMerchant, false) => "Acknowledgement",
    };
    format!("{pascal}{suffix}")
}

fn field(f: &FieldSpec) -> FieldSnap {
    FieldSnap {
        name: f.name.value.clone(),
        ty: f.ty.value.clone(),
        items: f.items.as_ref().map(|i| i.value.clone()),
        required: f.required.value,
        max_length: f.max_length.as_ref().map(|m| m.value),
        values: f
            .values
            .as_ref()
            .map(|v| v.value.iter().map(|s| s.value.clone()).collect())
            .unwrap_or_default(),
        minimum: f.minimum.as_ref().map(|m| m.value),
        maximum: f.maximum.as_ref().map(|m| m.value),
        sensitive: f.sensitive,
        reveal: f.reveal.as_ref().map(|r| r.value),
        essential: f.essential.as_ref().is_some_and(|e| e.value),
        description: f.description.clone(),
        since: f.since.clone(),
        note: f.note.clone(),
        rust_name: f.rust_name.as_ref().map(|n| n.value.clone()),
    }
}

fn code(c: &ResultCodeSpec) -> CodeSnap {
    CodeSnap {
        code: c.code.value.clone(),
        status: c.status.value,
        action: c.action.value,
        description: c.description.clone(),
    }
}
