// A line-oriented shell over RunCommand, shared by the console's #/shell and the bin's
// `tat-request shell`. It imports nothing: the caller hands it `request(action, params,
// { signal })` (the package client's, or the page's) and the package itself (`tat`).
//
// One line is one RunCommand (per platform and state, see `groups`), followed until its tasks
// end. What makes it a session is carried by the script sent, never by the instance: each
// script enters the working directory the previous line ended in, restores the variables it
// exported, runs the line, then prints a trailer (after a random marker) with the exit
// status, the working directory and the environment. The trailer is cut from the output
// shown. A line that ends without its trailer (`exit`, a timeout, a cancel, output past the
// service's limit) leaves the state as it was, and the result says so.

/** Lines kept for up/down. */
export const HISTORY_MAX = 500;
/** Instances one session broadcasts to (each line costs one poll per invocation). */
export const INSTANCES_MAX = 50;
/** Variables the shell itself changes from run to run: never carried. */
const VOLATILE = new Set(['PWD', 'OLDPWD', 'SHLVL', '_']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** DescribeAutomationAgentStatus and DescribeInvocationTasks take at most 100 a page. */
const PAGE = 100;

/** The platform's CommandType: the agent's Environment (Linux, Windows) decides. */
export const commandTypeOf = (environment) => (environment === 'Windows' ? 'POWERSHELL' : 'SHELL');

/** `text` as one POSIX shell word: single quotes, each ' written '\''. */
export const shQuote = (text) => `'${String(text).replaceAll("'", "'\\''")}'`;
/** `text` as one PowerShell verbatim string: single quotes doubled. */
export const psQuote = (text) => `'${String(text).replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;

function randomMarker() {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `__TAT_SHELL_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}__`;
}

/**
 * The SHELL script of one line: enter the directory, restore the variables, run the line with
 * `eval` (so that `cd` and `export` act on this shell), print the trailer, exit with the
 * line's status. `state.baseline` missing: the environment before anything is restored is
 * printed too, once, so that later lines carry only what the session changed.
 */
export function shellScript(line, state, marker) {
  const out = [`__tat_m=${shQuote(marker)}`];
  if (!state.baseline) out.push('__tat_e0=$(env -0 | base64 -w0)');
  if (state.cwd !== null) out.push(`cd -- ${shQuote(state.cwd)} || printf 'tat-shell: staying in %s\\n' "$PWD" >&2`);
  for (const [name, value] of state.vars) out.push(value === null ? `unset ${name}` : `export ${name}=${shQuote(value)}`);
  out.push(
    `eval ${shQuote(line)}`,
    '__tat_s=$?',
    `printf '\\n%s %s %s %s %s\\n' "$__tat_m" "$__tat_s" "$(pwd | base64 -w0)" "$(env -0 | base64 -w0)" "\${__tat_e0:-}"`,
    'exit "$__tat_s"',
  );
  return `${out.join('\n')}\n`;
}

/** The POWERSHELL script of one line: the same steps as shellScript, in PowerShell. */
export function powershellScript(line, state, marker) {
  const env = '([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(((Get-ChildItem Env:) | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join [char]0)))';
  const out = [`$__tatM = ${psQuote(marker)}`];
  out.push(state.baseline ? "$__tatE0 = ''" : `$__tatE0 = ${env}`);
  if (state.cwd !== null) out.push(`Set-Location -LiteralPath ${psQuote(state.cwd)}`);
  for (const [name, value] of state.vars) {
    out.push(value === null ? `Remove-Item -LiteralPath ${psQuote(`Env:${name}`)} -ErrorAction SilentlyContinue` : `[Environment]::SetEnvironmentVariable(${psQuote(name)}, ${psQuote(value)})`);
  }
  out.push(
    '$global:LASTEXITCODE = 0',
    `Invoke-Expression ${psQuote(line)}`,
    '$__tatS = if ($?) { [int]$LASTEXITCODE } elseif ($LASTEXITCODE) { [int]$LASTEXITCODE } else { 1 }',
    `$__tatP = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes((Get-Location).ProviderPath))`,
    `Write-Output ("\`n$__tatM $__tatS $__tatP " + ${env} + " $__tatE0")`,
    'exit $__tatS',
  );
  return `${out.join('\r\n')}\r\n`;
}

/** base64 (standard) to UTF-8 text, through the package's decoder. */
const fromBase64 = (tat, b64) => (b64 ? tat.decodeOutput(b64, { lossy: true }) : '');

/** NUL-separated NAME=value pairs as a Map; names that are not shell names are skipped. */
function parseEnv(text) {
  const env = new Map();
  for (const pair of text.split('\0')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && NAME.test(pair.slice(0, eq))) env.set(pair.slice(0, eq), pair.slice(eq + 1).replace(/\r?\n$/, ''));
  }
  return env;
}

/**
 * Splits a task's output into what the line printed and the trailer (null when it is missing):
 * { shown, trailer: { status, cwd, env, baseline } | null }. What a background process wrote
 * after the trailer stays in what is shown.
 */
export function splitOutput(tat, output, marker) {
  const at = output.lastIndexOf(`\n${marker} `);
  if (at < 0) return { shown: output, trailer: null };
  const end = output.indexOf('\n', at + 1);
  const fields = output.slice(at + marker.length + 2, end < 0 ? undefined : end).replace(/\r$/, '').split(' ');
  if (fields.length < 3 || !/^-?\d+$/.test(fields[0])) return { shown: output, trailer: null };
  try {
    return {
      shown: output.slice(0, at) + (end < 0 ? '' : output.slice(end + 1)),
      trailer: {
        status: Number(fields[0]),
        cwd: fromBase64(tat, fields[1]).replace(/\r?\n$/, ''),
        env: parseEnv(fromBase64(tat, fields[2])),
        baseline: fields[3] ? parseEnv(fromBase64(tat, fields[3])) : null,
      },
    };
  } catch {
    return { shown: output, trailer: null };
  }
}

/** The instance's state after a trailer: its directory and the variables that differ from its baseline. */
export function nextState(state, trailer) {
  const baseline = state.baseline ?? trailer.baseline ?? new Map();
  const vars = new Map();
  for (const [name, value] of trailer.env) if (!VOLATILE.has(name) && baseline.get(name) !== value) vars.set(name, value);
  for (const name of baseline.keys()) if (!VOLATILE.has(name) && !trailer.env.has(name)) vars.set(name, null);
  return { cwd: trailer.cwd || state.cwd, vars, baseline };
}

const stateKey = (s) => JSON.stringify([s.cwd, [...s.vars], s.baseline === null]);

const sleep = (ms, signal) => new Promise((resolve, reject) => {
  if (signal?.aborted) return reject(signal.reason);
  const timer = setTimeout(done, ms);
  function done() {
    signal?.removeEventListener('abort', done);
    clearTimeout(timer);
    if (signal?.aborted) reject(signal.reason);
    else resolve();
  }
  signal?.addEventListener('abort', done, { once: true });
});

/** Every task of one invocation, page by page; the output only when asked. */
async function tasksOf(request, invocationId, output, signal) {
  const tasks = [];
  for (;;) {
    const page = await request('DescribeInvocationTasks', {
      Filters: [{ Name: 'invocation-id', Values: [invocationId] }], Limit: PAGE, Offset: tasks.length, HideOutput: !output,
    }, { signal });
    const set = Array.isArray(page.InvocationTaskSet) ? page.InvocationTaskSet : [];
    tasks.push(...set);
    if (!set.length || tasks.length >= Number(page.TotalCount ?? 0)) return tasks;
  }
}

/**
 * Polls `invocations` ([{ InvocationId, InstanceIds }]) until every task is terminal, then
 * reads their output once; resolves the tasks as DescribeInvocationTasks gives them. Unlike
 * the client's runCommand, the caller knows the invocations all along, so it can cancel them
 * (the shell's and the bin's Ctrl-C). `onProgress({ counts, finished, total })` on each change.
 */
export async function followInvocations({ request, tat, invocations, signal, pollIntervalMs = 1000, onProgress }) {
  const terminal = (t) => tat.describeTaskStatus(String(t.TaskStatus ?? '')).terminal;
  const followed = invocations.map((inv) => ({ ...inv, tasks: [], done: false }));
  let reported = '';
  for (;;) {
    for (const f of followed.filter((x) => !x.done)) {
      f.tasks = await tasksOf(request, f.InvocationId, false, signal);
      f.done = f.tasks.length >= f.InstanceIds.length && f.tasks.every(terminal);
      if (f.done) f.tasks = await tasksOf(request, f.InvocationId, true, signal);
    }
    if (onProgress) {
      const counts = {};
      let finished = 0;
      let total = 0;
      for (const f of followed) {
        total += Math.max(f.InstanceIds.length, f.tasks.length);
        for (const t of f.tasks) {
          counts[t.TaskStatus] = (counts[t.TaskStatus] ?? 0) + 1;
          if (terminal(t)) finished++;
        }
      }
      const key = JSON.stringify(counts);
      if (key !== reported) {
        reported = key;
        onProgress({ counts, finished, total });
      }
    }
    if (followed.every((f) => f.done)) return followed.flatMap((f) => f.tasks);
    await sleep(pollIntervalMs, signal);
  }
}

/**
 * A session on `instanceIds`. `request(action, params, { signal })` sends one API call;
 * `tat` is the package (encodeContent, decodeOutput, describeTaskStatus, splitRunCommand);
 * `timeout` is each line's Timeout in seconds; `pollIntervalMs` the pause between polls.
 *
 * Returns { start(), run(line, { onStarted }), cancel(), history, instances, prompt() }:
 * start() asks the agents once (platform and status); run() resolves
 * { results: [{ instanceId, status, exitCode, output, dropped, carried, errorInfo }] } in the
 * order of the instances, or rejects with the failed call's error (nothing ran then, or the
 * error carries `invocations`, which did).
 */
export function createShellSession({ request, tat, instanceIds, timeout = 60, pollIntervalMs = 1000 }) {
  const ids = [...new Set(instanceIds)];
  if (!ids.length) throw new TypeError('A shell needs at least one instance.');
  if (ids.length > INSTANCES_MAX) throw new TypeError(`A shell takes at most ${INSTANCES_MAX} instances, not ${ids.length}.`);
  const history = [];
  /** InstanceId -> { id, type, agent, state } */
  const instances = new Map(ids.map((id) => [id, { id, type: 'SHELL', agent: 'Unknown', state: { cwd: null, vars: new Map(), baseline: null } }]));
  let running = null; // { invocationIds: Set, cancelled: boolean, controller }

  async function start({ signal } = {}) {
    const agents = new Map();
    // One request asks about one kind of instance (CVM, Lighthouse, managed), 100 at most.
    const kinds = new Map();
    for (const id of ids) {
      const kind = /^(?:lhins|ins|mi)-/.exec(id)?.[0] ?? '';
      kinds.set(kind, [...(kinds.get(kind) ?? []), id]);
    }
    for (const list of kinds.values()) {
      for (let i = 0; i < list.length; i += PAGE) {
        const answer = await request('DescribeAutomationAgentStatus', { InstanceIds: list.slice(i, i + PAGE), Limit: PAGE }, { signal });
        for (const a of Array.isArray(answer.AutomationAgentSet) ? answer.AutomationAgentSet : []) agents.set(a.InstanceId, a);
      }
    }
    for (const inst of instances.values()) {
      const a = agents.get(inst.id);
      inst.agent = String(a?.AgentStatus ?? 'Unknown');
      inst.type = commandTypeOf(a?.Environment);
    }
    return [...instances.values()].map(({ id, type, agent }) => ({ id, type, agent }));
  }

  /** The instances a line goes to: those whose agent is online. */
  const online = () => [...instances.values()].filter((i) => i.agent === 'Online');

  /** Instances that share a command type and a state get one script, so one RunCommand. */
  function groups(targets) {
    const by = new Map();
    for (const inst of targets) {
      const key = `${inst.type} ${stateKey(inst.state)}`;
      if (!by.has(key)) by.set(key, []);
      by.get(key).push(inst);
    }
    return [...by.values()];
  }

  async function cancelAll(run) {
    const pending = [...run.invocationIds].filter((id) => !run.cancelSent.has(id));
    for (const id of pending) run.cancelSent.add(id);
    await Promise.allSettled(pending.map((InvocationId) => request('CancelInvocation', { InvocationId }, {})));
  }

  /**
   * Runs one line on every online instance. `onStarted(invocationIds)` is told the
   * invocations as soon as they exist. `signal` stops waiting (what ran keeps running).
   */
  async function run(line, { signal, onStarted } = {}) {
    if (running) throw new Error('A line is already running.');
    const text = String(line);
    if (text.trim() && history.at(-1) !== text) {
      history.push(text);
      if (history.length > HISTORY_MAX) history.splice(0, history.length - HISTORY_MAX);
    }
    const targets = online();
    if (!targets.length) return { results: [] };
    const marker = randomMarker();
    const run = { invocationIds: new Set(), cancelSent: new Set(), cancelled: false, started: [] };
    running = run;
    try {
      for (const group of groups(targets)) {
        const type = group[0].type;
        const script = (type === 'POWERSHELL' ? powershellScript : shellScript)(text, group[0].state, marker);
        const params = { InstanceIds: group.map((i) => i.id), CommandType: type, Content: tat.encodeContent(script), Timeout: timeout };
        for (const piece of tat.splitRunCommand(params)) {
          if (run.cancelled) break; // Ctrl-C before every group was sent: the rest never is
          let answer;
          try {
            answer = await request('RunCommand', piece, { signal });
          } catch (e) {
            if (e instanceof Error && run.started.length) e.invocations = [...run.started];
            throw e;
          }
          run.invocationIds.add(answer.InvocationId);
          run.started.push({ InvocationId: answer.InvocationId, InstanceIds: piece.InstanceIds });
        }
      }
      onStarted?.([...run.invocationIds]);
      if (run.cancelled) await cancelAll(run);
      const tasks = await followInvocations({ request, tat, invocations: run.started, signal, pollIntervalMs });
      const byInstance = new Map(tasks.map((task) => [task.InstanceId, task]));
      const results = targets.map((inst) => result(inst, byInstance.get(inst.id), marker));
      return { results, invocationIds: [...run.invocationIds] };
    } finally {
      running = null;
    }
  }

  function result(inst, task, marker) {
    if (!task) return { instanceId: inst.id, status: 'UNKNOWN', exitCode: null, output: '', dropped: 0, carried: false, errorInfo: '' };
    const r = task.TaskResult ?? {};
    const { shown, trailer } = splitOutput(tat, fromBase64(tat, typeof r.Output === 'string' ? r.Output : ''), marker);
    if (trailer) inst.state = nextState(inst.state, trailer);
    return {
      instanceId: inst.id,
      status: String(task.TaskStatus ?? ''),
      exitCode: Number.isInteger(r.ExitCode) ? r.ExitCode : null,
      output: shown,
      dropped: Number(r.Dropped ?? 0),
      carried: trailer !== null,
      errorInfo: String(task.ErrorInfo ?? ''),
    };
  }

  /**
   * Cancels the running line (CancelInvocation, once per invocation; at once if the
   * invocations exist, else as soon as they do). Resolves whether a line was running.
   */
  async function cancel() {
    if (!running) return false;
    running.cancelled = true;
    await cancelAll(running);
    return true;
  }

  /** The working directory to show: the instances' own when they agree, else null. */
  function cwd() {
    const dirs = new Set(online().map((i) => i.state.cwd));
    return dirs.size === 1 ? [...dirs][0] : null;
  }

  return {
    start,
    run,
    cancel,
    cwd,
    history,
    get running() {
      return running !== null;
    },
    get instances() {
      return [...instances.values()].map(({ id, type, agent, state }) => ({ id, type, agent, cwd: state.cwd }));
    },
  };
}

/**
 * Up/down through `history` (oldest first, growing) for a line editor: { up(current), down(),
 * reset() }. After reset() (a line was run) the cursor is past the newest line again; what was
 * being typed comes back when down() goes past the newest.
 */
export function historyCursor(history) {
  let at = null; // null: past the newest line, editing the draft
  let draft = '';
  return {
    up(current) {
      if (at === null) {
        if (!history.length) return current;
        draft = current;
        at = history.length;
      }
      if (at > 0) at--;
      return history[at];
    },
    down() {
      if (at === null) return draft;
      at++;
      if (at < history.length) return history[at];
      at = null;
      return draft;
    },
    reset() {
      at = null;
      draft = '';
    },
  };
}
