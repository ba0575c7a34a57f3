//! Lowers JSON schemas into model types: structs, enums, unions and aliases, naming inline ones.

use super::schema_names::{name_like_title, pointer_type_name};
use super::unions::union_parts;
use super::Lowerer;
use crate::components::schema_key;
use crate::error::pointer_segment;
use crate::ir::{
    Additional, Enum, EnumValue, EnumVariant, Field, FloatKind, IntegerKind, Struct, TypeDef,
    TypeId, TypeKind, TypeRef, Usage,
};
use crate::naming::{join_type_name, type_name, value_name, Scope};
use crate::schema_pointer;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ObjectType, ReferenceOr, Schema,
    SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use std::collections::BTreeSet;

/// How deep inline schemas may nest (real descriptions stay under 15); deeper ones are refused
/// before the nested Rust types they would give overflow a parser's stack.
pub const MAX_INLINE_DEPTH: usize = 32;

/// The most types one description may lower to (every corpus description, GitHub's included,
/// stays well under it): an `allOf`
/// that takes in a schema containing it copies its inline schemas again at every level.
pub const MAX_TYPES: usize = 30_000;

/// The most values an enum is generated for (real descriptions reach 844); a longer list is
/// typed as its plain string or integer.
pub const MAX_ENUM_VALUES: usize = 10_000;

/// The object shape shared by `type: object` and untyped schemas that list properties.
#[derive(Clone)]
pub(super) struct ObjectShape<'s> {
    pub(super) properties: Vec<(&'s String, &'s ReferenceOr<Box<Schema>>)>,
    pub(super) required: BTreeSet<&'s str>,
    pub(super) additional: Option<&'s AdditionalProperties>,
}

impl<'a> Lowerer<'a> {
    /// Gives every component schema its name and id first, so `$ref`s and recursion resolve.
    pub(super) fn declare_components(&mut self) {
        let Some(components) = &self.doc.components else {
            return;
        };
        for key in components.schemas.keys() {
            let rust_name = self.type_scope.claim(&type_name(key));
            let id = self.types.len();
            self.types.push(TypeDef {
                rust_name,
                origin: format!("/components/schemas/{}", pointer_segment(key)),
                docs: None,
                kind: TypeKind::Alias(TypeRef::Any),
                usage: Usage::default(),
                deprecated: false,
                title: None,
            });
            self.component_ids.insert(key.clone(), id);
        }
    }

    /// Lowers every component schema, used or not (for `all_schemas`), in document order.
    pub(super) fn lower_all_components(&mut self) {
        let keys: Vec<String> = match &self.doc.components {
            Some(components) => components.schemas.keys().cloned().collect(),
            None => return,
        };
        for key in keys {
            let id = self.component_ids[&key];
            self.request_component(key, id);
        }
        self.lower_requested_components();
    }

    /// Lowers the component schemas that references have asked for, first asked first, until
    /// none is left (lowering one may ask for more). Components nobody refers to stay
    /// placeholders, which no operation reaches.
    pub(super) fn lower_requested_components(&mut self) {
        while let Some(key) = self.requested_components.pop_front() {
            self.lower_component(&key);
        }
    }

    fn request_component(&mut self, key: String, id: TypeId) {
        if self.requested_ids.insert(id) {
            self.requested_components.push_back(key);
        }
    }

