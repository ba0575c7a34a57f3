//! The error type every operation returns, and [`AnyError`], which all of them convert into.

/// The call an error comes from; every error message starts with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The `operationId`.
    pub id: &'static str,
    pub method: &'static str,
    /// The path template, e.g. `/users/{userId}`: never the URL, which may carry secrets.
    pub path: &'static str,
}

impl ::std::fmt::Display for Operation {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "{} ({} {})", self.id, self.method, self.path)
    }
}

/// A response body kept for diagnosis. `Debug` and [`RawBody::text`] show it as text.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawBody(::std::vec::Vec<u8>);

impl RawBody {
    pub(crate) fn new(bytes: ::std::vec::Vec<u8>) -> Self {
        RawBody(bytes)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn into_bytes(self) -> ::std::vec::Vec<u8> {
        self.0
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> ::std::borrow::Cow<'_, str> {
        ::std::string::String::from_utf8_lossy(&self.0)
    }

    /// The start of the body on one line, for messages.
    fn excerpt(&self) -> ::std::string::String {
        excerpt(&self.text())
    }
}

impl ::std::fmt::Debug for RawBody {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.text(), f)
    }
}

/// At most 200 characters of `text`, whitespace runs collapsed.
fn excerpt(text: &str) -> ::std::string::String {
    const LIMIT: usize = 200;
    let collapsed: ::std::string::String = text
        .split_whitespace()
        .collect::<::std::vec::Vec<_>>()
        .join(" ");
    match collapsed.char_indices().nth(LIMIT) {
        ::std::option::Option::Some((cut, _)) => format!("{}…", &collapsed[..cut]),
        ::std::option::Option::None => collapsed,
    }
}

/// Everything that can go wrong when calling the API.
///
/// `E` is the operation's own enum of documented error responses (`<Operation>Error` in
/// [`crate::operations`]), so a caller can match on the statuses the API describes and
/// still see everything else. Any `Error<E>` converts into [`AnyError`] (so `?` works in a
/// function that calls several operations).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error status the API documents; `error` holds its decoded body.
    Api {
        operation: Operation,
        status: ::reqwest::StatusCode,
        headers: ::reqwest::header::HeaderMap,
        error: E,
    },
    /// The server answered with a status the API does not document for this operation.
    UnexpectedStatus {
        operation: Operation,
        status: ::reqwest::StatusCode,
        headers: ::reqwest::header::HeaderMap,
        body: RawBody,
    },
    /// The response body did not match the documented schema.
    Decode {
        operation: Operation,
        status: ::reqwest::StatusCode,
        /// Where in the JSON document decoding failed, e.g. `Data.UserType`.
        path: ::std::string::String,
        message: ::std::string::String,
        body: RawBody,
    },
    /// The request or the response took longer than the configured timeout.
    Timeout { operation: Operation },
    /// The request could not be sent or the response could not be read.
    Transport {
        operation: Operation,
        source: ::reqwest::Error,
    },
    /// The response body is larger than the client accepts
    /// ([`crate::ClientBuilder::max_response_size`]); reading stopped at the limit.
    ResponseTooLarge {
        operation: Operation,
        status: ::reqwest::StatusCode,
        limit: u64,
    },
    /// The request could not be built (for example, a body that does not serialize, or a
    /// header value with a line break).
    InvalidRequest {
        operation: Operation,
        message: ::std::string::String,
    },
}

impl<E: ::std::fmt::Debug> ::std::fmt::Display for Error<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Error::Api {
                operation,
                status,
                error,
                ..
            } => write!(
                f,
                "{operation}: documented error status {status}: {}",
                excerpt(&format!("{error:?}"))
            ),
            Error::UnexpectedStatus {
                operation,
                status,
                body,
                ..
            } => write!(
                f,
                "{operation}: unexpected status {status}: {}",
                body.excerpt()
            ),
            Error::Decode {
                operation,
                status,
                path,
                message,
                body,
            } => write!(
                f,
                "{operation}: the {status} response body does not match its schema at `{path}`: {message} (body: {})",
                body.excerpt()
            ),
            Error::Timeout { operation } => write!(f, "{operation}: the request timed out"),
            Error::Transport { operation, source } => {
                write!(f, "{operation}: transport error: {source}")
            }
            Error::ResponseTooLarge {
                operation,
                status,
                limit,
            } => write!(
                f,
                "{operation}: the {status} response body is larger than the limit of {limit} bytes"
            ),
            Error::InvalidRequest { operation, message } => {
                write!(f, "{operation}: invalid request: {message}")
            }
        }
    }
}

