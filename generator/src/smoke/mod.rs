//! Decides what each operation's smoke test sends (the `smoke_tests` setting): a value for
//! every required parameter and for the body, the spec's own examples first and a value
//! synthesized from the schema after them, and which credentials to set. `emit::smoke`
//! renders the plan; this module reads the document, which emitters never see.

mod pattern;
mod synth;

pub use synth::{synthesize, synthesize_from_constraints};

use crate::components::{resolve, resolve_located};
use crate::error::{pointer_segment, Error};
use crate::ir::{Api, FloatKind, IntegerKind, MediaKind, Operation, TypeKind, TypeRef};
use crate::lower;
use crate::lower::{location, pick_media};
use crate::settings::Settings;
use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema};
use serde_json::{json, Value};

/// What the smoke tests of one crate send.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SmokePlan {
    pub operations: Vec<OperationPlan>,
    /// Operations that get no test: `(operation id, why)`.
    pub not_covered: Vec<(String, String)>,
}

/// One operation's call.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationPlan {
    /// Index into [`Api::operations`].
    pub operation: usize,
    /// Its `operationId` (as the IR has it), which the test records its outcome under.
    pub operation_id: String,
    /// Its method (lowercase) and path template, as the document has them.
    pub method: String,
    pub path: String,
    /// The name of its test function.
    pub test_name: String,
    /// The method's arguments in order: required parameters, then a required body.
    pub args: Vec<ArgPlan>,
    /// An optional body, set through the builder's `body` setter.
    pub optional_body: Option<ArgPlan>,
    /// Indices into [`Api::auth`] whose credentials the test sets to dummy values.
    pub credentials: Vec<usize>,
}

/// One value the test builds with `serde_json::from_value`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArgPlan {
    /// The parameter's wire name, or `body`.
    pub name: String,
    /// Values to try in order (examples first); the first that decodes is sent.
    pub candidates: Vec<Value>,
    pub kind: ArgKind,
    /// JSON pointer of the schema the value must satisfy, when the document gives one (so a
    /// conformance run can ask an independent validator whether a candidate is valid).
    pub schema_pointer: Option<String>,
}

/// How the built value is passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// The method takes `impl Into<String>`: the value is built as a `String`.
    String,
    /// The method's parameter type says what to build.
    Inferred,
    /// A raw byte body: built as a `String`, sent as its bytes.
    Bytes,
}

/// The smoke plan of a spec (for tools that report coverage without generating).
pub fn smoke_plan(text: &str, source_name: &str, settings: &Settings) -> Result<SmokePlan, Error> {
    let (doc, lowered) = lower::load_and_lower(text, source_name, settings)?;
    Ok(plan(&doc, &lowered.api))
}

/// The plan of every operation of `api`, lowered from `doc`.
pub fn plan(doc: &OpenAPI, api: &Api) -> SmokePlan {
    let mut plan = SmokePlan::default();
    for (index, op) in api.operations.iter().enumerate() {
        match plan_operation(doc, api, index, op) {
            Ok(found) => plan.operations.push(found),
            Err(reason) => plan.not_covered.push((op.operation_id.clone(), reason)),
        }
    }
    plan
}

