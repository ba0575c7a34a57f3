//! Rewrites one JSON Schema 2020-12 schema (and its subschemas) into the OpenAPI 3.0 schema
//! dialect: same values accepted, or, where 3.0 has no word for a constraint, more.

use super::{walk, Context};
use serde_json::{json, Map, Value};

/// Keywords that only annotate: they stay on the outer schema when its parts move.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "example",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    "externalDocs",
    "xml",
    "nullable",
    "$comment",
];

/// Keywords with no 3.0 counterpart that only narrow what is accepted: dropped quietly.
const DROPPED: &[&str] = &[
    "dependentRequired",
    "contentSchema",
    "minContains",
    "maxContains",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$schema",
    "$comment",
    "$vocabulary",
];

/// Keywords with no 3.0 counterpart that can change a value's shape: dropped with a warning.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("if", "conditional schemas (`if`/`then`/`else`)"),
    ("then", "conditional schemas (`if`/`then`/`else`)"),
    ("else", "conditional schemas (`if`/`then`/`else`)"),
    ("dependentSchemas", "`dependentSchemas`"),
    ("patternProperties", "`patternProperties`"),
    ("propertyNames", "`propertyNames`"),
    ("contains", "`contains`"),
];

/// Keywords of numbers and integers alike.
const NUMERIC_KEYWORDS: &[&str] = &[
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// Type-specific keywords, which follow their type when a type list is split into parts.
const TYPE_KEYWORDS: &[(&str, &[&str])] = &[
    ("string", &["format", "minLength", "maxLength", "pattern"]),
    ("number", NUMERIC_KEYWORDS),
    ("integer", NUMERIC_KEYWORDS),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "discriminator",
        ],
    ),
];

/// Rewrites `schema` (at `pointer`) and everything below it.
pub fn normalize(context: &mut Context, schema: &mut Value, pointer: &str) {
    let Value::Object(map) = schema else {
        return; // `true`/`false` are rewritten by the schema holding them
    };
    if map.contains_key("$ref") {
        return; // 3.0 ignores the siblings of a `$ref`: annotations, at most
    }
    if let Some(keyword) = ["$dynamicRef", "$recursiveRef"]
        .into_iter()
        .find(|k| map.contains_key(*k))
    {
        context.warn(
            &format!("{pointer}/{keyword}"),
            format!("`{keyword}` cannot be resolved statically; using untyped JSON"),
        );
        map.retain(|key, _| ANNOTATIONS.contains(&key.as_str()));
        return;
    }
    drop_unsupported(context, map, pointer);
    let null_parts = null_parts(map);
    walk::subschemas(schema, pointer, &mut |child, at, _| {
        normalize(context, child, at);
    });
    let map = schema.as_object_mut().expect("checked above");
    remove_null_parts(map, &null_parts);
    prefix_items(map);
    boolean_subschemas(context, map, pointer);
    for keyword in ["unevaluatedProperties", "unevaluatedItems"] {
        map.remove(keyword); // `false` forbids extra keys, which clients ignore anyway
    }
    const_to_enum(map);
    if let Some(Value::Array(examples)) = map.remove("examples") {
        if let Some(first) = examples.into_iter().next() {
            map.entry("example").or_insert(first);
        }
    }
    exclusive_bounds(map);
    content_keywords(map);
    type_list(map);
}

fn drop_unsupported(context: &mut Context, map: &mut Map<String, Value>, pointer: &str) {
    let conditional = map.contains_key("if");
    for (keyword, what) in UNSUPPORTED {
        let reported_at_if = conditional && ["then", "else"].contains(keyword);
        if map.remove(*keyword).is_some() && !reported_at_if {
            context.warn(
                &format!("{pointer}/{keyword}"),
                format!("{what} cannot be expressed in a Rust type; ignored"),
            );
        }
    }
    for keyword in ["unevaluatedProperties", "unevaluatedItems"] {
        if map
            .get(keyword)
            .is_some_and(|v| !matches!(v, Value::Bool(_)))
        {
            context.warn(
                &format!("{pointer}/{keyword}"),
                format!("a `{keyword}` schema cannot be expressed in a Rust type; ignored"),
            );
            map.remove(keyword);
        }
    }
    if map.contains_key("not") && map.keys().any(|k| !is_annotation(k) && k != "not") {
        map.remove("not");
        context.warn(
            &format!("{pointer}/not"),
            "`not` next to other keywords cannot be expressed in a Rust type; ignored",
        );
    }
    map.retain(|key, _| !DROPPED.contains(&key.as_str()));
}

fn is_annotation(keyword: &str) -> bool {
    ANNOTATIONS.contains(&keyword) || keyword.starts_with("x-")
}

