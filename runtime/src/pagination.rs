//! Walking through paginated results: the next page is asked for with the same request and
//! the query the previous response points to (a `Link: <...>; rel="next"` header, or
//! whatever a closure reads from the body, such as a cursor or a page number).

/// Query parameters that ask for a page, as `(name, value)` pairs.
pub type PageQuery = ::std::vec::Vec<(::std::string::String, ::std::string::String)>;

/// What sending one page gives: the decoded page with its status and headers, or the error.
pub(crate) type PageOutcome<T, E> = ::std::result::Result<crate::Response<T>, crate::Error<E>>;

/// How the next page is found from a response.
pub type NextPage<T> = ::std::boxed::Box<
    dyn Fn(&crate::Response<T>) -> ::std::option::Option<PageQuery> + Send + Sync,
>;

/// The pages of a paginated operation, fetched one at a time with [`Pages::next`]; made by a
/// request builder's `pages` (`Link` headers) or `pages_with` (anything else).
#[must_use = "pages are fetched only when `next` is awaited"]
pub struct Pages<B, T> {
    request: ::std::option::Option<B>,
    next_page: NextPage<T>,
}

/// A request builder that can be sent again for another page.
pub trait Paginate: Clone + Send {
    type Success;
    type Error;
    /// The same request with its query replaced by `query` (the next page's).
    fn with_page_query(self, query: PageQuery) -> Self;
    /// Sends the request, keeping the response's status and headers.
    fn send_page<'call>(self) -> crate::Call<'call, PageOutcome<Self::Success, Self::Error>>
    where
        Self: 'call;
}

impl<B: Paginate> Pages<B, B::Success> {
    #[allow(dead_code, reason = "an API without paginated operations has no pages")]
    pub(crate) fn new(request: B, next_page: NextPage<B::Success>) -> Self {
        Pages {
            request: ::std::option::Option::Some(request),
            next_page,
        }
    }

    /// Fetches the next page; `Ok(None)` once the last page was returned.
    pub async fn next(
        &mut self,
    ) -> ::std::result::Result<::std::option::Option<B::Success>, crate::Error<B::Error>> {
        let ::std::option::Option::Some(request) = self.request.take() else {
            return ::std::result::Result::Ok(::std::option::Option::None);
        };
        let response = request.clone().send_page().await?;
        self.request = (self.next_page)(&response).map(|query| request.with_page_query(query));
        ::std::result::Result::Ok(::std::option::Option::Some(response.body))
    }

    /// Fetches every remaining page and gathers the items `items` takes out of each.
    pub async fn collect_items<I>(
        mut self,
        items: impl Fn(B::Success) -> ::std::vec::Vec<I>,
    ) -> ::std::result::Result<::std::vec::Vec<I>, crate::Error<B::Error>> {
        let mut all = ::std::vec::Vec::new();
        while let ::std::option::Option::Some(page) = self.next().await? {
            all.extend(items(page));
        }
        ::std::result::Result::Ok(all)
    }
}

/// The next page from a `Link` header (`rel="next"`).
#[allow(dead_code, reason = "an API without paginated operations has no pages")]
pub(crate) fn by_link_header<T>() -> NextPage<T> {
    ::std::boxed::Box::new(|response: &crate::Response<T>| response.next_page_query())
}

/// The query asking for the page a body value names (`None` once there is no next page);
/// integral numbers are written without a fraction (`4.0` is page `4`).
#[allow(dead_code, reason = "only operations paginated by a body value use it")]
pub(crate) fn page_query<T: ::serde::Serialize>(
    name: &str,
    value: &T,
) -> ::std::option::Option<PageQuery> {
    let text = match ::serde_json::to_value(value).ok()? {
        ::serde_json::Value::Null => return ::std::option::Option::None,
        ::serde_json::Value::Number(number) => match number.as_f64() {
            ::std::option::Option::Some(float) if float.fract() == 0.0 && number.is_f64() => {
                format!("{float:.0}")
            }
            _ => number.to_string(),
        },
        other => crate::wire::text(&other),
    };
    ::std::option::Option::Some(::std::vec![(name.to_owned(), text)])
}
