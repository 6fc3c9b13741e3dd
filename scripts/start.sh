#!/usr/bin/env bash
# Installs everything the example portal needs and starts it: frontend on :3000, backend on
# :7007, data in SQLite files under .data/ (kept across restarts).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
yarn install --immutable
exec yarn start "$@"
