//! Rust bindings for Antom's card **Vault** APIs (createVaultingSession, vaultPaymentMethod,
//! inquireVaulting and the notifyVaulting webhook), generated at build time from YAML specs.
//!
//! - Typestate builders: a request without a required field does not compile.
//! - `validate()` checks lengths and allowed values before any network call, with the JSON path of
//!   every violation. Card data never shows up in `Debug`, logs or errors.
//! - SHA256withRSA signing of the exact bytes sent, verification of the exact bytes received; an
//!   unsigned response is never a success.
//! - Retries driven by the spec's result-code tables and Antom's idempotency rules.
//! - A local emulator (the `antom-vault-mock` crate) runs the whole flow with no network.
//!
//! # Install
//!
//! ```sh
//! cargo add antom-vault
//! ```
//!
//! # Example
//!
//! ```no_run
//! use antom_vault::{
//!     Client, CreateVaultingSessionRequest, Environment, Region, SigningKey, VerifyingKey,
//! };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder()
//!     .client_id("SANDBOX_5X00000000000000")
//!     .environment(Environment::Sandbox)
//!     .region(Region::NorthAmerica)
//!     .merchant_private_key(SigningKey::parse(&std::env::var("ANTOM_MERCHANT_PRIVATE_KEY")?)?)
//!     .antom_public_key(VerifyingKey::parse(&std::env::var("ANTOM_PUBLIC_KEY")?)?)
//!     .build()?;
//!
//! // Validated against the spec, serialized once, signed, sent; the answer is verified.
//! let request = CreateVaultingSessionRequest::builder()
//!     .payment_method_type("CARD")
//!     .vaulting_request_id("session-0001")
//!     .vaulting_notification_url("https://merchant.example/antom/notify")
//!     .redirect_url("https://merchant.example/cards/done")
//!     .build();
//! let session = client.create_vaulting_session(&request).await?;
//! println!("hosted card page: {:?}", session.normal_url);
//! # Ok(())
//! # }
//! ```
//!
//! # Features
//!
//! | feature | default | what it gives |
//! |---|---|---|
//! | `aws-lc-rs` | yes | the runtime ([`Client`], [`keys`], [`signing`], [`webhook`]) with RSA on aws-lc-rs |
//! | `ring` | no | the same runtime with RSA and rustls on ring; aws-lc-rs wins when both are on |
//! | `codegen` | yes | `build.rs` generates the bindings from the packaged `spec/`; without it the committed, identical `generated/antom_vault.rs` is included |
//! | `schemars` | yes | `schemars::JsonSchema` for every generated type: the same schemas as the exported `generated/schema/` files (what a sender must send, what may arrive) |
//!
//! Without a backend feature the crate is only the generated types, builders and validation: no
//! HTTP stack, no crypto, no tokio. Items that need a backend are marked so in these docs.
//!
//! # More
//!
//! - The [README](https://docs.rs/crate/antom-vault/latest/source/README.md): keys, client
//!   configuration, outcomes and retries, notifications, signing primitives, tracing.
//! - [`generated`]: every request, response, builder and result-code enum.
//! - [`webhook::WebhookVerifier`]: verifying notifyVaulting before trusting it.
//! - The emulator, the spec workflow and performance figures are documented in the repository
//!   (`mock/README.md`, `docs/`).
#![cfg_attr(docsrs, feature(doc_cfg))]
// `runtime` is internal: items behind it say which backend features turn it on.
#![cfg_attr(docsrs, doc(auto_cfg(hide(feature = "runtime"))))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(all(feature = "runtime", not(any(feature = "aws-lc-rs", feature = "ring"))))]
compile_error!(
    "the `runtime` feature needs a crypto backend: enable `aws-lc-rs` (default) or `ring`"
);

pub mod api;
pub mod card_token;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub mod client;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub mod error;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub mod keys;
pub mod redact;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub mod retry;
pub mod schema;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub mod signing;
pub mod validate;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub mod webhook;
pub mod wire;

/// Types, result codes and client methods generated from `spec/` by `antom-vault-codegen`.
///
/// - [`objects`](generated::objects): the objects and value enums the messages share (a card,
///   an address, [`CardBrand`], [`VaultingStatus`], ...) and the gateway-wide result codes.
/// - One module per API: its marker type, request and response (or notification and
///   acknowledgement) and result-code enum, e.g.
///   [`vault_payment_method`](generated::vault_payment_method).
/// - [`builder`]: the builder of every type, started by the type's
///   `builder()`.
/// - [`catalog`]: the spec's facts about every struct and API as static tables
///   ([`schema`]), for code that walks them all.
/// - [`service`]: Antom's hosts per region, the API base paths and the client-id rules.
///
/// Everything except the builders is re-exported at the crate root, so `antom_vault::CardDetail`
/// and `antom_vault::generated::objects::CardDetail` are the same type.
pub mod generated {
    #[cfg(feature = "codegen")]
    include!(concat!(env!("OUT_DIR"), "/antom_vault.rs"));
    #[cfg(not(feature = "codegen"))]
    include!("../generated/antom_vault.rs");
}

pub use api::{MerchantApi, Notification, ResultAction, ResultCode, RetryRule};
pub use card_token::CardToken;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub use client::{CallResult, Client, ClientBuilder, Environment, Region};
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub use error::Error;
pub use generated::builder;
pub use generated::catalog;
pub use generated::create_vaulting_session::*;
pub use generated::inquire_vaulting::*;
pub use generated::notify_vaulting::*;
pub use generated::objects::*;
pub use generated::service;
pub use generated::vault_payment_method::*;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub use keys::{SigningKey, VerifyingKey};
/// The reqwest this crate sends with, for [`ClientBuilder::http_client`].
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub use reqwest;
#[cfg(feature = "runtime")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "aws-lc-rs", feature = "ring"))))]
pub use signing::SignatureHeader;

/// The README's code blocks, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
