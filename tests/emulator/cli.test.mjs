// The bin's commands as a person runs them: `tat-request validate`, `tat-request run` and
// `tat-request shell` against `tat-request sandbox --exec` (both programs, credentials in the
// environment as createClient finds them). `shell` is driven through pipes, and on a real
// terminal through tmux (prompt, history, Ctrl-C).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, bin, credentialsEnv, sleep, BIN } from './exec-helpers.mjs';

let sb;
let env;
let work;

before(async () => {
  sb = await startSandbox(['--exec', '--speed', '20']);
  env = credentialsEnv(sb);
  work = await mkdtemp(join(tmpdir(), 'tat-cli-'));
});

after(async () => {
  await sb?.stop();
  await rm(work, { recursive: true, force: true });
});

test('tat-request --help and each command --help; an unknown command is exit 2', async () => {
  const top = await bin(['--help']);
  assert.equal(top.code, 0);
  for (const name of ['sandbox', 'run', 'shell', 'validate']) {
    assert.match(top.stdout, new RegExp(`^  ${name} `, 'm'));
    const one = await bin([name, '--help']);
    assert.equal(one.code, 0);
    assert.match(one.stdout, new RegExp(`^Usage: tat-request ${name}`));
  }
  const unknown = await bin(['nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown command: nope/);
  const badOption = await bin(['run', '--nope']);
  assert.equal(badOption.code, 2);
  assert.match(badOption.stderr, /Unknown option '--nope'/);
});

test('validate: errors and warnings by field, exit 1 when invalid, 0 when valid, stdin or a file', async () => {
  const good = join(work, 'good.json');
  await writeFile(good, JSON.stringify({ CommandName: 'nightly', Content: Buffer.from('echo hi').toString('base64'), Timeout: 120 }));
  const valid = await bin(['validate', 'CreateCommand', good]);
  assert.deepEqual([valid.code, valid.stdout], [0, 'CreateCommand: valid\n']);

  const invalid = await bin(['validate', 'RunCommand', '-'], { input: JSON.stringify({ Content: 'x', InstanceIds: ['not-an-id'], Timeout: 0 }) });
  assert.equal(invalid.code, 1);
  assert.match(invalid.stdout, /^error +Content: .*\(InvalidParameterValue\.InvalidContent\)$/m);
  assert.match(invalid.stdout, /^error +Timeout: /m);
  assert.match(invalid.stdout, /^warning +InstanceIds\[0\]: /m);
  assert.match(invalid.stdout, /RunCommand: invalid, 2 error\(s\)\n$/);

  const zh = await bin(['validate', 'RunCommand', '--language', 'zh-CN', '--json'], { input: JSON.stringify({ Content: 'x' }) });
  assert.equal(zh.code, 1);
  const verdict = JSON.parse(zh.stdout);
  assert.equal(verdict.valid, false);
  assert.ok(verdict.errors.some((e) => e.field === 'InstanceIds' && e.code === 'MissingParameter'));

  const notJson = await bin(['validate', 'RunCommand'], { input: '{"Content":' });
  assert.equal(notJson.code, 1);
  assert.match(notJson.stderr, /stdin: not JSON/);
  const array = await bin(['validate', 'RunCommand'], { input: '[]' });
  assert.equal(array.code, 1);
  assert.match(array.stderr, /must be a JSON object/);
  const unknownAction = await bin(['validate', 'RunCommandz'], { input: '{}' });
  assert.equal(unknownAction.code, 1);
  assert.match(unknownAction.stdout, /InvalidAction/);
  const missing = await bin(['validate', 'RunCommand', join(work, 'missing.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
  const rules = await bin(['validate', 'RunCommand', '--rules', 'newest'], { input: '{}' });
  assert.equal(rules.code, 2);
  // An input past the API's largest request (10 MB) is refused without being read whole.
  const huge = join(work, 'huge.json');
  await writeFile(huge, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
  for (const args of [['validate', 'RunCommand', huge], ['run', '--instances', 'ins-local001', '--file', huge]]) {
    const r = await bin(args, { env });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /is larger than 10485760 bytes/);
  }
});

test('run: waits, prints each output and exit code, progress on stderr, exit 1 when a task failed', async () => {
  const r = await bin(['run', '--endpoint', sb.url, '--instances', 'ins-local001,ins-local002', '--command', 'echo "{{word}} from $(basename "$(dirname "$PWD")")"', '--param', 'word=hello'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '=== ins-local001: SUCCESS, exit code 0 ===\nhello from ins-local001\n=== ins-local002: SUCCESS, exit code 0 ===\nhello from ins-local002\n');
  assert.match(r.stderr, /^inv-[a-z0-9]{8}: 2 instance\(s\)$/m);
  assert.match(r.stderr, /^2\/2 done: SUCCESS 2$/m);

  const script = join(work, 'fail.sh');
  await writeFile(script, 'echo partial\nexit 4\n');
  const failed = await bin(['run', '--endpoint', sb.url, '--instances', 'ins-local001', '--file', script, '--timeout', '30', '--json'], { env });
  assert.equal(failed.code, 1);
  const doc = JSON.parse(failed.stdout);
  assert.equal(doc.invocations.length, 1);
  assert.deepEqual(doc.tasks.map((t) => [t.InstanceId, t.TaskStatus, t.ExitCode, t.Output]), [['ins-local001', 'FAILED', 4, 'partial\n']]);

  const stdin = await bin(['run', '--endpoint', sb.url, '--instances', 'ins-local001', '--file', '-'], { env, input: 'echo from stdin\n' });
  assert.equal(stdin.code, 0);
  assert.match(stdin.stdout, /from stdin/);
});

test('run: a refused request says which field, exit 3, nothing sent; bad usage is exit 2', async () => {
  const refused = await bin(['run', '--endpoint', sb.url, '--instances', 'ins-local001', '--command', 'true', '--timeout', '0'], { env });
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /^ {2}Timeout: /m);
  const offline = await bin(['run', '--endpoint', sb.url, '--instances', 'ins-agent0ff', '--command', 'true'], { env });
  assert.equal(offline.code, 3);
  assert.match(offline.stderr, /ResourceUnavailable\.AgentStatusNotOnline/);
  const both = await bin(['run', '--instances', 'ins-local001', '--command', 'a', '--file', 'b'], { env });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /exactly one of --command and --file/);
  const noCredentials = await bin(['run', '--endpoint', sb.url, '--instances', 'ins-local001', '--command', 'true'], { env: { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '', HOME: work } });
  assert.equal(noCredentials.code, 3);
  assert.match(noCredentials.stderr, /InvalidCredential/);
  assert.ok(!noCredentials.stderr.includes(sb.secretKey));
});

test('run: Ctrl-C cancels the command (CancelInvocation): TERMINATED, exit 1, long before the sleep ends', async () => {
  const started = Date.now();
  let sent = false;
  const r = await bin(['run', '--endpoint', sb.url, '--instances', 'ins-local001', '--command', 'sleep 60'], {
    env,
    onStderr: (text, child) => {
      if (!sent && /RUNNING 1/.test(text)) {
        sent = true;
        child.kill('SIGINT');
      }
    },
  });
  assert.ok(sent);
  assert.equal(r.code, 1);
  assert.ok(Date.now() - started < 20_000);
  assert.match(r.stderr, /Cancelling \(CancelInvocation\)/);
  assert.equal(r.stdout, '=== ins-local001: TERMINATED, exit code -1 ===\n');
});

test('shell through pipes: cwd and variables carried, outputs in order, the last status as exit status', async () => {
  const lines = ['pwd', 'mkdir -p piped && cd piped', 'export COLOUR="deep blue"', 'pwd; echo "$COLOUR"', 'false'];
  const r = await bin(['shell', '--endpoint', sb.url, '--instance', 'ins-local001'], { env, input: `${lines.join('\n')}\n` });
  const home = `${sb.dir}/ins-local001/root`;
  assert.equal(r.stdout, `${home}\n${home}/piped\ndeep blue\n`);
  assert.match(r.stderr, /^ins-local001: SHELL, agent Online$/m);
  assert.match(r.stderr, /\[FAILED, exit code 1\]/);
  assert.equal(r.code, 1);
  const several = await bin(['shell', '--endpoint', sb.url, '--instance', 'ins-local001', '--instance', 'ins-local002'], { env, input: 'cd /; echo $((2+3))\npwd\n' });
  assert.equal(several.code, 0, several.stderr);
  assert.equal(several.stdout, [
    '--- ins-local001: SUCCESS, exit code 0 ---', '5', '--- ins-local002: SUCCESS, exit code 0 ---', '5',
    '--- ins-local001: SUCCESS, exit code 0 ---', '/', '--- ins-local002: SUCCESS, exit code 0 ---', '/', ''].join('\n'));
});

test('shell through pipes: SIGINT cancels a running sleep and the session goes on', async () => {
  let sent = false;
  const started = Date.now();
  const r = await bin(['shell', '--endpoint', sb.url, '--instance', 'ins-local001'], {
    env,
    input: 'sleep 60; echo never\necho after\n',
    onStderr: (text, child) => {
      if (!sent && /agent Online/.test(text)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 1500);
      }
    },
  });
  assert.ok(Date.now() - started < 20_000);
  assert.match(r.stderr, /cancelling \(CancelInvocation\)/);
  assert.match(r.stderr, /\[TERMINATED, exit code -1\]/);
  assert.equal(r.stdout, 'after\n');
  assert.equal(r.code, 0);
});

/** tmux on a private socket; capture() is the pane's text. */
function tmux(socket) {
  const run = (...args) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  return {
    run,
    capture: () => run('capture-pane', '-p', '-J', '-S', '-200'),
    async until(pattern, ms = 20_000) {
      const end = Date.now() + ms;
      for (;;) {
        const text = run('capture-pane', '-p', '-J', '-S', '-200');
        if (pattern.test(text)) return text;
        if (Date.now() > end) throw new Error(`not seen: ${pattern}\n${text}`);
        await sleep(100);
      }
    },
  };
}

test('shell on a terminal (tmux): prompt with the cwd, Up recalls a line, Ctrl-C cancels a sleep, Ctrl-D ends', async () => {
  const socket = join(work, 'tmux.sock');
  const t = tmux(socket);
  const q = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;
  const command = ['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, BIN, 'shell', '--endpoint', sb.url, '--instance', 'ins-local001'].map(q).join(' ');
  // The shell's exit status is printed after it, in the pane that stays.
  t.run('new-session', '-d', '-x', '200', '-y', '50', `${command}; echo "[exit status $?]"; sleep 60`);
  try {
    const home = `${sb.dir}/ins-local001/root`;
    await t.until(/ins-local001:~\$ $/m);
    t.run('send-keys', '-l', 'mkdir -p tty && cd tty && export MOOD=calm');
    t.run('send-keys', 'Enter');
    await t.until(new RegExp(`ins-local001:${home}/tty\\$ $`, 'm'));
    t.run('send-keys', '-l', 'echo "mood: $MOOD"');
    t.run('send-keys', 'Enter');
    await t.until(/^mood: calm$/m);
    t.run('send-keys', 'Up');
    t.run('send-keys', 'Enter');
    await t.until(/^mood: calm\n(.*\n)*mood: calm$/m);
    t.run('send-keys', '-l', 'sleep 60; echo never');
    t.run('send-keys', 'Enter');
    await sleep(1500);
    t.run('send-keys', 'C-c');
    const after = await t.until(/\[TERMINATED, exit code -1\]\n.*tty\$ $/m);
    assert.doesNotMatch(after, /^never$/m, 'the sleep was cancelled before its echo');
    t.run('send-keys', 'C-d');
    // The last line was cancelled: the session ends with status 1.
    await t.until(/^\[exit status 1\]$/m);
  } finally {
    try {
      t.run('kill-server');
    } catch {
      // already gone
    }
  }
});
