#!/usr/bin/env bash
# API Extractor reports (report.api.md, report-<entry point>.api.md) of the published packages
# under plugins/, from the declarations `yarn tsc` writes to dist-types/. Extra arguments go to
# `backstage-repo-tools api-reports`, e.g. --ci to fail when a committed report differs.
#
# One run per package: packages analysed in one run share one TypeScript checker, and
# repo-tools reaches them in an order that varies from run to run (it reads them in parallel),
# which changes how a union type from a shared dependency is printed. A combined run rewrote
# report-alpha.api.md that way with no change to its API.
#
# -o ae-undocumented, as in Backstage's repositories: exports need TSDoc with a release tag
# (ae-missing-release-tag stays on), their members may go without.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
for dir in plugins/*/; do
  dir=${dir%/}
  [ -f "$dir/package.json" ] || continue
  if node -e 'process.exit(require(process.argv[1]).private ? 0 : 1)' "./$dir/package.json"; then
    continue
  fi
  yarn backstage-repo-tools api-reports \
    -o ae-wrong-input-file-type,ae-undocumented \
    --validate-release-tags \
    "$@" "$dir" || status=1
done
exit $status
