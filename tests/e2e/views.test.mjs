// The console's views by URL hash (www/app/router.js, www/app/views/) and the accessibility
// audit of each, in Debian's headless Chromium: the server runs as a program with a fast
// sandbox; invocations are made through the API as a Node user of the package would, then the
// page is used as a person uses it. Screenshots go to target/screenshots/, or SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, tat, spawnServer, callApi } from './helpers.mjs';
import { audit } from './axe.mjs';
import { launchChromium } from '../chromium.mjs';

const shots = join(root, process.env.SCREENSHOT_DIR ?? 'target/screenshots');
let sandbox;
let browser;
const pageErrors = [];

before(async () => {
  await mkdir(shots, { recursive: true });
  sandbox = await spawnServer({ SANDBOX_SPEED: '20' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

/**
 * Runs `fn(page)` on a fresh console page at `hash`. The context bypasses the page's CSP so
 * that axe-core can be injected (the page itself runs under its CSP as always).
 */
async function withPage(fn, { hash = '', viewport = { width: 1280, height: 900 }, base = sandbox.url } = {}) {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await page.goto(base + hash);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    return await fn(page);
  } finally {
    await context.close();
  }
}

const waitForTasks = (page, n) => page.waitForFunction((count) => {
  const rows = document.querySelectorAll('#tasks tr');
  return rows.length === count && !document.querySelector('#submit').disabled;
}, n, { timeout: 30000 });

/** Waits until the API says every task of `id` is over. */
async function finished(id) {
  for (let i = 0; i < 100; i++) {
    const r = await callApi(sandbox.url, { action: 'DescribeInvocations', params: { InvocationIds: [id] } });
    if (!['PENDING', 'RUNNING'].includes(r.InvocationSet[0].InvocationStatus)) return r.InvocationSet[0];
    await new Promise((done) => setTimeout(done, 150));
  }
  throw new Error(`${id} did not finish`);
}

test('accessibility: the run view has no WCAG 2 A/AA or best-practice violation, empty, with errors shown, with results, in Chinese', () => withPage(async (page) => {
  assert.deepEqual(await audit(page), [], 'empty form');
  await page.fill('[name="Content"]', 'echo {{who}}');
  await page.fill('[name="InstanceIds"]', 'ins-web00001, lhins-blog0001, ins-bad');
  await page.check('[name="EnableParameter"]');
  await page.click('#add-tag');
  await page.click('button[type="submit"]');
  await page.waitForSelector('[name="InstanceIds"][aria-invalid="true"]');
  await page.waitForSelector('#warn-f-InstanceIds:not([hidden])');
  assert.deepEqual(await audit(page), [], 'errors and warnings shown');
  await page.fill('[name="InstanceIds"]', 'ins-web00001, ins-exit0001');
  await page.uncheck('[name="EnableParameter"]');
  await page.click('#tags-rows .icon-button');
  await page.click('button[type="submit"]');
  await waitForTasks(page, 2);
  assert.deepEqual(await page.$$eval('#tasks tr', (rows) => rows.map((r) => r.dataset.status)), ['SUCCESS', 'FAILED']);
  assert.deepEqual(await audit(page), [], 'results shown');
  await page.click('[data-lang="zh-CN"]');
  assert.deepEqual(await audit(page), [], 'in Chinese');
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await audit(page), [], 'at phone width');
}));

test('navigation: a bar of links and the URL hash choose the view, by keyboard, in both languages; back returns', () => withPage(async (page) => {
  assert.equal(await page.isVisible('#view-run'), true);
  assert.equal(await page.isHidden('#view-history'), true);
  assert.equal(await page.getAttribute('[data-view-link="run"]', 'aria-current'), 'page');
  assert.equal(await page.title(), 'Run command · TAT console');
  // Keyboard only: Tab from the top of the page reaches the bar (after the language buttons),
  // Run command, Commands, History.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.viewLink), 'history');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#view-history:not([hidden]) #history-rows, #view-history:not([hidden]) #history-empty');
  assert.equal(new URL(page.url()).hash, '#/history');
  assert.equal(await page.isHidden('#view-run'), true);
  assert.equal(await page.getAttribute('[data-view-link="history"]', 'aria-current'), 'page');
  assert.equal(await page.getAttribute('[data-view-link="run"]', 'aria-current'), null);
  // The focus lands on the view's heading.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'history-title');
  assert.equal(await page.title(), 'Execution history · TAT console');
  await page.click('[data-lang="zh-CN"]');
  assert.equal(await page.textContent('#history-title'), '执行记录');
  assert.equal(await page.textContent('[data-view-link="run"]'), '执行命令');
  assert.equal(await page.title(), '执行记录 · TAT 控制台');
  await page.click('[data-lang="en-US"]');
  await page.goBack();
  await page.waitForSelector('#view-run:not([hidden])');
  assert.equal(await page.getAttribute('[data-view-link="run"]', 'aria-current'), 'page');
  // An unknown view is the run view; the run form kept what was typed meanwhile.
  await page.fill('[name="Content"]', 'uptime');
  await page.evaluate(() => { location.hash = '#/nowhere'; });
  await page.waitForFunction(() => document.title.startsWith('Run command'));
  assert.equal(await page.inputValue('[name="Content"]'), 'uptime');
}));

test('history: every invocation with its status, paged and filtered; one opens on its decoded tasks; Run again runs it anew', async () => {
  // 12 invocations: 9 on CVM (three of them with a failing instance), 3 on Lighthouse.
  const made = [];
  for (let i = 0; i < 12; i++) {
    const InstanceIds = i < 9 ? (i % 3 === 0 ? ['ins-web00001', 'ins-exit0001'] : ['ins-web00002']) : ['lhins-blog0001'];
    const r = await callApi(sandbox.url, { action: 'RunCommand', params: { Content: tat.encodeContent(`echo "run ${i}: 你好"`), InstanceIds, Description: `run ${i}` } });
    made.push(r.InvocationId);
  }
  const final = {};
  for (const id of made) final[id] = (await finished(id)).InvocationStatus;
  assert.equal(final[made[0]], 'PARTIAL_FAILED');
  assert.equal(final[made[1]], 'SUCCESS');
  const answer = await callApi(sandbox.url, { action: 'DescribeInvocations', params: { Limit: 100 } });
  // With the invocations the other tests made (all over by now).
  const newestFirst = answer.InvocationSet.map((i) => i.InvocationId);
  const statusOf = Object.fromEntries(answer.InvocationSet.map((i) => [i.InvocationId, i.InvocationStatus]));

  await withPage(async (page) => {
    await page.waitForSelector('#history-rows tr');
    const rows = () => page.$$eval('#history-rows tr', (trs) => trs.map((r) => [r.dataset.invocationId, r.dataset.status]));
    // Page one: the ten newest, in the API's order, with the API's statuses.
    assert.deepEqual(await rows(), newestFirst.slice(0, 10).map((id) => [id, statusOf[id]]));
    assert.equal(await page.textContent('#history-range'), `1–10 of ${newestFirst.length}`);
    assert.equal(await page.textContent(`[data-invocation-id="${made[6]}"] .badge`), 'Partly failed');
    assert.equal(await page.isDisabled('#history-prev'), true);
    await page.click('#history-next');
    await page.waitForFunction(() => document.querySelector('#history-range').textContent.startsWith('11–'));
    assert.deepEqual(await rows(), newestFirst.slice(10).map((id) => [id, statusOf[id]]));
    assert.equal(await page.isDisabled('#history-next'), true);
    assert.deepEqual(await audit(page), [], 'history list');

    // Filtered: Lighthouse only, then one invocation by its ID.
    await page.selectOption('[name="instance-kind"]', 'LIGHTHOUSE');
    await page.click('#history-apply');
    await page.waitForFunction(() => document.querySelector('#history-range').textContent === '1–3 of 3');
    assert.deepEqual((await rows()).map(([id]) => id), newestFirst.filter((id) => made.slice(9).includes(id)));
    await page.selectOption('[name="instance-kind"]', '');
    await page.fill('[name="invocation-id"]', made[3]);
    await page.press('[name="invocation-id"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('#history-range').textContent === '1–1 of 1');
    assert.deepEqual(await rows(), [[made[3], 'PARTIAL_FAILED']]);
    await page.fill('[name="invocation-id"]', 'inv-nomatch0');
    await page.click('#history-apply');
    await page.waitForSelector('#history-empty');
    await page.fill('[name="invocation-id"]', '');
    await page.click('#history-apply');
    await page.waitForFunction((n) => document.querySelector('#history-range').textContent === `1–10 of ${n}`, newestFirst.length);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'console-history.png'), fullPage: true });

    // Opening one: its script and its task table, outputs decoded (UTF-8 included).
    await page.click(`[data-invocation-id="${made[6]}"] a`);
    await page.waitForFunction(() => document.querySelectorAll('#history-tasks tr').length === 2);
    assert.equal(new URL(page.url()).hash, `#/history/${made[6]}`);
    assert.equal(await page.textContent('#history-script'), 'echo "run 6: 你好"');
    assert.deepEqual(await page.$$eval('#history-tasks tr', (trs) => trs.map((r) => [r.dataset.instance, r.dataset.status])),
      [['ins-web00001', 'SUCCESS'], ['ins-exit0001', 'FAILED']]);
    assert.match(await page.textContent('#history-tasks tr[data-status="SUCCESS"] pre.output'), /\| echo "run 6: 你好"/);
    await page.waitForSelector('#history-detail-status[data-status="PARTIAL_FAILED"]');
    assert.deepEqual(await audit(page), [], 'one invocation');
    await page.screenshot({ path: join(shots, 'console-history-invocation.png'), fullPage: true });

    // Run again: a new invocation of the same script on the same instances, followed to its end.
    await page.click('#run-again');
    await page.waitForFunction((old) => /^#\/history\/inv-/.test(location.hash) && !location.hash.endsWith(old), made[6]);
    const again = decodeURIComponent(new URL(page.url()).hash.slice('#/history/'.length));
    await page.waitForSelector('#history-detail-status[data-status="PARTIAL_FAILED"]', { timeout: 30000 });
    assert.deepEqual(await page.$$eval('#history-tasks tr', (trs) => trs.map((r) => [r.dataset.instance, r.dataset.status])),
      [['ins-web00001', 'SUCCESS'], ['ins-exit0001', 'FAILED']]);
    const rerun = (await callApi(sandbox.url, { action: 'DescribeInvocations', params: { InvocationIds: [again] } })).InvocationSet[0];
    assert.equal(rerun.CommandContent, tat.encodeContent('echo "run 6: 你好"'));
    assert.deepEqual(rerun.InvocationTaskBasicInfoSet.map((x) => x.InstanceId), ['ins-web00001', 'ins-exit0001']);

    // Back to the list, by keyboard: the new one is first.
    await page.focus('#history-back');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('#history-rows tr')?.dataset.invocationId === id, again);

    // In Chinese, and at phone width without sideways scrolling.
    await page.click('[data-lang="zh-CN"]');
    assert.equal(await page.textContent(`[data-invocation-id="${made[6]}"] .badge`), '部分失败');
    assert.deepEqual(await audit(page), [], 'history in Chinese');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal scroll at 390px');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'console-history-phone.png') });
    await page.click('[data-lang="en-US"]');
  }, { hash: '#/history' });
  assert.deepEqual(pageErrors, []);
});

