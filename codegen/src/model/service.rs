//! The `service` file (spec/service.yaml): where Antom's APIs live and which client ids they
//! accept: hosts per region, the API base path, the sandbox rule and the client-id rule.

use super::{Fields, Spanned};
use crate::diagnostic::{Diagnostic, Location};
use crate::yaml::Node;

/// The characters a client id may consist of (`client_id.characters`).
pub const VISIBLE_ASCII: &str = "visible_ascii";

/// The service facts, as written.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceSpec {
    /// `api_base`: the path every production API path starts with (`/ams/api`).
    pub api_base: Spanned<String>,
    /// `sandbox.api_base`: what the first `api_base` of a path becomes for sandbox clients.
    pub sandbox_api_base: Spanned<String>,
    /// `sandbox.client_id_prefix`: how a sandbox client id starts (`SANDBOX_`).
    pub sandbox_client_id_prefix: Spanned<String>,
    /// `client_id.characters`: the only accepted spelling is [`VISIBLE_ASCII`].
    pub client_id_characters: Spanned<String>,
    /// `regions`, in file order.
    pub regions: Vec<RegionSpec>,
    /// Where the `service` key is.
    pub loc: Location,
}

/// One region of `regions`.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionSpec {
    /// `name`: the region in words (`North America`), used in documentation and OpenAPI.
    pub name: Spanned<String>,
    /// `rust_name`: the `Region` variant, if not the name in PascalCase.
    pub rust_name: Option<Spanned<String>>,
    /// `host`: scheme and host, no path (`https://open-na-global.alipay.com`).
    pub host: Spanned<String>,
    /// `description`: which merchants use it, our words.
    pub description: String,
}

/// Decodes the mapping under the top-level `service` key.
pub(super) fn decode(
    node: &Node,
    loc: Location,
    diags: &mut Vec<Diagnostic>,
) -> Option<ServiceSpec> {
    let mut f = Fields::new(node, "service", diags);
    let api_base = f.string("api_base", true);
    let sandbox = f.map("sandbox", true).and_then(|n| {
        let mut g = Fields::new(n, "sandbox", f.diags);
        let api_base = g.string("api_base", true);
        let prefix = g.string("client_id_prefix", true);
        g.finish();
        Some((api_base?, prefix?))
    });
    let characters = f.map("client_id", true).and_then(|n| {
        let mut g = Fields::new(n, "client_id", f.diags);
        let characters = g.string("characters", true);
        g.finish();
        let characters = characters?;
        if characters.value != VISIBLE_ASCII {
            f.diags.push(Diagnostic::at(
                &characters.loc,
                format!("`characters` must be one of {VISIBLE_ASCII}"),
            ));
            return None;
        }
        Some(characters)
    });
    let regions = f.seq("regions", true).map(|list| {
        list.iter()
            .filter_map(|n| decode_region(n, f.diags))
            .collect::<Vec<_>>()
    });
    f.finish();
    let (sandbox_api_base, sandbox_client_id_prefix) = sandbox?;
    Some(ServiceSpec {
        api_base: api_base?,
        sandbox_api_base,
        sandbox_client_id_prefix,
        client_id_characters: characters?,
        regions: regions?,
        loc,
    })
}

fn decode_region(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<RegionSpec> {
    let mut f = Fields::new(node, "region", diags);
    let name = f.string("name", true);
    let rust_name = f.string("rust_name", false);
    let host = f.string("host", true);
    let description = f.text("description", true);
    f.finish();
    Some(RegionSpec {
        name: name?,
        rust_name,
        host: host?,
        description: description?.value,
    })
}
