// `make bench`: tat-request against what a user would pick instead, in one run; writes
// bench/RESULTS.md with the machine, versions, medians and ratios.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { typical, largest, credentials, region, timestamp, rates, pairedRatio, medianMs, median } from './workloads.mjs';
import { launchChromium } from '../tests/chromium.mjs';
import { buildValidatePage } from '../tests/validate-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const tat = await import(pathToFileURL(join(root, 'pkg/index.mjs')).href);
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default;
const sdkVersion = require('tencentcloud-sdk-nodejs-common/package.json').version;
const nobleVersion = JSON.parse(readFileSync(join(here, 'node_modules/@noble/hashes/package.json'), 'utf8')).version;
const pkgVersion = JSON.parse(readFileSync(join(root, 'pkg/package.json'), 'utf8')).version;
// The optimisation level the package was built with, as scripts/build-pkg.sh sets it.
const wasmOptLevel = readFileSync(join(root, 'scripts/build-pkg.sh'), 'utf8').match(/wasm-opt (-O\w+)/)?.[1] ?? '?';

const input = (params) => ({ action: 'RunCommand', params, ...credentials, region, timestamp });
const sdkSign = (params) =>
  Sign.sign3({
    method: 'POST', url: 'https://tat.tencentcloudapi.com/', payload: params, timestamp, service: 'tat',
    secretId: credentials.secretId, secretKey: credentials.secretKey, headers: { 'Content-Type': 'application/json' },
  });

// ---- Node
const node = {};
for (const [name, make] of [['typical', typical], ['largest', largest]]) {
  const params = make();
  const ours = tat.buildRequest(input(params)).headers.Authorization;
  // The same bytes signed: both write the body with JSON.stringify.
  if (!ours.endsWith(sdkSign(params))) throw new Error(`${name}: signature differs from the official SDK`);
  node[name] = rates({ tat: () => tat.buildRequest(input(params)), sdk: () => sdkSign(params) }, { samples: 15 });
  node[name].ratio = pairedRatio(node[name], 'tat', 'sdk');
}
const big = largest();
node.validateLargestMs = medianMs(() => tat.validateRunCommand(big));
const validateEntry = await import(pathToFileURL(join(root, 'pkg/validate.mjs')).href);
node.validateEntryLargestMs = medianMs(() => validateEntry.validateRunCommand(big));

// Instantiate: compile and instantiate the wasm in a fresh process, median of 7.
const nodeInit = [];
for (let i = 0; i < 7; i++) {
  const ms = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { readFileSync } from 'node:fs';
    import { initSync } from ${JSON.stringify(pathToFileURL(join(root, 'pkg/web/tat_request.js')).href)};
    const bytes = readFileSync(${JSON.stringify(join(root, 'pkg/web/tat_request_bg.wasm'))});
    const t = performance.now(); initSync({ module: bytes }); console.log(performance.now() - t);`], { encoding: 'utf8' });
  nodeInit.push(Number(ms));
}
node.instantiateMs = median(nodeInit);

// ---- Size
const wasm = readFileSync(join(root, 'pkg/web/tat_request_bg.wasm'));
// The JS a browser loads: the browser entry, one module that bundles the glue, the fast path and
// the client (scripts/build-pkg.sh). Its source map is fetched only by open devtools.
const glue = readFileSync(join(root, 'pkg/browser.js'));
const size = { wasm: wasm.length, wasmGz: gzipSync(wasm, { level: 9 }).length, glueGz: gzipSync(glue, { level: 9 }).length };
size.totalGz = size.wasmGz + size.glueGz;
// The zh-CN texts of the browser entry, fetched by loadLanguage('zh-CN') only.
size.zhGz = gzipSync(readFileSync(join(root, 'pkg/web/zh-CN.bin')), { level: 9 }).length;
// The validation entry: its module and its English wasm; the bilingual wasm fetched for zh-CN.
const gz = (path) => gzipSync(readFileSync(join(root, path)), { level: 9 }).length;
size.validate = { jsGz: gz('pkg/validate.js'), wasmGz: gz('pkg/validate/en.wasm'), zhWasmGz: gz('pkg/validate/en-zh.wasm') };
size.validate.totalGz = size.validate.jsGz + size.validate.wasmGz;
// The page of the goal: a form's script importing tat-request/validate, bundled by esbuild
// (minified), with the wasm it fetches (tests/validate-page.mjs).
const pageFiles = await buildValidatePage(join(root, 'pkg'), join(root, 'target/bench-validate-page'), pathToFileURL(join(root, 'node_modules/esbuild/lib/main.js')).href);
size.page = Object.fromEntries(pageFiles.map(({ file, bytes }) => [file, gzipSync(bytes, { level: 9 }).length]));
size.pageGz = Object.values(size.page).reduce((a, b) => a + b, 0);

// ---- Chromium
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const server = createServer((req, res) => {
  const file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!file.startsWith(root)) return res.writeHead(403).end();
  let body;
  try {
    body = readFileSync(file);
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/bench/browser.html`);
await page.waitForFunction(() => window.results !== undefined, null, { timeout: 120000 });
const web = await page.evaluate(() => window.results);
const chromiumVersion = browser.version();
await browser.close();
server.close();
if (web.error) throw new Error(web.error);

