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
        Layout::gated(self.gate)
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

    /// `impl Name` with the method giving each variant's wire value (`signature` opens it).
    fn accessor(&self, e: &Enum, signature: &str, values: &[String]) -> Layout {
        let mut item = self.item();
        item.line(0, &format!("impl {} {{", self.name));
        item.line(1, "/// The value as sent on the wire.");
        item.line(1, signature);
        item.line(2, "match self {");
        for (variant, value) in e.variants.iter().zip(values) {
            item.arm(3, &format!("Self::{}", variant.rust_name), value);
        }
        item.line(3, &format!("Self::{}(value) => value,", e.other_variant));
        item.line(2, "}");
        item.line(1, "}");
        item.line(0, "}");
        item
    }

    /// `From<wire>`: each value's variant, any other value kept in the catch-all (as
    /// `other_value`, an expression of `other`).
    fn conversion(&self, e: &Enum, values: &[String], wire: &str, other_value: &str) -> Layout {
        let mut item = self.item();
        item.line(
            0,
            &format!("impl ::std::convert::From<{wire}> for {} {{", self.name),
        );
        item.line(1, &format!("fn from(value: {wire}) -> Self {{"));
        item.line(2, "match value {");
        for (variant, value) in e.variants.iter().zip(values) {
            item.arm(3, value, &format!("Self::{}", variant.rust_name));
        }
        item.line(
            3,
            &format!("other => Self::{}({other_value}),", e.other_variant),
        );
        item.line(2, "}");
        item.line(1, "}");
        item.line(0, "}");
        item
    }

    /// `impl Serialize`, writing the value with `call`.
    fn serialize(&self, call: &str) -> Layout {
        self.trait_impl(
            "impl ::serde::Serialize for",
            &format!(
                "fn serialize<S: ::serde::Serializer>(
    &self,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {{
    {call}
}}"
            ),
        )
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

/// What differs between an enum of strings and one of integers.
struct Wire {
    derives: &'static str,
    /// The catch-all variant's field.
    other_type: &'static str,
    /// The signature of the method giving a variant's wire value.
    accessor: &'static str,
    /// The type `From` converts from, and the catch-all's value made of `other`.
    from: (&'static str, &'static str),
    display: &'static str,
    serialize: &'static str,
    deserialize: &'static str,
}

const STRING: Wire = Wire {
    derives: "Debug, Clone, PartialEq, Eq, Hash",
    other_type: "::std::string::String",
    accessor: "pub fn as_str(&self) -> &str {",
    from: ("&str", "::std::borrow::ToOwned::to_owned(other)"),
    display: "f.write_str(self.as_str())",
    serialize: "serializer.serialize_str(self.as_str())",
    deserialize: "let value =
    <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
::std::result::Result::Ok(Self::from(value.as_ref()))",
};

const INTEGER: Wire = Wire {
    derives: "Debug, Clone, Copy, PartialEq, Eq, Hash",
    other_type: "i64",
    accessor: "pub fn value(self) -> i64 {",
    from: ("i64", "other"),
    display: "::std::fmt::Display::fmt(&self.value(), f)",
    serialize: "serializer.serialize_i64(self.value())",
    deserialize: "<i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)",
};

/// The items of an enum: the enum, the accessor of its wire value (`as_str` or `value`),
/// `From` the wire type, `Display` and serde's traits.
pub fn enum_items(
    name: &str,
    e: &Enum,
    docs: &[String],
    gate: Option<&BTreeSet<String>>,
) -> Vec<Layout> {
    let head = Head { name, docs, gate };
    let wire = if e.integer { &INTEGER } else { &STRING };
    let values: Vec<String> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::String(s) => proc_macro2::Literal::string(s).to_string(),
            EnumValue::Integer(n) => n.to_string(),
        })
        .collect();
    let indented = |body: &str| body.replace('\n', "\n    ");
    vec![
        head.definition(e, wire.derives, wire.other_type),
        head.accessor(e, wire.accessor, &values),
        head.conversion(e, &values, wire.from.0, wire.from.1),
        head.trait_impl(
            "impl ::std::fmt::Display for",
            &format!(
                "fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{
    {}
}}",
                wire.display
            ),
        ),
        head.serialize(wire.serialize),
        head.trait_impl(
            "impl<'de> ::serde::Deserialize<'de> for",
            &format!(
                "fn deserialize<D: ::serde::Deserializer<'de>>(
    deserializer: D,
) -> ::std::result::Result<Self, D::Error> {{
    {}
}}",
                indented(wire.deserialize)
            ),
        ),
    ]
}
