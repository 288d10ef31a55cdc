// createClient against the sandbox (www/server.mjs, on 127.0.0.1): a fleet run to the end,
// failures injected through `fetch` (wrapping the real one) and retried, aborts, refreshed and
// found credentials, and requests refused before they are sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as tat from 'tat-request';
import { startSandbox, DEMO, SIGN_HOST } from './sandbox.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

const ids = (n, prefix = 'ins-bulk') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
const pairs = (e) => e.errors.map((x) => [x.field, x.code]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The real fetch, counted by action, each call with the error code it got (`code`);
 * `inject(n, action, init)` answers instead of it when it returns something.
 */
function countingFetch(inject = () => undefined) {
  const calls = [];
  const f = async (url, init) => {
    const action = init.headers['X-TC-Action'];
    const call = { action, headers: init.headers, body: init.body };
    calls.push(call);
    const response = (await inject(calls.length, action, init)) ?? (await fetch(url, init));
    try {
      call.code = JSON.parse(await response.clone().text()).Response?.Error?.Code;
    } catch {
      call.code = 'not JSON';
    }
    return response;
  };
  f.calls = calls;
  return f;
}

const client = (options = {}) => tat.createClient({ ...DEMO, endpoint: sandbox.api, signHost: SIGN_HOST, region: 'ap-guangzhou', ...options });
const serviceError = (code, requestId = 'injected-1') =>
  new Response(JSON.stringify({ Response: { Error: { Code: code, Message: 'injected' }, RequestId: requestId } }));

test('a run over 1,000 instances to the end: split, paced, polled in pages, output decoded', { timeout: 60000 }, async () => {
  const fetch = countingFetch();
  const progress = [];
  const instances = ids(1000);
  const { invocations, tasks } = await client({ fetch }).runCommand(
    { Content: tat.encodeContent('uptime'), InstanceIds: instances, CommandType: 'SHELL', Timeout: 60 },
    { onProgress: (p) => progress.push(p), pollIntervalMs: 500 },
  );
  assert.equal(invocations.length, 10);
  for (const [n, inv] of invocations.entries()) {
    assert.match(inv.InvocationId, /^inv-[a-z0-9]{8}$/);
    assert.match(inv.CommandId, /^cmd-[a-z0-9]{8}$/);
    assert.equal(typeof inv.RequestId, 'string');
    assert.deepEqual(inv.InstanceIds, instances.slice(n * 100, n * 100 + 100));
  }
  assert.equal(tasks.length, 1000);
  assert.deepEqual(tasks.map((t) => t.InstanceId).sort(), instances);
  assert.deepEqual(new Set(tasks.map((t) => t.TaskStatus)), new Set(['SUCCESS']));
  for (const t of tasks) {
    assert.equal(t.TaskResult.ExitCode, 0);
    assert.equal(t.output, tat.decodeOutput(t.TaskResult.Output));
    assert.match(t.output, /simulated by the tat-request sandbox/);
  }
  // (Calls the sandbox's own rate limit refused, if any, were retried: counted apart.)
  assert.deepEqual(new Set(fetch.calls.map((x) => x.code ?? 'ok')), new Set(fetch.calls.some((x) => x.code) ? ['ok', 'RequestLimitExceeded'] : ['ok']));
  assert.equal(fetch.calls.filter((x) => x.action === 'RunCommand' && !x.code).length, 10);
  const pages = fetch.calls.filter((x) => x.action === 'DescribeInvocationTasks' && !x.code).map((x) => JSON.parse(x.body));
  for (const p of pages) assert.equal(p.Limit, 100);
  // The output is read once, after the end: one page of 100 for each invocation.
  assert.equal(pages.filter((p) => p.HideOutput === false).length, 10);
  assert.deepEqual(progress.at(-1), { counts: { SUCCESS: 1000 }, finished: 1000, total: 1000 });
  for (const p of progress) assert.equal(Object.values(p.counts).reduce((a, b) => a + b), 1000);
  for (let i = 1; i < progress.length; i++) assert.notDeepEqual(progress[i].counts, progress[i - 1].counts, 'reported only on change');
});

test('request: resolves the data with RequestId; a service error rejects with code, requestId, retryable', async () => {
  const data = await client().request('DescribeInvocations', { Limit: 1 });
  assert.equal(typeof data.RequestId, 'string');
  assert.equal(typeof data.TotalCount, 'number');
  assert.ok(Array.isArray(data.InvocationSet));

  const fetch = countingFetch();
  const secretKey = 'wrong-secret-key-0123456789';
  const e = await client({ fetch, secretKey }).request('DescribeInvocations', { Limit: 1 }).catch((x) => x);
  assert.equal(e.name, 'TatError');
  assert.ok(e instanceof tat.TatError);
  assert.equal(e.code, 'AuthFailure.SignatureFailure');
  assert.equal(e.retryable, false);
  assert.equal(typeof e.requestId, 'string');
  assert.equal(fetch.calls.length, 1, 'not retryable: sent once');
  assert.ok(!e.message.includes(secretKey) && !JSON.stringify(e).includes(secretKey));
  // Valid, but refused by the service: its own code; the language asked for is sent.
  const zhFetch = countingFetch();
  const nf = await client({ language: 'zh-CN', fetch: zhFetch }).request('RunCommand', { Content: 'd2hvYW1p', InstanceIds: ['ins-zzzz9999'] }).catch((x) => x);
  assert.equal(nf.code, 'ResourceNotFound.InstanceNotFound');
  assert.equal(nf.retryable, false);
  assert.equal(zhFetch.calls[0].headers['X-TC-Language'], 'zh-CN');
});

test('RequestLimitExceeded injected through fetch: retried, then answered by the sandbox', async () => {
  const fetch = countingFetch((n) => (n === 1 ? serviceError('RequestLimitExceeded') : undefined));
  const data = await client({ fetch }).request('DescribeInvocations', { Limit: 1 });
  assert.equal(fetch.calls.length, 2);
  assert.notEqual(data.RequestId, 'injected-1');
  assert.equal(typeof data.TotalCount, 'number');
  // Each attempt is signed again (a new timestamp may be needed after a wait).
  assert.equal(fetch.calls[0].body, fetch.calls[1].body);

  const always = countingFetch(() => serviceError('RequestLimitExceeded', 'r-limit'));
  const e = await client({ fetch: always, maxRetries: 2 }).request('DescribeInvocations', { Limit: 1 }).catch((x) => x);
  assert.equal(always.calls.length, 3, 'the first try and maxRetries more');
  assert.equal(e.code, 'RequestLimitExceeded');
  assert.equal(e.requestId, 'r-limit');
  assert.equal(e.retryable, true);
  assert.equal(e.outcome, 'not-run', 'a rate limit is a refusal: the service did not act');
});

test('a network failure injected through fetch: retried; a timeout likewise', async () => {
  const fetch = countingFetch((n) => {
    if (n === 1) throw new TypeError('fetch failed');
  });
  const data = await client({ fetch }).request('DescribeInvocations', { Limit: 1 });
  assert.equal(fetch.calls.length, 2);
  assert.equal(typeof data.RequestId, 'string');

  const down = countingFetch(() => {
    throw new TypeError('fetch failed');
  });
  const e = await client({ fetch: down, maxRetries: 0 }).request('DescribeInvocations', { Limit: 1 }).catch((x) => x);
  assert.equal(down.calls.length, 1);
  assert.equal(e.code, 'ClientNetworkError');
  assert.equal(e.retryable, true);
  assert.match(e.message, /fetch failed/);

  // An answer that never comes: each attempt ends after timeoutMs, and is retried.
  const hang = countingFetch((n, action, init) => new Promise((_, reject) => {
    init.signal.addEventListener('abort', () => reject(init.signal.reason));
  }));
  const t = await client({ fetch: hang, maxRetries: 1, timeoutMs: 50 }).request('DescribeInvocations', { Limit: 1 }).catch((x) => x);
  assert.equal(hang.calls.length, 2);
  assert.equal(t.code, 'ClientNetworkError');
  assert.match(t.message, /within 50 ms/);

  // An HTTP error page (a relay's 502): retried as a server failure.
  const bad = countingFetch((n) => (n === 1 ? new Response('<html>Bad Gateway</html>', { status: 502 }) : undefined));
  await client({ fetch: bad }).request('DescribeInvocations', { Limit: 1 });
  assert.equal(bad.calls.length, 2);
});

test('abort before: rejects with AbortError, nothing sent', async () => {
  const fetch = countingFetch();
  const controller = new AbortController();
  controller.abort();
  const c = client({ fetch });
  await assert.rejects(c.request('DescribeInvocations', { Limit: 1 }, { signal: controller.signal }), { name: 'AbortError' });
  await assert.rejects(c.runCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-web00001'] }, { signal: controller.signal }), { name: 'AbortError' });
  assert.equal(fetch.calls.length, 0);
});

test('abort during a wait: between polls, for the pacer, in a backoff', { timeout: 20000 }, async () => {
  // Polling a task that takes seconds, with a minute between polls: the abort must end the wait.
  const fetch = countingFetch();
  const controller = new AbortController();
  let sentAtAbort;
  const run = client({ fetch }).runCommand(
    { Content: tat.encodeContent('sleep 600'), InstanceIds: ['ins-slow0001'], Timeout: 600 },
    {
      signal: controller.signal,
      pollIntervalMs: 60000,
      onProgress: (p) => {
        assert.equal(p.finished, 0);
        sentAtAbort = fetch.calls.length;
        controller.abort();
      },
    },
  );
  await assert.rejects(run, { name: 'AbortError' });
  assert.deepEqual(fetch.calls.map((c) => c.action), ['RunCommand', 'DescribeInvocationTasks']);
  await sleep(100);
  assert.equal(fetch.calls.length, sentAtAbort);

  // The pacer's wait: one request a second, the second waits its turn and is aborted there.
  const paced = countingFetch();
  const c = client({ fetch: paced, ratePerSecond: 1 });
  const pacer = new AbortController();
  const first = c.request('DescribeInvocations', { Limit: 1 });
  const second = c.request('DescribeInvocations', { Limit: 1 }, { signal: pacer.signal });
  await first;
  pacer.abort();
  await assert.rejects(second, { name: 'AbortError' });
  assert.equal(paced.calls.length, 1);

  // A retry's backoff.
  const limited = countingFetch(() => serviceError('RequestLimitExceeded'));
  const backoff = new AbortController();
  const r = client({ fetch: limited, maxRetries: 10 }).request('DescribeInvocations', { Limit: 1 }, { signal: backoff.signal });
  while (limited.calls.length === 0) await sleep(5);
  backoff.abort();
  await assert.rejects(r, { name: 'AbortError' });
  assert.equal(limited.calls.length, 1);
});

test('a credentials function: called once, shared, and again after expiry', async () => {
  let calls = 0;
  const credentials = async () => {
    calls++;
    await sleep(10);
    // The first answer has expired already; the second lasts an hour.
    return { ...DEMO, token: `token-${calls}`, expiresAt: calls === 1 ? Date.now() - 1 : new Date(Date.now() + 3600_000) };
  };
  const fetch = countingFetch();
  const c = tat.createClient({ credentials, fetch, endpoint: sandbox.api, signHost: SIGN_HOST });
  await c.request('DescribeInvocations', { Limit: 1 });
  assert.equal(calls, 1);
  // Expired: refreshed once, however many requests ask at the same time.
  await Promise.all([1, 2, 3].map(() => c.request('DescribeInvocations', { Limit: 1 })));
  assert.equal(calls, 2);
  await c.request('DescribeInvocations', { Limit: 1 });
  assert.equal(calls, 2);
  assert.deepEqual(fetch.calls.map((x) => x.headers['X-TC-Token']), ['token-1', 'token-2', 'token-2', 'token-2', 'token-2']);

  // Credentials about to expire (within 30 s) are refreshed too.
  let soon = 0;
  const s = tat.createClient({ credentials: () => ({ ...DEMO, expiresAt: Date.now() + 10_000 + soon++ }), endpoint: sandbox.api, signHost: SIGN_HOST });
  await s.request('DescribeInvocations', { Limit: 1 });
  await s.request('DescribeInvocations', { Limit: 1 });
  assert.equal(soon, 2);

  // A failure is the function's, kept as the cause: nothing was sent, so it is tried again
  // (maxRetries); one that keeps failing is the answer, with the first line of the cause only.
  let failures = 0;
  const flaky = tat.createClient({
    credentials: () => {
      if (failures++ === 0) throw new Error('STS unreachable');
      return DEMO;
    },
    endpoint: sandbox.api,
    signHost: SIGN_HOST,
  });
  assert.equal(typeof (await flaky.request('DescribeInvocations', { Limit: 1 })).RequestId, 'string');
  assert.equal(failures, 2);
  let down = 0;
  const sts = tat.createClient({
    credentials: () => {
      down++;
      throw new Error('STS unreachable');
    },
    endpoint: sandbox.api,
    signHost: SIGN_HOST,
    maxRetries: 1,
  });
  const f = await sts.request('DescribeInvocations', { Limit: 1 }).catch((x) => x);
  assert.deepEqual([f.code, f.message, f.cause.message, f.outcome, down], ['InvalidCredential', 'The credentials function failed (see the cause).', 'STS unreachable', 'not-run', 2]);

  // What the function answers is checked, without echoing it.
  const bad = tat.createClient({ credentials: () => ({ secretId: DEMO.secretId, secretKey: 42 }), endpoint: sandbox.api });
  const e = await bad.request('DescribeInvocations', {}).catch((x) => x);
  assert.equal(e.code, 'InvalidCredential');
  assert.equal(e.message, 'credentials().secretKey must be a non-empty string.');
});

// Node's default credentials, as the official SDKs find them: a child process with its own
// environment and a temporary HOME.
const probe = `
import { createClient } from 'tat-request';
const tokens = [];
const fetchSeen = (url, init) => { tokens.push(init.headers['X-TC-Token'] ?? '-'); return fetch(url, init); };
const client = createClient({ endpoint: process.argv[2], signHost: '${SIGN_HOST}', fetch: fetchSeen });
try {
  const data = await client.request('DescribeInvocations', { Limit: 1 });
  console.log('ok', typeof data.TotalCount, tokens.join(','));
} catch (e) {
  console.log('error', e.code, e.message);
}
`;
const probeCjs = probe.replace("import { createClient } from 'tat-request';", "const { createClient } = require('tat-request');")
  .replace(/try \{([\s\S]*)\} catch \(e\) \{([\s\S]*)\}\s*$/, '(async () => { try {$1} catch (e) {$2} })();');

async function runProbe(file, { env = {}, profile } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'tat-home-'));
  try {
    if (profile !== undefined) {
      mkdirSync(join(home, '.tencentcloud'));
      writeFileSync(join(home, '.tencentcloud', 'credentials'), profile);
    }
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TENCENTCLOUD_')));
    const { stdout } = await promisify(execFile)(process.execPath, [file, sandbox.api], { env: { ...clean, HOME: home, ...env } });
    return stdout.trim();
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

test('Node credentials: environment variables, then ~/.tencentcloud/credentials, else a clear error', async () => {
  writeFileSync('client-probe.mjs', probe);
  writeFileSync('client-probe.cjs', probeCjs);
  const env = { TENCENTCLOUD_SECRET_ID: DEMO.secretId, TENCENTCLOUD_SECRET_KEY: DEMO.secretKey };
  assert.equal(await runProbe('client-probe.mjs', { env }), 'ok number -');
  assert.equal(await runProbe('client-probe.cjs', { env }), 'ok number -');
  assert.equal(await runProbe('client-probe.mjs', { env: { ...env, TENCENTCLOUD_SESSION_TOKEN: 'sts-token' } }), 'ok number sts-token');

  // The profile file: its [default] section, in the SDKs' INI format (quotes optional).
  const profile = [
    '; written by hand',
    '[other]',
    'secret_id = AKIDnotthisone',
    'secret_key = not-this-one',
    '',
    '[default]',
    `secret_id = "${DEMO.secretId}"`,
    `secret_key=${DEMO.secretKey}`,
    'token = profile-token',
    '',
  ].join('\n');
  assert.equal(await runProbe('client-probe.mjs', { profile }), 'ok number profile-token');
  assert.equal(await runProbe('client-probe.cjs', { profile }), 'ok number profile-token');

  // The environment comes first: a wrong key there is used (and refused), the file is not read.
  const wrong = { TENCENTCLOUD_SECRET_ID: DEMO.secretId, TENCENTCLOUD_SECRET_KEY: 'wrong-key-from-env' };
  assert.match(await runProbe('client-probe.mjs', { env: wrong, profile }), /^error AuthFailure\.SignatureFailure /);
  // Half a pair in the environment counts as none.
  assert.equal(await runProbe('client-probe.mjs', { env: { TENCENTCLOUD_SECRET_ID: 'AKIDonly' }, profile }), 'ok number profile-token');

  const none = await runProbe('client-probe.mjs', { profile: '[default]\nsecret_id = AKIDonly\n' });
  assert.equal(none, 'error InvalidCredential No credentials: pass secretId and secretKey, or credentials, to createClient, or set '
    + 'TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN), or write secret_id and secret_key in the '
    + '[default] section of ~/.tencentcloud/credentials (or /etc/tencentcloud/credentials).');
});

test('validation errors are never sent', async () => {
  const fetch = countingFetch();
  const c = client({ fetch });
  const e = await c.request('RunCommand', { Content: 'not base64!', InstanceIds: [42], Timeout: 0 }).catch((x) => x);
  assert.ok(e instanceof tat.TatError);
  assert.deepEqual(pairs(e), [
    ['Content', 'InvalidParameterValue.InvalidContent'],
    ['InstanceIds[0]', 'InvalidParameter'],
    ['Timeout', 'InvalidParameterValue.Range'],
  ]);
  // A fleet: every bad ID named at its original position, nothing sent of the good ones.
  const fleet = [...ids(150), 42, ...ids(50, 'lhins-bulk')];
  const f = await c.runCommand({ Content: 'd2hvYW1p', InstanceIds: fleet }).catch((x) => x);
  assert.deepEqual(pairs(f), [['InstanceIds[150]', 'InvalidParameter']]);
  const a = await c.request('NoSuchAction', {}).catch((x) => x);
  assert.deepEqual(pairs(a), [['Action', 'InvalidAction']]);
  const zh = await client({ fetch, language: 'zh-CN' }).request('RunCommand', { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'], Timeout: 0 }).catch((x) => x);
  assert.equal(zh.errors[0].message, 'Timeout 的取值范围为 [1, 86400]，当前为 0。');
  assert.equal(fetch.calls.length, 0);
});

test('options: checked, each naming its field; secrets never echoed', async () => {
  const code = (options) => {
    try {
      tat.createClient(options);
    } catch (e) {
      return [e.code, e.message];
    }
    return undefined;
  };
  assert.deepEqual(code({ ...DEMO, secretID: 'x' }), ['InvalidParameter', 'createClient options.secretID is not an option (secretId, secretKey, token, credentials, region, endpoint, signHost, language, rules, validation, fetch, maxRetries, ratePerSecond, timeoutMs, resendUnknown).']);
  assert.deepEqual(code({ ...DEMO, credentials: DEMO }), ['InvalidParameter', 'credentials cannot be given with secretId, secretKey or token.']);
  assert.deepEqual(code({ secretId: DEMO.secretId, secretKey: '' }), ['InvalidCredential', 'createClient options.secretKey must be a non-empty string.']);
  assert.deepEqual(code({ ...DEMO, endpoint: 'ftp://example.com/' }), ['InvalidParameter', 'endpoint must be an absolute http(s) URL.']);
  assert.deepEqual(code({ ...DEMO, maxRetries: -1 }), ['InvalidParameter', 'maxRetries must be an integer of at least 0.']);
  assert.deepEqual(code({ ...DEMO, ratePerSecond: 0 }), ['InvalidParameter', 'ratePerSecond must be an integer of at least 1.']);
  assert.deepEqual(code({ ...DEMO, fetch: 'fetch' }), ['InvalidParameter', 'fetch must be a function.']);
  assert.deepEqual(code({ credentials: { secretId: 1, secretKey: DEMO.secretKey } }), ['InvalidCredential', 'credentials.secretId must be a non-empty string.']);
  assert.equal(code({ ...DEMO }), undefined);
  const c = client();
  await assert.rejects(c.runCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-web00001'] }, { wait: 'yes' }), { code: 'InvalidParameter', message: 'wait must be a boolean.' });
});

test('a refused piece of a fleet stops the rest; the error carries the invocations that started', async () => {
  const fetch = countingFetch();
  const fleet = [...ids(100), 'ins-agent0ff', ...ids(300).slice(200, 299), ...ids(10, 'lhins-bulk')];
  const e = await client({ fetch }).runCommand({ Content: tat.encodeContent('uptime'), InstanceIds: fleet }).catch((x) => x);
  assert.equal(e.code, 'ResourceUnavailable.AgentStatusNotOnline');
  assert.equal(e.invocations.length, 1);
  assert.deepEqual(e.invocations[0].InstanceIds, ids(100));
  // The catalogue calls an offline agent retryable: tried 1 + maxRetries times, then no further piece.
  assert.deepEqual(fetch.calls.map((c) => c.action), ['RunCommand', 'RunCommand', 'RunCommand', 'RunCommand', 'RunCommand']);
});

test('rules and paging pass through: 150 instances are one request in latest, tasks read 100 a page, output read once, lossy', async () => {
  // A stand-in for the service (no sandbox: it judges RunCommand by the seed rules).
  const seen = [];
  let polls = 0;
  const task = (i) => ({
    InvocationId: 'inv-00000001',
    InvocationTaskId: `invt-${i}`,
    CommandId: 'cmd-12345678',
    InstanceId: `ins-${String(i).padStart(8, '0')}`,
    TaskStatus: polls === 1 ? 'RUNNING' : 'FAILED',
  });
  const fake = async (url, init) => {
    const action = init.headers['X-TC-Action'];
    const body = JSON.parse(init.body);
    if (action === 'RunCommand') {
      seen.push([action, body.InstanceIds.length]);
      return new Response(JSON.stringify({ Response: { InvocationId: `inv-${String(seen.length).padStart(8, '0')}`, CommandId: 'cmd-12345678', RequestId: 'r' } }));
    }
    if (body.InvocationTaskIds) {
      // The output of the tasks named, once they have ended.
      seen.push([action, 'ids', body.InvocationTaskIds.length, body.HideOutput]);
      const set = body.InvocationTaskIds.map((id) => ({ ...task(Number(id.slice(5))), TaskResult: { ExitCode: 1, Output: Buffer.from([0x6f, 0x6b, 0xff]).toString('base64') } }));
      return new Response(JSON.stringify({ Response: { TotalCount: set.length, InvocationTaskSet: set, RequestId: 'r' } }));
    }
    seen.push([action, body.Offset, body.HideOutput]);
    if (body.Offset === 0) polls++;
    const all = body.Filters[0].Values[0] === 'inv-00000001' ? 150 : 0;
    const page = Array.from({ length: Math.max(0, Math.min(100, all - body.Offset)) }, (_, i) => ({ ...task(i + body.Offset), TaskResult: { ExitCode: 1, Output: '' } }));
    return new Response(JSON.stringify({ Response: { TotalCount: all, InvocationTaskSet: page, RequestId: 'r' } }));
  };
  const params = { Content: 'd2hvYW1p', InstanceIds: Array.from({ length: 150 }, (_, i) => `ins-${String(i).padStart(8, '0')}`) };
  const seed = await tat.createClient({ ...DEMO, fetch: fake }).runCommand(params, { wait: false });
  assert.deepEqual(seed.invocations.map((i) => i.InstanceIds.length), [100, 50]);
  assert.deepEqual(seed.tasks, []);
  seen.length = 0;
  const progress = [];
  const handed = [];
  const latest = await tat.createClient({ ...DEMO, fetch: fake, rules: 'latest' }).runCommand(params, { pollIntervalMs: 0, onProgress: (p) => progress.push(p), onTask: (t) => handed.push(t) });
  // Polled without output until every task is terminal, then each ended task's output read once.
  const d = 'DescribeInvocationTasks';
  assert.deepEqual(seen, [['RunCommand', 150], [d, 0, true], [d, 100, true], [d, 0, true], [d, 100, true], [d, 'ids', 100, false], [d, 'ids', 50, false]]);
  assert.equal(latest.tasks.length, 150);
  assert.equal(latest.tasks[149].output, 'ok\uFFFD');
  assert.deepEqual(handed.map((t) => t.InvocationTaskId), latest.tasks.map((t) => t.InvocationTaskId));
  assert.deepEqual(progress, [{ counts: { RUNNING: 150 }, finished: 0, total: 150 }, { counts: { FAILED: 150 }, finished: 150, total: 150 }]);
});

test('paging stops at the instances asked for: a server answering full pages forever is read once a round (issue 23)', async () => {
  // Every page full, TotalCount huge, and the tasks of other instances mixed in: a 1-instance run
  // read 1,964 pages before this was fixed.
  const seen = [];
  const fake = async (url, init) => {
    const action = init.headers['X-TC-Action'];
    const body = JSON.parse(init.body);
    seen.push([action, body.Offset ?? 'ids']);
    if (action === 'RunCommand') return new Response(JSON.stringify({ Response: { InvocationId: 'inv-00000001', CommandId: 'cmd-12345678', RequestId: 'r' } }));
    const ids = body.InvocationTaskIds ?? Array.from({ length: 100 }, (_, i) => `invt-${i + (body.Offset ?? 0)}`);
    const set = ids.map((id) => {
      const i = Number(id.slice(5));
      return { InvocationId: 'inv-00000001', InvocationTaskId: id, TaskStatus: 'SUCCESS', InstanceId: i === 7 ? 'ins-web00001' : `ins-other${i}`, TaskResult: { ExitCode: 0, Output: body.HideOutput ? '' : 'b2s=' } };
    });
    return new Response(JSON.stringify({ Response: { TotalCount: 196400, InvocationTaskSet: set, RequestId: 'r' } }));
  };
  const run = await tat.createClient({ ...DEMO, fetch: fake }).runCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-web00001'] }, { pollIntervalMs: 0 });
  assert.deepEqual(seen, [['RunCommand', 'ids'], ['DescribeInvocationTasks', 0], ['DescribeInvocationTasks', 'ids']]);
  assert.deepEqual(run.tasks.map((t) => [t.InstanceId, t.output]), [['ins-web00001', 'ok']]);
});

test('every error of the package is a TatError', () => {
  assert.throws(() => tat.buildRequest({ action: 'RunCommand', params: {}, ...DEMO }), (e) => e instanceof tat.TatError && e.code === 'MissingParameter');
  assert.ok(!(new Error('x') instanceof tat.TatError));
  const mine = new tat.TatError('Code', 'message', { requestId: 'r' });
  assert.deepEqual([mine.name, mine.code, mine.message, mine.requestId], ['TatError', 'Code', 'message', 'r']);
});

test('hostile options and arguments: a TatError naming the field, never a crash or a secret', async () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const trap = new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); } });
  const hostile = [undefined, null, NaN, Infinity, -1, 2 ** 53, 1.5, '', 'x', [], {}, () => {}, Symbol('s'), 10n,
    Object.create(null), trap, revoked.proxy, new Date(NaN), { secretKey: DEMO.secretKey }];
  const fetch = countingFetch();
  const okOrTatError = (label, fn) => {
    try {
      return fn();
    } catch (e) {
      assert.ok(e instanceof tat.TatError && typeof e.code === 'string', `${label}: ${e}`);
      assert.ok(!e.message.includes(DEMO.secretKey) && !JSON.stringify(e).includes(DEMO.secretKey), `${label}: secret echoed`);
      return undefined;
    }
  };
  const options = ['secretId', 'secretKey', 'token', 'credentials', 'region', 'endpoint', 'signHost', 'language', 'rules',
    'validation', 'fetch', 'maxRetries', 'ratePerSecond', 'timeoutMs', 'resendUnknown'];
  for (const [n, v] of hostile.entries()) {
    okOrTatError(`createClient(#${n})`, () => tat.createClient(v));
    for (const key of options) {
      const base = { ...(key === 'credentials' ? {} : DEMO), endpoint: sandbox.api, maxRetries: 0 };
      const c = okOrTatError(`${key} #${n}`, () => tat.createClient({ ...base, fetch, [key]: v }));
      if (c) {
        // Built: a refused call is a rejected TatError too (or an answer, for harmless values).
        await c.request('DescribeInvocations', { Limit: 1 }).then(() => {}, (e) => okOrTatError(`${key} #${n} request`, () => { throw e; }));
      }
    }
    const c = client({ fetch });
    for (const [label, call] of [
      ['request action', () => c.request(v, {})],
      ['request params', () => c.request('DescribeInvocations', v)],
      ['request options', () => c.request('DescribeInvocations', {}, v)],
      ['runCommand params', () => c.runCommand(v)],
      ['runCommand options', () => c.runCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-zzzz9999'] }, v)],
      ['credentials()', () => tat.createClient({ credentials: () => v, endpoint: sandbox.api, fetch }).request('DescribeInvocations', {})],
    ]) {
      await call().then(() => {}, (e) => okOrTatError(`${label} #${n}`, () => { throw e; }));
    }
  }
});
