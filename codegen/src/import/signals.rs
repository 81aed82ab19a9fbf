//! What a page shows, read from its classified lines alone: its date, which sections start where,
//! and which fields say they have children ("Show child parameters") with or without listing
//! them. Sync uses this to tell "not on this page" from "removed".

use super::line::{Line, Numbered, Section};
use super::model::PageFormat;

/// A "Show child parameters" marker under a parameter heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChildMarker {
    /// Wire name of the field the marker belongs to.
    pub field: String,
    /// 1-based line of the field's heading.
    pub line: usize,
    /// Whether child headings follow the marker; when false the page hides the children.
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
    /// Every "Show child parameters" marker, in page order.
    pub child_markers: Vec<ChildMarker>,
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
        child_markers: Vec::new(),
    };
    // The last heading seen and its depth; a marker attaches to it.
    let mut last_field: Option<(usize, usize, String)> = None;
    let mut pending: Option<(usize, usize, String)> = None;
    for (number, line) in lines {
        match line {
            Line::Date(date) if signals.date.is_none() && signals.sections.is_empty() => {
                signals.date = Some(date.clone());
            }
            Line::Section(section) => {
                close(&mut signals, pending.take(), false);
                signals.sections.push((*number, *section));
                last_field = None;
            }
            Line::Field { depth, name, .. } => {
                if let Some(marked) = pending.take() {
                    let listed = *depth > marked.1;
                    close(&mut signals, Some(marked), listed);
                }
                last_field = Some((*number, *depth, name.clone()));
            }
            Line::ChildrenHidden => {
                if let Some(field) = last_field.take() {
                    close(&mut signals, pending.take(), false);
                    pending = Some(field);
                }
            }
            _ => {}
        }
    }
    close(&mut signals, pending, false);
    signals
}

fn close(signals: &mut PageSignals, marked: Option<(usize, usize, String)>, listed: bool) {
    if let Some((line, _, field)) = marked {
        signals.child_markers.push(ChildMarker {
            field,
            line,
            children_listed: listed,
        });
    }
}
