//! The Rust verdict, read from the generated code: both versions are generated and the public
//! items of their crates compared (types, fields with their types, variants, methods with
//! their signatures, feature gates), so the verdict cannot disagree with what users compile
//! against. A removed or changed item breaks; an added one is additive, unless it is a
//! field or variant of a type that is not `#[non_exhaustive]` (struct literals and exhaustive
//! matches then break).

use super::RustImpact;
use crate::error::Error;
use crate::settings::Settings;
use openapiv3::OpenAPI;
use quote::ToTokens;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One public item that differs between the two generated crates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RustApiChange {
    /// `models::Pet.name`, `operations::pets::ListPets::limit`, `models::Kind::Large`...
    pub item: String,
    /// Its signature in each version (`None`: not there).
    pub old: Option<String>,
    pub new: Option<String>,
    pub impact: RustImpact,
}

/// A public item and what a user's code depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    signature: String,
    /// The Cargo features that compile it (`None`: always compiled).
    features: Option<BTreeSet<String>>,
    /// A field or variant of a type that is not `#[non_exhaustive]`: adding it breaks.
    in_closed_type: bool,
    /// For a field, variant or method, its type (whose features are reported once, there).
    container: Option<String>,
}

/// Features as reports show them.
fn shown_features(features: &Option<BTreeSet<String>>) -> String {
    match features {
        Some(features) => format!(
            "compiled with feature {}",
            features.iter().cloned().collect::<Vec<_>>().join(" or ")
        ),
        None => "always compiled".to_owned(),
    }
}

/// Lowers both versions, emits their crates' syntax (unprinted) and compares their public
/// items.
pub fn compare(old: (&OpenAPI, &str), new: (&OpenAPI, &str)) -> Result<Vec<RustApiChange>, Error> {
    let (old_items, new_items) = crate::both(
        || public_items_of(old.0, old.1),
        || public_items_of(new.0, new.1),
    );
    Ok(changes(&old_items?, &new_items?))
}

fn public_items_of(doc: &OpenAPI, name: &str) -> Result<BTreeMap<String, Item>, Error> {
    let settings = Settings::new("api-diff");
    let lowered = crate::lower::lower(name, doc, &settings).map_err(Error::Spec)?;
    let mut items = BTreeMap::new();
    crate::emit::syntax(&lowered.api, &settings, |path, file| {
        if let Some(module) = module_of(path) {
            collect(&module, &file.items, &mut items);
        }
    })
    .map_err(|message| Error::spec(name, crate::error::Location::Document, message))?;
    expand_aliases(&mut items);
    Ok(items)
}

/// The module of a generated file that holds API items (`src/models.rs` → `models`,
/// `src/operations/pets.rs` → `operations::pets`); `None` for the runtime and the crate root,
/// which are the same in every version.
fn module_of(path: &str) -> Option<String> {
    let inside = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    let module = inside.trim_end_matches("/mod").replace('/', "::");
    let api = module == "models"
        || module.starts_with("models::")
        || module == "operations"
        || module.starts_with("operations::")
        || module == "auth";
    api.then_some(module)
}

/// A trait of the runtime's that no user can name (`crate::decode::FromMap`).
fn is_private_runtime_trait(path: &syn::Path) -> bool {
    path.segments.first().is_some_and(|s| s.ident == "crate")
        && path
            .segments
            .iter()
            .nth(1)
            .is_some_and(|s| s.ident == "decode")
}

/// Tokens as a reader writes them: `Option<Vec<Pet>>`, not `:: std :: option :: Option < ...`.
fn tokens(item: &impl ToTokens) -> String {
    let mut text = item.to_token_stream().to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ,", ","),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        ("& ", "&"),
        (",>", ">"),
        (",)", ")"),
        (" : ", ": "),
    ] {
        text = text.replace(from, to);
    }
    for prefix in [
        "::std::option::",
        "::std::string::",
        "::std::vec::",
        "::std::collections::",
        "::std::convert::",
        "::chrono::",
        "::uuid::",
        "crate::models::",
        "crate::",
    ] {
        text = text.replace(prefix, "");
    }
    text.replace("implInto", "impl Into").replace(":::", ": ::")
}

/// The features named by `#[cfg(feature = "..")]` / `#[cfg(any(feature = "..", ..))]`
/// attributes, which compile the item when any is on; `None` without such an attribute.
fn gates(attrs: &[syn::Attribute]) -> Option<BTreeSet<String>> {
    let mut features: Option<BTreeSet<String>> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("cfg")) {
        let text = tokens(&attr.meta);
        let named = text
            .split("feature = \"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_owned);
        features.get_or_insert_with(BTreeSet::new).extend(named);
    }
    features
}