// ---- Report
const f = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 3));
const x = (a, b) => `${(a / b).toFixed(2)}x`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const verdict = (ok) => (ok ? 'met' : '**missed**');
const goals = [
  ['Node, typical request vs official SDK', '≥ 1.5x (floor 1.0x)', `${node.typical.ratio.toFixed(2)}x`, verdict(node.typical.ratio >= 1.5)],
  ['Node, largest request vs official SDK', '≥ 1.0x', `${node.largest.ratio.toFixed(2)}x`, verdict(node.largest.ratio >= 1.0)],
  ['Chromium, typical request vs @noble/hashes signer', '≥ 3x', x(web.typical.tat, web.typical.noble), verdict(web.typical.tat / web.typical.noble >= 3)],
  ['Chromium, validating the largest valid request', '< 1 ms median', `${f(web.validateLargestMs)} ms`, verdict(web.validateLargestMs < 1)],
  ['Size, a validating page (esbuild, minified) with `tat-request/validate`, gzipped', '≤ 64 KB', kb(size.pageGz), verdict(size.pageGz <= 64 * 1024)],
  ['Size, the full browser entry (wasm + JS), gzipped', '< 100 KB', kb(size.totalGz), verdict(size.totalGz < 100 * 1024)],
  ['Instantiate, Node', '< 10 ms', `${f(node.instantiateMs)} ms`, verdict(node.instantiateMs < 10)],
  ['Instantiate, Chromium (compile + init)', '< 10 ms', `${f(web.instantiateMs)} ms`, verdict(web.instantiateMs < 10)],
];
const cpu = os.cpus()[0]?.model ?? 'unknown';
const md = `# Benchmark results

Written by \`make bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. Every number below is what that
run printed; ratios compare rates from the same run. Absolute times are context only.

- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}
- Node ${process.version}; Chromium ${chromiumVersion} (headless)
- tat-request ${pkgVersion} (pkg/, wasm-opt ${wasmOptLevel}); tencentcloud-sdk-nodejs-common ${sdkVersion}; @noble/hashes ${nobleVersion}
- Workloads (bench/workloads.mjs): **typical** = RunCommand with a 1.3 KB script, 10 instances, region set;
  **largest** = the largest valid RunCommand (64 KB of base64 Content, 100 instances, 20 custom parameters).
  Every signer signs the same bytes and the run checks that all signatures are identical.
- tat-request's \`buildRequest\` validates, builds and signs; the others only sign.

## Goals

| goal | target | result | |
|---|---|---|---|
${goals.map((g) => `| ${g.join(' | ')} |`).join('\n')}

## Node (requests per second, median of 15 samples taken in turns; the ratio is the median of the rounds' ratios)

| workload | tat-request buildRequest | official SDK sign3 | ratio |
|---|---:|---:|---:|
| typical | ${f(node.typical.tat)} | ${f(node.typical.sdk)} | ${node.typical.ratio.toFixed(2)}x |
| largest | ${f(node.largest.tat)} | ${f(node.largest.sdk)} | ${node.largest.ratio.toFixed(2)}x |

Validating the largest valid request: ${f(node.validateLargestMs)} ms median (\`tat-request/validate\`: ${f(node.validateEntryLargestMs)} ms).

## Chromium (requests per second, median of 9 samples taken in turns; WebCrypto of 7)

| workload | tat-request buildRequest | @noble/hashes signer | WebCrypto signer (async) | vs noble | vs WebCrypto | tat-request, body hashed by WebCrypto (async) |
|---|---:|---:|---:|---:|---:|---:|
| typical | ${f(web.typical.tat)} | ${f(web.typical.noble)} | ${f(web.typical.webcrypto)} | ${x(web.typical.tat, web.typical.noble)} | ${x(web.typical.tat, web.typical.webcrypto)} | ${f(web.typical.tatWebCrypto)} (${x(web.typical.tatWebCrypto, web.typical.tat)} the sync path) |
| largest | ${f(web.largest.tat)} | ${f(web.largest.noble)} | ${f(web.largest.webcrypto)} | ${x(web.largest.tat, web.largest.noble)} | ${x(web.largest.tat, web.largest.webcrypto)} | ${f(web.largest.tatWebCrypto)} (${x(web.largest.tatWebCrypto, web.largest.tat)} the sync path) |

Validating the largest valid request (what a console does on every keystroke): ${f(web.validateLargestMs)} ms median (\`tat-request/validate\`: ${f(web.validateEntryLargestMs)} ms).

## Size and start-up

| | |
|---|---:|
| wasm (after wasm-opt) | ${kb(size.wasm)} |
| wasm, gzip -9 | ${kb(size.wasmGz)} |
| JS (browser entry, one minified bundle: pkg/browser.js), gzip -9 | ${kb(size.glueGz)} |
| **total, gzipped** | **${kb(size.totalGz)}** |
| zh-CN texts (web/zh-CN.bin, fetched by \`loadLanguage('zh-CN')\` only), gzip -9 | ${kb(size.zhGz)} |
| \`tat-request/validate\`: pkg/validate.js, gzip -9 | ${kb(size.validate.jsGz)} |
| \`tat-request/validate\`: English wasm (validate/en.wasm), gzip -9 | ${kb(size.validate.wasmGz)} |
| \`tat-request/validate\`: **total, gzipped** | **${kb(size.validate.totalGz)}** |
| \`tat-request/validate\`: bilingual wasm (validate/en-zh.wasm, fetched by \`loadLanguage('zh-CN')\`), gzip -9 | ${kb(size.validate.zhWasmGz)} |
| the validating page (tests/validate-page.mjs: ${Object.entries(size.page).map(([k, n]) => `${k} ${kb(n)}`).join(', ')}), gzipped | **${kb(size.pageGz)}** |
| instantiate in Node (compile + init, fresh process, median of 7) | ${f(node.instantiateMs)} ms |
| instantiate in Chromium (\`initSync\` from the bytes: compile + init, first page load) | ${f(web.instantiateMs)} ms |
| fetching the wasm in Chromium (local server, first page load) | ${f(web.fetchMs)} ms |
`;
const notes = join(here, 'NOTES.md');
let extra = '';
try { extra = '\n' + readFileSync(notes, 'utf8'); } catch {}
// bench/fleet.mjs (run after this by `make bench`) writes its own "Fleet scale" section into
// RESULTS.md: kept as it stands until that script rewrites it.
let fleet = '';
try {
  const old = readFileSync(join(here, 'RESULTS.md'), 'utf8');
  fleet = old.match(/\n## Fleet scale[^\n]*\n[\s\S]*?(?=\n## (?!#)|\n# |$)/)?.[0] ?? '';
} catch {}
writeFileSync(join(here, 'RESULTS.md'), md + fleet + extra);
console.log(md);
