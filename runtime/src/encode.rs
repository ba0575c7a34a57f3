//! How generated structs encode: each one's `Serialize` writes its properties in order
//! through [`Fields`], one call per field and no early return, where serde's derive spent
//! a branch and an early return per field.

#![allow(dead_code, reason = "an API without object schemas encodes no struct")]

use ::serde::ser::SerializeMap;

/// A struct being written as a map of its wire names; the first error stops the writing.
pub(crate) struct Fields<M: SerializeMap> {
    map: ::std::result::Result<M, M::Error>,
}

impl<M: SerializeMap> Fields<M> {
    /// Starts writing a struct to `serializer`.
    pub(crate) fn begin<S: ::serde::Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>>(
        serializer: S,
    ) -> Self {
        Fields {
            map: serializer.serialize_map(::std::option::Option::None),
        }
    }

    fn put<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if let ::std::result::Result::Ok(map) = &mut self.map {
            if let ::std::result::Result::Err(error) = map.serialize_entry(name, value) {
                self.map = ::std::result::Result::Err(error);
            }
        }
    }

    /// A field always written (`null` for a `None` the API wants sent).
    pub(crate) fn field<T: ::serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.put(name, value);
    }

    /// An optional field, left out when `None`.
    pub(crate) fn optional<T: ::serde::Serialize>(
        &mut self,
        name: &'static str,
        value: &::std::option::Option<T>,
    ) {
        if value.is_some() {
            self.put(name, value);
        }
    }

    /// A read-only field, left out when `None` and from requests.
    pub(crate) fn read_only<T: ::serde::Serialize>(
        &mut self,
        name: &'static str,
        value: &::std::option::Option<T>,
    ) {
        if !crate::wire::read_only_unsent(value) {
            self.put(name, value);
        }
    }

    /// An optional nullable field, left out when absent and written as `null` when null.
    pub(crate) fn nullable<T: ::serde::Serialize>(
        &mut self,
        name: &'static str,
        value: &crate::Nullable<T>,
    ) {
        if !value.is_absent() {
            self.put(name, value);
        }
    }

    /// The properties the schema does not declare, each under its own name.
    pub(crate) fn additional<T: ::serde::Serialize>(
        &mut self,
        properties: &::std::collections::BTreeMap<::std::string::String, T>,
    ) {
        if !crate::wire::undeclared_unsent(properties) {
            for (name, value) in properties {
                self.put(name, value);
            }
        }
    }

    /// Ends the map, or returns the first error.
    pub(crate) fn end(self) -> ::std::result::Result<M::Ok, M::Error> {
        self.map?.end()
    }
}

#[cfg(test)]
mod tests {
    use super::Fields;
    use crate::Nullable;

    /// What the generator writes for a struct with each kind of field.
    struct Pet {
        name: String,
        owner: Option<String>,
        tag: Option<String>,
        note: Nullable<String>,
        additional_properties: ::std::collections::BTreeMap<String, ::serde_json::Value>,
    }

    impl ::serde::Serialize for Pet {
        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut fields = Fields::begin(serializer);
            fields.field("name", &self.name);
            fields.field("owner", &self.owner);
            fields.optional("tag", &self.tag);
            fields.nullable("note", &self.note);
            fields.additional(&self.additional_properties);
            fields.end()
        }
    }

    fn pet(note: Nullable<String>) -> Pet {
        Pet {
            name: "Rex".into(),
            owner: None,
            tag: None,
            note,
            additional_properties: [("age".to_owned(), ::serde_json::json!(3))].into(),
        }
    }

    #[test]
    fn fields_are_written_in_order_and_left_out_as_their_kind_says() {
        let text = serde_json::to_string(&pet(Nullable::Absent)).unwrap();
        assert_eq!(text, r#"{"name":"Rex","owner":null,"age":3}"#);
        let text = serde_json::to_string(&pet(Nullable::Null)).unwrap();
        assert_eq!(text, r#"{"name":"Rex","owner":null,"note":null,"age":3}"#);
    }

    #[test]
    fn the_first_error_is_returned() {
        // A value that cannot be written stops the encoding with its error.
        struct BadKey;
        impl ::serde::Serialize for BadKey {
            fn serialize<S: ::serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(::serde::ser::Error::custom("no encoding"))
            }
        }
        struct Holder(BadKey);
        impl ::serde::Serialize for Holder {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut fields = Fields::begin(serializer);
                fields.field("first", &self.0);
                fields.field("second", &1);
                fields.end()
            }
        }
        let error = serde_json::to_string(&Holder(BadKey)).unwrap_err();
        assert_eq!(error.to_string(), "no encoding");
    }
}
