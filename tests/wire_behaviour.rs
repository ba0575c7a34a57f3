//! Wire correctness, byte for byte, on the client generated from `tests/fixtures/wire/wire.yaml`:
//! each construct is decoded from or encoded to real bytes, and the encodings are read back
//! by parsers we did not write (Node's `qs`, as Express uses it, for form bodies; Python's
//! `email` package for multipart bodies; Prism's request validation for both).

mod support;

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use support::prism::{request_violations, Prism};
use support::recording::recording_server;
use wire_fixture_client::models::{
    Campaign, Cat, CatKind, ChargeForm, ChargeFormItemsItem, ChargeFormOptions, ChargeFormShipping,
    ChargeFormShippingAddress, Dog, DogKind, Notification, Outline, Owner, Pet, Shape, UploadForm,
    UploadFormMeta,
};
use wire_fixture_client::operations::{CreateJobError, GetPetError, GetPetResponse};
use wire_fixture_client::{Client, Error, File, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

#[test]
fn a_discriminator_picks_the_variant_by_mapping_and_by_schema_name() {
    // `Cat` comes first and its required fields are present: only the tag tells them apart.
    let dog: Pet =
        serde_json::from_value(json!({"kind": "dog", "name": "Rex", "bark_volume": 11})).unwrap();
    let Pet::Dog(dog) = dog else {
        panic!("a dog decoded as {dog:?}")
    };
    assert_eq!(dog.bark_volume, Some(11));

    let cat: Pet = serde_json::from_value(json!({"kind": "cat", "name": "Tom"})).unwrap();
    assert!(matches!(cat, Pet::Cat(_)), "{cat:?}");
    // No mapping entry: the implicit value is the component's name.
    let lizard: Pet =
        serde_json::from_value(json!({"kind": "Lizard", "name": "Liz", "scales": 300})).unwrap();
    assert!(matches!(lizard, Pet::Lizard(_)), "{lizard:?}");

    let unknown = serde_json::from_value::<Pet>(json!({"kind": "parrot", "name": "Polly"}));
    let message = unknown.expect_err("an unknown tag is refused").to_string();
    assert!(message.contains("parrot"), "{message}");
}

#[test]
fn a_discriminated_union_encodes_its_tag() {
    let dog = Pet::Dog(Dog::new(DogKind::Dog, "Rex"));
    assert_eq!(
        serde_json::to_value(&dog).unwrap(),
        json!({"kind": "dog", "name": "Rex"})
    );
    // A variant whose schema does not require the property gets it added.
    let lizard: Pet = serde_json::from_value(json!({"kind": "Lizard", "name": "Liz"})).unwrap();
    let Pet::Lizard(mut inner) = lizard else {
        panic!()
    };
    inner.kind = None;
    assert_eq!(
        serde_json::to_value(Pet::Lizard(inner)).unwrap(),
        json!({"kind": "Lizard", "name": "Liz"})
    );
}

#[test]
fn a_union_without_discriminator_decodes_as_the_variant_that_keeps_the_value() {
    // `Named` comes first and fits too, but would drop `detail`.
    let detailed: Shape = serde_json::from_value(json!({"name": "a", "detail": "d"})).unwrap();
    assert!(matches!(detailed, Shape::Detailed(_)), "{detailed:?}");
    let named: Shape = serde_json::from_value(json!({"name": "a"})).unwrap();
    assert!(matches!(named, Shape::Named(_)), "{named:?}");
    assert_eq!(
        serde_json::to_value(&detailed).unwrap(),
        json!({"name": "a", "detail": "d"})
    );
}

#[test]
fn properties_next_to_one_of_are_shared_by_every_variant() {
    let sms = json!({"channel": "sms", "to": "+4930123", "segments": 2});
    let decoded: Notification = serde_json::from_value(sms.clone()).unwrap();
    let Notification::SmsMessage(message) = &decoded else {
        panic!("an SMS decoded as {decoded:?}")
    };
    assert_eq!(
        (message.to.as_str(), message.segments),
        ("+4930123", Some(2))
    );
    assert_eq!(serde_json::to_value(&decoded).unwrap(), sms);

    let email = json!({"channel": "email", "to": "ada@example.com", "subject": "Hi"});
    let decoded: Notification = serde_json::from_value(email.clone()).unwrap();
    assert!(matches!(&decoded, Notification::EmailMessage(m) if m.subject == "Hi"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), email);
}

#[test]
fn binary_fields_are_strings_in_json() {
    let upload = UploadForm::new("t", File::new(b"abc".to_vec()));
    assert_eq!(serde_json::to_value(&upload).unwrap()["file"], json!("abc"));
}

#[test]
fn nullable_through_ref_and_lenient_dates_through_aliases() {
    // The spec's own example: `suspended_by` is a required `$ref` to a nullable schema, and
    // `since` a `$ref` to a date-time alias, sent without an offset.
    let spec: Value =
        serde_yaml::from_str(&std::fs::read_to_string("tests/fixtures/wire/wire.yaml").unwrap())
            .unwrap();
    let example = spec["paths"]["/owners/{id}"]["get"]["responses"]["200"]["content"]
        ["application/json"]["example"]
        .clone();
    let owner: Owner = serde_json::from_value(example).unwrap();
    assert_eq!(owner.suspended_by, None);
    assert_eq!(owner.since.to_rfc3339(), "2024-03-01T09:30:00+00:00");
    let owner: Owner = serde_json::from_value(json!({
        "name": "Ada", "suspended_by": {"login": "root"}, "since": "2024-03-01T09:30:00Z",
        "pets": [null, {"login": "x"}]
    }))
    .unwrap();
    assert_eq!(owner.suspended_by.unwrap().login.as_deref(), Some("root"));
    assert_eq!(owner.pets.unwrap().len(), 2);
}

#[tokio::test]
async fn a_specific_status_wins_over_its_range() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"kind": "cat", "name": "Tom"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/2"))
        .respond_with(ResponseTemplate::new(203).set_body_json(json!({"name": "n", "detail": "d"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/3"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"title": "gone"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/4"))
        .respond_with(ResponseTemplate::new(409).set_body_string("conflict"))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    assert!(matches!(
        client.get_pet("1").await.unwrap(),
        GetPetResponse::Ok(Pet::Cat(_))
    ));
    assert!(matches!(
        client.get_pet("2").await.unwrap(),
        GetPetResponse::Status2xx(Shape::Detailed(_))
    ));
    match client.get_pet("3").await {
        Err(Error::Api {
            error: GetPetError::NotFound(problem),
            ..
        }) => assert_eq!(problem.title.as_deref(), Some("gone")),
        other => panic!("{other:?}"),
    }
    match client.get_pet("4").await {
        Err(Error::Api {
            error: GetPetError::Status4xx(text),
            ..
        }) => assert_eq!(text, "conflict"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_no_content_response_succeeds_whatever_body_its_description_documents() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/jobs/7"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    // Decoding the documented JSON from the empty body would fail: the result is `()`.
    let () = client(&server.uri()).delete_job("7").await.unwrap();
}

#[tokio::test]
async fn a_form_encoded_response_is_returned_as_its_text_not_read_as_json() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login/oauth/access_token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            "access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist",
            "application/x-www-form-urlencoded",
        ))
        .mount(&server)
        .await;
    let text: String = client(&server.uri()).exchange_token().await.unwrap();
    assert_eq!(qs_parse(&text)["scope"], "repo,gist");
}

#[tokio::test]
async fn a_body_documented_for_any_media_type_is_sent_as_json_it_names() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/filters/3/columns"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let columns = vec!["summary".to_owned(), "status".to_owned()];
    client(&server.uri()).set_columns(3, columns).await.unwrap();
    let received = server.received_requests().await.unwrap();
    // `*/*` is a range, not a format: the body says what it is.
    assert_eq!(received[0].headers["content-type"], "application/json");
    let sent: Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(sent, json!(["summary", "status"]));
}

