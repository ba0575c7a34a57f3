//! Every JSON body example a spec gives (request bodies and responses), located in the
//! document, with the Rust type the generated crate decodes it into: the input of wire
//! conformance runs, which decode each example, re-encode it and compare.
//!
//! Only the media type the generated client uses for a body is looked at (the one lowering
//! picks, JSON first), and only when it is JSON and has a schema. Example values given by
//! `externalValue` are not fetched.

use crate::components::resolve_located;
use crate::error::{pointer_segment, Error};
use crate::ir::{Api, MediaKind, Operation, StatusMatch, TypeRef};
use crate::lower;
use crate::lower::{media_kind, pick_media};
use crate::settings::Settings;
use indexmap::IndexMap;
use openapiv3::{MediaType, OpenAPI, ReferenceOr, StatusCode};
use std::collections::BTreeSet;

/// Which way a body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    Request,
    Response,
}

/// One example value of a body, and what decodes it.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyExample {
    /// JSON pointer of the example value (inside `#/components/examples` when referenced there).
    pub pointer: String,
    /// JSON pointer of the schema of the example's media type.
    pub schema_pointer: String,
    /// The type as the generated crate names it, e.g. `::std::vec::Vec<crate::models::Pet>`.
    pub rust_type: String,
    pub value: serde_json::Value,
    pub direction: Direction,
    /// The first body the example was found for, e.g. `GET /pets 200` or `POST /pets request`.
    pub operation: String,
}

/// Every body example of the spec, in operation order (request body first, then responses by
/// status). An example reached from several operations (a shared response component) is
/// listed once, for the first.
pub fn body_examples(
    text: &str,
    source_name: &str,
    settings: &Settings,
) -> Result<Vec<BodyExample>, Error> {
    let (doc, lowered) = lower::load_and_lower(text, source_name, settings)?;
    Ok(collect(&doc, &lowered.api))
}

/// The Rust type expression the generated crate uses for `ty`, without spaces
/// (`crate::models::Pet`, `::std::option::Option<i64>`).
pub fn type_path(api: &Api, ty: &TypeRef) -> String {
    crate::emit::type_tokens(api, ty)
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Where the schema of one JSON response body sits: what a body the server sent for
/// `status` must satisfy (for telling a server's fault from a client's).
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseSchema {
    pub operation_id: String,
    pub status: StatusMatch,
    pub schema_pointer: String,
}

/// The schema of every JSON response body the generated client decodes, per operation.
pub fn response_schemas(
    text: &str,
    source_name: &str,
    settings: &Settings,
) -> Result<Vec<ResponseSchema>, Error> {
    let (doc, lowered) = lower::load_and_lower(text, source_name, settings)?;
    let mut found = Vec::new();
    for operation in &lowered.api.operations {
        for body in bodies(&doc, operation) {
            if let (Some(status), Some((_, media_pointer))) = (&body.status, json_media(&body)) {
                found.push(ResponseSchema {
                    operation_id: operation.operation_id.clone(),
                    status: status.clone(),
                    schema_pointer: format!("{media_pointer}/schema"),
                });
            }
        }
    }
    Ok(found)
}

/// A body of one operation: its media types, where they sit, and what decodes them.
struct Body<'d> {
    content: &'d IndexMap<String, MediaType>,
    pointer: String,
    ty: &'d TypeRef,
    direction: Direction,
    /// The response's status (`None` for the request body).
    status: Option<StatusMatch>,
    label: String,
}

fn collect(doc: &OpenAPI, api: &Api) -> Vec<BodyExample> {
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for operation in &api.operations {
        for body in bodies(doc, operation) {
            for example in body_examples_of(doc, api, &body) {
                let key = (
                    example.pointer.clone(),
                    example.schema_pointer.clone(),
                    example.direction,
                );
                if seen.insert(key) {
                    found.push(example);
                }
            }
        }
    }
    found
}

/// The JSON bodies of an IR operation, found again in the document.
fn bodies<'d>(doc: &'d OpenAPI, operation: &'d Operation) -> Vec<Body<'d>> {
    let Some((op, op_pointer)) = find_operation(doc, &operation.path, &operation.method) else {
        return Vec::new();
    };
    let label = format!("{} {}", operation.method, operation.path);
    let mut bodies = Vec::new();
    if let (Some(body), Some(request_body)) = (&operation.body, &op.request_body) {
        let at = format!("{op_pointer}/requestBody");
        if let Some((request_body, pointer)) = resolve_located(doc, request_body, &at) {
            if body.media == MediaKind::Json {
                bodies.push(Body {
                    content: &request_body.content,
                    pointer,
                    ty: &body.ty,
                    direction: Direction::Request,
                    status: None,
                    label: format!("{label} request"),
                });
            }
        }
    }
    for response in &operation.responses {
        let Some(body) = response
            .body
            .as_ref()
            .filter(|b| b.media == MediaKind::Json)
        else {
            continue;
        };
        let (documented, key) = match response.status {
            StatusMatch::Code(code) => (
                op.responses.responses.get(&StatusCode::Code(code)),
                code.to_string(),
            ),
            StatusMatch::Range(hundreds) => (
                op.responses.responses.get(&StatusCode::Range(hundreds)),
                format!("{hundreds}XX"),
            ),
            StatusMatch::Default => (op.responses.default.as_ref(), "default".to_owned()),
        };
        let Some(documented) = documented else {
            continue;
        };
        let at = format!("{op_pointer}/responses/{key}");
        if let Some((documented, pointer)) = resolve_located(doc, documented, &at) {
            bodies.push(Body {
                content: &documented.content,
                pointer,
                ty: &body.ty,
                direction: Direction::Response,
                status: Some(response.status.clone()),
                label: format!("{label} {key}"),
            });
        }
    }
    bodies
}

