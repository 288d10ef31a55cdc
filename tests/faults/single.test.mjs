// One fault of every kind on every mutating action, injected by the emulator itself (--faults
// KIND=1,max=1,actions=ACTION): the action must have acted exactly once, as the emulator's own
// records say, and the client must answer what happened (success, or an unknown outcome for a
// create it may never send again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulator, clientOf, tat } from './helpers.mjs';

const KINDS = ['drop', 'late', 'gateway', 'internal', 'limit'];
const b64 = (s) => tat.encodeContent(s);
/** A fault that may have acted: the client cannot know whether it ran. */
const afterActing = (kind) => kind !== 'limit';

/** Runs `body(client, emu)` against an emulator whose first `action` request meets `kind`. */
async function withFault(kind, action, body, speed = 50) {
  const emu = await emulator({ faults: `${kind}=1,max=1,late-ms=400,actions=${action}`, speed });
  try {
    await body(clientOf(emu, { timeoutMs: 200 }), emu);
    assert.equal(emu.faults.injected[kind], 1, `${kind} on ${action} was injected`);
  } finally {
    await emu.stop();
  }
}

const commands = (emu) => emu.sandbox.stats().accounts[0]?.commands ?? 0;

for (const kind of KINDS) {
  test(`${kind}: RunCommand runs once (reconciled, never sent twice behind the caller's back)`, async () => {
    await withFault(kind, 'RunCommand', async (client, emu) => {
      const instances = ['ins-web00001', 'ins-web00002'];
      const { invocations } = await client.runCommand({ Content: b64(`echo ${kind}`), InstanceIds: instances }, { wait: false });
      assert.equal(invocations.length, 1);
      assert.deepEqual(Object.fromEntries(emu.executions()), { 'ins-web00001': 1, 'ins-web00002': 1 });
      assert.equal(invocations[0].reconciled === true, afterActing(kind), 'adopted exactly when the answer was lost');
      // A deliberate second run of the same script still runs.
      await client.runCommand({ Content: b64(`echo ${kind}`), InstanceIds: instances }, { wait: false });
      assert.deepEqual(Object.fromEntries(emu.executions()), { 'ins-web00001': 2, 'ins-web00002': 2 });
    });
  });

  test(`${kind}: RunCommand with SaveCommand saves and runs once, no CommandNameDuplicated`, async () => {
    await withFault(kind, 'RunCommand', async (client, emu) => {
      const data = await client.request('RunCommand', { Content: b64('uptime'), InstanceIds: ['ins-web00001'], SaveCommand: true, CommandName: `saved-${kind}` });
      assert.match(data.InvocationId, /^inv-/);
      assert.deepEqual(Object.fromEntries(emu.executions()), { 'ins-web00001': 1 });
      assert.equal(commands(emu), 1);
    });
  });

  test(`${kind}: InvokeCommand runs once`, async () => {
    await withFault(kind, 'InvokeCommand', async (client, emu) => {
      const { CommandId } = await client.request('CreateCommand', { CommandName: 'to-invoke', Content: b64('date') });
      const data = await client.request('InvokeCommand', { CommandId, InstanceIds: ['ins-web00001', 'ins-web00002'] });
      assert.match(data.InvocationId, /^inv-/);
      assert.deepEqual(Object.fromEntries(emu.executions()), { 'ins-web00001': 1, 'ins-web00002': 1 });
    });
  });

  test(`${kind}: CreateCommand creates once and answers its CommandId`, async () => {
    await withFault(kind, 'CreateCommand', async (client, emu) => {
      const { CommandId } = await client.request('CreateCommand', { CommandName: `made-${kind}`, Content: b64('df -h') });
      assert.equal(commands(emu), 1);
      const listed = await client.request('DescribeCommands', { Filters: [{ Name: 'command-name', Values: [`made-${kind}`] }] });
      assert.deepEqual(listed.CommandSet.map((c) => c.CommandId), [CommandId]);
    });
  });

  test(`${kind}: DeleteCommand deletes and succeeds; ModifyCommand applies once`, async () => {
    await withFault(kind, 'DeleteCommand', async (client, emu) => {
      const { CommandId } = await client.request('CreateCommand', { CommandName: 'doomed', Content: b64('true') });
      await client.request('DeleteCommand', { CommandId });
      assert.equal(commands(emu), 0);
    });
    await withFault(kind, 'ModifyCommand', async (client) => {
      const { CommandId } = await client.request('CreateCommand', { CommandName: 'before', Content: b64('true') });
      await client.request('ModifyCommand', { CommandId, CommandName: 'after' });
      const listed = await client.request('DescribeCommands', { CommandIds: [CommandId] });
      assert.equal(listed.CommandSet[0].CommandName, 'after');
    });
  });

  test(`${kind}: CreateInvoker and CreateRegisterCode are never sent again blindly`, async () => {
    await withFault(kind, 'CreateInvoker', async (client, emu) => {
      const { CommandId } = await client.request('CreateCommand', { CommandName: 'scheduled', Content: b64('date') });
      const params = { Name: 'nightly', Type: 'SCHEDULE', CommandId, InstanceIds: ['ins-web00001'], ScheduleSettings: { Policy: 'RECURRENCE', Recurrence: '0 3 * * *' } };
      const outcome = await client.request('CreateInvoker', params).then(() => 'ok', (e) => e);
      assert.equal(emu.sandbox.stats().accounts[0].invokers, 1, 'created once');
      if (afterActing(kind)) {
        assert.equal(outcome.outcome, 'unknown');
        assert.deepEqual(outcome.request, { action: 'CreateInvoker', params });
        assert.match(outcome.message, /may have acted/);
      } else {
        assert.equal(outcome, 'ok');
      }
    });
    await withFault(kind, 'CreateRegisterCode', async (client) => {
      const outcome = await client.request('CreateRegisterCode', { Description: 'lab' }).then(() => 'ok', (e) => e.outcome);
      const codes = await client.request('DescribeRegisterCodes', {});
      assert.equal(codes.TotalCount, 1, 'created once');
      assert.equal(outcome, afterActing(kind) ? 'unknown' : 'ok');
    });
  });
}

