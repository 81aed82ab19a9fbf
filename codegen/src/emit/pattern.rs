//! Regular expressions that accept exactly the decimal spellings of the integers in a range.
//!
//! JSON Schema's `minimum` and `maximum` apply to numbers only, but Antom's wire rule sends integers
//! as strings, so the wire contract carries the range in a `pattern` instead. The pattern accepts
//! the canonical spelling only: an optional `-`, no `+`, no leading zeros, no `-0`, no spaces. It
//! uses nothing beyond `^ $ | (?: ) [ ] { }`, which ECMA-262, Rust's `regex` and Python's `re` read
//! alike.

/// The pattern for the integers `minimum..=maximum` (a missing bound is the `i64` limit).
pub fn integer_range(minimum: Option<i64>, maximum: Option<i64>) -> String {
    let a = i128::from(minimum.unwrap_or(i64::MIN));
    let b = i128::from(maximum.unwrap_or(i64::MAX));
    // The lint rejects `minimum > maximum`; here the two bounds are simply taken in order.
    let (lo, hi) = (a.min(b), a.max(b));
    let mut alternatives = Vec::new();
    // Negative numbers: `-` followed by a magnitude in [max(1, -hi), -lo].
    let negative = (lo < 0).then(|| magnitudes(hi.min(-1).unsigned_abs(), lo.unsigned_abs()));
    let zero = lo <= 0 && hi >= 0;
    let positive = (hi > 0).then(|| magnitudes(lo.max(1).unsigned_abs(), hi.unsigned_abs()));
    match (negative, positive) {
        (Some(n), Some(p)) if n == p => alternatives.push(format!("-?{}", group(&n))),
        (n, p) => {
            if let Some(n) = n {
                alternatives.push(format!("-{}", group(&n)));
            }
            if let Some(p) = p {
                alternatives.extend(p);
            }
        }
    }
    if zero {
        alternatives.push("0".to_owned());
    }
    format!("^(?:{})$", alternatives.join("|"))
}

/// `(?:a|b)`, or `a` alone when there is one alternative.
fn group(alternatives: &[String]) -> String {
    match alternatives {
        [one] => one.clone(),
        many => format!("(?:{})", many.join("|")),
    }
}

/// Alternatives matching the decimal spellings (no leading zeros) of `lo..=hi`, `1 <= lo <= hi`.
fn magnitudes(lo: u128, hi: u128) -> Vec<String> {
    let mut out = Vec::new();
    let (lo_len, hi_len) = (digits(lo), digits(hi));
    // Lengths strictly between the two ends are whole: every number of that many digits.
    let mut whole: Option<(usize, usize)> = None;
    let flush = |whole: &mut Option<(usize, usize)>, out: &mut Vec<String>| {
        if let Some((a, b)) = whole.take() {
            out.push(whole_lengths(a, b));
        }
    };
    for len in lo_len..=hi_len {
        let first = if len == lo_len { lo } else { pow10(len - 1) };
        let last = if len == hi_len { hi } else { pow10(len) - 1 };
        if first == pow10(len - 1) && last == pow10(len) - 1 {
            whole = Some(whole.map_or((len, len), |(a, _)| (a, len)));
        } else {
            flush(&mut whole, &mut out);
            out.extend(same_length(&first.to_string(), &last.to_string()));
        }
    }
    flush(&mut whole, &mut out);
    out
}

/// Every number with `a..=b` digits: `[1-9][0-9]{a-1,b-1}`.
fn whole_lengths(a: usize, b: usize) -> String {
    match (a - 1, b - 1) {
        (0, 0) => "[1-9]".to_owned(),
        (x, y) if x == y => format!("[1-9]{}", repeat(x)),
        (x, y) => format!("[1-9][0-9]{{{x},{y}}}"),
    }
}

fn repeat(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "[0-9]".to_owned(),
        n => format!("[0-9]{{{n}}}"),
    }
}

