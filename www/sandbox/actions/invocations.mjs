// Invocations: RunCommand, DescribeInvocations, DescribeInvocationTasks, CancelInvocation, and
// the one way every invocation is made (RunCommand, InvokeCommand and invokers alike).
import { ApiError, withinAnswerLimit } from '../answer.mjs';
import { newId, newTask, taskStatus, taskView, invocationStatus, OUTPUT_MAX_BYTES } from '../fleet.mjs';
import { addInvocation } from '../state.mjs';
import { iso } from '../clock.mjs';
import { list, str, page, select, conflict, runnableInstances } from './common.mjs';
import { saveCommand, commandDefaults } from './commands.mjs';

/**
 * The script an agent receives, base64: placeholders replaced from the parameters and the
 * defaults, as PreviewReplacedCommandContent does; refused when a placeholder has no value,
 * and past the package's preview limit (`limits().previewMaxBytes`, 1 MiB: the length is
 * computed before anything is built), which is this emulator's own bound on what it keeps.
 * The last replacement is remembered: invokers replay one command with one set of values, and
 * each run then shares one string instead of building its own.
 */
let lastReplaced = null;
export function replacedContent(tat, { Content, EnableParameter, Parameters, DefaultParameters }) {
  if (!EnableParameter) return Content;
  const key = [Content, Parameters || null, DefaultParameters || null];
  if (lastReplaced && key.every((k, i) => k === lastReplaced.key[i])) return lastReplaced.content;
  let preview;
  try {
    preview = tat.previewContent(...key);
  } catch (e) {
    if (e?.code !== 'ResponseSizeLimitExceeded') throw e;
    throw new ApiError('InvalidParameterValue.TooLong', `${e.message.replace(/^Content: /, '')} This sandbox keeps scripts of at most ${tat.limits().previewMaxBytes} bytes once replaced.`);
  }
  if (preview.missing.length) {
    throw new ApiError('InvalidParameterValue.LackOfParameters', `No value for the parameters: ${preview.missing.join(', ')}.`);
  }
  lastReplaced = { key, content: preview.content };
  return preview.content;
}

/**
 * Makes and keeps an invocation of `command` (the CommandDocument fields, Content base64) on
 * `instances`, created at `createdMs`. Returns it.
 */
/** A task's or an invocation's fixed members (IDs, times, statuses), generously. */
const ITEM_BYTES = 1024;
/** The base64 of the most output a task reports. */
const OUTPUT_MAX_CHARS = Math.ceil(OUTPUT_MAX_BYTES / 3) * 4;

export function createInvocation(ctx, { command, instances, createdMs = ctx.nowMs, source = 'USER', Parameters = '{}', Description = '' }) {
  const { account, tat } = ctx;
  const content = replacedContent(tat, { ...command, Parameters });
  const inv = {
    InvocationId: newId('inv'),
    CommandId: command.CommandId,
    CommandName: command.CommandName ?? '',
    createdBy: command.CreatedBy ?? 'USER',
    createdMs,
    InvocationSource: source,
    Description,
    Parameters: Parameters || '{}',
    DefaultParameters: command.DefaultParameters || '{}',
    CommandContent: command.Content,
    content, // the same string as CommandContent when nothing was replaced: kept once
    CommandType: command.CommandType,
    Timeout: command.Timeout,
    WorkingDirectory: command.WorkingDirectory,
    Username: command.Username,
    OutputCOSBucketUrl: command.OutputCOSBucketUrl ?? '',
    OutputCOSKeyPrefix: command.OutputCOSKeyPrefix ?? '',
    InstanceKind: instances[0]?.kind ?? '',
  };
  inv.tasks = instances.map((instance) => newTask(inv, instance));
  addInvocation(account, inv, (old) => forgetInvocation(ctx, old));
  // --exec: the local instances' tasks really run (exec.mjs).
  for (const task of inv.tasks) if (task.instance.behaviour === 'exec') ctx.exec.start(task);
  return inv;
}

/** An invoker record keeps the result its invocation had when the invocation is forgotten. */
function forgetInvocation(ctx, old) {
  if (old.InvocationSource !== 'INVOKER') return;
  for (const r of ctx.account.records) if (r.InvocationId === old.InvocationId) r.result = invocationView(old, ctx).InvocationStatus;
}

function runCommand(params, ctx) {
  const { account } = ctx;
  const command = commandDefaults({ ...params, CommandId: newId('cmd'), CommandName: str(params.CommandName) });
  const instances = runnableInstances(params.InstanceIds, command.CommandType, account);
  if (params.SaveCommand) saveCommand(ctx, command);
  const inv = createInvocation(ctx, {
    command,
    instances,
    Parameters: str(params.Parameters, '{}'),
    Description: str(params.Description),
  });
  return { CommandId: inv.CommandId, InvocationId: inv.InvocationId };
}

