#!/usr/bin/env bash
# JS tests against the packed package, as a user gets it: `npm pack` pkg/, install the tarball
# into a fresh folder, then run node:test there (ESM, CommonJS, README examples, Chromium),
# check the types with tsc (the stated minimum and the current version, with and without the
# DOM library, ES module and CommonJS), and the tarball with attw and publint --strict.
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
cp "$root"/tests/js/*.mjs "$root"/tests/js/*.cjs "$root"/tests/js/types*.ts "$root"/tests/js/types*.cts .
cp "$root"/tests/js/tsconfig*.json .

# Types: the .d.ts must accept a real program and describe what the module really exports;
# each @ts-expect-error line must be an error. tsconfig.json: a browser project (DOM);
# tsconfig.node.json: a Node-only project (ES2022, no DOM, no @types); tsconfig.cjs.json:
# CommonJS (`import x = require`). README "Compatibility" states TypeScript 5.0 as the
# minimum: checked with 5.0 and with the pinned current version (both in package.json);
# tsconfig.dispose.json (`using`, TypeScript >= 5.2) with the current one only.
for ts in typescript typescript-5.0; do
  configs="tsconfig.json tsconfig.node.json tsconfig.cjs.json"
  [ "$ts" = typescript ] && configs="$configs tsconfig.dispose.json"
  for config in $configs; do
    echo "tsc $(node "$root/node_modules/$ts/bin/tsc" -v) -p $config"
    node "$root/node_modules/$ts/bin/tsc" -p "$config"
  done
done

# The tarball as the community checkers see it. Every entry of the exports map is checked
# (read from the package, whatever it holds), but the wasm file, which is an asset, not a
# module. `cjs-resolves-to-esm`: the browser entries are ES modules by design (a CommonJS
# bundle of them is made by the bundler, never by require()).
assets=$(node -e '
const e = require(process.argv[1]).exports;
console.log(Object.keys(e).filter((k) => /\.wasm$/.test(k)).join(" "));' "$work/node_modules/tat-request/package.json")
"$root/node_modules/.bin/attw" "$root/target/$tarball" --ignore-rules cjs-resolves-to-esm \
  ${assets:+--exclude-entrypoints $assets}
"$root/node_modules/.bin/publint" run "$root/target/$tarball" --strict

TAT_ROOT="$root" node --test --test-reporter=spec ./*.test.mjs ./*.test.cjs
