//! When a re-encoded example counts as the example it came from: equal JSON, except for the
//! differences a faithful client may make (an explicit `null` against an absent key, `1`
//! against `1.0`, one instant written with another offset or precision).

use serde_json::Value;
use std::fmt;

/// The first way a re-encoded value differs from the original, with its JSON pointer.
#[derive(Debug, Clone, PartialEq)]
pub enum Difference {
    /// A key of the original (with a non-null value) is missing after re-encoding.
    Dropped { at: String },
    /// A key with a non-null value appeared that the original does not have.
    Added { at: String, value: Value },
    /// The value at `at` changed.
    Changed {
        at: String,
        original: Value,
        encoded: Value,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Dropped { at } => write!(f, "dropped field {}", shown(at)),
            Difference::Added { at, value } => {
                write!(f, "added field {} = {}", shown(at), brief(value))
            }
            Difference::Changed {
                at,
                original,
                encoded,
            } => write!(
                f,
                "changed value at {}: {} became {}",
                shown(at),
                brief(original),
                brief(encoded)
            ),
        }
    }
}

impl Difference {
    /// A short name of the kind of difference, for grouping.
    pub fn kind(&self) -> &'static str {
        match self {
            Difference::Dropped { .. } => "dropped field",
            Difference::Added { .. } => "added field",
            Difference::Changed {
                original, encoded, ..
            } if one_ulp_apart(original, encoded) => "float 1 ulp off",
            Difference::Changed { .. } => "changed value",
        }
    }
}

/// Two floats next to each other: what an inexact decimal-to-float parser gives.
fn one_ulp_apart(left: &Value, right: &Value) -> bool {
    match (left.as_f64(), right.as_f64()) {
        (Some(left), Some(right)) if left.is_finite() && right.is_finite() && left != right => {
            left.signum() == right.signum() && left.to_bits().abs_diff(right.to_bits()) == 1
        }
        _ => false,
    }
}

fn shown(at: &str) -> &str {
    if at.is_empty() {
        "/"
    } else {
        at
    }
}

/// A value as shown in messages, cut to a readable length.
fn brief(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 80 {
        text
    } else {
        format!("{}...", text.chars().take(77).collect::<String>())
    }
}

/// Every difference of `encoded` from `original`, in document order (object keys in the
/// map's order, which is deterministic); empty when they are equivalent.
pub fn differences(original: &Value, encoded: &Value) -> Vec<Difference> {
    let mut found = Vec::new();
    collect(original, encoded, &mut String::new(), &mut found);
    found
}

fn collect(original: &Value, encoded: &Value, at: &mut String, found: &mut Vec<Difference>) {
    let changed = |at: &str| Difference::Changed {
        at: at.to_owned(),
        original: original.clone(),
        encoded: encoded.clone(),
    };
    match (original, encoded) {
        (Value::Object(left), Value::Object(right)) => {
            for (key, value) in left {
                let length = at.len();
                push_segment(at, key);
                match right.get(key) {
                    None if value.is_null() => {}
                    None => found.push(Difference::Dropped { at: at.clone() }),
                    Some(other) => collect(value, other, at, found),
                }
                at.truncate(length);
            }
            for (key, value) in right {
                if !value.is_null() && !left.contains_key(key) {
                    let mut added = at.clone();
                    push_segment(&mut added, key);
                    found.push(Difference::Added {
                        at: added,
                        value: value.clone(),
                    });
                }
            }
        }
        (Value::Array(left), Value::Array(right)) if left.len() == right.len() => {
            for (index, (item, other)) in left.iter().zip(right).enumerate() {
                let length = at.len();
                push_segment(at, &index.to_string());
                collect(item, other, at, found);
                at.truncate(length);
            }
        }
        (Value::Number(left), Value::Number(right)) => {
            if left.as_f64() != right.as_f64() {
                found.push(changed(at));
            }
        }
        (Value::String(left), Value::String(right)) => {
            if left != right && !same_instant(left, right) {
                found.push(changed(at));
            }
        }
        (left, right) if left == right => {}
        _ => found.push(changed(at)),
    }
}

fn push_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
}

/// Both strings are RFC 3339 date-times naming the same instant.
fn same_instant(left: &str, right: &str) -> bool {
    use chrono::DateTime;
    match (
        DateTime::parse_from_rfc3339(left),
        DateTime::parse_from_rfc3339(right),
    ) {
        (Ok(left), Ok(right)) => left == right,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn compare(original: &Value, encoded: &Value) -> Option<Difference> {
        differences(original, encoded).into_iter().next()
    }

    #[test]
    fn identical_values_are_equivalent() {
        let value = json!({"a": [1, "x", true, null, {"b": 2.5}]});
        assert_eq!(compare(&value, &value), None);
    }

    #[test]
    fn null_and_absent_keys_are_equivalent_both_ways() {
        assert_eq!(compare(&json!({"a": null, "b": 1}), &json!({"b": 1})), None);
        assert_eq!(compare(&json!({"b": 1}), &json!({"a": null, "b": 1})), None);
    }

    #[test]
    fn numbers_compare_as_floats() {
        assert_eq!(compare(&json!({"n": 1}), &json!({"n": 1.0})), None);
        assert!(compare(&json!(1), &json!(2)).is_some());
    }

    #[test]
    fn date_times_compare_as_instants() {
        assert_eq!(
            compare(
                &json!("2020-01-01T01:00:00+01:00"),
                &json!("2020-01-01T00:00:00.000Z")
            ),
            None
        );
        assert!(compare(
            &json!("2020-01-01T00:00:00"),
            &json!("2020-01-01T00:00:00Z")
        )
        .is_some());
        assert!(compare(&json!("a"), &json!("b")).is_some());
    }

    #[test]
    fn a_missing_key_is_a_dropped_field() {
        let difference = compare(&json!({"a": {"b/c": 1}}), &json!({"a": {}})).unwrap();
        assert_eq!(
            difference,
            Difference::Dropped {
                at: "/a/b~1c".into()
            }
        );
        assert_eq!(difference.to_string(), "dropped field /a/b~1c");
    }

    #[test]
    fn changed_and_added_values_are_located() {
        assert_eq!(
            compare(&json!([1, {"x": "a"}]), &json!([1, {"x": 5}])),
            Some(Difference::Changed {
                at: "/1/x".into(),
                original: json!("a"),
                encoded: json!(5)
            })
        );
        assert_eq!(
            compare(&json!({}), &json!({"y": false})),
            Some(Difference::Added {
                at: "/y".into(),
                value: json!(false)
            })
        );
        assert!(compare(&json!([1]), &json!([1, 2])).is_some());
        assert!(compare(&json!(null), &json!(0)).is_some());
    }

    #[test]
    fn one_ulp_float_changes_are_named() {
        let found = compare(&json!(0.46052632135780236), &json!(0.4605263213578024)).unwrap();
        assert_eq!(found.kind(), "float 1 ulp off");
        let found = compare(&json!(0.5), &json!(0.25)).unwrap();
        assert_eq!(found.kind(), "changed value");
    }

    #[test]
    fn every_difference_is_listed() {
        let found = differences(
            &json!({"a": 1, "b": [2, 3], "c": 4}),
            &json!({"a": 2, "b": [2, 5]}),
        );
        let places: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            places,
            [
                "changed value at /a: 1 became 2",
                "changed value at /b/1: 3 became 5",
                "dropped field /c"
            ]
        );
    }
}
