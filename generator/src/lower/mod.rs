//! Stage 2: lowers an `openapiv3` document into the [`ir`](crate::ir), deciding every name.

mod analysis;
mod auth;
mod compact;
mod operations;
mod pagination;
mod schema_names;
mod schemas;
mod unions;

pub(crate) use operations::{location, media_kind, pick_media, BUILDER_LOCALS};

use crate::error::{Diagnostic, Location};
use crate::ir::{Api, Server, TypeDef, TypeId, TypeRef};
use crate::naming::Scope;
use crate::settings::Settings;
use openapiv3::OpenAPI;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// What lowering produced: the IR plus the problems it worked around.
pub struct Lowered {
    pub api: Api,
    pub warnings: Vec<Diagnostic>,
}

pub(crate) struct Lowerer<'a> {
    file: &'a str,
    doc: &'a OpenAPI,
    types: Vec<TypeDef>,
    component_ids: BTreeMap<String, TypeId>,
    /// Components whose definitions are lowered or queued (the others stay placeholders).
    requested_ids: BTreeSet<TypeId>,
    /// Components queued for lowering, by key.
    requested_components: VecDeque<String>,
    type_scope: Scope,
    /// Schemas reached by a pointer other than a component's, lowered once each.
    pointer_types: BTreeMap<String, TypeRef>,
    pointers_in_progress: BTreeSet<String>,
    /// Broken schema `$ref`s become untyped JSON with a warning instead of an error.
    allow_unresolved_refs: bool,
    /// Objects that do not forbid other properties keep them in a map.
    keep_unknown_fields: bool,
    /// Inline schemas being lowered, one inside the other.
    inline_depth: usize,
    /// Set once [`schemas::MAX_TYPES`] is reached (reported once).
    over_type_budget: bool,
    /// Set once [`schemas::MAX_INLINE_DEPTH`] is passed (reported once).
    over_inline_depth: bool,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
}

impl<'a> Lowerer<'a> {
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(self.diagnostic(pointer, message));
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.errors.push(self.diagnostic(pointer, message));
    }

    fn diagnostic(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.to_owned(),
            location: Location::Pointer(pointer.to_owned()),
            message: message.into(),
        }
    }
}

/// Reads spec text and lowers it: the document and its IR, for tools that look at both.
pub fn load_and_lower(
    text: &str,
    source_name: &str,
    settings: &Settings,
) -> Result<(OpenAPI, Lowered), crate::Error> {
    let doc = crate::load::load(source_name, text)?;
    let lowered = lower(source_name, &doc, settings).map_err(crate::Error::Spec)?;
    Ok((doc, lowered))
}

/// Lowers `doc`; errors (an invalid spec) are returned all at once, sorted.
pub fn lower(file: &str, doc: &OpenAPI, settings: &Settings) -> Result<Lowered, Vec<Diagnostic>> {
    let mut lowerer = Lowerer {
        file,
        doc,
        types: Vec::new(),
        component_ids: BTreeMap::new(),
        requested_ids: BTreeSet::new(),
        requested_components: VecDeque::new(),
        type_scope: Scope::default(),
        pointer_types: BTreeMap::new(),
        pointers_in_progress: BTreeSet::new(),
        allow_unresolved_refs: settings.allow_unresolved_refs,
        keep_unknown_fields: !settings.drop_unknown_fields,
        inline_depth: 0,
        over_type_budget: false,
        over_inline_depth: false,
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    // Every component's name is claimed first, so components keep their plain names; their
    // definitions are lowered on demand unless all of them are wanted.
    lowerer.declare_components();
    if settings.all_schemas {
        lowerer.lower_all_components();
    }
    let auth = auth::lower_auth(doc);
    let operations = lowerer.lower_operations(&auth);
    lowerer.lower_requested_components();
    let mut api = Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        servers: lower_servers(doc),
        auth,
        types: lowerer.types,
        operations,
        envelopes: Vec::new(),
    };
    let mut warnings = lowerer.warnings;
    let mut errors = lowerer.errors;
    analysis::finish(&mut api, settings, file, &mut warnings);
    errors.extend(pagination::apply(&mut api, &settings.pagination, file));
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(errors);
    }
    warnings.sort();
    warnings.dedup();
    Ok(Lowered { api, warnings })
}

fn lower_servers(doc: &OpenAPI) -> Vec<Server> {
    doc.servers
        .iter()
        .map(|server| {
            let mut url = server.url.clone();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            Server {
                url: url.trim_end_matches('/').to_owned(),
                description: server.description.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_inline_title_names_its_type_unless_taken_then_the_owner_and_property_do() {
        // FastAPI titles every property after itself: two `kind` tags are both titled "Kind".
        let spec = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {
              "Ball": {"type": "object", "properties": {"kind": {"const": "ball", "title": "Kind"}}},
              "Rope": {"type": "object", "properties": {"kind": {"const": "rope", "title": "Kind"}}},
              "Box": {"type": "object", "properties": {"size": {"type": "string", "enum": ["s"], "title": "Box Size"}}}
            }}}"#;
        let doc = crate::load::load("t.json", spec).unwrap();
        let settings = crate::Settings::new("t").all_schemas(true);
        let api = super::lower("t.json", &doc, &settings).unwrap().api;
        let mut names: Vec<&str> = api.types.iter().map(|t| t.rust_name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["Ball", "Box", "BoxSize", "Kind", "Rope", "RopeKind"]
        );
    }
}
