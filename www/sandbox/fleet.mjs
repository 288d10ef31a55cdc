// The sandbox's simulated fleet and its task life cycle. Nothing here executes anything: a
// task's status is a pure function of its creation time and the clock, and its output is a
// labelled description of the script, never the result of running it. (With --exec, the
// tasks of the local instances run for real in exec.mjs; their `task.exec` is read here.)
import { randomBytes } from 'node:crypto';
import { iso } from './clock.mjs';

/**
 * The documented fleet (README "Console"). `behaviour` decides how a task on the instance ends.
 * IDs follow the service's formats (ins-/lhins- and 8 characters) so that the package accepts
 * them; their names say what they do.
 */
export const FLEET = Object.freeze([
  { InstanceId: 'ins-web00001', name: 'web-1', kind: 'CVM', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'success' },
  { InstanceId: 'ins-web00002', name: 'web-2', kind: 'CVM', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'success' },
  { InstanceId: 'ins-win00001', name: 'win-1', kind: 'CVM', os: 'windows', state: 'RUNNING', agent: 'Online', behaviour: 'success' },
  { InstanceId: 'ins-exit0001', name: 'batch-1', kind: 'CVM', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'exit1' },
  { InstanceId: 'ins-slow0001', name: 'slow-1', kind: 'CVM', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'timeout' },
  { InstanceId: 'ins-agent0ff', name: 'legacy-1', kind: 'CVM', os: 'linux', state: 'RUNNING', agent: 'Offline', behaviour: 'success' },
  { InstanceId: 'ins-stopped1', name: 'stopped-1', kind: 'CVM', os: 'linux', state: 'STOPPED', agent: 'Online', behaviour: 'success' },
  { InstanceId: 'lhins-blog0001', name: 'blog', kind: 'LIGHTHOUSE', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'success' },
  { InstanceId: 'lhins-blog0002', name: 'blog-staging', kind: 'LIGHTHOUSE', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'success' },
]);

/**
 * The bulk fleet, for trying fleet-scale tools (splitRunCommand, Pacer) on thousands of
 * machines: `ins-bulk0000` … `ins-bulk9999` (CVM) and `lhins-bulk0000` … `lhins-bulk9999`
 * (Lighthouse), all online Linux instances whose commands succeed. They are made on demand
 * rather than listed, so the console's fleet buttons stay the nine above.
 */
const BULK = /^(ins|lhins)-bulk(\d{4})$/;

/** The instance with this ID, from the documented fleet or the bulk fleet. */
export function findInstance(id) {
  const known = FLEET.find((i) => i.InstanceId === id);
  if (known) return known;
  const m = typeof id === 'string' ? BULK.exec(id) : null;
  if (!m) return undefined;
  const lighthouse = m[1] === 'lhins';
  return { InstanceId: id, name: `bulk-${m[2]}`, kind: lighthouse ? 'LIGHTHOUSE' : 'CVM', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'success' };
}

/** The instance the console pre-fills: online, and its commands succeed. */
export const DEMO_INSTANCE = 'ins-web00001';

/**
 * Seconds each phase lasts at speed 1 (SANDBOX_SPEED divides them). A timing-out command runs
 * for its Timeout, capped so that a demo does not wait a minute for the default 60 seconds.
 */
export const PHASES = Object.freeze({ pending: 0.6, delivering: 1.0, running: 2.0, timeoutCap: 6 });

