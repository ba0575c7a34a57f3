//! Emits `into_result` on response envelopes: data plus warnings, or the errors.

use super::types::{ident, type_tokens};
use crate::ir::{Api, Envelope, FieldShape, Struct, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_envelopes(api: &Api) -> TokenStream {
    let impls = api.envelopes.iter().filter_map(|e| emit_envelope(api, e));
    quote! {
        //! Unwrapping helpers for this API's response envelopes.
        #(#impls)*
    }
}

fn emit_envelope(api: &Api, envelope: &Envelope) -> Option<TokenStream> {
    let def = &api.types[envelope.type_id];
    let TypeKind::Struct(s) = &def.kind else {
        return None;
    };
    let message = type_tokens(api, envelope.message_type.as_ref()?);
    let field = |name: &str| s.fields.iter().find(|f| f.rust_name == name);
    let data_field = field(&envelope.data_field)?;
    let data_ty = type_tokens(api, &data_field.ty);
    let name = ident(&def.rust_name);
    let data = ident(&envelope.data_field);
    let data_expr = match data_field.shape(def.usage) {
        FieldShape::Plain => quote!(::std::option::Option::Some(self.#data)),
        FieldShape::TriState => quote!(self.#data.into_option()),
        _ => quote!(self.#data),
    };
    let list = |name: &Option<String>| match name {
        Some(name) => list_expr(s, def.usage, name),
        None => quote!(::std::vec::Vec::new()),
    };
    let errors = list(&envelope.errors_field);
    let warnings = list(&envelope.warnings_field);
    let success = match envelope.success_field.as_deref().and_then(field) {
        Some(f) => {
            let success = ident(&f.rust_name);
            match f.shape(def.usage) {
                FieldShape::Plain => quote!(self.#success),
                _ => quote!(self.#success.unwrap_or(true)),
            }
        }
        None => quote!(true),
    };
    Some(quote! {
        impl crate::models::#name {
            /// The data with the server's warnings, or the errors (and warnings) when the
            /// envelope reports failure, lists errors, or carries no data.
            pub fn into_result(
                self,
            ) -> ::std::result::Result<crate::Enveloped<#data_ty, #message>, crate::EnvelopeError<#message>> {
                let errors = #errors;
                let warnings = #warnings;
                let succeeded = #success && errors.is_empty();
                match #data_expr {
                    ::std::option::Option::Some(data) if succeeded => {
                        ::std::result::Result::Ok(crate::Enveloped { data, warnings })
                    }
                    _ => ::std::result::Result::Err(crate::EnvelopeError { errors, warnings }),
                }
            }
        }
    })
}

fn list_expr(s: &Struct, usage: crate::ir::Usage, rust_name: &str) -> TokenStream {
    let Some(field) = s.fields.iter().find(|f| f.rust_name == rust_name) else {
        return quote!(::std::vec::Vec::new());
    };
    let name = ident(rust_name);
    match field.shape(usage) {
        FieldShape::Plain => quote!(self.#name),
        FieldShape::TriState => quote!(self.#name.into_option().unwrap_or_default()),
        _ => quote!(self.#name.unwrap_or_default()),
    }
}
