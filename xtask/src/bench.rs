//! `xtask bench`: generation stage times and peak memory, generated size, and `cargo check` /
//! `cargo build` of the output, for us and for peers (openapi-generator, progenitor) on the
//! same specs in the same run, with medians and ratios.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Runs per figure (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Runs per compile figure (`cargo check`/`build` of big crates take minutes); default: --runs.
    #[arg(long)]
    compile_runs: Option<usize>,
    /// Specs to measure: `github` or a corpus file name; default: github and the three largest.
    #[arg(long, value_delimiter = ',')]
    specs: Vec<String>,
    /// Skip openapi-generator and progenitor.
    #[arg(long)]
    no_peers: bool,
    /// Skip `cargo check` / `cargo build` of the generated crates.
    #[arg(long)]
    no_compile: bool,
    /// Also measure subsets of GitHub's description with about 10, 100 and 1000 operations.
    #[arg(long)]
    scaling: bool,
    /// Also measure each spec converted to OpenAPI 3.1 (`xtask::openapi31`), in a row
    /// `<spec> (3.1)` after its own, and compare the two.
    #[arg(long)]
    openapi31: bool,
    /// Also `cargo check` our crate with only these Cargo features (tags, e.g.
    /// `issues,repos`), where the crate has them all.
    #[arg(long)]
    features: Option<String>,
    #[arg(long, default_value = "target/bench")]
    work_dir: PathBuf,
}

impl BenchArgs {
    fn compile_runs(&self) -> usize {
        self.compile_runs.unwrap_or(self.runs)
    }
}

/// One generation, measured in a child process (`xtask bench-generate`) so peak memory is its own.
#[derive(Debug, Clone, Default)]
struct Generation {
    stages: [f64; 5],
    total: f64,
    bare_parse: f64,
    peak_mb: f64,
    lines: usize,
    files: usize,
}

/// `cargo check` and `cargo build`: (seconds, peak MB) each.
type Compile = [(f64, f64); 2];

/// A peer's figures: generation seconds, peak MB, generated lines, compile figures.
type PeerFigures = (f64, f64, usize, Option<Compile>);

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    if values.is_empty() {
        return f64::NAN;
    }
    values[values.len() / 2]
}

/// `xtask bench-generate SPEC OUT [--no-rustfmt]`: generates once and prints its figures as
/// one JSON line.
pub fn generate_once(spec: &Path, out: &Path, rustfmt: bool) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(out);
    // Total: reading the spec, generating and writing the crate, as the command does.
    let started = Instant::now();
    let text = std::fs::read_to_string(spec).map_err(|e| e.to_string())?;
    let name = openapi_client_gen::display_name(spec);
    let settings = openapi_client_gen::Settings::new("bench-client").rustfmt(rustfmt);
    let (generated, timings) =
        openapi_client_gen::generate_timed(&text, &name, &settings).map_err(|e| e.to_string())?;
    let write_started = Instant::now();
    openapi_client_gen::write::write_crate(out, &generated.files).map_err(|e| e.to_string())?;
    let write = write_started.elapsed().as_secs_f64();
    let total = started.elapsed().as_secs_f64();
    // The baseline, timed apart (it was once inside the total): the same text parsed into a
    // JSON tree and nothing more.
    let parse_started = Instant::now();
    if text.trim_start().starts_with('{') {
        serde_json::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())?;
    } else {
        serde_yaml::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())?;
    }
    let bare_parse = parse_started.elapsed().as_secs_f64();
    let lines: usize = generated.files.values().map(|f| f.lines().count()).sum();
    println!(
        "{}",
        serde_json::json!({
            "load": timings.load.as_secs_f64(), "lower": timings.lower.as_secs_f64(),
            "emit": timings.emit.as_secs_f64(), "format": timings.format.as_secs_f64(),
            "write": write, "total": total, "bare_parse": bare_parse,
            "peak_kb": peak_rss_kb(), "lines": lines, "files": generated.files.len(),
        })
    );
    Ok(())
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn measure_ours(spec: &Path, out: &Path, runs: usize, rustfmt: bool) -> Result<Generation, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut samples = Vec::new();
    for _ in 0..runs {
        let output = Command::new(&exe)
            .arg("bench-generate")
            .arg(spec)
            .arg(out)
            .args((!rustfmt).then_some("--no-rustfmt"))
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        let v: serde_json::Value =
            serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
        samples.push(v);
    }
    let pick = |key: &str| {
        median(
            samples
                .iter()
                .map(|v| v[key].as_f64().unwrap_or(f64::NAN))
                .collect(),
        )
    };
    Ok(Generation {
        stages: [
            pick("load"),
            pick("lower"),
            pick("emit"),
            pick("format"),
            pick("write"),
        ],
        total: pick("total"),
        bare_parse: pick("bare_parse"),
        peak_mb: pick("peak_kb") / 1024.0,
        lines: samples[0]["lines"].as_u64().unwrap_or(0) as usize,
        files: samples[0]["files"].as_u64().unwrap_or(0) as usize,
    })
}

