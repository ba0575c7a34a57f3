//! The test written into a generated crate (decode each example into its Rust type from
//! text, re-encode it to text as the client does, write the outcome), and running it.

use openapi_client_gen::examples::BodyExample;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const TEST_NAME: &str = "conformance_examples";

/// What became of one example in the generated crate.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Decoded; this is the value re-encoded (parsed back from the encoded text).
    Encoded(Value),
    /// Decoded and re-encoded, but the encoded text does not parse (a bug of this harness).
    Unreadable(String),
    DecodeError(String),
    EncodeError(String),
    Panicked,
}

/// Writes the test and its data file (each example with the index of its type) into the crate.
pub fn write(crate_dir: &Path, lib_name: &str, examples: &[BodyExample]) -> Result<(), String> {
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut data = Vec::with_capacity(examples.len());
    for example in examples {
        let next = order.len();
        let index = *types.entry(example.rust_type.as_str()).or_insert(next);
        if index == next {
            order.push(&example.rust_type);
        }
        // The example as text, which the test decodes as a client decodes a body.
        data.push(Value::Array(vec![
            index.into(),
            example.value.to_string().into(),
        ]));
    }
    let checks: String = order
        .iter()
        .map(|ty| format!("    round_trip::<{}>,\n", in_crate(ty, lib_name)))
        .collect();
    let tests = crate_dir.join("tests");
    std::fs::create_dir_all(&tests).map_err(|e| format!("{}: {e}", tests.display()))?;
    let source = TEMPLATE.replace("/* CHECKS */\n", &checks);
    let data = Value::Array(data).to_string();
    for (name, text) in [
        (format!("{TEST_NAME}.rs"), source),
        (format!("{TEST_NAME}.json"), data),
    ] {
        let path = tests.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Builds and runs the test of one crate; its outcomes, one per example, in order. The error
/// is the first compiler error (or why the test gave no outcomes).
pub fn run(
    workspace: &xtask::scratch::ScratchWorkspace,
    crate_name: &str,
    out_file: &Path,
    expected: usize,
) -> Result<Vec<Outcome>, String> {
    let _ = std::fs::remove_file(out_file);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "--quiet", "--message-format=short", "-p"])
        .arg(crate_name)
        .args(["--test", TEST_NAME, "--", "--nocapture"])
        .current_dir(&workspace.root)
        .env("CARGO_TARGET_DIR", &workspace.target_dir)
        .env("CONFORMANCE_OUT", out_file)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let text = match std::fs::read_to_string(out_file) {
        Ok(text) => text,
        Err(_) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(stderr
                .lines()
                .find(|l| l.contains("error"))
                .unwrap_or("cargo test gave no outcomes")
                .to_owned());
        }
    };
    let outcomes: Vec<Outcome> = text.lines().map(parse_outcome).collect();
    if outcomes.len() != expected {
        return Err(format!(
            "the test gave {} outcomes for {expected} examples",
            outcomes.len()
        ));
    }
    Ok(outcomes)
}

fn parse_outcome(line: &str) -> Outcome {
    let Ok(Value::Object(mut fields)) = serde_json::from_str::<Value>(line) else {
        return Outcome::Panicked;
    };
    let text = |value: Option<Value>| match value {
        Some(Value::String(text)) => text,
        other => other.map(|v| v.to_string()).unwrap_or_default(),
    };
    if let Some(Value::String(encoded)) = fields.remove("encoded") {
        match parse_exactly(&encoded) {
            Some(value) => Outcome::Encoded(value),
            None => Outcome::Unreadable(encoded),
        }
    } else if fields.contains_key("decode_error") {
        Outcome::DecodeError(text(fields.remove("decode_error")))
    } else if fields.contains_key("encode_error") {
        Outcome::EncodeError(text(fields.remove("encode_error")))
    } else {
        Outcome::Panicked
    }
}

