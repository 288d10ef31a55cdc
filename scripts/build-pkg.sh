#!/usr/bin/env bash
# Builds the npm package into pkg/: the release wasm, wasm-bindgen glue for Node (CommonJS,
# loads synchronously: no init step) and for browsers (ES module with init()), wasm-opt, and
# the hand-written entries, types and README of pkg-template/ (the browser entry bundled into
# one minified module with esbuild).
set -euo pipefail
cd "$(dirname "$0")/.."

# Two builds of the crate: Node reads the module from disk, a browser downloads it. The
# browser's uses sha2's compact SHA-256 block function, 1.1 KB less gzipped for about 2% of
# Node's typical request (bench/NOTES.md); it has its own target folder, so that neither
# build undoes the other. Node's is built at opt-level 3 rather than Cargo.toml's `s`: its
# size costs no download, and the typical request takes 13% less CPU time (bench/NOTES.md).
# The browser's is built at opt-level z: 2.1 KB gzipped less than `s` (95.0 -> 92.9 KB, with
# the client's reconciliation the full entry was over its 100 KB budget), for a slower wasm
# call in Chromium (bench/RESULTS.md has the ratio); the validation modules below share its
# folder and level, so that none of the three undoes another's build. The browser's has the
# feature `zh-on-demand` (its zh-CN texts are moved out into web/zh-CN.bin below) and, like
# the validation modules, not `panic-hook`: 0.8 KB gzipped less, for a panic (a bug: the
# fuzzers find none) reported as `unreachable` without its message; Node's keeps it.
# Node's also with wasm's 128-bit SIMD (Node 20, the engine floor, has it): the placeholder
# scan of src/scan.rs, which the browser's build leaves out (bench/NOTES.md).
RUSTFLAGS='-C target-feature=+simd128' CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --release --target wasm32-unknown-unknown --lib
RUSTFLAGS='--cfg sha2_backend_soft="compact"' CARGO_TARGET_DIR=target/web CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
  cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features signer,zh-on-demand
node_wasm=target/wasm32-unknown-unknown/release/tat_request.wasm
web_wasm=target/web/wasm32-unknown-unknown/release/tat_request.wasm

rm -rf pkg
mkdir -p pkg
wasm-bindgen --target nodejs --out-dir pkg/node --no-typescript "$node_wasm"
wasm-bindgen --target web --out-dir pkg/web --no-typescript "$web_wasm"

# wasm-opt from npm's binaryen (Debian's is too old for wasm-bindgen 0.2.13x output). The
# features are named one by one: --all-features emits stringref, which Node 20 refuses.
# -O3 rather than -Oz: 0.3 KB gzipped more, about 3% faster (bench/NOTES.md). SIMD for
# Node's module only, as it was compiled.
for f in pkg/node/tat_request_bg.wasm pkg/web/tat_request_bg.wasm; do
  simd=()
  if [ "$f" = pkg/node/tat_request_bg.wasm ]; then simd=(--enable-simd); fi
  node_modules/.bin/wasm-opt -O3 --low-memory-unused --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-mutable-globals --enable-multivalue "${simd[@]}" \
    -o "$f" "$f"
done
# The browser's zh-CN texts, out of its module and into an asset that loadLanguage('zh-CN')
# fetches (pkg-template/language.mjs): 5 KB gzipped off every page that stays in English.
node scripts/zh-asset.mjs pkg/web/tat_request_bg.wasm pkg/web/zh-CN.bin

cp -r pkg-template/. pkg/
# CommonJS types of their own (`require` resolves to .d.cts, never to the ES module's .d.ts):
# the same declarations, importing actions.d.cts, with `init` as a named export (CommonJS
# code that wrote `import init from 'tat-request'` would get the module object, not init).
cp pkg-template/actions.d.ts pkg/actions.d.cts
sed -e "s#from './actions.js'#from './actions.cjs'#g" -e 's/^export default function init(/export function init(/' \
  pkg-template/index.d.ts > pkg/index.d.cts
