//! The corpus run: generate every spec, compile every crate, print a table and a verdict.

use openapi_client_gen::{generate, Settings};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use xtask::scratch::ScratchWorkspace;

#[derive(clap::Args)]
pub struct CorpusArgs {
    /// Folder of OpenAPI 3.0 or 3.1 specs (`*.yaml`, `*.json`).
    #[arg(long, default_value = "../shared/corpus")]
    dir: PathBuf,
    /// Exit 1 when the share of specs that generate and pass clippy is below this (0 to 1).
    #[arg(long)]
    min_pass_rate: f64,
    /// Skip GitHub's REST description (fetched from npm otherwise).
    #[arg(long)]
    no_github: bool,
    /// Only specs whose file name contains this.
    #[arg(long)]
    only: Option<String>,
    /// Instead of compiling: convert each spec to OpenAPI 3.1 and check that both generate
    /// byte-identical crates (exits 1 on any difference).
    #[arg(long)]
    openapi31_identity: bool,
    /// Where crates and the shared target directory go.
    #[arg(long, default_value = "target/corpus")]
    work_dir: PathBuf,
}

struct Row {
    spec: String,
    operations: usize,
    schemas: usize,
    generate: Result<(Duration, usize), String>,
    check: Option<xtask::scratch::CheckResult>,
    crate_name: String,
}

/// A tiny spec whose crate needs every optional runtime dependency, built first so that
/// dependency build time is not charged to the first corpus crate.
const WARMUP_SPEC: &str = r#"{"openapi": "3.0.3", "info": {"title": "warmup", "version": "1"},
 "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok",
 "content": {"application/json": {"schema": {"type": "object", "properties": {
 "id": {"type": "string", "format": "uuid"}, "at": {"type": "string", "format": "date-time"}}}}}}}}}}}"#;

