//! prettyplease formatting of the emitted tokens (feature `format`): what `generate` writes to
//! `generated/`, with a blank line between items so that a person can read it (on docs.rs too).

use proc_macro2::TokenStream;

/// Formats `tokens` (a whole file) after `header`.
pub fn tokens(header: &str, tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file_text(header, &file),
        // Unreachable for a resolved IR; keep the raw tokens so the compiler shows the problem.
        Err(e) => format!("{header}// codegen could not format this output: {e}\n{tokens}\n"),
    }
}

/// Formats Rust source `text` (a whole file) after `header`; the error is the parser's message.
pub fn text(header: &str, text: &str) -> Result<String, String> {
    let file = syn::parse_file(text).map_err(|e| e.to_string())?;
    Ok(file_text(header, &file))
}

fn file_text(header: &str, file: &syn::File) -> String {
    let mut out = String::from(header);
    space_items(&prettyplease::unparse(file), &mut out);
    out
}

/// Copies prettyplease's output, adding a blank line between two items at the same depth (after
/// a closing `}` or an item ending in `;`) where prettyplease puts none.
fn space_items(formatted: &str, out: &mut String) {
    let mut prev: Option<&str> = None;
    for line in formatted.lines() {
        if let Some(p) = prev
            && starts_item_after(p, line)
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Whether `line` starts an item that follows the item ending on `prev`.
fn starts_item_after(prev: &str, line: &str) -> bool {
    if prev.trim().is_empty() || indent(prev) != indent(line) {
        return false;
    }
    let p = prev.trim();
    let l = line.trim_start();
    let documented = l.starts_with("///") || l.starts_with("#[");
    let item = documented
        || [
            "pub ", "pub(", "impl", "fn ", "const ", "mod ", "struct ", "enum ", "trait ",
        ]
        .iter()
        .any(|k| l.starts_with(k));
    (p == "}" && item)
        || (p.ends_with(';') && (documented || l.starts_with("fn ") || l.starts_with("pub fn ")))
}
