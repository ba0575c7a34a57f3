//! Generates typed, documented Rust client crates from OpenAPI 3.0 and 3.1 descriptions.
//!
//! The pipeline has four stages, one module each: [`load`] (text to `openapiv3`),
//! [`lower`] (to the [`ir`], where every name is decided), `emit` (IR to formatted files)
//! and [`write`] (atomic output and drift checks). Nothing but `write` touches the output
//! (the format stage runs rustfmt on copies in a private scratch directory, removed after),
//! so `build.rs` scripts, tests and the CLI all call the same functions.

mod check;
mod components;
pub mod diff;
mod emit;
pub mod error;
pub mod examples;
mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod output_dir;
mod runtime;
mod schema_pointer;
pub mod settings;
pub mod smoke;
pub mod write;

pub use error::{Diagnostic, Error, Location};
pub use settings::{read_config, BodyPagination, ClientConfig, EnvelopeFields, Settings};

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// A generated crate: its files by relative path, and the spec problems that were worked around.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: BTreeMap<String, String>,
    pub warnings: Vec<Diagnostic>,
}

/// Time spent in each stage of one generation (the write stage is the caller's).
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimings {
    pub load: Duration,
    pub lower: Duration,
    pub emit: Duration,
    pub format: Duration,
}

/// Generates a crate from spec text. `source_name` names the spec in messages and in the
/// generated files' header (use a path that is the same on every machine).
pub fn generate(text: &str, source_name: &str, settings: &Settings) -> Result<Generated, Error> {
    generate_timed(text, source_name, settings).map(|(generated, _)| generated)
}

/// [`generate`], also reporting how long each stage took (for benchmarks).
pub fn generate_timed(
    text: &str,
    source_name: &str,
    settings: &Settings,
) -> Result<(Generated, StageTimings), Error> {
    // Documents may nest 128 levels (the parsers' limit), which the recursive readers need
    // more stack for than a test or async worker thread has (2 MiB): run on a thread with
    // enough, whatever thread the caller is on.
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("openapi-client-gen".into())
            .stack_size(GENERATION_STACK)
            .spawn_scoped(scope, || generate_here(text, source_name, settings));
        match worker {
            Ok(worker) => worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => generate_here(text, source_name, settings),
        }
    })
}

/// Stack for one generation: enough for 128 levels of nesting in a debug build.
const GENERATION_STACK: usize = 64 * 1024 * 1024;

/// Runs `a` and `b` at once, each on a thread with a generation's stack (on this thread if
/// a thread cannot be started): for tools that read two versions of a spec.
pub(crate) fn both<A: Send, B: Send>(a: impl Fn() -> A + Sync, b: impl Fn() -> B + Sync) -> (A, B) {
    std::thread::scope(|scope| {
        let thread = || std::thread::Builder::new().stack_size(GENERATION_STACK);
        let (a, b) = (&a, &b);
        let first = thread().spawn_scoped(scope, a);
        let second = thread().spawn_scoped(scope, b);
        (
            first.map_or_else(
                |_| a(),
                |t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            ),
            second.map_or_else(
                |_| b(),
                |t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            ),
        )
    })
}

fn generate_here(
    text: &str,
    source_name: &str,
    settings: &Settings,
) -> Result<(Generated, StageTimings), Error> {
    let mut timings = StageTimings::default();
    let started = Instant::now();
    let load::Loaded {
        doc,
        warnings: load_warnings,
    } = load::load_with_warnings(source_name, text)?;
    timings.load = started.elapsed();
    let started = Instant::now();
    let lowered = lower::lower(source_name, &doc, settings).map_err(Error::Spec)?;
    let clashes = check::check_names(&lowered.api, source_name);
    if !clashes.is_empty() {
        return Err(Error::Spec(clashes));
    }
    let smoke_plan = settings
        .smoke_tests
        .then(|| smoke::plan(&doc, &lowered.api));
    drop(doc);
    timings.lower = started.elapsed();
    let internal = |message| Error::spec(source_name, Location::Document, message);
    let started = Instant::now();
    let emit::Emitted { mut files, pieced } =
        emit::emit(&lowered.api, settings, source_name, smoke_plan.as_ref()).map_err(internal)?;
    timings.emit = started.elapsed();
    let started = Instant::now();
    format::format_crate(&mut files, pieced, settings.rustfmt).map_err(internal)?;
    timings.format = started.elapsed();
    let mut warnings = load_warnings;
    warnings.extend(lowered.warnings);
    warnings.sort();
    let generated = Generated { files, warnings };
    Ok((generated, timings))
}

/// Reads the spec of one configured client and generates its crate.
pub fn generate_client(config: &ClientConfig) -> Result<Generated, Error> {
    let text = std::fs::read_to_string(&config.spec).map_err(|e| Error::io(&config.spec, e))?;
    generate(&text, &display_name(&config.spec), &config.settings())
}

/// The name a spec is shown under: its file name, the same on every machine.
pub fn display_name(spec: &Path) -> String {
    spec.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| spec.display().to_string())
}
