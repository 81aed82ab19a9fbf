//! Edits to one spec file's text at located spans. Nothing is re-serialized: every byte outside an
//! edited span is kept, so comments, blank lines, order and human prose survive unchanged.
//!
//! Spans come from the loader's located tree ([`crate::yaml::Node`]): a value's line and column,
//! and a block's extent read from the indentation of the lines that follow it.

use crate::yaml::{Node, NodeValue};

/// One spec file being edited.
pub struct Doc {
    /// The file's name, as in diagnostics (the path under the spec directory's label).
    pub name: String,
    /// The original text.
    pub text: String,
    /// The located tree of `text`.
    pub root: Node,
    starts: Vec<usize>,
    edits: Vec<Edit>,
}

struct Edit {
    start: usize,
    end: usize,
    text: String,
}

impl Doc {
    /// Parses `text`; a file that does not parse cannot be edited.
    pub fn new(name: &str, text: &str) -> Result<Doc, String> {
        let root = crate::yaml::parse(name, text).map_err(|d| d.to_string())?;
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Ok(Doc {
            name: name.to_owned(),
            text: text.to_owned(),
            root,
            starts,
            edits: Vec::new(),
        })
    }

    /// Whether any edit was recorded.
    pub fn is_edited(&self) -> bool {
        !self.edits.is_empty()
    }

    /// The line after the last one (where text appended at the end goes).
    pub fn end_line(&self) -> usize {
        self.line_count() + 1
    }

    fn line_count(&self) -> usize {
        // A final newline does not start another line.
        if self.text.ends_with('\n') {
            self.starts.len() - 1
        } else {
            self.starts.len()
        }
    }

    /// The text of 1-based `line`, without its line break.
    fn line(&self, line: usize) -> &str {
        let start = self.line_offset(line);
        let end = self
            .starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
            .max(start);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset where 1-based `line` starts (the end of the text past the last line).
    fn line_offset(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Byte offset of a node's 1-based line and (character) column.
    fn offset(&self, node: &Node) -> usize {
        let start = self.line_offset(node.loc.line);
        let line = self.line(node.loc.line);
        start
            + line
                .char_indices()
                .nth(node.loc.col.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
    }

    fn indent(&self, line: usize) -> usize {
        let text = self.line(line);
        text.len() - text.trim_start_matches(' ').len()
    }

    fn is_content(&self, line: usize) -> bool {
        let t = self.line(line).trim();
        !t.is_empty() && !t.starts_with('#')
    }

    /// The first line after `first` that ends a block indented deeper than `indent`: the next
    /// content line indented `indent` or less (a `-` at exactly `indent` continues the block when
    /// `dash_continues`, as in an indentless list under a key). Trailing blank and comment lines
    /// are left to whatever follows.
    fn block_end(&self, first: usize, indent: usize, dash_continues: bool) -> usize {
        let mut end = first + 1;
        for line in first + 1..=self.line_count() {
            if !self.is_content(line) {
                continue;
            }
            let i = self.indent(line);
            let continues = i > indent
                || (dash_continues && i == indent && self.line(line).trim_start().starts_with('-'));
            if !continues {
                return end;
            }
            end = line + 1;
        }
        end
    }

    /// Lines `[start, end)` of a list item whose first line is `- key: ...`.
    pub fn item_lines(&self, item: &Node) -> Result<(usize, usize), String> {
        let line = item.loc.line;
        if !self.line(line).trim_start().starts_with("- ") {
            return Err(self.unsupported(item, "a list item not written as `- key: value`"));
        }
        Ok((line, self.block_end(line, self.indent(line), false)))
    }

    /// Lines `[start, end)` of a mapping entry, from its key.
    pub fn entry_lines(&self, key: &Node) -> (usize, usize) {
        (
            key.loc.line,
            self.block_end(key.loc.line, key.loc.col.saturating_sub(1), true),
        )
    }

    /// Indentation (in spaces) of a list item's dash.
    pub fn dash_indent(&self, item: &Node) -> usize {
        self.indent(item.loc.line)
    }

    fn unsupported(&self, node: &Node, what: &str) -> String {
        format!(
            "{}: sync cannot edit {what} in place; edit it by hand",
            node.loc
        )
    }

    /// Replaces a one-line scalar with `text` (already valid YAML).
    pub fn replace_scalar(&mut self, value: &Node, text: String) -> Result<(), String> {
        let start = self.offset(value);
        let line_end = self.line_offset(value.loc.line) + self.line(value.loc.line).len();
        let rest = &self.text[start..line_end];
        let len = match &value.value {
            NodeValue::Scalar { .. } => scalar_len(rest),
            NodeValue::Sequence(_) if rest.starts_with('[') => rest
                .find(']')
                .map(|i| i + 1)
                .filter(|_| !rest[1..].contains('[')),
            _ => None,
        }
        .ok_or_else(|| self.unsupported(value, "a value spread over several lines"))?;
        self.edits.push(Edit {
            start,
            end: start + len,
            text,
        });
        Ok(())
    }

    /// Removes lines `[start, end)`.
    pub fn remove_lines(&mut self, (start, end): (usize, usize)) {
        self.edits.push(Edit {
            start: self.line_offset(start),
            end: self.line_offset(end),
            text: String::new(),
        });
    }

    /// Inserts `text` (whole lines, each ending in a newline) before 1-based `line`.
    pub fn insert_before_line(&mut self, line: usize, text: String) {
        let at = self.line_offset(line);
        let text = if at == self.text.len() && !self.text.is_empty() && !self.text.ends_with('\n') {
            format!("\n{text}")
        } else {
            text
        };
        self.edits.push(Edit {
            start: at,
            end: at,
            text,
        });
    }

    /// The text with every edit applied. Edits that overlap are an error.
    pub fn apply(&self) -> Result<String, String> {
        let mut order: Vec<(usize, &Edit)> = self.edits.iter().enumerate().collect();
        order.sort_by_key(|(seq, e)| (e.start, e.end, *seq));
        let mut out = String::with_capacity(self.text.len() + 256);
        let mut at = 0;
        for (_, edit) in order {
            if edit.start < at {
                return Err(format!(
                    "{}: two edits overlap; sync stopped without writing",
                    self.name
                ));
            }
            out.push_str(&self.text[at..edit.start]);
            out.push_str(&edit.text);
            at = edit.end;
        }
        out.push_str(&self.text[at..]);
        Ok(out)
    }
}

/// Length of the one-line scalar at the start of `rest`, or `None` when it continues on the
/// next line.
fn scalar_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    match rest.chars().next() {
        Some('"') => {
            chars.next();
            let mut escaped = false;
            for (i, c) in chars {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => return Some(i + 1),
                    _ => {}
                }
            }
            None
        }
        Some('\'') => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return Some(i + 1);
                }
                i += 1;
            }
            None
        }
        Some('|' | '>') => None,
        _ => {
            let end = rest.find(" #").unwrap_or(rest.len());
            Some(rest[..end].trim_end().len())
        }
    }
}

