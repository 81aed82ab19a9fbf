//! Small readers for the facts hidden in page text: types, lengths, values, actions.

use crate::model::{Action, Status, TransportRetry};

/// Removes markdown backslash escapes (`PARAM\_ILLEGAL` -> `PARAM_ILLEGAL`, `\*` -> `*`).
/// JSON escapes (`\"`, `\\`, `\n`, `\u`) are kept.
pub fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && "_*=#[]()+-.!<>|`{}~".contains(next)
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// A type as written on the page, mapped to a spec type and (for arrays) an item type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageType {
    /// Spec type: a primitive or an object name.
    pub ty: String,
    /// Element type for arrays.
    pub items: Option<String>,
}

/// Maps one page type word (`String`, `URL`, `Result`, `Array<Foo>`) to a spec type.
/// Returns `None` for words that look like neither a primitive nor an object name.
pub fn map_type(word: &str) -> Option<PageType> {
    let word = word.trim();
    if let Some(inner) = word
        .strip_prefix("Array<")
        .and_then(|rest| rest.strip_suffix('>'))
    {
        let item = map_type(inner)?;
        return Some(PageType {
            ty: "array".into(),
            items: Some(item.ty),
        });
    }
    let primitive = match word {
        "String" => Some("string"),
        "URL" | "Url" => Some("url"),
        "Datetime" | "DateTime" => Some("datetime"),
        "Boolean" => Some("boolean"),
        "Integer" | "Number" | "Long" => Some("integer"),
        _ => None,
    };
    if let Some(p) = primitive {
        return Some(PageType {
            ty: p.into(),
            items: None,
        });
    }
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    if first_upper && word.chars().all(|c| c.is_ascii_alphanumeric()) {
        Some(PageType {
            ty: word.into(),
            items: None,
        })
    } else {
        None
    }
}

/// Reads "Maximum length: 64 characters".
pub fn max_length(text: &str) -> Option<u64> {
    let rest = text.trim().strip_prefix("Maximum length:")?;
    let number: String = rest
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    number.parse().ok()
}

/// Reads "Value range: -720 - 720" (or "-720 to 720") into its two bounds.
pub fn value_range(text: &str) -> Option<(i64, i64)> {
    let rest = text.trim().strip_prefix("Value range:")?.trim();
    let rest = rest.trim_end_matches('.');
    let split = rest
        .split_once(" to ")
        .or_else(|| rest.split_once(" - "))
        .or_else(|| {
            // "1-3": the separator is the first '-' after the first digit.
            let start = rest.find(|c: char| c.is_ascii_digit())?;
            let at = rest[start..].find('-')? + start;
            Some((&rest[..at], &rest[at + 1..]))
        })?;
    Some((split.0.trim().parse().ok()?, split.1.trim().parse().ok()?))
}

/// Every `` `backticked` `` word in the text, in order.
pub fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The single constant of "The value of this parameter is fixed to `CARD`" (the rendered text
/// of a page loses the backticks: "fixed to CARD").
pub fn fixed_value(text: &str) -> Option<String> {
    let at = text.find("fixed to")? + "fixed to".len();
    let rest = &text[at..];
    if let Some(value) = backticked(rest).into_iter().next() {
        return Some(value);
    }
    let word = rest
        .split_whitespace()
        .next()?
        .trim_end_matches(['.', ',', ';']);
    let constant = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    constant.then(|| word.to_owned())
}

/// Whether a field's prose says it is present exactly when `result.resultStatus` is `S`
/// ("... is returned when the value of result.resultStatus is S."). A condition with more parts
/// ("is S and the value of vaultingStatus is PROCESSING") is not read.
pub fn returned_on_success(text: &str) -> bool {
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '`' | '_' | '*'))
        .collect::<String>()
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    ["returned when", "returned only when"].iter().any(|lead| {
        plain.match_indices(lead).any(|(at, _)| {
            let rest = &plain[at + lead.len()..];
            let rest = rest.strip_prefix(" the value of").unwrap_or(rest);
            rest.strip_prefix(" result.resultstatus is s")
                .is_some_and(|end| end.is_empty() || end.starts_with(['.', ';']))
        })
    })
}

/// The page's date on a line of its own: `2023-12-26 08:34`, `2023-12-26`, or after a label
/// such as `Last updated:`. Returns `YYYY-MM-DD`.
pub fn page_date(text: &str) -> Option<String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let rest = [
        "last updated:",
        "last updated",
        "updated:",
        "update time:",
        "date:",
    ]
    .iter()
    .find_map(|label| lower.strip_prefix(label).map(|_| &text[label.len()..]))
    .unwrap_or(text)
    .trim();
    let (date, time) = rest.split_once(' ').unwrap_or((rest, ""));
    let time = time.trim();
    let time_ok = time.is_empty()
        || (time.len() == 5
            && time.as_bytes()[2] == b':'
            && time.replace(':', "").bytes().all(|b| b.is_ascii_digit()))
        || (time.len() == 8 && time.bytes().all(|b| b.is_ascii_digit() || b == b':'));
    let parts: Vec<&str> = date.split('-').collect();
    let shape_ok = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !(time_ok && shape_ok) {
        return None;
    }
    let month: u32 = parts[1].parse().ok()?;
    let day: u32 = parts[2].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| date.to_owned())
}

