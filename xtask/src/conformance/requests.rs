//! The requests half of wire conformance (`conformance --requests`): for each spec, the
//! crate is generated with its smoke tests (one call per operation), Prism serves the spec,
//! and the tests run against it; Prism lists every way a request breaks the spec in its
//! `sl-violations` header, which the tests record. This module runs them and reports.

use super::fault::{classify, invalid_candidates, known_prism_limits, Judge};
use super::prism::Prism;
use super::SpecSource;
use openapi_client_gen::examples::response_schemas;
use openapi_client_gen::smoke::smoke_plan;
use openapi_client_gen::{generate, Settings};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use xtask::scratch::ScratchWorkspace;

/// What became of one operation's test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    /// Prism reported these violations of the request.
    Violation(String),
    /// The argument could not be built, or the outcome was not `Ok`/`Error::Api`, or the test
    /// gave no outcome (it panicked early).
    Other(String),
    /// Prism reported violations, but the value sent (the spec's own example, or one built
    /// from its schema) is itself invalid per the spec, says the independent validator.
    InvalidArgument(String),
    /// The mock response did not decode, and the validator says that body breaks the spec.
    InvalidResponse(String),
    /// The mock response did not decode although the validator says it meets the spec.
    Undecoded(String),
    /// Prism reported violations of a request it cannot read as the spec means, each one a
    /// known limitation of Prism's (`prism_limits`).
    PrismLimit(String),
}

/// What one test appended to `$SMOKE_OUT`.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub outcome: Outcome,
    /// The index of the candidate each argument was built from, in argument order.
    pub chosen: Vec<usize>,
    /// The status and whole body of a response that did not decode.
    pub undecoded: Option<(u16, String)>,
}

/// One spec's results.
pub struct RequestRun {
    pub name: String,
    pub operations: usize,
    /// `(operation id, outcome)` for every operation that has a test.
    pub tested: Vec<(String, Outcome)>,
    /// `(operation id, why)` for operations without a test, or whose test could not run.
    pub not_covered: Vec<(String, String)>,
    /// Why the spec's tests did not all run (generation, compilation, Prism). Tests that do
    /// not compile count as failures, not as "not covered".
    pub problem: Option<String>,
}

/// Runs every spec, prints the report, and returns its totals.
pub fn run(
    specs: &[SpecSource],
    root: &Path,
    work_dir: &Path,
    workspace: &ScratchWorkspace,
) -> Totals {
    let runs: Vec<RequestRun> = specs
        .iter()
        .map(|spec| run_spec(spec, root, work_dir, workspace))
        .collect();
    print(&runs)
}

