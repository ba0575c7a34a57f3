//! Synthesizes a JSON value a schema accepts, for smoke tests that must send every
//! operation something valid: the schema's own `example` or `default` first, otherwise a
//! value built from its type and constraints (first enum value, formats, bounds, required
//! properties only, first `oneOf`/`anyOf` variant with its discriminator tag, merged `allOf`).
//!
//! Never panics on spec input: a `$ref` that does not resolve, or recursion past the depth
//! limit, gives `null` (the test then fails honestly when the server refuses it).

use super::pattern;
use crate::components::schema_key;
use openapiv3::{
    AnySchema, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::{json, Map, Value};

/// How deep nested objects and arrays are filled before giving up with `null`.
const MAX_DEPTH: usize = 8;

/// A value for the schema `schema` of `doc` (a request value: read-only properties are left out).
pub fn synthesize(doc: &OpenAPI, schema: &ReferenceOr<Schema>) -> Value {
    Synth {
        doc,
        examples: true,
    }
    .reference(schema, 0)
}

/// A value built from the schema's types and constraints alone, ignoring every `example` and
/// `default` in it: for when the spec's own examples break their schema.
pub fn synthesize_from_constraints(doc: &OpenAPI, schema: &ReferenceOr<Schema>) -> Value {
    Synth {
        doc,
        examples: false,
    }
    .reference(schema, 0)
}

struct Synth<'d> {
    doc: &'d OpenAPI,
    /// Whether a schema's `example` (or `default`) is taken before its constraints.
    examples: bool,
}

