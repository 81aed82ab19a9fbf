//! Example bodies: checks that the page's JSON parses and re-indents it without reordering keys.

/// Checks `text` is JSON and returns it re-indented (two spaces, keys in page order, trailing
/// newline). Returns the parser's message when it is not JSON.
pub fn reindent(text: &str) -> Result<String, String> {
    serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string())?;
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                skip_whitespace(&mut chars);
                if matches!(chars.peek(), Some('}') | Some(']')) {
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                if !out.ends_with('{') && !out.ends_with('[') {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            _ => out.push(c),
        }
    }
    out.push('\n');
    Ok(out)
}

fn skip_whitespace(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::reindent;

    #[test]
    fn keeps_key_order_and_strings() {
        let text = r#"{"b": "x, y: {z}","a":{"c":[1, 2],"e":{}}}"#;
        let expected = "{\n  \"b\": \"x, y: {z}\",\n  \"a\": {\n    \"c\": [\n      1,\n      2\n    ],\n    \"e\": {}\n  }\n}\n";
        assert_eq!(reindent(text).unwrap(), expected);
    }

    #[test]
    fn rejects_broken_json() {
        assert!(reindent("{\"a\": }").is_err());
    }
}