grep -q "^export function init(" pkg/index.d.cts && ! grep -q "export default\|actions\.js" pkg/index.d.cts
# The emulator behind the Node-only bin (`npx tat-request sandbox`): www/sandbox as it is,
# without the console's relay. No browser entry imports it.
mkdir -p pkg/sandbox
cp -r www/sandbox/. pkg/sandbox/
rm -f pkg/sandbox/relay.mjs
# The fast path is written once, as an ES module; CommonJS gets a copy with its export rewritten.
{
  echo "'use strict';"
  sed -e 's/^export function fastBuildRequest/function fastBuildRequest/' pkg-template/fast-path.mjs
  echo 'module.exports = { fastBuildRequest };'
} > pkg/fast-path.cjs
grep -q '^function fastBuildRequest' pkg/fast-path.cjs
if grep -q '^export' pkg/fast-path.cjs; then echo 'pkg/fast-path.cjs still exports' >&2; exit 1; fi
# The client: its ES modules (client.mjs and client/*.mjs, the generated actions.mjs among them, which import
# nothing from the entries) bundled into one CommonJS file by esbuild (pinned in package.json).
if grep -qE "^import .* from '\./(index|browser|fast-path|node-credentials|pacer|node-body)" pkg-template/client.mjs; then echo "client.mjs must not import the entries" >&2; exit 1; fi
node_modules/.bin/esbuild pkg-template/client.mjs --bundle --format=cjs --platform=neutral --log-level=warning --outfile=pkg/client.cjs
# Node's credential chain, the Pacer class and Node's JSON writer of the body likewise:
# modules that import nothing, whose `export`ed declarations lose the keyword and are listed in
# module.exports.
for name in node-credentials pacer node-body; do
  src=pkg-template/$name.mjs
  if grep -q '^import' "$src"; then echo "$src must import nothing" >&2; exit 1; fi
  exports=$(sed -nE 's/^export (function|class|const) ([A-Za-z_$][A-Za-z0-9_$]*).*/\2/p' "$src" | paste -sd, -)
  {
    echo "'use strict';"
    sed -E 's/^export (function|class|const) /\1 /' "$src"
    echo "module.exports = { $exports };"
  } > "pkg/$name.cjs"
  if grep -q '^export' "pkg/$name.cjs"; then echo "pkg/$name.cjs: an export was not rewritten" >&2; exit 1; fi
done

# The browser entry: pkg-template/browser.js with the web glue, the fast path and the client
# bundled into one minified ES module (esbuild, pinned in package.json), so that a page makes
# one request instead of four and loads 2.2 KB less gzipped (bench/run.mjs measures it). The
# source map carries the sources, comments included (bundled before they are stripped below),
# so that devtools show readable code. The Node entries stay unbundled. wasm-bindgen's glue
# finds the wasm beside itself, in web/; from the bundle at the package's root that is
# web/tat_request_bg.wasm, so the URL is rewritten as the glue is read (the map then shows
# the code that runs). The build fails if the pattern is missing or the bundle still imports.
node --input-type=module - <<'JS'
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
const glueUrl = "new URL('tat_request_bg.wasm', import.meta.url)";
const bundleUrl = "new URL('web/tat_request_bg.wasm', import.meta.url)";
const wasmBeside = {
  name: 'wasm-beside-the-glue',
  setup(b) {
    b.onLoad({ filter: /[\\/]web[\\/]tat_request\.js$/ }, ({ path }) => {
      const src = readFileSync(path, 'utf8');
      if (src.split(glueUrl).length !== 2) throw new Error(`${path}: ${glueUrl} not found once; the wasm URL cannot be rewritten`);
      return { contents: src.replace(glueUrl, bundleUrl), loader: 'js' };
    });
  },
};
const { metafile } = await build({
  // Named apart from the bundle itself, which devtools would otherwise take it for.
  stdin: { contents: readFileSync('pkg-template/browser.js', 'utf8'), resolveDir: 'pkg', sourcefile: 'browser.src.js', loader: 'js' },
  bundle: true, minify: true, format: 'esm', sourcemap: true, sourcesContent: true,
  outfile: 'pkg/browser.js', allowOverwrite: true, plugins: [wasmBeside], metafile: true, logLevel: 'warning',
});
const inputs = Object.keys(metafile.inputs).sort().join(' ');
const want = ['pkg/browser.src.js', 'pkg/client.mjs', 'pkg/client/actions.mjs', 'pkg/client/base.mjs', 'pkg/client/follow.mjs', 'pkg/client/outcome.mjs', 'pkg/client/reconcile.mjs', 'pkg/fast-path.mjs', 'pkg/language.mjs', 'pkg/pacer.mjs', 'pkg/ready.mjs', 'pkg/web/tat_request.js'].join(' ');
if (inputs !== want) throw new Error(`pkg/browser.js bundles ${inputs}, expected ${want}`);
const out = metafile.outputs['pkg/browser.js'];
if (out.imports.length) throw new Error(`pkg/browser.js still imports ${out.imports.map((i) => i.path).join(', ')}`);
const code = readFileSync('pkg/browser.js', 'utf8');
const once = (s) => code.split(s).length === 2;
if (!once('tat_request_bg.wasm') || !once('new URL("web/tat_request_bg.wasm",import.meta.url)')) {
  throw new Error('pkg/browser.js: the wasm URL is not new URL("web/tat_request_bg.wasm", import.meta.url), once');
}

