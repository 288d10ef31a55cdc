// tat-request/validate in headless Chromium (Debian's): the entry as a page imports it with no
// bundler, and the page of the size goal bundled by esbuild (tests/validate-page.mjs). What
// each page downloads is checked: the English module first, the bilingual one only once
// zh-CN is asked for. Firefox ESR (Debian's) runs the module swap too.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.env.TAT_ROOT;
const { launchChromium } = await import(pathToFileURL(join(root, 'tests/chromium.mjs')).href);
const { launchFirefox } = await import(pathToFileURL(join(root, 'tests/firefox.mjs')).href);
const { buildValidatePage } = await import(pathToFileURL(join(root, 'tests/validate-page.mjs')).href);

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const unbundled = `<!doctype html><meta charset="utf-8"><title>validate</title>
<script type="module">
  import init, * as v from '/node_modules/tat-request/validate.js';
  window.v = v;
  try { await init(); window.ready = true; } catch (e) { window.ready = String(e && e.stack || e); }
</script>`;

// A page that wants Chinese from the start: loadLanguage before init, one module downloaded.
const chineseFirst = `<!doctype html><meta charset="utf-8"><title>validate zh</title>
<script type="module">
  import init, * as v from '/node_modules/tat-request/validate.js';
  try {
    await v.loadLanguage('zh-CN');
    await init();
    window.ready = v.validateRunCommand({ Content: '', InstanceIds: ['ins-12345678'] }, { language: 'zh-CN' }).errors[0].message;
  } catch (e) { window.ready = String(e && e.stack || e); }
</script>`;

let server;
let base;
const requested = [];
let pageDir;

