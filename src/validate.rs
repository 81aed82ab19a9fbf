//! Request validation: the [`Validate`] trait the generated types implement, and the
//! [`Violation`]s it reports.
//!
//! `validate()` collects **every** violation, each with the JSON path of the offending value
//! (`paymentMethodDetail.card.cardholderName.firstName`, `items[3].name`), so that a caller can fix
//! a request in one go before any network call.
//!
//! Lengths are counted in **Unicode scalar values** (Rust `char`s, `str::chars().count()`), which
//! is what JSON Schema's `maxLength` counts: `"é"` is 1, `"😀"` (outside the BMP) is 1, whatever
//! their UTF-8 or UTF-16 sizes. The exported schemas and `validate()` therefore always agree.
//!
//! A violation never contains the value of a field the spec marks sensitive.

use std::fmt;

/// A type whose values can be checked against the spec's limits.
pub trait Validate {
    /// Pushes every violation of `self`, located below `path` (`""` for the message itself).
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>);

    /// Checks `self` against the spec: lengths, allowed values, ranges, unknown enum values.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut out = Vec::new();
        self.validate_at("", &mut out);
        if out.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(out))
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        if let Some(v) = self {
            v.validate_at(path, out);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        (**self).validate_at(path, out);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        for (i, v) in self.iter().enumerate() {
            v.validate_at(&format!("{path}[{i}]"), out);
        }
    }
}

/// One broken rule, at one JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// JSON path of the value, e.g. `paymentMethodDetail.card.cvv` or `items[3]`.
    pub path: String,
    /// What is wrong.
    pub kind: ViolationKind,
}

/// What is wrong with a value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// Longer than `max_length` (both counted in Unicode scalar values).
    TooLong {
        /// The value's length.
        actual: usize,
        /// The spec's maximum.
        max: usize,
    },
    /// Not one of the values the spec allows.
    NotAllowed {
        /// The value, unless the field is sensitive.
        value: Option<String>,
        /// The allowed values.
        allowed: Vec<String>,
    },
    /// An integer outside the spec's range.
    OutOfRange {
        /// The value, unless the field is sensitive.
        value: Option<i64>,
        /// Smallest allowed value.
        minimum: Option<i64>,
        /// Largest allowed value.
        maximum: Option<i64>,
    },
    /// An enum value this version of the spec does not know (allowed when decoding responses,
    /// refused in requests).
    UnknownEnumValue {
        /// The enum's Rust name.
        enum_name: String,
        /// The value, unless the field is sensitive.
        value: Option<String>,
    },
}

impl Violation {
    /// An unknown value of the enum `enum_name` at `path`.
    pub fn unknown_enum_value(path: &str, enum_name: &str, value: &str) -> Self {
        Violation {
            path: path.to_owned(),
            kind: ViolationKind::UnknownEnumValue {
                enum_name: enum_name.to_owned(),
                value: Some(value.to_owned()),
            },
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(message)"
        } else {
            &self.path
        };
        write!(f, "{path}: ")?;
        match &self.kind {
            ViolationKind::TooLong { actual, max } => {
                write!(f, "too long: {actual} > {max} characters")
            }
            ViolationKind::NotAllowed { value, allowed } => {
                match value {
                    Some(v) => write!(f, "`{v}` is not allowed")?,
                    None => f.write_str("value is not allowed")?,
                }
                write!(f, "; expected one of {}", allowed.join(", "))
            }
            ViolationKind::OutOfRange {
                value,
                minimum,
                maximum,
            } => {
                match value {
                    Some(v) => write!(f, "{v} is out of range")?,
                    None => f.write_str("value is out of range")?,
                }
                match (minimum, maximum) {
                    (Some(a), Some(b)) => write!(f, " {a}..={b}"),
                    (Some(a), None) => write!(f, "; minimum {a}"),
                    (None, Some(b)) => write!(f, "; maximum {b}"),
                    (None, None) => Ok(()),
                }
            }
            ViolationKind::UnknownEnumValue { enum_name, value } => match value {
                Some(v) => write!(f, "`{v}` is not a known {enum_name} value"),
                None => write!(f, "not a known {enum_name} value"),
            },
        }
    }
}

