#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod client;
pub mod error;
pub mod keys;
pub mod redact;
pub mod retry;
pub mod signing;
pub mod validate;
pub mod webhook;
pub mod wire;

/// Types, result codes and client methods generated from `spec/` by `antom-vault-codegen`.
pub mod generated {
    #[cfg(not(feature = "prebuilt"))]
    include!(concat!(env!("OUT_DIR"), "/antom_vault.rs"));
    #[cfg(feature = "prebuilt")]
    include!("../generated/antom_vault.rs");
}

pub use api::{MerchantApi, Notification, ResultAction, ResultCode, RetryRule};
pub use client::{CallResult, Client, ClientBuilder, Environment, Region};
pub use error::Error;
pub use generated::*;
pub use keys::{SigningKey, VerifyingKey};
pub use signing::SignatureHeader;