test('agents: the fleet\'s agents by instance, data-agent-status as the API says; the list validated like the run form', () => withPage(async (page) => {
  const { FLEET } = await import(pathToFileURL(join(root, 'www/sandbox/fleet.mjs')).href);
  const ids = FLEET.map((i) => i.InstanceId);
  assert.equal(await page.inputValue('#ag-InstanceIds'), ids.join('\n'));
  assert.equal(await page.getAttribute('[data-view-link="agents"]', 'aria-current'), 'page');
  // An empty list: an error on the control, nothing sent; a malformed ID: a warning beside it.
  await page.fill('#ag-InstanceIds', '');
  await page.click('#agents-check');
  await page.waitForSelector('#ag-InstanceIds[aria-invalid="true"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ag-InstanceIds');
  assert.match(await page.getAttribute('#ag-InstanceIds', 'aria-describedby'), /err-ag-InstanceIds/);
  await page.fill('#ag-InstanceIds', 'ins-web00001, ins-bad');
  await page.click('#agents-check');
  await page.waitForSelector('#warn-ag-InstanceIds:not([hidden])');
  assert.equal(await page.getAttribute('#ag-InstanceIds', 'aria-invalid'), null);
  assert.equal(await page.textContent('#warn-ag-InstanceIds'),
    tat.validate('DescribeAutomationAgentStatus', { InstanceIds: ['ins-web00001', 'ins-bad'] }).warnings[0].message);
  // The malformed ID is only warned about: the request is sent, and the service's answer (no
  // such instance) is shown.
  await page.waitForSelector('#agents-error[data-code="ResourceNotFound.InstanceNotFound"]');
  assert.deepEqual(await audit(page), [], 'agents, a warning shown');

  // The whole fleet, CVM and Lighthouse asked apart (one request takes one kind).
  await page.fill('#ag-InstanceIds', ids.join('\n'));
  await page.click('#agents-check');
  await page.waitForFunction((n) => document.querySelectorAll('#agents-rows tr').length === n, ids.length);
  const expected = {};
  for (const kind of ['ins-', 'lhins-']) {
    const r = await callApi(sandbox.url, { action: 'DescribeAutomationAgentStatus', params: { InstanceIds: ids.filter((id) => id.startsWith(kind)) } });
    for (const a of r.AutomationAgentSet) expected[a.InstanceId] = a.AgentStatus;
  }
  const shown = await page.$$eval('#agents-rows tr', (trs) => trs.map((r) => [r.dataset.instanceId, r.dataset.agentStatus]));
  assert.deepEqual(shown, ids.map((id) => [id, expected[id] ?? 'Unknown']));
  assert.equal(expected['ins-agent0ff'], 'Offline');
  assert.equal(expected['ins-web00001'], 'Online');
  assert.deepEqual(await audit(page), [], 'agents');
  await page.$eval('#ag-InstanceIds', (e) => { e.scrollTop = 0; });
  await page.screenshot({ path: join(shots, 'console-agents.png'), fullPage: true });
}, { hash: '#/agents' }));