fn run_spec(
    spec: &SpecSource,
    root: &Path,
    work_dir: &Path,
    workspace: &ScratchWorkspace,
) -> RequestRun {
    eprintln!("{} (requests)...", spec.name);
    let mut run = RequestRun {
        name: spec.name.clone(),
        operations: 0,
        tested: Vec::new(),
        not_covered: Vec::new(),
        problem: None,
    };
    let text = match std::fs::read_to_string(&spec.path) {
        Ok(text) => text,
        Err(e) => {
            run.problem = Some(e.to_string());
            return run;
        }
    };
    let crate_name = xtask::scratch::crate_name("rq", &spec.name);
    let source_name = openapi_client_gen::display_name(&spec.path);
    let settings = Settings::new(&crate_name).smoke_tests(true);
    let made = std::panic::catch_unwind(|| {
        let plan = smoke_plan(&text, &source_name, &settings)?;
        let responses = response_schemas(&text, &source_name, &settings)?;
        let generated = generate(&text, &source_name, &settings)?;
        Ok::<_, openapi_client_gen::Error>((plan, responses, generated))
    });
    let (plan, responses, generated) = match made {
        Ok(Ok(made)) => made,
        Ok(Err(e)) => {
            run.problem = Some(super::first_lines(&e.to_string()));
            return run;
        }
        Err(_) => {
            run.problem = Some("PANIC in the generator".into());
            return run;
        }
    };
    run.operations = plan.operations.len() + plan.not_covered.len();
    run.not_covered = plan.not_covered.clone();
    let tests: Vec<(String, String)> = plan
        .operations
        .iter()
        .map(|p| (p.operation_id.clone(), p.test_name.clone()))
        .collect();
    let crate_dir = workspace.root.join(&crate_name);
    if let Err(e) = openapi_client_gen::write::write_crate(&crate_dir, &generated.files) {
        run.problem = Some(e.to_string());
        run.not_covered.extend(
            tests
                .iter()
                .map(|(id, _)| (id.clone(), "not written".to_owned())),
        );
        return run;
    }
    if tests.is_empty() {
        return run;
    }
    if let Err(e) = cargo_test(workspace, &crate_name, None) {
        run.problem = Some(format!("the smoke tests do not compile: {e}"));
        run.tested = tests
            .iter()
            .map(|(id, _)| (id.clone(), Outcome::Other("does not compile".into())))
            .collect();
        return run;
    }
    let tree = super::spec_tree(&text);
    let judge = Judge {
        root,
        spec: &spec.path,
        tree: tree.as_ref(),
        plans: &plan.operations,
        responses: &responses,
        scratch: &work_dir.join("validate").join(&crate_name),
    };
    let skip_file = work_dir
        .join("requests")
        .join(format!("{crate_name}.skip.json"));
    let skip = invalid_candidates(&judge);
    let written = serde_json::to_string(&skip)
        .map_err(|e| e.to_string())
        .and_then(|text| write_file(&skip_file, &text));
    if let Err(e) = written {
        run.problem = Some(format!("cannot write {}: {e}", skip_file.display()));
    }
    let target = PrismTarget {
        spec,
        crate_name: &crate_name,
        skip_file: &skip_file,
    };
    let mut recorded = run_against_prism(&mut run, root, work_dir, workspace, &target, &tests);
    remove_test_binaries(workspace, &crate_name);
    classify(&judge, &mut recorded);
    known_prism_limits(&judge, &mut recorded);
    run.tested = tests
        .iter()
        .filter(|(id, _)| !run.not_covered.iter().any(|(n, _)| n == id))
        .map(|(id, _)| {
            let outcome = recorded
                .get(id)
                .map(|r| r.outcome.clone())
                .unwrap_or_else(|| {
                    Outcome::Other("the test gave no outcome (panicked or timed out)".into())
                });
            (id.clone(), outcome)
        })
        .collect();
    run
}

/// Deletes the built smoke-test executables (tens of MB each with debug info; every spec
/// builds one, and a whole run would otherwise fill the disk). Dependencies stay built.
fn remove_test_binaries(workspace: &ScratchWorkspace, crate_name: &str) {
    let deps = workspace.target_dir.join("debug").join("deps");
    let Ok(entries) = std::fs::read_dir(&deps) else {
        return;
    };
    // The crate's own library goes too: a hundred specs' crates would fill the disk.
    let library = crate_name.replace('-', "_");
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with("smoke-")
            || name.starts_with(&format!("lib{library}-"))
            || name.starts_with(&format!("{library}-"));
        if ours {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, text).map_err(|e| e.to_string())
}

/// The spec Prism serves, the crate whose smoke tests run against it, and the candidates
/// those tests must not send (`$SMOKE_SKIP`).
struct PrismTarget<'a> {
    spec: &'a SpecSource,
    crate_name: &'a str,
    skip_file: &'a Path,
}

/// How often Prism is restarted after crashing on a request, per spec.
const MAX_RESTARTS: usize = 10;

