//! A set of Antom public keys that can change while a service runs (key rotation).

use std::fmt;
use std::sync::{Arc, RwLock};

use super::VerifyingKey;
use crate::error::SignatureError;
use crate::signing::SignatureHeader;

/// Antom's public keys that a [`Client`](crate::Client) and a
/// [`WebhookVerifier`](crate::webhook::WebhookVerifier) accept, shared and changeable at run time.
///
/// Clones share one set: keep a clone and call [`AntomKeys::add`] or [`AntomKeys::remove`] while
/// the service runs, and every client and verifier built from it sees the change at its next
/// verification. A signature verifies when one key of the set verifies it. Each key may be
/// labelled with the `keyVersion` Antom announces for it: when a `Signature` header carries a
/// `keyVersion` and keys with that label exist, only those are tried; otherwise every key is.
///
/// Rotating Antom's key without losing a response or a notification:
///
/// ```
/// # fn demo(old: antom_vault::VerifyingKey, new: antom_vault::VerifyingKey) {
/// use antom_vault::keys::AntomKeys;
///
/// let keys = AntomKeys::new(old.clone()); // build the client and the verifier with `keys.clone()`
/// keys.add(new.clone()); // 1. Antom announces the new key: accept both
/// keys.remove(&old); // 2. Antom signs with the new key only: drop the old one
/// assert_eq!(keys.keys(), vec![new]);
/// # }
/// ```
#[derive(Clone, Default)]
pub struct AntomKeys {
    keys: Arc<RwLock<Vec<Entry>>>,
}

/// One key and the `keyVersion` it is known by, if any.
#[derive(Clone)]
struct Entry {
    version: Option<u32>,
    key: VerifyingKey,
}

impl AntomKeys {
    /// A set holding one key, without a version label.
    pub fn new(key: VerifyingKey) -> Self {
        let keys = AntomKeys::default();
        keys.add(key);
        keys
    }

    /// An empty set: nothing verifies until a key is added.
    pub fn empty() -> Self {
        AntomKeys::default()
    }

    /// Adds `key` (without a version label). Adding a key the set holds already changes nothing.
    pub fn add(&self, key: VerifyingKey) {
        self.insert(None, key);
    }

    /// Adds `key` as the key Antom signs with under `keyVersion` `version`; an earlier key with the
    /// same label keeps its place (remove it to stop accepting it).
    pub fn add_version(&self, version: u32, key: VerifyingKey) {
        self.insert(Some(version), key);
    }

    fn insert(&self, version: Option<u32>, key: VerifyingKey) {
        let mut keys = self.write();
        match keys.iter_mut().find(|entry| entry.key == key) {
            Some(entry) => entry.version = entry.version.or(version),
            None => keys.push(Entry { version, key }),
        }
    }

    /// Removes `key` (whatever its label); true when the set held it.
    pub fn remove(&self, key: &VerifyingKey) -> bool {
        let mut keys = self.write();
        let before = keys.len();
        keys.retain(|entry| entry.key != *key);
        keys.len() != before
    }

    /// The keys, in the order they were added.
    pub fn keys(&self) -> Vec<VerifyingKey> {
        self.read().iter().map(|entry| entry.key.clone()).collect()
    }

    /// How many keys the set holds.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// Whether `key` is in the set.
    pub fn contains(&self, key: &VerifyingKey) -> bool {
        self.read().iter().any(|entry| entry.key == *key)
    }

