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
echo "== cargo clippy -D warnings on one tag's feature (a crate split per tag, others off)"
cargo clippy -p day-one-fixture-client --no-default-features --features issues --quiet -- -D warnings
cargo clippy -p day-one-fixture-client --no-default-features --features floating_ips,servers --quiet -- -D warnings
cargo clippy -p day-one-fixture-client --no-default-features --quiet -- -D warnings
echo "== cargo doc -D warnings (the generated crates' docs and the runtime's)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet \
  -p openapi-client-runtime $(sed -n 's/^crate_name = "\(.*\)"$/-p \1/p' clients.toml)
echo "== cargo test"
cargo test --workspace
