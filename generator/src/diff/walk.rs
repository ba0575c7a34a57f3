//! Walks two versions of a spec side by side and records every change a client can notice.

use super::kinds::{ChangeKind, Direction};
use super::schemas::{
    constraint_changes, enum_values, properties, resolve, type_signature, Located,
};
use super::Change;
use crate::components;
use crate::error::pointer_segment;
use crate::ir::StatusMatch;
use openapiv3::{
    OpenAPI, Operation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema,
    SchemaKind, Type,
};
use std::collections::{BTreeMap, BTreeSet};

pub(super) struct Walker<'a> {
    old: &'a OpenAPI,
    new: &'a OpenAPI,
    pub changes: Vec<Change>,
    seen: BTreeSet<(String, String, Direction)>,
}

/// Where a comparison happens, for messages.
#[derive(Clone)]
struct Site {
    operation: String,
    subject: String,
    direction: Direction,
}

/// Operations by path shape (parameter names left out, so `/users/{user_id}` and
/// `/users/{username}` are one operation) and method; each with its path, item and pointer.
type Operations<'d> = BTreeMap<(String, String), (&'d Operation, &'d PathItem, String, &'d str)>;

fn operations(doc: &OpenAPI) -> Operations<'_> {
    let mut map = BTreeMap::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, op) in item.iter() {
            let pointer = format!("/paths/{}/{method}", pointer_segment(path));
            let method = method.to_ascii_uppercase();
            let shape = path_shape(path);
            // Two templates of one shape (ambiguous, but seen): the second keeps its own path.
            let key = if map.contains_key(&(shape.clone(), method.clone())) {
                (path.clone(), method)
            } else {
                (shape, method)
            };
            map.insert(key, (op, item, pointer, path.as_str()));
        }
    }
    map
}

/// A path template with its parameter names left out: `/users/{}/repos`.
fn path_shape(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut in_name = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_name = true;
                shape.push_str("{}");
            }
            '}' => in_name = false,
            _ if in_name => {}
            _ => shape.push(c),
        }
    }
    shape
}

/// The path parameters whose name changed between two templates of one shape, new name to old.
fn renamed_path_parameters(old: &str, new: &str) -> BTreeMap<String, String> {
    let names = |path: &str| -> Vec<String> {
        path.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect()
    };
    names(new)
        .into_iter()
        .zip(names(old))
        .filter(|(new, old)| new != old)
        .collect()
}

impl<'a> Walker<'a> {
    pub fn new(old: &'a OpenAPI, new: &'a OpenAPI) -> Self {
        Walker {
            old,
            new,
            changes: Vec::new(),
            seen: BTreeSet::new(),
        }
    }

    fn push(&mut self, kind: ChangeKind, site: &Site, old: Option<String>, new: Option<String>) {
        let (http, rust) = kind.classify(site.direction);
        self.changes.push(Change {
            kind,
            direction: site.direction,
            operation: site.operation.clone(),
            subject: site.subject.clone(),
            old_pointer: old,
            new_pointer: new,
            http,
            rust,
            also: Vec::new(),
        });
    }

    pub fn run(&mut self) {
        self.compare_servers();
        self.compare_security_schemes();
        let old_ops = operations(self.old);
        let new_ops = operations(self.new);
        for (key, (_, _, pointer, path)) in &old_ops {
            if !new_ops.contains_key(key) {
                let site = site(&key.1, path, String::new(), Direction::Request);
                self.push(
                    ChangeKind::OperationRemoved,
                    &site,
                    Some(pointer.clone()),
                    None,
                );
            }
        }
        for (key, (new_op, new_item, new_ptr, new_path)) in &new_ops {
            // Schemas are compared once per operation, so a change to a shared schema is
            // found under every operation it affects (`diff` then lists it once).
            self.seen.clear();
            let site = site(&key.1, new_path, String::new(), Direction::Request);
            let Some((old_op, old_item, old_ptr, old_path)) = old_ops.get(key) else {
                self.push(
                    ChangeKind::OperationAdded,
                    &site,
                    None,
                    Some(new_ptr.clone()),
                );
                continue;
            };
            let ptrs = (Some(old_ptr.clone()), Some(new_ptr.clone()));
            let renamed = renamed_path_parameters(old_path, new_path);
            for (new, old) in &renamed {
                let kind = ChangeKind::PathParameterRenamed {
                    old: old.clone(),
                    new: new.clone(),
                };
                self.push(kind, &site, ptrs.0.clone(), ptrs.1.clone());
            }
            if old_op.operation_id != new_op.operation_id {
                let kind = ChangeKind::OperationRenamed {
                    old_id: old_op.operation_id.clone().unwrap_or_default(),
                    new_id: new_op.operation_id.clone().unwrap_or_default(),
                };
                self.push(kind, &site, ptrs.0.clone(), ptrs.1.clone());
            }
            if new_op.deprecated && !old_op.deprecated {
                self.push(
                    ChangeKind::OperationDeprecated,
                    &site,
                    ptrs.0.clone(),
                    ptrs.1.clone(),
                );
            }
            let old_security = old_op.security.as_ref().or(self.old.security.as_ref());
            let new_security = new_op.security.as_ref().or(self.new.security.as_ref());
            if old_security != new_security {
                self.push(
                    ChangeKind::SecurityRequirementChanged,
                    &site,
                    ptrs.0.clone(),
                    ptrs.1.clone(),
                );
            }
            self.compare_parameters(
                &site,
                (old_op, old_item, old_ptr),
                (new_op, new_item, new_ptr),
                &renamed,
            );
            self.compare_bodies(&site, (old_op, old_ptr), (new_op, new_ptr));
            self.compare_responses(&site, (old_op, old_ptr), (new_op, new_ptr));
        }
    }

