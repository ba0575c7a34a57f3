//! Resolves schema `$ref`s that point anywhere in the document, not only at a component:
//! into another operation's body (`#/paths/~1a/get/responses/200/content/application~1json/schema`)
//! or inside a schema (`#/components/schemas/A/properties/b/items`).

use crate::components::{self, pointer_segments};
use openapiv3::{
    AdditionalProperties, MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr,
    Schema, SchemaKind, Type,
};

/// What a pointer leads to: a schema, or another `$ref` to follow.
#[derive(Debug, Clone, Copy)]
pub enum Target<'d> {
    Schema(&'d Schema),
    Reference(&'d str),
}

impl<'d, S: std::borrow::Borrow<Schema>> From<&'d ReferenceOr<S>> for Target<'d> {
    fn from(item: &'d ReferenceOr<S>) -> Self {
        match item {
            ReferenceOr::Item(schema) => Target::Schema(schema.borrow()),
            ReferenceOr::Reference { reference } => Target::Reference(reference),
        }
    }
}

/// The most `$ref`s followed to resolve one pointer, in all: a pointer into its own `$ref`
/// (`#/components/schemas/A/properties/b` where `b` is that `$ref`) ends there.
const MAX_HOPS: usize = 16;

/// The schema a same-document pointer names, following `$ref`s met on the way (at most
/// [`MAX_HOPS`] in all, so reference cycles end).
pub fn schema_at<'d>(doc: &'d OpenAPI, reference: &str) -> Option<&'d Schema> {
    following(doc, reference, &mut 0)
}

fn following<'d>(doc: &'d OpenAPI, reference: &str, hops: &mut usize) -> Option<&'d Schema> {
    let mut target = start(doc, reference, hops)?;
    loop {
        match target {
            Target::Schema(schema) => return Some(schema),
            Target::Reference(next) => {
                *hops += 1;
                if *hops > MAX_HOPS {
                    return None;
                }
                target = start(doc, next, hops)?;
            }
        }
    }
}

/// The target of one pointer, without following the `$ref` it may lead to.
fn start<'d>(doc: &'d OpenAPI, reference: &str, hops: &mut usize) -> Option<Target<'d>> {
    let segments = pointer_segments(reference)?;
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let (first, rest) = match segments.as_slice() {
        ["components", "schemas", key, rest @ ..] => {
            (doc.components.as_ref()?.schemas.get(*key)?.into(), rest)
        }
        ["components", "parameters", name, "schema", rest @ ..] => {
            let param = doc.components.as_ref()?.parameters.get(*name)?;
            (parameter_schema(components::resolve(doc, param)?)?, rest)
        }
        ["components", "requestBodies", name, "content", media, "schema", rest @ ..] => {
            let body = doc.components.as_ref()?.request_bodies.get(*name)?;
            (
                media_schema(components::resolve(doc, body)?.content.get(*media)?)?,
                rest,
            )
        }
        ["components", "responses", name, "content", media, "schema", rest @ ..] => {
            let response = doc.components.as_ref()?.responses.get(*name)?;
            (
                media_schema(components::resolve(doc, response)?.content.get(*media)?)?,
                rest,
            )
        }
        ["paths", path, rest @ ..] => in_path(doc, path, rest)?,
        _ => return None,
    };
    walk(doc, first, rest, hops)
}