#[tokio::test]
async fn the_accept_header_names_only_media_ranges() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/documents/d1/download"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"%PDF".to_vec(), "application/pdf"))
        .mount(&server)
        .await;
    let bytes: Vec<u8> = client(&server.uri()).download_document("d1").await.unwrap();
    assert_eq!(bytes, b"%PDF");
    let received = server.received_requests().await.unwrap();
    // Neither the description's `*` (Prism crashes parsing it) nor `PDF` is a media range:
    // both responses may come in any type, which the header says once.
    assert_eq!(received[0].headers["accept"], "*/*");
}

#[tokio::test]
async fn a_schema_that_is_a_list_of_itself_decodes_and_encodes_any_depth() {
    let nested = json!([[[], [[]]], []]);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/outlines"))
        .respond_with(ResponseTemplate::new(200).set_body_json(nested.clone()))
        .mount(&server)
        .await;
    let outline: Outline = client(&server.uri()).get_outline().await.unwrap();
    let Outline::Value(top) = &outline;
    assert_eq!(top.len(), 2);
    assert_eq!(serde_json::to_value(&outline).unwrap(), nested);
}

#[tokio::test]
async fn a_response_ref_in_uri_fragment_form_resolves_to_its_typed_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/jobs"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"title": "sign in"})))
        .mount(&server)
        .await;
    match client(&server.uri()).create_job().await {
        Err(Error::Api {
            error: CreateJobError::Unauthorized(problem),
            ..
        }) => assert_eq!(problem.title.as_deref(), Some("sign in")),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn undeclared_and_read_only_properties_round_trip_but_read_only_ones_are_never_sent() {
    // `microchip` is not in the schema; `id` is read-only.
    let received = json!({"kind": "dog", "name": "Rex", "id": "d1", "microchip": {"no": 7}});
    let pet: Pet = serde_json::from_value(received.clone()).unwrap();
    let Pet::Dog(dog) = &pet else {
        panic!("{pet:?}")
    };
    assert_eq!(dog.id.as_deref(), Some("d1"));
    assert_eq!(dog.additional_properties["microchip"], json!({"no": 7}));
    // What came in goes out again, byte for byte once parsed.
    assert_eq!(serde_json::to_value(&pet).unwrap(), received);

    // Sent back to the API, the read-only `id` is left out and the undeclared field kept.
    let (server, seen) =
        capturing_server("/pets", ResponseTemplate::new(201).set_body_json(&received)).await;
    let created = client(&server.uri()).create_pet(pet.clone()).await.unwrap();
    assert_eq!(created, pet);
    let sent: Value = serde_json::from_slice(&seen.lock().unwrap()[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"kind": "dog", "name": "Rex", "microchip": {"no": 7}})
    );
}

