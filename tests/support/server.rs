//! A child process serving HTTP on a free loopback port, waited for until it listens and
//! stopped on drop.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub struct LoopbackServer {
    child: Child,
    pub base_url: String,
}

/// A port the system just handed out on 127.0.0.1, released for the server to bind.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

impl LoopbackServer {
    /// Starts `command`, which must listen on 127.0.0.1:`port`, and waits up to `timeout`
    /// for it to accept connections (failing at once if it exits first).
    pub fn start(name: &str, mut command: Command, port: u16, timeout: Duration) -> Self {
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("{name} starts: {e}"));
        let mut server = LoopbackServer {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + timeout;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("{name} exited before listening on port {port}: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "{name} did not listen on port {port} within {timeout:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
