// The packed package in headless Chromium and Firefox (Debian's), as a page uses it with no
// bundler: an ES module import of the browser entry and `await init()`. The same checks run in
// both browsers: Chromium through playwright-core, Firefox through puppeteer-core (WebDriver BiDi).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readmeExample } from './readme.mjs';

const root = process.env.TAT_ROOT;
const { vectors } = JSON.parse(await readFile(join(root, 'tests/vectors/vectors.json'), 'utf8'));
const vector = vectors.find((v) => v.name === 'everything' && v.params) ?? vectors.find((v) => v.name === 'runcommand-minimal');
// Run from a copy outside the repository (tests/js/run.sh): the shared launchers by their path.
const { launchChromium } = await import(pathToFileURL(join(root, 'tests/chromium.mjs')).href);
const { launchFirefox } = await import(pathToFileURL(join(root, 'tests/firefox.mjs')).href);

/** The few page operations the tests use, over playwright-core (Chromium) and puppeteer-core (Firefox). */
const BROWSERS = {
  Chromium: {
    launch: launchChromium,
    page: (p) => ({
      initScript: (js) => p.addInitScript(js),
      goto: (url) => p.goto(url),
      waitFor: (fn) => p.waitForFunction(fn, null, { timeout: 15000 }),
      evaluate: (fn) => p.evaluate(fn),
      text: (sel) => p.textContent(sel),
      close: () => p.close(),
    }),
  },
  Firefox: {
    launch: launchFirefox,
    page: (p) => ({
      initScript: (js) => p.evaluateOnNewDocument(js),
      goto: (url) => p.goto(url),
      waitFor: (fn) => p.waitForFunction(fn, { timeout: 15000 }),
      evaluate: (fn) => p.evaluate(fn),
      text: (sel) => p.$eval(sel, (e) => e.textContent),
      close: () => p.close(),
    }),
  },
};

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };
const page = `<!doctype html><meta charset="utf-8"><title>tat-request in a page</title>
<script type="module">
  import init, * as tat from '/node_modules/tat-request/browser.js';
  try {
    await init();
    // The zh-CN texts are a file of their own: refused until loadLanguage has fetched it.
    let zhBefore;
    if (window.loadZh) {
      try { tat.describeError('InternalError', 'zh-CN'); } catch (e) { zhBefore = [e.name, e.code]; }
      await tat.loadLanguage('zh-CN');
    }
    window.results = { zhBefore, ...(await window.run(tat)) };
  } catch (e) { window.results = { error: String(e && e.stack || e) }; }
</script>`;

// The inline entry (wasm embedded), and both entries called before init(): a TatError that
// says to `await init()`, never a bare TypeError from the glue.
const inlinePage = `<!doctype html><meta charset="utf-8"><title>tat-request inline</title>
<script type="module">
  import initInline, * as inline from '/node_modules/tat-request/inline.js';
  import * as fetched from '/node_modules/tat-request/browser.js';
  const early = (f) => { try { f(); return 'no error'; } catch (e) { return [e.name, e.code, e.message, e instanceof inline.TatError || e instanceof fetched.TatError]; } };
  try {
    const before = [early(() => inline.validate('RunCommand', {})), early(() => fetched.encodeContent('x')), early(() => new inline.Pacer(1))];
    await initInline();
    const r = inline.validate('RunCommand', { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'], Timout: 60 });
    // The inline entry embeds the zh-CN texts: no loadLanguage needed.
    window.results = { before, errors: r.errors.map((e) => [e.field, e.code]), zh: inline.describeError('InternalError', 'zh-CN').message };
  } catch (e) { window.results = { error: String(e && e.stack || e) }; }
</script>`;

let server;
let base;
/** Every path the test server was asked for, in order. */
const requested = [];

