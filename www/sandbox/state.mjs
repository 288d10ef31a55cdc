// Each account's state, and the bounds that keep it small whatever a caller sends (issue 14):
// a count and a byte budget for invocations (the oldest are forgotten first), quotas for
// commands and register codes (refused past them, as the service does), caps for invokers and
// their records. Sizes are counted from the strings kept, which is what costs memory here.
import { MANAGED } from './fleet.mjs';
import { iso } from './clock.mjs';

export const LIMITS = Object.freeze({
  /** Bytes of invocations an account keeps (scripts, parameters and ~TASK_BYTES per task). */
  invocationBytes: 32 * 1024 * 1024,
  /** Invocations an account keeps. */
  invocations: 500,
  /** Estimated bytes of one task's own state (its ID, instance and status), for the budget. */
  taskBytes: 256,
  /** DescribeQuotas: COMMAND and REGISTER_CODE. */
  commands: 500,
  registerCodes: 100,
  invokers: 100,
  /** Invoker records kept, newest first. */
  records: 1000,
});

/** The size an invocation is counted for: its strings and its tasks. */
export function invocationBytes(inv) {
  const strings = [inv.content, inv.Parameters, inv.DefaultParameters, inv.Description, inv.CommandName, inv.WorkingDirectory, inv.OutputCOSBucketUrl, inv.OutputCOSKeyPrefix];
  if (inv.CommandContent !== inv.content) strings.push(inv.CommandContent);
  return strings.reduce((n, s) => n + (s?.length ?? 0), 256) + inv.tasks.length * LIMITS.taskBytes;
}

/** A new account: nothing but the managed instances every account starts with. */
export function newAccount(nowMs) {
  return {
    commands: new Map(), // CommandId -> command (the account's own; public ones are shared)
    invocations: [], // newest first
    invocationById: new Map(),
    invocationBytes: 0,
    invokers: new Map(), // InvokerId -> invoker
    records: [], // invoker records, newest first
    registerCodes: new Map(),
    registerInstances: new Map(MANAGED.map((i) => [i.InstanceId, {
      instance: i,
      InstanceName: i.name,
      RegisterCodeId: '',
      CreatedTime: iso(nowMs),
      UpdatedTime: iso(nowMs),
    }])),
    lastTickMs: nowMs,
  };
}

/**
 * Adds an invocation, then forgets the oldest ones beyond the count and byte bounds;
 * `onForget(old)` is called for each forgotten one.
 */
export function addInvocation(account, inv, onForget = () => {}) {
  inv.bytes = invocationBytes(inv);
  account.invocations.unshift(inv);
  account.invocationById.set(inv.InvocationId, inv);
  account.invocationBytes += inv.bytes;
  while (account.invocations.length > LIMITS.invocations || (account.invocationBytes > LIMITS.invocationBytes && account.invocations.length > 1)) {
    const old = account.invocations.pop();
    account.invocationById.delete(old.InvocationId);
    account.invocationBytes -= old.bytes;
    onForget(old);
  }
}

/** Adds an invoker record, newest first, keeping LIMITS.records. */
export function addRecord(account, record) {
  account.records.unshift(record);
  account.records.length = Math.min(account.records.length, LIMITS.records);
}
