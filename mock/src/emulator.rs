//! Starting, inspecting and stopping an emulator.

use std::sync::{Arc, Mutex, MutexGuard};

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::EmulatorConfig;
use crate::faults::{FaultBook, FaultRule};
use crate::keys::KeyPairText;
use crate::notifier::DeliveryAttempt;
use crate::sig::{Signer, Verifier};
use crate::state::{ReceivedRequest, Store, VaultingSnapshot};

/// Why an emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A key could not be generated or parsed.
    #[error("emulator key: {0}")]
    Key(String),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The notification HTTP client could not be built.
    #[error("cannot build the notification HTTP client: {0}")]
    Http(String),
}

/// State shared by every handler of one emulator.
pub(crate) struct Shared {
    pub base_url: String,
    pub client_id: String,
    pub notify_speedup: f64,
    pub session_ttl: std::time::Duration,
    /// How many request and delivery records are kept (see [`RECORDS_PER_VAULTING`]).
    pub record_limit: usize,
    pub signer: Signer,
    pub verifier: Verifier,
    pub store: Mutex<Store>,
    pub faults: Mutex<FaultBook>,
    pub deliveries: Mutex<Vec<DeliveryAttempt>>,
    pub received: Mutex<Vec<ReceivedRequest>>,
    /// How many notification deliveries have ended (acknowledged, given up or stopped).
    pub deliveries_ended: watch::Sender<u64>,
    pub http: reqwest::Client,
    pub shutdown: watch::Receiver<bool>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How many request records, delivery records and attempt counters an emulator keeps per
/// vaulting it may remember (`max_vaultings`): typically one request and one delivery each, so the
/// records of the vaultings still remembered stay. The oldest half of a log is dropped when full.
const RECORDS_PER_VAULTING: usize = 2;

fn push_bounded<T>(log: &mut Vec<T>, item: T, limit: usize) {
    if log.len() >= limit {
        log.drain(..limit / 2);
    }
    log.push(item);
}

impl Shared {
    pub fn lock_store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    pub fn lock_faults(&self) -> MutexGuard<'_, FaultBook> {
        lock(&self.faults)
    }

    pub fn record_delivery(&self, attempt: DeliveryAttempt) {
        push_bounded(&mut lock(&self.deliveries), attempt, self.record_limit);
    }

    pub fn deliveries(&self) -> Vec<DeliveryAttempt> {
        lock(&self.deliveries).clone()
    }

    pub fn record_request(&self, request: ReceivedRequest) {
        push_bounded(&mut lock(&self.received), request, self.record_limit);
    }

    pub fn received(&self) -> Vec<ReceivedRequest> {
        lock(&self.received).clone()
    }

    pub fn snapshots(&self) -> Vec<VaultingSnapshot> {
        let mut all: Vec<VaultingSnapshot> = self
            .lock_store()
            .vaultings
            .values()
            .map(VaultingSnapshot::from)
            .collect();
        all.sort_by(|a, b| a.vaulting_request_id.cmp(&b.vaulting_request_id));
        all
    }
}

