//! Workspace root package: it owns the build-time generation (`build.rs`) and the
//! end-to-end tests in `tests/`; the README's example is compiled here as a doctest.
#![doc = include_str!("../README.md")]

/// Where `build.rs` generated the clients of `clients.toml` (one directory per client).
pub const BUILD_OUTPUT_DIR: &str = concat!(env!("OUT_DIR"), "/generated-client");
