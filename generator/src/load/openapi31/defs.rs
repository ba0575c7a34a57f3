//! Hoists `$defs` (anywhere in the document) into `components/schemas`, where OpenAPI 3.0
//! keeps named schemas, and points every `$ref` at the new place.

use super::Context;
use crate::error::pointer_segment;
use serde_json::{Map, Value};

/// Nested `$defs` are hoisted one level per round.
const MAX_ROUNDS: usize = 16;

pub fn hoist(context: &mut Context, doc: &mut Value) {
    if !super::walk::has_key(doc, "$defs") {
        return; // most documents have none: skip the walk that locates them
    }
    for _ in 0..MAX_ROUNDS {
        let found = take_defs(doc);
        if found.is_empty() {
            return;
        }
        let mut moves = Vec::new();
        for (owner, defs) in found {
            for (name, schema) in defs {
                let new_name = free_name(doc, &owner, &name);
                let old = format!("{owner}/$defs/{}", pointer_segment(&name));
                let new = format!("/components/schemas/{}", pointer_segment(&new_name));
                schemas_mut(doc).insert(new_name, schema);
                context.moved(&new, &old);
                moves.push((old, new));
            }
        }
        rewrite_refs(doc, &moves);
    }
}

/// Removes every `$defs` map (of schemas, and of the document root), with its owner's pointer.
fn take_defs(doc: &mut Value) -> Vec<(String, Map<String, Value>)> {
    let mut found = Vec::new();
    let mut take = |value: &mut Value, pointer: &str| {
        if let Some(Value::Object(defs)) = value.as_object_mut().and_then(|m| m.remove("$defs")) {
            found.push((pointer.to_owned(), defs));
        }
    };
    take(doc, "");
    super::walk::every_schema(doc, &mut take);
    found
}

fn schemas_mut(doc: &mut Value) -> &mut Map<String, Value> {
    /// The mapping under `key`, made (or made a mapping) when it is not one.
    fn mapping<'m>(parent: &'m mut Value, key: &str) -> &'m mut Value {
        let child = parent
            .as_object_mut()
            .expect("a mapping")
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
        if !child.is_object() {
            *child = Value::Object(Map::new());
        }
        child
    }
    let components = mapping(doc, "components");
    mapping(components, "schemas")
        .as_object_mut()
        .expect("made a mapping")
}

/// `name`, else prefixed with its owning component's name, else with a number appended.
fn free_name(doc: &mut Value, owner: &str, name: &str) -> String {
    let schemas = schemas_mut(doc);
    let owner_name = owner
        .strip_prefix("/components/schemas/")
        .and_then(|rest| rest.split('/').next())
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"));
    let mut candidates = vec![name.to_owned()];
    candidates.extend(owner_name.map(|owner| format!("{owner}{name}")));
    if let Some(free) = candidates.iter().find(|c| !schemas.contains_key(*c)) {
        return free.clone();
    }
    (2..)
        .map(|n| format!("{name}{n}"))
        .find(|c| !schemas.contains_key(c))
        .expect("an unused name exists")
}

/// Points each `$ref` to a moved schema (or into one) at its new place.
fn rewrite_refs(value: &mut Value, moves: &[(String, String)]) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(reference) if key == "$ref" => {
                        if let Some(new) = moved_ref(reference, moves) {
                            *reference = new;
                        }
                    }
                    _ => rewrite_refs(item, moves),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite_refs(item, moves)),
        _ => {}
    }
}

fn moved_ref(reference: &str, moves: &[(String, String)]) -> Option<String> {
    let pointer = reference.strip_prefix('#')?;
    let pointer = pointer.replace("%24", "$");
    moves.iter().find_map(|(old, new)| {
        let rest = pointer.strip_prefix(old.as_str())?;
        (rest.is_empty() || rest.starts_with('/')).then(|| format!("#{new}{rest}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hoisted(mut doc: Value) -> (Value, Vec<(String, String)>) {
        let mut context = Context::new("t.yaml");
        hoist(&mut context, &mut doc);
        (doc, context.origins)
    }

    #[test]
    fn defs_of_a_component_become_components_and_refs_follow() {
        let (doc, origins) = hoisted(json!({"components": {"schemas": {
            "Pet": {"properties": {"tag": {"$ref": "#/components/schemas/Pet/$defs/Tag"}},
                    "$defs": {"Tag": {"type": "string"}}},
        }}}));
        assert_eq!(
            doc,
            json!({"components": {"schemas": {
                "Pet": {"properties": {"tag": {"$ref": "#/components/schemas/Tag"}}},
                "Tag": {"type": "string"},
            }}})
        );
        assert_eq!(
            origins,
            [(
                "/components/schemas/Tag".to_owned(),
                "/components/schemas/Pet/$defs/Tag".to_owned()
            )]
        );
    }

    #[test]
    fn taken_names_get_the_owner_prefix_then_a_number() {
        let (doc, _) = hoisted(json!({"components": {"schemas": {
            "Tag": {"type": "integer"},
            "PetTag": {"type": "integer"},
            "Pet": {"$defs": {"Tag": {"type": "string"}}},
            "Toy": {"$defs": {"Tag": {"type": "boolean"}}},
        }}}));
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Tag2"], json!({"type": "string"}));
        assert_eq!(schemas["ToyTag"], json!({"type": "boolean"}));
    }

    #[test]
    fn nested_and_document_level_defs_are_hoisted_with_refs_into_them() {
        let (doc, _) = hoisted(json!({
            "$defs": {"Root": {"$defs": {"Inner": {"type": "string"}},
                               "items": {"$ref": "#/$defs/Root/$defs/Inner"}}},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"$ref": "#/%24defs/Root/items"}}}}}}}},
        }));
        assert_eq!(
            doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/Root/items"})
        );
        assert_eq!(
            doc["components"]["schemas"],
            json!({"Root": {"items": {"$ref": "#/components/schemas/Inner"}},
                   "Inner": {"type": "string"}})
        );
    }
}
