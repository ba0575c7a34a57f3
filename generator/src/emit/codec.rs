//! Emits `models/codec.rs`: each struct's `Serialize` and `Deserialize`, written out and
//! served by the runtime's `encode` and `decode` modules. They replace serde's derives, whose
//! field enum, sequence form and per-field branches and early returns made up about half of
//! a large client's check time.
//!
//! This file is the largest of a big crate and has a few fixed shapes, so it is written as
//! text already in rustfmt's layout (see [`super::layout`]) rather than through tokens, the
//! pretty-printer and rustfmt. An item whose layout rustfmt might choose differently is
//! left for rustfmt (a [`Piece`] not yet formatted).

use super::features::TagFeatures;
use super::layout::Layout;
use super::types::serde_name;
use crate::format::Piece;
use crate::ir::{Api, FieldShape, Struct, TypeDef, TypeKind, TypeRef};
use std::collections::BTreeSet;

/// The module header, then the encoding and decoding of each struct, in name order. Models
/// are named by path, so the prelude's `Option`, `Result`, `Some`... are never shadowed here.
pub fn emit_model_codec(
    api: &Api,
    features: Option<&TagFeatures>,
    lenient_dates: bool,
) -> Vec<Piece> {
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
    let lenient = if lenient_dates {
        "use crate::lenient::{put_date_time, set_date_time};\n"
    } else {
        ""
    };
    let header = format!(
        "//! How each model encodes and decodes: its properties, by wire name.
#![allow(
    unused_imports,
    reason = \"a name may serve only models whose tag's feature is off\"
)]

use crate::decode::{{decode_struct, keep, missing, put, set, skip, FromMap, Key}};
use crate::encode::Fields;
{lenient}use ::serde::de::{{IgnoredAny, MapAccess}};
use ::serde::{{Deserialize, Deserializer, Serialize, Serializer}};
"
    );
    let items = structs.into_iter().flat_map(|(id, def, s)| {
        let gate = features.and_then(|f| f.type_features(id));
        [
            struct_encode(def, s, gate),
            struct_deserialize(def, gate),
            struct_from_map(api, def, s, gate),
        ]
        .map(Layout::into_piece)
    });
    super::file_of_items(header, items)
}

/// The `Serialize` impl of one struct: its fields in order, each left out as its kind says.
fn struct_encode(def: &TypeDef, s: &Struct, gate: Option<&BTreeSet<String>>) -> Layout {
    let mut item = Layout::gated(gate);
    item.line(
        0,
        &format!("impl Serialize for crate::models::{} {{", def.rust_name),
    );
    item.line(
        1,
        "fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
    );
    let mut writes: Vec<(&str, Vec<String>)> = s
        .fields
        .iter()
        .filter_map(|field| {
            let write = match field.shape(def.usage) {
                FieldShape::Plain => "field",
                // Read-only values are never sent in a request, but the model still
                // re-encodes them (for caching or logging what the server said).
                FieldShape::Optional { .. } if field.read_only && def.usage.in_request => {
                    "read_only"
                }
                FieldShape::Optional { always_sent: false } => "optional",
                FieldShape::Optional { always_sent: true } => "field",
                FieldShape::TriState => "nullable",
                FieldShape::Omitted => return None,
            };
            let args = vec![
                string_literal(&field.wire_name),
                format!("&self.{}", field.rust_name),
            ];
            Some((write, args))
        })
        .collect();
    if let Some(additional) = &s.additional {
        writes.push((
            "additional",
            vec![format!("&self.{}", additional.rust_name)],
        ));
    }
    if writes.is_empty() {
        item.line(2, "Fields::begin(serializer).end()");
    } else {
        item.line(2, "let mut fields = Fields::begin(serializer);");
        for (write, args) in &writes {
            item.call_statement(2, &format!("fields.{write}"), args);
        }
        item.line(2, "fields.end()");
    }
    item.line(1, "}");
    item.line(0, "}");
    item
}

