//! Fault injection: deterministic failures chosen by the control API, by request-id prefix, or by
//! test card.
//!
//! A request-id prefix has the form `fault-<kind>-<n>-...`: the first `n` attempts of
//! createVaultingSession / vaultPaymentMethod with that `vaultingRequestId` get the fault, later
//! attempts are served normally. `<kind>` is one of `unknown`, `ratelimit`, `http500`, `http502`,
//! `drop`, `lost`, `badsig`, `unsigned` or `delay<milliseconds>` (for example `delay1500`).
//! Faults that spoil only the answer (`lost`, `delay`, `badsig`, `unsigned`) are applied after the
//! request was processed; the others answer without processing it.
//! inquireVaulting is never faulted by prefix, so a test can always look a vaulting up.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// One kind of injected failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer a signed `U UNKNOWN_EXCEPTION` without doing anything.
    UnknownException,
    /// Answer a signed `U REQUEST_TRAFFIC_EXCEED_LIMIT` without doing anything.
    RateLimit,
    /// Answer HTTP 500 with a plain-text body, doing nothing.
    #[serde(rename = "http_500")]
    Http500,
    /// Answer HTTP 502 with a plain-text body, doing nothing.
    #[serde(rename = "http_502")]
    Http502,
    /// Close the connection without answering, doing nothing.
    DropConnection,
    /// Do the work, then close the connection without answering (the response is lost).
    LoseResponse,
    /// Do the work, then wait before answering (a slow response).
    Delay,
    /// Do the work and answer with a signature that does not verify.
    CorruptSignature,
    /// Do the work and answer without `signature` and `response-time` headers.
    Unsigned,
}

impl FaultKind {
    /// Whether the request is still processed (the fault only spoils the answer).
    pub fn processes_request(self) -> bool {
        matches!(
            self,
            FaultKind::LoseResponse
                | FaultKind::Delay
                | FaultKind::CorruptSignature
                | FaultKind::Unsigned
        )
    }
}

/// A fault rule registered through the control API (`POST /__emulator/faults`) or
/// [`crate::Emulator::inject`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRule {
    /// What goes wrong.
    pub kind: FaultKind,
    /// How many matching calls get the fault (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// Only calls to this API (`createVaultingSession`, `vaultPaymentMethod`, `inquireVaulting`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
    /// Only calls whose `vaultingRequestId` starts with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id_prefix: Option<String>,
    /// For [`FaultKind::Delay`]: how long to wait, in milliseconds (default 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
}

fn one() -> u32 {
    1
}

impl FaultRule {
    /// A rule for the next `count` calls of any API.
    pub fn next(kind: FaultKind, count: u32) -> Self {
        FaultRule {
            kind,
            count,
            api: None,
            request_id_prefix: None,
            delay_ms: None,
        }
    }

    /// Restricts the rule to one API.
    pub fn for_api(mut self, api: &str) -> Self {
        self.api = Some(api.to_owned());
        self
    }

    /// Restricts the rule to request ids with this prefix.
    pub fn for_request_ids(mut self, prefix: &str) -> Self {
        self.request_id_prefix = Some(prefix.to_owned());
        self
    }

    /// Sets the delay of a [`FaultKind::Delay`] rule.
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay_ms = Some(delay.as_millis().try_into().unwrap_or(u64::MAX));
        self
    }

    fn matches(&self, api: &str, request_id: &str) -> bool {
        self.api.as_deref().is_none_or(|a| a == api)
            && self
                .request_id_prefix
                .as_deref()
                .is_none_or(|p| request_id.starts_with(p))
    }
}

/// A fault chosen for one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChosenFault {
    /// What goes wrong.
    pub kind: FaultKind,
    /// How long to wait first (for [`FaultKind::Delay`]).
    pub delay: Duration,
}

/// The registered rules and the per-id attempt counters (at most `counter_limit` counters: the
/// oldest are dropped first).
#[derive(Debug)]
pub struct FaultBook {
    rules: Vec<FaultRule>,
    attempts: HashMap<(String, String), u32>,
    /// The counters' keys, oldest first.
    counted: VecDeque<(String, String)>,
    counter_limit: usize,
}

impl Default for FaultBook {
    fn default() -> Self {
        FaultBook::with_counter_limit(100_000)
    }
}

impl FaultBook {
    /// An empty book that keeps at most `limit` attempt counters (at least 1).
    pub fn with_counter_limit(limit: usize) -> FaultBook {
        FaultBook {
            rules: Vec::new(),
            attempts: HashMap::new(),
            counted: VecDeque::new(),
            counter_limit: limit.max(1),
        }
    }

    /// Adds a rule; rules are consulted in the order they were added.
    pub fn add(&mut self, rule: FaultRule) {
        if rule.count > 0 {
            self.rules.push(rule);
        }
    }

    /// The rules still pending.
    pub fn rules(&self) -> Vec<FaultRule> {
        self.rules.clone()
    }

