//! A real OpenAPI 3.1 producer end to end: the FastAPI app in `tests/fixtures/fastapi/`
//! runs under uvicorn, and every route is called through `fastapi-fixture-client`, generated
//! from the schema the app writes; each call must give back exactly what the server sent.

mod support;

use chrono::{DateTime, TimeZone, Utc};
use fastapi_fixture_client::models::{
    Ball, BodyUploadPhoto, Microchip, Owner, Pet, PetIn, PetInMicrochip, PetInToysItem, PetPatch,
    PetToysItem, Rope, Species, ValidationErrorLocItem,
};
use fastapi_fixture_client::operations::{GetPetError, ListPetsError, UpdatePetError};
use fastapi_fixture_client::{Client, Error, File, Nullable, RetryPolicy};
use std::collections::BTreeSet;
use std::process::Command;
use support::uvicorn::{python, serve_fixture_app, APP_DIR};

/// Every operation of the app, each called below.
const OPERATIONS: &[&str] = &[
    "create_pet",
    "delete_pet",
    "get_pet",
    "get_toy",
    "greet",
    "list_pets",
    "update_pet",
    "upload_photo",
];

fn committed_schema() -> String {
    std::fs::read_to_string(format!("{APP_DIR}/fastapi.json")).expect("committed schema")
}

#[test]
fn committed_schema_is_what_the_app_writes() {
    let output = Command::new(python())
        .arg(format!("{APP_DIR}/app.py"))
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = String::from_utf8(output.stdout).expect("UTF-8");
    let committed = committed_schema();
    let first_difference = written
        .lines()
        .zip(committed.lines())
        .position(|(a, b)| a != b)
        .map_or_else(|| "in length".to_owned(), |i| format!("at line {}", i + 1));
    assert!(
        written == committed,
        "{APP_DIR}/fastapi.json differs from the app's schema ({first_difference}); regenerate it: \
         .tools/venv/bin/python {APP_DIR}/app.py > {APP_DIR}/fastapi.json"
    );
}