/// Alternatives for the digit strings `lo..=hi` of equal length.
fn same_length(lo: &str, hi: &str) -> Vec<String> {
    let (l, h) = (lo.as_bytes()[0], hi.as_bytes()[0]);
    let (lo_rest, hi_rest) = (&lo[1..], &hi[1..]);
    if lo_rest.is_empty() {
        return vec![class(l, h)];
    }
    if l == h {
        return same_length(lo_rest, hi_rest)
            .into_iter()
            .map(|tail| format!("{}{tail}", char::from(l)))
            .collect();
    }
    let rest = lo_rest.len();
    let mut out = Vec::new();
    let mut start = l;
    if lo_rest.bytes().any(|b| b != b'0') {
        let nines = "9".repeat(rest);
        out.extend(
            same_length(lo_rest, &nines)
                .into_iter()
                .map(|tail| format!("{}{tail}", char::from(l))),
        );
        start = l + 1;
    }
    let upper_full = hi_rest.bytes().all(|b| b == b'9');
    let end = if upper_full { h } else { h - 1 };
    if start <= end {
        out.push(format!("{}{}", class(start, end), repeat(rest)));
    }
    if !upper_full {
        let zeros = "0".repeat(rest);
        out.extend(
            same_length(&zeros, hi_rest)
                .into_iter()
                .map(|tail| format!("{}{tail}", char::from(h))),
        );
    }
    out
}

/// `d`, `[de]` or `[d-f]`, or `[0-9]`.
fn class(a: u8, b: u8) -> String {
    match b - a {
        0 => char::from(a).to_string(),
        1 => format!("[{}{}]", char::from(a), char::from(b)),
        _ => format!("[{}-{}]", char::from(a), char::from(b)),
    }
}

fn digits(n: u128) -> usize {
    n.to_string().len()
}

fn pow10(n: usize) -> u128 {
    (0..n).fold(1, |acc, _| acc * 10)
}

#[cfg(test)]
mod tests {
    use super::integer_range;
    use regex::Regex;

    fn matcher(min: Option<i64>, max: Option<i64>) -> Regex {
        Regex::new(&integer_range(min, max)).expect("a valid regex")
    }

    /// Every integer from `lo - 30` to `hi + 30` matches exactly when it is inside the range.
    fn exhaustive(lo: i64, hi: i64) {
        let re = matcher(Some(lo), Some(hi));
        for n in (lo - 30)..=(hi + 30) {
            assert_eq!(
                re.is_match(&n.to_string()),
                (lo..=hi).contains(&n),
                "{n} against {lo}..={hi}: {re}"
            );
        }
    }

    #[test]
    fn the_time_zone_range_accepts_both_ends_and_rejects_one_past_each() {
        let re = matcher(Some(-720), Some(720));
        for inside in [
            "-720", "-719", "-100", "-1", "0", "1", "9", "10", "99", "719", "720",
        ] {
            assert!(re.is_match(inside), "{inside}");
        }
        for outside in ["-721", "721", "-99999", "99999", "1000", "-1000"] {
            assert!(!re.is_match(outside), "{outside}");
        }
        exhaustive(-720, 720);
    }

    #[test]
    fn leading_zeros_signs_and_spaces_are_not_the_canonical_spelling() {
        let re = matcher(Some(-720), Some(720));
        for odd in [
            "007", "00", "-0", "+5", "+0", "-007", " 5", "5 ", "", "-", "5.0", "1e2", "٣",
        ] {
            assert!(!re.is_match(odd), "{odd:?}");
        }
    }

    #[test]
    fn ranges_of_every_shape_match_exactly_their_integers() {
        for (lo, hi) in [
            (0, 0),
            (5, 5),
            (-5, -5),
            (0, 9),
            (1, 10),
            (7, 93),
            (10, 99),
            (100, 999),
            (123, 4567),
            (-4567, -123),
            (-1, 1),
            (-50, 20),
            (-9, 0),
            (0, 1000),
            (199, 201),
            (990, 1010),
        ] {
            exhaustive(lo, hi);
        }
    }

    #[test]
    fn missing_bounds_are_the_i64_limits() {
        let re = matcher(None, None);
        for s in [
            "0",
            "-1",
            "42",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            assert!(re.is_match(s), "{s}");
        }
        for s in ["9223372036854775808", "-9223372036854775809", "01", "-0"] {
            assert!(!re.is_match(s), "{s}");
        }
        let non_negative = matcher(Some(0), None);
        assert!(non_negative.is_match("0") && non_negative.is_match("123456"));
        assert!(!non_negative.is_match("-1"));
    }

    #[test]
    fn the_pattern_reads_as_a_person_would_write_it() {
        assert_eq!(
            integer_range(Some(-720), Some(720)),
            "^(?:-?(?:[1-9][0-9]{0,1}|[1-6][0-9]{2}|7[01][0-9]|720)|0)$"
        );
        assert_eq!(integer_range(Some(1), Some(12)), "^(?:[1-9]|1[0-2])$");
    }
}
