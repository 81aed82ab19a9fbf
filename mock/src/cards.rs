//! The emulator's test cards: how a card number decides a vaulting's outcome.
//!
//! Any other number that passes the Luhn check and has a plausible length is vaulted
//! successfully, with the brand derived from its prefix.

use std::fmt;

use antom_vault::{CardBrand, NotifyVaultingResultCode};

/// Decline codes are the notification's result codes (what `vaultingResultCode` reports).
type Code = NotifyVaultingResultCode;

/// What the emulator does with a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardBehaviour {
    /// Vaulted at once: `S SUCCESS` with a card token.
    Approve,
    /// Needs 3-D Secure: `U VERIFICATION_IN_PROCESS` with a `normalUrl` to the 3DS page.
    Challenge,
    /// Declined: `F VERIFICATION_FAIL` in the answer and in the notification (whose message names
    /// the reason); inquireVaulting reports the reason as `vaultingResultCode`.
    Decline(&'static NotifyVaultingResultCode),
    /// Vaulted, but the first response for each `vaultingRequestId` is lost (connection dropped
    /// after the vaulting was stored).
    LoseFirstResponse,
    /// The first attempt with this card number (per emulator, whatever the `vaultingRequestId`)
    /// answers `U UNKNOWN_EXCEPTION` without vaulting. The documented action, a new id, then
    /// succeeds.
    UnknownFirstAttempt,
}

/// One documented test card.
#[derive(Clone, Copy, Debug)]
pub struct TestCard {
    /// The card number.
    pub number: &'static str,
    /// What the emulator does with it.
    pub behaviour: CardBehaviour,
}

impl TestCard {
    /// A short description for the README and the hosted page: the brand and what happens.
    pub fn note(&self) -> String {
        let brand = brand_of(self.number);
        match self.behaviour {
            CardBehaviour::Approve => format!("{brand}, vaulted"),
            CardBehaviour::Challenge => format!("{brand}, 3-D Secure page decides"),
            CardBehaviour::Decline(code) => format!("{brand}, declined: {code}"),
            CardBehaviour::LoseFirstResponse => format!("{brand}, vaulted; first response lost"),
            CardBehaviour::UnknownFirstAttempt => {
                format!("{brand}, first attempt answers an unknown outcome")
            }
        }
    }
}

/// Every documented test card (numbers pass the Luhn check).
pub const TEST_CARDS: &[TestCard] = &[
    TestCard {
        number: "4111111111111111",
        behaviour: CardBehaviour::Approve,
    },
    TestCard {
        number: "5555555555554444",
        behaviour: CardBehaviour::Approve,
    },
    TestCard {
        number: "378282246310005",
        behaviour: CardBehaviour::Approve,
    },
    TestCard {
        number: "3566002020360505",
        behaviour: CardBehaviour::Approve,
    },
    TestCard {
        number: "4000000000003220",
        behaviour: CardBehaviour::Challenge,
    },
    TestCard {
        number: "4000000000000002",
        behaviour: CardBehaviour::Decline(&Code::DoNotHonor),
    },
    TestCard {
        number: "4000000000000069",
        behaviour: CardBehaviour::Decline(&Code::CardExpired),
    },
    TestCard {
        number: "4000000000000127",
        behaviour: CardBehaviour::Decline(&Code::InvalidCvv),
    },
    TestCard {
        number: "4000000000009979",
        behaviour: CardBehaviour::Decline(&Code::StolenCard),
    },
    TestCard {
        number: "4000000000000119",
        behaviour: CardBehaviour::Decline(&Code::ProcessFail),
    },
    TestCard {
        number: "4000000000000341",
        behaviour: CardBehaviour::LoseFirstResponse,
    },
    TestCard {
        number: "4000000000000259",
        behaviour: CardBehaviour::UnknownFirstAttempt,
    },
];

/// The decline code for a number that is not a card number.
pub const INVALID_CARD_NUMBER: NotifyVaultingResultCode = Code::InvalidCardNumber;

/// The card data the emulator needs to decide (held briefly; never logged).
pub struct CardInput<'a> {
    /// The card number (spaces and dashes are ignored).
    pub number: &'a str,
    /// Two-digit expiry month.
    pub expiry_month: &'a str,
    /// Two-digit expiry year.
    pub expiry_year: &'a str,
}

impl fmt::Debug for CardInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CardInput { .. }")
    }
}

/// The outcome of checking a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Vault it (possibly after a fault, see [`CardBehaviour`]).
    Approve(CardBehaviour),
    /// Send the buyer to 3-D Secure first.
    Challenge,
    /// Decline with this vaulting result code.
    Decline(NotifyVaultingResultCode),
}

