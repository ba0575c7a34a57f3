//! Whose fault a failed smoke test is. Prism checks the request against the spec, and the
//! client decodes Prism's mock response; either can fail because the spec contradicts itself
//! (an example that breaks its own schema, a pattern no example meets, overlapping `oneOf`
//! variants). The independent validator (`validator.rs`) is asked about the value each test
//! actually sent and the body it actually received: a failure over a value the spec itself
//! calls invalid is the spec's, not a wrong encoding or decoding of ours.

use super::prism_limits::limitation;
use super::requests::{Outcome, Recorded};
use super::validator::{validate, Semantics, Validity};
use openapi_client_gen::examples::{BodyExample, Direction, ResponseSchema};
use openapi_client_gen::ir::StatusMatch;
use openapi_client_gen::smoke::OperationPlan;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// What the tests of one spec need to be judged.
pub struct Judge<'a> {
    pub root: &'a Path,
    pub spec: &'a Path,
    pub tree: Option<&'a Value>,
    pub plans: &'a [OperationPlan],
    pub responses: &'a [ResponseSchema],
    pub scratch: &'a Path,
}

/// A question for the validator, and which recorded outcome it decides.
struct Question {
    operation: String,
    item: BodyExample,
}

impl Question {
    /// Prism checks requests as plain JSON Schema (it ignores discriminators); the client
    /// reads responses as OpenAPI says (the discriminator picks the variant).
    fn semantics(&self) -> Semantics {
        match self.item.direction {
            Direction::Request => Semantics::PlainJsonSchema,
            Direction::Response => Semantics::OpenApi,
        }
    }
}

/// Turns violations over an invalid argument into [`Outcome::InvalidArgument`], and
/// undecodable mock bodies into [`Outcome::InvalidResponse`] when they break their schema
/// or [`Outcome::Undecoded`] when they meet it.
pub fn classify(judge: &Judge, recorded: &mut BTreeMap<String, Recorded>) {
    let mut questions = Vec::new();
    for (operation, record) in recorded.iter() {
        match &record.outcome {
            Outcome::Violation(_) => {
                questions.extend(argument_questions(judge, operation, record));
            }
            Outcome::Other(_) => {
                if let Some(question) = response_question(judge, operation, record) {
                    questions.push(question);
                }
            }
            _ => {}
        }
    }
    let mut answered = Vec::new();
    for semantics in [Semantics::PlainJsonSchema, Semantics::OpenApi] {
        let asked: Vec<&Question> = questions
            .iter()
            .filter(|q| q.semantics() == semantics)
            .collect();
        if asked.is_empty() {
            continue;
        }
        let items: Vec<BodyExample> = asked.iter().map(|q| q.item.clone()).collect();
        let answers = validate(
            judge.root,
            judge.spec,
            judge.tree,
            &items,
            semantics,
            judge.scratch,
        );
        answered.extend(asked.into_iter().zip(answers));
    }
    for (question, answer) in answered {
        let Some(record) = recorded.get_mut(&question.operation) else {
            continue;
        };
        record.outcome = match (answer.validity, &record.outcome) {
            (Validity::Invalid(why), Outcome::Violation(detail)) => {
                Outcome::InvalidArgument(format!(
                    "{detail} (the {} sent is invalid per the spec: {why})",
                    question.item.operation
                ))
            }
            (Validity::Invalid(why), Outcome::Other(detail)) => Outcome::InvalidResponse(format!(
                "{detail} (the body is invalid per the spec: {why})"
            )),
            (Validity::Valid, Outcome::Other(detail)) => Outcome::Undecoded(detail.clone()),
            // A valid argument, an unjudged body, or a test already judged.
            _ => continue,
        };
    }
}

/// Turns violations Prism reports over requests it cannot read as the spec means into
/// [`Outcome::PrismLimit`]: only when every part of its message is one of the known
/// limitations (`prism_limits`), judged on the spec and on the value sent.
pub fn known_prism_limits(judge: &Judge, recorded: &mut BTreeMap<String, Recorded>) {
    let Some(tree) = judge.tree else {
        return;
    };
    for (operation, record) in recorded.iter_mut() {
        let Outcome::Violation(detail) = &record.outcome else {
            continue;
        };
        let Some(plan) = judge.plans.iter().find(|p| &p.operation_id == operation) else {
            continue;
        };
        // The body is the last argument of that name (a parameter may be called `body` too).
        let body = plan
            .args
            .iter()
            .chain(&plan.optional_body)
            .zip(&record.chosen)
            .filter(|(arg, _)| arg.name == "body")
            .last()
            .and_then(|(arg, &index)| arg.candidates.get(index));
        let reasons: Option<Vec<&str>> = detail
            .split(" | ")
            .map(|part| limitation(tree, plan, body, part))
            .collect();
        if let Some(mut reasons) = reasons {
            reasons.dedup();
            record.outcome =
                Outcome::PrismLimit(format!("{detail} (Prism's limit: {})", reasons.join("; ")));
        }
    }
}

