//! The generated `schemars::JsonSchema` impls: the schema emitter's trees ([`crate::emit::schema`])
//! written as Rust, so that a Rust type's schema and the exported files are one thing.
//!
//! schemars' serialize contract is [`Contract::Send`], its deserialize contract (its default)
//! [`Contract::Receive`]. A reference to another type becomes `generator.subschema_for::<T>()`, so
//! schemars files the definition under the name it chooses. The impls sit behind the
//! `schemars` feature of the crate that includes the generated code.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::emit::json::Json;
use crate::emit::schema::{self, Contract};
use crate::ir::{Api, Enum, Ir, Struct};

/// `impl JsonSchema` for a struct (object or message).
pub fn struct_impl(ir: &Ir, s: &Struct) -> TokenStream {
    impl_block(
        &s.rust_name,
        &schema::struct_schema(ir, s, Contract::Send),
        &schema::struct_schema(ir, s, Contract::Receive),
    )
}

/// `impl JsonSchema` for an enumeration.
pub fn enum_impl(e: &Enum) -> TokenStream {
    impl_block(
        &e.rust_name,
        &schema::enum_schema(e, Contract::Send),
        &schema::enum_schema(e, Contract::Receive),
    )
}

/// `impl JsonSchema` for an API's result-code enumeration.
pub fn result_code_impl(api: &Api) -> TokenStream {
    impl_block(
        &api.result_code_enum,
        &schema::result_code_schema(api, Contract::Send),
        &schema::result_code_schema(api, Contract::Receive),
    )
}

fn impl_block(name: &str, send: &Json, receive: &Json) -> TokenStream {
    let ty = Ident::new(name, Span::call_site());
    let uses_generator = send != receive || has_ref(send) || has_ref(receive);
    let generator = if uses_generator {
        quote!(generator)
    } else {
        quote!(_generator)
    };
    let body = match (send, receive) {
        _ if send == receive => schema_tokens(send),
        (Json::Object(s), Json::Object(r))
            if reference(send).is_none() && reference(receive).is_none() =>
        {
            contract_difference(s, r)
        }
        _ => {
            let (s, r) = (schema_tokens(send), schema_tokens(receive));
            quote! {
                if generator.contract().is_serialize() { #s } else { #r }
            }
        }
    };
    quote! {
        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for #ty {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name)
            }
            fn schema_id() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(::std::concat!(::std::module_path!(), "::", #name))
            }
            fn json_schema(#generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                #body
            }
        }
    }
}

/// The entries both contracts share, then the ones each contract sets differently. Properties are
/// compared one by one, so a message differs only in the properties that do.
fn contract_difference(send: &[(String, Json)], receive: &[(String, Json)]) -> TokenStream {
    let (base, send_only, receive_only) = split_entries(send, receive, true);
    let branch = match (send_only.is_empty(), receive_only.is_empty()) {
        (true, _) => quote!(if !generator.contract().is_serialize() { #(#receive_only)* }),
        (false, true) => quote!(if generator.contract().is_serialize() { #(#send_only)* }),
        (false, false) => quote! {
            if generator.contract().is_serialize() { #(#send_only)* } else { #(#receive_only)* }
        },
    };
    let base = value_tokens(&Json::Object(base));
    quote! {
        let mut schema = ::schemars::json_schema!(#base);
        #branch
        schema
    }
}

/// (shared entries, inserts for the send contract, inserts for the receive contract). At the top
/// level, differing `properties` are split once more, property by property.
fn split_entries(
    send: &[(String, Json)],
    receive: &[(String, Json)],
    top: bool,
) -> (Vec<(String, Json)>, Vec<TokenStream>, Vec<TokenStream>) {
    let mut shared = Vec::new();
    let (mut send_only, mut receive_only) = (Vec::new(), Vec::new());
    let other = |entries: &[(String, Json)], key: &str| {
        entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    for (k, v) in send {
        match other(receive, k) {
            Some(r) if &r == v => shared.push((k.clone(), v.clone())),
            Some(Json::Object(r)) if top && k == "properties" => {
                let Json::Object(s) = v else { continue };
                let (inner, s_only, r_only) = split_entries(s, &r, false);
                shared.push((k.clone(), Json::Object(inner)));
                send_only.extend(s_only);
                receive_only.extend(r_only);
            }
            _ => send_only.push(insert(top, k, v)),
        }
    }
    for (k, v) in receive {
        if !shared.iter().any(|(sk, _)| sk == k) {
            receive_only.push(insert(top, k, v));
        }
    }
    (shared, send_only, receive_only)
}

/// Sets `key` on the schema (top level) or on its `properties`.
fn insert(top: bool, key: &str, value: &Json) -> TokenStream {
    let v = value_tokens(value);
    if top {
        quote!(schema.insert(#key.into(), ::serde_json::json!(#v));)
    } else {
        quote! {
            if let ::std::option::Option::Some(::serde_json::Value::Object(properties)) = schema.get_mut("properties") {
                properties.insert(#key.into(), ::serde_json::json!(#v));
            }
        }
    }
}

fn has_ref(j: &Json) -> bool {
    match j {
        Json::Ref(_) => true,
        Json::Array(items) => items.iter().any(has_ref),
        Json::Object(entries) => entries.iter().any(|(_, v)| has_ref(v)),
        Json::Bool(_) | Json::Int(_) | Json::Str(_) => false,
    }
}

/// A schema expression: `json_schema!({...})`, or for a reference the subschema itself.
fn schema_tokens(j: &Json) -> TokenStream {
    match reference(j) {
        Some(expr) => expr,
        None => {
            let v = value_tokens(j);
            quote!(::schemars::json_schema!(#v))
        }
    }
}

/// For `{"$ref": Ref(name), ...siblings}`: the block that asks the generator for `name`'s
/// subschema and adds the siblings.
fn reference(j: &Json) -> Option<TokenStream> {
    let Json::Object(entries) = j else {
        return None;
    };
    let target = entries.iter().find_map(|(k, v)| match v {
        Json::Ref(name) if k == "$ref" => Some(Ident::new(name, Span::call_site())),
        _ => None,
    })?;
    let siblings = entries
        .iter()
        .filter(|(k, _)| k != "$ref")
        .map(|(k, v)| {
            let v = value_tokens(v);
            quote!(schema.insert(#k.into(), ::serde_json::json!(#v));)
        })
        .collect::<Vec<_>>();
    if siblings.is_empty() {
        return Some(quote!(generator.subschema_for::<#target>()));
    }
    Some(quote!({
        let mut schema = generator.subschema_for::<#target>();
        #(#siblings)*
        schema
    }))
}

/// `json!` syntax for a tree; references become parenthesised subschema expressions.
fn value_tokens(j: &Json) -> TokenStream {
    if let Some(expr) = reference(j) {
        return quote!((#expr));
    }
    match j {
        Json::Bool(true) => quote!(true),
        Json::Bool(false) => quote!(false),
        Json::Int(n) => {
            let lit = Literal::i64_unsuffixed(*n);
            quote!(#lit)
        }
        Json::Str(s) => {
            let lit = Literal::string(s);
            quote!(#lit)
        }
        Json::Array(items) => {
            let items = items.iter().map(value_tokens);
            quote!([#(#items),*])
        }
        Json::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = value_tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#entries),* })
        }
        // A bare reference outside `$ref` does not occur; write its JSON form.
        Json::Ref(name) => {
            let lit = Literal::string(&format!("#/$defs/{name}"));
            quote!(#lit)
        }
    }
}
