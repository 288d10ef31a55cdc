// Invokers: CreateInvoker, DescribeInvokers, ModifyInvoker, EnableInvoker, DisableInvoker,
// DeleteInvoker, DescribeInvokerRecords, and `fireInvokers`, which runs the ones that are due
// on the sandbox's clock. There are no timers: before each request of an account, the invokers
// that came due since its last request fire, each run made at the time it was due, so an
// injected clock drives them exactly and an idle emulator costs nothing.
import { ApiError, withinAnswerLimit } from '../answer.mjs';
import { newId } from '../fleet.mjs';
import { iso, parseTime, parseCron, cronFires, nextCronFire } from '../clock.mjs';
import { LIMITS, addRecord } from '../state.mjs';
import { list, str, page, select, conflict, runnableInstances, knownInstances } from './common.mjs';
import { findCommand, invocationCommand } from './commands.mjs';
import { createInvocation, invocationView } from './invocations.mjs';

function findInvoker(account, id) {
  const invoker = account.invokers.get(id);
  if (!invoker) throw new ApiError('ResourceNotFound', `No invoker ${id} in this account.`);
  return invoker;
}

/** A schedule as kept: its settings and what firing needs (the cron matcher, the ONCE time). */
function schedule(settings, nowMs) {
  if (settings == null) throw new ApiError('MissingParameter', 'ScheduleSettings is required for a SCHEDULE invoker.');
  const policy = settings.Policy;
  if (policy === 'ONCE') {
    const at = parseTime(settings.InvokeTime);
    if (Number.isNaN(at)) throw new ApiError('InvalidParameterValue.InvalidTimeFormat', 'ScheduleSettings.InvokeTime must be YYYY-MM-DDThh:mm:ssZ.');
    if (at <= nowMs) throw new ApiError('InvalidParameterValue.InvokeTimeExpired', `ScheduleSettings.InvokeTime ${settings.InvokeTime} has passed.`);
    return { Policy: policy, Recurrence: '', onceMs: at, matches: null };
  }
  const matches = parseCron(settings.Recurrence);
  if (!matches) throw new ApiError('InvalidParameterValue.InvalidCronExpression', `The emulator cannot read the cron expression ${settings.Recurrence}.`);
  return { Policy: policy, Recurrence: settings.Recurrence, onceMs: null, matches };
}

function createInvoker(params, ctx) {
  const { account, nowMs } = ctx;
  if (account.invokers.size >= LIMITS.invokers) throw new ApiError('LimitExceeded', `An account keeps at most ${LIMITS.invokers} invokers.`);
  const command = findCommand(account, params.CommandId);
  invocationCommand(command, params); // Parameters need a command with EnableParameter
  knownInstances(params.InstanceIds, account);
  const invoker = {
    InvokerId: newId('ivk'),
    Name: params.Name,
    Type: params.Type,
    CommandId: params.CommandId,
    Username: str(params.Username),
    Parameters: str(params.Parameters, '{}') || '{}',
    InstanceIds: [...params.InstanceIds],
    Enable: true,
    schedule: schedule(params.ScheduleSettings, nowMs),
    CreatedTime: iso(nowMs),
    UpdatedTime: iso(nowMs),
    Tags: list(params.Tags).map((t) => ({ Key: str(t.Key), Value: str(t.Value) })),
    checkedMs: nowMs, // fires after this time only
  };
  account.invokers.set(invoker.InvokerId, invoker);
  return { InvokerId: invoker.InvokerId };
}

function invokerView(invoker, nowMs) {
  const s = invoker.schedule;
  let next = s.onceMs;
  if (s.matches) {
    // The next fire, kept until it has passed or the schedule changes (`undefined`): a cron
    // that never fires (February 30th) costs one year's scan once, not at every look.
    const after = Math.max(invoker.checkedMs, nowMs);
    if (invoker.next === undefined || (invoker.next !== null && invoker.next <= after)) invoker.next = nextCronFire(s.matches, after);
    next = invoker.next;
  }
  return {
    InvokerId: invoker.InvokerId,
    Name: invoker.Name,
    Type: invoker.Type,
    CommandId: invoker.CommandId,
    Username: invoker.Username,
    Parameters: invoker.Parameters,
    InstanceIds: invoker.InstanceIds,
    Enable: invoker.Enable,
    ScheduleSettings: { Policy: s.Policy, Recurrence: s.Recurrence, InvokeTime: next === null ? '' : iso(next) },
    CreatedTime: invoker.CreatedTime,
    UpdatedTime: invoker.UpdatedTime,
    Tags: invoker.Tags,
  };
}

function describeInvokers(params, ctx) {
  conflict(params, 'InvokerIds', 'Filters');
  const invokers = select([...ctx.account.invokers.values()].reverse(), params.InvokerIds, (i) => i.InvokerId, params.Filters, {
    'invoker-id': (i) => i.InvokerId,
    'command-id': (i) => i.CommandId,
    'invoker-type': (i) => i.Type,
  });
  const shown = page(invokers, params);
  // Sized before it is built: each invoker repeats its Parameters (up to a request body each).
  withinAnswerLimit(shown.reduce((n, i) => n + i.Parameters.length + i.InstanceIds.length * 32 + 1024, 0));
  return { TotalCount: invokers.length, InvokerSet: shown.map((i) => invokerView(i, ctx.nowMs)) };
}

