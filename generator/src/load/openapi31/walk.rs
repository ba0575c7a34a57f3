//! Finds the schemas of a document tree: where the OpenAPI objects hold one, and which
//! keywords of a schema hold subschemas.

use crate::error::pointer_segment;
use serde_json::Value;

/// Keywords whose value is one subschema.
const SINGLE: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "if",
    "then",
    "else",
];
/// Keywords whose value is a list of subschemas.
const LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "dependentSchemas",
    "$defs",
];

/// OpenAPI fields that map names (which may be `schema`) to objects.
const NAMED_MAPS: &[&str] = &[
    "paths",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "content",
    "encoding",
    "callbacks",
    "pathItems",
    "securitySchemes",
    "variables",
];
/// OpenAPI fields that hold free-form values, never schemas.
const FREE_FORM: &[&str] = &["example", "examples", "links", "default"];

/// Calls `visit` with every top-level schema of the document (component schemas and the
/// `schema` of parameters, headers and media types) and its JSON pointer.
pub fn schema_roots(doc: &mut Value, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Some(map) = doc.as_object_mut() else {
        return;
    };
    for (key, value) in map.iter_mut() {
        let pointer = format!("/{}", pointer_segment(key));
        if key == "components" {
            components(value, &pointer, visit);
        } else {
            openapi_object(value, &pointer, key, visit);
        }
    }
}

fn components(value: &mut Value, pointer: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Some(map) = value.as_object_mut() else {
        return;
    };
    for (key, value) in map.iter_mut() {
        let pointer = format!("{pointer}/{}", pointer_segment(key));
        if key == "schemas" {
            for (name, schema) in value.as_object_mut().into_iter().flatten() {
                visit(schema, &format!("{pointer}/{}", pointer_segment(name)));
            }
        } else {
            openapi_object(value, &pointer, key, visit);
        }
    }
}

/// Walks a value found under `key` in the OpenAPI (non-schema) part of the document.
fn openapi_object(
    value: &mut Value,
    pointer: &str,
    key: &str,
    visit: &mut dyn FnMut(&mut Value, &str),
) {
    if key.starts_with("x-") || FREE_FORM.contains(&key) {
        return;
    }
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                openapi_object(item, &format!("{pointer}/{index}"), "", visit);
            }
        }
        Value::Object(map) if NAMED_MAPS.contains(&key) => {
            for (name, item) in map.iter_mut() {
                let pointer = format!("{pointer}/{}", pointer_segment(name));
                // The entries are objects whose own fields are walked, whatever their name.
                if let Value::Object(fields) = item {
                    for (field, value) in fields.iter_mut() {
                        walk_field(value, &pointer, field, visit);
                    }
                }
            }
        }
        Value::Object(map) => {
            for (field, value) in map.iter_mut() {
                walk_field(value, pointer, field, visit);
            }
        }
        _ => {}
    }
}

fn walk_field(
    value: &mut Value,
    pointer: &str,
    field: &str,
    visit: &mut dyn FnMut(&mut Value, &str),
) {
    let pointer = format!("{pointer}/{}", pointer_segment(field));
    if field == "schema" {
        visit(value, &pointer);
    } else {
        openapi_object(value, &pointer, field, visit);
    }
}

/// Calls `visit` with each direct subschema of `schema`, its pointer and the keyword holding it.
pub fn subschemas(
    schema: &mut Value,
    pointer: &str,
    visit: &mut dyn FnMut(&mut Value, &str, &str),
) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    for (keyword, value) in map.iter_mut() {
        let keyword = keyword.as_str();
        // Pointers are made only for subschemas: most keywords hold none.
        let at = || format!("{pointer}/{}", pointer_segment(keyword));
        if SINGLE.contains(&keyword) && !value.is_array() {
            visit(value, &at(), keyword);
        } else if LISTS.contains(&keyword) || (keyword == "items" && value.is_array()) {
            let at = at();
            for (index, item) in value.as_array_mut().into_iter().flatten().enumerate() {
                visit(item, &format!("{at}/{index}"), keyword);
            }
        } else if MAPS.contains(&keyword) {
            let at = at();
            for (name, item) in value.as_object_mut().into_iter().flatten() {
                visit(item, &format!("{at}/{}", pointer_segment(name)), keyword);
            }
        }
    }
}

/// True when some mapping of the tree has the key `key` (a walk that makes no pointers).
pub fn has_key(value: &Value, key: &str) -> bool {
    match value {
        Value::Object(map) => map.contains_key(key) || map.values().any(|v| has_key(v, key)),
        Value::Array(items) => items.iter().any(|v| has_key(v, key)),
        _ => false,
    }
}

/// Calls `visit` with every schema of the document, each before its subschemas.
pub fn every_schema(doc: &mut Value, visit: &mut dyn FnMut(&mut Value, &str)) {
    fn descend(schema: &mut Value, pointer: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
        visit(schema, pointer);
        subschemas(schema, pointer, &mut |child, at, _| {
            descend(child, at, visit)
        });
    }
    schema_roots(doc, &mut |schema, pointer| descend(schema, pointer, visit));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn all_pointers(mut doc: Value) -> Vec<String> {
        let mut found = Vec::new();
        every_schema(&mut doc, &mut |_, pointer| found.push(pointer.to_owned()));
        found
    }

    #[test]
    fn finds_schemas_of_parameters_bodies_headers_and_components() {
        let doc = json!({
            "paths": {"/a": {"get": {
                "parameters": [{"name": "schema", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {
                    "headers": {"schema": {"schema": {"type": "integer"}}},
                    "content": {"application/json": {
                        "schema": {"properties": {"schema": {"items": {}}}},
                        "example": {"schema": {}}
                    }}
                }}
            }}},
            "components": {"schemas": {"A": {"allOf": [{}]}}, "x-schemas": {"schema": {}}}
        });
        assert_eq!(
            all_pointers(doc),
            [
                "/paths/~1a/get/parameters/0/schema",
                "/paths/~1a/get/responses/200/headers/schema/schema",
                "/paths/~1a/get/responses/200/content/application~1json/schema",
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/schema",
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/schema/items",
                "/components/schemas/A",
                "/components/schemas/A/allOf/0",
            ]
        );
    }
}
