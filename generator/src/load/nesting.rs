//! A linear pre-check of YAML flow nesting (`{a: [{b: …}]}`): YAML parsers take time that
//! grows with the square of the depth before they refuse a document nested too deep, so such
//! a document is refused here first, in one pass, with the place it went too deep.

/// How deep collections may nest, as the YAML and JSON parsers allow.
pub const MAX_NESTING: usize = 128;

/// The line and column (1-based) where flow collections open past [`MAX_NESTING`] levels.
///
/// A `{` or `[` opens a flow collection at the start of a value (first on its line, or after
/// `: `, `- `, `? `) and anywhere inside another; quoted scalars and comments inside flow
/// collections are skipped. Brackets inside block scalars can only make this count higher
/// when they are unbalanced, which real documents are not.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut previous = '\n'; // the last character that is not a space
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        match c {
            '\n' => {
                line += 1;
                column = 0;
                previous = '\n';
                continue;
            }
            ' ' | '\t' | '\r' => continue,
            '#' if previous == '\n' || depth > 0 => {
                // A comment runs to the end of the line.
                while chars.next_if(|&next| next != '\n').is_some() {}
                continue;
            }
            '\'' | '"' if depth > 0 && matches!(previous, '[' | '{' | ',' | ':') => {
                let mut escaped = false;
                for inner in chars.by_ref() {
                    column += 1;
                    if inner == '\n' {
                        line += 1;
                        column = 0;
                    }
                    if c == '"' && inner == '\\' && !escaped {
                        escaped = true;
                        continue;
                    }
                    if inner == c && !escaped {
                        break;
                    }
                    escaped = false;
                }
            }
            '{' | '[' if depth > 0 || matches!(previous, '\n' | ':' | '-' | '?') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some((line, column));
                }
            }
            '}' | ']' if depth > 0 => depth -= 1,
            _ => {}
        }
        previous = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_found_where_it_passes_the_limit() {
        let deep = format!("a:\n  b: {}1{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(too_deep(&deep), Some((2, 6 + MAX_NESTING)));
        let block = format!("a: {}{}\n", "{x: ".repeat(200), "}".repeat(200));
        assert!(too_deep(&block).is_some());
    }

    #[test]
    fn brackets_in_text_quotes_and_comments_do_not_count() {
        let text = format!(
            "description: use {} here\nquoted: ['{}', \"{}\"]\n# {}\nlist: [a, [b, {{c: d}}]]\n",
            "{".repeat(300),
            "[".repeat(300),
            "{".repeat(300),
            "[".repeat(300)
        );
        assert_eq!(too_deep(&text), None);
    }
}
