//! Structs: the type, its fields, `Debug` (redacting), `Validate` and the result-code accessor.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use super::{Emitter, Scope, description_or, doc, ident, lazy};
use crate::emit::{docs, schema_rust};
use crate::ir::{Field, FieldType, Struct, StructRole};
use crate::model::{Format, Required};
use crate::naming;

impl Emitter<'_> {
    fn struct_doc(&self, s: &Struct) -> Vec<String> {
        let fallback = match &s.role {
            StructRole::Object => format!("The `{}` object.", s.spec_name),
            _ => format!("The `{}` message.", s.spec_name),
        };
        let mut lines = description_or(&s.description, fallback);
        lines.push(String::new());
        let here = self.module_of(&s.rust_name);
        let api_link = |api: &str| {
            self.ir.apis.iter().find(|a| a.name == api).map_or_else(
                || format!("`{api}`"),
                |a| self.link(&a.rust_name, None, here),
            )
        };
        match &s.role {
            StructRole::Object => lines.push(format!("Shared object `{}` of the spec.", s.spec_name)),
            StructRole::Request(a) => lines.push(format!("Request body of {}.", api_link(a))),
            StructRole::Response(a) => lines.push(format!(
                "Response body of {}. Decoded leniently: unknown fields are ignored and nothing is rejected for its length.",
                api_link(a)
            )),
            StructRole::Notification(a) => {
                lines.push(format!("Notification body Antom sends for {}.", api_link(a)))
            }
            StructRole::Acknowledgement(a) => {
                lines.push(format!("Acknowledgement the merchant returns for {}.", api_link(a)))
            }
        }
        lines.push(String::new());
        if s.has_required() {
            let req: Vec<String> = s
                .fields
                .iter()
                .filter(|f| f.required == Required::Yes)
                .map(|f| format!("`{}`", f.wire_name))
                .collect();
            lines.push(format!(
                "Build it with [`{}::builder`]; `build()` only compiles once every required field is set ({}).",
                s.rust_name,
                req.join(", ")
            ));
        } else {
            lines.push(format!(
                "Build it with [`{}::builder`] or `Default`; every field is optional.",
                s.rust_name
            ));
        }
        lines
    }

    /// A struct with its impls and its builder.
    pub(super) fn structure(&self, s: &Struct, out: &mut TokenStream) {
        let name = ident(&s.rust_name);
        let type_doc = doc(self.struct_doc(s));
        let derive_debug = if s.has_sensitive() {
            quote!()
        } else {
            quote!(Debug,)
        };
        let derive_default = if s.has_required() {
            quote!()
        } else {
            quote!(Default,)
        };
        let fields = s
            .fields
            .iter()
            .map(|f| lazy(move |out| self.struct_field(s, f, out)));
        let debug_impl = lazy(|out| {
            if s.has_sensitive() {
                self.debug_impl(s, out);
            }
        });
        let validate_impl = lazy(|out| self.validate_impl(s, out));
        let accessor = lazy(|out| self.result_code_accessor(s, out));
        let card_accessor = lazy(|out| self.vaulted_card_accessor(s, out));
        let fast_decode_impl = lazy(|out| self.fast_decode_impl(s, out));
        let here = self.module_of(&s.rust_name);
        let schema_impl = lazy(|out| {
            let path = |name: &str, out: &mut TokenStream| {
                self.path(name, Scope::Module(here)).to_tokens(out);
            };
            schema_rust::struct_impl(self.ir, s, &path, out)
        });
        out.extend(quote! {
            #type_doc
            #[derive(Clone, PartialEq, Eq, #derive_debug #derive_default ::serde::Serialize, ::serde::Deserialize)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
            }
            #schema_impl
            #debug_impl
            #validate_impl
            #accessor
            #card_accessor
            #fast_decode_impl
        });
    }

    fn struct_field(&self, s: &Struct, f: &Field, out: &mut TokenStream) {
        let name = ident(&f.rust_name);
        let wire = &f.wire_name;
        let here = self.module_of(&s.rust_name);
        let d = doc(docs::field_lines(f, &|name| self.link(name, None, here)));
        let ty = self.field_ty(f, Scope::Module(self.module_of(&s.rust_name)));
        let optional = f.required != Required::Yes;
        let wire_module = match &f.ty {
            FieldType::String
            | FieldType::Url
            | FieldType::Datetime
            | FieldType::Boolean
            | FieldType::Integer => Some(if optional { "optional" } else { "scalar" }),
            FieldType::Array(inner)
                if matches!(
                    **inner,
                    FieldType::String
                        | FieldType::Url
                        | FieldType::Datetime
                        | FieldType::Boolean
                        | FieldType::Integer
                ) =>
            {
                Some(if optional { "optional_list" } else { "list" })
            }
            _ => None,
        };
        let wire_module = if f.lenient {
            Some(lenient_module(&f.ty))
        } else {
            wire_module
        };
        let with = wire_module.map(|m| {
            let path = format!("{}::wire::{m}", self.rt_str);
            quote!(#[serde(with = #path)])
        });
        let opt_attrs = if optional {
            quote!(#[serde(default, skip_serializing_if = "Option::is_none")])
        } else {
            quote!()
        };
        out.extend(quote! {
            #d
            #[serde(rename = #wire)]
            #opt_attrs
            #with
            pub #name: #ty,
        });
    }

    fn debug_impl(&self, s: &Struct, out: &mut TokenStream) {
        let rt = &self.rt;
        let name = ident(&s.rust_name);
        let name_str = &s.rust_name;
        let fields = s.fields.iter().map(|f| {
            let fi = ident(&f.rust_name);
            let label = f.rust_name.trim_start_matches("r#");
            let optional = f.required != Required::Yes;
            // A card token's own `Debug` shows at most its last four characters.
            let value = if !f.sensitive || f.format.is_some() {
                quote!(&self.#fi)
            } else if f.reveal_last_four && f.ty.is_text() {
                if optional {
                    quote!(&self.#fi.as_deref().map(#rt::redact::LastFour))
                } else {
                    quote!(&#rt::redact::LastFour(&self.#fi))
                }
            } else if optional {
                quote!(&self.#fi.as_ref().map(|_| #rt::redact::Redacted))
            } else {
                quote!(&#rt::redact::Redacted)
            };
            quote!(.field(#label, #value))
        });
        out.extend(quote! {
            impl ::std::fmt::Debug for #name {
                /// Sensitive fields are redacted; those the spec marks `reveal: last_four` show at most their last four characters.
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#name_str)
                        #(#fields)*
                        .finish()
                }
            }
        });
    }

    /// Checks of one value `v` (a reference) of type `ty`, whose path is produced by `path`
    /// (an expression of type `String`).
    fn value_checks(
        &self,
        f: &Field,
        ty: &FieldType,
        v: &TokenStream,
        path: &TokenStream,
    ) -> Option<TokenStream> {
        let rt = &self.rt;
        let sensitive = f.sensitive;
        match ty {
            FieldType::String | FieldType::Url | FieldType::Datetime => {
                let text = if f.format.is_some() {
                    quote!(#v.expose())
                } else {
                    v.clone()
                };
                let v = &text;
                let mut checks = Vec::new();
                if let Some(m) = f.max_length {
                    let m = Literal::u64_unsuffixed(m);
                    checks.push(quote!(#rt::validate::check_max_length(out, || #path, #v, #m);));
                }
                if !f.values.is_empty() {
                    let vals = &f.values;
                    checks.push(quote!(#rt::validate::check_allowed(out, || #path, #v, &[#(#vals),*], #sensitive);));
                }
                (!checks.is_empty()).then(|| quote!(#(#checks)*))
            }
            FieldType::Integer => {
                if f.minimum.is_none() && f.maximum.is_none() {
                    return None;
                }
                let min = match f.minimum.map(Literal::i64_unsuffixed) {
                    Some(a) => quote!(Some(#a)),
                    None => quote!(None),
                };
                let max = match f.maximum.map(Literal::i64_unsuffixed) {
                    Some(a) => quote!(Some(#a)),
                    None => quote!(None),
                };
                Some(
                    quote!(#rt::validate::check_range(out, || #path, *#v, #min, #max, #sensitive);),
                )
            }
            FieldType::Boolean => None,
            FieldType::Enum(_) | FieldType::Object(_) => {
                let call = quote!(#rt::validate::Validate::validate_at(#v, &#path, out););
                Some(if sensitive {
                    quote! {
                        let before = out.len();
                        #call
                        #rt::validate::redact_values(out, before);
                    }
                } else {
                    call
                })
            }
            FieldType::Array(inner) => {
                let item = quote!(item);
                let wire = &f.wire_name;
                let item_path = quote!(#rt::validate::index_path(path, #wire, index));
                let inner_checks = self.value_checks(f, inner, &item, &item_path)?;
                Some(quote! {
                    for (index, item) in #v.iter().enumerate() {
                        #inner_checks
                    }
                })
            }
        }
    }

    fn validate_impl(&self, s: &Struct, out: &mut TokenStream) {
        let rt = &self.rt;
        let name = ident(&s.rust_name);
        let checks: Vec<TokenStream> = s
            .fields
            .iter()
            .filter_map(|f| {
                let fi = ident(&f.rust_name);
                let wire = &f.wire_name;
                let path = quote!(#rt::validate::field_path(path, #wire));
                let v = quote!(value);
                let inner = self.value_checks(f, &f.ty, &v, &path)?;
                Some(if f.required == Required::Yes {
                    quote! { { let value = &self.#fi; #inner } }
                } else {
                    quote! { if let Some(value) = &self.#fi { #inner } }
                })
            })
            .collect();
        let (path_arg, out_arg) = if checks.is_empty() {
            (quote!(_path), quote!(_out))
        } else {
            (quote!(path), quote!(out))
        };
        out.extend(quote! {
            impl #rt::validate::Validate for #name {
                fn validate_at(&self, #path_arg: &str, #out_arg: &mut Vec<#rt::validate::Violation>) {
                    #(#checks)*
                }
            }
        });
    }

    fn result_code_accessor(&self, s: &Struct, out: &mut TokenStream) {
        let StructRole::Response(api_name) = &s.role else {
            return;
        };
        let Some(api) = self.ir.apis.iter().find(|a| &a.name == api_name) else {
            return;
        };
        let Some(access) = &api.result_access else {
            return;
        };
        let name = ident(&s.rust_name);
        let codes = ident(&api.result_code_enum);
        let rf = ident(&access.result_field.rust);
        let cf = ident(&access.code_field.rust);
        let d = doc([format!(
            "The typed result code (`result.resultCode`) of this response; unknown codes become [`{}::Unknown`].",
            api.result_code_enum
        )]);
        out.extend(quote! {
            impl #name {
                #d
                pub fn result_code(&self) -> #codes {
                    #codes::from(self.#rf.#cf.as_str())
                }
            }
        });
    }
}

impl Emitter<'_> {
    /// The shortest path of object fields (no arrays) from `s` to the object that holds a
    /// `format: card_token` field, with that object's Rust name; the first in spec order among
    /// paths of the same length. `None` when `s` reaches no such object or holds the token itself.
    fn vaulted_card_path<'s>(&'s self, s: &'s Struct) -> Option<(Vec<&'s Field>, &'s str)> {
        let holds_token = |s: &Struct| s.fields.iter().any(|f| f.format == Some(Format::CardToken));
        let find = |name: &str| self.ir.structs.iter().find(|x| x.rust_name == name);
        let mut seen = vec![s.rust_name.as_str()];
        let mut frontier: Vec<(Vec<&Field>, &Struct)> = vec![(Vec::new(), s)];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for (path, at) in frontier {
                for f in &at.fields {
                    let FieldType::Object(name) = &f.ty else {
                        continue;
                    };
                    let Some(child) = find(name).filter(|c| !seen.contains(&c.rust_name.as_str()))
                    else {
                        continue;
                    };
                    let mut p = path.clone();
                    p.push(f);
                    if holds_token(child) {
                        return Some((p, &child.rust_name));
                    }
                    seen.push(&child.rust_name);
                    next.push((p, child));
                }
            }
            frontier = next;
        }
        None
    }

    /// On each message that can carry the vaulted card (the object with the `format: card_token`
    /// field), one accessor named after that object that walks the optional levels down to it.
    fn vaulted_card_accessor(&self, s: &Struct, out: &mut TokenStream) {
        if s.role == StructRole::Object {
            return;
        }
        let Some((path, holder)) = self.vaulted_card_path(s) else {
            return;
        };
        let here = self.module_of(&s.rust_name);
        let name = ident(&s.rust_name);
        let method = ident(&naming::escape(&naming::snake(holder)));
        let ty = self.path(holder, Scope::Module(here));
        let mut expr = quote!(self);
        for (i, f) in path.iter().enumerate() {
            let fi = ident(&f.rust_name);
            let last = i + 1 == path.len();
            let optional = f.required != Required::Yes;
            // A boxed object is read through its box.
            let read = if super::is_boxed(f) {
                quote!(as_deref)
            } else {
                quote!(as_ref)
            };
            expr = match (optional, last) {
                (true, false) => quote!(#expr.#fi.#read()?),
                (false, false) => quote!(#expr.#fi),
                (true, true) => quote!(#expr.#fi.#read()),
                (false, true) => quote!(Some(&#expr.#fi)),
            };
        }
        let wire_path: Vec<&str> = path.iter().map(|f| f.wire_name.as_str()).collect();
        let d = doc([
            format!(
                "The vaulted card this message carries, at `{}`: the {} with its card token; `None` when the message holds none.",
                wire_path.join("."),
                self.link(holder, None, here)
            ),
            String::new(),
            format!(
                "The token is a [`CardToken`]({}::CardToken): its `Debug` shows at most the last four characters, and `expose()` reads it.",
                self.rt_str.trim_start_matches("::")
            ),
        ]);
        out.extend(quote! {
            impl #name {
                #d
                pub fn #method(&self) -> Option<&#ty> {
                    #expr
                }
            }
        });
    }
}

/// Whether values of `ty` are JSON scalars handled by the wire helpers (not enums or objects).
fn is_scalar(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::String
            | FieldType::Url
            | FieldType::Datetime
            | FieldType::Boolean
            | FieldType::Integer
    )
}

/// The `wire::lenient` helper that decodes a non-essential inbound field of type `ty`.
fn lenient_module(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::Enum(_) => "lenient::value",
        FieldType::Object(_) => "lenient::object",
        FieldType::Array(inner) if is_scalar(inner) => "lenient::scalar_list",
        FieldType::Array(inner) if matches!(**inner, FieldType::Object(_)) => {
            "lenient::object_list"
        }
        FieldType::Array(_) => "lenient::value_list",
        _ => "lenient::scalar",
    }
}
