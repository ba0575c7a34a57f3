//! The specs in `spec/` pass an independent validator (openapi-spec-validator from PyPI,
//! installed into `.tools/venv` by `scripts/setup-tools.sh`).

use std::path::Path;
use std::process::Command;

#[test]
fn specs_pass_openapi_spec_validator() {
    let validator = Path::new(".tools/venv/bin/openapi-spec-validator");
    assert!(
        validator.exists(),
        "{} is missing: run scripts/setup-tools.sh (scripts/test.sh does)",
        validator.display()
    );
    let mut specs: Vec<_> = std::fs::read_dir("spec")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    assert_eq!(specs.len(), 2);
    let output = Command::new(validator).args(&specs).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "validator failed:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.matches(": OK").count(), specs.len(), "{stdout}");
}
