// `tat-request sandbox --exec`: the local instances run their SHELL scripts for real, through
// the bin as a program and the package's client as a Node user drives it. Real outputs, exit
// codes, parameters, WorkingDirectory inside the instance's folder, the service's output
// limit, Timeout and CancelInvocation killing the whole process group, the generated key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tat } from './helpers.mjs';
import { startSandbox, clientFor, alive, sleep, SECRET_ID } from './exec-helpers.mjs';

let sb;
let c;

before(async () => {
  sb = await startSandbox(['--exec', '--speed', '20']);
  c = clientFor(sb);
});

after(() => sb?.stop());

const run = async (script, extra = {}) => {
  const { tasks } = await c.runCommand({ InstanceIds: ['ins-local001'], Content: tat.encodeContent(script), ...extra }, { pollIntervalMs: 100 });
  return tasks[0];
};

/** Polls the invocation's tasks until every one has ended. */
async function ended(invocationId) {
  for (let i = 0; i < 200; i++) {
    const { InvocationTaskSet } = await c.request('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: [invocationId] }], HideOutput: false });
    if (InvocationTaskSet.every((t) => t.EndTime)) return InvocationTaskSet;
    await sleep(100);
  }
  throw new Error(`${invocationId} did not end`);
}

/** Waits for a file a script writes (its background pid). */
async function waitForFile(path) {
  for (let i = 0; i < 100; i++) {
    if (existsSync(path)) {
      const text = (await readFile(path, 'utf8')).trim();
      if (text) return text;
    }
    await sleep(50);
  }
  throw new Error(`${path} never appeared`);
}

test('the banner gives a SecretKey new at each start; the public demo key runs nothing', async () => {
  assert.match(sb.banner, /LOCAL INSTANCES RUN SCRIPTS ON THIS MACHINE/);
  assert.match(sb.banner, /ins-local001 ins-local002 \(run SHELL scripts here\)/);
  assert.notEqual(sb.secretKey, 'sandbox-demo-secret-key-not-a-real-one');
  assert.match(sb.secretKey, /^[A-Za-z0-9_-]{40}$/);
  const other = await startSandbox(['--exec']);
  try {
    assert.notEqual(other.secretKey, sb.secretKey);
  } finally {
    await other.stop();
  }
  const demo = clientFor(sb, 'sandbox-demo-secret-key-not-a-real-one');
  await assert.rejects(demo.request('RunCommand', { InstanceIds: ['ins-local001'], Content: tat.encodeContent('touch /tmp/x') }), (e) => e.code.startsWith('AuthFailure'));
});

test('without --exec nothing runs and there are no local instances; --exec listens on loopback only', async () => {
  const plain = await startSandbox([]);
  try {
    assert.equal(plain.secretKey, 'sandbox-demo-secret-key-not-a-real-one');
    const demo = clientFor(plain);
    await assert.rejects(demo.request('RunCommand', { InstanceIds: ['ins-local001'], Content: tat.encodeContent('true') }), (e) => e.code === 'ResourceNotFound.InstanceNotFound');
  } finally {
    await plain.stop();
  }
  await assert.rejects(startSandbox(['--exec', '--host', '0.0.0.0']), (e) => e.code === 2 && /loopback only/.test(e.output));
});

test('a script runs for real: its output, its exit code, its instance folder, the environment', async () => {
  const ok = await run('echo "out"; echo "err" >&2; pwd; echo "$HOME"; id -un');
  assert.equal(ok.TaskStatus, 'SUCCESS');
  assert.equal(ok.TaskResult.ExitCode, 0);
  const [out, err, pwd, home, user] = ok.output.trim().split('\n');
  assert.deepEqual([out, err], ['out', 'err']);
  assert.equal(pwd, `${sb.dir}/ins-local001/root`);
  assert.equal(home, `${sb.dir}/ins-local001/root`);
  assert.equal(user, (await import('node:os')).userInfo().username);
  const failed = await run('echo before; exit 3');
  assert.equal(failed.TaskStatus, 'FAILED');
  assert.equal(failed.TaskResult.ExitCode, 3);
  assert.equal(failed.output, 'before\n');
  // The other local instance has a folder of its own; a simulated one in the same invocation stays simulated.
  const { tasks } = await c.runCommand({ InstanceIds: ['ins-local002', 'ins-web00001'], Content: tat.encodeContent('pwd') }, { pollIntervalMs: 100 });
  const by = Object.fromEntries(tasks.map((t) => [t.InstanceId, t.output]));
  assert.equal(by['ins-local002'], `${sb.dir}/ins-local002/root\n`);
  assert.match(by['ins-web00001'], /^\[simulated by the tat-request sandbox; nothing was executed\]/);
});

test('custom parameters are replaced before the script runs', async () => {
  const t = await run('echo "{{greeting}}, {{who}}"', { EnableParameter: true, Parameters: JSON.stringify({ greeting: 'hello' }), DefaultParameters: JSON.stringify({ who: 'world' }) });
  assert.equal(t.output, 'hello, world\n');
  assert.equal(t.CommandDocument.Content, tat.encodeContent('echo "hello, world"'));
});

test('WorkingDirectory is read inside the instance folder, and never leaves it', async () => {
  await run('mkdir -p /tmp/../root/sub 2>/dev/null; mkdir -p sub/deeper');
  const sub = await run('pwd', { WorkingDirectory: '/root/sub/deeper' });
  assert.equal(sub.output, `${sb.dir}/ins-local001/root/sub/deeper\n`);
  const climbing = await run('pwd', { WorkingDirectory: '/../../../..' });
  assert.equal(climbing.output, `${sb.dir}/ins-local001\n`);
  const missing = await run('pwd', { WorkingDirectory: '/no/such/dir' });
  assert.equal(missing.TaskStatus, 'FAILED');
  assert.match(missing.ErrorInfo, /working directory \/no\/such\/dir does not exist/);
  assert.equal(missing.output, '');
});

test('output past the service limit: the first 24 KB kept, the rest counted in Dropped', async () => {
  const t = await run("head -c 30000 /dev/zero | tr '\\0' 'x'");
  assert.equal(t.TaskStatus, 'SUCCESS');
  assert.equal(Buffer.from(t.TaskResult.Output, 'base64').length, 24 * 1024);
  assert.equal(t.TaskResult.Dropped, 30000 - 24 * 1024);
});

test('Timeout kills the whole process group: TIMEOUT, and the background child is gone', async () => {
  const pidFile = `${sb.dir}/ins-local001/root/timeout.pid`;
  const started = Date.now();
  const t = await run(`sleep 300 & echo $! > ${pidFile}; echo waiting; sleep 300`, { Timeout: 1 });
  assert.ok(Date.now() - started < 10_000, `ended after ${Date.now() - started} ms`);
  assert.equal(t.TaskStatus, 'TIMEOUT');
  assert.equal(t.TaskResult.ExitCode, -1);
  assert.equal(t.output, 'waiting\n', 'the output until the kill is kept');
  assert.match(t.ErrorInfo, /did not finish within 1 seconds/);
  const pid = Number(await waitForFile(pidFile));
  assert.equal(alive(pid), false, `background sleep ${pid} was killed with its group`);
});

test('CancelInvocation kills a running script (TERMINATED) and its process group', async () => {
  const pidFile = `${sb.dir}/ins-local001/root/cancel.pid`;
  const { invocations } = await c.runCommand({ InstanceIds: ['ins-local001', 'ins-local002'], Content: tat.encodeContent(`[ "$(basename "$(dirname "$PWD")")" = ins-local001 ] && { sleep 300 & echo $! > ${pidFile}; }; sleep 300`), Timeout: 600 }, { wait: false });
  const pid = Number(await waitForFile(pidFile));
  assert.equal(alive(pid), true);
  const started = Date.now();
  // Only one instance first, as the API allows; then the other.
  await c.request('CancelInvocation', { InvocationId: invocations[0].InvocationId, InstanceIds: ['ins-local001'] });
  await sleep(300);
  const partial = await c.request('DescribeInvocations', { InvocationIds: [invocations[0].InvocationId] });
  assert.deepEqual(partial.InvocationSet[0].InvocationTaskBasicInfoSet.map((t) => [t.InstanceId, t.TaskStatus]), [['ins-local001', 'TERMINATED'], ['ins-local002', 'RUNNING']]);
  await c.request('CancelInvocation', { InvocationId: invocations[0].InvocationId });
  const tasks = await ended(invocations[0].InvocationId);
  assert.ok(Date.now() - started < 10_000);
  assert.deepEqual(tasks.map((t) => [t.InstanceId, t.TaskStatus, t.TaskResult.ExitCode]), [['ins-local001', 'TERMINATED', -1], ['ins-local002', 'TERMINATED', -1]]);
  assert.equal(alive(pid), false);
  const inv = await c.request('DescribeInvocations', { InvocationIds: [invocations[0].InvocationId] });
  assert.equal(inv.InvocationSet[0].InvocationStatus, 'CANCELLED');
});

test('a child left in the background: the task ends anyway; stopping the emulator kills it, what still runs, and removes the folders', async () => {
  const other = await startSandbox(['--exec']);
  const oc = clientFor(other);
  // The background sleep holds the output pipe: the task ends 2 s after its script did.
  const started = Date.now();
  const { tasks } = await oc.runCommand({ InstanceIds: ['ins-local001'], Content: tat.encodeContent(`sleep 300 & echo $! > ${other.dir}/ins-local001/root/bg.pid; echo left`) }, { pollIntervalMs: 100 });
  assert.deepEqual([tasks[0].TaskStatus, tasks[0].output], ['SUCCESS', 'left\n']);
  assert.ok(Date.now() - started < 10_000);
  const background = Number(await waitForFile(`${other.dir}/ins-local001/root/bg.pid`));
  assert.equal(alive(background), true);
  const pidFile = `${other.dir}/ins-local001/root/bye.pid`;
  await oc.runCommand({ InstanceIds: ['ins-local001'], Content: tat.encodeContent(`echo $$ > ${pidFile}; sleep 300`) }, { wait: false });
  const pid = Number(await waitForFile(pidFile));
  assert.equal(await other.stop(), 0);
  await sleep(200);
  assert.equal(alive(pid), false);
  assert.equal(alive(background), false);
  assert.equal(existsSync(other.dir), false);
});

test('the account of --exec is the demo SecretId', () => {
  assert.match(sb.banner, new RegExp(`SecretId: +${SECRET_ID}`));
});