/// Records the raw `POST`s to `route` a mock server receives.
async fn capturing_server(
    route: &str,
    reply: ResponseTemplate,
) -> (MockServer, Arc<Mutex<Vec<Request>>>) {
    recording_server(Mock::given(method("POST")).and(path(route)), reply).await
}

fn charge() -> ChargeForm {
    let mut charge = ChargeForm::new(2000);
    charge.currency = Some("eur".into());
    charge.metadata = Some(
        [
            ("order_id".to_owned(), "6735".to_owned()),
            ("note".to_owned(), "a&b=c".to_owned()),
        ]
        .into(),
    );
    charge.expand = Some(vec!["customer".into(), "invoice.subscription".into()]);
    charge.tags = Some(vec!["x".into(), "y z".into()]);
    let mut address = ChargeFormShippingAddress::new();
    address.line1 = Some("1 Main St".into());
    address.city = Some("Berlin".into());
    let mut shipping = ChargeFormShipping::new();
    shipping.name = Some("Ada".into());
    shipping.address = Some(address);
    charge.shipping = Some(shipping);
    let mut item = ChargeFormItemsItem::new();
    item.price = Some("price_1".into());
    item.quantity = Some(2);
    charge.items = Some(vec![item]);
    let mut options = ChargeFormOptions::new();
    options.fast = Some(true);
    charge.options = Some(options);
    charge
}

/// Parses a form body with `qs`, the parser Express uses (installed by scripts/setup-tools.sh).
fn qs_parse(body: &str) -> Value {
    let mut child = Command::new("node")
        .arg("-e")
        .arg("const qs = require('./tools/node_modules/qs'); let input = ''; process.stdin.on('data', d => input += d); process.stdin.on('end', () => process.stdout.write(JSON.stringify(qs.parse(input))));")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test]
