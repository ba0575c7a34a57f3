//! The runtime copied into every generated crate (the `runtime/` crate's sources, compiled
//! and tested there), its dependencies and MSRV read from that crate's manifest, and the
//! names it defines, read from its source so that generated items can never shadow or
//! duplicate them.

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Runtime files copied into every crate as they are (then formatted like the rest).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("src/call.rs", include_str!("../../runtime/src/call.rs")),
    ("src/client.rs", include_str!("../../runtime/src/client.rs")),
    ("src/decode.rs", include_str!("../../runtime/src/decode.rs")),
    ("src/encode.rs", include_str!("../../runtime/src/encode.rs")),
    ("src/error.rs", include_str!("../../runtime/src/error.rs")),
    ("src/hooks.rs", include_str!("../../runtime/src/hooks.rs")),
    ("src/retry.rs", include_str!("../../runtime/src/retry.rs")),
    (
        "src/nullable.rs",
        include_str!("../../runtime/src/nullable.rs"),
    ),
    (
        "src/pagination.rs",
        include_str!("../../runtime/src/pagination.rs"),
    ),
    ("src/wire.rs", include_str!("../../runtime/src/wire.rs")),
    (
        "src/redirect.rs",
        include_str!("../../runtime/src/redirect.rs"),
    ),
    (
        "src/request_builder.rs",
        include_str!("../../runtime/src/request_builder.rs"),
    ),
];

/// Runtime files a crate gets only when it needs them.
pub const LENIENT: (&str, &str) = (
    "src/lenient.rs",
    include_str!("../../runtime/src/lenient.rs"),
);
pub const ENVELOPE: (&str, &str) = (
    "src/envelope.rs",
    include_str!("../../runtime/src/envelope.rs"),
);

/// The runtime crate's manifest: the dependencies and MSRV of every generated crate.
const MANIFEST: &str = include_str!("../../runtime/Cargo.toml");

/// A runtime file as a generated crate gets it: without its tests, which run once in the
/// runtime crate (each file's test module is its last item), and ending as rustfmt ends a
/// file (its text is rustfmt-clean, since the workspace checks it).
pub fn vendored(source: &str) -> String {
    let code = match source.find("\n#[cfg(test)]\n") {
        Some(at) => &source[..at],
        None => source,
    };
    format!("{}\n", code.trim_end())
}

/// What a generated crate takes from the runtime's manifest.
pub struct RuntimeManifest {
    /// `name = spec` lines of its dependencies, by name.
    pub dependencies: Vec<(String, String)>,
    /// Dependencies a crate gets only when its API uses them.
    pub only_when_used: Vec<String>,
    pub rust_version: String,
}

/// The runtime's manifest, read once.
pub fn manifest() -> &'static RuntimeManifest {
    static MANIFEST_READ: OnceLock<RuntimeManifest> = OnceLock::new();
    MANIFEST_READ.get_or_init(|| {
        // The manifest is compiled in and tested: it always parses.
        let table: toml::Table = MANIFEST.parse().unwrap_or_default();
        let dependencies = table
            .get("dependencies")
            .and_then(toml::Value::as_table)
            .map(|deps| {
                deps.iter()
                    .map(|(name, spec)| (name.clone(), format!("{name} = {}", dependency(spec))))
                    .collect()
            })
            .unwrap_or_default();
        let package = table.get("package");
        let only_when_used = package
            .and_then(|p| p.get("metadata"))
            .and_then(|m| m.get("generated-client"))
            .and_then(|g| g.get("only-when-used"))
            .and_then(toml::Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .filter_map(toml::Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let rust_version = package
            .and_then(|p| p.get("rust-version"))
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
            .to_owned();
        RuntimeManifest {
            dependencies,
            only_when_used,
            rust_version,
        }
    })
}

/// A dependency's spec as Cargo manifests usually write it: the version first.
fn dependency(spec: &toml::Value) -> String {
    let Some(table) = spec.as_table() else {
        return spec.to_string();
    };
    let version = table.get("version").map(|v| format!("version = {v}"));
    let rest = table
        .iter()
        .filter(|(key, _)| *key != "version")
        .map(|(key, value)| format!("{key} = {value}"));
    format!(
        "{{ {} }}",
        version
            .into_iter()
            .chain(rest)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

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
    fn vendored_runtime_files_keep_every_item_but_their_tests() {
        for (path, text) in TEMPLATES.iter().chain([&LENIENT, &ENVELOPE]) {
            let kept = vendored(text);
            assert!(!kept.contains("cfg(test)"), "{path}");
            let items = |text: &str| syn::parse_file(text).map(|f| f.items).unwrap();
            let all = items(text);
            let tests = all
                .iter()
                .filter(|item| matches!(item, syn::Item::Mod(m) if m.ident == "tests"))
                .count();
            assert_eq!(items(&kept).len(), all.len() - tests, "{path}");
        }
    }

    #[test]
    fn dependencies_and_msrv_come_from_the_runtime_manifest() {
        let manifest = manifest();
        assert!(manifest.rust_version.starts_with("1."));
        let names: Vec<&str> = manifest
            .dependencies
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert!(names.contains(&"reqwest") && names.contains(&"serde_json"));
        assert_eq!(manifest.only_when_used, ["chrono", "uuid"]);
        for name in &manifest.only_when_used {
            assert!(names.contains(&name.as_str()), "{name}");
        }
    }

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