/// Decides a card by its number, then its expiry (`today` is `(year, month)`).
pub fn decide(card: &CardInput<'_>, today: (i64, u32)) -> Decision {
    let digits = normalise(card.number);
    if !(12..=19).contains(&digits.len())
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !luhn_ok(&digits)
    {
        return Decision::Decline(INVALID_CARD_NUMBER);
    }
    let month: Option<u32> = card
        .expiry_month
        .trim()
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m));
    let year: Option<i64> = card
        .expiry_year
        .trim()
        .parse::<i64>()
        .ok()
        .map(|y| if y < 100 { 2000 + y } else { y });
    let (Some(month), Some(year)) = (month, year) else {
        return Decision::Decline(Code::InvalidExpirationDate);
    };
    if (year, month) < (today.0, today.1) {
        return Decision::Decline(Code::CardExpired);
    }
    match behaviour_of(&digits) {
        Some(CardBehaviour::Challenge) => Decision::Challenge,
        Some(CardBehaviour::Decline(code)) => Decision::Decline(code.clone()),
        Some(other) => Decision::Approve(other),
        None => Decision::Approve(CardBehaviour::Approve),
    }
}

/// The behaviour of a documented test card, if the number is one.
pub fn behaviour_of(number: &str) -> Option<CardBehaviour> {
    let digits = normalise(number);
    TEST_CARDS
        .iter()
        .find(|c| c.number == digits)
        .map(|c| c.behaviour)
}

/// Strips spaces and dashes from a typed card number.
pub fn normalise(number: &str) -> String {
    number.chars().filter(|c| !matches!(c, ' ' | '-')).collect()
}

/// The card scheme, derived from the number's prefix.
pub fn brand_of(number: &str) -> CardBrand {
    let d = normalise(number);
    let prefix = |n: usize| d.get(..n).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    match () {
        _ if d.starts_with('4') => CardBrand::Visa,
        _ if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) => {
            CardBrand::Mastercard
        }
        _ if d.starts_with("34") || d.starts_with("37") => CardBrand::Amex,
        _ if (3528..=3589).contains(&prefix(4)) => CardBrand::Jcb,
        _ if d.starts_with("6011") || d.starts_with("65") || (644..=649).contains(&prefix(3)) => {
            CardBrand::Discover
        }
        _ if d.starts_with("36") || d.starts_with("38") || (300..=305).contains(&prefix(3)) => {
            CardBrand::Diners
        }
        _ if d.starts_with("62") => CardBrand::Cup,
        _ => CardBrand::Visa,
    }
}

/// The masked form Antom returns: every digit but the last four replaced by `*`.
pub fn mask(number: &str) -> String {
    let d = normalise(number);
    let keep = d.len().saturating_sub(4);
    d.char_indices()
        .map(|(i, c)| if i < keep { '*' } else { c })
        .collect()
}

/// The Luhn checksum.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut v = u32::from(b - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(number: &str) -> CardInput<'_> {
        CardInput {
            number,
            expiry_month: "12",
            expiry_year: "49",
        }
    }

    #[test]
    fn every_test_card_passes_luhn_and_behaves_as_documented() {
        for c in TEST_CARDS {
            assert!(luhn_ok(c.number), "{}", c.number);
            let expected = match c.behaviour {
                CardBehaviour::Challenge => Decision::Challenge,
                CardBehaviour::Decline(code) => Decision::Decline(code.clone()),
                other => Decision::Approve(other),
            };
            assert_eq!(
                decide(&card(c.number), (2026, 11)),
                expected,
                "{}",
                c.number
            );
        }
    }

    #[test]
    fn bad_numbers_and_dates_decline() {
        assert_eq!(
            decide(&card("4111111111111112"), (2026, 1)),
            Decision::Decline(INVALID_CARD_NUMBER)
        );
        assert_eq!(
            decide(&card("41111"), (2026, 1)),
            Decision::Decline(INVALID_CARD_NUMBER)
        );
        let old = CardInput {
            number: "4111111111111111",
            expiry_month: "01",
            expiry_year: "20",
        };
        assert_eq!(
            decide(&old, (2026, 1)),
            Decision::Decline(Code::CardExpired)
        );
        let bad = CardInput {
            number: "4111 1111 1111 1111",
            expiry_month: "13",
            expiry_year: "30",
        };
        assert_eq!(
            decide(&bad, (2026, 1)),
            Decision::Decline(Code::InvalidExpirationDate)
        );
    }

    #[test]
    fn brands_and_masks() {
        assert_eq!(brand_of("5555555555554444"), CardBrand::Mastercard);
        assert_eq!(brand_of("2223003122003222"), CardBrand::Mastercard);
        assert_eq!(brand_of("378282246310005"), CardBrand::Amex);
        assert_eq!(brand_of("3566002020360505"), CardBrand::Jcb);
        assert_eq!(brand_of("6011111111111117"), CardBrand::Discover);
        assert_eq!(brand_of("6212345678901232"), CardBrand::Cup);
        assert_eq!(mask("4111111111111111"), "************1111");
    }
}
