//! Violations Prism reports over requests that are right: it cannot read what the spec
//! means in a few ways (below), each shown by hand against Prism 5.16. Where one concerns an
//! encoding (form and multipart bodies, query styles), another parser checks that encoding
//! in `tests/wire_behaviour.rs` (Node's `qs` and `FormData`, Python's `email`). A violation
//! is put down to them only when every part of Prism's message is, and only on the facts of
//! the spec and of the value sent, so a wrong encoding of ours still fails.

use openapi_client_gen::smoke::OperationPlan;
use serde_json::Value;

/// Why Prism's `violation` (one of the `|`-separated parts of a test's detail) is about
/// Prism and not the request, or `None` when it may be ours.
pub fn limitation(
    spec: &Value,
    plan: &OperationPlan,
    body: Option<&Value>,
    violation: &str,
) -> Option<&'static str> {
    let operation = Operation::find(spec, plan)?;
    let lower = violation.to_ascii_lowercase();
    if plan.path.contains(['?', '#']) {
        return Some(
            "the path template carries a query or fragment (`/templates?desc=cached_upload`); Prism routes on the path alone, to another operation",
        );
    }
    if quoted_name(&lower).is_some_and(|name| name.contains("%5b") || name.contains("%5d")) {
        return Some(
            "Prism looks a bracketed query name up percent-encoded (`filter%5btag%5d`), so it never finds the `filter[tag]` sent",
        );
    }
    if ["accept", "content-type", "authorization"]
        .iter()
        .any(|name| lower.contains(&format!("request header parameter {name} ")))
    {
        return Some(
            "the spec declares a header parameter named Accept, Content-Type or Authorization, which OpenAPI 3.0 says to ignore; Prism enforces it",
        );
    }
    let string_body = lower.contains("request body must be string")
        || lower.contains("body parameter is required");
    if string_body && operation.string_body_prism_parses() {
        return Some(
            "the spec documents a string body under `*/*`, a form or a multipart media type, and Prism judges the body against that entry: it parses forms and multipart bodies into objects, and checks a body sent as another documented type (apicurio's `application/create.extended+json`) against `*/*`",
        );
    }
    if operation.has_media("multipart/form-data") {
        let part = |kind: &str| {
            quoted_property(violation, kind).and_then(|name| body.and_then(|b| b.get(name)))
        };
        let one_item = part("array").is_some_and(|v| v.as_array().is_some_and(|a| a.len() == 1));
        if one_item || part("object").is_some_and(Value::is_object) {
            return Some(
                "Prism reads each multipart part as one string: a JSON part is no object to it, nor a single part a one-element array",
            );
        }
        let unusual = |name: &str| {
            name.chars()
                .any(|c| !(c.is_ascii_alphanumeric() || "_-.[]".contains(c)))
        };
        let missing = lower
            .contains("request body must have required property")
            .then(|| quoted_name(violation))
            .flatten();
        if missing.is_some_and(|name| unusual(name) && body.is_some_and(|b| b.get(name).is_some()))
        {
            return Some(
                "Prism does not find a multipart part whose name has a space, a brace or a non-ASCII letter (`file {}`), which Node's `FormData` reads",
            );
        }
    }
    if lower.contains("request query must have required property") {
        let name = quoted_name(violation)?;
        if operation.exploded_object_query(name) {
            return Some(
                "an object query parameter is sent exploded into its properties (OpenAPI's default `form` style), which leaves no key named after the parameter for Prism to find",
            );
        }
    }
    if lower.contains("invalid security scheme used")
        && operation.security_needs_two_authorizations()
    {
        return Some(
            "one security requirement combines schemes that each need the Authorization header, which no request can satisfy",
        );
    }
    None
}

/// The name in `... property 'name' ...`.
fn quoted_name(text: &str) -> Option<&str> {
    let start = text.find("property '")? + "property '".len();
    let end = text[start..].find('\'')?;
    Some(&text[start..start + end])
}

/// `name` of `Request body property name must be <kind>`.
fn quoted_property<'t>(text: &'t str, kind: &str) -> Option<&'t str> {
    let rest = text.split("Request body property ").nth(1)?;
    let end = rest.find(&format!(" must be {kind}"))?;
    Some(&rest[..end])
}

/// One operation of the spec's JSON tree, with `$ref`s followed on demand.
struct Operation<'s> {
    spec: &'s Value,
    /// The path item, whose parameters the operation shares.
    item: &'s Value,
    node: &'s Value,
}

impl<'s> Operation<'s> {
    fn find(spec: &'s Value, plan: &OperationPlan) -> Option<Self> {
        let item = spec.get("paths")?.get(&plan.path)?;
        let node = item.get(&plan.method)?;
        Some(Operation { spec, item, node })
    }

