//! Resolves `$ref`s to reusable components (parameters, request bodies, responses,
//! examples), following chains of references, for every stage that reads a document.

use crate::error::pointer_segment;
use indexmap::IndexMap;
use openapiv3::{Components, Example, OpenAPI, Parameter, ReferenceOr, RequestBody, Response};

/// A kind of reusable component and where it lives under `#/components/`.
pub trait Component: Sized {
    const PREFIX: &'static str;
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

impl Component for Parameter {
    const PREFIX: &'static str = "#/components/parameters/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.parameters
    }
}

impl Component for RequestBody {
    const PREFIX: &'static str = "#/components/requestBodies/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.request_bodies
    }
}

impl Component for Response {
    const PREFIX: &'static str = "#/components/responses/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.responses
    }
}

impl Component for Example {
    const PREFIX: &'static str = "#/components/examples/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.examples
    }
}

/// The item itself, or the component its `$ref` names; `None` when a reference does not
/// resolve (or loops).
pub fn resolve<'d, T: Component>(doc: &'d OpenAPI, item: &'d ReferenceOr<T>) -> Option<&'d T> {
    resolve_located(doc, item, "").map(|(found, _)| found)
}

/// [`resolve`], also giving the JSON pointer of the item found (`at`, where `item` sits,
/// when it is inline).
pub fn resolve_located<'d, T: Component>(
    doc: &'d OpenAPI,
    item: &'d ReferenceOr<T>,
    at: &str,
) -> Option<(&'d T, String)> {
    let mut current = item;
    let mut pointer = at.to_owned();
    for _ in 0..16 {
        match current {
            ReferenceOr::Item(item) => return Some((item, pointer)),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix(T::PREFIX)?;
                let name = name.replace("~1", "/").replace("~0", "~");
                current = T::section(doc.components.as_ref()?).get(&name)?;
                pointer = format!("{}{}", &T::PREFIX[1..], pointer_segment(&name));
            }
        }
    }
    None
}
