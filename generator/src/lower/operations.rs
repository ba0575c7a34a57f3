//! Lowers paths and operations: names, parameters, bodies, responses and their auth.

use super::Lowerer;
use crate::components;
use crate::error::pointer_segment;
use crate::ir::{
    self, AuthScheme, MediaKind, Operation, Param, ParamLocation, PathPart, PropertyEncoding,
    RequestBody, Response, ResponseBody, StatusMatch, TypeRef,
};
use crate::naming::{join_type_name, type_name, value_name, Scope, CONVENTIONAL_METHOD_NAMES};
use crate::runtime;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr,
    SecurityRequirement,
};
use std::collections::BTreeSet;

/// The description of the success an operation that documents no response is given.
const UNDOCUMENTED_RESPONSE: &str = "Not documented (the operation lists no responses).";

/// Names an operation's request builder already uses for its own fields and methods.
pub(crate) const BUILDER_LOCALS: &[&str] = &[
    "client",
    "options",
    "retry",
    "body",
    "send",
    "send_with_response",
    "send_streaming",
    "pages",
    "pages_with",
    "with_page_query",
    "send_page",
    "into_future",
    "into_request",
    "decode",
    "new",
    "timeout",
    "header",
    "query",
];

impl<'a> Lowerer<'a> {
    pub(super) fn lower_operations(&mut self, auth: &[AuthScheme]) -> Vec<Operation> {
        let client_methods: Vec<&str> = runtime::reserved()
            .client_methods
            .iter()
            .map(String::as_str)
            .chain(CONVENTIONAL_METHOD_NAMES.iter().copied())
            .collect();
        let mut fn_scope = Scope::with_reserved(&client_methods);
        let mut type_scope = Scope::default();
        let mut operations = Vec::new();
        let doc = self.doc;
        for (path, item) in &doc.paths.paths {
            let item_pointer = format!("/paths/{}", pointer_segment(path));
            let ReferenceOr::Item(item) = item else {
                self.warn(
                    &item_pointer,
                    "path items given by $ref are not supported; skipped",
                );
                continue;
            };
            for (method, op) in methods(item) {
                let pointer = format!("{item_pointer}/{method}");
                let operation_id = op
                    .operation_id
                    .clone()
                    .filter(|id| !id.trim().is_empty())
                    .unwrap_or_else(|| derived_operation_id(method, path));
                let fn_name = fn_scope.claim(&value_name(&operation_id));
                let type_prefix = claim_prefix(&mut type_scope, &type_name(&fn_name));
                let params = self.lower_params(item, op, &type_prefix, &pointer);
                let (path_parts, params) = self.parse_path(path, params, &pointer);
                let body = self.lower_body(op, &type_prefix, &pointer);
                let responses = self.lower_responses(op, &type_prefix, &pointer);
                let requirements = op.security.as_ref().or(doc.security.as_ref());
                operations.push(Operation {
                    operation_id,
                    fn_name,
                    type_prefix,
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    path_parts,
                    summary: op.summary.clone(),
                    description: op.description.clone(),
                    tags: op.tags.clone(),
                    deprecated: op.deprecated,
                    params,
                    body,
                    responses,
                    auth: auth_indices(auth, requirements),
                    pagination: documents_link_header(self.doc, op)
                        .then_some(ir::Pagination::LinkHeader),
                    accept: accepted_media(self.doc, op),
                });
            }
        }
        operations
    }

