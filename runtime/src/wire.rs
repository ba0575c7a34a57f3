//! Wire encodings beyond plain JSON: OpenAPI parameter styles (query strings and form
//! bodies), multipart parts and files, and union decoding.

/// A file sent as a multipart part: its bytes, plus the file name and content type the server
/// sees (defaults: the field name, and the type the API documents or `application/octet-stream`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct File {
    pub bytes: ::std::vec::Vec<u8>,
    pub file_name: ::std::option::Option<::std::string::String>,
    pub content_type: ::std::option::Option<::std::string::String>,
}

impl File {
    pub fn new(bytes: impl ::std::convert::Into<::std::vec::Vec<u8>>) -> Self {
        File {
            bytes: bytes.into(),
            file_name: ::std::option::Option::None,
            content_type: ::std::option::Option::None,
        }
    }

    /// Sets the file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, name: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.file_name = ::std::option::Option::Some(name.into());
        self
    }

    /// Sets the part's `Content-Type` (e.g. `image/png`).
    pub fn content_type(
        mut self,
        content_type: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.content_type = ::std::option::Option::Some(content_type.into());
        self
    }
}

impl ::std::fmt::Debug for File {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("File")
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl ::std::convert::From<::std::vec::Vec<u8>> for File {
    fn from(bytes: ::std::vec::Vec<u8>) -> Self {
        File::new(bytes)
    }
}

impl ::std::convert::From<&[u8]> for File {
    fn from(bytes: &[u8]) -> Self {
        File::new(bytes)
    }
}

impl ::serde::Serialize for File {
    /// Binary data in a JSON body is a string (`type: string, format: binary`).
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&::std::string::String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> ::serde::Deserialize<'de> for File {
    /// Accepts the forms binary data takes in JSON: text, or an array of bytes.
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        #[derive(::serde::Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(::std::string::String),
            Bytes(::std::vec::Vec<u8>),
        }
        ::std::result::Result::Ok(File::new(match <Raw as ::serde::Deserialize>::deserialize(
            deserializer,
        )? {
            Raw::Text(text) => text.into_bytes(),
            Raw::Bytes(bytes) => bytes,
        }))
    }
}

/// How a value is serialized as a parameter or form field (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code, reason = "not every API uses every style")]
pub(crate) enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    /// Path only: `;name=value`.
    Matrix,
    /// Path only: `.value`.
    Label,
}

/// How one property of a form or multipart body is written (an entry of OpenAPI's `encoding`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldEncoding {
    pub style: Style,
    pub explode: bool,
    /// Sent as JSON text (`contentType: application/json`), whatever its style.
    pub json: bool,
    /// The part's content type (multipart).
    pub content_type: ::std::option::Option<&'static str>,
}

/// Appends `name`'s `value` as `(key, text)` pairs, as `style` and `explode` say: arrays
/// repeat the key when exploded or are joined (`,`, ` ` or `|`); objects become `key=value`
/// pairs when exploded or `name=k,v,...`; `deepObject` nests brackets to any depth
/// (`a[b][c]=v`, `list[]=x`, `items[0][price]=p`). Nulls add nothing.
pub(crate) fn style_pairs(
    name: &str,
    value: &::serde_json::Value,
    style: Style,
    explode: bool,
    out: &mut ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
) {
    use ::serde_json::Value;
    let separator = match style {
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    match value {
        Value::Null => {}
        _ if style == Style::DeepObject => deep_pairs(name.to_owned(), value, out),
        Value::Array(items) if explode => {
            for item in items.iter().filter(|item| !item.is_null()) {
                out.push((name.to_owned(), text(item)));
            }
        }
        Value::Array(items) => {
            let joined: ::std::vec::Vec<::std::string::String> = items.iter().map(text).collect();
            out.push((name.to_owned(), joined.join(separator)));
        }
        Value::Object(fields) => {
            let fields = fields.iter().filter(|(_, v)| !v.is_null());
            if explode {
                for (key, value) in fields {
                    out.push((key.clone(), text(value)));
                }
            } else {
                let flat: ::std::vec::Vec<::std::string::String> = fields
                    .flat_map(|(key, value)| [key.clone(), text(value)])
                    .collect();
                out.push((name.to_owned(), flat.join(separator)));
            }
        }
        scalar => out.push((name.to_owned(), text(scalar))),
    }
}

fn deep_pairs(
    key: ::std::string::String,
    value: &::serde_json::Value,
    out: &mut ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
) {
    use ::serde_json::Value;
    match value {
        Value::Null => {}
        Value::Object(fields) => {
            for (name, value) in fields {
                deep_pairs(format!("{key}[{name}]"), value, out);
            }
        }
        // Scalars as `key[]=v`; nested structures need an index to stay apart.
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            for item in items.iter().filter(|item| !item.is_null()) {
                out.push((format!("{key}[]"), text(item)));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                deep_pairs(format!("{key}[{index}]"), item, out);
            }
        }
        scalar => out.push((key, text(scalar))),
    }
}

