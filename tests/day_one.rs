//! A developer's first day with a generated client, on an API shaped like Hetzner Cloud and
//! GitHub (`tests/fixtures/day-one/day-one.yaml`): each test is the code an app writes, run
//! against a real HTTP server on loopback (wiremock), using nothing but the generated crate.

use day_one_fixture_client::models::{IssuesCreateBody, IssuesCreateBodyMilestone, ListMeta};
use day_one_fixture_client::operations::{IssuesCreateError, IssuesListForRepoError};
use day_one_fixture_client::{AnyError, Client, Error, Nullable, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> day_one_fixture_client::ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
}

fn page(ip: &str, next: Option<u32>) -> serde_json::Value {
    json!({
        "floating_ips": [{"id": 1, "ip": ip}],
        "meta": {"pagination": {"page": 1, "next_page": next}}
    })
}

#[tokio::test]
async fn authenticates_on_an_api_without_security_schemes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/floating_ips"))
        .and(header("authorization", "Bearer hcloud-token"))
        .and(header("x-api-version", "2024-01"))
        .and(header("x-request-id", "abc"))
        .and(header("accept", "application/json"))
        .and(query_param("per_page", "50"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page("10.0.0.1", None)))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server)
        .bearer_auth("hcloud-token")
        .default_header("X-Api-Version", "2024-01")
        .build()
        .unwrap();
    let ips = client
        .list_floating_ips()
        .header("X-Request-Id", "abc")
        .query("per_page", "50")
        .await
        .unwrap();
    assert_eq!(ips.floating_ips[0].ip, "10.0.0.1");
}

#[tokio::test]
async fn basic_auth_and_invalid_default_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/floating_ips"))
        .and(header("authorization", "Basic dXNlcjpwYXNz"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page("10.0.0.2", None)))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server).basic_auth("user", "pass").build().unwrap();
    client.list_floating_ips().await.unwrap();
    let refused = Client::builder()
        .base_url(server.uri())
        .default_header("bad header", "x")
        .build();
    assert!(matches!(
        refused,
        Err(day_one_fixture_client::BuildError::InvalidHeader(_))
    ));
}

#[tokio::test]
async fn follows_link_headers_page_by_page() {
    let server = MockServer::start().await;
    let base = server.uri();
    let issues = |n: u32| json!([{"number": n, "title": format!("issue {n}")}]);
    Mock::given(method("GET"))
        .and(path("/repos/o/r/issues"))
        .and(query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "link",
                    format!("<{base}/repos/o/r/issues?state=open&page=3>; rel=\"next\", <{base}/repos/o/r/issues?state=open&page=1>; rel=\"first\""),
                )
                .set_body_json(issues(2)),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/repos/o/r/issues"))
        .and(query_param("page", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(issues(3)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/repos/o/r/issues"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "link",
                    format!("<{base}/repos/o/r/issues?state=open&page=2>; rel=\"next\""),
                )
                .set_body_json(issues(1)),
        )
        .mount(&server)
        .await;
    let client = client(&server).build().unwrap();

    let first = client
        .issues_list_for_repo("o", "r")
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(first.status, 200);
    assert!(first.next_link().unwrap().ends_with("page=2"));

    let all = client
        .issues_list_for_repo("o", "r")
        .state("open".into())
        .pages()
        .collect_items(|page| page)
        .await
        .unwrap();
    let numbers: Vec<i64> = all.iter().map(|issue| issue.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
}

#[tokio::test]
async fn follows_a_page_number_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/floating_ips"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page("10.0.0.2", None)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/floating_ips"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page("10.0.0.1", Some(2))))
        .mount(&server)
        .await;
    let client = client(&server).build().unwrap();
    // Configured in clients.toml: `pages()` follows `meta.pagination.next_page`.
    let all = client
        .list_floating_ips()
        .pages()
        .collect_items(|page| page.floating_ips)
        .await
        .unwrap();
    let ips: Vec<&str> = all.iter().map(|ip| ip.ip.as_str()).collect();
    assert_eq!(ips, ["10.0.0.1", "10.0.0.2"]);
    // The same by hand, for operations nothing is configured for.
    let mut pages = client.list_floating_ips().pages_with(|response| {
        let next: &ListMeta = &response.body.meta;
        let next = next.pagination.next_page?;
        Some(vec![("page".into(), next.to_string())])
    });
    let mut ips = Vec::new();
    while let Some(page) = pages.next().await.unwrap() {
        ips.extend(page.floating_ips.into_iter().map(|ip| ip.ip));
    }
    assert_eq!(ips, ["10.0.0.1", "10.0.0.2"]);
}