pub fn run(args: &CorpusArgs) -> ExitCode {
    let root = super::repo_root();
    let dir = absolute(&root, &args.dir);
    let work_dir = absolute(&root, &args.work_dir);
    let mut specs = match list_specs(&dir) {
        Ok(specs) => specs,
        Err(e) => {
            eprintln!("error: {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    if !args.no_github {
        match super::github::fetch(&work_dir) {
            Ok(spec) => specs.push(spec),
            Err(e) => {
                eprintln!("error: GitHub's description: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(only) = &args.only {
        specs.retain(|s| s.to_string_lossy().contains(only.as_str()));
    }
    if args.openapi31_identity {
        return openapi31_identity(&specs);
    }
    let workspace = match ScratchWorkspace::create(
        &work_dir.join("crates"),
        &work_dir.join("target"),
        &root.join("Cargo.lock"),
    ) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {}: {e}", work_dir.display());
            return ExitCode::from(2);
        }
    };

    let mut rows: Vec<Row> = specs
        .iter()
        .map(|spec| generate_one(spec, &workspace.root))
        .collect();
    let warmup = generate(WARMUP_SPEC, "warmup.json", &Settings::new("corpus-warmup"))
        .expect("warmup spec generates");
    openapi_client_gen::write::write_crate(&workspace.root.join("corpus-warmup"), &warmup.files)
        .expect("warmup written");

    eprintln!("building dependencies once...");
    let started = Instant::now();
    match workspace.clippy(Some("corpus-warmup")) {
        Ok(result) if result.ok => eprintln!(
            "dependencies built in {:.1}s",
            started.elapsed().as_secs_f64()
        ),
        Ok(result) => eprintln!(
            "warning: warmup crate failed: {}",
            result.first_error.unwrap_or_default()
        ),
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            return ExitCode::from(2);
        }
    }
    for row in rows.iter_mut().filter(|r| r.generate.is_ok()) {
        eprintln!("checking {}...", row.spec);
        row.check = workspace.clippy(Some(&row.crate_name)).ok();
        if let Some(check) = row.check.as_mut().filter(|c| c.ok) {
            if let Err(e) = xtask::scratch::rustfmt_check(&workspace.root.join(&row.crate_name)) {
                check.ok = false;
                check.first_error = Some(e);
            }
        }
    }
    print_table(&rows);
    let passed = rows
        .iter()
        .filter(|r| r.check.as_ref().is_some_and(|c| c.ok))
        .count();
    let failed = rows.len() - passed;
    let rate = if rows.is_empty() {
        0.0
    } else {
        passed as f64 / rows.len() as f64
    };
    println!(
        "pass rate {:.1}% (threshold {:.1}%)",
        rate * 100.0,
        args.min_pass_rate * 100.0
    );
    println!("{passed} passed, {failed} failed");
    if rate + 1e-9 < args.min_pass_rate {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Generates every spec and its 3.1 conversion; a spec the generator refuses as 3.0 is
/// skipped (it says nothing about the 3.1 reader).
fn openapi31_identity(specs: &[PathBuf]) -> ExitCode {
    let (mut identical, mut different, mut skipped) = (0, 0, 0);
    for spec in specs {
        let name = openapi_client_gen::display_name(spec);
        let text = match std::fs::read_to_string(spec) {
            Ok(text) => text,
            Err(e) => {
                println!("| {name:<52} | unreadable: {e}");
                different += 1;
                continue;
            }
        };
        let settings = Settings::new(crate_name(spec));
        let started = Instant::now();
        let outcome = xtask::openapi31::compare_converted(&text, &name, &settings);
        let seconds = started.elapsed().as_secs_f64();
        let verdict = match outcome {
            Ok(files) => {
                identical += 1;
                format!("identical ({files} files)")
            }
            Err(e) if e.starts_with("3.0:") => {
                skipped += 1;
                format!("skipped: {}", e.lines().next().unwrap_or_default())
            }
            Err(e) => {
                different += 1;
                format!("DIFFERENT: {}", e.replace('\n', " "))
            }
        };
        println!("| {name:<52} | {seconds:>6.2}s | {verdict}");
    }
    println!("openapi 3.1 identity: {identical} identical, {different} different, {skipped} skipped (3.0 refused)");
    if different == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

pub(crate) fn absolute(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}

pub(crate) fn list_specs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    specs.retain(|p| {
        p.extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
    });
    specs.sort();
    Ok(specs)
}

/// `stripe.com__main.yaml` -> `corpus-stripe-com-main`.
fn crate_name(spec: &Path) -> String {
    let file_name = spec
        .file_name()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    xtask::scratch::crate_name("corpus", &file_name)
}

fn generate_one(spec: &Path, crates_dir: &Path) -> Row {
    let name = openapi_client_gen::display_name(spec);
    let crate_name = crate_name(spec);
    let mut row = Row {
        spec: name.clone(),
        operations: 0,
        schemas: 0,
        generate: Err(String::new()),
        check: None,
        crate_name: crate_name.clone(),
    };
    let text = match std::fs::read_to_string(spec) {
        Ok(text) => text,
        Err(e) => {
            row.generate = Err(e.to_string());
            return row;
        }
    };
    if let Ok(doc) = openapi_client_gen::load::load(&name, &text) {
        row.operations = doc.operations().count();
        row.schemas = doc.components.as_ref().map_or(0, |c| c.schemas.len());
    }
    let started = Instant::now();
    let settings = Settings::new(&crate_name);
    let outcome = std::panic::catch_unwind(|| generate(&text, &name, &settings));
    let elapsed = started.elapsed();
    row.generate = match outcome {
        Err(_) => Err("PANIC in the generator".into()),
        Ok(Err(e)) => Err(e.to_string().lines().take(2).collect::<Vec<_>>().join(" ")),
        Ok(Ok(generated)) => {
            let lines = generated.files.values().map(|f| f.lines().count()).sum();
            match openapi_client_gen::write::write_crate(
                &crates_dir.join(&crate_name),
                &generated.files,
            ) {
                Ok(_) => Ok((elapsed, lines)),
                Err(e) => Err(e.to_string()),
            }
        }
    };
    row
}

fn print_table(rows: &[Row]) {
    println!(
        "| {:<52} | {:>5} | {:>7} | {:<8} | {:>7} | {:>7} | {:>8} | {:<7} | {:>8} | first error",
        "spec", "ops", "schemas", "generate", "gen s", "lines", "lines/op", "clippy", "check s"
    );
    println!("|{}|", ["---"; 10].join("|"));
    for row in rows {
        let (generate, gen_time, lines) = match &row.generate {
            Ok((time, lines)) => ("ok", format!("{:.2}", time.as_secs_f64()), *lines),
            Err(_) => ("FAILED", "-".into(), 0),
        };
        let per_op = if row.operations > 0 && lines > 0 {
            format!("{}", lines / row.operations)
        } else {
            "-".into()
        };
        let (check, check_time, error) = match (&row.generate, &row.check) {
            (Err(e), _) => ("-", "-".into(), e.clone()),
            (Ok(_), Some(c)) => (
                if c.ok { "ok" } else { "FAILED" },
                format!("{:.1}", c.elapsed.as_secs_f64()),
                c.first_error.clone().unwrap_or_default(),
            ),
            (Ok(_), None) => ("FAILED", "-".into(), "cargo did not run".into()),
        };
        println!(
            "| {:<52} | {:>5} | {:>7} | {:<8} | {:>7} | {:>7} | {:>8} | {:<7} | {:>8} | {}",
            row.spec,
            row.operations,
            row.schemas,
            generate,
            gen_time,
            lines,
            per_op,
            check,
            check_time,
            error.replace('|', "/")
        );
    }
}
