// Warnings and the way past an outdated rule, in the console as a person uses it (Debian's
// headless Chromium, the server as a program with its sandbox): a warning is shown beside its
// control, unlike an error, and the run is still sent; after a refusal "Send anyway" signs and
// sends what the rules refuse, and the page shows the service's own answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tat, spawnServer } from './helpers.mjs';
import { launchChromium } from '../chromium.mjs';

let sandbox;
let browser;

before(async () => {
  sandbox = await spawnServer({ SANDBOX_SPEED: '8' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

async function withPage(fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(sandbox.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await fn(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

test('a warning is shown beside its control without aria-invalid, and the run is still sent', () => withPage(async (page) => {
  await page.fill('[name="Content"]', 'uptime');
  // An ID of a form no document gives: only suspected.
  await page.fill('[name="InstanceIds"]', 'ins-WEB00001');
  await page.locator('#f-InstanceIds').blur();
  const params = { Content: tat.encodeContent('uptime'), InstanceIds: ['ins-WEB00001'], CommandType: 'SHELL' };
  const r = tat.validateRunCommand(params);
  assert.equal(r.valid, true);
  const warning = r.warnings.find((w) => w.field === 'InstanceIds[0]');
  assert.equal(warning.code, 'InvalidParameterValue.InvalidInstanceId');
  await page.waitForSelector('#warn-f-InstanceIds:not([hidden])');
  assert.equal(await page.textContent('#warn-f-InstanceIds p'), warning.message);
  assert.equal(await page.getAttribute('#warn-f-InstanceIds p', 'data-code'), warning.code);
  assert.equal(await page.getAttribute('[name="InstanceIds"]', 'aria-invalid'), null);
  assert.match(await page.getAttribute('[name="InstanceIds"]', 'aria-describedby'), /(^| )warn-f-InstanceIds( |$)/);
  // It looks different from an error: the warning colour, not the error one.
  const [warnColor, badColor] = await page.evaluate(() => {
    const css = getComputedStyle(document.documentElement);
    return [getComputedStyle(document.querySelector('#warn-f-InstanceIds p')).color, css.getPropertyValue('--bad')];
  });
  assert.notEqual(warnColor, badColor.trim());

  // Sent: the sandbox answers for itself (it has no such instance).
  await page.click('button[type="submit"]');
  await page.waitForSelector('#results:not([hidden]) [data-code]', { timeout: 15000 });
  assert.equal(await page.getAttribute('#results [data-code]', 'data-code'), 'ResourceNotFound.InstanceNotFound');
  assert.match(await page.textContent('#summary'), /1 warning/);
}));

test('after a refusal, "Send anyway" signs and sends what the rules refuse; never by default', () => withPage(async (page) => {
  await page.fill('[name="Content"]', 'uptime');
  // The seed document's rule: SHELL or POWERSHELL. A newer service may take more.
  // The select offers the seed's types only: the value is set as a page script would.
  await page.$eval('[name="CommandType"]', (s) => {
    if (![...s.options].some((o) => o.value === 'BAT')) s.append(new Option('BAT', 'BAT'));
    s.value = 'BAT';
    s.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // Not offered before the user tries to send.
  assert.equal(await page.$('#send-anyway'), null);
  await page.click('button[type="submit"]');
  await page.waitForSelector('[name="CommandType"][aria-invalid="true"]');
  assert.equal(await page.isHidden('#results'), true, 'nothing sent by default');
  await page.waitForSelector('#send-anyway');
  assert.match(await page.textContent('#summary .anyway'), /may accept/);

  await page.click('#send-anyway');
  // The request went out signed: the sandbox answered with its own verdict and a RequestId.
  await page.waitForSelector('#results:not([hidden]) [data-code]', { timeout: 15000 });
  const code = await page.getAttribute('#results [data-code]', 'data-code');
  const { errors } = tat.validateRunCommand({ Content: tat.encodeContent('uptime'), InstanceIds: ['ins-web00001'], CommandType: 'BAT' });
  assert.equal(code, errors[0].code);
  assert.match(await page.textContent('#results'), /RequestId/);
}));

test('"Send anyway" is not offered for what cannot be signed', () => withPage(async (page) => {
  await page.fill('[name="Content"]', 'uptime');
  await page.fill('[name="SecretKey"]', '');
  await page.click('button[type="submit"]');
  await page.waitForSelector('[name="SecretKey"][aria-invalid="true"]');
  assert.equal(await page.$('#send-anyway'), null);
}));

test('a Region of an unusual form is warned beside its control, for one request and for a split fleet', () => withPage(async (page) => {
  const region = 'AP_Guangzhou';
  const built = tat.buildRequest({
    action: 'RunCommand', secretId: 'AKIDEXAMPLE', secretKey: 'k', region,
    params: { Content: tat.encodeContent('uptime'), InstanceIds: ['ins-00000001'] },
  });
  const warning = built.warnings.find((w) => w.field === 'Region');
  assert.equal(warning.code, 'InvalidParameterValue');
  await page.fill('[name="Content"]', 'uptime');
  await page.fill('[name="Region"]', region);
  for (const count of [1, 150]) {
    const ids = Array.from({ length: count }, (_, i) => `ins-${String(i + 1).padStart(8, '0')}`);
    await page.fill('[name="InstanceIds"]', ids.join('\n'));
    await page.locator('#f-InstanceIds').blur();
    await page.locator('#f-Region').blur();
    await page.waitForSelector('#warn-f-Region:not([hidden])');
    assert.equal(await page.textContent('#warn-f-Region p'), warning.message, `${count} instances`);
    assert.equal(await page.getAttribute('[name="Region"]', 'aria-invalid'), null);
  }
}));
