//! Unwrapping of response envelopes that carry data next to errors and warnings.

/// The data of a successful enveloped response, with the warnings the server sent along.
#[derive(Debug, Clone, PartialEq)]
pub struct Enveloped<T, M> {
    pub data: T,
    pub warnings: ::std::vec::Vec<M>,
}

/// An enveloped response that reported failure (or carried no data).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the API reported {} error(s) and {} warning(s)", errors.len(), warnings.len())]
pub struct EnvelopeError<M: ::std::fmt::Debug> {
    pub errors: ::std::vec::Vec<M>,
    pub warnings: ::std::vec::Vec<M>,
}
