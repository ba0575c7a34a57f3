//! Emits `tests/smoke.rs` (the `smoke_tests` setting): one test per operation that calls it
//! against the server at `$SMOKE_BASE_URL` (a Prism mock of the spec) with the values the
//! [`SmokePlan`] chose, and fails on any request violation Prism reports (`sl-violations`),
//! or on an outcome other than `Ok` or a documented API error.

use super::types::ident;
use crate::ir::{Api, AuthKind};
use crate::smoke::{ArgKind, ArgPlan, OperationPlan, SmokePlan};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The dev-dependencies the smoke tests need, as `Cargo.toml` lines.
pub const DEV_DEPENDENCIES: &str = "[dev-dependencies]\n\
     serde_json = \"1\"\n\
     tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n";

pub fn emit_smoke_tests(api: &Api, plan: &SmokePlan, crate_name: &str) -> TokenStream {
    let lib = format_ident!("{}", crate_name.replace('-', "_"));
    let not_covered = plan.not_covered.iter().map(|(operation, reason)| {
        let line = format!(" Not covered: `{operation}`: {reason}.");
        quote!(#![doc = #line])
    });
    let tests = plan.operations.iter().map(|op| emit_test(api, op));
    quote! {
        //! Smoke tests, one per operation: each calls the operation with every required
        //! argument (the spec's examples first, else a value built from the schema) against
        //! `$SMOKE_BASE_URL`, a Prism mock server of the spec, and fails when Prism reports a
        //! violation of the request or the outcome is neither `Ok` nor a documented
        //! API error. With `$SMOKE_OUT` set, each test appends its outcome there as a JSON line;
        //! `$SMOKE_SKIP` may name candidates an independent validator found invalid.
        #(#not_covered)*

        use ::std::sync::{Arc, Mutex};
        use #lib::{Client, ClientBuilder, Error, Hooks, ResponseInfo, RetryPolicy};

        /// What Prism said about the requests of one test.
        #[derive(Clone, Default)]
        struct Seen(Arc<Mutex<Findings>>);

        #[derive(Default)]
        struct Findings {
            violations: Vec<String>,
            /// Which candidate each argument was built from, in argument order.
            chosen: Vec<usize>,
        }

        impl Hooks for Seen {
            fn on_response(&self, response: &ResponseInfo) {
                let Some(header) = response
                    .headers
                    .get("sl-violations")
                    .and_then(|value| value.to_str().ok())
                else {
                    return;
                };
                let list: Vec<::serde_json::Value> = ::serde_json::from_str(header).unwrap_or_default();
                let mut findings = self.0.lock().unwrap_or_else(|e| e.into_inner());
                // Warnings (a deprecated parameter that is required) are not violations.
                let errors = list
                    .iter()
                    .filter(|v| v["location"][0] == "request" && v["severity"] != "Warning");
                for violation in errors {
                    findings.violations.push(format!("{} at {}", violation["message"], violation["location"]));
                }
            }
        }

        fn client(seen: &Seen) -> ClientBuilder {
            let base_url = ::std::env::var("SMOKE_BASE_URL")
                .expect("SMOKE_BASE_URL must name the mock server of the spec (e.g. Prism)");
            Client::builder()
                .base_url(base_url)
                .retry(RetryPolicy::disabled())
                .timeout(::std::time::Duration::from_secs(60))
                .hook(seen.clone())
        }

        /// Appends the outcome to `$SMOKE_OUT` (one JSON line) and prints it; `extra` adds
        /// fields (the chosen candidates, an undecodable response's status and whole body).
        fn record(operation: &str, outcome: &str, detail: &str, extra: ::serde_json::Value) {
            let mut line = ::serde_json::json!({ "operation": operation, "outcome": outcome, "detail": detail });
            if let (Some(line), ::serde_json::Value::Object(extra)) = (line.as_object_mut(), extra) {
                line.extend(extra);
            }
            eprintln!("SMOKE {line}");
            if let Ok(path) = ::std::env::var("SMOKE_OUT") {
                use ::std::io::Write;
                if let Ok(mut file) = ::std::fs::OpenOptions::new().create(true).append(true).open(path) {
                    let _ = writeln!(file, "{line}");
                }
            }
        }

        /// The candidates of each argument judged invalid per the spec, read from the JSON
        /// file `$SMOKE_SKIP` names (`{"operation": {"argument": [index, ...]}}`), if any.
        fn skipped(operation: &str, name: &str) -> Vec<usize> {
            static SKIP: ::std::sync::OnceLock<::serde_json::Value> = ::std::sync::OnceLock::new();
            let skip = SKIP.get_or_init(|| {
                ::std::env::var("SMOKE_SKIP")
                    .ok()
                    .and_then(|path| ::std::fs::read_to_string(path).ok())
                    .and_then(|text| ::serde_json::from_str(&text).ok())
                    .unwrap_or_default()
            });
            skip[operation][name]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|index| index.as_u64())
                .filter_map(|index| usize::try_from(index).ok())
                .collect()
        }

        /// The first candidate (JSON text) that decodes into the argument's type, leaving out
        /// those `$SMOKE_SKIP` calls invalid.
        fn value<T: ::serde::de::DeserializeOwned>(seen: &Seen, operation: &str, name: &str, candidates: &[&str]) -> T {
            let mut errors = Vec::new();
            let skipped = skipped(operation, name);
            for (index, text) in candidates.iter().enumerate() {
                if skipped.contains(&index) {
                    errors.push(format!("{text}: invalid per the spec"));
                    continue;
                }
                match ::serde_json::from_str::<T>(text) {
                    Ok(value) => {
                        seen.0.lock().unwrap_or_else(|e| e.into_inner()).chosen.push(index);
                        return value;
                    }
                    Err(error) => errors.push(format!("{text}: {error}")),
                }
            }
            let detail = format!("cannot build `{name}`: {}", errors.join("; "));
            record(operation, "argument", &detail, ::serde_json::Value::Null);
            panic!("{operation}: {detail}");
        }

        /// The violations of a problem Prism made up itself (`422`/`415`/`401` when the spec
        /// documents no such status): its `validation` list, or its title and detail.
        fn prism_problem(body: &str) -> Option<String> {
            let problem: ::serde_json::Value = ::serde_json::from_str(body).ok()?;
            let kind = problem["type"].as_str()?;
            if !kind.starts_with("https://stoplight.io/prism/errors#") {
                return None;
            }
            let validation: Vec<String> = problem["validation"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|v| v["severity"] != "Warning")
                .map(|v| format!("{} at {}", v["message"], v["location"]))
                .collect();
            Some(if validation.is_empty() {
                format!("{} ({})", problem["title"], kind)
            } else {
                validation.join(" | ")
            })
        }

        fn check<T, E: ::std::fmt::Debug>(operation: &str, seen: &Seen, outcome: Result<T, Error<E>>) {
            let (violations, chosen) = {
                let mut findings = seen.0.lock().unwrap_or_else(|e| e.into_inner());
                (::std::mem::take(&mut findings.violations), ::std::mem::take(&mut findings.chosen))
            };
            let mut extra = ::serde_json::json!({ "chosen": chosen });
            let (kind, detail) = if !violations.is_empty() {
                ("violation", violations.join(" | "))
            } else {
                match &outcome {
                    // A documented error status without violations is the spec's choice (an
                    // operation that documents only errors): the request was accepted.
                    Ok(_) | Err(Error::Api { .. }) => ("passed", String::new()),
                    Err(Error::UnexpectedStatus { status, body, .. })
                        if status.as_u16() < 500 && prism_problem(&body.text()).is_some() => {
                        let problem = prism_problem(&body.text()).unwrap_or_default();
                        ("violation", format!("{status}: {problem}"))
                    }
                    // Prism failing to build its own response (not about the request).
                    Err(Error::UnexpectedStatus { status, body, .. }) if prism_problem(&body.text()).is_some() => {
                        let problem = prism_problem(&body.text()).unwrap_or_default();
                        ("other", format!("PrismResponse {status}: {problem}"))
                    }
                    Err(other) => {
                        if let Error::Decode { status, body, .. } = other {
                            extra["status"] = status.as_u16().into();
                            extra["body"] = body.text().into();
                        }
                        let text: String = format!("{other:?}").chars().take(600).collect();
                        ("other", text)
                    }
                }
            };
            record(operation, kind, &detail, extra);
            assert!(kind == "passed", "{operation}: {kind}: {detail}");
        }

        #(#tests)*
    }
}