/// Whether a schema allows only `null` (`{type: "null"}` and its spellings).
fn is_null_schema(schema: &Value) -> bool {
    let Some(map) = schema.as_object() else {
        return false;
    };
    let only_null = match (map.get("type"), map.get("const"), map.get("enum")) {
        (Some(Value::String(t)), _, _) => t == "null",
        (Some(Value::Array(types)), _, _) => types.iter().all(|t| t == "null"),
        (None, Some(Value::Null), _) => true,
        (None, None, Some(Value::Array(values))) => values.iter().all(Value::is_null),
        _ => false,
    };
    only_null
        && map
            .keys()
            .all(|k| is_annotation(k) || ["type", "const", "enum"].contains(&k.as_str()))
}

/// The indices of the `null` parts of `anyOf`/`oneOf`, found before the parts are rewritten.
fn null_parts(map: &Map<String, Value>) -> Vec<(&'static str, Vec<usize>)> {
    ["anyOf", "oneOf"]
        .into_iter()
        .filter_map(|keyword| {
            let parts = map.get(keyword)?.as_array()?;
            let nulls: Vec<usize> = (0..parts.len())
                .filter(|&i| is_null_schema(&parts[i]))
                .collect();
            (!nulls.is_empty()).then_some((keyword, nulls))
        })
        .collect()
}

/// `anyOf: [X, {type: "null"}]` → X made `nullable` (a lone `$ref` as `allOf: [$ref]`).
fn remove_null_parts(map: &mut Map<String, Value>, null_parts: &[(&str, Vec<usize>)]) {
    for (keyword, nulls) in null_parts {
        let Some(Value::Array(parts)) = map.remove(*keyword) else {
            continue;
        };
        let mut rest: Vec<Value> = parts
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !nulls.contains(i))
            .map(|(_, part)| part)
            .collect();
        map.insert("nullable".into(), Value::Bool(true));
        match rest.len() {
            0 => {}
            1 => absorb_single_part(map, rest.pop().expect("one part")),
            _ => {
                map.insert((*keyword).into(), Value::Array(rest));
            }
        }
    }
}

/// Makes the single remaining part the schema itself: a `$ref` through `allOf` (which keeps
/// the reference, and is how 3.0 writes a nullable reference), an inline part merged in.
fn absorb_single_part(map: &mut Map<String, Value>, part: Value) {
    let mergeable = match &part {
        Value::Object(fields) if !fields.contains_key("$ref") => fields
            .keys()
            .all(|k| is_annotation(k) || !map.contains_key(k)),
        _ => false,
    };
    if let (true, Value::Object(fields)) = (mergeable, &part) {
        for (key, value) in fields {
            if !map.contains_key(key) {
                map.insert(key.clone(), value.clone());
            }
        }
    } else if let Some(Value::Array(all_of)) = map.get_mut("allOf") {
        all_of.push(part);
    } else {
        map.insert("allOf".into(), Value::Array(vec![part]));
    }
}

/// Tuples: `prefixItems` (and any `items` after them) become `items` of any of their types.
fn prefix_items(map: &mut Map<String, Value>) {
    let Some(Value::Array(prefix)) = map.remove("prefixItems") else {
        return;
    };
    let mut parts: Vec<Value> = Vec::new();
    let rest = map
        .remove("items")
        .filter(|items| items != &Value::Bool(false));
    for part in prefix.into_iter().chain(rest) {
        let part = if part == Value::Bool(true) {
            json!({})
        } else {
            part
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    let items = match parts.len() {
        1 => parts.pop().expect("one part"),
        _ if parts.iter().any(|p| p == &json!({})) => json!({}),
        _ => json!({ "anyOf": parts }),
    };
    map.insert("items".into(), items);
}

/// `true`/`false` where 3.0 needs a schema: `true` is the empty schema, a `false` property
/// or part is left out (nothing can match it).
fn boolean_subschemas(context: &mut Context, map: &mut Map<String, Value>, pointer: &str) {
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.retain(|_, schema| schema != &Value::Bool(false));
        properties
            .values_mut()
            .filter(|schema| schema.is_boolean())
            .for_each(|schema| *schema = json!({}));
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(parts)) = map.get_mut(keyword) {
            parts.retain(|schema| schema != &Value::Bool(false) || keyword == "allOf");
            parts
                .iter_mut()
                .filter(|schema| schema.is_boolean())
                .for_each(|schema| *schema = json!({}));
        }
    }
    for keyword in ["items", "not"] {
        if let Some(schema) = map.get_mut(keyword).filter(|s| s.is_boolean()) {
            if schema == &Value::Bool(false) && keyword == "items" {
                context.warn(
                    &format!("{pointer}/items"),
                    "`items: false` (only empty arrays) is read as an array of untyped JSON",
                );
            }
            *schema = json!({});
        }
    }
}

