//! Production behaviour of the generated runtime, on the awork client against loopback
//! servers: retries, Retry-After, redirects, refused connections, truncated bodies,
//! hooks, and secrets kept out of Debug and tracing output.

use awork_client::{Client, Error, Hooks, ResponseInfo, RetryPolicy};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "123e4567-e89b-12d3-a456-426614174000";
const TOKEN: &str = "tok-SECRET-4711";

fn me_json() -> serde_json::Value {
    serde_json::json!({"firstName": "Carla", "id": ID})
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_secs(5))
}

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_auth(TOKEN)
        .retry(policy)
        .build()
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_without_sleeping_for_real() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(me_json()))
        .expect(1)
        .mount(&server)
        .await;
    let wall = std::time::Instant::now();
    let virtual_start = tokio::time::Instant::now();
    let me = client(&server, fast_retries()).get_me().await.unwrap();
    assert_eq!(me.first_name.as_deref(), Some("Carla"));
    assert!(
        virtual_start.elapsed() >= Duration::from_secs(3),
        "waited {:?}",
        virtual_start.elapsed()
    );
    assert!(
        wall.elapsed() < Duration::from_secs(2),
        "slept for real: {:?}",
        wall.elapsed()
    );
}

#[tokio::test]
async fn post_is_not_retried_by_default_but_can_opt_in() {
    let server = MockServer::start().await;
    let activate = format!("/users/{ID}/activate");
    Mock::given(method("POST"))
        .and(path(activate.as_str()))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    let once = client(&server, fast_retries())
        .activate_user(ID.parse().unwrap())
        .await;
    assert_eq!(once.unwrap_err().status().map(|s| s.as_u16()), Some(503));
    server.verify().await;

    Mock::given(method("POST"))
        .and(path(activate.as_str()))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(activate.as_str()))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let opted_in = client(&server, fast_retries().retry_non_idempotent(true));
    opted_in.activate_user(ID.parse().unwrap()).await.unwrap();
}

#[tokio::test]
async fn retries_stop_at_the_cap_and_return_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(502).set_body_string("bad gateway"))
        .expect(4)
        .mount(&server)
        .await;
    let error = client(&server, fast_retries().max_attempts(4))
        .get_me()
        .await
        .unwrap_err();
    match error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status.as_u16(), 502);
            assert_eq!(body.as_bytes(), b"bad gateway");
        }
        other => panic!("expected the last 502, got {other:?}"),
    }
}

#[tokio::test]
async fn disabled_retries_send_once_and_per_request_policy_overrides() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1 + 2)
        .mount(&server)
        .await;
    let client = client(&server, RetryPolicy::disabled());
    assert!(client.get_me().await.is_err());
    assert!(client
        .get_me()
        .retry(fast_retries().max_attempts(2))
        .await
        .is_err());
}

#[tokio::test]
async fn a_redirect_is_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", format!("{}/v2/me", server.uri())),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(me_json()))
        .mount(&server)
        .await;
    let me = client(&server, RetryPolicy::disabled())
        .get_me()
        .await
        .unwrap();
    assert_eq!(me.first_name.as_deref(), Some("Carla"));
}

#[tokio::test]
async fn connection_refused_is_retried_then_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let attempts = Arc::new(Mutex::new(Vec::new()));
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .retry(fast_retries().max_attempts(3))
        .hook(Recorder(attempts.clone()))
        .build()
        .unwrap();
    let error = client.get_me().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(
        attempts
            .lock()
            .unwrap()
            .iter()
            .map(|(a, s)| (*a, *s))
            .collect::<Vec<_>>(),
        [(1, None), (2, None), (3, None)]
    );
}

#[tokio::test]
async fn a_body_cut_short_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"firstName\":");
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let error = client.get_me().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
}

/// `(attempt, status)` of every response a client saw.
type Seen = Arc<Mutex<Vec<(u32, Option<u16>)>>>;

/// Records every response a client sees.
struct Recorder(Seen);

impl Hooks for Recorder {
    fn on_response(&self, response: &ResponseInfo) {
        assert_eq!(response.operation_id, "getMe");
        assert_eq!(response.path_template, "/me");
        self.0
            .lock()
            .unwrap()
            .push((response.attempt, response.status.map(|s| s.as_u16())));
    }
}

struct Signer;

impl Hooks for Signer {
    fn on_request(&self, request: &mut reqwest::Request) {
        request
            .headers_mut()
            .insert("x-signature", "signed".parse().unwrap());
    }
}

#[tokio::test]
async fn hooks_adjust_requests_and_observe_responses() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .and(header("x-signature", "signed"))
        .respond_with(ResponseTemplate::new(200).set_body_json(me_json()))
        .expect(1)
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = Client::builder()
        .base_url(server.uri())
        .hook(Signer)
        .hook(Recorder(seen.clone()))
        .build()
        .unwrap();
    client.get_me().await.unwrap();
    assert_eq!(*seen.lock().unwrap(), [(1, Some(200))]);
}

/// A `tracing` writer that keeps everything in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_stay_out_of_debug_and_tracing_output() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let workspace = workspace_client::Client::builder()
        .base_url(server.uri())
        .bearer_auth(TOKEN)
        .access_token(TOKEN)
        .retry(workspace_client::RetryPolicy::default().initial_backoff(Duration::from_millis(5)))
        .build()
        .unwrap();
    let error = workspace
        .update_account_profile(workspace_client::models::UpdateAccountProfileRequest::new())
        .await
        .unwrap_err();
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("operation=\"updateAccountProfile\""), "{log}");
    assert!(
        log.contains("path=\"/api/workspace/account/profile\""),
        "{log}"
    );
    assert!(log.contains("retrying"), "{log}");
    assert!(!log.contains(TOKEN), "secret in tracing output:\n{log}");
    for shown in [
        format!("{workspace:?}"),
        format!("{error:?}"),
        error.to_string(),
    ] {
        assert!(!shown.contains(TOKEN), "secret in {shown}");
    }
}