function describeInvocationTasks(params, ctx) {
  conflict(params, 'InvocationTaskIds', 'Filters');
  const tasks = select(ctx.account.invocations.flatMap((inv) => inv.tasks), params.InvocationTaskIds, (t) => t.InvocationTaskId, params.Filters, {
    'invocation-id': (t) => t.invocation.InvocationId,
    'invocation-task-id': (t) => t.InvocationTaskId,
    'instance-id': (t) => t.instance.InstanceId,
    'command-id': (t) => t.invocation.CommandId,
  });
  const hideOutput = params.HideOutput === true;
  const shown = page(tasks, params);
  // Sized before it is built: each task repeats its invocation's script (CommandDocument).
  withinAnswerLimit(shown.reduce((n, t) => n + t.invocation.content.length + (hideOutput ? 0 : OUTPUT_MAX_CHARS) + ITEM_BYTES, 0));
  return {
    TotalCount: tasks.length,
    InvocationTaskSet: shown.map((t) => taskView(t, ctx.nowMs, ctx.speed, { hideOutput, made: ctx.made })),
  };
}

/** An invocation as DescribeInvocations shows it at the context's time. */
export function invocationView(inv, { nowMs, speed }) {
  const tasks = inv.tasks.map((t) => taskStatus(t, nowMs, speed));
  const startTimes = tasks.map((t) => t.StartTime).filter(Boolean).sort();
  return {
    InvocationId: inv.InvocationId,
    CommandId: inv.CommandId,
    CommandName: inv.CommandName,
    InvocationStatus: invocationStatus(tasks.map((t) => t.TaskStatus)),
    InvocationTaskBasicInfoSet: tasks.map(({ InvocationTaskId, TaskStatus, InstanceId }) => ({ InvocationTaskId, TaskStatus, InstanceId })),
    Description: inv.Description,
    // api.json marks StartTime non-null: before any task starts it is the creation time.
    StartTime: startTimes[0] ?? iso(inv.createdMs),
    EndTime: tasks.every((t) => t.EndTime) ? tasks.map((t) => t.EndTime).sort().at(-1) : null,
    CreatedTime: iso(inv.createdMs),
    UpdatedTime: tasks.map((t) => t.UpdatedTime).sort().at(-1) ?? iso(inv.createdMs),
    Parameters: inv.Parameters,
    DefaultParameters: inv.DefaultParameters,
    InstanceKind: inv.InstanceKind,
    Username: inv.Username,
    InvocationSource: inv.InvocationSource,
    CommandContent: inv.CommandContent,
    CommandType: inv.CommandType,
    Timeout: inv.Timeout,
    WorkingDirectory: inv.WorkingDirectory,
    OutputCOSBucketUrl: inv.OutputCOSBucketUrl,
    OutputCOSKeyPrefix: inv.OutputCOSKeyPrefix,
  };
}

function describeInvocations(params, ctx) {
  conflict(params, 'InvocationIds', 'Filters');
  const invocations = select(ctx.account.invocations, params.InvocationIds, (i) => i.InvocationId, params.Filters, {
    'invocation-id': (i) => i.InvocationId,
    'command-id': (i) => i.CommandId,
    'command-created-by': (i) => i.createdBy,
    'instance-kind': (i) => i.InstanceKind,
  });
  const shown = page(invocations, params);
  withinAnswerLimit(shown.reduce((n, inv) => n + inv.CommandContent.length + inv.Parameters.length + inv.DefaultParameters.length + inv.Description.length
    + inv.tasks.length * ITEM_BYTES + ITEM_BYTES, 0));
  return { TotalCount: invocations.length, InvocationSet: shown.map((inv) => invocationView(inv, ctx)) };
}

/**
 * CancelInvocation: the invocation's unfinished tasks (or those of the instances named) end
 * now, CANCELLED before they started running, TERMINATED while running (the status table).
 */
function cancelInvocation(params, ctx) {
  const inv = ctx.account.invocationById.get(params.InvocationId);
  if (!inv) throw new ApiError('ResourceNotFound.InvocationNotFound', `No invocation ${params.InvocationId} in this account.`);
  const ids = list(params.InstanceIds);
  const unrelated = ids.filter((id) => !inv.tasks.some((t) => t.instance.InstanceId === id));
  if (unrelated.length) {
    throw new ApiError('InvalidParameterValue.InstanceIsNotRelatedToInvocation', `Instances not in ${inv.InvocationId}: ${unrelated.join(', ')}.`);
  }
  for (const task of inv.tasks) {
    if (ids.length && !ids.includes(task.instance.InstanceId)) continue;
    if (taskStatus(task, ctx.nowMs, ctx.speed).EndTime !== null) continue;
    task.cancelledMs = ctx.nowMs;
    if (task.exec) ctx.exec.cancel(task); // --exec: its process group is killed
  }
  return {};
}

export const ACTIONS = {
  RunCommand: runCommand,
  DescribeInvocations: describeInvocations,
  DescribeInvocationTasks: describeInvocationTasks,
  CancelInvocation: cancelInvocation,
};
