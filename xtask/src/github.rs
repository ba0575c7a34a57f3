//! Fetches GitHub's REST description (`api.github.com.json`, OpenAPI 3.0) from the npm
//! registry package `@octokit/openapi`, cached under the work directory.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned package version: the description changes with every release.
pub const VERSION: &str = "23.0.2";

/// GitHub's description at the pinned version.
pub fn fetch(work_dir: &Path) -> Result<PathBuf, String> {
    fetch_version(work_dir, VERSION)
}

/// GitHub's description as `@octokit/openapi` `version` ships it, cached under `work_dir`.
pub fn fetch_version(work_dir: &Path, version: &str) -> Result<PathBuf, String> {
    let dir = work_dir.join(format!("github-{version}"));
    let spec = dir.join("package/generated/api.github.com.json");
    if spec.exists() {
        return Ok(spec);
    }
    let package = format!("@octokit/openapi@{version}");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let pack = Command::new("npm")
        .args(["pack", &package, "--silent"])
        .current_dir(&dir)
        .output()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !pack.status.success() {
        return Err(format!(
            "npm pack {package} failed: {}",
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