// tat-request/inline: the same entry with the wasm embedded (esbuild's binary loader: base64
// in the module, decoded once at load), and no URL left for a bundler to chase.
const noUrl = {
  name: 'no-wasm-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]web[\\/]tat_request\.js$/ }, ({ path }) => {
      const src = readFileSync(path, 'utf8');
      if (src.split(glueUrl).length !== 2) throw new Error(`${path}: ${glueUrl} not found once`);
      return { contents: src.replace(glueUrl, 'undefined'), loader: 'js' };
    });
  },
};
const inline = await build({
  stdin: { contents: readFileSync('pkg-template/inline.js', 'utf8'), resolveDir: 'pkg', sourcefile: 'inline.src.js', loader: 'js' },
  bundle: true, minify: true, format: 'esm', loader: { '.wasm': 'binary', '.bin': 'binary' }, target: 'es2022', // es2022: esbuild's own base64 decoder, not Uint8Array.fromBase64 (Node 20 has none)
  outfile: 'pkg/inline.js', allowOverwrite: true, plugins: [noUrl], metafile: true, logLevel: 'warning',
});
if (inline.metafile.outputs['pkg/inline.js'].imports.length) throw new Error('pkg/inline.js still imports');
if (/import\.meta|tat_request_bg\.wasm|web\/zh-CN\.bin/.test(readFileSync('pkg/inline.js', 'utf8'))) {
  throw new Error('pkg/inline.js still refers to import.meta or the wasm file');
}
JS

# ---- tat-request/validate: validation without the signer and the client (issue 26).
# Two more builds of the crate without its default features, so that neither SHA-256, HMAC,
# request building nor the client's exports are linked: English messages only
# (pkg/validate/en.wasm, what init() and require load), and with the zh-CN texts
# (pkg/validate/en-zh.wasm, loaded when zh-CN is asked for). They share the browser build's
# folder and flags, so only this crate is rebuilt. Their exports are the same, so one glue
# serves both (checked); the panic hook is left out of both (feature `panic-hook`). Built for
# size (opt-level z, wasm-opt -Oz --converge: 0.6 KB gzipped less than the full build's
# settings, bench/NOTES.md): a page downloads them, and validating stays well under a
# millisecond (`make bench`).
mkdir -p pkg/validate target/validate
for variant in en en-zh; do
  features=(--no-default-features)
  if [ "$variant" = en-zh ]; then features+=(--features zh); fi
  RUSTFLAGS='--cfg sha2_backend_soft="compact"' CARGO_TARGET_DIR=target/web CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
    cargo build --release --target wasm32-unknown-unknown --lib "${features[@]}"
  rm -rf "target/validate/$variant"
  wasm-bindgen --target web --out-dir "target/validate/$variant/web" --no-typescript "$web_wasm"
  wasm-bindgen --target nodejs --out-dir "target/validate/$variant/node" --no-typescript "$web_wasm"
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-mutable-globals --enable-multivalue \
    -o "pkg/validate/$variant.wasm" "target/validate/$variant/web/tat_request_bg.wasm"
  # Node's glue (CommonJS, loads its module synchronously) reads the module named after it.
  node_glue=target/validate/$variant/node/tat_request.js
  from='const wasmPath = `${__dirname}/tat_request_bg.wasm`;'
  if [ "$(grep -cF "$from" "$node_glue")" != 1 ]; then echo "$node_glue: the wasm path is not where it was" >&2; exit 1; fi
  sed "s|\${__dirname}/tat_request_bg.wasm|\${__dirname}/$variant.wasm|" "$node_glue" > "pkg/validate/$variant.cjs"
