//! The runtime copied into every generated crate, and the names it defines, read from its
//! source so that generated items can never shadow or duplicate them.

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Runtime files copied into every crate as they are (then formatted like the rest).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("src/client.rs", include_str!("../templates/client.rs")),
    ("src/error.rs", include_str!("../templates/error.rs")),
    ("src/hooks.rs", include_str!("../templates/hooks.rs")),
    ("src/retry.rs", include_str!("../templates/retry.rs")),
    ("src/nullable.rs", include_str!("../templates/nullable.rs")),
    (
        "src/pagination.rs",
        include_str!("../templates/pagination.rs"),
    ),
    ("src/wire.rs", include_str!("../templates/wire.rs")),
    ("src/redirect.rs", include_str!("../templates/redirect.rs")),
    (
        "src/request_builder.rs",
        include_str!("../templates/request_builder.rs"),
    ),
];

/// Runtime files a crate gets only when it needs them.
pub const LENIENT: (&str, &str) = ("src/lenient.rs", include_str!("../templates/lenient.rs"));
pub const ENVELOPE: (&str, &str) = ("src/envelope.rs", include_str!("../templates/envelope.rs"));

/// Method names the runtime gives a type (inherent and trait impls, derived `Default`).
pub struct ReservedNames {
    /// Methods of `Client`: operations must take other names.
    pub client_methods: BTreeSet<String>,
    /// Methods of `ClientBuilder`: security-scheme setters must take other names.
    pub builder_methods: BTreeSet<String>,
}

/// The names, parsed once from the runtime's source.
pub fn reserved() -> &'static ReservedNames {
    static NAMES: OnceLock<ReservedNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let files: Vec<syn::File> = TEMPLATES
            .iter()
            .chain([&LENIENT, &ENVELOPE])
            .filter_map(|(_, text)| syn::parse_file(text).ok())
            .collect();
        ReservedNames {
            client_methods: methods_of(&files, "Client"),
            builder_methods: methods_of(&files, "ClientBuilder"),
        }
    })
}

fn methods_of(files: &[syn::File], type_name: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for item in files.iter().flat_map(|file| &file.items) {
        match item {
            syn::Item::Impl(block) if names_type(&block.self_ty, type_name) => {
                for member in &block.items {
                    if let syn::ImplItem::Fn(function) = member {
                        names.insert(function.sig.ident.to_string());
                    }
                }
            }
            syn::Item::Struct(def) if def.ident == type_name => {
                // Derived traits add methods too (`Default::default`, `Clone::clone`...).
                for attr in def.attrs.iter().filter(|a| a.path().is_ident("derive")) {
                    let _ = attr.parse_nested_meta(|meta| {
                        if let Some(name) = meta.path.segments.last() {
                            names.extend(
                                derived_methods(&name.ident.to_string())
                                    .iter()
                                    .map(|m| m.to_string()),
                            );
                        }
                        Ok(())
                    });
                }
            }
            _ => {}
        }
    }
    names
}

fn derived_methods(derive: &str) -> &'static [&'static str] {
    match derive {
        "Default" => &["default"],
        "Clone" => &["clone", "clone_from"],
        "Debug" => &["fmt"],
        _ => &[],
    }
}

/// Whether `ty` is the path `type_name` (`Client`, `crate::Client`...).
fn names_type(ty: &syn::Type, type_name: &str) -> bool {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == type_name),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_names_come_from_its_source() {
        let names = reserved();
        for method in [
            "builder",
            "base_url",
            "call",
            "execute",
            "send_once",
            "clone",
        ] {
            assert!(names.client_methods.contains(method), "Client::{method}");
        }
        for method in ["build", "timeout", "hook", "default", "retry"] {
            assert!(
                names.builder_methods.contains(method),
                "ClientBuilder::{method}"
            );
        }
    }
}