/// A result code named in running text: upper-case letters, digits and `_`, with at least one `_`
/// (so that `S`, `F`, `U` and `ID` are not codes).
fn code_word(word: &str) -> Option<&str> {
    let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
    let is_code = word.contains('_')
        && word.len() > 3
        && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    is_code.then_some(word)
}

/// What one line of the result-process logic says about retries: the rule of the sentences that
/// name no result code (`general`), and the rule each named code gets of its own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetryRules {
    /// The rule for `U` outcomes in general.
    pub general: Option<TransportRetry>,
    /// Codes the text gives their own rule, in page order.
    pub per_code: Vec<(String, TransportRetry)>,
}

/// Reads a result-process-logic line sentence by sentence (see [`RetryRules`]).
pub fn retry_rules(text: &str) -> RetryRules {
    let mut rules = RetryRules::default();
    for sentence in text.split_inclusive(['.', ';']) {
        let Some(rule) = retry_rule(sentence) else {
            continue;
        };
        let codes: Vec<&str> = sentence.split_whitespace().filter_map(code_word).collect();
        if codes.is_empty() {
            rules.general = rules.general.or(Some(rule));
        }
        for code in codes {
            if !rules.per_code.iter().any(|(c, _)| c == code) {
                rules.per_code.push((code.to_owned(), rule));
            }
        }
    }
    rules
}

/// Whether the text opens a closed list of values ("Valid values are:").
pub fn opens_value_list(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("valid values are") || lower.contains("possible values are:")
}

/// The value a value-list bullet defines (`` `S`: indicates ... `` -> `S`; the rendered text,
/// without backticks: `S: indicates ...` -> `S`).
pub fn value_bullet(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('`') {
        let end = rest.find('`')?;
        let value = rest[..end].trim();
        return (!value.is_empty()).then(|| value.to_owned());
    }
    let (value, _) = text.split_once(':')?;
    let constant = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    constant.then(|| value.to_owned())
}

/// What the result-process text says to do after `U`: resend with the same id, or a new one.
pub fn retry_rule(text: &str) -> Option<TransportRetry> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("same request id") || lower.contains("same vaultingrequestid") {
        Some(TransportRetry::SameId)
    } else if lower.contains("new request id") || lower.contains("new vaultingrequestid") {
        Some(TransportRetry::NewId)
    } else {
        None
    }
}

/// Maps a result-code row's "Further action" text (and its status) to a spec action.
///
/// `u_rule` is what the page's result-process logic says about `U` outcomes; it decides whether
/// "call again" means the same or a new idempotency id.
/// `None` when the text does not map.
pub fn map_action(status: Status, text: &str, u_rule: Option<TransportRetry>) -> Option<Action> {
    let lower = text.to_ascii_lowercase();
    let has = |needle: &str| lower.contains(needle);
    if lower.trim().is_empty() {
        return (status == Status::S).then_some(Action::None);
    }
    if has("no further action") {
        return Some(Action::None);
    }
    if has("redirect") || has("applinkurl") || has("normalurl") || has("schemeurl") {
        return Some(Action::RedirectBuyer);
    }
    if has("check and verify") || has("check whether") || has("check the") {
        return Some(Action::FixRequest);
    }
    if has("do not retry") || has("human intervention") {
        return Some(Action::ContactSupport);
    }
    if has("later") || has("traffic") || has("frequency") {
        return Some(Action::BackOff);
    }
    if has("again") || has("retry") {
        let rule = retry_rule(text).or(u_rule);
        return Some(match rule {
            Some(TransportRetry::NewId) => Action::RetryNewId,
            _ => Action::RetrySameId,
        });
    }
    if has("contact") && has("support") {
        return Some(Action::ContactSupport);
    }
    None
}

/// Reads the API name from a title candidate, when it is a plausible camelCase identifier.
pub fn api_name(title: &str) -> Option<String> {
    let name = title.split('|').next()?.trim();
    let mut chars = name.chars();
    let first_lower = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    (first_lower && name.chars().all(|c| c.is_ascii_alphanumeric())).then(|| name.to_owned())
}

/// Reads an endpoint line (`POST /v1/vaults/x`, optionally in backticks) into its path.
pub fn endpoint(text: &str) -> Option<String> {
    let text = text.trim().trim_matches('`').trim();
    let path = text.strip_prefix("POST ")?.trim();
    (path.starts_with('/') && !path.contains(' ')).then(|| path.to_owned())
}

/// Splits a table row into trimmed, unescaped cells. `None` when the text is not a row.
pub fn table_cells(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('|')?.strip_suffix('|')?;
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    cells.push(current);
    Some(cells.iter().map(|c| unescape_markdown(c.trim())).collect())
}

