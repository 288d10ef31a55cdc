// CPU time (process.cpuUsage(), so that other work on a shared machine does not count) of
// buildRequest against the official SDK's sign3, and optionally against another build of the
// package, in interleaved batches; medians of the rounds and of the rounds' own ratios.
//   node bench/cpu.mjs [OTHER_PKG_DIR]      (bench/node_modules: `make bench` installs it)
// Also the parts of the largest request that both pay: JSON.stringify and the body's hash;
// and, with another build, validateRunCommand of 48 KB scripts dense with braces (the
// placeholder scan of src/scan.rs against the plain way).
import { createRequire } from 'node:module';
import { hash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { typical, largest, credentials, region, timestamp, median } from './workloads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// The SDK is bench/node_modules' (`make bench` installs it), or that of the folder SDK_FROM names.
const require = createRequire(join(process.env.SDK_FROM ?? here, 'x.mjs'));
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default;
const ours = await import(pathToFileURL(join(here, '../pkg/index.mjs')).href);
const other = process.argv[2] && (await import(pathToFileURL(join(resolve(process.argv[2]), 'index.mjs')).href));
const rounds = Number(process.env.ROUNDS ?? 15);

const input = (params) => ({ action: 'RunCommand', params, ...credentials, region, timestamp });
const sdkSign = (params) =>
  Sign.sign3({
    method: 'POST', url: 'https://tat.tencentcloudapi.com/', payload: params, timestamp, service: 'tat',
    secretId: credentials.secretId, secretKey: credentials.secretKey, headers: { 'Content-Type': 'application/json' },
  });
/** Microseconds of CPU time a call, over `n` calls. */
const cpu = (fn, n) => {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / n;
};

for (const [name, make, n] of [['typical', typical, 2000], ['largest', largest, 200]]) {
  const params = make();
  const fns = { ours: () => ours.buildRequest(input(params)), sdk: () => sdkSign(params) };
  if (other) fns.other = () => other.buildRequest(input(params));
  const signature = sdkSign(params);
  for (const [k, f] of Object.entries(fns)) if (k !== 'sdk' && !f().headers.Authorization.endsWith(signature)) throw new Error(`${name}: ${k} signs otherwise`);
  if (other && JSON.stringify(fns.ours()) !== JSON.stringify(fns.other())) throw new Error(`${name}: the two builds give different requests`);
  if (name === 'largest') {
    const body = JSON.stringify(params);
    fns.stringify = () => JSON.stringify(params);
    fns.hash = () => hash('sha256', body, 'hex');
  }
  for (const f of Object.values(fns)) cpu(f, n);
  const s = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) for (const [k, f] of Object.entries(fns)) s[k].push(cpu(f, n));
  const vsSdk = (k) => median(s[k].map((v, i) => s.sdk[i] / v)).toFixed(2);
  const parts = Object.keys(fns).map((k) => `${k} ${median(s[k]).toFixed(1)} µs` + (k === 'ours' || k === 'other' ? ` (${vsSdk(k)}x the SDK)` : ''));
  console.log(`${name}: ${parts.join(', ')}`);
}

if (other) {
  const base64 = (text) => Buffer.from(text).toString('base64');
  const fill = (unit) => unit.repeat(Math.ceil(49152 / unit.length)).slice(0, 49152);
  const scripts = {
    'no brace': fill('echo hello world\n'),
    'shell braces, one {{a}} a line': fill('for f in "${FILES[@]}"; do echo "${f}" | awk \'{print $1}\'; done # {{a}}\n'),
    '{{a}} repeated': fill('{{a}}'),
    'only {': fill('{'),
  };
  for (const [name, script] of Object.entries(scripts)) {
    const params = { Content: base64(script), InstanceIds: ['ins-00000001'], EnableParameter: true, Parameters: JSON.stringify({ a: 'x' }) };
    if (JSON.stringify(ours.validateRunCommand(params)) !== JSON.stringify(other.validateRunCommand(params))) throw new Error(`${name}: verdicts differ`);
    const s = { ours: [], other: [] };
    for (let r = 0; r < 9; r++) {
      s.ours.push(cpu(() => ours.validateRunCommand(params), 30));
      s.other.push(cpu(() => other.validateRunCommand(params), 30));
    }
    console.log(`validateRunCommand, ${name}: ours ${median(s.ours).toFixed(0)} µs, other ${median(s.other).toFixed(0)} µs`);
  }
}
