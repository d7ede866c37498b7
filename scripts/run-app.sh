#!/usr/bin/env bash
# Installs what is missing, builds the app, the CLI and the emulator with
# the development preset, and starts the app. Arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target consilium consilium-cli consilium-emulator
exec build/dev/bin/consilium "$@"