/// A value's text form: strings as they are, everything else as JSON text.
pub(crate) fn text(value: &::serde_json::Value) -> ::std::string::String {
    match value {
        ::serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Encodings by property name, as the API's `encoding` map lists them.
pub(crate) type Encodings = [(&'static str, FieldEncoding)];

impl FieldEncoding {
    /// The default for properties the `encoding` map does not list: `form`, exploded.
    pub(crate) const DEFAULT: FieldEncoding = FieldEncoding {
        style: Style::Form,
        explode: true,
        json: false,
        content_type: ::std::option::Option::None,
    };

    /// The encoding of `name`: the listed one, or the default.
    fn of(name: &str, encodings: &Encodings) -> FieldEncoding {
        encodings
            .iter()
            .find(|(listed, _)| *listed == name)
            .map_or(FieldEncoding::DEFAULT, |(_, encoding)| *encoding)
    }
}

/// Encodes an object as `application/x-www-form-urlencoded`, each property as its encoding says.
pub(crate) fn form_body(
    body: &::serde_json::Value,
    encodings: &Encodings,
) -> ::std::result::Result<::std::vec::Vec<u8>, ::std::string::String> {
    let fields = match body {
        ::serde_json::Value::Object(fields) => fields,
        // A body described as one string is the encoded form itself.
        ::serde_json::Value::String(encoded) => {
            return ::std::result::Result::Ok(encoded.clone().into_bytes());
        }
        _ => return ::std::result::Result::Err("a form body must be an object".into()),
    };
    let mut pairs = ::std::vec::Vec::new();
    for (name, value) in fields {
        let encoding = FieldEncoding::of(name, encodings);
        if encoding.json && !value.is_null() {
            pairs.push((name.clone(), value.to_string()));
        } else {
            style_pairs(name, value, encoding.style, encoding.explode, &mut pairs);
        }
    }
    let encoded: ::std::vec::Vec<::std::string::String> = pairs
        .iter()
        .map(|(key, value)| format!("{}={}", form_escape(key), form_escape(value)))
        .collect();
    ::std::result::Result::Ok(encoded.join("&").into_bytes())
}

/// Percent-encodes a form key or value (everything but `A-Z a-z 0-9 - . _ ~`).
fn form_escape(text: &str) -> ::percent_encoding::PercentEncode<'_> {
    ::percent_encoding::utf8_percent_encode(text, crate::client::PATH_SEGMENT)
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    name: ::std::string::String,
    bytes: ::std::vec::Vec<u8>,
    file_name: ::std::option::Option<::std::string::String>,
    content_type: ::std::option::Option<::std::string::String>,
}

/// The parts of a multipart body, kept as data so a retried request can send them again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Multipart {
    parts: ::std::vec::Vec<Part>,
}

/// Values that are sent as file parts: a file, or an optional or repeated one.
pub(crate) trait FileField {
    fn files(&self) -> ::std::vec::Vec<&File>;
}

impl FileField for File {
    fn files(&self) -> ::std::vec::Vec<&File> {
        ::std::vec![self]
    }
}

impl<T: FileField> FileField for ::std::option::Option<T> {
    fn files(&self) -> ::std::vec::Vec<&File> {
        self.iter().flat_map(FileField::files).collect()
    }
}

impl<T: FileField> FileField for ::std::vec::Vec<T> {
    fn files(&self) -> ::std::vec::Vec<&File> {
        self.iter().flat_map(FileField::files).collect()
    }
}

impl<T: FileField> FileField for crate::Nullable<T> {
    fn files(&self) -> ::std::vec::Vec<&File> {
        match self {
            crate::Nullable::Value(value) => value.files(),
            _ => ::std::vec::Vec::new(),
        }
    }
}

impl<T: FileField> FileField for ::std::boxed::Box<T> {
    fn files(&self) -> ::std::vec::Vec<&File> {
        (**self).files()
    }
}

#[allow(dead_code, reason = "not every API sends every kind of part")]
impl Multipart {
    /// Adds a field as text parts (an array repeats the part; objects go as JSON parts).
    pub(crate) fn field<T: ::serde::Serialize>(
        &mut self,
        name: &str,
        encoding: FieldEncoding,
        value: &T,
    ) {
        let value = sent(value).unwrap_or(::serde_json::Value::Null);
        let items = match value {
            ::serde_json::Value::Array(items) if !encoding.json => items,
            other => ::std::vec![other],
        };
        for item in items {
            let (text, json) = match &item {
                ::serde_json::Value::Null => continue,
                ::serde_json::Value::Object(_) | ::serde_json::Value::Array(_) => {
                    (item.to_string(), true)
                }
                _ if encoding.json => (item.to_string(), true),
                scalar => (text(scalar), false),
            };
            let content_type = encoding
                .content_type
                .or(json.then_some("application/json"))
                .map(::std::borrow::ToOwned::to_owned);
            self.parts.push(Part {
                name: name.to_owned(),
                bytes: text.into_bytes(),
                file_name: ::std::option::Option::None,
                content_type,
            });
        }
    }

    /// Adds one file part per file in `value`.
    pub(crate) fn file<T: FileField>(&mut self, name: &str, encoding: FieldEncoding, value: &T) {
        // The documented type, when it names one type (not a list or a wildcard).
        let documented = encoding
            .content_type
            .map(|listed| listed.split(',').next().unwrap_or(listed).trim())
            .filter(|first| !first.contains('*'));
        for file in value.files() {
            let content_type = file
                .content_type
                .clone()
                .or_else(|| documented.map(::std::borrow::ToOwned::to_owned))
                .unwrap_or_else(|| "application/octet-stream".to_owned());
            self.parts.push(Part {
                name: name.to_owned(),
                bytes: file.bytes.clone(),
                file_name: ::std::option::Option::Some(
                    file.file_name.clone().unwrap_or_else(|| name.to_owned()),
                ),
                content_type: ::std::option::Option::Some(content_type),
            });
        }
    }

    /// Adds every property of an object body that has no typed model, as text or JSON parts.
    pub(crate) fn fields_of<T: ::serde::Serialize>(&mut self, body: &T, encodings: &Encodings) {
        if let ::std::result::Result::Ok(::serde_json::Value::Object(fields)) = sent(body) {
            for (name, value) in &fields {
                self.field(name, FieldEncoding::of(name, encodings), value);
            }
        }
    }

    /// The parts as a `reqwest` multipart form (a new boundary each time).
    pub(crate) fn to_form(&self) -> ::reqwest::multipart::Form {
        // Names are written as browsers write them (see `part_name`), not percent-encoded.
        let mut form = ::reqwest::multipart::Form::new().percent_encode_noop();
        for part in &self.parts {
            let mut built = ::reqwest::multipart::Part::bytes(part.bytes.clone());
            if let ::std::option::Option::Some(file_name) = &part.file_name {
                built = built.file_name(file_name.clone());
            }
            if let ::std::option::Option::Some(content_type) = &part.content_type {
                built = match built.mime_str(content_type) {
                    ::std::result::Result::Ok(typed) => typed,
                    ::std::result::Result::Err(_) => {
                        let mut plain = ::reqwest::multipart::Part::bytes(part.bytes.clone());
                        if let ::std::option::Option::Some(file_name) = &part.file_name {
                            plain = plain.file_name(file_name.clone());
                        }
                        plain
                    }
                };
            }
            form = form.part(part_name(&part.name), built);
        }
        form
    }
}

/// A part's name as browsers write it in `name="…"`: UTF-8 as it is, with only `"`, CR and
/// LF escaped (WHATWG's multipart/form-data encoding). reqwest would otherwise write a name
/// with a space, a brace or a non-ASCII letter as `name*=utf-8''…`, which RFC 7578 does not
/// define and common parsers (Node's `FormData`, Prism) cannot read.
fn part_name(name: &str) -> ::std::string::String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// What a value is being encoded for. A model encodes to everything it holds (so a decoded
/// value re-encodes as it came), except when sent in a request (read-only properties left
/// out) or when a union weighs its variants (only the properties a schema declares count).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    Faithful,
    Request,
    Declared,
}

::std::thread_local! {
    static PURPOSE: ::std::cell::Cell<Purpose> = const { ::std::cell::Cell::new(Purpose::Faithful) };
}

/// Runs `encode` (a synchronous serialization) for `purpose`, then restores the previous one.
pub(crate) fn encoding_for<R>(purpose: Purpose, encode: impl FnOnce() -> R) -> R {
    struct Restore(Purpose);
    impl Drop for Restore {
        fn drop(&mut self) {
            PURPOSE.with(|current| current.set(self.0));
        }
    }
    let _restore = Restore(PURPOSE.with(|current| current.replace(purpose)));
    encode()
}

fn purpose() -> Purpose {
    PURPOSE.with(::std::cell::Cell::get)
}

/// `value` as sent in a request: read-only properties left out.
pub(crate) fn sent<T: ::serde::Serialize>(
    value: &T,
) -> ::std::result::Result<::serde_json::Value, ::serde_json::Error> {
    encoding_for(Purpose::Request, || ::serde_json::to_value(value))
}

/// Whether a read-only field is left out: when unset, and in requests.
#[allow(
    dead_code,
    reason = "not every API has read-only fields in request models"
)]
pub(crate) fn read_only_unsent<T>(value: &::std::option::Option<T>) -> bool {
    value.is_none() || purpose() == Purpose::Request
}

