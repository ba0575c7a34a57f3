//! Emits each struct's `Deserialize`: one `from_map` function that reads the fields by wire
//! name, served by the runtime's `decode` module. It replaces serde's derive, whose field
//! enum, sequence form and duplicate checks were about 40% of a large client's check time.

use super::types::{ident, serde_name};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// One field as `from_map` reads it.
pub struct DecodedField<'a> {
    pub rust_name: &'a str,
    pub wire_name: &'a str,
    pub read: Read,
}

/// What a field makes of its property.
#[derive(Clone, Copy)]
pub enum Read {
    /// Must be present (unless its type is nullable): `T`.
    Required { lenient_date: bool },
    /// `Option<T>`, `None` when absent or null.
    Optional { lenient_date: bool },
    /// `Nullable<T>`, `Absent` when absent.
    TriState,
}

/// The `Deserialize` and `FromMap` impls of struct `name`; `additional` names the map field
/// that keeps undeclared properties, if the struct has one.
pub fn struct_decode(
    name: &Ident,
    fields: &[DecodedField],
    additional: Option<&str>,
) -> TokenStream {
    // Locals are `field_<name>`, so no field can shadow `map` or `key`.
    let slot = |rust_name: &str| format_ident!("field_{}", serde_name(rust_name));
    let inits = fields.iter().map(|f| {
        let slot = slot(f.rust_name);
        match f.read {
            Read::TriState => quote!(let mut #slot = crate::Nullable::Absent;),
            _ => quote!(let mut #slot = None;),
        }
    });
    let arms = fields.iter().map(|f| {
        let slot = slot(f.rust_name);
        let wire = f.wire_name;
        let read = match f.read {
            Read::Required { lenient_date: true } => quote!(crate::lenient::put_date_time),
            Read::Required {
                lenient_date: false,
            } => quote!(crate::decode::put),
            Read::Optional { lenient_date: true } => quote!(crate::lenient::set_date_time),
            Read::Optional {
                lenient_date: false,
            }
            | Read::TriState => quote!(crate::decode::set),
        };
        quote!(#wire => #read(&mut map, &mut #slot),)
    });
    let members = fields.iter().map(|f| {
        let (member, slot, wire) = (ident(f.rust_name), slot(f.rust_name), f.wire_name);
        match f.read {
            Read::Required { .. } => quote!(#member: crate::decode::required(#slot, #wire)?,),
            _ => quote!(#member: #slot,),
        }
    });
    let undeclared = match additional {
        Some(_) => quote!(crate::decode::keep(&mut map, &mut additional, key)),
        None => quote!(crate::decode::skip(&mut map)),
    };
    let (additional_init, additional_member) = match additional {
        Some(member) => {
            let member = ident(member);
            (
                Some(quote!(let mut additional = ::std::collections::BTreeMap::new();)),
                Some(quote!(#member: additional,)),
            )
        }
        None => (None, None),
    };
    let read_loop = if fields.is_empty() && additional.is_none() {
        quote! {
            while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                #undeclared?;
            }
        }
    } else if fields.is_empty() {
        quote! {
            while let Some(key) = map.next_key::<crate::decode::Key<'de>>()? {
                #undeclared?;
            }
        }
    } else {
        quote! {
            while let Some(key) = map.next_key::<crate::decode::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    _ => #undeclared,
                }?;
            }
        }
    };
    let uses_none = fields.iter().any(|f| !matches!(f.read, Read::TriState));
    let uses_some = !fields.is_empty() || additional.is_some();
    let imports = match (uses_none, uses_some) {
        (true, true) => Some(quote!(
            use ::std::option::Option::{None, Some};
        )),
        (true, false) => Some(quote!(
            use ::std::option::Option::None;
        )),
        (false, true) => Some(quote!(
            use ::std::option::Option::Some;
        )),
        (false, false) => None,
    };
    let type_name = name.to_string();
    let type_name = type_name.strip_prefix("r#").unwrap_or(&type_name);
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::decode::decode_struct(deserializer)
            }
        }

        impl crate::decode::FromMap for #name {
            const NAME: &'static str = #type_name;

            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                #imports
                #(#inits)*
                #additional_init
                #read_loop
                ::std::result::Result::Ok(Self {
                    #(#members)*
                    #additional_member
                })
            }
        }
    }
}
