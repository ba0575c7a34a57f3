//! `Nullable<T>`: a request field that can be left out, sent as `null`, or sent with a value.

/// A field that is optional *and* nullable on the wire.
///
/// - [`Nullable::Absent`] leaves the field out of the request: the server keeps its value.
/// - [`Nullable::Null`] sends `null`: the server clears the value.
/// - [`Nullable::Value`] sends the value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Nullable<T> {
    /// True when the field is left out of the request.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// True when the field is sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one.
    pub fn as_ref(&self) -> ::std::option::Option<&T> {
        match self {
            Nullable::Value(value) => ::std::option::Option::Some(value),
            _ => ::std::option::Option::None,
        }
    }

    /// The value, if there is one; absent and null both give `None`.
    pub fn into_option(self) -> ::std::option::Option<T> {
        match self {
            Nullable::Value(value) => ::std::option::Option::Some(value),
            _ => ::std::option::Option::None,
        }
    }
}

impl<T> ::std::convert::From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl ::std::convert::From<&str> for Nullable<::std::string::String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_owned())
    }
}

impl<T> ::std::convert::From<::std::option::Option<T>> for Nullable<T> {
    /// `Some` sends the value, `None` sends `null`.
    fn from(value: ::std::option::Option<T>) -> Self {
        match value {
            ::std::option::Option::Some(value) => Nullable::Value(value),
            ::std::option::Option::None => Nullable::Null,
        }
    }
}

impl<T: ::serde::Serialize> ::serde::Serialize for Nullable<T> {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Nullable<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        ::std::option::Option::<T>::deserialize(deserializer).map(::std::convert::Into::into)
    }
}
