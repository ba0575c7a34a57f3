//! Stage 2: lowers an `openapiv3` document into the [`ir`](crate::ir), deciding every name.

mod analysis;
mod compact;
mod operations;
mod schemas;

pub(crate) use operations::{media_kind, pick_media};

use crate::error::{Diagnostic, Location};
use crate::ir::{Api, AuthKind, AuthScheme, ParamLocation, Server, TypeDef, TypeId};
use crate::naming::{value_name, Scope};
use crate::settings::Settings;
use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityScheme};
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
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    // Every component's name is claimed first, so components keep their plain names; their
    // definitions are lowered on demand unless all of them are wanted.
    lowerer.declare_components();
    if settings.all_schemas {
        lowerer.lower_all_components();
    }
    let auth = lower_auth(doc);
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

/// Setter names on the generated `ClientBuilder` that a security scheme must not take.
const BUILDER_METHODS: &[&str] = &[
    "new",
    "base_url",
    "timeout",
    "user_agent",
    "http_client",
    "build",
    "retry",
    "default",
];

fn lower_auth(doc: &OpenAPI) -> Vec<AuthScheme> {
    let Some(components) = &doc.components else {
        return Vec::new();
    };
    let mut scope = Scope::with_reserved(BUILDER_METHODS);
    let mut schemes = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let ReferenceOr::Item(scheme) = scheme else {
            continue;
        };
        let (kind, description) = match scheme {
            SecurityScheme::HTTP {
                scheme,
                description,
                ..
            } => {
                let kind = match scheme.to_ascii_lowercase().as_str() {
                    "basic" => AuthKind::Basic,
                    _ => AuthKind::Bearer,
                };
                (kind, description)
            }
            SecurityScheme::APIKey {
                location,
                name,
                description,
                ..
            } => {
                let location = match location {
                    APIKeyLocation::Query => ParamLocation::Query,
                    APIKeyLocation::Header => ParamLocation::Header,
                    APIKeyLocation::Cookie => ParamLocation::Cookie,
                };
                (
                    AuthKind::ApiKey {
                        location,
                        name: name.clone(),
                    },
                    description,
                )
            }
            SecurityScheme::OAuth2 { description, .. }
            | SecurityScheme::OpenIDConnect { description, .. } => (AuthKind::Bearer, description),
        };
        schemes.push(AuthScheme {
            scheme_name: name.clone(),
            rust_name: scope.claim(&value_name(name)),
            kind,
            description: description.clone(),
        });
    }
    schemes
}
