//! Conformance against Prism, a spec-driven mock server we did not write: every operation of
//! every client in `spec/` is called with realistic arguments; Prism validates each request
//! against the spec (any violation fails the test), and serves each documented status from
//! the spec's examples and schemas, which must decode into the generated models.
//!
//! Each check runs twice: Prism serving the spec as written (OpenAPI 3.0) and serving its 3.1
//! conversion (`xtask::openapi31`), which generates the same crate, so both must pass alike.

mod support;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use support::prism::{prefer_code, request_violations, Prism};

/// Which version of a spec Prism serves.
#[derive(Clone, Copy)]
enum Served {
    AsWritten,
    ConvertedTo31,
}

impl Served {
    /// Starts Prism on `spec`, or on its 3.1 conversion written next to the test binaries.
    fn start(self, spec: &str) -> Prism {
        let path = match self {
            Served::AsWritten => PathBuf::from(spec),
            Served::ConvertedTo31 => {
                let text = std::fs::read_to_string(spec).expect("spec");
                let converted = xtask::openapi31::convert_text(&text).expect("3.0 spec");
                let name = spec.replace('/', "_").replace(".yaml", ".openapi31.json");
                let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
                std::fs::write(&path, converted).expect("converted spec written");
                path
            }
        };
        Prism::start(&path)
    }
}

/// One `#[tokio::test]` per version served, each calling `$check(Served::...)`.
macro_rules! for_both_versions {
    ($check:ident: $as_written:ident, $converted:ident) => {
        #[tokio::test]
        async fn $as_written() {
            $check(Served::AsWritten).await;
        }

        #[tokio::test]
        async fn $converted() {
            $check(Served::ConvertedTo31).await;
        }
    };
}

/// Adds `Prefer: code=N` to every request and records violations Prism reports.
#[derive(Clone)]
struct PrismHooks {
    prefer: Option<String>,
    violations: Arc<Mutex<Vec<String>>>,
}

impl PrismHooks {
    fn new(status: Option<u16>) -> Self {
        PrismHooks {
            prefer: status.map(prefer_code),
            violations: Arc::default(),
        }
    }

    fn assert_conformant(&self) {
        let violations = self.violations.lock().unwrap();
        assert!(
            violations.is_empty(),
            "Prism found request violations: {violations:?}"
        );
    }
}

macro_rules! impl_hooks {
    ($krate:ident) => {
        impl $krate::Hooks for PrismHooks {
            fn on_request(&self, request: &mut reqwest::Request) {
                if let Some(prefer) = &self.prefer {
                    request
                        .headers_mut()
                        .insert("prefer", prefer.parse().unwrap());
                }
            }
            fn on_response(&self, response: &$krate::ResponseInfo) {
                // Prism answers 422 to a request that breaks the spec (none of ours documents 422).
                if response.status.map(|s| s.as_u16()) == Some(422) {
                    let entry = format!("{}: rejected with 422", response.operation_id);
                    self.violations.lock().unwrap().push(entry);
                }
                if let Some(header) = response.headers.get("sl-violations") {
                    for violation in request_violations(header.to_str().unwrap_or("[]")) {
                        let entry = format!("{}: {violation}", response.operation_id);
                        self.violations.lock().unwrap().push(entry);
                    }
                }
            }
        }
    };
}
impl_hooks!(awork_client);
impl_hooks!(workspace_client);
impl_hooks!(corpus_giphy_client);
impl_hooks!(corpus_tcgdex_client);

const ID: &str = "123e4567-e89b-12d3-a456-426614174000";

fn awork(prism: &Prism, hooks: &PrismHooks) -> awork_client::Client {
    awork_client::Client::builder()
        .base_url(&prism.base_url)
        .bearer_auth("test-token")
        .retry(awork_client::RetryPolicy::disabled())
        .hook(hooks.clone())
        .build()
        .unwrap()
}

for_both_versions!(
    awork_conformance:
    awork_operations_conform_and_every_documented_status_decodes,
    awork_3_1_operations_conform_and_every_documented_status_decodes
);