test('every RunCommand answer lost: one execution; nothing found and re-sending not allowed: an unknown outcome with the request', async () => {
  const emu = await emulator({ faults: 'drop=1,actions=RunCommand' });
  try {
    const client = clientOf(emu);
    const { invocations } = await client.runCommand({ Content: b64('append-to-file'), InstanceIds: ['ins-web00001'] }, { wait: false });
    assert.equal(invocations[0].reconciled, true);
    assert.deepEqual(Object.fromEntries(emu.executions()), { 'ins-web00001': 1 });
  } finally {
    await emu.stop();
  }
  // A gateway that fails before the service ever sees the request (--faults unreached): not
  // found, and not sent again.
  const emu2 = await emulator({ faults: 'unreached=1,max=1,actions=RunCommand' });
  try {
    const params = { Content: b64('rotate-key'), InstanceIds: ['ins-web00001'] };
    const e = await clientOf(emu2).runCommand(params, { wait: false }).catch((x) => x);
    assert.equal(emu2.faults.injected.unreached, 1);
    assert.deepEqual([...emu2.executions()], [], 'it never ran, and was not sent again');
    assert.equal(e.code, 'ServerNetworkError');
    assert.equal(e.status, 504);
    assert.equal(e.outcome, 'unknown');
    assert.match(e.message, /may have run: .* no matching invocation was found/);
    assert.deepEqual(e.request.params.InstanceIds, params.InstanceIds);
    assert.deepEqual(e.reconciliation, { searched: true, found: null, candidates: 0 });
    assert.deepEqual(e.inFlight, [{ action: 'RunCommand', InstanceIds: ['ins-web00001'] }]);
    assert.deepEqual(e.invocations, []);
    // resendUnknown: true sends it again once nothing was found.
    let once = 0;
    const flaky = async (url, init) => (init.headers['X-TC-Action'] === 'RunCommand' && once++ === 0 ? new Response('bad gateway', { status: 502 }) : globalThis.fetch(url, init));
    const ok = await clientOf(emu2, { fetch: flaky, resendUnknown: true }).runCommand(params, { wait: false });
    assert.equal(ok.invocations[0].resent, true);
    assert.deepEqual(Object.fromEntries(emu2.executions()), { 'ins-web00001': 1 });
    // Other actions after an unreached service: sent again where that is safe, never a blind create.
    const emu3 = await emulator({ faults: 'unreached=1,max=1,actions=CreateInvoker' });
    try {
      const client = clientOf(emu3);
      const { CommandId } = await client.request('CreateCommand', { CommandName: 'c', Content: b64('date') });
      const u = await client.request('CreateInvoker', { Name: 'n', Type: 'SCHEDULE', CommandId, InstanceIds: ['ins-web00001'], ScheduleSettings: { Policy: 'RECURRENCE', Recurrence: '0 3 * * *' } }).catch((x) => x);
      assert.equal(u.outcome, 'unknown');
      assert.equal(emu3.sandbox.stats().accounts[0].invokers, 0, 'not created, and not sent again blindly');
    } finally {
      await emu3.stop();
    }
  } finally {
    await emu2.stop();
  }
});

