//! The wire-conformance run: for every spec of a set, every JSON body example it gives is
//! decoded into the generated type and re-encoded, and the result compared with the example;
//! an independent validator says which examples are valid per their own spec.

mod equivalence;
mod fault;
mod harness;
mod prism;
mod prism_limits;
mod reading;
mod report;
mod requests;
mod validator;
mod verdict;

use openapi_client_gen::examples::{body_examples, BodyExample};
use openapi_client_gen::{generate, Settings};
use reading::Reading;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use validator::{Semantics, Validity};
use verdict::{verdict, Verdict};
use xtask::scratch::ScratchWorkspace;

#[derive(clap::Args)]
pub struct ConformanceArgs {
    /// Folder of real-world specs (`*.yaml`, `*.json`).
    #[arg(long, default_value = "../shared/corpus")]
    corpus_dir: PathBuf,
    /// Skip GitHub's REST description (fetched from npm otherwise).
    #[arg(long)]
    no_github: bool,
    /// Only specs whose name (e.g. `corpus/stripe.com__main.yaml`) contains this (or one of
    /// several, separated by commas).
    #[arg(long)]
    only: Option<String>,
    /// A small fixed set instead of every spec (`ci`: a couple of minutes; no GitHub).
    #[arg(long, value_enum)]
    subset: Option<Subset>,
    /// Also write every example's result to this file (JSON).
    #[arg(long)]
    json: Option<PathBuf>,
    /// Exit 1 when an example that is valid per its spec fails.
    #[arg(long)]
    fail_on_mismatch: bool,
    /// Exit 1 when a valid example fails other than by dropping undeclared or read-only
    /// fields (the CI gate).
    #[arg(long)]
    fail_on_bugs: bool,
    /// Run the requests half instead of the examples half: every operation's generated
    /// smoke test is sent to Prism serving the spec, which reports request violations
    /// (with --fail-on-bugs, exit 1 when any test fails).
    #[arg(long)]
    requests: bool,
    /// Where crates, validator input and the shared target directory go.
    #[arg(long, default_value = "target/conformance")]
    work_dir: PathBuf,
}

#[derive(clap::ValueEnum, Clone, Copy, PartialEq, Eq)]
enum Subset {
    Ci,
}

/// The `ci` subset: our specs, edge-case specs with body examples, two small corpus specs
/// with body examples.
const CI_SUBSET: &[&str] = &[
    "spec/awork.yaml",
    "spec/workspace.yaml",
    "oas-examples/request-examples.json",
    "oas-examples/readme-extensions.json",
    "oas-examples/response-schemas.json",
    "oas-examples/uspto.json",
    "corpus/here.com__positioning.yaml",
    "corpus/meilisearch.com__main.yaml",
];

/// Where the `@readme/oas-examples` package keeps its OpenAPI 3.0 JSON specs.
const OAS_EXAMPLES_DIR: &str = "tools/node_modules/@readme/oas-examples/3.0/json";

/// One spec to run: its name in the report (`<set>/<file>`) and its file.
struct SpecSource {
    name: String,
    path: PathBuf,
}

/// One example with its verdict and validity.
pub struct Checked {
    pub example: BodyExample,
    pub reading: Reading,
    pub verdict: Verdict,
    pub validity: Validity,
}

/// One spec's results; `problem` says why none or not all of its examples could be run.
pub struct SpecRun {
    pub name: String,
    pub problem: Option<String>,
    pub examples: Vec<Checked>,
}

