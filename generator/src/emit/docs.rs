//! Spec text as rustdoc: emitted as `#[doc = "..."]` data that can never become code.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for `text`, one per line, made safe for rustdoc.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    doc_tokens(&doc_lines(text))
}

/// The lines of a doc comment for `text` (none for no text), as [`sanitize`] makes them.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(sanitize)
        .unwrap_or_default()
}

/// `#[doc]` attributes, one per line.
pub fn doc_tokens(lines: &[String]) -> TokenStream {
    quote! { #( #[doc = #lines] )* }
}

/// Inner `#![doc]` attributes (crate-level docs) for `text`.
pub fn inner_doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return TokenStream::new();
    };
    let lines = sanitize(text);
    quote! { #( #![doc = #lines] )* }
}

/// `text` on one line: runs of whitespace and control characters become one space (for a
/// heading, or a manifest field that cargo hands to rustc in an environment variable, which
/// cannot hold a NUL).
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Joins optional paragraphs with blank lines.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let parts: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// Makes markdown from a spec safe for rustdoc, line by line (each with a leading space):
/// fenced blocks become `text` blocks (never doctests), indented blocks lose their indent,
/// and `<`, `>`, `[`, `]` outside code are escaped so they are neither HTML nor links.
pub fn sanitize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    // Width of the current list item's marker, so continuation lines can be indented under it.
    let mut list_indent: Option<usize> = None;
    let text: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ")
        .chars()
        // A NUL or other control character would make the file binary to git and editors.
        .map(|c| match c {
            '\n' => c,
            _ if c.is_control() => char::REPLACEMENT_CHARACTER,
            _ => c,
        })
        .collect();
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if let Some(marker) = fence.clone() {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
                out.push(format!(" {marker}"));
            } else {
                out.push(if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                });
            }
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            out.push(format!(" {marker}text"));
            fence = Some(marker);
            list_indent = None;
            continue;
        }
        if trimmed.is_empty() {
            out.push(String::new());
            list_indent = None;
            continue;
        }
        let escaped = escape_inline(trimmed);
        if let Some(width) = list_marker_width(trimmed) {
            list_indent = Some(width);
            out.push(format!(" {escaped}"));
        } else if let Some(width) = list_indent {
            out.push(format!(" {}{escaped}", " ".repeat(width)));
        } else {
            out.push(format!(" {escaped}"));
        }
    }
    if let Some(marker) = fence {
        out.push(format!(" {marker}"));
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// `- item`, `* item`, `+ item`, `1. item`, `2) item`: the width up to the item's text.
fn list_marker_width(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let marker = if digits > 0 {
        let after = line[digits..].chars().next()?;
        (after == '.' || after == ')').then_some(digits + 1)?
    } else {
        let first = line.chars().next()?;
        ['-', '*', '+'].contains(&first).then_some(1)?
    };
    let spaces = line[marker..].chars().take_while(|c| *c == ' ').count();
    (spaces > 0).then_some(marker + spaces.min(4))
}

fn fence_marker(line: &str) -> Option<String> {
    ['`', '~'].into_iter().find_map(|mark| {
        let count = line.chars().take_while(|c| *c == mark).count();
        (count >= 3).then(|| mark.to_string().repeat(count))
    })
}

/// Escapes markup outside inline code spans: `<` and `>` (not HTML), and brackets that are
/// not part of a `[text](url)` link (so rustdoc does not read them as intra-doc links).
/// Bare URLs become autolinks (`<https://...>`), as rustdoc's `bare_urls` lint asks.
fn escape_inline(line: &str) -> String {
    // A code span that does not close on this line (one opened or closed on another) would
    // swallow or expose the rest of the line: its backticks become quotes first.
    let balanced;
    let line = if line.matches('`').count() % 2 == 1 {
        balanced = line.replace('`', "'");
        balanced.as_str()
    } else {
        line
    };
    let chars: Vec<char> = line.chars().collect();
    let link_brackets = markdown_link_brackets(&chars);
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut index = 0;
    while index < chars.len() {
        let ch = chars[index];
        if !in_code {
            let autolinked = ch == '<' && url_len(&chars[index + 1..]) > 0;
            let start = if autolinked { index + 1 } else { index };
            let len = url_len(&chars[start..]);
            // A link target stays as it is, unless its `]` was escaped (a link split over lines).
            let link_target = index > 1
                && chars[index - 2] == ']'
                && chars[index - 1] == '('
                && link_brackets.contains(&(index - 2));
            if len > 0 && (autolinked || !link_target) {
                let url: String = chars[start..start + len].iter().collect();
                out.push_str(&format!("<{url}>"));
                index = start + len;
                if autolinked && chars.get(index) == Some(&'>') {
                    index += 1;
                }
                continue;
            }
        }
        match ch {
            '`' => {
                in_code = !in_code;
                out.push(ch);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '[' | ']' if !in_code && !link_brackets.contains(&index) => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
        index += 1;
    }
    out
}

/// The length of an `http(s)://` URL at the start of `chars` (0 if there is none), without
/// trailing punctuation that ends a sentence.
fn url_len(chars: &[char]) -> usize {
    let starts = |prefix: &str| {
        prefix.chars().count() <= chars.len() && prefix.chars().zip(chars).all(|(a, b)| a == *b)
    };
    if !(starts("https://") || starts("http://")) {
        return 0;
    }
    let mut len = chars
        .iter()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '`' | '[' | ']'))
        .count();
    while len > 0
        && matches!(
            chars[len - 1],
            '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\'' | '*' | '_'
        )
    {
        len -= 1;
    }
    let scheme = if starts("https://") { 8 } else { 7 };
    if len <= scheme {
        0
    } else {
        len
    }
}

/// Positions of the `[` and `]` of every `[text](...)` link in the line.
fn markdown_link_brackets(chars: &[char]) -> Vec<usize> {
    let mut positions = Vec::new();
    for (open, _) in chars.iter().enumerate().filter(|(_, c)| **c == '[') {
        let close = chars[open + 1..]
            .iter()
            .position(|c| *c == ']' || *c == '[')
            .map(|p| p + open + 1);
        if let Some(close) = close {
            // A destination must close on the line: Markdown links do not span lines.
            let closed = chars[close + 1..].contains(&')');
            if chars[close] == ']' && chars.get(close + 1) == Some(&'(') && closed {
                positions.extend([open, close]);
            }
        }
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::{one_line, sanitize};

    #[test]
    fn fences_become_text_blocks() {
        let lines = sanitize("Example:\n```\nfn main() { panic!() }\n```\ndone");
        assert_eq!(
            lines,
            vec![
                " Example:",
                " ```text",
                " fn main() { panic!() }",
                " ```",
                " done"
            ]
        );
    }

    #[test]
    fn rust_fences_are_not_doctests_either() {
        assert_eq!(sanitize("```rust\nx\n```")[0], " ```text");
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(sanitize("```\ncode").last().unwrap(), " ```");
    }

    #[test]
    fn indented_blocks_lose_their_indent() {
        assert_eq!(
            sanitize("a\n\n    let x = 1;"),
            vec![" a", "", " let x = 1;"]
        );
    }

    #[test]
    fn html_and_links_are_escaped_outside_code() {
        assert_eq!(
            sanitize("Bearer <token> [x] `<y>`"),
            vec![" Bearer &lt;token&gt; \\[x\\] `<y>`"]
        );
    }

    #[test]
    fn list_continuations_are_indented_and_tabs_expanded() {
        assert_eq!(
            sanitize("- first\nwraps\n12. second\n\tmore\n\nafter"),
            vec![
                " - first",
                "   wraps",
                " 12. second",
                "     more",
                "",
                " after"
            ]
        );
    }

    #[test]
    fn markdown_links_stay_links() {
        assert_eq!(
            sanitize("see [the docs](https://x.test/a) and [x]"),
            vec![" see [the docs](https://x.test/a) and \\[x\\]"]
        );
        assert_eq!(sanitize("*   item\nmore"), vec![" *   item", "     more"]);
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            sanitize("See https://x.test/a?b=1. Or <https://y.test>, [z](https://z.test) (https://p.test)."),
            vec![" See <https://x.test/a?b=1>. Or <https://y.test>, [z](https://z.test) (<https://p.test>)."]
        );
        assert_eq!(sanitize("`https://in.code`"), vec![" `https://in.code`"]);
        assert_eq!(
            sanitize("secret](https://x.test/a)."),
            vec![" secret\\](<https://x.test/a>)."]
        );
        assert_eq!(
            sanitize("go`](https://x.test/q) is."),
            vec![" go'\\](<https://x.test/q>) is."]
        );
        assert_eq!(
            sanitize("a [Account](/docs/api\nmore)"),
            vec![" a \\[Account\\](/docs/api", " more)"]
        );
    }

    #[test]
    fn control_characters_never_reach_a_file() {
        let lines = sanitize("a\0b\x1bc\nd");
        assert_eq!(lines, [" a\u{FFFD}b\u{FFFD}c", " d"]);
        assert_eq!(one_line(" Pet\0 Store\n API "), "Pet Store API");
    }

    #[test]
    fn comment_terminators_stay_data() {
        assert_eq!(
            sanitize("*/ \"quoted\" \\ end"),
            vec![" */ \"quoted\" \\ end"]
        );
    }
}