    fn compare_servers(&mut self) {
        let urls = |doc: &OpenAPI| {
            doc.servers
                .iter()
                .map(|s| s.url.clone())
                .collect::<BTreeSet<_>>()
        };
        let (old, new) = (urls(self.old), urls(self.new));
        let site = Site {
            operation: String::new(),
            subject: "servers".into(),
            direction: Direction::Request,
        };
        for url in old.difference(&new) {
            self.push(
                ChangeKind::ServerRemoved { url: url.clone() },
                &site,
                Some("/servers".into()),
                None,
            );
        }
        for url in new.difference(&old) {
            self.push(
                ChangeKind::ServerAdded { url: url.clone() },
                &site,
                None,
                Some("/servers".into()),
            );
        }
    }

    fn compare_security_schemes(&mut self) {
        let names = |doc: &OpenAPI| {
            doc.components
                .as_ref()
                .map(|c| {
                    c.security_schemes
                        .keys()
                        .cloned()
                        .collect::<BTreeSet<String>>()
                })
                .unwrap_or_default()
        };
        let (old, new) = (names(self.old), names(self.new));
        let site = Site {
            operation: String::new(),
            subject: "security schemes".into(),
            direction: Direction::Request,
        };
        let at = |name: &str| {
            Some(format!(
                "/components/securitySchemes/{}",
                pointer_segment(name)
            ))
        };
        for scheme in old.difference(&new) {
            self.push(
                ChangeKind::SecuritySchemeRemoved {
                    scheme: scheme.clone(),
                },
                &site,
                at(scheme),
                None,
            );
        }
        for scheme in new.difference(&old) {
            self.push(
                ChangeKind::SecuritySchemeAdded {
                    scheme: scheme.clone(),
                },
                &site,
                None,
                at(scheme),
            );
        }
    }

