//! Rust type expressions for IR type references, always by absolute path.

use crate::ir::{Api, FloatKind, IntegerKind, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier from an IR name; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The name serde sees for a field (raw identifiers are unraw'd).
pub fn serde_name(rust_name: &str) -> &str {
    rust_name.strip_prefix("r#").unwrap_or(rust_name)
}

pub fn type_tokens(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Named(id) => {
            let name = ident(&api.types[*id].rust_name);
            quote!(crate::models::#name)
        }
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Integer(IntegerKind::I32) => quote!(i32),
        TypeRef::Integer(IntegerKind::I64) => quote!(i64),
        TypeRef::Float(FloatKind::F32) => quote!(f32),
        TypeRef::Float(FloatKind::F64) => quote!(f64),
        TypeRef::Uuid => quote!(::uuid::Uuid),
        TypeRef::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        TypeRef::Date => quote!(::chrono::NaiveDate),
        TypeRef::Bytes => quote!(crate::File),
        TypeRef::Any => quote!(::serde_json::Value),
        TypeRef::Array(item) => {
            let item = type_tokens(api, item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(api, value);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(api, inner);
            quote!(::std::option::Option<#inner>)
        }
    }
}
