//! The one pooled reqwest client, with rustls on the selected crypto backend.

use std::time::Duration;

use crate::error::ConfigError;

/// Builds the HTTP client: rustls with the platform's root certificates, no redirects (a
/// redirected POST would not carry a valid signature), the given timeouts.
///
/// With the default `aws-lc-rs` feature reqwest uses its own rustls set-up on aws-lc-rs. With only
/// the `ring` feature, a rustls configuration on the ring provider is handed to this client alone:
/// no process-wide default provider is installed.
pub(crate) fn build(
    connect_timeout: Duration,
    request_timeout: Duration,
) -> Result<reqwest::Client, ConfigError> {
    let builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .timeout(request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("antom-vault/", env!("CARGO_PKG_VERSION")));
    #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
    let builder = builder.tls_backend_preconfigured(ring_tls::config()?);
    builder
        .build()
        .map_err(|err| ConfigError::Http(err.to_string()))
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
