//! Final formatting with `rustfmt`, so generated files pass `rustfmt --check` as they are.
//!
//! `prettyplease` gives readable code without any tool, but its line breaking differs from
//! rustfmt's in places; the generated crates are meant to be rustfmt-clean, so the output is
//! passed through the toolchain's rustfmt (`$RUSTFMT`, else `rustfmt` on `PATH`).

use std::io::Write;
use std::process::{Command, Stdio};

/// Formats one Rust source file; an error says why rustfmt could not run or what it rejected.
pub fn rustfmt(source: &str) -> Result<String, String> {
    let program = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_owned());
    let mut child = Command::new(&program)
        .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("cannot run {program} (install it with `rustup component add rustfmt`): {e}")
        })?;
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

/// Formats every `.rs` file of a generated crate in place, one rustfmt process per file,
/// all at once (the big files then use both cores).
pub fn format_files(files: &mut std::collections::BTreeMap<String, String>) -> Result<(), String> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter_mut()
            .filter(|(path, _)| path.ends_with(".rs"))
            .map(|(path, text)| {
                scope.spawn(move || {
                    *text = rustfmt(text).map_err(|e| format!("{path}: {e}"))?;
                    Ok::<(), String>(())
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err("internal error: rustfmt thread panicked".into()))
        })
    })
}
