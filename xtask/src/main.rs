//! `cargo run -p xtask --release -- corpus`: generates a crate for every spec of a folder
//! (and GitHub's REST description), checks each with clippy, and prints a pass-rate table.

mod bench;
mod corpus;
mod github;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Benchmark generation and compile times against peers (see BENCHMARKS.md).
    Bench(bench::BenchArgs),
    /// One measured generation (used by `bench` in a child process).
    #[command(hide = true)]
    BenchGenerate { spec: PathBuf, out: PathBuf },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Task::Corpus(args) => corpus::run(&args),
        Task::Bench(args) => report(bench::run_bench(&args)),
        Task::BenchGenerate { spec, out } => report(bench::generate_once(&spec, &out)),
    }
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
