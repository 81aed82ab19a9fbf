//! Turning an unknown outcome into a definite answer with inquireVaulting.
//!
//! A vaultPaymentMethod or createVaultingSession call can end without a trustworthy answer: the
//! connection dropped, the answer was lost or came too late, Antom answered 5xx or a U whose retries
//! ran out, or the answer's signature was missing or wrong. The vaulting may or may not exist.
//! Every such call needs the same follow-up: look the `vaultingRequestId` up with
//! inquireVaulting (which is safe to repeat) until Antom says what happened. A [`Resolver`] does
//! that, bounded by a [`ResolvePolicy`], and returns one of:
//!
//! | answer | meaning | what the caller does |
//! |---|---|---|
//! | [`Resolved::Answered`] | the call answered itself (signed S, or the 3-D Secure redirect) | use the response |
//! | [`Found::Vaulted`] | the card is stored; the inquiry carries it | store the card token |
//! | [`Found::Failed`] | the attempt ended without a card (`vaultingResultCode` says why) | report the failure |
//! | [`Found::Processing`] | waiting for the buyer (3-D Secure, hosted page) | redirect, or wait for notifyVaulting |
//! | [`Found::NotFound`] | Antom has no vaulting under this id | nothing happened: a new id is safe |
//! | `Err(error)` | the original error, when the look-ups did not settle it either | still unknown: try [`Resolver::look_up`] later |
//!
//! **The default is off.** The generated per-API methods ([`Client::vault_payment_method`] and
//! friends) never send a look-up behind the caller's back: their return type stays the API's own
//! response, and during an outage each unknown call would otherwise add up to
//! `lookups × retry attempts` inquiries to a struggling service. A caller opts in per call with
//! [`Client::resolver`], whose [`ResolvePolicy::default`] makes at most 4 look-ups over about
//! 4 seconds.
//!
//! **Not found is confirmed.** A request that timed out may still be on its way inside Antom: a
//! look-up that arrives first finds nothing, and the vaulting appears a moment later. The
//! resolver therefore waits before the first look-up and reports [`Found::NotFound`] only after
//! `VAULTING_NOT_EXIST` came back on two look-ups separated by the backoff (configurable). A
//! caller that needs certainty can resend with the **same** id instead of a new one: Antom's
//! idempotency then returns the existing outcome if the first request did land.

use std::time::Duration;

use tokio::time::Instant;

use crate::api::MerchantApi;
use crate::client::Client;
use crate::error::Error;
use crate::retry::{RetryPolicy, RetryReason};
use crate::{
    InquireVaulting, InquireVaultingRequest, InquireVaultingResponse, VaultedPaymentMethodDetail,
    VaultingStatus,
};

/// How hard a [`Resolver`] tries: how many inquireVaulting look-ups, how far apart, and how many
/// "no such vaulting" answers make [`Found::NotFound`].
///
/// Each look-up is one [`Client::inquire_vaulting`] call, which itself resends on transport
/// failures and U results under the client's [`RetryPolicy`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvePolicy {
    schedule: RetryPolicy,
    first_delay: Duration,
    not_found_confirmations: u32,
    deadline: Duration,
}

/// Default total time of [`Resolver::execute`] (the call and its look-ups) and of
/// [`Resolver::look_up`]: the call's own deadline ([`DEFAULT_CALL_DEADLINE`](crate::client::DEFAULT_CALL_DEADLINE),
/// 30 s) and about 30 s of look-ups.
pub const DEFAULT_RESOLVE_DEADLINE: Duration = Duration::from_secs(60);

impl Default for ResolvePolicy {
    /// 4 look-ups; 500 ms before the first, then 500 ms doubling to at most 2 s (with jitter);
    /// `NotFound` after 2 answers of "no such vaulting"; 60 s in all
    /// ([`DEFAULT_RESOLVE_DEADLINE`]).
    fn default() -> Self {
        ResolvePolicy {
            schedule: RetryPolicy::default()
                .with_max_attempts(4)
                .with_initial_backoff(Duration::from_millis(500))
                .with_rate_limit_backoff(Duration::from_millis(500))
                .with_max_backoff(Duration::from_secs(2)),
            first_delay: Duration::from_millis(500),
            not_found_confirmations: 2,
            deadline: DEFAULT_RESOLVE_DEADLINE,
        }
    }
}

