// The README's recipe for each bundler, built and run as a user would: a page that imports
// the package, calls `await init()`, validates a request with a misspelled parameter and
// writes what it found into the page; loaded in Chromium from a plain static server.
// esbuild and rollup emit no assets: they take `tat-request/inline` (the wasm embedded);
// webpack and vite take `tat-request` (they emit web/tat_request_bg.wasm beside the bundle, and
// web/zh-CN.bin, which loadLanguage('zh-CN') fetches).
// Last, an esbuild Node bundle (`--platform=node`, as serverless functions deploy) runs from a
// folder that holds nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = process.env.TAT_ROOT;
const app = process.env.TAT_APP;
const dist = join(app, 'dist');
const { launchChromium } = await import(pathToFileURL(join(root, 'tests/chromium.mjs')).href);

// What every page runs: the result goes into <body data-result>.
const body = (entry) => `import init, * as tat from '${entry}';
init().then(() => tat.loadLanguage('zh-CN')).then(() => {
  const r = tat.validate('RunCommand', { Content: tat.encodeContent('echo hi'), InstanceIds: ['ins-12345678'], Timout: 60 });
  const signed = tat.buildRequest({ action: 'RunCommand', params: { Content: 'ZWNobw==', InstanceIds: ['ins-12345678'] }, secretId: 'AKIDx', secretKey: 'k', timestamp: 1700000000 });
  const zh = tat.describeError('InternalError', 'zh-CN').message;
  document.body.dataset.result = JSON.stringify({ errors: r.errors.map((e) => [e.field, e.code]), auth: signed.headers.Authorization.slice(0, 16), zh });
}, (e) => { document.body.dataset.result = JSON.stringify({ error: String(e && e.stack || e) }); });
`;
const expected = { errors: [['Timout', 'UnknownParameter']], auth: 'TC3-HMAC-SHA256 ', zh: '内部错误，请稍后重试。' };

mkdirSync(join(app, 'src'), { recursive: true });
writeFileSync(join(app, 'src/inline.js'), body('tat-request/inline'));
writeFileSync(join(app, 'src/fetched.js'), body('tat-request'));
const html = (script) => `<!doctype html><meta charset="utf-8"><title>bundled</title><body>${script}</body>`;


const BUILDS = {
  async esbuild(out) {
    const { build } = await import('esbuild');
    await build({ entryPoints: [join(app, 'src/inline.js')], bundle: true, format: 'esm', outfile: join(out, 'main.js'), logLevel: 'warning' });
    writeFileSync(join(out, 'index.html'), html('<script type="module" src="main.js"></script>'));
  },
  async rollup(out) {
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const bundle = await rollup({ input: join(app, 'src/inline.js'), plugins: [nodeResolve({ browser: true })], logLevel: 'warn' });
    await bundle.write({ dir: out, format: 'es', entryFileNames: 'main.js' });
    await bundle.close();
    writeFileSync(join(out, 'index.html'), html('<script type="module" src="main.js"></script>'));
  },
  async webpack(out) {
    const { default: webpack } = await import('webpack');
    const stats = await promisify(webpack)({ mode: 'production', context: app, entry: join(app, 'src/fetched.js'), output: { path: out, filename: 'main.js' } });
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    writeFileSync(join(out, 'index.html'), html('<script src="main.js"></script>'));
  },
  async vite(out) {
    const { build } = await import('vite');
    writeFileSync(join(app, 'index.html'), html('<script type="module" src="/src/fetched.js"></script>'));
    // base './': the page is served from a subfolder (/vite/) here.
    await build({ root: app, base: './', logLevel: 'warn', configFile: false, build: { outDir: out, emptyOutDir: true } });
  },
};

let server;
let base;
let browser;
before(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = normalize(join(dist, decodeURIComponent(path.endsWith('/') ? `${path}index.html` : path)));
    if (!file.startsWith(dist)) return res.writeHead(403).end();
    try {
      const data = readFileSync(file);
      const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
});

for (const [name, build] of Object.entries(BUILDS)) {
  test(`a page bundled by ${name} loads and validates in Chromium`, async () => {
    const out = join(dist, name);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    await build(out);
    const page = await browser.newPage();
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    try {
      await page.goto(`${base}${name}/`);
      await page.waitForFunction(() => document.body?.dataset.result, null, { timeout: 20000 });
      const result = JSON.parse(await page.evaluate(() => document.body.dataset.result));
      assert.deepEqual(result, expected);
      assert.deepEqual(failed, []);
    } finally {
      await page.close();
    }
    // Where the wasm went: embedded (esbuild, rollup) or emitted beside the bundle.
    const files = readdirSync(out, { recursive: true }).map(String);
    const wasm = files.filter((f) => f.endsWith('.wasm'));
    assert.equal(wasm.length, ['esbuild', 'rollup'].includes(name) ? 0 : 1, files.join(' '));
    // And the zh-CN texts that loadLanguage fetched (embedded in tat-request/inline).
    assert.equal(files.filter((f) => f.endsWith('.bin')).length, wasm.length, files.join(' '));
  });
}

test('an esbuild Node bundle (--platform=node) of tat-request/inline runs from another folder', async () => {
  const { build } = await import('esbuild');
  writeFileSync(join(app, 'src/node.js'), `import init, * as tat from 'tat-request/inline';
init().then(() => {
  const r = tat.validate('RunCommand', { Content: tat.encodeContent('echo hi'), InstanceIds: ['ins-12345678'], Timout: 60 });
  console.log(JSON.stringify(r.errors.map((e) => [e.field, e.code])));
});
`);
  const built = join(dist, 'node/index.cjs');
  await build({ entryPoints: [join(app, 'src/node.js')], bundle: true, platform: 'node', format: 'cjs', outfile: built, logLevel: 'warning' });
  const elsewhere = mkdtempSync(join(tmpdir(), 'tat-bundle-'));
  try {
    copyFileSync(built, join(elsewhere, 'index.cjs'));
    const { stdout } = await promisify(execFile)(process.execPath, ['index.cjs'], { cwd: elsewhere });
    assert.deepEqual(JSON.parse(stdout), [['Timout', 'UnknownParameter']]);
    assert.deepEqual(readdirSync(elsewhere), ['index.cjs']);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
