//! Reads OpenAPI 3.1 by rewriting its tree into the OpenAPI 3.0 model before parsing, so one
//! lowering path serves both versions. What 3.0 cannot say degrades to the nearest type that
//! accepts every valid value, with a warning located in the original document.

mod defs;
mod document;
mod schema;
mod walk;

use crate::error::{Diagnostic, Location};
use serde_json::Value;

/// Rewrites the 3.1 document `doc` (read from `file`) in place into a 3.0 one; returns the
/// warnings about what was approximated, or every problem that stops it.
pub fn normalize(file: &str, doc: &mut Value) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut context = Context::new(file);
    document::check_dialect(&mut context, doc);
    document::rewrite(&mut context, doc);
    defs::hoist(&mut context, doc);
    walk::schema_roots(doc, &mut |schema, pointer| {
        schema::normalize(&mut context, schema, pointer);
    });
    if !context.errors.is_empty() {
        context.errors.sort();
        return Err(context.errors);
    }
    context.warnings.sort();
    context.warnings.dedup();
    Ok(context.warnings)
}

/// The file, the problems found so far, and where moved schemas came from.
struct Context {
    file: String,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    /// (new pointer, original pointer) of each schema moved into `components/schemas`.
    origins: Vec<(String, String)>,
}

impl Context {
    fn new(file: &str) -> Self {
        Context {
            file: file.to_owned(),
            warnings: Vec::new(),
            errors: Vec::new(),
            origins: Vec::new(),
        }
    }

    fn moved(&mut self, new: &str, original: &str) {
        self.origins.push((new.to_owned(), original.to_owned()));
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let diagnostic = self.diagnostic(pointer, message);
        self.warnings.push(diagnostic);
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        let diagnostic = self.diagnostic(pointer, message);
        self.errors.push(diagnostic);
    }

    fn diagnostic(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.clone(),
            location: Location::Pointer(self.original_pointer(pointer)),
            message: message.into(),
        }
    }

    /// Where `pointer` was before schemas moved (latest move first, for nested `$defs`).
    fn original_pointer(&self, pointer: &str) -> String {
        let mut pointer = pointer.to_owned();
        for (new, original) in self.origins.iter().rev() {
            if let Some(rest) = pointer.strip_prefix(new.as_str()) {
                if rest.is_empty() || rest.starts_with('/') {
                    pointer = format!("{original}{rest}");
                }
            }
        }
        pointer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn warnings_inside_hoisted_defs_point_at_the_original_place() {
        let mut doc = json!({"openapi": "3.1.0", "paths": {}, "components": {"schemas": {
            "Pet": {"$defs": {"Tag": {"$defs": {"Inner": {"type": "object",
                "patternProperties": {"^x": {}}}}}}},
        }}});
        let warnings = normalize("t.yaml", &mut doc).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(
            warnings[0].location,
            Location::Pointer(
                "/components/schemas/Pet/$defs/Tag/$defs/Inner/patternProperties".into()
            )
        );
    }
}
