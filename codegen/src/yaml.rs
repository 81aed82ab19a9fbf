//! A located YAML node tree, built from yaml-rust2's event parser.
//!
//! Every node keeps the line and column where it starts, so that every later error (an unknown
//! type, a bad length, a duplicate key) can point at the offending text. Anchors, aliases and tags
//! are not part of the spec format and are rejected.

use std::collections::HashMap;

use yaml_rust2::Event;
use yaml_rust2::parser::Parser;
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostic::{Diagnostic, Location};

/// A YAML node with its location.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: NodeValue,
    /// Where the node starts.
    pub loc: Location,
}

/// The content of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// A scalar, as written; `quoted` is true for single- or double-quoted and block scalars.
    Scalar {
        /// The scalar text.
        text: String,
        /// Whether the scalar was quoted (or a block scalar), so `"true"` is not a boolean.
        quoted: bool,
    },
    /// A sequence.
    Sequence(Vec<Node>),
    /// A mapping with scalar keys, in file order; keys are unique.
    Mapping(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Whether this is a plain `null`, `~` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, NodeValue::Scalar { text, quoted: false } if text.is_empty() || text == "~" || text == "null")
    }

    /// A short name of the node's kind for messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            NodeValue::Scalar { .. } if self.is_null() => "nothing",
            NodeValue::Scalar { .. } => "a scalar",
            NodeValue::Sequence(_) => "a list",
            NodeValue::Mapping(_) => "a mapping",
        }
    }
}

fn location(file: &str, m: &Marker) -> Location {
    Location::new(file, m.line(), m.col() + 1)
}

/// Parses one YAML document from `source` into a located node tree.
///
/// `file` is only used for the locations. A syntax error, a duplicate key, a non-scalar key, an
/// anchor, an alias, a tag or a second document is reported as a located [`Diagnostic`].
pub fn parse(file: &str, source: &str) -> Result<Node, Diagnostic> {
    let mut builder = Builder {
        file,
        parser: Parser::new_from_str(source),
    };
    builder.document()
}

struct Builder<'a> {
    file: &'a str,
    parser: Parser<std::str::Chars<'a>>,
}

impl Builder<'_> {
    fn next(&mut self) -> Result<(Event, Location), Diagnostic> {
        match self.parser.next_token() {
            Ok((event, marker)) => Ok((event, location(self.file, &marker))),
            Err(e) => Err(Diagnostic::at(
                &location(self.file, e.marker()),
                format!("malformed YAML: {}", e.info()),
            )),
        }
    }

    fn document(&mut self) -> Result<Node, Diagnostic> {
        let mut root = None;
        loop {
            let (event, loc) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                Event::DocumentStart => {
                    if root.is_some() {
                        return Err(Diagnostic::at(
                            &loc,
                            "a spec file holds exactly one YAML document",
                        ));
                    }
                    let (event, loc) = self.next()?;
                    root = Some(self.node(event, loc)?);
                }
                Event::StreamEnd => {
                    return root.ok_or_else(|| {
                        Diagnostic::at(&Location::new(self.file, 1, 1), "the file is empty")
                    });
                }
                _ => {
                    return Err(Diagnostic::at(&loc, "unexpected YAML content"));
                }
            }
        }
    }

    fn node(&mut self, event: Event, loc: Location) -> Result<Node, Diagnostic> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                reject_anchor_tag(anchor, tag.is_some(), &loc)?;
                Ok(Node {
                    value: NodeValue::Scalar {
                        text,
                        quoted: style != TScalarStyle::Plain,
                    },
                    loc,
                })
            }
            Event::SequenceStart(anchor, tag) => {
                reject_anchor_tag(anchor, tag.is_some(), &loc)?;
                let mut items = Vec::new();
                loop {
                    let (event, item_loc) = self.next()?;
                    if event == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node(event, item_loc)?);
                }
                Ok(Node {
                    value: NodeValue::Sequence(items),
                    loc,
                })
            }
            Event::MappingStart(anchor, tag) => {
                reject_anchor_tag(anchor, tag.is_some(), &loc)?;
                let mut entries: Vec<(Node, Node)> = Vec::new();
                // Each key's first location, so the duplicate check stays linear in the keys.
                let mut seen: HashMap<String, Location> = HashMap::new();
                loop {
                    let (event, key_loc) = self.next()?;
                    if event == Event::MappingEnd {
                        break;
                    }
                    let key = self.node(event, key_loc)?;
                    let Some(key_text) = key.as_scalar() else {
                        return Err(Diagnostic::at(&key.loc, "mapping keys must be plain text"));
                    };
                    if let Some(first) = seen.get(key_text) {
                        return Err(Diagnostic::at(
                            &key.loc,
                            format!(
                                "duplicate key `{key_text}` (first given at line {}:{})",
                                first.line, first.col
                            ),
                        ));
                    }
                    seen.insert(key_text.to_owned(), key.loc.clone());
                    let (event, value_loc) = self.next()?;
                    let value = self.node(event, value_loc)?;
                    entries.push((key, value));
                }
                let loc = entries.first().map_or(loc, |(k, _)| k.loc.clone());
                Ok(Node {
                    value: NodeValue::Mapping(entries),
                    loc,
                })
            }
            Event::Alias(_) => Err(Diagnostic::at(
                &loc,
                "YAML aliases are not supported in spec files; write the value out",
            )),
            _ => Err(Diagnostic::at(&loc, "unexpected YAML content")),
        }
    }
}

fn reject_anchor_tag(anchor: usize, tagged: bool, loc: &Location) -> Result<(), Diagnostic> {
    if anchor != 0 {
        return Err(Diagnostic::at(
            loc,
            "YAML anchors are not supported in spec files",
        ));
    }
    if tagged {
        return Err(Diagnostic::at(
            loc,
            "YAML tags are not supported in spec files",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_one_based() {
        let node = parse("f.yaml", "a: 1\nb:\n  - x\n").unwrap();
        let NodeValue::Mapping(entries) = &node.value else {
            panic!("not a mapping")
        };
        assert_eq!((entries[1].0.loc.line, entries[1].0.loc.col), (2, 1));
        let NodeValue::Sequence(items) = &entries[1].1.value else {
            panic!("not a sequence")
        };
        assert_eq!((items[0].loc.line, items[0].loc.col), (3, 5));
    }

    #[test]
    fn duplicate_key_is_located() {
        let err = parse("f.yaml", "a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!((err.line, err.col), (3, 1));
        assert!(err.message.contains("duplicate key `a`"), "{}", err.message);
    }

    #[test]
    fn fifty_thousand_keys_load_and_a_late_duplicate_is_found() {
        let mut text: String = (0..50_000).map(|i| format!("k{i}: {i}\n")).collect();
        let node = parse("f.yaml", &text).unwrap();
        let NodeValue::Mapping(entries) = &node.value else {
            panic!("not a mapping")
        };
        assert_eq!(entries.len(), 50_000);
        assert_eq!(entries[49_999].0.as_scalar(), Some("k49999"));
        assert_eq!(entries[49_999].1.as_scalar(), Some("49999"));
        text.push_str("k7: again\n");
        let err = parse("f.yaml", &text).unwrap_err();
        assert_eq!((err.line, err.col), (50_001, 1));
        assert!(
            err.message.contains("first given at line 8:1"),
            "{}",
            err.message
        );
    }

    #[test]
    fn malformed_yaml_is_located() {
        let err = parse("f.yaml", "a: {b\n").unwrap_err();
        assert!(err.message.starts_with("malformed YAML"), "{}", err.message);
        assert_eq!(err.line, 2);
    }
}
