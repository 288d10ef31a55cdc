// #/shell's main flow in Debian's headless Firefox (firefox-esr over WebDriver BiDi, through
// puppeteer-core), against the console server with SANDBOX_EXEC: keyboard only, a directory
// and a variable carried from line to line, an exit code, Ctrl-C cancelling a sleep, and no
// CSP violation (xterm's generated CSS reaches the page through the CSSOM).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_CREDENTIALS } from './helpers.mjs';
import { launchFirefox } from '../firefox.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ port: 0, speed: 20, exec: true });
  browser = await launchFirefox();
});

after(async () => {
  await browser?.close();
  await new Promise((done) => server?.server.close(done));
});

const entries = (page) => page.$$eval('.shell-entry', (list) => list.length);

/** Types a line and Enter; resolves the [data-shell-output] answers it adds. */
async function line(page, text) {
  const before = await entries(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.shell-entry').length > n, { timeout: 30000 }, before);
  return page.evaluate((n) => [...document.querySelectorAll('.shell-entry')].slice(n).flatMap((entry) => [...entry.querySelectorAll('[data-shell-output]')]
    .map((o) => ({ id: o.dataset.instanceId, exit: o.dataset.exitCode, text: o.textContent }))), before);
}

test('Firefox: #/shell carries cwd and variables, reports exit codes, Ctrl-C cancels a sleep', async () => {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  try {
    await page.setViewport({ width: 1280, height: 1000 });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.evaluateOnNewDocument(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.sample}`));
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.locator('[name="SecretKey"]').fill(server.credentials[DEMO_CREDENTIALS.secretId]);
    await page.evaluate(() => { location.hash = '#/shell'; });
    await page.waitForSelector('#view-shell:not([hidden]) #sh-InstanceIds');
    assert.equal(await page.$eval('#sh-InstanceIds', (e) => e.value), 'ins-local001', 'the exec demo pre-fills a local instance');
    await page.focus('#sh-InstanceIds');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Ready/.test(document.querySelector('#shell-status').textContent), { timeout: 20000 });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')), true);

    const [home] = await line(page, 'pwd');
    assert.equal(home.exit, '0');
    assert.match(home.text, /\/ins-local001\/root\n$/);
    await line(page, 'mkdir -p ff && cd ff && export FROM=firefox');
    assert.deepEqual((await line(page, 'pwd; echo "$FROM"')).map((r) => [r.exit, r.text]), [['0', `${home.text.trim()}/ff\nfirefox\n`]]);
    assert.equal((await line(page, 'exit 5'))[0].exit, '5');

    const before = await entries(page);
    await page.keyboard.type('sleep 30');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Running/.test(document.querySelector('#shell-status').textContent));
    await new Promise((done) => setTimeout(done, 1000));
    await page.keyboard.down('Control');
    await page.keyboard.press('c');
    await page.keyboard.up('Control');
    await page.waitForFunction((n) => document.querySelectorAll('.shell-entry').length > n, { timeout: 20000 }, before);
    assert.equal(await page.$eval('.shell-entry:last-child .badge', (e) => e.textContent), 'TERMINATED');

    assert.equal(await page.$eval('[data-shell] .xterm-rows', (e) => getComputedStyle(e).color), 'rgb(226, 232, 240)');
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