before(async () => {
  const dir = process.cwd();
  server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    requested.push(url.pathname);
    if (url.pathname === '/' || url.pathname === '/readme.html' || url.pathname === '/inline.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(url.pathname === '/' ? page : url.pathname === '/inline.html' ? inlinePage : readmeExample('browser'));
    }
    const file = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}/`;
});

after(() => server?.close());

for (const [name, kind] of Object.entries(BROWSERS)) describe(name, () => {
  let browser;
  before(async () => { browser = await kind.launch(); });
  after(async () => { await browser?.close(); });

  const newPage = async () => kind.page(await browser.newPage());

  /** Opens the page, runs `fn(tat)` inside it after init() (and loadLanguage('zh-CN') with `zh`), returns what it returned. */
  async function inPage(fn, data, { zh = false } = {}) {
    const p = await newPage();
    try {
      await p.initScript(`window.data = ${JSON.stringify(data ?? null)}; window.loadZh = ${zh}; window.run = ${fn.toString()};`);
      await p.goto(base);
      await p.waitFor(() => window.results !== undefined);
      const results = await p.evaluate(() => window.results);
      assert.equal(results.error, undefined, results.error);
      return results;
    } finally {
      await p.close();
    }
  }

  test(`every contract function in ${name}`, async () => {
    const r = await inPage(async (tat) => {
      const bad = tat.validateRunCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678', 'lhins-12345678'], Timeout: NaN });
      let thrown;
      try { tat.validate(null, {}); } catch (e) { thrown = { isError: e instanceof Error, code: e.code }; }
      let built;
      try {
        const v = window.data;
        const req = tat.buildRequest({ action: v.action, params: v.params, secretId: v.secret_id, secretKey: v.secret_key,
          region: v.region ?? undefined, token: v.token ?? undefined, language: v.language ?? undefined, host: v.host,
          timestamp: Number(v.timestamp) });
        built = { url: req.url, headers: req.headers, body: req.body };
      } catch (e) { built = { error: String(e) }; }
      return {
        valid: tat.validateRunCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }),
        bad: bad.errors.map((e) => [e.field, e.code]),
        zh: tat.validate('RunCommand', { Content: '', InstanceIds: ['ins-12345678'] }, { language: 'zh-CN' }).errors[0].message,
        thrown,
        error: undefined,
        describe: tat.describeError('InternalError', 'zh-CN'),
        status: tat.describeTaskStatus('SUCCESS'),
        encoded: tat.encodeContent('echo 你好'),
        decoded: tat.decodeOutput(tat.encodeContent('第一行\n😀')),
        placeholders: tat.listPlaceholders(tat.encodeContent('{{a}} {{b}}')),
        preview: tat.previewContent(tat.encodeContent('hi {{a}}'), '{"a":"there"}').text,
        limits: tat.limits().instanceIdsMax,
        built,
        agent: navigator.userAgent,
      };
    }, vector, { zh: true });
    assert.deepEqual(r.valid, { valid: true, errors: [], warnings: [] });
    assert.deepEqual(r.bad, [['Timeout', 'InvalidParameter'], ['InstanceIds', 'InvalidParameterValue.InconsistentInstance']]);
    assert.deepEqual(r.zhBefore, ['TatError', 'InvalidParameterValue']);
    assert.ok(requested.includes('/node_modules/tat-request/web/zh-CN.bin'), 'loadLanguage fetched web/zh-CN.bin beside the entry');
    assert.equal(r.zh, '缺少必填参数 Content。');
    assert.deepEqual(r.thrown, { isError: true, code: 'InvalidParameter' });
    assert.deepEqual(r.describe, { code: 'InternalError', message: '内部错误，请稍后重试。', retryable: true, known: true });
    assert.equal(r.status.label, 'Command completed');
    assert.equal(r.encoded, Buffer.from('echo 你好').toString('base64'));
    assert.equal(r.decoded, '第一行\n😀');
    assert.deepEqual(r.placeholders, ['a', 'b']);
    assert.equal(r.preview, 'hi there');
    // The browser really is the one named (a launcher mix-up would test Chromium twice).
    assert.match(r.agent, name === 'Firefox' ? /Firefox\/\d+/ : /Chrome\/\d+/);
    assert.equal(r.limits, 100);
    assert.equal(r.built.url, 'https://tat.tencentcloudapi.com/');
    // Signed in the browser, byte-identical to both official SDKs.
    assert.deepEqual(r.built.headers, vector.python.headers);
    assert.deepEqual(r.built.headers, vector.node.headers);
    assert.equal(r.built.body, vector.body);
  });

  test(`the browser entry is one module: a page in English fetches it and the wasm, nothing else, in ${name}`, async () => {
    requested.length = 0;
    const r = await inPage(async (tat) => ({ valid: tat.validateRunCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }).valid }));
    assert.equal(r.valid, true);
    assert.deepEqual(requested.filter((p) => p !== '/favicon.ico'), ['/', '/node_modules/tat-request/browser.js', '/node_modules/tat-request/web/tat_request_bg.wasm']);
  });

  test(`tat-request/inline loads with no wasm request; calls before init() throw ModuleNotInitialized, in ${name}`, async () => {
    requested.length = 0;
    const p = await newPage();
    try {
      await p.goto(base + 'inline.html');
      await p.waitFor(() => window.results !== undefined);
      const r = await p.evaluate(() => window.results);
      assert.equal(r.error, undefined, r.error);
      for (const [i, fn] of [[0, 'validate'], [1, 'encodeContent'], [2, 'new Pacer']]) {
        const [errName, code, message, isTatError] = r.before[i];
        assert.deepEqual([errName, code, isTatError], ['TatError', 'ModuleNotInitialized', true]);
        assert.match(message, new RegExp(`${fn}\\(\\) was called before .*\`await init\\(\\)\``));
      }
      assert.deepEqual(r.errors, [['Timout', 'UnknownParameter']]);
      assert.equal(r.zh, '内部错误，请稍后重试。');
      assert.ok(!requested.some((path) => path.endsWith('.wasm') || path.endsWith('.bin')), requested.join(' '));
    } finally {
      await p.close();
    }
  });

  test('README browser example', async () => {
    const p = await newPage();
    try {
      await p.goto(base + 'readme.html');
      await p.waitFor(() => document.querySelector('#out').textContent !== '');
      assert.equal(await p.text('#out'), 'Parameters.name InvalidParameterValue.LackOfParameterInfo');
    } finally {
      await p.close();
    }
  });
});