impl ResolvePolicy {
    /// Never look anything up: a [`Resolver`] with this policy returns the call's own error.
    pub fn none() -> Self {
        ResolvePolicy::default().with_max_lookups(0)
    }

    /// At most this many look-ups (0 turns resolving off).
    pub fn with_max_lookups(mut self, lookups: u32) -> Self {
        self.schedule = self.schedule.with_max_attempts(lookups);
        self
    }

    /// How long to wait after the unknown outcome before the first look-up.
    pub fn with_first_delay(mut self, delay: Duration) -> Self {
        self.first_delay = delay;
        self
    }

    /// The delay between look-ups: starts at `initial`, doubles, never exceeds `max`.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.schedule = self
            .schedule
            .with_initial_backoff(initial)
            .with_rate_limit_backoff(initial)
            .with_max_backoff(max.max(initial));
        self
    }

    /// Whether to randomise each delay between half of it and all of it (on by default).
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.schedule = self.schedule.with_jitter(jitter);
        self
    }

    /// How many "no such vaulting" answers make [`Found::NotFound`] (at least 1; default 2).
    pub fn with_not_found_confirmations(mut self, answers: u32) -> Self {
        self.not_found_confirmations = answers.max(1);
        self
    }

    /// The total time [`Resolver::execute`] (the call and the look-ups) or [`Resolver::look_up`]
    /// may take (default [`DEFAULT_RESOLVE_DEADLINE`], 60 s; zero is treated as one millisecond).
    /// When it passes, the answer is the call's own error: the outcome is still unknown.
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline.max(Duration::from_millis(1));
        self
    }

    /// The total time a resolution may take.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    /// The most look-ups this policy makes.
    pub fn max_lookups(&self) -> u32 {
        self.schedule.max_attempts()
    }
}

/// What inquireVaulting reported for a `vaultingRequestId`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Found {
    /// The card is stored: [`Found::card`] has it.
    Vaulted(Box<InquireVaultingResponse>),
    /// The attempt ended without storing the card; `vaulting_result_code` says why.
    Failed(Box<InquireVaultingResponse>),
    /// The attempt still waits for the buyer (3-D Secure or the hosted page); the URLs, when
    /// present, are where to send them. notifyVaulting reports the end.
    Processing(Box<InquireVaultingResponse>),
    /// Antom has no vaulting with this id (confirmed, see [`ResolvePolicy`]): nothing was done,
    /// so a new id is safe.
    NotFound,
    /// A verified answer whose `vaultingStatus` is absent or a value this version does not know.
    Unrecognized(Box<InquireVaultingResponse>),
}

impl Found {
    /// The stored card, for [`Found::Vaulted`].
    pub fn card(&self) -> Option<&VaultedPaymentMethodDetail> {
        match self {
            Found::Vaulted(response) => response.payment_method_detail.as_deref(),
            _ => None,
        }
    }

    /// The inquiry's answer, unless nothing was found.
    pub fn response(&self) -> Option<&InquireVaultingResponse> {
        match self {
            Found::Vaulted(r)
            | Found::Failed(r)
            | Found::Processing(r)
            | Found::Unrecognized(r) => Some(r),
            Found::NotFound => None,
        }
    }

    fn from_response(response: InquireVaultingResponse) -> Found {
        let response = Box::new(response);
        match response.vaulting_status {
            Some(VaultingStatus::Success) => Found::Vaulted(response),
            Some(VaultingStatus::Fail) => Found::Failed(response),
            Some(VaultingStatus::Processing) => Found::Processing(response),
            _ => Found::Unrecognized(response),
        }
    }
}

