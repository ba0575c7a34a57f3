//! The intermediate representation: every type and operation of one client, with all names decided.
//!
//! Emitters read this and never invent a name: each item carries its wire name (as the
//! server spells it) and its Rust identifier (unique in its scope, keyword-safe).

/// One API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub servers: Vec<Server>,
    pub auth: Vec<AuthScheme>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// Response envelopes (`{Data, Errors, ...}`) that get unwrapping helpers.
    pub envelopes: Vec<Envelope>,
}

/// A server URL, with variables already replaced by their defaults.
#[derive(Debug, Clone)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
}

/// How a request proves who sends it; one per `securitySchemes` entry the generator supports.
#[derive(Debug, Clone)]
pub struct AuthScheme {
    /// The key in `components.securitySchemes`.
    pub scheme_name: String,
    /// Rust name of the client-builder setter and of the credential field.
    pub rust_name: String,
    /// Variant of the crate's `Scheme` enum (unique like `rust_name`).
    pub variant_name: String,
    pub kind: AuthKind,
    pub description: Option<String>,
    /// Not declared by the API: a credential every client offers, sent on every request.
    pub generic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthKind {
    /// `Authorization: Bearer <token>` (http bearer, OAuth2 and OpenID Connect access tokens).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key sent in a header, the query string or a cookie under `name`.
    ApiKey {
        location: ParamLocation,
        name: String,
    },
}

/// Index into [`Api::types`].
pub type TypeId = usize;

/// A named model type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub rust_name: String,
    /// JSON pointer of the schema the type comes from.
    pub origin: String,
    pub docs: Option<String>,
    pub kind: TypeKind,
    pub usage: Usage,
    pub deprecated: bool,
    /// The name-like `title` of an inline schema, which names the type unless another type
    /// took that name first (identical copies with one title are then one type).
    pub title: Option<String>,
}

/// Where a type travels: decides tri-state fields (requests) and `Option` fields (responses).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Usage {
    pub in_request: bool,
    pub in_response: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// A named schema that is only another type (`type: string`, an array, a map...).
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties`: the value type of the extra keys, kept in a map field.
    pub additional: Option<Additional>,
    /// Name of the struct of named arguments the constructor takes, when it would otherwise
    /// take two required values of one type (which a caller could swap unnoticed).
    pub required_params: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Additional {
    pub rust_name: String,
    pub value: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    pub rust_name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    pub docs: Option<String>,
    /// Set when the field's type contains its own struct (directly or through other structs).
    pub boxed: bool,
}

/// How a field is typed and (de)serialized, from its flags and where its struct travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldShape {
    /// Always present: `T`.
    Plain,
    /// May be missing or null: `Option<T>`, left out when `None` unless `always_sent`.
    Optional { always_sent: bool },
    /// Optional and nullable in a request: `Nullable<T>`.
    TriState,
    /// Read-only in a type only ever sent: not generated.
    Omitted,
}

impl Field {
    /// How the field is typed and (de)serialized, from its flags and where its struct travels.
    pub fn shape(&self, usage: Usage) -> FieldShape {
        let request_only = usage.in_request && !usage.in_response;
        if self.read_only && request_only {
            return FieldShape::Omitted;
        }
        if self.read_only {
            return FieldShape::Optional { always_sent: false };
        }
        match (self.required, self.nullable, usage.in_request) {
            (true, false, _) => FieldShape::Plain,
            (true, true, true) => FieldShape::Optional { always_sent: true },
            (false, true, true) => FieldShape::TriState,
            _ => FieldShape::Optional { always_sent: false },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Enum {
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that keeps values the spec does not list.
    pub other_variant: String,
    pub integer: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumVariant {
    pub rust_name: String,
    pub value: EnumValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EnumValue {
    String(String),
    Integer(i64),
}

/// `oneOf` / `anyOf`: decoded by its discriminator when it has one, otherwise as the variant
/// that keeps the most of the value (the first of equals).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// Wire name of the discriminator property (`discriminator.propertyName`).
    pub discriminator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    pub boxed: bool,
    /// Discriminator values that select this variant (from `mapping`, or the schema's name).
    pub tags: Vec<String>,
}

/// A reference to a type, as a field, parameter or body uses it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Named(TypeId),
    String,
    Boolean,
    Integer(IntegerKind),
    Float(FloatKind),
    Uuid,
    DateTime,
    Date,
    /// Raw bytes (`format: binary`).
    Bytes,
    /// Anything JSON (`{}`, or a construct the generator cannot model).
    Any,
    Array(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
    /// An array item or map value that may be `null`.
    Nullable(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntegerKind {
    I32,
    I64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FloatKind {
    F32,
    F64,
}

/// One HTTP operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId`, or the stable name derived from method and path when it is missing.
    pub operation_id: String,
    /// Method name on `Client` (snake_case).
    pub fn_name: String,
    /// Prefix of the operation's types: `<Prefix>` (request builder), `<Prefix>Error`, `<Prefix>Response`.
    pub type_prefix: String,
    pub method: String,
    pub path: String,
    pub path_parts: Vec<PathPart>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub deprecated: bool,
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// Indices into [`Api::auth`] any of which authorises the call; empty means none is sent.
    pub auth: Vec<usize>,
    /// How the next page is found, when the description or the configuration says.
    pub pagination: Option<Pagination>,
    /// The `Accept` header: the media types of the documented response bodies.
    pub accept: Option<String>,
}