impl<'d> Synth<'d> {
    fn resolve(&self, reference: &str) -> Option<&'d Schema> {
        let mut current = self
            .doc
            .components
            .as_ref()?
            .schemas
            .get(&schema_key(reference)?)?;
        for _ in 0..16 {
            match current {
                ReferenceOr::Item(schema) => return Some(schema),
                ReferenceOr::Reference { reference } => {
                    current = self
                        .doc
                        .components
                        .as_ref()?
                        .schemas
                        .get(&schema_key(reference)?)?;
                }
            }
        }
        None
    }

    fn reference(&self, schema: &ReferenceOr<Schema>, depth: usize) -> Value {
        match schema {
            ReferenceOr::Item(schema) => self.schema(schema, depth),
            ReferenceOr::Reference { reference } => match self.resolve(reference) {
                Some(schema) => self.schema(schema, depth),
                None => Value::Null,
            },
        }
    }

    fn boxed(&self, schema: &ReferenceOr<Box<Schema>>, depth: usize) -> Value {
        match schema {
            ReferenceOr::Item(schema) => self.schema(schema, depth),
            ReferenceOr::Reference { reference } => match self.resolve(reference) {
                Some(schema) => self.schema(schema, depth),
                None => Value::Null,
            },
        }
    }

    fn schema(&self, schema: &Schema, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        let data = &schema.schema_data;
        let example = data.example.as_ref().or(data.default.as_ref());
        if let Some(value) = example.filter(|v| self.examples && !v.is_null()) {
            return value.clone();
        }
        match &schema.schema_kind {
            SchemaKind::Type(ty) => self.typed(ty, depth),
            SchemaKind::OneOf { one_of } => self.variant(schema, one_of, depth),
            SchemaKind::AnyOf { any_of } => self.variant(schema, any_of, depth),
            SchemaKind::AllOf { all_of } => self.merged(all_of, &[], depth),
            SchemaKind::Not { .. } => Value::Null,
            SchemaKind::Any(any) => self.any(schema, any, depth),
        }
    }

    fn typed(&self, ty: &Type, depth: usize) -> Value {
        match ty {
            Type::String(s) => {
                if let Some(Some(first)) = s.enumeration.iter().find(|v| v.is_some()) {
                    return json!(first);
                }
                let format = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => "byte",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => "binary",
                    VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
                    _ => "",
                };
                let text = string(format, s.min_length, s.max_length);
                let matching = s.pattern.as_deref().and_then(|pattern| {
                    Some(text.clone())
                        .filter(|text| pattern::accepts(pattern, text))
                        .or_else(|| pattern::matching(pattern, s.min_length, s.max_length))
                });
                json!(matching.unwrap_or(text))
            }
            Type::Integer(i) => {
                if let Some(Some(first)) = i.enumeration.iter().find(|v| v.is_some()) {
                    return json!(first);
                }
                let low = i.minimum.map(|m| {
                    if i.exclusive_minimum {
                        m.saturating_add(1)
                    } else {
                        m
                    }
                });
                let high = i.maximum.map(|m| {
                    if i.exclusive_maximum {
                        m.saturating_sub(1)
                    } else {
                        m
                    }
                });
                let mut value = low.unwrap_or(1);
                if let Some(step) = i.multiple_of.filter(|s| *s > 0) {
                    value = value.div_euclid(step) * step;
                    if low.is_some_and(|l| value < l) {
                        value = value.saturating_add(step);
                    }
                }
                if let Some(high) = high {
                    value = value.min(high);
                }
                json!(value)
            }
            Type::Number(n) => {
                if let Some(Some(first)) = n.enumeration.iter().find(|v| v.is_some()) {
                    return json!(first);
                }
                let mut value = match n.minimum {
                    Some(m) if n.exclusive_minimum => m + 1.0,
                    Some(m) => m,
                    None => 1.0,
                };
                if let Some(step) = n.multiple_of.filter(|s| *s > 0.0) {
                    value = (value / step).ceil() * step;
                }
                if let Some(max) = n.maximum {
                    if value > max || (n.exclusive_maximum && value >= max) {
                        value = if n.exclusive_maximum { max - 0.5 } else { max };
                    }
                }
                number(value)
            }
            Type::Boolean(b) => match b.enumeration.iter().find_map(|v| *v) {
                Some(first) => json!(first),
                None => json!(true),
            },
            Type::Object(o) => self.object(o.properties.iter(), &o.required, depth),
            Type::Array(a) => {
                let count = a
                    .min_items
                    .unwrap_or(1)
                    .max(1)
                    .min(a.max_items.unwrap_or(usize::MAX));
                match &a.items {
                    Some(items) => {
                        let item = self.boxed(items, depth + 1);
                        Value::Array(vec![item; count])
                    }
                    None => Value::Array(vec![json!("smoke"); count]),
                }
            }
        }
    }

    /// Required, writable properties only; the first writable one when none is required
    /// (an empty object sends nothing as a query parameter or form body). A required name
    /// with no property gets a string, which its missing schema allows.
    fn object<'a>(
        &self,
        properties: impl Iterator<Item = (&'a String, &'a ReferenceOr<Box<Schema>>)>,
        required: &[String],
        depth: usize,
    ) -> Value {
        let properties: Vec<_> = properties.collect();
        let writable = properties.iter().filter(|(_, p)| !self.read_only(p));
        let chosen: Vec<_> = if required.is_empty() {
            writable.take(1).collect()
        } else {
            writable
                .filter(|(name, _)| required.contains(name))
                .collect()
        };
        let mut object: Map<String, Value> = chosen
            .into_iter()
            .map(|(name, property)| ((*name).clone(), self.boxed(property, depth + 1)))
            .collect();
        if self.examples {
            return object.into();
        }
        for name in required {
            if !properties.iter().any(|(declared, _)| *declared == name) {
                object.insert(name.clone(), json!("smoke"));
            }
        }
        object.into()
    }

    fn read_only(&self, property: &ReferenceOr<Box<Schema>>) -> bool {
        match property {
            ReferenceOr::Item(schema) => schema.schema_data.read_only,
            ReferenceOr::Reference { reference } => self
                .resolve(reference)
                .is_some_and(|s| s.schema_data.read_only),
        }
    }

    /// The first variant, with the discriminator property set to its tag.
    fn variant(&self, schema: &Schema, variants: &[ReferenceOr<Schema>], depth: usize) -> Value {
        let Some(first) = variants.first() else {
            return json!({});
        };
        let mut value = self.reference(first, depth + 1);
        if let (Some(discriminator), Value::Object(map)) =
            (&schema.schema_data.discriminator, &mut value)
        {
            if let ReferenceOr::Reference { reference } = first {
                let tag = discriminator
                    .mapping
                    .iter()
                    .find(|(_, target)| {
                        *target == reference || schema_key(target) == schema_key(reference)
                    })
                    .map(|(tag, _)| tag.clone())
                    .or_else(|| schema_key(reference));
                if let Some(tag) = tag {
                    map.insert(discriminator.property_name.clone(), json!(tag));
                }
            }
        }
        value
    }

    /// Every part, objects merged key by key (later parts win); the last non-object otherwise.
    /// `also_required` are names the schema around the `allOf` requires.
    fn merged(
        &self,
        parts: &[ReferenceOr<Schema>],
        also_required: &[String],
        depth: usize,
    ) -> Value {
        let mut merged: Option<Value> = None;
        for part in parts {
            let value = self.reference(part, depth + 1);
            merged = Some(match (merged, value) {
                (Some(Value::Object(mut into)), Value::Object(from)) => {
                    into.extend(from);
                    Value::Object(into)
                }
                (Some(previous), Value::Null) => previous,
                (_, value) => value,
            });
        }
        // A part may only list `required` names whose properties another part declares.
        if let Some(Value::Object(map)) = &mut merged {
            let schemas: Vec<&Schema> = parts.iter().filter_map(|p| self.item(p)).collect();
            let required = schemas
                .iter()
                .flat_map(|s| object_keywords(s).1)
                .chain(also_required);
            for name in required {
                if map.contains_key(name) {
                    continue;
                }
                let property = schemas
                    .iter()
                    .find_map(|s| object_keywords(s).0.and_then(|props| props.get(name)));
                match property {
                    Some(property) => {
                        map.insert(name.clone(), self.boxed(property, depth + 1));
                    }
                    // No part declares it: any value is allowed.
                    None if !self.examples => {
                        map.insert(name.clone(), json!("smoke"));
                    }
                    None => {}
                }
            }
        }
        merged.unwrap_or_else(|| json!({}))
    }

    fn item<'s>(&self, schema: &'s ReferenceOr<Schema>) -> Option<&'s Schema>
    where
        'd: 's,
    {
        match schema {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.resolve(reference),
        }
    }

    /// A schema `openapiv3` could not type (mixed keywords): read what it says.
    fn any(&self, schema: &Schema, any: &AnySchema, depth: usize) -> Value {
        if let Some(first) = any.enumeration.iter().find(|v| !v.is_null()) {
            return first.clone();
        }
        if !any.all_of.is_empty() {
            let mut value = self.merged(&any.all_of, &any.required, depth);
            if let (Value::Object(map), Value::Object(own)) = (
                &mut value,
                self.object(any.properties.iter(), &any.required, depth),
            ) {
                for (name, value) in own {
                    if any.properties.contains_key(&name) || !map.contains_key(&name) {
                        map.insert(name, value);
                    }
                }
            }
            return value;
        }
        if !any.one_of.is_empty() {
            return self.variant(schema, &any.one_of, depth);
        }
        if !any.any_of.is_empty() {
            return self.variant(schema, &any.any_of, depth);
        }
        match any.typ.as_deref() {
            Some("string") => json!(string(
                any.format.as_deref().unwrap_or(""),
                any.min_length,
                any.max_length
            )),
            Some("integer") => json!(any.minimum.map_or(1, |m| m.ceil() as i64)),
            Some("number") => number(any.minimum.unwrap_or(1.0)),
            Some("boolean") => json!(true),
            Some("array") => match &any.items {
                Some(items) => json!([self.boxed(items, depth + 1)]),
                None => json!([]),
            },
            _ if !any.properties.is_empty() || any.typ.as_deref() == Some("object") => {
                self.object(any.properties.iter(), &any.required, depth)
            }
            _ => json!({}),
        }
    }
}

