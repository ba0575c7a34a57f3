//! Body-driven pagination from the configuration: which field of an operation's success body
//! holds the next page, resolved through the IR so a wrong path is reported, not generated.

use crate::error::{Diagnostic, Location};
use crate::ir::{Api, FieldShape, Pagination, PathStep, TypeKind, TypeRef};
use crate::settings::BodyPagination;
use std::collections::BTreeMap;

/// Sets each configured operation's pagination; every entry that does not fit is an error.
pub(super) fn apply(
    api: &mut Api,
    configured: &BTreeMap<String, BodyPagination>,
    file: &str,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (operation_id, config) in configured {
        let problem = |message: String| Diagnostic {
            file: file.to_owned(),
            location: Location::Document,
            message: format!("pagination of `{operation_id}` (clients.toml): {message}"),
        };
        let Some(index) = api
            .operations
            .iter()
            .position(|op| op.operation_id == *operation_id)
        else {
            errors.push(problem("no operation has this operationId".into()));
            continue;
        };
        match body_path(api, index, &config.next) {
            Ok(path) => {
                api.operations[index].pagination = Some(Pagination::Body {
                    query: config.query.clone(),
                    path,
                })
            }
            Err(message) => errors.push(problem(message)),
        }
    }
    errors
}

/// The fields from the operation's success body to a scalar, by dot-separated wire names.
fn body_path(api: &Api, operation: usize, next: &str) -> Result<Vec<PathStep>, String> {
    let op = &api.operations[operation];
    let mut ty = op
        .responses
        .iter()
        .filter(|r| r.is_success())
        .find_map(|r| r.body.as_ref())
        .map(|body| &body.ty)
        .ok_or("the operation documents no success body")?;
    let mut path = Vec::new();
    for wire_name in next.split('.') {
        let TypeRef::Named(id) = api.resolve_alias(ty) else {
            return Err(format!("`{wire_name}` is not inside an object"));
        };
        let def = &api.types[*id];
        let TypeKind::Struct(model) = &def.kind else {
            return Err(format!("`{wire_name}` is not inside an object"));
        };
        let field = model
            .fields
            .iter()
            .find(|f| f.wire_name == wire_name)
            .ok_or_else(|| format!("`{}` has no property `{wire_name}`", def.rust_name))?;
        path.push(PathStep {
            rust_name: field.rust_name.clone(),
            optional: field.shape(def.usage) != FieldShape::Plain,
        });
        ty = &field.ty;
    }
    match api.resolve_alias(ty) {
        TypeRef::String | TypeRef::Integer(_) | TypeRef::Float(_) | TypeRef::Uuid => Ok(path),
        TypeRef::Nullable(inner) if !matches!(**inner, TypeRef::Named(_)) => Ok(path),
        _ => Err(format!(
            "`{next}` is not a page number or cursor (a string or number)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::Pagination;
    use crate::settings::{BodyPagination, Settings};

    const SPEC: &str = r#"
openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /servers:
    get:
      operationId: listServers
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  meta:
                    type: object
                    properties:
                      next_page: { type: integer, nullable: true }
"#;

    fn lower(next: &str) -> Result<crate::ir::Api, Vec<crate::Diagnostic>> {
        let doc = crate::load::load("t.yaml", SPEC).unwrap();
        let config = BodyPagination {
            query: "page".into(),
            next: next.into(),
        };
        let settings = Settings::new("t").pagination([("listServers".to_owned(), config)].into());
        crate::lower::lower("t.yaml", &doc, &settings).map(|lowered| lowered.api)
    }

    #[test]
    fn a_configured_path_is_resolved_through_the_body() {
        let api = lower("meta.next_page").unwrap();
        let Some(Pagination::Body { query, path }) = &api.operations[0].pagination else {
            panic!("{:?}", api.operations[0].pagination)
        };
        assert_eq!(query, "page");
        let steps: Vec<(&str, bool)> = path
            .iter()
            .map(|s| (s.rust_name.as_str(), s.optional))
            .collect();
        assert_eq!(steps, [("meta", true), ("next_page", true)]);
    }

    #[test]
    fn a_wrong_path_is_an_error_that_names_it() {
        let errors = lower("meta.next").unwrap_err();
        assert!(
            errors[0].message.contains("has no property `next`"),
            "{errors:?}"
        );
    }
}
