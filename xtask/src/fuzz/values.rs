//! Hostile building blocks: names that break identifiers, files or comments, and values of
//! every JSON type.

use super::rng::Rng;
use serde_json::{json, Value};

/// Names chosen to collide, escape, or be invalid as Rust identifiers, file names or docs.
const ODD_NAMES: &[&str] = &[
    "",
    " ",
    "type",
    "Type",
    "TYPE",
    "self",
    "Self",
    "super",
    "crate",
    "r#type",
    "mod",
    "con",
    "AUX",
    "nul.rs",
    "../../etc/passwd",
    "/abs",
    "C:\\windows",
    "a/b",
    "Users",
    "users",
    "USERS",
    "user-name",
    "user_name",
    "userName",
    "UserName",
    "1starts_with_digit",
    "_",
    "__",
    "😀",
    "名前",
    "\u{0}",
    "\u{202e}rtl",
    "*/ /* */",
    "```rust\npanic!()\n```",
    "<script>",
    "{id}",
    "%2e%2e",
    "Client",
    "Error",
    "Result",
    "Option",
    "String",
    "Vec",
    "Box",
    "Default",
    "call",
    "send",
    "new",
    "builder",
    "additional_properties",
    "$ref",
];

pub fn odd_name(rng: &mut Rng) -> String {
    if rng.chance(1, 20) {
        let unit = rng.pick(&["a", "Ab", "_", "é", "-"]);
        return unit.repeat(1 + rng.below(3000));
    }
    (*rng.pick(ODD_NAMES)).to_owned()
}

/// A value of a random JSON type, hostile where it can be.
pub fn any_value(rng: &mut Rng) -> Value {
    match rng.below(9) {
        0 => Value::Null,
        1 => json!(rng.chance(1, 2)),
        2 => json!(rng.next() as i64),
        3 => json!(f64::from_bits(rng.next() & 0x7FEF_FFFF_FFFF_FFFF)),
        4 => json!(odd_name(rng)),
        5 => json!([]),
        6 => json!({}),
        7 => {
            json!({ "type": rng.pick(&["object", "array", "string", "integer", "number", "boolean", "null", "file", "any"]) })
        }
        _ => json!({ odd_name(rng): any_scalar(rng) }),
    }
}

fn any_scalar(rng: &mut Rng) -> Value {
    match rng.below(4) {
        0 => Value::Null,
        1 => json!(rng.below(1000)),
        2 => json!(odd_name(rng)),
        _ => json!(true),
    }
}