impl<E: ::std::fmt::Debug> ::std::error::Error for Error<E> {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => ::std::option::Option::Some(source),
            _ => ::std::option::Option::None,
        }
    }
}

impl<E> Error<E> {
    /// The call that failed.
    pub fn operation(&self) -> Operation {
        match self {
            Error::Api { operation, .. }
            | Error::UnexpectedStatus { operation, .. }
            | Error::Decode { operation, .. }
            | Error::Timeout { operation }
            | Error::Transport { operation, .. }
            | Error::ResponseTooLarge { operation, .. }
            | Error::InvalidRequest { operation, .. } => *operation,
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> ::std::option::Option<::reqwest::StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. } => ::std::option::Option::Some(*status),
            _ => ::std::option::Option::None,
        }
    }

    /// The documented error body, if the server sent one.
    pub fn api_error(&self) -> ::std::option::Option<&E> {
        match self {
            Error::Api { error, .. } => ::std::option::Option::Some(error),
            _ => ::std::option::Option::None,
        }
    }

    /// The raw body of an undocumented or undecodable response, as text (lossy UTF-8).
    pub fn body_text(&self) -> ::std::option::Option<::std::string::String> {
        match self {
            Error::UnexpectedStatus { body, .. } | Error::Decode { body, .. } => {
                ::std::option::Option::Some(body.text().into_owned())
            }
            _ => ::std::option::Option::None,
        }
    }

    pub(crate) fn from_transport(operation: Operation, error: ::reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout { operation }
        } else {
            Error::Transport {
                operation,
                // The URL may carry an API key in its query: never shown.
                source: error.without_url(),
            }
        }
    }

    pub(crate) fn from_failure(operation: Operation, failure: crate::client::Failure) -> Self {
        match failure {
            crate::client::Failure::Transport(error) => Self::from_transport(operation, error),
            crate::client::Failure::TooLarge { status, limit } => Error::ResponseTooLarge {
                operation,
                status,
                limit,
            },
        }
    }

    /// The same error with its documented body converted by `convert`.
    pub fn map_api_error<F>(self, convert: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Api {
                operation,
                status,
                headers,
                error,
            } => Error::Api {
                operation,
                status,
                headers,
                error: convert(error),
            },
            Error::UnexpectedStatus {
                operation,
                status,
                headers,
                body,
            } => Error::UnexpectedStatus {
                operation,
                status,
                headers,
                body,
            },
            Error::Decode {
                operation,
                status,
                path,
                message,
                body,
            } => Error::Decode {
                operation,
                status,
                path,
                message,
                body,
            },
            Error::Timeout { operation } => Error::Timeout { operation },
            Error::Transport { operation, source } => Error::Transport { operation, source },
            Error::ResponseTooLarge {
                operation,
                status,
                limit,
            } => Error::ResponseTooLarge {
                operation,
                status,
                limit,
            },
            Error::InvalidRequest { operation, message } => {
                Error::InvalidRequest { operation, message }
            }
        }
    }
}

/// The documented error enums of the operations (`<Operation>Error`).
pub trait DocumentedError:
    ::std::fmt::Debug + ::std::marker::Send + ::std::marker::Sync + 'static
{
    /// The value, to downcast from [`AnyApiError`].
    fn as_any(&self) -> &(dyn ::std::any::Any + ::std::marker::Send + ::std::marker::Sync);
}

/// Any operation's documented error body; [`AnyApiError::downcast_ref`] gets the operation's
/// own enum back.
pub struct AnyApiError(::std::boxed::Box<dyn DocumentedError>);

impl AnyApiError {
    pub fn downcast_ref<E: DocumentedError>(&self) -> ::std::option::Option<&E> {
        self.0.as_any().downcast_ref::<E>()
    }
}

impl ::std::fmt::Debug for AnyApiError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.0, f)
    }
}

/// The error of any operation: what `?` gives in a function calling several of them.
pub type AnyError = Error<AnyApiError>;

impl<E: DocumentedError> ::std::convert::From<Error<E>> for Error<AnyApiError> {
    fn from(error: Error<E>) -> Self {
        error.map_api_error(|error| AnyApiError(::std::boxed::Box::new(error)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_are_short_and_on_one_line() {
        assert_eq!(super::excerpt("a\n  b"), "a b");
        let long = "x".repeat(300);
        assert_eq!(super::excerpt(&long).chars().count(), 201);
    }
}
