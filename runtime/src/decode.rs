//! How generated structs decode: each one reads its fields from a map in a single
//! `from_map` function, and one generic visitor here serves them all. This is what serde's
//! derive does, less its field-index enum and sequence form, which no API sends and which
//! made up much of a large client's compile time.

#![allow(dead_code, reason = "an API without object schemas decodes no struct")]

use ::std::borrow::Cow;
use ::std::marker::PhantomData;

/// A struct that decodes from a map of its wire names.
pub(crate) trait FromMap: Sized {
    /// The struct's name, for "expected struct ..." errors.
    const NAME: &'static str;

    /// Reads the fields from `map`: declared names into their fields, other names
    /// skipped or kept as additional properties.
    fn from_map<'de, A: ::serde::de::MapAccess<'de>>(
        map: A,
    ) -> ::std::result::Result<Self, A::Error>;
}

/// The body of each generated struct's `Deserialize::deserialize`.
pub(crate) fn decode_struct<'de, T: FromMap, D: ::serde::Deserializer<'de>>(
    deserializer: D,
) -> ::std::result::Result<T, D::Error> {
    deserializer.deserialize_map(StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: FromMap> ::serde::de::Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        map: A,
    ) -> ::std::result::Result<T, A::Error> {
        T::from_map(map)
    }
}

/// A property name, borrowed from the input when it can be.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_string(self) -> ::std::string::String {
        self.0.into_owned()
    }
}

impl<'de> ::serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> ::serde::de::Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(
        self,
        value: &'de str,
    ) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: ::serde::de::Error>(
        self,
        value: ::std::string::String,
    ) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(Cow::Owned(value)))
    }
}

/// Reads a required field's value into its slot.
pub(crate) fn put<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut ::std::option::Option<T>,
) -> ::std::result::Result<(), A::Error> {
    *slot = ::std::option::Option::Some(map.next_value()?);
    ::std::result::Result::Ok(())
}

/// Reads an optional field's value (`Option` or `Nullable`, absent until read) into it.
pub(crate) fn set<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::Deserialize<'de>>(
    map: &mut A,
    field: &mut T,
) -> ::std::result::Result<(), A::Error> {
    *field = map.next_value()?;
    ::std::result::Result::Ok(())
}

/// Keeps an undeclared property in the struct's additional properties.
pub(crate) fn keep<'de, A: ::serde::de::MapAccess<'de>, T: ::serde::Deserialize<'de>>(
    map: &mut A,
    additional: &mut ::std::collections::BTreeMap<::std::string::String, T>,
    key: Key<'de>,
) -> ::std::result::Result<(), A::Error> {
    additional.insert(key.into_string(), map.next_value()?);
    ::std::result::Result::Ok(())
}

/// Reads and drops the value of a property the struct does not declare.
pub(crate) fn skip<'de, A: ::serde::de::MapAccess<'de>>(
    map: &mut A,
) -> ::std::result::Result<(), A::Error> {
    map.next_value::<::serde::de::IgnoredAny>().map(drop)
}

/// The error for a struct missing required fields: `absent` pairs each required field's
/// wire name with whether it was left out, and the first left out is named.
pub(crate) fn missing<E: ::serde::de::Error>(absent: &[(bool, &'static str)]) -> E {
    let name = absent
        .iter()
        .find(|(left_out, _)| *left_out)
        .map_or("", |(_, name)| name);
    E::missing_field(name)
}

#[cfg(test)]
mod tests {
    use super::{decode_struct, keep, missing, put, set, skip, FromMap, Key};

    /// What the generator writes for a struct with a required and two optional fields, and
    /// additional properties.
    #[derive(Debug, PartialEq)]
    struct Pet {
        name: String,
        owner: Option<String>,
        tag: Option<String>,
        additional_properties: ::std::collections::BTreeMap<String, ::serde_json::Value>,
    }

    impl<'de> ::serde::Deserialize<'de> for Pet {
        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            decode_struct(deserializer)
        }
    }

    impl FromMap for Pet {
        const NAME: &'static str = "Pet";

        fn from_map<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut name = None;
            let mut owner = None;
            let mut tag = None;
            let mut additional_properties = ::std::collections::BTreeMap::new();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match key.as_str() {
                    "name" => put(&mut map, &mut name),
                    "owner" => set(&mut map, &mut owner),
                    "tag" => set(&mut map, &mut tag),
                    _ => keep(&mut map, &mut additional_properties, key),
                }?;
            }
            match (name,) {
                (Some(name),) => Ok(Self {
                    name,
                    owner,
                    tag,
                    additional_properties,
                }),
                (name,) => Err(missing(&[(name.is_none(), "name")])),
            }
        }
    }

    /// A struct without additional properties, which skips undeclared names.
    #[derive(Debug, PartialEq)]
    struct Point {
        x: i64,
    }

    impl<'de> ::serde::Deserialize<'de> for Point {
        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            decode_struct(deserializer)
        }
    }

    impl FromMap for Point {
        const NAME: &'static str = "Point";

        fn from_map<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut x = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match key.as_str() {
                    "x" => put(&mut map, &mut x),
                    _ => skip(&mut map),
                }?;
            }
            match (x,) {
                (Some(x),) => Ok(Self { x }),
                (x,) => Err(missing(&[(x.is_none(), "x")])),
            }
        }
    }

    #[test]
    fn declared_names_fill_fields_and_others_are_kept() {
        let pet: Pet = serde_json::from_str(
            r#"{"name":"Rex","owner":null,"tag":"a","na\u006de2":1,"age":{"years":3}}"#,
        )
        .unwrap();
        assert_eq!(pet.name, "Rex");
        assert_eq!(pet.owner, None);
        assert_eq!(pet.tag.as_deref(), Some("a"));
        let kept: Vec<&str> = pet
            .additional_properties
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(kept, ["age", "name2"]);
    }

    #[test]
    fn a_missing_optional_field_is_none_and_a_missing_required_one_is_named() {
        let pet: Pet = serde_json::from_str(r#"{"name":"Rex"}"#).unwrap();
        assert_eq!((pet.owner, pet.tag), (None, None));
        let error = serde_json::from_str::<Pet>(r#"{"tag":"a"}"#).unwrap_err();
        assert!(
            error.to_string().starts_with("missing field `name`"),
            "{error}"
        );
    }

    #[test]
    fn undeclared_values_are_skipped_whatever_their_shape() {
        let point: Point = serde_json::from_str(r#"{"y":[1,{"z":null}],"x":2,"w":"s"}"#).unwrap();
        assert_eq!(point, Point { x: 2 });
        let from_value: Point =
            serde_json::from_value(serde_json::json!({"x": 3, "y": 1})).unwrap();
        assert_eq!(from_value, Point { x: 3 });
    }

    #[test]
    fn errors_name_the_struct_and_the_path() {
        let error = serde_json::from_str::<Point>("[1]").unwrap_err();
        assert!(
            error.to_string().contains("expected struct Point"),
            "{error}"
        );
        let mut reader = serde_json::Deserializer::from_str(r#"{"x":"two"}"#);
        let error = serde_path_to_error::deserialize::<_, Point>(&mut reader).unwrap_err();
        assert_eq!(error.path().to_string(), "x");
    }
}
