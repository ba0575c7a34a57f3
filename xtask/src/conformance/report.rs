//! The conformance report: one line per failing example, a table per spec, failures by
//! kind, the closing `N passed, M failed`, and the full results as JSON.

use super::{Checked, Reading, SpecRun, Validity, Verdict};
use openapi_client_gen::examples::Direction;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Counts over every spec; `passed` and `failed` count only examples valid per their spec.
pub struct Totals {
    pub passed: usize,
    pub failed: usize,
    /// Failures that only drop undeclared or read-only keys (see [`Verdict::only_by_design`]).
    pub by_design: usize,
    pub spec_invalid: usize,
    pub unvalidated: usize,
}

/// Counts of one spec's examples.
#[derive(Default)]
struct Counts {
    tried: usize,
    decoded: usize,
    equal: usize,
    ours_failed: usize,
    spec_invalid: usize,
    unvalidated: usize,
}

fn counts(run: &SpecRun) -> Counts {
    let mut counts = Counts::default();
    for checked in &run.examples {
        counts.tried += 1;
        counts.decoded += usize::from(checked.verdict.decoded());
        let equal = checked.verdict == Verdict::Equal;
        counts.equal += usize::from(equal);
        match &checked.validity {
            Validity::Valid => counts.ours_failed += usize::from(!equal),
            Validity::Invalid(_) => counts.spec_invalid += 1,
            Validity::Unknown(_) => counts.unvalidated += 1,
        }
    }
    counts
}

/// Prints everything to stdout and returns the totals.
pub fn print(runs: &[SpecRun]) -> Totals {
    for run in runs {
        for checked in &run.examples {
            if let Some(reason) = checked.verdict.reason() {
                println!("{}", failure_line(&run.name, checked, &reason));
            }
        }
    }
    println!();
    println!(
        "| {:<52} | {:>8} | {:>7} | {:>5} | {:>11} | {:>12} | {:>11} | note",
        "spec", "examples", "decoded", "equal", "ours-failed", "spec-invalid", "unvalidated"
    );
    println!("|{}|", ["---"; 8].join("|"));
    let mut totals = Totals {
        passed: 0,
        failed: 0,
        by_design: runs
            .iter()
            .flat_map(|r| &r.examples)
            .filter(|c| c.validity == Validity::Valid && c.verdict.only_by_design())
            .count(),
        spec_invalid: 0,
        unvalidated: 0,
    };
    for run in runs {
        let c = counts(run);
        println!(
            "| {:<52} | {:>8} | {:>7} | {:>5} | {:>11} | {:>12} | {:>11} | {}",
            run.name,
            c.tried,
            c.decoded,
            c.equal,
            c.ours_failed,
            c.spec_invalid,
            c.unvalidated,
            run.problem.as_deref().unwrap_or("").replace('|', "/")
        );
        totals.failed += c.ours_failed;
        totals.passed += c.tried - c.ours_failed - c.spec_invalid - c.unvalidated;
        totals.spec_invalid += c.spec_invalid;
        totals.unvalidated += c.unvalidated;
    }
    println!();
    print_kinds(runs);
    println!(
        "not counted below: {} examples invalid per their own spec, {} the validator could not check",
        totals.spec_invalid, totals.unvalidated
    );
    println!(
        "{} passed, {} failed ({} of them only drop undeclared or read-only fields, by design)",
        totals.passed, totals.failed, totals.by_design
    );
    totals
}

fn failure_line(spec: &str, checked: &Checked, reason: &str) -> String {
    let tag = match &checked.validity {
        Validity::Valid => "ours".to_owned(),
        Validity::Invalid(e) => format!("spec-invalid: {e}"),
        Validity::Unknown(e) => format!("unvalidated: {e}"),
    };
    let reading = match checked.reading {
        Reading::Literal => String::new(),
        other => format!(" (example {})", other.label()),
    };
    format!(
        "FAIL {spec} #{}{reading} ({}; {}): {} [{tag}]",
        checked.example.pointer, checked.example.operation, checked.example.rust_type, reason
    )
}

/// Failures by kind, split by what the validator says.
fn print_kinds(runs: &[SpecRun]) {
    let mut kinds: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for checked in runs.iter().flat_map(|r| &r.examples) {
        if checked.verdict == Verdict::Equal {
            continue;
        }
        let column = match checked.validity {
            Validity::Valid => 0,
            Validity::Invalid(_) => 1,
            Validity::Unknown(_) => 2,
        };
        kinds.entry(checked.verdict.kind()).or_default()[column] += 1;
    }
    if kinds.is_empty() {
        return;
    }
    println!("failures by kind (valid per spec / spec-invalid / unvalidated):");
    for (kind, [valid, invalid, unknown]) in kinds {
        println!("  {kind:<24} {valid:>6} {invalid:>6} {unknown:>6}");
    }
}

/// Writes every spec and example with its verdict and validity.
pub fn write_json(path: &Path, runs: &[SpecRun], totals: &Totals) -> std::io::Result<()> {
    let specs: Vec<Value> = runs
        .iter()
        .map(|run| {
            let examples: Vec<Value> = run.examples.iter().map(example_json).collect();
            json!({"spec": run.name, "problem": run.problem, "examples": examples})
        })
        .collect();
    let document = json!({
        "passed": totals.passed,
        "failed": totals.failed,
        "spec_invalid": totals.spec_invalid,
        "unvalidated": totals.unvalidated,
        "specs": specs,
    });
    let text = serde_json::to_string_pretty(&document).map_err(std::io::Error::other)?;
    std::fs::write(path, text + "\n")
}

fn example_json(checked: &Checked) -> Value {
    let example = &checked.example;
    let (validity, validator_error) = match &checked.validity {
        Validity::Valid => ("valid", None),
        Validity::Invalid(e) => ("invalid", Some(e)),
        Validity::Unknown(e) => ("unknown", Some(e)),
    };
    json!({
        "pointer": example.pointer,
        "schema_pointer": example.schema_pointer,
        "operation": example.operation,
        "direction": match example.direction {
            Direction::Request => "request",
            Direction::Response => "response",
        },
        "rust_type": example.rust_type,
        "reading": checked.reading.label(),
        "decoded": checked.verdict.decoded(),
        "equal": checked.verdict == Verdict::Equal,
        "kind": checked.verdict.kind(),
        "reason": checked.verdict.reason(),
        "validity": validity,
        "validator_error": validator_error,
        "value": example.value,
    })
}