/// The `Deserialize` impl of one struct: the runtime's map visitor, calling its `FromMap`.
fn struct_deserialize(def: &TypeDef, gate: Option<&BTreeSet<String>>) -> Layout {
    let mut item = Layout::gated(gate);
    item.line(
        0,
        &format!(
            "impl<'de> Deserialize<'de> for crate::models::{} {{",
            def.rust_name
        ),
    );
    item.line(
        1,
        "fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {",
    );
    item.line(2, "decode_struct(deserializer)");
    item.line(1, "}");
    item.line(0, "}");
    item
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

impl Read {
    /// The runtime function that reads the property into its slot.
    fn function(self) -> &'static str {
        match self {
            Read::Required { lenient_date: true } => "put_date_time",
            Read::Required {
                lenient_date: false,
            } => "put",
            Read::Optional { lenient_date: true } => "set_date_time",
            Read::Optional {
                lenient_date: false,
            }
            | Read::TriState => "set",
        }
    }
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

/// The `FromMap` impl of one struct: a slot per field, one loop over the properties with a
/// single `?`, then one match over the required slots (one early return in all: an early
/// return per field was most of what these functions cost to compile).
fn struct_from_map(
    api: &Api,
    def: &TypeDef,
    s: &Struct,
    gate: Option<&BTreeSet<String>>,
) -> Layout {
    let fields: Vec<(&crate::ir::Field, Read)> = s
        .fields
        .iter()
        .filter_map(|f| read_of(api, def, f).map(|read| (f, read)))
        .collect();
    // Locals are `field_<name>`, so no field can shadow `map`, `key` or `additional`.
    let slot = |field: &crate::ir::Field| format!("field_{}", serde_name(&field.rust_name));
    let additional = s.additional.as_ref().map(|a| a.rust_name.as_str());
    let mut item = Layout::gated(gate);
    item.line(
        0,
        &format!("impl FromMap for crate::models::{} {{", def.rust_name),
    );
    item.line(
        1,
        &format!(
            "const NAME: &'static str = {};",
            string_literal(serde_name(&def.rust_name))
        ),
    );
    item.line(
        1,
        "fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {",
    );
    for (field, read) in &fields {
        let empty = match read {
            Read::TriState => "crate::Nullable::Absent",
            _ => "None",
        };
        item.line(2, &format!("let mut {} = {empty};", slot(field)));
    }
    if additional.is_some() {
        item.line(
            2,
            "let mut additional = ::std::collections::BTreeMap::new();",
        );
    }
    let undeclared = match additional {
        Some(_) => "keep(&mut map, &mut additional, key)",
        None => "skip(&mut map)",
    };
    if fields.is_empty() && additional.is_none() {
        item.line(2, "while map.next_key::<IgnoredAny>()?.is_some() {");
        item.line(3, &format!("{undeclared}?;"));
    } else {
        item.line(2, "while let Some(key) = map.next_key::<Key<'de>>()? {");
        if fields.is_empty() {
            item.line(3, &format!("{undeclared}?;"));
        } else {
            item.line(3, "match key.as_str() {");
            for (field, read) in &fields {
                let args = ["&mut map".to_owned(), format!("&mut {}", slot(field))];
                let call = format!("{}({})", read.function(), args.join(", "));
                item.call_width(&args);
                item.arm(4, &string_literal(&field.wire_name), &call);
            }
            item.line(4, &format!("_ => {undeclared},"));
            item.line(3, "}?;");
        }
    }
    item.line(2, "}");
    let mut members: Vec<String> = fields
        .iter()
        .map(|(field, _)| format!("{}: {}", field.rust_name, slot(field)))
        .collect();
    if let Some(member) = additional {
        members.push(format!("{member}: additional"));
    }
    let required: Vec<(String, String)> = fields
        .iter()
        .filter(|(_, read)| matches!(read, Read::Required { .. }))
        .map(|(field, _)| (slot(field), string_literal(&field.wire_name)))
        .collect();
    build_value(&mut item, &members, &required);
    item.line(1, "}");
    item.line(0, "}");
    item
}

/// The function's value: `Ok(Self { members })`, behind one match that checks every
/// required slot (`(slot, wire name literal)`) at once, naming the missing ones otherwise.
pub(super) fn build_value(item: &mut Layout, members: &[String], required: &[(String, String)]) {
    if required.is_empty() {
        item.struct_literal(2, "Ok(Self", members, ")");
        return;
    }
    let slots: Vec<String> = required.iter().map(|(slot, _)| slot.clone()).collect();
    let somes: Vec<String> = slots.iter().map(|slot| format!("Some({slot})")).collect();
    let missing: Vec<Vec<String>> = required
        .iter()
        .map(|(slot, wire)| vec![format!("{slot}.is_none()"), wire.clone()])
        .collect();
    item.match_tuple(2, &slots);
    item.tuple_arm(3, &somes, ("Ok(Self {", "})"), |item, depth, lead, tail| {
        item.struct_literal(
            depth,
            &format!("{lead}Ok(Self"),
            members,
            &format!("){tail}"),
        );
    });
    item.tuple_arm(
        3,
        &slots,
        ("Err(missing(&[", "]))"),
        |item, depth, lead, tail| {
            item.array_argument(
                depth,
                &format!("{lead}Err(missing(&"),
                &missing,
                &format!(")){tail}"),
            );
        },
    );
    item.line(2, "}");
}

/// `text` as a Rust string literal, escaped as the token printer would.
fn string_literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}