async fn form_bodies_follow_the_encoding_map_as_a_server_parses_them() {
    let (server, seen) = capturing_server("/charges", ResponseTemplate::new(200)).await;
    client(&server.uri()).create_charge(charge()).await.unwrap();
    let request = seen.lock().unwrap()[0].clone();
    assert_eq!(
        request.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    let body = String::from_utf8(request.body).unwrap();
    // Exploded arrays repeat the key (`tags`); deepObject nests brackets (`metadata[..]`,
    // `shipping[address][city]`, `items[0][price]`, `expand[]`); a JSON part stays JSON.
    assert!(body.contains("tags=x&tags=y%20z"), "{body}");
    assert!(
        body.contains("shipping%5Baddress%5D%5Bcity%5D=Berlin"),
        "{body}"
    );
    let (before_options, _) = body.split_once("options=").unwrap();
    assert!(
        !before_options.contains("%7B"),
        "JSON text in a form field: {body}"
    );
    let parsed = qs_parse(&body);
    assert_eq!(
        parsed,
        json!({
            "amount": "2000",
            "currency": "eur",
            "metadata": {"order_id": "6735", "note": "a&b=c"},
            "expand": ["customer", "invoice.subscription"],
            "tags": ["x", "y z"],
            "shipping": {"name": "Ada", "address": {"line1": "1 Main St", "city": "Berlin"}},
            "items": [{"price": "price_1", "quantity": "2"}],
            "options": "{\"fast\":true}",
        })
    );
}

/// Parses a multipart body with Python's `email` package: (name, file name, content type, text).
fn python_multipart(content_type: &str, body: &[u8]) -> Value {
    let script = r#"
import sys, json
from email.parser import BytesParser
from email.policy import default
content_type = sys.argv[1]
message = BytesParser(policy=default).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + sys.stdin.buffer.read())
parts = []
for part in message.iter_parts():
    parts.append([part.get_param("name", header="content-disposition"), part.get_filename(), part.get_content_type(), part.get_payload(decode=True).decode("latin-1")])
print(json.dumps(parts))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script, content_type])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().unwrap().write_all(body).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

fn upload_form() -> UploadForm {
    let mut form = UploadForm::new(
        "holiday",
        File::new(b"\x89PNG...".to_vec()).file_name("beach.png"),
    );
    form.attachments = Some(vec![
        File::new(b"first".to_vec())
            .file_name("a.txt")
            .content_type("text/plain"),
        File::new(b"second".to_vec()),
    ]);
    form.labels = Some(vec!["sea".into(), "sun".into()]);
    form.display_name = Some("Café".into());
    let mut meta = UploadFormMeta::new();
    meta.source = Some("phone".into());
    form.meta = Some(meta);
    form
}

