#!/usr/bin/env bash
# Runs every test: unit and integration tests of all packages (on SQLite, PostgreSQL and
# MySQL/MariaDB), then the end-to-end journeys in headless Chromium. Ends with one line
# "N passed, N failed" and exits non-zero if a test failed or none ran.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh || exit 1
if [ "${FIREBREAK_SKIP_INSTALL:-}" != 1 ]; then
  yarn install --immutable || exit 1
fi
source scripts/services.sh

rm -rf .test-results .data/e2e-sqlite
mkdir -p .test-results

echo "== unit and integration tests (jest)"
CI=true yarn backstage-cli repo test --json --outputFile="$PWD/.test-results/jest.json"

echo "== end-to-end tests (Playwright, Chromium)"
CI=true yarn playwright test

node scripts/test-summary.js .test-results/jest.json .test-results/playwright.json
