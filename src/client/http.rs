//! The HTTP side of a call: the pooled reqwest client (the crate's own, with rustls on the
//! selected crypto backend, or the caller's), the per-attempt timeout and the attempt hook.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::hook::{Attempt, AttemptOutcome, SharedHook};
use crate::error::{ConfigError, TransportFailure};

/// Builds the crate's own HTTP client: rustls with the platform's root certificates, no redirects
/// (a redirected POST would not carry a valid signature, and would carry the body elsewhere), the
/// given connect timeout. The request timeout is set per attempt by [`Transport::send`].
///
/// With the default `aws-lc-rs` feature reqwest uses its own rustls set-up on aws-lc-rs. With only
/// the `ring` feature, a rustls configuration on the ring provider is handed to this client alone:
/// no process-wide default provider is installed.
pub(crate) fn build(connect_timeout: Duration) -> Result<reqwest::Client, ConfigError> {
    let builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("antom-vault/", env!("CARGO_PKG_VERSION")));
    #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
    let builder = builder.tls_backend_preconfigured(ring_tls::config()?);
    builder
        .build()
        .map_err(|err| ConfigError::Http(err.to_string()))
}

/// A whole response, not yet verified.
pub(crate) struct Received {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// Sends attempts: through one reqwest client, each with the request timeout, each observed by
/// the hook when there is one.
#[derive(Debug)]
pub(crate) struct Transport {
    client: reqwest::Client,
    request_timeout: Duration,
    hook: Option<SharedHook>,
}

impl Transport {
    pub(crate) fn new(
        client: reqwest::Client,
        request_timeout: Duration,
        hook: Option<SharedHook>,
    ) -> Self {
        Transport {
            client,
            request_timeout,
            hook,
        }
    }

    /// The client requests are made with.
    pub(crate) fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends one attempt and reads its whole response.
    pub(crate) async fn send(
        &self,
        attempt: Attempt,
        request: reqwest::RequestBuilder,
    ) -> Result<Received, TransportFailure> {
        let request = request
            .timeout(self.request_timeout)
            .build()
            .map_err(|err| transport_failure(&err))?;
        if let Some(hook) = &self.hook {
            hook.0.before_send(attempt, &request);
        }
        let started = Instant::now();
        let result = self.exchange(request).await;
        if let Some(hook) = &self.hook {
            let elapsed = started.elapsed();
            let outcome = match &result {
                Ok(received) => AttemptOutcome::Received {
                    status: received.status,
                    headers: &received.headers,
                    body: &received.body,
                    elapsed,
                },
                Err(failure) => AttemptOutcome::Failed {
                    failure: *failure,
                    elapsed,
                },
            };
            hook.0.after_receive(attempt, &outcome);
        }
        result
    }

    async fn exchange(&self, request: reqwest::Request) -> Result<Received, TransportFailure> {
        let url = request.url().clone();
        let mut response = self
            .client
            .execute(request)
            .await
            .map_err(|err| transport_failure(&err))?;
        // A caller's client may follow redirects: an answer from elsewhere is not Antom's answer
        // to this request, and its body is not read.
        if response.url() != &url {
            tracing::debug!("the HTTP client followed a redirect; answer not read");
            return Err(TransportFailure::Redirected);
        }
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let body = response
            .bytes()
            .await
            .map_err(|err| transport_failure(&err))?;
        Ok(Received {
            status,
            headers,
            body: body.into(),
        })
    }
}

fn transport_failure(err: &reqwest::Error) -> TransportFailure {
    tracing::debug!(error = %err, "transport failure");
    if err.is_timeout() {
        TransportFailure::Timeout
    } else if err.is_connect() {
        TransportFailure::Connect
    } else {
        TransportFailure::Interrupted
    }
}

#[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
mod ring_tls {
    use std::sync::Arc;

    use crate::error::ConfigError;

    /// rustls on ring, verifying servers with the platform verifier (as reqwest does itself).
    pub(super) fn config() -> Result<rustls::ClientConfig, ConfigError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
            .map_err(|err| ConfigError::Http(err.to_string()))?;
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|err| ConfigError::Http(err.to_string()))?
            // Not a weakened check: the platform verifier does full certificate verification.
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(config)
    }
}