test('--faults: a SPEC that cannot be read is refused, naming what is wrong', async () => {
  const { parseFaults } = await import('../../www/sandbox/faults.mjs');
  assert.deepEqual(parseFaults('drop=0.1,limit=0.2,late-ms=10,max=3,actions=RunCommand+InvokeCommand'),
    { rates: { drop: 0.1, late: 0, gateway: 0, internal: 0, limit: 0.2, unreached: 0 }, lateMs: 10, max: 3, actions: new Set(['RunCommand', 'InvokeCommand']) });
  for (const [spec, message] of [
    ['drop=2', /drop must be a rate from 0 to 1, not 2/],
    ['drop=0.6,limit=0.6', /add up to 1.2, more than 1/],
    ['explode=0.1', /unknown kind explode/],
    ['late-ms=-1', /late-ms must be an integer/],
    ['actions=', /actions must name at least one action/],
  ]) assert.throws(() => parseFaults(spec), { code: 'InvalidFaults', message });
});

// The other changes and deletes: each meets each fault once and must end in the state asked for,
// answered as a success (a delete's not-found after a lost answer is its own success).
const SCHEDULE = { Policy: 'RECURRENCE', Recurrence: '0 3 * * *' };
const CHANGES = {
  DeleteCommands: async (c) => {
    const ids = [];
    for (const name of ['a', 'b']) ids.push((await c.request('CreateCommand', { CommandName: name, Content: b64('true') })).CommandId);
    return [{ CommandIds: ids }, async () => (await c.request('DescribeCommands', { Filters: [{ Name: 'created-by', Values: ['USER'] }] })).TotalCount === 0];
  },
  ...Object.fromEntries(['DeleteInvoker', 'ModifyInvoker', 'EnableInvoker', 'DisableInvoker'].map((action) => [action, async (c) => {
    const { CommandId } = await c.request('CreateCommand', { CommandName: 'for-invoker', Content: b64('date') });
    const { InvokerId } = await c.request('CreateInvoker', { Name: 'before', Type: 'SCHEDULE', CommandId, InstanceIds: ['ins-web00001'], ScheduleSettings: SCHEDULE });
    if (action === 'EnableInvoker') await c.request('DisableInvoker', { InvokerId });
    const view = async () => (await c.request('DescribeInvokers', { InvokerIds: [InvokerId] })).InvokerSet[0];
    const params = { InvokerId, ...(action === 'ModifyInvoker' ? { Name: 'after' } : {}) };
    const check = {
      DeleteInvoker: async () => (await view()) === undefined,
      ModifyInvoker: async () => (await view()).Name === 'after',
      EnableInvoker: async () => (await view()).Enable === true,
      DisableInvoker: async () => (await view()).Enable === false,
    }[action];
    return [params, check];
  }])),
  ...Object.fromEntries(['DeleteRegisterCodes', 'DisableRegisterCodes'].map((action) => [action, async (c) => {
    const { RegisterCodeId } = await c.request('CreateRegisterCode', { Description: 'lab' });
    const codes = async () => (await c.request('DescribeRegisterCodes', {})).RegisterCodeSet;
    const check = action === 'DeleteRegisterCodes' ? async () => (await codes()).length === 0 : async () => (await codes())[0].Enabled === false;
    return [{ RegisterCodeIds: [RegisterCodeId] }, check];
  }])),
  DeleteRegisterInstance: async (c) => [{ InstanceId: 'mi-lnx00001' }, async () => !(await c.request('DescribeRegisterInstances', {})).RegisterInstanceSet.some((i) => i.InstanceId === 'mi-lnx00001')],
  ModifyRegisterInstance: async (c) => [{ InstanceId: 'mi-lnx00001', InstanceName: 'renamed' }, async () => (await c.request('DescribeRegisterInstances', { InstanceIds: ['mi-lnx00001'] })).RegisterInstanceSet[0].InstanceName === 'renamed'],
  CancelInvocation: async (c) => {
    const { InvocationId } = await c.request('RunCommand', { Content: b64('sleep 600'), InstanceIds: ['ins-slow0001'], Timeout: 600 });
    const statuses = async () => (await c.request('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: [InvocationId] }] })).InvocationTaskSet.map((t) => t.TaskStatus);
    return [{ InvocationId }, async () => ['CANCELLED', 'TERMINATED'].includes((await statuses())[0])];
  },
};

for (const [action, setUp] of Object.entries(CHANGES)) {
  test(`${action}: every kind of fault once, the change made and answered as a success`, async () => {
    for (const kind of KINDS) {
      await withFault(kind, action, async (client) => {
        const [params, check] = await setUp(client);
        await client.request(action, params);
        assert.ok(await check(), `${kind}: ${action} made its change`);
      }, action === 'CancelInvocation' ? 1 : 50); // a task to cancel must still be running after a backoff
    }
  });
}

test('the bin: --faults and --seed start the emulator with faults, a bad SPEC stops it with its reason', async () => {
  const { spawn, spawnSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const { root } = await import('./helpers.mjs');
  const bin = join(root, 'pkg/bin/tat-request.mjs');
  const bad = spawnSync(process.execPath, [bin, 'sandbox', '--port', '0', '--faults', 'explode=0.1'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^--faults: unknown kind explode/);
  const seed = spawnSync(process.execPath, [bin, 'sandbox', '--port', '0', '--faults', 'drop=0.1', '--seed', 'x'], { encoding: 'utf8' });
  assert.equal(seed.status, 2);
  assert.match(seed.stderr, /^--seed must be an integer, not x/);
  const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--faults', 'limit=1,actions=DescribeRegions', '--seed', '3'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let out = '';
    const url = await new Promise((resolve) => child.stdout.on('data', (d) => {
      out += d;
      const m = /Endpoint:\s+(\S+)/.exec(out);
      if (m && /Faults:/.test(out)) resolve(m[1]);
    }));
    assert.match(out, /Faults:\s+limit=1,actions=DescribeRegions \(seed 3\)/);
    const client = tat.createClient({ secretId: 'AKIDsandboxDEMO0000000000000000000000', secretKey: 'sandbox-demo-secret-key-not-a-real-one', endpoint: url, signHost: 'tat.tencentcloudapi.com', maxRetries: 0 });
    const e = await client.request('DescribeRegions', {}).catch((x) => x);
    assert.deepEqual([e.code, e.outcome], ['RequestLimitExceeded', 'not-run']);
    assert.equal(typeof (await client.request('DescribeQuotas', { ResourceNames: ['COMMAND'] })).RequestId, 'string');
  } finally {
    child.kill();
  }
});

test('two runs of one script at once, both answers lost: each adopts its own invocation, none is lost or taken twice', async () => {
  const emu = await emulator({ faults: 'drop=1,max=2,actions=RunCommand' });
  try {
    const client = clientOf(emu);
    const params = { Content: b64('echo twice on purpose'), InstanceIds: ['ins-web00001'] };
    const [a, b] = await Promise.all([client.request('RunCommand', params), client.request('RunCommand', params)]);
    assert.equal(emu.faults.injected.drop, 2);
    assert.deepEqual([a.reconciled, b.reconciled], [true, true]);
    assert.notEqual(a.InvocationId, b.InvocationId);
    assert.deepEqual(Object.fromEntries(emu.executions()), { 'ins-web00001': 2 });
  } finally {
    await emu.stop();
  }
});