/// Wall seconds and peak memory (MB) of a command, via GNU time.
fn timed(command: &mut Command) -> Result<(f64, f64), String> {
    let output_file = std::env::temp_dir().join(format!("bench-time-{}", std::process::id()));
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(&output_file)
        .arg(program)
        .args(args);
    if let Some(dir) = command.get_current_dir() {
        wrapped.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            wrapped.env(key, value);
        }
    }
    let output = wrapped
        .output()
        .map_err(|e| format!("cannot run /usr/bin/time: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr
            .lines()
            .filter(|l| l.contains("error"))
            .take(2)
            .collect::<Vec<_>>()
            .join(" | "));
    }
    let text = std::fs::read_to_string(&output_file).map_err(|e| e.to_string())?;
    let mut parts = text.split_whitespace();
    let seconds: f64 = parts
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    let kb: f64 = parts
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    Ok((seconds, kb / 1024.0))
}

/// `cargo check` then `cargo build` of the crate in `dir`, dependencies built first (untimed);
/// each timed run recompiles the crate itself from scratch (sources touched, no incremental
/// cache).
fn measure_compile(dir: &Path, target: &Path, runs: usize) -> Result<Compile, String> {
    Ok([
        measure_cargo(dir, target, runs, "check", &[])?,
        measure_cargo(dir, target, runs, "build", &[])?,
    ])
}

/// `cargo check` of the crate in `dir` with only `features` (default features off), where
/// its manifest declares them all; `None` where it does not.
fn measure_check_with(
    dir: &Path,
    target: &Path,
    runs: usize,
    features: &str,
) -> Option<Result<(f64, f64), String>> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let declared = |feature: &str| {
        manifest
            .lines()
            .any(|l| l.starts_with(&format!("{feature} = [")))
    };
    if !features.split(',').all(declared) {
        return None;
    }
    let args = ["--no-default-features", "--features", features];
    Some(measure_cargo(dir, target, runs, "check", &args))
}

