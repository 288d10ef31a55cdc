// The console page in Debian's headless Chromium, used as a person uses it: the server runs
// as a program (`node www/server.mjs`) on a free port with a fast sandbox; the test types,
// clicks and reads what the page shows. Screenshots go to target/screenshots/, or to
// SCREENSHOT_DIR (SCREENSHOT_DIR=docs/screenshots refreshes the committed ones).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, tat, DEMO_CREDENTIALS, spawnServer } from './helpers.mjs';
import { launchChromium } from '../chromium.mjs';

const shots = join(root, process.env.SCREENSHOT_DIR ?? 'target/screenshots');
let sandbox;
let browser;
const consoleLines = [];

before(async () => {
  await mkdir(shots, { recursive: true });
  sandbox = await spawnServer({ SANDBOX_SPEED: '8' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

/** A fresh page of the console at `url`, ready (the module loaded and the form filled in). */
async function open(url = sandbox.url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { page, context };
}

/** Runs `fn({ page, context })` on a fresh console page (see open), then closes its context. */
async function withPage(fn, url, viewport) {
  const { page, context } = await open(url, viewport);
  try {
    return await fn({ page, context });
  } finally {
    await context.close();
  }
}

const statuses = (page) => page.$$eval('#tasks tr', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.instance, r.dataset.status])));

/** Waits until the task table shows `n` rows, all terminal (the page's own verdict: it stops polling). */
async function waitForTasks(page, n) {
  await page.waitForFunction((count) => {
    const rows = document.querySelectorAll('#tasks tr');
    return rows.length === count && !document.querySelector('#submit').disabled;
  }, n, { timeout: 30000 });
}

/** The control's message, as assistive technology finds it: through aria-describedby. */
async function describedMessage(page, selector) {
  return page.$eval(selector, (control) => (control.getAttribute('aria-describedby') ?? '').split(' ')
    .map((id) => document.getElementById(id)).filter((m) => m?.classList.contains('msg')).map((m) => m.textContent).join(' '));
}

test('served by the server, the page opens with the demo account and an online instance, and runs a script', () => withPage(async ({ page }) => {
  assert.equal(await page.inputValue('[name="SecretId"]'), DEMO_CREDENTIALS.secretId);
  assert.equal(await page.inputValue('[name="SecretKey"]'), DEMO_CREDENTIALS.secretKey);
  assert.equal(await page.inputValue('[name="InstanceIds"]'), 'ins-web00001');
  assert.equal(await page.getAttribute('[name="SecretKey"]', 'type'), 'password');
  assert.match(await page.textContent('#cred-note'), /temporary credentials/);
  // A new user types a script and presses the button.
  await page.fill('[name="Content"]', 'echo "hello from the console"');
  await page.click('button[type="submit"]');
  await waitForTasks(page, 1);
  assert.deepEqual(await statuses(page), { 'ins-web00001': 'SUCCESS' });
  assert.match(await page.textContent('#tasks tr pre.output'), /\[simulated by the tat-request sandbox; nothing was executed\][\s\S]*\| echo "hello from the console"/);
  assert.equal(await page.textContent('#tasks tr .badge'), tat.describeTaskStatus('SUCCESS').label);
}));

test('a full run: every field, tasks reach SUCCESS, FAILED and TIMEOUT; screenshots at laptop and phone widths', () => withPage(async ({ page }) => {
  await page.fill('[name="Content"]', '#!/bin/bash\n# rotate the logs of {{service}}\necho "rotating {{service}} logs in {{dir}}"\nlogrotate -f /etc/logrotate.d/{{service}}\nuptime');
  await page.fill('[name="InstanceIds"]', 'ins-web00001, ins-web00002\nins-exit0001\nins-slow0001');
  await page.fill('[name="Timeout"]', '5');
  await page.fill('[name="WorkingDirectory"]', '/var/log');
  await page.fill('[name="CommandName"]', 'rotate-logs');
  await page.fill('[name="Description"]', 'Rotate application logs');
  await page.check('[name="EnableParameter"]');
  // The placeholders found in the script, offered as chips; a chip adds its parameter row.
  await page.waitForSelector('#placeholder-chips [data-name="dir"]');
  assert.deepEqual(await page.$$eval('#placeholder-chips .chip', (c) => c.map((x) => x.dataset.name)), ['service', 'dir']);
  await page.waitForSelector('#preview:not([hidden])');
  await page.click('#placeholder-chips [data-name="service"]');
  await page.fill('[name="Parameters[0].Value"]', 'nginx');
  await page.click('#add-default');
  await page.fill('[name="DefaultParameters[0].Key"]', 'dir');
  await page.fill('[name="DefaultParameters[0].Value"]', '/var/log/nginx');
  await page.check('[name="SaveCommand"]');
  await page.click('#add-tag');
  await page.fill('[name="Tags[0].Key"]', 'team');
  await page.fill('[name="Tags[0].Value"]', 'ops');
  await page.waitForFunction(() => document.querySelector('#preview-text')?.textContent.includes('rotating nginx logs in /var/log/nginx'));
  assert.equal(await page.inputValue('[name="Parameters"]'), '{"service":"nginx"}');
  assert.match(await page.textContent('#instance-counter'), new RegExp(`4 .* ${tat.limits().instanceIdsMax}`));
  // The signed request preview: the Authorization header, never the secret key.
  await page.waitForSelector('#signed .hdr');
  const signed = await page.textContent('#signed');
  assert.match(signed, /Authorization: TC3-HMAC-SHA256 Credential=AKIDsandboxDEMO/);
  assert.ok(!signed.includes(DEMO_CREDENTIALS.secretKey));
  assert.equal(await page.$$eval('[aria-invalid="true"]', (e) => e.length), 0);

  await page.click('button[type="submit"]');
  await page.waitForSelector('#tasks tr[data-status="RUNNING"], #tasks tr[data-status="DELIVERING"], #tasks tr[data-status="PENDING"]', { timeout: 15000 });
  await waitForTasks(page, 4);
  assert.equal(await page.textContent('#summary'), 'Ready to send');
  assert.deepEqual(await statuses(page), { 'ins-web00001': 'SUCCESS', 'ins-web00002': 'SUCCESS', 'ins-exit0001': 'FAILED', 'ins-slow0001': 'TIMEOUT' });
  const exits = await page.$$eval('#tasks tr', (rows) => rows.map((r) => r.children[2].textContent));
  assert.deepEqual(exits, ['0', '0', '1', '-1']);
  assert.match(await page.textContent('#tasks tr[data-status="FAILED"] pre.output'), /rotating nginx logs in \/var\/log\/nginx/);
  assert.match(await page.textContent('#invocation-id'), /^inv-[a-z0-9]{8}$/);

  // From the top, so that the sticky bar and side column sit where a reader expects them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'console.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#results').screenshot({ path: join(shots, 'console-phone-results.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'console-phone.png') });
  // At phone width nothing overflows sideways.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal scroll at 390px');
}));

test('live validation: mixed instance kinds are flagged on their control with the package\'s message, then in Chinese', () => withPage(async ({ page }) => {
  await page.fill('[name="Content"]', 'uptime');
  // Untouched fields show nothing yet.
  assert.equal(await page.getAttribute('[name="InstanceIds"]', 'aria-invalid'), null);
  await page.fill('[name="InstanceIds"]', 'ins-web00001\nlhins-blog0001');
  await page.locator('#f-InstanceIds').blur();
  const params = { Content: tat.encodeContent('uptime'), InstanceIds: ['ins-web00001', 'lhins-blog0001'], CommandType: 'SHELL' };
  const en = tat.validateRunCommand(params, { language: 'en-US' }).errors.find((e) => e.field === 'InstanceIds');
  const zh = tat.validateRunCommand(params, { language: 'zh-CN' }).errors.find((e) => e.field === 'InstanceIds');
  assert.equal(en.code, 'InvalidParameterValue.InconsistentInstance');
  await page.waitForSelector('[name="InstanceIds"][aria-invalid="true"]');
  assert.equal(await describedMessage(page, '[name="InstanceIds"]'), en.message);
  // Its hint stays described too.
  assert.match(await page.getAttribute('[name="InstanceIds"]', 'aria-describedby'), /h-InstanceIds/);

  // Typing fixes it live.
  await page.fill('[name="Timeout"]', 'soon');
  await page.locator('[name="Timeout"]').blur();
  await page.waitForSelector('[name="Timeout"][aria-invalid="true"]');
  const timeoutEn = tat.validateRunCommand({ ...params, Timeout: 'soon' }).errors.find((e) => e.field === 'Timeout');
  assert.equal(await describedMessage(page, '[name="Timeout"]'), timeoutEn.message);

  await page.click('[data-lang="zh-CN"]');
  await page.waitForFunction((m) => document.querySelector('#err-f-InstanceIds')?.textContent === m, zh.message);
  assert.equal(await describedMessage(page, '[name="InstanceIds"]'), zh.message);
  assert.equal(await page.textContent('h1'), '执行命令');
  assert.equal(await page.textContent('button[type="submit"]'), '执行命令');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.$eval('[name="InstanceIds"]', (e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(shots, 'console-zh-validation.png') });

  // Submitting an invalid form sends nothing and focuses the first invalid control.
  await page.click('button[type="submit"]');
  assert.equal(await page.isHidden('#results'), true);
  assert.match(await page.textContent('#summary'), /2/);
  await page.fill('[name="InstanceIds"]', 'ins-web00001');
  await page.fill('[name="Timeout"]', '');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
  assert.equal(await page.getAttribute('[name="InstanceIds"]', 'aria-describedby'), 'h-InstanceIds');
  await page.click('[data-lang="en-US"]');
}));

test('messages land on the control they concern: tags, parameters, script, credentials', () => withPage(async ({ page }) => {
  await page.fill('[name="Content"]', 'echo {{who}}');
  await page.check('[name="EnableParameter"]');
  await page.waitForSelector('#preview:not([hidden])');
  await page.click('#add-tag');
  await page.fill('[name="Tags[0].Value"]', 'no key');
  await page.click('#add-parameter');
  await page.fill('[name="Parameters[0].Key"]', 'bad name');
  await page.fill('[name="Parameters[0].Value"]', 'x');
  await page.fill('[name="SecretId"]', '');
  await page.click('button[type="submit"]');
  await page.waitForSelector('[aria-invalid="true"]');
  const invalid = await page.$$eval('[aria-invalid="true"]', (els) => els.map((e) => e.getAttribute('name') ?? e.dataset.field));
  for (const name of ['Tags[0].Key', 'Parameters[0].Key', 'Parameters', 'SecretId']) assert.ok(invalid.includes(name), `${name} in ${invalid}`);
  // Tags without SaveCommand: only a warning (the document says when tags take effect), shown
  // beside the group, described, and not marked invalid.
  assert.ok(!invalid.includes('Tags'), invalid.join());
  assert.equal(await page.textContent('#warn-tags-fieldset p'), tat.validateRunCommand({ Content: 'ZWNobw==', InstanceIds: ['ins-web00001'], Tags: [{ Key: 'k', Value: 'v' }] }).warnings[0].message);
  assert.match(await page.getAttribute('fieldset[data-field="Tags"]', 'aria-describedby'), /warn-tags-fieldset/);
  assert.match(await describedMessage(page, '[name="Parameters"]'), /\{\{who\}\}/);
  const codes = await page.$$eval('.msg:not([hidden]) p', (ps) => ps.map((p) => p.dataset.code));
  for (const code of ['InvalidParameter.ConflictParameter', 'MissingParameter', 'InvalidParameterValue.ParameterKeyContainsInvalidChar', 'InvalidParameterValue.LackOfParameterInfo']) {
    assert.ok(codes.includes(code), `${code} in ${codes}`);
  }

  // Nothing the user types breaks the page: a lone surrogate, a script over the limit.
  await page.evaluate(() => {
    const c = document.querySelector('[name="Content"]');
    c.value = 'echo \ud800';
    c.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForSelector('#err-f-Content:not([hidden]) p[data-code="InvalidParameter"]');
  const big = 'x'.repeat(tat.limits().contentMaxChars);
  await page.fill('[name="Content"]', big);
  await page.waitForSelector('#content-counter.over');
  await page.waitForSelector('#err-f-Content:not([hidden])');
  assert.equal(await page.isHidden('#boot-error'), true);
  assert.ok(!consoleLines.some((l) => l.startsWith('pageerror')), consoleLines.join('\n'));
}));

test('a wrong SecretKey: the sandbox refuses the signature and the page shows the code, its message and retry advice', () => withPage(async ({ page }) => {
  await page.fill('[name="Content"]', 'uptime');
  await page.fill('[name="SecretKey"]', 'not-the-demo-key');
  await page.click('button[type="submit"]');
  await page.waitForSelector('#error');
  assert.equal(await page.getAttribute('#error', 'data-code'), 'AuthFailure.SignatureFailure');
  const text = await page.textContent('#error');
  assert.ok(text.includes('AuthFailure.SignatureFailure'));
  assert.ok(text.includes(tat.describeError('AuthFailure.SignatureFailure').message));
  assert.equal(await page.getAttribute('#error .retry', 'data-retryable'), 'false');
  await page.click('[data-lang="zh-CN"]');
  await page.waitForFunction((m) => document.querySelector('#error')?.textContent.includes(m), tat.describeError('AuthFailure.SignatureFailure', 'zh-CN').message);
  // An instance whose agent is offline: the service's refusal, with retry advice.
  await page.click('[data-lang="en-US"]');
  await page.click('#use-demo');
  await page.fill('[name="InstanceIds"]', 'ins-agent0ff');
  await page.click('button[type="submit"]');
  await page.waitForSelector('#error[data-code="ResourceUnavailable.AgentStatusNotOnline"]');
  assert.equal(await page.getAttribute('#error .retry', 'data-retryable'), 'true');
}));

test('credentials stay in memory: nothing in storage, cookies, IndexedDB, the URL or the console', () => withPage(async ({ page, context }) => {
  const token = 'temporary-token-value-for-the-test';
  await page.fill('[name="Token"]', token);
  await page.fill('[name="Content"]', 'whoami');
  await page.click('button[type="submit"]');
  await waitForTasks(page, 1);
  const stored = await page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    url: location.href,
    idb: (await indexedDB.databases?.())?.map((d) => d.name) ?? [],
  }));
  assert.deepEqual(stored, { local: '{}', session: '{}', cookie: '', url: sandbox.url, idb: [] });
  assert.deepEqual((await context.cookies()).length, 0);
  for (const secret of [DEMO_CREDENTIALS.secretKey, token]) {
    assert.ok(!consoleLines.some((l) => l.includes(secret)), 'secret in the console');
    assert.ok(!page.url().includes(secret));
  }
  // The preview shows the token masked and never the key.
  const signed = await page.textContent('#signed');
  assert.ok(!signed.includes(token) && !signed.includes(DEMO_CREDENTIALS.secretKey));
}));

