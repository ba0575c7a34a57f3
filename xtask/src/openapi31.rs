//! An OpenAPI 3.0 → 3.1 converter, written apart from the generator's 3.1 reader so that
//! each checks the other: a spec and its conversion must generate the same crate.

use openapi_client_gen::{generate, Settings};
use serde_json::{json, Map, Value};

/// Keywords that stay on the outer schema when a nullable one is wrapped in `anyOf`.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    "externalDocs",
    "xml",
];

/// Rewrites OpenAPI 3.0 text (YAML or JSON) as the equivalent OpenAPI 3.1 JSON text.
pub fn convert_text(text: &str) -> Result<String, String> {
    let mut doc: Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    convert(&mut doc);
    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())
}

/// Rewrites an OpenAPI 3.0 tree into 3.1: `nullable` as a `null` type (or an `anyOf` part),
/// schema `example` as `examples`, boolean exclusive bounds as numbers, `format: byte` and
/// `binary` as content keywords.
pub fn convert(doc: &mut Value) {
    doc["openapi"] = json!("3.1.0");
    openapi_value(doc, "");
}

/// Walks the non-schema part of the document, converting every schema it holds.
fn openapi_value(value: &mut Value, key: &str) {
    if key.starts_with("x-") || key == "example" || key == "examples" {
        return;
    }
    match value {
        Value::Object(map) if key == "schemas" => map.values_mut().for_each(schema),
        Value::Object(map) => {
            for (field, value) in map.iter_mut() {
                if field == "schema" {
                    schema(value);
                } else {
                    openapi_value(value, field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| openapi_value(item, "")),
        _ => {}
    }
}

fn schema(value: &mut Value) {
    let Value::Object(map) = value else {
        return;
    };
    if map.contains_key("$ref") {
        return; // 3.0 ignores a reference's siblings; so will 3.1 readers of this one
    }
    for keyword in ["items", "not"] {
        map.get_mut(keyword).map(schema);
    }
    if let Some(additional @ Value::Object(_)) = map.get_mut("additionalProperties") {
        schema(additional);
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(schema);
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(parts)) = map.get_mut(keyword) {
            parts.iter_mut().for_each(schema);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if map.remove(exclusive) == Some(Value::Bool(true)) {
            if let Some(limit) = map.remove(bound) {
                map.insert(exclusive.into(), limit);
            }
        }
    }
    if let Some(example) = map.remove("example") {
        map.insert("examples".into(), json!([example]));
    }
    if map.get("type") == Some(&json!("string")) {
        match map.get("format").and_then(Value::as_str) {
            Some("byte") => {
                map.remove("format");
                map.insert("contentEncoding".into(), json!("base64"));
            }
            Some("binary") => {
                map.remove("format");
                map.insert("contentMediaType".into(), json!("application/octet-stream"));
            }
            _ => {}
        }
    }
    if map.remove("nullable") == Some(Value::Bool(true)) {
        allow_null(map);
    }
}

fn allow_null(map: &mut Map<String, Value>) {
    let null_part = json!({"type": "null"});
    if let Some(Value::String(json_type)) = map.get("type").cloned() {
        map.insert("type".into(), json!([json_type, "null"]));
        if let Some(Value::Array(values)) = map.get_mut("enum") {
            if !values.contains(&Value::Null) {
                values.push(Value::Null);
            }
        }
        return;
    }
    // FastAPI's spelling of a nullable reference: `anyOf: [$ref, {type: null}]`.
    if let Some(Value::Array(parts)) = map.get("allOf") {
        if let [part] = parts.as_slice() {
            if part.get("$ref").is_some() {
                let part = part.clone();
                map.remove("allOf");
                map.insert("anyOf".into(), json!([part, null_part]));
                return;
            }
        }
    }
    for keyword in ["oneOf", "anyOf"] {
        if let Some(Value::Array(parts)) = map.get_mut(keyword) {
            parts.push(null_part);
            return;
        }
    }
    let (outer, inner): (Map<String, Value>, Map<String, Value>) = std::mem::take(map)
        .into_iter()
        .partition(|(key, _)| ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-"));
    *map = outer;
    map.insert("anyOf".into(), json!([inner, null_part]));
}

/// Generates `text` and its 3.1 conversion under one name; `Ok` with the number of files
/// when every file is byte-identical, else what differs.
pub fn compare_converted(
    text: &str,
    source_name: &str,
    settings: &Settings,
) -> Result<usize, String> {
    let converted = convert_text(text)?;
    let original = generate(text, source_name, settings).map_err(|e| format!("3.0: {e}"))?;
    let rewritten = generate(&converted, source_name, settings).map_err(|e| format!("3.1: {e}"))?;
    let mut differences = Vec::new();
    for (path, contents) in &original.files {
        match rewritten.files.get(path) {
            None => differences.push(format!("{path}: missing from the 3.1 crate")),
            Some(other) if other != contents => {
                let line = contents
                    .lines()
                    .zip(other.lines())
                    .position(|(a, b)| a != b)
                    .map_or(0, |i| i + 1);
                differences.push(format!("{path}: differs from line {line}"));
            }
            Some(_) => {}
        }
    }
    differences.extend(
        rewritten
            .files
            .keys()
            .filter(|path| !original.files.contains_key(*path))
            .map(|path| format!("{path}: only in the 3.1 crate")),
    );
    if differences.is_empty() {
        Ok(original.files.len())
    } else {
        Err(differences.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_becomes_a_null_type_or_part() {
        let mut doc = json!({"components": {"schemas": {
            "A": {"type": "string", "nullable": true, "enum": ["x"], "example": "x"},
            "B": {"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true},
            "C": {"oneOf": [{"type": "integer"}, {"type": "string"}], "nullable": true},
            "D": {"properties": {"n": {"type": "number", "minimum": 1,
                  "exclusiveMinimum": true}}, "nullable": true, "description": "d"},
        }}});
        convert(&mut doc);
        assert_eq!(
            doc["components"]["schemas"],
            json!({
                "A": {"type": ["string", "null"], "enum": ["x", null], "examples": ["x"]},
                "B": {"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]},
                "C": {"oneOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]},
                "D": {"description": "d", "anyOf": [
                    {"properties": {"n": {"type": "number", "exclusiveMinimum": 1}}},
                    {"type": "null"}]},
            })
        );
    }
}
