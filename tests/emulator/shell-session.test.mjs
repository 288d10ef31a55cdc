// shell-session.mjs on its own: the SHELL script of a line run by this machine's bash (no
// emulator), its trailer cut from the output and read back into the next line's state; the
// POWERSHELL script's quoting; the history cursor. The sessions over the API are tested in
// exec.test.mjs, cli.test.mjs and tests/e2e/shell*.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, tat } from './helpers.mjs';

const { shellScript, powershellScript, splitOutput, nextState, historyCursor, shQuote, psQuote, createShellSession } = await import(pathToFileURL(join(root, 'pkg/shell-session.mjs')).href);

/** Runs a SHELL script with bash as an agent would (a file, in `cwd`); resolves { output, status }. */
function agent(script, cwd) {
  try {
    return { output: execFileSync('bash', ['-c', `${script}`], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: cwd, KEEP: 'as is' } }), status: 0 };
  } catch (e) {
    return { output: e.stdout, status: e.status };
  }
}

test('SHELL: the state a line leaves (cwd, exported and unset variables) is what the next line starts in', () => {
  const home = mkdtempSync(join(tmpdir(), 'tat-session-'));
  try {
    let state = { cwd: null, vars: new Map(), baseline: null };
    const step = (line, marker = `__TAT_SHELL_${Math.random().toString(16).slice(2)}__`) => {
      const { output, status } = agent(shellScript(line, state, marker), home);
      const { shown, trailer } = splitOutput(tat, output, marker);
      if (trailer) state = nextState(state, trailer);
      return { shown, trailer, status };
    };
    const first = step("mkdir -p 'a b' && cd 'a b' && export QUOTED=\"it's \\\"fine\\\"\" MULTI=$'one\\ntwo'; unset KEEP");
    assert.equal(first.status, 0);
    assert.equal(first.shown, '');
    assert.equal(first.trailer.cwd, join(home, 'a b'));
    assert.equal(state.vars.get('QUOTED'), 'it\'s "fine"');
    assert.equal(state.vars.get('MULTI'), 'one\ntwo');
    assert.equal(state.vars.get('KEEP'), null, 'an unset variable stays unset');
    assert.deepEqual([...state.vars.keys()].sort(), ['KEEP', 'MULTI', 'QUOTED'], 'only what the line changed is carried');
    const second = step('pwd; printf "%s|" "$QUOTED" "$MULTI" "${KEEP-unset}"; printf "no newline"');
    assert.equal(second.shown, `${join(home, 'a b')}\nit's "fine"|one\ntwo|unset|no newline`);
    // A line that prints something looking like a trailer does not fool the session.
    const spoof = step("printf '\\n__TAT_SHELL_0__ 0 Lw== \\n'; cd /", '__TAT_SHELL_1__');
    assert.equal(spoof.shown, '\n__TAT_SHELL_0__ 0 Lw== \n');
    assert.equal(state.cwd, '/');
    // `exit` ends the script before its trailer: no state from it, the status is the line's.
    const exit = step('cd /tmp; exit 4');
    assert.equal(exit.status, 4);
    assert.equal(exit.trailer, null);
    assert.equal(state.cwd, '/');
    // A line with a syntax error: bash reports it, the trailer still comes.
    const syntax = step('if then');
    assert.equal(syntax.status, 2);
    assert.notEqual(syntax.trailer, null);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('quoting: any text is one word in SHELL and one verbatim string in PowerShell', () => {
  for (const text of ["it's", "''", '$(rm -rf /)', '`id`', 'a\nb', '\\', '"']) {
    assert.equal(execFileSync('bash', ['-c', `printf %s ${shQuote(text)}`], { encoding: 'utf8' }), text);
  }
  assert.equal(psQuote("it's"), "'it''s'");
  assert.equal(psQuote('\u2019'), "'\u2019\u2019'", 'PowerShell also closes a string on typographic quotes');
  const script = powershellScript("Write-Output 'x'; cd C:\\", { cwd: 'C:\\Users\\o\'k', vars: new Map([['A', "v'1"], ['B', null]]), baseline: new Map() }, 'M');
  assert.match(script, /^Set-Location -LiteralPath 'C:\\Users\\o''k'\r$/m);
  assert.match(script, /^\[Environment\]::SetEnvironmentVariable\('A', 'v''1'\)\r$/m);
  assert.match(script, /^Remove-Item -LiteralPath 'Env:B' -ErrorAction SilentlyContinue\r$/m);
  assert.match(script, /^Invoke-Expression 'Write-Output ''x''; cd C:\\'\r$/m);
  assert.ok(script.endsWith('exit $__tatS\r\n'));
});

test('shell-session.mjs imports nothing (the console loads it as it is, from /pkg/)', async () => {
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(join(root, 'pkg/shell-session.mjs'), 'utf8');
  assert.doesNotMatch(source, /^\s*import\b|\bimport\(|\brequire\(/m);
});

test('history: Up goes back, Down comes forward to the line being typed', () => {
  const history = ['one', 'two'];
  const cursor = historyCursor(history);
  assert.equal(cursor.up('draft'), 'two');
  assert.equal(cursor.up('two'), 'one');
  assert.equal(cursor.up('one'), 'one');
  assert.equal(cursor.down(), 'two');
  assert.equal(cursor.down(), 'draft');
  assert.equal(cursor.down(), 'draft');
  history.push('three');
  cursor.reset();
  assert.equal(cursor.up(''), 'three');
  assert.equal(historyCursor([]).up('x'), 'x');
});

test('a session refuses no instance and more than 50; a line before start goes nowhere', async () => {
  const request = async () => { throw new Error('no request expected'); };
  assert.throws(() => createShellSession({ request, tat, instanceIds: [] }), /at least one instance/);
  assert.throws(() => createShellSession({ request, tat, instanceIds: Array.from({ length: 51 }, (_, i) => `ins-${String(i).padStart(8, '0')}`) }), /at most 50/);
  const session = createShellSession({ request, tat, instanceIds: ['ins-local001'] });
  assert.deepEqual(await session.run('true'), { results: [] });
  assert.deepEqual(session.history, ['true']);
});