/// `const: v` → `enum: [v]`, typed by the value (`const: null` → `nullable`).
fn const_to_enum(map: &mut Map<String, Value>) {
    let Some(value) = map.remove("const") else {
        return;
    };
    if value.is_null() {
        map.insert("nullable".into(), Value::Bool(true));
        return;
    }
    if !map.contains_key("type") {
        let json_type = match &value {
            Value::String(_) => Some("string"),
            Value::Number(n) if n.is_f64() => Some("number"),
            Value::Number(_) => Some("integer"),
            Value::Bool(_) => Some("boolean"),
            _ => None,
        };
        if let Some(json_type) = json_type {
            map.insert("type".into(), json_type.into());
        }
    }
    map.entry("enum")
        .or_insert_with(|| Value::Array(vec![value]));
}

/// Numeric `exclusiveMinimum: n` → `minimum: n` + `exclusiveMinimum: true` (same for maximum),
/// keeping an inclusive bound that is stricter.
fn exclusive_bounds(map: &mut Map<String, Value>) {
    for (exclusive, bound, stricter) in [
        (
            "exclusiveMinimum",
            "minimum",
            f64::gt as fn(&f64, &f64) -> bool,
        ),
        ("exclusiveMaximum", "maximum", f64::lt),
    ] {
        let Some(Value::Number(limit)) = map.get(exclusive).cloned() else {
            continue;
        };
        let inclusive = map.get(bound).and_then(Value::as_f64);
        let limit_value = limit.as_f64().unwrap_or_default();
        if inclusive.is_some_and(|inclusive| stricter(&inclusive, &limit_value)) {
            map.remove(exclusive);
        } else {
            map.insert(bound.into(), Value::Number(limit));
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

/// `contentEncoding: base64` → `format: byte`; a binary `contentMediaType` → `format: binary`.
fn content_keywords(map: &mut Map<String, Value>) {
    let encoding = map.remove("contentEncoding");
    let media_type = map.remove("contentMediaType");
    let format = match (&encoding, &media_type) {
        (Some(Value::String(encoding)), _) if encoding.starts_with("base64") => "byte",
        (None, Some(Value::String(media_type))) if is_binary_media_type(media_type) => "binary",
        _ => return,
    };
    map.entry("type").or_insert_with(|| "string".into());
    map.entry("format").or_insert_with(|| format.into());
}

fn is_binary_media_type(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    let textual = essence.starts_with("text/")
        || ["json", "xml", "+json", "+xml", "x-www-form-urlencoded"]
            .iter()
            .any(|suffix| essence.ends_with(suffix));
    !textual
}

/// `type: [T, "null"]` → `type: T` + `nullable`; several types → `anyOf` of one part each,
/// every type-specific keyword moved to its part.
fn type_list(map: &mut Map<String, Value>) {
    let types: Vec<String> = match map.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(t)) if t == "null" => vec![t.clone()],
        _ => return,
    };
    map.remove("type");
    let mut others: Vec<&str> = Vec::new();
    for t in types.iter().map(String::as_str).filter(|t| *t != "null") {
        if !others.contains(&t) {
            others.push(t);
        }
    }
    if others.contains(&"number") {
        others.retain(|t| *t != "integer"); // every integer is a number
    }
    if types.iter().any(|t| t == "null") {
        map.insert("nullable".into(), Value::Bool(true));
    }
    match others.as_slice() {
        [] => {}
        [only] => {
            map.insert("type".into(), (*only).into());
        }
        // The composition already says what the value is; the type list adds nothing to it.
        _ if ["allOf", "anyOf", "oneOf"]
            .iter()
            .any(|k| map.contains_key(*k)) => {}
        several => {
            let parts: Vec<Value> = several.iter().map(|t| type_part(map, t)).collect();
            for (_, keywords) in TYPE_KEYWORDS {
                keywords.iter().for_each(|k| {
                    map.remove(*k);
                });
            }
            map.remove("enum");
            map.insert("anyOf".into(), Value::Array(parts));
        }
    }
}

/// The part of a split type list for `json_type`: its own keywords and enum values.
fn type_part(map: &Map<String, Value>, json_type: &str) -> Value {
    let mut part = Map::new();
    part.insert("type".into(), json_type.into());
    let keywords = TYPE_KEYWORDS
        .iter()
        .find(|(t, _)| *t == json_type)
        .map_or(&[][..], |(_, keywords)| keywords);
    for keyword in keywords {
        if let Some(value) = map.get(*keyword) {
            part.insert((*keyword).into(), value.clone());
        }
    }
    if let Some(Value::Array(values)) = map.get("enum") {
        let of_type: Vec<Value> = values
            .iter()
            .filter(|v| match json_type {
                "string" => v.is_string(),
                "integer" => v.is_i64() || v.is_u64(),
                "number" => v.is_number(),
                "boolean" => v.is_boolean(),
                _ => false,
            })
            .cloned()
            .collect();
        if !of_type.is_empty() {
            part.insert("enum".into(), Value::Array(of_type));
        }
    }
    Value::Object(part)
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
