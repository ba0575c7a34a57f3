//! Prism (`@stoplight/prism-cli` from `tools/node_modules`, installed by
//! `scripts/setup-tools.sh`) serving one spec on a free loopback port, stopped on drop.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Prism {
    child: Child,
    pub base_url: String,
}

impl Prism {
    /// Starts Prism on `spec`, its output going to `log`; the error says why it does not
    /// serve (it exited, or did not listen within a minute), with the log's last line.
    pub fn start(root: &Path, spec: &Path, log: &Path) -> Result<Prism, String> {
        let binary = root.join("tools/node_modules/.bin/prism");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let log_file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let stderr = log_file
            .try_clone()
            .map_err(|e| format!("{}: {e}", log.display()))?;
        let child = Command::new(&binary)
            .arg("mock")
            .arg(spec)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--verboseLevel", "warn"])
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let mut prism = Prism {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            let exited = matches!(prism.child.try_wait(), Ok(Some(_)));
            if exited || Instant::now() > deadline {
                let why = if exited {
                    "exited"
                } else {
                    "did not listen within 60 s"
                };
                return Err(format!("{why}: {}", last_line(log)));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(prism)
    }
}

impl Prism {
    /// Whether Prism has stopped (it crashes on some requests).
    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }
}

/// The first error line of Prism's log (why it crashed).
pub fn first_error(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .find(|l| l.contains("Error:"))
        .unwrap_or("no error in its log")
        .trim()
        .chars()
        .take(200)
        .collect()
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The last line of Prism's log that says something (its reason for not serving).
fn last_line(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("no output")
        .chars()
        .take(200)
        .collect()
}
