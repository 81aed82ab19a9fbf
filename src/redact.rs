//! Keeping card and personal data out of `Debug`, `Display` and logs.
//!
//! - [`Redacted`] and [`LastFour`] are what the generated `Debug` impls print for fields the spec
//!   marks `sensitive` (and `reveal: last_four`).
//! - [`mask_card_numbers`] cleans text that came from outside (Antom's `resultMessage`, a
//!   notification's header values) before it is kept in an error or written to a log: every run of
//!   digits that could be a card number (13 to 19 digits that pass the Luhn check) is reduced to
//!   its last four digits. It is the one masking rule of the crate.
//!
//! Ids the merchant chose (`vaultingRequestId`, the client id) are printed as they are, in logs,
//! spans and errors: they are what an operator searches for, and a timestamp-style id such as
//! `visa-1796334024466-1` must not turn into `visa-****4661`.

use std::borrow::Cow;
use std::fmt;

/// Prints `<redacted>` whatever the value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The fewest characters a value must have before [`LastFour`] shows any of them.
pub const LAST_FOUR_MIN_CHARS: usize = 12;

/// Prints a sensitive text (a card number, a card token) as `****` and its last four characters
/// (`****1111`); spaces are ignored.
///
/// Values shorter than [`LAST_FOUR_MIN_CHARS`] print as `<redacted>`, so that nothing short enough
/// to be guessed from four characters is revealed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct LastFour<'a>(pub &'a str);

impl fmt::Debug for LastFour<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kept: Vec<char> = self.0.chars().filter(|c| *c != ' ').collect();
        if kept.len() < LAST_FOUR_MIN_CHARS {
            return f.write_str("<redacted>");
        }
        f.write_str("****")?;
        kept[kept.len() - 4..]
            .iter()
            .try_for_each(|c| fmt::Write::write_char(f, *c))
    }
}

/// The shortest and longest digit runs [`mask_card_numbers`] treats as a possible card number.
pub const CARD_NUMBER_DIGITS: std::ops::RangeInclusive<usize> = 13..=19;

/// Replaces every run of 13 to 19 digits (single spaces or dashes allowed between digits) that
/// passes the Luhn check with `****` and the run's last four digits. Text without such a run is
/// returned unchanged, without copying.
///
/// Card numbers carry a Luhn check digit; most other long digit runs (millisecond timestamps,
/// order numbers) do not, so they stay readable. A run that fails the check is kept as it is.
///
/// ```
/// use antom_vault::redact::mask_card_numbers;
/// assert_eq!(mask_card_numbers("card 4111 1111-1111 1111 declined"), "card ****1111 declined");
/// assert_eq!(mask_card_numbers("order 123456 failed"), "order 123456 failed");
/// // A millisecond timestamp fails the Luhn check: not a card number.
/// assert_eq!(mask_card_numbers("id visa-1796334024466-1"), "id visa-1796334024466-1");
/// ```
pub fn mask_card_numbers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let (end, digits) = digit_run(bytes, i);
        if CARD_NUMBER_DIGITS.contains(&digits) && passes_luhn(&bytes[i..end]) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..i]);
            out.push_str("****");
            let last: Vec<u8> = bytes[i..end]
                .iter()
                .filter(|b| b.is_ascii_digit())
                .copied()
                .collect();
            out.extend(last[last.len() - 4..].iter().map(|b| char::from(*b)));
            copied = end;
        }
        i = end;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// From the digit at `start`: the end of the run (digits, with single spaces or dashes between
/// digits) and how many digits it holds.
fn digit_run(bytes: &[u8], start: usize) -> (usize, usize) {
    let mut end = start;
    let mut digits = 0;
    let mut i = start;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            digits += 1;
            i += 1;
            end = i;
        } else if matches!(bytes[i], b' ' | b'-')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i += 1;
        } else {
            break;
        }
    }
    (end, digits)
}

/// Whether the digits of `run` (separators skipped) pass the Luhn check, as every card number's
/// do.
fn passes_luhn(run: &[u8]) -> bool {
    let sum: u32 = run
        .iter()
        .rev()
        .filter(|b| b.is_ascii_digit())
        .map(|b| u32::from(b - b'0'))
        .enumerate()
        .map(|(position, digit)| match position % 2 {
            0 => digit,
            _ if digit > 4 => digit * 2 - 9,
            _ => digit * 2,
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Text from outside, masked by [`mask_card_numbers`] when displayed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Masked<'a>(pub &'a str);

impl fmt::Display for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask_card_numbers(self.0))
    }
}

