//! Starts Prism (`@stoplight/prism-cli`, installed into `tools/node_modules` by
//! `scripts/setup-tools.sh`) on a loopback port for any spec, and stops it on drop.

use super::server::{free_port, LoopbackServer};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

pub struct Prism {
    pub base_url: String,
    _server: LoopbackServer,
}

impl Prism {
    /// Serves `spec`; Prism validates every request and response against it and lists what
    /// does not conform in the `sl-violations` response header (see [`request_violations`]).
    pub fn start(spec: &Path) -> Prism {
        let binary = Path::new("tools/node_modules/.bin/prism");
        assert!(
            binary.exists(),
            "Prism is not installed: run scripts/setup-tools.sh (scripts/test.sh does)"
        );
        let port = free_port();
        let mut command = Command::new(binary);
        command
            .args([
                "mock",
                &spec.display().to_string(),
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
            ])
            .args(["--verboseLevel", "warn"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let server = LoopbackServer::start("Prism", command, port, Duration::from_secs(60));
        Prism {
            base_url: server.base_url.clone(),
            _server: server,
        }
    }
}

/// Prism's way of asking for a documented status: `Prefer: code=<status>`.
pub fn prefer_code(status: u16) -> String {
    format!("code={status}")
}

/// The violations of the *request* in an `sl-violations` header value (Prism also reports
/// the response it served, i.e. problems of the spec's own examples, which are not ours).
pub fn request_violations(header: &str) -> Vec<String> {
    let list: Vec<serde_json::Value> = serde_json::from_str(header).unwrap_or_default();
    list.iter()
        .filter(|v| v["location"][0] == "request")
        .map(|v| format!("{} at {}", v["message"], v["location"]))
        .collect()
}
