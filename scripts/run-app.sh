#!/usr/bin/env bash
# Installs what is missing, builds the release preset and starts the app.
# Arguments are passed on to the app.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/src/app/consilium "$@"
