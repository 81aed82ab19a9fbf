//! Configuring a [`Client`].

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use super::config::{self, Environment, Region};
use super::hook::{AttemptHook, SharedHook};
use super::{Client, Inner, http};
use crate::error::{ConfigError, Error};
use crate::keys::{AntomKeys, SigningKey, VerifyingKey};
use crate::retry::RetryPolicy;
use crate::signing::{Clock, SystemClock};

/// Default time allowed to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default time allowed for a whole request, from sending to the last response byte.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Default total time of one call ([`ClientBuilder::call_deadline`]): every attempt and every wait
/// between attempts. With the other defaults (3 attempts of at most 15 s, waits of at most 5 s),
/// a call could otherwise take 55 s.
pub const DEFAULT_CALL_DEADLINE: Duration = Duration::from_secs(30);
/// Default `keyVersion` sent in the `Signature` header (what Antom's SDKs send).
pub const DEFAULT_KEY_VERSION: u32 = 1;

#[derive(Clone, Debug)]
enum Endpoint {
    Region(Region),
    Custom(String),
}

/// Builder of a [`Client`]. Required: client id, environment, region or base URL, the merchant
/// private key and the Antom public key.
///
/// ```no_run
/// # fn demo(private_pem: &str, antom_public_b64: &str) -> Result<(), antom_vault::Error> {
/// use std::time::Duration;
/// use antom_vault::{Client, Environment, Region, SigningKey, VerifyingKey};
/// use antom_vault::retry::RetryPolicy;
///
/// let client = Client::builder()
///     .client_id("SANDBOX_5X00000000000000")
///     .environment(Environment::Sandbox)
///     .region(Region::Asia)
///     .merchant_private_key(SigningKey::parse(private_pem)?)
///     .antom_public_key(VerifyingKey::parse(antom_public_b64)?)
///     .request_timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::default().with_max_attempts(4))
///     .build()?;
/// # let _ = client; Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct ClientBuilder {
    client_id: Option<String>,
    environment: Option<Environment>,
    endpoint: Option<Endpoint>,
    signing_key: Option<SigningKey>,
    antom_keys: Option<AntomKeys>,
    key_version: Option<u32>,
    connect_timeout: Duration,
    request_timeout: Duration,
    call_deadline: Duration,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    http_client: Option<reqwest::Client>,
    hook: Option<SharedHook>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientBuilder {
    /// A builder with the defaults: key version 1, 5 s connect and 15 s request timeouts, a 30 s
    /// call deadline, the default [`RetryPolicy`], the system clock.
    pub fn new() -> Self {
        ClientBuilder {
            client_id: None,
            environment: None,
            endpoint: None,
            signing_key: None,
            antom_keys: None,
            key_version: Some(DEFAULT_KEY_VERSION),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            call_deadline: DEFAULT_CALL_DEADLINE,
            retry: RetryPolicy::default(),
            clock: Arc::new(SystemClock),
            http_client: None,
            hook: None,
        }
    }

    /// The merchant's client id (`Client-Id`); sandbox ids start with `SANDBOX_`.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// Production or sandbox; must agree with the client id's `SANDBOX_` prefix.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// Send requests to one of Antom's documented hosts (replaces any base URL).
    pub fn region(mut self, region: Region) -> Self {
        self.endpoint = Some(Endpoint::Region(region));
        self
    }

    /// Send requests to a custom base URL, such as a local emulator (replaces any region).
    ///
    /// `https://host[:port]`, with or without a trailing slash; plain `http://` only for loopback
    /// hosts (`localhost`, `127.0.0.1`, `[::1]`). No path, query or credentials.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.endpoint = Some(Endpoint::Custom(base_url.into()));
        self
    }

    /// The merchant's private key, which signs requests.
    pub fn merchant_private_key(mut self, key: SigningKey) -> Self {
        self.signing_key = Some(key);
        self
    }

    /// Antom's public key, which verifies responses (from the Antom Dashboard, not the merchant's
    /// own public key: the build fails if it is the merchant key's pair).
    pub fn antom_public_key(mut self, key: VerifyingKey) -> Self {
        self.antom_keys = Some(AntomKeys::new(key));
        self
    }

    /// Antom's public keys, as a shared set that can change while the client runs (replaces
    /// [`antom_public_key`](Self::antom_public_key)): keep a clone of `keys` to add Antom's next
    /// key and remove the old one during a rotation. A response verifies with any key of the set.
    pub fn antom_public_keys(mut self, keys: AntomKeys) -> Self {
        self.antom_keys = Some(keys);
        self
    }

    /// The `keyVersion` sent in the `Signature` header (default 1); `None` omits it, which Antom
    /// reads as "the latest key".
    pub fn key_version(mut self, key_version: Option<u32>) -> Self {
        self.key_version = key_version;
        self
    }

    /// Time allowed to establish a connection (default 5 s). Applies to the HTTP client this
    /// builder makes; a client passed to [`http_client`](Self::http_client) keeps its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for one attempt, from sending to the last response byte (default 15 s). Set on
    /// every request, so it also applies with a client passed to
    /// [`http_client`](Self::http_client).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The total time one call may take (default [`DEFAULT_CALL_DEADLINE`], 30 s): all its
    /// attempts and the waits between them. A request in flight when it passes is abandoned with
    /// [`Error::OutcomeUnknown`] and
    /// [`TransportFailure::DeadlineExceeded`](crate::error::TransportFailure::DeadlineExceeded); a
    /// resend that could only start after it is not waited for (the last attempt's error is
    /// returned). Either way the outcome is unknown: resolve it by id (see [`Client::execute`]).
    /// Must be longer than zero.
    pub fn call_deadline(mut self, deadline: Duration) -> Self {
        self.call_deadline = deadline;
        self
    }

    /// How same-id resends are bounded and spaced; [`RetryPolicy::none`] turns them off.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The source of `Request-Time` values (replace it in tests).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Sends through `client` instead of an HTTP client this builder makes: for proxies, your own
    /// root certificates or TLS settings, default headers, or one connection pool shared with the
    /// rest of a service. Use the `reqwest` this crate re-exports ([`crate::reqwest`]).
    ///
    /// What the crate still sets on every request: the method (POST), the URL, the four signed
    /// headers (`Content-Type`, `Client-Id`, `Request-Time`, `Signature`; they win over default
    /// headers of the same name), the exact body bytes, and the per-attempt
    /// [`request_timeout`](Self::request_timeout). Everything else is the client's own: its
    /// connect timeout ([`connect_timeout`](Self::connect_timeout) is not applied), TLS, proxy,
    /// `User-Agent` and other default headers.
    ///
    /// Build it with `.redirect(reqwest::redirect::Policy::none())`, as the crate's own client is:
    /// a client that follows a 307 or 308 resends the body, card data included, wherever the
    /// redirect points. A call whose answer came from another URL than the one called fails as
    /// [`TransportFailure::Redirected`](crate::error::TransportFailure::Redirected), unread.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Calls `hook` around every HTTP attempt, resends included: before sending, with the signed
    /// request; after the response was read, with its status, headers, body and the time taken
    /// (or with the transport failure). For metrics, logs and tests; see [`AttemptHook`].
    pub fn attempt_hook(mut self, hook: impl AttemptHook) -> Self {
        self.hook = Some(SharedHook(Arc::new(hook)));
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let client_id = self.client_id.ok_or(ConfigError::Missing("client id"))?;
        if !crate::generated::service::is_well_formed_client_id(&client_id) {
            return Err(ConfigError::InvalidClientId.into());
        }
        let client_id_header =
            HeaderValue::from_str(&client_id).map_err(|_| ConfigError::InvalidClientId)?;
        let environment = self
            .environment
            .ok_or(ConfigError::Missing("environment"))?;
        if Environment::of_client_id(&client_id) != environment {
            return Err(ConfigError::EnvironmentMismatch { environment }.into());
        }
        let base_url = match self
            .endpoint
            .ok_or(ConfigError::Missing("region or base URL"))?
        {
            Endpoint::Region(region) => region.base_url().to_owned(),
            Endpoint::Custom(url) => config::normalize_base_url(&url)?,
        };
        let signing_key = self
            .signing_key
            .ok_or(ConfigError::Missing("merchant private key"))?;
        let antom_keys = self
            .antom_keys
            .ok_or(ConfigError::Missing("Antom public key"))?;
        if antom_keys.is_empty() {
            return Err(ConfigError::Missing("Antom public key").into());
        }
        if antom_keys.contains(signing_key.verifying_key()) {
            return Err(ConfigError::AntomKeyIsMerchantKey.into());
        }
        self.retry.validate()?;
        if self.call_deadline.is_zero() {
            return Err(ConfigError::ZeroDeadline("call").into());
        }
        let client = match self.http_client {
            Some(client) => client,
            None => http::build(self.connect_timeout)?,
        };
        let http = http::Transport::new(client, self.request_timeout, self.hook);
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                environment,
                client_id,
                client_id_header,
                signing_key,
                antom_keys,
                key_version: self.key_version,
                retry: self.retry,
                call_deadline: self.call_deadline,
                clock: self.clock,
            }),
        })
    }
}
