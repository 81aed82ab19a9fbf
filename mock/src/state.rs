//! In-memory vaulting state, keyed by `vaultingRequestId`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;

use antom_vault::api::MerchantApi;
use antom_vault::{
    CardBrand, CreateVaultingSession, InquireVaulting, NotifyVaultingResultCode, VaultPaymentMethod,
};
use serde::Serialize;

/// The three merchant → Antom APIs the emulator serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    /// [`CreateVaultingSession`].
    CreateVaultingSession,
    /// [`VaultPaymentMethod`].
    VaultPaymentMethod,
    /// [`InquireVaulting`].
    InquireVaulting,
}

impl Api {
    /// Antom's name of the API (the library's `MerchantApi::NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Api::CreateVaultingSession => CreateVaultingSession::NAME,
            Api::VaultPaymentMethod => VaultPaymentMethod::NAME,
            Api::InquireVaulting => InquireVaulting::NAME,
        }
    }
}

impl Serialize for Api {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Where a vaulting stands (`vaultingStatus`): the library's enum.
pub use antom_vault::VaultingStatus as Status;

/// What the emulator keeps about a card: never the number itself.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardFacts {
    /// The token Antom hands out (`cardToken`), set once vaulted.
    pub card_token: Option<String>,
    /// Every digit but the last four masked.
    pub masked_card_no: String,
    /// The scheme.
    pub brand: CardBrand,
    /// A stable hash of the card number.
    pub fingerprint: String,
}

impl fmt::Debug for CardFacts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardFacts")
            .field("masked_card_no", &self.masked_card_no)
            .field("brand", &self.brand)
            .finish_non_exhaustive()
    }
}

/// A hosted-page session.
#[derive(Clone, Debug)]
pub struct Session {
    /// `vaultingSessionId`.
    pub id: String,
    /// When it stops being usable, as milliseconds since the epoch.
    pub expires_at_millis: u128,
}

/// A pending 3-D Secure challenge.
#[derive(Clone, Debug)]
pub struct Challenge {
    /// The token in the 3DS page URL.
    pub token: String,
    /// The card that will be vaulted if the buyer passes.
    pub card: CardFacts,
}

/// One vaulting attempt.
#[derive(Clone, Debug)]
pub struct Vaulting {
    /// `vaultingRequestId`.
    pub request_id: String,
    /// The API that created it.
    pub origin: Api,
    /// SHA-256 of the creating request's canonical form (for REPEAT_REQ_INCONSISTENT).
    pub request: String,
    /// Where notifyVaulting goes.
    pub notify_url: String,
    /// Where the buyer returns.
    pub redirect_url: Option<String>,
    /// The `paymentMethodType` the merchant asked for, echoed back.
    pub payment_method_type: String,
    /// The merchant's `metadata`, echoed back.
    pub metadata: Option<String>,
    /// `vaultingCreateTime`.
    pub created_at: String,
    /// Where it stands.
    pub status: Status,
    /// The card, once known.
    pub card: Option<CardFacts>,
    /// The failure code (`vaultingResultCode`) when it failed.
    pub failure: Option<NotifyVaultingResultCode>,
    /// The hosted-page session (createVaultingSession only).
    pub session: Option<Session>,
    /// Whether the session asked for 3-D Secure.
    pub wants_3ds: bool,
    /// The pending 3DS challenge.
    pub challenge: Option<Challenge>,
    /// The body answered to the creating call.
    pub first_response: Vec<u8>,
    /// For vaultPaymentMethod after 3DS: the final body answered to repeats.
    pub final_response: Option<Vec<u8>>,
}

/// How many vaultings an emulator keeps by default (see [`Store::with_limit`]).
pub const DEFAULT_VAULTING_LIMIT: usize = 10_000;

