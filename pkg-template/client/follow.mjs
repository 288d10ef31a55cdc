// Waiting for a run's tasks: polls each invocation's tasks without their output (the API's
// HideOutput), reads each task's output once, when it has ended (by InvocationTaskIds, 100 a
// request), and hands it over at once (onTask). Transient failures and rate limits do not end
// the wait: the round is tried again later, slower, until the caller's signal or the deadline.
import { TatError, sleep } from './base.mjs';
import { classify } from './outcome.mjs';

/** DescribeInvocationTasks' largest page, and InvocationTaskIds' largest list (100 each). */
export const PAGE_SIZE = 100;
/**
 * Invocations polled at once. The pacer sends 20 a second whatever the number; more at once
 * would only hold more pages in memory while they wait for their output to be read.
 */
const POLLING_AT_ONCE = 8;
/** The longest pause between rounds when the service keeps failing or limiting. */
const MAX_POLL_MS = 30_000;

/**
 * Polls `invocations` ({ InvocationId, InstanceIds }) until every task has ended and been
 * handed over. `read(action, params)` sends a read. Options: signal, onProgress, onTask,
 * pollIntervalMs, deadlineMs (epoch ms), keepOutput, terminal(task), withOutput(task).
 * Resolves the tasks kept (all, in the order they ended).
 */
export async function follow(invocations, { read, signal, onProgress, onTask, pollIntervalMs, deadlineMs, keepOutput, terminal, withOutput }) {
  const followed = invocations.map((inv) => ({
    id: inv.InvocationId,
    expected: Array.isArray(inv.InstanceIds) ? inv.InstanceIds.length : 0,
    instances: new Set(Array.isArray(inv.InstanceIds) ? inv.InstanceIds : []),
    statuses: new Map(), // InvocationTaskId -> TaskStatus
    delivered: new Set(),
    done: false,
  }));
  const kept = [];
  let reported;
  let slow = 0; // rounds in a row that met a transient failure
  let lastError;

  /** The tasks of one invocation, without output, page by page, never past what it was sent to. */
  async function poll(f) {
    const seen = new Map();
    for (let offset = 0; offset < Math.max(f.expected, 1); offset += PAGE_SIZE) {
      const page = await read('DescribeInvocationTasks', {
        Filters: [{ Name: 'invocation-id', Values: [f.id] }],
        Limit: PAGE_SIZE,
        Offset: offset,
        HideOutput: true,
      });
      const set = Array.isArray(page.InvocationTaskSet) ? page.InvocationTaskSet : [];
      // Only the tasks of this invocation on the instances it was sent to count.
      for (const t of set) {
        if (t?.InvocationId === f.id && typeof t.InvocationTaskId === 'string' && f.instances.has(t.InstanceId)) seen.set(t.InvocationTaskId, t);
      }
      // The instances asked for are all there, or the service has no more: a server that keeps
      // answering full pages is not followed further than the run's own instances.
      if (set.length < PAGE_SIZE || seen.size >= f.expected || offset + PAGE_SIZE >= Number(page.TotalCount ?? 0)) break;
    }
    // Only the statuses are kept (the pages carry each task's script): what ended is read again, with output.
    const ended = [];
    for (const [id, t] of seen) {
      f.statuses.set(id, String(t.TaskStatus ?? ''));
      if (terminal(t) && !f.delivered.has(id)) ended.push(id);
    }
    seen.clear();
    for (let i = 0; i < ended.length; i += PAGE_SIZE) {
      const ids = ended.slice(i, i + PAGE_SIZE);
      const page = await read('DescribeInvocationTasks', { InvocationTaskIds: ids, Limit: PAGE_SIZE, HideOutput: false });
      for (const t of Array.isArray(page.InvocationTaskSet) ? page.InvocationTaskSet : []) {
        if (!ids.includes(t?.InvocationTaskId) || f.delivered.has(t.InvocationTaskId) || !terminal(t)) continue;
        f.delivered.add(t.InvocationTaskId);
        f.statuses.set(t.InvocationTaskId, String(t.TaskStatus));
        const task = withOutput(t);
        if (onTask) await onTask(task);
        if (keepOutput) kept.push(task);
        else {
          const { output, CommandDocument, ...slim } = task;
          kept.push({ ...slim, output: '', TaskResult: { ...task.TaskResult, Output: '' } });
        }
      }
    }
    f.done = f.statuses.size >= f.expected && f.delivered.size >= f.statuses.size;
  }

  for (;;) {
    let failed = null;
    const queue = followed.filter((f) => !f.done);
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        await poll(f).catch((e) => {
          if (signal?.aborted) throw e;
          if (!classify(e).transient) {
            if (e instanceof Error) e.tasks ??= kept; // what was read before it
            throw e;
          }
          failed = e; // tried again next round, after a longer pause
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(POLLING_AT_ONCE, queue.length) }, worker));
    if (onProgress) {
      const counts = {};
      let total = 0;
      let finished = 0;
      for (const f of followed) {
        total += Math.max(f.expected, f.statuses.size);
        for (const s of f.statuses.values()) {
          counts[s] = (counts[s] ?? 0) + 1;
          if (terminal({ TaskStatus: s })) finished++;
        }
      }
      const key = JSON.stringify(Object.entries(counts).sort());
      if (key !== reported) {
        reported = key;
        onProgress({ counts, finished, total });
      }
    }
    if (followed.every((f) => f.done)) return kept;
    slow = failed ? slow + 1 : 0;
    lastError = failed ?? lastError;
    const pause = slow ? Math.min(Math.max(pollIntervalMs, 500) * 2 ** slow, MAX_POLL_MS) : pollIntervalMs;
    if (deadlineMs !== undefined && Date.now() + pause > deadlineMs) {
      const pending = followed.reduce((n, f) => n + Math.max(0, Math.max(f.expected, f.statuses.size) - f.delivered.size), 0);
      throw new TatError('WaitTimeout', `Stopped waiting at the deadline (waitTimeoutMs) with ${pending} task(s) not ended or not read; the commands were sent and may still run.`, {
        outcome: 'ran',
        tasks: kept,
        cause: lastError,
      });
    }
    await sleep(pause, signal);
  }
}
