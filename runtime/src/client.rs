//! The `Client`: configuration, authentication and the one request-sending path every operation shares.
#![allow(
    clippy::result_large_err,
    reason = "errors keep the response's status, headers and body for diagnosis"
)]

use ::std::sync::Arc;
use ::std::time::Duration;

/// A secret (token, key, password) that never shows in `Debug` output or logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(::std::string::String);

impl Secret {
    pub fn new(value: impl ::std::convert::Into<::std::string::String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself; only call this to send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl ::std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Why a [`ClientBuilder`] could not build a client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No base URL was set and the API description has no absolute default.
    #[error("no base URL: set one with `ClientBuilder::base_url`")]
    MissingBaseUrl,
    /// The base URL is not an absolute `http` or `https` URL.
    #[error("invalid base URL {0:?}: expected an absolute http(s) URL")]
    InvalidBaseUrl(::std::string::String),
    /// The user agent is not a valid header value.
    #[error("invalid user agent {0:?}")]
    InvalidUserAgent(::std::string::String),
    /// A default header's name or value is not valid in HTTP.
    #[error("invalid default header {0:?}")]
    InvalidHeader(::std::string::String),
    /// The underlying HTTP client could not be created.
    #[error("failed to build the HTTP client: {0}")]
    Http(#[source] ::reqwest::Error),
}

/// A client for the API. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: ::std::string::String,
    http: ::reqwest::Client,
    credentials: crate::auth::Credentials,
    timeout: ::std::option::Option<Duration>,
    retry: crate::RetryPolicy,
    hooks: ::std::vec::Vec<Arc<dyn crate::Hooks>>,
    default_headers: ::reqwest::header::HeaderMap,
    max_response_size: u64,
}

/// The largest response body read by default: 64 MiB (see [`ClientBuilder::max_response_size`]).
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 64 * 1024 * 1024;

/// Why an attempt has no response to decode.
pub(crate) enum Failure {
    Transport(::reqwest::Error),
    TooLarge {
        status: ::reqwest::StatusCode,
        limit: u64,
    },
}

impl ::std::fmt::Display for Failure {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Failure::Transport(error) => ::std::fmt::Display::fmt(error, f),
            Failure::TooLarge { limit, .. } => write!(f, "response body over {limit} bytes"),
        }
    }
}

