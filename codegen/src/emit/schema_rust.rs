//! The generated `schemars::JsonSchema` impls: the schema emitter's trees ([`crate::emit::schema`])
//! written as Rust, so that a Rust type's schema and the exported files are one thing.
//!
//! schemars' serialize contract is [`Contract::Send`], its deserialize contract (its default)
//! [`Contract::Receive`]. A reference to another type becomes `generator.subschema_for::<T>()`, so
//! schemars files the definition under the name it chooses; `T` is written by the caller's
//! [`TypePath`], since the generated types live in several modules. The impls sit behind the
//! `schemars` feature of the crate that includes the generated code.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream};
use quote::{TokenStreamExt, quote};

use crate::emit::json::Json;
use crate::emit::rust::str_lit;
use crate::emit::schema::{self, Contract};
use crate::ir::{Api, Enum, Ir, Struct};

/// Writes the path of a generated type, by Rust name, as seen from the impl being written.
pub type TypePath<'a> = &'a dyn Fn(&str, &mut TokenStream);

/// `impl JsonSchema` for a struct (object or message).
pub fn struct_impl(ir: &Ir, s: &Struct, path: TypePath, out: &mut TokenStream) {
    impl_block(
        &s.rust_name,
        &schema::struct_schema(ir, s, Contract::Send),
        &schema::struct_schema(ir, s, Contract::Receive),
        path,
        out,
    );
}

/// `impl JsonSchema` for an enumeration.
pub fn enum_impl(e: &Enum, out: &mut TokenStream) {
    impl_block(
        &e.rust_name,
        &schema::enum_schema(e, Contract::Send),
        &schema::enum_schema(e, Contract::Receive),
        &|name, out| out.append(Ident::new(name, Span::call_site())),
        out,
    );
}

/// `impl JsonSchema` for an API's result-code enumeration.
pub fn result_code_impl(ir: &Ir, api: &Api, path: TypePath, out: &mut TokenStream) {
    impl_block(
        &api.result_code_enum,
        &schema::result_code_schema(ir, api, Contract::Send),
        &schema::result_code_schema(ir, api, Contract::Receive),
        path,
        out,
    );
}

/// The counter of the locals that hold subschemas, and how to name a referenced type.
struct Names<'a> {
    next: usize,
    path: TypePath<'a>,
}