fn plan_operation<'d>(
    doc: &'d OpenAPI,
    api: &Api,
    index: usize,
    op: &Operation,
) -> Result<OperationPlan, String> {
    let method = op.method.to_ascii_lowercase();
    let item = match doc.paths.paths.get(&op.path) {
        Some(ReferenceOr::Item(item)) => item,
        _ => return Err(format!("path `{}` not found in the document", op.path)),
    };
    let doc_op = crate::components::operation(item, &method)
        .ok_or_else(|| format!("`{method} {}` not found in the document", op.path))?;
    let path_pointer = format!("/paths/{}", pointer_segment(&op.path));
    let op_pointer = format!("{path_pointer}/{method}");
    let located = |list: &'d [ReferenceOr<Parameter>], at: String| {
        list.iter()
            .enumerate()
            .filter_map(move |(i, p)| resolve_located(doc, p, &format!("{at}/parameters/{i}")))
    };
    let doc_params: Vec<(&Parameter, String)> = located(&doc_op.parameters, op_pointer.clone())
        .chain(located(&item.parameters, path_pointer))
        .collect();
    let mut args = Vec::new();
    for param in op.params.iter().filter(|p| p.required) {
        let found = doc_params.iter().find(|(p, _)| {
            let data = p.parameter_data_ref();
            data.name == param.wire_name && location(p) == param.location
        });
        let schema_pointer = found.and_then(|(p, at)| match &p.parameter_data_ref().format {
            ParameterSchemaOrContent::Schema(_) => Some(format!("{at}/schema")),
            ParameterSchemaOrContent::Content(content) => content
                .keys()
                .next()
                .map(|media| format!("{at}/content/{}/schema", pointer_segment(media))),
        });
        let found = found.map(|(p, _)| p);
        let mut candidates = found
            .map(|p| parameter_examples(doc, p))
            .unwrap_or_default();
        let schema = found.and_then(|p| match &p.parameter_data_ref().format {
            ParameterSchemaOrContent::Schema(schema) => Some(schema),
            ParameterSchemaOrContent::Content(content) => {
                content.values().next().and_then(|m| m.schema.as_ref())
            }
        });
        candidates.extend(schema.into_iter().flat_map(|s| synthesized(doc, s)));
        candidates.push(from_type(api, &param.ty, 0));
        candidates.dedup();
        args.push(ArgPlan {
            name: param.wire_name.clone(),
            candidates,
            kind: if param.ty == TypeRef::String {
                ArgKind::String
            } else {
                ArgKind::Inferred
            },
            schema_pointer,
        });
    }
    let mut optional_body = None;
    if let Some(body) = &op.body {
        let picked = doc_op
            .request_body
            .as_ref()
            .and_then(|b| resolve_located(doc, b, &format!("{op_pointer}/requestBody")))
            .and_then(|(b, at)| pick_media(&b.content).map(|picked| (picked, at)));
        let schema_pointer = picked
            .as_ref()
            .filter(|((_, media), _)| media.schema.is_some())
            .map(|((content_type, _), at)| {
                format!("{at}/content/{}/schema", pointer_segment(content_type))
            });
        let media = picked.map(|((_, media), _)| media);
        let mut candidates = Vec::new();
        if let Some(media) = media {
            candidates.extend(media.example.iter().cloned());
            candidates.extend(
                media
                    .examples
                    .values()
                    .filter_map(|e| resolve(doc, e))
                    .filter_map(|e| e.value.clone()),
            );
            if let Some(schema) = &media.schema {
                candidates.extend(synthesized(doc, schema));
            }
        }
        let kind = match body.media {
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart => ArgKind::Inferred,
            MediaKind::Text => ArgKind::String,
            MediaKind::Bytes => ArgKind::Bytes,
        };
        if kind != ArgKind::Inferred {
            // Text and bytes are sent as they are: only strings can be.
            candidates.retain(Value::is_string);
            candidates.push(json!("smoke"));
        } else {
            candidates.retain(|v| !v.is_null());
            // An example written as the JSON text of an object or array means that value, as
            // documentation tools read it.
            for candidate in &mut candidates {
                if let Some(parsed) = candidate
                    .as_str()
                    .and_then(|text| serde_json::from_str::<Value>(text).ok())
                    .filter(|parsed| parsed.is_object() || parsed.is_array())
                {
                    *candidate = parsed;
                }
            }
            candidates.push(from_type(api, &body.ty, 0));
        }
        candidates.dedup();
        let arg = ArgPlan {
            name: "body".into(),
            candidates,
            kind,
            schema_pointer,
        };
        if body.required {
            args.push(arg);
        } else {
            optional_body = Some(arg);
        }
    }
    let credentials = op
        .auth
        .iter()
        .copied()
        .filter(|i| api.auth.get(*i).is_some_and(|s| !s.generic))
        .collect();
    Ok(OperationPlan {
        operation: index,
        operation_id: op.operation_id.clone(),
        method,
        path: op.path.clone(),
        test_name: format!("smoke_{}", op.fn_name.trim_start_matches("r#")),
        args,
        optional_body,
        credentials,
    })
}

