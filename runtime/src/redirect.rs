//! Redirects: followed within the API's origin with the request as it was; a redirect to
//! another origin is followed without anything that identifies the caller.

/// Redirects followed for one request, at most.
pub(crate) const MAX_HOPS: usize = 10;

/// The redirect policy of the client this crate builds: redirects within the API's origin are
/// followed as they are; one to another origin is left to the client, which repeats the
/// request there without credentials, cookies or headers. Set it on your own
/// `reqwest::Client` (see [`crate::ClientBuilder::http_client`]) to keep that guarantee.
pub fn redirect_policy() -> ::reqwest::redirect::Policy {
    ::reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() > MAX_HOPS {
            attempt.error("too many redirects")
        } else if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Where a redirect to another origin leads, and how the request is repeated there.
pub(crate) struct Hop {
    pub url: ::reqwest::Url,
    pub method: ::reqwest::Method,
    /// 307 and 308 repeat the body; the others turn a `POST` into a body-less `GET`.
    pub keeps_body: bool,
}

/// The next hop when `response` redirects to another origin over http(s).
pub(crate) fn cross_origin(
    response: &::reqwest::Response,
    method: &::reqwest::Method,
) -> ::std::option::Option<Hop> {
    let status = response.status().as_u16();
    if !matches!(status, 301 | 302 | 303 | 307 | 308) {
        return ::std::option::Option::None;
    }
    let location = response
        .headers()
        .get(::reqwest::header::LOCATION)?
        .to_str()
        .ok()?;
    let url = response.url().join(location).ok()?;
    if url.origin() == response.url().origin() || !matches!(url.scheme(), "http" | "https") {
        return ::std::option::Option::None;
    }
    // As browsers do (the Fetch standard): POST after 301/302, and anything but GET or HEAD
    // after 303, becomes a GET without a body.
    let to_get = (matches!(status, 301 | 302) && *method == ::reqwest::Method::POST)
        || (status == 303 && !matches!(*method, ::reqwest::Method::GET | ::reqwest::Method::HEAD));
    ::std::option::Option::Some(if to_get {
        Hop {
            url,
            method: ::reqwest::Method::GET,
            keeps_body: false,
        }
    } else {
        Hop {
            url,
            method: method.clone(),
            keeps_body: true,
        }
    })
}