/// A schema inside an operation: a parameter's, the request body's or a response's.
fn in_path<'d, 's>(
    doc: &'d OpenAPI,
    path: &str,
    segments: &'s [&'s str],
) -> Option<(Target<'d>, &'s [&'s str])> {
    let item = doc.paths.paths.get(path)?.as_item()?;
    let parameter = |list: &'d [ReferenceOr<Parameter>], index: &str| {
        let param = list.get(index.parse::<usize>().ok()?)?;
        parameter_schema(components::resolve(doc, param)?)
    };
    match segments {
        ["parameters", index, "schema", rest @ ..] => {
            Some((parameter(&item.parameters, index)?, rest))
        }
        [method, rest @ ..] => {
            let op = item.iter().find(|(m, _)| m == method)?.1;
            match rest {
                ["parameters", index, "schema", rest @ ..] => {
                    Some((parameter(&op.parameters, index)?, rest))
                }
                ["requestBody", "content", media, "schema", rest @ ..] => {
                    let body = components::resolve(doc, op.request_body.as_ref()?)?;
                    Some((media_schema(body.content.get(*media)?)?, rest))
                }
                ["responses", code, "content", media, "schema", rest @ ..] => {
                    let response = if *code == "default" {
                        op.responses.default.as_ref()?
                    } else {
                        op.responses
                            .responses
                            .iter()
                            .find(|(status, _)| status.to_string().eq_ignore_ascii_case(code))?
                            .1
                    };
                    let response = components::resolve(doc, response)?;
                    Some((media_schema(response.content.get(*media)?)?, rest))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn parameter_schema(param: &Parameter) -> Option<Target<'_>> {
    match &param.parameter_data_ref().format {
        ParameterSchemaOrContent::Schema(schema) => Some(schema.into()),
        ParameterSchemaOrContent::Content(_) => None,
    }
}

fn media_schema(media: &MediaType) -> Option<Target<'_>> {
    media.schema.as_ref().map(Target::from)
}

/// Walks `segments` down from `target` (`properties/<name>`, `items`, `additionalProperties`,
/// `allOf/<i>`, `oneOf/<i>`, `anyOf/<i>`, `not`), following `$ref`s on the way.
fn walk<'d>(
    doc: &'d OpenAPI,
    mut target: Target<'d>,
    mut segments: &[&str],
    hops: &mut usize,
) -> Option<Target<'d>> {
    while !segments.is_empty() {
        let schema = match target {
            Target::Schema(schema) => schema,
            Target::Reference(reference) => {
                *hops += 1;
                if *hops > MAX_HOPS {
                    return None;
                }
                following(doc, reference, hops)?
            }
        };
        let (next, used) = child(schema, segments)?;
        target = next;
        segments = &segments[used..];
    }
    Some(target)
}

/// The sub-schema the first segment(s) name, and how many segments that took.
fn child<'d>(schema: &'d Schema, segments: &[&str]) -> Option<(Target<'d>, usize)> {
    let (properties, items, additional, all_of, one_of, any_of, not) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => (
            Some(&object.properties),
            None,
            object.additional_properties.as_ref(),
            None,
            None,
            None,
            None,
        ),
        SchemaKind::Type(Type::Array(array)) => {
            (None, array.items.as_ref(), None, None, None, None, None)
        }
        SchemaKind::AllOf { all_of } => (None, None, None, Some(all_of), None, None, None),
        SchemaKind::OneOf { one_of } => (None, None, None, None, Some(one_of), None, None),
        SchemaKind::AnyOf { any_of } => (None, None, None, None, None, Some(any_of), None),
        SchemaKind::Not { not } => (None, None, None, None, None, None, Some(not.as_ref())),
        SchemaKind::Any(any) => (
            Some(&any.properties),
            any.items.as_ref(),
            any.additional_properties.as_ref(),
            Some(&any.all_of),
            Some(&any.one_of),
            Some(&any.any_of),
            any.not.as_deref(),
        ),
        SchemaKind::Type(_) => (None, None, None, None, None, None, None),
    };
    let nth = |list: Option<&'d Vec<ReferenceOr<Schema>>>, index: Option<&&str>| {
        let item = list?.get(index?.parse::<usize>().ok()?)?;
        Some((Target::from(item), 2))
    };
    match segments[0] {
        "properties" => Some((properties?.get(*segments.get(1)?)?.into(), 2)),
        "items" => Some((items?.into(), 1)),
        "additionalProperties" => match additional? {
            AdditionalProperties::Schema(value) => Some((value.as_ref().into(), 1)),
            AdditionalProperties::Any(_) => None,
        },
        "allOf" => nth(all_of, segments.get(1)),
        "oneOf" => nth(one_of, segments.get(1)),
        "anyOf" => nth(any_of, segments.get(1)),
        "not" => Some((not?.into(), 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_into_operations_and_schemas() {
        let doc: OpenAPI = serde_yaml::from_str(
            r##"
openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /a/{id}:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  list: { type: array, items: { $ref: "#/components/schemas/B/properties/inner" } }
components:
  schemas:
    B:
      type: object
      properties:
        inner: { type: object, properties: { x: { type: integer } } }
"##,
        )
        .unwrap();
        let at = |p: &str| schema_at(&doc, p).map(|s| format!("{:?}", s.schema_kind).len());
        let inner = schema_at(&doc, "#/components/schemas/B/properties/inner").unwrap();
        let via_path = schema_at(
            &doc,
            "#/paths/~1a~1%7Bid%7D/get/responses/200/content/application~1json/schema/properties/list/items",
        )
        .unwrap();
        assert!(std::ptr::eq(inner, via_path), "the $ref inside is followed");
        assert!(at("#/components/schemas/B/properties/missing").is_none());
        assert!(at("#/paths/~1a~1%7Bid%7D/post/responses/200").is_none());
    }
}
