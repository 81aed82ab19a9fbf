#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(all(feature = "runtime", not(any(feature = "aws-lc-rs", feature = "ring"))))]
compile_error!(
    "the `runtime` feature needs a crypto backend: enable `aws-lc-rs` (default) or `ring`"
);

pub mod api;
#[cfg(feature = "runtime")]
pub mod client;
#[cfg(feature = "runtime")]
pub mod error;
#[cfg(feature = "runtime")]
pub mod keys;
pub mod redact;
#[cfg(feature = "runtime")]
pub mod retry;
#[cfg(feature = "runtime")]
pub mod signing;
pub mod validate;
#[cfg(feature = "runtime")]
pub mod webhook;
pub mod wire;

/// Types, result codes and client methods generated from `spec/` by `antom-vault-codegen`.
pub mod generated {
    #[cfg(feature = "codegen")]
    include!(concat!(env!("OUT_DIR"), "/antom_vault.rs"));
    #[cfg(not(feature = "codegen"))]
    include!("../generated/antom_vault.rs");
}

pub use api::{MerchantApi, Notification, ResultAction, ResultCode, RetryRule};
#[cfg(feature = "runtime")]
pub use client::{CallResult, Client, ClientBuilder, Environment, Region};
#[cfg(feature = "runtime")]
pub use error::Error;
pub use generated::*;
#[cfg(feature = "runtime")]
pub use keys::{SigningKey, VerifyingKey};
#[cfg(feature = "runtime")]
pub use signing::SignatureHeader;
