//! Names and tags for schemas that have no name of their own: inline union variants, titled
//! inline schemas, schemas reached by pointer, and discriminator values.

use crate::components::{pointer_segments, schema_key};
use crate::naming::type_name;
use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind, Type};

/// The word naming an inline union variant: its single enum value (`""` → `Empty`, as in
/// Stripe's "unset" variants), or its position.
pub(super) fn inline_variant_word(part: &ReferenceOr<Schema>, index: usize) -> String {
    if let ReferenceOr::Item(schema) = part {
        if let SchemaKind::Type(Type::String(string)) = &schema.schema_kind {
            if let [Some(value)] = string.enumeration.as_slice() {
                return if value.is_empty() {
                    "Empty".to_owned()
                } else {
                    type_name(value)
                };
            }
        }
    }
    format!("Variant{index}")
}

/// The schema's `title` as a type name, when it reads like one (`ListMeta`, `Floating IP`),
/// not a sentence.
pub(super) fn name_like_title(schema: &Schema) -> Option<String> {
    let title = schema.schema_data.title.as_deref()?.trim();
    let name_like = !title.is_empty()
        && title.len() <= 60
        && title.split_whitespace().count() <= 4
        && title.starts_with(|c: char| c.is_ascii_alphabetic())
        && title
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'));
    name_like.then(|| type_name(title))
}

/// A type name for a schema reached by pointer, from the names along it:
/// `#/components/schemas/Event/properties/attributes` → `EventAttributes`.
pub(super) fn pointer_type_name(reference: &str) -> String {
    const STRUCTURE: &[&str] = &[
        "components",
        "schemas",
        "paths",
        "properties",
        "content",
        "schema",
        "items",
        "additionalProperties",
        "allOf",
        "oneOf",
        "anyOf",
        "responses",
        "requestBody",
        "parameters",
        "get",
        "put",
        "post",
        "delete",
        "patch",
        "head",
        "options",
        "trace",
    ];
    let segments = pointer_segments(reference).unwrap_or_default();
    let words: Vec<String> = segments
        .iter()
        .filter(|s| {
            !STRUCTURE.contains(&s.as_str()) && !s.contains('/') && s.parse::<u32>().is_err()
        })
        .map(|s| type_name(s))
        .collect();
    let tail = words.len().saturating_sub(2);
    match words[tail..].concat() {
        // A whole body or response schema: named after its path.
        name if name.is_empty() => type_name(segments.get(1).map_or("", String::as_str)),
        name => name,
    }
}

/// The discriminator values that select `part`: its `mapping` keys (a mapping value is a
/// `$ref` or a bare schema name), or else the name of the component it refers to.
pub(super) fn discriminator_tags(
    discriminator: &Discriminator,
    part: &ReferenceOr<Schema>,
) -> Vec<String> {
    let ReferenceOr::Reference { reference } = part else {
        return Vec::new();
    };
    let Some(key) = schema_key(reference) else {
        return Vec::new();
    };
    let mapped: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, target)| {
            let target_key = if target.starts_with('#') {
                schema_key(target)
            } else {
                Some((*target).clone())
            };
            target_key.as_deref() == Some(key.as_str())
        })
        .map(|(value, _)| value.clone())
        .collect();
    if mapped.is_empty() {
        vec![key]
    } else {
        mapped
    }
}
