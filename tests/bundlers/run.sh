#!/usr/bin/env bash
# Bundlers (README "Bundlers"): installs the pinned bundlers of this folder's package.json
# (npm ci, skipped when they are there), installs the packed package into a fresh app folder
# (target/bundlers/app), then bundlers.test.mjs builds a page with esbuild, rollup, webpack
# and vite as the README says, loads each in Chromium, and runs an esbuild Node bundle from
# another folder.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
if [ ! -d node_modules/vite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
app=$root/target/bundlers/app
rm -rf "$root/target/bundlers" && mkdir -p "$app"
tarball=$(cd "$root/pkg" && npm pack --pack-destination "$root/target" 2>/dev/null | tail -n 1)
cd "$app"
cat > package.json <<'JSON'
{ "name": "tat-request-bundled-app", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --loglevel=error "$root/target/$tarball" >/dev/null
cd "$here"
TAT_ROOT="$root" TAT_APP="$app" node --test --test-reporter=spec bundlers.test.mjs
