//! In-memory vaulting state, keyed by `vaultingRequestId`.

use std::collections::{HashMap, HashSet};
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

/// Everything the emulator remembers.
#[derive(Debug, Default)]
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
