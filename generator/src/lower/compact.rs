//! Keeps the generated crate as small as the API allows: types no operation uses are dropped,
//! and types identical to another become aliases of it.
//!
//! Big specs repeat themselves: GitHub's description inlines the same enum or object in
//! hundreds of places. Each copy keeps its name (as a `type` alias, with its own docs), so
//! users find every type where they expect it, while the compiler sees one definition.

use crate::ir::{Api, TypeDef, TypeId, TypeKind, TypeRef, Usage};
use std::collections::HashMap;

/// Removes types that no operation reaches (after [`mark_usage`](super::analysis)), and
/// renumbers every reference to the ones kept.
pub(super) fn drop_unused(api: &mut Api) {
    let used: Vec<bool> = api
        .types
        .iter()
        .map(|def| def.usage.in_request || def.usage.in_response)
        .collect();
    retain_types(api, &used);
}

/// Keeps the types `keep` marks, renumbering every reference (none may point at a dropped one).
fn retain_types(api: &mut Api, used: &[bool]) {
    if used.iter().all(|u| *u) {
        return;
    }
    let mut new_ids = Vec::with_capacity(used.len());
    let mut next = 0;
    for keep in used {
        new_ids.push(next);
        next += usize::from(*keep);
    }
    let types = std::mem::take(&mut api.types);
    api.types = types
        .into_iter()
        .zip(used)
        .filter_map(|(def, keep)| keep.then_some(def))
        .collect();
    let renumber = |id: TypeId| new_ids[id];
    for def in &mut api.types {
        def.kind
            .refs_mut()
            .into_iter()
            .for_each(|ty| ty.renumber(&renumber));
    }
    for op in &mut api.operations {
        op.refs_mut()
            .into_iter()
            .for_each(|ty| ty.renumber(&renumber));
    }
}

/// Turns every inline struct, enum or union that has the same definition as another (same
/// fields, wire names, docs and usage, or same values) into an alias of one kept copy.
///
/// Runs to a fixed point: once two leaf types merge, the types holding them may become equal.
pub(super) fn merge_identical(api: &mut Api) {
    let mut canonical: Vec<TypeId> = (0..api.types.len()).collect();
    loop {
        let mut groups: HashMap<(Usage, TypeKind), Vec<TypeId>> = HashMap::new();
        for (id, def) in api.types.iter().enumerate() {
            if canonical[id] == id && !matches!(def.kind, TypeKind::Alias(_)) {
                groups
                    .entry(shape_key(def, &canonical))
                    .or_default()
                    .push(id);
            }
        }
        let mut merged = false;
        for group in groups.values().filter(|g| g.len() > 1) {
            let keep = *group
                .iter()
                .min_by_key(|id| preference(&api.types[**id]))
                .expect("groups are not empty");
            // Two component schemas are two concepts the API named, even when they look
            // alike today: only inline schemas become aliases.
            for &id in group
                .iter()
                .filter(|id| **id != keep && !is_component(&api.types[**id]))
            {
                canonical[id] = keep;
                merged = true;
            }
        }
        if !merged {
            break;
        }
        for id in 0..canonical.len() {
            canonical[id] = canonical[canonical[id]];
        }
    }
    // Copies named after the same `title` are one type the API named once: references go to
    // the kept copy, and the numbered names (`Meta2`, `Meta3`...) are not generated.
    let same_title = |id: TypeId| {
        let (copy, kept) = (&api.types[id], &api.types[canonical[id]]);
        copy.title.is_some()
            && (copy.title == kept.title || copy.title.as_ref() == Some(&kept.rust_name))
    };
    let redirected: Vec<bool> = (0..api.types.len())
        .map(|id| canonical[id] != id && same_title(id))
        .collect();
    let target = |id: TypeId| if redirected[id] { canonical[id] } else { id };
    for def in &mut api.types {
        def.kind
            .refs_mut()
            .into_iter()
            .for_each(|ty| ty.renumber(&target));
    }
    for op in &mut api.operations {
        op.refs_mut()
            .into_iter()
            .for_each(|ty| ty.renumber(&target));
    }
    for (id, def) in api.types.iter_mut().enumerate() {
        if canonical[id] != id {
            def.kind = TypeKind::Alias(TypeRef::Named(canonical[id]));
        }
    }
    let keep: Vec<bool> = redirected.iter().map(|r| !r).collect();
    retain_types(api, &keep);
}

/// Everything that ends up in a type's generated definition except its name and docs, with
/// references to merged types replaced by the copy kept.
fn shape_key(def: &TypeDef, canonical: &[TypeId]) -> (Usage, TypeKind) {
    let mut kind = def.kind.clone();
    for ty in kind.refs_mut() {
        ty.renumber(&|id| canonical[id]);
    }
    (def.usage, kind)
}

/// Which copy of identical types keeps the definition: a named component schema first, then
/// the shortest name (the least specific), then alphabetical order, so the choice is stable.
fn preference(def: &TypeDef) -> (bool, usize, &str) {
    (!is_component(def), def.rust_name.len(), &def.rust_name)
}

/// A type that is a named schema of `components/schemas` (not one inlined inside it).
fn is_component(def: &TypeDef) -> bool {
    def.origin
        .strip_prefix("/components/schemas/")
        .is_some_and(|rest| !rest.contains('/'))
}
