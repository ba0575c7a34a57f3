//! Fetches GitHub's REST description (`api.github.com.json`, OpenAPI 3.0) from the npm
//! registry package `@octokit/openapi`, cached under the work directory.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned package version: the description changes with every release.
pub const PACKAGE: &str = "@octokit/openapi@23.0.2";

pub fn fetch(work_dir: &Path) -> Result<PathBuf, String> {
    let dir = work_dir.join("github");
    let spec = dir.join("package/generated/api.github.com.json");
    if spec.exists() {
        return Ok(spec);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let pack = Command::new("npm")
        .args(["pack", PACKAGE, "--silent"])
        .current_dir(&dir)
        .output()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !pack.status.success() {
        return Err(format!(
            "npm pack {PACKAGE} failed: {}",
            String::from_utf8_lossy(&pack.stderr)
        ));
    }
    let tarball = String::from_utf8_lossy(&pack.stdout).trim().to_owned();
    let untar = Command::new("tar")
        .args(["xzf", &tarball, "package/generated/api.github.com.json"])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if !untar.success() || !spec.exists() {
        return Err(format!(
            "{tarball} has no package/generated/api.github.com.json"
        ));
    }
    Ok(spec)
}
