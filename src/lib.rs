#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// TEMPORARY (client branch, until the generated code lands in main): a hand-written stand-in for
// the generated module and the Validate trait, so that the runtime compiles and is testable.
#[path = "stub_generated.rs"]
pub mod generated;
pub mod validate {
    //! Stand-in for the codegen helper's validation module.
    use std::fmt;
    /// A request's validation failures.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ValidationErrors(pub Vec<String>);
    impl fmt::Display for ValidationErrors {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0.join("; "))
        }
    }
    impl std::error::Error for ValidationErrors {}
    /// Checks a request against the spec's constraints.
    pub trait Validate {
        /// Every violation, or `Ok`.
        fn validate(&self) -> Result<(), ValidationErrors>;
    }
}

pub mod api;
pub mod client;
pub mod error;
pub mod keys;
pub mod retry;
pub mod signing;
pub mod webhook;

pub use api::{MerchantApi, Notification, ResultAction, ResultCode, RetryRule};
pub use client::{CallResult, Client, ClientBuilder, Environment, Region};
pub use error::Error;
pub use keys::{SigningKey, VerifyingKey};
pub use signing::SignatureHeader;