async fn awork_conformance(served: Served) {
    use awork_client::operations::{ActivateUserError, GetApiUserError, GetMeError};
    use awork_client::Error;
    let prism = served.start("spec/awork.yaml");
    let id: uuid::Uuid = ID.parse().unwrap();
    let mut exercised = Vec::new();

    let hooks = PrismHooks::new(Some(200));
    let mut update = awork_client::models::UpdateAccountModel::new();
    update.email = awork_client::Nullable::Value("carla.creative@ncnstn.com".into());
    update.first_name = awork_client::Nullable::Value("Carla".into());
    update.last_name = awork_client::Nullable::Null;
    update.mfa_enabled = Some(true);
    let account = awork(&prism, &hooks)
        .update_account(id, update)
        .await
        .unwrap();
    assert_eq!(account.first_name.as_deref(), Some("Carla"));
    hooks.assert_conformant();
    exercised.push("updateAccount 200");

    let hooks = PrismHooks::new(Some(200));
    let user = awork(&prism, &hooks).get_api_user(id).await.unwrap();
    assert_eq!(user.name.as_deref(), Some("awork Connector"));
    hooks.assert_conformant();
    exercised.push("getApiUser 200");
    let hooks = PrismHooks::new(Some(404));
    let missing = awork(&prism, &hooks).get_api_user(id).await;
    assert!(
        matches!(
            missing,
            Err(Error::Api {
                error: GetApiUserError::NotFound(_),
                ..
            })
        ),
        "{missing:?}"
    );
    hooks.assert_conformant();
    exercised.push("getApiUser 404");

    for status in [204u16, 400, 401, 404] {
        let hooks = PrismHooks::new(Some(status));
        let outcome = awork(&prism, &hooks).activate_user(id).await;
        match (status, &outcome) {
            (204, Ok(())) => {}
            (
                400,
                Err(Error::Api {
                    error: ActivateUserError::BadRequest(_),
                    ..
                }),
            ) => {}
            (
                401,
                Err(Error::Api {
                    error: ActivateUserError::Unauthorized(_),
                    ..
                }),
            ) => {}
            (
                404,
                Err(Error::Api {
                    error: ActivateUserError::NotFound(_),
                    ..
                }),
            ) => {}
            _ => panic!("activateUser {status}: {outcome:?}"),
        }
        hooks.assert_conformant();
    }
    exercised.push("activateUser 204 400 401 404");

    let hooks = PrismHooks::new(Some(200));
    let me = awork(&prism, &hooks).get_me().await.unwrap();
    assert_eq!(me.resource_version, Some(637825154598057900));
    assert!(me.birth_date.is_some());
    hooks.assert_conformant();
    let hooks = PrismHooks::new(Some(404));
    let missing = awork(&prism, &hooks).get_me().await;
    assert!(
        matches!(
            missing,
            Err(Error::Api {
                error: GetMeError::NotFound(_),
                ..
            })
        ),
        "{missing:?}"
    );
    hooks.assert_conformant();
    exercised.push("getMe 200 404");
    println!("exercised against Prism: {exercised:?}");
}

for_both_versions!(
    violation_reported:
    prism_reports_a_request_that_breaks_the_spec,
    prism_reports_a_request_that_breaks_the_3_1_spec
);

async fn violation_reported(served: Served) {
    // The harness must be able to fail: an email that is not an email violates the spec.
    let prism = served.start("spec/awork.yaml");
    let hooks = PrismHooks::new(Some(200));
    let mut update = awork_client::models::UpdateAccountModel::new();
    update.email = awork_client::Nullable::Value("not an email".into());
    let id: uuid::Uuid = ID.parse().unwrap();
    let error = awork(&prism, &hooks)
        .update_account(id, update)
        .await
        .unwrap_err();
    assert!(
        error
            .body_text()
            .unwrap_or_default()
            .contains("Request body property email must match format"),
        "{error:?}"
    );
    let violations = hooks.violations.lock().unwrap().clone();
    assert_eq!(violations, ["updateAccount: rejected with 422"]);

    // And without a token the spec's security requirement is violated: Prism answers 401.
    let hooks = PrismHooks::new(None);
    let client = awork_client::Client::builder()
        .base_url(&prism.base_url)
        .retry(awork_client::RetryPolicy::disabled())
        .hook(hooks.clone())
        .build()
        .unwrap();
    let outcome = client.get_me().await;
    assert_eq!(outcome.unwrap_err().status().map(|s| s.as_u16()), Some(401));
}

for_both_versions!(
    workspace_conformance:
    workspace_operation_conforms_and_every_documented_status_decodes,
    workspace_3_1_operation_conforms_and_every_documented_status_decodes
);

