//! Stage 1: reads YAML or JSON text, checks the OpenAPI version, and parses it into `openapiv3`.

use crate::error::{pointer_segment, Diagnostic, Error, Location};
use openapiv3::OpenAPI;

/// Parses `text` (the contents of `file`) into an OpenAPI 3.0 document.
///
/// Swagger 2.0 and OpenAPI 3.1 are refused by name, before anything else is checked.
pub fn load(file: &str, text: &str) -> Result<OpenAPI, Error> {
    if let Some(doc) = parse_direct(text).filter(|doc| doc.openapi.starts_with("3.0")) {
        return Ok(doc);
    }
    // Something is wrong: go through a JSON tree, which locates every problem.
    let value = parse_tree(file, text)?;
    check_version(file, &value)?;
    serde_path_to_error::deserialize::<_, OpenAPI>(&value).map_err(|err| {
        // `openapiv3` flattens some maps, which hides the inner path: look piece by piece.
        let mut problems = locate_problems(file, &value);
        if problems.is_empty() {
            problems.push(structural(file, String::new(), &err));
        }
        Error::Spec(problems)
    })
}

fn structural(
    file: &str,
    base: String,
    err: &serde_path_to_error::Error<serde_json::Error>,
) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        location: Location::Pointer(base + &path_to_pointer(err.path())),
        message: format!("not a valid OpenAPI 3.0 document: {}", err.inner()),
    }
}

/// Checks each path item and each component on its own, so every bad one is reported
/// with a precise pointer.
fn locate_problems(file: &str, value: &serde_json::Value) -> Vec<Diagnostic> {
    use openapiv3::{
        Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
    };
    fn check<T: serde::de::DeserializeOwned>(
        file: &str,
        base: String,
        value: &serde_json::Value,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Err(err) = serde_path_to_error::deserialize::<_, T>(value) {
            out.push(structural(file, base, &err));
        }
    }
    let mut out = Vec::new();
    let entries = |section: &str| -> Vec<(String, &serde_json::Value)> {
        value
            .pointer(section)
            .and_then(serde_json::Value::as_object)
            .map(|map| {
                map.iter()
                    .filter(|(key, _)| !key.starts_with("x-"))
                    .map(|(key, v)| (format!("{section}/{}", pointer_segment(key)), v))
                    .collect()
            })
            .unwrap_or_default()
    };
    for (at, item) in entries("/paths") {
        check::<ReferenceOr<PathItem>>(file, at, item, &mut out);
    }
    for (at, item) in entries("/components/schemas") {
        check::<ReferenceOr<Schema>>(file, at, item, &mut out);
    }
    for (at, item) in entries("/components/responses") {
        check::<ReferenceOr<Response>>(file, at, item, &mut out);
    }
    for (at, item) in entries("/components/parameters") {
        check::<ReferenceOr<Parameter>>(file, at, item, &mut out);
    }
    for (at, item) in entries("/components/requestBodies") {
        check::<ReferenceOr<RequestBody>>(file, at, item, &mut out);
    }
    for (at, item) in entries("/components/securitySchemes") {
        check::<ReferenceOr<SecurityScheme>>(file, at, item, &mut out);
    }
    out
}

/// The fast path for a valid document: straight from text to `openapiv3`, with no tree in
/// between (half the time and memory on big specs).
fn parse_direct(text: &str) -> Option<OpenAPI> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else {
        serde_yaml::from_str(text).ok()
    }
}

/// Parses the text into a JSON tree; JSON is detected by its first character, anything else is YAML.
fn parse_tree(file: &str, text: &str) -> Result<serde_json::Value, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        return serde_json::from_str(text).map_err(|err| {
            Error::spec(
                file,
                Location::LineColumn {
                    line: err.line(),
                    column: err.column(),
                },
                format!("invalid JSON: {err}"),
            )
        });
    }
    serde_yaml::from_str(text).map_err(|err| {
        let location = err
            .location()
            .map_or(Location::Document, |at| Location::LineColumn {
                line: at.line(),
                column: at.column(),
            });
        Error::spec(file, location, format!("invalid YAML: {err}"))
    })
}

fn check_version(file: &str, value: &serde_json::Value) -> Result<(), Error> {
    let field = |name: &str| {
        value.get(name).map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    if let Some(version) = field("swagger") {
        return Err(Error::spec(
            file,
            Location::Pointer("/swagger".into()),
            format!(
                "this is a Swagger {version} document; only OpenAPI 3.0.x is supported \
                 (convert it first, e.g. with swagger2openapi)"
            ),
        ));
    }
    match field("openapi") {
        Some(version) if version.starts_with("3.0") => Ok(()),
        Some(version) if version.starts_with("3.1") => Err(Error::spec(
            file,
            Location::Pointer("/openapi".into()),
            format!("OpenAPI {version} is not supported yet; only OpenAPI 3.0.x is"),
        )),
        Some(version) => Err(Error::spec(
            file,
            Location::Pointer("/openapi".into()),
            format!("unsupported OpenAPI version {version:?}; only 3.0.x is supported"),
        )),
        None if !value.is_object() => Err(Error::spec(
            file,
            Location::Document,
            "the document is not a mapping; expected an OpenAPI 3.0 description",
        )),
        None => Err(Error::spec(
            file,
            Location::Pointer("/openapi".into()),
            "missing the `openapi` version field; expected an OpenAPI 3.0 description",
        )),
    }
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        let text = match segment {
            Segment::Seq { index } => index.to_string(),
            Segment::Map { key } => pointer_segment(key),
            Segment::Enum { variant } => pointer_segment(variant),
            Segment::Unknown => continue,
        };
        pointer.push('/');
        pointer.push_str(&text);
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> String {
        load("t.yaml", text).unwrap_err().to_string()
    }

    #[test]
    fn refuses_swagger_2_by_name() {
        assert!(message("swagger: '2.0'\ninfo: {}\n").contains("Swagger 2.0 document"));
    }

    #[test]
    fn refuses_openapi_3_1_by_name() {
        assert!(message("openapi: 3.1.0\n").contains("OpenAPI 3.1.0 is not supported yet"));
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let msg = message("openapi: 3.0.0\ninfo: [\n");
        assert!(msg.contains("t.yaml:3:1"), "{msg}");
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let msg = message("{\"openapi\": \"3.0.0\",\n \"info\": }");
        assert!(msg.contains("t.yaml:2:10"), "{msg}");
    }

    #[test]
    fn structural_errors_are_all_listed_with_pointers() {
        let msg = message("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 5\n  /b:\n    get: 7\ncomponents:\n  schemas:\n    S: {type: object, properties: 3}\n");
        assert!(msg.contains("3 problem(s)"), "{msg}");
        assert!(msg.contains("#/paths/~1a"), "{msg}");
        assert!(msg.contains("#/paths/~1b"), "{msg}");
        assert!(msg.contains("#/components/schemas/S"), "{msg}");
    }

    #[test]
    fn numeric_status_keys_in_yaml_are_accepted() {
        let doc = load("t.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n").unwrap();
        assert_eq!(doc.paths.paths.len(), 1);
    }
}