/// Runs the tests against Prism. Prism crashes on some requests: the test that was running
/// is then failed with Prism's error, Prism is restarted, and the tests after it run again.
/// Tests that never ran (Prism does not start) are added to `run.not_covered`.
fn run_against_prism(
    run: &mut RequestRun,
    root: &Path,
    work_dir: &Path,
    workspace: &ScratchWorkspace,
    target: &PrismTarget,
    tests: &[(String, String)],
) -> BTreeMap<String, Recorded> {
    let PrismTarget {
        spec, crate_name, ..
    } = *target;
    let logs = work_dir.join("requests");
    let _ = std::fs::create_dir_all(&logs);
    let log = logs.join(format!("{crate_name}.prism.log"));
    let out_file = logs.join(format!("{crate_name}.jsonl"));
    let mut recorded = BTreeMap::new();
    let mut pending: Vec<&(String, String)> = tests.iter().collect();
    let mut crashed = false;
    for attempt in 0..=MAX_RESTARTS {
        let mut prism = match Prism::start(root, &spec.path, &log) {
            Ok(prism) => prism,
            Err(e) => {
                let why = if attempt == 0 {
                    run.problem = Some(format!("prism could not serve: {e}"));
                    "prism could not serve the spec"
                } else {
                    "prism could not be restarted"
                };
                run.not_covered
                    .extend(pending.iter().map(|(id, _)| (id.clone(), why.to_owned())));
                return recorded;
            }
        };
        let _ = std::fs::remove_file(&out_file);
        let names: Vec<&str> = pending.iter().map(|(_, test)| test.as_str()).collect();
        let smoke = SmokeRun {
            base_url: &prism.base_url,
            out_file: &out_file,
            skip_file: target.skip_file,
            tests: &names,
        };
        let _ = cargo_test(workspace, crate_name, Some(smoke));
        crashed = prism.exited();
        drop(prism);
        let mut lines = read_outcomes(&out_file);
        if crashed {
            let crash = lines.iter().position(
                |(_, r)| matches!(&r.outcome, Outcome::Other(d) if d.starts_with("Transport")),
            );
            if let Some(at) = crash {
                lines.truncate(at + 1);
                lines[at].1.outcome = Outcome::Other(format!(
                    "Prism crashed on this request: {}",
                    super::prism::first_error(&log)
                ));
            }
            let note = format!("Prism crashed {} time(s); restarted", attempt + 1);
            run.problem = Some(note);
        }
        let progress = !lines.is_empty();
        for (id, outcome) in lines {
            pending.retain(|(pending_id, _)| *pending_id != id);
            recorded.insert(id, outcome);
        }
        if !crashed || pending.is_empty() || !progress {
            break;
        }
    }
    if crashed {
        // Prism kept crashing: the tests it never answered did not run.
        run.not_covered.extend(
            pending
                .iter()
                .map(|(id, _)| (id.clone(), "not run: Prism crashed too often".to_owned())),
        );
    }
    recorded
}

/// One run of smoke tests against a server.
struct SmokeRun<'a> {
    base_url: &'a str,
    /// Where the tests append their outcomes (`$SMOKE_OUT`).
    out_file: &'a Path,
    /// The candidates they must not send (`$SMOKE_SKIP`).
    skip_file: &'a Path,
    tests: &'a [&'a str],
}

/// Builds the smoke tests (`server` unset), or runs them against `server` one at a time.
fn cargo_test(
    workspace: &ScratchWorkspace,
    crate_name: &str,
    server: Option<SmokeRun>,
) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "test",
            "--quiet",
            "--message-format=short",
            "-p",
            crate_name,
        ])
        .args(["--test", "smoke"])
        .current_dir(&workspace.root)
        .env("CARGO_TARGET_DIR", &workspace.target_dir)
        // Each crate is built once: incremental data would only fill the disk.
        .env("CARGO_INCREMENTAL", "0");
    match server {
        None => {
            command.arg("--no-run");
        }
        Some(run) => {
            command
                .args(["--", "--test-threads=1", "--exact"])
                .args(run.tests)
                .env("SMOKE_BASE_URL", run.base_url)
                .env("SMOKE_OUT", run.out_file)
                .env("SMOKE_SKIP", run.skip_file);
        }
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(stderr
        .lines()
        .find(|l| l.contains("error"))
        .unwrap_or("cargo test failed")
        .to_owned())
}

/// The outcomes the tests appended, in the order they ran.
fn read_outcomes(path: &Path) -> Vec<(String, Recorded)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().filter_map(parse_outcome).collect()
}

fn parse_outcome(line: &str) -> Option<(String, Recorded)> {
    let value: Value = serde_json::from_str(line).ok()?;
    let operation = value["operation"].as_str()?.to_owned();
    let detail = value["detail"].as_str().unwrap_or("").to_owned();
    let outcome = match value["outcome"].as_str()? {
        "passed" => Outcome::Passed,
        "violation" => Outcome::Violation(detail),
        "argument" => Outcome::Other(format!("argument: {detail}")),
        _ => Outcome::Other(detail),
    };
    let chosen = value["chosen"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(Value::as_u64)
                .map(|i| i as usize)
                .collect()
        })
        .unwrap_or_default();
    let undecoded = value["status"]
        .as_u64()
        .zip(value["body"].as_str())
        .map(|(status, body)| (status as u16, body.to_owned()));
    Some((
        operation,
        Recorded {
            outcome,
            chosen,
            undecoded,
        },
    ))
}