/// Whether the map of properties a schema does not list is left out: when empty, and when a
/// union weighs its variants.
#[allow(dead_code, reason = "not every API keeps undeclared properties")]
pub(crate) fn undeclared_unsent<T>(
    map: &::std::collections::BTreeMap<::std::string::String, T>,
) -> bool {
    map.is_empty() || purpose() == Purpose::Declared
}

/// The value of a union's discriminator property, when the value is an object that has it.
#[allow(dead_code, reason = "not every API has discriminated unions")]
pub(crate) fn tag<'v>(
    value: &'v ::serde_json::Value,
    property: &str,
) -> ::std::option::Option<&'v str> {
    value.get(property).and_then(::serde_json::Value::as_str)
}

/// Decodes one union variant from an already parsed value.
#[allow(dead_code, reason = "not every API has unions")]
pub(crate) fn decode<T: ::serde::de::DeserializeOwned, E: ::serde::de::Error>(
    value: ::serde_json::Value,
) -> ::std::result::Result<T, E> {
    ::serde_json::from_value(value).map_err(E::custom)
}

/// Encodes a discriminated union's variant, adding the discriminator when the variant lacks it.
#[allow(dead_code, reason = "not every API has discriminated unions")]
pub(crate) fn serialize_tagged<T: ::serde::Serialize, S: ::serde::Serializer>(
    variant: &T,
    property: &str,
    tag: &str,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    let mut value = ::serde_json::to_value(variant).map_err(::serde::ser::Error::custom)?;
    if let ::serde_json::Value::Object(fields) = &mut value {
        fields
            .entry(property)
            .or_insert_with(|| ::serde_json::Value::String(tag.to_owned()));
    }
    ::serde::Serialize::serialize(&value, serializer)
}

