//! Where the client sends requests: region hosts, custom base URLs and the environment.

use std::borrow::Cow;
use std::fmt;

use crate::api::MerchantApi;
use crate::error::ConfigError;
use crate::generated::service;

/// Antom's API hosts per region, generated from spec/service.yaml (the same facts give the
/// OpenAPI `servers`).
pub use crate::generated::service::Region;

/// Production or sandbox. Both use the same hosts; sandbox calls go to `/ams/sandbox/api/...`
/// ([`service::SANDBOX_API_BASE`]).
///
/// The environment must agree with the client id: sandbox client ids start with `SANDBOX_`
/// ([`service::SANDBOX_CLIENT_ID_PREFIX`]), and
/// [`ClientBuilder::build`](crate::client::ClientBuilder::build) refuses a mismatch rather than
/// guessing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Environment {
    /// Live traffic.
    Production,
    /// Antom's sandbox (test client ids, test keys).
    Sandbox,
}

impl Environment {
    /// The environment a client id belongs to, from its `SANDBOX_` prefix.
    pub fn of_client_id(client_id: &str) -> Environment {
        if service::is_sandbox_client_id(client_id) {
            Environment::Sandbox
        } else {
            Environment::Production
        }
    }

    /// The path to call (and sign) for an API's production path: unchanged in production; in
    /// sandbox the first `/ams/api` becomes `/ams/sandbox/api`.
    pub fn path(self, production_path: &str) -> String {
        match self {
            Environment::Production => production_path.to_owned(),
            Environment::Sandbox => service::sandbox_path(production_path),
        }
    }

    /// The path API `A` is called (and signed) with in this environment: [`MerchantApi::PATH`], or
    /// in the sandbox the [`ApiSchema::sandbox_path`](crate::schema::ApiSchema::sandbox_path)
    /// worked out when the bindings were generated.
    pub fn api_path<A: MerchantApi>(self) -> Cow<'static, str> {
        match (self, A::SCHEMA.sandbox_path) {
            (Environment::Production, _) => Cow::Borrowed(A::PATH),
            (Environment::Sandbox, Some(sandbox_path)) => Cow::Borrowed(sandbox_path),
            // Every generated merchant → Antom API has one; an `ApiSchema` written by hand may not.
            (Environment::Sandbox, None) => Cow::Owned(service::sandbox_path(A::PATH)),
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Environment::Production => "production",
            Environment::Sandbox => "sandbox",
        })
    }
}

/// Checks and normalises a custom base URL to `scheme://host[:port]`.
///
/// `https` is always accepted; plain `http` only for loopback hosts (`localhost`, `127.0.0.0/8`,
/// `[::1]`), for local emulators and tests. The URL must not carry a path (other than `/`), query,
/// fragment or credentials: the API paths are appended as Antom documents them, and the signature
/// covers exactly that path.
pub(crate) fn normalize_base_url(raw: &str) -> Result<String, ConfigError> {
    let url = reqwest::Url::parse(raw.trim())
        .map_err(|_| ConfigError::InvalidBaseUrl("not an absolute URL"))?;
    let host = url
        .host_str()
        .ok_or(ConfigError::InvalidBaseUrl("the URL has no host"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return Err(ConfigError::InvalidBaseUrl(
                "plain http is allowed only for loopback hosts; use https",
            ));
        }
        _ => return Err(ConfigError::InvalidBaseUrl("the scheme must be https")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ConfigError::InvalidBaseUrl(
            "the URL must not carry credentials",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ConfigError::InvalidBaseUrl(
            "the URL must not have a query or fragment",
        ));
    }
    if url.path() != "/" && !url.path().is_empty() {
        return Err(ConfigError::InvalidBaseUrl(
            "the URL must not have a path; API paths are appended to the host",
        ));
    }
    Ok(url.origin().ascii_serialization())
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_rewrites_only_the_first_prefix() {
        assert_eq!(
            Environment::Sandbox.path("/ams/api/v1/vaults/inquireVaulting"),
            "/ams/sandbox/api/v1/vaults/inquireVaulting"
        );
        assert_eq!(
            Environment::Sandbox.path("/ams/api/x/ams/api"),
            "/ams/sandbox/api/x/ams/api"
        );
        assert_eq!(Environment::Production.path("/ams/api/x"), "/ams/api/x");
    }

    #[test]
    fn base_urls_are_normalized_and_checked() {
        assert_eq!(
            normalize_base_url("https://open-sea-global.alipay.com/").unwrap(),
            "https://open-sea-global.alipay.com"
        );
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalize_base_url("http://localhost:1/").unwrap(),
            "http://localhost:1"
        );
        assert_eq!(
            normalize_base_url("http://[::1]:9/").unwrap(),
            "http://[::1]:9"
        );
        for bad in [
            "http://example.com",
            "ftp://example.com",
            "https://example.com/prefix",
            "https://example.com/?a=b",
            "https://user:pw@example.com",
            "example.com",
            "",
        ] {
            assert!(normalize_base_url(bad).is_err(), "{bad}");
        }
    }
}