fn impl_block(name: &str, send: &Json, receive: &Json, path: TypePath, out: &mut TokenStream) {
    let ty = Ident::new(name, Span::call_site());
    let uses_generator = send != receive || has_ref(send) || has_ref(receive);
    let generator = if uses_generator {
        quote!(generator)
    } else {
        quote!(_generator)
    };
    let mut names = Names { next: 0, path };
    let body = match (send, receive) {
        _ if send == receive => schema_block(send, &mut names),
        (Json::Object(s), Json::Object(r))
            if reference(send, path).is_none() && reference(receive, path).is_none() =>
        {
            contract_difference(s, r, &mut names)
        }
        _ => {
            let (s, r) = (
                schema_block(send, &mut names),
                schema_block(receive, &mut names),
            );
            quote! {
                if generator.contract().is_serialize() { #s } else { #r }
            }
        }
    };
    out.extend(quote! {
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
    });
}

/// Where a differing entry goes: on the schema itself, or into its `properties`.
#[derive(Clone, Copy)]
enum Level {
    Top,
    Property,
}

/// The entries both contracts share, then the ones each contract sets differently. Properties are
/// compared one by one, so a message differs only in the properties that do.
fn contract_difference(
    send: &[(String, Json)],
    receive: &[(String, Json)],
    names: &mut Names<'_>,
) -> TokenStream {
    let (shared, send_only, receive_only) = split_entries(send, receive, Level::Top);
    let mut lets = Vec::new();
    let base = value_tokens(&Json::Object(shared), &mut lets, names);
    let send_only = inserts(&send_only, names);
    let receive_only = inserts(&receive_only, names);
    let branch = match (send_only.is_empty(), receive_only.is_empty()) {
        (true, _) => quote!(if !generator.contract().is_serialize() { #receive_only }),
        (false, true) => quote!(if generator.contract().is_serialize() { #send_only }),
        (false, false) => quote! {
            if generator.contract().is_serialize() { #send_only } else { #receive_only }
        },
    };
    quote! {
        #(#lets)*
        let mut schema = ::schemars::json_schema!(#base);
        #branch
        schema
    }
}

type Entries = Vec<(String, Json)>;

/// Entries one contract sets differently, with where they go.
type Differences = Vec<(Level, String, Json)>;

/// (shared entries, entries only the send contract has, entries only the receive contract has).
/// At the top level, differing `properties` are split once more, property by property.
fn split_entries(
    send: &[(String, Json)],
    receive: &[(String, Json)],
    level: Level,
) -> (Entries, Differences, Differences) {
    let mut shared = Vec::new();
    let (mut send_only, mut receive_only) = (Vec::new(), Vec::new());
    let find = |entries: &[(String, Json)], key: &str| {
        entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    for (k, v) in send {
        match (find(receive, k), v) {
            (Some(r), _) if &r == v => shared.push((k.clone(), v.clone())),
            (Some(Json::Object(r)), Json::Object(s))
                if matches!(level, Level::Top) && k == "properties" =>
            {
                let (inner, s_only, r_only) = split_entries(s, &r, Level::Property);
                shared.push((k.clone(), Json::Object(inner)));
                send_only.extend(s_only);
                receive_only.extend(r_only);
            }
            _ => send_only.push((level, k.clone(), v.clone())),
        }
    }
    for (k, v) in receive {
        if !shared.iter().any(|(sk, _)| sk == k) {
            receive_only.push((level, k.clone(), v.clone()));
        }
    }
    (shared, send_only, receive_only)
}

/// The statements that set `entries` on the schema (or on its `properties`).
fn inserts(entries: &[(Level, String, Json)], names: &mut Names<'_>) -> TokenStream {
    let mut lets = Vec::new();
    let sets: Vec<TokenStream> = entries
        .iter()
        .map(|(level, key, value)| {
            let v = value_tokens(value, &mut lets, names);
            match level {
                Level::Top => quote!(schema.insert(#key.into(), ::serde_json::json!(#v));),
                Level::Property => quote! {
                    if let Some(::serde_json::Value::Object(properties)) = schema.get_mut("properties") {
                        properties.insert(#key.into(), ::serde_json::json!(#v));
                    }
                },
            }
        })
        .collect();
    quote!(#(#lets)* #(#sets)*)
}

fn has_ref(j: &Json) -> bool {
    match j {
        Json::Ref(_) => true,
        Json::Array(items) => items.iter().any(has_ref),
        Json::Object(entries) => entries.iter().any(|(_, v)| has_ref(v)),
        Json::Bool(_) | Json::Int(_) | Json::Str(_) => false,
    }
}

/// The statements that produce a schema: for a reference, the subschema itself; otherwise
/// `json_schema!({...})`, after the subschemas it names.
fn schema_block(j: &Json, names: &mut Names<'_>) -> TokenStream {
    if let Some(expr) = reference(j, names.path) {
        return expr;
    }
    let mut lets = Vec::new();
    let v = value_tokens(j, &mut lets, names);
    quote!(#(#lets)* ::schemars::json_schema!(#v))
}

/// For `{"$ref": Ref(name), ...siblings}`: the block that asks the generator for `name`'s
/// subschema and adds the siblings (plain JSON: siblings never hold references).
fn reference(j: &Json, path: TypePath) -> Option<TokenStream> {
    let Json::Object(entries) = j else {
        return None;
    };
    let target = entries.iter().find_map(|(k, v)| match v {
        Json::Ref(name) if k == "$ref" => {
            let mut target = TokenStream::new();
            path(name, &mut target);
            Some(target)
        }
        _ => None,
    })?;
    let siblings: Vec<TokenStream> = entries
        .iter()
        .filter(|(k, _)| k != "$ref")
        .map(|(k, v)| {
            let v = value_tokens(v, &mut Vec::new(), &mut Names { next: 0, path });
            quote!(schema.insert(#k.into(), ::serde_json::json!(#v));)
        })
        .collect();
    if siblings.is_empty() {
        return Some(quote!(generator.subschema_for::<#target>()));
    }
    Some(quote!({
        let mut schema = generator.subschema_for::<#target>();
        #(#siblings)*
        schema
    }))
}

/// `json!` syntax for a tree. Each reference is computed beforehand into a local (`let sub_N =
/// ...;`, pushed onto `lets`) and named here, so that the macro body holds only literals and names
/// (its tokens then print the same whether or not build.rs's text went through the formatter).
fn value_tokens(j: &Json, lets: &mut Vec<TokenStream>, names: &mut Names<'_>) -> TokenStream {
    let mut out = TokenStream::new();
    write_value(j, lets, names, &mut out);
    out
}

/// [`value_tokens`], written into `out`.
fn write_value(
    j: &Json,
    lets: &mut Vec<TokenStream>,
    names: &mut Names<'_>,
    out: &mut TokenStream,
) {
    if let Some(expr) = reference(j, names.path) {
        let local = Ident::new(&format!("sub_{}", names.next), Span::call_site());
        names.next += 1;
        lets.push(quote!(let #local = #expr;));
        out.append(local);
        return;
    }
    match j {
        Json::Bool(true) => out.append(Ident::new("true", Span::call_site())),
        Json::Bool(false) => out.append(Ident::new("false", Span::call_site())),
        Json::Int(n) => {
            // A sign token and a positive literal: a negative literal token would print
            // differently once build.rs's unformatted text is parsed again.
            if *n < 0 {
                out.append(Punct::new('-', Spacing::Alone));
            }
            out.append(Literal::u64_unsuffixed(n.unsigned_abs()));
        }
        Json::Str(s) => out.append(str_lit(&[s])),
        Json::Array(items) => {
            let mut inner = TokenStream::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    inner.append(Punct::new(',', Spacing::Alone));
                }
                write_value(item, lets, names, &mut inner);
            }
            out.append(Group::new(Delimiter::Bracket, inner));
        }
        Json::Object(entries) => {
            let mut inner = TokenStream::new();
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    inner.append(Punct::new(',', Spacing::Alone));
                }
                inner.append(str_lit(&[k]));
                inner.append(Punct::new(':', Spacing::Alone));
                write_value(v, lets, names, &mut inner);
            }
            out.append(Group::new(Delimiter::Brace, inner));
        }
        // A bare reference outside `$ref` does not occur; write its JSON form.
        Json::Ref(name) => out.append(Literal::string(&format!("#/$defs/{name}"))),
    }
}
