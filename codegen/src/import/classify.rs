//! Line classification shared by both page formats.

use super::facts::{is_table_rule, table_cells, unescape_markdown};
use super::line::{ExampleKind, Line, Section};

/// The section a heading text names, in either format.
pub fn section_named(title: &str) -> Option<Section> {
    match title.trim().trim_end_matches(':') {
        "Structure" => Some(Section::Structure),
        "Request parameters" => Some(Section::RequestParams),
        "Response parameters" => Some(Section::ResponseParams),
        "Result process logic" => Some(Section::ResultLogic),
        "Result/Error codes" | "Result codes" | "Error codes" => Some(Section::Codes),
        "Request" => Some(Section::ExampleRequest),
        "Response" => Some(Section::ExampleResponse),
        "API Explorer" => Some(Section::Explorer),
        _ => None,
    }
}

/// The example kind a section heading announces, if any.
pub fn example_kind(section: Section) -> Option<ExampleKind> {
    match section {
        Section::ExampleRequest => Some(ExampleKind::Request),
        Section::ExampleResponse => Some(ExampleKind::Response),
        _ => None,
    }
}

/// A bullet item without its marker (`*   x`, `- x`, `• x`), if the line is one.
pub fn bullet(text: &str) -> Option<String> {
    let trimmed = text.trim_start();
    let rest = ["* ", "- ", "•"]
        .iter()
        .find_map(|marker| trimmed.strip_prefix(marker))?;
    Some(unescape_markdown(rest.trim()))
}

/// A one-line table row or separator.
pub fn table_line(text: &str) -> Option<Line> {
    let cells = table_cells(text)?;
    Some(if is_table_rule(&cells) {
        Line::TableRule
    } else {
        Line::TableRow(cells)
    })
}

/// Whether a wire name is a plain identifier.
pub fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Classifies the lines common to both formats; `None` when the format must decide.
pub fn common_line(text: &str) -> Option<Line> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some(Line::Blank);
    }
    if let Some(section) = section_named(trimmed).filter(|s| *s == Section::ResultLogic) {
        return Some(Line::Section(section));
    }
    if let Some(path) = super::facts::endpoint(trimmed) {
        return Some(Line::Endpoint(path));
    }
    if let Some(date) = super::facts::page_date(trimmed) {
        return Some(Line::Date(date));
    }
    match trimmed {
        "More information about this field" | "More information:" | "More information" => {
            Some(Line::MoreInfo)
        }
        "Show child parameters" => Some(Line::ChildrenHidden),
        // Expanded children in a form without nesting would read as top-level fields: the rest
        // of the section is skipped (and reported) instead.
        "Hide child parameters" => Some(Line::UnknownSection(
            "expanded child parameters, whose nesting this form does not show".into(),
        )),
        _ => None,
    }
}
