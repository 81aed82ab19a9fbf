//! Rust bindings for Antom's card **Vault** APIs: store a card with Antom and get back a token to
//! pay with later. Covers createVaultingSession (Antom's hosted card page), vaultPaymentMethod
//! (server to server), inquireVaulting and the notifyVaulting webhook.
//!
//! Everything API-specific (field names, types, required flags, lengths, allowed values, result
//! codes and what to do about each) is generated at build time from the YAML files in `spec/`, so
//! the code and the spec cannot drift apart. Around it, a hand-written runtime:
//!
//! - **Builders that refuse incomplete requests.** `build()` only compiles once every required
//!   field is set; the compiler names the missing one.
//! - **Validation before the network.** Lengths and allowed values are checked first, and every
//!   violation comes with its JSON path.
//! - **Signed and verified bytes.** The request is serialized once and those exact bytes are
//!   signed (SHA256withRSA) and sent; Antom's answer is verified over the raw bytes before it is
//!   decoded. An unsigned answer is never a success.
//! - **Typed outcomes and safe retries.** Each answer maps to `Ok` or a typed [`Error`] with what
//!   to do next; resends happen only where Antom's idempotency rules allow them.
//! - **No card data in logs.** Sensitive fields are redacted in `Debug`; a card token is a
//!   [`CardToken`] whose `Debug` shows its last four characters only.
//! - **A local Antom emulator** (the `antom-vault-mock` crate) runs the whole flow with no network.
//!
//! # Install
//!
//! ```sh
//! cargo add antom-vault
//! ```
//!
//! # Example
//!
//! Vault a card server to server and keep its token:
//!
//! ```no_run
//! use antom_vault::{
//!     CardDetail, Client, Env, Environment, Error, PaymentMethodDetail, Region, SigningKey,
//!     TerminalType, VaultPaymentMethodRequest, VerifyingKey,
//! };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder()
//!     .client_id("SANDBOX_5X00000000000000")
//!     .environment(Environment::Sandbox)
//!     .region(Region::NorthAmerica)
//!     .merchant_private_key(SigningKey::parse(&std::env::var("ANTOM_MERCHANT_KEY")?)?)
//!     .antom_public_key(VerifyingKey::parse(&std::env::var("ANTOM_PUBLIC_KEY")?)?)
//!     .build()?;
//!
//! let card = CardDetail::builder().card_no("4111111111111111").expiry_year("30");
//! let detail = PaymentMethodDetail::builder().payment_method_type("CARD");
//! let request = VaultPaymentMethodRequest::builder()
//!     .vaulting_request_id("vault-0001") // your id: resending it never vaults twice
//!     .vaulting_notification_url("https://merchant.example/antom/notify")
//!     .redirect_url("https://merchant.example/cards/done")
//!     .payment_method_detail(detail.card(card.expiry_month("08").build()).build())
//!     .env(Env::builder().terminal_type(TerminalType::Web).build())
//!     .build();
//!
//! match client.vault_payment_method(&request).await {
//!     Ok(answer) => match answer.redirect() {
//!         Some(challenge) => println!("3-D Secure: buyer to {:?}", challenge.for_browser()),
//!         // Debug prints CardToken(****abcd); `token.expose()` is the value to store.
//!         None => println!("vaulted: {:?}", answer.vaulted_card().map(|c| &c.card_token)),
//!     },
//!     Err(Error::Failed(why)) => println!("refused: {} ({:?})", why.code(), why.action()),
//!     Err(e) if e.is_outcome_unknown() => println!("unknown: resolve vault-0001 by its id"),
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! To run the same flow with no Antom account, start the emulator
//! (`cargo run -p antom-vault-mock -- demo` in the repository), or run it in-process in your tests
//! with `antom_vault_mock::Emulator`.
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
//! # Outcomes
//!
//! Each API's result-code table in the spec gives every code a status (S, F or U) and an action;
//! the client turns them into:
//!
//! | Antom's answer | you get |
//! |---|---|
//! | signed S | `Ok(response)` |
//! | signed U `VERIFICATION_IN_PROCESS` (3-D Secure) | `Ok(response)`; `response.redirect()` gives the URLs |
//! | signed F | [`Error::Failed`]: the code, its action (for example "fix the request"), Antom's message |
//! | signed U that may be resent with the same id, or a rate limit | resent (same bytes, fresh signature); then [`Error::Undetermined`] |
//! | signed U that needs a new id | [`Error::NewIdRequired`]; nothing is resent |
//! | timeout, connection error, HTTP status other than 200 | [`Error::OutcomeUnknown`], after same-id resends where the API allows them |
//! | unsigned F or U | [`Error::Unverified`] |
//! | unsigned S, or a signature that does not verify | [`Error::ResponseSignature`]: never a success |
//!
//! [`Error::is_outcome_unknown`] says when the card may or may not be vaulted; `client.resolver()`
//! then looks the id up with inquireVaulting and tells you what happened
//! ([`client::resolve`]).
//!
//! # Where things are
//!
//! - [`generated`]: one module per API (its request, response and result codes), the shared
//!   objects in [`generated::objects`], the builders in [`builder`]. All but the builders are
//!   also at the crate root.
//! - [`Client`] and [`ClientBuilder`]: configuration, the per-API methods, the resolver.
//! - [`webhook::WebhookVerifier`]: checking a notifyVaulting request before trusting it.
//! - [`CardToken`], [`redact`]: what keeps card data out of logs.
//!
//! # Guides
//!
//! - The [README](https://docs.rs/crate/antom-vault/latest/source/README.md): the first hour
//!   (keys, client configuration, each API, outcomes, notifications, tracing).
//! - [Advanced client use](https://docs.rs/crate/antom-vault/latest/source/docs/client.md): your
//!   own HTTP client, a hook around each attempt, the signing primitives.
//! - [Notifications](https://docs.rs/crate/antom-vault/latest/source/docs/notifications.md):
//!   receiving and acknowledging notifyVaulting.
//! - [Other languages](https://docs.rs/crate/antom-vault/latest/source/docs/other-languages.md):
//!   the JSON Schema and OpenAPI exports.
//! - In the repository: the emulator (`mock/README.md`), the spec format (`spec/README.md`) and
//!   workflow, performance and robustness figures (`docs/`).
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

#[doc = include_str!("generated.md")]
#[cfg(feature = "codegen")]
#[path = "generated_out.rs"]
pub mod generated;
#[doc = include_str!("generated.md")]
#[cfg(not(feature = "codegen"))]
#[path = "../generated/antom_vault.rs"]
#[rustfmt::skip] // formatted by the generator, which a test keeps identical to its output
pub mod generated;

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

/// The code blocks of `docs/client.md`, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../docs/client.md")]
pub struct ClientGuideDoctests;