    fn lower_component(&mut self, key: &str) {
        let Some(schema) = self
            .doc
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(key))
        else {
            return;
        };
        let id = self.component_ids[key];
        let pointer = self.types[id].origin.clone();
        let name = self.types[id].rust_name.clone();
        let (kind, docs, deprecated) = match schema {
            ReferenceOr::Reference { reference } => (
                TypeKind::Alias(self.resolve_schema_ref(reference, &pointer)),
                None,
                false,
            ),
            ReferenceOr::Item(schema) => {
                let kind = self.lower_kind(schema, &name, &pointer).unwrap_or_else(|| {
                    TypeKind::Alias(self.lower_primitive(schema, &name, &pointer))
                });
                (kind, schema_docs(schema), schema.schema_data.deprecated)
            }
        };
        let def = &mut self.types[id];
        def.kind = kind;
        def.docs = docs;
        def.deprecated = deprecated;
    }

    /// Lowers a schema or `$ref` used somewhere; inline structs, enums and unions get the name `hint`.
    pub(super) fn lower_schema_ref<S: std::borrow::Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.resolve_schema_ref(reference, pointer),
            ReferenceOr::Item(_) if self.types.len() >= MAX_TYPES => {
                if !std::mem::replace(&mut self.over_type_budget, true) {
                    self.error(
                        pointer,
                        format!("lowering makes more than {MAX_TYPES} types by here (an allOf that takes in a schema containing it, again and again?); refused"),
                    );
                }
                TypeRef::Any
            }
            ReferenceOr::Item(_) if self.inline_depth >= MAX_INLINE_DEPTH => {
                // Reported once: past the limit, every deeper schema would say it again.
                if !std::mem::replace(&mut self.over_inline_depth, true) {
                    self.error(
                        pointer,
                        format!("inline schemas nest more than {MAX_INLINE_DEPTH} levels deep here; name some of them in components/schemas"),
                    );
                }
                TypeRef::Any
            }
            ReferenceOr::Item(schema) => {
                self.inline_depth += 1;
                let lowered = self.lower_inline(schema.borrow(), hint, pointer);
                self.inline_depth -= 1;
                lowered
            }
        }
    }

    pub(super) fn resolve_schema_ref(&mut self, reference: &str, pointer: &str) -> TypeRef {
        if let Some(key) = schema_key(reference) {
            if let Some(&id) = self.component_ids.get(&key) {
                self.request_component(key, id);
                return TypeRef::Named(id);
            }
        }
        if let Some(ty) = self.pointer_types.get(reference) {
            return ty.clone();
        }
        let Some(schema) = schema_pointer::schema_at(self.doc, reference) else {
            self.broken_reference(pointer, reference, "using untyped JSON");
            return TypeRef::Any;
        };
        // A schema reached through a pointer into another schema or operation is lowered
        // once, like an inline schema, named after where it sits.
        if self.pointers_in_progress.contains(reference) {
            self.warn(
                pointer,
                format!("schema reference {reference:?} contains itself; using untyped JSON"),
            );
            return TypeRef::Any;
        }
        self.pointers_in_progress.insert(reference.to_owned());
        let target = reference.trim_start_matches('#').to_owned();
        let ty = self.lower_inline(schema, &pointer_type_name(reference), &target);
        self.pointers_in_progress.remove(reference);
        self.pointer_types.insert(reference.to_owned(), ty.clone());
        ty
    }

    /// A schema `$ref` that names no component schema: an error, or with
    /// `allow_unresolved_refs` a warning and `degraded` (what is done instead).
    fn broken_reference(&mut self, pointer: &str, reference: &str, degraded: &str) {
        if self.allow_unresolved_refs {
            self.warn(
                pointer,
                format!("schema reference {reference:?} does not resolve; {degraded}"),
            );
        } else {
            self.error(pointer, format!("schema reference {reference:?} does not resolve to a schema of components/schemas (pass --allow-unresolved-refs to use untyped JSON instead)"));
        }
    }

    /// Whether a schema (following `$ref`s to components) allows `null`.
    pub(super) fn is_nullable<S: std::borrow::Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
    ) -> bool {
        let mut current = match schema {
            ReferenceOr::Item(schema) => schema.borrow(),
            ReferenceOr::Reference { reference } => match self.component_schema(reference) {
                Some(schema) => schema,
                None => return false,
            },
        };
        // A chain of single-part wrappers (`allOf: [$ref]`) is nullable if any link says so.
        for _ in 0..16 {
            if current.schema_data.nullable {
                return true;
            }
            let parts = match &current.schema_kind {
                SchemaKind::AllOf { all_of: parts } => parts,
                _ => return false,
            };
            let [ReferenceOr::Reference { reference }] = parts.as_slice() else {
                return false;
            };
            match self.component_schema(reference) {
                Some(next) => current = next,
                None => return false,
            }
        }
        false
    }

    /// The schema a `$ref` names, following chains of references.
    pub(super) fn component_schema(&self, reference: &str) -> Option<&'a Schema> {
        schema_pointer::schema_at(self.doc, reference)
    }

    fn lower_inline(&mut self, schema: &Schema, hint: &str, pointer: &str) -> TypeRef {
        // Inline schemas cannot refer to themselves, so the type is pushed after its children;
        // only the name is claimed first, so the parent keeps the plain one.
        // A title names the type unless another type has that name already: then the hint
        // (owner and property: `RopeKind`) says more than a number would (`Kind2`, as FastAPI
        // titles every property after itself).
        let title = name_like_title(schema);
        let name = match &title {
            Some(title) if self.type_scope.all_free(std::slice::from_ref(title)) => title,
            _ => hint,
        };
        let rust_name = self.type_scope.claim(name);
        match self.lower_kind(schema, &rust_name, pointer) {
            Some(kind) => {
                self.types.push(TypeDef {
                    rust_name,
                    origin: pointer.to_owned(),
                    docs: schema_docs(schema),
                    kind,
                    usage: Usage::default(),
                    deprecated: schema.schema_data.deprecated,
                    title,
                });
                TypeRef::Named(self.types.len() - 1)
            }
            None => {
                self.type_scope.release(&rust_name);
                self.lower_primitive(schema, hint, pointer)
            }
        }
    }

    /// An enum of `values`; none for no values, and none (a plain string or integer, with a
    /// warning) past [`MAX_ENUM_VALUES`].
    fn enum_kind(
        &mut self,
        values: Vec<EnumValue>,
        schema: &Schema,
        pointer: &str,
    ) -> Option<TypeKind> {
        if values.len() > MAX_ENUM_VALUES {
            self.warn(
                &format!("{pointer}/enum"),
                format!(
                    "{} values are too many for a Rust enum (at most {MAX_ENUM_VALUES}); typed as the plain type",
                    values.len()
                ),
            );
            return None;
        }
        (!values.is_empty()).then(|| TypeKind::Enum(build_enum(values, schema)))
    }

    /// The named shape of a schema (struct, enum, union), or `None` for a plain type.
    fn lower_kind(&mut self, schema: &Schema, name: &str, pointer: &str) -> Option<TypeKind> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => Some(
                TypeKind::Struct(self.lower_object(&object_shape(object), name, pointer)),
            ),
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<EnumValue> = string
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| EnumValue::String(v.clone()))
                    .collect();
                self.enum_kind(values, schema, pointer)
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                let values: Vec<EnumValue> = integer
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| EnumValue::Integer(*v))
                    .collect();
                self.enum_kind(values, schema, pointer)
            }
            SchemaKind::AllOf { all_of } if all_of.len() > 1 => {
                Some(TypeKind::Struct(self.lower_all_of(all_of, name, pointer)))
            }
            SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts }
                if parts.len() > 1 =>
            {
                let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                Some(TypeKind::Union(self.lower_union(
                    parts,
                    None,
                    schema.schema_data.discriminator.as_ref(),
                    name,
                    &format!("{pointer}/{keyword}"),
                )))
            }
            SchemaKind::Any(any) if self.variants_extend_properties(any) => {
                let shared = any_shape(any);
                let keyword = if any.one_of.len() > 1 {
                    "oneOf"
                } else {
                    "anyOf"
                };
                Some(TypeKind::Union(self.lower_union(
                    union_parts(any),
                    Some(&shared),
                    schema.schema_data.discriminator.as_ref(),
                    name,
                    &format!("{pointer}/{keyword}"),
                )))
            }
            SchemaKind::Any(any) if !any.properties.is_empty() => {
                let shape = any_shape(any);
                Some(TypeKind::Struct(self.lower_object(&shape, name, pointer)))
            }
            SchemaKind::Any(any) if any.all_of.len() > 1 => Some(TypeKind::Struct(
                self.lower_all_of(&any.all_of, name, pointer),
            )),
            SchemaKind::Any(any) if any.one_of.len() > 1 || any.any_of.len() > 1 => {
                Some(TypeKind::Union(self.lower_union(
                    union_parts(any),
                    None,
                    schema.schema_data.discriminator.as_ref(),
                    name,
                    &format!("{pointer}/oneOf"),
                )))
            }
            _ => None,
        }
    }

    /// A schema without a named shape: scalars, arrays, maps, single-element compositions.
    fn lower_primitive(&mut self, schema: &Schema, hint: &str, pointer: &str) -> TypeRef {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::Bytes,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => TypeRef::Uuid,
                _ => TypeRef::String,
            },
            SchemaKind::Type(Type::Integer(integer)) => TypeRef::Integer(match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntegerKind::I32,
                _ => IntegerKind::I64,
            }),
            SchemaKind::Type(Type::Number(number)) => TypeRef::Float(match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => FloatKind::F32,
                _ => FloatKind::F64,
            }),
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Boolean,
            SchemaKind::Type(Type::Array(array)) => {
                self.lower_items(array.items.as_ref(), hint, pointer)
            }
            SchemaKind::Type(Type::Object(object)) => {
                self.lower_map(object.additional_properties.as_ref(), hint, pointer)
            }
            SchemaKind::AllOf { all_of: parts }
            | SchemaKind::OneOf { one_of: parts }
            | SchemaKind::AnyOf { any_of: parts } => match parts.first() {
                Some(only) => {
                    let keyword = match &schema.schema_kind {
                        SchemaKind::AllOf { .. } => "allOf",
                        SchemaKind::OneOf { .. } => "oneOf",
                        _ => "anyOf",
                    };
                    self.lower_schema_ref(only, hint, &format!("{pointer}/{keyword}/0"))
                }
                None => TypeRef::Any,
            },
            SchemaKind::Not { .. } => {
                self.warn(
                    pointer,
                    "`not` schemas cannot be modelled; using untyped JSON",
                );
                TypeRef::Any
            }
            SchemaKind::Any(any) => {
                if let Some(items) = &any.items {
                    return self.lower_items(Some(items), hint, pointer);
                }
                if let Some(only) = any
                    .all_of
                    .first()
                    .or(any.one_of.first())
                    .or(any.any_of.first())
                {
                    return self.lower_schema_ref(only, hint, pointer);
                }
                match any.typ.as_deref() {
                    Some("string") => TypeRef::String,
                    Some("integer") => TypeRef::Integer(IntegerKind::I64),
                    Some("number") => TypeRef::Float(FloatKind::F64),
                    Some("boolean") => TypeRef::Boolean,
                    Some("array") => TypeRef::Array(Box::new(TypeRef::Any)),
                    Some("object") => {
                        self.lower_map(any.additional_properties.as_ref(), hint, pointer)
                    }
                    _ => TypeRef::Any,
                }
            }
        }
    }

    fn lower_items(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        let Some(items) = items else {
            return TypeRef::Array(Box::new(TypeRef::Any));
        };
        let item = self.lower_schema_ref(
            items,
            &join_type_name(hint, "Item"),
            &format!("{pointer}/items"),
        );
        TypeRef::Array(Box::new(self.wrap_nullable(item, items)))
    }

    fn lower_map(
        &mut self,
        additional: Option<&AdditionalProperties>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match additional {
            Some(AdditionalProperties::Schema(value)) => {
                let ty = self.lower_schema_ref(
                    value.as_ref(),
                    &join_type_name(hint, "Value"),
                    &format!("{pointer}/additionalProperties"),
                );
                TypeRef::Map(Box::new(self.wrap_nullable(ty, value.as_ref())))
            }
            _ => TypeRef::Map(Box::new(TypeRef::Any)),
        }
    }

    pub(super) fn lower_object(
        &mut self,
        shape: &ObjectShape<'_>,
        name: &str,
        pointer: &str,
    ) -> Struct {
        let mut scope = Scope::default();
        let mut fields = Vec::with_capacity(shape.properties.len());
        for (wire_name, property) in &shape.properties {
            let field_pointer = format!("{pointer}/properties/{}", pointer_segment(wire_name));
            let hint = join_type_name(name, &type_name(wire_name));
            let ty = self.lower_schema_ref(*property, &hint, &field_pointer);
            let data = property.as_item().map(|s| &s.schema_data);
            fields.push(Field {
                rust_name: scope.claim(&value_name(wire_name)),
                wire_name: (*wire_name).clone(),
                ty,
                required: shape.required.contains(wire_name.as_str()),
                nullable: self.is_nullable(*property),
                read_only: data.is_some_and(|d| d.read_only),
                write_only: data.is_some_and(|d| d.write_only),
                deprecated: data.is_some_and(|d| d.deprecated),
                docs: property.as_item().and_then(|s| field_docs(s)),
                boxed: false,
            });
        }
        let additional = match shape.additional {
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Any),
            Some(AdditionalProperties::Schema(value)) => {
                let ty = self.lower_schema_ref(
                    value.as_ref(),
                    &join_type_name(name, "Value"),
                    &format!("{pointer}/additionalProperties"),
                );
                Some(self.wrap_nullable(ty, value.as_ref()))
            }
            None if self.keep_unknown_fields => Some(TypeRef::Any),
            _ => None,
        };
        Struct {
            fields,
            required_params: None,
            additional: additional.map(|value| Additional {
                rust_name: scope.claim("additional_properties"),
                value,
            }),
        }
    }

    /// `allOf`: the properties of every part, merged into one struct (later parts win).
    fn lower_all_of(&mut self, parts: &[ReferenceOr<Schema>], name: &str, pointer: &str) -> Struct {
        let mut collected = ObjectShape {
            properties: Vec::new(),
            required: BTreeSet::new(),
            additional: None,
        };
        let mut visited = BTreeSet::new();
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = format!("{pointer}/allOf/{index}");
            self.collect_all_of_part(part, &part_pointer, &mut collected, &mut visited);
        }
        self.lower_object(&collected, name, pointer)
    }

    pub(super) fn collect_all_of_part<'s>(
        &mut self,
        part: &'s ReferenceOr<Schema>,
        pointer: &str,
        into: &mut ObjectShape<'s>,
        visited: &mut BTreeSet<String>,
    ) where
        'a: 's,
    {
        let schema: &'s Schema = match part {
            ReferenceOr::Reference { reference } => {
                if !visited.insert(reference.clone()) {
                    return;
                }
                match self.component_schema(reference) {
                    Some(schema) => schema,
                    None => {
                        self.broken_reference(pointer, reference, "its properties are left out");
                        return;
                    }
                }
            }
            ReferenceOr::Item(schema) => schema,
        };
        let mut merge = |shape: ObjectShape<'s>| {
            for (key, value) in shape.properties {
                match into.properties.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = value,
                    None => into.properties.push((key, value)),
                }
            }
            into.required.extend(shape.required);
            if shape.additional.is_some() {
                into.additional = shape.additional;
            }
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => merge(object_shape(object)),
            SchemaKind::AllOf { all_of } => {
                for (index, nested) in all_of.iter().enumerate() {
                    self.collect_all_of_part(
                        nested,
                        &format!("{pointer}/allOf/{index}"),
                        into,
                        visited,
                    );
                }
            }
            SchemaKind::Any(any) => {
                merge(any_shape(any));
                for (index, nested) in any.all_of.iter().enumerate() {
                    self.collect_all_of_part(
                        nested,
                        &format!("{pointer}/allOf/{index}"),
                        into,
                        visited,
                    );
                }
            }
            _ => self.warn(
                pointer,
                "allOf part is not an object schema; its constraints are not modelled",
            ),
        }
    }

    /// Wraps an item, value or variant type in `Nullable` when its schema allows `null`.
    pub(super) fn wrap_nullable<S: std::borrow::Borrow<Schema>>(
        &self,
        ty: TypeRef,
        schema: &ReferenceOr<S>,
    ) -> TypeRef {
        if ty != TypeRef::Any && !matches!(ty, TypeRef::Nullable(_)) && self.is_nullable(schema) {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }
}

