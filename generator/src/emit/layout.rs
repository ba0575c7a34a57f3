//! Lines laid out as rustfmt lays them out, for the few shapes of the items written as text
//! (`codec.rs`'s, and the enums of `models.rs`).
//!
//! rustfmt (with its default configuration, which the format stage pins) keeps a list on
//! one line when it fits both the line and a width heuristic of its kind, and puts one
//! element per line otherwise. The widths below are its defaults. Where this module does
//! not know which layout rustfmt would pick (a line over the limit, a character whose
//! display width is not its byte length, a list past a heuristic that it does not handle),
//! the item is marked inexact and goes through rustfmt instead.

use crate::format::Piece;
use std::collections::BTreeSet;

/// rustfmt's `max_width`.
const MAX_WIDTH: usize = 100;
/// rustfmt's `fn_call_width`: the widest argument list (or tuple) kept on one line.
const CALL_WIDTH: usize = 60;
/// rustfmt's `attr_fn_like_width`: the same, for the arguments of `cfg(any(...))`.
const ATTRIBUTE_CALL_WIDTH: usize = 70;
/// rustfmt's `struct_lit_width`: the widest struct literal body kept on one line.
const STRUCT_LITERAL_WIDTH: usize = 18;
/// rustfmt's `array_width`: the widest array kept on one line.
const ARRAY_WIDTH: usize = 60;
const INDENT: &str = "    ";

/// One item's text, and whether it is surely in rustfmt's layout.
#[derive(Default)]
pub struct Layout {
    text: String,
    inexact: bool,
}

impl Layout {
    /// A new item, starting with its `#[cfg(...)]` when features gate it (any of them).
    pub fn gated(features: Option<&BTreeSet<String>>) -> Self {
        let mut item = Layout::default();
        if let Some(features) = features {
            let predicates: Vec<String> = features
                .iter()
                .map(|f| format!("feature = {f:?}"))
                .collect();
            item.cfg(&predicates);
        }
        item
    }

    /// The item as a piece of its file: formatted already, or left for rustfmt.
    pub fn into_piece(self) -> Piece {
        if self.inexact {
            Piece::unformatted(self.text)
        } else {
            Piece::formatted(self.text)
        }
    }

    /// One line at `depth` levels of indentation.
    pub fn line(&mut self, depth: usize, content: &str) {
        if depth * INDENT.len() + content.len() > MAX_WIDTH || !content.is_ascii() {
            self.inexact = true;
        }
        for _ in 0..depth {
            self.text.push_str(INDENT);
        }
        self.text.push_str(content);
        self.text.push('\n');
    }

    /// Doc comment lines (each with its leading space, as `docs::sanitize` gives them).
    /// rustfmt leaves comments as they are, whatever their width.
    pub fn doc(&mut self, depth: usize, lines: &[String]) {
        for line in lines {
            for _ in 0..depth {
                self.text.push_str(INDENT);
            }
            self.text.push_str("///");
            self.text.push_str(line);
            self.text.push('\n');
        }
    }

    /// Each line of `block` at `depth`, keeping the block's own indentation.
    pub fn lines(&mut self, depth: usize, block: &str) {
        for line in block.lines() {
            self.line(depth, line);
        }
    }

    /// Notes a call's arguments that this module writes on one line.
    pub fn call_width(&mut self, args: &[String]) {
        if joined_width(args) > CALL_WIDTH {
            self.inexact = true;
        }
    }

    /// `callee(args);` as a statement: on one line if it fits, else one argument per line.
    pub fn call_statement(&mut self, depth: usize, callee: &str, args: &[String]) {
        let joined = args.join(", ");
        let one_line = format!("{callee}({joined});");
        if joined.len() <= CALL_WIDTH && fits(depth, &one_line) {
            self.line(depth, &one_line);
        } else {
            self.line(depth, &format!("{callee}("));
            for arg in args {
                self.line(depth + 1, &format!("{arg},"));
            }
            self.line(depth, ");");
        }
    }

