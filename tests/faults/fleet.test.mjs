// Fleets under faults, and the waits, credentials and aborts around them. Executions are the
// emulator's records (sandbox.executions); the client is only asked what it answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulator, clientOf, tat, ids, DEMO } from './helpers.mjs';

const b64 = (s) => tat.encodeContent(s);

/** Every instance exactly once, and nothing else. */
function exactlyOnce(emu, instances) {
  const counts = emu.executions();
  const wrong = [...counts].filter(([, n]) => n !== 1);
  assert.deepEqual(wrong, [], 'instances that ran more than once');
  assert.deepEqual([...counts.keys()].sort(), [...instances].sort());
}

// 10% of every request, on every action, in five kinds; answers held 300 ms past a 200 ms timeout.
const FAULTS = 'drop=0.02,late=0.02,gateway=0.02,internal=0.02,limit=0.02,late-ms=300';
for (const seed of [1, 2, 3, 4, 5, 6]) {
  test(`a fleet of 1,000 at 10% faults (seed ${seed}): every instance runs exactly once, every output comes back`, { timeout: 90_000 }, async () => {
    const emu = await emulator({ faults: FAULTS, seed, speed: 20 });
    try {
      const instances = ids(1000);
      const script = `echo seed ${seed}`;
      const handed = new Set();
      const { invocations, tasks } = await clientOf(emu, { timeoutMs: 200, maxRetries: 8 }).runCommand(
        { Content: b64(script), InstanceIds: instances },
        { pollIntervalMs: 100, onTask: (t) => handed.add(t.InstanceId) },
      );
      exactlyOnce(emu, instances);
      assert.equal(invocations.length, 10);
      assert.equal(new Set(invocations.map((i) => i.InvocationId)).size, 10);
      assert.equal(tasks.length, 1000);
      assert.deepEqual(tasks.map((t) => t.InstanceId).sort(), instances);
      for (const t of tasks) {
        assert.equal(t.TaskStatus, 'SUCCESS');
        assert.match(t.output, new RegExp(`instance: ${t.InstanceId} [\\s\\S]*\\| ${script}`));
      }
      assert.equal(handed.size, 1000);
      const injected = Object.values(emu.faults.injected).reduce((a, b) => a + b, 0);
      assert.ok(injected > 0, 'faults were injected');
    } finally {
      await emu.stop();
    }
  });
}

/** A fetch that fails every DescribeInvocationTasks for `ms` after the first one, as `how`. */
function outage(ms, how) {
  let since;
  let failed = 0;
  const f = async (url, init) => {
    if (init.headers['X-TC-Action'] === 'DescribeInvocationTasks') {
      since ??= Date.now();
      if (Date.now() - since < ms) {
        failed++;
        if (how === 'refused') throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
        if (how === '503') return new Response('<html>503 Service Unavailable</html>', { status: 503 });
        return new Response(JSON.stringify({ Response: { Error: { Code: 'RequestLimitExceeded', Message: 'injected' }, RequestId: 'x' } }));
      }
    }
    return globalThis.fetch(url, init);
  };
  f.failed = () => failed;
  return f;
}

for (const how of ['refused', '503', 'limit']) {
  test(`polling survives a 6-second outage of DescribeInvocationTasks (${how})`, { timeout: 30_000 }, async () => {
    const emu = await emulator({ speed: 10 });
    try {
      const fetch = outage(6000, how);
      const { tasks } = await clientOf(emu, { fetch, maxRetries: 1 }).runCommand({ Content: b64('uptime'), InstanceIds: ids(150) }, { pollIntervalMs: 100 });
      assert.ok(fetch.failed() >= 3, `the outage was met (${fetch.failed()} failures)`);
      assert.equal(tasks.length, 150);
      exactlyOnce(emu, ids(150));
    } finally {
      await emu.stop();
    }
  });
}

test('three clients sharing an account and its rate limit: all three runs end', { timeout: 60_000 }, async () => {
  const emu = await emulator({ speed: 20 });
  try {
    const fleets = [ids(300), ids(300, 'lhins-bulk'), ids(600).slice(300)];
    let limited = 0;
    const fetch = async (url, init) => {
      const response = await globalThis.fetch(url, init);
      if ((await response.clone().text()).includes('"RequestLimitExceeded"')) limited++;
      return response;
    };
    const runs = await Promise.all(fleets.map((fleet) => clientOf(emu, { fetch }).runCommand({ Content: b64('date'), InstanceIds: fleet }, { pollIntervalMs: 0 })));
    assert.deepEqual(runs.map((r) => r.tasks.length), [300, 300, 300]);
    assert.ok(limited > 0, 'the three met the account\'s rate limit');
    exactlyOnce(emu, fleets.flat());
  } finally {
    await emu.stop();
  }
});

