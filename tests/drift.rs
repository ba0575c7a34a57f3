//! The committed clients are exactly what the generator makes from `spec/`, every time,
//! whether run from the CLI or from `build.rs`.

use openapi_client_gen::{generate_client, read_config, write};
use std::path::Path;

#[test]
fn committed_clients_match_their_specs() {
    for client in read_config("clients.toml".as_ref()).expect("clients.toml") {
        let generated = generate_client(&client).unwrap_or_else(|e| panic!("{e}"));
        if let Some(diff) = write::diff_crate(&client.output, &generated.files).expect("readable") {
            panic!(
                "{} is stale; run `cargo run -p openapi-client-gen -- generate` and commit.\n{diff}",
                client.output.display()
            );
        }
    }
}

#[test]
fn generating_twice_gives_identical_bytes() {
    for client in read_config("clients.toml".as_ref()).expect("clients.toml") {
        let first = generate_client(&client).expect("generates");
        let second = generate_client(&client).expect("generates");
        assert_eq!(first.files, second.files, "{}", client.spec.display());
    }
}

#[test]
fn build_rs_output_matches_the_committed_clients() {
    let build_output = Path::new(openapi_clients::BUILD_OUTPUT_DIR);
    for client in read_config("clients.toml".as_ref()).expect("clients.toml") {
        let name = client.output.file_name().expect("output directory name");
        let built = build_output.join(name);
        let committed = write::existing_files(&client.output).expect("committed crate");
        let from_build = write::existing_files(&built).expect("build.rs output");
        let relative = |dir: &Path, files: Vec<std::path::PathBuf>| -> Vec<String> {
            files.iter().map(|f| write::relative_name(dir, f)).collect()
        };
        assert_eq!(
            relative(&client.output, committed.clone()),
            relative(&built, from_build)
        );
        for file in committed {
            let name = write::relative_name(&client.output, &file);
            let expected = std::fs::read_to_string(&file).expect("committed file");
            let actual = std::fs::read_to_string(built.join(&name)).expect("build.rs file");
            assert!(
                expected == actual,
                "build.rs output differs for {}/{name}",
                client.output.display()
            );
        }
    }
}