test('copy as curl: the copied command, run by curl, gets the same answer from the sandbox', () => withPage(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sandbox.url.slice(0, -1) });
  await page.fill('[name="Content"]', 'hostname');
  await page.waitForSelector('#copy-curl:not([disabled])');
  await page.click('#copy-curl');
  await page.waitForFunction(() => document.querySelector('#copy-status').textContent !== '');
  const command = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(command, /^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/api'/);
  assert.ok(!command.includes(DEMO_CREDENTIALS.secretKey));
  const answer = JSON.parse(execFileSync('bash', ['-c', `${command} --silent`], { encoding: 'utf8' }));
  assert.match(answer.Response.InvocationId, /^inv-/);
}));

test('relay mode: the page signs for the upstream and runs a script through the relay', async () => {
  // The upstream is a second sandbox on 127.0.0.1 standing in for the real API.
  const upstream = await spawnServer({ SANDBOX_SPEED: '20' });
  const relay = await spawnServer({ TAT_UPSTREAM: new URL('api', upstream.url).href });
  try {
    await withPage(async ({ page }) => {
      assert.match(relay.output(), /Relay mode/);
      assert.equal(await page.inputValue('[name="SecretId"]'), '', 'relay mode fills in no credentials');
      assert.match(await page.textContent('#mode'), /Relay/);
      await page.fill('[name="SecretId"]', DEMO_CREDENTIALS.secretId);
      await page.fill('[name="SecretKey"]', DEMO_CREDENTIALS.secretKey);
      await page.fill('[name="InstanceIds"]', 'lhins-blog0001');
      await page.fill('[name="Content"]', 'df -h');
      await page.click('button[type="submit"]');
      await waitForTasks(page, 1);
      assert.deepEqual(await statuses(page), { 'lhins-blog0001': 'SUCCESS' });
    }, relay.url);
  } finally {
    await relay.stop();
    await upstream.stop();
  }
});