/// How an operation's next page is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pagination {
    /// A success response documents a `Link` header (RFC 8288, as GitHub's).
    LinkHeader,
    /// A value in the body, sent back as the query parameter `query`.
    Body { query: String, path: Vec<PathStep> },
}

/// One field on the way from a body to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub rust_name: String,
    /// The field is an `Option` (the path ends with no next page when it is `None`).
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    Literal(String),
    /// Index into [`Operation::params`].
    Param(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
    /// `explode` for arrays in the query: repeated keys (`a=1&a=2`) rather than `a=1,2`.
    pub explode: bool,
    pub style: QueryStyle,
}

/// How a parameter is serialized (OpenAPI `style`): the query styles, and `Matrix` and
/// `Label` for path parameters (other path parameters, headers and cookies use `Form`, which
/// they write as `simple`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Matrix,
    Label,
}

#[derive(Debug, Clone)]
pub struct RequestBody {
    pub ty: TypeRef,
    pub media: MediaKind,
    /// The media type sent as `Content-Type`.
    pub content_type: String,
    pub required: bool,
    pub docs: Option<String>,
    /// How each property of a form or multipart body is encoded, by wire name; properties
    /// not listed use the media type's defaults.
    pub encoding: Vec<PropertyEncoding>,
}

/// One entry of a media type's `encoding` map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyEncoding {
    pub property: String,
    pub style: QueryStyle,
    pub explode: bool,
    /// `contentType` of the part (multipart).
    pub content_type: Option<String>,
    /// The value is sent as JSON text (its `contentType` is a JSON media type).
    pub json: bool,
}

/// How a body is encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`: one part per property.
    Multipart,
    Text,
    Bytes,
}

/// Which statuses a documented response covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: the hundreds digit.
    Range(u16),
    Default,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusMatch,
    /// Variant name in the operation's error or response enum.
    pub variant_name: String,
    pub body: Option<ResponseBody>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ResponseBody {
    pub ty: TypeRef,
    pub media: MediaKind,
}

impl StatusMatch {
    /// Whether the statuses it covers are successes (2xx; `default` is not).
    pub fn is_success(&self) -> bool {
        match self {
            StatusMatch::Code(code) => (200..300).contains(code),
            StatusMatch::Range(hundreds) => *hundreds == 2,
            StatusMatch::Default => false,
        }
    }
}

impl From<&openapiv3::StatusCode> for StatusMatch {
    fn from(status: &openapiv3::StatusCode) -> Self {
        match status {
            openapiv3::StatusCode::Code(code) => StatusMatch::Code(*code),
            openapiv3::StatusCode::Range(hundreds) => StatusMatch::Range(*hundreds),
        }
    }
}

impl Response {
    pub fn is_success(&self) -> bool {
        self.status.is_success()
    }
}

/// A response wrapper of the form `{Data, Errors, Warnings, Success}`.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub type_id: TypeId,
    /// Field (Rust name) holding the payload.
    pub data_field: String,
    pub errors_field: Option<String>,
    pub warnings_field: Option<String>,
    pub success_field: Option<String>,
    /// Item type of the errors/warnings lists.
    pub message_type: Option<TypeRef>,
}

impl Api {
    /// What `ty` stands for once named aliases are followed (`type Stamp = DateTime` → `DateTime`).
    pub fn resolve_alias<'t>(&'t self, mut ty: &'t TypeRef) -> &'t TypeRef {
        for _ in 0..self.types.len() {
            match ty {
                TypeRef::Named(id) => match &self.types[*id].kind {
                    TypeKind::Alias(target) => ty = target,
                    _ => break,
                },
                _ => break,
            }
        }
        ty
    }
}

impl TypeKind {
    /// The type references this type is made of (fields, map values, variants, alias target).
    pub fn refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(s.additional.iter().map(|a| &a.value))
                .collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Enum(_) => Vec::new(),
        }
    }

    /// [`TypeKind::refs`], mutably.
    pub fn refs_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .map(|f| &mut f.ty)
                .chain(s.additional.iter_mut().map(|a| &mut a.value))
                .collect(),
            TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

impl Operation {
    /// The types the request sends: parameters and body.
    pub fn request_refs(&self) -> impl Iterator<Item = &TypeRef> {
        self.params
            .iter()
            .map(|p| &p.ty)
            .chain(self.body.iter().map(|b| &b.ty))
    }

    /// The types of the documented response bodies.
    pub fn response_refs(&self) -> impl Iterator<Item = &TypeRef> {
        self.responses
            .iter()
            .filter_map(|r| r.body.as_ref())
            .map(|b| &b.ty)
    }

    /// Every type reference of the operation, mutably.
    pub fn refs_mut(&mut self) -> Vec<&mut TypeRef> {
        self.params
            .iter_mut()
            .map(|p| &mut p.ty)
            .chain(self.body.iter_mut().map(|b| &mut b.ty))
            .chain(
                self.responses
                    .iter_mut()
                    .filter_map(|r| r.body.as_mut())
                    .map(|b| &mut b.ty),
            )
            .collect()
    }
}

impl TypeRef {
    /// Renumbers every named type inside this reference.
    pub fn renumber(&mut self, new_id: &impl Fn(TypeId) -> TypeId) {
        match self {
            TypeRef::Named(id) => *id = new_id(*id),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                inner.renumber(new_id)
            }
            _ => {}
        }
    }

    /// Whether this reference, or a type inside it, satisfies `pred` (named types are not followed).
    pub fn contains(&self, pred: &dyn Fn(&TypeRef) -> bool) -> bool {
        pred(self)
            || match self {
                TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                    inner.contains(pred)
                }
                _ => false,
            }
    }
}
