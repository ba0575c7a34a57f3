#!/usr/bin/env bash
# Installs the non-Rust tools the test suite uses, pinned, into the repo (nothing global):
#   .tools/venv            openapi-spec-validator, and FastAPI + uvicorn for the FastAPI fixture
#                          app (PyPI), versions in tools/requirements.txt
#   tools/node_modules     Prism (npm), versions in tools/package-lock.json
# Re-running is cheap: each install is skipped while its lock file is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p .tools
if ! cmp -s tools/requirements.txt .tools/venv/requirements.txt 2>/dev/null; then
  echo "setup-tools: installing Python tools into .tools/venv"
  rm -rf .tools/venv
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet --disable-pip-version-check -r tools/requirements.txt
  cp tools/requirements.txt .tools/venv/requirements.txt
fi

if ! cmp -s tools/package-lock.json tools/node_modules/.package-lock-installed 2>/dev/null; then
  echo "setup-tools: installing Node tools into tools/node_modules (npm ci)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  cp tools/package-lock.json tools/node_modules/.package-lock-installed
fi
