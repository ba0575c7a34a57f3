//! Serves the FastAPI fixture app (`tests/fixtures/fastapi/app.py`) with uvicorn, both
//! installed into `.tools/venv` by `scripts/setup-tools.sh`.

use super::server::{free_port, LoopbackServer};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The fixture app's directory.
pub const APP_DIR: &str = "tests/fixtures/fastapi";

/// The Python of the tools' virtual environment, which has FastAPI and uvicorn.
pub fn python() -> &'static Path {
    let python = Path::new(".tools/venv/bin/python");
    assert!(
        python.exists(),
        "the Python tools are not installed: run scripts/setup-tools.sh (scripts/test.sh does)"
    );
    python
}

/// Starts uvicorn serving the fixture app on a free loopback port; it stops on drop.
pub fn serve_fixture_app() -> LoopbackServer {
    let port = free_port();
    let mut command = Command::new(python());
    command
        .args(["-m", "uvicorn", "app:app", "--app-dir", APP_DIR])
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args(["--log-level", "warning"])
        .stdout(Stdio::null());
    LoopbackServer::start("uvicorn", command, port, Duration::from_secs(30))
}
