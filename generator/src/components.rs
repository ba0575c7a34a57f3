//! Resolves `$ref`s to reusable components (parameters, request bodies, responses,
//! examples),
//! following chains of references, for every stage that reads a document.
//!
//! References are JSON pointers in URI-fragment form (RFC 6901 §6): percent-encoded bytes
//! are decoded first, then `~1` and `~0`, so `#/paths/~1jobs~1%7Bid%7D/get/responses/401`
//! names the `401` response of `GET /jobs/{id}`.

use indexmap::IndexMap;
use openapiv3::{
    Components, Example, OpenAPI, Parameter, PathItem, ReferenceOr, RequestBody, Response,
};

/// A kind of reusable component and where it lives under `#/components/`.
pub trait Component: Sized {
    const SECTION: &'static str;
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
    /// The item a pointer into `#/paths/<path>/...` names (segments after the path).
    fn in_path_item<'d>(item: &'d PathItem, rest: &[String]) -> Option<&'d ReferenceOr<Self>>;
}

impl Component for Parameter {
    const SECTION: &'static str = "parameters";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.parameters
    }
    fn in_path_item<'d>(item: &'d PathItem, rest: &[String]) -> Option<&'d ReferenceOr<Self>> {
        match rest {
            [parameters, index] if parameters == "parameters" => {
                item.parameters.get(index.parse::<usize>().ok()?)
            }
            [method, parameters, index] if parameters == "parameters" => operation(item, method)?
                .parameters
                .get(index.parse::<usize>().ok()?),
            _ => None,
        }
    }
}

impl Component for RequestBody {
    const SECTION: &'static str = "requestBodies";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.request_bodies
    }
    fn in_path_item<'d>(item: &'d PathItem, rest: &[String]) -> Option<&'d ReferenceOr<Self>> {
        match rest {
            [method, body] if body == "requestBody" => {
                operation(item, method)?.request_body.as_ref()
            }
            _ => None,
        }
    }
}

impl Component for Response {
    const SECTION: &'static str = "responses";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.responses
    }
    fn in_path_item<'d>(item: &'d PathItem, rest: &[String]) -> Option<&'d ReferenceOr<Self>> {
        match rest {
            [method, responses, code] if responses == "responses" => {
                let responses = &operation(item, method)?.responses;
                if code == "default" {
                    return responses.default.as_ref();
                }
                responses
                    .responses
                    .iter()
                    .find(|(status, _)| status.to_string().eq_ignore_ascii_case(code))
                    .map(|(_, response)| response)
            }
            _ => None,
        }
    }
}

/// The operation of a path item for a lowercase method name (`get`, `post`...).
pub(crate) fn operation<'d>(item: &'d PathItem, method: &str) -> Option<&'d openapiv3::Operation> {
    item.iter().find(|(m, _)| *m == method).map(|(_, op)| op)
}

impl Component for Example {
    const SECTION: &'static str = "examples";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.examples
    }
    fn in_path_item<'d>(_: &'d PathItem, _: &[String]) -> Option<&'d ReferenceOr<Self>> {
        None
    }
}

/// The item itself, or the component its `$ref` names; `None` when a reference does not
/// resolve (or loops).
pub fn resolve<'d, T: Component>(doc: &'d OpenAPI, item: &'d ReferenceOr<T>) -> Option<&'d T> {
    resolve_located(doc, item, "").map(|(found, _)| found)
}

/// [`resolve`], also giving the JSON pointer of the item found (`at`, where `item` sits,
/// when it is inline).
pub fn resolve_located<'d, T: Component>(
    doc: &'d OpenAPI,
    item: &'d ReferenceOr<T>,
    at: &str,
) -> Option<(&'d T, String)> {
    let mut current = item;
    let mut pointer = at.to_owned();
    for _ in 0..16 {
        match current {
            ReferenceOr::Item(item) => return Some((item, pointer)),
            ReferenceOr::Reference { reference } => {
                current = lookup(doc, reference)?;
                pointer = percent_decode(reference.trim_start_matches('#'));
            }
        }
    }
    None
}

fn lookup<'d, T: Component>(doc: &'d OpenAPI, reference: &str) -> Option<&'d ReferenceOr<T>> {
    let segments = pointer_segments(reference)?;
    match segments.as_slice() {
        [components, section, name] if components == "components" && section == T::SECTION => {
            T::section(doc.components.as_ref()?).get(name)
        }
        [paths, path, rest @ ..] if paths == "paths" => match doc.paths.paths.get(path)? {
            ReferenceOr::Item(item) => T::in_path_item(item, rest),
            ReferenceOr::Reference { .. } => None,
        },
        _ => None,
    }
}

/// The `components/schemas` key a schema `$ref` names.
pub fn schema_key(reference: &str) -> Option<String> {
    match pointer_segments(reference)?.as_mut_slice() {
        [components, schemas, key] if components == "components" && schemas == "schemas" => {
            Some(std::mem::take(key))
        }
        _ => None,
    }
}

/// The reference tokens of a same-document `$ref` (`#/a/b`), unescaped; `None` for
/// references to other documents.
pub fn pointer_segments(reference: &str) -> Option<Vec<String>> {
    let pointer = percent_decode(reference.strip_prefix('#')?);
    let pointer = pointer.strip_prefix('/')?;
    Some(
        pointer
            .split('/')
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Decodes `%XX` escapes (invalid ones are kept as they are).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&high), Some(&low)) if hex(high).is_some() && hex(low).is_some() => {
                out.push((hex(high).unwrap_or(0) * 16 + hex(low).unwrap_or(0)) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_in_uri_fragment_form() {
        assert_eq!(
            pointer_segments("#/paths/~1jobs~1%7Bid%7D/get/responses/401").unwrap(),
            ["paths", "/jobs/{id}", "get", "responses", "401"]
        );
        assert_eq!(
            schema_key("#/components/schemas/a~1b~0c%20d").as_deref(),
            Some("a/b~c d")
        );
        assert_eq!(schema_key("#/components/schemas/A/properties/b"), None);
        assert_eq!(pointer_segments("other.yaml#/a"), None);
        assert_eq!(percent_decode("100%"), "100%");
    }
}
