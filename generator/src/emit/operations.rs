//! Emits the operations module: per operation a request builder, its error enum, and the
//! `Client` method, in one file per tag.

use super::docs::{doc_attrs, inner_doc_attrs, paragraphs};
use super::types::{ident, type_tokens};
use crate::ir::{
    Api, MediaKind, Operation, Pagination, Param, ParamLocation, PathPart, PropertyEncoding,
    QueryStyle, Response, ResponseBody, StatusMatch, TypeRef,
};
use crate::naming::{join_type_name, value_name};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// Module docs of the operations module (`operations.rs` or `operations/mod.rs`).
const MODULE_DOCS: &str =
    "One request builder per operation, with the `Client` methods that start them.

Every builder can be awaited directly (`client.op(..).await`) or sent with `.send()`
after optional parameters are set.";

/// Operations that share a file: one per tag (the operation's first), when the API has tags.
pub struct OperationFile<'a> {
    /// Path in the crate.
    pub path: String,
    /// Module name under `operations`, or `None` when everything is in `operations.rs`.
    pub module: Option<String>,
    pub operations: Vec<&'a Operation>,
}

/// Splits the operations by first tag into `src/operations/<tag>.rs` (a single
/// `src/operations.rs` when there is at most one tag), so each file stays a readable size
/// and the files can be generated and formatted in parallel.
pub fn operation_files(api: &Api) -> Vec<OperationFile<'_>> {
    let mut by_tag: BTreeMap<String, Vec<&Operation>> = BTreeMap::new();
    for op in &api.operations {
        let tag = op.tags.first().map_or("untagged", String::as_str);
        by_tag.entry(module_name(tag)).or_default().push(op);
    }
    if by_tag.len() <= 1 {
        return vec![OperationFile {
            path: "src/operations.rs".into(),
            module: None,
            operations: api.operations.iter().collect(),
        }];
    }
    by_tag
        .into_iter()
        .map(|(module, operations)| OperationFile {
            path: format!("src/operations/{module}.rs"),
            module: Some(module),
            operations,
        })
        .collect()
}

/// A module (and file) name for a tag: snake_case, at most 64 characters (a file name has
/// 255 bytes at most), never a keyword (`type` becomes `type_`) nor a file name Windows
/// reserves (`con` becomes `con_`). Tags alike in their first 64 characters share a module.
fn module_name(tag: &str) -> String {
    const MAX_LEN: usize = 64;
    let mut name = value_name(tag);
    if name.len() > MAX_LEN {
        // `value_name` is ASCII, so any byte index is a character boundary.
        name.truncate(MAX_LEN);
        name = value_name(&name);
    }
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None if crate::output_dir::reserved_on_windows(&name) => format!("{name}_"),
        None => name,
    }
}

/// `operations/mod.rs`: the module docs and one private module per tag, re-exported, so every
/// operation type is `crate::operations::<Name>` whatever file it lives in.
pub fn emit_operations_index(
    files: &[OperationFile],
    features: Option<&super::features::TagFeatures>,
) -> TokenStream {
    let docs = inner_doc_attrs(Some(MODULE_DOCS));
    let modules = files
        .iter()
        .filter_map(|file| file.module.as_deref())
        .map(|module| {
            let name = format_ident!("{}", module);
            let cfg = features.map(|f| f.module_cfg(module));
            quote!(#cfg mod #name; #cfg pub use #name::*;)
        });
    quote! {
        #docs
        #(#modules)*
    }
}

/// One file of operations, in pieces (the header with the `Client` methods, then each
/// operation's items); `module` is set for a per-tag file (whose docs name the tag).
pub fn emit_operation_file(api: &Api, file: &OperationFile) -> Vec<TokenStream> {
    let tag = file.operations.first().and_then(|op| op.tags.first());
    let docs = match (&file.module, tag) {
        (None, _) => MODULE_DOCS.to_owned(),
        (Some(_), Some(tag)) => format!("Operations tagged `{}`.", tag.replace('`', "'")),
        (Some(_), None) => "Operations the API description does not tag.".to_owned(),
    };
    let docs = inner_doc_attrs(Some(&docs));

    let (methods, items): (Vec<_>, Vec<_>) = file
        .operations
        .iter()
        .map(|op| {
            let emitted = emit_operation(api, op);
            (emitted.method, emitted.items)
        })
        .unzip();
    // One `impl Client` per file, first: the entry points, then what they return. (One block
    // per operation would also cost the compiler an overlap check between every pair.)
    let header = quote! {
        #docs
        #![allow(
            clippy::large_enum_variant,
            clippy::result_large_err,
            reason = "errors hold the bodies and headers the API documents"
        )]
        #![allow(clippy::type_complexity, reason = "response types nest as deeply as the API's schemas")]

        impl crate::Client {
            #(#methods)*
        }
    };
    std::iter::once(header).chain(items).collect()
}

