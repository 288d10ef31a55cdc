// #/shell end to end in Debian's headless Chromium, against the console server with the
// sandbox's --exec (SANDBOX_EXEC): the local instances really run each line. The page is used
// as a person uses it, keyboard only: the instances typed, the terminal focused, lines typed
// and Enter pressed; what each line printed is read from [data-shell-output]. The page runs
// under its own CSP (no bypass) and must report no violation; axe runs in a second context.
// Screenshots go to target/screenshots/, or SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { root, startServer, spawnServer, DEMO_CREDENTIALS } from './helpers.mjs';
import { audit } from './axe.mjs';
import { launchChromium } from '../chromium.mjs';

const shots = join(root, process.env.SCREENSHOT_DIR ?? 'target/screenshots');
let server;
let browser;

before(async () => {
  await mkdir(shots, { recursive: true });
  server = await startServer({ port: 0, speed: 20, exec: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((done) => server?.server.close(done));
});

const secretKey = () => server.credentials[DEMO_CREDENTIALS.secretId];

/**
 * A page at #/shell with the exec account's key typed into the Run command page (the server
 * never serves it), the instances typed and the shell opened. `csp` records every
 * securitypolicyviolation the page reports.
 */
async function openShell(context, ids, { language } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  if (language) await page.click(`[data-lang="${language}"]`);
  await page.fill('[name="SecretKey"]', secretKey());
  await page.evaluate(() => { location.hash = '#/shell'; });
  await page.waitForSelector('#view-shell:not([hidden]) #shell-connect');
  await page.fill('#sh-InstanceIds', ids.join('\n'));
  await page.focus('#sh-InstanceIds');
  await page.keyboard.press('Tab'); // Timeout
  await page.keyboard.press('Tab'); // Open shell
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Ready|就绪/.test(document.querySelector('#shell-status').textContent), null, { timeout: 20000 });
  return { page, errors };
}

/** Types a line into the terminal and presses Enter; resolves the answers it adds to the log. */
async function line(page, text) {
  const before = await page.locator('.shell-entry').count();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.shell-entry').length > n, before, { timeout: 30000 });
  return page.evaluate((n) => [...document.querySelectorAll('.shell-entry')].slice(n).flatMap((entry) => [...entry.querySelectorAll('[data-shell-output]')].map((o) => ({
    id: o.dataset.instanceId, exit: o.dataset.exitCode, text: o.textContent,
  }))), before);
}

test('#/shell: cwd and variables carried, exit codes, history, Ctrl-C cancels a sleep, no CSP violation (Chromium)', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    const { page, errors } = await openShell(context, ['ins-local001']);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')), true, 'the terminal has the focus');

    const pwd = await line(page, 'pwd');
    assert.equal(pwd.length, 1);
    assert.equal(pwd[0].id, 'ins-local001');
    assert.equal(pwd[0].exit, '0');
    assert.match(pwd[0].text, /\/ins-local001\/root\n$/);
    const home = pwd[0].text.trim();

    await line(page, 'mkdir -p work/deeper && cd work/deeper && export GREETING="hello from the shell"');
    const carried = await line(page, 'pwd; echo "$GREETING"');
    assert.deepEqual(carried.map((r) => [r.exit, r.text]), [['0', `${home}/work/deeper\nhello from the shell\n`]]);

    const failed = await line(page, 'ls /no/such/folder');
    assert.equal(failed[0].exit, '2');
    assert.match(failed[0].text, /No such file or directory/);
    const status = await line(page, "printf '\\033[31mcoloured\\033[0m\\n'; exit 7");
    assert.equal(status[0].exit, '7');
    assert.equal(status[0].text, 'coloured\n', 'the log has the text, without its control sequences');
    // Per row of the terminal, the text drawn in red: the output's row is exactly `coloured`.
    // xterm draws on its next animation frame, after the log has the line: wait for the row.
    const redRows = () => [...document.querySelectorAll('[data-shell] .xterm-rows > div')]
      .map((row) => [...row.querySelectorAll('span.xterm-fg-1')].map((s) => s.textContent).join(''));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-shell] .xterm-rows span.xterm-fg-1')]
      .some((s) => s.textContent === 'coloured'), undefined, { timeout: 5000 }).catch(() => {});
    const red = await page.evaluate(redRows);
    assert.ok(red.includes('coloured'), `the terminal draws it red: ${JSON.stringify(red)}`);
    // The state is carried by the script: never in the output.
    const all = await page.locator('[data-shell-output]').allTextContents();
    assert.ok(!all.some((text) => text.includes('__TAT_SHELL_')), all.join('\n'));

    // Up three times brings back the third line, which runs again (still in work/deeper: the
    // `exit 7` line ended without its trailer, so the state stayed as it was).
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const again = await line(page, '');
    assert.deepEqual(again.map((r) => [r.exit, r.text]), [['0', `${home}/work/deeper\nhello from the shell\n`]]);

    // Ctrl-C cancels a running line: the task is TERMINATED long before the sleep would end.
    const started = Date.now();
    const before = await page.locator('.shell-entry').count();
    await page.keyboard.type('sleep 30; echo never');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Running|正在执行/.test(document.querySelector('#shell-status').textContent));
    await new Promise((done) => setTimeout(done, 1000));
    await page.keyboard.press('Control+C');
    await page.waitForFunction((n) => document.querySelectorAll('.shell-entry').length > n, before, { timeout: 20000 });
    assert.ok(Date.now() - started < 20000, 'cancelled well before the sleep ended');
    const badge = await page.locator('.shell-entry').last().locator('.badge').textContent();
    assert.equal(badge, 'TERMINATED');
    assert.equal(await page.locator('.shell-entry').last().locator('[data-shell-output]').getAttribute('data-exit-code'), '-1');

    // The terminal really renders the colours it is sent (the prompt's green), under the CSP.
    const green = await page.evaluate(() => [...document.querySelectorAll('[data-shell] .xterm-rows span')].some((s) => /xterm-fg-2|xterm-bold/.test(s.className)));
    assert.ok(green, 'the prompt is drawn with its colour classes');
    const fg = await page.evaluate(() => getComputedStyle(document.querySelector('[data-shell] .xterm-rows')).color);
    assert.equal(fg, 'rgb(226, 232, 240)', "xterm's theme CSS reached the page through the CSSOM");
    await page.screenshot({ path: join(shots, 'shell.png'), fullPage: true });
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
    assert.deepEqual(errors, []);
    // Tab leaves the terminal (a keyboard user is never trapped in it); Shift+Tab comes back.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')), false);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')), true);
  } finally {
    await context.close();
  }
});

