//! The fast decoding path of the structs Antom sends: one `wire::fast::FastDecode` impl per
//! inbound struct, and the API hooks that call it.
//!
//! Each impl keeps one `Slot` per field, reads the object key by key (matched by its bytes) and
//! fills the slot with the reader that mirrors the field's serde helper. Anything a reader does not
//! take hands the whole message back to serde (see `wire::fast` in the runtime).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Emitter, ident};
use crate::ir::{Field, FieldType, Struct};
use crate::model::Required;

impl Emitter<'_> {
    /// `impl FastDecode` for an inbound struct; nothing for the others.
    pub(super) fn fast_decode_impl(&self, s: &Struct, out: &mut TokenStream) {
        if !s.inbound {
            return;
        }
        let rt = &self.rt;
        let name = ident(&s.rust_name);
        let slots: Vec<_> = s.fields.iter().map(slot_name).collect();
        let arms = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let key = Literal::byte_string(f.wire_name.as_bytes());
            let read = self.reader(f);
            quote!(#key => #slot.fill(reader, #read),)
        });
        let values = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let field = ident(&f.rust_name);
            if f.required == Required::Yes {
                quote!(#field: #slot.required()?,)
            } else {
                quote!(#field: #slot.optional(),)
            }
        });
        out.extend(quote! {
            impl #rt::wire::fast::FastDecode for #name {
                fn fast_decode(reader: &mut #rt::wire::fast::Reader<'_>) -> Option<Self> {
                    #(let mut #slots = #rt::wire::fast::Slot::EMPTY;)*
                    reader.object(|reader, key| match key {
                        #(#arms)*
                        _ => reader.skip_value(),
                    })?;
                    Some(Self { #(#values)* })
                }
            }
        });
    }

    /// The reader of a field's value, mirroring the serde helper the field is decoded with.
    fn reader(&self, f: &Field) -> TokenStream {
        let fast = {
            let rt = &self.rt;
            quote!(#rt::wire::fast)
        };
        let required = f.required == Required::Yes;
        if f.lenient {
            // A lenient field is always optional (the IR refuses a required one).
            let lenient_item = |ty: &FieldType| match ty {
                FieldType::Enum(_) => Some(quote!(#fast::lenient_value)),
                FieldType::Object(_) => Some(quote!(#fast::lenient_object)),
                FieldType::Array(_) => None,
                _ => Some(quote!(#fast::lenient_scalar)),
            };
            return match (&f.ty, required) {
                (_, true) => quote!(#fast::hand_over),
                (FieldType::Array(inner), false) => match lenient_item(inner) {
                    Some(item) => quote!(|reader| #fast::lenient_list(reader, #item)),
                    None => quote!(#fast::hand_over),
                },
                (ty, false) => lenient_item(ty).unwrap_or_else(|| quote!(#fast::hand_over)),
            };
        }
        let item = |ty: &FieldType| match ty {
            FieldType::Enum(_) => Some(quote!(#fast::value)),
            FieldType::Object(_) => Some(quote!(#fast::object)),
            FieldType::Array(_) => None,
            _ => Some(quote!(#fast::scalar)),
        };
        let value = match &f.ty {
            FieldType::Array(inner) => {
                item(inner).map(|item| quote!(|reader| #fast::list(reader, #item)))
            }
            ty => item(ty),
        };
        // An essential field is required (the IR refuses `essential` without `required`).
        match (value, required) {
            (Some(value), true) => value,
            _ => quote!(#fast::hand_over),
        }
    }
}

/// The local that holds a field while its struct is read: `slot_` and the field's name, so it can
/// shadow neither the reader, the key, nor another field.
fn slot_name(f: &Field) -> proc_macro2::Ident {
    ident(&format!("slot_{}", f.rust_name.trim_start_matches("r#")))
}
