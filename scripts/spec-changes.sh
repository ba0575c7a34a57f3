#!/usr/bin/env bash
# Prints the API change report of every spec in spec/ that changed since the previous
# commit (CI runs this; it never fails the build: the drift and snapshot tests do that).
set -euo pipefail
cd "$(dirname "$0")/.."
git rev-parse -q --verify HEAD~1 >/dev/null || exit 0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for spec in spec/*.yaml; do
  if ! git diff --quiet HEAD~1 HEAD -- "$spec"; then
    if git show "HEAD~1:$spec" > "$scratch/previous.yaml" 2>/dev/null; then
      echo "== $spec changed since the previous commit"
      cargo run -q -p openapi-client-gen -- diff "$scratch/previous.yaml" "$spec" || true
    fi
  fi
done
