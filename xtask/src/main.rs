//! `cargo run -p xtask --release -- <task>`: the real-world corpus run (`corpus`), the wire
//! conformance of body examples (`conformance`), benchmarks (`bench`) and the OpenAPI 3.0 →
//! 3.1 converter (`openapi31`).

mod bench;
mod conformance;
mod corpus;
mod diff_history;
mod fuzz;
mod github;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// The allocator of the `openapi-client-gen` command, so `bench-generate` measures what the
/// command does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "xtask", about = "Repository tasks.")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Generate and compile every spec of a corpus; exits 1 below the pass-rate threshold.
    Corpus(corpus::CorpusArgs),
    /// Decode and re-encode every body example of real specs with the generated types.
    Conformance(conformance::ConformanceArgs),
    /// Benchmark generation and compile times against peers (see BENCHMARKS.md).
    Bench(bench::BenchArgs),
    /// The fuzzing campaign: mutated and synthesized descriptions must never panic or hang.
    Fuzz(fuzz::FuzzArgs),
    /// `diff` on real history (GitHub's description, version by version), checked against an
    /// independent structural comparison.
    DiffHistory(diff_history::DiffHistoryArgs),
    /// One resource-limit case (used by `fuzz` in a child process).
    #[command(hide = true)]
    FuzzLimit { spec: PathBuf },
    /// Convert an OpenAPI 3.0 spec (YAML or JSON) to OpenAPI 3.1 JSON, on standard output.
    Openapi31 { spec: PathBuf },
    /// One measured generation (used by `bench` in a child process).
    #[command(hide = true)]
    BenchGenerate {
        spec: PathBuf,
        out: PathBuf,
        /// Skip the rustfmt pass (build.rs mode).
        #[arg(long)]
        no_rustfmt: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Task::Corpus(args) => corpus::run(&args),
        Task::Conformance(args) => conformance::run(&args),
        Task::Fuzz(args) => fuzz::run(&args),
        Task::DiffHistory(args) => diff_history::run(&args),
        Task::FuzzLimit { spec } => fuzz::limits::generate_one(&spec),
        Task::Bench(args) => report(bench::run_bench(&args)),
        Task::Openapi31 { spec } => report(convert_to_openapi31(&spec)),
        Task::BenchGenerate {
            spec,
            out,
            no_rustfmt,
        } => report(bench::generate_once(&spec, &out, !no_rustfmt)),
    }
}

fn convert_to_openapi31(spec: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    println!("{}", xtask::openapi31::convert_text(&text)?);
    Ok(())
}

fn report(outcome: Result<(), String>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (this crate lives in `<root>/xtask`).
fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the repository")
        .to_path_buf()
}
