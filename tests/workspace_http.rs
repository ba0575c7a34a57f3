//! The workspace client against a real HTTP server on loopback: envelope unwrapping,
//! integer enums, the `access_token` query alternative, and problem details.

use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workspace_client::models::{MessageType, UpdateAccountProfileRequest, UserType};
use workspace_client::operations::UpdateAccountProfileError;
use workspace_client::{Client, Error, Nullable};

const PROFILE: &str = "/api/workspace/account/profile";

fn request() -> UpdateAccountProfileRequest {
    let mut request = UpdateAccountProfileRequest::new();
    request.first_name = Nullable::Value("Ada".into());
    request.email = Nullable::Null;
    request
}

#[tokio::test]
async fn success_envelope_gives_data_and_warnings() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(PROFILE))
        .and(header("authorization", "Bearer tok"))
        .and(body_json(
            serde_json::json!({"FirstName": "Ada", "Email": null}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "Data": {"UserId": "u1", "FirstName": "Ada", "UserType": 2},
            "Errors": [],
            "Warnings": [{"Code": "W1", "Message": "check your email", "Type": 1, "Severity": 0}],
            "Success": true
        })))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth("tok")
        .build()
        .unwrap();
    let envelope = client.update_account_profile(request()).await.unwrap();
    let profile = envelope.into_result().unwrap();
    assert_eq!(profile.data.user_type, Some(UserType::Value2));
    assert_eq!(profile.warnings[0].code.as_deref(), Some("W1"));
    assert_eq!(profile.warnings[0].r#type, Some(MessageType::Value1));
}

#[tokio::test]
async fn access_token_query_alternative_and_unknown_enum_values() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(PROFILE))
        .and(query_param("access_token", "qtok"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "Data": {"UserType": 7}, "Success": true
        })))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("qtok")
        .build()
        .unwrap();
    let profile = client
        .update_account_profile(request())
        .await
        .unwrap()
        .into_result()
        .unwrap();
    // A value the spec does not list is kept, not a decode failure.
    assert_eq!(profile.data.user_type, Some(UserType::Other(7)));
    assert!(!format!("{client:?}").contains("qtok"));
}

#[tokio::test]
async fn documented_error_statuses_carry_their_bodies() {
    let server = MockServer::start().await;
    let failed = serde_json::json!({
        "Errors": [{"Code": "E1", "Message": "bad name", "Field": "UserName", "Type": 0, "Severity": 2,
                    "Metadata": {"max": "20", "hint": null}}],
        "Warnings": [{"Code": "W", "Message": "w", "Type": 0, "Severity": 0}],
        "Success": false
    });
    Mock::given(method("PUT"))
        .and(path(PROFILE))
        .respond_with(ResponseTemplate::new(400).set_body_json(failed))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(PROFILE))
        .respond_with(ResponseTemplate::new(403).set_body_json(serde_json::json!({
            "type": "https://example.com/forbidden", "title": "Forbidden", "status": 403,
            "detail": "service accounts cannot", "instance": "/api/workspace/account/profile",
            "traceId": "abc"
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(PROFILE))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(serde_json::json!({"Success": false})),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    match client.update_account_profile(request()).await {
        Err(Error::Api {
            error: UpdateAccountProfileError::BadRequest(envelope),
            ..
        }) => {
            let failure = envelope.into_result().unwrap_err();
            assert_eq!(failure.errors[0].field.as_deref(), Some("UserName"));
            let metadata = failure.errors[0].metadata.as_ref().unwrap();
            assert_eq!(metadata["max"].as_deref(), Some("20"));
            assert_eq!(metadata["hint"], None);
            assert_eq!(failure.warnings.len(), 1);
        }
        other => panic!("expected BadRequest, got {other:?}"),
    }
    match client.update_account_profile(request()).await {
        Err(Error::Api {
            error: UpdateAccountProfileError::Forbidden(problem),
            ..
        }) => {
            assert_eq!(problem.status, Some(403));
            assert_eq!(problem.additional_properties["traceId"], "abc");
        }
        other => panic!("expected Forbidden, got {other:?}"),
    }
    assert!(matches!(
        client.update_account_profile(request()).await,
        Err(Error::Api {
            error: UpdateAccountProfileError::NotFound(_),
            ..
        })
    ));
}

#[test]
fn the_placeholder_server_is_the_default_base_url() {
    let client = Client::builder().build().unwrap();
    assert_eq!(client.base_url(), "https://example.com");
}
