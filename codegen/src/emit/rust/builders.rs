//! Builders: one per struct, all in the `builder` module with the typestate markers. Each
//! builder's required-field markers and optional fields sit in a module of their own inside
//! `builder`, hidden from the docs: a reader meets them only in `build()`'s bounds and in the
//! compiler's message when a required field is missing.
//!
//! A struct without required fields gets a plain builder (its optional fields, `Default`). A
//! struct with required fields gets a typestate builder: one type parameter per required field
//! (named after it), whose values live in one tuple `required`, and the optional fields in a plain
//! struct `optional`. Setting a required field moves the tuple and the optional struct, not every
//! field; setting an optional field writes it in place.

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, quote};

use super::{BUILDER_MODULE, Emitter, Scope, doc, ident, lazy};
use crate::ir::{Field, Struct, Typestate};

/// Tokens of `s`'s required fields with their typestate names.
fn typestate_fields(s: &Struct) -> Vec<(&Field, &Typestate)> {
    s.required()
        .filter_map(|f| f.typestate.as_ref().map(|t| (f, t)))
        .collect()
}

/// Where the builders are written.
const HERE: Scope<'static> = Scope::Module(BUILDER_MODULE);

impl Emitter<'_> {
    /// `[`Name::field`]` link text of a field for setter docs, from the `builder` module.
    fn field_link(&self, s: &Struct, f: &Field) -> String {
        let field = f.rust_name.trim_start_matches("r#");
        self.link(&s.rust_name, Some(field), BUILDER_MODULE)
    }

    /// ``Builder of [`X`], from [`X::builder`].``
    fn builder_of(&self, s: &Struct) -> String {
        format!(
            "Builder of {}, from {}.",
            self.link(&s.rust_name, None, BUILDER_MODULE),
            self.link(&s.rust_name, Some("builder"), BUILDER_MODULE)
        )
    }

    /// `impl X { fn builder() }`, the builder struct and its impl.
    pub(super) fn builder(&self, s: &Struct, out: &mut TokenStream) {
        let required = typestate_fields(s);
        if required.is_empty() {
            self.plain_builder(s, out);
        } else {
            self.typestate_builder(s, &required, out);
        }
    }

    fn builder_fn(&self, s: &Struct, start: &impl ToTokens, out: &mut TokenStream) {
        let name = self.path(&s.rust_name, HERE);
        let builder = ident(&s.builder);
        let d = doc([format!(
            "Starts building {}.",
            self.link(&s.rust_name, None, BUILDER_MODULE)
        )]);
        out.extend(quote! {
            impl #name {
                #d
                pub fn builder() -> #builder {
                    #start
                }
            }
        });
    }

    /// A setter of an optional field, writing `target.field` in place.
    fn optional_setter(&self, s: &Struct, f: &Field, target: &TokenStream, out: &mut TokenStream) {
        let fi = ident(&f.rust_name);
        let t = self.value_ty(f, HERE);
        let d = doc([format!(
            "Sets the optional field `{}`. See {}.",
            f.wire_name,
            self.field_link(s, f)
        )]);
        let value = if super::is_boxed(f) {
            quote!(Box::new(Into::into(value)))
        } else {
            quote!(Into::into(value))
        };
        out.extend(quote! {
            #d
            pub fn #fi(mut self, value: impl Into<#t>) -> Self {
                #target.#fi = Some(#value);
                self
            }
        });
    }

    /// Every field optional: the builder holds them directly; `build()` is always available.
    fn plain_builder(&self, s: &Struct, out: &mut TokenStream) {
        let name = self.path(&s.rust_name, HERE);
        let builder = ident(&s.builder);
        let builder_doc = doc([
            self.builder_of(s),
            String::new(),
            "Every field is optional; call `build()` at any time.".to_owned(),
        ]);
        let fields = s.fields.iter().map(|f| {
            let fi = ident(&f.rust_name);
            let t = self.field_ty(f, HERE);
            quote!(#fi: #t,)
        });
        let names: Vec<Ident> = s.fields.iter().map(|f| ident(&f.rust_name)).collect();
        let target = &quote!(self);
        let setters = s
            .fields
            .iter()
            .map(|f| lazy(move |out| self.optional_setter(s, f, target, out)));
        let start = quote!(#builder { #(#names: None,)* });
        let builder_fn = lazy(|out| self.builder_fn(s, &start, out));
        out.extend(quote! {
            #builder_fn

            #builder_doc
            #[must_use]
            pub struct #builder {
                #(#fields)*
            }

            impl #builder {
                #(#setters)*

                /// Finishes the value.
                pub fn build(self) -> #name {
                    #name { #(#names: self.#names,)* }
                }
            }
        });
    }

    /// Required fields tracked in the type: `required` is a tuple with one `builder::Missing` or
    /// `builder::Set<T>` per required field, `optional` holds the rest.
    fn typestate_builder(
        &self,
        s: &Struct,
        required: &[(&Field, &Typestate)],
        out: &mut TokenStream,
    ) {
        let name = self.path(&s.rust_name, HERE);
        let builder = ident(&s.builder);
        let module = ident(&s.builder_module);
        let params: Vec<Ident> = required.iter().map(|(_, t)| ident(&t.param)).collect();
        let has_optional = s.optional().next().is_some();
        let builder_doc = doc([
            self.builder_of(s),
            String::new(),
            "Each type parameter tracks the required field it is named after ([`Missing`] or [`Set`]); `build()` is only available once all are set.".to_owned(),
        ]);
        let optional_field = has_optional.then(|| quote!(optional: #module::Optional,));
        let missing = required.iter().map(|_| quote!(Missing));
        let start_optional = has_optional.then(|| quote!(optional: Default::default(),));
        let start = quote!(#builder { required: (#(#missing,)*), #start_optional });
        let builder_fn = lazy(|out| self.builder_fn(s, &start, out));
        let target = &quote!(self.optional);
        let setters = s
            .fields
            .iter()
            .map(|f| lazy(move |out| self.setter(s, f, required, target, out)));
        let bounds = required.iter().map(|(_, t)| {
            let p = ident(&t.param);
            let m = ident(&t.marker);
            quote!(#p: #module::#m)
        });
        let build_fields = s.fields.iter().map(|f| {
            let fi = ident(&f.rust_name);
            match required
                .iter()
                .position(|(r, _)| r.wire_name == f.wire_name)
            {
                Some(i) => {
                    let i = proc_macro2::Literal::usize_unsuffixed(i);
                    quote!(#fi: IsSet::into_value(self.required.#i),)
                }
                None => quote!(#fi: self.optional.#fi,),
            }
        });
        out.extend(quote! {
            #builder_fn

            #builder_doc
            #[must_use]
            pub struct #builder<#(#params = Missing),*> {
                required: (#(#params,)*),
                #optional_field
            }

            impl<#(#params),*> #builder<#(#params),*> {
                #(#setters)*

                /// Finishes the value. Compiles only when every required field has been set.
                pub fn build(self) -> #name where #(#bounds),* {
                    #name { #(#build_fields)* }
                }
            }
        });
    }

    /// The setter of field `f` of a typestate builder: in place for an optional field (through
    /// `optional`), moving into a new builder type for a required one.
    fn setter(
        &self,
        s: &Struct,
        f: &Field,
        required: &[(&Field, &Typestate)],
        optional: &TokenStream,
        out: &mut TokenStream,
    ) {
        let Some(i) = required
            .iter()
            .position(|(r, _)| r.wire_name == f.wire_name)
        else {
            return self.optional_setter(s, f, optional, out);
        };
        let builder = ident(&s.builder);
        let params = required.iter().map(|(_, t)| ident(&t.param));
        let keep_optional = s
            .optional()
            .next()
            .is_some()
            .then(|| quote!(optional: self.optional,));
        let fi = ident(&f.rust_name);
        let t = self.value_ty(f, HERE);
        let out_params = params
            .enumerate()
            .map(|(j, p)| if j == i { quote!(Set<#t>) } else { quote!(#p) });
        let values = (0..required.len()).map(|j| {
            if j == i {
                quote!(Set(Into::into(value)))
            } else {
                let j = proc_macro2::Literal::usize_unsuffixed(j);
                quote!(self.required.#j)
            }
        });
        let d = doc([format!(
            "Sets the required field `{}`. See {}.",
            f.wire_name,
            self.field_link(s, f)
        )]);
        out.extend(quote! {
            #d
            pub fn #fi(self, value: impl Into<#t>) -> #builder<#(#out_params),*> {
                #builder { required: (#(#values,)*), #keep_optional }
            }
        });
    }

    /// The typestate markers, and per typestate builder one hidden module with a marker trait per
    /// required field and the struct of its optional fields.
    pub(super) fn typestate_markers(&self, out: &mut TokenStream) {
        out.extend(quote! {
            /// A required field that has not been set yet.
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
            pub struct Missing;

            /// A required field that has been set.
            #[derive(Clone, PartialEq, Eq)]
            pub struct Set<T>(pub(crate) T);

            /// A required field that has been set to a `T`; each builder's marker traits
            /// (`Has…`, one per required field, named in the compiler's message when one is
            /// missing) extend it.
            pub trait IsSet<T> {
                /// The value that was set.
                fn into_value(self) -> T;
            }

            impl<T> IsSet<T> for Set<T> {
                fn into_value(self) -> T {
                    self.0
                }
            }
        });
        for s in &self.ir.structs {
            let required = typestate_fields(s);
            if !required.is_empty() {
                self.marker_module(s, &required, out);
            }
        }
    }

    fn marker_module(&self, s: &Struct, required: &[(&Field, &Typestate)], out: &mut TokenStream) {
        let module = ident(&s.builder_module);
        let home = self.module_of(&s.rust_name);
        // The module's own doc is resolved in `builder`, the docs of its items inside it.
        let outer_link = format!("[`{0}`](super::{home}::{0})", s.rust_name);
        let link = format!("[`{0}`](super::super::{home}::{0})", s.rust_name);
        let has_optional = s.optional().next().is_some();
        let mod_doc = doc([if has_optional {
            format!("Required-field markers and optional fields of the builder of {outer_link}.")
        } else {
            format!("Required-field markers of the builder of {outer_link}.")
        }]);
        let traits = required.iter().map(|(f, t)| {
            let m = ident(&t.marker);
            let ty = self.value_ty(f, Scope::BuilderItem);
            let message = format!(
                "missing required field `{}` of `{}`",
                f.wire_name, s.rust_name
            );
            let label = format!("call `.{}(...)` before `.build()`", f.rust_name);
            let note = format!(
                "`{}` is required by the spec; the builder tracks it in its type",
                f.wire_name
            );
            let d = doc([format!(
                "Implemented once the required field `{}` of {link} is set.",
                f.wire_name
            )]);
            quote! {
                #d
                #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
                pub trait #m: super::IsSet<#ty> {}
                impl #m for super::Set<#ty> {}
            }
        });
        let optional: Vec<&Field> = s.optional().collect();
        let optional_struct = (!optional.is_empty()).then(|| {
            let fields = optional.iter().map(|f| {
                let fi = ident(&f.rust_name);
                let t = self.field_ty(f, Scope::BuilderItem);
                quote!(pub(crate) #fi: #t,)
            });
            let d = doc([format!(
                "The optional fields of the builder of {link}, set in place."
            )]);
            quote! {
                #d
                #[derive(Default)]
                pub struct Optional {
                    #(#fields)*
                }
            }
        });
        out.extend(quote! {
            #mod_doc
            #[doc(hidden)]
            pub mod #module {
                #(#traits)*

                #optional_struct
            }
        });
    }
}
