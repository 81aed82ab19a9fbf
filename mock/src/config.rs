//! How an emulator is set up.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

/// Settings of an [`crate::Emulator`]. `Debug` never shows key material.
#[derive(Clone)]
pub struct EmulatorConfig {
    /// Where to listen; `127.0.0.1:0` (any free loopback port) by default.
    pub addr: SocketAddr,
    /// The only `Client-Id` accepted. A `SANDBOX_` prefix means requests must use the
    /// `/ams/sandbox/api` paths, any other id the `/ams/api` paths.
    pub client_id: String,
    /// The merchant's public key (SubjectPublicKeyInfo or PKCS#1, PEM or bare base64). When absent,
    /// the emulator generates a merchant key pair and hands out its private key.
    pub merchant_public_key: Option<String>,
    /// The emulator's Antom private key (PKCS#8 or PKCS#1, PEM or bare base64); generated when absent.
    pub antom_private_key: Option<String>,
    /// The `keyVersion` the emulator accepts and signs with.
    pub key_version: u32,
    /// Divides Antom's notification resend schedule (1.0 = real time; 100000 turns hours into
    /// fractions of a second).
    pub notify_speedup: f64,
    /// How long a hosted-page session stays usable (30 minutes by default).
    pub session_ttl: Duration,
    /// How many vaultings the emulator remembers ([`crate::state::DEFAULT_VAULTING_LIMIT`] by
    /// default); beyond it the oldest finished ones are forgotten, never one whose notification is
    /// still being delivered (see [`crate::state::Store`]).
    pub max_vaultings: usize,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            client_id: "EMULATOR_CLIENT_ID".to_owned(),
            merchant_public_key: None,
            antom_private_key: None,
            key_version: 1,
            notify_speedup: 1.0,
            session_ttl: Duration::from_secs(30 * 60),
            max_vaultings: crate::state::DEFAULT_VAULTING_LIMIT,
        }
    }
}

impl EmulatorConfig {
    /// Sets the listening address.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Sets the accepted client id.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = client_id.into();
        self
    }

    /// Sets the merchant public key that request signatures are checked with.
    pub fn merchant_public_key(mut self, key: impl Into<String>) -> Self {
        self.merchant_public_key = Some(key.into());
        self
    }

    /// Sets the Antom private key that responses and notifications are signed with.
    pub fn antom_private_key(mut self, key: impl Into<String>) -> Self {
        self.antom_private_key = Some(key.into());
        self
    }

    /// Sets how long a hosted-page session stays usable.
    pub fn session_ttl(mut self, ttl: Duration) -> Self {
        self.session_ttl = ttl;
        self
    }

    /// Sets how many vaultings are remembered (values below 1 are treated as 1).
    pub fn max_vaultings(mut self, limit: usize) -> Self {
        self.max_vaultings = limit;
        self
    }

    /// Sets the notification speed-up factor (values below 1 are treated as 1).
    pub fn notify_speedup(mut self, factor: f64) -> Self {
        self.notify_speedup = factor;
        self
    }
}

impl fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("addr", &self.addr)
            .field("client_id", &self.client_id)
            .field(
                "merchant_public_key",
                &self.merchant_public_key.as_ref().map(|_| "<set>"),
            )
            .field(
                "antom_private_key",
                &self.antom_private_key.as_ref().map(|_| "<redacted>"),
            )
            .field("key_version", &self.key_version)
            .field("notify_speedup", &self.notify_speedup)
            .field("session_ttl", &self.session_ttl)
            .field("max_vaultings", &self.max_vaultings)
            .finish()
    }
}
