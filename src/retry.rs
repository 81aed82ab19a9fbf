//! When and how long to wait before resending a request with the same idempotency id.
//!
//! The client resends only where the spec allows it: a U result whose action is "retry with the
//! same id" or "back off" (rate limiting), and transport failures on APIs the spec marks
//! idempotent. Each resend carries the identical body bytes, re-signed with a fresh
//! `Request-Time`. The delay before attempt *n* + 1 is
//! `min(max_backoff, initial_backoff × 2ⁿ⁻¹)` (with `rate_limit_backoff` as the start value after
//! `REQUEST_TRAFFIC_EXCEED_LIMIT`), then "equal jitter": a uniformly random value between half of
//! it and all of it, so that many clients do not retry in lockstep.
//!
//! Defaults ([`RetryPolicy::default`]): 3 attempts in total, 200 ms initial backoff, 1 s after a
//! rate limit, at most 5 s between attempts. [`RetryPolicy::none`] turns resending off.

use std::time::Duration;

use rand::Rng;

use crate::error::ConfigError;

/// Bounded exponential backoff with jitter for same-id resends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    rate_limit_backoff: Duration,
    max_backoff: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            rate_limit_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(5),
            jitter: true,
        }
    }
}

/// Why the client waits before the next attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryReason {
    /// An outcome-unknown result or transport failure.
    Unknown,
    /// Antom is rate limiting (`REQUEST_TRAFFIC_EXCEED_LIMIT`).
    RateLimited,
}

impl RetryPolicy {
    /// Send each request once; never resend.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Total number of attempts, including the first (at least 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// Delay before the first resend after an unknown outcome; doubles with each further attempt.
    pub fn with_initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// Delay before the first resend after a rate limit; doubles with each further attempt.
    pub fn with_rate_limit_backoff(mut self, delay: Duration) -> Self {
        self.rate_limit_backoff = delay;
        self
    }

    /// Upper bound of any single delay.
    pub fn with_max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// Whether to randomise each delay between half of it and all of it (on by default).
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Total number of attempts, including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Checks the policy is usable.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.max_attempts == 0 {
            return Err(ConfigError::InvalidRetryPolicy(
                "max_attempts must be at least 1",
            ));
        }
        if self.initial_backoff > self.max_backoff || self.rate_limit_backoff > self.max_backoff {
            return Err(ConfigError::InvalidRetryPolicy(
                "initial and rate-limit backoff must not exceed max_backoff",
            ));
        }
        Ok(())
    }

    /// The delay before attempt `attempts_made + 1`, or `None` when no attempt is left.
    pub fn delay_after(&self, attempts_made: u32, reason: RetryReason) -> Option<Duration> {
        if attempts_made >= self.max_attempts {
            return None;
        }
        let start = match reason {
            RetryReason::Unknown => self.initial_backoff,
            RetryReason::RateLimited => self.rate_limit_backoff,
        };
        let doublings = attempts_made.saturating_sub(1).min(30);
        let full = start
            .checked_mul(1u32 << doublings)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        if !self.jitter || full.is_zero() {
            return Some(full);
        }
        let half = full / 2;
        let extra = rand::rng().random_range(Duration::ZERO..=full - half);
        Some(half + extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_then_caps_without_jitter() {
        let policy = RetryPolicy::default()
            .with_max_attempts(6)
            .with_jitter(false)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(500));
        let delays: Vec<_> = (1..6)
            .map(|n| policy.delay_after(n, RetryReason::Unknown).unwrap())
            .collect();
        let ms: Vec<u128> = delays.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, [100, 200, 400, 500, 500]);
        assert_eq!(policy.delay_after(6, RetryReason::Unknown), None);
    }

    #[test]
    fn rate_limits_start_from_their_own_backoff() {
        let policy = RetryPolicy::default().with_jitter(false);
        assert_eq!(
            policy.delay_after(1, RetryReason::RateLimited),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn jitter_stays_between_half_and_full() {
        let policy = RetryPolicy::default().with_max_attempts(10);
        for _ in 0..200 {
            let d = policy.delay_after(2, RetryReason::Unknown).unwrap();
            assert!(
                d >= Duration::from_millis(200) && d <= Duration::from_millis(400),
                "{d:?}"
            );
        }
    }

    #[test]
    fn none_never_retries_and_zero_attempts_is_invalid() {
        assert_eq!(
            RetryPolicy::none().delay_after(1, RetryReason::Unknown),
            None
        );
        assert!(
            RetryPolicy::default()
                .with_max_attempts(0)
                .validate()
                .is_err()
        );
        assert!(RetryPolicy::default().validate().is_ok());
    }

    #[test]
    fn attempts_count_the_first_send() {
        assert_eq!(RetryPolicy::default().max_attempts(), 3);
        assert_eq!(RetryPolicy::none().max_attempts(), 1);
        assert_eq!(
            RetryPolicy::default().with_max_attempts(7).max_attempts(),
            7
        );
    }

    #[test]
    fn a_start_backoff_may_equal_the_cap_but_not_exceed_it() {
        let cap = Duration::from_millis(500);
        let base = RetryPolicy::default()
            .with_max_backoff(cap)
            .with_initial_backoff(Duration::from_millis(100))
            .with_rate_limit_backoff(Duration::from_millis(100));
        assert!(base.clone().with_initial_backoff(cap).validate().is_ok());
        assert!(base.clone().with_rate_limit_backoff(cap).validate().is_ok());
        let above = cap + Duration::from_millis(1);
        assert!(base.clone().with_initial_backoff(above).validate().is_err());
        assert!(base.with_rate_limit_backoff(above).validate().is_err());
    }

    #[test]
    fn the_rate_limit_backoff_setting_is_used_after_a_rate_limit() {
        let policy = RetryPolicy::default()
            .with_jitter(false)
            .with_rate_limit_backoff(Duration::from_millis(70));
        assert_eq!(
            policy.delay_after(1, RetryReason::RateLimited),
            Some(Duration::from_millis(70))
        );
        assert_eq!(
            policy.delay_after(2, RetryReason::RateLimited),
            Some(Duration::from_millis(140))
        );
    }
}