/// Parses JSON text with every number read exactly: serde_json's default float parser
/// (without `float_roundtrip`, which this workspace does not enable) may be one unit in the
/// last place off, which would blur the comparison. JSON as serde_json writes it is YAML,
/// and serde_yaml reads floats with the standard library's exact parser.
fn parse_exactly(text: &str) -> Option<Value> {
    serde_yaml::from_str::<Value>(text)
        .ok()
        .or_else(|| serde_json::from_str(text).ok())
}

/// A type path of the generated crate as its integration tests name it:
/// `::std::vec::Vec<crate::models::Pet>` -> `::std::vec::Vec<my_api::models::Pet>`.
fn in_crate(rust_type: &str, lib_name: &str) -> String {
    let mut out = String::with_capacity(rust_type.len() + lib_name.len());
    let mut rest = rust_type;
    while let Some(found) = rest.find("crate::") {
        let at_path_start = found == 0 || rest[..found].ends_with(['<', ',', ' ']);
        out.push_str(&rest[..found]);
        out.push_str(if at_path_start { lib_name } else { "crate" });
        out.push_str("::");
        rest = &rest[found + "crate::".len()..];
    }
    out.push_str(rest);
    out
}

const TEMPLATE: &str = r#"//! Written by `cargo run -p xtask -- conformance`: decodes every body example of the spec
//! (from its text) into the type the client decodes it into, re-encodes it to text as the
//! client would, and writes one outcome per example as a JSON line to `$CONFORMANCE_OUT`;
//! the xtask compares them.

type Check = fn(&str) -> ::serde_json::Value;

fn round_trip<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(text: &str) -> ::serde_json::Value {
    let deserializer = &mut ::serde_json::Deserializer::from_str(text);
    let decoded: T = match ::serde_path_to_error::deserialize(deserializer) {
        Ok(decoded) => decoded,
        Err(error) => {
            let message = format!("at {}: {}", error.path(), error.inner());
            return ::serde_json::json!({ "decode_error": message });
        }
    };
    match ::serde_json::to_string(&decoded) {
        Ok(encoded) => ::serde_json::json!({ "encoded": encoded }),
        Err(error) => ::serde_json::json!({ "encode_error": error.to_string() }),
    }
}

const CHECKS: &[Check] = &[
/* CHECKS */
];

#[test]
fn examples() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance_examples.json");
    let data = std::fs::read_to_string(path).expect("the examples file is readable");
    let examples: Vec<(usize, ::std::string::String)> =
        ::serde_json::from_str(&data).expect("the examples file parses");
    let mut out = String::new();
    for (check, text) in &examples {
        let outcome = std::panic::catch_unwind(|| CHECKS[*check](text))
            .unwrap_or_else(|_| ::serde_json::json!({ "panicked": true }));
        out.push_str(&outcome.to_string());
        out.push('\n');
    }
    let out_path = std::env::var("CONFORMANCE_OUT").expect("CONFORMANCE_OUT is set");
    std::fs::write(out_path, out).expect("the outcomes are written");
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_paths_name_the_library() {
        assert_eq!(
            in_crate("::std::vec::Vec<crate::models::Pet>", "api"),
            "::std::vec::Vec<api::models::Pet>"
        );
        assert_eq!(
            in_crate(
                "::std::collections::BTreeMap<::std::string::String,crate::models::A>",
                "api"
            ),
            "::std::collections::BTreeMap<::std::string::String,api::models::A>"
        );
        assert_eq!(
            in_crate("crate::models::Xcrate", "api"),
            "api::models::Xcrate"
        );
        assert_eq!(in_crate("i64", "api"), "i64");
    }

    #[test]
    fn outcomes_parse() {
        assert_eq!(
            parse_outcome(r#"{"encoded": "{\"a\":0.46052632135780236}"}"#),
            Outcome::Encoded(serde_json::json!({"a": 0.46052632135780236}))
        );
        assert_eq!(
            parse_outcome(r#"{"decode_error": "at a: bad"}"#),
            Outcome::DecodeError("at a: bad".into())
        );
        assert_eq!(parse_outcome("garbage"), Outcome::Panicked);
    }
}