    fn lower_params(
        &mut self,
        item: &'a PathItem,
        op: &'a openapiv3::Operation,
        prefix: &str,
        pointer: &str,
    ) -> Vec<Param> {
        // Operation parameters override path-level ones with the same name and location.
        let mut merged: Vec<(&Parameter, String)> = Vec::new();
        let levels = [
            (
                &item.parameters,
                pointer
                    .rsplit_once('/')
                    .map_or(pointer, |(p, _)| p)
                    .to_owned(),
            ),
            (&op.parameters, pointer.to_owned()),
        ];
        for (list, base) in levels {
            for (index, param) in list.iter().enumerate() {
                let at = format!("{base}/parameters/{index}");
                let Some(param) = self.resolve_parameter(param, &at) else {
                    continue;
                };
                let key = (param.parameter_data_ref().name.clone(), location(param));
                merged.retain(|(p, _)| (p.parameter_data_ref().name.clone(), location(p)) != key);
                merged.push((param, at));
            }
        }
        let mut scope = Scope::with_reserved(BUILDER_LOCALS);
        let mut params = Vec::new();
        for (param, at) in merged {
            let data = param.parameter_data_ref();
            let location = location(param);
            let hint = join_type_name(prefix, &type_name(&data.name));
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    self.lower_schema_ref(schema, &hint, &format!("{at}/schema"))
                }
                ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                    Some((
                        media,
                        MediaType {
                            schema: Some(schema),
                            ..
                        },
                    )) => self.lower_schema_ref(
                        schema,
                        &hint,
                        &format!("{at}/content/{}/schema", pointer_segment(media)),
                    ),
                    _ => TypeRef::String,
                },
            };
            let explode = match param {
                Parameter::Query { style, .. } => {
                    data.explode.unwrap_or(matches!(style, QueryStyle::Form))
                }
                _ => data.explode.unwrap_or(false),
            };
            let style = match param {
                Parameter::Query { style, .. } => query_style(style),
                Parameter::Path {
                    style: PathStyle::Matrix,
                    ..
                } => ir::QueryStyle::Matrix,
                Parameter::Path {
                    style: PathStyle::Label,
                    ..
                } => ir::QueryStyle::Label,
                _ => ir::QueryStyle::Form,
            };
            params.push(Param {
                wire_name: data.name.clone(),
                rust_name: scope.claim(&param_name(&data.name)),
                location,
                ty,
                required: data.required || location == ParamLocation::Path,
                docs: data.description.clone(),
                explode,
                style,
            });
        }
        params
    }

    fn resolve_parameter(
        &mut self,
        param: &'a ReferenceOr<Parameter>,
        pointer: &str,
    ) -> Option<&'a Parameter> {
        let found = components::resolve(self.doc, param);
        if let (None, ReferenceOr::Reference { reference }) = (found, param) {
            self.error(
                pointer,
                format!("parameter reference {reference:?} does not resolve"),
            );
        }
        found
    }

    /// Splits the path template; every `{name}` must be a path parameter (one is made up if not).
    fn parse_path(
        &mut self,
        path: &str,
        mut params: Vec<Param>,
        pointer: &str,
    ) -> (Vec<PathPart>, Vec<Param>) {
        let mut parts = Vec::new();
        let mut used = BTreeSet::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| c + open) else {
                break;
            };
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            let index = match params
                .iter()
                .position(|p| p.location == ParamLocation::Path && p.wire_name == name)
            {
                Some(index) => index,
                None => {
                    self.warn(pointer, format!("path template names {{{name}}} but no path parameter declares it; it is taken as a string"));
                    let taken: Vec<&str> = params.iter().map(|p| p.rust_name.as_str()).collect();
                    let mut scope = Scope::with_reserved(&[BUILDER_LOCALS, &taken].concat());
                    params.push(Param {
                        wire_name: name.to_owned(),
                        rust_name: scope.claim(&value_name(name)),
                        location: ParamLocation::Path,
                        ty: TypeRef::String,
                        required: true,
                        docs: None,
                        explode: false,
                        style: ir::QueryStyle::Form,
                    });
                    params.len() - 1
                }
            };
            used.insert(index);
            parts.push(PathPart::Param(index));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        // Path parameters the template never mentions cannot be sent; drop them.
        let unused: Vec<usize> = (0..params.len())
            .filter(|i| params[*i].location == ParamLocation::Path && !used.contains(i))
            .collect();
        for index in unused.iter().rev() {
            let name = params[*index].wire_name.clone();
            self.warn(
                pointer,
                format!("path parameter {name:?} does not appear in the path template; ignored"),
            );
            params.remove(*index);
            for part in &mut parts {
                if let PathPart::Param(i) = part {
                    if *i > *index {
                        *i -= 1;
                    }
                }
            }
        }
        (parts, params)
    }

    fn lower_body(
        &mut self,
        op: &'a openapiv3::Operation,
        prefix: &str,
        pointer: &str,
    ) -> Option<RequestBody> {
        let at = format!("{pointer}/requestBody");
        let reference = op.request_body.as_ref()?;
        let Some(body) = components::resolve(self.doc, reference) else {
            self.error(
                &at,
                format!(
                    "request body reference {} does not resolve",
                    describe(reference)
                ),
            );
            return None;
        };
        let (content_type, media) = pick_media(&body.content)?;
        let kind = media_kind(content_type);
        let media_pointer = format!("{at}/content/{}/schema", pointer_segment(content_type));
        let ty = self.media_type_ref(kind, media, &join_type_name(prefix, "Body"), &media_pointer);
        let encoding = match kind {
            MediaKind::Form | MediaKind::Multipart => property_encodings(media),
            _ => Vec::new(),
        };
        Some(RequestBody {
            ty,
            media: kind,
            content_type: sent_content_type(content_type, kind),
            required: body.required,
            docs: body.description.clone(),
            encoding,
        })
    }

    fn media_type_ref(
        &mut self,
        kind: MediaKind,
        media: &MediaType,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match kind {
            MediaKind::Text => TypeRef::String,
            MediaKind::Bytes => TypeRef::Bytes,
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart => match &media.schema {
                Some(schema) => self.lower_schema_ref(schema, hint, pointer),
                None => TypeRef::Any,
            },
        }
    }

    fn lower_responses(
        &mut self,
        op: &'a openapiv3::Operation,
        prefix: &str,
        pointer: &str,
    ) -> Vec<Response> {
        let mut list: Vec<(StatusMatch, &ReferenceOr<openapiv3::Response>, String)> = op
            .responses
            .responses
            .iter()
            .map(|(code, response)| {
                let status = StatusMatch::from(code);
                (status, response, format!("{pointer}/responses/{code}"))
            })
            .collect();
        if let Some(default) = &op.responses.default {
            list.push((
                StatusMatch::Default,
                default,
                format!("{pointer}/responses/default"),
            ));
        }
        list.sort_by(|a, b| a.0.cmp(&b.0));
        let list_was_empty = list.is_empty();
        let mut scope = Scope::default();
        let mut responses = Vec::new();
        for (status, response, at) in list {
            let Some(response) = components::resolve(self.doc, response) else {
                self.error(
                    &at,
                    format!("response reference {} does not resolve", describe(response)),
                );
                continue;
            };
            let variant_name = scope.claim(&status_variant_name(&status));
            let bodiless = match status {
                StatusMatch::Code(code @ (204 | 205 | 304)) => Some(code),
                _ => None,
            };
            if let Some(status) = bodiless.filter(|_| !response.content.is_empty()) {
                self.warn(
                    &format!("{at}/content"),
                    format!(
                        "a {status} response never has content (RFC 9110), so its documented body is ignored"
                    ),
                );
            }
            let content = pick_media(&response.content).filter(|_| bodiless.is_none());
            let body = content.map(|(content_type, media)| {
                let kind = response_kind(media_kind(content_type));
                let hint = join_type_name(prefix, &format!("{variant_name}Body"));
                let media_pointer =
                    format!("{at}/content/{}/schema", pointer_segment(content_type));
                ResponseBody {
                    ty: self.media_type_ref(kind, media, &hint, &media_pointer),
                    media: kind,
                }
            });
            responses.push(Response {
                status,
                variant_name,
                body,
                description: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
            });
        }
        // An operation that documents no response (3.1 may leave `responses` out, 3.0 specs
        // write `{}`) succeeds on any 2xx, without a body.
        if list_was_empty {
            responses.push(Response {
                status: StatusMatch::Range(2),
                variant_name: scope.claim(&status_variant_name(&StatusMatch::Range(2))),
                body: None,
                description: Some(UNDOCUMENTED_RESPONSE.into()),
            });
        }
        // The HTTP client follows redirects, so an operation that documents only a redirect
        // succeeds with whatever the redirect leads to: raw bytes, status 2xx.
        let redirects = responses
            .iter()
            .any(|r| matches!(r.status, StatusMatch::Code(301 | 302 | 303 | 307 | 308)));
        let succeeds = responses
            .iter()
            .any(|r| r.is_success() || r.status == StatusMatch::Default);
        if redirects && !succeeds {
            responses.insert(
                0,
                Response {
                    status: StatusMatch::Range(2),
                    variant_name: scope.claim("Redirected"),
                    body: Some(ResponseBody {
                        ty: TypeRef::Bytes,
                        media: MediaKind::Bytes,
                    }),
                    description: Some(
                        "What the documented redirect leads to (the client follows redirects)."
                            .into(),
                    ),
                },
            );
        }
        responses
    }
}