fn non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn collect(module: &str, items: &[syn::Item], out: &mut BTreeMap<String, Item>) {
    for item in items {
        let mut add = |key: String,
                       signature: String,
                       gate: &Option<BTreeSet<String>>,
                       closed: Option<bool>| {
            // Members are keyed `Type.field` or `Type::item`: their type is what precedes.
            let container = closed.map(|_| {
                let cut = key.rfind(['.', ':']).unwrap_or(key.len());
                key[..cut].trim_end_matches(':').to_owned()
            });
            out.insert(
                key,
                Item {
                    signature,
                    features: gate.clone(),
                    in_closed_type: closed.unwrap_or(false),
                    container,
                },
            );
        };
        match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => {
                let name = format!("{module}::{}", s.ident);
                let gate = gates(&s.attrs);
                let closed = !non_exhaustive(&s.attrs);
                add(name.clone(), "struct".into(), &gate, None);
                for (index, field) in s.fields.iter().enumerate() {
                    if !is_pub(&field.vis) {
                        continue;
                    }
                    let field_name = field
                        .ident
                        .as_ref()
                        .map_or(index.to_string(), ToString::to_string);
                    add(
                        format!("{name}.{field_name}"),
                        tokens(&field.ty),
                        &gate,
                        Some(closed),
                    );
                }
            }
            syn::Item::Enum(e) if is_pub(&e.vis) => {
                let name = format!("{module}::{}", e.ident);
                let gate = gates(&e.attrs);
                let closed = !non_exhaustive(&e.attrs);
                add(name.clone(), "enum".into(), &gate, None);
                for variant in &e.variants {
                    let key = format!("{name}::{}", variant.ident);
                    add(key, tokens(&variant.fields), &gate, Some(closed));
                }
            }
            syn::Item::Type(t) if is_pub(&t.vis) => {
                let key = format!("{module}::{}", t.ident);
                add(
                    key,
                    format!("type = {}", tokens(&t.ty)),
                    &gates(&t.attrs),
                    None,
                );
            }
            syn::Item::Const(c) if is_pub(&c.vis) => {
                let key = format!("{module}::{}", c.ident);
                add(
                    key,
                    format!("const: {}", tokens(&c.ty)),
                    &gates(&c.attrs),
                    None,
                );
            }
            syn::Item::Fn(f) if is_pub(&f.vis) => {
                let key = format!("{module}::{}", f.sig.ident);
                add(key, tokens(&f.sig), &gates(&f.attrs), None);
            }
            syn::Item::Impl(block) => {
                let self_ty = tokens(&block.self_ty);
                let gate = gates(&block.attrs);
                match &block.trait_ {
                    // The runtime's decoding trait is private to the crate.
                    Some((_, path, _)) if is_private_runtime_trait(path) => {}
                    Some((_, path, _)) => {
                        let key = format!("{module}::impl {} for {self_ty}", tokens(path));
                        add(key, "impl".into(), &gate, Some(false));
                    }
                    None => {
                        for member in &block.items {
                            if let syn::ImplItem::Fn(f) = member {
                                if is_pub(&f.vis) {
                                    let key = format!("{module}::{self_ty}::{}", f.sig.ident);
                                    add(key, tokens(&f.sig), &gate, Some(false));
                                }
                            }
                        }
                    }
                }
            }
            // The request builders' methods come from a runtime macro given the builder,
            // success and error types.
            syn::Item::Macro(m) => {
                let args = tokens(&m.mac.tokens);
                let builder = args.split(',').next().unwrap_or_default().trim().to_owned();
                let name = m
                    .mac
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                add(
                    format!("{module}::{name}!({builder})"),
                    args,
                    &gates(&m.attrs),
                    None,
                );
            }
            syn::Item::Mod(inner) if is_pub(&inner.vis) => {
                if let Some((_, items)) = &inner.content {
                    collect(&format!("{module}::{}", inner.ident), items, out);
                }
            }
            _ => {}
        }
    }
}

/// How a change of the features that compile an item affects users: wider is additive,
/// narrower breaks the users of a dropped feature.
fn gate_impact(
    old: &Option<BTreeSet<String>>,
    new: &Option<BTreeSet<String>>,
) -> Option<RustImpact> {
    match (old, new) {
        (a, b) if a == b => None,
        (_, None) => Some(RustImpact::Additive),
        (None, Some(_)) => Some(RustImpact::Breaking),
        (Some(a), Some(b)) if a.is_subset(b) => Some(RustImpact::Additive),
        _ => Some(RustImpact::Breaking),
    }
}