/// An object schema's `properties`.
type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The `properties` and `required` of an object schema (typed or not).
fn object_keywords(schema: &Schema) -> (Option<&Properties>, &[String]) {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => (Some(&o.properties), &o.required),
        SchemaKind::Any(any) => (Some(&any.properties), &any.required),
        _ => (None, &[]),
    }
}

/// A string of the format, padded or cut to the length bounds.
fn string(format: &str, min_length: Option<usize>, max_length: Option<usize>) -> String {
    let mut text = match format {
        "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "date-time" => "2024-01-02T03:04:05Z",
        "date" => "2024-01-02",
        "email" => "smoke@example.com",
        "uri" | "url" => "https://example.com/smoke",
        "byte" => "c21va2U=",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "hostname" => "example.com",
        _ => "smoke",
    }
    .to_owned();
    if let Some(min) = min_length {
        while text.chars().count() < min {
            text.push('x');
        }
    }
    if let Some(max) = max_length {
        text = text.chars().take(max).collect();
    }
    text
}

/// A JSON number; whole values are written as integers (`1`, not `1.0`).
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(schema_yaml: &str) -> Value {
        synthesized_by(synthesize, schema_yaml)
    }

    fn synthesized_by(
        synthesizer: fn(&OpenAPI, &ReferenceOr<Schema>) -> Value,
        schema_yaml: &str,
    ) -> Value {
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schema_yaml}"
        );
        let doc: OpenAPI = serde_yaml::from_str(&spec).unwrap();
        synthesizer(
            &doc,
            &ReferenceOr::Reference {
                reference: "#/components/schemas/Root".into(),
            },
        )
    }

    #[test]
    fn from_constraints_ignores_examples_meets_patterns_and_fills_undeclared_required_names() {
        // velopayments' phone numbers: the example breaks the pattern.
        let phone = "    Root: {type: string, pattern: '^\\+[1-9]\\d{1,14}$', example: '555-0100'}";
        assert_eq!(value_of(phone), json!("555-0100"));
        assert_eq!(
            synthesized_by(synthesize_from_constraints, phone),
            json!("+11")
        );
        // gerermesaffaires' profile requires `File`, which no part declares.
        let profile = "    Root:\n      allOf: [{type: object, properties: {Sex: {type: string, enum: [male]}}}]\n      required: [Sex, File]";
        assert_eq!(
            synthesized_by(synthesize_from_constraints, profile),
            json!({"Sex": "male", "File": "smoke"})
        );
    }

    #[test]
    fn scalars_follow_enums_formats_and_bounds() {
        assert_eq!(
            value_of("    Root: {type: string, enum: [b, a]}"),
            json!("b")
        );
        assert_eq!(
            value_of("    Root: {type: string, format: uuid}"),
            json!("3fa85f64-5717-4562-b3fc-2c963f66afa6")
        );
        assert_eq!(
            value_of("    Root: {type: string, minLength: 8}"),
            json!("smokexxx")
        );
        assert_eq!(
            value_of("    Root: {type: string, maxLength: 2}"),
            json!("sm")
        );
        assert_eq!(
            value_of("    Root: {type: integer, minimum: 10, maximum: 20}"),
            json!(10)
        );
        assert_eq!(
            value_of("    Root: {type: integer, minimum: 10, exclusiveMinimum: true}"),
            json!(11)
        );
        assert_eq!(
            value_of("    Root: {type: integer, maximum: -5}"),
            json!(-5)
        );
        assert_eq!(
            value_of("    Root: {type: number, minimum: 0.5}"),
            json!(0.5)
        );
        assert_eq!(
            value_of("    Root: {type: string, example: hi}"),
            json!("hi")
        );
        assert_eq!(
            value_of("    Root: {type: string, pattern: '^\\d+$'}"),
            json!("1")
        );
        // No required property: the first writable one, so the object is not empty.
        assert_eq!(
            value_of(
                "    Root: {type: object, properties: {a: {type: boolean}, b: {type: string}}}"
            ),
            json!({"a": true})
        );
    }

    #[test]
    fn objects_get_required_writable_properties_recursively() {
        let value = value_of(
            "    Root:
      type: object
      required: [id, name, tags, child, stamp]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
        nick: {type: string}
        stamp: {type: string, format: date-time}
        tags: {type: array, minItems: 2, items: {type: string, format: email}}
        child: {$ref: '#/components/schemas/Root'}",
        );
        assert_eq!(value["name"], json!("smoke"));
        assert_eq!(value["stamp"], json!("2024-01-02T03:04:05Z"));
        assert_eq!(
            value["tags"],
            json!(["smoke@example.com", "smoke@example.com"])
        );
        assert!(value.get("id").is_none() && value.get("nick").is_none());
        // Recursion stops at the depth limit with null.
        let mut depth = 0;
        let mut node = &value;
        while let Some(child) = node.get("child") {
            node = child;
            depth += 1;
        }
        assert!(node.is_null() && depth > 3, "{depth}");
    }

    #[test]
    fn unions_take_the_first_variant_with_its_tag_and_all_of_merges() {
        let value = value_of(
            "    Root:
      oneOf: [{$ref: '#/components/schemas/Dog'}, {$ref: '#/components/schemas/Cat'}]
      discriminator: {propertyName: kind, mapping: {doggo: '#/components/schemas/Dog'}}
    Dog:
      allOf:
        - {type: object, required: [kind], properties: {kind: {type: string}}}
        - {type: object, required: [bark], properties: {bark: {type: boolean}}}
    Cat: {type: object}",
        );
        assert_eq!(value, json!({"kind": "doggo", "bark": true}));
        // `required` in one part, the property in another.
        assert_eq!(
            value_of(
                "    Root:
      allOf:
        - {type: object, properties: {a: {type: string}, b: {type: integer}}}
        - {required: [b]}"
            ),
            json!({"a": "smoke", "b": 1})
        );
        // `required` next to `allOf`.
        assert_eq!(
            value_of(
                "    Root:
      required: [b]
      allOf:
        - {type: object, properties: {a: {type: string}, b: {type: integer}}}"
            ),
            json!({"a": "smoke", "b": 1})
        );
        assert_eq!(
            value_of("    Root: {$ref: '#/components/schemas/Nope'}"),
            Value::Null
        );
    }
}