/// The value of `key` in a mapping node, with the key node.
pub fn entry<'n>(node: &'n Node, key: &str) -> Option<(&'n Node, &'n Node)> {
    match &node.value {
        NodeValue::Mapping(entries) => entries
            .iter()
            .find(|(k, _)| k.as_scalar() == Some(key))
            .map(|(k, v)| (k, v)),
        _ => None,
    }
}

/// The items of a sequence node (none for anything else).
pub fn items(node: &Node) -> &[Node] {
    match &node.value {
        NodeValue::Sequence(items) => items,
        _ => &[],
    }
}

/// The item of a list of mappings whose `key` is `value`.
pub fn item_where<'n>(list: &'n Node, key: &str, value: &str) -> Option<&'n Node> {
    items(list)
        .iter()
        .find(|item| entry(item, key).and_then(|(_, v)| v.as_scalar()) == Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# head\nfields:\n  - name: a   # keep me\n    type: \"x \\\" y\"\n\n  # about b\n  - name: b\n    values: [A, B]\nafter: 1\n";

    #[test]
    fn edits_keep_every_other_byte() {
        let mut doc = Doc::new("f.yaml", TEXT).unwrap();
        let fields = entry(&doc.root, "fields").unwrap().1.clone();
        let a = item_where(&fields, "name", "a").unwrap().clone();
        let b = item_where(&fields, "name", "b").unwrap().clone();
        doc.replace_scalar(entry(&a, "name").unwrap().1, "c".into())
            .unwrap();
        doc.replace_scalar(entry(&a, "type").unwrap().1, "z".into())
            .unwrap();
        doc.replace_scalar(entry(&b, "values").unwrap().1, "[C]".into())
            .unwrap();
        assert_eq!(doc.item_lines(&a).unwrap(), (3, 5));
        assert_eq!(doc.item_lines(&b).unwrap(), (7, 9));
        assert_eq!(
            doc.apply().unwrap(),
            "# head\nfields:\n  - name: c   # keep me\n    type: z\n\n  # about b\n  - name: b\n    values: [C]\nafter: 1\n"
        );
        let mut doc = Doc::new("f.yaml", TEXT).unwrap();
        doc.remove_lines((3, 5));
        doc.insert_before_line(9, "  - name: d\n".into());
        assert_eq!(
            doc.apply().unwrap(),
            "# head\nfields:\n\n  # about b\n  - name: b\n    values: [A, B]\n  - name: d\nafter: 1\n"
        );
    }
}
