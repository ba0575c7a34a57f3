//! Snapshots of every generated file, for every spec in `spec/` and `tests/fixtures/specs/`,
//! and of the errors for `tests/fixtures/invalid/`. Review changes with `cargo insta review`.

use openapi_client_gen::{generate, generate_client, read_config, Generated, Settings};
use std::path::{Path, PathBuf};

fn snapshot_crate(name: &str, generated: &Generated) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (path, contents) in &generated.files {
            let snapshot = format!("{name}__{}", path.replace('/', "__"));
            insta::assert_snapshot!(snapshot, contents);
        }
        let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(format!("{name}__warnings"), warnings.join("\n"));
    });
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn seed_specs() {
    let clients = read_config("clients.toml".as_ref()).expect("clients.toml");
    assert!(
        clients.len() >= 2,
        "one client per spec in spec/, plus the Prism corpus clients"
    );
    for client in clients {
        let generated = generate_client(&client).unwrap_or_else(|e| panic!("{e}"));
        snapshot_crate(&stem(&client.spec), &generated);
    }
}

#[test]
fn fixture_specs() {
    let specs = yaml_files("tests/fixtures/specs");
    assert!(specs.len() >= 6, "fixture specs are missing");
    for spec in specs {
        let name = stem(&spec);
        let text = std::fs::read_to_string(&spec).expect("fixture spec");
        // Fixtures exercise schema shapes, many of them used by no operation: keep them all.
        let settings = Settings::new(format!("fixture-{name}")).all_schemas(true);
        let generated = generate(&text, &openapi_client_gen::display_name(&spec), &settings)
            .unwrap_or_else(|e| panic!("{e}"));
        snapshot_crate(&format!("fixture-{name}"), &generated);
    }
}

#[test]
fn invalid_specs_are_refused_with_located_errors() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    for spec in yaml_files("tests/fixtures/invalid") {
        let text = std::fs::read_to_string(&spec).expect("fixture spec");
        let error = generate(
            &text,
            &openapi_client_gen::display_name(&spec),
            &Settings::new("x"),
        )
        .expect_err("an invalid spec must be refused");
        settings.bind(|| {
            insta::assert_snapshot!(format!("invalid-{}", stem(&spec)), error.to_string())
        });
    }
}