/// The definite outcome of a call made through a [`Resolver`].
#[derive(Debug)]
pub enum Resolved<R> {
    /// The call's own verified answer (success, or the redirect to 3-D Secure).
    Answered(R),
    /// The call's outcome was unknown (`cause`); inquireVaulting then reported `found`.
    LookedUp {
        /// Why the call's own answer could not be used.
        cause: Error,
        /// What Antom reported for the id.
        found: Found,
    },
}

/// Whether an error leaves the call's outcome unknown, so that only a look-up can tell: transport
/// failures, U results (including those that ask for a new id), and answers that could not be
/// trusted or read. Validation, configuration and verified F results are definite and are not
/// looked up.
pub fn needs_lookup(error: &Error) -> bool {
    matches!(
        error,
        Error::OutcomeUnknown { .. }
            | Error::Undetermined { .. }
            | Error::NewIdRequired(_)
            | Error::Unverified(_)
            | Error::ResponseSignature { .. }
            | Error::Decode { .. }
    )
}

/// Calls APIs and resolves unknown outcomes with inquireVaulting (see the [module docs](self)).
/// Made by [`Client::resolver`].
#[derive(Clone, Debug)]
pub struct Resolver {
    client: Client,
    policy: ResolvePolicy,
}

impl Resolver {
    pub(crate) fn new(client: Client) -> Self {
        Resolver {
            client,
            policy: ResolvePolicy::default(),
        }
    }

