//! The docs.antom.com markdown form: `# title`, `#### name (Type, REQUIRED)` headings with
//! `#####` children, one-line tables and fenced JSON examples.

use super::classify::{
    bullet, common_line, example_kind, is_identifier, section_named, table_line,
};
use super::facts::unescape_markdown;
use super::line::{ExampleKind, Line, Numbered};

/// Whether the text looks like this format: the first non-blank line is a `# ` heading.
pub fn detect(lines: &[&str]) -> bool {
    lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.starts_with("# "))
}

/// Classifies every line of a markdown page.
pub fn classify(lines: &[&str]) -> Vec<Numbered> {
    let mut out = Vec::new();
    let mut kind = ExampleKind::Request;
    let mut fence: Option<(usize, String)> = None;
    for (index, text) in lines.iter().enumerate() {
        let number = index + 1;
        let trimmed = text.trim();
        if let Some((start, mut body)) = fence.take() {
            if trimmed.starts_with("```") {
                out.push((start, Line::Example(kind, body)));
            } else {
                body.push_str(text);
                body.push('\n');
                fence = Some((start, body));
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some((number + 1, String::new()));
            continue;
        }
        let line = classify_one(trimmed);
        if let Line::Section(section) = line
            && let Some(k) = example_kind(section)
        {
            kind = k;
        }
        out.push((number, line));
    }
    if let Some((start, body)) = fence {
        out.push((start, Line::Text(body)));
    }
    out
}

fn classify_one(trimmed: &str) -> Line {
    if let Some(line) = common_line(trimmed) {
        return line;
    }
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    if hashes > 0 && trimmed[hashes..].starts_with(' ') {
        let title = trimmed[hashes..].trim();
        return heading(hashes, title);
    }
    if trimmed.starts_with('|') {
        return table_line(trimmed).unwrap_or_else(|| Line::Text(trimmed.into()));
    }
    if let Some(quoted) = trimmed.strip_prefix('>') {
        return quote(quoted.trim());
    }
    if let Some(item) = bullet(trimmed) {
        return Line::Bullet(item);
    }
    Line::Text(unescape_markdown(trimmed))
}

fn heading(level: usize, title: &str) -> Line {
    if level == 1 {
        return match section_named(title) {
            Some(section) => Line::Section(section),
            None => Line::Title(title.to_owned()),
        };
    }
    if level >= 4
        && let Some(field) = field_heading(level - 4, title)
    {
        return field;
    }
    match section_named(title) {
        Some(section) => Line::Section(section),
        None => Line::UnknownSection(title.to_owned()),
    }
}

/// Text inside a `>` quote: a bullet or plain text (the summary and notes live here).
fn quote(text: &str) -> Line {
    if text.is_empty() {
        return Line::Blank;
    }
    match bullet(text) {
        Some(item) => Line::Bullet(item),
        None => Line::Text(unescape_markdown(text)),
    }
}

/// `name (Type, REQUIRED)`, `name (Type)` or, without a type, `name (REQUIRED)`.
fn field_heading(depth: usize, title: &str) -> Option<Line> {
    let (name, rest) = title.split_once(' ')?;
    let inner = rest.trim().strip_prefix('(')?.strip_suffix(')')?;
    if !is_identifier(name) {
        return None;
    }
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    let required = parts.contains(&"REQUIRED");
    // An empty type text means the heading gives no type; the builder says so.
    let type_text = parts
        .first()
        .filter(|p| !matches!(**p, "REQUIRED" | "OPTIONAL"))
        .map_or_else(String::new, |p| (*p).to_owned());
    Some(Line::Field {
        depth,
        name: name.to_owned(),
        type_text,
        required,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::line::Section;

    #[test]
    fn reads_nested_headings_and_fences() {
        let page = "# api\n#### result (Result, REQUIRED)\n##### resultCode (String)\n## Request\n```json\n{\"a\": 1}\n```\n";
        let lines: Vec<&str> = page.lines().collect();
        let out = classify(&lines);
        assert_eq!(out[0].1, Line::Title("api".into()));
        assert_eq!(
            out[2].1,
            Line::Field {
                depth: 1,
                name: "resultCode".into(),
                type_text: "String".into(),
                required: false
            }
        );
        assert_eq!(
            out[4],
            (
                6,
                Line::Example(ExampleKind::Request, "{\"a\": 1}\n".into())
            )
        );
        assert!(matches!(out[3].1, Line::Section(Section::ExampleRequest)));
    }
}
