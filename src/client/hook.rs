//! Observing each HTTP attempt of a call, for metrics, logs and checks of what is sent.
//!
//! ```
//! use std::sync::atomic::{AtomicU64, Ordering};
//!
//! use antom_vault::client::{Attempt, AttemptHook, AttemptOutcome};
//!
//! /// Counts attempts and the time spent on the wire.
//! #[derive(Default)]
//! struct Metrics {
//!     attempts: AtomicU64,
//!     micros: AtomicU64,
//! }
//!
//! impl AttemptHook for Metrics {
//!     fn before_send(&self, _attempt: Attempt, _request: &antom_vault::reqwest::Request) {
//!         self.attempts.fetch_add(1, Ordering::Relaxed);
//!     }
//!
//!     fn after_receive(&self, _attempt: Attempt, outcome: &AttemptOutcome<'_>) {
//!         let micros = u64::try_from(outcome.elapsed().as_micros()).unwrap_or(u64::MAX);
//!         self.micros.fetch_add(micros, Ordering::Relaxed);
//!     }
//! }
//! # let _ = antom_vault::Client::builder().attempt_hook(Metrics::default());
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::TransportFailure;

/// Which attempt of which call an observation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attempt {
    /// The API called (`createVaultingSession`, ...).
    pub api: &'static str,
    /// 1 for the first request of a call, 2 for the first resend, and so on.
    pub number: u32,
}

impl Attempt {
    pub(crate) fn new(api: &'static str, number: u32) -> Self {
        Attempt { api, number }
    }
}

/// What one attempt came back with, before the client looks at it: a response here is not yet
/// verified, and may still be rejected (bad signature, undecodable, a failure result).
///
/// `Debug` shows the body's length, not the body.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum AttemptOutcome<'a> {
    /// A whole response arrived.
    Received {
        /// The HTTP status.
        status: StatusCode,
        /// The response headers.
        headers: &'a HeaderMap,
        /// The raw response body, exactly as received.
        body: &'a [u8],
        /// From just before sending to the last byte of the body.
        elapsed: Duration,
    },
    /// No whole response: the attempt timed out, could not connect, broke off, or was redirected.
    Failed {
        /// What went wrong.
        failure: TransportFailure,
        /// From just before sending until the failure.
        elapsed: Duration,
    },
}

impl AttemptOutcome<'_> {
    /// The time the attempt took on the wire.
    pub fn elapsed(&self) -> Duration {
        match self {
            AttemptOutcome::Received { elapsed, .. } | AttemptOutcome::Failed { elapsed, .. } => {
                *elapsed
            }
        }
    }
}

impl fmt::Debug for AttemptOutcome<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttemptOutcome::Received {
                status,
                body,
                elapsed,
                ..
            } => f
                .debug_struct("Received")
                .field("status", status)
                .field("body_len", &body.len())
                .field("elapsed", elapsed)
                .finish_non_exhaustive(),
            AttemptOutcome::Failed { failure, elapsed } => f
                .debug_struct("Failed")
                .field("failure", failure)
                .field("elapsed", elapsed)
                .finish(),
        }
    }
}

/// Called around every HTTP attempt of every call, resends included (set it with
/// [`ClientBuilder::attempt_hook`](super::ClientBuilder::attempt_hook)).
///
/// The hook only observes: the request it sees is already signed, and the client sends exactly
/// it. The request body holds card data for vaultPaymentMethod: a hook must not log it. Both
/// methods run on the calling task, so keep them quick; both do nothing by default.
pub trait AttemptHook: Send + Sync + 'static {
    /// Just before sending: the signed request (method, URL, the client's headers, the exact body
    /// bytes; `request.body().and_then(|b| b.as_bytes())`). Default headers of the HTTP client,
    /// such as its `User-Agent`, are added by reqwest when sending and are not in this map.
    fn before_send(&self, attempt: Attempt, request: &reqwest::Request) {
        let _ = (attempt, request);
    }

    /// After the response has been read whole, or the attempt failed.
    fn after_receive(&self, attempt: Attempt, outcome: &AttemptOutcome<'_>) {
        let _ = (attempt, outcome);
    }
}

/// The hook as the client holds it; `Debug` only says whether there is one.
#[derive(Clone)]
pub(crate) struct SharedHook(pub(crate) Arc<dyn AttemptHook>);

impl fmt::Debug for SharedHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AttemptHook")
    }
}
