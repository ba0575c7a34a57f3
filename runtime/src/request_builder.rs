//! What every operation's request builder shares: per-request options, the ways to send
//! (`send`, `send_with_response`, `send_streaming`, `.await`), the conversion of its error
//! enum into [`crate::AnyError`], and, for operations that can paginate, pages.

/// The methods every request builder shares (per-request options, `send`,
/// `send_with_response`, `.await`), and the conversion of its error enum into
/// [`crate::AnyError`]; `$success` and `$error` are the operation's success type and error enum.
/// The builder provides `into_request` and `decode`.
#[allow(unused_macros, reason = "an API without operations has no builders")]
macro_rules! request_builder {
    ($builder:ident, $success:ty, $error:ty) => {
        impl<'a> $builder<'a> {
            /// Overrides the client's timeout for this request only.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options.timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// Overrides the client's retry policy for this request only.
            pub fn retry(mut self, policy: crate::RetryPolicy) -> Self {
                self.options.retry = ::std::option::Option::Some(policy);
                self
            }

            /// Adds a header to this request only (one the API documents in prose, say).
            pub fn header(
                mut self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.options.headers.push((name.into(), value.into()));
                self
            }

            /// Adds a query parameter to this request only (a page number the API description
            /// leaves out, say); repeat it for several.
            pub fn query(
                mut self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.options.query.push((name.into(), value.into()));
                self
            }

            /// Sends the request and decodes the response.
            pub fn send(
                self,
            ) -> crate::Call<'a, ::std::result::Result<$success, crate::Error<$error>>> {
                let (client, request) = self.into_request();
                client.call(request, Self::decode)
            }

            /// Sends the request once and, on a success status, returns the response with its
            /// body unread, to stream a large download (`chunk().await` in a loop); error
            /// statuses are decoded as usual. Not retried.
            pub fn send_streaming(
                self,
            ) -> crate::Call<'a, ::std::result::Result<::reqwest::Response, crate::Error<$error>>>
            {
                let (client, request) = self.into_request();
                client.call_streaming(request, Self::decode)
            }

            /// Sends the request; the decoded body comes with the response's status and
            /// headers (for a `Link` header to the next page, say).
            pub fn send_with_response(
                self,
            ) -> crate::Call<
                'a,
                ::std::result::Result<crate::Response<$success>, crate::Error<$error>>,
            > {
                let (client, request) = self.into_request();
                client.call_with_response(request, Self::decode)
            }
        }

        impl<'a> ::std::future::IntoFuture for $builder<'a> {
            type Output = ::std::result::Result<$success, crate::Error<$error>>;
            type IntoFuture = crate::Call<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }

        impl crate::error::DocumentedError for $error {
            fn as_any(&self) -> &(dyn ::std::any::Any + ::std::marker::Send + ::std::marker::Sync) {
                self
            }
        }
    };
}
#[allow(unused_imports, reason = "an API without operations has no builders")]
pub(crate) use request_builder;

/// Pages for the builder of an operation that can paginate (a `GET`, or one configured with
/// a next-page value): `pages()`, `pages_with()` and [`crate::Paginate`]. `$next_page` (a
/// [`crate::pagination::NextPage`]) is how `pages()` finds the next page (default: `Link`).
/// Other operations do without, since their requests are not sent again for another page.
#[allow(
    unused_macros,
    reason = "an API without paginated operations has no pages"
)]
macro_rules! paginated {
    ($builder:ident, $success:ty, $error:ty) => {
        crate::request_builder::paginated!(
            $builder,
            $success,
            $error,
            crate::pagination::by_link_header()
        );
    };
    ($builder:ident, $success:ty, $error:ty, $next_page:expr) => {
        impl<'a> $builder<'a> {
            /// The pages of this request, one [`crate::Pages::next`] at a time, following
            /// the `Link: <...>; rel="next"` header of each response (as GitHub paginates),
            /// or the next-page value in the body where the method's docs say so.
            pub fn pages(self) -> crate::Pages<Self, $success> {
                crate::Pages::new(self, $next_page)
            }

            /// The pages of this request; `next_page` reads the next page's query from each
            /// response (a cursor or page number in the body, say), `None` on the last page.
            pub fn pages_with(
                self,
                next_page: impl Fn(&crate::Response<$success>) -> ::std::option::Option<crate::PageQuery>
                    + ::std::marker::Send
                    + ::std::marker::Sync
                    + 'static,
            ) -> crate::Pages<Self, $success> {
                crate::Pages::new(self, ::std::boxed::Box::new(next_page))
            }
        }

        impl<'a> crate::Paginate for $builder<'a> {
            type Success = $success;
            type Error = $error;

            fn with_page_query(mut self, query: crate::PageQuery) -> Self {
                self.options.page_query = ::std::option::Option::Some(query);
                self
            }

            fn send_page<'call>(
                self,
            ) -> crate::Call<'call, ::std::result::Result<crate::Response<$success>, crate::Error<$error>>>
            where
                Self: 'call,
            {
                self.send_with_response()
            }
        }
    };
}
#[allow(
    unused_imports,
    reason = "an API without paginated operations has no pages"
)]
pub(crate) use paginated;

/// What a caller set on one request builder beyond the API's parameters.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestOptions {
    pub timeout: ::std::option::Option<::std::time::Duration>,
    pub retry: ::std::option::Option<crate::RetryPolicy>,
    pub headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    pub query: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// The whole query of a next page (replaces the parameters'), set by [`crate::Pages`].
    pub page_query: ::std::option::Option<crate::PageQuery>,
}
