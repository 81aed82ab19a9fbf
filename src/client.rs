//! PLACEHOLDER for the real client, which the client helper writes.
//!
//! It exists only so that the generated client methods (`Client::create_vaulting_session`, ...)
//! compile on the codegen branch. `execute` always returns an error; it never pretends to succeed.

use crate::api::MerchantApi;

/// Placeholder Antom client (replaced by the real, signing client).
#[derive(Debug, Default)]
pub struct Client {
    _private: (),
}

/// What a call returns: the decoded response of `A`, or why there is none.
pub type CallResult<A> = Result<<A as MerchantApi>::Response, CallError>;

/// Placeholder error of a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CallError {
    /// The placeholder client cannot send anything.
    #[error("the placeholder client does not send requests")]
    NotImplemented,
}

impl Client {
    /// Placeholder: always fails with [`CallError::NotImplemented`].
    pub async fn execute<A: MerchantApi>(&self, request: &A::Request) -> CallResult<A> {
        let _ = request;
        Err(CallError::NotImplemented)
    }
}