test('history: the list refreshes while an invocation runs, keeping the keyboard focus; Cancel stops it (CancelInvocation)', async () => {
  // A sandbox ten times slower than real time: the timing-out instance runs for a minute, long
  // enough to open the invocation and cancel it whatever the machine's load.
  const slow = await spawnServer({ SANDBOX_SPEED: '0.1' });
  try {
    const run = await callApi(slow.url, { action: 'RunCommand', params: { Content: tat.encodeContent('sleep 600'), InstanceIds: ['ins-slow0001'], Timeout: 600 } });
    await withPage(async (page) => {
      // The list: the running row is refreshed in place, its link keeps the focus.
      const link = `[data-invocation-id="${run.InvocationId}"] a`;
      await page.waitForSelector(`[data-invocation-id="${run.InvocationId}"][data-status="RUNNING"]`, { timeout: 30000 });
      await page.focus(link);
      const refreshed = () => page.waitForResponse((r) => r.request().headers()['x-tc-action'] === 'DescribeInvocations', { timeout: 10000 });
      await refreshed();
      await refreshed();
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), link), true, 'the focus stayed on the row');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#cancel-invocation');
      await page.click('#cancel-invocation');
      await page.waitForSelector('#history-tasks tr[data-status="CANCELLED"]', { timeout: 30000 });
      await page.waitForSelector('#history-detail-status[data-status="CANCELLED"]', { timeout: 30000 });
      assert.equal(await page.isVisible('#cancel-invocation'), false);
    }, { hash: '#/history', base: slow.url });
  } finally {
    await slow.stop();
  }
});

