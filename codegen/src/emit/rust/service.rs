//! The `service` module: Antom's hosts per region, the API base paths and the client-id rules of
//! spec/service.yaml, for the runtime's `Region` and `Environment`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Emitter, doc, ident};
use crate::emit::docs;
use crate::ir::Service;

impl Emitter<'_> {
    /// `pub mod service { … }`, if the spec has a service file.
    pub(super) fn service_module(&self, out: &mut TokenStream) {
        let Some(service) = &self.ir.service else {
            return;
        };
        let Service {
            api_base,
            sandbox_api_base,
            sandbox_client_id_prefix,
            regions,
        } = service;
        let variants: Vec<_> = regions.iter().map(|r| ident(&r.rust_name)).collect();
        let variant_docs = regions.iter().map(|r| {
            let mut lines = docs::paragraphs_with_gaps(&r.description);
            lines.push(String::new());
            lines.push(format!("Host: `{}`.", r.host));
            doc(lines)
        });
        let hosts = regions.iter().map(|r| &r.host);
        let names = regions.iter().map(|r| &r.name);
        let base_doc = doc([format!(
            "The path every production API path starts with: `{api_base}`."
        )]);
        let sandbox_doc = doc([format!(
            "What the first `{api_base}` of a path becomes for sandbox clients: `{sandbox_api_base}`."
        )]);
        let prefix_doc = doc([format!(
            "How a sandbox client id starts: `{sandbox_client_id_prefix}`; any other client id is a production one."
        )]);
        out.extend(quote! {
            /// Where Antom's APIs live and which client ids they accept (spec/service.yaml): the
            /// hosts per region, the API base paths and the client-id rules.
            pub mod service {
                #base_doc
                pub const API_BASE: &str = #api_base;

                #sandbox_doc
                pub const SANDBOX_API_BASE: &str = #sandbox_api_base;

                #prefix_doc
                pub const SANDBOX_CLIENT_ID_PREFIX: &str = #sandbox_client_id_prefix;

                /// Whether `client_id` is a well-formed client id: at least one character, and only
                /// visible ASCII (no spaces or control characters).
                pub fn is_well_formed_client_id(client_id: &str) -> bool {
                    !client_id.is_empty() && client_id.bytes().all(|b| b.is_ascii_graphic())
                }

                /// Whether `client_id` belongs to Antom's sandbox (it starts with
                /// [`SANDBOX_CLIENT_ID_PREFIX`]).
                pub fn is_sandbox_client_id(client_id: &str) -> bool {
                    client_id.starts_with(SANDBOX_CLIENT_ID_PREFIX)
                }

                /// The path to call (and sign) for a production API path in the sandbox: the first
                /// [`API_BASE`] becomes [`SANDBOX_API_BASE`].
                pub fn sandbox_path(production_path: &str) -> String {
                    production_path.replacen(API_BASE, SANDBOX_API_BASE, 1)
                }

                /// Antom's API hosts, one per region; production and sandbox share them.
                #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum Region {
                    #(#variant_docs #variants,)*
                }

                impl Region {
                    /// Every region, in spec order.
                    pub const ALL: &'static [Region] = &[#(Region::#variants),*];

                    /// The region's base URL (scheme and host, no trailing slash).
                    pub const fn base_url(self) -> &'static str {
                        match self {
                            #(Region::#variants => #hosts,)*
                        }
                    }

                    /// The region in words, as the OpenAPI servers describe it.
                    pub const fn name(self) -> &'static str {
                        match self {
                            #(Region::#variants => #names,)*
                        }
                    }
                }
            }
        });
    }
}
