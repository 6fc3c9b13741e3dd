#!/usr/bin/env bash
# Runs every test: unit and integration tests of all packages (on SQLite, PostgreSQL and
# MySQL/MariaDB) and of the packed release tarballs, then the end-to-end journeys in headless
# Chromium. Ends with one line "N passed, N failed" and exits non-zero if a test failed or none
# ran.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh || exit 1
if [ "${FIREBREAK_SKIP_INSTALL:-}" != 1 ]; then
  yarn install --immutable || exit 1
fi
source scripts/services.sh

rm -rf .test-results .data/e2e-sqlite
mkdir -p .test-results

# The release tarballs, packed before jest so packing (prepack rewrites package.json files for a
# few seconds) never overlaps other tests. packages/release-check checks them; told that they
# were packed here, it does not pack again, so a failed pack shows up as its failed test.
echo "== release tarballs (yarn release:pack)"
yarn release:pack || echo "== release:pack FAILED (packages/release-check will fail)"
export FIREBREAK_RELEASE_PACKED=1

echo "== unit and integration tests (jest)"
CI=true yarn backstage-cli repo test --json --outputFile="$PWD/.test-results/jest.json"

echo "== end-to-end tests (Playwright, Chromium)"
CI=true yarn playwright test

node scripts/test-summary.js .test-results/jest.json .test-results/playwright.json
