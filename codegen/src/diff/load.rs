//! Loads one side of a diff with the codegen loader and resolver into the generator's own
//! [`Spec`].

use std::collections::BTreeSet;
use std::path::Path;

use crate::model::{Placeholders, Spec, decode_file_with};
use crate::{Diagnostics, SourceFile};

use super::compare::Side;
use super::source::Sources;

/// One loaded side of a diff.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The spec.
    pub spec: Spec,
    /// Objects a single file only borrows from the shared spec (see [`Side`]).
    pub borrowed: BTreeSet<String>,
}

impl Loaded {
    /// The side to compare.
    pub fn side(&self) -> Side<'_> {
        Side {
            spec: &self.spec,
            borrowed: &self.borrowed,
        }
    }
}

/// Loads and lints `sources`. A single file is combined with the objects, enums and gateway codes
/// of the spec directory `shared` (its own definitions win), so that a type the page only names
/// (`Result`, `PaymentMethodDetail`) resolves to the shared definition.
pub fn load_side(sources: &Sources, shared: &Path) -> Result<Loaded, String> {
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
    Ok(Loaded { spec, borrowed })
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
