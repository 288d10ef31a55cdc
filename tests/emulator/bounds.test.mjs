// The emulator's bounds (issue 14): outputs are made when asked and never when hidden, an
// account's state is bounded by bytes as well as by count, and only verified accounts' known
// actions get rate-limit buckets. Memory is measured with the collector run by hand.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tat, sandboxAt, errorCode } from './helpers.mjs';
import { LIMITS } from '../../www/sandbox/state.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** The largest Content RunCommand takes: 65,536 base64 characters (a 48 KB script). */
const BIG = tat.encodeContent(Array.from({ length: 1200 }, (_, n) => `echo line ${String(n).padStart(5, '0')} ${'x'.repeat(24)}`).join('\n')).slice(0, 65536);
const bulk = (from, count) => Array.from({ length: count }, (_, n) => `ins-bulk${String(from + n).padStart(4, '0')}`);

/** `invocations` RunCommands of BIG on 100 bulk instances each, 100 ms apart on the clock. */
function flood(s, invocations) {
  for (let n = 0; n < invocations; n += 1) {
    s.ok('RunCommand', { Content: BIG, InstanceIds: bulk((n % 100) * 100, 100) });
    s.clock.ms += 100;
  }
  s.clock.ms += 60_000; // every task has ended
}

/** Every task's page, 100 at a time; returns the output bytes seen. */
function describeAll(s, extra) {
  let seen = 0;
  const total = s.ok('DescribeInvocationTasks', { Limit: 1, HideOutput: true }).TotalCount;
  for (let offset = 0; offset < total; offset += 100) {
    for (const t of s.ok('DescribeInvocationTasks', { Limit: 100, Offset: offset, ...extra }).InvocationTaskSet) seen += t.TaskResult.Output.length;
    s.clock.ms += 100;
  }
  return { total, seen };
}

describe('outputs', () => {
  test('HideOutput: no output is made, and none is kept', () => {
    assert.equal(BIG.length, 65536);
    const s = sandboxAt();
    flood(s, 20); // 2,000 tasks
    const before = heapMiB();
    const hidden = describeAll(s, { HideOutput: true });
    assert.deepEqual(hidden, { total: 2000, seen: 0 });
    assert.equal(s.sandbox.stats().outputBytesMade, 0);
    // The old sandbox made and kept every ended task's output (24 KB, 32 KB of base64) even
    // when hidden: 64 MB here.
    assert.ok(heapMiB() - before < 8, `heap grew by ${(heapMiB() - before).toFixed(1)} MiB`);
  });

  test('shown outputs are made for the answer and not kept', () => {
    const s = sandboxAt();
    flood(s, 20);
    const before = heapMiB();
    const shown = describeAll(s, {});
    assert.equal(shown.total, 2000);
    assert.equal(shown.seen, 2000 * Math.ceil((24 * 1024) / 3) * 4, 'every output is 24 KB, in base64');
    assert.equal(s.sandbox.stats().outputBytesMade, 2000 * 24 * 1024);
    assert.ok(heapMiB() - before < 8, `heap grew by ${(heapMiB() - before).toFixed(1)} MiB`);
  });
});

describe('state', () => {
  test('10,000 tasks of a 64 KB script: the script is kept once per invocation, not per task', () => {
    const s = sandboxAt();
    const before = heapMiB();
    flood(s, 100);
    describeAll(s, {});
    const grown = heapMiB() - before;
    const [account] = s.sandbox.stats().accounts;
    assert.equal(account.tasks, 10_000);
    assert.ok(account.invocationBytes < 10 * 2 ** 20, `${account.invocationBytes} bytes counted`);
    // The old sandbox: ~24 KB of output and its base64 per task shown, 300+ MB here.
    assert.ok(grown < 32, `heap grew by ${grown.toFixed(1)} MiB`);
  });

  test('an account keeps invocations within a byte budget, then a count, the oldest forgotten', () => {
    const s = sandboxAt();
    const first = s.ok('RunCommand', { Content: BIG, InstanceIds: bulk(0, 100) }).InvocationId;
    flood(s, 400); // ~90 KB counted each: over the byte budget before the count
    const [account] = s.sandbox.stats().accounts;
    assert.ok(account.invocationBytes <= LIMITS.invocationBytes, `${account.invocationBytes} bytes`);
    assert.ok(account.invocations < 400 && account.invocations > 300, `${account.invocations} invocations kept`);
    assert.equal(s.ok('DescribeInvocations', { InvocationIds: [first] }).TotalCount, 0, 'the oldest is forgotten');
    assert.equal(errorCode(s.send('CancelInvocation', { InvocationId: first })), 'ResourceNotFound.InvocationNotFound');

    const small = sandboxAt();
    for (let n = 0; n < LIMITS.invocations + 20; n += 1) {
      small.ok('RunCommand', { Content: 'ZWNobw==', InstanceIds: ['ins-web00001'] });
      small.clock.ms += 100;
    }
    assert.equal(small.ok('DescribeInvocations', {}).TotalCount, LIMITS.invocations);
  });

  test('commands and register codes are refused past their quotas', () => {
    const s = sandboxAt();
    for (let n = 0; n < LIMITS.commands; n += 1) {
      s.ok('CreateCommand', { CommandName: `c${n}`, Content: 'ZWNobw==' });
      s.clock.ms += 100;
    }
    assert.equal(errorCode(s.send('CreateCommand', { CommandName: 'one-more', Content: 'ZWNobw==' })), 'ResourceUnavailable.UserHasNoQuotaCode');
    for (let n = 0; n < LIMITS.registerCodes; n += 1) {
      s.ok('CreateRegisterCode', {});
      s.clock.ms += 100;
    }
    assert.equal(errorCode(s.send('CreateRegisterCode', {})), 'ResourceUnavailable.UserHasNoQuotaCode');
    assert.deepEqual(s.ok('DescribeQuotas', { ResourceNames: ['COMMAND', 'REGISTER_CODE'] }).GeneralResourceQuotaSet.map((q) => q.ResourceQuotaUsed), [LIMITS.commands, LIMITS.registerCodes]);
  });
});

describe('rate limit', () => {
  test('unknown actions get no bucket: never RequestLimitExceeded, and nothing kept', () => {
    const s = sandboxAt();
    // The old sandbox counted an unknown action before knowing it: the 21st was RequestLimitExceeded.
    const codes = Array.from({ length: 25 }, () => errorCode(s.send('NoSuchAction', {})));
    assert.deepEqual(codes, Array(25).fill('InvalidAction'));
    for (let n = 0; n < 2000; n += 1) assert.equal(errorCode(s.send(`Made${n}Up`, {})), 'InvalidAction');
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) assert.equal(errorCode(s.send(name, {})), 'InvalidAction', name);
    assert.equal(s.sandbox.stats().rateLimitKeys, 0);
    s.ok('DescribeRegions', {});
    assert.equal(s.sandbox.stats().rateLimitKeys, 1);
  });

  test('a request that fails authentication gets no bucket either', () => {
    const s = sandboxAt();
    for (let n = 0; n < 30; n += 1) assert.equal(errorCode(s.send('DescribeRegions', {}, { secretKey: 'wrong' })), 'AuthFailure.SignatureFailure');
    assert.equal(s.sandbox.stats().rateLimitKeys, 0);
  });
});
