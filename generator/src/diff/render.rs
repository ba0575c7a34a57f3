//! The report as text (terminal) and Markdown (a CI comment): the verdict and counts first,
//! then the breaking changes grouped by operation, then everything else.

use super::{Bump, Change, HttpImpact, Report, RustApiChange, RustImpact};
use std::collections::BTreeMap;

/// The most characters of Markdown: a pull-request comment holds 65,536.
pub const MAX_MARKDOWN: usize = 60_000;

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

/// Breaking for HTTP consumers (the crate's own breaks are listed from its items).
fn is_breaking(change: &Change) -> bool {
    change.http == HttpImpact::Breaking
}

fn pointers(change: &Change) -> String {
    let show = |p: &Option<String>| p.as_ref().map_or("-".to_owned(), |p| format!("#{p}"));
    format!(
        "old {} / new {}",
        show(&change.old_pointer),
        show(&change.new_pointer)
    )
}

/// `what changed: how (HTTP ...)` for one change, its operation aside.
fn line(change: &Change) -> String {
    let what = if change.subject.is_empty() {
        String::new()
    } else {
        format!("{}: ", change.subject)
    };
    let also = match change.also.len() {
        0 => String::new(),
        n => format!(
            "; also in {n} other operation{}",
            if n == 1 { "" } else { "s" }
        ),
    };
    format!(
        "{what}{} (HTTP {}{also})",
        change.kind.describe(),
        http_name(change.http)
    )
}

/// `item: old → new (impact)` for one public item of the generated crate.
fn rust_line(change: &RustApiChange) -> String {
    let show = |s: &Option<String>| {
        s.as_deref()
            .map_or("(none)".to_owned(), |s| format!("`{s}`"))
    };
    let what = match (&change.old, &change.new) {
        (None, Some(_)) => format!("added {}", show(&change.new)),
        (Some(_), None) => "removed".to_owned(),
        _ => format!("{} → {}", show(&change.old), show(&change.new)),
    };
    format!("{}: {what} ({})", change.item, rust_name(change.impact))
}

/// How many changes of each class, on one line.
fn summary(report: &Report) -> String {
    let count = |pred: &dyn Fn(&Change) -> bool| report.changes.iter().filter(|c| pred(c)).count();
    let items = |impact: RustImpact| {
        report
            .rust_api
            .iter()
            .filter(|c| c.impact == impact)
            .count()
    };
    format!(
        "{} changes. HTTP consumers: {} breaking, {} warnings, {} compatible. Generated crate: {} public items differ, {} of them breaking compilation, {} additive.",
        report.changes.len(),
        count(&|c| c.http == HttpImpact::Breaking),
        count(&|c| c.http == HttpImpact::Warning),
        count(&|c| c.http == HttpImpact::Compatible),
        report.rust_api.len(),
        items(RustImpact::Breaking),
        items(RustImpact::Additive),
    )
}

fn breaking_items(report: &Report) -> impl Iterator<Item = &RustApiChange> {
    report
        .rust_api
        .iter()
        .filter(|c| c.impact == RustImpact::Breaking)
}

/// The changes of one kind (breaking or not), by operation (document-wide ones first).
fn by_operation(report: &Report, breaking: bool) -> BTreeMap<&str, Vec<&Change>> {
    let mut groups: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in report.changes.iter().filter(|c| is_breaking(c) == breaking) {
        groups.entry(&change.operation).or_default().push(change);
    }
    groups
}

fn heading(operation: &str) -> &str {
    if operation.is_empty() {
        "whole API"
    } else {
        operation
    }
}

