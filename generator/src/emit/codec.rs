//! Emits `models/codec.rs`: each struct's `Serialize` and `Deserialize`, written out and
//! served by the runtime's `encode` and `decode` modules. They replace serde's derives, whose
//! field enum, sequence form and per-field branches and early returns made up about half of
//! a large client's check time.

use super::features::TagFeatures;
use super::types::{ident, serde_name};
use crate::ir::{Api, FieldShape, Struct, TypeDef, TypeKind, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The module header, then the encoding and decoding of each struct, in name order. Models
/// are named by path, so the prelude's `Option`, `Result`, `Some`... are never shadowed here.
pub fn emit_model_codec<'a>(
    api: &'a Api,
    features: Option<&'a TagFeatures>,
    lenient_dates: bool,
) -> impl Iterator<Item = TokenStream> + 'a {
    let mut structs: Vec<(usize, &TypeDef, &Struct)> = api
        .types
        .iter()
        .enumerate()
        .filter_map(|(id, def)| match &def.kind {
            TypeKind::Struct(s) => Some((id, def, s)),
            _ => None,
        })
        .collect();
    structs.sort_by(|a, b| a.1.rust_name.cmp(&b.1.rust_name));
    let lenient = lenient_dates.then(|| {
        quote!(
            use crate::lenient::{put_date_time, set_date_time};
        )
    });
    let header = quote! {
        //! How each model encodes and decodes: its properties, by wire name.
        #![allow(unused_imports, reason = "a name may serve only models whose tag's feature is off")]

        use crate::decode::{decode_struct, keep, missing, put, set, skip, FromMap, Key};
        use crate::encode::Fields;
        #lenient
        use ::serde::de::{IgnoredAny, MapAccess};
        use ::serde::{Deserialize, Deserializer, Serialize, Serializer};
    };
    std::iter::once(header).chain(structs.into_iter().map(move |(id, def, s)| {
        let mut items = struct_encode(def, s);
        items.extend(struct_decode(api, def, s));
        match features.and_then(|f| f.type_cfg(id)) {
            Some(cfg) => super::features::gate(items, &cfg),
            None => items,
        }
    }))
}

