//! Stage 1: reads YAML or JSON text, checks the OpenAPI version, and parses it into
//! `openapiv3` (OpenAPI 3.1 after rewriting it into 3.0, see [`openapi31`]).

mod deep_schemas;
mod nesting;
mod openapi31;

use crate::error::{pointer_segment, Diagnostic, Error, Location};
use openapiv3::OpenAPI;
use serde::Deserialize;

/// A parsed document, and what was approximated to read it (3.1 constructs 3.0 lacks).
#[derive(Debug)]
pub struct Loaded {
    pub doc: OpenAPI,
    pub warnings: Vec<Diagnostic>,
}

/// Parses `text` (the contents of `file`) into an OpenAPI 3.0 document.
///
/// Swagger 2.0 and versions other than 3.0.x and 3.1.x are refused by name, before anything
/// else is checked; a 3.1 document is rewritten into 3.0 first (warnings dropped: use
/// [`load_with_warnings`] to see them).
pub fn load(file: &str, text: &str) -> Result<OpenAPI, Error> {
    load_with_warnings(file, text).map(|loaded| loaded.doc)
}

/// [`load`], also returning the located warnings of the 3.1 rewrite.
pub fn load_with_warnings(file: &str, text: &str) -> Result<Loaded, Error> {
    if !text.trim_start().starts_with('{') {
        if let Some((line, column)) = nesting::too_deep(text) {
            return Err(Error::spec(
                file,
                Location::LineColumn { line, column },
                format!(
                    "invalid YAML: collections nest more than {} levels deep",
                    nesting::MAX_NESTING
                ),
            ));
        }
    }
    // Through a JSON tree, which locates every problem and lets deep schemas be read safely.
    let mut value = parse_tree(file, text)?;
    let normalized = match check_version(file, &value)? {
        Version::V30 => Ok(Vec::new()),
        Version::V31 => openapi31::normalize(file, &mut value),
    };
    // Before anything reads the schemas with `openapiv3` (locating other problems included).
    let bad = deep_schemas::check_bottom_up(&mut value);
    let mut problems: Vec<Diagnostic> = bad
        .iter()
        .map(|(pointer, err)| structural(file, pointer.clone(), err))
        .collect();
    let warnings = match normalized {
        Ok(warnings) => warnings,
        Err(found) => {
            problems.extend(found);
            Vec::new()
        }
    };
    if !problems.is_empty() {
        problems.extend(locate_problems(file, &value));
        problems.sort();
        return Err(Error::Spec(problems));
    }
    // Tracking the path costs a tenth of the time: only done to locate a problem.
    let doc = OpenAPI::deserialize(&value).map_err(|_| {
        // `openapiv3` flattens some maps, which hides the inner path: look piece by piece.
        let mut problems = locate_problems(file, &value);
        if problems.is_empty() {
            if let Err(err) = serde_path_to_error::deserialize::<_, OpenAPI>(&value) {
                problems.push(structural(file, String::new(), &err));
            }
        }
        Error::Spec(problems)
    })?;
    Ok(Loaded { doc, warnings })
}

/// The OpenAPI versions read.
enum Version {
    V30,
    /// Rewritten into 3.0 before parsing.
    V31,
}

fn structural(
    file: &str,
    base: String,
    err: &serde_path_to_error::Error<serde_json::Error>,
) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        location: Location::Pointer(base + &path_to_pointer(err.path())),
        message: format!("not a valid OpenAPI document: {}", err.inner()),
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

fn check_version(file: &str, value: &serde_json::Value) -> Result<Version, Error> {
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
                "this is a Swagger {version} document; only OpenAPI 3.0.x and 3.1.x are \
                 supported (convert it first, e.g. with swagger2openapi)"
            ),
        ));
    }
    match field("openapi") {
        Some(version) if version.starts_with("3.0.") => Ok(Version::V30),
        Some(version) if version.starts_with("3.1.") => Ok(Version::V31),
        Some(version) => Err(Error::spec(
            file,
            Location::Pointer("/openapi".into()),
            format!("unsupported OpenAPI version {version:?}; only 3.0.x and 3.1.x are supported"),
        )),
        None if !value.is_object() => Err(Error::spec(
            file,
            Location::Document,
            "the document is not a mapping; expected an OpenAPI 3.0 or 3.1 description",
        )),
        None => Err(Error::spec(
            file,
            Location::Pointer("/openapi".into()),
            "missing the `openapi` version field; expected an OpenAPI 3.0 or 3.1 description",
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
    fn refuses_other_versions_by_name() {
        let msg = message("openapi: 3.2.0\n");
        assert!(
            msg.contains("t.yaml:#/openapi: unsupported OpenAPI version \"3.2.0\""),
            "{msg}"
        );
    }

    #[test]
    fn reads_openapi_3_1_with_located_warnings() {
        let loaded = load_with_warnings("t.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks: {a: {}}\ncomponents:\n  schemas:\n    S: {type: [string, 'null']}\n").unwrap();
        assert!(
            loaded.doc.components.unwrap().schemas["S"]
                .as_item()
                .unwrap()
                .schema_data
                .nullable
        );
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(
            loaded.warnings[0].location,
            Location::Pointer("/webhooks".into())
        );
    }

    #[test]
    fn malformed_openapi_3_1_is_located_like_3_0() {
        let msg = message("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 5\ncomponents:\n  schemas:\n    S: {type: [object, 'null'], properties: 3}\n");
        assert!(msg.contains("2 problem(s)"), "{msg}");
        assert!(msg.contains("t.yaml:#/paths/~1a"), "{msg}");
        assert!(msg.contains("t.yaml:#/components/schemas/S"), "{msg}");
    }

    #[test]
    fn numeric_status_keys_in_yaml_are_accepted_in_3_1() {
        let doc = load("t.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n").unwrap();
        assert_eq!(doc.paths.paths.len(), 1);
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
