//! A generated client cannot be turned against its user: values cannot inject headers, cookies
//! or path segments, credentials never leave the API's origin, a query API key never shows in
//! errors, and responses are bounded in size and time. Client: `tests/fixtures/hostile/hostile.yaml`.

mod support;

use hostile_fixture_client::models::Item;
use hostile_fixture_client::{Client, Error, RetryPolicy};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::recording::recording_server;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const BEARER: &str = "bearer-secret-1";
const HEADER_KEY: &str = "header-secret-2";
const QUERY_KEY: &str = "query-secret-3";

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .retry(RetryPolicy::disabled())
        .bearer(BEARER)
        .header_key(HEADER_KEY)
        .query_key(QUERY_KEY)
        .build()
        .unwrap()
}

/// A mock server answering every request with `reply`, recording what it received.
async fn recording(reply: ResponseTemplate) -> (MockServer, Arc<Mutex<Vec<Request>>>) {
    recording_server(Mock::given(wiremock::matchers::any()), reply).await
}

fn item_json() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"name": "n"}))
}

#[tokio::test]
async fn line_breaks_in_a_header_value_are_refused_before_anything_is_sent() {
    let (server, seen) = recording(item_json()).await;
    let client = client(&server.uri());
    let outcome = client
        .get_item("1")
        .x_trace("abc\r\nX-Injected: 1")
        .send()
        .await;
    match outcome {
        Err(Error::InvalidRequest { message, .. }) => {
            assert!(message.contains("X-Trace"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // The same through a header set on the request builder.
    let outcome = client.get_item("1").header("X-Other", "a\nb").send().await;
    assert!(
        matches!(outcome, Err(Error::InvalidRequest { .. })),
        "{outcome:?}"
    );
    assert!(seen.lock().unwrap().is_empty(), "a request went out");
}

#[tokio::test]
async fn path_parameters_stay_inside_their_segment() {
    let (server, seen) = recording(item_json()).await;
    let client = client(&format!("{}/v2", server.uri()));
    for id in ["../admin", "a/b", "%2e%2e", "x?y#z"] {
        client.get_item(id).send().await.unwrap();
    }
    let paths: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "/v2/items/..%2Fadmin",
            "/v2/items/a%2Fb",
            "/v2/items/%252e%252e",
            "/v2/items/x%3Fy%23z"
        ]
    );
    // A whole segment of `.` or `..` would be resolved away by any URL parser: refused.
    for id in ["..", "."] {
        let outcome = client.get_item(id).send().await;
        assert!(
            matches!(outcome, Err(Error::InvalidRequest { .. })),
            "{id}: {outcome:?}"
        );
    }
    assert_eq!(seen.lock().unwrap().len(), 4);
}

#[tokio::test]
async fn query_and_cookie_values_cannot_add_parameters_or_cookies() {
    let (server, seen) = recording(item_json()).await;
    client(&server.uri())
        .get_item("1")
        .q("a&api_key=forged#frag")
        .session("s1; admin=1")
        .send()
        .await
        .unwrap();
    let request = &seen.lock().unwrap()[0];
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(
        query,
        [
            ("q".to_owned(), "a&api_key=forged#frag".to_owned()),
            ("api_key".to_owned(), QUERY_KEY.to_owned())
        ]
    );
    let cookie = request.headers.get("cookie").unwrap().to_str().unwrap();
    assert_eq!(cookie, "session=s1%3B%20admin=1");
}

#[tokio::test]
async fn credentials_stay_with_the_api_origin_on_redirects() {
    // The API redirects within itself first, then to another origin (another port).
    let elsewhere =
        recording(ResponseTemplate::new(201).set_body_json(serde_json::json!({"name": "n"}))).await;
    let api = MockServer::start().await;
    let api_seen: Arc<Mutex<Vec<Request>>> = Arc::default();
    let store = api_seen.clone();
    let target = format!("{}/landing?x=1", elsewhere.0.uri());
    Mock::given(method("POST"))
        .and(path("/v2/items"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", "/v2/moved"))
        .mount(&api)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/moved"))
        .respond_with(move |request: &Request| {
            store.lock().unwrap().push(request.clone());
            ResponseTemplate::new(307).insert_header("location", target.as_str())
        })
        .mount(&api)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v2", api.uri()))
        .retry(RetryPolicy::disabled())
        .bearer(BEARER)
        .header_key(HEADER_KEY)
        .query_key(QUERY_KEY)
        .default_header("X-Custom-Token", "custom-secret-4")
        .build()
        .unwrap();
    let created = client
        .create_item(Item::default())
        .header("X-Trace", "t")
        .send()
        .await
        .unwrap();
    assert_eq!(created.name.as_deref(), Some("n"));

    // Within the API's origin, the request is repeated with its credentials.
    let moved = &api_seen.lock().unwrap()[0];
    assert_eq!(
        moved.headers.get("authorization").unwrap(),
        &format!("Bearer {BEARER}")
    );
    assert_eq!(moved.headers.get("x-api-key").unwrap(), HEADER_KEY);

    // Elsewhere: the body (307 keeps it), and nothing that identifies the caller.
    let landed = &elsewhere.1.lock().unwrap()[0];
    assert_eq!(landed.method.as_str(), "POST");
    assert_eq!(landed.url.path(), "/landing");
    assert_eq!(landed.url.query(), Some("x=1"));
    assert_eq!(landed.body, b"{}");
    let sent: String = landed
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {}\n", value.to_str().unwrap_or("")))
        .collect();
    for secret in [
        BEARER,
        HEADER_KEY,
        QUERY_KEY,
        "custom-secret-4",
        "X-Trace",
        "cookie",
    ] {
        assert!(
            !sent
                .to_ascii_lowercase()
                .contains(&secret.to_ascii_lowercase()),
            "{secret} reached another origin:\n{sent}"
        );
    }
}

#[tokio::test]
async fn a_query_api_key_never_shows_in_errors() {
    // A port nobody listens on: the connection is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = client(&base).get_item("1").send().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    for shown in [
        format!("{error}"),
        format!("{error:?}"),
        format!("{:?}", std::error::Error::source(&error)),
    ] {
        assert!(!shown.contains(QUERY_KEY), "the key shows in: {shown}");
    }
}

/// A raw HTTP/1.1 server: each connection gets `head`, then `body` in `chunk`-byte pieces
/// `pause` apart.
async fn raw_server(head: String, body: Vec<u8>, chunk: usize, pause: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (head, body) = (head.clone(), body.clone());
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                socket.write_all(head.as_bytes()).await?;
                for piece in body.chunks(chunk) {
                    socket.write_all(piece).await?;
                    tokio::time::sleep(pause).await;
                }
                socket.shutdown().await
            });
        }
    });
    format!("http://{address}")
}