pub fn text(report: &Report) -> String {
    let mut out = format!(
        "API changes from {} to {}\nverdict: {} version bump for the generated crate\n",
        report.old_file,
        report.new_file,
        bump_name(report.bump)
    );
    if report.changes.is_empty() && report.rust_api.is_empty() {
        out.push_str("no changes a client can notice\n");
        return out;
    }
    out.push_str(&summary(report));
    out.push('\n');
    if breaking_items(report).next().is_some() {
        out.push_str("\ngenerated crate, items that break compilation:\n");
        for change in breaking_items(report) {
            out.push_str(&format!("  - {}\n", rust_line(change)));
        }
    }
    for (breaking, title) in [
        (true, "breaking for HTTP consumers"),
        (false, "other changes"),
    ] {
        let groups = by_operation(report, breaking);
        if groups.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}:\n"));
        for (operation, changes) in groups {
            out.push_str(&format!("  {}\n", heading(operation)));
            for change in changes {
                out.push_str(&format!(
                    "  - {}\n      {}\n",
                    line(change),
                    pointers(change)
                ));
            }
        }
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
    if report.changes.is_empty() && report.rust_api.is_empty() {
        out.push_str("No changes a client can notice.\n");
        return out;
    }
    out.push_str(&summary(report));
    out.push_str("\n\n");
    let cell = |text: &str| text.replace('|', "\\|");
    let mut budget = Budget::new(&out);
    let items = breaking_items(report).count();
    if items > 0 {
        budget.push(
            &mut out,
            format!("#### Generated crate: items that break compilation ({items})\n\n"),
        );
        for change in breaking_items(report) {
            budget.push(&mut out, format!("- {}\n", cell(&rust_line(change))));
        }
        budget.push(&mut out, "\n".to_owned());
    }
    let breaking = by_operation(report, true);
    if !breaking.is_empty() {
        let count: usize = breaking.values().map(Vec::len).sum();
        budget.push(
            &mut out,
            format!("#### Breaking for HTTP consumers ({count})\n\n"),
        );
        for (operation, changes) in breaking {
            budget.push(&mut out, format!("**{}**\n", cell(heading(operation))));
            for change in changes {
                budget.push(&mut out, format!("- {}\n", cell(&line(change))));
            }
            budget.push(&mut out, "\n".to_owned());
        }
    }
    let others = by_operation(report, false);
    if !others.is_empty() {
        let count: usize = others.values().map(Vec::len).sum();
        budget.push_always(
            &mut out,
            &format!("<details><summary>Other changes ({count})</summary>\n\n| where | change | HTTP consumers |\n|---|---|---|\n"),
        );
        for (operation, changes) in others {
            for change in changes {
                budget.push(
                    &mut out,
                    format!(
                        "| {} {} | {} | {} |\n",
                        cell(heading(operation)),
                        cell(&change.subject),
                        cell(&change.kind.describe()),
                        http_name(change.http)
                    ),
                );
            }
        }
        budget.push_always(&mut out, "\n</details>\n");
    }
    budget.close(&mut out);
    out
}

/// Keeps the Markdown under [`MAX_MARKDOWN`]: lines past the budget are counted, not shown.
struct Budget {
    left: usize,
    cut: usize,
}

/// Room kept for the closing lines.
const CLOSING_ROOM: usize = 400;

impl Budget {
    fn new(so_far: &str) -> Self {
        Budget {
            left: MAX_MARKDOWN.saturating_sub(so_far.len() + CLOSING_ROOM),
            cut: 0,
        }
    }

    fn push(&mut self, out: &mut String, text: String) {
        if self.cut == 0 && text.len() <= self.left {
            self.left -= text.len();
            out.push_str(&text);
        } else {
            self.cut += 1;
        }
    }

    /// Structure that must be there whatever was cut (the `<details>` frame).
    fn push_always(&mut self, out: &mut String, text: &str) {
        self.left = self.left.saturating_sub(text.len());
        out.push_str(text);
    }

    fn close(self, out: &mut String) {
        if self.cut > 0 {
            out.push_str(&format!(
                "\n*{} more lines not shown (the comment size limit); `diff --format json` lists every change.*\n",
                self.cut
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{ChangeKind, Direction};

    fn change(operation: &str, subject: &str, breaking: bool) -> Change {
        Change {
            operation: operation.to_owned(),
            subject: subject.to_owned(),
            kind: if breaking {
                ChangeKind::PropertyRemoved
            } else {
                ChangeKind::PropertyAdded { required: false }
            },
            direction: Direction::Response,
            old_pointer: None,
            new_pointer: None,
            http: if breaking {
                HttpImpact::Breaking
            } else {
                HttpImpact::Compatible
            },
            rust: if breaking {
                RustImpact::Breaking
            } else {
                RustImpact::Additive
            },
            also: Vec::new(),
        }
    }

    #[test]
    fn markdown_puts_breaking_changes_first_and_fits_a_comment() {
        let mut changes: Vec<Change> = (0..5000)
            .map(|i| change(&format!("GET /things/{i}"), &format!("`field_{i}`"), false))
            .collect();
        changes.push(change("DELETE /things", "`id`", true));
        let report = Report {
            old_file: "old.yaml".into(),
            new_file: "new.yaml".into(),
            changes,
            rust_api: Vec::new(),
            bump: Bump::Major,
        };
        let markdown = markdown(&report);
        assert!(markdown.len() <= MAX_MARKDOWN, "{}", markdown.len());
        let breaking = markdown.find("DELETE /things").unwrap();
        assert!(breaking < markdown.find("GET /things/0").unwrap());
        assert!(markdown.contains("5001 changes. HTTP consumers: 1 breaking"));
        assert!(markdown.contains("more lines not shown"));
        assert!(markdown.ends_with("lists every change.*\n"));
    }
}
