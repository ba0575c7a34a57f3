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

/// A type as a reader would write it (`Vec<Pet>`, `Option<String>`), for docs.
pub fn type_display(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.types[*id].rust_name.trim_start_matches("r#").to_owned(),
        TypeRef::String => "String".into(),
        TypeRef::Boolean => "bool".into(),
        TypeRef::Integer(IntegerKind::I32) => "i32".into(),
        TypeRef::Integer(IntegerKind::I64) => "i64".into(),
        TypeRef::Float(FloatKind::F32) => "f32".into(),
        TypeRef::Float(FloatKind::F64) => "f64".into(),
        TypeRef::Uuid => "Uuid".into(),
        TypeRef::DateTime => "DateTime<Utc>".into(),
        TypeRef::Date => "NaiveDate".into(),
        TypeRef::Bytes => "File".into(),
        TypeRef::Any => "serde_json::Value".into(),
        TypeRef::Array(item) => format!("Vec<{}>", type_display(api, item)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", type_display(api, value)),
        TypeRef::Nullable(inner) => format!("Option<{}>", type_display(api, inner)),
    }
}
