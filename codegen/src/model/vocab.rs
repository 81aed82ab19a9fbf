//! The spec's closed word lists, each defined once: the Rust term, its spec spelling (what a YAML
//! file says), and its wording (what documentation, reports and the generated code say).
//!
//! Every other place — the loader, the importer, the diff, the emitters, the runtime's
//! `ResultAction` and `RetryRule` (which the generator emits from these tables) — reads the terms
//! from here.

use std::fmt;
use std::str::FromStr;

/// A word that is not one of a list's spellings. It names the list, never the word itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownTerm {
    /// The list's name in the spec (`action`, `status`, ...).
    pub list: &'static str,
    /// Every allowed spelling, in declaration order.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownTerm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` must be one of {}",
            self.list,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownTerm {}

/// What every closed word list offers.
pub trait Term: Copy + Eq + fmt::Debug + 'static {
    /// The key the list is written under in spec files (`action`).
    const LIST: &'static str;
    /// Every term, in declaration order.
    const ALL: &'static [Self];
    /// Every spelling, in declaration order.
    const SPELLINGS: &'static [&'static str];
    /// The spec spelling (`retry_same_id`).
    fn as_spec(self) -> &'static str;
    /// The term in words, for documentation and reports.
    fn wording(self) -> &'static str;
    /// The Rust variant name (`RetrySameId`), for code that names the term.
    fn variant(self) -> &'static str;
    /// Parses a spec spelling.
    fn parse(text: &str) -> Result<Self, UnknownTerm> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.as_spec() == text)
            .ok_or(UnknownTerm {
                list: Self::LIST,
                expected: Self::SPELLINGS,
            })
    }
}

/// Declares one closed word list: variants with their spelling and wording (the wording is also
/// the variant's rustdoc).
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident: $list:literal {
            $($variant:ident = $spec:literal, $wording:literal;)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = $wording] $variant,)*
        }

        impl Term for $name {
            const LIST: &'static str = $list;
            const ALL: &'static [Self] = &[$($name::$variant),*];
            const SPELLINGS: &'static [&'static str] = &[$($spec),*];
            fn as_spec(self) -> &'static str {
                match self { $($name::$variant => $spec,)* }
            }
            fn wording(self) -> &'static str {
                match self { $($name::$variant => $wording,)* }
            }
            fn variant(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant),)* }
            }
        }

        impl $name {
            /// The spec spelling (see [`Term::as_spec`]).
            pub fn as_spec(self) -> &'static str {
                Term::as_spec(self)
            }
            /// The term in words (see [`Term::wording`]).
            pub fn wording(self) -> &'static str {
                Term::wording(self)
            }
        }

        impl FromStr for $name {
            type Err = UnknownTerm;
            fn from_str(text: &str) -> Result<Self, UnknownTerm> {
                <$name as Term>::parse(text)
            }
        }

        impl fmt::Display for $name {
            /// The spec spelling.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_spec())
            }
        }
    };
}

vocabulary! {
    /// `direction`: which way an API's request travels.
    Direction: "direction" {
        MerchantToAntom = "merchant_to_antom", "the merchant calls Antom";
        AntomToMerchant = "antom_to_merchant", "Antom calls the merchant (a webhook notification)";
    }
}

vocabulary! {
    /// `idempotency.transport_retry`, and the retry rule a result code's action implies: whether,
    /// and how, a request may be sent again.
    TransportRetry: "transport_retry" {
        SameId = "same_id", "resend the identical request with the same idempotency id (signed again with a fresh time)";
        NewId = "new_id", "do not resend this request; a new attempt needs a new idempotency id";
        Never = "never", "do not resend at all";
    }
}

vocabulary! {
    /// `required` of a field.
    Required: "required" {
        Yes = "true", "required";
        No = "false", "optional";
        OnSuccess = "on_success", "on success";
    }
}

vocabulary! {
    /// A result status letter (`result.resultStatus`).
    Status: "status" {
        S = "S", "success";
        F = "F", "failure";
        U = "U", "unknown outcome";
    }
}

vocabulary! {
    /// `action` of a result code: what a caller must do after receiving it.
    Action: "action" {
        None = "none", "nothing: the call did what was asked";
        FixRequest = "fix_request", "the request is wrong (fields, headers, signature, keys): fix it; never resend it unchanged";
        RetrySameId = "retry_same_id", "the outcome is unknown: resend the identical request with the same idempotency id";
        RetryNewId = "retry_new_id", "this attempt is dead: start again with a new idempotency id";
        RedirectBuyer = "redirect_buyer", "a normal intermediate step: send the buyer to the returned URL (for example 3-D Secure)";
        ContactSupport = "contact_support", "retrying will not help: contact Antom support";
        BackOff = "back_off", "rate limited: wait, then resend with the same idempotency id";
        NotFound = "not_found", "a definite answer that nothing exists under the id asked about (an inquiry's \"no such record\"); nothing to fix, and a new idempotency id is safe";
    }
}

vocabulary! {
    /// `reveal` of a sensitive field: how much of its value `Debug` may show.
    Reveal: "reveal" {
        LastFour = "last_four", "`****` and the last four characters (spaces ignored), or nothing when the value has fewer than 12";
    }
}

vocabulary! {
    /// `format` of a sensitive text field: what the text stands for, where the generated code
    /// gives it a type of its own.
    Format: "format" {
        CardToken = "card_token", "Antom's token for the vaulted card, passed as the payment method id when paying: typed `CardToken`, and the card that holds it is what each message's vaulted-card accessor returns";
        AcquirerCardToken = "acquirer_card_token", "the acquirer's own token for the card, also a reusable credential: typed `CardToken`";
    }
}

impl Action {
    /// The retry rule the action implies.
    pub fn retry(self) -> TransportRetry {
        match self {
            Action::RetrySameId | Action::BackOff => TransportRetry::SameId,
            Action::RetryNewId => TransportRetry::NewId,
            Action::None
            | Action::FixRequest
            | Action::RedirectBuyer
            | Action::ContactSupport
            | Action::NotFound => TransportRetry::Never,
        }
    }
}

impl Required {
    /// Whether the field is always present.
    pub fn is_required(self) -> bool {
        self == Required::Yes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Term + FromStr<Err = UnknownTerm>>() {
        for term in T::ALL {
            assert_eq!(T::parse(term.as_spec()), Ok(*term));
            assert!(!term.wording().is_empty());
        }
        assert_eq!(T::ALL.len(), T::SPELLINGS.len());
        let err = T::parse("no such word").unwrap_err();
        assert!(!err.to_string().contains("no such word"), "{err}");
    }

    #[test]
    fn every_spelling_parses_back_to_its_term() {
        round_trips::<Direction>();
        round_trips::<TransportRetry>();
        round_trips::<Required>();
        round_trips::<Status>();
        round_trips::<Action>();
        round_trips::<Reveal>();
        round_trips::<Format>();
    }

    #[test]
    fn actions_imply_their_retry_rule() {
        assert_eq!(Action::BackOff.retry(), TransportRetry::SameId);
        assert_eq!(Action::RetryNewId.retry(), TransportRetry::NewId);
        assert_eq!(Action::ContactSupport.retry(), TransportRetry::Never);
        assert_eq!(Action::NotFound.retry(), TransportRetry::Never);
        assert_eq!("retry_same_id".parse(), Ok(Action::RetrySameId));
    }
}
