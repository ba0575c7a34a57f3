//! OpenAPI 3.1 input: every spec we generate from, converted to 3.1 (by `xtask::openapi31`,
//! written apart from the generator's reader), must give byte-identical crates; the 3.1
//! edge-case specs of `@readme/oas-examples` must generate; `diff` finds no change between a
//! spec and its conversion.

use openapi_client_gen::{display_name, generate, read_config, Settings};
use std::path::{Path, PathBuf};
use xtask::openapi31::{compare_converted, convert_text};

fn specs_in(dir: &str) -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    specs.sort();
    specs
}

fn assert_identical(spec: &Path, settings: &Settings, failures: &mut Vec<String>) {
    let text = std::fs::read_to_string(spec).expect("spec");
    if let Err(difference) = compare_converted(&text, &display_name(spec), settings) {
        failures.push(format!("{}: {difference}", spec.display()));
    }
}

#[test]
fn converted_specs_generate_byte_identical_crates() {
    let mut failures = Vec::new();
    let clients = read_config("clients.toml".as_ref()).expect("clients.toml");
    for client in &clients {
        assert_identical(&client.spec, &client.settings(), &mut failures);
    }
    // `openapi31.yaml` is 3.1 already.
    for spec in specs_in("tests/fixtures/specs")
        .into_iter()
        .filter(|spec| !spec.ends_with("openapi31.yaml"))
    {
        let name = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let settings = Settings::new(format!("fixture-{name}")).all_schemas(true);
        assert_identical(&spec, &settings, &mut failures);
    }
    // Five varied specs of the real-world corpus (nullable, allOf/oneOf, byte, binary).
    let corpus = specs_in("tests/fixtures/openapi31-corpus");
    assert_eq!(corpus.len(), 5);
    for spec in corpus {
        assert_identical(&spec, &Settings::new("corpus-client"), &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn diff_finds_no_change_between_a_spec_and_its_3_1_conversion() {
    let clients = read_config("clients.toml".as_ref()).expect("clients.toml");
    let specs = clients.iter().map(|client| client.spec.clone());
    let fixtures = specs_in("tests/fixtures/specs")
        .into_iter()
        .filter(|spec| !spec.ends_with("openapi31.yaml"));
    let mut failures = Vec::new();
    for spec in specs.chain(fixtures) {
        let text = std::fs::read_to_string(&spec).expect("spec");
        let converted = convert_text(&text).expect("3.0 spec");
        let name = display_name(&spec);
        let report = openapi_client_gen::diff::diff(&text, &name, &converted, "3.1 conversion")
            .unwrap_or_else(|e| panic!("{e}"));
        if !report.changes.is_empty() {
            failures.push(report.to_text());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn diff_across_versions_reports_what_diff_within_3_0_reports() {
    // Each kind of change of `tests/fixtures/diff/`, with the new version converted to 3.1.
    let mut failures = Vec::new();
    for case in std::fs::read_dir("tests/fixtures/diff").expect("diff fixtures") {
        let case = case.expect("directory entry").path();
        let read = |name: &str| std::fs::read_to_string(case.join(name)).expect("fixture");
        let (old, new) = (read("old.yaml"), read("new.yaml"));
        let converted = convert_text(&new).expect("3.0 spec");
        let diff = |new: &str| {
            openapi_client_gen::diff::diff(&old, "old.yaml", new, "new.yaml")
                .unwrap_or_else(|e| panic!("{}: {e}", case.display()))
        };
        let (within, across) = (diff(&new), diff(&converted));
        if within.changes != across.changes {
            failures.push(format!(
                "{}:\n3.0 → 3.0:\n{}\n3.0 → 3.1:\n{}",
                case.display(),
                within.to_text(),
                across.to_text()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where `@readme/oas-examples` (installed by `scripts/setup-tools.sh`) keeps its 3.1 specs.
const OAS_EXAMPLES_31: &str = "tools/node_modules/@readme/oas-examples/3.1/json";

/// The one spec that declares a dialect other than 2020-12 (draft 04), whose keywords mean
/// other things, so it is refused where it says so.
const REFUSED_DIALECT: &str = "schema-validation-top-level.json";

#[test]
fn oas_examples_3_1_specs_generate_or_are_refused_where_they_declare_another_dialect() {
    let specs = specs_in(OAS_EXAMPLES_31);
    assert_eq!(specs.len(), 12, "run scripts/setup-tools.sh");
    let mut failures = Vec::new();
    for spec in &specs {
        let text = std::fs::read_to_string(spec).expect("spec");
        let name = display_name(spec);
        match generate(&text, &name, &Settings::new("oas31-example")) {
            Ok(_) if name != REFUSED_DIALECT => {}
            Err(e) if name == REFUSED_DIALECT => {
                let expected = format!("{name}:#/jsonSchemaDialect: unsupported JSON Schema dialect \"http://json-schema.org/draft-04/schema#\"");
                if !e.to_string().contains(&expected) {
                    failures.push(format!("{name}: not the dialect refusal: {e}"));
                }
            }
            Ok(_) => failures.push(format!("{name}: its draft-04 dialect was not refused")),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
