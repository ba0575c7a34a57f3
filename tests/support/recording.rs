//! A mock server that answers `reply` to the requests `mock` matches, and records them.

use std::sync::{Arc, Mutex};
use wiremock::{MockBuilder, MockServer, Request, ResponseTemplate};

/// The server, and the requests it received (raw, as sent).
pub async fn recording_server(
    mock: MockBuilder,
    reply: ResponseTemplate,
) -> (MockServer, Arc<Mutex<Vec<Request>>>) {
    let server = MockServer::start().await;
    let seen: Arc<Mutex<Vec<Request>>> = Arc::default();
    let store = seen.clone();
    mock.respond_with(move |request: &Request| {
        store.lock().unwrap().push(request.clone());
        reply.clone()
    })
    .mount(&server)
    .await;
    (server, seen)
}