/// Decodes a union without a discriminator: every variant is tried, and the one whose
/// re-encoding keeps the most of the value in the properties it declares wins (the first of
/// equals), so an object never decodes as an earlier variant that would drop its fields.
#[allow(dead_code, reason = "not every API has unions")]
pub(crate) struct BestFit<T> {
    value: ::serde_json::Value,
    best: ::std::option::Option<(usize, T)>,
    errors: ::std::vec::Vec<::std::string::String>,
}

#[allow(dead_code, reason = "not every API has unions")]
impl<T: ::serde::Serialize> BestFit<T> {
    pub(crate) fn new(value: ::serde_json::Value) -> Self {
        BestFit {
            value,
            best: ::std::option::Option::None,
            errors: ::std::vec::Vec::new(),
        }
    }

    /// Tries one variant (`wrap` builds the union from it).
    pub(crate) fn variant<V: ::serde::de::DeserializeOwned>(
        mut self,
        name: &str,
        wrap: fn(V) -> T,
    ) -> Self {
        if matches!(&self.best, ::std::option::Option::Some((score, _)) if *score == usize::MAX) {
            return self;
        }
        match V::deserialize(&self.value) {
            ::std::result::Result::Ok(decoded) => {
                let candidate = wrap(decoded);
                let score = encoding_for(Purpose::Declared, || ::serde_json::to_value(&candidate))
                    .map_or(0, |encoded| kept(&self.value, &encoded));
                let better = match &self.best {
                    ::std::option::Option::Some((best, _)) => score > *best,
                    ::std::option::Option::None => true,
                };
                if better {
                    self.best = ::std::option::Option::Some((score, candidate));
                }
            }
            ::std::result::Result::Err(error) => self.errors.push(format!("{name}: {error}")),
        }
        self
    }

