//! The `openapi-client-gen` command line: parses arguments and reports; the library does the work.

use clap::{Parser, Subcommand};
use openapi_client_gen::{
    generate_client, read_config, write, ClientConfig, EnvelopeFields, Error,
};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "openapi-client-gen",
    version,
    about = "Generates typed Rust client crates from OpenAPI 3.0 descriptions."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerates every client in the config file, or the one spec given.
    Generate(Target),
    /// Exits non-zero with a unified diff when committed output differs from a fresh generation.
    Check(Target),
}

#[derive(clap::Args)]
struct Target {
    /// The config file listing the clients (spec, output crate, options).
    #[arg(long, default_value = "clients.toml")]
    config: PathBuf,
    /// Generate from this spec only, instead of the config file's list.
    #[arg(long, requires_all = ["output", "crate_name"])]
    spec: Option<PathBuf>,
    /// Output crate directory (with --spec).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Crate name (with --spec).
    #[arg(long)]
    crate_name: Option<String>,
    /// Crate version (with --spec).
    #[arg(long, default_value = "0.1.0")]
    crate_version: String,
    /// Wire name of a response envelope's data field, e.g. `Data` (with --spec).
    #[arg(long)]
    envelope_data: Option<String>,
}

impl Target {
    fn clients(&self) -> Result<Vec<ClientConfig>, Error> {
        match (&self.spec, &self.output, &self.crate_name) {
            (Some(spec), Some(output), Some(crate_name)) => Ok(vec![ClientConfig {
                spec: spec.clone(),
                output: output.clone(),
                crate_name: crate_name.clone(),
                version: self.crate_version.clone(),
                envelope: self.envelope_data.clone().map(|data| EnvelopeFields {
                    data,
                    errors: None,
                    warnings: None,
                    success: None,
                }),
            }]),
            _ => read_config(&self.config),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (target, check) = match &cli.command {
        Command::Generate(target) => (target, false),
        Command::Check(target) => (target, true),
    };
    match run(target, check) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Generates every client first, so that a bad spec leaves every output untouched.
fn run(target: &Target, check: bool) -> Result<bool, Error> {
    let clients = target.clients()?;
    let mut generated = Vec::new();
    let mut failures = Vec::new();
    for client in &clients {
        match generate_client(client) {
            Ok(output) => generated.push((client, output)),
            Err(error) => failures.push(error),
        }
    }
    if !failures.is_empty() {
        for failure in &failures {
            eprintln!("error: {failure}");
        }
        return Ok(false);
    }
    let mut clean = true;
    for (client, output) in generated {
        for warning in &output.warnings {
            eprintln!("warning: {warning}");
        }
        if check {
            match write::diff_crate(&client.output, &output.files)? {
                Some(diff) => {
                    clean = false;
                    println!("{}: generated output is stale; run `cargo run -p openapi-client-gen -- generate`.\n{diff}", client.output.display());
                }
                None => println!("{}: up to date", client.output.display()),
            }
        } else {
            let report = write::write_crate(&client.output, &output.files)?;
            println!(
                "{}: {} written, {} unchanged, {} removed",
                client.output.display(),
                report.written.len(),
                report.unchanged.len(),
                report.removed.len()
            );
        }
    }
    Ok(clean)
}
