//! Page lines after format-specific classification: what both parsers hand to the builder.

/// A part of an API reference page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The "Structure" boilerplate about headers and string typing.
    Structure,
    /// The request body parameters.
    RequestParams,
    /// The response body parameters.
    ResponseParams,
    /// "Result process logic": what each status means.
    ResultLogic,
    /// The result/error code table.
    Codes,
    /// The example request body.
    ExampleRequest,
    /// The example response body.
    ExampleResponse,
    /// The interactive "API Explorer" block (holds the examples in the text form).
    Explorer,
}

/// Which example body a JSON block belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExampleKind {
    /// The example request.
    Request,
    /// The example response.
    Response,
}

/// One classified page line (or a group of physical lines, for tables and examples).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// Nothing on the line.
    Blank,
    /// The page title, already reduced to the API name candidate.
    Title(String),
    /// `POST /v1/...`: the path as the page writes it.
    Endpoint(String),
    /// A heading that starts a known section.
    Section(Section),
    /// A heading the importer does not know.
    UnknownSection(String),
    /// A parameter heading.
    Field {
        /// 0 for a top-level field, 1 for its children, ...
        depth: usize,
        /// Wire name.
        name: String,
        /// The type words as written (`String`, `Result object`, `Array<String>`).
        type_text: String,
        /// Whether the heading says REQUIRED.
        required: bool,
    },
    /// "More information about this field" / "More information:".
    MoreInfo,
    /// "Show child parameters": the field has children. Whether they are listed is seen from
    /// the headings that follow (the text forms list none).
    ChildrenHidden,
    /// The page's own date (`2023-12-26 08:34`, `Last updated: 2024-03-14`), as `YYYY-MM-DD`.
    Date(String),
    /// A bullet item, without its marker.
    Bullet(String),
    /// One table row, cells trimmed and unescaped.
    TableRow(Vec<String>),
    /// A table separator row (`| --- | --- |`).
    TableRule,
    /// A complete example body (JSON text as shown, already joined).
    Example(ExampleKind, String),
    /// Any other text.
    Text(String),
}

/// A classified line with the 1-based number of its first physical line.
pub type Numbered = (usize, Line);