fn changes(old: &BTreeMap<String, Item>, new: &BTreeMap<String, Item>) -> Vec<RustApiChange> {
    let mut changes = Vec::new();
    let mut push = |key: &str, old: Option<String>, new: Option<String>, impact| {
        changes.push(RustApiChange {
            item: key.to_owned(),
            old,
            new,
            impact,
        });
    };
    let signature = |item: &Item| Some(item.signature.clone());
    for (key, before) in old {
        match new.get(key) {
            None => push(key, signature(before), None, RustImpact::Breaking),
            Some(after) if after.signature != before.signature => push(
                key,
                signature(before),
                signature(after),
                RustImpact::Breaking,
            ),
            Some(after) if after.container.is_none() => {
                if let Some(impact) = gate_impact(&before.features, &after.features) {
                    let old = Some(shown_features(&before.features));
                    push(key, old, Some(shown_features(&after.features)), impact);
                }
            }
            Some(_) => {}
        }
    }
    for (key, after) in new {
        if !old.contains_key(key) {
            // A member of a type that is new too is part of that addition.
            let in_old_type = after
                .container
                .as_ref()
                .is_some_and(|c| old.contains_key(c));
            let impact = if after.in_closed_type && in_old_type {
                RustImpact::Breaking
            } else {
                RustImpact::Additive
            };
            push(key, None, signature(after), impact);
        }
    }
    changes.sort();
    changes
}

/// A type alias of a model stands for that model: its fields and methods are reachable
/// through it, so a struct that becomes an alias of an identical struct changes nothing.
fn expand_aliases(items: &mut BTreeMap<String, Item>) {
    for _ in 0..4 {
        let aliases: Vec<(String, String)> = items
            .iter()
            .filter_map(|(key, item)| {
                let target = item.signature.strip_prefix("type = ")?;
                let is_model = target.chars().all(|c| c.is_alphanumeric() || c == '_');
                let module = key.rsplit_once("::")?.0;
                is_model.then(|| (key.clone(), format!("{module}::{target}")))
            })
            .collect();
        let mut changed = false;
        for (alias, target) in aliases {
            let Some(kind) = items.get(&target).map(|t| t.signature.clone()) else {
                continue;
            };
            let members: Vec<(String, Item)> = items
                .range(format!("{target}.")..)
                .take_while(|(k, _)| k.starts_with(&format!("{target}.")))
                .chain(
                    items
                        .range(format!("{target}::")..)
                        .take_while(|(k, _)| k.starts_with(&format!("{target}::"))),
                )
                .map(|(k, item)| (format!("{alias}{}", &k[target.len()..]), item.clone()))
                .collect();
            let features = items.get(&alias).and_then(|a| a.features.clone());
            if let Some(entry) = items.get_mut(&alias) {
                entry.signature = kind;
            }
            for (key, mut item) in members {
                item.features.clone_from(&features);
                item.container = Some(alias.clone());
                changed |= items.insert(key, item).is_none();
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(source: &str) -> BTreeMap<String, Item> {
        let mut out = BTreeMap::new();
        collect("models", &syn::parse_file(source).unwrap().items, &mut out);
        out
    }

    #[test]
    fn fields_variants_and_methods_are_compared_by_signature() {
        let old = items(
            "#[non_exhaustive] pub struct Seat { pub assignee: User, pub id: i64 }
             pub enum Shape { Circle(Circle) }
             impl Seat { pub fn new(id: i64) -> Self { todo() } }",
        );
        let new = items(
            "#[non_exhaustive] pub struct Seat { pub assignee: Option<User>, pub id: i64, pub plan: Option<String> }
             pub enum Shape { Circle(Circle), Square(Square) }
             impl Seat { pub fn new(id: i64) -> Self { todo() } }",
        );
        let found: Vec<(String, RustImpact)> = changes(&old, &new)
            .into_iter()
            .map(|c| (c.item, c.impact))
            .collect();
        assert_eq!(
            found,
            [
                ("models::Seat.assignee".to_owned(), RustImpact::Breaking),
                ("models::Seat.plan".to_owned(), RustImpact::Additive),
                // `Shape` is not non_exhaustive: a match on it no longer covers every case.
                ("models::Shape::Square".to_owned(), RustImpact::Breaking),
            ]
        );
    }

    #[test]
    fn api_modules_are_read_and_the_runtime_is_not() {
        assert_eq!(module_of("src/models.rs").as_deref(), Some("models"));
        assert_eq!(
            module_of("src/operations/pets.rs").as_deref(),
            Some("operations::pets")
        );
        assert_eq!(
            module_of("src/operations/mod.rs").as_deref(),
            Some("operations")
        );
        assert_eq!(module_of("src/client.rs"), None);
        assert_eq!(module_of("Cargo.toml"), None);
    }
}
