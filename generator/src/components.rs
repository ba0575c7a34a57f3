//! Resolves `$ref`s to reusable components (parameters, request bodies, responses),
//! following chains of references, for every stage that reads a document.

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, Parameter, ReferenceOr, RequestBody, Response};

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

/// The item itself, or the component its `$ref` names; `None` when a reference does not
/// resolve (or loops).
pub fn resolve<'d, T: Component>(doc: &'d OpenAPI, item: &'d ReferenceOr<T>) -> Option<&'d T> {
    let mut current = item;
    for _ in 0..16 {
        match current {
            ReferenceOr::Item(item) => return Some(item),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix(T::PREFIX)?;
                let name = name.replace("~1", "/").replace("~0", "~");
                current = T::section(doc.components.as_ref()?).get(&name)?;
            }
        }
    }
    None
}
