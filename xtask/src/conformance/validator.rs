//! Asks an independent validator (`tools/validate_examples.py`, on openapi-schema-validator)
//! whether each example is valid against its schema, so a failure can be called the spec's
//! fault or ours.

use openapi_client_gen::examples::{BodyExample, Direction};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// How `oneOf` with a `discriminator` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Semantics {
    /// OpenAPI's: the discriminator picks the variant.
    OpenApi,
    /// JSON Schema's (Prism's): the value must match exactly one variant.
    PlainJsonSchema,
}

/// What the validator says of one example.
#[derive(Debug, Clone, PartialEq)]
pub enum Validity {
    Valid,
    /// Invalid per its own spec, with the validator's error.
    Invalid(String),
    /// The validator could not tell (an unusable schema, or the validator did not run).
    Unknown(String),
}

/// What the validator says of one example, and where it has keys no schema declares.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    pub validity: Validity,
    /// JSON pointers (into the example) of object keys that no schema applying there
    /// declares: allowed by JSON Schema, but a generated struct has no field for them.
    pub undeclared: Vec<String>,
    /// JSON pointers of keys a schema marks `readOnly` (a generated client never sends them).
    pub read_only: Vec<String>,
}

/// Validates every example of one spec. `tree` is the spec as JSON (as the generator reads
/// it), written into `scratch` with the input list; without it the validator reads `spec`.
pub fn validate(
    root: &Path,
    spec: &Path,
    tree: Option<&Value>,
    examples: &[BodyExample],
    semantics: Semantics,
    scratch: &Path,
) -> Vec<Validation> {
    match run(root, spec, tree, examples, semantics, scratch) {
        Ok(validations) => validations,
        Err(e) => vec![
            Validation {
                validity: Validity::Unknown(e),
                undeclared: Vec::new(),
                read_only: Vec::new(),
            };
            examples.len()
        ],
    }
}

fn run(
    root: &Path,
    spec: &Path,
    tree: Option<&Value>,
    examples: &[BodyExample],
    semantics: Semantics,
    scratch: &Path,
) -> Result<Vec<Validation>, String> {
    std::fs::create_dir_all(scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let write = |name: &str, text: String| {
        let path = scratch.join(name);
        std::fs::write(&path, text)
            .map(|()| path.clone())
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let spec_file = match tree {
        Some(tree) => write("spec.json", tree.to_string())?,
        // The validator reads YAML itself (as YAML 1.1, which may differ in corners).
        None => spec.to_path_buf(),
    };
    let items: Vec<Value> = examples
        .iter()
        .map(|example| {
            json!({
                "schema_pointer": example.schema_pointer,
                "value": example.value,
                "direction": match example.direction {
                    Direction::Request => "request",
                    Direction::Response => "response",
                },
            })
        })
        .collect();
    let items_file = write("items.json", Value::Array(items).to_string())?;
    let output = Command::new(root.join(".tools/venv/bin/python"))
        .arg(root.join("tools/validate_examples.py"))
        .args((semantics == Semantics::PlainJsonSchema).then_some("--plain-json-schema"))
        .arg(&spec_file)
        .arg(&items_file)
        .output()
        .map_err(|e| format!("cannot run the validator: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().last().unwrap_or("no message");
        return Err(format!("the validator failed: {last}"));
    }
    let validations: Vec<Validation> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(parse_line)
        .collect();
    if validations.len() != examples.len() {
        return Err(format!(
            "the validator answered {} of {} examples",
            validations.len(),
            examples.len()
        ));
    }
    Ok(validations)
}

fn parse_line(line: &str) -> Validation {
    let Ok(value) = serde_json::from_str::<Value>(line) else {
        return Validation {
            validity: Validity::Unknown(format!("unreadable validator output: {line}")),
            undeclared: Vec::new(),
            read_only: Vec::new(),
        };
    };
    let error = value
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or("no message")
        .to_owned();
    let validity = match value.get("valid") {
        Some(Value::Bool(true)) => Validity::Valid,
        Some(Value::Bool(false)) => Validity::Invalid(error),
        _ => Validity::Unknown(error),
    };
    let pointers = |name: &str| -> Vec<String> {
        value
            .get(name)
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    Validation {
        validity,
        undeclared: pointers("undeclared"),
        read_only: pointers("read_only"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validator_lines_parse() {
        assert_eq!(parse_line(r#"{"valid": true}"#).validity, Validity::Valid);
        let invalid = parse_line(
            r#"{"valid": false, "error": "at /a: bad", "undeclared": ["/b"], "read_only": ["/c"]}"#,
        );
        assert_eq!(invalid.validity, Validity::Invalid("at /a: bad".into()));
        assert_eq!(invalid.undeclared, ["/b"]);
        assert_eq!(invalid.read_only, ["/c"]);
        assert!(matches!(
            parse_line(r#"{"valid": null, "error": "x"}"#).validity,
            Validity::Unknown(_)
        ));
    }
}
