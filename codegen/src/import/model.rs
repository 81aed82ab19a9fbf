//! The intermediate model every page format is parsed into, before YAML is written.

use std::fmt;

pub use crate::model::page::{PageFormat, PageView, Part};
use crate::model::{ApiSpec, FieldSpec, Spec};

/// The file name the importer's locations use; a command names the page file in its messages.
pub const PAGE: &str = "page";

/// The page's example bodies, re-indented JSON text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Examples {
    /// The example request body.
    pub request: Option<String>,
    /// The example response body.
    pub response: Option<String>,
}

/// Something on the page the importer did not understand, with its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportWarning {
    /// 1-based line number in the page.
    pub line: usize,
    /// What was not understood.
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Why a page could not be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The page is not an Antom API reference page.
    NotAnApiReference {
        /// What was looked for and not found.
        reason: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotAnApiReference { reason } => {
                write!(f, "not an Antom API reference page: {reason}")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// The result of reading one page: the spec it states, what it showed, and what was skipped.
///
/// Only the importer makes one, always with exactly one API that records what its page shows;
/// the fields are private so that no other code can make one without.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    spec: Spec,
    /// What the page shows, kept beside the spec's copy so that reading it cannot fail.
    view: PageView,
    examples: Examples,
    warnings: Vec<ImportWarning>,
}

impl Imported {
    /// One page's reading: `api` (whose own `page` is replaced by `view`), the objects whose
    /// children the page lists, its examples and what was skipped.
    pub fn new(
        api: ApiSpec,
        view: PageView,
        objects: Vec<crate::model::ObjectSpec>,
        examples: Examples,
        warnings: Vec<ImportWarning>,
    ) -> Self {
        let api = ApiSpec {
            page: Some(view.clone()),
            ..api
        };
        Imported {
            spec: Spec {
                apis: vec![api],
                objects,
                enums: Vec::new(),
                gateway_codes: None,
                service: None,
            },
            view,
            examples,
            warnings,
        }
    }

    /// One API and the objects whose children the page lists, in the spec's own model; facts
    /// the page leaves open are [`crate::model::Known::Unknown`], texts are TODO markers.
    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    /// The example bodies.
    pub fn examples(&self) -> &Examples {
        &self.examples
    }

    /// Page content that was skipped, with line numbers.
    pub fn warnings(&self) -> &[ImportWarning] {
        &self.warnings
    }

    /// The page's API (the spec's only one).
    pub fn api(&self) -> &ApiSpec {
        &self.spec.apis[0]
    }

    /// What the page shows in full, where it ends, and its date.
    pub fn page(&self) -> &PageView {
        &self.view
    }

    /// The page's name of the API.
    pub fn name(&self) -> &str {
        &self.api().name.value
    }

    /// The fields of the object `field`'s type names, when the page lists them.
    pub fn children(&self, field: &FieldSpec) -> &[FieldSpec] {
        let name = super::builder::object_name(field);
        self.spec
            .objects
            .iter()
            .find(|o| o.name.value == name)
            .map_or(&[], |o| &o.fields)
    }
}
