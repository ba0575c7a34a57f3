//! Emits how a typed body becomes `multipart/form-data` parts: files as file parts (name,
//! file name, content type), everything else as text or JSON parts, per the `encoding` map.

use super::operations::{encodings_literal, field_encoding};
use super::types::ident;
use crate::ir::{Api, PropertyEncoding, QueryStyle, RequestBody, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// Statements filling `request.multipart` from `body` (a reference to the body value).
pub(super) fn encode_statement(api: &Api, body: &RequestBody) -> TokenStream {
    let encodings = encodings_literal(&body.encoding);
    let parts = match api.resolve_alias(&body.ty) {
        TypeRef::Named(id) => match &api.types[*id].kind {
            TypeKind::Struct(model) => {
                // Read-only properties are never sent.
                let mut statements: Vec<TokenStream> = model
                    .fields
                    .iter()
                    .filter(|field| !field.read_only)
                    .map(|field| {
                        let wire = &field.wire_name;
                        let member = ident(&field.rust_name);
                        let encoding = field_encoding(&encoding_of(body, wire));
                        if is_file(api, &field.ty) {
                            quote!(parts.file(#wire, #encoding, &body.#member);)
                        } else {
                            quote!(parts.field(#wire, #encoding, &body.#member);)
                        }
                    })
                    .collect();
                if let Some(additional) = &model.additional {
                    let member = ident(&additional.rust_name);
                    statements.push(quote!(parts.fields_of(&body.#member, #encodings);));
                }
                statements
            }
            _ => vec![quote!(parts.fields_of(body, #encodings);)],
        },
        _ => vec![quote!(parts.fields_of(body, #encodings);)],
    };
    quote! {
        let mut parts = crate::wire::Multipart::default();
        #(#parts)*
        request.multipart = ::std::option::Option::Some(parts);
    }
}

/// The listed encoding of a property, or the default (`form`, exploded, no content type).
fn encoding_of(body: &RequestBody, property: &str) -> PropertyEncoding {
    body.encoding
        .iter()
        .find(|e| e.property == property)
        .cloned()
        .unwrap_or(PropertyEncoding {
            property: property.to_owned(),
            style: QueryStyle::Form,
            explode: true,
            content_type: None,
            json: false,
        })
}

/// Whether a field holds files (`format: binary`), alone, optional or in a list. A type
/// that contains itself through lists (`Thing = Vec<Thing>`) never reaches a file: the walk
/// stops after as many steps as there are types.
fn is_file(api: &Api, ty: &TypeRef) -> bool {
    let mut ty = ty;
    for _ in 0..=api.types.len() {
        match api.resolve_alias(ty) {
            TypeRef::Bytes => return true,
            TypeRef::Array(inner) | TypeRef::Nullable(inner) => ty = inner,
            _ => return false,
        }
    }
    false
}
