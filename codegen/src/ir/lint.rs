//! The rules a field must follow once its type is resolved, one function per rule. Each broken
//! rule adds one diagnostic; none of them changes what the IR holds, so resolution
//! ([`super::resolve`]) builds the field the same way whether or not a rule failed (the spec is
//! rejected anyway, and one mistake does not cascade into "not a field" errors elsewhere).

use crate::diagnostic::Diagnostic;
use crate::ir::FieldType;
use crate::model::{FieldSpec, Required};

/// Where a field sits, for the rules that depend on it.
pub(super) struct FieldContext<'a> {
    /// Rust name of the struct that owns the field.
    pub owner: &'a str,
    /// Whether that struct is a request (sent by the merchant).
    pub is_request: bool,
}

/// Runs every rule on field `f` of resolved type `ty`.
pub(super) fn field(
    f: &FieldSpec,
    ty: &FieldType,
    cx: &FieldContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    max_length(f, ty, out);
    integer_bounds(f, ty, out);
    allowed_values(f, ty, out);
    described(f, cx, out);
    on_success_only_in_responses(f, cx, out);
    reveal_only_on_sensitive_text(f, ty, out);
    format_only_on_sensitive_string(f, ty, out);
    essential_only_when_required(f, cx, out);
}

/// `max_length` only on text fields, and at least 1.
fn max_length(f: &FieldSpec, ty: &FieldType, out: &mut Vec<Diagnostic>) {
    let Some(m) = &f.max_length else { return };
    if !ty.takes_length() {
        out.push(Diagnostic::at(
            &m.loc,
            format!(
                "`max_length` applies only to string and url fields, not to `{}` of type `{}`",
                f.name.value, f.ty.value
            ),
        ));
    } else if m.value == 0 {
        out.push(Diagnostic::at(&m.loc, "`max_length` must be at least 1"));
    }
}

/// `minimum` and `maximum` only on integer fields, in order.
fn integer_bounds(f: &FieldSpec, ty: &FieldType, out: &mut Vec<Diagnostic>) {
    for (bound, name) in [(&f.minimum, "minimum"), (&f.maximum, "maximum")] {
        if let Some(b) = bound
            && *ty != FieldType::Integer
        {
            out.push(Diagnostic::at(
                &b.loc,
                format!(
                    "`{name}` applies only to integer fields, not to `{}` of type `{}`",
                    f.name.value, f.ty.value
                ),
            ));
        }
    }
    if let (Some(min), Some(max)) = (&f.minimum, &f.maximum)
        && min.value > max.value
    {
        out.push(Diagnostic::at(
            &min.loc,
            format!(
                "`minimum` {} is greater than `maximum` {}",
                min.value, max.value
            ),
        ));
    }
}

/// `values` only on text fields, not empty, no duplicates, none longer than `max_length`.
fn allowed_values(f: &FieldSpec, ty: &FieldType, out: &mut Vec<Diagnostic>) {
    let Some(vs) = &f.values else { return };
    if !ty.takes_length() {
        out.push(Diagnostic::at(
            &vs.loc,
            format!(
                "`values` applies only to string and url fields; use an enum for `{}`",
                f.name.value
            ),
        ));
    }
    if vs.value.is_empty() {
        out.push(Diagnostic::at(
            &vs.loc,
            "`values` must list at least one value",
        ));
    }
    for (i, v) in vs.value.iter().enumerate() {
        if vs.value[..i].iter().any(|w| w.value == v.value) {
            out.push(Diagnostic::at(
                &v.loc,
                format!("duplicate allowed value `{}`", v.value),
            ));
        } else if let Some(m) = &f.max_length
            && v.value.chars().count() as u64 > m.value
        {
            out.push(Diagnostic::at(
                &v.loc,
                format!(
                    "allowed value `{}` is longer than `max_length` {}",
                    v.value, m.value
                ),
            ));
        }
    }
}

/// Required and on-success fields carry a description.
fn described(f: &FieldSpec, cx: &FieldContext<'_>, out: &mut Vec<Diagnostic>) {
    let required = f.required.value;
    if required == Required::No || f.description.as_deref().is_some_and(|d| !d.is_empty()) {
        return;
    }
    let word = if required == Required::Yes {
        "required"
    } else {
        "on_success"
    };
    out.push(Diagnostic::at(
        &f.loc,
        format!(
            "{word} field `{}` of `{}` needs a description",
            f.name.value, cx.owner
        ),
    ));
}

/// `required: on_success` only where there is a success to speak of: responses, notifications.
fn on_success_only_in_responses(f: &FieldSpec, cx: &FieldContext<'_>, out: &mut Vec<Diagnostic>) {
    if f.required.value == Required::OnSuccess && cx.is_request {
        out.push(Diagnostic::at(
            &f.required.loc,
            format!(
                "`required: on_success` is only for responses and notifications, but `{}` is in the request `{}`",
                f.name.value, cx.owner
            ),
        ));
    }
}

/// `reveal` relaxes the redaction of a sensitive text; anywhere else it means nothing.
fn reveal_only_on_sensitive_text(f: &FieldSpec, ty: &FieldType, out: &mut Vec<Diagnostic>) {
    let Some(r) = &f.reveal else { return };
    let wire = &f.name.value;
    if !f.sensitive {
        out.push(Diagnostic::at(
            &r.loc,
            format!(
                "`reveal` applies only to sensitive fields, but `{wire}` is not `sensitive: true`"
            ),
        ));
    } else if !ty.is_text() {
        out.push(Diagnostic::at(
            &r.loc,
            format!(
                "`reveal` applies only to text fields, not to `{wire}` of type `{}`",
                f.ty.value
            ),
        ));
    }
}

/// `format` gives a credential a type of its own; a credential is sensitive, and is plain text
/// (`string`) on the wire.
fn format_only_on_sensitive_string(f: &FieldSpec, ty: &FieldType, out: &mut Vec<Diagnostic>) {
    let Some(format) = &f.format else { return };
    let wire = &f.name.value;
    if *ty != FieldType::String {
        out.push(Diagnostic::at(
            &format.loc,
            format!(
                "`format` applies only to `string` fields, not to `{wire}` of type `{}`",
                f.ty.value
            ),
        ));
    } else if !f.sensitive {
        out.push(Diagnostic::at(
            &format.loc,
            format!("`format` names a credential, so `{wire}` must be `sensitive: true`"),
        ));
    }
}

/// `essential: true` says decoding fails without the field, which only a required field can do.
fn essential_only_when_required(f: &FieldSpec, cx: &FieldContext<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(e) = f.essential.as_ref().filter(|e| e.value)
        && f.required.value != Required::Yes
    {
        out.push(Diagnostic::at(
            &e.loc,
            format!(
                "`essential: true` needs `required: true`, but `{}` of `{}` is not required",
                f.name.value, cx.owner
            ),
        ));
    }
}
