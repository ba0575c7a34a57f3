//! The fuzzing campaign (stable toolchain): real descriptions mutated node by node and
//! descriptions built from scratch, each generated in-process. A case must end in a crate or
//! a located refusal: a panic, a hang or a sampled crate that fails clippy is a finding,
//! saved with its description so it replays (`--replay N`).

pub mod limits;
mod mutate;
mod rng;
mod synth;
mod values;

use openapi_client_gen::error::{Error, Location};
use openapi_client_gen::{generate, Settings};
use rng::Rng;
use serde_json::Value;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct FuzzArgs {
    /// Cases to run (the default is the short run CI does).
    #[arg(long, default_value_t = 2_000)]
    cases: u64,
    /// Run for this many minutes instead (the long run); `--cases` is then ignored.
    #[arg(long)]
    minutes: Option<u64>,
    /// The campaign's seed: case N of seed S is the same description on every machine.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Replay one case: write its description under target/fuzz and generate it.
    #[arg(long)]
    replay: Option<u64>,
    /// How many generated crates to compile with clippy, spread over the campaign.
    #[arg(long, default_value_t = 2)]
    compile: usize,
    /// Folders of seed descriptions to mutate (besides spec/ and tests/fixtures/specs).
    #[arg(long, default_values = ["../shared/corpus", "tools/node_modules/@readme/oas-examples/3.0/json", "tools/node_modules/@readme/oas-examples/3.1/json"])]
    seeds: Vec<PathBuf>,
    /// Seed descriptions larger than this are not mutated (they slow every case down).
    #[arg(long, default_value_t = 150_000)]
    max_seed_bytes: u64,
    /// A case running longer than this is a hang.
    #[arg(long, default_value_t = 30)]
    hang_seconds: u64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Skip the resource-limit cases run before the campaign.
    #[arg(long)]
    no_limits: bool,
}

/// One case's description and how it was made.
struct Case {
    number: u64,
    text: String,
    recipe: String,
    yaml: bool,
}

fn build_case(seeds: &[(String, Value)], seed: u64, number: u64) -> Case {
    let mut rng = Rng::for_case(seed, number);
    let scratch = seeds.is_empty() || rng.chance(1, 4);
    let (mut doc, mut recipe) = if scratch {
        (synth::description(&mut rng), "scratch".to_owned())
    } else {
        let (name, doc) = rng.pick(seeds);
        (doc.clone(), name.clone())
    };
    let mutations = if scratch {
        rng.below(3)
    } else {
        1 + rng.below(4)
    };
    for _ in 0..mutations {
        recipe.push(' ');
        recipe.push_str(mutate::mutate(&mut doc, &mut rng));
    }
    let yaml = rng.chance(1, 8);
    let text = if yaml {
        serde_yaml::to_string(&doc).unwrap_or_default()
    } else {
        serde_json::to_string(&doc).unwrap_or_default()
    };
    Case {
        number,
        text,
        recipe,
        yaml,
    }
}

enum Outcome {
    Generated(BTreeMap<String, String>),
    /// `unlocated` holds the message of a problem reported for the whole document.
    Refused {
        unlocated: Option<String>,
    },
    Panicked(String),
}

/// Generates one case. Cases run without the rustfmt pass (a process per case, which would
/// take most of the time); the sampled crates that get compiled are generated again with it.
fn run_case(case: &Case, rustfmt: bool) -> Outcome {
    let name = if case.yaml { "fuzz.yaml" } else { "fuzz.json" };
    let settings = Settings::new(format!("fuzz-case-{}", case.number)).rustfmt(rustfmt);
    match catch_unwind(AssertUnwindSafe(|| generate(&case.text, name, &settings))) {
        Ok(Ok(generated)) => Outcome::Generated(generated.files),
        Ok(Err(Error::Spec(problems))) => Outcome::Refused {
            unlocated: problems
                .iter()
                .find(|p| matches!(p.location, Location::Document))
                .map(|p| p.message.clone()),
        },
        Ok(Err(_)) => Outcome::Refused { unlocated: None },
        Err(payload) => Outcome::Panicked(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic without a message".into()),
        ),
    }
}

#[derive(Default)]
struct Tally {
    generated: u64,
    refused: u64,
    unlocated: u64,
    panics: Vec<(u64, String)>,
    by_recipe_kind: BTreeMap<&'static str, u64>,
    sampled: Vec<(String, BTreeMap<String, String>)>,
    slowest: (Duration, u64),
}