fn any_shape(any: &AnySchema) -> ObjectShape<'_> {
    ObjectShape {
        properties: any.properties.iter().collect(),
        required: any.required.iter().map(String::as_str).collect(),
        additional: any.additional_properties.as_ref(),
    }
}

fn object_shape(object: &ObjectType) -> ObjectShape<'_> {
    ObjectShape {
        properties: object.properties.iter().collect(),
        required: object.required.iter().map(String::as_str).collect(),
        additional: object.additional_properties.as_ref(),
    }
}

fn build_enum(values: Vec<EnumValue>, schema: &Schema) -> Enum {
    let integer = matches!(values.first(), Some(EnumValue::Integer(_)));
    let labels = enum_labels(schema, values.len());
    let mut scope = Scope::default();
    let mut seen = std::collections::HashSet::new();
    let mut variants = Vec::new();
    for (index, value) in values.into_iter().enumerate() {
        if !seen.insert(value.clone()) {
            continue;
        }
        let base = match (&labels, &value) {
            (Some(labels), _) => type_name(&labels[index]),
            (None, EnumValue::String(s)) if s.is_empty() => "Empty".to_owned(),
            (None, EnumValue::String(s)) => type_name(s),
            (None, EnumValue::Integer(n)) if *n < 0 => format!("ValueMinus{}", n.unsigned_abs()),
            (None, EnumValue::Integer(n)) => format!("Value{n}"),
        };
        variants.push(EnumVariant {
            rust_name: scope.claim(&base),
            value,
        });
    }
    Enum {
        variants,
        other_variant: scope.claim("Other"),
        integer,
    }
}

