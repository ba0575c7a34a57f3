//! How an example value is read. OpenAPI 3.0 says an example is a literal; two habits of real
//! specs are read the way documentation tools read them, and each such example is tagged:
//! a value that is only `{"$ref": "#/..."}` stands for the value it points to, and a JSON body
//! given as a string holding its text (`example: '{"id": 1}'`) stands for the parsed text.

use serde_json::Value;

/// How an example's value was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Literal,
    /// `{"$ref": "#/..."}`, replaced by the value it points to.
    RefResolved,
    /// A string holding a JSON object or array, replaced by the parsed text.
    JsonText,
}

impl Reading {
    pub fn label(self) -> &'static str {
        match self {
            Reading::Literal => "literal",
            Reading::RefResolved => "$ref resolved",
            Reading::JsonText => "JSON text parsed",
        }
    }
}

/// Types for which a string example is what it says (a string) or anything at all.
const TAKES_A_STRING: &[&str] = &["::std::string::String", "::serde_json::Value"];

/// How many `$ref`s in a row are followed.
const MAX_HOPS: usize = 8;

/// The value to test for `value`, an example decoded as `rust_type`; `spec` is the whole
/// document as JSON.
pub fn read(value: &Value, rust_type: &str, spec: &Value) -> (Value, Reading) {
    let mut current = value;
    let mut reading = Reading::Literal;
    for _ in 0..MAX_HOPS {
        match lone_ref(current).and_then(|pointer| spec.pointer(pointer)) {
            Some(target) => {
                current = target;
                reading = Reading::RefResolved;
            }
            None => break,
        }
    }
    if let Value::String(text) = current {
        let trimmed = text.trim_start();
        if (trimmed.starts_with('{') || trimmed.starts_with('['))
            && !TAKES_A_STRING.contains(&rust_type)
        {
            if let Ok(parsed @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str(text) {
                return (parsed, Reading::JsonText);
            }
        }
    }
    (current.clone(), reading)
}

/// The local pointer of a value that is only `{"$ref": "#/..."}` (not percent-encoded).
fn lone_ref(value: &Value) -> Option<&str> {
    let object = value.as_object().filter(|o| o.len() == 1)?;
    let pointer = object.get("$ref")?.as_str()?.strip_prefix('#')?;
    (pointer.starts_with('/') && !pointer.contains('%')).then_some(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Value {
        json!({"components": {
            "schemas": {"Pet": {"example": {"id": 1}}},
            "examples": {"Alias": {"value": {"$ref": "#/components/schemas/Pet/example"}}}
        }})
    }

    #[test]
    fn lone_refs_are_followed() {
        let value = json!({"$ref": "#/components/examples/Alias/value"});
        assert_eq!(
            read(&value, "crate::models::Pet", &spec()),
            (json!({"id": 1}), Reading::RefResolved)
        );
    }

    #[test]
    fn refs_that_do_not_resolve_or_have_siblings_stay_literal() {
        for value in [
            json!({"$ref": "#/components/schemas/Nope"}),
            json!({"$ref": "#/components/schemas/Pet/example", "id": 2}),
        ] {
            assert_eq!(
                read(&value, "crate::models::Pet", &spec()),
                (value.clone(), Reading::Literal)
            );
        }
    }

    #[test]
    fn json_text_is_parsed_unless_a_string_is_wanted() {
        let text = json!("{\"id\": 1}");
        assert_eq!(
            read(&text, "crate::models::Pet", &spec()),
            (json!({"id": 1}), Reading::JsonText)
        );
        assert_eq!(
            read(&text, "::std::string::String", &spec()),
            (text.clone(), Reading::Literal)
        );
        let plain = json!("\"just a string\"");
        assert_eq!(
            read(&plain, "crate::models::Pet", &spec()),
            (plain.clone(), Reading::Literal)
        );
    }
}
