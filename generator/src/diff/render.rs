//! The report as text (terminal) and Markdown (a CI comment).

use super::{Bump, Change, HttpImpact, Report, RustImpact};

fn bump_name(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "major",
        Bump::Minor => "minor",
        Bump::Patch => "patch",
    }
}

fn http_name(impact: HttpImpact) -> &'static str {
    match impact {
        HttpImpact::Breaking => "breaking",
        HttpImpact::Warning => "warning",
        HttpImpact::Compatible => "compatible",
    }
}

fn rust_name(impact: RustImpact) -> &'static str {
    match impact {
        RustImpact::Breaking => "breaks compilation",
        RustImpact::Additive => "additive",
        RustImpact::None => "no API change",
    }
}

fn place(change: &Change) -> String {
    match (change.operation.is_empty(), change.subject.is_empty()) {
        (true, _) => change.subject.clone(),
        (false, true) => change.operation.clone(),
        (false, false) => format!("{} {}", change.operation, change.subject),
    }
}

fn pointers(change: &Change) -> String {
    let show = |p: &Option<String>| p.as_ref().map_or("-".to_owned(), |p| format!("#{p}"));
    format!(
        "old {} / new {}",
        show(&change.old_pointer),
        show(&change.new_pointer)
    )
}

fn reasons(report: &Report) -> Vec<String> {
    report
        .changes
        .iter()
        .filter(|c| c.rust.bump() == report.bump && report.bump != Bump::Patch)
        .map(|c| {
            format!(
                "{}: {} ({})",
                place(c),
                c.kind.describe(),
                rust_name(c.rust)
            )
        })
        .collect()
}

pub fn text(report: &Report) -> String {
    let mut out = format!(
        "API changes from {} to {}\n",
        report.old_file, report.new_file
    );
    if report.changes.is_empty() {
        out.push_str("no changes a client can notice\n");
    }
    for change in &report.changes {
        out.push_str(&format!(
            "- [HTTP {}, Rust {}] {}: {}\n    {}\n",
            http_name(change.http),
            rust_name(change.rust),
            place(change),
            change.kind.describe(),
            pointers(change)
        ));
    }
    out.push_str(&format!(
        "verdict: {} version bump for the generated crate\n",
        bump_name(report.bump)
    ));
    for reason in reasons(report) {
        out.push_str(&format!("  because {reason}\n"));
    }
    out
}

pub fn markdown(report: &Report) -> String {
    let mut out = format!(
        "### API changes: `{}` → `{}`\n\n**Verdict: {} version bump** for the generated crate.\n\n",
        report.old_file,
        report.new_file,
        bump_name(report.bump)
    );
    if report.changes.is_empty() {
        out.push_str("No changes a client can notice.\n");
        return out;
    }
    out.push_str(
        "| where | change | HTTP consumers | generated crate | pointers |\n|---|---|---|---|---|\n",
    );
    for change in &report.changes {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            place(change).replace('|', "\\|"),
            change.kind.describe().replace('|', "\\|"),
            http_name(change.http),
            rust_name(change.rust),
            pointers(change)
        ));
    }
    out
}
