//! What became of one example: equal, or how it differs (each dropped key tagged with what
//! its schema says of it), or why it did not decode, encode or run.

use super::equivalence::{self, Difference};
use super::harness::Outcome;
use super::validator::Validation;
use openapi_client_gen::examples::BodyExample;

/// What became of one example.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Equal,
    /// Decoded, but re-encoded differently.
    Differs(Vec<Found>),
    DecodeFailed(String),
    EncodeFailed(String),
    Panicked,
    /// The crate or its test did not build or run.
    NotRun(String),
}

/// One difference, and what the schema says of the key when it is a dropped one.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub difference: Difference,
    pub dropped: Dropped,
}

/// What a dropped key is to its schema, in the order failures are shown: ordinary fields
/// (which matter most), then undeclared ones (lost from the decoded value), then read-only
/// ones (kept in the decoded value, only not re-sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dropped {
    /// Not a dropped key, or one the schema declares as an ordinary field.
    Declared,
    /// No schema declares it: JSON Schema allows it, a generated struct has no field for it.
    Undeclared,
    /// The schema marks it `readOnly`: a generated client never sends it, so it is not
    /// re-encoded (response types still decode it).
    ReadOnly,
}

impl Found {
    fn describe(&self) -> String {
        match (&self.difference, self.dropped) {
            (Difference::Dropped { at }, Dropped::Undeclared) => {
                format!("dropped undeclared field {at}")
            }
            (Difference::Dropped { at }, Dropped::ReadOnly) => {
                format!("dropped read-only field {at}")
            }
            (difference, _) => difference.to_string(),
        }
    }

    fn kind(&self) -> &'static str {
        match self.dropped {
            Dropped::Declared => self.difference.kind(),
            Dropped::Undeclared => "dropped undeclared field",
            Dropped::ReadOnly => "dropped read-only field",
        }
    }
}

/// How many differences a failure line shows.
const SHOWN_DIFFERENCES: usize = 3;

impl Verdict {
    /// Decoded, and re-encoded with nothing lost but keys the generated types leave out on
    /// purpose: undeclared ones (unknown fields are ignored) and read-only ones (never sent).
    pub fn only_by_design(&self) -> bool {
        match self {
            Verdict::Differs(found) => found.iter().all(|f| f.dropped != Dropped::Declared),
            _ => false,
        }
    }

    pub fn decoded(&self) -> bool {
        matches!(
            self,
            Verdict::Equal | Verdict::Differs(_) | Verdict::EncodeFailed(_)
        )
    }

    /// Why the example failed, or `None` when it round-tripped.
    pub fn reason(&self) -> Option<String> {
        match self {
            Verdict::Equal => None,
            Verdict::Differs(found) => {
                let mut ordered: Vec<&Found> = found.iter().collect();
                ordered.sort_by_key(|f| f.dropped);
                let mut text = ordered
                    .iter()
                    .take(SHOWN_DIFFERENCES)
                    .map(|f| f.describe())
                    .collect::<Vec<_>>()
                    .join("; ");
                if ordered.len() > SHOWN_DIFFERENCES {
                    text.push_str(&format!(" (+{} more)", ordered.len() - SHOWN_DIFFERENCES));
                }
                Some(text)
            }
            Verdict::DecodeFailed(e) => Some(format!("decode failed {e}")),
            Verdict::EncodeFailed(e) => Some(format!("encode failed: {e}")),
            Verdict::Panicked => Some("panicked".into()),
            Verdict::NotRun(e) => Some(format!("not run: {e}")),
        }
    }

    /// The kind of failure, for grouping.
    pub fn kind(&self) -> &'static str {
        match self {
            Verdict::Equal => "equal",
            Verdict::Differs(found) => found
                .iter()
                .min_by_key(|f| f.dropped)
                .map_or("equal", Found::kind),
            Verdict::DecodeFailed(_) => "decode error",
            Verdict::EncodeFailed(_) => "encode error",
            Verdict::Panicked => "panic",
            Verdict::NotRun(_) => "crate not built",
        }
    }
}

pub fn verdict(example: &BodyExample, outcome: Outcome, validation: &Validation) -> Verdict {
    match outcome {
        Outcome::Encoded(encoded) => {
            let found: Vec<Found> = equivalence::differences(&example.value, &encoded)
                .into_iter()
                .map(|difference| {
                    let dropped = match &difference {
                        Difference::Dropped { at } if validation.undeclared.contains(at) => {
                            Dropped::Undeclared
                        }
                        Difference::Dropped { at } if validation.read_only.contains(at) => {
                            Dropped::ReadOnly
                        }
                        _ => Dropped::Declared,
                    };
                    Found {
                        difference,
                        dropped,
                    }
                })
                .collect();
            if found.is_empty() {
                Verdict::Equal
            } else {
                Verdict::Differs(found)
            }
        }
        Outcome::DecodeError(e) => Verdict::DecodeFailed(e),
        Outcome::EncodeError(e) => Verdict::EncodeFailed(e),
        Outcome::Unreadable(text) => Verdict::EncodeFailed(format!(
            "the re-encoded text does not parse: {}",
            text.chars().take(80).collect::<String>()
        )),
        Outcome::Panicked => Verdict::Panicked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::validator::Validity;
    use openapi_client_gen::examples::Direction;
    use serde_json::json;

    fn example(value: serde_json::Value) -> BodyExample {
        BodyExample {
            pointer: "/x".into(),
            schema_pointer: "/x/schema".into(),
            rust_type: "crate::models::Pet".into(),
            value,
            direction: Direction::Response,
            operation: "GET /pets 200".into(),
        }
    }

    fn validation(undeclared: &[&str], read_only: &[&str]) -> Validation {
        Validation {
            validity: Validity::Valid,
            undeclared: undeclared.iter().map(|s| s.to_string()).collect(),
            read_only: read_only.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn dropped_keys_are_named_by_what_the_schema_says() {
        let original = example(json!({"id": 1, "extra": 2, "name": "a"}));
        let encoded = Outcome::Encoded(json!({"name": "a"}));
        let verdict = verdict(&original, encoded, &validation(&["/extra"], &["/id"]));
        assert_eq!(verdict.kind(), "dropped undeclared field");
        assert_eq!(
            verdict.reason().unwrap(),
            "dropped undeclared field /extra; dropped read-only field /id"
        );
    }

    #[test]
    fn an_ordinary_difference_outranks_tagged_ones() {
        let original = example(json!({"id": 1, "extra": 2, "name": "a"}));
        let encoded = Outcome::Encoded(json!({"id": 1}));
        let verdict = verdict(&original, encoded, &validation(&["/extra"], &[]));
        assert_eq!(verdict.kind(), "dropped field");
        assert!(verdict.reason().unwrap().starts_with("dropped field /name"));
    }

    #[test]
    fn equal_and_failed_outcomes() {
        let original = example(json!({"id": 1}));
        let ok = verdict(
            &original,
            Outcome::Encoded(json!({"id": 1.0})),
            &validation(&[], &[]),
        );
        assert_eq!(ok, Verdict::Equal);
        assert_eq!(ok.reason(), None);
        let bad = verdict(
            &original,
            Outcome::DecodeError("at id: bad".into()),
            &validation(&[], &[]),
        );
        assert!(!bad.decoded());
        assert_eq!(bad.kind(), "decode error");
    }
}