    /// Parameters compared by name; `renamed` (new name to old) pairs renamed path parameters.
    fn compare_parameters(
        &mut self,
        site_base: &Site,
        old: (&'a Operation, &'a PathItem, &String),
        new: (&'a Operation, &'a PathItem, &String),
        renamed: &BTreeMap<String, String>,
    ) {
        let old_params = parameters(self.old, old.0, old.1, old.2);
        let new_params: BTreeMap<ParamKey, _> = parameters(self.new, new.0, new.1, new.2)
            .into_iter()
            .map(|((name, place), param)| match renamed.get(&name) {
                Some(old_name) if place == "path" => ((old_name.clone(), place), param),
                _ => ((name, place), param),
            })
            .collect();
        // A parameter is the same one when its name and place are; failing that, when it is
        // the only one of its name on each side (it moved, say from the query to a header).
        let moved = |key: &ParamKey| -> Option<ParamKey> {
            let alone = |params: &BTreeMap<ParamKey, _>, other: &BTreeMap<ParamKey, _>| {
                let same_name: Vec<&ParamKey> = params
                    .keys()
                    .filter(|k| k.0 == key.0 && !other.contains_key(*k))
                    .collect();
                (same_name.len() == 1).then(|| same_name[0].clone())
            };
            alone(&new_params, &old_params)?;
            alone(&old_params, &new_params)
        };
        let paired: BTreeMap<ParamKey, ParamKey> = new_params
            .keys()
            .filter_map(|key| {
                if old_params.contains_key(key) {
                    Some((key.clone(), key.clone()))
                } else {
                    moved(key).map(|old_key| (key.clone(), old_key))
                }
            })
            .collect();
        for ((name, place), (_, ptr)) in &old_params {
            if !paired.values().any(|k| k.0 == *name && k.1 == *place) {
                let site = Site {
                    subject: format!("parameter `{name}`"),
                    ..site_base.clone()
                };
                self.push(ChangeKind::ParameterRemoved, &site, Some(ptr.clone()), None);
            }
        }
        for (key, (new_param, new_ptr)) in &new_params {
            let site = Site {
                subject: format!("parameter `{}`", key.0),
                ..site_base.clone()
            };
            let new_data = new_param.parameter_data_ref();
            let Some((old_param, old_ptr)) = paired.get(key).and_then(|k| old_params.get(k)) else {
                let kind = ChangeKind::ParameterAdded {
                    required: new_data.required,
                };
                self.push(kind, &site, None, Some(new_ptr.clone()));
                continue;
            };
            let old_data = old_param.parameter_data_ref();
            let ptrs = (Some(old_ptr.clone()), Some(new_ptr.clone()));
            let (old_in, new_in) = (location(old_param), location(new_param));
            if old_in != new_in {
                let kind = ChangeKind::ParameterLocationChanged {
                    old: old_in.into(),
                    new: new_in.into(),
                };
                self.push(kind, &site, ptrs.0.clone(), ptrs.1.clone());
            }
            if old_data.required != new_data.required {
                let kind = ChangeKind::ParameterRequiredChanged {
                    now_required: new_data.required,
                };
                self.push(kind, &site, ptrs.0.clone(), ptrs.1.clone());
            }
            if let (ParameterSchemaOrContent::Schema(o), ParameterSchemaOrContent::Schema(n)) =
                (&old_data.format, &new_data.format)
            {
                let o = resolve(self.old, o, format!("{old_ptr}/schema"));
                let n = resolve(self.new, n, format!("{new_ptr}/schema"));
                if let (Some(o), Some(n)) = (o, n) {
                    self.compare_schema(&site, o, n, (old_data.required, new_data.required));
                }
            }
        }
    }

