//! Emits `models.rs`: one struct, enum, union or alias per IR type.

use super::docs::{doc_attrs, doc_lines, doc_tokens, paragraphs};
use super::enums;
use super::features::TagFeatures;
use super::layout::Layout;
use super::types::{ident, type_tokens};
use crate::format::Piece;
use crate::ir::{Api, Field, FieldShape, Struct, TypeDef, TypeId, TypeKind, Union};
use crate::naming::CONVENTIONAL_METHOD_NAMES;
use proc_macro2::TokenStream;
use quote::quote;

/// The module header, then each type's items, in name order. Enums are written as text in
/// rustfmt's layout; the other items are pretty-printed from tokens, for rustfmt to lay out.
pub fn emit_models(api: &Api, features: Option<&TagFeatures>) -> Result<Vec<Piece>, String> {
    let mut order: Vec<(TypeId, &TypeDef)> = api.types.iter().enumerate().collect();
    order.sort_by(|a, b| a.1.rust_name.cmp(&b.1.rust_name));
    let header = "//! Request and response models.
#![allow(
    clippy::large_enum_variant,
    reason = \"variants are the schemas the API documents\"
)]
#![allow(
    clippy::type_complexity,
    reason = \"field types nest as deeply as the API's schemas\"
)]

mod codec;
";
    let mut items = Vec::new();
    for (id, def) in order {
        let docs = |extra: Option<&str>| {
            let deprecated = def.deprecated.then_some("Deprecated.");
            doc_lines(paragraphs([def.docs.as_deref(), deprecated, extra]).as_deref())
        };
        if let TypeKind::Enum(e) = &def.kind {
            let gate = features.and_then(|f| f.type_features(id));
            let enum_items = enums::enum_items(&def.rust_name, e, &docs(None), gate);
            items.extend(enum_items.into_iter().map(Layout::into_piece));
            continue;
        }
        let tokens = emit_type(api, def, docs);
        let tokens = match features.and_then(|f| f.type_cfg(id)) {
            Some(cfg) => super::features::gate(tokens, &cfg),
            None => tokens,
        };
        let printed = super::pretty_print("src/models.rs", Box::new(std::iter::once(tokens)))?;
        items.push(Piece::unformatted(printed));
    }
    Ok(super::file_of_items(header.to_owned(), items))
}