/// Everything the emulator remembers.
///
/// The store is bounded: once it holds more than its limit of vaultings, it forgets the oldest
/// finished one (`SUCCESS` or `FAIL`), or, when none is finished, the oldest unfinished one (an
/// abandoned session or 3-D Secure challenge). It never forgets a vaulting whose notification is
/// still being delivered; while every vaulting is in that state the store grows past its limit
/// until deliveries end. A forgotten vaulting answers like one that never existed.
#[derive(Debug)]
pub struct Store {
    /// Vaultings by `vaultingRequestId`.
    pub vaultings: HashMap<String, Vaulting>,
    /// `vaultingRequestId` by session id.
    pub by_session: HashMap<String, String>,
    /// `vaultingRequestId` by 3DS token.
    pub by_challenge: HashMap<String, String>,
    /// Test-card faults that already fired: a request id (`LoseFirstResponse`: its first answer is
    /// lost) or `card:<number>` (`UnknownFirstAttempt`: the first attempt of that card number).
    pub card_faults_fired: HashSet<String>,
    /// `vaultingRequestId`s in the order they were stored, oldest first.
    order: VecDeque<String>,
    /// Notification deliveries in progress, by `vaultingRequestId`.
    notifying: HashMap<String, u32>,
    /// The most vaultings kept (while some can be forgotten).
    limit: usize,
}

impl Default for Store {
    fn default() -> Self {
        Store::with_limit(DEFAULT_VAULTING_LIMIT)
    }
}

impl Store {
    /// An empty store that keeps at most `limit` vaultings (at least 1).
    pub fn with_limit(limit: usize) -> Store {
        Store {
            vaultings: HashMap::new(),
            by_session: HashMap::new(),
            by_challenge: HashMap::new(),
            card_faults_fired: HashSet::new(),
            order: VecDeque::new(),
            notifying: HashMap::new(),
            limit: limit.max(1),
        }
    }

    /// Stores a new vaulting, then forgets old ones beyond the limit.
    pub fn insert(&mut self, vaulting: Vaulting) {
        let id = vaulting.request_id.clone();
        if self.vaultings.insert(id.clone(), vaulting).is_none() {
            self.order.push_back(id);
        }
        self.evict();
    }

    /// Records that a notification about `id` is being delivered (it pins the vaulting).
    pub fn begin_notification(&mut self, id: &str) {
        *self.notifying.entry(id.to_owned()).or_insert(0) += 1;
    }

    /// Records that one delivery about `id` ended (acknowledged, given up or stopped).
    pub fn end_notification(&mut self, id: &str) {
        if let Some(count) = self.notifying.get_mut(id) {
            *count -= 1;
            if *count == 0 {
                self.notifying.remove(id);
            }
        }
        self.evict();
    }

    /// Whether a notification about `id` is being delivered.
    pub fn is_notifying(&self, id: &str) -> bool {
        self.notifying.contains_key(id)
    }

    fn evict(&mut self) {
        while self.vaultings.len() > self.limit {
            let Some(position) = self.eviction_candidate() else {
                return;
            };
            if let Some(id) = self.order.remove(position) {
                self.forget(&id);
            }
        }
    }

    /// The position in `order` of the vaulting to forget next, if any may be forgotten.
    fn eviction_candidate(&self) -> Option<usize> {
        let evictable = |id: &String| !self.notifying.contains_key(id);
        let finished = |id: &String| {
            self.vaultings
                .get(id)
                .is_some_and(|v| v.status != Status::Processing)
        };
        self.order
            .iter()
            .position(|id| evictable(id) && finished(id))
            .or_else(|| self.order.iter().position(evictable))
    }

    fn forget(&mut self, id: &str) {
        if let Some(v) = self.vaultings.remove(id) {
            if let Some(session) = &v.session {
                self.by_session.remove(&session.id);
            }
            if let Some(challenge) = &v.challenge {
                self.by_challenge.remove(&challenge.token);
            }
        }
        self.card_faults_fired.remove(id);
    }
}

/// A summary of one vaulting, for tests and `GET /__emulator/vaultings`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultingSnapshot {
    /// `vaultingRequestId`.
    pub vaulting_request_id: String,
    /// The API that created it.
    pub origin: Api,
    /// Where it stands.
    pub status: Status,
    /// The failure code when it failed.
    pub failure: Option<String>,
    /// The card, once known.
    pub card: Option<CardFacts>,
}

impl From<&Vaulting> for VaultingSnapshot {
    fn from(v: &Vaulting) -> Self {
        VaultingSnapshot {
            vaulting_request_id: v.request_id.clone(),
            origin: v.origin,
            status: v.status.clone(),
            failure: v.failure.as_ref().map(|c| c.as_str().to_owned()),
            card: v.card.clone(),
        }
    }
}

