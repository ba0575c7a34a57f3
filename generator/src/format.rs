//! Final formatting with `rustfmt`, so generated files pass `rustfmt --check` as they are.
//!
//! `prettyplease` gives readable code without any tool, but its line breaking differs from
//! rustfmt's in places; the generated crates are meant to be rustfmt-clean, so the output is
//! passed through the toolchain's rustfmt (`$RUSTFMT`, else the one rustup resolves).
//!
//! Text in rustfmt's layout already skips it: the runtime's files, and the pieces of
//! `codec.rs` that its emitter lays out itself. A file made of [`Piece`]s sends rustfmt only
//! the pieces still unformatted.
//!
//! rustfmt costs milliseconds to start, so files are not formatted one process each: the
//! work is split by size between one worker per core; a worker formats its files without
//! out-of-line `mod` declarations in place, in a private scratch directory, with one
//! process, and the rest (module roots, which rustfmt would follow into files it cannot see,
//! and unformatted pieces) through stdin.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// A part of a file's text: in its final layout, or still to be formatted.
pub struct Piece {
    text: String,
    formatted: bool,
}

impl Piece {
    /// Text in rustfmt's layout already.
    pub fn formatted(text: String) -> Self {
        Piece {
            text,
            formatted: true,
        }
    }

    /// One or more whole items that rustfmt still has to lay out.
    pub fn unformatted(text: String) -> Self {
        Piece {
            text,
            formatted: false,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn map_text(self, change: impl FnOnce(String) -> String) -> Self {
        Piece {
            text: change(self.text),
            ..self
        }
    }
}

/// A comment line rustfmt keeps where it is, between the pieces it formats in one run. It
/// is matched as a whole line at column 0, which no spec text can produce (spec text only
/// reaches doc comments, `///` lines, and escaped string literals).
const PIECE_BOUNDARY: &str = "\n// openapi-client-gen: piece boundary\n";

/// One unit of a worker's formatting.
enum Job<'a> {
    /// A file rustfmt may read by path.
    InPlace(&'a String, &'a mut String),
    /// A module root, through stdin.
    Stdin(&'a String, &'a mut String),
    /// A file of pieces, joined into the last field.
    Pieces(&'a String, &'a [Piece], &'a mut String),
}

impl Job<'_> {
    /// About how much formatting the job is.
    fn size(&self) -> usize {
        match self {
            Job::InPlace(_, text) | Job::Stdin(_, text) => text.len(),
            Job::Pieces(_, pieces, _) => pieces
                .iter()
                .filter(|p| !p.formatted)
                .map(|p| p.text.len())
                .sum(),
        }
    }
}

/// Formats every `.rs` file of `files` and joins each file of `pieced` into `files`, its
/// unformatted pieces formatted. Without `rustfmt`, pieces are joined as they are.
pub fn format_crate(
    files: &mut BTreeMap<String, String>,
    pieced: BTreeMap<String, Vec<Piece>>,
    rustfmt: bool,
) -> Result<(), String> {
    if !rustfmt {
        for (path, pieces) in pieced {
            files.insert(path, pieces.into_iter().map(|p| p.text).collect());
        }
        return Ok(());
    }
    let scratch = ScratchDir::create()?;
    let rustfmt = Rustfmt::new(&scratch)?;
    let mut joined: Vec<(String, Vec<Piece>, String)> = pieced
        .into_iter()
        .map(|(path, pieces)| (path, pieces, String::new()))
        .collect();
    let jobs = files
        .iter_mut()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(path, text)| {
            if declares_out_of_line_module(text) {
                Job::Stdin(path, text)
            } else {
                Job::InPlace(path, text)
            }
        })
        .chain(
            joined
                .iter_mut()
                .map(|(path, pieces, text)| Job::Pieces(path, pieces, text)),
        )
        .collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (rustfmt, scratch) = (&rustfmt, &scratch);
    std::thread::scope(|scope| {
        let handles: Vec<_> = balance(jobs, workers)
            .into_iter()
            .enumerate()
            .map(|(n, jobs)| scope.spawn(move || rustfmt.run(scratch, n, jobs)))
            .collect();
        handles.into_iter().try_for_each(|handle| {
            handle
                .join()
                .unwrap_or_else(|_| Err("internal error: rustfmt thread panicked".into()))
        })
    })?;
    files.extend(joined.into_iter().map(|(path, _, text)| (path, text)));
    Ok(())
}

