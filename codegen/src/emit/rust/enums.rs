//! Enumerations: the type, its string conversions, serde, schema and validation.

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, quote};

use super::{Emitter, description_or, doc, ident, lazy};
use crate::emit::schema_rust;
use crate::ir::Enum;

/// `match value { "A" => Some(Self::A), …, _ => <fallback> }`, or just `fallback` when there are
/// no known values; `fallback` is an `Option<Self>` expression that may use `value`.
pub(super) fn known_match(
    wires: &[&str],
    vidents: &[Ident],
    fallback: &TokenStream,
) -> TokenStream {
    if wires.is_empty() {
        // `value` may go unused by `fallback`.
        return quote!(let _ = value; #fallback);
    }
    quote! {
        match value {
            #(#wires => Some(Self::#vidents),)*
            _ => #fallback,
        }
    }
}

impl Emitter<'_> {
    /// A spec enum with all its impls.
    pub(super) fn enumeration(&self, en: &Enum, out: &mut TokenStream) {
        let rt = &self.rt;
        let name = ident(&en.rust_name);
        let name_str = &en.rust_name;
        let mut lines = description_or(
            &en.description,
            format!("The `{}` enumeration.", en.spec_name),
        );
        lines.push(String::new());
        let values: Vec<String> = en.values.iter().map(|v| format!("`{}`", v.wire)).collect();
        lines.push(format!("Known values: {}.", values.join(", ")));
        lines.push(String::new());
        lines.push("Values this version does not know are kept in [`Self::Unknown`] and sent back unchanged.".into());
        let type_doc = doc(lines);
        let variants = en.values.iter().map(|v| {
            lazy(move |out| {
                let vi = ident(&v.rust_name);
                let mut l = description_or(&v.description, format!("The value `{}`.", v.wire));
                l.push(String::new());
                l.push(format!("Wire value: `{}`.", v.wire));
                let d = doc(l);
                out.extend(quote!(#d #vi,));
            })
        });
        let wires: Vec<&str> = en.values.iter().map(|v| v.wire.as_str()).collect();
        let vidents: Vec<Ident> = en.values.iter().map(|v| ident(&v.rust_name)).collect();
        let schema_impl = lazy(|out| schema_rust::enum_impl(en, out));
        let as_str_arms = lazy(|out| out.extend(quote!(#(Self::#vidents => #wires,)*)));
        let from_known = known_match(&wires, &vidents, &quote!(None));
        let common = lazy(|out| self.string_enum_impls(&name, &as_str_arms, &from_known, out));
        out.extend(quote! {
            #type_doc
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// A value this version of the spec does not know, kept exactly as received.
                Unknown(String),
            }

            impl #name {
                /// Every value the spec lists, in spec order.
                pub const KNOWN_VALUES: &'static [&'static str] = &[#(#wires),*];
            }

            #common

            #schema_impl

            impl #rt::validate::Validate for #name {
                fn validate_at(&self, path: &str, out: &mut Vec<#rt::validate::Violation>) {
                    if let Self::Unknown(value) = self {
                        out.push(#rt::validate::Violation::unknown_enum_value(path, #name_str, value));
                    }
                }
            }
        });
    }

    /// The conversions of a string-valued enum with an `Unknown(String)` variant, given the arms
    /// of `as_str` for its other variants (`Self::A => "A",`) and the body of `from_known` (an
    /// `Option<Self>` for `value: &str`): `as_str`, `is_known`, `from_known`, Display,
    /// From<&str>, From<String>, FromStr, Serialize, Deserialize.
    pub(super) fn string_enum_impls(
        &self,
        name: &Ident,
        as_str_arms: &impl ToTokens,
        from_known: &TokenStream,
        out: &mut TokenStream,
    ) {
        let rt = &self.rt;
        out.extend(quote! {
            impl #name {
                /// The exact wire value.
                pub fn as_str(&self) -> &str {
                    match self {
                        #as_str_arms
                        Self::Unknown(value) => value,
                    }
                }

                /// Whether the spec lists this value (it is not [`Self::Unknown`]).
                pub fn is_known(&self) -> bool {
                    !matches!(self, Self::Unknown(_))
                }

                /// The known value for `value`, or `None` if the spec does not list it.
                pub fn from_known(value: &str) -> Option<Self> {
                    #from_known
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    Self::from_known(value)
                        .unwrap_or_else(|| Self::Unknown(ToOwned::to_owned(value)))
                }
            }

            impl From<String> for #name {
                fn from(value: String) -> Self {
                    Self::from_known(&value).unwrap_or(Self::Unknown(value))
                }
            }

            impl ::std::str::FromStr for #name {
                type Err = ::std::convert::Infallible;

                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    Ok(Self::from(value))
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #rt::wire::text::deserialize::<Self, D>(deserializer)
                }
            }
        });
    }
}
