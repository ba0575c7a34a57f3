use super::*;
use serde_json::json;

fn normalized(mut schema: Value) -> (Value, Vec<String>) {
    let mut context = Context::new("t.yaml");
    normalize(&mut context, &mut schema, "/components/schemas/S");
    let warnings = context.warnings.iter().map(ToString::to_string).collect();
    (schema, warnings)
}

fn rewritten(schema: Value) -> Value {
    let (schema, warnings) = normalized(schema);
    assert!(warnings.is_empty(), "{warnings:?}");
    schema
}

#[test]
fn a_type_with_null_becomes_nullable() {
    assert_eq!(
        rewritten(json!({"type": ["string", "null"], "format": "date"})),
        json!({"format": "date", "nullable": true, "type": "string"})
    );
    assert_eq!(
        rewritten(json!({"type": ["integer"]})),
        json!({"type": "integer"})
    );
    assert_eq!(
        rewritten(json!({"type": "null"})),
        json!({"nullable": true})
    );
}

#[test]
fn several_types_become_any_of_with_their_own_keywords() {
    assert_eq!(
        rewritten(
            json!({"type": ["string", "integer", "null"], "description": "d",
            "maxLength": 3, "minimum": 1, "enum": ["a", 1, null]})
        ),
        json!({"description": "d", "nullable": true, "anyOf": [
            {"type": "string", "maxLength": 3, "enum": ["a"]},
            {"type": "integer", "minimum": 1, "enum": [1]},
        ]})
    );
    // Every integer is a number.
    assert_eq!(
        rewritten(json!({"type": ["integer", "number"]})),
        json!({"type": "number"})
    );
}

#[test]
fn a_nullable_reference_becomes_a_nullable_all_of() {
    assert_eq!(
        rewritten(
            json!({"anyOf": [{"$ref": "#/components/schemas/X"}, {"type": "null"}],
            "description": "d"})
        ),
        json!({"description": "d", "nullable": true,
            "allOf": [{"$ref": "#/components/schemas/X"}]})
    );
}

#[test]
fn a_nullable_inline_part_is_merged_into_the_schema() {
    assert_eq!(
        rewritten(
            json!({"oneOf": [{"type": "null"}, {"type": ["string"], "maxLength": 2}],
            "title": "t"})
        ),
        json!({"title": "t", "nullable": true, "type": "string", "maxLength": 2})
    );
}

#[test]
fn several_parts_and_null_stay_a_nullable_union() {
    assert_eq!(
        rewritten(json!({"oneOf": [{"$ref": "#/A"}, {"const": null}, {"$ref": "#/B"}]})),
        json!({"nullable": true, "oneOf": [{"$ref": "#/A"}, {"$ref": "#/B"}]})
    );
}

#[test]
fn const_becomes_a_typed_single_value_enum() {
    assert_eq!(
        rewritten(json!({"const": "dog"})),
        json!({"type": "string", "enum": ["dog"]})
    );
    assert_eq!(
        rewritten(json!({"type": "integer", "const": 3})),
        json!({"type": "integer", "enum": [3]})
    );
    assert_eq!(rewritten(json!({"const": null})), json!({"nullable": true}));
}

#[test]
fn the_first_of_examples_becomes_the_example() {
    assert_eq!(
        rewritten(json!({"type": "string", "examples": ["a", "b"]})),
        json!({"type": "string", "example": "a"})
    );
}

#[test]
fn numeric_exclusive_bounds_become_bound_and_flag() {
    assert_eq!(
        rewritten(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10})),
        json!({"type": "number", "exclusiveMinimum": true, "exclusiveMaximum": true,
            "minimum": 0, "maximum": 10})
    );
    // A stricter inclusive bound wins.
    assert_eq!(
        rewritten(json!({"type": "number", "minimum": 5, "exclusiveMinimum": 0})),
        json!({"type": "number", "minimum": 5})
    );
}

#[test]
fn content_keywords_become_formats() {
    assert_eq!(
        rewritten(json!({"type": "string", "contentEncoding": "base64"})),
        json!({"type": "string", "format": "byte"})
    );
    assert_eq!(
        rewritten(json!({"contentMediaType": "image/png"})),
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(
        rewritten(json!({"type": "string", "contentMediaType": "application/json"})),
        json!({"type": "string"})
    );
}

#[test]
fn prefix_items_become_items_of_any_of_their_types() {
    assert_eq!(
        rewritten(json!({"type": "array", "prefixItems": [
            {"type": "string"}, {"type": "integer"}, {"type": "string"}], "items": false})),
        json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}})
    );
    assert_eq!(
        rewritten(json!({"type": "array", "prefixItems": [{"type": "string"}]})),
        json!({"type": "array", "items": {"type": "string"}})
    );
}

#[test]
fn boolean_subschemas_become_schemas_or_disappear() {
    assert_eq!(
        rewritten(json!({"properties": {"a": true, "b": false}, "items": true,
            "additionalProperties": false})),
        json!({"properties": {"a": {}}, "items": {}, "additionalProperties": false})
    );
}

#[test]
fn quiet_keywords_are_dropped_without_warning() {
    assert_eq!(
        rewritten(json!({"type": "object", "dependentRequired": {"a": ["b"]},
            "unevaluatedProperties": false, "$schema": "x", "$id": "y"})),
        json!({"type": "object"})
    );
}

#[test]
fn shape_changing_keywords_are_dropped_with_located_warnings() {
    let (schema, warnings) = normalized(json!({"type": "object",
        "if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {},
        "patternProperties": {"^x-": {}}, "propertyNames": {"maxLength": 3},
        "unevaluatedProperties": {"type": "string"},
        "properties": {"n": {"type": "string", "not": {"const": "x"}},
                       "d": {"$dynamicRef": "#node", "description": "d"}}}));
    assert_eq!(
        schema,
        json!({"type": "object", "properties": {"n": {"type": "string"}, "d": {"description": "d"}}})
    );
    let expected = [
        "t.yaml:#/components/schemas/S/if: conditional schemas (`if`/`then`/`else`) cannot be expressed in a Rust type; ignored",
        "t.yaml:#/components/schemas/S/patternProperties: `patternProperties` cannot be expressed in a Rust type; ignored",
        "t.yaml:#/components/schemas/S/propertyNames: `propertyNames` cannot be expressed in a Rust type; ignored",
        "t.yaml:#/components/schemas/S/unevaluatedProperties: a `unevaluatedProperties` schema cannot be expressed in a Rust type; ignored",
        "t.yaml:#/components/schemas/S/properties/n/not: `not` next to other keywords cannot be expressed in a Rust type; ignored",
        "t.yaml:#/components/schemas/S/properties/d/$dynamicRef: `$dynamicRef` cannot be resolved statically; using untyped JSON",
    ];
    assert_eq!(warnings, expected);
}

#[test]
fn references_keep_their_siblings_untouched() {
    let schema = json!({"$ref": "#/components/schemas/X", "description": "d", "examples": [1]});
    assert_eq!(rewritten(schema.clone()), schema);
}

#[test]
fn subschemas_are_rewritten_at_every_depth() {
    assert_eq!(
        rewritten(
            json!({"properties": {"a": {"items": {"additionalProperties":
            {"type": ["boolean", "null"]}}}}})
        ),
        json!({"properties": {"a": {"items": {"additionalProperties":
            {"type": "boolean", "nullable": true}}}}})
    );
}
