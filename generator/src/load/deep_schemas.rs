//! `openapiv3` reads a schema that fails deep inside in time exponential in the number of
//! schemas around the failure (each level reads its part again to report the error): 16
//! nested `items` took seconds, 20 took minutes. So before the document is read in one go,
//! every schema with [`MAX_UNCHECKED_LEVELS`] levels of unchecked schemas inside it is read
//! on its own, bottom-up; a bad one is reported and replaced by `{}`. No read then fails
//! more than that many levels below where it starts, and documents whose schemas nest less
//! deeply (nearly all) are not read twice.

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

/// The most levels of schemas a single read may cover unchecked (a failure then costs at
/// most 2^8 reads of small parts).
pub const MAX_UNCHECKED_LEVELS: usize = 8;

/// A schema of the document.
#[derive(Debug)]
pub struct Found {
    pub pointer: String,
    /// How many schemas contain it.
    pub depth: usize,
    /// The schema containing it, as an index into the list.
    pub parent: Option<usize>,
}

/// Every schema of the document, each after the schemas containing it.
pub fn schemas(document: &Value) -> Vec<Found> {
    let mut found = Vec::new();
    let mut stack = vec![(String::new(), document, Context::Document, None)];
    while let Some((at, node, context, parent)) = stack.pop() {
        let map = match (node, context) {
            (Value::Object(map), _) => map,
            // Lists outside schemas (`parameters`, `allOf` of a path item...) hold schemas too.
            (Value::Array(items), Context::Document) => {
                for (index, item) in items.iter().enumerate() {
                    stack.push((format!("{at}/{index}"), item, Context::Document, None));
                }
                continue;
            }
            _ => continue,
        };
        let (depth, this) = match context {
            Context::Schema(depth) => {
                found.push(Found {
                    pointer: at.clone(),
                    depth,
                    parent,
                });
                (depth, Some(found.len() - 1))
            }
            Context::Document => (0, None),
        };
        for (key, child) in map {
            let child_at = format!("{at}/{}", crate::error::pointer_segment(key));
            // Values, not schemas: examples and extensions anywhere, defaults and enums in a
            // schema (a response may be called `default`).
            let data = (key.starts_with("x-") && !names_components(&at))
                || matches!(key.as_str(), "example" | "examples")
                || (matches!(context, Context::Schema(_))
                    && matches!(key.as_str(), "default" | "enum"));
            if data {
                continue;
            }
            let schema = Context::Schema(depth + 1);
            match (context, key.as_str(), child) {
                (Context::Document, "schema", _) => stack.push((child_at, child, schema, this)),
                (Context::Document, "schemas", Value::Object(named)) if at == "/components" => {
                    for (name, item) in named {
                        let item_at = format!("{child_at}/{}", crate::error::pointer_segment(name));
                        stack.push((item_at, item, schema, this));
                    }
                }
                (Context::Schema(_), "items" | "not" | "additionalProperties", _) => {
                    stack.push((child_at, child, schema, this));
                }
                (Context::Schema(_), "properties", Value::Object(properties)) => {
                    for (name, item) in properties {
                        let item_at = format!("{child_at}/{}", crate::error::pointer_segment(name));
                        stack.push((item_at, item, schema, this));
                    }
                }
                (Context::Schema(_), "allOf" | "oneOf" | "anyOf", Value::Array(parts)) => {
                    for (index, part) in parts.iter().enumerate() {
                        stack.push((format!("{child_at}/{index}"), part, schema, this));
                    }
                }
                (Context::Document, _, _) => stack.push((child_at, child, Context::Document, None)),
                _ => {}
            }
        }
    }
    found
}

/// Whether the keys of the object at `at` name components (`x-fapi-id-Param` is then a
/// parameter's name, not an extension).
fn names_components(at: &str) -> bool {
    at.strip_prefix("/components/")
        .is_some_and(|kind| !kind.contains('/'))
}

#[derive(Clone, Copy)]
enum Context {
    Document,
    /// Inside a schema, itself inside this many.
    Schema(usize),
}