/// A struct, union or alias (enums are written as text).
fn emit_type(api: &Api, def: &TypeDef, docs: impl Fn(Option<&str>) -> Vec<String>) -> TokenStream {
    let decoding = match &def.kind {
        TypeKind::Union(u) => Some(union_decoding_doc(u)),
        _ => None,
    };
    let docs = doc_tokens(&docs(decoding.as_deref()));
    let name = ident(&def.rust_name);
    match &def.kind {
        TypeKind::Struct(s) => emit_struct(api, def, s, docs),
        TypeKind::Union(u) => emit_union(api, &name, u, docs),
        TypeKind::Alias(ty) => {
            let ty = type_tokens(api, ty);
            quote! { #docs pub type #name = #ty; }
        }
        TypeKind::Enum(_) => TokenStream::new(),
    }
}

fn emit_struct(api: &Api, def: &TypeDef, s: &Struct, docs: TokenStream) -> TokenStream {
    let name = ident(&def.rust_name);
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    let mut required_args = Vec::new();
    let mut inits = Vec::new();
    // A struct whose fields all have defaults derives `Default`.
    let all_defaultable = !s
        .fields
        .iter()
        .any(|f| matches!(f.shape(def.usage), FieldShape::Plain));
    for field in &s.fields {
        let shape = field.shape(def.usage);
        if matches!(shape, FieldShape::Omitted) {
            continue;
        }
        let field_ident = ident(&field.rust_name);
        let mut ty = type_tokens(api, &field.ty);
        if field.boxed {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        if def.usage.in_request {
            setters.extend(setter(field, &shape, &ty));
        }
        let field_ty = match shape {
            FieldShape::Plain => {
                required_args.push((field_ident.clone(), ty.clone()));
                ty
            }
            FieldShape::Optional { .. } => {
                inits.push(quote!(#field_ident: ::std::option::Option::None));
                quote!(::std::option::Option<#ty>)
            }
            FieldShape::TriState => {
                inits.push(quote!(#field_ident: crate::Nullable::Absent));
                quote!(crate::Nullable<#ty>)
            }
            FieldShape::Omitted => unreachable!("omitted fields were skipped above"),
        };
        let deprecated = field.deprecated.then_some("Deprecated.");
        let field_docs = doc_attrs(paragraphs([field.docs.as_deref(), deprecated]).as_deref());
        fields.push(quote! {
            #field_docs
            pub #field_ident: #field_ty,
        });
    }
    if let Some(additional) = &s.additional {
        let field_ident = ident(&additional.rust_name);
        let value = type_tokens(api, &additional.value);
        fields.push(quote! {
            /// Properties not listed above, by name.
            pub #field_ident: ::std::collections::BTreeMap<::std::string::String, #value>,
        });
        inits.push(quote!(#field_ident: ::std::collections::BTreeMap::new()));
    }
    let default_derive = all_defaultable.then(|| quote!(Default,));
    let constructor = def
        .usage
        .in_request
        .then(|| constructor(&name, s, &required_args, &inits, &setters));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default_derive)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #constructor
    }
}

/// `new` (required fields positional, or by name through `<Name>Required` when two share a
/// type) and the setters.
fn constructor(
    name: &proc_macro2::Ident,
    s: &Struct,
    required_args: &[(proc_macro2::Ident, TokenStream)],
    inits: &[TokenStream],
    setters: &[TokenStream],
) -> TokenStream {
    let doc = if required_args.is_empty() {
        " A value with every optional field left out."
    } else {
        " A value with the required fields set and every optional field left out."
    };
    let (params_struct, params, unpack) = match &s.required_params {
        Some(params_name) => {
            let params_ident = ident(params_name);
            let names = required_args.iter().map(|(n, _)| n);
            let fields = required_args.iter().map(|(n, t)| quote!(pub #n: #t,));
            let struct_doc = format!(
                " The required fields of [`{name}`], by name (several share a type, so they are not positional)."
            );
            (
                Some(quote! {
                    #[doc = #struct_doc]
                    #[derive(Debug, Clone, PartialEq)]
                    pub struct #params_ident {
                        #(#fields)*
                    }
                }),
                vec![quote!(required: #params_ident)],
                Some(quote!(let #params_ident { #(#names),* } = required;)),
            )
        }
        None => (
            None,
            required_args
                .iter()
                .map(|(n, t)| quote!(#n: impl ::std::convert::Into<#t>))
                .collect(),
            None,
        ),
    };
    let by_name = s.required_params.is_some();
    let required_inits = required_args.iter().map(|(n, _)| {
        if by_name {
            quote!(#n)
        } else {
            quote!(#n: #n.into())
        }
    });
    let allow = (params.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #params_struct

        impl #name {
            #[doc = #doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                #unpack
                Self { #(#required_inits,)* #(#inits),* }
            }

            #(#setters)*
        }
    }
}

/// A chainable setter named like the field (`.name("x")`), for request models; none for a
/// field whose name a convention reserves (`new`, `add`...), which stays settable directly.
fn setter(field: &Field, shape: &FieldShape, ty: &TokenStream) -> Option<TokenStream> {
    let name = field.rust_name.as_str();
    if CONVENTIONAL_METHOD_NAMES.contains(&name) {
        return None;
    }
    let member = ident(name);
    let (arg, value) = match shape {
        FieldShape::Plain => (quote!(#ty), quote!(value.into())),
        FieldShape::Optional { .. } => (
            quote!(#ty),
            quote!(::std::option::Option::Some(value.into())),
        ),
        FieldShape::TriState => (quote!(crate::Nullable<#ty>), quote!(value.into())),
        FieldShape::Omitted => return None,
    };
    let doc = format!(" Sets `{}`.", field.wire_name.replace('`', "'"));
    Some(quote! {
        #[doc = #doc]
        pub fn #member(mut self, value: impl ::std::convert::Into<#arg>) -> Self {
            self.#member = #value;
            self
        }
    })
}

/// How a union picks its variant, for its docs.
fn union_decoding_doc(u: &Union) -> String {
    match &u.discriminator {
        Some(property) => format!(
            "Decoded by its `{}` property; encoding adds it when the variant lacks it.",
            property.replace('`', "'")
        ),
        None => "Decoded as the variant that keeps the most of the value (the first of equals)."
            .to_owned(),
    }
}

fn emit_union(api: &Api, name: &proc_macro2::Ident, u: &Union, docs: TokenStream) -> TokenStream {
    let variant_types: Vec<TokenStream> = u
        .variants
        .iter()
        .map(|v| {
            let ty = type_tokens(api, &v.ty);
            if v.boxed {
                quote!(::std::boxed::Box<#ty>)
            } else {
                ty
            }
        })
        .collect();
    let variant_idents: Vec<_> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let variants = variant_idents
        .iter()
        .zip(&variant_types)
        .map(|(variant, ty)| quote!(#variant(#ty),));
    let union_name = name.to_string();
    // Variants without a tag value are told apart by fit, as in an undiscriminated union.
    let best_fit = |candidates: Vec<usize>| {
        let tries = candidates.iter().map(|&i| {
            let (variant, ty) = (&variant_idents[i], &variant_types[i]);
            let label = &u.variants[i].rust_name;
            quote!(.variant::<#ty>(#label, Self::#variant))
        });
        quote! {
            crate::wire::BestFit::new(value)#(#tries)*.finish(#union_name)
        }
    };
    let (serialize, decode) = match &u.discriminator {
        None => (
            quote!(#[derive(::serde::Serialize)] #[serde(untagged)]),
            best_fit((0..u.variants.len()).collect()),
        ),
        Some(property) => {
            let tag_arms = u.variants.iter().enumerate().filter(|(_, v)| !v.tags.is_empty()).map(|(i, v)| {
                let variant = &variant_idents[i];
                let tags = &v.tags;
                quote!(::std::option::Option::Some(#(#tags)|*) => crate::wire::decode(value).map(Self::#variant),)
            });
            let untagged: Vec<usize> = (0..u.variants.len())
                .filter(|i| u.variants[*i].tags.is_empty())
                .collect();
            let fallback = if untagged.is_empty() {
                let message = format!("unknown `{property}` value {{:?}} for {union_name}");
                quote!(::std::option::Option::Some(other) => ::std::result::Result::Err(
                    <D::Error as ::serde::de::Error>::custom(format!(#message, other))
                ),)
            } else {
                let fit = best_fit(untagged);
                quote!(::std::option::Option::Some(_) => #fit,)
            };
            let missing = best_fit((0..u.variants.len()).collect());
            let serialize_arms = u.variants.iter().enumerate().map(|(i, v)| {
                let variant = &variant_idents[i];
                match v.tags.first() {
                    Some(tag) => quote!(Self::#variant(value) => crate::wire::serialize_tagged(value, #property, #tag, serializer),),
                    None => quote!(Self::#variant(value) => ::serde::Serialize::serialize(value, serializer),),
                }
            });
            let decode = quote! {
                match crate::wire::tag(&value, #property) {
                    #(#tag_arms)*
                    #fallback
                    ::std::option::Option::None => #missing,
                }
            };
            let serialize = quote! {
                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        match self {
                            #(#serialize_arms)*
                        }
                    }
                }
            };
            (serialize, decode)
        }
    };
    let (derive_serialize, serialize_impl) = match &u.discriminator {
        None => (serialize, None),
        Some(_) => (TokenStream::new(), Some(serialize)),
    };
    // `From` for each variant whose type no other variant shares.
    let conversions = u.variants.iter().enumerate().filter(|(i, v)| {
        let resolved = api.resolve_alias(&v.ty);
        !u.variants
            .iter()
            .enumerate()
            .any(|(j, other)| j != *i && api.resolve_alias(&other.ty) == resolved)
    });
    let from_impls = conversions.map(|(i, v)| {
        let variant = &variant_idents[i];
        let ty = type_tokens(api, &v.ty);
        let wrap = if v.boxed {
            quote!(::std::boxed::Box::new(value))
        } else {
            quote!(value)
        };
        quote! {
            impl ::std::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(#wrap)
                }
            }
        }
    });
    quote! {
        #(#from_impls)*

        #docs
        #[derive(Debug, Clone, PartialEq)]
        #derive_serialize
        pub enum #name {
            #(#variants)*
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #decode
            }
        }

        #serialize_impl
    }
}
