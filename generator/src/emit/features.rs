//! One Cargo feature per tag: a tag's operations, and exactly the models they reach, compile
//! only when its feature is on (`full`, the default, turns every one on). A model reached from
//! several tags compiles once when any of them is on.

use super::operations::OperationFile;
use crate::ir::{Api, TypeId, TypeRef};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use std::collections::{BTreeMap, BTreeSet};

/// The feature that turns every tag on, and is on by default.
pub const ALL_TAGS: &str = "full";

/// Which feature gates what.
pub struct TagFeatures {
    /// The feature of each operations module, by module name.
    pub by_module: BTreeMap<String, String>,
    /// The features that need each type (empty: a type no operation reaches, never gated).
    pub by_type: Vec<BTreeSet<String>>,
}

impl TagFeatures {
    /// Features for an API split into per-tag files; none when there is one file.
    pub fn plan(api: &Api, files: &[OperationFile]) -> Option<Self> {
        let modules: Vec<&str> = files.iter().filter_map(|f| f.module.as_deref()).collect();
        if modules.len() < 2 {
            return None;
        }
        let by_module: BTreeMap<String, String> = modules
            .iter()
            .map(|module| {
                let feature = match *module {
                    ALL_TAGS | "default" => format!("{module}_"),
                    other => other.to_owned(),
                };
                ((*module).to_owned(), feature)
            })
            .collect();
        let mut by_type = vec![BTreeSet::new(); api.types.len()];
        for file in files {
            let Some(feature) = file.module.as_ref().map(|m| &by_module[m]) else {
                continue;
            };
            let mut stack: Vec<TypeId> = Vec::new();
            for op in &file.operations {
                for ty in op.request_refs().chain(op.response_refs()) {
                    named_in(ty, &mut stack);
                }
            }
            while let Some(id) = stack.pop() {
                if by_type[id].insert(feature.clone()) {
                    for ty in api.types[id].kind.refs() {
                        named_in(ty, &mut stack);
                    }
                }
            }
        }
        // Types no operation reaches (names kept for types merged into others) compile with
        // `full` when they refer to a gated type, which is then sure to be there.
        let reached = by_type.clone();
        for id in 0..by_type.len() {
            if reached[id].is_empty() && refers_to_gated(api, &reached, id) {
                by_type[id].insert(ALL_TAGS.to_owned());
            }
        }
        Some(TagFeatures { by_module, by_type })
    }

    /// The `[features]` table of `Cargo.toml`.
    pub fn cargo_table(&self) -> String {
        let all: Vec<String> = self.by_module.values().map(|f| format!("{f:?}")).collect();
        let mut table = format!(
            "\n[features]\ndefault = [\"{ALL_TAGS}\"]\n# Every tag's operations and models.\n{ALL_TAGS} = [{}]\n",
            all.join(", ")
        );
        for feature in self.by_module.values() {
            table.push_str(&format!("{feature} = []\n"));
        }
        table
    }

    /// `#[cfg(...)]` for an operations module.
    pub fn module_cfg(&self, module: &str) -> TokenStream {
        any_of(self.by_module.get(module).into_iter())
    }

    /// The features any of which compiles a type, or none when no tag needs it.
    pub fn type_features(&self, id: TypeId) -> Option<&BTreeSet<String>> {
        let features = &self.by_type[id];
        (!features.is_empty()).then_some(features)
    }

    /// `#[cfg(...)]` for a type, or nothing when no tag needs it.
    pub fn type_cfg(&self, id: TypeId) -> Option<TokenStream> {
        let features = &self.by_type[id];
        (!features.is_empty()).then(|| any_of(features.iter()))
    }
}

/// Whether `start` refers, directly or through other types, to one that a tag gates.
fn refers_to_gated(api: &Api, reached: &[BTreeSet<String>], start: TypeId) -> bool {
    let mut seen = BTreeSet::from([start]);
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        let mut next = Vec::new();
        for ty in api.types[id].kind.refs() {
            named_in(ty, &mut next);
        }
        for child in next {
            if !reached[child].is_empty() {
                return true;
            }
            if seen.insert(child) {
                stack.push(child);
            }
        }
    }
    false
}

fn named_in(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Nullable(inner) | TypeRef::Array(inner) | TypeRef::Map(inner) => {
            named_in(inner, out)
        }
        _ => {}
    }
}

fn any_of<'a>(features: impl Iterator<Item = &'a String>) -> TokenStream {
    let features: Vec<&String> = features.collect();
    match features.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// `items` (one or more items) with `cfg` put on each of them.
pub fn gate(items: TokenStream, cfg: &TokenStream) -> TokenStream {
    let Ok(mut file) = syn::parse2::<syn::File>(items.clone()) else {
        return items;
    };
    for item in &mut file.items {
        let attribute = syn::parse::Parser::parse2(syn::Attribute::parse_outer, cfg.clone());
        if let (Some(attrs), Ok(attribute)) = (item_attrs(item), attribute) {
            attrs.splice(0..0, attribute);
        }
    }
    file.into_token_stream()
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Mod(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        syn::Item::Trait(i) => &mut i.attrs,
        syn::Item::Macro(i) => &mut i.attrs,
        _ => return None,
    })
}
