#!/usr/bin/env bash
# JS tests against the packed package, as a user gets it: `npm pack` pkg/, install the tarball
# into a fresh folder, then run node:test there (ESM, CommonJS, README examples, Chromium)
# and check the types with tsc.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$root/target/js-consumer

rm -rf "$work" && mkdir -p "$work"
tarball=$(cd pkg && npm pack --pack-destination "$root/target" 2>/dev/null | tail -n 1)
cd "$work"
cat > package.json <<'JSON'
{ "name": "tat-request-consumer", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --loglevel=error "$root/target/$tarball" >/dev/null
cp "$root"/tests/js/*.mjs "$root"/tests/js/*.cjs "$root"/tests/js/types.ts .
cp "$root"/tests/js/tsconfig.json .

# Types: the .d.ts must accept a real program and describe what the module really exports.
"$root/node_modules/.bin/tsc" -p tsconfig.json

TAT_ROOT="$root" node --test --test-reporter=spec ./*.test.mjs ./*.test.cjs
