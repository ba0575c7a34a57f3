//! Repository tasks that build generated crates outside the main workspace, and the
//! OpenAPI 3.0 → 3.1 converter that checks the generator's 3.1 reader.

pub mod openapi31;
pub mod scratch;
