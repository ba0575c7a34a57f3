//! Starts Prism (`@stoplight/prism-cli`, installed into `tools/node_modules` by
//! `scripts/setup-tools.sh`) on a loopback port for any spec, and stops it on drop.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Prism {
    child: Child,
    pub base_url: String,
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
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(binary)
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
            .stderr(Stdio::null())
            .spawn()
            .expect("Prism starts");
        let prism = Prism {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "Prism did not listen on port {port} within 60 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        prism
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Prism's way of asking for a documented status: `Prefer: code=<status>`.
#[allow(dead_code, reason = "not every test binary asks for a status")]
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
