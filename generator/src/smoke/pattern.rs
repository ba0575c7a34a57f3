//! A string that matches a schema's `pattern`, for smoke tests whose every other value
//! would break it (`^\+[1-9]\d{1,14}$` wants a phone number, not `smoke`).
//!
//! The pattern is parsed with `regex-syntax` and walked once: the first branch of every
//! alternation, the fewest repetitions allowed, and of each class a letter or digit when it
//! has one. Patterns it cannot parse (lookarounds, backreferences) give `None`. Patterns are
//! read with Rust's regex syntax, which agrees with ECMA-262's on what specs write.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Whether `text` matches `pattern` (`false` when the pattern does not parse).
pub fn accepts(pattern: &str, text: &str) -> bool {
    regex::Regex::new(pattern).is_ok_and(|regex| regex.is_match(text))
}

/// A string of `min_length..=max_length` characters (when given) matching `pattern`.
pub fn matching(
    pattern: &str,
    min_length: Option<usize>,
    max_length: Option<usize>,
) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut text = String::new();
    let mut fill = 0;
    write(&hir, &mut text, &mut fill);
    let shortest = text.chars().count();
    if let Some(min) = min_length.filter(|min| shortest < *min) {
        // Again, with the first open repetitions taking the missing characters.
        text.clear();
        fill = min - shortest;
        write(&hir, &mut text, &mut fill);
    }
    let length = text.chars().count();
    let fits =
        min_length.is_none_or(|min| length >= min) && max_length.is_none_or(|max| length <= max);
    fits.then_some(text)
}

/// Appends a shortest match of `hir`; a repetition with room takes `fill` more items.
fn write(hir: &Hir, text: &mut String, fill: &mut usize) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => text.push_str(&String::from_utf8_lossy(&literal.0)),
        HirKind::Class(class) => text.extend(representative(class)),
        HirKind::Repetition(repetition) => {
            let room = repetition
                .max
                .map_or(usize::MAX, |max| (max - repetition.min) as usize);
            let extra = (*fill).min(room);
            *fill -= extra;
            for _ in 0..repetition.min as usize + extra {
                write(&repetition.sub, text, fill);
            }
        }
        HirKind::Capture(capture) => write(&capture.sub, text, fill),
        HirKind::Concat(parts) => parts.iter().for_each(|part| write(part, text, fill)),
        HirKind::Alternation(branches) => {
            if let Some(first) = branches.first() {
                write(first, text, fill);
            }
        }
    }
}

/// A character of the class, readable when it has one: `a`, `A`, `1` or `0` first, then
/// any printable ASCII character, then its first character.
fn representative(class: &Class) -> Option<char> {
    let ranges: Vec<(char, char)> = match class {
        Class::Unicode(unicode) => unicode
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect(),
        Class::Bytes(bytes) => bytes
            .ranges()
            .iter()
            .map(|r| (char::from(r.start()), char::from(r.end())))
            .collect(),
    };
    let contains = |c: char| {
        ranges
            .iter()
            .any(|(start, end)| (*start..=*end).contains(&c))
    };
    ['a', 'A', '1', '0']
        .into_iter()
        .chain('!'..='~')
        .find(|c| contains(*c))
        .or_else(|| ranges.first().map(|(start, _)| *start))
}

#[cfg(test)]
mod tests {
    use super::{accepts, matching};

    #[test]
    fn real_patterns_get_a_value_they_accept() {
        for pattern in [
            r"^\+[1-9]\d{1,14}$",
            r"^[A-Z]{2}$",
            r"^[A-Z0-9_]+",
            r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$",
            r"^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:flow-definition/.*",
            r"^/(buckets|groups)/[^/]+$",
            r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            r"\d+",
        ] {
            let text = matching(pattern, None, None).unwrap();
            assert!(accepts(pattern, &text), "{pattern}: {text}");
        }
    }

    #[test]
    fn length_bounds_are_met_or_no_value_is_given() {
        let text = matching(r"^[a-z]+$", Some(5), Some(8)).unwrap();
        assert_eq!(text, "aaaaa");
        assert_eq!(matching(r"^[a-z]{10}$", None, Some(3)), None);
    }

    #[test]
    fn unsupported_patterns_give_none() {
        assert_eq!(matching(r"^(?=a)a$", None, None), None);
        assert_eq!(matching(r"(a)\1", None, None), None);
    }
}