fn find_operation<'d>(
    doc: &'d OpenAPI,
    path: &str,
    method: &str,
) -> Option<(&'d openapiv3::Operation, String)> {
    let ReferenceOr::Item(item) = doc.paths.paths.get(path)? else {
        return None;
    };
    let method = method.to_ascii_lowercase();
    let op = crate::components::operation(item, &method)?;
    Some((op, format!("/paths/{}/{method}", pointer_segment(path))))
}

/// The examples of the media type the client uses for `body` (`example`, then `examples`).
fn body_examples_of(doc: &OpenAPI, api: &Api, body: &Body) -> Vec<BodyExample> {
    let Some((media, media_pointer)) = json_media(body) else {
        return Vec::new();
    };
    let mut values: Vec<(String, &serde_json::Value)> = Vec::new();
    if let Some(value) = &media.example {
        values.push((format!("{media_pointer}/example"), value));
    }
    for (name, example) in &media.examples {
        let at = format!("{media_pointer}/examples/{}", pointer_segment(name));
        if let Some((example, pointer)) = resolve_located(doc, example, &at) {
            if let Some(value) = &example.value {
                values.push((format!("{pointer}/value"), value));
            }
        }
    }
    let rust_type = type_path(api, body.ty);
    values
        .into_iter()
        .map(|(pointer, value)| BodyExample {
            pointer,
            schema_pointer: format!("{media_pointer}/schema"),
            rust_type: rust_type.clone(),
            value: value.clone(),
            direction: body.direction,
            operation: body.label.clone(),
        })
        .collect()
}

/// The media type the client uses for `body` and its pointer, when it is JSON with a schema.
fn json_media<'d>(body: &Body<'d>) -> Option<(&'d MediaType, String)> {
    let (content_type, media) = pick_media(body.content)?;
    if media_kind(content_type) != MediaKind::Json || media.schema.is_none() {
        return None;
    }
    let media_pointer = format!("{}/content/{}", body.pointer, pointer_segment(content_type));
    Some((media, media_pointer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content:
            application/xml:
              schema: {type: string}
              example: "<pets/>"
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Pet"}
              examples:
                two:
                  $ref: "#/components/examples/TwoPets"
                none:
                  value: []
        default: {$ref: "#/components/responses/Problem"}
    post:
      operationId: addPet
      requestBody:
        $ref: "#/components/requestBodies/NewPet"
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
              example: {id: 1, name: Rex}
        4XX: {$ref: "#/components/responses/Problem"}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: integer, format: int64}
        name: {type: string}
  examples:
    TwoPets:
      value: [{id: 1}, {id: 2, name: Rex}]
  requestBodies:
    NewPet:
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Pet"}
          example: {id: 3}
        application/x-www-form-urlencoded:
          schema: {$ref: "#/components/schemas/Pet"}
          example: {id: 4}
  responses:
    Problem:
      description: a problem
      content:
        application/problem+json:
          schema:
            type: object
            properties:
              title: {type: string}
          example: {title: broken}
"##;

    fn found() -> Vec<BodyExample> {
        body_examples(SPEC, "t.yaml", &Settings::new("t")).unwrap()
    }

    #[test]
    fn examples_are_located_through_component_refs() {
        let pointers: Vec<(String, Direction)> = found()
            .into_iter()
            .map(|e| (e.pointer, e.direction))
            .collect();
        assert_eq!(
            pointers,
            [
                (
                    "/components/examples/TwoPets/value".into(),
                    Direction::Response
                ),
                (
                    "/paths/~1pets/get/responses/200/content/application~1json/examples/none/value"
                        .into(),
                    Direction::Response
                ),
                (
                    "/components/responses/Problem/content/application~1problem+json/example"
                        .into(),
                    Direction::Response
                ),
                (
                    "/components/requestBodies/NewPet/content/application~1json/example".into(),
                    Direction::Request
                ),
                (
                    "/paths/~1pets/post/responses/201/content/application~1json/example".into(),
                    Direction::Response
                ),
            ]
        );
    }

    #[test]
    fn examples_carry_their_schema_value_and_rust_type() {
        let examples = found();
        let two = &examples[0];
        assert_eq!(two.value, json!([{"id": 1}, {"id": 2, "name": "Rex"}]));
        assert_eq!(two.rust_type, "::std::vec::Vec<crate::models::Pet>");
        assert_eq!(
            two.schema_pointer,
            "/paths/~1pets/get/responses/200/content/application~1json/schema"
        );
        assert_eq!(two.operation, "GET /pets 200");
        let request = &examples[3];
        assert_eq!(request.rust_type, "crate::models::Pet");
        assert_eq!(request.operation, "POST /pets request");
        assert_eq!(
            request.schema_pointer,
            "/components/requestBodies/NewPet/content/application~1json/schema"
        );
        assert!(examples[2].rust_type.starts_with("crate::models::"));
    }
}
