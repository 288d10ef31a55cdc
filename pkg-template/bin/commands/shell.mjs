// tat-request shell: the console's #/shell on a terminal. The session (shell-session.mjs, the
// same module the console runs) sends each line as one RunCommand and carries the working
// directory and exported variables; readline edits the line and keeps the history. Ctrl-C
// cancels the running line (CancelInvocation), a second stops waiting; Ctrl-D or `exit` ends.
import { createInterface } from 'node:readline';
import { tat, parse, guarded, client, listOf, integer, describe, UsageError, EXIT, CLIENT_OPTIONS, CLIENT_USAGE } from './common.mjs';
import { createShellSession, HISTORY_MAX, INSTANCES_MAX } from '../../shell-session.mjs';

const OPTIONS = {
  instance: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  ...CLIENT_OPTIONS,
};

const USAGE = `Usage: tat-request shell --instance ID [--instance ID]... [--timeout SECONDS] [OPTIONS]

An interactive shell on instances: each line runs as one RunCommand (SHELL or POWERSHELL by
the instance's platform) and its output is printed when it ends. The working directory and
exported variables are carried from line to line by the script sent. With several instances
(at most ${INSTANCES_MAX}; repeat --instance or give ID,ID) every line goes to each and each answers
in its own block. Up/down browse the history; Ctrl-C cancels the running line
(CancelInvocation), twice stops waiting; Ctrl-D or exit ends the session.

  --instance ID       an instance (repeatable)
  --timeout SECONDS   each line's Timeout (default 60)
${CLIENT_USAGE}`;

export function main(args) {
  return guarded(USAGE, async () => {
    const parsed = parse(args, OPTIONS, USAGE);
    if (!parsed) return EXIT.ok;
    const { values } = parsed;
    const instanceIds = listOf(values.instance);
    if (!instanceIds.length) throw new UsageError('Name the instance with --instance ID.');
    if (instanceIds.length > INSTANCES_MAX) throw new UsageError(`At most ${INSTANCES_MAX} instances, not ${instanceIds.length}.`);
    const timeout = integer(values.timeout, 'timeout') ?? 60;
    const c = client(values);
    const session = createShellSession({ request: c.request, tat, instanceIds, timeout, pollIntervalMs: 500 });
    const agents = await session.start();
    for (const a of agents) console.error(`${a.id}: ${a.type}, agent ${a.agent}${a.agent === 'Online' ? '' : ' (left out: its agent is not online)'}`);
    if (!agents.some((a) => a.agent === 'Online')) return EXIT.failed;
    const tty = Boolean(process.stdin.isTTY);
    if (tty) console.error('Each line runs as one RunCommand. Ctrl-C cancels it; Ctrl-D or exit ends.');

    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty, historySize: HISTORY_MAX, removeHistoryDuplicates: true });
    let waiting = null; // the AbortController of the line being waited for
    let interrupts = 0;
    const prompt = () => {
      if (!tty) return;
      const where = session.cwd() ?? '~';
      rl.setPrompt(`${instanceIds.length === 1 ? instanceIds[0] : `${instanceIds.length} instances`}:${where}$ `);
      rl.prompt();
    };
    const interrupt = () => {
      if (!waiting) {
        if (!tty) {
          rl.close();
          process.exit(130);
        }
        rl.write(null, { ctrl: true, name: 'u' }); // an idle Ctrl-C drops the line typed, as shells do
        process.stdout.write('^C\n');
        prompt();
        return;
      }
      interrupts += 1;
      if (interrupts === 1) {
        console.error('^C cancelling (CancelInvocation); Ctrl-C again stops waiting');
        session.cancel().catch((e) => console.error(describe(e)));
      } else {
        waiting.abort(new Error('interrupted'));
      }
    };
    rl.on('SIGINT', interrupt);
    process.on('SIGINT', interrupt);

    let status = EXIT.ok;
    prompt();
    for await (const line of rl) {
      const text = line.trim();
      if (text === 'exit' || text === 'logout') break;
      if (text === '') {
        prompt();
        continue;
      }
      waiting = new AbortController();
      interrupts = 0;
      let started = [];
      try {
        const { results } = await session.run(line, { signal: waiting.signal, onStarted: (ids) => { started = ids; } });
        for (const r of results) print(r, instanceIds.length > 1);
        status = results.every((r) => r.status === 'SUCCESS') ? EXIT.ok : EXIT.failed;
      } catch (e) {
        if (waiting.signal.aborted) console.error(`Stopped waiting; still running: ${started.join(' ')}`);
        else console.error(describe(e));
        status = EXIT.failed;
      } finally {
        waiting = null;
      }
      prompt();
    }
    rl.close();
    process.off('SIGINT', interrupt);
    if (tty) {
      process.stdout.write('\n'); // Ctrl-D leaves the cursor after the prompt, as in other shells
      process.stdin.destroy(); // a terminal's stdin, even paused, keeps Node running
    }
    return status;
  });
}

/** One instance's answer: a header when there are several, the output, then how it ended if not well. */
function print(r, several) {
  if (several) process.stdout.write(`--- ${r.instanceId}: ${r.status}, exit code ${r.exitCode} ---\n`);
  if (r.output) process.stdout.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
  if (r.dropped) console.error(`[${r.dropped} bytes of output dropped by the service; the directory and variables stay as they were]`);
  if (r.errorInfo) console.error(`[${r.errorInfo}]`);
  if (!several && r.status !== 'SUCCESS') console.error(`[${r.status}, exit code ${r.exitCode}]`);
}