/// The median wall seconds and peak MB of `cargo <subcommand> <args>` on the crate in `dir`.
fn measure_cargo(
    dir: &Path,
    target: &Path,
    runs: usize,
    subcommand: &str,
    args: &[&str],
) -> Result<(f64, f64), String> {
    // The outputs live under this repository's target/: make each its own workspace root.
    let manifest = dir.join("Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    if !text.contains("[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n")).map_err(|e| e.to_string())?;
    }
    let cargo = |dir: &Path| {
        let mut c = Command::new("cargo");
        c.arg(subcommand)
            .args(args)
            .arg("--quiet")
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            // A user's clean build compiles a dependency from scratch, without an
            // incremental cache; a touched file would otherwise reuse most of the work.
            .env("CARGO_INCREMENTAL", "0")
            .env("RUSTFLAGS", "--cap-lints=allow");
        c
    };
    // Dependencies first, untimed, through an empty crate with the same manifest (building
    // the generated crate itself here would double the cost of every big figure).
    let deps_only = prebuild_crate(dir)?;
    timed(&mut cargo(&deps_only))?;
    let mut times = Vec::new();
    let mut memory = Vec::new();
    for _ in 0..runs {
        touch_sources(dir);
        let (t, m) = timed(&mut cargo(dir))?;
        times.push(t);
        memory.push(m);
    }
    Ok((median(times), median(memory)))
}

/// `<dir>-deps`: the manifest of `dir` with an empty library, to build its dependencies.
fn prebuild_crate(dir: &Path) -> Result<PathBuf, String> {
    let deps = dir.with_file_name(format!(
        "{}-deps",
        dir.file_name()
            .map_or("crate".into(), |n| n.to_string_lossy())
    ));
    std::fs::create_dir_all(deps.join("src")).map_err(|e| e.to_string())?;
    std::fs::copy(dir.join("Cargo.toml"), deps.join("Cargo.toml")).map_err(|e| e.to_string())?;
    std::fs::write(deps.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    Ok(deps)
}

fn touch_sources(dir: &Path) {
    for entry in walk(&dir.join("src")) {
        if let Ok(file) = std::fs::File::options().append(true).open(&entry) {
            let _ = file.set_modified(std::time::SystemTime::now());
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn count_lines(dir: &Path) -> (usize, usize) {
    let files: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    let lines = files
        .iter()
        .map(|f| {
            std::fs::read_to_string(f)
                .map(|t| t.lines().count())
                .unwrap_or(0)
        })
        .sum();
    (lines, files.len())
}

/// Installs the peers into `.tools/` (pinned): openapi-generator from PyPI, progenitor from crates.io.
fn install_peers(root: &Path) -> Result<(PathBuf, PathBuf), String> {
    let venv = root.join(".tools/bench-venv");
    let ogc = venv.join("bin/openapi-generator-cli");
    if !ogc.exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        run(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            "openapi-generator-cli==7.26.0",
        ]))?;
    }
    let progenitor_root = root.join(".tools/progenitor");
    let progenitor = progenitor_root.join("bin/cargo-progenitor");
    if !progenitor.exists() {
        run(Command::new("cargo")
            .args([
                "install",
                "cargo-progenitor",
                "--locked",
                "--quiet",
                "--root",
            ])
            .arg(&progenitor_root))?;
    }
    Ok((ogc, progenitor))
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("{command:?} failed"))
}

/// A subset of a JSON spec with about `operations` operations (all components kept).
fn subset(spec: &Path, operations: usize, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(spec).map_err(|e| e.to_string())?;
    let mut doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let paths = doc["paths"].as_object().cloned().unwrap_or_default();
    let mut kept = serde_json::Map::new();
    let mut count = 0;
    for (path, item) in paths {
        if count >= operations {
            break;
        }
        count += item.as_object().map_or(0, |o| {
            o.keys()
                .filter(|k| {
                    ["get", "put", "post", "delete", "patch", "head", "options"]
                        .contains(&k.as_str())
                })
                .count()
        });
        kept.insert(path, item);
    }
    doc["paths"] = serde_json::Value::Object(kept);
    std::fs::write(out, serde_json::to_string(&doc).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())
}

/// `cargo check` with only some features: the features, and (seconds, peak MB).
type FeatureCheck = (String, Result<(f64, f64), String>);

struct Row {
    spec: String,
    operations: usize,
    ours: Generation,
    /// Generation without the rustfmt pass (a build script writing into `OUT_DIR`).
    ours_unformatted: Generation,
    ours_compile: Option<Compile>,
    /// `cargo check` with only `--features`.
    ours_features: Option<FeatureCheck>,
    peers: Vec<(String, Result<PeerFigures, String>)>,
}

pub fn run_bench(args: &BenchArgs) -> Result<(), String> {
    let root = super::repo_root();
    let work = root.join(&args.work_dir);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let github = super::github::fetch(&root.join("target/corpus"))?;
    let corpus = root.join("../shared/corpus");
    let names = if args.specs.is_empty() {
        vec![
            "github".to_owned(),
            "stripe.com__main.yaml".into(),
            "mist.com__main.yaml".into(),
            "appcenter.ms__main.yaml".into(),
        ]
    } else {
        args.specs.clone()
    };
    let mut specs: Vec<(String, PathBuf)> = names
        .iter()
        .map(|n| {
            if n == "github" {
                ("api.github.com.json".to_owned(), github.clone())
            } else {
                (n.clone(), corpus.join(n))
            }
        })
        .collect();
    if args.scaling {
        for n in [10, 100, 1000] {
            let out = work.join(format!("github-{n}.json"));
            subset(&github, n, &out)?;
            specs.push((format!("github subset ~{n} ops"), out));
        }
    }
    if args.openapi31 {
        specs = with_openapi31_conversions(specs, &work)?;
    }
    let peers = if args.no_peers {
        None
    } else {
        Some(install_peers(&root)?)
    };
    println!(
        "machine: {} cores; runs per figure: {} generation, {} compile (medians)",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        args.runs,
        args.compile_runs()
    );
    let mut rows = Vec::new();
    for (name, spec) in &specs {
        eprintln!("== {name}");
        let operations = openapi_client_gen::load::load(
            name,
            &std::fs::read_to_string(spec).map_err(|e| e.to_string())?,
        )
        .map(|d| d.operations().count())
        .unwrap_or(0);
        let out = work.join("ours").join(slug(name));
        let ours_unformatted = measure_ours(spec, &out, args.runs, false)?;
        let ours = measure_ours(spec, &out, args.runs, true)?;
        let ours_compile = if args.no_compile {
            None
        } else {
            match measure_compile(&out, &work.join("target-ours"), args.compile_runs()) {
                Ok(figures) => Some(figures),
                Err(e) => {
                    eprintln!("warning: compiling our {name} crate failed: {e}");
                    None
                }
            }
        };
        let mut peer_rows = Vec::new();
        if let Some((ogc, progenitor)) = &peers {
            let og_out = work.join("openapi-generator").join(slug(name));
            let og = peer_run(
                Command::new(ogc)
                    .args(["generate", "-g", "rust", "--skip-validate-spec", "-i"])
                    .arg(spec)
                    .arg("-o")
                    .arg(&og_out),
                &og_out,
                &work.join("target-openapi-generator"),
                args,
            );
            peer_rows.push(("openapi-generator".to_owned(), og));
            let pg_out = work.join("progenitor").join(slug(name));
            let pg = peer_run(
                Command::new(progenitor)
                    .args(["progenitor", "-n", "bench-progenitor", "-v", "0.1.0", "-i"])
                    .arg(spec)
                    .arg("-o")
                    .arg(&pg_out),
                &pg_out,
                &work.join("target-progenitor"),
                args,
            );
            peer_rows.push(("progenitor".to_owned(), pg));
        }
        let ours_features = match (&args.features, args.no_compile) {
            (Some(features), false) => measure_check_with(
                &out,
                &work.join("target-ours"),
                args.compile_runs(),
                features,
            )
            .map(|figures| (features.clone(), figures)),
            _ => None,
        };
        rows.push(Row {
            spec: name.clone(),
            operations,
            ours,
            ours_unformatted,
            ours_compile,
            ours_features,
            peers: peer_rows,
        });
    }
    print_report(&rows);
    Ok(())
}

/// Each spec followed by its 3.1 conversion, written as JSON into `work`.
fn with_openapi31_conversions(
    specs: Vec<(String, PathBuf)>,
    work: &Path,
) -> Result<Vec<(String, PathBuf)>, String> {
    let mut out = Vec::new();
    for (name, spec) in specs {
        let text = std::fs::read_to_string(&spec).map_err(|e| format!("{name}: {e}"))?;
        let converted =
            xtask::openapi31::convert_text(&text).map_err(|e| format!("{name}: {e}"))?;
        let path = work.join(format!("{}.openapi31.json", slug(&name)));
        std::fs::write(&path, converted).map_err(|e| e.to_string())?;
        out.push((name.clone(), spec));
        out.push((format!("{name}{OPENAPI31_SUFFIX}"), path));
    }
    Ok(out)
}

/// Marks the row of a spec's 3.1 conversion.
const OPENAPI31_SUFFIX: &str = " (3.1)";

fn peer_run(
    command: &mut Command,
    out: &Path,
    target: &Path,
    args: &BenchArgs,
) -> Result<PeerFigures, String> {
    let mut times = Vec::new();
    let mut memory = Vec::new();
    for _ in 0..args.runs {
        let _ = std::fs::remove_dir_all(out);
        let (t, m) = timed(command)?;
        times.push(t);
        memory.push(m);
    }
    let (lines, _) = count_lines(out);
    let compile = if args.no_compile {
        None
    } else {
        measure_compile(out, target, args.compile_runs()).ok()
    };
    Ok((median(times), median(memory), lines, compile))
}

fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn print_report(rows: &[Row]) {
    println!("\n### Our generator, per stage (seconds, median)\n");
    println!("| spec | ops | load | IR | emit | format | write | total | bare parse | total / bare parse | peak MB | lines | files | lines/op |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let g = &r.ours;
        println!(
            "| {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.1} | {:.0} | {} | {} | {} |",
            r.spec, r.operations, g.stages[0], g.stages[1], g.stages[2], g.stages[3], g.stages[4], g.total, g.bare_parse,
            g.total / g.bare_parse, g.peak_mb, g.lines, g.files, g.lines.checked_div(r.operations).unwrap_or(0)
        );
        let g = &r.ours_unformatted;
        println!(
            "| {} (no rustfmt: build.rs mode) | {} | {:.3} | {:.3} | {:.3} | - | {:.3} | {:.3} | {:.3} | {:.1} | {:.0} | {} | {} | {} |",
            r.spec, r.operations, g.stages[0], g.stages[1], g.stages[2], g.stages[4], g.total, g.bare_parse,
            g.total / g.bare_parse, g.peak_mb, g.lines, g.files, g.lines.checked_div(r.operations).unwrap_or(0)
        );
    }
    println!("\n### Compiling the generated crate (dependencies prebuilt; seconds and peak MB, median)\n");
    println!("| spec | generator | generate s | generate MB | lines | check s | check MB | build s | build MB | gen ratio (peer/ours) | check ratio (ours/peer) |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let show = |c: &Option<Compile>| match c {
            Some([(cs, cm), (bs, bm)]) => format!("{cs:.1} | {cm:.0} | {bs:.1} | {bm:.0}"),
            None => "- | - | - | -".into(),
        };
        println!(
            "| {} | ours | {:.2} | {:.0} | {} | {} | 1 | 1 |",
            r.spec,
            r.ours.total,
            r.ours.peak_mb,
            r.ours.lines,
            show(&r.ours_compile)
        );
        match &r.ours_features {
            Some((features, Ok((seconds, mb)))) => println!(
                "| {} | ours, features {features} only | | | | {seconds:.1} | {mb:.0} | - | - | | |",
                r.spec
            ),
            Some((features, Err(e))) => println!(
                "| {} | ours, features {features} only | failed: {} | | | | | | | | |",
                r.spec,
                e.replace('|', "/")
            ),
            None => {}
        }
        for (peer, result) in &r.peers {
            match result {
                Ok((t, m, lines, compile)) => {
                    let check_ratio = match (&r.ours_compile, compile) {
                        (Some([(ours, _), _]), Some([(theirs, _), _])) => {
                            format!("{:.2}", ours / theirs)
                        }
                        _ => "-".into(),
                    };
                    println!(
                        "| {} | {peer} | {t:.2} | {m:.0} | {lines} | {} | {:.1} | {check_ratio} |",
                        r.spec,
                        show(compile),
                        t / r.ours.total
                    );
                }
                Err(e) => println!(
                    "| {} | {peer} | failed: {} | | | | | | | | |",
                    r.spec,
                    e.replace('|', "/").chars().take(120).collect::<String>()
                ),
            }
        }
    }
    print_scaling(rows);
    print_openapi31(rows);
}

