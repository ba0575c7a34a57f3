//! `oneOf` / `anyOf` schemas as Rust enums, including schemas that list properties of their
//! own next to the variants.

use super::schema_names::{discriminator_tags, inline_variant_word};
use super::schemas::ObjectShape;
use super::Lowerer;
use crate::components::schema_key;
use crate::ir::{TypeDef, TypeKind, TypeRef, Union, UnionVariant, Usage};
use crate::naming::{join_type_name, type_name, Scope};
use openapiv3::{AnySchema, Discriminator, ReferenceOr, Schema, SchemaKind, Type};
use std::collections::BTreeSet;

impl<'a> Lowerer<'a> {
    /// Whether a schema's properties and its `oneOf`/`anyOf` make a union of merged structs:
    /// every variant is an object and one adds properties. Variants that only constrain the
    /// listed properties (`required`, narrower enums) leave the schema a plain struct.
    pub(super) fn variants_extend_properties(&self, any: &AnySchema) -> bool {
        let parts = union_parts(any);
        if parts.len() < 2 {
            return false;
        }
        let mut adds = false;
        for part in parts {
            let schema = match part {
                ReferenceOr::Reference { reference } => match self.component_schema(reference) {
                    Some(schema) => schema,
                    None => return false,
                },
                ReferenceOr::Item(schema) => schema,
            };
            let own: Vec<&String> = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => object.properties.keys().collect(),
                SchemaKind::Any(nested) if nested.one_of.is_empty() && nested.any_of.is_empty() => {
                    nested.properties.keys().collect()
                }
                SchemaKind::AllOf { .. } => {
                    adds = true;
                    continue;
                }
                _ => return false,
            };
            adds |= own.iter().any(|key| !any.properties.contains_key(*key));
        }
        adds
    }

    /// A variant of a schema with shared properties: one struct of those and the variant's own
    /// (an `allOf` of the two).
    fn lower_merged_variant(
        &mut self,
        shared: &ObjectShape<'_>,
        part: &ReferenceOr<Schema>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        let mut merged = shared.clone();
        self.collect_all_of_part(part, pointer, &mut merged, &mut BTreeSet::new());
        let rust_name = self.type_scope.claim(hint);
        let kind = TypeKind::Struct(self.lower_object(&merged, &rust_name, pointer));
        self.types.push(TypeDef {
            rust_name,
            origin: pointer.to_owned(),
            docs: part
                .as_item()
                .and_then(|schema| schema.schema_data.description.clone()),
            kind,
            usage: Usage::default(),
            deprecated: false,
            title: None,
        });
        TypeRef::Named(self.types.len() - 1)
    }

    /// `oneOf` / `anyOf`: one variant per part. With `shared` (the properties a schema lists
    /// next to its `oneOf`), each variant is a struct of the shared properties and its own.
    pub(super) fn lower_union(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        shared: Option<&ObjectShape<'_>>,
        discriminator: Option<&Discriminator>,
        name: &str,
        pointer: &str,
    ) -> Union {
        let mut scope = Scope::default();
        let mut variants = Vec::with_capacity(parts.len());
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = format!("{pointer}/{index}");
            let referenced = match part {
                ReferenceOr::Reference { reference } if shared.is_some() => schema_key(reference),
                _ => None,
            };
            let word = match referenced {
                Some(key) => type_name(&key),
                None => inline_variant_word(part, index),
            };
            let hint = join_type_name(name, &word);
            let ty = match shared {
                Some(shared) => self.lower_merged_variant(shared, part, &hint, &part_pointer),
                None => self.lower_schema_ref(part, &hint, &part_pointer),
            };
            // A variant type made here is `<Union><Word>`; the variant is `<Word>`.
            let made_here = part.as_item().is_some() || shared.is_some();
            let base = match &ty {
                TypeRef::Named(id) => {
                    let type_name = &self.types[*id].rust_name;
                    match type_name.strip_prefix(name) {
                        Some(word) if made_here && !word.is_empty() => word.to_owned(),
                        _ => type_name.clone(),
                    }
                }
                other => primitive_variant_name(other).to_owned(),
            };
            let mut tags = discriminator
                .map(|d| discriminator_tags(d, part))
                .unwrap_or_default();
            // A value selects the first variant it names.
            tags.retain(|tag| !variants.iter().any(|v: &UnionVariant| v.tags.contains(tag)));
            variants.push(UnionVariant {
                rust_name: scope.claim(&base),
                ty: self.wrap_nullable(ty, part),
                boxed: false,
                tags,
            });
        }
        Union {
            variants,
            discriminator: discriminator.map(|d| d.property_name.clone()),
        }
    }
}

/// The parts of a schema's `oneOf`, or else of its `anyOf`.
pub(super) fn union_parts(any: &AnySchema) -> &[ReferenceOr<Schema>] {
    if any.one_of.len() > 1 {
        &any.one_of
    } else {
        &any.any_of
    }
}

fn primitive_variant_name(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String | TypeRef::Uuid | TypeRef::Date | TypeRef::DateTime => "String",
        TypeRef::Boolean => "Boolean",
        TypeRef::Integer(_) => "Integer",
        TypeRef::Float(_) => "Number",
        TypeRef::Bytes => "Bytes",
        TypeRef::Array(_) => "Array",
        TypeRef::Map(_) => "Object",
        TypeRef::Nullable(_) | TypeRef::Any | TypeRef::Named(_) => "Value",
    }
}