    /// `match (elements) {`: the tuple on one line when it fits rustfmt's call width, else
    /// one element per line.
    pub fn match_tuple(&mut self, depth: usize, elements: &[String]) {
        let one_line = format!("match {} {{", tuple(elements));
        if joined_width(elements) <= CALL_WIDTH && fits(depth, &one_line) {
            self.line(depth, &one_line);
        } else {
            self.vertical_tuple(depth, "match ", elements, " {");
        }
    }

    /// `head(` then an element per line, then `)tail`.
    fn vertical_tuple(&mut self, depth: usize, head: &str, elements: &[String], tail: &str) {
        self.line(depth, &format!("{head}("));
        for element in elements {
            self.line(depth + 1, &format!("{element},"));
        }
        self.line(depth, &format!("){tail}"));
    }

    /// A match arm whose body is one line: after the pattern if it fits, else in a block.
    pub fn arm(&mut self, depth: usize, pattern: &str, body: &str) {
        let one_line = format!("{pattern} => {body},");
        if fits(depth, &one_line) {
            self.line(depth, &one_line);
        } else {
            self.line(depth, &format!("{pattern} => {{"));
            self.line(depth + 1, body);
            self.line(depth, "}");
        }
    }

    /// A match arm with a tuple pattern and a body of several lines, whose first line
    /// starts with `opening` and whose last closes with `closing`. `write` writes the body
    /// given its depth, the text its first line starts with, and the text its last line ends
    /// with. The body opens on the pattern's line if both fit with room for the closing
    /// delimiters (rustfmt keeps that room), else goes into a block, else the pattern goes one
    /// element per line.
    pub fn tuple_arm(
        &mut self,
        depth: usize,
        elements: &[String],
        (opening, closing): (&str, &str),
        write: impl FnOnce(&mut Self, usize, &str, &str),
    ) {
        let pattern = tuple(elements);
        if fits(depth, &format!("{pattern} => {opening}{closing}")) {
            write(self, depth, &format!("{pattern} => "), ",");
        } else if fits(depth, &format!("{pattern} => {{")) {
            self.line(depth, &format!("{pattern} => {{"));
            write(self, depth + 1, "", "");
            self.line(depth, "}");
        } else {
            self.line(depth, "(");
            for element in elements {
                self.line(depth + 1, &format!("{element},"));
            }
            write(self, depth, ") => ", ",");
        }
    }

    /// `#[cfg(...)]` of one feature predicate, or of `any(...)` of several.
    pub fn cfg(&mut self, predicates: &[String]) {
        match predicates {
            [one] => self.line(0, &format!("#[cfg({one})]")),
            many => {
                let joined = many.join(", ");
                let one_line = format!("#[cfg(any({joined}))]");
                if joined.len() <= ATTRIBUTE_CALL_WIDTH && fits(0, &one_line) {
                    self.line(0, &one_line);
                } else {
                    self.line(0, "#[cfg(any(");
                    let (last, rest) = many.split_last().expect("several predicates");
                    for predicate in rest {
                        self.line(1, &format!("{predicate},"));
                    }
                    self.line(1, last);
                    self.line(0, "))]");
                }
            }
        }
    }

    /// `head { members }tail`: the body on one line when it is short, else a member per line.
    pub fn struct_literal(&mut self, depth: usize, head: &str, members: &[String], tail: &str) {
        let joined = members.join(", ");
        let one_line = if members.is_empty() {
            format!("{head} {{}}{tail}")
        } else {
            format!("{head} {{ {joined} }}{tail}")
        };
        if joined.len() <= STRUCT_LITERAL_WIDTH {
            self.line(depth, &one_line);
        } else {
            self.line(depth, &format!("{head} {{"));
            for member in members {
                self.line(depth + 1, &format!("{member},"));
            }
            self.line(depth, &format!("}}{tail}"));
        }
    }

