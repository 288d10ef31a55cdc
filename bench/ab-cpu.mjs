// CPU-time A/B of two builds of the package against the official SDK's sign3, in one process:
//   node bench/ab-cpu.mjs [ours=pkg] [base=pkg] [rounds=21]
// Each round runs a batch of each of the three in turn (typical: 20,000 calls; largest: 400) and
// measures process.cpuUsage(), so that other work on a shared machine counts less than in
// wall-clock rates; the ratios are medians of the rounds' own ratios (as `pairedRatio` in
// workloads.mjs). Both builds must give the same request. The SDK is bench/node_modules'
// (`make bench` installs it), or the folder holding node_modules named by SDK_FROM.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { typical, largest, credentials, region, timestamp, median } from './workloads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [oursDir = join(here, '../pkg'), baseDir = join(here, '../pkg'), rounds = '21'] = process.argv.slice(2);
const require = createRequire(join(process.env.SDK_FROM ?? here, 'x.mjs'));
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default;
const ours = await import(pathToFileURL(join(resolve(oursDir), 'index.mjs')).href);
const base = await import(pathToFileURL(join(resolve(baseDir), 'index.mjs')).href);

const input = (params) => ({ action: 'RunCommand', params, ...credentials, region, timestamp });
const sdkSign = (params) =>
  Sign.sign3({
    method: 'POST', url: 'https://tat.tencentcloudapi.com/', payload: params, timestamp, service: 'tat',
    secretId: credentials.secretId, secretKey: credentials.secretKey, headers: { 'Content-Type': 'application/json' },
  });
/** CPU microseconds a call of `fn`, over `n` calls. */
function cpu(fn, n) {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / n;
}

for (const [name, make, n] of [['typical', typical, 20000], ['largest', largest, 400]]) {
  const params = make();
  const a = ours.buildRequest(input(params));
  if (JSON.stringify(a) !== JSON.stringify(base.buildRequest(input(params)))) throw new Error(`${name}: the two builds differ`);
  if (!a.headers.Authorization.endsWith(sdkSign(params))) throw new Error(`${name}: signature differs from the official SDK`);
  const fns = { base: () => base.buildRequest(input(params)), ours: () => ours.buildRequest(input(params)), sdk: () => sdkSign(params) };
  for (const fn of Object.values(fns)) cpu(fn, n);
  const us = { base: [], ours: [], sdk: [] };
  for (let r = 0; r < Number(rounds); r++) for (const [k, fn] of Object.entries(fns)) us[k].push(cpu(fn, n));
  const ratio = (k) => median(us[k].map((v, i) => us.sdk[i] / v)).toFixed(2);
  const speedup = median(us.ours.map((v, i) => us.base[i] / v)).toFixed(3);
  console.log(`${name}: base ${median(us.base).toFixed(2)} us (${ratio('base')}x the SDK), ours ${median(us.ours).toFixed(2)} us (${ratio('ours')}x), SDK ${median(us.sdk).toFixed(2)} us; ours/base ${speedup}x`);
}