    /// `value` with `$ref`s to this document followed.
    fn resolve(&self, mut value: &'s Value) -> &'s Value {
        for _ in 0..16 {
            let Some(pointer) = value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            match pointer
                .strip_prefix('#')
                .and_then(|p| self.spec.pointer(&percent_decoded(p)))
            {
                Some(target) => value = target,
                None => break,
            }
        }
        value
    }

    /// The request body's media types and their (resolved) schemas.
    fn media(&self) -> Vec<(&'s str, Option<&'s Value>)> {
        let Some(body) = self.node.get("requestBody").map(|b| self.resolve(b)) else {
            return Vec::new();
        };
        let Some(content) = body.get("content").and_then(Value::as_object) else {
            return Vec::new();
        };
        content
            .iter()
            .map(|(media, object)| {
                let schema = object.get("schema").map(|s| self.resolve(s));
                (media.as_str(), schema)
            })
            .collect()
    }

    fn has_media(&self, wanted: &str) -> bool {
        self.media()
            .iter()
            .any(|(media, _)| media.split(';').next().is_some_and(|m| m.trim() == wanted))
    }

    /// A body media type Prism parses into an object (form, multipart, a range) whose
    /// schema is a string.
    fn string_body_prism_parses(&self) -> bool {
        self.media().iter().any(|(media, schema)| {
            let parsed = media.contains('*')
                || media.starts_with("application/x-www-form-urlencoded")
                || media.starts_with("multipart/form-data");
            parsed
                && schema.is_some_and(|s| s.get("type").and_then(Value::as_str) == Some("string"))
        })
    }

    /// Whether query parameter `name` holds an object sent exploded (`form`, the default).
    fn exploded_object_query(&self, name: &str) -> bool {
        let listed = self.node["parameters"]
            .as_array()
            .into_iter()
            .chain(self.item["parameters"].as_array())
            .flatten()
            .map(|p| self.resolve(p));
        listed
            .filter(|p| p["in"] == "query" && p["name"] == name)
            .any(|p| {
                let schema = self.resolve(&p["schema"]);
                let object = schema["type"] == "object" || schema.get("properties").is_some();
                let form = p.get("style").is_none_or(|s| s == "form");
                let exploded = p.get("explode").is_none_or(|e| e != false);
                object && form && exploded
            })
    }

    /// Whether one security requirement lists two schemes that both send `Authorization`.
    fn security_needs_two_authorizations(&self) -> bool {
        let requirements = self
            .node
            .get("security")
            .or_else(|| self.spec.get("security"))
            .and_then(Value::as_array);
        let schemes = &self.spec["components"]["securitySchemes"];
        requirements.into_iter().flatten().any(|requirement| {
            let authorizing = requirement
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(name, _)| {
                    let scheme = self.resolve(&schemes[name.as_str()]);
                    matches!(
                        scheme["type"].as_str(),
                        Some("http" | "oauth2" | "openIdConnect")
                    )
                })
                .count();
            authorizing >= 2
        })
    }
}

/// A JSON pointer from a URI fragment: `%7B` back to `{` (RFC 6901 §6).
fn percent_decoded(pointer: &str) -> String {
    let bytes = pointer.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
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
    use serde_json::json;

    fn plan(method: &str, path: &str) -> OperationPlan {
        OperationPlan {
            operation: 0,
            operation_id: "op".into(),
            method: method.into(),
            path: path.into(),
            test_name: "smoke_op".into(),
            args: Vec::new(),
            optional_body: None,
            credentials: Vec::new(),
        }
    }

    #[test]
    fn each_known_limitation_is_recognized_on_its_facts_only() {
        let spec = json!({
            "paths": {
                "/calls": {"get": {
                    "parameters": [
                        {"in": "query", "name": "filter[tag]", "schema": {"type": "string"}},
                        {"in": "query", "name": "json", "schema": {"$ref": "#/components/schemas/Message"}},
                        {"in": "query", "name": "text", "schema": {"type": "string"}}
                    ],
                    "security": [{"basic": [], "token": []}]
                }},
                "/templates?desc=upload": {"post": {}},
                "/uploads": {"post": {"requestBody": {"$ref": "#/components/requestBodies/Upload"}}},
                "/forms": {"post": {"requestBody": {"content": {
                    "application/x-www-form-urlencoded": {"schema": {"type": "string"}}}}}}
            },
            "components": {
                "schemas": {"Message": {"type": "object", "properties": {"data": {"type": "string"}}}},
                "requestBodies": {"Upload": {"content": {"multipart/form-data": {"schema": {"type": "object"}}}}},
                "securitySchemes": {
                    "basic": {"type": "http", "scheme": "basic"},
                    "token": {"type": "oauth2", "flows": {}}
                }
            }
        });
        let calls = plan("get", "/calls");
        let is_limit = |plan: &OperationPlan, body: Option<&Value>, violation: &str| {
            limitation(&spec, plan, body, violation).is_some()
        };
        assert!(is_limit(
            &calls,
            None,
            "Request query must have required property 'filter%5btag%5d' at [\"query\"]"
        ));
        assert!(is_limit(
            &calls,
            None,
            "Request query must have required property 'json' at [\"query\"]"
        ));
        assert!(!is_limit(
            &calls,
            None,
            "Request query must have required property 'text' at [\"query\"]"
        ));
        assert!(is_limit(
            &calls,
            None,
            "\"Invalid security scheme used\" at [\"request\"]"
        ));
        assert!(is_limit(
            &calls,
            None,
            "Request header parameter accept must be equal to one of the allowed values"
        ));
        assert!(!is_limit(
            &calls,
            None,
            "Request header parameter x-trace must be string"
        ));
        assert!(is_limit(
            &plan("post", "/templates?desc=upload"),
            None,
            "415 Unsupported Media Type"
        ));
        let uploads = plan("post", "/uploads");
        let one = json!({"files": ["a"], "meta": {"a": 1}});
        assert!(is_limit(
            &uploads,
            Some(&one),
            "Request body property files must be array"
        ));
        assert!(is_limit(
            &uploads,
            Some(&one),
            "Request body property meta must be object"
        ));
        let two = json!({"files": ["a", "b"]});
        assert!(!is_limit(
            &uploads,
            Some(&two),
            "Request body property files must be array"
        ));
        let braced = json!({"file {}": "smoke"});
        let missing = "Request body must have required property 'file {}'";
        assert!(is_limit(&uploads, Some(&braced), missing));
        assert!(!is_limit(&uploads, Some(&json!({})), missing));
        assert!(is_limit(
            &plan("post", "/forms"),
            None,
            "Request body must be string"
        ));
        assert!(!is_limit(&uploads, None, "Request body must be string"));
    }
}