/// A running emulator. Dropping it stops the server too; [`Emulator::shutdown`] also waits.
pub struct Emulator {
    shared: Arc<Shared>,
    antom_public_key: String,
    merchant_keys: Option<KeyPairText>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.shared.base_url)
            .field("client_id", &self.shared.client_id)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Generates missing keys, binds the address and starts serving.
    pub async fn start(config: EmulatorConfig) -> Result<Emulator, StartError> {
        let antom_private = match &config.antom_private_key {
            Some(text) => text.clone(),
            None => {
                KeyPairText::generate()
                    .map_err(|e| StartError::Key(e.to_string()))?
                    .private_pkcs8_base64
            }
        };
        let (merchant_public, merchant_keys) = match &config.merchant_public_key {
            Some(text) => (text.clone(), None),
            None => {
                let pair = KeyPairText::generate().map_err(|e| StartError::Key(e.to_string()))?;
                (pair.public_spki_base64.clone(), Some(pair))
            }
        };
        let signer = Signer::from_text(&antom_private, config.key_version)
            .map_err(|e| StartError::Key(format!("Antom private key: {e}")))?;
        let verifier = Verifier::from_text(&merchant_public, config.key_version)
            .map_err(|e| StartError::Key(format!("merchant public key: {e}")))?;
        let antom_public_key = signer.public_key_base64();
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.addr,
                source,
            })?;
        let local = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| StartError::Http(e.to_string()))?;
        let (stop, shutdown) = watch::channel(false);
        let record_limit = config
            .max_vaultings
            .max(1)
            .saturating_mul(RECORDS_PER_VAULTING);
        let shared = Arc::new(Shared {
            base_url: format!("http://{local}"),
            client_id: config.client_id.clone(),
            notify_speedup: config.notify_speedup.max(1.0),
            session_ttl: config.session_ttl,
            record_limit,
            signer,
            verifier,
            store: Mutex::new(Store::with_limit(config.max_vaultings)),
            faults: Mutex::new(FaultBook::with_counter_limit(record_limit)),
            deliveries: Mutex::default(),
            received: Mutex::default(),
            deliveries_ended: watch::Sender::new(0),
            http,
            shutdown: shutdown.clone(),
        });
        let router = crate::routes::router(shared.clone());
        let task = tokio::spawn(crate::server::serve(listener, router, shutdown));
        Ok(Emulator {
            shared,
            antom_public_key,
            merchant_keys,
            stop,
            task: Some(task),
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// The accepted client id.
    pub fn client_id(&self) -> &str {
        &self.shared.client_id
    }

    /// The Antom public key that verifies the emulator's responses and notifications (bare base64
    /// SubjectPublicKeyInfo).
    pub fn antom_public_key(&self) -> &str {
        &self.antom_public_key
    }

    /// The merchant private key (bare base64 PKCS#8) when the emulator generated the merchant keys.
    pub fn merchant_private_key(&self) -> Option<&str> {
        self.merchant_keys
            .as_ref()
            .map(|k| k.private_pkcs8_base64.as_str())
    }

    /// The merchant public key (bare base64 SubjectPublicKeyInfo) when the emulator generated it.
    pub fn merchant_public_key(&self) -> Option<&str> {
        self.merchant_keys
            .as_ref()
            .map(|k| k.public_spki_base64.as_str())
    }

    /// Registers a fault rule (the same as `POST /__emulator/faults`).
    pub fn inject(&self, rule: FaultRule) {
        self.shared.lock_faults().add(rule);
    }

    /// Removes every pending fault rule.
    pub fn clear_faults(&self) {
        self.shared.lock_faults().clear();
    }

    /// How many attempts of `api` with this `vaultingRequestId` passed authentication.
    pub fn attempts(&self, api: &str, vaulting_request_id: &str) -> u32 {
        self.shared.lock_faults().attempts(api, vaulting_request_id)
    }

    /// Every vaulting the emulator knows, sorted by `vaultingRequestId`.
    pub fn vaultings(&self) -> Vec<VaultingSnapshot> {
        self.shared.snapshots()
    }

    /// Every notification delivery attempt so far, in order.
    pub fn deliveries(&self) -> Vec<DeliveryAttempt> {
        self.shared.deliveries()
    }

    /// Every authenticated API request so far, in arrival order (body digests, not bodies).
    pub fn received(&self) -> Vec<ReceivedRequest> {
        self.shared.received()
    }

    /// Whether a notification about `vaulting_request_id` is still being delivered.
    pub fn is_notifying(&self, vaulting_request_id: &str) -> bool {
        self.shared.lock_store().is_notifying(vaulting_request_id)
    }

    /// Waits until no notification about `vaulting_request_id` is being delivered any more:
    /// every delivery of it was acknowledged, given up or stopped, so no further attempt can
    /// follow. Returns at once when none is in progress, so call it after the vaulting finished.
    pub async fn deliveries_ended(&self, vaulting_request_id: &str) {
        let mut ended = self.shared.deliveries_ended.subscribe();
        while self.is_notifying(vaulting_request_id) {
            if ended.changed().await.is_err() {
                return;
            }
        }
    }

    /// Stops serving and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_stay_bounded_and_keep_the_newest() {
        let limit = 1_000;
        let mut log = Vec::new();
        for i in 0..limit + 10 {
            push_bounded(&mut log, i, limit);
        }
        assert!(log.len() <= limit);
        assert_eq!(log.last(), Some(&(limit + 9)));
        assert_eq!(log.first(), Some(&(limit / 2)));
    }
}
