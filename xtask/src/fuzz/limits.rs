//! Resource limits: descriptions built to exhaust the stack, memory or time (deep nesting,
//! YAML alias bombs, `$ref` graphs that multiply, huge enums and names), each generated in a
//! child process that reports its time and peak memory. Each must end in under a second and
//! 200 MB, with a crate or a located refusal.

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const MAX_SECONDS: f64 = 1.0;
const MAX_MB: u64 = 200;

/// The cases, by name: (file name, text).
fn cases() -> Vec<(&'static str, String)> {
    let with_schema = |schema: Value, components: Value| {
        json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {
                "description": "d",
                "content": {"application/json": {"schema": schema}}
            }}}}},
            "components": {"schemas": components}
        })
        .to_string()
    };
    let operation = |schema: Value| with_schema(schema, json!({}));
    // Text, not a `Value`: serializing 10,000 levels would overflow this process's stack.
    let nested = |depth: usize| {
        let open = r#"{"type":"array","items":"#.repeat(depth);
        format!("{open}{{\"type\":\"string\"}}{}", "}".repeat(depth))
    };
    let mut laughs = String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..12 {
        let previous = format!("*a{}", level - 1);
        laughs.push_str(&format!(
            "x-{level}: &a{level} [{}]\n",
            vec![previous; 10].join(", ")
        ));
    }
    let reference = |i: usize| json!({"$ref": format!("#/components/schemas/S{i}")});
    let chain = |all_of: bool| {
        let mut schemas = serde_json::Map::new();
        for i in 0..60 {
            let next = reference(i + 1);
            let schema = if all_of {
                json!({"allOf": [next.clone(), next]})
            } else {
                json!({"type": "object", "properties": {"a": next.clone(), "b": next}})
            };
            schemas.insert(format!("S{i}"), schema);
        }
        schemas.insert(
            "S60".into(),
            json!({"type": "object", "properties": {"x": {"type": "string"}}}),
        );
        with_schema(reference(0), Value::Object(schemas))
    };
    let deep_json =
        |depth: usize| operation(json!("PLACEHOLDER")).replace("\"PLACEHOLDER\"", &nested(depth));
    let huge_enum: Vec<String> = (0..200_000).map(|i| format!("v{i}")).collect();
    vec![
        ("json-nested-10000.json", deep_json(10_000)),
        ("json-nested-100.json", deep_json(100)),
        (
            "yaml-nested-10000.yaml",
            format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A: {}\n",
                nested(10_000)
            ),
        ),
        ("yaml-alias-bomb.yaml", laughs),
        ("ref-graph-properties.json", chain(false)),
        ("ref-graph-allof.json", chain(true)),
        (
            "ref-self.json",
            operation(json!({"$ref": "#/paths/~1a/get/responses/200/content/application~1json/schema"})),
        ),
        ("enum-200000.json", operation(json!({"type": "string", "enum": huge_enum}))),
        ("enum-10000.json", operation(json!({"type": "string", "enum": huge_enum[..10_000]}))),
        (
            "name-1mb.json",
            operation(json!({"type": "object", "properties": {"a".repeat(1 << 20): {"type": "string"}}})),
        ),
    ]
}

/// Runs every case; prints a table; false when one breaks a limit or crashes.
pub fn run(dir: &Path) -> bool {
    let _ = std::fs::create_dir_all(dir);
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("fuzz: {e}");
            return false;
        }
    };
    println!("resource limits (each in its own process; limits {MAX_SECONDS} s, {MAX_MB} MB):");
    let mut ok = true;
    for (name, text) in cases() {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("fuzz: {}: {e}", path.display());
            return false;
        }
        let output = Command::new(&exe).arg("fuzz-limit").arg(&path).output();
        let report = match &output {
            Ok(output) if output.status.success() => {
                String::from_utf8_lossy(&output.stdout).trim().to_owned()
            }
            Ok(output) => format!(
                "CRASHED ({}) {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            ),
            Err(e) => format!("CRASHED {e}"),
        };
        let within =
            parse_report(&report).is_some_and(|(seconds, mb)| seconds < MAX_SECONDS && mb < MAX_MB);
        ok &= within;
        println!(
            "  {name:28} {report}{}",
            if within { "" } else { "  <- OVER THE LIMIT" }
        );
    }
    ok
}

fn parse_report(report: &str) -> Option<(f64, u64)> {
    let mut words = report.split_whitespace();
    let seconds = words.next()?.strip_suffix('s')?.parse().ok()?;
    let mb = words.next()?.strip_suffix("MB")?.parse().ok()?;
    Some((seconds, mb))
}

/// The child side: generates `path` and prints `<seconds>s <peak>MB <outcome>`.
pub fn generate_one(path: &Path) -> std::process::ExitCode {
    let started = Instant::now();
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let name = openapi_client_gen::display_name(path);
    let outcome = match openapi_client_gen::generate(
        &text,
        &name,
        &openapi_client_gen::Settings::new("limit"),
    ) {
        Ok(generated) => format!("generated {} files", generated.files.len()),
        Err(error) => {
            let first = error.to_string();
            let line = first.lines().nth(1).unwrap_or(&first).trim().to_owned();
            format!("refused: {}", line.chars().take(110).collect::<String>())
        }
    };
    println!(
        "{:.2}s {}MB {outcome}",
        started.elapsed().as_secs_f64(),
        super::peak_memory_mb().unwrap_or(0)
    );
    std::process::ExitCode::SUCCESS
}
