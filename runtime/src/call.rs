//! The future a request builder's `send` (or `.await`) returns. The request runs in the
//! client's one async transport, which is not generic; the operation only adds a plain
//! function that decodes the response once it has arrived. So an operation brings no async
//! code of its own, and no future whose `Send`-ness the compiler must work out again for
//! each of an API's hundreds of operations.

use ::std::future::Future;
use ::std::pin::Pin;
use ::std::task::{Context, Poll};

/// The transport's boxed future, shared by every operation.
pub(crate) type Transport<'a, R> = Pin<::std::boxed::Box<dyn Future<Output = R> + Send + 'a>>;

/// A request on its way: `.await` it for the operation's outcome `O`.
#[must_use = "a request is sent only when its future is awaited"]
pub struct Call<'a, O> {
    inner: Pin<::std::boxed::Box<dyn Future<Output = O> + Send + 'a>>,
}

impl<'a, O> Call<'a, O> {
    /// The future that awaits `transport`, then hands its output to `finish`.
    pub(crate) fn new<R: 'a>(
        transport: Transport<'a, R>,
        finish: impl FnOnce(R) -> O + Send + 'a,
    ) -> Self {
        Call {
            inner: ::std::boxed::Box::pin(Then {
                transport,
                finish: ::std::option::Option::Some(finish),
            }),
        }
    }
}

impl<O> Future for Call<'_, O> {
    type Output = O;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        self.inner.as_mut().poll(cx)
    }
}

impl<O> ::std::fmt::Debug for Call<'_, O> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Call").finish_non_exhaustive()
    }
}

/// Awaits `transport`, then applies `finish` to its output.
struct Then<'a, R, G> {
    transport: Transport<'a, R>,
    /// Taken when the transport is done.
    finish: ::std::option::Option<G>,
}

// `finish` is only ever moved out, never pinned.
impl<R, G> Unpin for Then<'_, R, G> {}

impl<R, G: FnOnce(R) -> O, O> Future for Then<'_, R, G> {
    type Output = O;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        let arrived = match self.transport.as_mut().poll(cx) {
            Poll::Ready(arrived) => arrived,
            Poll::Pending => return Poll::Pending,
        };
        let finish = self
            .finish
            .take()
            .expect("a request's future is not polled after it completed");
        Poll::Ready(finish(arrived))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<T: Send>(_: &T) {}

    #[tokio::test]
    async fn the_output_is_the_transports_output_finished() {
        let transport: Transport<'_, u16> = ::std::boxed::Box::pin(async { 204 });
        let call = Call::new(transport, |status| format!("status {status}"));
        assert_send(&call);
        assert_eq!(call.await, "status 204");
    }
}