/// Counts over every spec.
#[derive(Default)]
pub struct Totals {
    pub passed: usize,
    pub failed: usize,
    /// Request violations over values valid per the spec.
    pub violations: usize,
    /// Request violations Prism reports over what it cannot read (known limitations).
    pub prism_limit: usize,
    /// Request violations over values the spec itself calls invalid.
    pub invalid_input: usize,
    /// Mock responses valid per the spec that do not decode.
    pub undecoded: usize,
    /// Mock responses invalid per the spec that do not decode.
    pub invalid_mock: usize,
    /// Failures that are ours: violations over valid values, valid responses that do not
    /// decode, and anything else not about Prism's mock response.
    pub bugs: usize,
    pub not_covered: usize,
}

/// Prints the failures, a table per spec, violations grouped by message, and the closing line.
pub fn print(runs: &[RequestRun]) -> Totals {
    for run in runs {
        for (id, outcome) in &run.tested {
            match outcome {
                Outcome::Passed => {}
                Outcome::Violation(detail) => {
                    println!("{} {id}: request violation: {detail}", run.name)
                }
                Outcome::Other(detail) => println!("{} {id}: other failure: {detail}", run.name),
                Outcome::InvalidArgument(detail) => println!(
                    "{} {id}: request violation over a value invalid per the spec: {detail}",
                    run.name
                ),
                Outcome::InvalidResponse(detail) => println!(
                    "{} {id}: mock response invalid per the spec: {detail}",
                    run.name
                ),
                Outcome::Undecoded(detail) => println!(
                    "{} {id}: a response valid per the spec does not decode: {detail}",
                    run.name
                ),
                Outcome::PrismLimit(detail) => println!(
                    "{} {id}: request violation Prism reports over what it cannot read: {detail}",
                    run.name
                ),
            }
        }
    }
    println!();
    println!(
        "| {:<52} | {:>10} | {:>6} | {:>6} | {:>10} | {:>11} | {:>13} | {:>9} | {:>12} | {:>5} | {:>11} | note",
        "spec",
        "operations",
        "tested",
        "passed",
        "violations",
        "Prism limit",
        "invalid input",
        "undecoded",
        "invalid mock",
        "other",
        "not covered"
    );
    println!("|{}|", ["---"; 12].join("|"));
    let mut totals = Totals::default();
    for run in runs {
        let passed = count(run, |o| *o == Outcome::Passed);
        let violations = count(run, |o| matches!(o, Outcome::Violation(_)));
        let prism_limit = count(run, |o| matches!(o, Outcome::PrismLimit(_)));
        let invalid_input = count(run, |o| matches!(o, Outcome::InvalidArgument(_)));
        let undecoded = count(run, |o| matches!(o, Outcome::Undecoded(_)));
        let invalid_mock = count(run, |o| matches!(o, Outcome::InvalidResponse(_)));
        let other = count(run, |o| matches!(o, Outcome::Other(_)));
        println!(
            "| {:<52} | {:>10} | {:>6} | {:>6} | {:>10} | {:>11} | {:>13} | {:>9} | {:>12} | {:>5} | {:>11} | {}",
            run.name,
            run.operations,
            run.tested.len(),
            passed,
            violations,
            prism_limit,
            invalid_input,
            undecoded,
            invalid_mock,
            other,
            run.not_covered.len(),
            run.problem.as_deref().unwrap_or("").replace('|', "/")
        );
        totals.passed += passed;
        totals.failed += run.tested.len() - passed;
        totals.violations += violations;
        totals.prism_limit += prism_limit;
        totals.invalid_input += invalid_input;
        totals.undecoded += undecoded;
        totals.invalid_mock += invalid_mock;
        totals.bugs += violations
            + undecoded
            + count(
                run,
                |o| matches!(o, Outcome::Other(d) if !mock_response_failure(d)),
            );
        totals.not_covered += run.not_covered.len();
    }
    println!();
    print_groups(runs);
    println!(
        "requests: {} passed, {} failed ({} operations not covered)",
        totals.passed, totals.failed, totals.not_covered
    );
    println!(
        "of the failures: {} request violations over values valid per the spec, {} over requests Prism cannot read (its known limitations), {} over values the spec itself calls invalid; {} responses valid per the spec that do not decode, {} mock responses invalid per the spec, {} other mock-response failures (Prism could not build one, or the validator could not judge it)",
        totals.violations,
        totals.prism_limit,
        totals.invalid_input,
        totals.undecoded,
        totals.invalid_mock,
        totals.failed - totals.bugs - totals.prism_limit - totals.invalid_input - totals.invalid_mock
    );
    totals
}