/// Every violation of one value; returned by [`Validate::validate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<Violation>);

impl ValidationErrors {
    /// The violations, in field order.
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }

    /// The violation at exactly `path`, if any.
    pub fn at(&self, path: &str) -> Option<&Violation> {
        self.0.iter().find(|v| v.path == path)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} invalid field(s): ", self.0.len())?;
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// `parent.name`, or `name` at the root.
pub fn field_path(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// `parent.name[index]`.
pub fn index_path(parent: &str, name: &str, index: usize) -> String {
    format!("{}[{index}]", field_path(parent, name))
}

/// Pushes [`ViolationKind::TooLong`] when `value` has more than `max` Unicode scalar values.
pub fn check_max_length(
    out: &mut Vec<Violation>,
    path: impl FnOnce() -> String,
    value: &str,
    max: usize,
) {
    let actual = value.chars().count();
    if actual > max {
        out.push(Violation {
            path: path(),
            kind: ViolationKind::TooLong { actual, max },
        });
    }
}

/// Pushes [`ViolationKind::NotAllowed`] when `value` is not in `allowed`.
pub fn check_allowed(
    out: &mut Vec<Violation>,
    path: impl FnOnce() -> String,
    value: &str,
    allowed: &[&str],
    sensitive: bool,
) {
    if !allowed.contains(&value) {
        out.push(Violation {
            path: path(),
            kind: ViolationKind::NotAllowed {
                value: (!sensitive).then(|| value.to_owned()),
                allowed: allowed.iter().map(|s| (*s).to_owned()).collect(),
            },
        });
    }
}

/// Pushes [`ViolationKind::OutOfRange`] when `value` is outside `minimum..=maximum`.
pub fn check_range(
    out: &mut Vec<Violation>,
    path: impl FnOnce() -> String,
    value: i64,
    minimum: Option<i64>,
    maximum: Option<i64>,
    sensitive: bool,
) {
    let low = minimum.is_some_and(|m| value < m);
    let high = maximum.is_some_and(|m| value > m);
    if low || high {
        out.push(Violation {
            path: path(),
            kind: ViolationKind::OutOfRange {
                value: (!sensitive).then_some(value),
                minimum,
                maximum,
            },
        });
    }
}

/// Removes the values from the violations pushed since index `from` (used below sensitive fields).
pub fn redact_values(out: &mut [Violation], from: usize) {
    for v in out.iter_mut().skip(from) {
        match &mut v.kind {
            ViolationKind::NotAllowed { value, .. }
            | ViolationKind::UnknownEnumValue { value, .. } => {
                *value = None;
            }
            ViolationKind::OutOfRange { value, .. } => *value = None,
            ViolationKind::TooLong { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_scalar_values() {
        let mut out = Vec::new();
        check_max_length(&mut out, || "a".into(), "ééé", 3);
        check_max_length(&mut out, || "b".into(), "😀😀😀", 3);
        assert!(out.is_empty());
        check_max_length(&mut out, || "c".into(), "😀😀😀😀", 3);
        assert_eq!(out[0].kind, ViolationKind::TooLong { actual: 4, max: 3 });
        assert_eq!(out[0].to_string(), "c: too long: 4 > 3 characters");
    }

    #[test]
    fn paths_and_redaction() {
        assert_eq!(field_path("", "a"), "a");
        assert_eq!(field_path("a", "b"), "a.b");
        assert_eq!(index_path("a", "items", 3), "a.items[3]");
        let mut out = Vec::new();
        check_allowed(&mut out, || "t".into(), "X", &["CARD"], false);
        check_range(&mut out, || "n".into(), 800, Some(-720), Some(720), false);
        assert!(out[0].to_string().contains("`X`"));
        assert!(out[1].to_string().contains("800"));
        redact_values(&mut out, 0);
        assert!(!out[0].to_string().contains('X'));
        assert!(!out[1].to_string().contains("800"));
        check_allowed(&mut out, || "s".into(), "SECRET", &["A"], true);
        assert!(!out[2].to_string().contains("SECRET"));
    }
}

/// Tests written against mutation testing (scripts/mutants.sh): each pins a boundary or an output
/// that a one-token change to the code above would break.
#[cfg(test)]
mod mutation_tests {
    use super::*;

    /// A value with one string limited to 3 characters.
    struct Named(&'static str);

    impl Validate for Named {
        fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
            check_max_length(out, || field_path(path, "name"), self.0, 3);
        }
    }

    #[test]
    fn validate_reports_what_validate_at_pushes() {
        assert_eq!(Named("abc").validate(), Ok(()));
        let errors = Named("abcd").validate().expect_err("too long");
        assert_eq!(errors.violations().len(), 1);
        assert_eq!(errors.violations()[0].path, "name");
    }

    #[test]
    fn options_and_lists_validate_their_contents_at_indexed_paths() {
        assert_eq!(None::<Named>.validate(), Ok(()));
        let errors = Some(Named("long"))
            .validate()
            .expect_err("inner value checked");
        assert_eq!(errors.violations()[0].path, "name");
        let list = vec![Named("ok"), Named("long"), Named("fine"), Named("x")];
        let mut out = Vec::new();
        list.validate_at("items", &mut out);
        let paths: Vec<&str> = out.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["items[1].name", "items[2].name"]);
    }

    #[test]
    fn at_finds_only_the_exact_path() {
        let errors = ValidationErrors(vec![
            Violation::unknown_enum_value("a.b", "CardBrand", "NEW"),
            Violation::unknown_enum_value("a.c", "CardBrand", "NEWER"),
        ]);
        assert_eq!(
            errors.at("a.c").map(|v| v.to_string()).as_deref(),
            Some("a.c: `NEWER` is not a known CardBrand value")
        );
        assert!(errors.at("a").is_none());
        assert!(errors.at("a.d").is_none());
    }

    #[test]
    fn every_violation_kind_displays_its_path_and_rule() {
        let mut out = Vec::new();
        check_allowed(&mut out, || "t".into(), "X", &["CARD", "WALLET"], false);
        check_range(&mut out, || "n".into(), 9, None, Some(5), false);
        check_range(&mut out, || "m".into(), -9, Some(-5), None, true);
        out.push(Violation::unknown_enum_value("", "TerminalType", "TV"));
        let shown: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "t: `X` is not allowed; expected one of CARD, WALLET",
                "n: 9 is out of range; maximum 5",
                "m: value is out of range; minimum -5",
                "(message): `TV` is not a known TerminalType value",
            ]
        );
        assert_eq!(
            ValidationErrors(out[..2].to_vec()).to_string(),
            "2 invalid field(s): t: `X` is not allowed; expected one of CARD, WALLET; \
             n: 9 is out of range; maximum 5"
        );
        assert_eq!(
            ValidationErrors(out[..1].to_vec()).to_string(),
            "1 invalid field(s): t: `X` is not allowed; expected one of CARD, WALLET"
        );
    }

    #[test]
    fn range_limits_are_inclusive() {
        let mut out = Vec::new();
        for value in [-720, 0, 720] {
            check_range(&mut out, || "z".into(), value, Some(-720), Some(720), false);
        }
        assert!(out.is_empty(), "{out:?}");
        check_range(
            &mut out,
            || "low".into(),
            -721,
            Some(-720),
            Some(720),
            false,
        );
        check_range(
            &mut out,
            || "high".into(),
            721,
            Some(-720),
            Some(720),
            false,
        );
        let paths: Vec<&str> = out.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["low", "high"]);
        assert_eq!(out[0].to_string(), "low: -721 is out of range -720..=720");
    }
}
