//! The runtime every generated client carries: the HTTP client and its builder, errors,
//! retries, hooks, pagination, redirects and the wire encodings.
//!
//! The generator copies these files (all but this one, and without their tests) into each
//! crate it writes, next to that crate's own `auth`, `models` and `operations`. This crate
//! compiles them once, with stand-ins for those per-API parts, so the runtime is built,
//! linted and tested here rather than inside every generated crate.

#![forbid(unsafe_code)]
#![allow(
    dead_code,
    unused_imports,
    unused_macros,
    reason = "generated operations use the runtime; here only its tests do"
)]

mod call;
mod client;
mod decode;
mod encode;
mod envelope;
mod error;
mod hooks;
mod lenient;
mod nullable;
mod pagination;
mod redirect;
mod request_builder;
mod retry;
mod wire;

pub use call::Call;
pub use client::{BuildError, Client, ClientBuilder, Response, Secret, DEFAULT_MAX_RESPONSE_SIZE};
pub use envelope::{EnvelopeError, Enveloped};
pub use error::{AnyApiError, AnyError, DocumentedError, Error, Operation, RawBody};
pub use hooks::{Hooks, ResponseInfo};
pub use nullable::Nullable;
pub use pagination::{PageQuery, Pages, Paginate};
pub use redirect::redirect_policy;
pub use retry::RetryPolicy;
pub use wire::File;

/// Stand-in for a generated crate's default server.
pub const DEFAULT_BASE_URL: Option<&str> = None;

/// Stand-in for a generated crate's operations (one request builder and error enum each).
pub mod operations {}

/// Stand-in for a generated crate's credentials: one bearer scheme.
mod auth {
    /// The API's security schemes.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Scheme {
        Bearer,
    }

    /// The credentials a client was given.
    #[derive(Debug, Clone, Default)]
    pub(crate) struct Credentials {
        bearer: Option<crate::Secret>,
    }

    impl Credentials {
        /// Adds the credentials of every scheme the operation accepts that the client has.
        pub(crate) fn apply(
            &self,
            schemes: &[Scheme],
            mut builder: reqwest::RequestBuilder,
        ) -> reqwest::RequestBuilder {
            for Scheme::Bearer in schemes {
                if let Some(secret) = &self.bearer {
                    builder = builder.bearer_auth(secret.expose());
                }
            }
            builder
        }
    }
}
