//! Build-time generation: runs the generator library on every client in `clients.toml`
//! and writes the crates under `$OUT_DIR/generated-client/`, never outside `OUT_DIR`.
//! A test compares this output with the committed `generated-client/`.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=clients.toml");
    println!("cargo:rerun-if-changed=spec");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let clients = match openapi_client_gen::read_config("clients.toml".as_ref()) {
        Ok(clients) => clients,
        Err(error) => fail(&error.to_string()),
    };
    for client in clients {
        println!("cargo:rerun-if-changed={}", client.spec.display());
        let generated = match openapi_client_gen::generate_client(&client) {
            Ok(generated) => generated,
            Err(error) => fail(&error.to_string()),
        };
        let name = client
            .output
            .file_name()
            .expect("output has a directory name");
        let target = out_dir.join("generated-client").join(name);
        if let Err(error) = openapi_client_gen::write::write_crate(&target, &generated.files) {
            fail(&error.to_string());
        }
    }
}

fn fail(message: &str) -> ! {
    for line in message.lines() {
        println!("cargo:warning={line}");
    }
    std::process::exit(1)
}