/** The source map's segments for one generated line: [column, source, original line, original column]. */
function decodeLine(mappings, line) {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const state = [0, 0, 0]; // source, original line, original column: relative across lines
  const lines = mappings.split(';');
  let out;
  for (let l = 0; l <= line; l++) {
    out = [];
    let column = 0;
    for (const seg of lines[l] ? lines[l].split(',') : []) {
      const v = [];
      for (let i = 0, shift = 0, n = 0; i < seg.length; i++) {
        const d = B64.indexOf(seg[i]);
        n += (d & 31) << shift;
        if (d & 32) { shift += 5; continue; }
        v.push(n & 1 ? -(n >>> 1) : n >>> 1);
        n = 0;
        shift = 0;
      }
      column += v[0];
      if (v.length >= 4) for (let k = 0; k < 3; k++) state[k] += v[k + 1];
      out.push([column, ...state]);
    }
  }
  return out;
}

test('the browser entry ships its source map, with the readable sources it was bundled from', async () => {
  const dir = join(process.cwd(), 'node_modules/tat-request');
  const code = await readFile(join(dir, 'browser.js'), 'utf8');
  assert.match(code, /\n\/\/# sourceMappingURL=browser\.js\.map\n?$/);
  const map = JSON.parse(await readFile(join(dir, 'browser.js.map'), 'utf8'));
  assert.ok(code.length < map.sourcesContent.join('').length / 2, 'browser.js is minified');
  assert.deepEqual([...map.sources].sort(), ['browser.src.js', 'client.mjs', 'client/actions.mjs', 'client/base.mjs', 'client/follow.mjs', 'client/outcome.mjs', 'client/reconcile.mjs', 'fast-path.mjs', 'language.mjs', 'pacer.mjs', 'ready.mjs', 'web/tat_request.js']);
  const source = (name) => map.sourcesContent[map.sources.indexOf(name)];
  // With their comments: what devtools show is the readable code.
  assert.match(source('fast-path.mjs'), /^export function fastBuildRequest/m);
  assert.match(source('client.mjs'), /\/\*\*/);
  assert.match(source('browser.src.js'), /^import \* as m from '\.\/web\/tat_request\.js';$/m);
  // The wasm is found beside the glue, in web/, and the map points at the line that says so.
  const line = code.split('\n').findIndex((l) => l.includes('new URL("web/tat_request_bg.wasm",import.meta.url)'));
  assert.ok(line >= 0, 'the bundle finds the wasm in web/');
  const column = code.split('\n')[line].indexOf('new URL("web/tat_request_bg.wasm"');
  const seg = decodeLine(map.mappings, line).filter((s) => s[0] <= column).at(-1);
  assert.equal(map.sources[seg[1]], 'web/tat_request.js');
  assert.match(source('web/tat_request.js').split('\n')[seg[2]], /new URL\('web\/tat_request_bg\.wasm', import\.meta\.url\)/);
});