/// Variant names from `x-enum-varnames` / `x-enumNames`, when they match the values one to one.
fn enum_labels(schema: &Schema, count: usize) -> Option<Vec<String>> {
    ["x-enum-varnames", "x-enumNames"].iter().find_map(|key| {
        let labels: Vec<String> = schema
            .schema_data
            .extensions
            .get(*key)?
            .as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<_>>()?;
        (labels.len() == count).then_some(labels)
    })
}

/// Title and description of a named schema.
fn schema_docs(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    let parts: Vec<&str> = [data.title.as_deref(), data.description.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

fn characters(count: usize) -> &'static str {
    if count == 1 {
        "character"
    } else {
        "characters"
    }
}

/// A property's description plus the constraints a caller should know about.
fn field_docs(schema: &Schema) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(description) = schema.schema_data.description.as_deref() {
        if !description.trim().is_empty() {
            lines.push(description.trim().to_owned());
        }
    }
    let mut notes = Vec::new();
    if let SchemaKind::Type(Type::String(string)) = &schema.schema_kind {
        if let VariantOrUnknownOrEmpty::Unknown(format) = &string.format {
            notes.push(format!("format: `{format}`"));
        }
        match (string.min_length, string.max_length) {
            (Some(min), Some(max)) => notes.push(format!("length: {min} to {max} characters")),
            (Some(min), None) if min > 0 => {
                notes.push(format!("length: at least {min} {}", characters(min)))
            }
            (None, Some(max)) => notes.push(format!("length: at most {max} {}", characters(max))),
            _ => {}
        }
        if let Some(pattern) = &string.pattern {
            notes.push(format!("pattern: `{}`", pattern.replace('`', "'")));
        }
    }
    if schema.schema_data.read_only {
        notes.push("read-only: set by the server, never sent".to_owned());
    }
    if !notes.is_empty() {
        lines.push(format!("Constraints: {}.", notes.join("; ")));
    }
    (!lines.is_empty()).then(|| lines.join("\n\n"))
}
