//! `diff`: the classification of every kind of change in `tests/fixtures/diff/` (snapshotted),
//! real changes of the seed specs, and proof that HTTP-compatible changes keep an app compiling.

use openapi_client_gen::diff::{diff, Bump, ChangeKind, HttpImpact, Report, RustImpact};
use openapi_client_gen::{generate, write, Settings};
use std::path::{Path, PathBuf};

fn report_for(dir: &Path) -> Report {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    diff(&read("old.yaml"), "old.yaml", &read("new.yaml"), "new.yaml")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_fixture_pair_gets_its_expected_classification() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/diff")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "at least 30 kinds of change");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let report = report_for(&case);
        if name.ends_with("description-only") {
            assert!(report.changes.is_empty(), "{name}: {}", report.to_text());
            assert_eq!(report.bump, Bump::Patch);
        } else {
            assert!(!report.changes.is_empty(), "{name}: no change found");
        }
        settings.bind(|| insta::assert_snapshot!(format!("diff-{name}"), report.to_text()));
    }
}

#[test]
fn direction_decides_what_breaks() {
    let case = |name: &str| report_for(&Path::new("tests/fixtures/diff").join(name));
    // A new enum value: callers sending it are fine, exhaustive readers are warned.
    let added = case("13-parameter-enum-value-added");
    let http: Vec<HttpImpact> = added.changes.iter().map(|c| c.http).collect();
    assert!(
        http.contains(&HttpImpact::Compatible) && http.contains(&HttpImpact::Warning),
        "{}",
        added.to_text()
    );
    assert_eq!(added.bump, Bump::Minor);
    // A new required request property breaks callers (and `new(...)` gains an argument).
    let required = case("16-request-property-added-required");
    assert!(required.changes.iter().any(|c| matches!(
        c.kind,
        ChangeKind::PropertyAdded { required: true }
    ) && c.http == HttpImpact::Breaking));
    assert_eq!(required.bump, Bump::Major);
    // A request field that may now be null does not break the wire, but the Rust type changes.
    let nullable = case("19-request-property-now-nullable");
    assert!(nullable
        .changes
        .iter()
        .all(|c| c.http == HttpImpact::Compatible && c.rust == RustImpact::Breaking));
}

fn seed(file: &str, change: impl Fn(&str) -> String) -> Report {
    let old = std::fs::read_to_string(format!("spec/{file}")).unwrap();
    let new = change(&old);
    assert_ne!(old, new, "the edit must apply");
    diff(&old, file, &new, file).unwrap()
}

#[test]
fn seed_change_a_response_field_becomes_nullable() {
    // ApiUserModel.name: "string" becomes "string or null".
    let report = seed("awork.yaml", |s| {
        s.replacen("    ApiUserModel:\n      type: object\n      properties:\n        name:\n          type: string\n", "    ApiUserModel:\n      type: object\n      properties:\n        name:\n          type: string\n          nullable: true\n", 1)
    });
    let change = &report.changes[0];
    assert_eq!(report.changes.len(), 1, "{}", report.to_text());
    assert_eq!(change.operation, "GET /apiusers/{apiUserId}");
    assert_eq!(
        change.http,
        HttpImpact::Breaking,
        "readers must now handle null"
    );
    assert_eq!(
        change.rust,
        RustImpact::None,
        "the field was already an Option"
    );
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/components/schemas/ApiUserModel/properties/name")
    );
}

#[test]
fn seed_change_a_new_optional_field_in_the_account_update() {
    let report = seed("awork.yaml", |s| {
        s.replacen(
            "          description: Whether MFA is enabled for the account.\n\n",
            "          description: Whether MFA is enabled for the account.\n        position:\n          type: string\n          nullable: true\n\n",
            1,
        )
    });
    let added: Vec<_> = report
        .changes
        .iter()
        .filter(|c| matches!(c.kind, ChangeKind::PropertyAdded { .. }))
        .collect();
    assert!(!added.is_empty(), "{}", report.to_text());
    let request = added
        .iter()
        .find(|c| {
            c.operation == "PUT /accounts/{accountId}" && c.subject.starts_with("request body")
        })
        .expect("request side");
    assert_eq!(
        (request.http, request.rust),
        (HttpImpact::Compatible, RustImpact::Additive)
    );
    assert_eq!(report.bump, Bump::Minor);
}

#[test]
fn seed_change_a_new_user_type_in_the_workspace_api() {
    let report = seed("workspace.yaml", |s| {
        s.replacen("    UserType:\n      type: integer\n      format: int32\n      enum:\n        - 0\n        - 1\n        - 2\n", "    UserType:\n      type: integer\n      format: int32\n      enum:\n        - 0\n        - 1\n        - 2\n        - 3\n", 1)
    });
    assert!(!report.changes.is_empty(), "{}", report.to_text());
    for change in &report.changes {
        assert_eq!(
            change.kind,
            ChangeKind::EnumValueAdded { value: "3".into() }
        );
        assert_eq!(
            change.http,
            HttpImpact::Warning,
            "exhaustive matchers see a new value"
        );
        assert_eq!(
            change.rust,
            RustImpact::Additive,
            "the enum is non_exhaustive with an Other variant"
        );
    }
    assert_eq!(report.bump, Bump::Minor);
}

#[test]
fn http_compatible_changes_keep_a_consumer_compiling() {
    let dir = Path::new("tests/fixtures/compat");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let report = diff(&read("v1.yaml"), "v1.yaml", &read("v2.yaml"), "v2.yaml").unwrap();
    assert_eq!(report.bump, Bump::Minor, "{}", report.to_text());

    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compat");
    let workspace = xtask::scratch::ScratchWorkspace::create(
        &root,
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target"),
        "Cargo.lock".as_ref(),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("consumer/src")).unwrap();
    std::fs::copy(
        dir.join("consumer/src/lib.rs"),
        root.join("consumer/src/lib.rs"),
    )
    .unwrap();
    std::fs::write(
        root.join("consumer/Cargo.toml"),
        "[package]\nname = \"consumer\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ncompat-client = { path = \"../client\" }\n",
    )
    .unwrap();
    // The same consumer, unchanged, against the crate generated from each version in turn.
    for version in ["v1", "v2"] {
        let generated = generate(
            &read(&format!("{version}.yaml")),
            version,
            &Settings::new("compat-client"),
        )
        .unwrap();
        write::write_crate(&root.join("client"), &generated.files).unwrap();
        let result = workspace.clippy(Some("consumer")).unwrap();
        assert!(
            result.ok,
            "the consumer does not compile against {version}: {:?}",
            result.first_error
        );
    }
    // Control: a breaking change (a response field the consumer reads is removed) must fail.
    let broken = read("v1.yaml").replace(
        "        status: {$ref: \"#/components/schemas/Status\"}\n",
        "",
    );
    let report = diff(&read("v1.yaml"), "v1.yaml", &broken, "v3.yaml").unwrap();
    assert_eq!(report.bump, Bump::Major);
    let generated = generate(&broken, "v3", &Settings::new("compat-client")).unwrap();
    write::write_crate(&root.join("client"), &generated.files).unwrap();
    assert!(
        !workspace.clippy(Some("consumer")).unwrap().ok,
        "removing a field must break the consumer"
    );
}