/// What a successful call returns.
enum Success<'a> {
    /// No documented body: `()`.
    Unit,
    /// Every success status has the same body type.
    Single(&'a ResponseBody),
    /// Different bodies per status: an enum `<Prefix>Response`.
    PerStatus(Vec<&'a Response>),
}

fn success_responses(op: &Operation) -> (Vec<&Response>, bool) {
    let successes: Vec<&Response> = op.responses.iter().filter(|r| r.is_success()).collect();
    if successes.is_empty() {
        // Specs that document only `default` describe their success there.
        if let Some(default) = op
            .responses
            .iter()
            .find(|r| r.status == StatusMatch::Default)
        {
            return (vec![default], true);
        }
    }
    (successes, false)
}

fn classify<'a>(successes: &[&'a Response]) -> Success<'a> {
    let bodies: Vec<Option<&ResponseBody>> = successes.iter().map(|r| r.body.as_ref()).collect();
    if bodies.iter().all(Option::is_none) {
        return Success::Unit;
    }
    let first = bodies[0];
    let same = bodies.iter().all(|b| match (b, first) {
        (Some(b), Some(f)) => b.ty == f.ty && b.media == f.media,
        _ => false,
    });
    match (same, first) {
        (true, Some(body)) => Success::Single(body),
        _ => Success::PerStatus(successes.to_vec()),
    }
}

fn body_type(api: &Api, body: &ResponseBody) -> TokenStream {
    match body.media {
        MediaKind::Json | MediaKind::Form | MediaKind::Multipart => type_tokens(api, &body.ty),
        MediaKind::Text => quote!(::std::string::String),
        MediaKind::Bytes => quote!(::std::vec::Vec<u8>),
    }
}

/// Expression decoding `response` into `body`'s type (an `Err(Error)` on failure, via `?`).
fn decode_expr(body: &ResponseBody) -> TokenStream {
    match body.media {
        MediaKind::Json | MediaKind::Form | MediaKind::Multipart => quote!(response.json()?),
        MediaKind::Text => quote!(response.text()),
        MediaKind::Bytes => quote!(response.body.clone()),
    }
}

