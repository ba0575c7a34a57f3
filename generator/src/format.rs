//! Final formatting with `rustfmt`, so generated files pass `rustfmt --check` as they are.
//!
//! `prettyplease` gives readable code without any tool, but its line breaking differs from
//! rustfmt's in places; the generated crates are meant to be rustfmt-clean, so the output is
//! passed through the toolchain's rustfmt (`$RUSTFMT`, else the one rustup resolves).
//!
//! rustfmt costs milliseconds to start, so files are not formatted one process each: the
//! files without out-of-line `mod` declarations are copied to a private scratch directory
//! and formatted in place by one rustfmt process per core; the few module roots (which
//! rustfmt would follow into files it cannot see) go through stdin.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Formats every `.rs` file of a generated crate in place.
pub fn format_files(files: &mut BTreeMap<String, String>) -> Result<(), String> {
    let program = rustfmt_program();
    let (roots, leaves): (Vec<_>, Vec<_>) = files
        .iter_mut()
        .filter(|(path, _)| path.ends_with(".rs"))
        .partition(|(_, text)| declares_out_of_line_module(text));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let batches = balance(leaves, workers);
    let scratch = ScratchDir::create()?;
    // An empty config file, so neither the caller's nor the user's rustfmt.toml changes the
    // output: the same spec must give the same files everywhere.
    let config = scratch.0.join("rustfmt.toml");
    std::fs::write(&config, "").map_err(|e| format!("cannot write {}: {e}", config.display()))?;
    let rustfmt = Rustfmt {
        program,
        config: &config,
    };
    let rustfmt = &rustfmt;
    let scratch = &scratch;
    std::thread::scope(|scope| {
        let roots = scope.spawn(move || {
            roots.into_iter().try_for_each(|(path, text)| {
                *text = rustfmt.stdin(text).map_err(|e| format!("{path}: {e}"))?;
                Ok::<(), String>(())
            })
        });
        let batches: Vec<_> = batches
            .into_iter()
            .enumerate()
            .map(|(n, batch)| scope.spawn(move || rustfmt.in_place(scratch, n, batch)))
            .collect();
        std::iter::once(roots)
            .chain(batches)
            .try_for_each(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err("internal error: rustfmt thread panicked".into()))
            })
    })
}

/// The rustfmt to run. `rustfmt` on `PATH` is usually rustup's proxy, which adds to every
/// start; it is asked once for the real binary.
fn rustfmt_program() -> &'static str {
    static PROGRAM: OnceLock<String> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        if let Ok(program) = std::env::var("RUSTFMT") {
            return program;
        }
        Command::new("rustup")
            .args(["which", "rustfmt"])
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|path| path.trim().to_owned())
            .filter(|path| Path::new(path).is_file())
            .unwrap_or_else(|| "rustfmt".to_owned())
    })
}

fn cannot_run(program: &str, error: std::io::Error) -> String {
    format!("cannot run {program} (install it with `rustup component add rustfmt`): {error}")
}

/// A `mod name;` line: rustfmt given this file by path would go looking for `name.rs`.
fn declares_out_of_line_module(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.strip_prefix("pub ").unwrap_or(line);
        line.strip_prefix("mod ")
            .is_some_and(|rest| rest.trim_end().ends_with(';'))
    })
}

/// Splits files into at most `count` batches of similar total size, biggest files first.
fn balance<'a>(
    mut files: Vec<(&'a String, &'a mut String)>,
    count: usize,
) -> Vec<Vec<(&'a String, &'a mut String)>> {
    files.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
    let mut batches: Vec<(usize, Vec<_>)> = (0..count.max(1)).map(|_| (0, Vec::new())).collect();
    for file in files {
        let lightest = batches
            .iter_mut()
            .min_by_key(|(size, _)| *size)
            .expect("at least one batch");
        lightest.0 += file.1.len();
        lightest.1.push(file);
    }
    batches
        .into_iter()
        .map(|(_, batch)| batch)
        .filter(|batch| !batch.is_empty())
        .collect()
}

/// A rustfmt binary and the config file it is run with.
struct Rustfmt<'a> {
    program: &'a str,
    config: &'a Path,
}

impl Rustfmt<'_> {
    fn command(&self) -> Command {
        let mut command = Command::new(self.program);
        command
            .args(["--edition", "2021", "--quiet", "--config-path"])
            .arg(self.config);
        command
    }

    /// Formats one source text through rustfmt's stdin.
    fn stdin(&self, source: &str) -> Result<String, String> {
        let program = self.program;
        let mut child = self
            .command()
            .args(["--emit", "stdout"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| cannot_run(program, e))?;
        let mut stdin = child.stdin.take().ok_or("rustfmt has no stdin")?;
        let input = source.to_owned();
        // Write from another thread so a large file cannot deadlock on full pipes.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let output = child
            .wait_with_output()
            .map_err(|e| format!("rustfmt failed: {e}"))?;
        writer
            .join()
            .map_err(|_| "rustfmt input thread panicked".to_owned())?
            .map_err(|e| format!("cannot write to rustfmt: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "rustfmt rejected generated code: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        String::from_utf8(output.stdout).map_err(|e| format!("rustfmt output is not UTF-8: {e}"))
    }

    /// Formats batch number `n` with one rustfmt process, through files in `scratch`.
    fn in_place(
        &self,
        scratch: &ScratchDir,
        n: usize,
        batch: Vec<(&String, &mut String)>,
    ) -> Result<(), String> {
        let program = self.program;
        let paths: Vec<PathBuf> = (0..batch.len())
            .map(|i| scratch.0.join(format!("b{n}_{i}.rs")))
            .collect();
        for ((_, text), path) in batch.iter().zip(&paths) {
            std::fs::write(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        let output = self
            .command()
            .args(&paths)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| cannot_run(program, e))?;
        if !output.status.success() {
            let names: Vec<&str> = batch.iter().map(|(name, _)| name.as_str()).collect();
            let mut message = String::from_utf8_lossy(&output.stderr).into_owned();
            for (name, path) in names.iter().zip(&paths) {
                message = message.replace(&path.display().to_string(), name);
            }
            return Err(format!("rustfmt rejected generated code: {message}"));
        }
        for ((_, text), path) in batch.into_iter().zip(&paths) {
            *text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        }
        Ok(())
    }
}

/// A fresh directory under the system temp dir, removed (with its files) when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn create() -> Result<Self, String> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let base = std::env::temp_dir();
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let dir = base.join(format!("openapi-client-gen-{}-{n}", std::process::id()));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(ScratchDir(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(format!(
                        "cannot create a scratch directory in {}: {e}",
                        base.display()
                    ))
                }
            }
        }
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