/// Reads a response body, stopping with [`Failure::TooLarge`] as soon as it passes `limit`.
async fn read_body(
    mut response: ::reqwest::Response,
    limit: u64,
) -> ::std::result::Result<::std::vec::Vec<u8>, Failure> {
    let too_large = Failure::TooLarge {
        status: response.status(),
        limit,
    };
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return ::std::result::Result::Err(too_large);
    }
    let mut body = ::std::vec::Vec::new();
    while let ::std::option::Option::Some(chunk) =
        response.chunk().await.map_err(Failure::Transport)?
    {
        if (body.len() + chunk.len()) as u64 > limit {
            return ::std::result::Result::Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    ::std::result::Result::Ok(body)
}

impl ::std::fmt::Debug for Client {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field("hooks", &self.inner.hooks.len())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client; the base URL defaults to [`crate::DEFAULT_BASE_URL`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL every path is appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends `request` and decodes the response with `decode`. The request goes through
    /// [`Client::transport`], the one async path every operation shares: an operation only
    /// builds its request and decodes its statuses.
    pub(crate) fn call<'a, T: 'a, E: 'a>(
        &'a self,
        request: Request,
        decode: fn(RawResponse) -> ::std::result::Result<T, crate::Error<E>>,
    ) -> crate::Call<'a, ::std::result::Result<T, crate::Error<E>>> {
        crate::Call::new(self.transport(request), move |arrived| {
            decode(widen(arrived)?)
        })
    }

    /// [`Client::call`], keeping the status and headers next to the decoded body.
    pub(crate) fn call_with_response<'a, T: 'a, E: 'a>(
        &'a self,
        request: Request,
        decode: fn(RawResponse) -> ::std::result::Result<T, crate::Error<E>>,
    ) -> crate::Call<'a, ::std::result::Result<Response<T>, crate::Error<E>>> {
        crate::Call::new(self.transport(request), move |arrived| {
            let response = widen(arrived)?;
            let (status, headers) = (response.status, response.headers.clone());
            decode(response).map(|body| Response {
                status,
                headers,
                body,
            })
        })
    }

    /// Checks `request`, then sends it as the retry policy allows: the response, or why
    /// there is none.
    fn transport(
        &self,
        mut request: Request,
    ) -> crate::call::Transport<'_, ::std::result::Result<RawResponse, Unanswered>> {
        ::std::boxed::Box::pin(async move {
            let operation = request.operation;
            request.check()?;
            self.execute(request)
                .await
                .map_err(|e| crate::Error::from_failure(operation, e))
        })
    }

    /// Sends `request`, retrying as the retry policy allows; returns the last outcome.
    pub(crate) async fn execute(
        &self,
        request: Request,
    ) -> ::std::result::Result<RawResponse, Failure> {
        use ::tracing::Instrument;
        let span = ::tracing::debug_span!(
            "request",
            operation = request.operation.id,
            method = %request.method,
            path = request.operation.path,
        );
        async move {
            let policy = request.retry.as_ref().unwrap_or(&self.inner.retry);
            let retry_allowed = policy.allows(&request.method);
            let started = ::tokio::time::Instant::now();
            let mut attempt = 1;
            loop {
                let sent = ::tokio::time::Instant::now();
                let outcome = self.send_once(&request).await;
                let elapsed = sent.elapsed();
                if !self.inner.hooks.is_empty() {
                    let info = crate::ResponseInfo {
                        operation_id: request.operation.id,
                        method: request.method.clone(),
                        path_template: request.operation.path,
                        status: outcome.as_ref().ok().map(|r| r.status),
                        headers: outcome.as_ref().map(|r| r.headers.clone()).unwrap_or_default(),
                        attempt,
                        elapsed,
                    };
                    for hook in &self.inner.hooks {
                        hook.on_response(&info);
                    }
                }
                let retry_after = match &outcome {
                    ::std::result::Result::Ok(response) => {
                        ::tracing::debug!(attempt, status = response.status.as_u16(), elapsed_ms = elapsed.as_millis() as u64, "response");
                        crate::retry::is_retryable_status(response.status)
                            .then(|| crate::retry::retry_after(&response.headers))
                    }
                    ::std::result::Result::Err(failure) => {
                        ::tracing::debug!(attempt, error = %failure, elapsed_ms = elapsed.as_millis() as u64, "no response");
                        match failure {
                            Failure::Transport(error) if error.is_connect() => {
                                ::std::option::Option::Some(::std::option::Option::None)
                            }
                            _ => ::std::option::Option::None,
                        }
                    }
                };
                let delay = match retry_after {
                    ::std::option::Option::Some(retry_after) if retry_allowed => {
                        policy.delay(attempt, started.elapsed(), retry_after)
                    }
                    _ => ::std::option::Option::None,
                };
                let ::std::option::Option::Some(delay) = delay else {
                    return outcome;
                };
                ::tracing::info!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                ::tokio::time::sleep(delay).await;
                attempt += 1;
            }
        }
        .instrument(span)
        .await
    }

    async fn send_once(&self, request: &Request) -> ::std::result::Result<RawResponse, Failure> {
        let response = self
            .send_unread(request)
            .await
            .map_err(|e| Failure::Transport(e.without_url()))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = read_body(response, self.inner.max_response_size).await?;
        ::std::result::Result::Ok(RawResponse {
            operation: request.operation,
            status,
            headers,
            body,
        })
    }

    /// Sends `request` once and returns the response with its body not yet read. A redirect
    /// to another origin is followed without credentials, cookies, headers or hooks: only the
    /// body goes there (for 307 and 308).
    async fn send_unread(
        &self,
        request: &Request,
    ) -> ::std::result::Result<::reqwest::Response, ::reqwest::Error> {
        let mut response = self.send_to_api(request).await?;
        for _ in 0..crate::redirect::MAX_HOPS {
            let ::std::option::Option::Some(hop) =
                crate::redirect::cross_origin(&response, &request.method)
            else {
                break;
            };
            let mut builder = self.inner.http.request(hop.method, hop.url);
            if let ::std::option::Option::Some(timeout) = request.timeout.or(self.inner.timeout) {
                builder = builder.timeout(timeout);
            }
            if hop.keeps_body {
                builder = self.with_body(builder, request);
            }
            response = self.inner.http.execute(builder.build()?).await?;
        }
        ::std::result::Result::Ok(response)
    }

    /// Sends `request` to the API with everything it carries.
    async fn send_to_api(
        &self,
        request: &Request,
    ) -> ::std::result::Result<::reqwest::Response, ::reqwest::Error> {
        let url = format!("{}{}", self.inner.base_url, request.path);
        let mut builder = self.inner.http.request(request.method.clone(), url);
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        for (name, value) in &self.inner.default_headers {
            builder = builder.header(name, value);
        }
        for (name, value) in &request.headers {
            builder = builder.header(name.as_ref(), value);
        }
        if !request.cookies.is_empty() {
            builder = builder.header(::reqwest::header::COOKIE, request.cookies.join("; "));
        }
        builder = self.inner.credentials.apply(request.auth, builder);
        if let ::std::option::Option::Some(timeout) = request.timeout.or(self.inner.timeout) {
            builder = builder.timeout(timeout);
        }
        builder = self.with_body(builder, request);
        let mut http_request = builder.build()?;
        for hook in &self.inner.hooks {
            hook.on_request(&mut http_request);
        }
        self.inner.http.execute(http_request).await
    }

    fn with_body(
        &self,
        mut builder: ::reqwest::RequestBuilder,
        request: &Request,
    ) -> ::reqwest::RequestBuilder {
        if let ::std::option::Option::Some((content_type, body)) = &request.body {
            builder = builder
                .header(::reqwest::header::CONTENT_TYPE, *content_type)
                .body(body.clone());
        }
        if let ::std::option::Option::Some(parts) = &request.multipart {
            builder = builder.multipart(parts.to_form());
        }
        builder
    }

    /// Sends `request` once; a success comes back with its body unread (to stream a large
    /// download), any other status is read and decoded with `decode` as usual.
    pub(crate) fn call_streaming<'a, T: 'a, E: 'a>(
        &'a self,
        request: Request,
        decode: fn(RawResponse) -> ::std::result::Result<T, crate::Error<E>>,
    ) -> crate::Call<'a, ::std::result::Result<::reqwest::Response, crate::Error<E>>> {
        crate::Call::new(self.transport_streaming(request), move |arrived| {
            let raw = match widen(arrived)? {
                Streamed::Success(response) => return ::std::result::Result::Ok(response),
                Streamed::Failure(raw) => raw,
            };
            let (operation, status, headers, body) = (
                raw.operation,
                raw.status,
                raw.headers.clone(),
                raw.body.clone(),
            );
            ::std::result::Result::Err(match decode(raw) {
                ::std::result::Result::Err(error) => error,
                ::std::result::Result::Ok(_) => crate::Error::UnexpectedStatus {
                    operation,
                    status,
                    headers,
                    body: crate::RawBody::new(body),
                },
            })
        })
    }

    /// Checks `request` and sends it once, reading the body only of a status that is not a
    /// success.
    fn transport_streaming(
        &self,
        mut request: Request,
    ) -> crate::call::Transport<'_, ::std::result::Result<Streamed, Unanswered>> {
        ::std::boxed::Box::pin(async move {
            let operation = request.operation;
            request.check()?;
            let response = self
                .send_unread(&request)
                .await
                .map_err(|e| crate::Error::from_transport(operation, e))?;
            if response.status().is_success() {
                return ::std::result::Result::Ok(Streamed::Success(response));
            }
            let status = response.status();
            let headers = response.headers().clone();
            let body = read_body(response, self.inner.max_response_size)
                .await
                .map_err(|e| crate::Error::from_failure(operation, e))?;
            ::std::result::Result::Ok(Streamed::Failure(RawResponse {
                operation,
                status,
                headers,
                body,
            }))
        })
    }
}

