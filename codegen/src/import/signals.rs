//! What a page shows, read from its classified lines alone: its date, which sections start where,
//! and which fields have children (an object type, or a "Show child parameters" marker) with or
//! without listing them. Sync uses this to tell "not on this page" from "removed".

use super::facts::map_type;
use super::line::{Line, Numbered, Section};
use super::model::PageFormat;

/// A field that has children: its type names an object, or the page says "Show child
/// parameters" under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParentField {
    /// Wire name of the field.
    pub field: String,
    /// 1-based line of the field's heading.
    pub line: usize,
    /// Whether the page shows a "Show child parameters" marker under the heading.
    pub marked: bool,
    /// Whether child headings follow; when false the page does not show the children.
    pub children_listed: bool,
}

/// The reader-level facts of one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageSignals {
    /// The form the page was read in.
    pub format: PageFormat,
    /// The page's own date (`YYYY-MM-DD`), when it shows one.
    pub date: Option<String>,
    /// Each section that starts, with the 1-based line where it starts, in page order.
    pub sections: Vec<(usize, Section)>,
    /// Every field with children (object-typed, or marked), in page order.
    pub parents: Vec<ParentField>,
}

impl PageSignals {
    /// Whether the page shows the start of `section`.
    pub fn shows(&self, section: Section) -> bool {
        self.sections.iter().any(|(_, s)| *s == section)
    }
}

/// Reads the signals from classified lines.
pub fn read(format: PageFormat, lines: &[Numbered]) -> PageSignals {
    let mut signals = PageSignals {
        format,
        date: None,
        sections: Vec::new(),
        parents: Vec::new(),
    };
    // Every field heading so far with its depth and whether its type names an object.
    let mut headings: Vec<(ParentField, usize, bool)> = Vec::new();
    // The index of the last heading in the current section, which a marker or a child follows.
    let mut last: Option<usize> = None;
    for (number, line) in lines {
        match line {
            Line::Date(date) if signals.date.is_none() && signals.sections.is_empty() => {
                signals.date = Some(date.clone());
            }
            Line::Section(section) => {
                signals.sections.push((*number, *section));
                last = None;
            }
            Line::Field {
                depth,
                name,
                type_text,
                ..
            } => {
                if let Some(at) = last
                    && *depth > headings[at].1
                {
                    headings[at].0.children_listed = true;
                }
                let object = map_type(type_text)
                    .is_some_and(|t| t.items.is_none() && t.ty.starts_with(char::is_uppercase));
                let field = ParentField {
                    field: name.clone(),
                    line: *number,
                    marked: false,
                    children_listed: false,
                };
                headings.push((field, *depth, object));
                last = Some(headings.len() - 1);
            }
            Line::ChildrenHidden => {
                if let Some(at) = last {
                    headings[at].0.marked = true;
                }
            }
            _ => {}
        }
    }
    signals.parents = headings
        .into_iter()
        .filter(|(field, _, object)| *object || field.marked)
        .map(|(field, _, _)| field)
        .collect();
    signals
}
