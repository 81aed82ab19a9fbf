//! A field defined in more than one place of the spec (`vaultingRequestId` in six messages) must
//! state the same facts about its value everywhere: primitive type, maximum length, range, item
//! type and sensitivity. Each later copy that differs from the first is reported at the differing
//! fact, naming where the first copy is.
//!
//! Text types (`string`, `url`, `datetime`) count as one type here: all are JSON strings on the
//! wire, and an imported page cannot tell a URL from a string, so a freshly synced copy says
//! `string` where spec/ says `url`.
//!
//! Not compared, because they legitimately differ by direction: presence (`required`), wording,
//! `values` (a closed list where the merchant sends, open where Antom sends, as enums are), and
//! which object or enum a field names when both copies name one (`card` is a `CardDetail` in a
//! request and a `VaultedCard` in a response; each object is checked where it is defined).

use std::collections::HashMap;

use super::PRIMITIVES;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{FieldSpec, Spec};

/// Pushes one diagnostic per fact in which a copy of a field differs from its first definition.
pub(super) fn check(spec: &Spec, diags: &mut Vec<Diagnostic>) {
    let messages = spec
        .apis
        .iter()
        .flat_map(|a| [&a.request.fields, &a.response.fields]);
    let objects = spec.objects.iter().map(|o| &o.fields);
    let mut first: HashMap<&str, &FieldSpec> = HashMap::new();
    for field in objects.chain(messages).flatten() {
        match first.get(field.name.value.as_str()) {
            None => {
                first.insert(&field.name.value, field);
            }
            Some(earlier) => {
                for (fact, loc) in differences(earlier, field) {
                    diags.push(Diagnostic::at(
                        &loc,
                        format!(
                            "`{fact}` of field `{}` differs from its definition at {}; a field defined in several places must state the same type, max_length, minimum, maximum, items and sensitive",
                            field.name.value, earlier.loc
                        ),
                    ));
                }
            }
        }
    }
}

/// The facts in which `later` differs from `earlier`, each with where `later` states it (or the
/// field's start, where it leaves the fact out).
fn differences(earlier: &FieldSpec, later: &FieldSpec) -> Vec<(&'static str, Location)> {
    let at = |loc: Option<&Location>| loc.unwrap_or(&later.loc).clone();
    let mut out = Vec::new();
    let named = |f: &FieldSpec| !PRIMITIVES.contains(&f.ty.value.as_str());
    fn family(f: &FieldSpec) -> &str {
        match f.ty.value.as_str() {
            "string" | "url" | "datetime" => "text",
            other => other,
        }
    }
    if family(earlier) != family(later) && !(named(earlier) && named(later)) {
        out.push(("type", later.ty.loc.clone()));
    }
    if earlier.max_length.as_ref().map(|m| m.value) != later.max_length.as_ref().map(|m| m.value) {
        out.push(("max_length", at(later.max_length.as_ref().map(|m| &m.loc))));
    }
    if earlier.minimum.as_ref().map(|m| m.value) != later.minimum.as_ref().map(|m| m.value) {
        out.push(("minimum", at(later.minimum.as_ref().map(|m| &m.loc))));
    }
    if earlier.maximum.as_ref().map(|m| m.value) != later.maximum.as_ref().map(|m| m.value) {
        out.push(("maximum", at(later.maximum.as_ref().map(|m| &m.loc))));
    }
    if earlier.items.as_ref().map(|i| &i.value) != later.items.as_ref().map(|i| &i.value) {
        out.push(("items", at(later.items.as_ref().map(|i| &i.loc))));
    }
    if earlier.sensitive != later.sensitive {
        out.push(("sensitive", later.loc.clone()));
    }
    out
}