/// Why a request got no response to decode: it was invalid, or the transport failed. An
/// error of no operation in particular, so the transport is not generic.
type Unanswered = crate::Error<::std::convert::Infallible>;

/// [`Unanswered`] as the error of the operation at hand.
fn widen<T, E>(
    arrived: ::std::result::Result<T, Unanswered>,
) -> ::std::result::Result<T, crate::Error<E>> {
    arrived.map_err(|error| error.map_api_error(|never| match never {}))
}

/// A streamed request's response: a success with its body unread, or another status read.
enum Streamed {
    Success(::reqwest::Response),
    Failure(RawResponse),
}

/// Configures a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    base_url: ::std::option::Option<::std::string::String>,
    timeout: ::std::option::Option<Duration>,
    user_agent: ::std::option::Option<::std::string::String>,
    http: ::std::option::Option<::reqwest::Client>,
    retry: crate::RetryPolicy,
    hooks: ::std::vec::Vec<Arc<dyn crate::Hooks>>,
    default_headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    max_response_size: ::std::option::Option<u64>,
    pub(crate) credentials: crate::auth::Credentials,
}

impl ::std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Overrides the base URL (scheme, host and path prefix), e.g. for a staging server.
    pub fn base_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.base_url = ::std::option::Option::Some(url.into());
        self
    }

    /// Fails any request that takes longer than `timeout` as a whole; off by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = ::std::option::Option::Some(timeout);
        self
    }

    /// The largest response body the client reads into memory (default
    /// [`DEFAULT_MAX_RESPONSE_SIZE`]); a larger one fails with
    /// [`crate::Error::ResponseTooLarge`]. Streamed downloads (`send_streaming`) are not limited.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = ::std::option::Option::Some(bytes);
        self
    }

    /// How failed attempts are retried (default: [`crate::RetryPolicy::default`]).
    pub fn retry(mut self, policy: crate::RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends this header on every request (e.g. an API version or a key the API documents
    /// only in prose). Repeat to add more; checked when the client is built.
    pub fn default_header(
        mut self,
        name: impl ::std::convert::Into<::std::string::String>,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Adds a hook that sees every request before it is sent and every response.
    pub fn hook(mut self, hook: impl crate::Hooks) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Sets the `User-Agent` header (default: this crate's name and version).
    pub fn user_agent(
        mut self,
        user_agent: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.user_agent = ::std::option::Option::Some(user_agent.into());
        self
    }

    /// Uses your own `reqwest::Client` (proxies, TLS roots, connection pools...).
    ///
    /// The user agent set here is then ignored: configure it on your client. So is this
    /// crate's redirect policy, which never sends credentials to another origin: build yours
    /// with `.redirect(`[`crate::redirect_policy`]`())` to keep that guarantee.
    pub fn http_client(mut self, client: ::reqwest::Client) -> Self {
        self.http = ::std::option::Option::Some(client);
        self
    }

    pub fn build(self) -> ::std::result::Result<Client, BuildError> {
        let base_url = self
            .base_url
            .or_else(|| crate::DEFAULT_BASE_URL.map(::std::borrow::ToOwned::to_owned))
            .ok_or(BuildError::MissingBaseUrl)?;
        let base_url = base_url.trim_end_matches('/').to_owned();
        if ::reqwest::Url::parse(&base_url)
            .map_or(true, |url| !matches!(url.scheme(), "http" | "https"))
        {
            return ::std::result::Result::Err(BuildError::InvalidBaseUrl(base_url));
        }
        let http = match self.http {
            ::std::option::Option::Some(http) => http,
            ::std::option::Option::None => {
                let user_agent = self.user_agent.unwrap_or_else(|| {
                    format!("{}/{}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
                });
                let header = ::reqwest::header::HeaderValue::from_str(&user_agent)
                    .map_err(|_| BuildError::InvalidUserAgent(user_agent.clone()))?;
                ::reqwest::Client::builder()
                    .user_agent(header)
                    .redirect(crate::redirect_policy())
                    .build()
                    .map_err(BuildError::Http)?
            }
        };
        let mut default_headers = ::reqwest::header::HeaderMap::new();
        for (name, value) in self.default_headers {
            let name_parsed = ::reqwest::header::HeaderName::from_bytes(name.as_bytes());
            let value_parsed = ::reqwest::header::HeaderValue::from_str(&value);
            match (name_parsed, value_parsed) {
                (::std::result::Result::Ok(name), ::std::result::Result::Ok(value)) => {
                    default_headers.append(name, value);
                }
                _ => return ::std::result::Result::Err(BuildError::InvalidHeader(name)),
            }
        }
        ::std::result::Result::Ok(Client {
            inner: Arc::new(Inner {
                base_url,
                http,
                credentials: self.credentials,
                timeout: self.timeout,
                retry: self.retry,
                hooks: self.hooks,
                default_headers,
                max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
            }),
        })
    }
}

/// One request, fully described, before it is sent.
pub(crate) struct Request {
    pub operation: crate::Operation,
    pub method: ::reqwest::Method,
    /// The path after the base URL, parameters already percent-encoded.
    pub path: ::std::string::String,
    pub query: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    pub headers: ::std::vec::Vec<(::std::borrow::Cow<'static, str>, ::std::string::String)>,
    pub cookies: ::std::vec::Vec<::std::string::String>,
    pub body: ::std::option::Option<(&'static str, ::std::vec::Vec<u8>)>,
    /// A `multipart/form-data` body (sent with its boundary in the content type).
    pub multipart: ::std::option::Option<crate::wire::Multipart>,
    /// Why the request cannot be sent (a body that does not serialize), reported by `call`.
    pub invalid: ::std::option::Option<::std::string::String>,
    pub auth: &'static [crate::auth::Scheme],
    pub timeout: ::std::option::Option<Duration>,
    pub retry: ::std::option::Option<crate::RetryPolicy>,
}

#[allow(dead_code)]
impl Request {
    pub(crate) fn new(
        operation: crate::Operation,
        method: ::reqwest::Method,
        path: ::std::string::String,
        auth: &'static [crate::auth::Scheme],
    ) -> Self {
        Request {
            operation,
            method,
            path,
            query: ::std::vec::Vec::new(),
            headers: ::std::vec::Vec::new(),
            cookies: ::std::vec::Vec::new(),
            body: ::std::option::Option::None,
            multipart: ::std::option::Option::None,
            invalid: ::std::option::Option::None,
            auth,
            timeout: ::std::option::Option::None,
            retry: ::std::option::Option::None,
        }
    }

    /// Serializes `body` as JSON.
    pub(crate) fn json<T: ::serde::Serialize>(&mut self, content_type: &'static str, body: &T) {
        match crate::wire::encoding_for(crate::wire::Purpose::Request, || {
            ::serde_json::to_vec(body)
        }) {
            ::std::result::Result::Ok(bytes) => {
                self.body = ::std::option::Option::Some((content_type, bytes));
            }
            ::std::result::Result::Err(e) => {
                self.invalid =
                    ::std::option::Option::Some(format!("cannot serialize the body: {e}"));
            }
        }
    }

    /// Adds `value` to the query string as OpenAPI's default (`form`, exploded) says;
    /// `None` (JSON null) adds nothing.
    pub(crate) fn query<T: ::serde::Serialize>(&mut self, name: &'static str, value: &T) {
        self.query_styled(name, value, crate::wire::Style::Form, true);
    }

    /// Adds `value` to the query string as its `style` and `explode` say (see
    /// [`crate::wire::style_pairs`]); `None` (JSON null) adds nothing.
    pub(crate) fn query_styled<T: ::serde::Serialize>(
        &mut self,
        name: &'static str,
        value: &T,
        style: crate::wire::Style,
        explode: bool,
    ) {
        if let ::std::result::Result::Ok(value) = crate::wire::sent(value) {
            crate::wire::style_pairs(name, &value, style, explode, &mut self.query);
        }
    }

    /// Encodes `body` (an object) as `application/x-www-form-urlencoded`, each property as
    /// the API's `encoding` map says.
    pub(crate) fn form<T: ::serde::Serialize>(
        &mut self,
        content_type: &'static str,
        body: &T,
        encodings: &crate::wire::Encodings,
    ) {
        let encoded = crate::wire::sent(body)
            .map_err(|e| format!("cannot serialize the body: {e}"))
            .and_then(|value| crate::wire::form_body(&value, encodings));
        match encoded {
            ::std::result::Result::Ok(bytes) => {
                self.body = ::std::option::Option::Some((content_type, bytes));
            }
            ::std::result::Result::Err(message) => {
                self.invalid = ::std::option::Option::Some(message);
            }
        }
    }

    /// Adds a cookie, its value percent-encoded where a cookie value cannot hold a character
    /// (`;` would start another cookie); `None` (JSON null) adds nothing.
    pub(crate) fn cookie<T: ::serde::Serialize>(&mut self, name: &'static str, value: &T) {
        if let ::std::option::Option::Some(text) = optional_param(value) {
            let text = ::percent_encoding::utf8_percent_encode(&text, COOKIE_VALUE);
            self.cookies.push(format!("{name}={text}"));
        }
    }

    /// Adds a header; `None` (JSON null) adds nothing.
    pub(crate) fn header<T: ::serde::Serialize>(&mut self, name: &'static str, value: &T) {
        if let ::std::option::Option::Some(text) = optional_param(value) {
            self.push_header(::std::borrow::Cow::Borrowed(name), text);
        }
    }

    /// Adds a header whose name and value HTTP allows; any other makes the request invalid
    /// (a line break in a value must never start another header).
    fn push_header(
        &mut self,
        name: ::std::borrow::Cow<'static, str>,
        value: ::std::string::String,
    ) {
        let valid = ::reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
            && ::reqwest::header::HeaderValue::from_str(&value).is_ok();
        if !valid {
            self.invalid.get_or_insert_with(|| {
                format!("the header `{name}` has a name or value HTTP does not allow (a line break or a control character)")
            });
            return;
        }
        self.headers.push((name, value));
    }

    /// Why the request must not be sent: set while it was built, or a path parameter that is
    /// `.` or `..`, which URL parsers resolve into another path.
    /// [`Request::problem`] as the error the call ends with.
    fn check(&mut self) -> ::std::result::Result<(), Unanswered> {
        match self.problem() {
            ::std::option::Option::Some(message) => {
                ::std::result::Result::Err(crate::Error::InvalidRequest {
                    operation: self.operation,
                    message,
                })
            }
            ::std::option::Option::None => ::std::result::Result::Ok(()),
        }
    }

    fn problem(&mut self) -> ::std::option::Option<::std::string::String> {
        if let ::std::option::Option::Some(message) = self.invalid.take() {
            return ::std::option::Option::Some(message);
        }
        let dot_segment = self.path.split('/').any(|segment| {
            matches!(
                segment.to_ascii_lowercase().as_str(),
                "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e."
            )
        });
        dot_segment.then(|| {
            format!(
                "the path {:?} has a `.` or `..` segment, which would leave the operation's path",
                self.path
            )
        })
    }

    /// Applies what the caller set on the request builder.
    pub(crate) fn options(&mut self, options: crate::request_builder::RequestOptions) {
        self.timeout = options.timeout;
        self.retry = options.retry;
        // A header set on the builder replaces the one the operation would send.
        for (name, value) in options.headers {
            self.headers
                .retain(|(existing, _)| !existing.eq_ignore_ascii_case(&name));
            self.push_header(::std::borrow::Cow::Owned(name), value);
        }
        match options.page_query {
            ::std::option::Option::Some(query) => self.query = query,
            ::std::option::Option::None => self.query.extend(options.query),
        }
    }
}

/// A decoded body with the status and headers it came with (from a builder's `send_with_response`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    pub status: ::reqwest::StatusCode,
    pub headers: ::reqwest::header::HeaderMap,
    pub body: T,
}

impl<T> Response<T> {
    /// The URL of the next page from a `Link` header (RFC 8288, `rel="next"`), as GitHub and
    /// many other APIs paginate.
    pub fn next_link(&self) -> ::std::option::Option<::std::string::String> {
        self.headers
            .get_all(::reqwest::header::LINK)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .find_map(|link| {
                let (target, params) = link.trim().split_once(';')?;
                let is_next = params.split(';').any(|param| {
                    let param = param.trim().to_ascii_lowercase();
                    param
                        .strip_prefix("rel=")
                        .is_some_and(|rel| rel.trim_matches('"').split(' ').any(|r| r == "next"))
                });
                let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
                is_next.then(|| target.to_owned())
            })
    }

    /// The query parameters of the next page's URL (see [`Response::next_link`]), to pass to a
    /// request builder's `.query()`.
    pub fn next_page_query(
        &self,
    ) -> ::std::option::Option<::std::vec::Vec<(::std::string::String, ::std::string::String)>>
    {
        let url = ::reqwest::Url::parse(&self.next_link()?).ok()?;
        ::std::option::Option::Some(url.query_pairs().into_owned().collect())
    }
}

/// A fully read response.
pub(crate) struct RawResponse {
    pub operation: crate::Operation,
    pub status: ::reqwest::StatusCode,
    pub headers: ::reqwest::header::HeaderMap,
    pub body: ::std::vec::Vec<u8>,
}

#[allow(dead_code)]
impl RawResponse {
    /// Decodes a JSON body, naming the path where it fails.
    pub(crate) fn json<T: ::serde::de::DeserializeOwned, E>(
        &self,
    ) -> ::std::result::Result<T, crate::Error<E>> {
        let deserializer = &mut ::serde_json::Deserializer::from_slice(&self.body);
        ::serde_path_to_error::deserialize(deserializer).map_err(|error| crate::Error::Decode {
            operation: self.operation,
            status: self.status,
            path: error.path().to_string(),
            message: error.into_inner().to_string(),
            body: crate::RawBody::new(self.body.clone()),
        })
    }

    pub(crate) fn text(&self) -> ::std::string::String {
        ::std::string::String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A documented error status; `error` is its decoded body.
    pub(crate) fn api_error<E>(self, error: E) -> crate::Error<E> {
        crate::Error::Api {
            operation: self.operation,
            status: self.status,
            headers: self.headers,
            error,
        }
    }

    /// A documented error status with a JSON body: decodes it and wraps it in `variant`.
    pub(crate) fn json_error<T, B: ::serde::de::DeserializeOwned, E>(
        self,
        variant: fn(B) -> E,
    ) -> ::std::result::Result<T, crate::Error<E>> {
        let body = self.json()?;
        ::std::result::Result::Err(self.api_error(variant(body)))
    }

    /// A documented error status whose body is kept as text.
    pub(crate) fn text_error<T, E>(
        self,
        variant: fn(::std::string::String) -> E,
    ) -> ::std::result::Result<T, crate::Error<E>> {
        let body = self.text();
        ::std::result::Result::Err(self.api_error(variant(body)))
    }

    /// A documented error status whose body is kept as bytes.
    pub(crate) fn bytes_error<T, E>(
        self,
        variant: fn(::std::vec::Vec<u8>) -> E,
    ) -> ::std::result::Result<T, crate::Error<E>> {
        let body = self.body.clone();
        ::std::result::Result::Err(self.api_error(variant(body)))
    }

    pub(crate) fn unexpected<E>(self) -> crate::Error<E> {
        crate::Error::UnexpectedStatus {
            operation: self.operation,
            status: self.status,
            headers: self.headers,
            body: crate::RawBody::new(self.body),
        }
    }
}

/// A parameter's text form: strings as they are, everything else as JSON text.
#[allow(dead_code)]
pub(crate) fn param<T: ::serde::Serialize>(value: &T) -> ::std::string::String {
    crate::wire::sent(value)
        .map(|v| simple_style(&v))
        .unwrap_or_default()
}

/// OpenAPI's `simple` style (path parameters and headers): arrays as `a,b,c`, objects as
/// `k,v,k,v`, scalars as text.
fn simple_style(value: &::serde_json::Value) -> ::std::string::String {
    let parts: ::std::vec::Vec<::std::string::String> = match value {
        ::serde_json::Value::Array(items) => items.iter().map(crate::wire::text).collect(),
        ::serde_json::Value::Object(fields) => fields
            .iter()
            .flat_map(|(key, value)| [key.clone(), crate::wire::text(value)])
            .collect(),
        scalar => return crate::wire::text(scalar),
    };
    parts.join(",")
}

/// [`param`], or `None` for a value that serializes to null (an unset optional parameter).
#[allow(dead_code)]
fn optional_param<T: ::serde::Serialize>(
    value: &T,
) -> ::std::option::Option<::std::string::String> {
    match crate::wire::sent(value) {
        ::std::result::Result::Ok(::serde_json::Value::Null) => ::std::option::Option::None,
        ::std::result::Result::Ok(value) => ::std::option::Option::Some(simple_style(&value)),
        ::std::result::Result::Err(_) => ::std::option::Option::None,
    }
}

/// Characters left as they are in a path segment (and a form key or value); everything else
/// is percent-encoded.
pub(crate) const PATH_SEGMENT: &::percent_encoding::AsciiSet =
    &::percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');

/// Characters percent-encoded in a cookie value: those RFC 6265 does not allow in one, and `%`.
const COOKIE_VALUE: &::percent_encoding::AsciiSet = &::percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Renders and percent-encodes one path parameter (`/` included, so it stays one segment);
/// the commas between the items of an array or object (`simple` style) stay commas.
#[allow(dead_code)]
pub(crate) fn path_param<T: ::serde::Serialize>(value: &T) -> ::std::string::String {
    let encode =
        |text: &str| ::percent_encoding::utf8_percent_encode(text, PATH_SEGMENT).to_string();
    let parts: ::std::vec::Vec<::std::string::String> = match crate::wire::sent(value) {
        ::std::result::Result::Ok(::serde_json::Value::Array(items)) => items
            .iter()
            .map(|item| encode(&crate::wire::text(item)))
            .collect(),
        ::std::result::Result::Ok(::serde_json::Value::Object(fields)) => fields
            .iter()
            .flat_map(|(key, value)| [encode(key), encode(&crate::wire::text(value))])
            .collect(),
        _ => return encode(&param(value)),
    };
    parts.join(",")
}

/// A path parameter in `matrix` (`;id=5`, `;id=3,4` or `;id=3;id=4` exploded, `;R=1;G=2`
/// for an exploded object) or `label` style (`.5`, `.3.4`, `.R=1.G=2` exploded), each value
/// percent-encoded.
#[allow(
    dead_code,
    reason = "not every API has matrix or label path parameters"
)]
pub(crate) fn path_param_styled<T: ::serde::Serialize>(
    name: &str,
    value: &T,
    style: crate::wire::Style,
    explode: bool,
) -> ::std::string::String {
    let encode =
        |text: &str| ::percent_encoding::utf8_percent_encode(text, PATH_SEGMENT).to_string();
    let value = crate::wire::sent(value).unwrap_or(::serde_json::Value::Null);
    let items: ::std::vec::Vec<(
        ::std::option::Option<::std::string::String>,
        ::std::string::String,
    )> = match &value {
        ::serde_json::Value::Null => return ::std::string::String::new(),
        ::serde_json::Value::Array(items) => items
            .iter()
            .map(|item| {
                (
                    ::std::option::Option::None,
                    encode(&crate::wire::text(item)),
                )
            })
            .collect(),
        ::serde_json::Value::Object(fields) => fields
            .iter()
            .map(|(key, value)| {
                (
                    ::std::option::Option::Some(encode(key)),
                    encode(&crate::wire::text(value)),
                )
            })
            .collect(),
        scalar => ::std::vec![(
            ::std::option::Option::None,
            encode(&crate::wire::text(scalar))
        )],
    };
    let name = encode(name);
    let flat = || -> ::std::vec::Vec<::std::string::String> {
        items
            .iter()
            .flat_map(|(key, value)| key.iter().cloned().chain([value.clone()]))
            .collect()
    };
    match (style, explode) {
        (crate::wire::Style::Label, false) => format!(".{}", flat().join(".")),
        (crate::wire::Style::Label, true) => items
            .iter()
            .map(|(key, value)| match key {
                ::std::option::Option::Some(key) => format!(".{key}={value}"),
                ::std::option::Option::None => format!(".{value}"),
            })
            .collect(),
        (_, true) if value.is_array() || value.is_object() => items
            .iter()
            .map(|(key, value)| format!(";{}={value}", key.as_ref().unwrap_or(&name)))
            .collect(),
        _ => format!(";{name}={}", flat().join(",")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn matrix_and_label_path_parameters() {
        use crate::wire::Style;
        let object = ::serde_json::json!({"G": 200, "R": 100});
        let styled = |value: &::serde_json::Value, style, explode| {
            super::path_param_styled("id", value, style, explode)
        };
        let array = ::serde_json::json!([3, 4]);
        let five = ::serde_json::json!(5);
        assert_eq!(styled(&five, Style::Matrix, false), ";id=5");
        assert_eq!(styled(&array, Style::Matrix, false), ";id=3,4");
        assert_eq!(styled(&array, Style::Matrix, true), ";id=3;id=4");
        assert_eq!(styled(&object, Style::Matrix, true), ";G=200;R=100");
        assert_eq!(styled(&object, Style::Matrix, false), ";id=G,200,R,100");
        assert_eq!(styled(&five, Style::Label, false), ".5");
        assert_eq!(styled(&array, Style::Label, false), ".3.4");
        assert_eq!(styled(&object, Style::Label, true), ".G=200.R=100");
    }

    #[test]
    fn path_parameters_stay_one_segment() {
        assert_eq!(super::path_param(&"a/b c?d#e%"), "a%2Fb%20c%3Fd%23e%25");
        assert_eq!(super::path_param(&"Ünïcode-._~"), "%C3%9Cn%C3%AFcode-._~");
        assert_eq!(super::path_param(&42), "42");
        assert_eq!(super::path_param(&[3, 4, 5]), "3,4,5");
        assert_eq!(super::path_param(&["a,b", "c"]), "a%2Cb,c");
    }

    #[test]
    fn query_styles() {
        use super::Request;
        use crate::wire::Style as QueryStyle;
        let operation = crate::Operation {
            id: "op",
            method: "GET",
            path: "/",
        };
        let mut request = Request::new(operation, ::reqwest::Method::GET, "/".into(), &[]);
        let object = ::serde_json::json!({"color": "red", "size": 2});
        request.query_styled("tags", &["a", "b"], QueryStyle::Form, true);
        request.query_styled("ids", &[1, 2], QueryStyle::Form, false);
        request.query_styled("ids", &[1, 2], QueryStyle::PipeDelimited, false);
        request.query_styled("filter", &object, QueryStyle::DeepObject, true);
        request.query_styled("point", &object, QueryStyle::Form, false);
        request.query_styled("unset", &::serde_json::Value::Null, QueryStyle::Form, true);
        request.query("page", &::std::option::Option::Some(3));
        request.query("absent", &::std::option::Option::<i32>::None);
        request.header("x-absent", &::std::option::Option::<&str>::None);
        request.header("x-set", &::std::option::Option::Some("v"));
        assert_eq!(request.headers, [("x-set".into(), "v".to_owned())]);
        let pairs: Vec<(&str, &str)> = request
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("tags", "a"),
                ("tags", "b"),
                ("ids", "1,2"),
                ("ids", "1|2"),
                ("filter[color]", "red"),
                ("filter[size]", "2"),
                ("point", "color,red,size,2"),
                ("page", "3"),
            ]
        );
    }
}