/** What the service's agent sends at most; the rest is counted in Dropped. */
export const OUTPUT_MAX_BYTES = 24 * 1024;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A service-style ID: prefix and 8 random lower-case letters and digits. */
export function newId(prefix) {
  return `${prefix}-${[...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

/** Whether an instance's agent can run a command type (the Linux agent runs SHELL only). */
export const supportsCommandType = (instance, type) => (instance.os === 'windows' ? type !== 'SHELL' : type === 'SHELL');

/**
 * The TAT managed instances every account starts with (RegisterInstance actions; ModifyRegisterInstance
 * and DeleteRegisterInstance change the account's own copies). `mi-lnx00001` is online and
 * runs commands like `ins-web00001`; `mi-win00001`'s agent is offline.
 */
export const MANAGED = Object.freeze([
  { InstanceId: 'mi-lnx00001', name: 'managed-linux', kind: 'MANAGED', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'success', LocalIp: '10.0.0.11', HostName: 'managed-linux', Tags: [{ Key: 'env', Value: 'lab' }] },
  { InstanceId: 'mi-win00001', name: 'managed-windows', kind: 'MANAGED', os: 'windows', state: 'RUNNING', agent: 'Offline', behaviour: 'success', LocalIp: '10.0.0.12', HostName: 'MANAGED-WIN', Tags: [{ Key: 'env', Value: 'lab' }] },
]);

/**
 * Creates the task of one instance in an invocation. A task holds only what is its own: the
 * script, times and command are the invocation's, so ten thousand tasks of one 64 KB script
 * keep the script once (issue 14).
 */
export function newTask(invocation, instance) {
  return { InvocationTaskId: newId('invt'), instance, invocation, cancelledMs: null };
}

/** When each phase of a task starts and how it ends, in epoch milliseconds, at a speed. */
function timeline(task, speed) {
  if (task.exec) return execTimeline(task);
  const ms = (s) => (s * 1000) / speed;
  const created = task.invocation.createdMs;
  const delivering = created + ms(PHASES.pending);
  const running = delivering + ms(PHASES.delivering);
  const runFor = task.instance.behaviour === 'timeout' ? Math.min(task.invocation.Timeout, PHASES.timeoutCap) : PHASES.running;
  const t = { delivering, running, ended: running + ms(runFor), final: FINAL[task.instance.behaviour] };
  // CancelInvocation: a task not yet running ends CANCELLED, a running one TERMINATED.
  if (task.cancelledMs !== null && task.cancelledMs < t.ended) {
    t.ended = task.cancelledMs;
    t.final = task.cancelledMs < running ? FINAL.cancelled : FINAL.terminated;
    if (task.cancelledMs < running) t.running = Infinity;
    if (task.cancelledMs < delivering) t.delivering = Infinity;
  }
  return t;
}

/**
 * The timeline of a task that really runs (--exec, exec.mjs): started when created, ended when
 * its process did; a task cancelled before its process started never ran.
 */
function execTimeline(task) {
  const run = task.exec;
  const created = task.invocation.createdMs;
  const neverRan = run.status === 'CANCELLED';
  return {
    delivering: created,
    running: neverRan ? Infinity : run.startMs,
    ended: run.endMs ?? Infinity,
    final: [run.status, run.exitCode, null],
  };
}

/** How each behaviour ends: the status, exit code and the output's last line. */
const FINAL = {
  success: ['SUCCESS', 0, 'simulated result: exit code 0'],
  exit1: ['FAILED', 1, 'simulated result: the command exited with code 1'],
  timeout: ['TIMEOUT', -1, null],
  cancelled: ['CANCELLED', 0, null],
  terminated: ['TERMINATED', -1, 'simulated result: terminated by CancelInvocation'],
};

/**
 * The task's status and times at `nowMs`, without its output or command: what
 * DescribeInvocations needs of every task, and the start of taskView.
 */
export function taskStatus(task, nowMs, speed) {
  const t = timeline(task, speed);
  const started = nowMs >= t.running;
  const ended = nowMs >= t.ended;
  let status = 'PENDING';
  if (ended) [status] = t.final;
  else if (started) status = 'RUNNING';
  else if (nowMs >= t.delivering) status = 'DELIVERING';
  const created = task.invocation.createdMs;
  const updated = Math.min(nowMs, ended ? t.ended : started ? t.running : nowMs >= t.delivering ? t.delivering : created);
  const inv = task.invocation;
  // In the order of DescribeInvocationTasks' answer, which starts with these fields.
  return {
    InvocationId: inv.InvocationId,
    InvocationTaskId: task.InvocationTaskId,
    CommandId: inv.CommandId,
    TaskStatus: status,
    InstanceId: task.instance.InstanceId,
    StartTime: started && t.running !== Infinity ? iso(t.running) : null,
    EndTime: ended ? iso(t.ended) : null,
    CreatedTime: iso(created),
    UpdatedTime: iso(updated),
    final: t.final,
  };
}

/**
 * The task as DescribeInvocationTasks shows it at `nowMs`. Its output is made here, each time
 * it is asked for and never when hidden: it depends on the task alone, and keeping it would
 * cost up to 32 KB per task (issue 14). `made` counts the output bytes made, for the tests.
 */
export function taskView(task, nowMs, speed, { hideOutput = false, made } = {}) {
  const { final, ...s } = taskStatus(task, nowMs, speed);
  const inv = task.invocation;
  let output = NO_OUTPUT;
  if (s.EndTime !== null && !hideOutput && s.TaskStatus !== 'CANCELLED') {
    output = task.exec ? execOutput(task.exec) : finalOutput(task, final);
    if (made) made.bytes += output.bytes;
  }
  return {
    ...s,
    TaskResult: {
      // A killed process has no exit status; the sandbox reports -1 for a timed-out task.
      ExitCode: s.EndTime !== null ? final[1] : 0,
      Output: output.base64,
      ExecStartTime: s.StartTime,
      ExecEndTime: s.StartTime === null ? null : s.EndTime,
      Dropped: output.dropped,
      OutputUrl: '',
      OutputUploadCOSErrorInfo: '',
    },
    CommandDocument: {
      Content: inv.content,
      CommandType: inv.CommandType,
      Timeout: inv.Timeout,
      WorkingDirectory: inv.WorkingDirectory,
      Username: inv.Username,
      OutputCOSBucketUrl: inv.OutputCOSBucketUrl,
      OutputCOSKeyPrefix: inv.OutputCOSKeyPrefix,
    },
    ErrorInfo: task.exec ? task.exec.errorInfo : s.TaskStatus === 'TIMEOUT' ? `The command did not finish within ${inv.Timeout} seconds.` : '',
    InvocationSource: inv.InvocationSource,
    CommandName: inv.CommandName,
  };
}

const NO_OUTPUT = Object.freeze({ base64: '', dropped: 0, bytes: 0 });

/** What an ended task reports: the first OUTPUT_MAX_BYTES in base64, and how many were dropped. */
function finalOutput(task, final) {
  const output = simulatedOutput(task, final);
  const kept = output.subarray(0, OUTPUT_MAX_BYTES);
  return { base64: kept.toString('base64'), dropped: output.length - kept.length, bytes: kept.length };
}

/** What an executed task kept of its output (exec.mjs keeps at most OUTPUT_MAX_BYTES). */
function execOutput(run) {
  const kept = Buffer.concat(run.chunks);
  return { base64: kept.toString('base64'), dropped: run.dropped, bytes: kept.length };
}

/**
 * The task's output: a plain label that nothing ran, then what was asked, derived from the
 * script only. The script's lines are quoted, never interpreted.
 */
function simulatedOutput(task, final) {
  const { instance, invocation: inv } = task;
  const script = Buffer.from(inv.content, 'base64').toString('utf8');
  const lines = script.split(/\r?\n/);
  const out = [
    '[simulated by the tat-request sandbox; nothing was executed]',
    `instance: ${instance.InstanceId} (${instance.name}, ${instance.kind}, ${instance.os})`,
    `as ${inv.Username} in ${inv.WorkingDirectory}, ${inv.CommandType}, timeout ${inv.Timeout}s`,
    `script: ${lines.length} line(s), ${Buffer.byteLength(script, 'utf8')} bytes:`,
    ...lines.map((line) => `  | ${line}`),
  ];
  if (final[0] === 'TIMEOUT') out.push(`simulated result: still running after ${inv.Timeout}s; stopped (TIMEOUT)`);
  else if (final[2]) out.push(final[2]);
  return Buffer.from(`${out.join('\n')}\n`, 'utf8');
}

/** The invocation status the service derives from its tasks' statuses. */
export function invocationStatus(statuses) {
  if (statuses.every((s) => s === 'PENDING')) return 'PENDING';
  if (statuses.some((s) => ['PENDING', 'DELIVERING', 'DELIVER_DELAYED', 'RUNNING'].includes(s))) return 'RUNNING';
  const cancelled = statuses.filter((s) => s === 'CANCELLED' || s === 'TERMINATED').length;
  if (cancelled === statuses.length) return 'CANCELLED';
  if (cancelled) return 'PARTIAL_CANCELLED';
  if (statuses.every((s) => s === 'SUCCESS')) return 'SUCCESS';
  if (statuses.every((s) => s === 'TIMEOUT')) return 'TIMEOUT';
  if (statuses.some((s) => s === 'SUCCESS')) return 'PARTIAL_FAILED';
  return 'FAILED';
}
