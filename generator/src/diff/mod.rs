//! Compares two versions of a spec: every change a client can notice, classified for HTTP
//! consumers and for the generated Rust crate, with the semver bump the crate needs.

mod kinds;
mod render;
mod rust_api;
mod schemas;
mod walk;

pub use kinds::{Bump, ChangeKind, Direction, HttpImpact, RustImpact};
pub use rust_api::RustApiChange;

use crate::error::Error;
use serde::Serialize;

/// One change, located in both versions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// `GET /users/{id}`, or empty for document-wide changes (servers, schemes).
    pub operation: String,
    /// What changed inside the operation: `parameter `page``, `response 200.items[].name`...
    pub subject: String,
    #[serde(flatten)]
    pub kind: ChangeKind,
    pub direction: Direction,
    pub old_pointer: Option<String>,
    pub new_pointer: Option<String>,
    pub http: HttpImpact,
    pub rust: RustImpact,
    /// The same change (one shared schema) seen from other operations: `operation subject`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

/// Every change, and the verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub old_file: String,
    pub new_file: String,
    pub changes: Vec<Change>,
    /// The public items of the generated crate that differ, read from both crates.
    pub rust_api: Vec<RustApiChange>,
    /// The bump the generated crate needs, from `rust_api`.
    pub bump: Bump,
}

impl Report {
    pub fn has_breaking_change(&self) -> bool {
        self.changes.iter().any(|c| c.http == HttpImpact::Breaking)
            || self
                .rust_api
                .iter()
                .any(|c| c.impact == RustImpact::Breaking)
    }

    pub fn to_text(&self) -> String {
        render::text(self)
    }

    pub fn to_markdown(&self) -> String {
        render::markdown(self)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Lists a change of a shared schema once, with the other operations it affects in `also`.
fn merge_shared(mut changes: Vec<Change>) -> Vec<Change> {
    changes.sort();
    changes.dedup();
    let mut merged: Vec<Change> = Vec::new();
    type Key = (ChangeKind, Direction, Option<String>, Option<String>);
    let mut first: std::collections::BTreeMap<Key, usize> = std::collections::BTreeMap::new();
    for change in changes {
        let shared = change.old_pointer.is_some() || change.new_pointer.is_some();
        let key = (
            change.kind.clone(),
            change.direction,
            change.old_pointer.clone(),
            change.new_pointer.clone(),
        );
        match first.get(&key) {
            Some(&at) if shared && merged[at].operation != change.operation => {
                let place = format!("{} {}", change.operation, change.subject);
                merged[at].also.push(place.trim().to_owned());
            }
            _ => {
                first.entry(key).or_insert(merged.len());
                merged.push(change);
            }
        }
    }
    merged
}

/// Compares the spec texts `old` and `new` (named `old_name`, `new_name` in messages).
pub fn diff(old: &str, old_name: &str, new: &str, new_name: &str) -> Result<Report, Error> {
    let (old_doc, new_doc) = crate::both(
        || crate::load::load(old_name, old),
        || crate::load::load(new_name, new),
    );
    let (old_doc, new_doc) = match (old_doc, new_doc) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(Error::Spec(mut a)), Err(Error::Spec(b))) => {
            a.extend(b);
            return Err(Error::Spec(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let mut walker = walk::Walker::new(&old_doc, &new_doc);
    walker.run();
    let mut changes = merge_shared(walker.changes);
    changes.sort();
    changes.dedup();
    let rust_api = rust_api::compare((&old_doc, old_name), (&new_doc, new_name))?;
    let bump = rust_api
        .iter()
        .map(|c| c.impact.bump())
        .max()
        .unwrap_or(Bump::Patch);
    Ok(Report {
        old_file: old_name.to_owned(),
        new_file: new_name.to_owned(),
        changes,
        rust_api,
        bump,
    })
}
