// The console's main flows in Debian's headless Firefox (firefox-esr over WebDriver BiDi,
// through puppeteer-core): the same server as a program, the same sandbox, the page used as a
// person uses it (typing, clicking), checked against the package's own verdicts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { root, tat, DEMO_CREDENTIALS, spawnServer } from './helpers.mjs';
import { launchFirefox } from '../firefox.mjs';

let sandbox;
let browser;
const consoleLines = [];

before(async () => {
  sandbox = await spawnServer({ SANDBOX_SPEED: '8' });
  browser = await launchFirefox();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

/** Runs `fn(page)` on a fresh console page (its own browser context), ready to use. */
async function withPage(fn, viewport = { width: 1280, height: 900 }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  try {
    await page.setViewport(viewport);
    page.on('console', (m) => consoleLines.push(m.text()));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
    await page.goto(sandbox.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    return await fn(page);
  } finally {
    await context.close();
  }
}

const fill = (page, selector, value) => page.locator(selector).fill(value);
const text = (page, selector) => page.$eval(selector, (e) => e.textContent);
const attr = (page, selector, name) => page.$eval(selector, (e, n) => e.getAttribute(n), name);
const statuses = (page) => page.$$eval('#tasks tr', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.instance, r.dataset.status])));

async function waitForTasks(page, n) {
  await page.waitForFunction((count) => document.querySelectorAll('#tasks tr').length === count && !document.querySelector('#submit').disabled,
    { timeout: 30000 }, n);
}

/** The control's message, as assistive technology finds it: through aria-describedby. */
const describedMessage = (page, selector) => page.$eval(selector, (control) => (control.getAttribute('aria-describedby') ?? '').split(' ')
  .map((id) => document.getElementById(id)).filter((m) => m?.classList.contains('msg')).map((m) => m.textContent).join(' '));

test('Firefox: the page opens with the demo account and runs a script', () => withPage(async (page) => {
  assert.match(await page.evaluate(() => navigator.userAgent), /Firefox\/\d+/);
  assert.equal(await page.$eval('[name="SecretId"]', (e) => e.value), DEMO_CREDENTIALS.secretId);
  assert.equal(await page.$eval('[name="InstanceIds"]', (e) => e.value), 'ins-web00001');
  await fill(page, '[name="Content"]', 'echo "hello from Firefox"');
  await page.click('button[type="submit"]');
  await waitForTasks(page, 1);
  assert.deepEqual(await statuses(page), { 'ins-web00001': 'SUCCESS' });
  assert.match(await text(page, '#tasks tr pre.output'), /\| echo "hello from Firefox"/);
  assert.equal(await text(page, '#tasks tr .badge'), tat.describeTaskStatus('SUCCESS').label);
  assert.match(await text(page, '#invocation-id'), /^inv-[a-z0-9]{8}$/);
}));

