//! The runtime's vocabulary types, emitted from [`crate::model::vocab`]: `ResultAction` (the
//! spec's `action` words) and `RetryRule` (the `transport_retry` words, which are also the rule
//! each action implies). The runtime re-exports them (`antom_vault::api`), so their variants, their
//! documentation and the action-to-retry table are written once, in the vocabulary.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Action, Term, TransportRetry};

/// A sentence from a term's wording: capital first letter, final period.
fn sentence(wording: &str) -> String {
    let mut chars = wording.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!(" {first}{}.", chars.as_str())
}

fn variant<T: Term>(term: T) -> Ident {
    Ident::new(term.variant(), Span::call_site())
}

/// `ResultAction`, `RetryRule` and `ResultAction::retry`.
pub fn runtime_terms() -> TokenStream {
    let actions = Action::ALL.iter().map(|a| {
        let doc = sentence(a.wording());
        let v = variant(*a);
        quote!(#[doc = #doc] #v,)
    });
    let rules = TransportRetry::ALL.iter().map(|r| {
        let doc = sentence(r.wording());
        let v = variant(*r);
        quote!(#[doc = #doc] #v,)
    });
    let retry = Action::ALL.iter().map(|a| {
        let v = variant(*a);
        let r = variant(a.retry());
        quote!(ResultAction::#v => RetryRule::#r,)
    });
    let spelling = Action::ALL.iter().map(|a| {
        let v = variant(*a);
        let s = a.as_spec();
        quote!(ResultAction::#v => #s,)
    });
    quote! {
        /// What a caller must do after receiving a result code, as declared in the spec's
        /// result-code tables (`action`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ResultAction {
            #(#actions)*
        }

        /// Whether, and how, a request may be sent again: after a transport failure
        /// (`transport_retry`), or after a result (the rule its [`ResultAction`] implies).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RetryRule {
            #(#rules)*
        }

        impl ResultAction {
            /// The retry rule this action implies.
            pub const fn retry(self) -> RetryRule {
                match self {
                    #(#retry)*
                }
            }

            /// The action as the spec spells it (`retry_same_id`).
            pub const fn as_spec(self) -> &'static str {
                match self {
                    #(#spelling)*
                }
            }
        }
    }
}