    /// Checks `header`'s signature over `message` (the
    /// [string to sign](crate::signing::string_to_sign)) with the keys of the set: those labelled
    /// with the header's `keyVersion` if there are any, otherwise each.
    /// [`SignatureError::Mismatch`] when none verifies (or the set is empty).
    pub fn verify(&self, message: &[u8], header: &SignatureHeader) -> Result<(), SignatureError> {
        // Under the read lock, without copying the list: rotation waits at most one verification.
        let keys = self.read();
        let version = header.key_version();
        let labelled = |entry: &Entry| version.is_some() && entry.version == version;
        let any_labelled = keys.iter().any(labelled);
        let verified = keys
            .iter()
            .filter(|entry| !any_labelled || labelled(entry))
            .any(|entry| entry.key.verify(message, header.signature()).is_ok());
        verified.then_some(()).ok_or(SignatureError::Mismatch)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Entry>> {
        // A panic while holding the lock cannot leave the list half-changed: keep using it.
        self.keys
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Vec<Entry>> {
        self.keys
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl From<VerifyingKey> for AntomKeys {
    fn from(key: VerifyingKey) -> Self {
        AntomKeys::new(key)
    }
}

impl fmt::Debug for AntomKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys = self.read();
        f.debug_list()
            .entries(
                keys.iter()
                    .map(|entry| (entry.version, entry.key.modulus_bits())),
            )
            .finish()
    }
}

#[cfg(all(test, feature = "aws-lc-rs"))]
mod tests {
    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::rsa::{KeyPair, KeySize};

    use super::*;
    use crate::keys::SigningKey;
    use crate::signing::string_to_sign;

    fn key_pair() -> SigningKey {
        let pair = KeyPair::generate(KeySize::Rsa2048).expect("a 2048-bit key");
        SigningKey::from_der(pair.as_der().expect("PKCS#8").as_ref()).expect("our own key")
    }

    /// The string to sign and a header signed by `key` under `version`.
    fn signed(key: &SigningKey, version: Option<u32>) -> (Vec<u8>, SignatureHeader) {
        let header = key
            .sign_request("/n", "C", "1", b"{}", version)
            .expect("signs");
        (string_to_sign("/n", "C", "1", b"{}"), header)
    }

    #[test]
    fn a_set_adds_each_key_once_and_removes_it() {
        let (a, b) = (
            key_pair().verifying_key().clone(),
            key_pair().verifying_key().clone(),
        );
        let set = AntomKeys::empty();
        assert!(set.is_empty());
        assert_eq!(set.len(), 0);
        set.add(a.clone());
        set.add(a.clone());
        set.add_version(7, b.clone());
        assert_eq!(set.len(), 2);
        assert!(!set.is_empty());
        assert!(set.contains(&a) && set.contains(&b));
        assert_eq!(set.keys(), vec![a.clone(), b.clone()]);
        assert_eq!(format!("{set:?}"), "[(None, 2048), (Some(7), 2048)]");
        // A label given later to a key held without one is kept; an existing label is not replaced.
        set.add_version(3, a.clone());
        set.add_version(9, b.clone());
        assert_eq!(format!("{set:?}"), "[(Some(3), 2048), (Some(7), 2048)]");
        assert!(set.remove(&a));
        assert!(!set.remove(&a));
        assert!(!set.contains(&a));
        assert_eq!(set.keys(), vec![b.clone()]);
        assert_eq!(AntomKeys::from(b.clone()).keys(), vec![b]);
    }

    #[test]
    fn a_key_version_selects_its_keys_and_falls_back_to_all() {
        let (old, new) = (key_pair(), key_pair());
        let set = AntomKeys::empty();
        set.add_version(1, old.verifying_key().clone());
        set.add_version(2, new.verifying_key().clone());
        let verify = |(message, header): (Vec<u8>, SignatureHeader)| set.verify(&message, &header);
        // Each version verifies with its own key only.
        assert_eq!(verify(signed(&new, Some(2))), Ok(()));
        assert_eq!(verify(signed(&old, Some(1))), Ok(()));
        assert_eq!(verify(signed(&old, Some(2))), Err(SignatureError::Mismatch));
        assert_eq!(verify(signed(&new, Some(1))), Err(SignatureError::Mismatch));
        // No version, or one no key is labelled with: every key is tried.
        assert_eq!(verify(signed(&old, None)), Ok(()));
        assert_eq!(verify(signed(&new, None)), Ok(()));
        assert_eq!(verify(signed(&new, Some(5))), Ok(()));
        // A key without a label is tried only when no key carries the header's version.
        let unlabelled = key_pair();
        set.add(unlabelled.verifying_key().clone());
        assert_eq!(verify(signed(&unlabelled, Some(5))), Ok(()));
        assert_eq!(
            verify(signed(&unlabelled, Some(2))),
            Err(SignatureError::Mismatch)
        );
        // An empty set verifies nothing.
        let empty = AntomKeys::empty();
        let (message, header) = signed(&old, None);
        assert_eq!(
            empty.verify(&message, &header),
            Err(SignatureError::Mismatch)
        );
    }
}