/// `source` as rustfmt formats it, for tests of text laid out without it.
#[cfg(test)]
pub fn format_text(source: &str) -> Result<String, String> {
    let scratch = ScratchDir::create()?;
    Rustfmt::new(&scratch)?.stdin(source)
}

/// Splits jobs into at most `count` batches of similar total size, biggest jobs first.
fn balance(mut jobs: Vec<Job>, count: usize) -> Vec<Vec<Job>> {
    jobs.sort_by_key(|job| std::cmp::Reverse(job.size()));
    let mut batches: Vec<(usize, Vec<Job>)> = (0..count.max(1)).map(|_| (0, Vec::new())).collect();
    for job in jobs {
        let lightest = batches
            .iter_mut()
            .min_by_key(|(size, _)| *size)
            .expect("at least one batch");
        lightest.0 += job.size();
        lightest.1.push(job);
    }
    batches
        .into_iter()
        .map(|(_, batch)| batch)
        .filter(|batch| !batch.is_empty())
        .collect()
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

/// A rustfmt binary and the config file it is run with.
struct Rustfmt {
    program: &'static str,
    config: PathBuf,
}

impl Rustfmt {
    /// The toolchain's rustfmt, with an empty config file in `scratch`, so neither the
    /// caller's nor the user's rustfmt.toml changes the output: the same spec must give the
    /// same files everywhere.
    fn new(scratch: &ScratchDir) -> Result<Self, String> {
        let config = scratch.0.join("rustfmt.toml");
        std::fs::write(&config, "")
            .map_err(|e| format!("cannot write {}: {e}", config.display()))?;
        Ok(Rustfmt {
            program: rustfmt_program(),
            config,
        })
    }

    /// Runs one worker's jobs: its files in place with one process, the others through stdin.
    fn run(&self, scratch: &ScratchDir, n: usize, jobs: Vec<Job>) -> Result<(), String> {
        let mut in_place = Vec::new();
        for job in jobs {
            match job {
                Job::InPlace(path, text) => in_place.push((path, text)),
                Job::Stdin(path, text) => {
                    *text = self.stdin(text).map_err(|e| format!("{path}: {e}"))?;
                }
                Job::Pieces(path, pieces, text) => {
                    *text = self.pieces(pieces).map_err(|e| format!("{path}: {e}"))?;
                }
            }
        }
        if in_place.is_empty() {
            return Ok(());
        }
        self.in_place(scratch, n, in_place)
    }

    /// The pieces joined, the unformatted ones formatted by one rustfmt run.
    fn pieces(&self, pieces: &[Piece]) -> Result<String, String> {
        let unformatted: Vec<&str> = pieces
            .iter()
            .filter(|p| !p.formatted)
            .map(|p| p.text.trim_end_matches('\n'))
            .collect();
        let formatted = if unformatted.is_empty() {
            String::new()
        } else {
            self.stdin(&unformatted.join(PIECE_BOUNDARY))?
        };
        let mut formatted = formatted.split(PIECE_BOUNDARY);
        let mut text = String::new();
        for piece in pieces {
            if piece.formatted {
                text.push_str(&piece.text);
            } else {
                let item = formatted
                    .next()
                    .ok_or("internal error: rustfmt lost a piece boundary")?;
                text.push_str(item.trim_matches('\n'));
                text.push('\n');
            }
        }
        Ok(text)
    }

    fn command(&self) -> Command {
        let mut command = Command::new(self.program);
        command
            .args(["--edition", "2021", "--quiet", "--config-path"])
            .arg(&self.config);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unformatted_pieces_are_formatted_in_place_and_formatted_ones_kept() {
        let scratch = ScratchDir::create().unwrap();
        let rustfmt = Rustfmt::new(&scratch).unwrap();
        let pieces = vec![
            Piece::formatted("//! Header.\n".to_owned()),
            Piece::formatted("\n".to_owned()),
            // Spec text that quotes the boundary cannot split a piece.
            Piece::unformatted(
                "/// // openapi-client-gen: piece boundary\nfn  a( ) { }\n".to_owned(),
            ),
            Piece::formatted("\n".to_owned()),
            Piece::formatted("fn   kept() {}\n".to_owned()),
            Piece::formatted("\n".to_owned()),
            Piece::unformatted("struct B{x:u8}\n".to_owned()),
        ];
        assert_eq!(
            rustfmt.pieces(&pieces).unwrap(),
            "//! Header.\n\n/// // openapi-client-gen: piece boundary\nfn a() {}\n\n\
             fn   kept() {}\n\nstruct B {\n    x: u8,\n}\n"
        );
    }
}