/// Reads on its own every schema with [`MAX_UNCHECKED_LEVELS`] unchecked levels inside it,
/// deepest first (see the module docs); returns the bad ones' pointers and errors, each
/// replaced by `{}` in `document`.
pub fn check_bottom_up(
    document: &mut Value,
) -> Vec<(String, serde_path_to_error::Error<serde_json::Error>)> {
    let found = schemas(document);
    let mut children = vec![Vec::new(); found.len()];
    for (index, schema) in found.iter().enumerate() {
        if let Some(parent) = schema.parent {
            children[parent].push(index);
        }
    }
    // Unchecked levels inside each schema, itself included, filled in from the deepest.
    let mut unchecked = vec![0usize; found.len()];
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by(|&a, &b| found[b].depth.cmp(&found[a].depth).then(a.cmp(&b)));
    let mut bad = Vec::new();
    for index in order {
        unchecked[index] += 1;
        if unchecked[index] >= MAX_UNCHECKED_LEVELS {
            if let Some((at, error)) = innermost_failure(document, &found, &children, index) {
                if let Some(node) = document.pointer_mut(&found[at].pointer) {
                    *node = Value::Object(Default::default());
                }
                bad.push((found[at].pointer.clone(), error));
            }
            unchecked[index] = 0;
        }
        if let Some(parent) = found[index].parent {
            unchecked[parent] = unchecked[parent].max(unchecked[index]);
        }
    }
    bad
}

/// When the schema `index` does not read, the innermost schema inside it that does not
/// either (its error is then where the problem is), found by reading the children of each
/// failing one.
fn innermost_failure(
    document: &Value,
    found: &[Found],
    children: &[Vec<usize>],
    index: usize,
) -> Option<(usize, serde_path_to_error::Error<serde_json::Error>)> {
    let read = |at: usize| {
        let node = document.pointer(&found[at].pointer)?;
        serde_path_to_error::deserialize::<_, ReferenceOr<Schema>>(node).err()
    };
    let mut failing = (index, read(index)?);
    while let Some(deeper) = children[failing.0]
        .iter()
        .find_map(|&child| read(child).map(|error| (child, error)))
    {
        failing = deeper;
    }
    Some(failing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schemas_are_found_with_their_depth_and_data_is_skipped() {
        let document = json!({
            "paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
            "responses": {"default": {"content": {"application/json": {
                "schema": {"type": "array", "items": {"properties": {"n": {"type": "string"}}}},
                "example": {"schema": {"items": {}}}
            }}}}}}},
            "components": {"schemas": {"A": {"allOf": [{"$ref": "#/x"}], "enum": [{"items": 1}]}}}
        });
        let found = schemas(&document);
        let mut depths: Vec<(&str, usize)> = found
            .iter()
            .map(|f| (f.pointer.as_str(), f.depth))
            .collect();
        depths.sort();
        assert_eq!(
            depths,
            [
                ("/components/schemas/A", 1),
                ("/components/schemas/A/allOf/0", 2),
                ("/paths/~1a/get/parameters/0/schema", 1),
                ("/paths/~1a/get/responses/default/content/application~1json/schema", 1),
                ("/paths/~1a/get/responses/default/content/application~1json/schema/items", 2),
                ("/paths/~1a/get/responses/default/content/application~1json/schema/items/properties/n", 3),
            ]
        );
    }

    #[test]
    fn components_named_like_extensions_are_searched_too() {
        let document = json!({"components": {"parameters": {"x-trace-Param": {
            "name": "x-trace", "in": "header", "schema": {"items": {"type": "string"}}
        }}}, "paths": {"x-internal": {"schema": {"items": {}}}}});
        let pointers: Vec<String> = schemas(&document).into_iter().map(|f| f.pointer).collect();
        assert_eq!(
            pointers
                .iter()
                .filter(|p| p.contains("x-trace-Param"))
                .count(),
            2,
            "{pointers:?}"
        );
        assert!(!pointers.iter().any(|p| p.contains("x-internal")));
    }

    #[test]
    fn a_deep_bad_schema_is_found_where_it_is_and_replaced() {
        let mut schema = json!({"type": "string", "minLength": "not a number"});
        for _ in 0..40 {
            schema = json!({"type": "array", "items": schema});
        }
        let mut document = json!({"components": {"schemas": {"Deep": schema}}});
        let bad = check_bottom_up(&mut document);
        assert_eq!(bad.len(), 1);
        let (checked_at, error) = &bad[0];
        let leaf = format!("/components/schemas/Deep{}", "/items".repeat(40));
        let inside: String = error.path().iter().map(|s| format!("/{s}")).collect();
        assert_eq!(
            format!("{checked_at}{inside}").replace("/minLength", ""),
            leaf
        );
        assert_eq!(document.pointer(checked_at).unwrap(), &json!({}));
    }
}
