//! The intermediate model every page format is parsed into, before YAML is written.

use std::fmt;

pub use crate::model::{Action, Direction, Required, Status, TransportRetry};

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

/// One API as read from one page.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedApi {
    /// Antom's name of the API (`createVaultingSession`).
    pub name: String,
    /// Layout the page was written in.
    pub format: PageFormat,
    /// Request direction.
    pub direction: Direction,
    /// Full production path (`/ams/api/v1/vaults/...`), when the page names an endpoint.
    pub path: Option<String>,
    /// The request field the page calls the idempotency field.
    pub idempotency_key: Option<String>,
    /// What the page says to do after an unknown (`U`) outcome.
    pub transport_retry: Option<TransportRetry>,
    /// Request body fields, in page order.
    pub request: Vec<ImportedField>,
    /// Response body fields, in page order.
    pub response: Vec<ImportedField>,
    /// The page's result-code table, in page order.
    pub result_codes: Vec<ImportedCode>,
    /// The example request body, re-indented JSON text.
    pub example_request: Option<String>,
    /// The example response body, re-indented JSON text.
    pub example_response: Option<String>,
}

/// One field of a message or of a nested object.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedField {
    /// Exact wire name.
    pub name: String,
    /// Spec type: a primitive (`string`, `url`, ...) or an object name.
    pub ty: String,
    /// Element type when `ty` is `array`.
    pub items: Option<String>,
    /// [`Required::Yes`] when the page marks the field REQUIRED, else [`Required::No`] (pages
    /// have no word for `on_success`).
    pub required: Required,
    /// Maximum length in characters, when the page gives one.
    pub max_length: Option<u64>,
    /// The closed set of values the page allows ("fixed to", "Valid values are").
    pub values: Vec<String>,
    /// Smallest allowed integer ("Value range: 1 - 3").
    pub minimum: Option<i64>,
    /// Largest allowed integer.
    pub maximum: Option<i64>,
    /// Children the page spells out (object-typed fields only).
    pub children: Vec<ImportedField>,
    /// 1-based line of the field's heading.
    pub line: usize,
}

impl ImportedField {
    /// A field with only its heading facts filled in.
    pub fn new(name: &str, ty: &str, required: bool, line: usize) -> Self {
        ImportedField {
            name: name.to_owned(),
            ty: ty.to_owned(),
            items: None,
            required: if required {
                Required::Yes
            } else {
                Required::No
            },
            max_length: None,
            values: Vec::new(),
            minimum: None,
            maximum: None,
            children: Vec::new(),
            line,
        }
    }
}

/// One row of the result-code table.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedCode {
    /// Exact wire code.
    pub code: String,
    /// The status column.
    pub status: Status,
    /// Action inferred from the "Further action" column; `None` when the text did not map and
    /// the maintainer must decide.
    pub action: Option<Action>,
    /// 1-based line of the row.
    pub line: usize,
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

/// The result of reading one page: the API plus everything that was not understood.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The API read from the page.
    pub api: ImportedApi,
    /// Page content that was skipped, with line numbers.
    pub warnings: Vec<ImportWarning>,
}
