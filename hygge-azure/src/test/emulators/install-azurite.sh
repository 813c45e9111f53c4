#!/usr/bin/env bash
# Installs the Azurite emulator from npm into $1 (a folder under target/), version $2.
# Never fails the build: where npm is missing or its registry cannot be reached and nothing is
# cached, the reason goes to $1/install.log and the Azure tests skip (or fail under
# HYGGE_REQUIRE_SERVERS=1) naming it.
set -u
dir="$1"; version="$2"
mkdir -p "$dir"
log="$dir/install.log"
bin="$dir/node_modules/.bin/azurite-blob"
if [ -x "$bin" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/azurite/package.json" 2>/dev/null; then
  echo "azurite $version already installed in $dir" > "$log"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not on PATH: install Node.js (apt-get install nodejs npm) to run the Azurite tests" > "$log"
  exit 0
fi
# --prefer-offline: a cached package installs without the registry.
if npm install --prefix "$dir" --no-save --no-audit --no-fund --prefer-offline --loglevel=error \
    "azurite@$version" > "$log" 2>&1; then
  echo "azurite $version installed in $dir" >> "$log"
else
  echo "npm install azurite@$version failed (registry unreachable and no cached package?)" >> "$log"
fi
exit 0
