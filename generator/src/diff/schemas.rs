//! Schema views for diffing: `$ref` resolution, merged object properties, the Rust-relevant
//! type of a schema, enum values and validation constraints.

use crate::error::pointer_segment;
use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

/// A resolved schema with where it lives and whether a wrapper made it nullable.
#[derive(Clone, Copy)]
pub(super) struct View<'d> {
    pub schema: &'d Schema,
    pub nullable: bool,
}

pub(super) struct Located<'d> {
    pub view: View<'d>,
    pub pointer: String,
}

/// Follows `$ref`s and single-element `allOf` wrappers (the nullable-ref idiom).
pub(super) fn resolve<'d, S: Borrow<Schema>>(
    doc: &'d OpenAPI,
    schema: &'d ReferenceOr<S>,
    pointer: String,
) -> Option<Located<'d>> {
    let (mut schema, mut pointer): (&'d Schema, String) = match schema {
        ReferenceOr::Item(s) => (s.borrow(), pointer),
        ReferenceOr::Reference { reference } => component(doc, reference)?,
    };
    let mut nullable = schema.schema_data.nullable;
    for _ in 0..16 {
        let SchemaKind::AllOf { all_of } = &schema.schema_kind else {
            break;
        };
        if all_of.len() != 1 {
            break;
        }
        let (inner, inner_ptr) = match &all_of[0] {
            ReferenceOr::Item(s) => (s, format!("{pointer}/allOf/0")),
            ReferenceOr::Reference { reference } => component(doc, reference)?,
        };
        nullable |= inner.schema_data.nullable;
        schema = inner;
        pointer = inner_ptr;
    }
    Some(Located {
        view: View { schema, nullable },
        pointer,
    })
}

fn component<'d>(doc: &'d OpenAPI, reference: &str) -> Option<(&'d Schema, String)> {
    let mut reference = reference.to_owned();
    for _ in 0..16 {
        let name = crate::components::schema_key(&reference)?;
        match doc.components.as_ref()?.schemas.get(&name)? {
            ReferenceOr::Item(schema) => {
                return Some((
                    schema,
                    format!("/components/schemas/{}", pointer_segment(&name)),
                ))
            }
            ReferenceOr::Reference { reference: next } => reference = next.clone(),
        }
    }
    None
}

pub(super) type Properties<'d> = BTreeMap<String, (&'d ReferenceOr<Box<Schema>>, String)>;

/// Properties of an object schema, `allOf` parts merged, with the required names.
pub(super) fn properties<'d>(
    doc: &'d OpenAPI,
    schema: &'d Schema,
    pointer: &str,
) -> (Properties<'d>, BTreeSet<String>) {
    let mut props = BTreeMap::new();
    let mut required = BTreeSet::new();
    collect(doc, schema, pointer, &mut props, &mut required, 0);
    (props, required)
}

fn collect<'d>(
    doc: &'d OpenAPI,
    schema: &'d Schema,
    pointer: &str,
    props: &mut Properties<'d>,
    required: &mut BTreeSet<String>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let mut add = |map: &'d indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
                   req: &'d Vec<String>| {
        for (name, s) in map {
            props.insert(
                name.clone(),
                (s, format!("{pointer}/properties/{}", pointer_segment(name))),
            );
        }
        required.extend(req.iter().cloned());
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => add(&o.properties, &o.required),
        SchemaKind::Any(a) => add(&a.properties, &a.required),
        SchemaKind::AllOf { all_of } => {
            for (index, part) in all_of.iter().enumerate() {
                let part = match part {
                    ReferenceOr::Item(s) => Some((s, format!("{pointer}/allOf/{index}"))),
                    ReferenceOr::Reference { reference } => component(doc, reference),
                };
                if let Some((s, p)) = part {
                    collect(doc, s, &p, props, required, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The Rust-relevant type of a schema: its JSON type plus formats that change the Rust type.
pub(super) fn type_signature(schema: &Schema) -> String {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => match &s.format {
            VariantOrUnknownOrEmpty::Item(f) => format!(
                "string({})",
                serde_json::to_value(f)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            )
            .replace("string(password)", "string")
            .replace("string(byte)", "string"),
            VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => "string(uuid)".into(),
            _ => "string".into(),
        },
        SchemaKind::Type(Type::Integer(i)) => match &i.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => {
                "integer(int32)".into()
            }
            _ => "integer".into(),
        },
        SchemaKind::Type(Type::Number(n)) => match &n.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => "number(float)".into(),
            _ => "number".into(),
        },
        SchemaKind::Type(Type::Boolean(_)) => "boolean".into(),
        SchemaKind::Type(Type::Array(_)) => "array".into(),
        SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => "object".into(),
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => "union".into(),
        SchemaKind::Not { .. } => "any".into(),
        SchemaKind::Any(a) if !a.properties.is_empty() => "object".into(),
        SchemaKind::Any(a) => a.typ.clone().unwrap_or_else(|| "any".into()),
    }
}

pub(super) fn enum_values(schema: &Schema) -> BTreeSet<String> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s
            .enumeration
            .iter()
            .flatten()
            .map(|v| format!("{v:?}"))
            .collect(),
        SchemaKind::Type(Type::Integer(i)) => i
            .enumeration
            .iter()
            .flatten()
            .map(|v| v.to_string())
            .collect(),
        _ => BTreeSet::new(),
    }
}