async fn workspace_conformance(served: Served) {
    use workspace_client::operations::UpdateAccountProfileError;
    use workspace_client::Error;
    let prism = served.start("spec/workspace.yaml");
    for status in [200u16, 400, 403, 404] {
        let hooks = PrismHooks::new(Some(status));
        let client = workspace_client::Client::builder()
            .base_url(&prism.base_url)
            .bearer_auth("test-token")
            .retry(workspace_client::RetryPolicy::disabled())
            .hook(hooks.clone())
            .build()
            .unwrap();
        let mut request = workspace_client::models::UpdateAccountProfileRequest::new();
        request.user_name = workspace_client::Nullable::Value("ada".into());
        request.email = workspace_client::Nullable::Value("ada@example.com".into());
        request.last_name = workspace_client::Nullable::Null;
        let outcome = client.update_account_profile(request).await;
        match (status, outcome) {
            (200, Ok(envelope)) => {
                let data = envelope.data.expect("the page example has Data");
                assert_eq!(
                    data.user_type,
                    Some(workspace_client::models::UserType::Value0)
                );
            }
            (
                400,
                Err(Error::Api {
                    error: UpdateAccountProfileError::BadRequest(envelope),
                    ..
                }),
            ) => {
                assert_eq!(envelope.errors.map(|e| e.len()), Some(1));
            }
            (
                403,
                Err(Error::Api {
                    error: UpdateAccountProfileError::Forbidden(problem),
                    ..
                }),
            ) => {
                assert_eq!(problem.title.as_deref(), Some("example"));
            }
            (
                404,
                Err(Error::Api {
                    error: UpdateAccountProfileError::NotFound(_),
                    ..
                }),
            ) => {}
            (status, outcome) => panic!("updateAccountProfile {status}: {outcome:?}"),
        }
        hooks.assert_conformant();
    }
}

/// Builds a client of a generated crate wired to Prism with the given hooks.
macro_rules! prism_client {
    ($krate:ident, $prism:expr, $hooks:expr) => {
        $krate::Client::builder()
            .base_url(&$prism.base_url)
            .retry($krate::RetryPolicy::disabled())
            .hook($hooks.clone())
    };
}

for_both_versions!(
    giphy_conformance:
    corpus_giphy_operations_conform_against_prism,
    corpus_giphy_3_1_operations_conform_against_prism
);

async fn giphy_conformance(served: Served) {
    use corpus_giphy_client::operations::GetGifByIdError;
    use corpus_giphy_client::Error;
    let prism = served.start("tests/fixtures/prism-corpus/giphy.com__main.yaml");
    let hooks = PrismHooks::new(Some(200));
    let client = prism_client!(corpus_giphy_client, prism, hooks)
        .api_key("giphy-key")
        .build()
        .unwrap();
    client.trending_gifs().limit(5).await.unwrap();
    client.random_gif().tag("cats").await.unwrap();
    client.search_gifs("cats").limit(2).await.unwrap();
    client.get_gif_by_id(42).await.unwrap();
    client.trending_stickers().await.unwrap();
    hooks.assert_conformant();
    for (status, expect) in [
        (400u16, "BadRequest"),
        (403, "Forbidden"),
        (404, "NotFound"),
    ] {
        let hooks = PrismHooks::new(Some(status));
        let client = prism_client!(corpus_giphy_client, prism, hooks)
            .api_key("giphy-key")
            .build()
            .unwrap();
        let error = client.get_gif_by_id(42).await.unwrap_err();
        let variant = match &error {
            Error::Api {
                error: GetGifByIdError::BadRequest(_),
                ..
            } => "BadRequest",
            Error::Api {
                error: GetGifByIdError::Forbidden(_),
                ..
            } => "Forbidden",
            Error::Api {
                error: GetGifByIdError::NotFound(_),
                ..
            } => "NotFound",
            other => panic!("getGifById {status}: {other:?}"),
        };
        assert_eq!(variant, expect);
        hooks.assert_conformant();
    }
}

for_both_versions!(
    tcgdex_conformance:
    corpus_tcgdex_operations_conform_against_prism,
    corpus_tcgdex_3_1_operations_conform_against_prism
);

async fn tcgdex_conformance(served: Served) {
    let prism = served.start("tests/fixtures/prism-corpus/tcgdex.net__main.yaml");
    let hooks = PrismHooks::new(Some(200));
    let client = prism_client!(corpus_tcgdex_client, prism, hooks)
        .build()
        .unwrap();
    let cards = client.cards().await.unwrap();
    assert!(!cards.is_empty(), "the spec's example lists cards");
    client.find_pets_by_tags("swsh3-136").await.unwrap();
    client.get_sets().await.unwrap();
    client.get_series().await.unwrap();
    client.get_categories().await.unwrap();
    client.get_categories_by_category("Pokemon").await.unwrap();
    client.get_hp_by_hp("60").await.unwrap();
    client.get_types().await.unwrap();
    hooks.assert_conformant();
}
