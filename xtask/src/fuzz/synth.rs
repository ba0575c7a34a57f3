//! Descriptions built from scratch: random operations, parameters, bodies and schemas, with
//! names drawn from the hostile pool, `$ref`s between components (cycles included) and
//! compositions, so that shapes no real description has are tried too.

use super::rng::Rng;
use super::values::odd_name;
use serde_json::{json, Map, Value};

pub fn description(rng: &mut Rng) -> Value {
    let schema_names: Vec<String> = (0..1 + rng.below(8)).map(|i| name(rng, i)).collect();
    let mut schemas = Map::new();
    for schema_name in &schema_names {
        schemas.insert(schema_name.clone(), schema(rng, &schema_names, 0));
    }
    let mut paths = Map::new();
    for i in 0..1 + rng.below(6) {
        let path = format!("/{}/{{id}}", name(rng, i));
        let method = *rng.pick(&["get", "post", "put", "patch", "delete"]);
        paths.insert(path, json!({ method: operation(rng, &schema_names, i) }));
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": odd_name(rng), "version": "1", "description": odd_name(rng)},
        "servers": [{"url": rng.pick(&["https://api.example.test", "/relative", "{scheme}://x", ""])}],
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

fn name(rng: &mut Rng, index: usize) -> String {
    if rng.chance(1, 3) {
        odd_name(rng)
    } else {
        format!("Thing{index}")
    }
}

fn operation(rng: &mut Rng, schema_names: &[String], index: usize) -> Value {
    let mut parameters =
        vec![json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}})];
    for _ in 0..rng.below(4) {
        parameters.push(json!({
            "name": odd_name(rng),
            "in": rng.pick(&["query", "header", "cookie", "path"]),
            "required": rng.chance(1, 2),
            "style": rng.pick(&["form", "simple", "deepObject", "matrix", "label", "pipeDelimited", "spaceDelimited"]),
            "explode": rng.chance(1, 2),
            "schema": schema(rng, schema_names, 2),
        }));
    }
    let mut operation = json!({
        "operationId": if rng.chance(1, 2) { odd_name(rng) } else { format!("op{index}") },
        "tags": [odd_name(rng)],
        "summary": odd_name(rng),
        "parameters": parameters,
        "responses": responses(rng, schema_names),
    });
    if rng.chance(1, 2) {
        let media = *rng.pick(&[
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
            "application/octet-stream",
            "*/*",
        ]);
        operation["requestBody"] = json!({
            "required": rng.chance(1, 2),
            "content": {media: {"schema": schema(rng, schema_names, 0)}},
        });
    }
    operation
}

fn responses(rng: &mut Rng, schema_names: &[String]) -> Value {
    let mut responses = Map::new();
    for _ in 0..rng.below(4) {
        let status = *rng.pick(&[
            "200", "201", "204", "2XX", "default", "404", "4XX", "500", "302", "101",
        ]);
        let mut response = json!({"description": odd_name(rng)});
        if rng.chance(2, 3) {
            response["content"] =
                json!({"application/json": {"schema": schema(rng, schema_names, 0)}});
        }
        responses.insert(status.to_owned(), response);
    }
    Value::Object(responses)
}

fn schema(rng: &mut Rng, schema_names: &[String], depth: usize) -> Value {
    if depth > 4 || rng.chance(1, 4) {
        return json!({"$ref": format!("#/components/schemas/{}", rng.pick(schema_names))});
    }
    let mut schema = match rng.below(9) {
        0 => {
            json!({"type": "string", "format": rng.pick(&["date-time", "date", "uuid", "binary", "byte", "email", "weird"])})
        }
        1 => {
            json!({"type": rng.pick(&["integer", "number"]), "format": rng.pick(&["int32", "int64", "float", "double"])})
        }
        2 => json!({"type": "boolean"}),
        3 => json!({"type": "array", "items": schema(rng, schema_names, depth + 1)}),
        4 => {
            json!({"type": "object", "additionalProperties": schema(rng, schema_names, depth + 1)})
        }
        5 => {
            let values: Vec<Value> = (0..1 + rng.below(5))
                .map(|_| json!(odd_name(rng)))
                .collect();
            json!({"type": "string", "enum": values})
        }
        6 | 7 => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            for _ in 0..rng.below(6) {
                let property = odd_name(rng);
                if rng.chance(1, 2) {
                    required.push(json!(property.clone()));
                }
                properties.insert(property, schema(rng, schema_names, depth + 1));
            }
            json!({"type": "object", "properties": properties, "required": required})
        }
        _ => {
            let keyword = *rng.pick(&["oneOf", "anyOf", "allOf"]);
            let parts: Vec<Value> = (0..1 + rng.below(3))
                .map(|_| schema(rng, schema_names, depth + 1))
                .collect();
            let mut composed = json!({ keyword: parts });
            if rng.chance(1, 3) {
                composed["discriminator"] = json!({"propertyName": odd_name(rng)});
            }
            composed
        }
    };
    for flag in ["nullable", "readOnly", "writeOnly", "deprecated"] {
        if rng.chance(1, 8) {
            schema[flag] = json!(true);
        }
    }
    if rng.chance(1, 4) {
        schema["description"] = json!(odd_name(rng));
    }
    schema
}
