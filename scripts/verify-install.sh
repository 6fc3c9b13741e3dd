#!/usr/bin/env bash
# Proves that README.md's "Installing Firebreak into an existing Backstage" works, as written, in
# apps freshly made by @backstage/create-app — the new frontend system and --legacy:
#
#   1. the packed tarballs (dist-packages/*.tgz; made by `yarn release:pack` when there are none);
#   2. a created app, pinned to this repository's Backstage release (see scripts/verify-install/
#      pin-app.mjs), installed once and cached between runs;
#   3. the tarballs installed by the README's own commands (yarn resolutions point each
#      @firebreak/* name at its tarball), and the README's snippets applied to pristine files;
#   4. `yarn tsc`, then the app started on SQLite and driven in headless Chromium: the Incidents
#      tab and on-call card of a template entity, declaring an incident, the /firebreak page;
#   5. once (the legacy app's backend), on PostgreSQL with only the README's database config:
#      Firebreak answers and has made its tables.
#
#   scripts/verify-install.sh [legacy] [new]        (default: both)
#
# Every step prints `verify-install: <flavour>: <step> ... ok (Ns)`; the first that fails prints
# its output and the script exits 1. Everything it starts is stopped on exit.
#
# Environment: VERIFY_INSTALL_RESULTS (screenshots and logs; default .test-results/verify-install),
# VERIFY_INSTALL_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/firebreak-verify-install),
# VERIFY_INSTALL_APP_PORT / VERIFY_INSTALL_BACKEND_PORT (default 3300 / 7307).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
helpers=$repo/scripts/verify-install

