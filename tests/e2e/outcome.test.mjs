// The console when a RunCommand's answer is lost (issue 22), in Debian's headless Chromium:
// the server's sandbox injects the fault (SANDBOX_FAULTS); the page must say what happened,
// never run the script twice, and never say "failed" alone of what may have run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnServer, callApi } from './helpers.mjs';
import { launchChromium } from '../chromium.mjs';

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** The console of a server started with `faults`, a script typed and sent; `fn(page, server)`. */
async function withFault(faults, fn) {
  const server = await spawnServer({ SANDBOX_SPEED: '8', SANDBOX_FAULTS: faults, SANDBOX_SEED: '1' });
  const context = await browser.newContext();
  try {
    assert.match(server.output(), /Faults\s+.*answers are lost on purpose/);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.fill('[name="Content"]', 'echo "append a line"');
    await page.click('button[type="submit"]');
    await fn(page, server);
  } finally {
    await context.close();
    await server.stop();
  }
}

/** The invocations the sandbox holds, read as any API client would (no faults on this action). */
const invocations = async (server) => (await callApi(server.url, { action: 'DescribeInvocations', params: { Limit: 100 } })).InvocationSet;

test('a lost answer whose invocation is found: followed to the end, said so, run once', () => withFault('drop=1,max=1,actions=RunCommand', async (page, server) => {
  await page.waitForSelector('#reconciled');
  await page.waitForFunction(() => document.querySelectorAll('#tasks tr[data-status="SUCCESS"]').length === 1, null, { timeout: 30000 });
  assert.match(await page.textContent('#reconciled'), /found on the service/);
  const held = await invocations(server);
  assert.equal(held.length, 1, 'run once');
  assert.equal(await page.textContent('#invocation-id'), held[0].InvocationId);
  assert.equal(await page.$('#error'), null);
}));

test('a lost answer whose invocation is not found: "may have run", with what was looked for; not sent again', () => withFault('unreached=1,max=1,actions=RunCommand', async (page, server) => {
  await page.waitForSelector('#error[data-outcome="unknown"]');
  const text = await page.textContent('#error');
  assert.match(text, /It may have run/);
  assert.match(text, /No matching invocation was found on the service/);
  assert.equal(await page.$('#error .retry'), null, 'no "retrying can succeed" for what may have run');
  assert.equal(await page.getAttribute('#error .reconciliation', 'data-found'), 'none');
  assert.deepEqual(await invocations(server), [], 'never sent again');
}));
