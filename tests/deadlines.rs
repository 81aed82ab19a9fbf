//! The total deadline of a call (all attempts and waits) and of a resolution (the call and its
//! look-ups), on tokio's paused clock: the server never answers within the test, and virtual time
//! jumps from one timer to the next, so the instants below are exact and no test sleeps.

mod support;

use std::time::Duration;

use antom_vault::client::resolve::DEFAULT_RESOLVE_DEADLINE;
use antom_vault::client::{DEFAULT_CALL_DEADLINE, ResolvePolicy};
use antom_vault::error::{ConfigError, TransportFailure};
use antom_vault::retry::RetryPolicy;
use antom_vault::{Client, Error};
use support::api::SessionApi;
use support::server::{Server, builder_for, reply, request};
use tokio::time::Instant;

/// A server whose every answer comes an hour late.
async fn silent_server() -> Server {
    let late = reply("S", "SUCCESS").delay(Duration::from_secs(3600));
    Server::start(vec![late; 32]).await
}

/// Attempts of 10 s, fixed 1 s waits (no jitter), up to 10 attempts.
fn client(server: &Server, deadline: Duration) -> Client {
    builder_for(server)
        .request_timeout(Duration::from_secs(10))
        .call_deadline(deadline)
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(10)
                .with_initial_backoff(Duration::from_secs(1))
                .with_max_backoff(Duration::from_secs(1))
                .with_jitter(false),
        )
        .build()
        .unwrap()
}

fn outcome_unknown(error: &Error) -> (TransportFailure, u32) {
    match error {
        Error::OutcomeUnknown {
            failure, attempts, ..
        } => (*failure, *attempts),
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

#[test]
fn the_documented_defaults_bound_a_call_and_a_resolution() {
    assert_eq!(DEFAULT_CALL_DEADLINE, Duration::from_secs(30));
    assert_eq!(DEFAULT_RESOLVE_DEADLINE, Duration::from_secs(60));
    assert_eq!(
        ResolvePolicy::default().deadline(),
        DEFAULT_RESOLVE_DEADLINE
    );
}

#[tokio::test(start_paused = true)]
async fn the_call_deadline_cuts_the_attempt_in_flight() {
    let server = silent_server().await;
    let started = Instant::now();
    let error = client(&server, Duration::from_secs(25))
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    // 0-10 s attempt 1, 11-21 s attempt 2, 22 s attempt 3 cut at 25 s.
    assert_eq!(
        outcome_unknown(&error),
        (TransportFailure::DeadlineExceeded, 3)
    );
    assert_eq!(started.elapsed(), Duration::from_secs(25));
    assert!(error.is_outcome_unknown());
}

#[tokio::test(start_paused = true)]
async fn no_resend_is_waited_for_that_would_start_after_the_deadline() {
    let server = silent_server().await;
    let client = builder_for(&server)
        .request_timeout(Duration::from_secs(10))
        .call_deadline(Duration::from_secs(25))
        .retry_policy(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_secs(20))
                .with_max_backoff(Duration::from_secs(20))
                .with_jitter(false),
        )
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.execute::<SessionApi>(&request()).await.unwrap_err();
    // Attempt 1 times out at 10 s; the resend would start at 30 s, after the deadline.
    assert_eq!(outcome_unknown(&error), (TransportFailure::Timeout, 1));
    assert_eq!(started.elapsed(), Duration::from_secs(10));
}

#[tokio::test(start_paused = true)]
async fn the_resolver_deadline_ends_the_look_ups_with_the_calls_own_error() {
    let server = silent_server().await;
    let client = builder_for(&server)
        .request_timeout(Duration::from_secs(10))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let policy = ResolvePolicy::default()
        .with_max_lookups(10)
        .with_first_delay(Duration::from_secs(1))
        .with_backoff(Duration::from_secs(1), Duration::from_secs(1))
        .with_jitter(false)
        .with_deadline(Duration::from_secs(35));
    let started = Instant::now();
    let error = client
        .resolver()
        .with_policy(policy.clone())
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    // The call times out at 10 s; look-ups at 11-21 s and 22-32 s time out; the one from 33 s is
    // cut at 35 s. The answer is the call's own: still unknown.
    assert_eq!(outcome_unknown(&error), (TransportFailure::Timeout, 1));
    assert_eq!(started.elapsed(), Duration::from_secs(35));

    // look_up alone has the same bound.
    let started = Instant::now();
    let error = client
        .resolver()
        .with_policy(policy)
        .look_up("vr-001")
        .await
        .unwrap_err();
    assert_eq!(
        outcome_unknown(&error).0,
        TransportFailure::DeadlineExceeded
    );
    assert_eq!(started.elapsed(), Duration::from_secs(35));
}

#[tokio::test(start_paused = true)]
async fn a_resolver_deadline_shorter_than_the_call_cuts_the_call() {
    let server = silent_server().await;
    let client = client(&server, Duration::from_secs(30));
    let started = Instant::now();
    let error = client
        .resolver()
        .with_policy(ResolvePolicy::default().with_deadline(Duration::from_secs(5)))
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    assert_eq!(
        outcome_unknown(&error).0,
        TransportFailure::DeadlineExceeded
    );
    assert_eq!(started.elapsed(), Duration::from_secs(5));
}

#[test]
fn a_zero_call_deadline_is_refused() {
    let built = Client::builder()
        .client_id("SANDBOX_5X00000000000000")
        .environment(antom_vault::Environment::Sandbox)
        .base_url("http://127.0.0.1:9")
        .merchant_private_key(support::keys().merchant.signing_key())
        .antom_public_key(support::keys().antom.verifying_key())
        .call_deadline(Duration::ZERO)
        .build();
    assert!(matches!(
        built,
        Err(Error::Config(ConfigError::ZeroDeadline("call")))
    ));
}
