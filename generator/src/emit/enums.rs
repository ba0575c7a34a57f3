//! String and integer enums, written as text in rustfmt's layout (see [`super::layout`]):
//! a third of a large API's models, in a handful of fixed shapes. Each keeps unknown values
//! in its catch-all variant, so a value added to the API later still decodes.

use super::layout::Layout;
use crate::ir::{Enum, EnumValue};
use std::collections::BTreeSet;

/// What every enum item starts with: its gate, its docs, its derives.
struct Head<'a> {
    name: &'a str,
    docs: &'a [String],
    gate: Option<&'a BTreeSet<String>>,
}

impl Head<'_> {
    /// A new item, gated like the enum.
    fn item(&self) -> Layout {
        let mut item = Layout::default();
        if let Some(features) = self.gate {
            let features: Vec<String> = features
                .iter()
                .map(|f| format!("feature = {f:?}"))
                .collect();
            item.cfg(&features);
        }
        item
    }

    /// The `enum` itself: a variant per value, documented with it, then the catch-all.
    fn definition(&self, e: &Enum, derives: &str, other_type: &str) -> Layout {
        let mut item = self.item();
        item.doc(0, self.docs);
        item.line(0, &format!("#[derive({derives})]"));
        item.line(0, "#[non_exhaustive]");
        item.line(0, &format!("pub enum {} {{", self.name));
        for variant in &e.variants {
            let value = match &variant.value {
                EnumValue::String(s) => s.replace('`', "'"),
                EnumValue::Integer(n) => n.to_string(),
            };
            item.doc(1, &[format!(" `{value}`")]);
            item.line(1, &format!("{},", variant.rust_name));
        }
        item.line(1, "/// A value this version of the client does not know.");
        item.line(1, &format!("{}({other_type}),", e.other_variant));
        item.line(0, "}");
        item
    }

    /// `impl Trait for Name {` and the rest of the block, `body` being its inside.
    fn trait_impl(&self, header: &str, body: &str) -> Layout {
        let mut item = self.item();
        item.line(0, &format!("{header} {} {{", self.name));
        item.lines(1, body);
        item.line(0, "}");
        item
    }
}

/// The items of a string enum: the enum, `as_str`, `From<&str>`, `Display` and serde's
/// traits (a string on the wire).
pub fn string_enum(
    name: &str,
    e: &Enum,
    docs: &[String],
    gate: Option<&BTreeSet<String>>,
) -> Vec<Layout> {
    let head = Head { name, docs, gate };
    let values: Vec<String> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::String(s) => proc_macro2::Literal::string(s).to_string(),
            EnumValue::Integer(n) => proc_macro2::Literal::string(&n.to_string()).to_string(),
        })
        .collect();
    let other = &e.other_variant;
    let mut as_str = head.item();
    as_str.line(0, &format!("impl {name} {{"));
    as_str.line(1, "/// The value as sent on the wire.");
    as_str.line(1, "pub fn as_str(&self) -> &str {");
    as_str.line(2, "match self {");
    for (variant, value) in e.variants.iter().zip(&values) {
        as_str.arm(3, &format!("Self::{}", variant.rust_name), value);
    }
    as_str.line(3, &format!("Self::{other}(value) => value,"));
    as_str.line(2, "}");
    as_str.line(1, "}");
    as_str.line(0, "}");
    let mut from = head.item();
    from.line(0, &format!("impl ::std::convert::From<&str> for {name} {{"));
    from.line(1, "fn from(value: &str) -> Self {");
    from.line(2, "match value {");
    for (variant, value) in e.variants.iter().zip(&values) {
        from.arm(3, value, &format!("Self::{}", variant.rust_name));
    }
    from.line(
        3,
        &format!("other => Self::{other}(::std::borrow::ToOwned::to_owned(other)),"),
    );
    from.line(2, "}");
    from.line(1, "}");
    from.line(0, "}");
    vec![
        head.definition(
            e,
            "Debug, Clone, PartialEq, Eq, Hash",
            "::std::string::String",
        ),
        as_str,
        from,
        head.trait_impl(
            "impl ::std::fmt::Display for",
            "fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
    f.write_str(self.as_str())
}",
        ),
        head.trait_impl(
            "impl ::serde::Serialize for",
            "fn serialize<S: ::serde::Serializer>(
    &self,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    serializer.serialize_str(self.as_str())
}",
        ),
        head.trait_impl(
            "impl<'de> ::serde::Deserialize<'de> for",
            "fn deserialize<D: ::serde::Deserializer<'de>>(
    deserializer: D,
) -> ::std::result::Result<Self, D::Error> {
    let value =
        <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
    ::std::result::Result::Ok(Self::from(value.as_ref()))
}",
        ),
    ]
}

/// The items of an integer enum: the enum, `value`, `From<i64>`, `Display` and serde's
/// traits (an integer on the wire).
pub fn integer_enum(
    name: &str,
    e: &Enum,
    docs: &[String],
    gate: Option<&BTreeSet<String>>,
) -> Vec<Layout> {
    let head = Head { name, docs, gate };
    let values: Vec<String> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::Integer(n) => n.to_string(),
            EnumValue::String(s) => s.clone(),
        })
        .collect();
    let other = &e.other_variant;
    let mut value = head.item();
    value.line(0, &format!("impl {name} {{"));
    value.line(1, "/// The value as sent on the wire.");
    value.line(1, "pub fn value(self) -> i64 {");
    value.line(2, "match self {");
    for (variant, number) in e.variants.iter().zip(&values) {
        value.arm(3, &format!("Self::{}", variant.rust_name), number);
    }
    value.line(3, &format!("Self::{other}(value) => value,"));
    value.line(2, "}");
    value.line(1, "}");
    value.line(0, "}");
    let mut from = head.item();
    from.line(0, &format!("impl ::std::convert::From<i64> for {name} {{"));
    from.line(1, "fn from(value: i64) -> Self {");
    from.line(2, "match value {");
    for (variant, number) in e.variants.iter().zip(&values) {
        from.arm(3, number, &format!("Self::{}", variant.rust_name));
    }
    from.line(3, &format!("other => Self::{other}(other),"));
    from.line(2, "}");
    from.line(1, "}");
    from.line(0, "}");
    vec![
        head.definition(e, "Debug, Clone, Copy, PartialEq, Eq, Hash", "i64"),
        value,
        from,
        head.trait_impl(
            "impl ::std::fmt::Display for",
            "fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
    ::std::fmt::Display::fmt(&self.value(), f)
}",
        ),
        head.trait_impl(
            "impl ::serde::Serialize for",
            "fn serialize<S: ::serde::Serializer>(
    &self,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    serializer.serialize_i64(self.value())
}",
        ),
        head.trait_impl(
            "impl<'de> ::serde::Deserialize<'de> for",
            "fn deserialize<D: ::serde::Deserializer<'de>>(
    deserializer: D,
) -> ::std::result::Result<Self, D::Error> {
    <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
}",
        ),
    ]
}
