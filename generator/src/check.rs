//! The check pass between lowering and emitting: no two items share a name in any scope of
//! the generated crate, the runtime's own names included. Lowering claims names so this
//! never fires; when it does, the generator is at fault, and it says so before writing code
//! that would not compile.

use crate::error::{Diagnostic, Location};
use crate::ir::{Api, Struct, TypeKind};
use crate::lower::BUILDER_LOCALS;
use crate::naming::join_type_name;
use crate::runtime;
use std::collections::BTreeMap;

/// Every name clash, located at the item that lost.
pub fn check_names(api: &Api, file: &str) -> Vec<Diagnostic> {
    let mut clashes = Clashes {
        file,
        found: Vec::new(),
    };
    let reserved = runtime::reserved();

    let mut models = Names::new("crate::models", &[]);
    for def in &api.types {
        models.add(&def.rust_name, &def.origin, &mut clashes);
        if let TypeKind::Struct(Struct {
            required_params: Some(params),
            ..
        }) = &def.kind
        {
            models.add(params, &def.origin, &mut clashes);
        }
        check_members(def, &mut clashes);
    }

    let client_methods: Vec<&str> = reserved.client_methods.iter().map(String::as_str).collect();
    let mut methods = Names::new("impl Client", &client_methods);
    let mut operation_types = Names::new("crate::operations", &[]);
    for op in &api.operations {
        let at = operation_pointer(op);
        methods.add(&op.fn_name, &at, &mut clashes);
        operation_types.add(&op.type_prefix, &at, &mut clashes);
        for suffix in ["Error", "Response"] {
            let name = join_type_name(&op.type_prefix, suffix);
            operation_types.add(&name, &at, &mut clashes);
        }
        let mut params = Names::new(
            &format!("request builder of {}", op.fn_name),
            BUILDER_LOCALS,
        );
        for param in &op.params {
            params.add(&param.rust_name, &at, &mut clashes);
        }
        let mut variants = Names::new(&join_type_name(&op.type_prefix, "Error"), &[]);
        for response in &op.responses {
            variants.add(&response.variant_name, &at, &mut clashes);
        }
    }

    let builder_methods: Vec<&str> = reserved
        .builder_methods
        .iter()
        .map(String::as_str)
        .collect();
    let mut setters = Names::new("impl ClientBuilder", &builder_methods);
    let mut schemes = Names::new("auth::Scheme", &[]);
    for scheme in &api.auth {
        let at = format!(
            "/components/securitySchemes/{}",
            crate::error::pointer_segment(&scheme.scheme_name)
        );
        setters.add(&scheme.rust_name, &at, &mut clashes);
        schemes.add(&scheme.variant_name, &at, &mut clashes);
    }
    clashes.found
}

/// Fields of a struct, variants of an enum or union.
fn check_members(def: &crate::ir::TypeDef, clashes: &mut Clashes) {
    let mut names = Names::new(&def.rust_name, &[]);
    match &def.kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                names.add(&field.rust_name, &def.origin, clashes);
            }
            if let Some(additional) = &s.additional {
                names.add(&additional.rust_name, &def.origin, clashes);
            }
        }
        TypeKind::Enum(e) => {
            for variant in &e.variants {
                names.add(&variant.rust_name, &def.origin, clashes);
            }
            names.add(&e.other_variant, &def.origin, clashes);
        }
        TypeKind::Union(u) => {
            for variant in &u.variants {
                names.add(&variant.rust_name, &def.origin, clashes);
            }
        }
        TypeKind::Alias(_) => {}
    }
}

fn operation_pointer(op: &crate::ir::Operation) -> String {
    format!(
        "/paths/{}/{}",
        crate::error::pointer_segment(&op.path),
        op.method.to_ascii_lowercase()
    )
}

struct Clashes<'f> {
    file: &'f str,
    found: Vec<Diagnostic>,
}

/// The names taken in one scope, and by whom.
struct Names {
    scope: String,
    taken: BTreeMap<String, Option<String>>,
}

impl Names {
    fn new(scope: &str, reserved: &[&str]) -> Self {
        Names {
            scope: scope.to_owned(),
            taken: reserved
                .iter()
                .map(|name| (name.to_string(), None))
                .collect(),
        }
    }

    fn add(&mut self, name: &str, at: &str, clashes: &mut Clashes) {
        let name = name.strip_prefix("r#").unwrap_or(name);
        if syn::parse_str::<syn::Ident>(name).is_err()
            && syn::parse_str::<syn::Ident>(&format!("r#{name}")).is_err()
        {
            clashes.found.push(Diagnostic {
                file: clashes.file.to_owned(),
                location: Location::Pointer(at.to_owned()),
                message: format!("internal error: the generator named an item {name:?} in {}, which is not a Rust identifier; please report this", self.scope),
            });
            return;
        }
        match self.taken.get(name) {
            None => {
                self.taken.insert(name.to_owned(), Some(at.to_owned()));
            }
            Some(first) => {
                let first = match first {
                    Some(pointer) => format!("#{pointer}"),
                    None => "the runtime".to_owned(),
                };
                clashes.found.push(Diagnostic {
                    file: clashes.file.to_owned(),
                    location: Location::Pointer(at.to_owned()),
                    message: format!(
                        "internal error: the generator named two items `{name}` in {} (the other comes from {first}); please report this",
                        self.scope
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_names;
    use crate::settings::Settings;

    fn lowered(spec: &str) -> crate::ir::Api {
        let doc = crate::load::load("t.yaml", spec).unwrap();
        crate::lower::lower("t.yaml", &doc, &Settings::new("t").all_schemas(true))
            .unwrap()
            .api
    }

    const SPEC: &str = r#"
openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /a:
    get:
      operationId: getA
      responses: { "204": { description: ok } }
  /b:
    get:
      operationId: getB
      responses: { "204": { description: ok } }
components:
  schemas:
    A: { type: object, properties: { x: { type: string }, y: { type: string } } }
    B: { type: object, properties: { x: { type: string } } }
"#;

    #[test]
    fn lowering_leaves_no_clash() {
        assert!(check_names(&lowered(SPEC), "t.yaml").is_empty());
    }

    #[test]
    fn clashes_in_every_scope_are_caught() {
        let mut api = lowered(SPEC);
        api.types[1].rust_name = api.types[0].rust_name.clone();
        if let crate::ir::TypeKind::Struct(s) = &mut api.types[0].kind {
            s.fields[1].rust_name = s.fields[0].rust_name.clone();
        }
        api.operations[1].fn_name = "send_once".into();
        api.operations[0].type_prefix = "GetB".into();
        let found: Vec<String> = check_names(&api, "t.yaml")
            .iter()
            .map(|d| d.message.clone())
            .collect();
        let expect = [
            "in crate::models",
            "`x` in A",
            "`send_once` in impl Client",
            "`GetB` in crate::operations",
        ];
        for needle in expect {
            assert!(
                found.iter().any(|m| m.contains(needle)),
                "{needle}: {found:?}"
            );
        }
    }
}
