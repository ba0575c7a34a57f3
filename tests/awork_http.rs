//! The awork client against a real HTTP server on loopback (wiremock): each operation's
//! request and response, every documented error status, and the failure modes.

use awork_client::models::UpdateAccountModel;
use awork_client::operations::{ActivateUserError, GetApiUserError};
use awork_client::{Client, Error, Nullable};
use std::time::Duration;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "123e4567-e89b-12d3-a456-426614174000";
const TOKEN: &str = "secret-token-123";

fn id() -> uuid::Uuid {
    ID.parse().unwrap()
}

fn example(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!("tests/fixtures/seed-examples/{name}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_auth(TOKEN)
        .build()
        .unwrap()
}

#[tokio::test]
async fn update_account_sends_only_set_fields_and_explicit_nulls() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!("/accounts/{ID}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(
            serde_json::json!({"firstName": "Carla", "lastName": null}),
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(example("000-update-account-200.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let mut update = UpdateAccountModel::new();
    update.first_name = Nullable::Value("Carla".into());
    update.last_name = Nullable::Null;
    let account = client(&server).update_account(id(), update).await.unwrap();
    assert_eq!(account.first_name.as_deref(), Some("Carla"));
    assert_eq!(account.mfa_enabled, Some(true));
}

#[tokio::test]
async fn get_api_user_decodes_and_maps_404() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/apiusers/{ID}")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(example("001-get-api-user-200.json")),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/apiusers/{ID}")))
        .respond_with(ResponseTemplate::new(404).set_body_string("no such user"))
        .mount(&server)
        .await;
    let client = client(&server);
    let user = client.get_api_user(id()).await.unwrap();
    assert_eq!(user.name.as_deref(), Some("awork Connector"));
    match client.get_api_user(id()).await {
        Err(Error::Api {
            status,
            error: GetApiUserError::NotFound(body),
            ..
        }) => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(body, "no such user");
        }
        other => panic!("expected a documented 404, got {other:?}"),
    }
}

#[tokio::test]
async fn activate_user_returns_unit_on_204_and_each_documented_error() {
    let server = MockServer::start().await;
    let activate = format!("/users/{ID}/activate");
    for status in [204u16, 400, 401, 404] {
        Mock::given(method("POST"))
            .and(path(activate.as_str()))
            .respond_with(ResponseTemplate::new(status).set_body_string(format!("status {status}")))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    client.activate_user(id()).await.unwrap();
    for expected in [400u16, 401, 404] {
        let error = client.activate_user(id()).await.unwrap_err();
        let body = match (&error, expected) {
            (
                Error::Api {
                    error: ActivateUserError::BadRequest(body),
                    ..
                },
                400,
            )
            | (
                Error::Api {
                    error: ActivateUserError::Unauthorized(body),
                    ..
                },
                401,
            )
            | (
                Error::Api {
                    error: ActivateUserError::NotFound(body),
                    ..
                },
                404,
            ) => body,
            _ => panic!("status {expected} gave {error:?}"),
        };
        assert_eq!(*body, format!("status {expected}"));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(expected));
    }
}

#[tokio::test]
async fn get_me_decodes_the_page_example() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("004-get-me-200.json")))
        .mount(&server)
        .await;
    let me = client(&server).get_me().await.unwrap();
    assert_eq!(me.resource_version, Some(637825154598057900));
    assert_eq!(me.tags.unwrap()[0].name.as_deref(), Some("Design"));
}

#[tokio::test]
async fn unexpected_status_keeps_the_raw_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .mount(&server)
        .await;
    match client(&server).get_me().await {
        Err(Error::UnexpectedStatus { status, body, .. }) => {
            assert_eq!(status.as_u16(), 500);
            assert_eq!(body.as_bytes(), b"boom");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_body_is_a_decode_error_naming_the_path() {
    let server = MockServer::start().await;
    let body = r#"{"firstName": "Carla", "status": {"isDeactivated": "maybe"}}"#;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let error = client(&server).get_me().await.unwrap_err();
    match &error {
        Error::Decode {
            path, body: raw, ..
        } => {
            assert_eq!(path, "status.isDeactivated");
            assert_eq!(raw.as_bytes(), body.as_bytes());
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(
        error.to_string().contains("status.isDeactivated"),
        "{error}"
    );
}

#[tokio::test]
async fn slow_responses_time_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let impatient = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    assert!(matches!(
        impatient.get_me().await,
        Err(Error::Timeout { .. })
    ));
    let per_request = client(&server)
        .get_me()
        .timeout(Duration::from_millis(100))
        .await;
    assert!(matches!(per_request, Err(Error::Timeout { .. })));
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .build()
        .unwrap();
    assert!(matches!(
        client.get_me().await,
        Err(Error::Transport { .. })
    ));
}

#[test]
fn secrets_never_show_in_debug_output() {
    let client = Client::builder().bearer_auth(TOKEN).build().unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("redacted"), "{debug}");
    assert_eq!(client.base_url(), "https://api.awork.com/api/v1");
}

#[test]
fn invalid_base_urls_are_refused() {
    let error = Client::builder().base_url("not a url").build().unwrap_err();
    assert!(error.to_string().contains("not a url"), "{error}");
}
