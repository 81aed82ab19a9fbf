//! The placeholder check: a spec text still reading `TODO: ...` is located and rejected.

use super::{
    ApiSpec, EnumSpec, FieldSpec, ObjectSpec, PLACEHOLDER, ResultCodeSpec, is_placeholder,
};
use crate::diagnostic::{Diagnostic, Location};

/// Pushes one diagnostic per placeholder text among the given entries.
pub(super) fn check(
    apis: &[ApiSpec],
    objects: &[ObjectSpec],
    enums: &[EnumSpec],
    gateway_codes: &[ResultCodeSpec],
    diags: &mut Vec<Diagnostic>,
) {
    let mut report = |loc: &Location, what: &str, text: Option<&str>| {
        if text.is_some_and(is_placeholder) {
            diags.push(Diagnostic::at(
                loc,
                format!("the {what} is still a TODO marker; write it in our own words"),
            ));
        }
    };
    for api in apis {
        if api.page.is_some() {
            report(&api.loc, "`page:` record", Some(PLACEHOLDER));
        }
        report(&api.loc, "summary", Some(&api.summary));
        report(&api.loc, "description", api.description.as_deref());
        for message in [&api.request, &api.response] {
            report(&message.loc, "description", message.description.as_deref());
            fields(&message.fields, &mut report);
        }
        codes(&api.result_codes, &mut report);
    }
    for object in objects {
        report(
            &object.name.loc,
            "description",
            object.description.as_deref(),
        );
        fields(&object.fields, &mut report);
    }
    for enumeration in enums {
        report(
            &enumeration.name.loc,
            "description",
            enumeration.description.as_deref(),
        );
        for value in &enumeration.values {
            report(
                &value.value.loc,
                "description",
                value.description.as_deref(),
            );
        }
    }
    codes(gateway_codes, &mut report);
}

fn fields(fields: &[FieldSpec], report: &mut impl FnMut(&Location, &str, Option<&str>)) {
    for f in fields {
        report(&f.loc, "description", f.description.as_deref());
        report(&f.loc, "note", f.note.as_deref());
    }
}

fn codes(codes: &[ResultCodeSpec], report: &mut impl FnMut(&Location, &str, Option<&str>)) {
    for c in codes {
        report(&c.code.loc, "description", c.description.as_deref());
    }
}
