//! Whole-API passes after lowering: where types travel, which fields need a `Box`,
//! alias cycles, and response envelopes.

use super::compact;
use crate::error::{Diagnostic, Location};
use crate::ir::{Api, Envelope, FieldShape, TypeId, TypeKind, TypeRef, Union, UnionVariant};
use crate::naming::{join_type_name, Scope};
use crate::settings::{EnvelopeFields, Settings};

pub(super) fn finish(
    api: &mut Api,
    settings: &Settings,
    file: &str,
    warnings: &mut Vec<Diagnostic>,
) {
    break_alias_cycles(api, file, warnings);
    mark_usage(api);
    if !settings.all_schemas {
        compact::drop_unused(api);
    }
    mark_boxes(api);
    compact::merge_identical(api);
    name_required_params(api);
    if let Some(fields) = &settings.envelope {
        api.envelopes = find_envelopes(api, fields);
    }
}

/// Named types a type refers to, with whether the reference is direct (no `Vec`/map in between).
fn references(ty: &TypeRef, direct: bool, out: &mut Vec<(TypeId, bool)>) {
    match ty {
        TypeRef::Named(id) => out.push((*id, direct)),
        TypeRef::Nullable(inner) => references(inner, direct, out),
        TypeRef::Array(inner) | TypeRef::Map(inner) => references(inner, false, out),
        _ => {}
    }
}

fn children(kind: &TypeKind) -> Vec<(TypeId, bool)> {
    let mut out = Vec::new();
    let map_values = match kind {
        TypeKind::Struct(s) => s.additional.as_ref().map(|a| &a.value),
        _ => None,
    };
    for ty in kind.refs() {
        // Map values are behind a map: never direct, even when the value type is a struct.
        let direct = !map_values.is_some_and(|value| std::ptr::eq(value, ty));
        references(ty, direct, &mut out);
    }
    out
}

/// Rust type aliases cannot refer to themselves. `type A = B; type B = A;` means nothing:
/// such aliases become untyped JSON. `type A = Vec<A>` (a list of lists of...) is a real
/// type: it becomes a one-variant enum, a nominal type that may contain itself.
fn break_alias_cycles(api: &mut Api, file: &str, warnings: &mut Vec<Diagnostic>) {
    for start in 0..api.types.len() {
        if !alias_reaches(api, start) {
            continue;
        }
        let TypeKind::Alias(target) = &api.types[start].kind else {
            continue;
        };
        let only_aliases = matches!(target, TypeRef::Named(_)) && named_chain_loops(api, start);
        api.types[start].kind = if only_aliases {
            warnings.push(Diagnostic {
                file: file.to_owned(),
                location: Location::Pointer(api.types[start].origin.clone()),
                message: "schema only refers to itself; using untyped JSON".into(),
            });
            TypeKind::Alias(TypeRef::Any)
        } else {
            TypeKind::Union(Union {
                variants: vec![UnionVariant {
                    rust_name: "Value".into(),
                    ty: target.clone(),
                    boxed: false,
                    tags: Vec::new(),
                }],
                discriminator: None,
            })
        };
    }
}

/// Whether following alias `start`'s target, through aliases only, leads back to it.
fn alias_reaches(api: &Api, start: TypeId) -> bool {
    let mut stack = vec![start];
    let mut seen = vec![false; api.types.len()];
    while let Some(id) = stack.pop() {
        let TypeKind::Alias(target) = &api.types[id].kind else {
            continue;
        };
        let mut refs = Vec::new();
        references(target, true, &mut refs);
        for (next, _) in refs {
            if next == start {
                return true;
            }
            if !std::mem::replace(&mut seen[next], true) {
                stack.push(next);
            }
        }
    }
    false
}

/// Whether the chain of plain aliases (`type A = B`) from `start` loops.
fn named_chain_loops(api: &Api, start: TypeId) -> bool {
    let mut seen = vec![start];
    let mut current = start;
    while let TypeKind::Alias(TypeRef::Named(next)) = &api.types[current].kind {
        if seen.contains(next) {
            return true;
        }
        seen.push(*next);
        current = *next;
    }
    false
}

fn mark_usage(api: &mut Api) {
    let mut request_roots = Vec::new();
    let mut response_roots = Vec::new();
    for op in &api.operations {
        op.request_refs()
            .for_each(|ty| references(ty, true, &mut request_roots));
        op.response_refs()
            .for_each(|ty| references(ty, true, &mut response_roots));
    }
    let kinds: Vec<Vec<(TypeId, bool)>> = api.types.iter().map(|t| children(&t.kind)).collect();
    let reach = |roots: Vec<(TypeId, bool)>| {
        let mut seen = vec![false; kinds.len()];
        let mut stack: Vec<TypeId> = roots.into_iter().map(|(id, _)| id).collect();
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut seen[id], true) {
                continue;
            }
            stack.extend(kinds[id].iter().map(|(child, _)| *child));
        }
        seen
    };
    let in_request = reach(request_roots);
    let in_response = reach(response_roots);
    for (id, def) in api.types.iter_mut().enumerate() {
        def.usage.in_request = in_request[id];
        def.usage.in_response = in_response[id];
    }
}