test('Firefox: mixed instance kinds and a bad timeout flagged on their controls, a malformed ID warned beside its own, in English then Chinese', () => withPage(async (page) => {
  await fill(page, '[name="Content"]', 'uptime');
  assert.equal(await attr(page, '[name="InstanceIds"]', 'aria-invalid'), null);
  // Comma-separated, one line. A malformed ID is a warning (beside the control, no
  // aria-invalid); CVM and Lighthouse mixed is an error.
  await fill(page, '[name="InstanceIds"]', 'ins-web00001, ins-bad');
  await page.click('[name="Description"]'); // leaving the field shows its message at once
  const message = (p, field, language, kind = 'errors') => tat.validateRunCommand(p, { language })[kind].find((e) => e.field === field).message;
  const warned = { Content: tat.encodeContent('uptime'), InstanceIds: ['ins-web00001', 'ins-bad'], CommandType: 'SHELL' };
  await page.waitForFunction((m) => document.querySelector('#warn-f-InstanceIds:not([hidden])')?.textContent === m, { timeout: 5000 },
    message(warned, 'InstanceIds[1]', 'en-US', 'warnings'));
  assert.equal(await attr(page, '[name="InstanceIds"]', 'aria-invalid'), null);
  await fill(page, '[name="InstanceIds"]', 'ins-web00001, lhins-blog0001');
  await page.click('[name="Description"]');
  const params = { ...warned, InstanceIds: ['ins-web00001', 'lhins-blog0001'] };
  await page.waitForSelector('[name="InstanceIds"][aria-invalid="true"]');
  assert.equal(await describedMessage(page, '[name="InstanceIds"]'), message(params, 'InstanceIds', 'en-US'));
  // A wrong type: the package names it and nothing else (type errors stop the checks).
  await fill(page, '[name="Timeout"]', 'soon');
  await page.click('[name="Description"]');
  await page.waitForSelector('[name="Timeout"][aria-invalid="true"]');
  assert.equal(await describedMessage(page, '[name="Timeout"]'), message({ ...params, Timeout: 'soon' }, 'Timeout', 'en-US'));
  await fill(page, '[name="Timeout"]', '30');
  await page.waitForFunction(() => !document.querySelector('[name="Timeout"][aria-invalid="true"]'), { timeout: 5000 });
  await page.click('[data-lang="zh-CN"]');
  await page.waitForFunction((m) => document.querySelector('#err-f-InstanceIds')?.textContent === m, { timeout: 5000 }, message(params, 'InstanceIds', 'zh-CN'));
  assert.equal(await text(page, 'h1'), '执行命令');
  // Submitting sends nothing and moves the focus to the first invalid control.
  await page.click('button[type="submit"]');
  assert.equal(await page.$eval('#results', (e) => e.hidden), true);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true');
  assert.ok(!consoleLines.some((l) => l.startsWith('pageerror')), consoleLines.join('\n'));
}));

test('Firefox: fleet chips pick the instances; tasks end SUCCESS and FAILED with their exit codes', () => withPage(async (page) => {
  await page.click('#fleet-chips [data-id="ins-exit0001"]');
  await page.click('#fleet-chips [data-id="ins-web00002"]');
  assert.equal(await page.$eval('[name="InstanceIds"]', (e) => e.value), 'ins-web00001\nins-exit0001\nins-web00002');
  assert.equal(await attr(page, '#fleet-chips [data-id="ins-exit0001"]', 'aria-pressed'), 'true');
  await fill(page, '[name="Content"]', 'systemctl restart app');
  await page.click('button[type="submit"]');
  await waitForTasks(page, 3);
  assert.deepEqual(await statuses(page), { 'ins-web00001': 'SUCCESS', 'ins-exit0001': 'FAILED', 'ins-web00002': 'SUCCESS' });
  assert.deepEqual(await page.$$eval('#tasks tr', (rows) => rows.map((r) => r.children[2].textContent)), ['0', '1', '0']);
  // At phone width nothing overflows sideways.
  await page.setViewport({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal scroll at 390px');
}));

test('Firefox: the navigation bar opens the history; an invocation opens on its decoded tasks', () => withPage(async (page) => {
  await fill(page, '[name="Content"]', 'echo "history in Firefox"');
  await page.click('button[type="submit"]');
  await waitForTasks(page, 1);
  const id = await text(page, '#invocation-id');
  await page.click('[data-view-link="history"]');
  await page.waitForSelector(`#history-rows tr[data-invocation-id="${id}"][data-status="SUCCESS"]`);
  assert.equal(await page.evaluate(() => location.hash), '#/history');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'history-title');
  await page.click(`#history-rows tr[data-invocation-id="${id}"] a`);
  await page.waitForSelector('#history-tasks tr[data-status="SUCCESS"]');
  assert.equal(await text(page, '#history-script'), 'echo "history in Firefox"');
  assert.match(await text(page, '#history-tasks pre.output'), /\| echo "history in Firefox"/);
  await page.setViewport({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal scroll at 390px');
}));
