//! A scratch Cargo workspace of generated crates, checked with the main workspace's lock file.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A crate name for a spec file: `prefix` then the file stem's words, e.g.
/// `corpus` + `stripe.com__main.yaml` → `corpus-stripe-com-main`.
pub fn crate_name(prefix: &str, file_name: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_lowercase();
    let mut name = prefix.to_owned();
    for part in stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        name.push('-');
        name.push_str(part);
    }
    name
}

/// A workspace at `root` whose members are the crates written into it.
pub struct ScratchWorkspace {
    pub root: PathBuf,
    pub target_dir: PathBuf,
}

/// The outcome of checking one crate.
pub struct CheckResult {
    pub ok: bool,
    pub elapsed: Duration,
    /// The first error line, when it failed.
    pub first_error: Option<String>,
}

impl ScratchWorkspace {
    /// Creates (or empties) `root`; `target_dir` is kept between runs to reuse built dependencies.
    pub fn create(root: &Path, target_dir: &Path, lock_file: &Path) -> std::io::Result<Self> {
        let _ = std::fs::remove_dir_all(root);
        std::fs::create_dir_all(root)?;
        std::fs::write(
            root.join("Cargo.toml"),
            "[workspace]\nmembers = [\"*\"]\nresolver = \"2\"\n",
        )?;
        std::fs::copy(lock_file, root.join("Cargo.lock"))?;
        Ok(ScratchWorkspace {
            root: root.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
        })
    }

    /// Runs `cargo clippy -D warnings` on one member (or the whole workspace with `None`).
    pub fn clippy(&self, package: Option<&str>) -> std::io::Result<CheckResult> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .arg("clippy")
            .arg("--quiet")
            .arg("--message-format=short");
        match package {
            Some(name) => command.args(["-p", name]),
            None => command.arg("--workspace"),
        };
        command
            .args(["--", "-D", "warnings"])
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            // Each crate is checked once: incremental data would only fill the disk.
            .env("CARGO_INCREMENTAL", "0");
        let started = Instant::now();
        let output = command.output()?;
        let elapsed = started.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_error = (!output.status.success()).then(|| {
            stderr
                .lines()
                .find(|l| l.contains("error"))
                .unwrap_or("cargo clippy failed")
                .to_owned()
        });
        Ok(CheckResult {
            ok: output.status.success(),
            elapsed,
            first_error,
        })
    }
}

/// `rustfmt --check` over a generated crate (from `src/lib.rs`, which declares every other
/// file): the generator lays out part of its text itself, which must match rustfmt.
pub fn rustfmt_check(crate_dir: &Path) -> Result<(), String> {
    let output = std::process::Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .arg(crate_dir.join("src/lib.rs"))
        .output()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let diff = String::from_utf8_lossy(&output.stdout);
    Err(format!(
        "rustfmt --check: {}",
        diff.lines().take(3).collect::<Vec<_>>().join(" / ")
    ))
}