done
for target in web node; do
  if ! cmp -s "target/validate/en/$target/tat_request.js" "target/validate/en-zh/$target/tat_request.js"; then
    echo "the two validation modules' $target glue differ: one glue cannot serve both" >&2; exit 1
  fi
done
# The browser's glue, with its loader's three steps exported so that loadLanguage('zh-CN') can
# put the bilingual module in the English one's place (pkg-template/validate.js); bundled with
# pkg-template/validate.js into pkg/validate.js as the main browser entry is, then removed.
web_glue=target/validate/en/web/tat_request.js
for fn in __wbg_get_imports __wbg_load __wbg_finalize_init; do
  if [ "$(grep -c "^\(async \)\?function $fn(" "$web_glue")" != 1 ]; then echo "$web_glue: function $fn not found once" >&2; exit 1; fi
done
{ cat "$web_glue"; echo 'export { __wbg_get_imports, __wbg_load, __wbg_finalize_init };'; } > pkg/validate/glue.js
node --input-type=module - <<'JS'
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
const glueUrl = "new URL('tat_request_bg.wasm', import.meta.url)";
const wasmBeside = {
  name: 'validate-wasm-beside',
  setup(b) {
    b.onLoad({ filter: /[\\/]validate[\\/]glue\.js$/ }, ({ path }) => {
      const src = readFileSync(path, 'utf8');
      if (src.split(glueUrl).length !== 2) throw new Error(`${path}: ${glueUrl} not found once`);
      return { contents: src.replace(glueUrl, "new URL('validate/en.wasm', import.meta.url)"), loader: 'js' };
    });
  },
};
const { metafile } = await build({
  stdin: { contents: readFileSync('pkg-template/validate.js', 'utf8'), resolveDir: 'pkg', sourcefile: 'validate.src.js', loader: 'js' },
  bundle: true, minify: true, format: 'esm', sourcemap: true, sourcesContent: true,
  outfile: 'pkg/validate.js', allowOverwrite: true, plugins: [wasmBeside], metafile: true, logLevel: 'warning',
});
const inputs = Object.keys(metafile.inputs).sort().join(' ');
if (inputs !== 'pkg/validate.src.js pkg/validate/glue.js') throw new Error(`pkg/validate.js bundles ${inputs}`);
if (metafile.outputs['pkg/validate.js'].imports.length) throw new Error('pkg/validate.js still imports');
const code = readFileSync('pkg/validate.js', 'utf8');
for (const url of ['new URL("validate/en.wasm",import.meta.url)', 'new URL("validate/en-zh.wasm",import.meta.url)']) {
  if (code.split(url).length !== 2) throw new Error(`pkg/validate.js: ${url} not found once`);
}
JS
rm pkg/validate/glue.js
# ---- end of tat-request/validate

# The unbundled files (Node's, and the web glue for whoever imports it) shipped without
# comments: the glue's JSDoc repeats the Rust docs (index.d.ts carries the types) and the fast
# path's notes live in pkg-template/. Only whole-line `//` comments and `/** */` blocks that
# start a line are removed, never code.
node -e '
const fs = require("fs");
for (const f of process.argv.slice(1)) {
  const s = fs.readFileSync(f, "utf8");
  fs.writeFileSync(f, s.replace(/^[ \t]*\/\*\*(?:(?!\*\/)[\s\S])*\*\/[ \t]*\n/gm, "").replace(/^[ \t]*\/\/.*\n/gm, ""));
}' pkg/web/tat_request.js pkg/node/tat_request.js pkg/fast-path.mjs pkg/fast-path.cjs \
  pkg/client.mjs pkg/client/*.mjs pkg/client.cjs pkg/node-credentials.mjs pkg/node-credentials.cjs pkg/pacer.mjs pkg/pacer.cjs pkg/node-body.mjs pkg/node-body.cjs \
  pkg/validate/en.cjs pkg/validate/en-zh.cjs pkg/validate.cjs pkg/validate.mjs
cp README.md pkg/README.md 2>/dev/null || true
[ -f LICENSE ] && cp LICENSE pkg/LICENSE
echo "pkg/ built: $(gzip -9c pkg/web/tat_request_bg.wasm | wc -c) bytes of gzipped wasm; validation: $(gzip -9c pkg/validate/en.wasm | wc -c)"