/// `(name, old, new, tightened)` for every changed validation keyword.
pub(super) fn constraint_changes(
    old: &Schema,
    new: &Schema,
) -> Vec<(String, String, String, bool)> {
    let mut out = Vec::new();
    let show = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    // `upper` limits tighten when they shrink or appear; lower limits when they grow or appear.
    let mut limit = |name: &str, o: Option<f64>, n: Option<f64>, upper: bool| {
        if o != n {
            let tightened = match (o, n) {
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(o), Some(n)) => {
                    if upper {
                        n < o
                    } else {
                        n > o
                    }
                }
                (None, None) => false,
            };
            out.push((
                name.to_owned(),
                show(o.map(|v| v.to_string())),
                show(n.map(|v| v.to_string())),
                tightened,
            ));
        }
    };
    match (&old.schema_kind, &new.schema_kind) {
        (SchemaKind::Type(Type::String(o)), SchemaKind::Type(Type::String(n))) => {
            limit(
                "maxLength",
                o.max_length.map(|v| v as f64),
                n.max_length.map(|v| v as f64),
                true,
            );
            limit(
                "minLength",
                o.min_length.map(|v| v as f64),
                n.min_length.map(|v| v as f64),
                false,
            );
            if o.pattern != n.pattern {
                out.push((
                    "pattern".into(),
                    show(o.pattern.clone()),
                    show(n.pattern.clone()),
                    n.pattern.is_some(),
                ));
            }
            let format = |f: &VariantOrUnknownOrEmpty<openapiv3::StringFormat>| match f {
                VariantOrUnknownOrEmpty::Unknown(f) if f != "uuid" => Some(f.clone()),
                _ => None,
            };
            let (of, nf) = (format(&o.format), format(&n.format));
            if of != nf {
                out.push(("format".into(), show(of), show(nf.clone()), nf.is_some()));
            }
        }
        (SchemaKind::Type(Type::Integer(o)), SchemaKind::Type(Type::Integer(n))) => {
            limit(
                "maximum",
                o.maximum.map(|v| v as f64),
                n.maximum.map(|v| v as f64),
                true,
            );
            limit(
                "minimum",
                o.minimum.map(|v| v as f64),
                n.minimum.map(|v| v as f64),
                false,
            );
        }
        (SchemaKind::Type(Type::Number(o)), SchemaKind::Type(Type::Number(n))) => {
            limit("maximum", o.maximum, n.maximum, true);
            limit("minimum", o.minimum, n.minimum, false);
        }
        (SchemaKind::Type(Type::Array(o)), SchemaKind::Type(Type::Array(n))) => {
            limit(
                "maxItems",
                o.max_items.map(|v| v as f64),
                n.max_items.map(|v| v as f64),
                true,
            );
            limit(
                "minItems",
                o.min_items.map(|v| v as f64),
                n.min_items.map(|v| v as f64),
                false,
            );
        }
        _ => {}
    }
    out
}
