#!/usr/bin/env node
// tat-request's command line (Node only; never imported by the package's entries):
//
//   npx tat-request sandbox [--port 9000] [--host 127.0.0.1] [--allow-host NAME]... [--speed 1]
//                           [--faults SPEC] [--seed N]
//
// starts the TAT emulator: the 29 actions of 2020-10-28 over a simulated fleet, at POST / and
// POST /api, for the official SDKs, tccli and this package. Nothing is ever executed.
import { parseArgs } from 'node:util';
import * as tat from '../index.mjs';
import { startEmulator, DEMO_CREDENTIALS } from '../sandbox/http.mjs';
import { FLEET, MANAGED } from '../sandbox/fleet.mjs';

const USAGE = `Usage: tat-request sandbox [--port 9000] [--host 127.0.0.1] [--allow-host NAME]... [--speed 1]
                         [--faults SPEC] [--seed N]

Starts a local TAT emulator (nothing is ever executed). --speed (or SANDBOX_SPEED) divides
every simulated duration; --port 0 picks a free port. It answers only requests whose Host is
127.0.0.1, localhost or [::1] with its port, or --host with its port (421 otherwise): with
--host 0.0.0.0 or behind a proxy, name each Host clients use with --allow-host (repeatable or
comma-separated; NAME alone stands for NAME and NAME:PORT) or ALLOWED_HOSTS.
--faults (or SANDBOX_FAULTS) injects the network's failures, for testing clients: SPEC is
kind=rate pairs, comma-separated, kinds drop (handled, then the connection is closed), late
(handled, answered late-ms later), gateway (handled, then an HTML 502 page), internal
(handled, then InternalError), limit (RequestLimitExceeded, not handled), unreached (an HTML
504 page, not handled); late-ms=N; actions=A+B limits them to those actions; max=N stops
after N faults. --seed N (or SANDBOX_SEED) repeats a sequence.
Example: --faults drop=0.05,internal=0.05,limit=0.05,actions=RunCommand --seed 7`;

function fail(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '9000' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-host': { type: 'string', multiple: true, default: [] },
      speed: { type: 'string', default: process.env.SANDBOX_SPEED ?? '1' },
      faults: { type: 'string', default: process.env.SANDBOX_FAULTS ?? '' },
      seed: { type: 'string', default: process.env.SANDBOX_SEED ?? '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  fail(e.message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals[0] !== 'sandbox' || positionals.length > 1) fail(`Unknown command: ${positionals.join(' ') || '(none)'}`);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not ${values.port}`);
const speed = Number(values.speed);
if (!Number.isFinite(speed) || speed <= 0) fail(`--speed must be a positive number, not ${values.speed}`);

const allowedHosts = [process.env.ALLOWED_HOSTS ?? '', ...values['allow-host']].flatMap((h) => h.split(','));

const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, not ${values.seed}`);
let started;
try {
  started = await startEmulator({ port, host: values.host, allowedHosts, tat, speed, faults: values.faults || undefined, seed });
} catch (e) {
  if (e?.code === 'InvalidFaults') fail(e.message);
  throw e;
}
const { url } = started;
const endpoint = url.replace(/^http:\/\//, '').replace(/\/$/, '');
const { secretId, secretKey, region } = DEMO_CREDENTIALS;
console.log(`TAT emulator (API 2020-10-28, simulated fleet, nothing is ever executed)
Endpoint:  ${url}   (POST / and POST /api)
SecretId:  ${secretId}
SecretKey: ${secretKey}
Region:    ${region} (any region is accepted)
Instances: ${[...FLEET, ...MANAGED].map((i) => i.InstanceId).join(' ')}${values.faults ? `\nFaults:    ${values.faults} (seed ${seed}): answers are lost on purpose` : ''}
           and ins-bulk0000 ... ins-bulk9999, lhins-bulk0000 ... lhins-bulk9999

Python SDK:  HttpProfile(protocol="http", endpoint="${endpoint}") in ClientProfile, CommonClient("tat", "2020-10-28", cred, "${region}", profile)
tccli:       tccli tat DescribeRegions --endpoint ${url.replace(/\/$/, '')} --secretId ${secretId} --secretKey ${secretKey} --region ${region}
Node SDK:    new CommonClient("${endpoint}", "2020-10-28", { credential: { secretId, secretKey }, region: "${region}", profile: { httpProfile: { endpoint: "${endpoint}", protocol: "http://" } } })
tat-request: buildRequest({ ..., host: "tat.tencentcloudapi.com" }) and fetch("${url}", { method: "POST", headers, body })`);