test('commands: list, filter, create and edit with the run form\'s validation, run on an instance, delete after a confirmation', () => withPage(async (page) => {
  await page.waitForSelector('#commands-rows tr, #commands-empty');
  const first = await callApi(sandbox.url, { action: 'DescribeCommands', params: { Limit: 10 } });
  assert.ok(first.CommandSet, JSON.stringify(first));
  assert.deepEqual(await page.$$eval('#commands-rows tr', (trs) => trs.map((r) => r.dataset.commandId)), first.CommandSet.map((c) => c.CommandId));
  assert.deepEqual(await audit(page), [], 'commands list');

  // A new command: the package's errors on their controls, nothing sent until they are fixed.
  await page.click('#commands-new');
  await page.waitForSelector('#command-form');
  await page.fill('#cm-CommandName', 'rotate logs!');
  await page.click('#command-save');
  const refused = tat.validate('CreateCommand', { CommandName: 'rotate logs!', CommandType: 'SHELL' });
  assert.equal(refused.valid, false);
  for (const e of refused.errors) await page.waitForSelector(`#command-form [name="${e.field}"][aria-invalid="true"]`);
  assert.equal(new URL(page.url()).hash, '#/commands/new');
  assert.deepEqual(await audit(page), [], 'command form with errors');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'console-command-form.png'), fullPage: true });
  await page.fill('#cm-CommandName', 'rotate-logs-e2e');
  await page.fill('#cm-Content', 'echo "rotating {{service}}"');
  await page.check('#cm-EnableParameter');
  await page.fill('#cm-DefaultParameters', '{"service":"nginx"}');
  await page.fill('#cm-Description', 'Rotate the logs');
  // Tags, refused like the run form's (an empty key on its control), then fixed.
  await page.click('#cm-add-tag');
  await page.fill('#command-form [name="Tags[0].Value"]', 'ops');
  await page.click('#command-save');
  const tagErrors = tat.validate('CreateCommand', { CommandName: 'x', Content: tat.encodeContent('x'), Tags: [{ Key: '', Value: 'ops' }] }).errors;
  assert.deepEqual(tagErrors.map((e) => e.field), ['Tags[0].Key']);
  await page.waitForSelector('#command-form [name="Tags[0].Key"][aria-invalid="true"]');
  assert.equal(new URL(page.url()).hash, '#/commands/new');
  await page.fill('#command-form [name="Tags[0].Key"]', 'team');
  await page.click('#command-save');
  await page.waitForFunction(() => /^#\/commands\/cmd-/.test(location.hash));
  const id = decodeURIComponent(new URL(page.url()).hash.slice('#/commands/'.length));
  const created = (await callApi(sandbox.url, { action: 'DescribeCommands', params: { CommandIds: [id] } })).CommandSet[0];
  assert.equal(created.CommandName, 'rotate-logs-e2e');
  assert.equal(created.Content, tat.encodeContent('echo "rotating {{service}}"'));
  assert.equal(created.EnableParameter, true);
  assert.equal(JSON.parse(created.DefaultParameters).service, 'nginx');
  assert.deepEqual(created.Tags, [{ Key: 'team', Value: 'ops' }]);

  // Edit: the form opens with the command's values; a change is saved by ModifyCommand.
  await page.waitForSelector('#cm-Description');
  assert.equal(await page.inputValue('#cm-Content'), 'echo "rotating {{service}}"');
  assert.equal(await page.textContent('#cm-tags'), 'team=ops');
  await page.click('[data-lang="zh-CN"]');
  assert.equal(await page.textContent('#command-form-title'), `命令 ${id}`);
  await page.click('[data-lang="en-US"]');
  assert.equal(await page.isDisabled('#cm-EnableParameter'), true);
  await page.fill('#cm-Description', 'Rotate the logs, edited');
  await page.click('#command-save');
  await page.waitForFunction(() => document.querySelector('#commands-status').textContent !== '');
  for (let i = 0; i < 50; i++) {
    const c = (await callApi(sandbox.url, { action: 'DescribeCommands', params: { CommandIds: [id] } })).CommandSet[0];
    if (c.Description === 'Rotate the logs, edited') break;
    assert.ok(i < 49, 'ModifyCommand did not reach the sandbox');
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.waitForSelector('#invoke-form');
  await page.screenshot({ path: join(shots, 'console-command.png'), fullPage: true });

  // Run it on an instance with a parameter: its invocation opens in #/history.
  await page.fill('#ic-InstanceIds', 'ins-web00001');
  await page.fill('#ic-Parameters', '{"service":"redis"}');
  await page.click('#invoke-run');
  await page.waitForFunction(() => /^#\/history\/inv-/.test(location.hash));
  await page.waitForSelector('#history-tasks tr[data-status="SUCCESS"]', { timeout: 30000 });
  assert.match(await page.textContent('#history-tasks tr pre.output'), /rotating redis/);

  // Filtered by name, then deleted after a confirmation (refused once, then accepted).
  await page.click('[data-view-link="commands"]');
  await page.waitForSelector('#commands-filters');
  await page.fill('#cf-command-name', 'rotate-logs-e2e');
  await page.click('#commands-apply');
  await page.waitForFunction((cid) => [...document.querySelectorAll('#commands-rows tr')].map((r) => r.dataset.commandId).join() === cid, id);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'console-commands.png'), fullPage: true });
  // By tag key: its tag matches, another key does not.
  await page.fill('#cf-tag-key', 'team');
  await page.click('#commands-apply');
  await page.waitForFunction((cid) => [...document.querySelectorAll('#commands-rows tr')].map((r) => r.dataset.commandId).join() === cid, id);
  await page.fill('#cf-tag-key', 'owner');
  await page.click('#commands-apply');
  await page.waitForSelector('#commands-empty');
  await page.fill('#cf-tag-key', '');
  await page.click('#commands-apply');
  await page.click(`[data-command-id="${id}"] a`);
  await page.waitForSelector('#command-delete');
  page.once('dialog', (d) => d.dismiss());
  await page.click('#command-delete');
  assert.equal(new URL(page.url()).hash, `#/commands/${id}`);
  page.once('dialog', (d) => d.accept());
  await page.click('#command-delete');
  await page.waitForFunction(() => location.hash === '#/commands');
  const gone = await callApi(sandbox.url, { action: 'DescribeCommands', params: { CommandIds: [id] } });
  assert.deepEqual(gone.CommandSet ?? [], []);
}, { hash: '#/commands' }));