    pub(crate) fn finish<E: ::serde::de::Error>(self, union: &str) -> ::std::result::Result<T, E> {
        match self.best {
            ::std::option::Option::Some((_, value)) => ::std::result::Result::Ok(value),
            ::std::option::Option::None => ::std::result::Result::Err(E::custom(format!(
                "the value matches no variant of {union} ({})",
                self.errors.join("; ")
            ))),
        }
    }
}

/// How much of `original` survives in `encoded`: `usize::MAX` when all of it does, otherwise
/// the number of non-null object properties that are kept.
fn kept(original: &::serde_json::Value, encoded: &::serde_json::Value) -> usize {
    if original == encoded {
        return usize::MAX;
    }
    match (original, encoded) {
        (::serde_json::Value::Object(before), ::serde_json::Value::Object(after)) => {
            let present = before
                .iter()
                .filter(|(key, value)| !value.is_null() && after.contains_key(*key))
                .count();
            let dropped = before
                .iter()
                .any(|(key, value)| !value.is_null() && !after.contains_key(key));
            if dropped {
                present
            } else {
                usize::MAX - 1
            }
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::{form_body, part_name, style_pairs, Style};

    #[test]
    fn part_names_keep_their_text_and_escape_only_what_breaks_the_header() {
        assert_eq!(part_name("file {}"), "file {}");
        assert_eq!(part_name("café"), "café");
        assert_eq!(part_name("a\"b\r\nc"), "a%22b%0D%0Ac");
    }

    #[test]
    fn a_string_form_body_is_sent_as_it_is() {
        let body = ::serde_json::json!("text=I+ate+an+apple");
        assert_eq!(form_body(&body, &[]).unwrap(), b"text=I+ate+an+apple");
        assert!(form_body(&::serde_json::json!(3), &[]).is_err());
    }

    fn pairs(value: ::serde_json::Value, style: Style, explode: bool) -> Vec<(String, String)> {
        let mut out = Vec::new();
        style_pairs("p", &value, style, explode, &mut out);
        out
    }

    #[test]
    fn deep_objects_nest_to_any_depth() {
        let value =
            ::serde_json::json!({"a": {"b": 1}, "list": ["x", "y"], "items": [{"price": "p"}]});
        let got = pairs(value, Style::DeepObject, true);
        let mut got: Vec<(&str, &str)> =
            got.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        // Object key order follows serde_json's map (sorted, or insertion with `preserve_order`).
        got.sort();
        assert_eq!(
            got,
            [
                ("p[a][b]", "1"),
                ("p[items][0][price]", "p"),
                ("p[list][]", "x"),
                ("p[list][]", "y"),
            ]
        );
    }
}