    /// Uses `policy` instead of [`ResolvePolicy::default`].
    pub fn with_policy(mut self, policy: ResolvePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The policy in use.
    pub fn policy(&self) -> &ResolvePolicy {
        &self.policy
    }

    /// Calls `A` like [`Client::execute`]; when the outcome is unknown ([`needs_lookup`]), looks
    /// the request's id up. Returns the call's own error when the look-ups settle nothing, and
    /// definite errors (validation, verified F) unchanged.
    pub async fn execute<A: MerchantApi>(
        &self,
        request: &A::Request,
    ) -> Result<Resolved<A::Response>, Error> {
        let deadline = Instant::now() + self.policy.deadline;
        let called = tokio::time::timeout_at(deadline, self.client.execute::<A>(request)).await;
        let cause = match called {
            Ok(Ok(response)) => return Ok(Resolved::Answered(response)),
            Ok(Err(error)) if needs_lookup(&error) && self.policy.max_lookups() > 0 => error,
            Ok(Err(error)) => return Err(error),
            Err(_) => return Err(deadline_passed(A::NAME)),
        };
        tracing::warn!(api = A::NAME, error = %cause, "outcome unknown; looking the id up");
        match self
            .look_up_before(A::idempotency_key(request), deadline)
            .await
        {
            Ok(found) => Ok(Resolved::LookedUp { cause, found }),
            Err(lookup) => {
                tracing::warn!(api = A::NAME, error = %lookup, "look-ups did not settle the outcome");
                Err(cause)
            }
        }
    }

    /// Looks `vaulting_request_id` up with inquireVaulting under the policy, until Antom gives a
    /// definite answer or the policy's [deadline](ResolvePolicy::with_deadline) passes. The error
    /// is the last look-up's when none came.
    pub async fn look_up(&self, vaulting_request_id: &str) -> Result<Found, Error> {
        let deadline = Instant::now() + self.policy.deadline;
        self.look_up_before(vaulting_request_id, deadline).await
    }

    /// [`Resolver::look_up`], ending at `deadline`: a look-up in flight then is abandoned, and
    /// none starts that could only start after it.
    async fn look_up_before(
        &self,
        vaulting_request_id: &str,
        deadline: Instant,
    ) -> Result<Found, Error> {
        let request = InquireVaultingRequest::builder()
            .vaulting_request_id(vaulting_request_id)
            .build();
        let policy = &self.policy;
        let mut not_found = 0u32;
        let mut delay = (policy.max_lookups() > 0).then_some(policy.first_delay);
        let mut lookups = 0u32;
        let mut last = None;
        while let Some(wait) = delay {
            if Instant::now() + wait >= deadline {
                break;
            }
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            lookups += 1;
            let inquiry = self.client.execute::<InquireVaulting>(&request);
            let Ok(answer) = tokio::time::timeout_at(deadline, inquiry).await else {
                last = Some(deadline_passed(<InquireVaulting as MerchantApi>::NAME));
                break;
            };
            match answer {
                Ok(response) => return Ok(Found::from_response(response)),
                Err(error) if is_not_found(&error) => {
                    not_found += 1;
                    if not_found >= policy.not_found_confirmations {
                        return Ok(Found::NotFound);
                    }
                    last = Some(error);
                }
                Err(error) if needs_lookup(&error) => last = Some(error),
                // A definite refusal of the inquiry itself (access, parameters): asking again
                // will not help.
                Err(error) => return Err(error),
            }
            delay = policy.schedule.delay_after(lookups, RetryReason::Unknown);
        }
        Err(last.unwrap_or(Error::OutcomeUnknown {
            api: <InquireVaulting as MerchantApi>::NAME,
            failure: crate::error::TransportFailure::Interrupted,
            attempts: 0,
        }))
    }
}

/// The error of a call cut off by the resolver's deadline: its outcome is unknown.
fn deadline_passed(api: &'static str) -> Error {
    Error::OutcomeUnknown {
        api,
        failure: crate::error::TransportFailure::DeadlineExceeded,
        attempts: 1,
    }
}

/// A verified answer whose code the spec marks `not_found` (for inquireVaulting,
/// `VAULTING_NOT_EXIST`): Antom knows no vaulting with this id.
fn is_not_found(error: &Error) -> bool {
    error.is_not_found()
}

impl Client {
    /// A [`Resolver`] over this client with [`ResolvePolicy::default`]: calls whose outcome is
    /// unknown are followed by inquireVaulting look-ups (see [`resolve`](crate::client::resolve)).
    pub fn resolver(&self) -> Resolver {
        Resolver::new(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InquireVaultingResultCode;
    use crate::api::{ResultCode, ResultStatus};
    use crate::error::{ApiFailure, TransportFailure};

    fn failure(code: &str, status: ResultStatus, verified: bool) -> ApiFailure {
        ApiFailure::new(
            "inquireVaulting",
            &InquireVaultingResultCode::from_code(code),
            status,
            "m",
            verified,
        )
    }

    #[test]
    fn only_unknown_outcomes_are_looked_up() {
        let unknown = Error::OutcomeUnknown {
            api: "x",
            failure: TransportFailure::Timeout,
            attempts: 1,
        };
        assert!(needs_lookup(&unknown));
        let not_exist = InquireVaultingResultCode::VaultingNotExist;
        let code = not_exist.as_str();
        assert!(!needs_lookup(&Error::Failed(failure(
            code,
            ResultStatus::Failure,
            true
        ))));
        assert!(needs_lookup(&Error::Unverified(failure(
            code,
            ResultStatus::Failure,
            false
        ))));
    }

    #[test]
    fn only_a_verified_not_exist_means_not_found() {
        let code = InquireVaultingResultCode::VaultingNotExist;
        assert!(is_not_found(&Error::Failed(failure(
            code.as_str(),
            ResultStatus::Failure,
            true
        ))));
        assert!(!is_not_found(&Error::Unverified(failure(
            code.as_str(),
            ResultStatus::Failure,
            false
        ))));
        assert!(!is_not_found(&Error::Failed(failure(
            InquireVaultingResultCode::Success.as_str(),
            ResultStatus::Failure,
            true
        ))));
        // The spec's action says so, not a code written into the runtime.
        assert_eq!(code.action(), crate::api::ResultAction::NotFound);
        assert!(!is_not_found(&Error::Failed(failure(
            InquireVaultingResultCode::UnknownException.as_str(),
            ResultStatus::Failure,
            true
        ))));
    }

    #[test]
    fn the_default_policy_is_bounded() {
        let policy = ResolvePolicy::default();
        assert_eq!(policy.max_lookups(), 4);
        assert_eq!(ResolvePolicy::none().max_lookups(), 0);
        assert_eq!(
            ResolvePolicy::default()
                .with_not_found_confirmations(0)
                .not_found_confirmations,
            1
        );
    }

    #[test]
    fn policy_builders_set_what_they_name() {
        let default = ResolvePolicy::default();
        assert_eq!(default.max_lookups(), 4);
        assert_eq!(default.deadline(), DEFAULT_RESOLVE_DEADLINE);
        assert_eq!(default.first_delay, Duration::from_millis(500));
        assert_eq!(default.not_found_confirmations, 2);
        // Jitter is on by default: the first delay lies between half the backoff and all of it.
        let first = default
            .schedule
            .delay_after(1, RetryReason::Unknown)
            .unwrap();
        assert!((Duration::from_millis(250)..=Duration::from_millis(500)).contains(&first));
        assert_eq!(ResolvePolicy::none().max_lookups(), 0);

        let policy = ResolvePolicy::default()
            .with_max_lookups(7)
            .with_first_delay(Duration::from_millis(30))
            .with_backoff(Duration::from_millis(40), Duration::from_millis(10))
            .with_jitter(false)
            .with_not_found_confirmations(0)
            .with_deadline(Duration::ZERO);
        assert_eq!(policy.max_lookups(), 7);
        assert_eq!(policy.first_delay, Duration::from_millis(30));
        assert_eq!(policy.not_found_confirmations, 1, "at least one answer");
        assert_eq!(
            policy.deadline(),
            Duration::from_millis(1),
            "zero means 1 ms"
        );
        // A maximum below the start is raised to it; without jitter the delays are exact.
        for attempts_made in 1..=3 {
            assert_eq!(
                policy
                    .schedule
                    .delay_after(attempts_made, RetryReason::Unknown),
                Some(Duration::from_millis(40))
            );
            assert_eq!(
                policy
                    .schedule
                    .delay_after(attempts_made, RetryReason::RateLimited),
                Some(Duration::from_millis(40))
            );
        }
        let doubling = ResolvePolicy::default()
            .with_backoff(Duration::from_millis(10), Duration::from_millis(35))
            .with_jitter(false);
        let delays: Vec<_> = (1..=4)
            .map(|n| doubling.schedule.delay_after(n, RetryReason::Unknown))
            .collect();
        let ms = |n| Some(Duration::from_millis(n));
        assert_eq!(delays, vec![ms(10), ms(20), ms(35), None]);
    }

    fn inquiry(status: &str) -> InquireVaultingResponse {
        serde_json::from_str(&format!(
            r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"ok"}},{status}"paymentMethodDetail":{{"paymentMethodType":"CARD"}}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn an_inquiry_is_sorted_by_its_vaulting_status() {
        let found = Found::from_response(inquiry(r#""vaultingStatus":"SUCCESS","#));
        assert!(matches!(found, Found::Vaulted(_)));
        assert_eq!(
            found.card().and_then(|c| c.payment_method_type.as_deref()),
            Some("CARD")
        );
        assert!(found.response().is_some());
        for (status, failed, processing) in [
            (r#""vaultingStatus":"FAIL","#, true, false),
            (r#""vaultingStatus":"PROCESSING","#, false, true),
        ] {
            let found = Found::from_response(inquiry(status));
            assert_eq!(matches!(found, Found::Failed(_)), failed, "{status}");
            assert_eq!(
                matches!(found, Found::Processing(_)),
                processing,
                "{status}"
            );
            assert!(found.card().is_none(), "only a stored card is shown");
            assert!(found.response().is_some());
        }
        for status in ["", r#""vaultingStatus":"SOMETHING_NEW","#] {
            let found = Found::from_response(inquiry(status));
            assert!(matches!(found, Found::Unrecognized(_)), "{status}");
            assert!(found.card().is_none());
            assert!(found.response().is_some());
        }
        assert!(Found::NotFound.response().is_none());
        assert!(Found::NotFound.card().is_none());
    }
}
