//! Lowers security schemes into the credentials a client takes, plus the generic bearer and
//! basic credentials every client offers (many APIs document authentication only in prose).

use crate::ir::{AuthKind, AuthScheme, ParamLocation};
use crate::naming::{type_name, value_name, Scope};
use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityScheme};

/// Setters every client has, whatever the spec declares, unless one of its schemes already
/// takes the name: `bearer_auth` and `basic_auth`, sent on every request.
const GENERIC: &[(&str, AuthKind)] = &[
    ("bearer_auth", AuthKind::Bearer),
    ("basic_auth", AuthKind::Basic),
];

pub(super) fn lower_auth(doc: &OpenAPI) -> Vec<AuthScheme> {
    let builder_methods: Vec<&str> = crate::runtime::reserved()
        .builder_methods
        .iter()
        .map(String::as_str)
        .collect();
    let mut scope = Scope::with_reserved(&builder_methods);
    let mut variants = Scope::default();
    let mut schemes = Vec::new();
    let declared = doc.components.iter().flat_map(|c| &c.security_schemes);
    for (name, scheme) in declared {
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
        let rust_name = scope.claim(&value_name(name));
        schemes.push(AuthScheme {
            scheme_name: name.clone(),
            variant_name: variants.claim(&type_name(&rust_name)),
            rust_name,
            kind,
            description: description.clone(),
            generic: false,
        });
    }
    for (name, kind) in GENERIC {
        if scope.all_free(&[name.to_string()]) {
            let rust_name = scope.claim(name);
            schemes.push(AuthScheme {
                scheme_name: String::new(),
                variant_name: variants.claim(&type_name(&rust_name)),
                rust_name,
                kind: kind.clone(),
                description: None,
                generic: true,
            });
        }
    }
    schemes
}