/// Generation time of each 3.1 conversion against its 3.0 original.
fn print_openapi31(rows: &[Row]) {
    let pairs: Vec<(&Row, &Row)> = rows
        .iter()
        .filter_map(|converted| {
            let name = converted.spec.strip_suffix(OPENAPI31_SUFFIX)?;
            Some((rows.iter().find(|r| r.spec == name)?, converted))
        })
        .collect();
    if pairs.is_empty() {
        return;
    }
    println!("\n### OpenAPI 3.1 against 3.0: the same spec, converted (seconds, median)\n");
    println!(
        "| spec | 3.0 load | 3.1 load | 3.0 total | 3.1 total | 3.1 / 3.0 total | same lines |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (original, converted) in pairs {
        let (a, b) = (&original.ours, &converted.ours);
        println!(
            "| {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
            original.spec,
            a.stages[0],
            b.stages[0],
            a.total,
            b.total,
            b.total / a.total,
            a.lines == b.lines
        );
    }
}

/// Cost per operation of GitHub's subsets and the whole description: flat columns mean
/// linear growth.
fn print_scaling(rows: &[Row]) {
    let mut github: Vec<&Row> = rows
        .iter()
        .filter(|r| r.spec.starts_with("github subset") || r.spec == "api.github.com.json")
        .collect();
    if github.len() < 2 {
        return;
    }
    github.sort_by_key(|r| r.operations);
    println!("\n### Scaling in operations (ours; GitHub subsets and the whole description)\n");
    println!("| spec | ops | generate s | generate ms/op | lines/op | check s | check ms/op |");
    println!("|---|---|---|---|---|---|---|");
    for r in github {
        let ops = r.operations.max(1) as f64;
        let check = r.ours_compile.map(|[(check, _), _]| check);
        println!(
            "| {} | {} | {:.3} | {:.2} | {} | {} | {} |",
            r.spec,
            r.operations,
            r.ours.total,
            r.ours.total * 1000.0 / ops,
            r.ours.lines / r.operations.max(1),
            check.map_or("-".into(), |c| format!("{c:.1}")),
            check.map_or("-".into(), |c| format!("{:.1}", c * 1000.0 / ops)),
        );
    }
}
