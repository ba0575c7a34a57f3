//! Turns wire names into Rust identifiers: case conversion, keyword escaping, uniqueness.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Rust keywords (all editions) that need `r#` or a suffix as identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Method names clippy expects to follow a convention (`new` returns `Self`, trait-like names
/// implement the trait), which a generated method (an operation, a setter) cannot.
pub const CONVENTIONAL_METHOD_NAMES: &[&str] = &[
    "new",
    "default",
    "deref",
    "deref_mut",
    "drop",
    "eq",
    "hash",
    "cmp",
    "partial_cmp",
    "as_ref",
    "as_mut",
    "borrow",
    "borrow_mut",
    "from_iter",
    "from_str",
    "into_iter",
    "next",
    "neg",
    "not",
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "shl",
    "shr",
    "bitand",
    "bitor",
    "bitxor",
    "index",
    "index_mut",
];
/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Replaces everything but ASCII letters and digits with word breaks, so heck sees the words,
/// and reads a plural acronym as one word (`IPs` → `Ips`, so `FloatingIPs` → `floating_ips`).
fn words(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut index = 0;
    while index < chars.len() {
        let ch = chars[index];
        if !ch.is_ascii_alphanumeric() {
            out.push(' ');
            index += 1;
            continue;
        }
        let run = chars[index..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let after = chars.get(index + run + 1);
        let plural_acronym = run >= 2
            && chars.get(index + run) == Some(&'s')
            && !after.is_some_and(|c| c.is_ascii_lowercase());
        if plural_acronym {
            out.push(ch);
            out.extend(
                chars[index + 1..index + run]
                    .iter()
                    .map(|c| c.to_ascii_lowercase()),
            );
            out.push('s');
            index += run + 1;
        } else {
            out.push(ch);
            index += 1;
        }
    }
    out
}

/// A type or variant name: `UpperCamelCase`, never empty, never starting with a digit.
pub fn type_name(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// `parent` followed by `part` as one type name (`Pet` + `Item`). A name escaped as `Self_`
/// joins as `Self`, so the result stays UpperCamelCase (`SelfItem`, not `Self_Item`, which
/// rustc's `non_camel_case_types` refuses); the result is escaped again if it is `Self`.
pub fn join_type_name(parent: &str, part: &str) -> String {
    let joined = format!(
        "{}{}",
        parent.trim_end_matches('_'),
        part.trim_end_matches('_')
    );
    if joined == "Self" {
        "Self_".to_owned()
    } else {
        joined
    }
}

/// A field, parameter or method name: `snake_case`, keyword-safe (`r#type`, `self_`).
pub fn value_name(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "n_");
    }
    escape_keyword(name)
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A set of names already taken in one scope; `claim` hands out unique ones by a fixed rule.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
    /// The next number to try after each taken base name, so that claiming the same name
    /// many times stays linear.
    next_number: std::collections::HashMap<String, usize>,
}

impl Scope {
    /// A scope where `reserved` names are already taken (generator locals, runtime items).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
            next_number: Default::default(),
        }
    }

    /// Returns `name`, or `name2`, `name3`... (`name_2` for snake_case) if taken; records it.
    pub fn claim(&mut self, name: &str) -> String {
        if self.taken.insert(name.to_owned()) {
            return name.to_owned();
        }
        let (bare, snake) = match name.strip_prefix("r#") {
            Some(bare) => (bare, true),
            None => (
                name,
                name.contains('_') || name.starts_with(|c: char| c.is_lowercase()),
            ),
        };
        let separator = if snake { "_" } else { "" };
        let bare = bare.trim_end_matches('_');
        let key = format!("{bare}{separator}");
        let first = self.next_number.get(&key).copied().unwrap_or(2);
        let (number, name) = (first..)
            .map(|n| (n, escape_keyword(format!("{key}{n}"))))
            .find(|(_, candidate)| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name");
        self.next_number.insert(key, number + 1);
        name
    }

    /// Gives a claimed name back.
    pub fn release(&mut self, name: &str) {
        self.taken.remove(name);
        // Its number is free again: numbering of that base restarts from the bottom.
        let base = name
            .trim_start_matches("r#")
            .trim_end_matches(|c: char| c.is_ascii_digit());
        self.next_number.remove(base);
    }

    /// True when every one of `names` is free.
    pub fn all_free(&self, names: &[String]) -> bool {
        names.iter().all(|n| !self.taken.contains(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_joined_from_an_escaped_self_stay_upper_camel_case() {
        assert_eq!(join_type_name("Self_", "Error"), "SelfError");
        assert_eq!(join_type_name("Pet", &type_name("self")), "PetSelf");
        assert_eq!(
            join_type_name(&join_type_name("Pet", &type_name("self")), "Value"),
            "PetSelfValue"
        );
        assert_eq!(join_type_name("", "Self_"), "Self_");
        assert_eq!(join_type_name("Pet", "Item"), "PetItem");
    }

    #[test]
    fn every_keyword_becomes_a_valid_identifier() {
        for keyword in KEYWORDS {
            let name = value_name(keyword);
            let parsed = if let Some(raw) = name.strip_prefix("r#") {
                syn::parse_str::<syn::Ident>(&format!("r#{raw}")).is_ok()
            } else {
                syn::parse_str::<syn::Ident>(&name).is_ok()
            };
            assert!(parsed, "{keyword} -> {name} is not an identifier");
        }
    }

    #[test]
    fn self_like_keywords_get_a_suffix() {
        assert_eq!(value_name("self"), "self_");
        assert_eq!(value_name("crate"), "crate_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(value_name("type"), "r#type");
    }

    #[test]
    fn case_conversion_and_odd_input() {
        assert_eq!(type_name("user_contact-info.model"), "UserContactInfoModel");
        assert_eq!(type_name("2fa"), "V2fa");
        assert_eq!(type_name(""), "Value");
        assert_eq!(type_name("+"), "Value");
        assert_eq!(value_name("UserName"), "user_name");
        assert_eq!(value_name("$ref"), "r#ref");
        assert_eq!(value_name("123"), "n_123");
        assert_eq!(value_name("@odata.type"), "odata_type");
        assert_eq!(value_name("Floating IPs"), "floating_ips");
        assert_eq!(value_name("ISOs"), "isos");
        assert_eq!(type_name("FloatingIPs"), "FloatingIps");
        assert_eq!(value_name("URLsToFetch"), "urls_to_fetch");
        assert_eq!(value_name("HTTPServer"), "http_server");
    }

    #[test]
    fn collisions_get_numbered() {
        let mut scope = Scope::with_reserved(&["client"]);
        assert_eq!(scope.claim("client"), "client_2");
        assert_eq!(scope.claim("drug_id"), "drug_id");
        assert_eq!(scope.claim("drug_id"), "drug_id_2");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type_2");
        assert_eq!(scope.claim("Foo"), "Foo");
        assert_eq!(scope.claim("Foo"), "Foo2");
        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
    }
}