/// Whether a table row is the `| --- | --- |` separator.
pub fn is_table_rule(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_markdown_but_not_json() {
        assert_eq!(unescape_markdown(r"PARAM\_ILLEGAL"), "PARAM_ILLEGAL");
        assert_eq!(unescape_markdown(r#"a\"b\\n"#), r#"a\"b\\n"#);
    }

    #[test]
    fn maps_types() {
        assert_eq!(map_type("URL").unwrap().ty, "url");
        let arr = map_type("Array<String>").unwrap();
        assert_eq!(
            (arr.ty.as_str(), arr.items.as_deref()),
            ("array", Some("string"))
        );
        assert_eq!(map_type("Result").unwrap().ty, "Result");
        assert_eq!(map_type("weird-thing"), None);
    }

    #[test]
    fn maps_actions() {
        let a = |s, t| map_action(s, t, Some(TransportRetry::SameId));
        assert_eq!(a(Status::S, ""), Some(Action::None));
        assert_eq!(a(Status::F, ""), None);
        assert_eq!(
            a(Status::F, "Check and verify the fields."),
            Some(Action::FixRequest)
        );
        assert_eq!(
            a(Status::F, "Do not retry. Contact support."),
            Some(Action::ContactSupport)
        );
        assert_eq!(
            a(Status::U, "Call the interface again."),
            Some(Action::RetrySameId)
        );
        assert_eq!(
            map_action(Status::U, "Call again.", Some(TransportRetry::NewId)),
            Some(Action::RetryNewId)
        );
        assert_eq!(a(Status::F, "Pray."), None);
        assert_eq!(
            map_action(
                Status::U,
                "Call this API again with a new request ID.",
                Some(TransportRetry::SameId)
            ),
            Some(Action::RetryNewId),
            "the row's own words win over the general U rule"
        );
    }

    #[test]
    fn reads_lengths_values_and_endpoints() {
        assert_eq!(max_length("Maximum length: 2048 characters"), Some(2048));
        assert_eq!(value_range("Value range: 1 - 3"), Some((1, 3)));
        assert_eq!(value_range("Value range: -720 to 720"), Some((-720, 720)));
        assert_eq!(value_range("Value range: 1-3"), Some((1, 3)));
        assert_eq!(value_range("Value range: lots"), None);
        assert_eq!(fixed_value("is fixed to `CARD`."), Some("CARD".into()));
        assert_eq!(value_bullet("`S`: success"), Some("S".into()));
        assert_eq!(value_bullet("SEEN: looked at"), Some("SEEN".into()));
        assert_eq!(value_bullet("Maximum length: 8"), None);
        assert_eq!(endpoint("`POST /v1/vaults/x`"), Some("/v1/vaults/x".into()));
        assert_eq!(
            api_name("createVaultingSession | Product APIs"),
            Some("createVaultingSession".into())
        );
        assert_eq!(api_name("Structure"), None);
        assert_eq!(fixed_value("is fixed to CARD"), Some("CARD".into()));
        assert_eq!(fixed_value("is fixed to the buyer"), None);
    }

    #[test]
    fn reads_page_dates_and_refuses_other_numbers() {
        assert_eq!(page_date("2023-12-26 08:34"), Some("2023-12-26".into()));
        assert_eq!(
            page_date("Last updated: 2024-03-14"),
            Some("2024-03-14".into())
        );
        assert_eq!(page_date("2024-13-01"), None);
        assert_eq!(page_date("2023-12-26 is when"), None);
        assert_eq!(page_date("\"2019-11-27T12:01:01+08:00\""), None);
    }

    #[test]
    fn reads_on_success_presence_in_each_form() {
        assert!(returned_on_success(
            "This parameter is returned when the value of result.resultStatus is S."
        ));
        assert!(returned_on_success(
            "This parameter is returned when the value of _result.resultStatus_ is `S`."
        ));
        assert!(!returned_on_success(
            "This parameter is returned when the value of result.resultStatus is U."
        ));
        assert!(!returned_on_success("The status is S or F."));
        assert!(!returned_on_success(
            "When the value of result.resultStatus is S and the value of vaultingStatus is PROCESSING, URLs may be returned."
        ));
        assert!(!returned_on_success(
            "It is returned when the value of result.resultStatus is S and vaultingStatus is SUCCESS."
        ));
    }

    #[test]
    fn result_logic_sentences_give_general_and_per_code_rules() {
        let rules = retry_rules(
            "`U`: unknown. If the code is UNKNOWN_EXCEPTION, call this API again with a new request ID. Otherwise retry with the same request ID.",
        );
        assert_eq!(rules.general, Some(TransportRetry::SameId));
        assert_eq!(
            rules.per_code,
            [("UNKNOWN_EXCEPTION".to_owned(), TransportRetry::NewId)]
        );
        assert_eq!(retry_rules("`S`: success.").general, None);
    }
}
