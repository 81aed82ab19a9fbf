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

    /// The reader of a field's value, mirroring the serde helper the field is decoded with. A
    /// lenient field is optional and an essential one required (the IR refuses anything else);
    /// any other field, and a list of lists, get `hand_over`.
    fn reader(&self, f: &Field) -> TokenStream {
        let rt = &self.rt;
        let fast = quote!(#rt::wire::fast);
        let (list, item_ty) = match &f.ty {
            FieldType::Array(inner) => (true, &**inner),
            ty => (false, ty),
        };
        let required = f.required == Required::Yes;
        let item = match item_ty {
            FieldType::Array(_) => None,
            _ if f.lenient == required => None,
            FieldType::Enum(_) => Some("value"),
            FieldType::Object(_) => Some("object"),
            _ => Some("scalar"),
        };
        let Some(item) = item else {
            return quote!(#fast::hand_over);
        };
        let (item, list_reader) = if f.lenient {
            (ident(&format!("lenient_{item}")), ident("lenient_list"))
        } else {
            (ident(item), ident("list"))
        };
        if list {
            quote!(|reader| #fast::#list_reader(reader, #fast::#item))
        } else {
            quote!(#fast::#item)
        }
    }
}

/// The local that holds a field while its struct is read: `slot_` and the field's name, so it can
/// shadow neither the reader, the key, nor another field.
fn slot_name(f: &Field) -> proc_macro2::Ident {
    ident(&format!("slot_{}", f.rust_name.trim_start_matches("r#")))
}