function modifyInvoker(params, ctx) {
  const { account, nowMs } = ctx;
  const invoker = findInvoker(account, params.InvokerId);
  const command = findCommand(account, params.CommandId ?? invoker.CommandId);
  invocationCommand(command, { Parameters: params.Parameters ?? invoker.Parameters });
  if (params.InstanceIds != null) knownInstances(params.InstanceIds, account);
  if (params.ScheduleSettings != null) {
    invoker.schedule = schedule(params.ScheduleSettings, nowMs);
    invoker.checkedMs = nowMs;
    invoker.next = undefined;
  }
  for (const k of ['Name', 'Type', 'CommandId', 'Username', 'Parameters']) if (params[k] != null) invoker[k] = params[k];
  if (params.InstanceIds != null) invoker.InstanceIds = [...params.InstanceIds];
  invoker.UpdatedTime = iso(nowMs);
  return {};
}

function enable(value) {
  return (params, ctx) => {
    const invoker = findInvoker(ctx.account, params.InvokerId);
    // Runs missed while disabled are not made up: firing starts again from now.
    if (value && !invoker.Enable) invoker.checkedMs = ctx.nowMs;
    invoker.Enable = value;
    invoker.UpdatedTime = iso(ctx.nowMs);
    return {};
  };
}

function deleteInvoker(params, ctx) {
  findInvoker(ctx.account, params.InvokerId);
  ctx.account.invokers.delete(params.InvokerId);
  return {};
}

function describeInvokerRecords(params, ctx) {
  const wanted = new Set(list(params.InvokerIds));
  const records = ctx.account.records.filter((r) => !wanted.size || wanted.has(r.InvokerId));
  return {
    TotalCount: records.length,
    InvokerRecordSet: page(records, params).map((r) => {
      const inv = r.InvocationId ? ctx.account.invocationById.get(r.InvocationId) : undefined;
      return {
        InvokerId: r.InvokerId,
        InvokeTime: iso(r.invokeMs),
        Reason: r.reason,
        InvocationId: r.InvocationId,
        Result: inv ? invocationView(inv, ctx).InvocationStatus : r.result,
      };
    }),
  };
}

/**
 * How much catching up one request does (the clock may jump far in a test or a demo, or the
 * emulator sit idle): as cron, a run missed is not replayed without bound. Each invoker makes
 * at most `perInvoker` runs in one check (the latest of those it missed); one request makes at
 * most `perRequest` runs in all, and the invokers it did not reach are checked by the next
 * request, their missed runs still dated when they were due. 100 invokers of a minute, two
 * hours behind, made 10,000 runs in one request (14 s to 302 s); now 100.
 */
export const CATCH_UP = Object.freeze({ perInvoker: 10, perRequest: 100 });

/** Runs the account's enabled invokers that came due after their last check, up to now. */
export function fireInvokers(ctx) {
  const { account, nowMs } = ctx;
  let budget = CATCH_UP.perRequest;
  for (const invoker of account.invokers.values()) {
    if (!invoker.Enable || nowMs <= invoker.checkedMs) continue;
    if (budget <= 0) break; // the rest wait for the next request
    const s = invoker.schedule;
    let fires = [];
    if (s.onceMs !== null) fires = s.onceMs > invoker.checkedMs && s.onceMs <= nowMs ? [s.onceMs] : [];
    else fires = cronFires(s.matches, invoker.checkedMs, nowMs, Math.min(CATCH_UP.perInvoker, budget));
    invoker.checkedMs = nowMs;
    budget -= fires.length;
    for (const at of fires) fire(ctx, invoker, at);
  }
}

/** One run of an invoker at `at`: an invocation and a record, or a record of why it failed. */
function fire(ctx, invoker, at) {
  const record = { InvokerId: invoker.InvokerId, invokeMs: at, InvocationId: '', reason: '', result: 'FAILED' };
  try {
    const command = invocationCommand(findCommand(ctx.account, invoker.CommandId), invoker);
    const instances = runnableInstances(invoker.InstanceIds, command.CommandType, ctx.account);
    const inv = createInvocation(ctx, { command, instances, createdMs: at, source: 'INVOKER', Parameters: invoker.Parameters });
    record.InvocationId = inv.InvocationId;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    record.reason = `${e.code}: ${e.message}`;
  }
  addRecord(ctx.account, record);
}

export const ACTIONS = {
  CreateInvoker: createInvoker,
  DescribeInvokers: describeInvokers,
  ModifyInvoker: modifyInvoker,
  EnableInvoker: enable(true),
  DisableInvoker: enable(false),
  DeleteInvoker: deleteInvoker,
  DescribeInvokerRecords: describeInvokerRecords,
};
