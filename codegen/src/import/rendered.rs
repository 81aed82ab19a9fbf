//! The plain text of a rendered page, as a browser copies it from global.alipay.com or
//! docs.antom.com: no markup at all. Sections are lines like `Request parameters`, a parameter
//! heading is one line `name Type REQUIRED` (`result Result  REQUIRED`, `redirectUrl String`),
//! bullets start with `•` or `- `, and table rows come as tab-separated cells.
//!
//! The rendered text does not show nesting, so every parameter heading is read at depth 0; the
//! "Show child parameters" marker tells that children exist but are not listed.

use super::classify::{bullet, common_line, example_kind, is_identifier, section_named};
use super::facts::{api_name, map_type};
use super::line::{ExampleKind, Line, Numbered, Section};

/// Whether the text looks like this form: a plain `Request parameters` or `Response parameters`
/// line followed (somewhere) by a parameter heading line.
pub fn detect(lines: &[&str]) -> bool {
    let Some(start) = lines.iter().position(|l| {
        matches!(
            section_named(l),
            Some(Section::RequestParams | Section::ResponseParams)
        )
    }) else {
        return false;
    };
    lines[start..]
        .iter()
        .any(|l| field_heading(l.trim()).is_some())
}

/// A JSON body being collected line by line until its braces balance.
struct Body {
    kind: ExampleKind,
    start: usize,
    text: String,
    depth: i64,
    in_string: bool,
    escaped: bool,
}

impl Body {
    /// Adds one line; returns true when the outermost brace has closed.
    fn feed(&mut self, line: &str) -> bool {
        for c in line.chars() {
            if self.in_string {
                match (self.escaped, c) {
                    (true, _) => self.escaped = false,
                    (false, '\\') => self.escaped = true,
                    (false, '"') => self.in_string = false,
                    _ => {}
                }
            } else {
                match c {
                    '"' => self.in_string = true,
                    '{' | '[' => self.depth += 1,
                    '}' | ']' => self.depth -= 1,
                    _ => {}
                }
            }
        }
        self.text.push_str(line);
        self.text.push('\n');
        self.depth <= 0
    }
}

/// Classifies every line of a rendered page.
pub fn classify(lines: &[&str]) -> Vec<Numbered> {
    let mut out = Vec::new();
    let mut section: Option<Section> = None;
    let mut titled = false;
    let mut body: Option<Body> = None;
    for (index, text) in lines.iter().enumerate() {
        let number = index + 1;
        let trimmed = text.trim();
        if let Some(open) = body.as_mut() {
            if open.feed(text) {
                let done = body.take().expect("an open body");
                out.push((done.start, Line::Example(done.kind, done.text)));
            }
            continue;
        }
        let kind = section.and_then(example_kind);
        if let Some(kind) = kind.filter(|_| trimmed.starts_with('{')) {
            let mut open = Body {
                kind,
                start: number,
                text: String::new(),
                depth: 0,
                in_string: false,
                escaped: false,
            };
            if open.feed(text) {
                out.push((number, Line::Example(kind, open.text)));
            } else {
                body = Some(open);
            }
            continue;
        }
        let line = classify_one(trimmed, section, titled);
        match &line {
            Line::Section(s) => section = Some(*s),
            Line::Title(_) => titled = true,
            _ => {}
        }
        out.push((number, line));
    }
    if let Some(open) = body {
        // A body cut off by the end of the page: the builder reports it as not JSON.
        out.push((open.start, Line::Example(open.kind, open.text)));
    }
    out
}

fn classify_one(trimmed: &str, section: Option<Section>, titled: bool) -> Line {
    if let Some(line) = common_line(trimmed) {
        return line;
    }
    if let Some(found) = section_named(trimmed) {
        return Line::Section(found);
    }
    let in_params = matches!(
        section,
        Some(Section::RequestParams | Section::ResponseParams)
    );
    if in_params && let Some(field) = field_heading(trimmed) {
        return field;
    }
    if section.is_none() && !titled && api_name(trimmed).is_some() {
        return Line::Title(trimmed.to_owned());
    }
    if section == Some(Section::Codes) && trimmed.contains('\t') {
        return Line::TableRow(trimmed.split('\t').map(|c| c.trim().to_owned()).collect());
    }
    if section.and_then(example_kind).is_some() && trimmed.eq_ignore_ascii_case("json") {
        return Line::Blank;
    }
    match bullet(trimmed) {
        Some(item) => Line::Bullet(item),
        None => Line::Text(trimmed.to_owned()),
    }
}

/// `vaultingRequestId String REQUIRED`, `result Result  REQUIRED`, `redirectUrl String`,
/// `resultStatus REQUIRED` (no type). The name must start in lower case and the type word must
/// read as a type, so that prose lines are never headings.
fn field_heading(title: &str) -> Option<Line> {
    let mut words: Vec<&str> = title.split_whitespace().collect();
    let name = *words.first()?;
    if !is_identifier(name) || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let required = words.last() == Some(&"REQUIRED");
    if required {
        words.pop();
    }
    if words.len() == 3 && words[2] == "object" {
        words.pop();
    }
    let type_text = match words[1..] {
        [] if required => String::new(),
        [word] if map_type(word).is_some() => word.to_owned(),
        _ => return None,
    };
    Some(Line::Field {
        depth: 0,
        name: name.to_owned(),
        type_text,
        required,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(name: &str, type_text: &str, required: bool) -> Option<Line> {
        Some(Line::Field {
            depth: 0,
            name: name.into(),
            type_text: type_text.into(),
            required,
        })
    }

    #[test]
    fn reads_one_line_headings_and_refuses_prose() {
        assert_eq!(
            field_heading("vaultingRequestId String REQUIRED"),
            heading("vaultingRequestId", "String", true)
        );
        assert_eq!(
            field_heading("result Result  REQUIRED"),
            heading("result", "Result", true)
        );
        assert_eq!(
            field_heading("customizedInfo CustomizedInfo  "),
            heading("customizedInfo", "CustomizedInfo", false)
        );
        assert_eq!(
            field_heading("resultStatus REQUIRED"),
            heading("resultStatus", "", true)
        );
        assert_eq!(field_heading("The result of the API call."), None);
        assert_eq!(field_heading("json"), None);
        assert_eq!(field_heading("merchantRegion is a code"), None);
    }

    #[test]
    fn collects_a_json_body_until_its_braces_close() {
        let page = "x\nRequest parameters\nid String\nRequest\njson\n{\n  \"a\": \"}\",\n  \"b\": [1]\n}\nafter\n";
        let lines: Vec<&str> = page.lines().collect();
        let out = classify(&lines);
        assert!(out.contains(&(
            6,
            Line::Example(
                ExampleKind::Request,
                "{\n  \"a\": \"}\",\n  \"b\": [1]\n}\n".into()
            )
        )));
        assert_eq!(out.last(), Some(&(10, Line::Text("after".into()))));
    }
}
