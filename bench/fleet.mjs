// Fleet scale (issue 22): runCommand over 10,000 instances against the emulator's own rate
// limiter (20 requests a second per action), with each task's ~2 KB output kept, and with
// onTask and keepOutput: false. Each measured run is a child process of its own (its peak RSS
// is the client's alone, the emulator runs in another). `make bench` runs it after run.mjs; it
// replaces only its own section ("## Fleet scale") of bench/RESULTS.md.
//
//   node bench/fleet.mjs            measures and writes the section
//   node bench/fleet.mjs --child URL N KEEP   (internal) one run, prints its figures as JSON
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const INSTANCES = 10_000;
const SPEED = 10; // the emulator's speed: every simulated duration divided by 10
// A script of ~1.9 KB: the emulator's simulated output quotes it, so each task's output is ~2 KB.
const SCRIPT = Array.from({ length: 40 }, (_, i) => `echo "line ${String(i).padStart(2, '0')} of the fleet benchmark's script"`).join('\n');

if (process.argv[2] === '--baseline') {
  // The fixed cost: Node with the package loaded and fetch's machinery started.
  await import(pathToFileURL(join(root, 'pkg/index.mjs')).href);
  await fetch('http://127.0.0.1:1/').catch(() => undefined);
  console.log(JSON.stringify({ peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

if (process.argv[2] === '--child') {
  const [url, n, keep] = process.argv.slice(3);
  const tat = await import(pathToFileURL(join(root, 'pkg/index.mjs')).href);
  const client = tat.createClient({
    secretId: 'AKIDsandboxDEMO0000000000000000000000',
    secretKey: 'sandbox-demo-secret-key-not-a-real-one',
    endpoint: url,
    signHost: 'tat.tencentcloudapi.com',
  });
  const instances = Array.from({ length: Number(n) }, (_, i) => `ins-bulk${String(i).padStart(4, '0')}`);
  let handed = 0;
  let outputBytes = 0;
  const started = performance.now();
  const { invocations, tasks } = await client.runCommand(
    { Content: tat.encodeContent(SCRIPT), InstanceIds: instances },
    {
      pollIntervalMs: 1000,
      keepOutput: keep === 'true',
      onTask: (t) => {
        handed++;
        outputBytes += t.output.length;
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const ok = tasks.filter((t) => t.TaskStatus === 'SUCCESS').length;
  console.log(JSON.stringify({ seconds, invocations: invocations.length, tasks: tasks.length, ok, handed, outputBytes, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

/** The bin's emulator in a process of its own; resolves { url, stop }. */
function startEmulator() {
  const child = spawn(process.execPath, [join(root, 'pkg/bin/tat-request.mjs'), 'sandbox', '--port', '0', '--speed', String(SPEED)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Endpoint:\s+(\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
  });
}

/** One run in a child process; `heapMiB` caps its JS heap (V8's old space), to show what it needs. */
function run(url, keep, heapMiB) {
  const flags = heapMiB ? [`--max-old-space-size=${heapMiB}`] : [];
  const out = execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child', url, String(INSTANCES), String(keep)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** The JS heap cap of the third run: the client's live memory without outputs kept fits in it. */
const HEAP_CAP_MIB = 40;
const rows = [];
for (const [keep, heapMiB] of [[true, 0], [false, 0], [false, HEAP_CAP_MIB]]) {
  // A fresh emulator for each run: an account keeps at most 500 invocations (www/README.md).
  const emu = await startEmulator();
  try {
    const r = run(emu.url, keep, heapMiB);
    if (r.tasks !== INSTANCES || r.ok !== INSTANCES || r.handed !== INSTANCES) throw new Error(`incomplete run: ${JSON.stringify(r)}`);
    rows.push({ keep, heapMiB, ...r });
    console.log(`keepOutput ${keep}${heapMiB ? `, heap ${heapMiB} MiB` : ''}: ${r.seconds.toFixed(1)} s, peak RSS ${r.peakRssMiB.toFixed(0)} MiB, ${r.invocations} invocations`);
  } finally {
    emu.stop();
  }
}

const baseline = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--baseline'], { encoding: 'utf8' })).peakRssMiB;
const node = process.version;
const cpu = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], { encoding: 'utf8' }).trim();
const section = `## Fleet scale (bench/fleet.mjs)

\`runCommand\` over ${INSTANCES.toLocaleString('en-US')} instances (\`ins-bulk0000\` ... \`ins-bulk9999\`, ${INSTANCES / 100} RunCommand
requests of 100) against the emulator's own rate limiter (20 requests a second per action), at
\`--speed ${SPEED}\`, each task's output ~2 KB (a ${Buffer.byteLength(SCRIPT)}-byte script the emulator quotes back), polled every
second; \`onTask\` receives every task as it is read. Peak RSS is the client's process alone
(\`process.resourceUsage().maxRSS\`); the emulator runs in another. ${node}, ${cpu}.

| outputs kept (\`keepOutput\`) | JS heap | time | peak RSS | tasks handed to \`onTask\` | output bytes handed over |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.keep} | ${r.heapMiB ? `capped at ${r.heapMiB} MiB` : 'Node\'s default'} | ${r.seconds.toFixed(1)} s | ${r.peakRssMiB.toFixed(0)} MiB | ${r.handed} | ${(r.outputBytes / 2 ** 20).toFixed(1)} MiB |`).join('\n')}

With outputs kept the tasks hold ~${(rows[0].outputBytes / 2 ** 20).toFixed(0)} MiB of text; without, what the client keeps is a few
hundred bytes a task, and the run completes with its JS heap capped at ${HEAP_CAP_MIB} MiB: the rest of the
peak RSS of the uncapped runs is garbage V8 had not needed to collect yet, and the process's
fixed cost (Node with the package loaded and fetch started: ${baseline.toFixed(0)} MiB), sockets and buffers.
Before issue 22 the same run failed with \`RequestLimitExceeded\` past about 8,000 instances, and
8,000 tasks of 2 KB output peaked at 205 MiB (the issue's figures).
`;

const file = join(root, 'bench/RESULTS.md');
let text = readFileSync(file, 'utf8');
const start = text.indexOf('## Fleet scale');
if (start >= 0) {
  const next = text.indexOf('\n## ', start + 1);
  text = text.slice(0, start) + (next >= 0 ? text.slice(next + 1) : '');
}
text = `${text.trimEnd()}\n\n${section}`;
writeFileSync(file, text);
console.log('bench/RESULTS.md: "Fleet scale" written');