/// The candidates the tests should not send, by operation and argument: those the validator
/// finds invalid, when the argument has another candidate it finds valid. A test then sends
/// a value the spec allows, so what Prism says about it is about our encoding. Checked as
/// Prism checks requests (plain JSON Schema).
pub fn invalid_candidates(judge: &Judge) -> BTreeMap<String, BTreeMap<String, Vec<usize>>> {
    let mut asked = Vec::new();
    let mut items = Vec::new();
    for plan in judge.plans {
        for arg in plan.args.iter().chain(&plan.optional_body) {
            let Some(pointer) = &arg.schema_pointer else {
                continue;
            };
            for (index, candidate) in arg.candidates.iter().enumerate() {
                asked.push((plan.operation_id.as_str(), arg.name.as_str(), index));
                items.push(item(
                    pointer.clone(),
                    candidate.clone(),
                    Direction::Request,
                    format!("`{}`", arg.name),
                ));
            }
        }
    }
    if items.is_empty() {
        return BTreeMap::new();
    }
    let answers = validate(
        judge.root,
        judge.spec,
        judge.tree,
        &items,
        Semantics::PlainJsonSchema,
        judge.scratch,
    );
    // Per argument: which candidates are invalid, and whether any is valid.
    let mut verdicts: BTreeMap<(&str, &str), (Vec<usize>, bool)> = BTreeMap::new();
    for ((operation, name, index), answer) in asked.into_iter().zip(answers) {
        let entry = verdicts.entry((operation, name)).or_default();
        match answer.validity {
            Validity::Invalid(_) => entry.0.push(index),
            Validity::Valid => entry.1 = true,
            Validity::Unknown(_) => {}
        }
    }
    let mut skip: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for ((operation, name), (invalid, any_valid)) in verdicts {
        if any_valid && !invalid.is_empty() {
            skip.entry(operation.to_owned())
                .or_default()
                .insert(name.to_owned(), invalid);
        }
    }
    skip
}

/// One question per argument the test built, about the candidate it chose.
fn argument_questions(judge: &Judge, operation: &str, record: &Recorded) -> Vec<Question> {
    let Some(plan) = judge.plans.iter().find(|p| p.operation_id == operation) else {
        return Vec::new();
    };
    plan.args
        .iter()
        .chain(&plan.optional_body)
        .zip(&record.chosen)
        .filter_map(|(arg, &index)| {
            Some(Question {
                operation: operation.to_owned(),
                item: item(
                    arg.schema_pointer.clone()?,
                    arg.candidates.get(index)?.clone(),
                    Direction::Request,
                    format!("`{}`", arg.name),
                ),
            })
        })
        .collect()
}

/// The question about a response body the client could not decode.
fn response_question(judge: &Judge, operation: &str, record: &Recorded) -> Option<Question> {
    let (status, body) = record.undecoded.as_ref()?;
    let value: Value = serde_json::from_str(body).ok()?;
    let schemas: Vec<&ResponseSchema> = judge
        .responses
        .iter()
        .filter(|r| r.operation_id == operation)
        .collect();
    let documented = schemas
        .iter()
        .find(|r| r.status == StatusMatch::Code(*status))
        .or_else(|| {
            schemas
                .iter()
                .find(|r| r.status == StatusMatch::Range(status / 100))
        })
        .or_else(|| schemas.iter().find(|r| r.status == StatusMatch::Default))?;
    Some(Question {
        operation: operation.to_owned(),
        item: item(
            documented.schema_pointer.clone(),
            value,
            Direction::Response,
            format!("{status} body"),
        ),
    })
}

fn item(schema_pointer: String, value: Value, direction: Direction, what: String) -> BodyExample {
    BodyExample {
        pointer: String::new(),
        schema_pointer,
        rust_type: String::new(),
        value,
        direction,
        operation: what,
    }
}