before(async () => {
  const dir = process.cwd();
  pageDir = join(dir, 'validate-page');
  await buildValidatePage(await realpath(join(dir, 'node_modules/tat-request')), pageDir, pathToFileURL(join(root, 'node_modules/esbuild/lib/main.js')).href);
  server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    requested.push(url.pathname);
    if (url.pathname === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(unbundled);
    if (url.pathname === '/zh') return res.writeHead(200, { 'content-type': 'text/html' }).end(chineseFirst);
    const file = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}/`;
});
after(() => server?.close());

describe('Chromium', () => {
  let browser;
  before(async () => { browser = await launchChromium(); });
  after(async () => { await browser?.close(); });

  test('the entry unbundled: English at once, zh-CN after loadLanguage, the same verdicts as the full entry', async () => {
    const page = await browser.newPage();
    try {
      requested.length = 0;
      await page.goto(base);
      await page.waitForFunction(() => window.ready !== undefined, null, { timeout: 15000 });
      assert.equal(await page.evaluate(() => window.ready), true);
      const en = await page.evaluate(() => {
        const { v } = window;
        let early;
        try { v.validateRunCommand({}, { language: 'zh-CN' }); } catch (e) { early = { name: e.name, code: e.code, message: e.message }; }
        return {
          bad: v.validateRunCommand({ Content: 'not base64!', InstanceIds: ['ins-1', 'lhins-12345678'], Timeout: 0 }),
          other: v.validate('DescribeInvocations', { Limit: 500 }),
          status: v.describeTaskStatus('SUCCESS').label,
          preview: v.previewContent(v.encodeContent('hi {{a}}'), '{"a":"there"}').text,
          decoded: v.decodeOutput(v.encodeContent('第一行\n😀')),
          limits: v.limits('latest').instanceIdsMax,
          early,
        };
      });
      assert.deepEqual(requested.filter((p) => p !== '/favicon.ico'), ['/', '/node_modules/tat-request/validate.js', '/node_modules/tat-request/validate/en.wasm']);
      const tat = await import('tat-request');
      assert.deepEqual(en.bad, tat.validateRunCommand({ Content: 'not base64!', InstanceIds: ['ins-1', 'lhins-12345678'], Timeout: 0 }));
      assert.deepEqual(en.other, tat.validate('DescribeInvocations', { Limit: 500 }));
      assert.equal(en.status, 'Command completed');
      assert.equal(en.preview, 'hi there');
      assert.equal(en.decoded, '第一行\n😀');
      assert.equal(en.limits, 200);
      assert.equal(en.early.name, 'TatError');
      assert.equal(en.early.code, 'InvalidParameterValue');
      assert.match(en.early.message, /loadLanguage\('zh-CN'\)/);

      const zh = await page.evaluate(async () => {
        const { v } = window;
        await v.loadLanguage('zh-CN');
        return {
          zh: v.validateRunCommand({ Content: '', InstanceIds: ['ins-12345678'] }, { language: 'zh-CN' }).errors[0].message,
          en: v.validateRunCommand({ Content: '', InstanceIds: ['ins-12345678'] }).errors[0].message,
          error: v.describeError('InternalError', 'zh-CN').message,
          again: await v.loadLanguage('zh-CN'),
        };
      });
      assert.deepEqual(zh, { zh: '缺少必填参数 Content。', en: 'Content is required.', error: '内部错误，请稍后重试。', again: undefined });
      assert.equal(requested.filter((p) => p.endsWith('/validate/en-zh.wasm')).length, 1);
    } finally {
      await page.close();
    }
  });

  test('loadLanguage before init: the bilingual module alone is downloaded', async () => {
    const page = await browser.newPage();
    try {
      requested.length = 0;
      await page.goto(base + 'zh');
      await page.waitForFunction(() => window.ready !== undefined, null, { timeout: 15000 });
      assert.equal(await page.evaluate(() => window.ready), '缺少必填参数 Content。');
      assert.deepEqual(requested.filter((p) => p !== '/favicon.ico'), ['/zh', '/node_modules/tat-request/validate.js', '/node_modules/tat-request/validate/en-zh.wasm']);
    } finally {
      await page.close();
    }
  });

  test('the page of the size goal, bundled by esbuild: validates as the user types', async () => {
    const page = await browser.newPage();
    try {
      requested.length = 0;
      await page.goto(base + 'validate-page/page.html');
      await page.waitForFunction(() => window.ready !== undefined, null, { timeout: 15000 });
      assert.deepEqual(await page.evaluate(() => window.ready), { valid: true, errors: [], warnings: [] });
      await page.fill('[name=InstanceIds]', 'ins-12345678, lhins-12345678');
      await page.fill('[name=Content]', 'not base64!');
      assert.equal(await page.textContent('output'), 'Content InvalidParameterValue.InvalidContent\nInstanceIds InvalidParameterValue.InconsistentInstance');
      assert.deepEqual(requested.filter((p) => p !== '/favicon.ico'), ['/validate-page/page.html', '/validate-page/page.js', '/validate-page/validate/en.wasm']);
      const zh = await page.evaluate(async () => {
        await window.loadLanguage('zh-CN');
        return window.check({ Content: '', InstanceIds: ['ins-12345678'] }, 'zh-CN').errors[0].message;
      });
      assert.equal(zh, '缺少必填参数 Content。');
    } finally {
      await page.close();
    }
  });
});

describe('Firefox', () => {
  let browser;
  before(async () => { browser = await launchFirefox(); });
  after(async () => { await browser?.close(); });

  test('English at once, zh-CN after loadLanguage', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(base);
      await page.waitForFunction(() => window.ready !== undefined, { timeout: 15000 });
      assert.equal(await page.evaluate(() => window.ready), true);
      const r = await page.evaluate(async () => {
        const { v } = window;
        const en = v.validateRunCommand({ Content: '', InstanceIds: ['ins-12345678'] }).errors[0].message;
        let early;
        try { v.describeError('InternalError', 'zh-CN'); } catch (e) { early = e.code; }
        await v.loadLanguage('zh-CN');
        return { en, early, zh: v.describeError('InternalError', 'zh-CN').message, agent: navigator.userAgent };
      });
      assert.deepEqual({ ...r, agent: undefined }, { en: 'Content is required.', early: 'InvalidParameterValue', zh: '内部错误，请稍后重试。', agent: undefined });
      assert.match(r.agent, /Firefox\/\d+/);
    } finally {
      await page.close();
    }
  });
});
