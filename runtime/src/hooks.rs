//! Extension points: adjust every outgoing request, observe every response.

/// What a hook learns about a response (or a failed attempt).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ResponseInfo {
    /// The `operationId` of the call.
    pub operation_id: &'static str,
    pub method: ::reqwest::Method,
    /// The path template, e.g. `/users/{userId}`: never the URL, which may carry secrets.
    pub path_template: &'static str,
    /// `None` when no response arrived (transport error or timeout).
    pub status: ::std::option::Option<::reqwest::StatusCode>,
    /// The response headers (empty when no response arrived).
    pub headers: ::reqwest::header::HeaderMap,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// Time since this attempt was sent.
    pub elapsed: ::std::time::Duration,
}

/// Hooks a [`crate::ClientBuilder`] installs on every request of the client.
///
/// `on_request` may change anything (add headers, sign the body); it runs on every attempt,
/// after authentication was added. `on_response` sees every attempt's outcome.
pub trait Hooks: ::std::marker::Send + ::std::marker::Sync + 'static {
    fn on_request(&self, request: &mut ::reqwest::Request) {
        let _ = request;
    }

    fn on_response(&self, response: &ResponseInfo) {
        let _ = response;
    }
}
