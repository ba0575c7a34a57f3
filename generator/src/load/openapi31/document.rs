//! The 3.1 changes outside schemas: the schema dialect, webhooks, optional `paths`, path
//! items in components, `info.summary` and mutual TLS.

use super::Context;
use crate::error::pointer_segment;
use serde_json::{Map, Value};

/// Dialects whose schemas this reader understands: the OAS 3.1 base dialect (the default)
/// and plain JSON Schema 2020-12.
const KNOWN_DIALECTS: &[&str] = &[
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://json-schema.org/draft/2020-12/schema",
];

/// Path item `$ref`s may lead to other references; chains longer than this are cycles.
const MAX_PATH_ITEM_HOPS: usize = 16;

/// Refuses a `jsonSchemaDialect` other than the two known ones, which would give the
/// document's keywords other meanings.
pub fn check_dialect(context: &mut Context, doc: &mut Value) {
    let Some(dialect) = doc
        .as_object_mut()
        .and_then(|d| d.remove("jsonSchemaDialect"))
    else {
        return;
    };
    let known = dialect
        .as_str()
        .is_some_and(|d| KNOWN_DIALECTS.contains(&d.trim_end_matches('#')));
    if !known {
        context.error(
            "/jsonSchemaDialect",
            format!(
                "unsupported JSON Schema dialect {dialect}; only the OpenAPI 3.1 base dialect \
                 ({}) and JSON Schema 2020-12 ({}) are",
                KNOWN_DIALECTS[0], KNOWN_DIALECTS[1]
            ),
        );
    }
}

/// Everything outside schemas that 3.0 does not have.
pub fn rewrite(context: &mut Context, doc: &mut Value) {
    let Some(map) = doc.as_object_mut() else {
        return;
    };
    if let Some(webhooks) = map.remove("webhooks") {
        let count = webhooks.as_object().map_or(0, Map::len);
        context.warn(
            "/webhooks",
            format!("{count} webhook(s) ignored: the API calls them, a client does not"),
        );
    }
    map.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(Value::Object(info)) = map.get_mut("info") {
        if let Some(summary) = info.get("summary").cloned() {
            info.entry("description").or_insert(summary);
        }
    }
    inline_path_items(context, map);
    default_responses(map);
    drop_mutual_tls(context, map);
}

/// 3.1 operations may leave out `responses`, which 3.0 requires: an empty map says the same
/// (lowering takes any 2xx as success then).
fn default_responses(doc: &mut Map<String, Value>) {
    const METHODS: &[&str] = &[
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let Some(Value::Object(paths)) = doc.get_mut("paths") else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (_, operation) in item
            .iter_mut()
            .filter(|(k, _)| METHODS.contains(&k.as_str()))
        {
            if let Value::Object(operation) = operation {
                operation
                    .entry("responses")
                    .or_insert_with(|| Value::Object(Map::new()));
            }
        }
    }
}

/// Path items may be `$ref`s to `components/pathItems`, which 3.0 does not have: each is
/// replaced by a copy of its target (fields next to the `$ref` win).
fn inline_path_items(context: &mut Context, doc: &mut Map<String, Value>) {
    let path_items = doc
        .get("components")
        .and_then(|c| c.get("pathItems"))
        .cloned()
        .unwrap_or(Value::Null);
    let Some(Value::Object(paths)) = doc.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let pointer = format!("/paths/{}", pointer_segment(path));
        for _ in 0..MAX_PATH_ITEM_HOPS {
            let Value::Object(fields) = &mut *item else {
                break;
            };
            let Some(Value::String(reference)) = fields.remove("$ref") else {
                break;
            };
            let target = reference
                .strip_prefix("#/components/pathItems/")
                .and_then(|name| path_items.get(name.replace("~1", "/").replace("~0", "~")));
            match target {
                Some(Value::Object(target)) => {
                    for (key, value) in target {
                        fields.entry(key.clone()).or_insert_with(|| value.clone());
                    }
                }
                _ => {
                    context.error(
                        &format!("{pointer}/$ref"),
                        format!(
                            "path item reference {reference:?} does not resolve to an entry \
                             of components/pathItems"
                        ),
                    );
                    break;
                }
            }
        }
    }
}