impl fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*mask_card_numbers(self.0), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_that_fail_the_luhn_check_are_kept() {
        // Millisecond timestamps and order numbers in the merchant's ids.
        for text in [
            "visa-1796334024466-1",
            "order 1234567890123 failed",
            "19 digits 1234567890123456789",
            // One digit off a real test card number.
            "4111111111111112",
        ] {
            assert_eq!(mask_card_numbers(text), text);
            assert!(matches!(mask_card_numbers(text), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn the_luhn_check_doubles_every_second_digit_from_the_right() {
        assert!(passes_luhn(b"4111111111111111"));
        assert!(passes_luhn(b"4111-1111-1111-1111"));
        assert!(passes_luhn(b"5500 0000 0000 0004"));
        assert!(passes_luhn(b"4000000000000259"));
        assert!(!passes_luhn(b"4111111111111121"));
        assert!(!passes_luhn(b"1796334024466"));
        // 9 doubled is 18, counted as 9: 0000000000000091 sums to 1 + 9 = 10.
        assert!(passes_luhn(b"0000000000000091"));
        assert!(!passes_luhn(b"0000000000000019"));
    }

    #[test]
    fn last_four_shows_the_last_four_characters_at_most() {
        assert_eq!(format!("{:?}", LastFour("4111111111111111")), "****1111");
        assert_eq!(format!("{:?}", LastFour("4111 1111 1111 1234")), "****1234");
        assert_eq!(
            format!("{:?}", LastFour("ALIPAYJW1k+9K3XbvQ0/zJxS0Hk8rW4=")),
            "****rW4="
        );
        assert_eq!(format!("{:?}", LastFour("411")), "<redacted>");
        // Exactly the minimum shows its last four; one fewer (spaces do not count) shows nothing.
        assert_eq!(format!("{:?}", LastFour("abcdefgh1234")), "****1234");
        assert_eq!(format!("{:?}", LastFour("abcdefgh123 ")), "<redacted>");
        assert_eq!(format!("{:?}", LastFour("tok_12345ab")), "<redacted>");
        assert_eq!(format!("{:?}", Redacted), "<redacted>");
    }

    #[test]
    fn card_number_runs_of_13_to_19_digits_are_masked() {
        assert_eq!(
            mask_card_numbers("bad card 4111111111111111."),
            "bad card ****1111."
        );
        assert_eq!(
            mask_card_numbers("4111-1111-1111-1111 and 5500 0000 0000 0004"),
            "****1111 and ****0004"
        );
        assert_eq!(
            mask_card_numbers("13 digits 4222222222222"),
            "13 digits ****2222"
        );
        assert_eq!(
            mask_card_numbers("19 digits 4000000000000000006"),
            "19 digits ****0006"
        );
        // 12 and 20 digits are not card numbers; neither are digits split by two separators.
        assert_eq!(mask_card_numbers("123456789012"), "123456789012");
        assert_eq!(
            mask_card_numbers("12345678901234567890"),
            "12345678901234567890"
        );
        assert_eq!(
            mask_card_numbers("4111  1111  1111  1111"),
            "4111  1111  1111  1111"
        );
        assert!(matches!(mask_card_numbers("no digits"), Cow::Borrowed(_)));
        // 12 and 20 digits that pass the Luhn check are still not card numbers.
        assert!(passes_luhn(b"123456789015") && passes_luhn(b"12345678901234567894"));
        assert_eq!(mask_card_numbers("a 123456789015 b"), "a 123456789015 b");
        assert_eq!(
            mask_card_numbers("a 12345678901234567894 b"),
            "a 12345678901234567894 b"
        );
        // Only a space or a dash joins digits: a card number followed by `/2` ends before it.
        assert_eq!(mask_card_numbers("4111111111111111/2"), "****1111/2");
        // A card number at the very start and at the very end of the text.
        assert_eq!(mask_card_numbers("4111111111111111"), "****1111");
        assert_eq!(mask_card_numbers("x4111111111111111"), "x****1111");
        assert_eq!(
            mask_card_numbers("ünï 4111111111111111 ✓"),
            "ünï ****1111 ✓"
        );
        assert_eq!(format!("{}", Masked("x 4111111111111111")), "x ****1111");
        assert_eq!(
            format!("{:?}", Masked("id visa-1796334024466-1")),
            "\"id visa-1796334024466-1\""
        );
        assert_eq!(
            format!("{:?}", Masked("x 4111111111111111")),
            "\"x ****1111\""
        );
    }
}
