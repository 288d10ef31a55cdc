// tat-request run: one RunCommand (split by the client when it needs several requests),
// followed until every task ends; each instance's output and exit code on stdout, progress on
// stderr. The first Ctrl-C cancels the invocations (CancelInvocation), a second stops waiting.
import { tat, parse, guarded, client, listOf, integer, onInterrupt, describe, readInput, UsageError, EXIT, CLIENT_OPTIONS, CLIENT_USAGE } from './common.mjs';
import { followInvocations } from '../../shell-session.mjs';

const OPTIONS = {
  instances: { type: 'string', multiple: true },
  file: { type: 'string' },
  command: { type: 'string' },
  param: { type: 'string', multiple: true },
  type: { type: 'string' },
  timeout: { type: 'string' },
  'working-directory': { type: 'string' },
  json: { type: 'boolean' },
  ...CLIENT_OPTIONS,
};

const USAGE = `Usage: tat-request run --instances ID,ID (--command TEXT | --file PATH|-) [OPTIONS]

Runs a command on instances (RunCommand), waits until every task ends, and prints each
instance's output and exit code. Progress goes to stderr. The exit status is 0 when every task
succeeded, 1 when one did not, 2 for bad usage, 3 when a request was refused or failed.
The first Ctrl-C cancels the command (CancelInvocation), a second stops waiting.

  --instances ID,ID   the instances (repeatable)
  --command TEXT      the script, or --file PATH (- reads stdin)
  --param NAME=VALUE  a custom parameter for {{NAME}} (repeatable; enables custom parameters)
  --type TYPE         SHELL (default), POWERSHELL or BAT
  --timeout SECONDS   the command's Timeout (default 60)
  --working-directory PATH
  --json              one JSON document on stdout: the invocations and every task
${CLIENT_USAGE}`;

/** The script: --command, or --file (stdin for "-"), read up to the API's largest request. */
async function script(values) {
  if ((values.file === undefined) === (values.command === undefined)) throw new UsageError('Give the script with exactly one of --command and --file.');
  return values.command ?? readInput(values.file);
}

/** --param NAME=VALUE, as the Parameters JSON the API takes. */
function parameters(list) {
  const out = {};
  for (const p of list ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param takes NAME=VALUE, not ${p}`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

export function main(args) {
  return guarded(USAGE, async () => {
    const parsed = parse(args, OPTIONS, USAGE);
    if (!parsed) return EXIT.ok;
    const { values } = parsed;
    const InstanceIds = listOf(values.instances);
    if (!InstanceIds.length) throw new UsageError('Name the instances with --instances ID,ID.');
    const params = { InstanceIds, Content: tat.encodeContent(await script(values)), CommandType: values.type ?? 'SHELL' };
    const timeout = integer(values.timeout, 'timeout');
    if (timeout !== undefined) params.Timeout = timeout;
    if (values['working-directory'] !== undefined) params.WorkingDirectory = values['working-directory'];
    const given = parameters(values.param);
    if (Object.keys(given).length) Object.assign(params, { EnableParameter: true, Parameters: JSON.stringify(given) });

    const c = client(values);
    // Warnings (an ID that does not look like one, ...) before anything is sent.
    for (const w of tat.validateRunCommand(params).warnings) console.error(`warning: ${w.field}: ${w.message}`);
    // Ctrl-C while RunCommand is on its way cannot take it back: the invocations are
    // cancelled as soon as they exist (a request cut short could have run unseen).
    const invocations = [];
    let cancelling = false;
    const cancel = (list) => {
      for (const inv of list) c.request('CancelInvocation', { InvocationId: inv.InvocationId }).catch((e) => console.error(describe(e)));
    };
    const stop = new AbortController();
    const off = onInterrupt(() => {
      cancelling = true;
      console.error(`Cancelling (CancelInvocation)${invocations.length ? '' : ' once the command is sent'}; Ctrl-C again stops waiting.`);
      cancel(invocations);
    }, stop);
    let tasks;
    try {
      let sent;
      try {
        sent = await c.runCommand(params, { wait: false });
      } catch (e) {
        if (Array.isArray(e?.invocations) && cancelling) cancel(e.invocations);
        throw e;
      }
      invocations.push(...sent.invocations);
      for (const inv of invocations) console.error(`${inv.InvocationId}: ${inv.InstanceIds.length} instance(s)`);
      if (cancelling) cancel(invocations);
      if (stop.signal.aborted) throw stop.signal.reason;
      tasks = await followInvocations({
        request: c.request,
        tat,
        invocations,
        signal: stop.signal,
        onProgress: ({ counts, finished, total }) => {
          console.error(`${finished}/${total} done: ${Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', ')}`);
        },
      });
    } catch (e) {
      if (stop.signal.aborted) {
        console.error(`Stopped waiting; still running: ${invocations.map((i) => i.InvocationId).join(' ')}`);
        return EXIT.failed;
      }
      e.invocations ??= invocations;
      throw e;
    } finally {
      off();
    }
    const decoded = tasks.map((t) => ({
      InvocationId: t.InvocationId,
      InstanceId: t.InstanceId,
      TaskStatus: t.TaskStatus,
      ExitCode: t.TaskResult?.ExitCode ?? null,
      Dropped: t.TaskResult?.Dropped ?? 0,
      ErrorInfo: t.ErrorInfo ?? '',
      Output: t.TaskResult?.Output ? tat.decodeOutput(t.TaskResult.Output, { lossy: true }) : '',
    }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ invocations, tasks: decoded }, null, 2)}\n`);
    } else {
      for (const t of decoded) {
        process.stdout.write(`=== ${t.InstanceId}: ${t.TaskStatus}, exit code ${t.ExitCode} ===\n`);
        if (t.Output) process.stdout.write(t.Output.endsWith('\n') ? t.Output : `${t.Output}\n`);
        if (t.Dropped) process.stdout.write(`[${t.Dropped} more bytes of output were dropped by the service]\n`);
        if (t.ErrorInfo) process.stdout.write(`[${t.ErrorInfo}]\n`);
      }
    }
    return decoded.every((t) => t.TaskStatus === 'SUCCESS') ? EXIT.ok : EXIT.failed;
  });
}
