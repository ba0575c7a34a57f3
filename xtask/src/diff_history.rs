//! `xtask diff-history`: `diff` on real history. For consecutive versions of GitHub's REST
//! description (and the first against the last), it times the report, measures its Markdown,
//! and asks an independent structural comparison (`tools/structural_diff.py`, which shares
//! no code with the Rust diff) what the report misses.

use openapi_client_gen::diff::{diff, Bump, HttpImpact, RustImpact};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

#[derive(clap::Args)]
pub struct DiffHistoryArgs {
    /// `@octokit/openapi` versions, oldest first.
    #[arg(
        long,
        value_delimiter = ',',
        default_values = ["19.0.0", "19.1.0", "20.0.0", "21.0.0", "22.0.0", "23.0.0", "23.0.1", "23.0.2"]
    )]
    versions: Vec<String>,
    /// Exit 1 when the share of differences the report covers falls below this on any pair.
    #[arg(long, default_value_t = 0.995)]
    min_recall: f64,
    /// Exit 1 when a report's Markdown is longer than this.
    #[arg(long, default_value_t = 60_000)]
    max_markdown: usize,
    #[arg(long, default_value = "target/diff-history")]
    work_dir: PathBuf,
}

/// What one pair gave.
struct Pair {
    label: String,
    seconds: f64,
    changes: usize,
    also: usize,
    http_breaking: usize,
    items: usize,
    items_breaking: usize,
    bump: Bump,
    markdown: usize,
    differences: u64,
    covered: u64,
    missed: Vec<Value>,
}

pub fn run(args: &DiffHistoryArgs) -> ExitCode {
    let root = super::repo_root();
    let work = root.join(&args.work_dir);
    let mut specs = Vec::new();
    for version in &args.versions {
        match super::github::fetch_version(&work, version) {
            Ok(spec) => specs.push((version.clone(), spec)),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = (1..specs.len()).map(|i| (i - 1, i)).collect();
    if specs.len() > 2 {
        pairs.push((0, specs.len() - 1));
    }
    let mut results = Vec::new();
    for (old, new) in pairs {
        match measure(&root, &work, &specs[old], &specs[new]) {
            Ok(pair) => results.push(pair),
            Err(e) => {
                eprintln!("error: {} → {}: {e}", specs[old].0, specs[new].0);
                return ExitCode::FAILURE;
            }
        }
    }
    print(&results);
    let failed = results
        .iter()
        .any(|p| recall(p) < args.min_recall || p.markdown > args.max_markdown);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn recall(pair: &Pair) -> f64 {
    if pair.differences == 0 {
        1.0
    } else {
        pair.covered as f64 / pair.differences as f64
    }
}

fn measure(
    root: &Path,
    work: &Path,
    (old_version, old): &(String, PathBuf),
    (new_version, new): &(String, PathBuf),
) -> Result<Pair, String> {
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|e| e.to_string());
    let (old_text, new_text) = (read(old)?, read(new)?);
    let started = Instant::now();
    let report = diff(&old_text, old_version, &new_text, new_version).map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    let report_file = work.join(format!("report-{old_version}-{new_version}.json"));
    std::fs::write(&report_file, report.to_json()).map_err(|e| e.to_string())?;
    let python = root.join(".tools/venv/bin/python");
    let output = Command::new(if python.exists() {
        python
    } else {
        PathBuf::from("python3")
    })
    .arg(root.join("tools/structural_diff.py"))
    .args([old, new, &report_file])
    .output()
    .map_err(|e| format!("cannot run the structural comparison: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let found: Value = serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    Ok(Pair {
        label: format!("{old_version} → {new_version}"),
        seconds,
        changes: report.changes.len(),
        also: report.changes.iter().map(|c| c.also.len()).sum(),
        http_breaking: report
            .changes
            .iter()
            .filter(|c| c.http == HttpImpact::Breaking)
            .count(),
        items: report.rust_api.len(),
        items_breaking: report
            .rust_api
            .iter()
            .filter(|c| c.impact == RustImpact::Breaking)
            .count(),
        bump: report.bump,
        markdown: report.to_markdown().len(),
        differences: found["differences"].as_u64().unwrap_or(0),
        covered: found["covered"].as_u64().unwrap_or(0),
        missed: found["missed"].as_array().cloned().unwrap_or_default(),
    })
}

fn print(pairs: &[Pair]) {
    println!("| pair | seconds | changes (+ places in `also`) | HTTP breaking | crate items differing / breaking | verdict | Markdown chars | independent differences | covered | recall |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for p in pairs {
        println!(
            "| {} | {:.2} | {} (+{}) | {} | {} / {} | {:?} | {} | {} | {} | {:.2} % |",
            p.label,
            p.seconds,
            p.changes,
            p.also,
            p.http_breaking,
            p.items,
            p.items_breaking,
            p.bump,
            p.markdown,
            p.differences,
            p.covered,
            100.0 * recall(p)
        );
    }
    for p in pairs.iter().filter(|p| !p.missed.is_empty()) {
        println!("\n{}: missed (first 10 of {}):", p.label, p.missed.len());
        for missed in p.missed.iter().take(10) {
            println!("  {missed}");
        }
    }
}
