//! The intermediate model every page format is parsed into, before YAML is written.

use std::fmt;

use crate::model::{ApiSpec, FieldSpec, Spec};

/// Which layout the page uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageFormat {
    /// The docs.antom.com markdown export (`#### name (Type, REQUIRED)` headings).
    AntomMarkdown,
    /// The global.alipay.com text export (`#### name Type  REQUIRED` headings).
    AlipayText,
    /// The plain text of a rendered page on either site (`name Type REQUIRED` heading lines).
    RenderedText,
}

impl fmt::Display for PageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PageFormat::AntomMarkdown => "docs.antom.com markdown",
            PageFormat::AlipayText => "global.alipay.com text",
            PageFormat::RenderedText => "rendered page text",
        })
    }
}

/// The file name the importer's locations use; a command names the page file in its messages.
pub const PAGE: &str = "page";

/// A part of an API reference page that the page can show in full or not at all.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The request (or notification) parameter list.
    Request,
    /// The response (or acknowledgement) parameter list.
    Response,
    /// The "Result process logic" section.
    ResultLogic,
    /// The result-code table.
    ResultCodes,
    /// The child parameters of the object with this spec name.
    Children(String),
}

/// What the page showed: which parts it shows in full, where it ends, and its date. A field,
/// code or object is removed only where the page shows the part it would be in; everything else
/// is "not shown on this page".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageView {
    /// The form the page was read in.
    pub format: PageFormat,
    /// The page's own date (`YYYY-MM-DD`), when it shows one.
    pub date: Option<String>,
    /// The parts the page shows in full (the page goes on past their end).
    pub complete: std::collections::BTreeSet<Part>,
    /// Entries the page ends inside (`request.x`, `objects.O.f`, `result_codes.C`): their facts
    /// may be cut short, so they are neither added nor compared.
    pub unfinished: Vec<String>,
    /// Whether the page stops before its result codes (it was cut off).
    pub ends_early: bool,
}

impl PageView {
    /// A page that has shown nothing yet.
    pub fn new(format: PageFormat) -> Self {
        PageView {
            format,
            date: None,
            complete: Default::default(),
            unfinished: Vec::new(),
            ends_early: false,
        }
    }

    /// Whether the page shows `part` in full.
    pub fn shows(&self, part: &Part) -> bool {
        self.complete.contains(part)
    }

    /// Whether the page ends inside the entry at `path`.
    pub fn is_unfinished(&self, path: &str) -> bool {
        self.unfinished.iter().any(|p| p == path)
    }
}

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
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// One API and the objects whose children the page lists, in the spec's own model; facts
    /// the page leaves open are [`crate::model::Known::Unknown`], texts are TODO markers.
    pub spec: Spec,
    /// Which parts of the page were shown, and its date.
    pub page: PageView,
    /// The example bodies.
    pub examples: Examples,
    /// Page content that was skipped, with line numbers.
    pub warnings: Vec<ImportWarning>,
}

impl Imported {
    /// The page's API.
    pub fn api(&self) -> &ApiSpec {
        &self.spec.apis[0]
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
