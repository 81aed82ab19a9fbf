//! [`CardToken`]: a card token that cannot leak through `Debug` or `Display`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::redact::LastFour;
use crate::wire::WireScalar;

/// A token standing for a stored card (the spec's `format: card_token` and
/// `format: acquirer_card_token` fields, such as [`VaultedCard::card_token`](crate::VaultedCard)).
///
/// Whoever holds a token can charge the card, so it is a credential:
///
/// - `Debug` shows at most its last four characters (`CardToken("****Zx9=")`), enough to tell two
///   tokens apart in a log; it has no `Display`.
/// - The value is read only through [`CardToken::expose`] (or [`CardToken::into_exposed`]), so
///   every place that reads it says so.
/// - On the wire it is the plain JSON string, byte for byte (`serde(transparent)`): a token may
///   contain `+`, `/` and `=`, and must be stored and sent exactly as received.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CardToken(String);

impl CardToken {
    /// A token with the exact text `value`.
    pub fn new(value: impl Into<String>) -> Self {
        CardToken(value.into())
    }

    /// The token's exact text, to store it or to pay with it. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The token's exact text, owned. Never log it.
    pub fn into_exposed(self) -> String {
        self.0
    }
}

impl fmt::Debug for CardToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CardToken")
            .field(&LastFour(&self.0))
            .finish()
    }
}

impl From<String> for CardToken {
    fn from(value: String) -> Self {
        CardToken(value)
    }
}

impl From<&str> for CardToken {
    fn from(value: &str) -> Self {
        CardToken(value.to_owned())
    }
}

impl WireScalar for CardToken {
    const EXPECTED: &'static str = String::EXPECTED;
    fn to_wire(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(&self.0)
    }
    fn from_wire_str(s: &str) -> Option<Self> {
        String::from_wire_str(s).map(CardToken)
    }
    fn from_wire_bool(b: bool) -> Option<Self> {
        String::from_wire_bool(b).map(CardToken)
    }
    fn from_wire_i64(n: i64) -> Option<Self> {
        String::from_wire_i64(n).map(CardToken)
    }
    fn from_wire_u64(n: u64) -> Option<Self> {
        String::from_wire_u64(n).map(CardToken)
    }
    fn from_wire_f64(n: f64) -> Option<Self> {
        String::from_wire_f64(n).map(CardToken)
    }
}
