//! APIs: the marker type, its `MerchantApi`/`Notification` impl, the client method and the
//! result-code enums (each API's in its module, the gateway-wide one in `objects`).

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, format_ident, quote};

use super::enums::known_match;
use super::{Emitter, OBJECTS_MODULE, Scope, description_or, doc, ident, lazy};
use crate::emit::{docs, schema_rust};
use crate::ir::{Api, ResultCode, ResultStatusNames};
use crate::model::{Action, Direction, Status, TransportRetry};

impl Emitter<'_> {
    /// An API's marker type with its trait impl and client method.
    pub(super) fn api(&self, api: &Api, out: &mut TokenStream) {
        let rt = &self.rt;
        let here = super::api_module(api);
        let marker = ident(&api.rust_name);
        let req = ident(&api.request);
        let res = ident(&api.response);
        let codes = ident(&api.result_code_enum);
        let name = &api.name;
        let key = ident(&api.idempotency_key.rust);
        // This API's entry in `catalog::APIS` (spec order).
        let index = self
            .ir
            .apis
            .iter()
            .position(|a| a.name == api.name)
            .unwrap_or(0);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let mut lines = vec![api.summary.clone()];
        if let Some(d) = &api.description {
            lines.push(String::new());
            lines.extend(docs::paragraphs_with_gaps(d));
        }
        lines.push(String::new());
        lines.push(format!("- Antom name: `{name}`"));
        match api.direction {
            Direction::MerchantToAntom => {
                if let Some(p) = &api.path {
                    lines.push(format!("- Path: `{p}`"));
                }
                lines.push(format!(
                    "- Request: [`{}`]; response: [`{}`]",
                    api.request, api.response
                ));
            }
            Direction::AntomToMerchant => {
                lines.push("- Direction: Antom calls the merchant's notification URL".to_owned());
                lines.push(format!(
                    "- Notification: [`{}`]; acknowledgement: [`{}`]",
                    api.request, api.response
                ));
            }
        }
        lines.push(format!("- Idempotency key: `{}`", api.idempotency_key.wire));
        if api.direction == Direction::MerchantToAntom {
            lines.push(format!(
                "- After a transport failure: {}",
                api.transport_retry.wording()
            ));
        }
        lines.push(format!("- Result codes: [`{}`]", api.result_code_enum));
        if let Some(u) = &api.doc {
            lines.push(format!("- Antom documentation: <{u}>"));
        }
        let marker_doc = doc(lines);
        let trait_impl = match api.direction {
            Direction::MerchantToAntom => {
                let path = api.path.clone().unwrap_or_default();
                let retry = match api.transport_retry {
                    TransportRetry::SameId => quote!(SameId),
                    TransportRetry::NewId => quote!(NewId),
                    TransportRetry::Never => quote!(Never),
                };
                let result = match &api.result_access {
                    Some(a) => {
                        let rf = ident(&a.result_field.rust);
                        let rty = self.path(&a.result_type, Scope::Module(&here));
                        quote! {
                            fn result(response: &Self::Response) -> &#rty {
                                &response.#rf
                            }
                        }
                    }
                    None => quote!(),
                };
                quote! {
                    impl #rt::api::MerchantApi for #marker {
                        const NAME: &'static str = #name;
                        const PATH: &'static str = #path;
                        const TRANSPORT_RETRY: #rt::api::RetryRule = #rt::api::RetryRule::#retry;
                        const SCHEMA: &'static #rt::schema::ApiSchema = &super::catalog::APIS[#index];
                        type Request = #req;
                        type Response = #res;
                        type ResultCode = #codes;
                        fn idempotency_key(request: &Self::Request) -> &str {
                            &request.#key
                        }
                        #result
                        fn fast_decode_response(text: &str) -> Option<Self::Response> {
                            #rt::wire::fast::decode(text)
                        }
                    }
                }
            }
            Direction::AntomToMerchant => quote! {
                impl #rt::api::Notification for #marker {
                    const NAME: &'static str = #name;
                    const SCHEMA: &'static #rt::schema::ApiSchema = &super::catalog::APIS[#index];
                    type Body = #req;
                    type Acknowledgement = #res;
                    fn idempotency_key(body: &Self::Body) -> &str {
                        &body.#key
                    }
                    fn fast_decode_body(text: &str) -> Option<Self::Body> {
                        #rt::wire::fast::decode(text)
                    }
                }
            },
        };
        let client = if self.options.client_methods && api.direction == Direction::MerchantToAntom {
            let method = ident(&api.method_name);
            let mut l = vec![format!("Calls `{name}`: {}", api.summary)];
            l.push(String::new());
            l.push(format!(
                "Validates, signs and sends `request`; see [`{}`] for the result codes and retry rules.",
                api.rust_name
            ));
            if let Some(u) = &api.doc {
                l.push(String::new());
                l.push(format!("Antom documentation: <{u}>"));
            }
            let d = doc(l);
            quote! {
                #[cfg(feature = "runtime")]
                impl #rt::client::Client {
                    #d
                    pub async fn #method(&self, request: &#req) -> #rt::client::CallResult<#marker> {
                        self.execute::<#marker>(request).await
                    }
                }
            }
        } else {
            quote!()
        };
        out.extend(quote! {
            #marker_doc
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct #marker;

            #trait_impl
            #client
        });
    }

    /// Doc comment and variant of one result code.
    fn code_variant(&self, c: &ResultCode) -> TokenStream {
        let vi = ident(&c.rust_name);
        let mut l = description_or(&c.description, format!("The result code `{}`.", c.code));
        l.push(String::new());
        l.push(format!("- Code: `{}`", c.code));
        l.push(format!("- Status: {}", docs::status_words(c.status)));
        l.push(format!("- Action: {}", docs::action_words(c.action)));
        let d = doc(l);
        quote!(#d #vi,)
    }

    /// The `ResultStatus` value of a code's declared status, as seen from the module `here`.
    fn status_value(&self, status: Status, here: &str) -> Option<TokenStream> {
        let ResultStatusNames {
            enum_name,
            success,
            failure,
            unknown,
        } = self.ir.result_status.as_ref()?;
        let en = self.path(enum_name, Scope::Module(here));
        let v = ident(match status {
            Status::S => success,
            Status::F => failure,
            Status::U => unknown,
        });
        Some(quote!(#en::#v))
    }

    /// The enum of gateway-wide codes, declared once and held by the `Gateway` variant of each
    /// API's result-code enum.
    pub(super) fn gateway_enum(&self, out: &mut TokenStream) {
        let rt = &self.rt;
        let (Some(g), Some(rs)) = (&self.ir.gateway, &self.ir.result_status) else {
            return;
        };
        let name = ident(&g.enum_name);
        let status_enum = self.path(&rs.enum_name, Scope::Module(OBJECTS_MODULE));
        let wires: Vec<&str> = g.codes.iter().map(|c| c.code.as_str()).collect();
        let vidents: Vec<Ident> = g.codes.iter().map(|c| ident(&c.rust_name)).collect();
        let variants = g.codes.iter().map(|c| self.code_variant(c));
        let statuses = g.codes.iter().map(|c| {
            let vi = ident(&c.rust_name);
            let v = self.status_value(c.status, OBJECTS_MODULE);
            quote!(Self::#vi => #v,)
        });
        let actions = g.codes.iter().map(|c| {
            let vi = ident(&c.rust_name);
            let a = action_ident(c.action);
            quote!(Self::#vi => #rt::api::ResultAction::#a,)
        });
        let from_known = known_match(&wires, &vidents, &quote!(None));
        let type_doc = doc([
            "Result codes Antom's gateway can return for any API that accepts the gateway-wide codes, declared once in the spec.".to_owned(),
            String::new(),
            format!("Each API's result-code enum holds one in its `{}` variant, unless the API's own table lists the same code.", g.variant),
        ]);
        out.extend(quote! {
            #type_doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }

            impl #name {
                /// Every gateway-wide code, in spec order.
                pub const KNOWN_VALUES: &'static [&'static str] = &[#(#wires),*];

                /// The code for `value`, or `None` if it is not a gateway-wide code.
                pub fn from_known(value: &str) -> Option<Self> {
                    #from_known
                }

                /// The exact wire code.
                pub fn as_str(&self) -> &'static str {
                    match self {
                        #(Self::#vidents => #wires,)*
                    }
                }

                /// The status the spec declares for this code.
                pub fn status(&self) -> #status_enum {
                    match self {
                        #(#statuses)*
                    }
                }

                /// What the caller should do, as the spec declares it.
                pub fn action(&self) -> #rt::api::ResultAction {
                    match self {
                        #(#actions)*
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
        });
    }

    /// An API's result-code enum, in the API's module.
    pub(super) fn result_code_enum(&self, api: &Api, out: &mut TokenStream) {
        let rt = &self.rt;
        let here = super::api_module(api);
        let name = ident(&api.result_code_enum);
        let own = &api.result_codes;
        let wires: Vec<&str> = own.iter().map(|c| c.code.as_str()).collect();
        let vidents: Vec<Ident> = own.iter().map(|c| ident(&c.rust_name)).collect();
        let variants = own.iter().map(|c| self.code_variant(c));
        let statuses = own.iter().map(|c| {
            let vi = ident(&c.rust_name);
            match self.status_value(c.status, &here) {
                Some(v) => quote!(Self::#vi => Some(#v),),
                None => quote!(Self::#vi => None,),
            }
        });
        let actions = own.iter().map(|c| {
            let vi = ident(&c.rust_name);
            let a = action_ident(c.action);
            quote!(Self::#vi => #rt::api::ResultAction::#a,)
        });
        let gateway = self.ir.gateway.as_ref().filter(|_| api.gateway_codes);
        let mut type_doc = vec![format!(
            "Result codes of [`{}`] (`{}`).",
            api.rust_name, api.name
        )];
        let (gateway_variant, gateway_arms, fallback) = match gateway {
            Some(g) => {
                let gv = ident(&g.variant);
                let ge = self
                    .path(&g.enum_name, Scope::Module(&here))
                    .into_token_stream();
                type_doc.push(String::new());
                type_doc.push(format!(
                    "The gateway-wide codes it accepts are in [`Self::{}`], except those its own table lists.",
                    g.variant
                ));
                let variant_doc = doc([format!(
                    "A gateway-wide code ({}) that this API's own table does not list.",
                    self.link(&g.enum_name, None, &here)
                )]);
                (
                    quote!(#variant_doc #gv(#ge),),
                    Some((gv.clone(), ge.clone())),
                    quote!(#ge::from_known(value).map(Self::#gv)),
                )
            }
            None => (quote!(), None, quote!(None)),
        };
        type_doc.push(String::new());
        type_doc.push("Codes this version does not know are kept in [`Self::Unknown`]; their status is unknown and their action is to contact support.".to_owned());
        let type_doc = doc(type_doc);
        let from_gateway = gateway_arms.as_ref().map(|(gv, ge)| {
            let overridden = self
                .ir
                .gateway
                .iter()
                .flat_map(|g| &g.codes)
                .filter_map(|g| {
                    own.iter().find(|c| c.code == g.code).map(|c| {
                        let gi = ident(&g.rust_name);
                        let oi = ident(&c.rust_name);
                        quote!(#ge::#gi => Self::#oi,)
                    })
                });
            quote! {
                impl #name {
                    /// This API's code for the gateway-wide `code`: its own variant when its own
                    /// table lists the code, else [`Self::Gateway`].
                    pub const fn from_gateway(code: #ge) -> Self {
                        match code {
                            #(#overridden)*
                            other => Self::#gv(other),
                        }
                    }
                }

                impl From<#ge> for #name {
                    fn from(code: #ge) -> Self {
                        Self::from_gateway(code)
                    }
                }
            }
        });
        let as_str_gateway = gateway_arms
            .as_ref()
            .map(|(gv, _)| quote!(Self::#gv(code) => code.as_str(),));
        let status_gateway = gateway_arms
            .as_ref()
            .map(|(gv, _)| quote!(Self::#gv(code) => Some(code.status()),));
        let action_gateway = gateway_arms
            .as_ref()
            .map(|(gv, _)| quote!(Self::#gv(code) => code.action(),));
        let as_str_arms =
            lazy(|out| out.extend(quote!(#(Self::#vidents => #wires,)* #as_str_gateway)));
        let from_known = known_match(&wires, &vidents, &fallback);
        let common = lazy(|out| self.string_enum_impls(&name, &as_str_arms, &from_known, out));
        let schema_impl = lazy(|out| {
            let path = |name: &str, out: &mut TokenStream| {
                self.path(name, Scope::Module(&here)).to_tokens(out);
            };
            schema_rust::result_code_impl(self.ir, api, &path, out)
        });
        out.extend(quote! {
            #type_doc
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #gateway_variant
                /// A code this version of the spec does not know, kept exactly as received.
                Unknown(String),
            }

            #common

            #from_gateway

            impl #rt::api::ResultCode for #name {
                fn from_code(code: &str) -> Self {
                    Self::from(code)
                }

                fn as_str(&self) -> &str {
                    #name::as_str(self)
                }

                fn status(&self) -> Option<#rt::api::ResultStatus> {
                    match self {
                        #(#statuses)*
                        #status_gateway
                        Self::Unknown(_) => None,
                    }
                }

                fn action(&self) -> #rt::api::ResultAction {
                    match self {
                        #(#actions)*
                        #action_gateway
                        Self::Unknown(_) => #rt::api::ResultAction::ContactSupport,
                    }
                }
            }

            #schema_impl
        });
    }
}

fn action_ident(a: Action) -> Ident {
    format_ident!(
        "{}",
        match a {
            Action::None => "None",
            Action::FixRequest => "FixRequest",
            Action::RetrySameId => "RetrySameId",
            Action::RetryNewId => "RetryNewId",
            Action::RedirectBuyer => "RedirectBuyer",
            Action::ContactSupport => "ContactSupport",
            Action::BackOff => "BackOff",
            Action::NotFound => "NotFound",
        }
    )
}