/// Mutual TLS is set up on the HTTP client, not per request: the scheme has nothing to emit.
fn drop_mutual_tls(context: &mut Context, doc: &mut Map<String, Value>) {
    let Some(Value::Object(schemes)) = doc
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
    else {
        return;
    };
    schemes.retain(|name, scheme| {
        let mutual_tls = scheme.get("type").and_then(Value::as_str) == Some("mutualTLS");
        if mutual_tls {
            context.warn(
                &format!("/components/securitySchemes/{}", pointer_segment(name)),
                "mutual TLS is configured on the `reqwest::Client` given to the builder; \
                 no credential setter is generated for it",
            );
        }
        !mutual_tls
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rewritten(mut doc: Value) -> (Value, Context) {
        let mut context = Context::new("t.yaml");
        check_dialect(&mut context, &mut doc);
        rewrite(&mut context, &mut doc);
        (doc, context)
    }

    #[test]
    fn known_dialects_are_accepted_and_removed() {
        for dialect in KNOWN_DIALECTS {
            let (doc, context) = rewritten(json!({"jsonSchemaDialect": dialect}));
            assert!(context.errors.is_empty());
            assert!(doc.get("jsonSchemaDialect").is_none());
        }
    }

    #[test]
    fn another_dialect_is_refused_where_it_is_declared() {
        let (_, context) =
            rewritten(json!({"jsonSchemaDialect": "http://json-schema.org/draft-07/schema#"}));
        assert_eq!(context.errors.len(), 1);
        assert_eq!(context.errors[0].to_string(), "t.yaml:#/jsonSchemaDialect: unsupported JSON Schema dialect \"http://json-schema.org/draft-07/schema#\"; only the OpenAPI 3.1 base dialect (https://spec.openapis.org/oas/3.1/dialect/base) and JSON Schema 2020-12 (https://json-schema.org/draft/2020-12/schema) are");
    }

    #[test]
    fn webhooks_are_dropped_with_a_note_and_paths_are_added() {
        let (doc, context) = rewritten(json!({"webhooks": {"a": {}, "b": {}}}));
        assert_eq!(doc, json!({"paths": {}}));
        assert_eq!(
            context.warnings[0].to_string(),
            "t.yaml:#/webhooks: 2 webhook(s) ignored: the API calls them, a client does not"
        );
    }

    #[test]
    fn info_summary_stands_in_for_a_missing_description() {
        let (doc, _) = rewritten(json!({"info": {"title": "t", "summary": "s"}}));
        assert_eq!(doc["info"]["description"], "s");
    }

    #[test]
    fn path_item_references_are_inlined_through_chains() {
        let (doc, context) = rewritten(json!({
            "paths": {"/a": {"$ref": "#/components/pathItems/A", "summary": "own"},
                      "/b": {"$ref": "#/components/pathItems/Missing"}},
            "components": {"pathItems": {
                "A": {"$ref": "#/components/pathItems/B", "summary": "A"},
                "B": {"get": {"responses": {}}}
            }}
        }));
        assert_eq!(
            doc["paths"]["/a"],
            json!({"summary": "own", "get": {"responses": {}}})
        );
        assert_eq!(context.errors.len(), 1);
        assert_eq!(
            context.errors[0].location,
            crate::Location::Pointer("/paths/~1b/$ref".into())
        );
    }

    #[test]
    fn operations_without_responses_get_an_empty_map() {
        let (doc, _) = rewritten(json!({"paths": {"/a": {"get": {}, "summary": "s"}}}));
        assert_eq!(
            doc["paths"]["/a"],
            json!({"get": {"responses": {}}, "summary": "s"})
        );
    }

    #[test]
    fn mutual_tls_schemes_are_dropped_with_a_warning() {
        let (doc, context) = rewritten(json!({"components": {"securitySchemes": {
            "tls": {"type": "mutualTLS"}, "key": {"type": "apiKey", "name": "k", "in": "header"}
        }}}));
        assert_eq!(
            doc["components"]["securitySchemes"],
            json!({"key": {"type": "apiKey", "name": "k", "in": "header"}})
        );
        assert_eq!(context.warnings.len(), 1);
    }
}
