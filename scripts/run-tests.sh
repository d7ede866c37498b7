#!/usr/bin/env bash
# Installs what is missing, builds the development preset and runs every
# test with CTest. GUI tests run on the offscreen platform.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev
cmake --build --preset dev
ctest --preset dev "$@"