pub fn run(args: &FuzzArgs) -> ExitCode {
    let root = super::repo_root();
    let work = root.join("target/fuzz");
    let seeds = load_seeds(&root, args);
    if let Some(number) = args.replay {
        return replay(&work, &seeds, args.seed, number);
    }
    let mut failed = false;
    if !args.no_limits {
        failed |= !limits::run(&work.join("limits"));
    }
    std::panic::set_hook(Box::new(|_| {}));
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let deadline = args
        .minutes
        .map(|m| Instant::now() + Duration::from_secs(m * 60));
    let next = AtomicU64::new(0);
    let tally = Mutex::new(Tally::default());
    let running: Vec<Mutex<Option<(u64, Instant)>>> =
        (0..threads).map(|_| Mutex::new(None)).collect();
    let started = Instant::now();
    let hang = Duration::from_secs(args.hang_seconds);
    let sample_every = (args.cases / (args.compile as u64 + 1)).max(1);
    let work = work.as_path();
    let _ = std::fs::create_dir_all(work);
    println!(
        "fuzz: seed {}, {} seed descriptions, {threads} threads, {}",
        args.seed,
        seeds.len(),
        match args.minutes {
            Some(m) => format!("{m} minutes"),
            None => format!("{} cases", args.cases),
        }
    );
    std::thread::scope(|scope| {
        for (worker, slot) in running.iter().enumerate() {
            let (next, tally, seeds) = (&next, &tally, &seeds);
            // A crash that ends the process (a stack overflow) leaves its case named here.
            let marker = work.join(format!("running-{worker}"));
            scope.spawn(move || loop {
                let number = next.fetch_add(1, Ordering::Relaxed);
                let done = match deadline {
                    Some(deadline) => Instant::now() >= deadline,
                    None => number >= args.cases,
                };
                if done {
                    return;
                }
                let case = build_case(seeds, args.seed, number);
                let _ = std::fs::write(&marker, format!("seed {} case {number}\n", args.seed));
                *slot.lock().unwrap() = Some((number, Instant::now()));
                let case_started = Instant::now();
                let outcome = run_case(&case, false);
                let took = case_started.elapsed();
                *slot.lock().unwrap() = None;
                let mut tally = tally.lock().unwrap();
                if took > tally.slowest.0 {
                    tally.slowest = (took, number);
                }
                let kind = if case.recipe.starts_with("scratch") {
                    "scratch"
                } else {
                    "mutated"
                };
                *tally.by_recipe_kind.entry(kind).or_default() += 1;
                match outcome {
                    Outcome::Generated(_) => {
                        tally.generated += 1;
                        let due = tally.sampled.len() < args.compile
                            && (number / sample_every) as usize >= tally.sampled.len();
                        if due {
                            match run_case(&case, true) {
                                Outcome::Generated(files) => {
                                    tally.sampled.push((format!("fuzz-case-{number}"), files))
                                }
                                _ => {
                                    let message = "generated, but not once formatted";
                                    save_finding(work, args.seed, &case, message);
                                    tally.panics.push((number, message.into()));
                                }
                            }
                        }
                    }
                    Outcome::Refused { unlocated } => {
                        tally.refused += 1;
                        if let Some(message) = unlocated {
                            tally.unlocated += 1;
                            if tally.unlocated <= 20 {
                                save_finding(
                                    work,
                                    args.seed,
                                    &case,
                                    &format!("unlocated: {message}"),
                                );
                                println!("  UNLOCATED case {number}: {message}");
                            }
                        }
                    }
                    Outcome::Panicked(message) => {
                        save_finding(work, args.seed, &case, &message);
                        tally.panics.push((number, message));
                    }
                }
            });
        }
        // The watchdog: a case that runs too long is saved and ends the campaign.
        scope.spawn(|| loop {
            std::thread::sleep(Duration::from_millis(500));
            let all_idle_and_done = running.iter().all(|s| s.lock().unwrap().is_none())
                && next.load(Ordering::Relaxed) >= args.cases
                && deadline.is_none();
            let past_deadline = deadline.is_some_and(|d| Instant::now() > d + hang);
            for slot in &running {
                if let Some((number, since)) = *slot.lock().unwrap() {
                    if since.elapsed() > hang {
                        let case = build_case(&seeds, args.seed, number);
                        save_finding(work, args.seed, &case, "hang");
                        eprintln!("fuzz: case {number} ran over {}s: a hang (saved under target/fuzz/findings)", args.hang_seconds);
                        std::process::exit(1);
                    }
                }
            }
            if all_idle_and_done || past_deadline {
                return;
            }
        });
    });
    let _ = std::panic::take_hook();
    let tally = tally.into_inner().unwrap();
    let elapsed = started.elapsed();
    let total = tally.generated + tally.refused + tally.panics.len() as u64;
    println!(
        "fuzz: {total} cases in {:.1} s ({:.0} cases/s); slowest case {} took {:.2} s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        tally.slowest.1,
        tally.slowest.0.as_secs_f64()
    );
    println!(
        "  {} generated a crate, {} refused ({} without a location), {} panicked, 0 hung",
        tally.generated,
        tally.refused,
        tally.unlocated,
        tally.panics.len()
    );
    for (kind, count) in &tally.by_recipe_kind {
        println!("  {kind}: {count} cases");
    }
    for (number, message) in &tally.panics {
        println!("  PANIC case {number}: {message}");
    }
    failed |= !tally.panics.is_empty() || tally.unlocated > 0;
    failed |= !compile_sample(&root, work, &tally.sampled);
    if let Some(peak) = peak_memory_mb() {
        println!("  peak memory of the campaign: {peak} MB");
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Seed descriptions: spec/, the fixture specs and the folders given, up to the size limit.
fn load_seeds(root: &Path, args: &FuzzArgs) -> Vec<(String, Value)> {
    let mut folders = vec![root.join("spec"), root.join("tests/fixtures/specs")];
    folders.extend(args.seeds.iter().map(|d| crate::corpus::absolute(root, d)));
    let mut seeds = Vec::new();
    for folder in folders {
        for path in crate::corpus::list_specs(&folder).unwrap_or_default() {
            let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= args.max_seed_bytes);
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let parsed: Option<Value> = if path.extension().is_some_and(|e| e == "json") {
                serde_json::from_str(&text).ok()
            } else {
                serde_yaml::from_str(&text).ok()
            };
            if let (true, Some(doc)) = (small, parsed) {
                seeds.push((openapi_client_gen::display_name(&path), doc));
            }
        }
    }
    seeds
}

fn finding_path(work: &Path, seed: u64, case: &Case) -> PathBuf {
    let extension = if case.yaml { "yaml" } else { "json" };
    work.join(format!("findings/case-{seed}-{}.{extension}", case.number))
}

fn save_finding(work: &Path, seed: u64, case: &Case, message: &str) {
    let path = finding_path(work, seed, case);
    let _ = std::fs::create_dir_all(path.parent().unwrap_or(work));
    let _ = std::fs::write(&path, &case.text);
    let _ = std::fs::write(
        path.with_extension("txt"),
        format!("{}\n{message}\n", case.recipe),
    );
}

fn replay(work: &Path, seeds: &[(String, Value)], seed: u64, number: u64) -> ExitCode {
    let case = build_case(seeds, seed, number);
    let path = finding_path(work, seed, &case);
    let _ = std::fs::create_dir_all(path.parent().unwrap_or(work));
    let _ = std::fs::write(&path, &case.text);
    println!(
        "case {number} ({}) written to {}",
        case.recipe,
        path.display()
    );
    match run_case(&case, true) {
        Outcome::Generated(files) => println!("generated {} files", files.len()),
        Outcome::Refused { unlocated: None } => println!("refused, located"),
        Outcome::Refused {
            unlocated: Some(message),
        } => println!("refused without a location: {message}"),
        Outcome::Panicked(message) => {
            println!("PANIC: {message}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Compiles the sampled crates with clippy in one scratch workspace.
fn compile_sample(
    root: &Path,
    work: &Path,
    sampled: &[(String, BTreeMap<String, String>)],
) -> bool {
    if sampled.is_empty() {
        println!("  compiled 0 crates");
        return true;
    }
    let workspace = match xtask::scratch::ScratchWorkspace::create(
        &work.join("crates"),
        &work.join("target"),
        &root.join("Cargo.lock"),
    ) {
        Ok(workspace) => workspace,
        Err(e) => {
            eprintln!("fuzz: scratch workspace: {e}");
            return false;
        }
    };
    for (name, files) in sampled {
        if let Err(e) = openapi_client_gen::write::write_crate(&workspace.root.join(name), files) {
            eprintln!("fuzz: writing {name}: {e}");
            return false;
        }
    }
    for (name, _) in sampled {
        if let Err(e) = xtask::scratch::rustfmt_check(&workspace.root.join(name)) {
            println!("  {name}: {e}");
            return false;
        }
    }
    match workspace.clippy(None) {
        Ok(result) if result.ok => {
            println!(
                "  compiled {} generated crates with clippy -D warnings (and rustfmt --check): all passed",
                sampled.len()
            );
            true
        }
        Ok(result) => {
            println!(
                "  compiled {} generated crates with clippy -D warnings: FAILED ({})",
                sampled.len(),
                result.first_error.unwrap_or_default()
            );
            false
        }
        Err(e) => {
            eprintln!("fuzz: cargo clippy: {e}");
            false
        }
    }
}

/// This process's peak resident memory (Linux), in MB.
pub(crate) fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
