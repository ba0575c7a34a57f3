//! Helpers shared by the integration tests (each test binary uses some of them).
#![allow(dead_code, reason = "each test binary uses a part of the helpers")]

pub mod prism;
pub mod recording;
pub mod server;
pub mod uvicorn;
