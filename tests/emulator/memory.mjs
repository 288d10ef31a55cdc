// Measures the console server's memory (`node www/server.mjs`, the sandbox of `make demo`)
// after 10,000 tasks of a 64 KB script: 100 RunCommands of the largest Content (65,536 base64
// characters) on 100 bulk instances each, then every task read once with its output. Prints
// the server's resident set size (VmRSS) after start and after the run. The figure is in
// www/README.md. Not a test: a measurement, run by hand (`node tests/emulator/memory.mjs`).
//
//   node tests/emulator/memory.mjs [repository root, default this one]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { root as here } from './helpers.mjs';

const root = process.argv[2] ?? here;
const tat = await import(pathToFileURL(join(here, 'pkg/index.mjs')).href);
const ID = 'AKIDsandboxDEMO0000000000000000000000';
const KEY = 'sandbox-demo-secret-key-not-a-real-one';

const child = spawn(process.execPath, [join(root, 'www/server.mjs')], { env: { ...process.env, PORT: '0', SANDBOX_SPEED: '1000' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
    const m = /Console: (http:\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
});
const rssMiB = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(action, params) {
  const built = tat.buildRequest({ action, params, secretId: ID, secretKey: KEY });
  const { Host, ...headers } = built.headers;
  const answer = (await (await fetch(new URL('api', url), { method: 'POST', headers, body: built.body })).json()).Response;
  if (answer.Error) throw new Error(`${action}: ${answer.Error.Code} ${answer.Error.Message}`);
  await sleep(55); // under the 20 requests per second of each action
  return answer;
}

try {
  await sleep(500);
  const start = rssMiB();
  const script = Array.from({ length: 1200 }, (_, n) => `echo line ${String(n).padStart(5, '0')} ${'x'.repeat(24)}`).join('\n');
  const Content = tat.encodeContent(script).slice(0, 65536);
  for (let n = 0; n < 100; n += 1) {
    const InstanceIds = Array.from({ length: 100 }, (_, i) => `ins-bulk${String(n * 100 + i).padStart(4, '0')}`);
    await call('RunCommand', { Content, InstanceIds });
  }
  await sleep(1000);
  let outputs = 0;
  for (let offset = 0; offset < 10_000; offset += 100) {
    const page = await call('DescribeInvocationTasks', { Limit: 100, Offset: offset });
    outputs += page.InvocationTaskSet.filter((t) => t.TaskResult.Output).length;
  }
  const after = rssMiB();
  console.log(`server RSS: ${start.toFixed(0)} MiB after start, ${after.toFixed(0)} MiB after 10,000 tasks of a 64 KB script (${outputs} outputs read)`);
} finally {
  child.kill('SIGTERM');
}