#[tokio::test]
async fn a_documented_redirect_leads_to_the_download() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/repos/o/r/tarball/main"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "location",
            format!("{}/codeload/o-r-main.tar.gz", server.uri()),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/codeload/o-r-main.tar.gz"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"\x1f\x8btar".to_vec()))
        .mount(&server)
        .await;
    let client = client(&server).build().unwrap();
    let archive = client
        .repos_download_tarball_archive("o", "r", "main")
        .await
        .unwrap();
    assert_eq!(archive, b"\x1f\x8btar");

    // The same download, streamed chunk by chunk instead of buffered whole.
    let mut response = client
        .repos_download_tarball_archive("o", "r", "main")
        .send_streaming()
        .await
        .unwrap();
    let mut streamed = Vec::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        streamed.extend_from_slice(&chunk);
    }
    assert_eq!(streamed, b"\x1f\x8btar");
    let missing = client
        .repos_download_tarball_archive("o", "r", "gone")
        .send_streaming()
        .await;
    assert_eq!(missing.unwrap_err().status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn errors_explain_themselves_and_convert_into_one_type() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/repos/o/missing/issues"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "Not Found"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/repos/o/r/issues"))
        .respond_with(ResponseTemplate::new(500).set_body_string("database is down"))
        .mount(&server)
        .await;
    let client = client(&server).build().unwrap();

    let error = client
        .issues_list_for_repo("o", "missing")
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("issues/list-for-repo (GET /repos/{owner}/{repo}/issues)"),
        "{message}"
    );
    assert!(
        message.contains("404") && message.contains("Not Found"),
        "{message}"
    );

    let error = client
        .issues_create("o", "r", IssuesCreateBody::new("t"))
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("unexpected status 500"),
        "{error}"
    );
    assert!(error.to_string().contains("database is down"), "{error}");
    let debug = format!("{error:?}");
    assert!(
        debug.contains("\"database is down\""),
        "Debug shows text: {debug}"
    );

    // `?` across two operations, into one error type; the operation's enum comes back out.
    async fn both(client: &Client) -> Result<(), AnyError> {
        client.issues_list_for_repo("o", "missing").await?;
        client
            .issues_create("o", "r", IssuesCreateBody::new("t"))
            .await?;
        Ok(())
    }
    match both(&client).await {
        Err(Error::Api {
            error, operation, ..
        }) => {
            assert_eq!(operation.id, "issues/list-for-repo");
            let original = error.downcast_ref::<IssuesListForRepoError>().unwrap();
            assert!(matches!(original, IssuesListForRepoError::NotFound(_)));
            assert!(error.downcast_ref::<IssuesCreateError>().is_none());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn same_typed_required_fields_are_passed_by_name() {
    use day_one_fixture_client::models::{CreateServerBody, CreateServerBodyRequired};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/servers"))
        .and(header("authorization", "Bearer hcloud-token"))
        .and(wiremock::matchers::body_json(json!({
            "name": "web", "server_type": "cx22", "image": "ubuntu-24.04", "location": "fsn1"
        })))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"server": {"id": 7, "name": "web"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server).bearer_auth("hcloud-token").build().unwrap();
    let body = CreateServerBody::new(CreateServerBodyRequired {
        name: "web".into(),
        server_type: "cx22".into(),
        image: "ubuntu-24.04".into(),
    })
    .location("fsn1");
    let created = client.create_server(body).await.unwrap();
    assert_eq!(created.server.id, 7);
}

#[test]
fn request_bodies_are_easy_to_build() {
    let body = IssuesCreateBody::new("Crash on start")
        .body("Steps to reproduce")
        .milestone(3)
        .labels(vec!["bug".to_owned()]);
    assert_eq!(body.body, Nullable::Value("Steps to reproduce".to_owned()));
    assert_eq!(body.milestone, Some(IssuesCreateBodyMilestone::Integer(3)));
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"title": "Crash on start", "body": "Steps to reproduce", "milestone": 3, "labels": ["bug"]})
    );
    let cleared = IssuesCreateBody::new("t")
        .body(Nullable::Null)
        .milestone("v1".to_owned());
    assert_eq!(
        serde_json::to_value(&cleared).unwrap(),
        json!({"title": "t", "body": null, "milestone": "v1"})
    );
}

#[test]
fn names_follow_titles_and_acronyms() {
    // `meta` of both list operations is the type the API titled `ListMeta`.
    let isos: day_one_fixture_client::models::ListIsosOkBody =
        serde_json::from_value(json!({"isos": [], "meta": {"pagination": {"page": 1}}})).unwrap();
    let meta: ListMeta = isos.meta;
    assert_eq!(meta.pagination.page, Some(1));
    for file in ["floating_ips.rs", "isos.rs"] {
        let file = format!("generated-client/day-one-fixture/src/operations/{file}");
        assert!(std::path::Path::new(&file).exists(), "{file}");
    }
}