test('the wait deadline: the error carries the tasks read so far and every invocation', async () => {
  const emu = await emulator({ speed: 1 });
  try {
    const e = await clientOf(emu).runCommand({ Content: b64('sleep 600'), InstanceIds: ['ins-slow0001'], Timeout: 600 }, { pollIntervalMs: 100, waitTimeoutMs: 500 }).catch((x) => x);
    assert.equal(e.code, 'WaitTimeout');
    assert.equal(e.outcome, 'ran');
    assert.deepEqual(e.tasks, []);
    assert.equal(e.invocations.length, 1);
    assert.deepEqual([...emu.executions()], [['ins-slow0001', 1]]);
  } finally {
    await emu.stop();
  }
});

test('credentials: a refresh that fails keeps the valid ones; a refused token is fetched afresh once', { timeout: 30_000 }, async () => {
  const emu = await emulator({ speed: 1.5 });
  try {
    // Each answer is valid for 30.2 s, so it is due for refresh (30 s ahead) almost at once:
    // the second call fails, and the run goes on with what it has, then refreshes again.
    let calls = 0;
    const credentials = () => {
      calls++;
      if (calls === 2) throw new Error('STS unreachable');
      return { ...DEMO, expiresAt: Date.now() + 30_200 };
    };
    const { tasks } = await clientOf(emu, { secretId: undefined, secretKey: undefined, credentials }).runCommand({ Content: b64('id'), InstanceIds: ['ins-web00001'] }, { pollIntervalMs: 50 });
    assert.equal(tasks.length, 1);
    assert.ok(calls >= 3, `refreshed again after the failure (${calls} calls)`);

    // AuthFailure.TokenFailure once: the function is asked again and the request sent again.
    let tokens = 0;
    let refused = 0;
    const fetch = async (url, init) => {
      if (init.headers['X-TC-Token'] === 'token-1') {
        refused++;
        return new Response(JSON.stringify({ Response: { Error: { Code: 'AuthFailure.TokenFailure', Message: 'expired token' }, RequestId: 'x' } }));
      }
      return globalThis.fetch(url, init);
    };
    const c = clientOf(emu, { secretId: undefined, secretKey: undefined, fetch, credentials: () => ({ ...DEMO, token: `token-${++tokens}` }) });
    const data = await c.request('DescribeInvocations', { Limit: 1 });
    assert.equal(typeof data.TotalCount, 'number');
    assert.deepEqual([tokens, refused], [2, 1]);
  } finally {
    await emu.stop();
  }
});

test('abort at the 4th RunCommand of 1,000 instances: the error carries the 3 invocations made and the one in flight', async () => {
  const emu = await emulator({ speed: 20 });
  try {
    const controller = new AbortController();
    let runs = 0;
    const fetch = async (url, init) => {
      if (init.headers['X-TC-Action'] === 'RunCommand' && ++runs === 4) {
        // Reaches the service, and the caller aborts before the answer comes back.
        await globalThis.fetch(url, { ...init, signal: undefined });
        controller.abort();
        throw init.signal.reason;
      }
      return globalThis.fetch(url, init);
    };
    const instances = ids(1000);
    const e = await clientOf(emu, { fetch }).runCommand({ Content: b64('restart'), InstanceIds: instances }, { signal: controller.signal }).catch((x) => x);
    assert.equal(e.name, 'AbortError');
    assert.equal(e.invocations.length, 3);
    assert.deepEqual(e.inFlight, [{ action: 'RunCommand', InstanceIds: instances.slice(300, 400) }]);
    assert.equal(e.outcome, 'unknown');
    // What ran is exactly what the caller holds, or was told may have run.
    const told = [...e.invocations.flatMap((i) => i.InstanceIds), ...e.inFlight.flatMap((r) => r.InstanceIds)].sort();
    assert.deepEqual([...emu.executions().keys()].sort(), told);
  } finally {
    await emu.stop();
  }
});