/// A failure to decode Prism's mock response, or Prism failing to build it: about the
/// spec's examples and Prism's content negotiation, not about our request.
fn mock_response_failure(detail: &str) -> bool {
    detail.starts_with("Decode") || detail.starts_with("PrismResponse")
}

fn count(run: &RequestRun, pred: impl Fn(&Outcome) -> bool) -> usize {
    run.tested.iter().filter(|(_, o)| pred(o)).count()
}

/// Violations by Prism's message, other failures by their first word, each with an example.
fn print_groups(runs: &[RequestRun]) {
    let mut groups: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for run in runs {
        for (id, outcome) in &run.tested {
            let keys: Vec<String> = match outcome {
                Outcome::Passed => continue,
                Outcome::Violation(detail) => violation_keys("violation", detail),
                Outcome::InvalidArgument(detail) => {
                    violation_keys("violation over a value invalid per the spec", detail)
                }
                Outcome::InvalidResponse(_) => vec!["mock response invalid per the spec".into()],
                Outcome::PrismLimit(detail) => vec![format!(
                    "Prism's limit: {}",
                    detail
                        .rsplit("(Prism's limit: ")
                        .next()
                        .unwrap_or(detail)
                        .trim_end_matches(')')
                )],
                Outcome::Undecoded(detail) => vec![format!(
                    "valid response does not decode: {}",
                    detail
                        .split("message: ")
                        .nth(1)
                        .and_then(|m| m.split(" at line").next())
                        .unwrap_or(detail)
                )],
                Outcome::Other(detail) => vec![format!(
                    "other: {}",
                    detail
                        .split([' ', '{', '('])
                        .next()
                        .unwrap_or(detail)
                        .trim_end_matches(':')
                )],
            };
            for key in keys {
                let entry = groups
                    .entry(key)
                    .or_insert_with(|| (0, format!("{} {id}", run.name)));
                entry.0 += 1;
            }
        }
    }
    if groups.is_empty() {
        return;
    }
    println!("failures by cause:");
    let mut sorted: Vec<_> = groups.into_iter().collect();
    sorted.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
    for (key, (n, example)) in sorted {
        println!("  {n:>4}  {key}  (e.g. {example})");
    }
    println!();
}

/// One group key per violation Prism listed (`a | b`), without its location.
fn violation_keys(kind: &str, detail: &str) -> Vec<String> {
    detail
        .split(" | ")
        .map(|v| format!("{kind}: {}", v.split(" at [").next().unwrap_or(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_lines_parse() {
        let outcome = |line: &str| parse_outcome(line).map(|(id, r)| (id, r.outcome));
        assert_eq!(
            outcome(r#"{"operation":"a","outcome":"passed","detail":""}"#),
            Some(("a".into(), Outcome::Passed))
        );
        assert_eq!(
            outcome(r#"{"operation":"b","outcome":"violation","detail":"x at [1]"}"#),
            Some(("b".into(), Outcome::Violation("x at [1]".into())))
        );
        assert_eq!(
            outcome(r#"{"operation":"c","outcome":"argument","detail":"bad"}"#),
            Some(("c".into(), Outcome::Other("argument: bad".into())))
        );
        assert_eq!(parse_outcome("garbage"), None);
    }

    #[test]
    fn the_chosen_candidates_and_an_undecoded_body_are_kept() {
        let (_, recorded) = parse_outcome(
            r#"{"operation":"d","outcome":"other","detail":"Decode","chosen":[0,2],"status":200,"body":"{\"a\":1}"}"#,
        )
        .unwrap();
        assert_eq!(recorded.chosen, [0, 2]);
        assert_eq!(recorded.undecoded, Some((200, r#"{"a":1}"#.to_owned())));
    }
}