test('invokers: create with a RECURRENCE (next five runs in Beijing and local time), modify to ONCE, disable, records, delete', () => withPage(async (page) => {
  await page.waitForSelector('#invokers-rows tr, #invokers-empty');
  assert.equal(await page.isHidden('#invokers-error'), true);
  await page.click('#invokers-new');
  await page.waitForSelector('#invoker-form');
  // RECURRENCE shows its Recurrence, not ONCE's InvokeTime.
  assert.equal(await page.isHidden('#iv-InvokeTime'), true);
  // The next five runs of a daily 02:00 (Beijing): 18:00 UTC each day.
  await page.fill('#iv-Recurrence', '0 2 * * *');
  await page.waitForFunction(() => document.querySelectorAll('#next-runs-rows tr').length === 5);
  const at = await page.$$eval('#next-runs-rows tr', (trs) => trs.map((r) => r.dataset.at));
  assert.ok(at.every((iso) => iso.endsWith('T18:00:00.000Z')), at.join());
  assert.match(await page.textContent('#next-runs-rows tr td'), / 02:00 \(UTC\+8\)$/);
  // In Chinese: the form's heading and its run times too.
  await page.click('[data-lang="zh-CN"]');
  assert.equal(await page.textContent('#invoker-form-title'), '新建执行器');
  assert.equal(await page.textContent('#next-runs th'), '北京时间');
  await page.click('[data-lang="en-US"]');
  await page.fill('#iv-Name', 'nightly-e2e');
  await page.screenshot({ path: join(shots, 'console-invoker-form.png'), fullPage: true });
  await page.fill('#iv-Name', '');
  // Refused by the package: on their controls, nothing sent.
  await page.fill('#iv-Recurrence', 'not cron');
  await page.click('#invoker-save');
  for (const name of ['Name', 'CommandId', 'InstanceIds', 'ScheduleSettings.Recurrence']) {
    await page.waitForSelector(`#invoker-form [name="${name}"][aria-invalid="true"]`);
  }
  assert.deepEqual(await audit(page), [], 'invoker form with errors');
  const command = await callApi(sandbox.url, { action: 'RunCommand', params: { Content: tat.encodeContent('uptime'), InstanceIds: ['ins-web00001'], SaveCommand: true, CommandName: 'for-invoker' } });
  await page.fill('#iv-Name', 'nightly-e2e');
  await page.fill('#iv-CommandId', command.CommandId);
  await page.fill('#iv-InstanceIds', 'ins-web00001');
  await page.fill('#iv-Recurrence', '0 2 * * *');
  await page.click('#invoker-save');
  await page.waitForFunction(() => /^#\/invokers\/ivk-/.test(location.hash));
  const id = decodeURIComponent(new URL(page.url()).hash.slice('#/invokers/'.length));
  const made = (await callApi(sandbox.url, { action: 'DescribeInvokers', params: { InvokerIds: [id] } })).InvokerSet[0];
  assert.deepEqual([made.Name, made.CommandId, made.InstanceIds, made.ScheduleSettings.Policy, made.ScheduleSettings.Recurrence],
    ['nightly-e2e', command.CommandId, ['ins-web00001'], 'RECURRENCE', '0 2 * * *']);
  await page.waitForSelector('#iv-Name');
  await page.selectOption('#iv-Policy', 'ONCE');
  await page.fill('#iv-InvokeTime', '2030-12-31T16:00:00Z');
  await page.click('#invoker-save');
  await page.waitForFunction(() => document.querySelector('#invokers-status').textContent !== '');
  for (let i = 0; ; i++) {
    const s = (await callApi(sandbox.url, { action: 'DescribeInvokers', params: { InvokerIds: [id] } })).InvokerSet[0].ScheduleSettings;
    if (s.Policy === 'ONCE' && s.InvokeTime === '2030-12-31T16:00:00Z') break;
    assert.ok(i < 50, `ModifyInvoker did not reach the sandbox: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.click('#invokers-back');
  await page.waitForSelector(`[data-invoker-id="${id}"][data-enabled="true"]`);
  await page.click(`[data-invoker-id="${id}"] [data-action="disable"]`);
  await page.waitForSelector(`[data-invoker-id="${id}"][data-enabled="false"]`);
  assert.equal((await callApi(sandbox.url, { action: 'DescribeInvokers', params: { InvokerIds: [id] } })).InvokerSet[0].Enable, false);
  await page.click(`[data-invoker-id="${id}"] [data-action="records"]`);
  await page.waitForSelector(`[data-records-of="${id}"]:not([hidden]) :is(ul.records, p)`);
  assert.deepEqual(await audit(page), [], 'invokers list');
  await page.screenshot({ path: join(shots, 'console-invokers.png'), fullPage: true });
  page.once('dialog', (d) => d.accept());
  await page.click(`[data-invoker-id="${id}"] [data-action="delete"]`);
  await page.waitForFunction((i) => !document.querySelector(`[data-invoker-id="${i}"]`), id);
  assert.deepEqual((await callApi(sandbox.url, { action: 'DescribeInvokers', params: { InvokerIds: [id] } })).InvokerSet ?? [], []);
}, { hash: '#/invokers' }));