#[test]
fn every_operation_is_called() {
    let schema: serde_json::Value = serde_json::from_str(&committed_schema()).unwrap();
    let in_schema: BTreeSet<&str> = schema["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|operation| operation["operationId"].as_str())
        .collect();
    assert_eq!(in_schema, OPERATIONS.iter().copied().collect());
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

/// Pet 1 as the app stores it, every field set (`email` explicitly null).
fn assert_is_tom(pet: &Pet) {
    assert_eq!(pet.id, 1);
    assert_eq!(pet.name, "Tom");
    assert_eq!(pet.species, Species::Cat);
    assert_eq!(pet.born_at, at(2020, 5, 17, 8, 30, 0));
    assert_eq!(
        pet.tags.as_deref(),
        Some(&["indoor".into(), "grumpy".into()][..])
    );
    let owner = pet.owner.as_ref().expect("Tom has an owner");
    assert_eq!(owner.name, "Ada");
    assert_eq!(owner.email, Nullable::Null);
    assert_eq!(pet.nickname.as_deref(), Some("Whiskers"));
    let toys = pet.toys.as_deref().expect("toys");
    assert!(
        matches!(toys, [PetToysItem::Ball(ball)] if ball.diameter_cm == 6.5),
        "{toys:?}"
    );
    assert_eq!(pet.microchip, Some(Microchip::Integer(985112)));
    assert!(pet.additional_properties.is_empty());
}

/// Pet 2: optionals null or left at their defaults, a chip code that is a string.
fn assert_is_polly(pet: &Pet) {
    assert_eq!(pet.id, 2);
    assert_eq!(pet.name, "Polly");
    assert_eq!(pet.species, Species::Parrot);
    assert_eq!(pet.born_at, at(2018, 1, 2, 23, 59, 58));
    assert_eq!(pet.tags.as_deref(), Some(&[][..]));
    assert_eq!(pet.owner, None);
    assert_eq!(pet.nickname, None);
    let toys = pet.toys.as_deref().expect("toys");
    assert!(
        matches!(toys, [PetToysItem::Rope(rope), PetToysItem::Ball(ball)]
            if rope.length_cm == 40 && ball.diameter_cm == 2.0),
        "{toys:?}"
    );
    assert_eq!(pet.microchip, Some(Microchip::String("PA-17".into())));
}

#[tokio::test]
async fn every_route_round_trips_through_the_generated_client() {
    let server = serve_fixture_app();
    let client = Client::builder()
        .base_url(&server.base_url)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();

    // The schema served is the one committed (and so the one the client was generated from).
    let served = reqwest::get(format!("{}/openapi.json", server.base_url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let served: serde_json::Value = serde_json::from_str(&served).unwrap();
    assert_eq!(
        served,
        serde_json::from_str::<serde_json::Value>(&committed_schema()).unwrap()
    );

    // list_pets: everything, then filtered by an enum, then refused (422, a union `loc`).
    let pets = client.list_pets().await.unwrap();
    assert_eq!(pets.len(), 2);
    assert_is_tom(&pets[0]);
    assert_is_polly(&pets[1]);
    let parrots = client
        .list_pets()
        .species(Species::Parrot)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(parrots, pets[1..]);
    match client.list_pets().limit(0).await {
        Err(Error::Api {
            error: ListPetsError::UnprocessableEntity(invalid),
            ..
        }) => {
            let detail = invalid.detail.expect("detail");
            assert_eq!(detail.len(), 1);
            assert_eq!(
                detail[0].loc,
                [
                    ValidationErrorLocItem::String("query".into()),
                    ValidationErrorLocItem::String("limit".into())
                ]
            );
            assert_eq!(detail[0].r#type, "greater_than_equal");
            assert_eq!(detail[0].input, Some(serde_json::json!("0")));
        }
        other => panic!("limit 0: {other:?}"),
    }

    // get_pet: a documented 404 decodes into its model.
    assert_eq!(client.get_pet(1).await.unwrap(), pets[0]);
    match client.get_pet(999).await {
        Err(Error::Api {
            error: GetPetError::NotFound(not_found),
            status,
            ..
        }) => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(not_found.detail, "no pet 999");
        }
        other => panic!("pet 999: {other:?}"),
    }

    // create_pet: every field sent comes back (201), a null optional included.
    let born = at(2023, 12, 31, 23, 59, 59);
    let new_pet = PetIn::new("Rex", Species::Dog, born)
        .tags(vec!["outdoor".to_owned()])
        .owner(Owner::new("Bob").email("bob@example.com"))
        .nickname(Nullable::Null)
        .toys(vec![
            PetInToysItem::from(Rope::new(120)),
            Ball::new(7.25).into(),
        ])
        .microchip(PetInMicrochip::String("RX-1".into()));
    let created = client.create_pet(new_pet).await.unwrap();
    assert_eq!(created.id, 3);
    assert_eq!(created.name, "Rex");
    assert_eq!(created.species, Species::Dog);
    assert_eq!(created.born_at, born);
    assert_eq!(created.tags, Some(vec!["outdoor".to_owned()]));
    let owner = created.owner.expect("owner");
    assert_eq!(
        (owner.name.as_str(), owner.email),
        ("Bob", Nullable::Value("bob@example.com".to_owned()))
    );
    assert_eq!(created.nickname, None);
    let toys = created.toys.expect("toys");
    assert!(
        matches!(&toys[..], [PetToysItem::Rope(rope), PetToysItem::Ball(ball)]
            if rope.length_cm == 120 && ball.diameter_cm == 7.25),
        "{toys:?}"
    );
    assert_eq!(created.microchip, Some(Microchip::String("RX-1".into())));

    // update_pet: a field sent as null is cleared, a field left out is kept.
    let patch = PetPatch::new().name("Tommy").nickname(Nullable::Null);
    let updated = client.update_pet(1, patch).await.unwrap();
    assert_eq!(
        (updated.name.as_str(), updated.nickname, updated.species),
        ("Tommy", None, Species::Cat)
    );
    let unchanged = client.update_pet(1, PetPatch::new()).await.unwrap();
    assert_eq!(unchanged, pets[0]);
    assert!(matches!(
        client.update_pet(999, PetPatch::new()).await,
        Err(Error::Api {
            error: UpdatePetError::NotFound(_),
            ..
        })
    ));

    // delete_pet: 204 without a body; the app's 404 is not in its schema for this route.
    client.delete_pet(2).await.unwrap();
    match client.delete_pet(999).await {
        Err(error @ Error::UnexpectedStatus { .. }) => {
            assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
            assert_eq!(
                error.body_text().as_deref(),
                Some(r#"{"detail":"no pet 999"}"#)
            );
        }
        other => panic!("delete 999: {other:?}"),
    }

    // get_toy: a discriminated union as the whole body, each variant.
    let rope = client.get_toy(2, 0).await.unwrap();
    assert!(
        matches!(&rope, PetToysItem::Rope(rope) if rope.length_cm == 40),
        "{rope:?}"
    );
    let ball = client.get_toy(2, 1).await.unwrap();
    assert!(
        matches!(&ball, PetToysItem::Ball(ball) if ball.diameter_cm == 2.0),
        "{ball:?}"
    );

    // upload_photo: the server reports the multipart file part as it arrived.
    let photo: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let body = BodyUploadPhoto::new(
        File::new(photo.clone())
            .file_name("tom asleep.png")
            .content_type("image/png"),
        "Tom, asleep",
    );
    let receipt = client.upload_photo(1, body).await.unwrap();
    assert_eq!(receipt.pet_id, 1);
    assert_eq!(receipt.filename, "tom asleep.png");
    assert_eq!(receipt.size, 3000);
    assert_eq!(receipt.content_type.as_deref(), Some("image/png"));
    assert_eq!(receipt.caption, "Tom, asleep");

    // greet: a header and a repeated query parameter echoed, a date-time with a fraction.
    let greeting = client
        .greet()
        .tags(vec!["a b".to_owned(), "c&d".to_owned()])
        .x_request_id("req-7")
        .await
        .unwrap();
    assert_eq!(greeting.request_id.as_deref(), Some("req-7"));
    assert_eq!(greeting.tags, ["a b", "c&d"]);
    let fraction = chrono::Duration::milliseconds(250);
    assert_eq!(greeting.at, at(2024, 2, 29, 12, 0, 0) + fraction);
    let bare = client.greet().await.unwrap();
    assert_eq!((bare.request_id, bare.tags), (None, Vec::<String>::new()));
}
