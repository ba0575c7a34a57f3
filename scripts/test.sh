#!/usr/bin/env bash
# The whole test suite: installs its tools, then formatting, clippy (generated crates
# included, warnings denied) and every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-tools.sh
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy -D warnings (generator, generated clients, tests)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --workspace
