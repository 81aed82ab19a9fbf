//! The service facts resolved and checked: hosts per region, the API base path, the sandbox rule
//! and the client-id rule, each written once in the `service` file.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{ServiceSpec, Spanned};
use crate::naming;

/// The checked service facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// The path every production API path starts with (`/ams/api`).
    pub api_base: String,
    /// What the first [`Service::api_base`] of a path becomes for sandbox clients.
    pub sandbox_api_base: String,
    /// How a sandbox client id starts (`SANDBOX_`).
    pub sandbox_client_id_prefix: String,
    /// Antom's hosts, in file order.
    pub regions: Vec<Region>,
}

impl Service {
    /// The sandbox path of a production API path: its first [`Service::api_base`] becomes
    /// [`Service::sandbox_api_base`] (the rule the generated `service::sandbox_path` applies).
    pub fn sandbox_path(&self, production_path: &str) -> String {
        production_path.replacen(&self.api_base, &self.sandbox_api_base, 1)
    }
}

/// One region's host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The region in words (`North America`).
    pub name: String,
    /// The `Region` variant (`NorthAmerica`).
    pub rust_name: String,
    /// Scheme and host, no path (`https://open-na-global.alipay.com`).
    pub host: String,
    /// Which merchants use it.
    pub description: String,
}

/// Checks `spec` and resolves it, pushing one located diagnostic per problem.
pub(super) fn resolve(spec: &ServiceSpec, diags: &mut Vec<Diagnostic>) -> Service {
    let mut err = |loc: &Location, message: String| diags.push(Diagnostic::at(loc, message));
    for (key, base) in [
        ("api_base", &spec.api_base),
        ("sandbox.api_base", &spec.sandbox_api_base),
    ] {
        if let Some(problem) = base_path_problem(&base.value) {
            err(&base.loc, format!("`{key}` {problem}"));
        }
    }
    if spec.sandbox_api_base.value == spec.api_base.value {
        err(
            &spec.sandbox_api_base.loc,
            "`sandbox.api_base` must differ from `api_base`".to_owned(),
        );
    }
    let prefix = &spec.sandbox_client_id_prefix;
    if prefix.value.is_empty() || !prefix.value.bytes().all(|b| b.is_ascii_graphic()) {
        err(
            &prefix.loc,
            "`sandbox.client_id_prefix` must be visible ASCII (a client id's characters), at least one".to_owned(),
        );
    }
    if spec.regions.is_empty() {
        err(
            &spec.loc,
            "the service needs at least one region".to_owned(),
        );
    }
    let mut names: HashMap<String, Location> = HashMap::new();
    let mut variants: HashMap<String, Location> = HashMap::new();
    let mut hosts: HashMap<String, Location> = HashMap::new();
    let mut regions = Vec::new();
    for r in &spec.regions {
        if let Some(first) = names.insert(r.name.value.clone(), r.name.loc.clone()) {
            err(
                &r.name.loc,
                format!(
                    "region `{}` is declared twice (first at {first})",
                    r.name.value
                ),
            );
        }
        if let Some(first) = hosts.insert(r.host.value.clone(), r.host.loc.clone()) {
            err(
                &r.host.loc,
                format!("two regions share a host (the first at {first})"),
            );
        }
        if let Some(problem) = host_problem(&r.host.value) {
            err(&r.host.loc, format!("`host` {problem}"));
        }
        let (rust_name, loc) = variant_name(&r.name, r.rust_name.as_ref());
        if let Some(problem) = naming::type_name_problem(&rust_name) {
            err(&loc, format!("region {problem}"));
        }
        let key = naming::collision_key(&rust_name);
        if let Some(first) = variants.insert(key, loc.clone()) {
            err(
                &loc,
                format!(
                    "region variant `{rust_name}` collides with the one at {first}; names must differ in more than case and underscores"
                ),
            );
        }
        regions.push(Region {
            name: r.name.value.clone(),
            rust_name,
            host: r.host.value.clone(),
            description: r.description.clone(),
        });
    }
    Service {
        api_base: spec.api_base.value.clone(),
        sandbox_api_base: spec.sandbox_api_base.value.clone(),
        sandbox_client_id_prefix: prefix.value.clone(),
        regions,
    }
}

fn variant_name(name: &Spanned<String>, rust: Option<&Spanned<String>>) -> (String, Location) {
    match rust {
        Some(r) => (r.value.clone(), r.loc.clone()),
        None => (naming::pascal(&name.value), name.loc.clone()),
    }
}

/// Why `path` is not a base path (`/ams/api`): absolute, no trailing slash, plain segments.
fn base_path_problem(path: &str) -> Option<&'static str> {
    if !path.starts_with('/') || path.len() < 2 {
        return Some("must start with `/` and name at least one segment");
    }
    if path.ends_with('/') || path.contains("//") {
        return Some("must not end with `/` or contain an empty segment");
    }
    let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.');
    if !path.bytes().all(plain) {
        return Some("may hold only letters, digits, `-`, `_`, `.` and `/`");
    }
    None
}

/// Why `host` is not `https://<host name>`: no port, path, query or trailing slash.
fn host_problem(host: &str) -> Option<&'static str> {
    let Some(name) = host.strip_prefix("https://") else {
        return Some("must start with `https://`");
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !name.contains('.') || !name.split('.').all(label_ok) {
        return Some("must be `https://` and a host name only (no port, path or trailing `/`)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_absolute_plain_segments() {
        assert_eq!(base_path_problem("/ams/api"), None);
        for bad in [
            "ams/api",
            "/",
            "/ams/api/",
            "/ams//api",
            "/ams/a pi",
            "/ams?x",
        ] {
            assert!(base_path_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn hosts_are_https_host_names_only() {
        assert_eq!(host_problem("https://open-na-global.alipay.com"), None);
        for bad in [
            "http://open.example.com",
            "https://open.example.com/",
            "https://open.example.com:443",
            "https://open.example.com/ams",
            "https://localhost",
            "https://-a.example.com",
            "open.example.com",
        ] {
            assert!(host_problem(bad).is_some(), "{bad}");
        }
    }
}