/// How a response in a media type is read: form and multipart bodies are not JSON, and the
/// client does not parse them (an OAuth token endpoint's `a=b&c=d` comes back as its text).
fn response_kind(kind: MediaKind) -> MediaKind {
    match kind {
        MediaKind::Form => MediaKind::Text,
        MediaKind::Multipart => MediaKind::Bytes,
        other => other,
    }
}

fn methods(item: &PathItem) -> Vec<(&'static str, &openapiv3::Operation)> {
    [
        ("get", &item.get),
        ("put", &item.put),
        ("post", &item.post),
        ("delete", &item.delete),
        ("options", &item.options),
        ("head", &item.head),
        ("patch", &item.patch),
        ("trace", &item.trace),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
    .collect()
}

/// Where a parameter is sent.
pub(crate) fn location(param: &Parameter) -> ParamLocation {
    match param {
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// A `$ref` as quoted in messages.
fn describe<T>(item: &ReferenceOr<T>) -> String {
    match item {
        ReferenceOr::Reference { reference } => format!("{reference:?}"),
        ReferenceOr::Item(_) => "(inline)".into(),
    }
}

/// The media types the client reads responses in (the one it picks for each documented
/// response), for the `Accept` header, so a server with several representations answers in
/// one the client decodes. A key that is no media range (telnyx's `*`, truora's `PDF`) asks
/// for `*/*`: its response may come in any type, and a malformed header would be refused.
fn accepted_media(doc: &openapiv3::OpenAPI, op: &openapiv3::Operation) -> Option<String> {
    let mut types: Vec<&str> = Vec::new();
    let responses = op.responses.responses.values().chain(&op.responses.default);
    for response in responses.filter_map(|r| components::resolve(doc, r)) {
        let picked = pick_media(&response.content).map(|(key, _)| media_range(key));
        if let Some(range) = picked {
            if !types.contains(&range) {
                types.push(range);
            }
        }
    }
    (!types.is_empty()).then(|| types.join(", "))
}

/// `key` when it is a media range an `Accept` header may carry (`type/subtype`, `type/*`,
/// `*/*`, parameters kept), else `*/*`.
fn media_range(key: &str) -> &str {
    let key = key.trim();
    let essence = key.split(';').next().unwrap_or("").trim();
    let token = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-*".contains(c))
    };
    match essence.split_once('/') {
        Some((kind, subtype)) if token(kind) && token(subtype) => key,
        _ => "*/*",
    }
}

/// Whether a 2xx response of `op` documents a `Link` header.
fn documents_link_header(doc: &openapiv3::OpenAPI, op: &openapiv3::Operation) -> bool {
    op.responses
        .responses
        .iter()
        .filter(|(status, _)| StatusMatch::from(*status).is_success())
        .filter_map(|(_, response)| components::resolve(doc, response))
        .any(|response| {
            response
                .headers
                .keys()
                .any(|name| name.eq_ignore_ascii_case("link"))
        })
}

/// A builder setter name for a parameter; one named like a builder method (`query`,
/// `header`, `timeout`...) becomes `query_param`.
fn param_name(wire_name: &str) -> String {
    let name = value_name(wire_name);
    if BUILDER_LOCALS.contains(&name.as_str()) {
        format!("{name}_param")
    } else {
        name
    }
}

/// A stable name for an operation without `operationId`: `get /users/{id}/tags` -> `get_users_by_id_tags`.
fn derived_operation_id(method: &str, path: &str) -> String {
    let mut name = method.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        name.push('_');
        if segment.starts_with('{') && segment.ends_with('}') {
            name.push_str("by_");
            name.push_str(segment.trim_matches(|c| c == '{' || c == '}'));
        } else {
            name.push_str(segment);
        }
    }
    name
}

/// Claims `prefix` so that `prefix`, `prefixError` and `prefixResponse` are all free.
fn claim_prefix(scope: &mut Scope, base: &str) -> String {
    let names = |p: &str| {
        vec![
            p.to_owned(),
            join_type_name(p, "Error"),
            join_type_name(p, "Response"),
        ]
    };
    let mut candidate = base.to_owned();
    let mut n = 2;
    while !scope.all_free(&names(&candidate)) {
        candidate = join_type_name(base, &n.to_string());
        n += 1;
    }
    for name in names(&candidate) {
        scope.claim(&name);
    }
    candidate
}

/// Picks the media type the client will use: JSON first, then form, text, anything.
pub(crate) fn pick_media(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&String, &MediaType)> {
    // A concrete type before a pattern (`application/json` before `application/*+json`),
    // since the chosen type is sent as `Content-Type`.
    let rank = |media: &str| {
        let kind = match media_kind(media) {
            MediaKind::Json => 0,
            MediaKind::Form => 1,
            MediaKind::Multipart => 2,
            MediaKind::Text => 3,
            MediaKind::Bytes => 4,
        };
        (kind, media.contains('*'))
    };
    content.iter().min_by_key(|(media, _)| rank(media))
}

/// The `Content-Type` a request body is sent with: its documented media type, or for a
/// range (`*/*`, `application/*+json`, `text/*`) the concrete type the body is encoded as. A
/// range names no format a server could read, so sending it as is leaves the body unreadable.
fn sent_content_type(documented: &str, kind: MediaKind) -> String {
    if !documented.contains('*') {
        return documented.to_owned();
    }
    match kind {
        MediaKind::Json => "application/json",
        MediaKind::Text => "text/plain",
        MediaKind::Form => "application/x-www-form-urlencoded",
        MediaKind::Multipart => "multipart/form-data",
        MediaKind::Bytes => "application/octet-stream",
    }
    .to_owned()
}

pub(crate) fn media_kind(content_type: &str) -> MediaKind {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || essence.ends_with("+json")
        || essence == "*/*"
        || essence == "application/*"
    {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence == "multipart/form-data" {
        MediaKind::Multipart
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Bytes
    }
}

/// The media type's `encoding` map, in document order. An entry without `style` takes the
/// default (`form`, exploded): `openapiv3` reads an absent `explode` as `false`, so `false`
/// is only believed next to an explicit style.
fn property_encodings(media: &MediaType) -> Vec<PropertyEncoding> {
    media
        .encoding
        .iter()
        .map(|(property, encoding)| {
            let (style, explode) = match &encoding.style {
                None => (ir::QueryStyle::Form, true),
                Some(style) => (query_style(style), encoding.explode),
            };
            let content_type = encoding.content_type.clone();
            PropertyEncoding {
                property: property.clone(),
                style,
                explode,
                json: content_type
                    .as_deref()
                    .is_some_and(|c| !c.contains('*') && media_kind(c) == MediaKind::Json),
                content_type,
            }
        })
        .collect()
}

fn query_style(style: &QueryStyle) -> ir::QueryStyle {
    match style {
        QueryStyle::Form => ir::QueryStyle::Form,
        QueryStyle::SpaceDelimited => ir::QueryStyle::SpaceDelimited,
        QueryStyle::PipeDelimited => ir::QueryStyle::PipeDelimited,
        QueryStyle::DeepObject => ir::QueryStyle::DeepObject,
    }
}

/// `404` -> `NotFound`; unknown codes -> `Status418`; `4XX` -> `Status4xx`.
fn status_variant_name(status: &StatusMatch) -> String {
    let code = match status {
        StatusMatch::Default => return "Default".into(),
        StatusMatch::Range(hundreds) => return format!("Status{hundreds}xx"),
        StatusMatch::Code(code) => *code,
    };
    let reason = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{code}"),
    };
    reason.to_owned()
}

/// Indices of the schemes any of the requirements names (a requirement `{}` adds none), then
/// of the generic ones, which every operation accepts.
fn auth_indices(
    auth: &[AuthScheme],
    requirements: Option<&Vec<SecurityRequirement>>,
) -> Vec<usize> {
    let names: BTreeSet<&String> = requirements
        .into_iter()
        .flatten()
        .flat_map(|r| r.keys())
        .collect();
    auth.iter()
        .enumerate()
        .filter(|(_, scheme)| scheme.generic || names.contains(&scheme.scheme_name))
        .map(|(index, _)| index)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_readable() {
        assert_eq!(
            derived_operation_id("get", "/users/{userId}/tags"),
            "get_users_by_userId_tags"
        );
        assert_eq!(derived_operation_id("post", "/"), "post");
    }

    #[test]
    fn media_kinds() {
        assert_eq!(media_kind("application/problem+json"), MediaKind::Json);
        assert_eq!(
            media_kind("application/json; charset=utf-8"),
            MediaKind::Json
        );
        assert_eq!(media_kind("text/x-markdown"), MediaKind::Text);
        assert_eq!(media_kind("application/octet-stream"), MediaKind::Bytes);
        assert_eq!(media_kind("multipart/form-data"), MediaKind::Multipart);
        assert_eq!(media_kind("multipart/mixed"), MediaKind::Bytes);
        let content: indexmap::IndexMap<String, MediaType> =
            ["application/*+json", "application/json"]
                .into_iter()
                .map(|m| (m.to_owned(), MediaType::default()))
                .collect();
        assert_eq!(pick_media(&content).unwrap().0, "application/json");
    }

    #[test]
    fn an_operation_without_responses_succeeds_on_any_2xx_in_3_0_and_3_1() {
        let info = "info: {title: t, version: '1'}";
        for spec in [
            format!("openapi: 3.0.3\n{info}\npaths: {{/a: {{get: {{responses: {{}}}}}}}}"),
            format!("openapi: 3.1.0\n{info}\npaths: {{/a: {{get: {{}}}}}}"),
        ] {
            let doc = crate::load::load("t.yaml", &spec).unwrap();
            let settings = crate::Settings::new("t");
            let api = crate::lower::lower("t.yaml", &doc, &settings).unwrap().api;
            let responses = &api.operations[0].responses;
            assert_eq!(responses.len(), 1, "{spec}");
            assert_eq!(responses[0].status, StatusMatch::Range(2));
            assert!(responses[0].body.is_none());
            assert_eq!(
                responses[0].description.as_deref(),
                Some(UNDOCUMENTED_RESPONSE)
            );
        }
    }

    #[test]
    fn status_names() {
        assert_eq!(status_variant_name(&StatusMatch::Code(404)), "NotFound");
        assert_eq!(status_variant_name(&StatusMatch::Code(499)), "Status499");
        assert_eq!(status_variant_name(&StatusMatch::Range(5)), "Status5xx");
    }
}
