//! Compile what we snapshot: every fixture spec's crate builds with `cargo clippy -D warnings`
//! and is rustfmt-clean (the committed clients are workspace members and built anyway).

use openapi_client_gen::{generate, write, Settings};
use std::path::{Path, PathBuf};
use std::process::Command;
use xtask::scratch::ScratchWorkspace;

#[test]
fn fixture_crates_are_clippy_and_rustfmt_clean() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    // Same dependency versions as the main workspace, and a target dir shared across runs.
    let workspace = ScratchWorkspace::create(
        &tmp.join("fixture-crates"),
        &tmp.join("fixture-target"),
        "Cargo.lock".as_ref(),
    )
    .unwrap();
    let mut specs: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/specs")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    specs.sort();
    let mut rust_files = Vec::new();
    for spec in &specs {
        let name = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(spec).unwrap();
        let settings = Settings::new(format!("fixture-{name}")).all_schemas(true);
        let generated = generate(&text, &name, &settings).unwrap_or_else(|e| panic!("{e}"));
        let dir = workspace.root.join(&name);
        write::write_crate(&dir, &generated.files).unwrap();
        rust_files.extend(
            generated
                .files
                .keys()
                .filter(|f| f.ends_with(".rs"))
                .map(|f| dir.join(f)),
        );
    }
    let clippy = workspace.clippy(None).unwrap();
    assert!(
        clippy.ok,
        "fixture crates fail clippy: {:?}",
        clippy.first_error
    );
    let fmt = Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .args(&rust_files)
        .output()
        .unwrap();
    assert!(
        fmt.status.success(),
        "not rustfmt-clean:\n{}",
        String::from_utf8_lossy(&fmt.stdout)
    );
}