/// Values synthesized from `schema`: taking its examples, then from its constraints alone
/// (the spec's examples may break its own schema). `null` is left out.
fn synthesized(doc: &OpenAPI, schema: &ReferenceOr<Schema>) -> Vec<Value> {
    let mut values = vec![
        synthesize(doc, schema),
        synthesize_from_constraints(doc, schema),
    ];
    values.retain(|v| !v.is_null());
    values.dedup();
    values
}

/// The parameter's `example` and its `examples`.
fn parameter_examples(doc: &OpenAPI, param: &Parameter) -> Vec<Value> {
    let data = param.parameter_data_ref();
    data.example
        .iter()
        .cloned()
        .chain(
            data.examples
                .values()
                .filter_map(|e| resolve(doc, e))
                .filter_map(|e| e.value.clone()),
        )
        .filter(|v| !v.is_null())
        .collect()
}

/// A last-resort value from the IR type alone (when the document's schema gives nothing
/// that decodes).
fn from_type(api: &Api, ty: &TypeRef, depth: usize) -> Value {
    if depth > 8 {
        return Value::Null;
    }
    match api.resolve_alias(ty) {
        TypeRef::String | TypeRef::Bytes => json!("smoke"),
        TypeRef::Boolean => json!(true),
        TypeRef::Integer(IntegerKind::I32 | IntegerKind::I64) => json!(1),
        TypeRef::Float(FloatKind::F32 | FloatKind::F64) => json!(1.5),
        TypeRef::Uuid => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        TypeRef::DateTime => json!("2024-01-02T03:04:05Z"),
        TypeRef::Date => json!("2024-01-02"),
        TypeRef::Any | TypeRef::Map(_) => json!({}),
        TypeRef::Array(item) => json!([from_type(api, item, depth + 1)]),
        TypeRef::Nullable(inner) => from_type(api, inner, depth + 1),
        TypeRef::Named(id) => match &api.types[*id].kind {
            TypeKind::Struct(s) => Value::Object(
                s.fields
                    .iter()
                    .filter(|f| f.required && !f.read_only)
                    .map(|f| (f.wire_name.clone(), from_type(api, &f.ty, depth + 1)))
                    .collect(),
            ),
            TypeKind::Enum(e) => match e.variants.first().map(|v| &v.value) {
                Some(crate::ir::EnumValue::String(s)) => json!(s),
                Some(crate::ir::EnumValue::Integer(i)) => json!(i),
                None => json!("smoke"),
            },
            TypeKind::Union(u) => match u.variants.first() {
                Some(variant) => {
                    let mut value = from_type(api, &variant.ty, depth + 1);
                    if let (Some(tag_name), Some(tag), Value::Object(map)) =
                        (&u.discriminator, variant.tags.first(), &mut value)
                    {
                        map.insert(tag_name.clone(), json!(tag));
                    }
                    value
                }
                None => json!({}),
            },
            TypeKind::Alias(target) => from_type(api, target, depth + 1),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_example_written_as_json_text_is_sent_as_its_value() {
        let spec = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"post": {
            "operationId": "send",
            "requestBody": {"content": {"application/json": {
                "schema": {"type": "object"}, "example": "{\"Container\": \"c1\"}"}}},
            "responses": {"204": {"description": "done"}}}}}}"#;
        let plan = smoke_plan(spec, "t.json", &Settings::new("t")).unwrap();
        // The body is optional here: set through the builder.
        let body = plan.operations[0].optional_body.as_ref().unwrap();
        assert_eq!(body.candidates[0], json!({"Container": "c1"}));
    }
}
