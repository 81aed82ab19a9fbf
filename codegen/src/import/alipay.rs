//! The global.alipay.com text form: `Title` + `====` underlines, `#### name Type  REQUIRED`
//! headings, hidden children, multi-line tables and examples with line-number gutters.

use super::classify::{bullet, common_line, is_identifier, section_named, table_line};
use super::facts::unescape_markdown;
use super::line::{ExampleKind, Line, Numbered, Section};

/// Whether the text looks like this format: the first non-blank line is underlined with `=`.
pub fn detect(lines: &[&str]) -> bool {
    let mut non_blank = lines.iter().filter(|l| !l.trim().is_empty());
    let _title = non_blank.next();
    non_blank.next().is_some_and(|l| is_underline(l))
}

fn is_underline(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3 && t.chars().all(|c| c == '=')
}

/// Collects the JSON lines of one example, after its `Request Body` / `Response Body` label.
struct ExampleCollector {
    kind: ExampleKind,
    start: usize,
    text: String,
    started: bool,
}

impl ExampleCollector {
    /// Feeds one line; returns true when the example has ended.
    fn feed(&mut self, text: &str) -> bool {
        let t = text.trim();
        if t.starts_with('ה') || t.starts_with("XXX") {
            return true;
        }
        let gutter = t.is_empty() || t == "Copy" || t.chars().all(|c| c.is_ascii_digit());
        if !self.started && gutter {
            return false;
        }
        if !t.is_empty() {
            self.started = true;
            self.text.push_str(t);
        }
        false
    }

    fn finish(self) -> Numbered {
        (
            self.start,
            Line::Example(self.kind, unescape_markdown(&self.text)),
        )
    }
}

/// Classifies every line of a text-form page.
pub fn classify(lines: &[&str]) -> Vec<Numbered> {
    let mut out = Vec::new();
    let mut example: Option<ExampleCollector> = None;
    let mut row: Option<(usize, String)> = None;
    let mut i = 0;
    while i < lines.len() {
        let number = i + 1;
        let text = lines[i];
        i += 1;
        if let Some(collector) = example.as_mut() {
            if collector.feed(text) {
                out.extend(example.take().map(ExampleCollector::finish));
            }
            continue;
        }
        if let Some((start, mut acc)) = row.take() {
            acc.push(' ');
            acc.push_str(text.trim());
            if text.trim_end().ends_with('|') {
                out.push((start, table_line(&acc).unwrap_or(Line::Text(acc))));
            } else {
                row = Some((start, acc));
            }
            continue;
        }
        if lines.get(i).is_some_and(|next| is_underline(next)) && !text.trim().is_empty() {
            i += 1;
            let title = text.trim();
            out.push((
                number,
                match section_named(title) {
                    Some(section) => Line::Section(section),
                    None => Line::Title(title.to_owned()),
                },
            ));
            continue;
        }
        let trimmed = text.trim();
        if trimmed == "Request Body" || trimmed == "Response Body" {
            let kind = if trimmed.starts_with("Request") {
                ExampleKind::Request
            } else {
                ExampleKind::Response
            };
            example = Some(ExampleCollector {
                kind,
                start: number + 1,
                text: String::new(),
                started: false,
            });
            continue;
        }
        if trimmed.starts_with('|') {
            if trimmed.len() > 1 && trimmed.ends_with('|') {
                out.push((
                    number,
                    table_line(trimmed).unwrap_or(Line::Text(trimmed.into())),
                ));
            } else {
                row = Some((number, trimmed.to_owned()));
            }
            continue;
        }
        out.push((number, classify_one(trimmed)));
    }
    if let Some(collector) = example {
        out.push(collector.finish());
    }
    if let Some((start, acc)) = row {
        out.push((start, Line::Text(acc)));
    }
    out
}

fn classify_one(trimmed: &str) -> Line {
    if let Some(line) = common_line(trimmed) {
        return line;
    }
    if let Some(title) = trimmed.strip_prefix("#### ") {
        return field_heading(title).unwrap_or_else(|| Line::UnknownSection(title.trim().into()));
    }
    if let Some(title) = trimmed
        .strip_prefix("### ")
        .or_else(|| trimmed.strip_prefix("## "))
    {
        return match section_named(title) {
            Some(section) => Line::Section(section),
            None => Line::UnknownSection(title.trim().into()),
        };
    }
    if let Some(section) = section_named(trimmed).filter(|s| *s == Section::Explorer) {
        return Line::Section(section);
    }
    if trimmed == "Show all" {
        return Line::Blank;
    }
    if let Some(item) = bullet(trimmed) {
        return Line::Bullet(item);
    }
    Line::Text(unescape_markdown(trimmed))
}

/// `paymentMethodType String  REQUIRED`, `result Result object REQUIRED`, `normalUrl URL`.
fn field_heading(title: &str) -> Option<Line> {
    let mut words: Vec<&str> = title.split_whitespace().collect();
    if words.len() < 2 || !is_identifier(words[0]) {
        return None;
    }
    let required = words.last() == Some(&"REQUIRED");
    if required {
        words.pop();
    }
    if words.last() == Some(&"object") && words.len() > 2 {
        words.pop();
    }
    Some(Line::Field {
        depth: 0,
        name: words[0].to_owned(),
        type_text: words[1..].join(" "),
        required,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headings() {
        assert_eq!(
            field_heading("result Result object REQUIRED"),
            Some(Line::Field {
                depth: 0,
                name: "result".into(),
                type_text: "Result".into(),
                required: true
            })
        );
        assert_eq!(
            field_heading("normalUrl URL  "),
            Some(Line::Field {
                depth: 0,
                name: "normalUrl".into(),
                type_text: "URL".into(),
                required: false
            })
        );
    }

    #[test]
    fn joins_multi_line_rows_and_examples() {
        let page = "| A | B |\n| --- | --- |\n| X\\_Y | long\n\n |\nRequest Body\nCopy\n1\n\n2\n{\n\"a\": \"b\\_c\n  d\"\n}\nההה\n";
        let lines: Vec<&str> = page.lines().collect();
        let out = classify(&lines);
        assert_eq!(out[0].1, Line::TableRow(vec!["A".into(), "B".into()]));
        assert_eq!(out[1].1, Line::TableRule);
        assert_eq!(
            out[2],
            (3, Line::TableRow(vec!["X_Y".into(), "long".into()]))
        );
        assert_eq!(
            out[3].1,
            Line::Example(ExampleKind::Request, "{\"a\": \"b_cd\"}".into())
        );
    }
}