test('#/shell: several instances answer in their own blocks; simulated ones stay simulated; zh-CN', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    const { page } = await openShell(context, ['ins-local001', 'ins-local002', 'ins-web00001'], { language: 'zh-CN' });
    const answers = await line(page, 'echo "$((6 * 7))"; basename "$(dirname "$PWD")"');
    assert.deepEqual(answers.map((r) => r.id), ['ins-local001', 'ins-local002', 'ins-web00001']);
    assert.equal(answers[0].text, '42\nins-local001\n');
    assert.equal(answers[1].text, '42\nins-local002\n');
    assert.match(answers[2].text, /^\[simulated by the tat-request sandbox; nothing was executed\]/);
    assert.equal(await page.locator('#shell-title').textContent(), '终端');
    await page.screenshot({ path: join(shots, 'shell-broadcast-zh.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('#/shell: a refused instance list is shown on its control; axe finds no violation', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}#/shell`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.fill('#sh-InstanceIds', '');
    await page.fill('#sh-Timeout', '0');
    await page.click('#shell-connect');
    await page.waitForSelector('#sh-InstanceIds[aria-invalid="true"]');
    assert.equal(await page.getAttribute('#sh-Timeout', 'aria-invalid'), 'true');
    // An ID that does not look like one is a warning beside its control, not a refusal.
    await page.fill('#sh-InstanceIds', 'ins-local001\nnot-an-id');
    await page.fill('#sh-Timeout', '');
    await page.click('#shell-connect');
    await page.waitForFunction(() => document.querySelector('#shell-form .msg.warn:not([hidden])'));
    assert.equal(await page.getAttribute('#sh-InstanceIds', 'aria-invalid'), null);
    assert.deepEqual(await audit(page), []);
    // With an open terminal and an answer in the log.
    await page.fill('#sh-Timeout', '');
    await page.fill('#sh-InstanceIds', 'ins-web00001');
    await page.evaluate(() => { location.hash = '#/run'; });
    await page.fill('[name="SecretKey"]', secretKey());
    await page.evaluate(() => { location.hash = '#/shell'; });
    await page.click('#shell-connect');
    await page.waitForFunction(() => /Ready/.test(document.querySelector('#shell-status').textContent), null, { timeout: 20000 });
    await line(page, 'uptime');
    assert.deepEqual(await audit(page), []);
  } finally {
    await context.close();
  }
});

test('#/shell: the public demo key runs nothing when scripts really run', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.inputValue('[name="SecretKey"]'), '', 'the exec key is never served to the page');
    await page.fill('[name="SecretKey"]', DEMO_CREDENTIALS.secretKey);
    await page.evaluate(() => { location.hash = '#/shell'; });
    await page.click('#shell-connect');
    await page.waitForSelector('#shell-error[data-code^="AuthFailure"]', { timeout: 20000 });
  } finally {
    await context.close();
  }
});

test('SANDBOX_EXEC=1: the banner prints the new key, /config.json never has it; a non-loopback HOST is refused', async () => {
  const demo = await spawnServer({ SANDBOX_EXEC: '1' });
  try {
    const key = /SecretKey (\S+) +\(new at each start/.exec(demo.output())?.[1];
    assert.match(key ?? '', /^[A-Za-z0-9_-]{40}$/);
    assert.match(demo.output(), /LOCAL INSTANCES RUN SCRIPTS ON THIS MACHINE/);
    const config = await (await fetch(new URL('config.json', demo.url))).json();
    assert.equal(config.exec, true);
    assert.equal(config.demo.secretKey, '');
    assert.deepEqual(config.demo.instanceIds, ['ins-local001']);
    assert.ok(!JSON.stringify(config).includes(key));
    assert.deepEqual(config.fleet.slice(0, 2).map((i) => i.InstanceId), ['ins-local001', 'ins-local002']);
  } finally {
    await demo.stop();
  }
  await assert.rejects(spawnServer({ SANDBOX_EXEC: '1', HOST: '0.0.0.0' }), /server exited \(1\):\nSANDBOX_EXEC runs scripts on this machine: only in sandbox mode, on a loopback HOST/);
  const plain = await spawnServer({});
  try {
    const config = await (await fetch(new URL('config.json', plain.url))).json();
    assert.equal(config.exec, false);
    assert.equal(config.demo.secretKey, DEMO_CREDENTIALS.secretKey);
  } finally {
    await plain.stop();
  }
});