pub fn run(args: &ConformanceArgs) -> ExitCode {
    let root = super::repo_root();
    let work_dir = super::corpus::absolute(&root, &args.work_dir);
    if let Err(e) = setup_tools(&root) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let specs = match spec_set(args, &root, &work_dir) {
        Ok(specs) => specs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let workspace = match ScratchWorkspace::create(
        &work_dir.join("crates"),
        &work_dir.join("target"),
        &root.join("Cargo.lock"),
    ) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {}: {e}", work_dir.display());
            return ExitCode::from(2);
        }
    };
    if args.requests {
        let totals = requests::run(&specs, &root, &work_dir, &workspace);
        let failed =
            (args.fail_on_mismatch && totals.failed > 0) || (args.fail_on_bugs && totals.bugs > 0);
        return if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    let runs: Vec<SpecRun> = specs
        .iter()
        .map(|spec| run_spec(spec, &root, &work_dir, &workspace))
        .collect();
    let totals = report::print(&runs);
    if let Some(path) = &args.json {
        if let Err(e) = report::write_json(path, &runs, &totals) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let bugs = totals.failed - totals.by_design;
    if (args.fail_on_mismatch && totals.failed > 0) || (args.fail_on_bugs && bugs > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The validator and the edge-case specs come from `scripts/setup-tools.sh` (cheap when current).
fn setup_tools(root: &Path) -> Result<(), String> {
    let status = Command::new(root.join("scripts/setup-tools.sh"))
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run scripts/setup-tools.sh: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("scripts/setup-tools.sh failed".into())
    }
}

fn spec_set(
    args: &ConformanceArgs,
    root: &Path,
    work_dir: &Path,
) -> Result<Vec<SpecSource>, String> {
    let sets = [
        ("spec", root.join("spec")),
        ("oas-examples", root.join(OAS_EXAMPLES_DIR)),
        ("corpus", super::corpus::absolute(root, &args.corpus_dir)),
    ];
    let mut specs = Vec::new();
    for (set, dir) in sets {
        let paths =
            super::corpus::list_specs(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        specs.extend(paths.into_iter().map(|path| SpecSource {
            name: format!("{set}/{}", openapi_client_gen::display_name(&path)),
            path,
        }));
    }
    if let Some(Subset::Ci) = args.subset {
        specs.retain(|s| CI_SUBSET.contains(&s.name.as_str()));
    } else if !args.no_github {
        let path =
            super::github::fetch(work_dir).map_err(|e| format!("GitHub's description: {e}"))?;
        specs.push(SpecSource {
            name: format!("github/{}", openapi_client_gen::display_name(&path)),
            path,
        });
    }
    if let Some(only) = &args.only {
        specs.retain(|s| only.split(',').any(|part| s.name.contains(part)));
    }
    Ok(specs)
}

/// `oas-examples/petstore.json` -> `cf-oas-examples-petstore`.
fn crate_name(spec_name: &str) -> String {
    xtask::scratch::crate_name("cf", spec_name)
}

fn run_spec(
    spec: &SpecSource,
    root: &Path,
    work_dir: &Path,
    workspace: &ScratchWorkspace,
) -> SpecRun {
    eprintln!("{}...", spec.name);
    let mut run = SpecRun {
        name: spec.name.clone(),
        problem: None,
        examples: Vec::new(),
    };
    let text = match std::fs::read_to_string(&spec.path) {
        Ok(text) => text,
        Err(e) => {
            run.problem = Some(e.to_string());
            return run;
        }
    };
    let crate_name = crate_name(&spec.name);
    let source_name = openapi_client_gen::display_name(&spec.path);
    let settings = Settings::new(&crate_name);
    let collected = std::panic::catch_unwind(|| {
        body_examples(&text, &source_name, &settings)
            .and_then(|examples| Ok((examples, generate(&text, &source_name, &settings)?)))
    });
    let (mut examples, generated) = match collected {
        Ok(Ok(found)) => found,
        Ok(Err(e)) => {
            run.problem = Some(first_lines(&e.to_string()));
            return run;
        }
        Err(_) => {
            run.problem = Some("PANIC in the generator".into());
            return run;
        }
    };
    if examples.is_empty() {
        return run;
    }
    let tree = spec_tree(&text);
    let readings: Vec<Reading> = examples
        .iter_mut()
        .map(|example| match &tree {
            Some(tree) => {
                let (value, reading) = reading::read(&example.value, &example.rust_type, tree);
                example.value = value;
                reading
            }
            None => Reading::Literal,
        })
        .collect();
    let scratch = work_dir.join("validate").join(&crate_name);
    let validations = validator::validate(
        root,
        &spec.path,
        tree.as_ref(),
        &examples,
        Semantics::OpenApi,
        &scratch,
    );
    let crate_dir = workspace.root.join(&crate_name);
    let outcomes = openapi_client_gen::write::write_crate(&crate_dir, &generated.files)
        .map_err(|e| e.to_string())
        .and_then(|_| harness::write(&crate_dir, &crate_name.replace('-', "_"), &examples))
        .and_then(|()| {
            harness::run(
                workspace,
                &crate_name,
                &scratch.join("outcomes.jsonl"),
                examples.len(),
            )
        });
    let verdicts: Vec<Verdict> = match outcomes {
        Ok(outcomes) => examples
            .iter()
            .zip(outcomes)
            .zip(&validations)
            .map(|((example, outcome), validation)| verdict(example, outcome, validation))
            .collect(),
        Err(e) => {
            run.problem = Some(e.clone());
            vec![Verdict::NotRun(e); examples.len()]
        }
    };
    run.examples = examples
        .into_iter()
        .zip(readings)
        .zip(verdicts)
        .zip(validations)
        .map(|(((example, reading), verdict), validation)| Checked {
            example,
            reading,
            verdict,
            validity: validation.validity,
        })
        .collect();
    run
}

/// The spec as a JSON tree, read as the generator reads it (JSON, or YAML by serde_yaml).
fn spec_tree(text: &str) -> Option<serde_json::Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else {
        serde_yaml::from_str(text).ok()
    }
}

fn first_lines(message: &str) -> String {
    message.lines().take(2).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_keep_the_set() {
        assert_eq!(
            crate_name("oas-examples/petstore.json"),
            "cf-oas-examples-petstore"
        );
        assert_eq!(
            crate_name("corpus/stripe.com__main.yaml"),
            "cf-corpus-stripe-com-main"
        );
    }

    #[test]
    fn the_ci_subset_names_sets_that_exist() {
        for name in CI_SUBSET {
            let (set, _) = name.split_once('/').unwrap();
            assert!(["spec", "oas-examples", "corpus"].contains(&set), "{name}");
        }
    }
}