    /// `head[tuples]tail`, the array of tuples being a call's last argument: on one line if
    /// it fits, else one tuple per line (rustfmt keeps `head[` on the opening line), a tuple
    /// wider than the call width itself one element per line.
    pub fn array_argument(&mut self, depth: usize, head: &str, tuples: &[Vec<String>], tail: &str) {
        let elements: Vec<String> = tuples.iter().map(|t| tuple(t)).collect();
        let joined = elements.join(", ");
        let one_line = format!("{head}[{joined}]{tail}");
        if joined.len() <= ARRAY_WIDTH && fits(depth, &one_line) {
            self.line(depth, &one_line);
            return;
        }
        if elements.len() < 2 {
            // rustfmt breaks inside a lone element instead.
            self.inexact = true;
        }
        self.line(depth, &format!("{head}["));
        for (element, parts) in elements.iter().zip(tuples) {
            let line = format!("{element},");
            if joined_width(parts) <= CALL_WIDTH && fits(depth + 1, &line) {
                self.line(depth + 1, &line);
            } else {
                self.vertical_tuple(depth + 1, "", parts, ",");
            }
        }
        self.line(depth, &format!("]{tail}"));
    }
}

/// A tuple on one line: `(a,)` for one element.
fn tuple(elements: &[String]) -> String {
    match elements {
        [one] => format!("({one},)"),
        many => format!("({})", many.join(", ")),
    }
}

fn joined_width(items: &[String]) -> usize {
    items.iter().map(String::len).sum::<usize>() + 2 * items.len().saturating_sub(1)
}

fn fits(depth: usize, line: &str) -> bool {
    depth * INDENT.len() + line.len() <= MAX_WIDTH
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A function using every layout, in the shapes the emitters write, with names of
    /// `width` characters and `count` of each list.
    fn sample(width: usize, count: usize) -> Layout {
        let names: Vec<String> = (0..count)
            .map(|i| format!("n{i}{}", "x".repeat(width)))
            .collect();
        let members: Vec<String> = names.iter().map(|n| format!("{n}: field_{n}")).collect();
        let required: Vec<(String, String)> = names
            .iter()
            .map(|n| (format!("field_{n}"), format!("{n:?}")))
            .collect();
        let features: Vec<String> = names.iter().map(|n| format!("feature = {n:?}")).collect();
        let mut item = Layout::default();
        item.cfg(&features);
        item.line(0, "impl FromMap for Sample {");
        item.line(1, "fn f() {");
        for name in &names {
            item.call_statement(
                2,
                "fields.field",
                &[format!("{name:?}"), format!("&self.{name}")],
            );
        }
        item.line(2, "match key {");
        for name in &names {
            item.arm(
                3,
                &format!("{name:?}"),
                &format!("put(&mut map, &mut field_{name})"),
            );
            // An enum's arms, both ways.
            item.arm(3, &format!("Self::{name}"), &format!("{name:?}"));
            item.arm(3, &format!("{name:?}"), &format!("Self::{name}"));
        }
        item.line(2, "}");
        super::super::codec::build_value(&mut item, &members, &required);
        item.line(1, "}");
        item.line(0, "}");
        item
    }

    /// Every layout this module calls exact is the one rustfmt picks, across the widths at
    /// which rustfmt's choices change.
    #[test]
    fn layouts_called_exact_are_rustfmt_s() {
        let exact: Vec<String> = (1..=4)
            .flat_map(|count| (0..90).map(move |width| sample(width, count)))
            .filter(|item| !item.inexact)
            .map(|item| item.text)
            .collect();
        assert!(exact.len() > 100, "only {} samples are exact", exact.len());
        let text = exact.join("\n");
        let formatted = crate::format::format_text(&text).expect("rustfmt runs");
        let first_difference = text
            .lines()
            .zip(formatted.lines())
            .position(|(a, b)| a != b);
        if let Some(line) = first_difference {
            let context = |t: &str| {
                t.lines()
                    .skip(line.saturating_sub(6))
                    .take(12)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "written:\n{}\n\nrustfmt:\n{}",
                context(&text),
                context(&formatted)
            );
        }
        assert_eq!(text, formatted);
    }
}
