//! When and how long to wait before sending a request again.

use ::std::time::Duration;

/// Retries with exponential backoff and jitter on `429`, `502`, `503`, `504` and connection
/// errors, honouring `Retry-After`, within a number of attempts and a total time budget.
///
/// By default only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) are retried; opt in
/// for POST and PATCH with [`RetryPolicy::retry_non_idempotent`]. [`RetryPolicy::disabled`]
/// sends every request once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff from 200 ms up to 10 s, at most 30 s in all.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Sends every request exactly once.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry; it doubles on every further one.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between two attempts (a longer `Retry-After` ends the retries).
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// No retry starts after this much time since the first attempt.
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// Also retries POST and PATCH, which may repeat their effect on the server.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    pub(crate) fn allows(&self, method: &::reqwest::Method) -> bool {
        use ::reqwest::Method;
        self.retry_non_idempotent
            || [
                Method::GET,
                Method::HEAD,
                Method::PUT,
                Method::DELETE,
                Method::OPTIONS,
            ]
            .contains(method)
    }

    /// The wait before attempt `attempt + 1`, or `None` to stop retrying.
    pub(crate) fn delay(
        &self,
        attempt: u32,
        elapsed: Duration,
        retry_after: ::std::option::Option<Duration>,
    ) -> ::std::option::Option<Duration> {
        if attempt >= self.max_attempts {
            return ::std::option::Option::None;
        }
        let delay = match retry_after {
            ::std::option::Option::Some(wait) if wait > self.max_backoff => {
                return ::std::option::Option::None
            }
            ::std::option::Option::Some(wait) => wait,
            ::std::option::Option::None => {
                let exponential = self
                    .initial_backoff
                    .saturating_mul(1 << (attempt - 1).min(16));
                jitter(exponential.min(self.max_backoff))
            }
        };
        (elapsed + delay <= self.max_elapsed).then_some(delay)
    }
}

pub(crate) fn is_retryable_status(status: ::reqwest::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// Half the delay plus a random share of the other half, so clients spread out.
fn jitter(delay: Duration) -> Duration {
    use ::std::hash::{BuildHasher, Hasher};
    let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(delay.as_nanos());
    let fraction = (hasher.finish() % 1000) as u32;
    delay / 2 + delay / 2 * fraction / 1000
}

/// `Retry-After` as seconds or an HTTP date, relative to now.
pub(crate) fn retry_after(
    headers: &::reqwest::header::HeaderMap,
) -> ::std::option::Option<Duration> {
    let value = headers
        .get(::reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let ::std::result::Result::Ok(seconds) = value.parse::<u64>() {
        return ::std::option::Option::Some(Duration::from_secs(seconds));
    }
    let date = ::httpdate::parse_http_date(value).ok()?;
    ::std::option::Option::Some(
        date.duration_since(::std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stops_at_the_caps() {
        let policy = RetryPolicy::default()
            .max_attempts(4)
            .initial_backoff(Duration::from_secs(1));
        let first = policy.delay(1, Duration::ZERO, None).unwrap();
        assert!(first >= Duration::from_millis(500) && first <= Duration::from_secs(1));
        let third = policy.delay(3, Duration::ZERO, None).unwrap();
        assert!(third >= Duration::from_secs(2) && third <= Duration::from_secs(4));
        assert_eq!(policy.delay(4, Duration::ZERO, None), None);
        assert_eq!(policy.delay(1, Duration::from_secs(30), None), None);
        assert_eq!(
            policy.delay(1, Duration::ZERO, Some(Duration::from_secs(60))),
            None
        );
        assert_eq!(
            policy.delay(1, Duration::ZERO, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn only_idempotent_methods_by_default() {
        let policy = RetryPolicy::default();
        assert!(policy.allows(&::reqwest::Method::PUT));
        assert!(!policy.allows(&::reqwest::Method::POST));
        assert!(policy
            .retry_non_idempotent(true)
            .allows(&::reqwest::Method::POST));
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let mut headers = ::reqwest::header::HeaderMap::new();
        headers.insert("retry-after", "7".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        let later = ::std::time::SystemTime::now() + Duration::from_secs(120);
        headers.insert(
            "retry-after",
            ::httpdate::fmt_http_date(later).parse().unwrap(),
        );
        let wait = retry_after(&headers).unwrap();
        assert!(
            wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
    }
}