/// One authenticated API request as received (for checking that retries resend the same bytes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedRequest {
    /// Which API was called.
    pub api: Api,
    /// The `vaultingRequestId` of the body (empty when absent).
    pub vaulting_request_id: String,
    /// SHA-256 of the raw body bytes, lowercase hex.
    pub body_sha256: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vaulting(id: &str, status: Status) -> Vaulting {
        Vaulting {
            request_id: id.to_owned(),
            origin: Api::CreateVaultingSession,
            request: String::new(),
            notify_url: String::new(),
            redirect_url: None,
            payment_method_type: "CARD".to_owned(),
            metadata: None,
            created_at: String::new(),
            status,
            card: None,
            failure: None,
            session: Some(Session {
                id: format!("session-{id}"),
                expires_at_millis: 0,
            }),
            wants_3ds: false,
            challenge: None,
            first_response: Vec::new(),
            final_response: None,
        }
    }

    fn kept(store: &Store) -> Vec<&str> {
        let mut ids: Vec<&str> = store.vaultings.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn the_oldest_finished_vaulting_is_forgotten_beyond_the_limit() {
        let mut store = Store::with_limit(2);
        store.insert(vaulting("a", Status::Success));
        store.insert(vaulting("b", Status::Fail));
        assert_eq!(kept(&store), ["a", "b"]);
        store.insert(vaulting("c", Status::Success));
        assert_eq!(kept(&store), ["b", "c"]);
    }

    #[test]
    fn finished_vaultings_are_forgotten_before_older_unfinished_ones() {
        let mut store = Store::with_limit(2);
        store.insert(vaulting("open", Status::Processing));
        store.insert(vaulting("done", Status::Success));
        store.insert(vaulting("new", Status::Processing));
        assert_eq!(kept(&store), ["new", "open"]);
        // With nothing finished left, the oldest unfinished one goes.
        store.insert(vaulting("newer", Status::Processing));
        assert_eq!(kept(&store), ["new", "newer"]);
    }

    #[test]
    fn a_vaulting_being_notified_is_kept_past_the_limit_until_delivery_ends() {
        let mut store = Store::with_limit(1);
        store.begin_notification("a");
        store.insert(vaulting("a", Status::Success));
        store.begin_notification("b");
        store.insert(vaulting("b", Status::Success));
        assert_eq!(kept(&store), ["a", "b"], "both notifications in flight");
        store.insert(vaulting("c", Status::Success));
        assert_eq!(
            kept(&store),
            ["a", "b"],
            "only the unpinned newcomer can go"
        );
        store.end_notification("a");
        assert!(!store.is_notifying("a"));
        assert_eq!(kept(&store), ["b"]);
    }

    #[test]
    fn two_deliveries_pin_a_vaulting_until_both_end() {
        let mut store = Store::with_limit(1);
        store.begin_notification("a");
        store.begin_notification("a");
        store.insert(vaulting("a", Status::Success));
        store.insert(vaulting("b", Status::Success));
        store.end_notification("a");
        assert!(store.is_notifying("a"));
        assert_eq!(kept(&store), ["a"]);
        store.end_notification("a");
        assert!(!store.is_notifying("a"));
        store.insert(vaulting("c", Status::Success));
        assert_eq!(kept(&store), ["c"]);
    }

    #[test]
    fn forgetting_a_vaulting_forgets_its_session_challenge_and_fault_marks() {
        let mut store = Store::with_limit(1);
        let mut first = vaulting("a", Status::Fail);
        first.challenge = Some(Challenge {
            token: "token-a".to_owned(),
            card: CardFacts {
                card_token: None,
                masked_card_no: "************1111".to_owned(),
                brand: CardBrand::Visa,
                fingerprint: String::new(),
            },
        });
        store
            .by_session
            .insert("session-a".to_owned(), "a".to_owned());
        store
            .by_challenge
            .insert("token-a".to_owned(), "a".to_owned());
        store.card_faults_fired.insert("a".to_owned());
        store.insert(first);
        store.insert(vaulting("b", Status::Success));
        assert_eq!(kept(&store), ["b"]);
        assert!(store.by_session.is_empty());
        assert!(store.by_challenge.is_empty());
        assert!(store.card_faults_fired.is_empty());
    }

    #[test]
    fn a_limit_of_zero_keeps_one() {
        let mut store = Store::with_limit(0);
        store.insert(vaulting("a", Status::Success));
        assert_eq!(kept(&store), ["a"]);
    }
}