#[tokio::test]
async fn a_response_over_the_size_limit_is_an_error_not_an_allocation() {
    // Announced by Content-Length: refused before reading.
    let (server, _) =
        recording(ResponseTemplate::new(200).set_body_raw(vec![b' '; 300_000], "application/json"))
            .await;
    let limited = |base: &str| {
        Client::builder()
            .base_url(base)
            .retry(RetryPolicy::disabled())
            .max_response_size(100_000)
            .build()
            .unwrap()
    };
    match limited(&server.uri()).list_items().send().await {
        Err(Error::ResponseTooLarge { limit, status, .. }) => {
            assert_eq!((limit, status.as_u16()), (100_000, 200));
        }
        other => panic!("{other:?}"),
    }
    // Chunked, with no length announced: reading stops once past the limit.
    let mut body = b"[".to_vec();
    body.extend(std::iter::repeat_n(b' ', 10_000_000));
    let chunked: Vec<u8> = body
        .chunks(65_536)
        .flat_map(|piece| {
            let mut framed = format!("{:x}\r\n", piece.len()).into_bytes();
            framed.extend_from_slice(piece);
            framed.extend_from_slice(b"\r\n");
            framed
        })
        .chain(b"0\r\n\r\n".iter().copied())
        .collect();
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
    let base = raw_server(head.into(), chunked, 65_536, Duration::ZERO).await;
    let outcome = limited(&base).list_items().send().await;
    assert!(
        matches!(outcome, Err(Error::ResponseTooLarge { limit: 100_000, .. })),
        "{outcome:?}"
    );
    // Under the limit, the same kind of response decodes.
    let (small, _) =
        recording(ResponseTemplate::new(200).set_body_json(serde_json::json!([{"name": "a"}])))
            .await;
    assert_eq!(
        limited(&small.uri())
            .list_items()
            .send()
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_slow_drip_body_hits_the_timeout() {
    // Headers at once, then one byte every 100 ms: 1,000 bytes would take 100 s.
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n";
    let base = raw_server(head.into(), vec![b' '; 1000], 1, Duration::from_millis(100)).await;
    let client = Client::builder()
        .base_url(base)
        .retry(RetryPolicy::disabled())
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let outcome = client.list_items().send().await;
    assert!(matches!(outcome, Err(Error::Timeout { .. })), "{outcome:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