/// Boxes every direct reference that can lead back to its own type (infinite size otherwise).
fn mark_boxes(api: &mut Api) {
    let direct: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|t| {
            children(&t.kind)
                .into_iter()
                .filter(|(_, d)| *d)
                .map(|(id, _)| id)
                .collect()
        })
        .collect();
    // A field needs a `Box` when its type leads back to its owner without a `Vec` or map in
    // between: when both are in one strongly connected component of the direct references.
    let component = strongly_connected_components(&direct);
    for owner in 0..api.types.len() {
        let direct_target = |ty: &TypeRef| {
            let mut refs = Vec::new();
            references(ty, true, &mut refs);
            refs.iter()
                .any(|(id, is_direct)| *is_direct && component[*id] == component[owner])
        };
        let boxes: Vec<bool> = match &api.types[owner].kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| direct_target(&f.ty)).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| direct_target(&v.ty)).collect(),
            _ => continue,
        };
        match &mut api.types[owner].kind {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .zip(boxes)
                .for_each(|(f, b)| f.boxed = b),
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .zip(boxes)
                .for_each(|(v, b)| v.boxed = b),
            _ => {}
        }
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, without recursion, so
/// a long chain of types cannot overflow the stack); linear in nodes and edges.
fn strongly_connected_components(edges: &[Vec<TypeId>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let (mut index, mut low) = (vec![UNSEEN; count], vec![0; count]);
    let (mut on_stack, mut stack) = (vec![false; count], Vec::new());
    let mut component = vec![UNSEEN; count];
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..count {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut path = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = path.last_mut() {
            if let Some(&child) = edges[node].get(*edge) {
                *edge += 1;
                if index[child] == UNSEEN {
                    index[child] = next_index;
                    low[child] = next_index;
                    next_index += 1;
                    stack.push(child);
                    on_stack[child] = true;
                    path.push((child, 0));
                } else if on_stack[child] {
                    low[node] = low[node].min(index[child]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Request models whose constructor would take two required values of one type get a struct
/// of named arguments instead (`<Name>Required`), so the values cannot be swapped.
fn name_required_params(api: &mut Api) {
    let names: Vec<String> = api.types.iter().map(|t| t.rust_name.clone()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut scope = Scope::with_reserved(&names);
    for def in &mut api.types {
        let usage = def.usage;
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        if !usage.in_request {
            continue;
        }
        let required: Vec<&TypeRef> = s
            .fields
            .iter()
            .filter(|f| f.shape(usage) == FieldShape::Plain)
            .map(|f| &f.ty)
            .collect();
        let repeated = required
            .iter()
            .enumerate()
            .any(|(i, ty)| required[..i].contains(ty));
        if repeated {
            s.required_params = Some(scope.claim(&join_type_name(&def.rust_name, "Required")));
        }
    }
}

/// Structs carrying the configured envelope fields (matched by wire name).
fn find_envelopes(api: &Api, fields: &EnvelopeFields) -> Vec<Envelope> {
    let mut envelopes = Vec::new();
    for (id, def) in api.types.iter().enumerate() {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        let find = |wire: &Option<String>| {
            let wire = wire.as_deref()?;
            s.fields.iter().find(|f| f.wire_name == wire)
        };
        let Some(data) = find(&Some(fields.data.clone())) else {
            continue;
        };
        let errors = find(&fields.errors);
        if errors.is_none() && fields.errors.is_some() {
            continue;
        }
        let warnings = find(&fields.warnings);
        let message_type = errors.or(warnings).and_then(|f| match &f.ty {
            TypeRef::Array(item) => Some((**item).clone()),
            _ => None,
        });
        envelopes.push(Envelope {
            type_id: id,
            data_field: data.rust_name.clone(),
            errors_field: errors.map(|f| f.rust_name.clone()),
            warnings_field: warnings.map(|f| f.rust_name.clone()),
            success_field: find(&fields.success).map(|f| f.rust_name.clone()),
            message_type,
        });
    }
    envelopes
}

#[cfg(test)]
mod tests {
    use super::strongly_connected_components;

    #[test]
    fn components_group_exactly_the_types_that_reach_each_other() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 refers to itself; 4 -> 0 reaches it but not back.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected_components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[4] != c[3]);
    }
}
