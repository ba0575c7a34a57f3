//! What the generator may write: only plain relative file names inside the output directory,
//! never through a symbolic link, never over a file it did not generate, and never into a
//! non-empty directory that is not a crate it generated.

use crate::error::Error;
use crate::write::GENERATED_MARKER;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// File names Windows reserves in every directory, whatever the extension.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks that writing `files` (by `/`-separated relative name) under `dir` is safe.
pub fn check(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), Error> {
    let refuse = |message: String| Error::Output {
        dir: dir.display().to_string(),
        message,
    };
    let mut folded = BTreeSet::new();
    for name in files.keys() {
        if let Some(problem) = unsafe_name(name) {
            return Err(refuse(format!("the file name {name:?} {problem}")));
        }
        if !folded.insert(name.to_ascii_lowercase()) {
            return Err(refuse(format!(
                "two files would be {name:?} on a case-insensitive file system"
            )));
        }
    }
    match fs::symlink_metadata(dir) {
        Err(_) => return Ok(()),
        Ok(meta) if !meta.is_dir() && !meta.is_symlink() => {
            return Err(refuse("it exists and is not a directory".into()));
        }
        Ok(_) => {}
    }
    if !is_generated_crate(dir) && has_visible_entries(dir)? {
        return Err(refuse(
            "it is not empty and is not a crate openapi-client-gen generated (no Cargo.toml \
             carrying its marker): choose a new or empty directory"
                .into(),
        ));
    }
    for name in files.keys() {
        let mut path = dir.to_path_buf();
        for component in name.split('/') {
            path.push(component);
            let Ok(meta) = fs::symlink_metadata(&path) else {
                break;
            };
            if meta.is_symlink() {
                return Err(refuse(format!(
                    "{} is a symbolic link: refusing to write through it",
                    path.display()
                )));
            }
        }
        if path.is_file() && !carries_marker(&path) {
            return Err(refuse(format!(
                "{} exists and was not generated: refusing to overwrite it",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Why `name` is not a plain relative file name that is valid on every platform.
fn unsafe_name(name: &str) -> Option<&'static str> {
    for component in name.split('/') {
        if component.is_empty() || component == "." || component == ".." {
            return Some("leaves its directory");
        }
        if component.starts_with('.') {
            return Some("is hidden");
        }
        if !component
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return Some("has characters other than letters, digits, `_`, `-` and `.`");
        }
        if reserved_on_windows(component.split('.').next().unwrap_or(component)) {
            return Some("is reserved on Windows");
        }
        if component.len() > 200 {
            return Some("is too long");
        }
    }
    None
}

/// Whether Windows reserves `stem` as a file name (with any extension).
pub fn reserved_on_windows(stem: &str) -> bool {
    WINDOWS_RESERVED.contains(&stem.to_ascii_lowercase().as_str())
}

/// Whether the first line of the file at `path` carries the generated marker.
pub fn carries_marker(path: &Path) -> bool {
    let Ok(text) = fs::read(path) else {
        return false;
    };
    let first_line = text.split(|&b| b == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(first_line).contains(GENERATED_MARKER)
}

fn is_generated_crate(dir: &Path) -> bool {
    carries_marker(&dir.join("Cargo.toml"))
}

/// Whether `dir` holds anything but hidden entries and `target/`.
fn has_visible_entries(dir: &Path) -> Result<bool, Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with('.') && name != "target" {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> BTreeMap<String, String> {
        names
            .iter()
            .map(|n| (n.to_string(), format!("// {GENERATED_MARKER}\n")))
            .collect()
    }

    fn refusal(dir: &Path, names: &[&str]) -> String {
        check(dir, &files(names)).unwrap_err().to_string()
    }

    #[test]
    fn names_that_leave_the_directory_or_break_on_windows_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for (name, why) in [
            ("../escape.rs", "leaves its directory"),
            ("src/../../x.rs", "leaves its directory"),
            ("/etc/passwd", "leaves its directory"),
            ("src/.hidden.rs", "is hidden"),
            ("src\\x.rs", "has characters"),
            ("C:/x.rs", "has characters"),
            ("src/operations/con.rs", "reserved on Windows"),
            ("src/AUX.rs", "reserved on Windows"),
        ] {
            let message = refusal(dir.path(), &[name]);
            assert!(message.contains(why), "{name}: {message}");
        }
        let message = refusal(dir.path(), &["src/Users.rs", "src/users.rs"]);
        assert!(message.contains("case-insensitive"), "{message}");
    }

    #[test]
    fn a_foreign_non_empty_directory_and_foreign_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(refusal(dir.path(), &["Cargo.toml"]).contains("not empty"));

        // A generated crate, with a hand-written file where a generated one would go.
        fs::write(
            dir.path().join("Cargo.toml"),
            format!("# {GENERATED_MARKER}\n"),
        )
        .unwrap();
        fs::create_dir(dir.path().join("src")).unwrap();
        fs::write(dir.path().join("src/models.rs"), "// mine\n").unwrap();
        let message = refusal(dir.path(), &["Cargo.toml", "src/models.rs"]);
        assert!(message.contains("was not generated"), "{message}");
        check(dir.path(), &files(&["Cargo.toml", "src/lib.rs"])).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_inside_the_output_are_never_written_through() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("Cargo.toml"),
            format!("# {GENERATED_MARKER}\n"),
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("src")).unwrap();
        let message = refusal(dir.path(), &["Cargo.toml", "src/lib.rs"]);
        assert!(message.contains("symbolic link"), "{message}");
    }
}
