//! Every example JSON shown on the seed documentation pages decodes into the generated
//! models (the fixtures are copied from the pages, sloppy values included).

use awork_client::models as awork;
use workspace_client::models as workspace;

fn example<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = format!("tests/fixtures/seed-examples/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let deserializer = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(deserializer)
        .unwrap_or_else(|e| panic!("{path} does not decode at {}: {}", e.path(), e.inner()))
}

#[test]
fn page_000_account_decodes() {
    let account: awork::AccountModel = example("000-update-account-200.json");
    assert_eq!(account.email.as_deref(), Some("carla.creative@ncnstn.com"));
    assert_eq!(
        account.id.unwrap().to_string(),
        "123e4567-e89b-12d3-a456-426614174000"
    );
    assert_eq!(account.mfa_providers.unwrap(), ["Email", "Authenticator"]);
    let external = account.external_accounts.unwrap();
    assert_eq!(
        external[0].external_user_id.as_deref(),
        Some("11112222333344445555")
    );
    assert_eq!(account.passwordless_enabled, Some(true));
}

#[test]
fn page_001_api_user_decodes() {
    let user: awork::ApiUserModel = example("001-get-api-user-200.json");
    assert_eq!(user.name.as_deref(), Some("awork Connector"));
    assert_eq!(
        user.created_on.unwrap().to_rfc3339(),
        "2024-01-15T09:30:00+00:00"
    );
    assert_eq!(user.client_id.as_deref(), Some("awork-connector"));
}

#[test]
fn page_004_me_decodes_despite_its_sloppy_birth_date() {
    let me: awork::UserModel = example("004-get-me-200.json");
    // The page shows "1998-04-19T00:00:000Z": three digits of seconds, not RFC 3339.
    assert_eq!(
        me.birth_date.unwrap().to_rfc3339(),
        "1998-04-19T00:00:00+00:00"
    );
    // Above 2^53: kept exactly because int64 maps to i64, not f64.
    assert_eq!(me.resource_version, Some(637825154598057900));
    let contact = &me.user_contact_infos.unwrap()[0];
    assert_eq!(contact.label, None);
    assert_eq!(contact.city.as_deref(), Some("Berlin"));
    assert_eq!(
        me.workspace.unwrap().url.as_deref(),
        Some("https://ncnstn.awork.com")
    );
    assert_eq!(me.status.unwrap().invitation_accepted, Some(true));
}

#[test]
fn page_003_request_example_decodes_and_round_trips() {
    let request: workspace::UpdateAccountProfileRequest =
        example("003-update-profile-request.json");
    assert_eq!(
        request.user_name,
        workspace_client::Nullable::Value("example".to_owned())
    );
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["LastName"], "example");
}

#[test]
fn page_003_envelope_decodes_with_integer_enums() {
    let envelope: workspace::AccountProfileEnvelope = example("003-update-profile-200.json");
    let data = envelope.data.as_ref().unwrap();
    assert_eq!(data.user_type, Some(workspace::UserType::Value0));
    let warning = &envelope.warnings.as_ref().unwrap()[0];
    assert_eq!(warning.r#type, Some(workspace::MessageType::Value0));
    assert_eq!(warning.severity, Some(workspace::MessageSeverity::Value0));
    // The page's messages lack the required Code and Message: decoding tolerates it.
    assert_eq!(warning.code, None);
}

#[test]
fn page_003_problem_details_decode() {
    let problem: workspace::ProblemDetails = example("003-update-profile-403.json");
    assert_eq!(problem.status, Some(1));
    assert_eq!(problem.title.as_deref(), Some("example"));
    assert!(problem.additional_properties.is_empty());
}
