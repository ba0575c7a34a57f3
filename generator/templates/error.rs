//! The error type every operation returns.

/// Everything that can go wrong when calling the API.
///
/// `E` is the operation's own enum of documented error responses (`<Operation>Error` in
/// [`crate::operations`]), so a caller can match on the statuses the API describes and
/// still see everything else.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error status the API documents; `error` holds its decoded body.
    #[error("the server answered with documented error status {status}")]
    Api {
        status: ::reqwest::StatusCode,
        headers: ::reqwest::header::HeaderMap,
        error: E,
    },
    /// The server answered with a status the API does not document for this operation.
    #[error("the server answered with unexpected status {status}")]
    UnexpectedStatus {
        status: ::reqwest::StatusCode,
        headers: ::reqwest::header::HeaderMap,
        /// The raw response body, kept for diagnosis.
        body: ::std::vec::Vec<u8>,
    },
    /// The response body did not match the documented schema.
    #[error("failed to decode the response body at `{path}`: {message}")]
    Decode {
        status: ::reqwest::StatusCode,
        /// Where in the JSON document decoding failed, e.g. `Data.UserType`.
        path: ::std::string::String,
        message: ::std::string::String,
        /// The raw response body, kept for diagnosis.
        body: ::std::vec::Vec<u8>,
    },
    /// The request or the response took longer than the configured timeout.
    #[error("the request timed out")]
    Timeout,
    /// The request could not be sent or the response could not be read.
    #[error("transport error: {0}")]
    Transport(#[source] ::reqwest::Error),
    /// The request could not be built (for example, an argument is not a valid header value).
    #[error("invalid request: {0}")]
    InvalidRequest(::std::string::String),
}

impl<E> Error<E> {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> ::std::option::Option<::reqwest::StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. } => ::std::option::Option::Some(*status),
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
                ::std::option::Option::Some(
                    ::std::string::String::from_utf8_lossy(body).into_owned(),
                )
            }
            _ => ::std::option::Option::None,
        }
    }

    pub(crate) fn from_transport(error: ::reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout
        } else {
            Error::Transport(error)
        }
    }
}