/// The `&[(name, FieldEncoding)]` literal of a body's `encoding` map.
pub(super) fn encodings_literal(encoding: &[PropertyEncoding]) -> TokenStream {
    let entries = encoding.iter().map(|entry| {
        let name = &entry.property;
        let value = field_encoding(entry);
        quote!((#name, #value))
    });
    quote!(&[#(#entries),*])
}

/// One `crate::wire::FieldEncoding` value.
pub(super) fn field_encoding(entry: &PropertyEncoding) -> TokenStream {
    let default = entry.style == QueryStyle::Form
        && entry.explode
        && !entry.json
        && entry.content_type.is_none();
    if default {
        return quote!(crate::wire::FieldEncoding::DEFAULT);
    }
    let style = format_ident!("{}", format!("{:?}", entry.style));
    let explode = entry.explode;
    let json = entry.json;
    let content_type = match &entry.content_type {
        Some(c) => quote!(::std::option::Option::Some(#c)),
        None => quote!(::std::option::Option::None),
    };
    quote!(crate::wire::FieldEncoding {
        style: crate::wire::Style::#style,
        explode: #explode,
        json: #json,
        content_type: #content_type,
    })
}

fn status_text(status: &StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "any other status".into(),
    }
}

/// The argument type a builder takes for a parameter (`impl Into<String>` for strings).
fn arg_type(api: &Api, ty: &TypeRef) -> (TokenStream, bool) {
    if *ty == TypeRef::String {
        (
            quote!(impl ::std::convert::Into<::std::string::String>),
            true,
        )
    } else {
        (type_tokens(api, ty), false)
    }
}

/// One operation's code: its `Client` method, and the items it needs (builder, enums).
struct EmittedOperation {
    method: TokenStream,
    items: TokenStream,
}

fn emit_operation(api: &Api, op: &Operation) -> EmittedOperation {
    let prefix = &op.type_prefix;
    let builder = format_ident!("{}", prefix);
    let error_enum = ident(&join_type_name(prefix, "Error"));
    let response_enum = ident(&join_type_name(prefix, "Response"));
    let fn_name = ident(&op.fn_name);
    let (successes, default_is_success) = success_responses(op);
    let success = classify(&successes);
    let success_ty = match &success {
        Success::Unit => quote!(()),
        Success::Single(body) => body_type(api, body),
        Success::PerStatus(_) => quote!(#response_enum),
    };
    let errors: Vec<&Response> = op
        .responses
        .iter()
        .filter(|r| !(r.is_success() || default_is_success && r.status == StatusMatch::Default))
        .collect();

    // Builder fields, constructor arguments and setters.
    let mut fields = Vec::new();
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    for param in &op.params {
        let name = ident(&param.rust_name);
        let ty = type_tokens(api, &param.ty);
        if param.required {
            let (arg_ty, convert) = arg_type(api, &param.ty);
            fields.push(quote!(#name: #ty,));
            args.push(quote!(#name: #arg_ty));
            inits.push(if convert {
                quote!(#name: #name.into())
            } else {
                quote!(#name)
            });
        } else {
            fields.push(quote!(#name: ::std::option::Option<#ty>,));
            inits.push(quote!(#name: ::std::option::Option::None));
            let docs = doc_attrs(param.docs.as_deref());
            let (arg_ty, convert) = arg_type(api, &param.ty);
            let value = if convert {
                quote!(value.into())
            } else {
                quote!(value)
            };
            setters.push(quote! {
                #docs
                pub fn #name(mut self, value: #arg_ty) -> Self {
                    self.#name = ::std::option::Option::Some(#value);
                    self
                }
            });
        }
    }
    if let Some(body) = &op.body {
        let ty = match body.media {
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart => type_tokens(api, &body.ty),
            MediaKind::Text => quote!(::std::string::String),
            MediaKind::Bytes => quote!(::std::vec::Vec<u8>),
        };
        if body.required {
            fields.push(quote!(body: #ty,));
            args.push(quote!(body: #ty));
            inits.push(quote!(body));
        } else {
            fields.push(quote!(body: ::std::option::Option<#ty>,));
            inits.push(quote!(body: ::std::option::Option::None));
            let docs = doc_attrs(body.docs.as_deref().or(Some("The request body.")));
            setters.push(quote! {
                #docs
                pub fn body(mut self, body: #ty) -> Self {
                    self.body = ::std::option::Option::Some(body);
                    self
                }
            });
        }
    }

    let path_expr = path_expression(op);
    let method = format_ident!("{}", op.method);
    let schemes = op
        .auth
        .iter()
        .map(|i| format_ident!("{}", api.auth[*i].variant_name));
    let param_statements = op.params.iter().filter_map(param_statement);
    let body_statement = op.body.as_ref().map(|body| {
        let content_type = &body.content_type;
        let encode = match body.media {
            MediaKind::Json => quote!(request.json(#content_type, body);),
            MediaKind::Form => {
                let encodings = encodings_literal(&body.encoding);
                quote!(request.form(#content_type, body, #encodings);)
            }
            MediaKind::Multipart => super::multipart::encode_statement(api, body),
            MediaKind::Text => quote!(request.body = ::std::option::Option::Some((#content_type, body.clone().into_bytes()));),
            MediaKind::Bytes => quote!(request.body = ::std::option::Option::Some((#content_type, body.clone()));),
        };
        if body.required {
            quote! { let body = &self.body; #encode }
        } else {
            quote! { if let ::std::option::Option::Some(body) = &self.body { #encode } }
        }
    });

    // Status dispatch: exact codes first, then ranges, then `default`.
    let mut arms: Vec<(StatusMatch, TokenStream)> = Vec::new();
    for response in &successes {
        let status = if default_is_success {
            StatusMatch::Range(2)
        } else {
            response.status.clone()
        };
        let expr = match (&success, &response.body) {
            (Success::Unit, _) => quote!(::std::result::Result::Ok(())),
            (Success::Single(body), _) => {
                let decode = decode_expr(body);
                quote!(::std::result::Result::Ok(#decode))
            }
            (Success::PerStatus(_), body) => {
                let variant = ident(&response.variant_name);
                match body {
                    Some(body) => {
                        let decode = decode_expr(body);
                        quote!(::std::result::Result::Ok(#response_enum::#variant(#decode)))
                    }
                    None => quote!(::std::result::Result::Ok(#response_enum::#variant)),
                }
            }
        };
        arms.push((status, expr));
    }
    for response in &errors {
        let variant = ident(&response.variant_name);
        let wrap = match response.body.as_ref().map(|b| b.media) {
            Some(MediaKind::Json | MediaKind::Form | MediaKind::Multipart) => quote!(json_error),
            Some(MediaKind::Bytes) => quote!(bytes_error),
            Some(MediaKind::Text) | None => quote!(text_error),
        };
        arms.push((
            response.status.clone(),
            quote!(response.#wrap(#error_enum::#variant)),
        ));
    }
    let dispatch = super::status::dispatch(arms);

    let error_variants = errors.iter().map(|response| {
        let variant = ident(&response.variant_name);
        let ty = match &response.body {
            Some(body) => body_type(api, body),
            None => quote!(::std::string::String),
        };
        let what = if response.body.is_some() {
            "its decoded body"
        } else {
            "the raw body text"
        };
        let docs = doc_attrs(
            paragraphs([
                response.description.as_deref(),
                Some(&format!(
                    "Status {}; holds {what}.",
                    status_text(&response.status)
                )),
            ])
            .as_deref(),
        );
        quote!(#docs #variant(#ty),)
    });
    let response_enum_item = match &success {
        Success::PerStatus(list) => {
            let variants = list.iter().map(|response| {
                let variant = ident(&response.variant_name);
                let docs = doc_attrs(
                    paragraphs([
                        response.description.as_deref(),
                        Some(&format!("Status {}.", status_text(&response.status))),
                    ])
                    .as_deref(),
                );
                match &response.body {
                    Some(body) => {
                        let ty = body_type(api, body);
                        quote!(#docs #variant(#ty),)
                    }
                    None => quote!(#docs #variant,),
                }
            });
            let doc = format!(
                " The successful responses of [`crate::Client::{}`].",
                op.fn_name.trim_start_matches("r#")
            );
            Some(quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq)]
                #[non_exhaustive]
                pub enum #response_enum { #(#variants)* }
            })
        }
        _ => None,
    };

    let method_docs = doc_attrs(operation_docs(op).as_deref());
    let outcome_docs = outcome_docs(api, op, &success, &errors);
    let builder_doc = format!(
        " Request builder for [`crate::Client::{}`]: set optional parameters, then `.await` it or call `send`.",
        op.fn_name.trim_start_matches("r#")
    );
    let error_doc = format!(
        " The documented error responses of [`crate::Client::{}`].",
        op.fn_name.trim_start_matches("r#")
    );
    let operation_id = &op.operation_id;
    let path_template = &op.path;
    let too_many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let method_name = op.method.as_str();
    let accept = op
        .accept
        .as_deref()
        .map(|types| quote!(request.header("accept", &#types);));
    // Only a `GET` (or an operation configured with its next-page value) is sent again for
    // another page: the others get no `pages()`.
    let paginated = (op.method.eq_ignore_ascii_case("get") || op.pagination.is_some()).then(|| {
        let next_page = next_page_fn(op, &success_ty);
        quote!(crate::request_builder::paginated!(#builder, #success_ty, #error_enum #next_page);)
    });
    let items = quote! {
        #[doc = #builder_doc]
        #[must_use = "a request does nothing until it is awaited or sent"]
        #[derive(Clone)]
        pub struct #builder<'a> {
            client: &'a crate::Client,
            #(#fields)*
            options: crate::request_builder::RequestOptions,
        }

        impl<'a> #builder<'a> {
            #(#setters)*

            fn into_request(self) -> (&'a crate::Client, crate::client::Request) {
                let operation = crate::Operation {
                    id: #operation_id,
                    method: #method_name,
                    path: #path_template,
                };
                let mut request = crate::client::Request::new(
                    operation,
                    ::reqwest::Method::#method,
                    #path_expr,
                    &[#(crate::auth::Scheme::#schemes),*],
                );
                #accept
                #(#param_statements)*
                #body_statement
                request.options(self.options);
                (self.client, request)
            }

            fn decode(response: crate::client::RawResponse) -> ::std::result::Result<#success_ty, crate::Error<#error_enum>> {
                #dispatch
            }
        }

        crate::request_builder::request_builder!(#builder, #success_ty, #error_enum);
        #paginated

        #[doc = #error_doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #error_enum {
            #(#error_variants)*
        }

        #response_enum_item
    };
    let method = quote! {
        #method_docs
        #(#[doc = #outcome_docs])*
        #too_many
        pub fn #fn_name(&self, #(#args),*) -> #builder<'_> {
            #builder {
                client: self,
                #(#inits,)*
                options: ::std::default::Default::default(),
            }
        }
    };
    EmittedOperation { items, method }
}

/// The `NextPage` a body-paginated operation's `pages()` uses (after a comma, as the
/// `paginated!` macro's fourth argument); nothing for the others, which follow `Link`.
fn next_page_fn(op: &Operation, success_ty: &TokenStream) -> Option<TokenStream> {
    let Some(Pagination::Body { query, path }) = &op.pagination else {
        return None;
    };
    let steps = path.iter().map(|step| {
        let field = ident(&step.rust_name);
        if step.optional {
            quote!(let value = value.#field.as_ref()?;)
        } else {
            quote!(let value = &value.#field;)
        }
    });
    Some(quote! {
        , ::std::boxed::Box::new(|response: &crate::Response<#success_ty>| {
            let value = &response.body;
            #(#steps)*
            crate::pagination::page_query(#query, value)
        })
    })
}

/// ` - [`Client::name`] — summary`: one operation in the crate page's list.
pub(super) fn summary_line(op: &Operation) -> String {
    let summary = op
        .summary
        .as_deref()
        .or(op.description.as_deref())
        .and_then(|text| super::docs::sanitize(text).into_iter().next())
        .unwrap_or_else(|| format!(" `{} {}`", op.method, op.path.replace('`', "'")));
    let link = match op.fn_name.strip_prefix("r#") {
        Some(raw) => format!("[`Client::{raw}`](Client::{})", op.fn_name),
        None => format!("[`Client::{}`]", op.fn_name),
    };
    format!(" - {link} —{summary}")
}

/// What a call returns and how it fails, as doc lines (our own text: links stay links).
fn outcome_docs(api: &Api, op: &Operation, success: &Success, errors: &[&Response]) -> Vec<String> {
    let returns = match success {
        Success::Unit => "`()`".to_owned(),
        Success::Single(body) => format!("`{}`", body_display(api, body)),
        Success::PerStatus(_) => format!(
            "[`{}`], one variant per success status",
            join_type_name(&op.type_prefix, "Response")
        ),
    };
    let mut lines = vec![
        String::new(),
        format!(" **Returns** {returns} when awaited; `.send_with_response()` adds the status and headers."),
    ];
    let paginated = match &op.pagination {
        Some(Pagination::LinkHeader) => {
            Some("the response's `Link` header points to the next page".to_owned())
        }
        Some(Pagination::Body { query, .. }) => Some(format!(
            "the body says the next page, sent back as the `{query}` query parameter"
        )),
        None => None,
    };
    if let Some(how) = paginated {
        lines.extend([
            String::new(),
            format!(" **Paginated**: {how}; `.pages()` follows it."),
        ]);
    }
    let documented: Vec<String> = errors
        .iter()
        .map(|r| format!("{} (`{}`)", status_text(&r.status), r.variant_name))
        .collect();
    lines.push(String::new());
    if documented.is_empty() {
        lines.push(" **Errors**: the API documents none; every failure is another [`crate::Error`] variant.".to_owned());
    } else {
        lines.push(format!(
            " **Errors**: [`crate::Error::Api`] with [`{}`] for {}; other [`crate::Error`] variants for anything else.",
            join_type_name(&op.type_prefix, "Error"),
            documented.join(", ")
        ));
    }
    lines
}

/// A body type as a reader would write it (`Vec<Pet>`), for docs.
fn body_display(api: &Api, body: &ResponseBody) -> String {
    match body.media {
        MediaKind::Json | MediaKind::Form | MediaKind::Multipart => {
            super::types::type_display(api, &body.ty)
        }
        MediaKind::Text => "String".to_owned(),
        MediaKind::Bytes => "Vec<u8>".to_owned(),
    }
}

/// Summary, description, and the HTTP call it makes.
fn operation_docs(op: &Operation) -> Option<String> {
    let call = format!("`{} {}`", op.method, op.path.replace('`', "'"));
    let sends = format!(
        "Sends {call} (operation `{}`).",
        op.operation_id.replace('`', "'")
    );
    let deprecated = op.deprecated.then_some("Deprecated.");
    paragraphs([
        op.summary.as_deref(),
        op.description.as_deref(),
        deprecated,
        Some(&sends),
    ])
}

/// The path with parameters rendered and percent-encoded.
fn path_expression(op: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut values = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathPart::Param(index) => {
                template.push_str("{}");
                let name = ident(&op.params[*index].rust_name);
                let param = &op.params[*index];
                values.push(match param.style {
                    QueryStyle::Matrix | QueryStyle::Label => {
                        let wire = &param.wire_name;
                        let style = format_ident!("{}", format!("{:?}", param.style));
                        let explode = param.explode;
                        quote!(crate::client::path_param_styled(#wire, &self.#name, crate::wire::Style::#style, #explode))
                    }
                    _ => quote!(crate::client::path_param(&self.#name)),
                });
            }
        }
    }
    if values.is_empty() {
        quote!(::std::string::String::from(#template))
    } else {
        quote!(format!(#template, #(#values),*))
    }
}

/// The statement adding one parameter to the request (path parameters are in the path);
/// an unset optional parameter serializes to null, which adds nothing.
fn param_statement(param: &Param) -> Option<TokenStream> {
    let name = ident(&param.rust_name);
    let wire = &param.wire_name;
    let value = quote!(&self.#name);
    match param.location {
        ParamLocation::Path => None,
        ParamLocation::Query if param.style == QueryStyle::Form && param.explode => {
            Some(quote!(request.query(#wire, #value);))
        }
        ParamLocation::Query => {
            let explode = param.explode;
            let style = format_ident!("{}", format!("{:?}", param.style));
            Some(quote!(request.query_styled(#wire, #value, crate::wire::Style::#style, #explode);))
        }
        ParamLocation::Header => Some(quote!(request.header(#wire, #value);)),
        ParamLocation::Cookie => Some(quote!(request.cookie(#wire, #value);)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tag_modules_are_never_keywords_or_names_windows_reserves() {
        assert_eq!(super::module_name("type"), "type_");
        assert_eq!(super::module_name("CON"), "con_");
        assert_eq!(super::module_name("Users"), "users");
    }

    #[test]
    fn a_long_tag_gets_a_module_name_a_file_system_accepts() {
        let name = super::module_name(&"a".repeat(5000));
        assert_eq!(name, "a".repeat(64));
        // A cut that ends on a separator leaves none behind.
        let name = super::module_name(&format!("{} tail", "b".repeat(63)));
        assert_eq!(name, "b".repeat(63));
    }
}