    fn compare_bodies(
        &mut self,
        site_base: &Site,
        old: (&'a Operation, &String),
        new: (&'a Operation, &String),
    ) {
        let site = Site {
            subject: "request body".into(),
            ..site_base.clone()
        };
        let old_body = old
            .0
            .request_body
            .as_ref()
            .and_then(|b| components::resolve(self.old, b));
        let new_body = new
            .0
            .request_body
            .as_ref()
            .and_then(|b| components::resolve(self.new, b));
        let (old_ptr, new_ptr) = (
            format!("{}/requestBody", old.1),
            format!("{}/requestBody", new.1),
        );
        match (old_body, new_body) {
            (None, None) => {}
            (Some(_), None) => {
                self.push(ChangeKind::RequestBodyRemoved, &site, Some(old_ptr), None)
            }
            (None, Some(body)) => self.push(
                ChangeKind::RequestBodyAdded {
                    required: body.required,
                },
                &site,
                None,
                Some(new_ptr),
            ),
            (Some(o), Some(n)) => {
                if o.required != n.required {
                    let kind = ChangeKind::RequestBodyRequiredChanged {
                        now_required: n.required,
                    };
                    self.push(kind, &site, Some(old_ptr.clone()), Some(new_ptr.clone()));
                }
                self.compare_content(&site, &o.content, &n.content, &old_ptr, &new_ptr);
            }
        }
    }

    fn compare_responses(
        &mut self,
        site_base: &Site,
        old: (&'a Operation, &String),
        new: (&'a Operation, &String),
    ) {
        let list = |op: &'a Operation| {
            let mut map: BTreeMap<String, &'a ReferenceOr<openapiv3::Response>> = op
                .responses
                .responses
                .iter()
                .map(|(code, r)| (code.to_string(), r))
                .collect();
            if let Some(default) = &op.responses.default {
                map.insert("default".into(), default);
            }
            map
        };
        let (old_list, new_list) = (list(old.0), list(new.0));
        // Success as the generated client reads it (`default` is not one).
        let success = |status: &str| {
            old.0
                .responses
                .responses
                .keys()
                .chain(new.0.responses.responses.keys())
                .any(|code| code.to_string() == status && StatusMatch::from(code).is_success())
        };
        let site = Site {
            direction: Direction::Response,
            ..site_base.clone()
        };
        for status in old_list.keys().filter(|s| !new_list.contains_key(*s)) {
            let site = Site {
                subject: format!("response {status}"),
                ..site.clone()
            };
            let kind = ChangeKind::StatusRemoved {
                status: status.clone(),
                success: success(status),
            };
            self.push(
                kind,
                &site,
                Some(format!("{}/responses/{status}", old.1)),
                None,
            );
        }
        for (status, new_response) in &new_list {
            let site = Site {
                subject: format!("response {status}"),
                ..site.clone()
            };
            let new_ptr = format!("{}/responses/{status}", new.1);
            let Some(old_response) = old_list.get(status) else {
                let kind = ChangeKind::StatusAdded {
                    status: status.clone(),
                    success: success(status),
                };
                self.push(kind, &site, None, Some(new_ptr));
                continue;
            };
            let old_ptr = format!("{}/responses/{status}", old.1);
            let (Some(o), Some(n)) = (
                components::resolve(self.old, *old_response),
                components::resolve(self.new, *new_response),
            ) else {
                continue;
            };
            self.compare_content(&site, &o.content, &n.content, &old_ptr, &new_ptr);
        }
    }

    fn compare_content(
        &mut self,
        site: &Site,
        old: &'a indexmap::IndexMap<String, openapiv3::MediaType>,
        new: &'a indexmap::IndexMap<String, openapiv3::MediaType>,
        old_ptr: &str,
        new_ptr: &str,
    ) {
        let at = |base: &str, media: &str| format!("{base}/content/{}", pointer_segment(media));
        for media in old.keys().filter(|m| !new.contains_key(*m)) {
            let kind = ChangeKind::MediaTypeRemoved {
                media_type: media.clone(),
            };
            self.push(kind, site, Some(at(old_ptr, media)), None);
        }
        for (media, new_media) in new {
            let Some(old_media) = old.get(media) else {
                let kind = ChangeKind::MediaTypeAdded {
                    media_type: media.clone(),
                };
                self.push(kind, site, None, Some(at(new_ptr, media)));
                continue;
            };
            if let (Some(o), Some(n)) = (&old_media.schema, &new_media.schema) {
                let o = resolve(self.old, o, format!("{}/schema", at(old_ptr, media)));
                let n = resolve(self.new, n, format!("{}/schema", at(new_ptr, media)));
                if let (Some(o), Some(n)) = (o, n) {
                    self.compare_schema(site, o, n, (true, true));
                }
            }
        }
    }

    /// `required` is whether the value must be there, in the old and in the new version.
    fn compare_schema(
        &mut self,
        site: &Site,
        old: Located<'a>,
        new: Located<'a>,
        required: (bool, bool),
    ) {
        if !self
            .seen
            .insert((old.pointer.clone(), new.pointer.clone(), site.direction))
        {
            return;
        }
        let ptrs = (Some(old.pointer.clone()), Some(new.pointer.clone()));
        let (old_type, new_type) = (
            type_signature(old.view.schema),
            type_signature(new.view.schema),
        );
        if old_type != new_type {
            let kind = ChangeKind::TypeChanged {
                widened: admits(self.new, new.view.schema, &old_type),
                narrowed: admits(self.old, old.view.schema, &new_type),
                old: old_type,
                new: new_type,
            };
            self.push(kind, site, ptrs.0, ptrs.1);
            return;
        }
        let (o, n) = (old.view.schema, new.view.schema);
        if old.view.nullable != new.view.nullable {
            let kind = ChangeKind::NullableChanged {
                now_nullable: new.view.nullable,
                was_required: required.0,
                required: required.1,
            };
            self.push(kind, site, ptrs.0.clone(), ptrs.1.clone());
        }
        if o.schema_data.read_only != n.schema_data.read_only {
            let kind = ChangeKind::ReadOnlyChanged {
                now_read_only: n.schema_data.read_only,
            };
            self.push(kind, site, ptrs.0.clone(), ptrs.1.clone());
        }
        let (old_values, new_values) = (enum_values(o), enum_values(n));
        if old_values.is_empty() != new_values.is_empty() {
            // A plain type gaining or losing its list of values: a constraint, not values.
            let list = |values: &BTreeSet<String>| {
                if values.is_empty() {
                    "none".to_owned()
                } else {
                    values.iter().cloned().collect::<Vec<_>>().join(", ")
                }
            };
            let kind = ChangeKind::ConstraintChanged {
                constraint: "enum".into(),
                old: list(&old_values),
                new: list(&new_values),
                tightened: !new_values.is_empty(),
            };
            self.push(kind, site, ptrs.0.clone(), ptrs.1.clone());
        }
        let both_listed = !old_values.is_empty() && !new_values.is_empty();
        for value in old_values.difference(&new_values).filter(|_| both_listed) {
            self.push(
                ChangeKind::EnumValueRemoved {
                    value: value.clone(),
                },
                site,
                ptrs.0.clone(),
                ptrs.1.clone(),
            );
        }
        if both_listed {
            for value in new_values.difference(&old_values) {
                self.push(
                    ChangeKind::EnumValueAdded {
                        value: value.clone(),
                    },
                    site,
                    ptrs.0.clone(),
                    ptrs.1.clone(),
                );
            }
        }
        for (constraint, old_value, new_value, tightened) in constraint_changes(o, n) {
            let kind = ChangeKind::ConstraintChanged {
                constraint,
                old: old_value,
                new: new_value,
                tightened,
            };
            self.push(kind, site, ptrs.0.clone(), ptrs.1.clone());
        }
        self.compare_properties(site, &old, &new);
        if let (SchemaKind::Type(Type::Array(oa)), SchemaKind::Type(Type::Array(na))) =
            (&o.schema_kind, &n.schema_kind)
        {
            if let (Some(oi), Some(ni)) = (&oa.items, &na.items) {
                let oi = resolve(self.old, oi, format!("{}/items", old.pointer));
                let ni = resolve(self.new, ni, format!("{}/items", new.pointer));
                if let (Some(oi), Some(ni)) = (oi, ni) {
                    let site = Site {
                        subject: format!("{}[]", site.subject),
                        ..site.clone()
                    };
                    self.compare_schema(&site, oi, ni, (true, true));
                }
            }
        }
        if let (Some((key, ov)), Some((new_key, nv))) = (union_parts(o), union_parts(n)) {
            if key == new_key {
                for (oi, ni, label) in variant_pairs(ov, nv) {
                    let ov = resolve(self.old, &ov[oi], format!("{}/{key}/{oi}", old.pointer));
                    let nv = resolve(self.new, &nv[ni], format!("{}/{key}/{ni}", new.pointer));
                    if let (Some(ov), Some(nv)) = (ov, nv) {
                        let site = Site {
                            subject: format!("{}<{label}>", site.subject),
                            ..site.clone()
                        };
                        self.compare_schema(&site, ov, nv, required);
                    }
                }
                let refs = |list: &Vec<ReferenceOr<Schema>>| -> BTreeSet<String> {
                    list.iter()
                        .enumerate()
                        .map(|(i, r)| match r {
                            ReferenceOr::Reference { reference } => reference.clone(),
                            ReferenceOr::Item(_) => format!("#{i}"),
                        })
                        .collect()
                };
                let (or, nr) = (refs(ov), refs(nv));
                if nr.difference(&or).next().is_some() {
                    self.push(
                        ChangeKind::VariantAdded,
                        site,
                        ptrs.0.clone(),
                        ptrs.1.clone(),
                    );
                }
                if or.difference(&nr).next().is_some() {
                    self.push(
                        ChangeKind::VariantRemoved,
                        site,
                        ptrs.0.clone(),
                        ptrs.1.clone(),
                    );
                }
            }
        }
    }

    fn compare_properties(&mut self, site: &Site, old: &Located<'a>, new: &Located<'a>) {
        let (old_props, old_required) = properties(self.old, old.view.schema, &old.pointer);
        let (new_props, new_required) = properties(self.new, new.view.schema, &new.pointer);
        let field = |name: &str| {
            if site.subject.is_empty() {
                format!("`{name}`")
            } else {
                format!("{}.{name}", site.subject)
            }
        };
        for (name, (_, ptr)) in &old_props {
            if !new_props.contains_key(name) {
                let site = Site {
                    subject: field(name),
                    ..site.clone()
                };
                self.push(ChangeKind::PropertyRemoved, &site, Some(ptr.clone()), None);
            }
        }
        for (name, (new_schema, new_ptr)) in &new_props {
            let site = Site {
                subject: field(name),
                ..site.clone()
            };
            let now_required = new_required.contains(name);
            let Some((old_schema, old_ptr)) = old_props.get(name) else {
                self.push(
                    ChangeKind::PropertyAdded {
                        required: now_required,
                    },
                    &site,
                    None,
                    Some(new_ptr.clone()),
                );
                continue;
            };
            let o = resolve(self.old, *old_schema, old_ptr.clone());
            let n = resolve(self.new, *new_schema, new_ptr.clone());
            let Some((o, n)) = o.zip(n) else { continue };
            if old_required.contains(name) != now_required {
                let kind = ChangeKind::PropertyRequiredChanged {
                    now_required,
                    was_nullable: o.view.nullable,
                    nullable: n.view.nullable,
                };
                self.push(kind, &site, Some(old_ptr.clone()), Some(new_ptr.clone()));
            }
            self.compare_schema(&site, o, n, (old_required.contains(name), now_required));
        }
    }
}

/// The variants of a `oneOf`/`anyOf` and which keyword holds them, also when the schema lists
/// a `type` or properties next to them (which `openapiv3` reads as a schema of any kind).
/// Whether every value of type `signature` is a value of `schema`: one of its union variants
/// has that type, or it is a number and `signature` an integer.
fn admits(doc: &OpenAPI, schema: &Schema, signature: &str) -> bool {
    if type_signature(schema) == "number" && signature.starts_with("integer") {
        return true;
    }
    union_parts(schema).is_some_and(|(_, parts)| {
        parts.iter().any(|part| {
            resolve(doc, part, String::new())
                .is_some_and(|found| type_signature(found.view.schema) == signature)
        })
    })
}

fn union_parts(schema: &Schema) -> Option<(&'static str, &Vec<ReferenceOr<Schema>>)> {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => Some(("oneOf", one_of)),
        SchemaKind::AnyOf { any_of } => Some(("anyOf", any_of)),
        SchemaKind::Any(any) if !any.one_of.is_empty() => Some(("oneOf", &any.one_of)),
        SchemaKind::Any(any) if !any.any_of.is_empty() => Some(("anyOf", &any.any_of)),
        _ => None,
    }
}

/// The variants of two versions of a union that are the same variant, with its label: a
/// `$ref` pairs with the same `$ref`, an inline schema with the inline schema of the same
/// title, else with the one at the same place among the inline ones.
fn variant_pairs(
    old: &[ReferenceOr<Schema>],
    new: &[ReferenceOr<Schema>],
) -> Vec<(usize, usize, String)> {
    let key = |list: &[ReferenceOr<Schema>], index: usize| -> (String, String) {
        match &list[index] {
            ReferenceOr::Reference { reference } => {
                let name = reference.rsplit('/').next().unwrap_or(reference);
                (reference.clone(), name.to_owned())
            }
            ReferenceOr::Item(schema) => {
                match &schema.schema_data.title {
                    Some(title) => (format!("title {title}"), title.clone()),
                    None => {
                        let place = list[..index]
                        .iter()
                        .filter(|v| matches!(v, ReferenceOr::Item(s) if s.schema_data.title.is_none()))
                        .count();
                        (format!("inline {place}"), format!("variant {}", index + 1))
                    }
                }
            }
        }
    };
    let new_keys: Vec<(String, String)> = (0..new.len()).map(|i| key(new, i)).collect();
    (0..old.len())
        .filter_map(|oi| {
            let (old_key, _) = key(old, oi);
            let ni = new_keys.iter().position(|(k, _)| *k == old_key)?;
            Some((oi, ni, new_keys[ni].1.clone()))
        })
        .collect()
}

fn site(method: &str, path: &str, subject: String, direction: Direction) -> Site {
    Site {
        operation: format!("{method} {path}"),
        subject,
        direction,
    }
}

fn location(param: &Parameter) -> &'static str {
    match param {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// A parameter's identity, as lowering has it: its name and where it is sent.
type ParamKey = (String, &'static str);

/// Parameters by name and place (path-level merged with operation-level), with their pointers.
fn parameters<'d>(
    doc: &'d OpenAPI,
    op: &'d Operation,
    item: &'d PathItem,
    op_ptr: &str,
) -> BTreeMap<ParamKey, (&'d Parameter, String)> {
    let item_ptr = op_ptr.rsplit_once('/').map_or(op_ptr, |(p, _)| p);
    let mut map = BTreeMap::new();
    for (list, base) in [(&item.parameters, item_ptr), (&op.parameters, op_ptr)] {
        for (index, param) in list.iter().enumerate() {
            if let Some(param) = components::resolve(doc, param) {
                map.insert(
                    (param.parameter_data_ref().name.clone(), location(param)),
                    (param, format!("{base}/parameters/{index}")),
                );
            }
        }
    }
    map
}