    /// Removes every rule.
    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// Counts this attempt and returns the fault it gets, if any: control-API rules first, then
    /// the request-id prefix.
    pub fn choose(&mut self, api: &str, request_id: &str) -> Option<ChosenFault> {
        let key = (api.to_owned(), request_id.to_owned());
        let attempt = match self.attempts.get_mut(&key) {
            Some(n) => {
                *n += 1;
                *n
            }
            None => {
                if self.counted.len() >= self.counter_limit
                    && let Some(oldest) = self.counted.pop_front()
                {
                    self.attempts.remove(&oldest);
                }
                self.counted.push_back(key.clone());
                self.attempts.insert(key, 1);
                1
            }
        };
        if let Some(i) = self.rules.iter().position(|r| r.matches(api, request_id)) {
            let rule = &mut self.rules[i];
            rule.count -= 1;
            let chosen = ChosenFault {
                kind: rule.kind,
                delay: Duration::from_millis(rule.delay_ms.unwrap_or(1000)),
            };
            if rule.count == 0 {
                self.rules.remove(i);
            }
            return Some(chosen);
        }
        if api == <antom_vault::InquireVaulting as antom_vault::MerchantApi>::NAME {
            return None;
        }
        let (fault, times) = parse_prefix(request_id)?;
        (attempt <= times).then_some(fault)
    }

    /// How many attempts with this API and id reached the emulator (after authentication).
    pub fn attempts(&self, api: &str, request_id: &str) -> u32 {
        self.attempts
            .get(&(api.to_owned(), request_id.to_owned()))
            .copied()
            .unwrap_or(0)
    }
}

/// Parses `fault-<kind>-<n>-...` into the fault and how many attempts it affects.
pub fn parse_prefix(request_id: &str) -> Option<(ChosenFault, u32)> {
    let rest = request_id.strip_prefix("fault-")?;
    let mut parts = rest.splitn(3, '-');
    let kind = parts.next()?;
    let times: u32 = parts.next()?.parse().ok()?;
    parts.next()?;
    let mut delay = Duration::ZERO;
    let kind = match kind {
        "unknown" => FaultKind::UnknownException,
        "ratelimit" => FaultKind::RateLimit,
        "http500" => FaultKind::Http500,
        "http502" => FaultKind::Http502,
        "drop" => FaultKind::DropConnection,
        "lost" => FaultKind::LoseResponse,
        "badsig" => FaultKind::CorruptSignature,
        "unsigned" => FaultKind::Unsigned,
        other => {
            let ms: u64 = other.strip_prefix("delay")?.parse().ok()?;
            delay = Duration::from_millis(ms);
            FaultKind::Delay
        }
    };
    Some((ChosenFault { kind, delay }, times))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_attempt_counters_are_dropped_beyond_the_limit() {
        let mut book = FaultBook::with_counter_limit(2);
        let api = "vaultPaymentMethod";
        book.choose(api, "a");
        book.choose(api, "a");
        book.choose(api, "b");
        book.choose(api, "c");
        assert_eq!(book.attempts(api, "a"), 0, "the oldest counter went");
        assert_eq!(book.attempts(api, "b"), 1);
        assert_eq!(book.attempts(api, "c"), 1);
        book.choose(api, "c");
        assert_eq!(
            book.attempts(api, "c"),
            2,
            "counting on does not add a counter"
        );
        assert_eq!(book.attempts(api, "b"), 1);
    }

    #[test]
    fn prefix_faults_hit_the_first_n_attempts_only() {
        let mut book = FaultBook::default();
        let id = "fault-unknown-2-abc";
        let api = "vaultPaymentMethod";
        assert_eq!(
            book.choose(api, id).map(|f| f.kind),
            Some(FaultKind::UnknownException)
        );
        assert_eq!(
            book.choose(api, id).map(|f| f.kind),
            Some(FaultKind::UnknownException)
        );
        assert_eq!(book.choose(api, id), None);
        assert_eq!(book.choose("inquireVaulting", id), None);
        assert_eq!(book.attempts(api, id), 3);
    }

    #[test]
    fn delay_prefix_carries_its_duration() {
        let (f, n) = parse_prefix("fault-delay250-1-x").expect("parses");
        assert_eq!(
            (f.kind, f.delay, n),
            (FaultKind::Delay, Duration::from_millis(250), 1)
        );
        assert!(parse_prefix("fault-bogus-1-x").is_none());
        assert!(parse_prefix("fault-unknown-x").is_none());
        assert!(parse_prefix("plain-id").is_none());
    }

    #[test]
    fn rules_are_counted_and_filtered() {
        let mut book = FaultBook::default();
        book.add(FaultRule::next(FaultKind::Http502, 2).for_api("inquireVaulting"));
        assert_eq!(book.choose("vaultPaymentMethod", "a"), None);
        assert_eq!(
            book.choose("inquireVaulting", "a").map(|f| f.kind),
            Some(FaultKind::Http502)
        );
        assert_eq!(
            book.choose("inquireVaulting", "b").map(|f| f.kind),
            Some(FaultKind::Http502)
        );
        assert_eq!(book.choose("inquireVaulting", "c"), None);
        assert!(book.rules().is_empty());
    }

    #[test]
    fn rule_json_has_documented_shape() {
        let rule: FaultRule = serde_json::from_str(
            r#"{"kind":"delay","count":3,"api":"inquireVaulting","delayMs":20}"#,
        )
        .expect("json");
        assert_eq!(
            rule,
            FaultRule::next(FaultKind::Delay, 3)
                .for_api("inquireVaulting")
                .with_delay(Duration::from_millis(20))
        );
        assert!(serde_json::from_str::<FaultRule>(r#"{"kind":"nope"}"#).is_err());
        let http: FaultRule = serde_json::from_str(r#"{"kind":"http_500"}"#).expect("json");
        assert_eq!(http, FaultRule::next(FaultKind::Http500, 1));
    }
}
