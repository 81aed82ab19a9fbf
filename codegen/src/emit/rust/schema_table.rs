//! The runtime schema: per generated struct an `impl HasSchema` whose static table states each
//! field's wire name, kind, presence, maximum length and sensitivity; and the `catalog` module
//! listing every struct and API. The runtime, the emulator and the tests read these tables
//! instead of restating spec facts.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use super::{Emitter, Scope, lazy};
use crate::ir::{Api, Field, FieldType, Struct};
use crate::model::{Direction, Required};
use crate::naming::CATALOG_MODULE;

impl Emitter<'_> {
    /// `pub mod catalog`: `impl HasSchema` for every struct, and the lists of all structs and APIs.
    pub(super) fn schema_tables(&self, out: &mut TokenStream) {
        let rt = &self.rt;
        let impls = lazy(|out| {
            for s in &self.ir.structs {
                let name = self.type_path(&s.rust_name);
                let rust_name = &s.rust_name;
                let fields = s.fields.iter().map(|f| self.field_schema(f));
                out.extend(quote! {
                    impl #rt::schema::HasSchema for #name {
                        const SCHEMA: &'static #rt::schema::TypeSchema = &#rt::schema::TypeSchema {
                            rust_name: #rust_name,
                            fields: &[#(#fields),*],
                        };
                    }
                });
            }
        });
        let types = self.ir.structs.iter().map(|s| self.type_path(&s.rust_name));
        let visits = self.ir.structs.iter().map(|s| self.type_path(&s.rust_name));
        let apis = self.ir.apis.iter().map(|a| self.api_schema(a));
        out.extend(quote! {
            /// Every generated struct and API with the spec's facts about it, for code that walks
            /// them all (the emulator's request checks, the tests).
            pub mod catalog {
                #impls

                /// Every generated struct's schema: the shared objects, then each API's two
                /// messages, in spec order.
                pub const TYPES: &[&#rt::schema::TypeSchema] = &[
                    #(<#types as #rt::schema::HasSchema>::SCHEMA),*
                ];

                /// Every API, in spec order.
                pub const APIS: &[#rt::schema::ApiSchema] = &[#(#apis),*];

                /// Hands every generated struct, as a type, to `visitor`, in the order of
                /// [`TYPES`].
                pub fn visit_types(visitor: &mut impl #rt::schema::TypeVisitor) {
                    #(visitor.visit::<#visits>();)*
                }
            }
        });
    }

    /// One `ApiSchema` literal, as seen from inside `catalog`.
    fn api_schema(&self, api: &Api) -> TokenStream {
        let rt = &self.rt;
        let name = &api.name;
        let path = match (&api.path, api.direction) {
            (Some(p), Direction::MerchantToAntom) => quote!(Some(#p)),
            _ => quote!(None),
        };
        // Worked out here, once, so that a sandbox client does not rewrite the path per call.
        let sandbox_path = match (&api.path, api.direction, &self.ir.service) {
            (Some(p), Direction::MerchantToAntom, Some(service)) => {
                let sandbox = service.sandbox_path(p);
                quote!(Some(#sandbox))
            }
            _ => quote!(None),
        };
        let request = self.type_path(&api.request);
        let response = self.type_path(&api.response);
        let s = self
            .ir
            .structs
            .iter()
            .find(|s| s.rust_name == api.request)
            .expect("the IR resolves every request");
        let (index, key) = field_index(s, &api.idempotency_key.wire);
        let index = Literal::usize_unsuffixed(index);
        let max = Literal::u64_unsuffixed(key.max_length.expect("the lint requires a max_length"));
        quote! {
            #rt::schema::ApiSchema {
                name: #name,
                path: #path,
                sandbox_path: #sandbox_path,
                request: <#request as #rt::schema::HasSchema>::SCHEMA,
                response: <#response as #rt::schema::HasSchema>::SCHEMA,
                idempotency_key: &<#request as #rt::schema::HasSchema>::SCHEMA.fields[#index],
                idempotency_key_max_length: #max,
            }
        }
    }

    /// One `FieldSchema` literal.
    fn field_schema<'f>(&'f self, f: &'f Field) -> impl ToTokens + 'f {
        lazy(move |out| {
            let rt = &self.rt;
            let wire = &f.wire_name;
            let kind = self.kind(&f.ty);
            let required = f.required == Required::Yes;
            let max = match f.max_length {
                Some(m) => {
                    let m = Literal::u64_unsuffixed(m);
                    quote!(Some(#m))
                }
                None => quote!(None),
            };
            let sensitive = f.sensitive;
            out.extend(quote! {
                #rt::schema::FieldSchema {
                    wire_name: #wire,
                    kind: #kind,
                    required: #required,
                    max_length: #max,
                    sensitive: #sensitive,
                }
            });
        })
    }

    fn kind(&self, ty: &FieldType) -> TokenStream {
        let rt = &self.rt;
        match ty {
            FieldType::String | FieldType::Url | FieldType::Datetime => {
                quote!(#rt::schema::FieldKind::Text)
            }
            FieldType::Boolean => quote!(#rt::schema::FieldKind::Boolean),
            FieldType::Integer => quote!(#rt::schema::FieldKind::Integer),
            FieldType::Enum(name) => quote!(#rt::schema::FieldKind::Enum(#name)),
            FieldType::Object(name) => {
                let name = self.type_path(name);
                quote!(#rt::schema::FieldKind::Object(<#name as #rt::schema::HasSchema>::SCHEMA))
            }
            FieldType::Array(inner) => {
                let inner = self.kind(inner);
                quote!(#rt::schema::FieldKind::Array(&#inner))
            }
        }
    }
}

impl Emitter<'_> {
    /// The path of the generated type `name` as seen from inside `catalog`.
    fn type_path<'s>(&'s self, name: &'s str) -> impl ToTokens + 's {
        self.path(name, Scope::Module(CATALOG_MODULE))
    }
}

/// The position and the field of `wire` in `s`.
fn field_index<'s>(s: &'s Struct, wire: &str) -> (usize, &'s Field) {
    s.fields
        .iter()
        .enumerate()
        .find(|(_, f)| f.wire_name == wire)
        .expect("the IR resolves the idempotency key to a request field")
}