#[tokio::test]
async fn multipart_bodies_have_a_boundary_and_typed_parts() {
    let (server, seen) = capturing_server(
        "/uploads",
        ResponseTemplate::new(200).set_body_json(json!({"id": "u1"})),
    )
    .await;
    let stored = client(&server.uri()).upload(upload_form()).await.unwrap();
    assert_eq!(stored.id.as_deref(), Some("u1"));
    let request = seen.lock().unwrap()[0].clone();
    let content_type = request.headers["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let parts = python_multipart(&content_type, &request.body);
    assert_eq!(
        parts,
        json!([
            ["title", null, "text/plain", "holiday"],
            ["file", "beach.png", "image/png", "\u{89}PNG..."],
            ["attachments", "a.txt", "text/plain", "first"],
            [
                "attachments",
                "attachments",
                "application/octet-stream",
                "second"
            ],
            ["labels", null, "text/plain", "sea"],
            ["labels", null, "text/plain", "sun"],
            ["display name", null, "text/plain", "Caf\u{c3}\u{a9}"],
            ["meta", null, "application/json", "{\"source\":\"phone\"}"],
        ])
    );
    // Node's `FormData` parser (undici, which fetch-based servers use) reads the same names:
    // a name written as `name*=utf-8''display%20name` would fail the whole body there.
    let names = node_form_data_names(&content_type, &request.body);
    assert_eq!(
        names,
        json!([
            "title",
            "file",
            "attachments",
            "attachments",
            "labels",
            "labels",
            "display name",
            "meta"
        ])
    );
}

/// The part names Node's built-in `FormData` parser reads from a multipart body.
fn node_form_data_names(content_type: &str, body: &[u8]) -> Value {
    let script = "let input = []; process.stdin.on('data', d => input.push(d)); \
        process.stdin.on('end', async () => { \
        const form = await new Response(Buffer.concat(input), { headers: { 'content-type': process.argv[1] } }).formData(); \
        process.stdout.write(JSON.stringify([...form.keys()])); });";
    let mut child = Command::new("node")
        .args(["-e", script, content_type])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    child.stdin.take().unwrap().write_all(body).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "Node could not parse the body");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Prism reads each multipart part as one string and keeps the last of repeated names, so it
/// can validate scalar and file parts, not arrays or JSON parts (which the Python parser above
/// checks): the upload sent to Prism has only those. Of form bodies it reads `deepObject`
/// fields, but not repeated keys without an explicit style, nor JSON-typed fields, and wants
/// arrays of objects as JSON text, which no OpenAPI style says (`qs` checks those above).
#[tokio::test]
async fn prism_accepts_every_body_the_wire_fixture_sends() {
    let prism = Prism::start("tests/fixtures/wire/wire.yaml".as_ref());
    let violations: Arc<Mutex<Vec<String>>> = Arc::default();
    #[derive(Clone)]
    struct Record(Arc<Mutex<Vec<String>>>);
    impl wire_fixture_client::Hooks for Record {
        fn on_response(&self, response: &wire_fixture_client::ResponseInfo) {
            let status = response.status.map(|s| s.as_u16());
            if matches!(status, Some(400 | 415 | 422)) {
                self.0
                    .lock()
                    .unwrap()
                    .push(format!("{}: {status:?}", response.operation_id));
            }
            if let Some(header) = response.headers.get("sl-violations") {
                for violation in request_violations(header.to_str().unwrap_or("[]")) {
                    self.0
                        .lock()
                        .unwrap()
                        .push(format!("{}: {violation}", response.operation_id));
                }
            }
        }
    }
    let client = Client::builder()
        .base_url(&prism.base_url)
        .retry(RetryPolicy::disabled())
        .hook(Record(violations.clone()))
        .build()
        .unwrap();
    let upload = UploadForm::new("holiday", File::new(b"PNG".to_vec()));
    client.upload(upload).await.unwrap();
    let mut charge = charge();
    charge.items = None;
    charge.tags = None;
    charge.options = None;
    client.create_charge(charge).await.unwrap();
    client
        .create_pet(Pet::Cat(Cat::new(CatKind::Cat, "Tom")))
        .await
        .unwrap();
    client
        .echo_shape(serde_json::from_value(json!({"name": "a", "detail": "d"})).unwrap())
        .await
        .unwrap();
    // Prism's mock answer is built from the first variant alone (`{"subject": "string"}`,
    // without the shared required properties), so only the request is judged here.
    let sent = client
        .send_notification(
            serde_json::from_value(json!({"channel": "sms", "to": "+4930123", "segments": 2}))
                .unwrap(),
        )
        .await;
    assert!(
        matches!(sent, Ok(_) | Err(Error::Decode { .. })),
        "{sent:?}"
    );
    let mut campaign = Campaign::new("spring");
    campaign.code_alerts = Some(3);
    client.create_campaign(campaign).await.unwrap();
    client
        .set_columns(3, vec!["summary".to_owned()])
        .await
        .unwrap();
    let violations = violations.lock().unwrap();
    assert!(violations.is_empty(), "Prism rejected: {violations:?}");
}

#[test]
fn models_decode_and_encode_by_their_written_out_impls() {
    // Decoding: required fields named when missing, optional ones `None` when missing or
    // null, undeclared ones kept, the last of a repeated property kept.
    let owner: Owner = serde_json::from_str(
        r#"{"name":"Ada","since":"2024-03-01T09:30:00Z","name":"Grace","suspended_by":null,"x":1}"#,
    )
    .unwrap();
    assert_eq!(owner.name, "Grace");
    assert_eq!((owner.suspended_by, owner.pets), (None, None));
    assert_eq!(owner.additional_properties["x"], json!(1));
    for (text, expected) in [
        (
            r#"{"since":"2024-03-01T09:30:00Z"}"#,
            "missing field `name`",
        ),
        (r#"{"name":"Ada"}"#, "missing field `since`"),
        (r#"["Ada"]"#, "expected struct Owner"),
        (
            r#"{"name":"Ada","since":"soon"}"#,
            "invalid date-time \"soon\"",
        ),
    ] {
        let error = serde_json::from_str::<Owner>(text).unwrap_err().to_string();
        assert!(error.contains(expected), "{text}: {error}");
    }
    // Encoding: declared properties in order, unset optional ones left out, undeclared last.
    let owner: Owner = serde_json::from_str(
        r#"{"x":1,"since":"2024-03-01T09:30:00Z","name":"Ada","pets":[null]}"#,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_string(&owner).unwrap(),
        r#"{"name":"Ada","since":"2024-03-01T09:30:00Z","pets":[null],"x":1}"#
    );
}