/// The `Serialize` impl of one struct: its fields in order, each left out as its kind says.
fn struct_encode(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.rust_name);
    let mut writes: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|field| {
            let write = match field.shape(def.usage) {
                FieldShape::Plain => quote!(field),
                // Read-only values are never sent in a request, but the model still
                // re-encodes them (for caching or logging what the server said).
                FieldShape::Optional { .. } if field.read_only && def.usage.in_request => {
                    quote!(read_only)
                }
                FieldShape::Optional { always_sent: false } => quote!(optional),
                FieldShape::Optional { always_sent: true } => quote!(field),
                FieldShape::TriState => quote!(nullable),
                FieldShape::Omitted => return None,
            };
            let (member, wire) = (ident(&field.rust_name), &field.wire_name);
            Some(quote!(fields.#write(#wire, &self.#member);))
        })
        .collect();
    if let Some(additional) = &s.additional {
        let member = ident(&additional.rust_name);
        writes.push(quote!(fields.additional(&self.#member);));
    }
    let body = if writes.is_empty() {
        quote!(Fields::begin(serializer).end())
    } else {
        quote! {
            let mut fields = Fields::begin(serializer);
            #(#writes)*
            fields.end()
        }
    };
    quote! {
        impl Serialize for crate::models::#name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #body
            }
        }
    }
}

/// What a field makes of its property.
#[derive(Clone, Copy)]
enum Read {
    /// Must be present: `T`.
    Required { lenient_date: bool },
    /// `Option<T>`, `None` when absent or null.
    Optional { lenient_date: bool },
    /// `Nullable<T>`, `Absent` when absent.
    TriState,
}

/// How `field` of a struct travelling as `def.usage` is read; `None` for one not generated.
fn read_of(api: &Api, def: &TypeDef, field: &crate::ir::Field) -> Option<Read> {
    // A field whose schema allows null is never `Plain` (its `nullable` flag makes it
    // optional), so a required field's slot is `None` only when its property is missing.
    let lenient_date = *api.resolve_alias(&field.ty) == TypeRef::DateTime && !field.boxed;
    Some(match field.shape(def.usage) {
        FieldShape::Plain => Read::Required { lenient_date },
        FieldShape::Optional { .. } => Read::Optional { lenient_date },
        FieldShape::TriState => Read::TriState,
        FieldShape::Omitted => return None,
    })
}

/// The `Deserialize` and `FromMap` impls of one struct.
fn struct_decode(api: &Api, def: &TypeDef, s: &Struct) -> TokenStream {
    let type_name = serde_name(&def.rust_name);
    let name = ident(&def.rust_name);
    let name = quote!(crate::models::#name);
    let fields: Vec<(&crate::ir::Field, Read)> = s
        .fields
        .iter()
        .filter_map(|f| read_of(api, def, f).map(|read| (f, read)))
        .collect();
    let additional = s.additional.as_ref().map(|a| a.rust_name.as_str());
    // Locals are `field_<name>`, so no field can shadow `map`, `key` or `additional`.
    let slot = |rust_name: &str| format_ident!("field_{}", serde_name(rust_name));
    let inits: Vec<TokenStream> = fields
        .iter()
        .map(|(f, read)| {
            let slot = slot(&f.rust_name);
            match read {
                Read::TriState => quote!(let mut #slot = crate::Nullable::Absent;),
                _ => quote!(let mut #slot = None;),
            }
        })
        .collect();
    let arms: Vec<TokenStream> = fields
        .iter()
        .map(|(f, read)| {
            let (slot, wire) = (slot(&f.rust_name), &f.wire_name);
            let read = match read {
                Read::Required { lenient_date: true } => format_ident!("put_date_time"),
                Read::Required {
                    lenient_date: false,
                } => format_ident!("put"),
                Read::Optional { lenient_date: true } => format_ident!("set_date_time"),
                Read::Optional {
                    lenient_date: false,
                }
                | Read::TriState => format_ident!("set"),
            };
            quote!(#wire => #read(&mut map, &mut #slot),)
        })
        .collect();
    let undeclared = match additional {
        Some(_) => quote!(keep(&mut map, &mut additional, key)),
        None => quote!(skip(&mut map)),
    };
    let read_loop = if fields.is_empty() && additional.is_none() {
        quote! {
            while map.next_key::<IgnoredAny>()?.is_some() {
                #undeclared?;
            }
        }
    } else {
        let dispatch = if fields.is_empty() {
            undeclared
        } else {
            quote! {
                match key.as_str() {
                    #(#arms)*
                    _ => #undeclared,
                }
            }
        };
        quote! {
            while let Some(key) = map.next_key::<Key<'de>>()? {
                #dispatch?;
            }
        }
    };
    let members = fields.iter().map(|(f, _)| {
        let (member, slot) = (ident(&f.rust_name), slot(&f.rust_name));
        quote!(#member: #slot,)
    });
    let additional_init =
        additional.map(|_| quote!(let mut additional = ::std::collections::BTreeMap::new();));
    let additional_member = additional.map(|member| {
        let member = ident(member);
        quote!(#member: additional,)
    });
    let value = quote!(Self { #(#members)* #additional_member });
    // Every required field is checked in one match, so the function has one early return
    // (an early return per field was most of what these functions cost to compile).
    let required: Vec<(Ident, &str)> = fields
        .iter()
        .filter(|(_, read)| matches!(read, Read::Required { .. }))
        .map(|(f, _)| (slot(&f.rust_name), f.wire_name.as_str()))
        .collect();
    let result = if required.is_empty() {
        quote!(Ok(#value))
    } else {
        let slots: Vec<&Ident> = required.iter().map(|(slot, _)| slot).collect();
        let wire_names = required.iter().map(|(_, wire)| wire);
        quote! {
            match (#(#slots,)*) {
                (#(Some(#slots),)*) => Ok(#value),
                (#(#slots,)*) => Err(missing(&[#((#slots.is_none(), #wire_names)),*])),
            }
        }
    };
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                decode_struct(deserializer)
            }
        }

        impl FromMap for #name {
            const NAME: &'static str = #type_name;

            fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #(#inits)*
                #additional_init
                #read_loop
                #result
            }
        }
    }
}
