//! The `openapi-client-gen` command line: parses arguments and reports; the library does the work.

use clap::{Parser, Subcommand};
use openapi_client_gen::{
    generate_client, read_config, write, ClientConfig, EnvelopeFields, Error,
};
use std::path::PathBuf;
use std::process::ExitCode;

/// Generation allocates and frees millions of small tokens and strings; glibc's allocator
/// spent a third of the CPU time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "openapi-client-gen",
    version,
    about = "Generates typed Rust client crates from OpenAPI 3.0 and 3.1 descriptions."
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
    /// Lists the changes between two versions of a spec and the semver bump they need.
    Diff(DiffArgs),
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The previous version of the spec.
    old: PathBuf,
    /// The new version of the spec.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 1 when a change breaks HTTP consumers or code using the generated crate.
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    fail_on: FailOn,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Never,
    Breaking,
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
    /// Also generate component schemas that no operation uses (with --spec).
    #[arg(long)]
    all_schemas: bool,
    /// Turn schema `$ref`s that do not resolve into untyped JSON with a warning, instead of
    /// refusing the spec (with --spec).
    #[arg(long)]
    allow_unresolved_refs: bool,
    /// Also write `tests/smoke.rs`: one test per operation, run against a mock server of the
    /// spec named by `$SMOKE_BASE_URL` (with --spec).
    #[arg(long)]
    smoke_tests: bool,
    /// Models ignore properties their schema does not list, instead of keeping them in an
    /// `additional_properties` map (with --spec).
    #[arg(long)]
    drop_unknown_fields: bool,
    /// Compile every tag always, without one Cargo feature per tag (with --spec).
    #[arg(long)]
    no_tag_features: bool,
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
                all_schemas: self.all_schemas,
                allow_unresolved_refs: self.allow_unresolved_refs,
                pagination: Default::default(),
                smoke_tests: self.smoke_tests,
                drop_unknown_fields: self.drop_unknown_fields,
                tag_features: !self.no_tag_features,
            }]),
            _ => read_config(&self.config),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Generate(target) => run(target, false),
        Command::Check(target) => run(target, true),
        Command::Diff(args) => run_diff(args),
    };
    match outcome {
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
    if !check {
        // Every output directory is checked before any is written.
        for (client, output) in &generated {
            openapi_client_gen::output_dir::check(&client.output, &output.files)?;
        }
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
                    if let Some(report) = spec_changes_since_commit(&client.spec) {
                        println!("{report}");
                    }
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

fn run_diff(args: &DiffArgs) -> Result<bool, Error> {
    let read = |path: &PathBuf| {
        std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            source: e,
        })
    };
    let report = openapi_client_gen::diff::diff(
        &read(&args.old)?,
        &args.old.display().to_string(),
        &read(&args.new)?,
        &args.new.display().to_string(),
    )?;
    let rendered = match args.format {
        Format::Text => report.to_text(),
        Format::Markdown => report.to_markdown(),
        Format::Json => report.to_json(),
    };
    println!("{rendered}");
    Ok(!(args.fail_on == FailOn::Breaking && report.has_breaking_change()))
}

/// When `spec` differs from its last committed version, the change report between them.
fn spec_changes_since_commit(spec: &std::path::Path) -> Option<String> {
    let dir = spec
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = spec.file_name()?.to_str()?;
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &format!("HEAD:./{name}")])
        .output()
        .ok()?;
    let committed = String::from_utf8(output.stdout)
        .ok()
        .filter(|_| output.status.success())?;
    let current = std::fs::read_to_string(spec).ok()?;
    if committed == current {
        return None;
    }
    let report =
        openapi_client_gen::diff::diff(&committed, &format!("{name} (HEAD)"), &current, name)
            .ok()?;
    Some(report.to_text())
}
