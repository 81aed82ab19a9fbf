//! `Debug` helpers that keep card and personal data out of logs.
//!
//! The generated types use these in their hand-written `Debug` impls for fields the spec marks
//! `sensitive`.

use std::fmt;

/// Prints `<redacted>` whatever the value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Prints a card number as `****` and at most its last four digits (`****1111`).
///
/// Values that are not a plausible card number (fewer than 12 digits, or anything but digits and
/// spaces) print as `<redacted>`, so that nothing short enough to be guessable is revealed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CardNumber<'a>(pub &'a str);

impl fmt::Debug for CardNumber<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits: Vec<char> = self.0.chars().filter(|c| *c != ' ').collect();
        let plausible = digits.len() >= 12 && digits.iter().all(char::is_ascii_digit);
        if !plausible {
            return f.write_str("<redacted>");
        }
        let last: String = digits[digits.len() - 4..].iter().collect();
        write!(f, "****{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_number_shows_last_four_at_most() {
        assert_eq!(format!("{:?}", CardNumber("4111111111111111")), "****1111");
        assert_eq!(
            format!("{:?}", CardNumber("4111 1111 1111 1234")),
            "****1234"
        );
        assert_eq!(format!("{:?}", CardNumber("411")), "<redacted>");
        assert_eq!(
            format!("{:?}", CardNumber("4111-1111-1111-1111")),
            "<redacted>"
        );
        assert_eq!(format!("{:?}", Redacted), "<redacted>");
    }
}
