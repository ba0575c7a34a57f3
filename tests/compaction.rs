//! The generated crate holds what the operations use, once: unused component schemas are
//! left out (unless asked for), and inline copies of the same type become aliases.

use openapi_client_gen::{generate, Settings};

const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Compaction, version: "1" }
paths:
  /issues:
    get:
      operationId: listIssues
      parameters:
        - { name: direction, in: query, schema: { type: string, enum: [asc, desc] } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Issue" }
  /pulls:
    get:
      operationId: listPulls
      parameters:
        - { name: direction, in: query, schema: { type: string, enum: [asc, desc] } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  state: { $ref: "#/components/schemas/PullState" }
                  author:
                    type: object
                    properties: { login: { type: string } }
components:
  schemas:
    Issue:
      type: object
      properties:
        state: { $ref: "#/components/schemas/IssueState" }
        author:
          type: object
          properties: { login: { type: string } }
    IssueState: { type: string, enum: [open, closed] }
    PullState: { type: string, enum: [open, closed] }
    WebhookPayload:
      type: object
      properties: { action: { type: string } }
    UnusedNegation:
      not: { type: string }
"##;

fn models(settings: &Settings) -> String {
    let generated = generate(SPEC, "compaction.yaml", settings).expect("spec generates");
    generated.files["src/models.rs"].clone()
}

#[test]
fn schemas_no_operation_uses_are_left_out_unless_asked_for() {
    let default = models(&Settings::new("compaction"));
    assert!(!default.contains("WebhookPayload"), "{default}");
    assert!(default.contains("pub struct Issue "), "{default}");
    let all = models(&Settings::new("compaction").all_schemas(true));
    assert!(all.contains("pub struct WebhookPayload"), "{all}");
}

#[test]
fn schemas_no_operation_uses_are_not_even_lowered() {
    // `not` is unsupported (a warning); the schema using it is unused, so by default it is
    // never looked at.
    let default = generate(SPEC, "compaction.yaml", &Settings::new("compaction")).unwrap();
    assert!(default.warnings.is_empty(), "{:?}", default.warnings);
    let all_schemas = Settings::new("compaction").all_schemas(true);
    let all = generate(SPEC, "compaction.yaml", &all_schemas).unwrap();
    let warned = all
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>();
    assert!(
        warned.iter().any(|w| w.contains("UnusedNegation")),
        "{warned:?}"
    );
}

#[test]
fn identical_inline_types_become_aliases_but_named_schemas_stay_apart() {
    let models = models(&Settings::new("compaction"));
    // The two inline `direction` enums: one definition, one alias, both names usable.
    let enums = models.matches("pub enum ListIssuesDirection").count()
        + models.matches("pub enum ListPullsDirection").count();
    assert_eq!(enums, 1, "{models}");
    assert!(
        models.contains("pub type ListPullsDirection = crate::models::ListIssuesDirection;")
            || models.contains("pub type ListIssuesDirection = crate::models::ListPullsDirection;"),
        "{models}"
    );
    // The inline `author` objects merge too, into one struct.
    assert_eq!(models.matches("pub login:").count(), 1, "{models}");
    // Two component schemas with the same values are two concepts: both stay enums.
    assert!(models.contains("pub enum IssueState"), "{models}");
    assert!(models.contains("pub enum PullState"), "{models}");
}