fn emit_test(api: &Api, plan: &OperationPlan) -> TokenStream {
    let op = &api.operations[plan.operation];
    let operation_id = &op.operation_id;
    let fn_name = ident(&op.fn_name);
    let test_name = format_ident!("{}", plan.test_name);
    let mut credentials = Vec::new();
    for index in &plan.credentials {
        let scheme = &api.auth[*index];
        let setter = ident(&scheme.rust_name);
        credentials.push(match scheme.kind {
            AuthKind::Basic => quote!(.#setter("smoke-user", "smoke-password")),
            _ => quote!(.#setter("smoke-credential")),
        });
    }
    let mut lets = Vec::new();
    let mut names = Vec::new();
    for (i, arg) in plan.args.iter().enumerate() {
        let name = format_ident!("arg{}", i);
        lets.push(build_arg(&name, arg));
        names.push(name);
    }
    let body = plan.optional_body.as_ref().map(|arg| {
        let name = format_ident!("body");
        lets.push(build_arg(&name, arg));
        quote!(.body(#name))
    });
    quote! {
        #[tokio::test]
        async fn #test_name() {
            const OPERATION: &str = #operation_id;
            let seen = Seen::default();
            let client = client(&seen)
                #(#credentials)*
                .build()
                .expect("the client builds");
            #(#lets)*
            let outcome = client.#fn_name(#(#names),*) #body .await;
            check(OPERATION, &seen, outcome);
        }
    }
}

/// `let <name> = value(...)`, typed where the method cannot infer it.
fn build_arg(name: &proc_macro2::Ident, arg: &ArgPlan) -> TokenStream {
    let wire = &arg.name;
    let candidates = arg.candidates.iter().map(|v| v.to_string());
    let candidates = quote!(&[#(#candidates),*]);
    match arg.kind {
        ArgKind::Inferred => quote!(let #name = value(&seen, OPERATION, #wire, #candidates);),
        ArgKind::String => {
            quote!(let #name: String = value(&seen, OPERATION, #wire, #candidates);)
        }
        ArgKind::Bytes => {
            quote!(let #name = value::<String>(&seen, OPERATION, #wire, #candidates).into_bytes();)
        }
    }
}