create_app_version=0.9.2
flavours=("$@")
[ ${#flavours[@]} -gt 0 ] || flavours=(new legacy)
results=${VERIFY_INSTALL_RESULTS:-$repo/.test-results/verify-install}
cache=${VERIFY_INSTALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/firebreak-verify-install}
app_port=${VERIFY_INSTALL_APP_PORT:-3300}
backend_port=${VERIFY_INSTALL_BACKEND_PORT:-7307}
postgres_url=${VERIFY_INSTALL_POSTGRES:-postgresql://postgres@127.0.0.1:5432}

source scripts/toolchain.sh
source scripts/services.sh
# The created apps' lockfiles change (pinning, then `yarn add`): CI=true would make yarn refuse.
export YARN_ENABLE_IMMUTABLE_INSTALLS=false
mkdir -p "$results" "$cache"
logs=$results/logs
rm -rf "$logs" && mkdir -p "$logs"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/firebreak-verify-install.XXXXXX")

# --- what this run started, stopped on any exit ------------------------------------------------

started_groups=()
pg_prefix=""
cleanup() {
  local status=$?
  for group in "${started_groups[@]}"; do
    kill -TERM -- "-$group" 2>/dev/null || true
  done
  for group in "${started_groups[@]}"; do
    for _ in $(seq 1 20); do
      kill -0 -- "-$group" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$group" 2>/dev/null || true
  done
  if [ -n "$pg_prefix" ]; then
    for db in $(psql "$postgres_url/postgres" -Atc \
      "SELECT datname FROM pg_database WHERE datname LIKE '${pg_prefix}%'" 2>/dev/null); do
      psql "$postgres_url/postgres" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$scratch"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts a command in its own process group (so cleanup stops all of it), output to a log.
start_group() {
  local log=$1
  shift
  setsid "$@" >"$log" 2>&1 &
  started_groups+=("$!")
  last_group=$!
}

stop_group() {
  local group=$1
  kill -TERM -- "-$group" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 -- "-$group" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$group" 2>/dev/null || true
}

# --- steps --------------------------------------------------------------------------------------
# Bash ignores `set -e` inside a function called as a condition, as `step` calls them: each step
# function chains its commands with && or returns on failure explicitly.

flavour="-"
# step <name> <command...>: runs the command with its output in a log; prints the log on failure.
step() {
  local name=$1 log started
  shift
  log="$logs/$flavour-$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-').log"
  started=$(date +%s)
  if ! "$@" >"$log" 2>&1; then
    echo "verify-install: $flavour: $name ... FAILED ($(($(date +%s) - started))s)"
    tail -n 80 "$log" | sed 's/^/  | /'
    echo "verify-install: full log: $log"
    exit 1
  fi
  echo "verify-install: $flavour: $name ... ok ($(($(date +%s) - started))s)"
}

# wait_for <url> <seconds> <group>: until the URL answers, or fail if the group died or time ran out.
wait_for() {
  local url=$1 seconds=$2 group=$3
  for _ in $(seq 1 "$seconds"); do
    if curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; then return 0; fi
    if ! kill -0 -- "-$group" 2>/dev/null; then
      echo "the process serving $url exited"
      return 1
    fi
    sleep 1
  done
  echo "$url did not answer within ${seconds}s"
  return 1
}

# --- 1. tarballs --------------------------------------------------------------------------------

make_tarballs() {
  if ! compgen -G "dist-packages/*.tgz" >/dev/null; then
    yarn release:pack || return 1
  fi
  local names=(backstage-plugin-common backstage-plugin-node backstage-plugin-backend backstage-plugin)
  # Copied under a folder named by their content: yarn caches a file: tarball by its path, so a
  # rebuilt tarball at the same path would not be installed again.
  local digest
  digest=$(cat dist-packages/*.tgz | sha256sum | cut -c1-16) || return 1
  tarballs=$cache/tarballs/$digest
  find "$cache/tarballs" -mindepth 1 -maxdepth 1 -type d ! -name "$digest" -exec rm -rf {} + 2>/dev/null
  mkdir -p "$tarballs" || return 1
  local name files
  for name in "${names[@]}"; do
    # yarn release:pack names them firebreak-<name>-<version>.tgz
    files=(dist-packages/firebreak-"$name"-[0-9]*.tgz)
    if [ ${#files[@]} -ne 1 ] || [ ! -f "${files[0]}" ]; then
      echo "expected one tarball of @firebreak/$name in dist-packages/, found: ${files[*]}"
      return 1
    fi
    cp "${files[0]}" "$tarballs/$name.tgz" || return 1
  done
  ls -l "$tarballs"
}
step "tarballs" make_tarballs

# --- 2. a created app, pinned and installed once per key ---------------------------------------

create_app() {
  local dir=$1 legacy=()
  [ "$flavour" = legacy ] && legacy=(--legacy)
  # create-app asks for the app's name on stdin.
  (cd "$scratch" && echo firebreak-verify |
    npx -y "@backstage/create-app@$create_app_version" "${legacy[@]}" --path "$dir" --skip-install) &&
    node "$helpers/pin-app.mjs" "$repo" "$dir"
}

# The pristine install: the pinned app after `yarn install`, committed in the app's own git so
# each run starts again from exactly these files (node_modules stay, they are what is cached).
install_app() {
  local dir=$1
  (cd "$dir" && yarn install && git add -A && git -c user.name=verify-install \
    -c user.email=verify-install@firebreak.local commit -qm "pinned and installed") &&
    touch "$dir/.verify-install-ready"
}

# Back to the pristine files: tracked files reset, everything else removed but node_modules and
# yarn's install state.
reset_app() {
  local dir=$1
  (cd "$dir" && git reset -q --hard && git clean -qffdx -e node_modules -e .yarn/install-state.gz \
    -e .verify-install-ready)
}

# The README's install commands, with each @firebreak/* name resolved to its tarball.
install_firebreak() {
  local dir=$1
  node -e '
    const fs = require("fs");
    const [file, tarballs] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const name of ["backstage-plugin-common", "backstage-plugin-node", "backstage-plugin-backend", "backstage-plugin"]) {
      pkg.resolutions[`@firebreak/${name}`] = `file:${tarballs}/${name}.tgz`;
    }
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$dir/package.json" "$tarballs" || return 1
  local commands
  commands=$(node "$helpers/readme-snippets.mjs" README.md "$flavour" --commands) || return 1
  # `yarn add <name>` first asks the registry for the latest version to write `^<version>` into
  # package.json, before resolutions apply; an unpublished package has none (404). So each
  # @firebreak/* name the README adds gets the range yarn would have written, from its tarball.
  local name version
  for name in backstage-plugin-common backstage-plugin-node backstage-plugin-backend backstage-plugin; do
    version=$(tar -xzOf "$tarballs/$name.tgz" package/package.json |
      node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).version') || return 1
    commands=$(sed -E "s#(@firebreak/$name)([[:space:]]|\$)#\1@^$version\2#g" <<<"$commands")
  done
  echo "$commands"
  (cd "$dir" && bash -euo pipefail -c "$commands")
}

apply_snippets() {
  node "$helpers/readme-snippets.mjs" README.md "$flavour" "$1" && (cd "$1" && git diff --stat)
}

# Ports of their own, so the app does not clash with a portal or tests on 3000/7007.
write_local_config() {
  cat >"$1/app-config.local.yaml" <<EOF
# Written by Firebreak's scripts/verify-install.sh
app:
  baseUrl: http://localhost:$app_port
backend:
  baseUrl: http://localhost:$backend_port
  listen:
    port: $backend_port
  cors:
    origin: http://localhost:$app_port
EOF
}

# The backend's dev runner keeps waiting for changes when the backend crashes (a port in use,
# say), so a port already taken is reported at once rather than after the wait.
ports_free() {
  local port
  for port in "$@"; do
    if ss -Htln "sport = :$port" | grep -q .; then
      echo "port $port is in use; choose others with VERIFY_INSTALL_APP_PORT / VERIFY_INSTALL_BACKEND_PORT"
      return 1
    fi
  done
}

# wait_for with the end of the server's log when it does not come up.
wait_for_logged() {
  wait_for "$1" "$2" "$3" && return 0
  echo "--- end of $4"
  tail -n 40 "$4"
  return 1
}

start_on_sqlite() {
  local dir=$1
  ports_free "$app_port" "$backend_port" || return 1
  write_local_config "$dir" || return 1
  start_group "$logs/$flavour-backend.log" bash -c "cd '$dir' && exec yarn workspace backend start"
  backend_group=$last_group
  start_group "$logs/$flavour-app.log" bash -c "cd '$dir' && BROWSER=none exec yarn workspace app start"
  app_group=$last_group
  wait_for_logged "http://localhost:$backend_port/api/firebreak/health" 240 "$backend_group" \
    "$logs/$flavour-backend.log" &&
    wait_for_logged "http://localhost:$app_port" 300 "$app_group" "$logs/$flavour-app.log"
}

# The README's PostgreSQL config and nothing else (no app-config.local.yaml), databases under a
# prefix of this run's own so nothing collides with other tests; dropped on exit.
check_postgres() {
  local dir=$1 token tables list
  node "$helpers/readme-snippets.mjs" README.md postgres "$dir" || return 1
  ports_free "$backend_port" || return 1
  pg_prefix="fbverify_$$_"
  local url=${postgres_url#postgresql://}
  local user=${url%%@*} hostport=${url#*@}
  start_group "$logs/postgres-backend.log" env \
    POSTGRES_HOST="${hostport%%:*}" POSTGRES_PORT="${hostport##*:}" POSTGRES_USER="$user" POSTGRES_PASSWORD="" \
    APP_CONFIG_backend_database_prefix="$pg_prefix" \
    APP_CONFIG_backend_listen_port="$backend_port" APP_CONFIG_backend_baseUrl="http://localhost:$backend_port" \
    bash -c "cd '$dir/packages/backend' && exec yarn start --config ../../app-config.yaml --config ../../app-config.postgres.yaml"
  local group=$last_group
  wait_for_logged "http://localhost:$backend_port/api/firebreak/health" 240 "$group" \
    "$logs/postgres-backend.log" || return 1
  # Firebreak answers a signed-in user (the guest) with its list of incidents.
  token=$(curl -fsS -H 'X-Requested-With: XMLHttpRequest' \
    "http://localhost:$backend_port/api/auth/guest/refresh?optional=&env=development" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))') ||
    return 1
  list=$(curl -fsS -H "Authorization: Bearer $token" "http://localhost:$backend_port/api/firebreak/incidents") || return 1
  echo "GET /api/firebreak/incidents: ${list:0:300}"
  tables=$(psql "$postgres_url/${pg_prefix}firebreak" -Atc \
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1") || return 1
  echo "tables in ${pg_prefix}firebreak:" $tables
  grep -qx 'firebreak_incidents' <<<"$tables" || { echo "no firebreak_incidents table"; return 1; }
  stop_group "$group"
}

run_flavour() {
  local key dir fresh=$scratch/$flavour
  step "create-app $create_app_version" create_app "$fresh"
  # The key: create-app's version and everything the pinned app's install depends on.
  key=$( (echo "$create_app_version $(node -v) $(uname -m)" && cat "$fresh/package.json" \
    "$fresh"/packages/*/package.json) | sha256sum | cut -c1-12)
  dir=$cache/$flavour-$key
  if [ -f "$dir/.verify-install-ready" ]; then
    echo "verify-install: $flavour: using the cached install in $dir"
  else
    # Installs for other keys (older pins) are 1-2 GB each: keep only the one in use.
    find "$cache" -maxdepth 1 -name "$flavour-*" -type d ! -path "$dir" -exec rm -rf {} +
    rm -rf "$dir" && mv "$fresh" "$dir"
    step "yarn install (cached for next runs)" install_app "$dir"
  fi
  step "reset to the pristine app" reset_app "$dir"
  step "install the tarballs with the README's commands" install_firebreak "$dir"
  step "apply the README's snippets" apply_snippets "$dir"
  step "yarn tsc" bash -c "cd '$dir' && yarn tsc"
  step "start on SQLite (ports $app_port/$backend_port)" start_on_sqlite "$dir"
  step "browser journey" node "$helpers/browser-check.mjs" "http://localhost:$app_port" "$results" "$flavour"
  cat "$logs/$flavour-browser-journey.log"
  stop_group "$app_group"
  stop_group "$backend_group"
  if [ "$flavour" = legacy ]; then
    step "backend on PostgreSQL with the README's config" check_postgres "$dir"
  fi
}

# One run at a time per cache: the cached apps are reused in place.
exec 9>"$cache/.lock"
flock 9

for flavour in "${flavours[@]}"; do
  case $flavour in
  legacy | new) run_flavour ;;
  *) echo "verify-install: unknown flavour $flavour (legacy or new)" && exit 2 ;;
  esac
done
flavour="-"
echo "verify-install: all ok; screenshots in $results"