test('more instances than one request takes: split by the package, sent paced, every task followed', () => withPage(async ({ page }) => {
  const ids = [
    ...Array.from({ length: 120 }, (_, i) => `ins-bulk${String(i).padStart(4, '0')}`),
    ...Array.from({ length: 30 }, (_, i) => `lhins-bulk${String(i).padStart(4, '0')}`),
  ];
  await page.fill('[name="Content"]', 'uptime');
  await page.fill('[name="InstanceIds"]', ids.join('\n'));
  await page.waitForFunction(() => /150 instances: sent as 3 requests/.test(document.querySelector('#instance-counter').textContent));
  assert.equal(await page.getAttribute('[name="InstanceIds"]', 'aria-invalid'), null);
  await page.click('button[type="submit"]');
  await waitForTasks(page, 150);
  const all = await statuses(page);
  assert.equal(Object.keys(all).length, 150);
  assert.ok(Object.values(all).every((s) => s === 'SUCCESS'));
  assert.equal((await page.textContent('#invocation-id')).split(', ').length, 3);
  // A line of an unknown form among them: a warning on the control, not an error.
  await page.fill('[name="InstanceIds"]', [...ids, 'ins-nope'].join('\n'));
  await page.waitForSelector('#warn-f-InstanceIds:not([hidden])');
  assert.equal(await page.getAttribute('[name="InstanceIds"]', 'aria-invalid'), null);
  assert.match(await describedMessage(page, '[name="InstanceIds"]'), /ins-nope/);
}));
