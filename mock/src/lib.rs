//! A local emulator of Antom's card vault API, for tests and demos.
//!
//! It checks request signatures with the merchant's public key, validates requests with the
//! spec-generated types of `antom-vault`, keeps vaulting state per `vaultingRequestId`, signs its
//! responses, serves a hosted card page and a 3-D Secure page, decides outcomes by test card
//! numbers ([`cards::TEST_CARDS`]), delivers signed notifyVaulting calls with Antom's resend
//! schedule, and injects faults on demand ([`faults`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), antom_vault_mock::StartError> {
//! use antom_vault_mock::{Emulator, EmulatorConfig};
//! let emulator = Emulator::start(EmulatorConfig::default().notify_speedup(100_000.0)).await?;
//! println!("{} {}", emulator.base_url(), emulator.client_id());
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod answer;
mod buyer;
pub mod cards;
pub mod config;
mod control;
mod emulator;
mod engine;
pub mod faults;
mod gateway;
pub mod keys;
pub mod notifier;
mod pages;
mod request;
mod routes;
mod server;
pub mod sig;
pub mod state;
pub mod timefmt;

pub use config::EmulatorConfig;
pub use emulator::{Emulator, StartError};
pub use faults::{FaultKind, FaultRule};
pub use notifier::{ACKNOWLEDGEMENT, DeliveryAttempt};
pub use routes::MAX_BODY_BYTES;
pub use state::{Api, ReceivedRequest, Status, VaultingSnapshot};
