//! Repository tasks that build generated crates outside the main workspace.

pub mod scratch;
