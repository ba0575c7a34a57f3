//! Generation settings (one struct, builder-style) and the repo's `clients.toml` config file.

use crate::error::Error;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Wire names of a response envelope's fields, e.g. `{Data, Errors, Warnings, Success}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeFields {
    pub data: String,
    #[serde(default)]
    pub errors: Option<String>,
    #[serde(default)]
    pub warnings: Option<String>,
    #[serde(default)]
    pub success: Option<String>,
}

/// How an operation's next page is asked for when the description does not say (a page
/// number or cursor in the body, sent back as a query parameter).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyPagination {
    /// The query parameter that asks for a page, e.g. `page` or `cursor`.
    pub query: String,
    /// Wire names, dot-separated, from the success body to the next page's value, e.g.
    /// `meta.pagination.next_page`; absent or `null` on the last page.
    pub next: String,
}

/// How one client crate is generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub crate_name: String,
    pub crate_version: String,
    /// Wraps responses that carry these fields with unwrapping helpers.
    pub envelope: Option<EnvelopeFields>,
    /// Also generates component schemas that no operation uses (by default they are left out).
    pub all_schemas: bool,
    /// Schema `$ref`s that do not resolve become untyped JSON with a warning (by default
    /// they are errors, so a typo cannot silently weaken the generated types).
    pub allow_unresolved_refs: bool,
    /// Body-driven pagination, by `operationId`.
    pub pagination: std::collections::BTreeMap<String, BodyPagination>,
    /// Also writes `tests/smoke.rs`: one test per operation, run against a mock server of
    /// the spec (Prism) that validates every request.
    pub smoke_tests: bool,
    /// Models ignore the properties their schema does not list, instead of keeping them in
    /// an `additional_properties` map (smaller, faster crates; values no longer round-trip).
    pub drop_unknown_fields: bool,
    /// One Cargo feature per tag (operations and the models they reach), `full` by default.
    pub tag_features: bool,
    /// Pass the output through rustfmt (default). A build script that generates into
    /// `OUT_DIR`, where nobody reads or diffs the files, can skip it: the code is the same,
    /// only laid out as the pretty-printer leaves it, and generation takes about half as long.
    pub rustfmt: bool,
}

impl Settings {
    pub fn new(crate_name: impl Into<String>) -> Self {
        Settings {
            crate_name: crate_name.into(),
            crate_version: "0.1.0".into(),
            envelope: None,
            all_schemas: false,
            allow_unresolved_refs: false,
            pagination: std::collections::BTreeMap::new(),
            smoke_tests: false,
            drop_unknown_fields: false,
            tag_features: true,
            rustfmt: true,
        }
    }

    pub fn crate_version(mut self, version: impl Into<String>) -> Self {
        self.crate_version = version.into();
        self
    }

    pub fn envelope(mut self, fields: Option<EnvelopeFields>) -> Self {
        self.envelope = fields;
        self
    }

    pub fn all_schemas(mut self, all: bool) -> Self {
        self.all_schemas = all;
        self
    }

    pub fn allow_unresolved_refs(mut self, allow: bool) -> Self {
        self.allow_unresolved_refs = allow;
        self
    }

    pub fn pagination(
        mut self,
        pagination: std::collections::BTreeMap<String, BodyPagination>,
    ) -> Self {
        self.pagination = pagination;
        self
    }

    pub fn smoke_tests(mut self, smoke_tests: bool) -> Self {
        self.smoke_tests = smoke_tests;
        self
    }

    pub fn drop_unknown_fields(mut self, drop: bool) -> Self {
        self.drop_unknown_fields = drop;
        self
    }

    pub fn tag_features(mut self, on: bool) -> Self {
        self.tag_features = on;
        self
    }

    pub fn rustfmt(mut self, on: bool) -> Self {
        self.rustfmt = on;
        self
    }
}

/// One `[[client]]` entry of `clients.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// The spec, relative to the config file.
    pub spec: PathBuf,
    /// The output crate directory, relative to the config file.
    pub output: PathBuf,
    pub crate_name: String,
    #[serde(default = "default_version")]
    pub version: String,
    #[serde(default)]
    pub envelope: Option<EnvelopeFields>,
    /// Also generate component schemas that no operation uses.
    #[serde(default)]
    pub all_schemas: bool,
    /// Degrade schema `$ref`s that do not resolve to untyped JSON (a warning, not an error).
    #[serde(default)]
    pub allow_unresolved_refs: bool,
    /// Body-driven pagination of operations, by `operationId`
    /// (`[client.pagination.listServers] query = "page", next = "meta.pagination.next_page"`).
    #[serde(default)]
    pub pagination: std::collections::BTreeMap<String, BodyPagination>,
    /// Also write `tests/smoke.rs`, one test per operation against a mock server.
    #[serde(default)]
    pub smoke_tests: bool,
    /// Ignore properties a schema does not list instead of keeping them.
    #[serde(default)]
    pub drop_unknown_fields: bool,
    /// One Cargo feature per tag (default); `false` compiles everything always.
    #[serde(default = "yes")]
    pub tag_features: bool,
}

fn yes() -> bool {
    true
}

fn default_version() -> String {
    "0.1.0".into()
}

impl ClientConfig {
    pub fn settings(&self) -> Settings {
        Settings::new(&self.crate_name)
            .crate_version(&self.version)
            .envelope(self.envelope.clone())
            .all_schemas(self.all_schemas)
            .allow_unresolved_refs(self.allow_unresolved_refs)
            .pagination(self.pagination.clone())
            .smoke_tests(self.smoke_tests)
            .drop_unknown_fields(self.drop_unknown_fields)
            .tag_features(self.tag_features)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    client: Vec<ClientConfig>,
}

/// Reads `clients.toml`; paths in it are resolved against the file's directory.
pub fn read_config(path: &Path) -> Result<Vec<ClientConfig>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_config(&text, path)
}

pub fn parse_config(text: &str, path: &Path) -> Result<Vec<ClientConfig>, Error> {
    let config: ConfigFile = toml::from_str(text).map_err(|e| Error::Config {
        file: path.display().to_string(),
        message: e.to_string(),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(config
        .client
        .into_iter()
        .map(|mut client| {
            client.spec = base.join(&client.spec);
            client.output = base.join(&client.output);
            client
        })
        .collect())
}
