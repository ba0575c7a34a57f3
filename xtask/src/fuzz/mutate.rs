//! Structure-aware mutation of a parsed description: nodes deleted, duplicated, retyped,
//! swapped, nested deeply, given huge enums or odd names, or replaced by `$ref`s to anything.

use super::rng::Rng;
use super::values::{any_value, odd_name};
use serde_json::{json, Map, Value};

/// Every node's JSON pointer (the root excluded), in document order.
pub fn pointers(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), doc)];
    while let Some((at, node)) = stack.pop() {
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    let escaped = key.replace('~', "~0").replace('/', "~1");
                    let child_at = format!("{at}/{escaped}");
                    out.push(child_at.clone());
                    stack.push((child_at, child));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    let child_at = format!("{at}/{index}");
                    out.push(child_at.clone());
                    stack.push((child_at, child));
                }
            }
            _ => {}
        }
    }
    out
}

/// The kinds of mutation, named in findings.
pub const KINDS: &[&str] = &[
    "delete",
    "duplicate",
    "retype",
    "swap",
    "nest",
    "huge-enum",
    "rename",
    "ref",
    "retype-schema",
];

/// Applies one random mutation; returns its kind.
pub fn mutate(doc: &mut Value, rng: &mut Rng) -> &'static str {
    let all = pointers(doc);
    if all.is_empty() {
        *doc = any_value(rng);
        return "retype";
    }
    let target = rng.pick(&all).clone();
    let kind = *rng.pick(KINDS);
    match kind {
        "delete" => delete(doc, &target),
        "duplicate" => {
            let source = rng.pick(&all).clone();
            if let Some(copy) = doc.pointer(&source).cloned() {
                replace(doc, &target, copy);
            }
        }
        "retype" => replace(doc, &target, any_value(rng)),
        "swap" => {
            let other = rng.pick(&all).clone();
            // A node cannot be swapped with one inside it.
            if !other.starts_with(&format!("{target}/"))
                && !target.starts_with(&format!("{other}/"))
            {
                let (a, b) = (doc.pointer(&target).cloned(), doc.pointer(&other).cloned());
                if let (Some(a), Some(b)) = (a, b) {
                    replace(doc, &target, b);
                    replace(doc, &other, a);
                }
            }
        }
        "nest" => {
            let most = if rng.chance(1, 4) { 300 } else { 12 };
            let depth = 1 + rng.below(most);
            let mut node = doc.pointer(&target).cloned().unwrap_or(Value::Null);
            for _ in 0..depth {
                node = match rng.below(4) {
                    0 => json!({"type": "array", "items": node}),
                    1 => json!({"type": "object", "properties": {"x": node}}),
                    2 => json!({"allOf": [node]}),
                    _ => json!({"oneOf": [node, {"type": "string"}]}),
                };
            }
            replace(doc, &target, node);
        }
        "huge-enum" => {
            let most = if rng.chance(1, 8) { 20_000 } else { 200 };
            let size = 1 + rng.below(most);
            let values: Vec<Value> = (0..size)
                .map(|i| match rng.below(3) {
                    0 => json!(odd_name(rng)),
                    1 => json!(i),
                    _ => json!(format!("v{}", i % 7)),
                })
                .collect();
            if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                map.insert("enum".into(), Value::Array(values));
            } else {
                replace(doc, &target, json!({"type": "string", "enum": values}));
            }
        }
        "rename" => rename(doc, &target, odd_name(rng)),
        "ref" => {
            let pointer = match rng.below(6) {
                0 => target.clone(),
                1 => String::new(),
                2 => "/info".to_owned(),
                3 => "/components/schemas/%ZZ".to_owned(),
                _ => rng.pick(&all).clone(),
            };
            let reference = if rng.chance(1, 10) {
                format!("other.yaml#{pointer}")
            } else {
                format!("#{pointer}")
            };
            replace(doc, &target, json!({ "$ref": reference }));
        }
        _ => {
            let ty = rng.pick(&[
                "object", "array", "string", "integer", "number", "boolean", "null",
            ]);
            if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                map.insert("type".into(), json!(ty));
            }
        }
    }
    kind
}

fn split(pointer: &str) -> (&str, String) {
    let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

fn delete(doc: &mut Value, pointer: &str) {
    let (parent, key) = split(pointer);
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&key);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = key.parse::<usize>() {
                if index < items.len() {
                    items.remove(index);
                }
            }
        }
        _ => {}
    }
}

fn replace(doc: &mut Value, pointer: &str, value: Value) {
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = value;
    }
}

fn rename(doc: &mut Value, pointer: &str, name: String) {
    let (parent, key) = split(pointer);
    if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
        if let Some(value) = map.remove(&key) {
            let mut renamed = Map::new();
            renamed.insert(name, value);
            map.extend(renamed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_keys_and_reach_every_node() {
        let doc = json!({"a/b": {"c~d": [1, 2]}});
        assert_eq!(
            pointers(&doc),
            ["/a~1b", "/a~1b/c~0d", "/a~1b/c~0d/0", "/a~1b/c~0d/1"]
        );
        let mut doc = doc;
        delete(&mut doc, "/a~1b/c~0d/0");
        assert_eq!(doc, json!({"a/b": {"c~d": [2]}}));
    }

    #[test]
    fn the_same_case_mutates_the_same_way() {
        let base = json!({"paths": {"/a": {"get": {"responses": {"200": {"description": "d"}}}}}});
        let run = || {
            let mut doc = base.clone();
            let mut rng = Rng::for_case(7, 42);
            let kinds: Vec<_> = (0..5).map(|_| mutate(&mut doc, &mut rng)).collect();
            (doc, kinds)
        };
        assert_eq!(run(), run());
    }
}
