// The sandbox's simulated fleet and its task life cycle. Nothing here executes anything: a
// task's status is a pure function of its creation time and the clock, and its output is a
// labelled description of the script, never the result of running it.
import { randomBytes } from 'node:crypto';

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

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Whether an instance's agent can run a command type (the Linux agent runs SHELL only). */
export const supportsCommandType = (instance, type) => (instance.os === 'windows' ? type !== 'SHELL' : type === 'SHELL');

/**
 * Creates the task of one instance. `script` is the (placeholder-replaced) script text;
 * `command` carries the CommandDocument fields (Content: the script's base64, made once per
 * invocation) and the Timeout.
 */
export function newTask({ instance, invocationId, commandId, createdMs, script, command }) {
  return {
    InvocationId: invocationId,
    InvocationTaskId: newId('invt'),
    CommandId: commandId,
    InstanceId: instance.InstanceId,
    InstanceKind: instance.kind,
    createdMs,
    instance,
    script,
    command,
    output: null, // { base64, dropped } once the task has ended and been shown (see finalOutput)
  };
}

/** When each phase of a task starts and how it ends, in epoch milliseconds, at a speed. */
function timeline(task, speed) {
  const ms = (s) => (s * 1000) / speed;
  const delivering = task.createdMs + ms(PHASES.pending);
  const running = delivering + ms(PHASES.delivering);
  const runFor = task.instance.behaviour === 'timeout' ? Math.min(task.command.Timeout, PHASES.timeoutCap) : PHASES.running;
  return { delivering, running, ended: running + ms(runFor) };
}

const FINAL = { success: ['SUCCESS', 0], exit1: ['FAILED', 1], timeout: ['TIMEOUT', -1] };

/**
 * The task's status and times at `nowMs`, without its output or command: what
 * DescribeInvocations needs of every task, and the start of taskView.
 */
export function taskStatus(task, nowMs, speed) {
  const t = timeline(task, speed);
  const started = nowMs >= t.running;
  const ended = nowMs >= t.ended;
  let status = 'PENDING';
  if (ended) status = FINAL[task.instance.behaviour][0];
  else if (started) status = 'RUNNING';
  else if (nowMs >= t.delivering) status = 'DELIVERING';
  const updated = Math.min(nowMs, ended ? t.ended : started ? t.running : nowMs >= t.delivering ? t.delivering : task.createdMs);
  // In the order of DescribeInvocationTasks' answer, which starts with these fields.
  return {
    InvocationId: task.InvocationId,
    InvocationTaskId: task.InvocationTaskId,
    CommandId: task.CommandId,
    TaskStatus: status,
    InstanceId: task.InstanceId,
    StartTime: started ? iso(t.running) : null,
    EndTime: ended ? iso(t.ended) : null,
    CreatedTime: iso(task.createdMs),
    UpdatedTime: iso(updated),
  };
}

const NO_OUTPUT = Object.freeze({ base64: '', dropped: 0 });

/**
 * What an ended task reports as its output: the first OUTPUT_MAX_BYTES in base64, and how
 * many bytes were dropped. It depends on the task alone, so it is made once and kept.
 */
function finalOutput(task) {
  if (!task.output) {
    const output = simulatedOutput(task, FINAL[task.instance.behaviour][0]);
    const kept = output.subarray(0, OUTPUT_MAX_BYTES);
    task.output = { base64: kept.toString('base64'), dropped: output.length - kept.length };
  }
  return task.output;
}

/** The task as DescribeInvocationTasks shows it at `nowMs`. */
export function taskView(task, nowMs, speed, { hideOutput = false } = {}) {
  const s = taskStatus(task, nowMs, speed);
  const ended = s.EndTime !== null;
  const output = ended ? finalOutput(task) : NO_OUTPUT;
  return {
    ...s,
    TaskResult: {
      // A killed process has no exit status; the sandbox reports -1 for a timed-out task.
      ExitCode: ended ? FINAL[task.instance.behaviour][1] : 0,
      Output: hideOutput ? '' : output.base64,
      ExecStartTime: s.StartTime,
      ExecEndTime: s.EndTime,
      Dropped: output.dropped,
      OutputUrl: '',
      OutputUploadCOSErrorInfo: '',
    },
    ErrorInfo: s.TaskStatus === 'TIMEOUT' ? `The command did not finish within ${task.command.Timeout} seconds.` : '',
    InvocationSource: 'USER',
    CommandDocument: {
      Content: task.command.Content,
      CommandType: task.command.CommandType,
      Timeout: task.command.Timeout,
      WorkingDirectory: task.command.WorkingDirectory,
      Username: task.command.Username,
      OutputCOSBucketUrl: task.command.OutputCOSBucketUrl,
      OutputCOSKeyPrefix: task.command.OutputCOSKeyPrefix,
    },
  };
}

/**
 * The task's output: a plain label that nothing ran, then what was asked, derived from the
 * script only. The script's lines are quoted, never interpreted.
 */
function simulatedOutput(task, status) {
  const { instance, command, script } = task;
  const lines = script.split(/\r?\n/);
  const out = [
    '[simulated by the tat-request sandbox; nothing was executed]',
    `instance: ${instance.InstanceId} (${instance.name}, ${instance.kind}, ${instance.os})`,
    `as ${command.Username} in ${command.WorkingDirectory}, ${command.CommandType}, timeout ${command.Timeout}s`,
    `script: ${lines.length} line(s), ${Buffer.byteLength(script, 'utf8')} bytes:`,
    ...lines.map((line) => `  | ${line}`),
  ];
  if (status === 'FAILED') out.push('simulated result: the command exited with code 1');
  if (status === 'TIMEOUT') out.push(`simulated result: still running after ${command.Timeout}s; stopped (TIMEOUT)`);
  if (status === 'SUCCESS') out.push('simulated result: exit code 0');
  return Buffer.from(`${out.join('\n')}\n`, 'utf8');
}

/** The invocation status the service derives from its tasks' statuses. */
export function invocationStatus(statuses) {
  if (statuses.every((s) => s === 'PENDING')) return 'PENDING';
  if (statuses.some((s) => ['PENDING', 'DELIVERING', 'DELIVER_DELAYED', 'RUNNING'].includes(s))) return 'RUNNING';
  if (statuses.every((s) => s === 'SUCCESS')) return 'SUCCESS';
  if (statuses.every((s) => s === 'TIMEOUT')) return 'TIMEOUT';
  if (statuses.some((s) => s === 'SUCCESS')) return 'PARTIAL_FAILED';
  return 'FAILED';
}
