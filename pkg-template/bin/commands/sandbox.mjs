// tat-request sandbox: the TAT emulator (the 29 actions of 2020-10-28 over a simulated fleet,
// at POST / and POST /api, for the official SDKs, tccli and this package). With --exec, the
// local instances of sandbox/exec.mjs run their SHELL scripts on this machine.
import { userInfo } from 'node:os';
import { tat, parse, guarded, UsageError, EXIT } from './common.mjs';
import { startEmulator, DEMO_CREDENTIALS } from '../../sandbox/http.mjs';
import { FLEET, MANAGED } from '../../sandbox/fleet.mjs';
import { LOCAL_INSTANCES } from '../../sandbox/exec.mjs';

/** The command's options, one a line (node:util parseArgs). */
const OPTIONS = {
  port: { type: 'string', default: process.env.PORT ?? '9000' },
  host: { type: 'string', default: '127.0.0.1' },
  'allow-host': { type: 'string', multiple: true, default: [] },
  speed: { type: 'string', default: process.env.SANDBOX_SPEED ?? '1' },
  exec: { type: 'boolean', default: process.env.SANDBOX_EXEC === '1' },
  faults: { type: 'string', default: process.env.SANDBOX_FAULTS ?? '' },
  seed: { type: 'string', default: process.env.SANDBOX_SEED ?? '1' },
};

const USAGE = `Usage: tat-request sandbox [--port 9000] [--host 127.0.0.1] [--allow-host NAME]... [--speed 1] [--exec]
                         [--faults SPEC] [--seed N]

Starts a local TAT emulator. --speed (or SANDBOX_SPEED) divides every simulated duration;
--port 0 picks a free port. It answers only requests whose Host is 127.0.0.1, localhost or
[::1] with its port, or --host with its port (421 otherwise): with --host 0.0.0.0 or behind a
proxy, name each Host clients use with --allow-host (repeatable or comma-separated; NAME alone
stands for NAME and NAME:PORT) or ALLOWED_HOSTS.

--faults (or SANDBOX_FAULTS) injects the network's failures, for testing clients: SPEC is
kind=rate pairs, comma-separated, kinds drop (handled, then the connection is closed), late
(handled, answered late-ms later), gateway (handled, then an HTML 502 page), internal
(handled, then InternalError), limit (RequestLimitExceeded, not handled), unreached (an HTML
504 page, not handled); late-ms=N; actions=A+B limits them to those actions; max=N stops
after N faults. --seed N (or SANDBOX_SEED) repeats a sequence.
Example: --faults drop=0.05,internal=0.05,limit=0.05,actions=RunCommand --seed 7

Without --exec nothing is ever executed. --exec (or SANDBOX_EXEC=1) adds the instances
${LOCAL_INSTANCES.map((i) => i.InstanceId).join(' and ')}, whose SHELL scripts RUN ON THIS MACHINE as the user running
the emulator, each in a folder of its own (a new temporary folder; WorkingDirectory is read
inside it). Timeout kills the script's process group (TIMEOUT), CancelInvocation likewise. The
account's SecretKey is then new at each start and printed below (the public demo key runs
nothing), and the emulator listens on loopback only.`;

export function main(args) {
  return guarded(USAGE, async () => {
    const parsed = parse(args, OPTIONS, USAGE);
    if (!parsed) return EXIT.ok;
    const { values } = parsed;
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be a port number, not ${values.port}`);
    const speed = Number(values.speed);
    if (!Number.isFinite(speed) || speed <= 0) throw new UsageError(`--speed must be a positive number, not ${values.speed}`);
    const allowedHosts = [process.env.ALLOWED_HOSTS ?? '', ...values['allow-host']].flatMap((h) => h.split(','));
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, not ${values.seed}`);

    let started;
    try {
      started = await startEmulator({ port, host: values.host, allowedHosts, tat, speed, exec: values.exec, faults: values.faults || undefined, seed });
    } catch (e) {
      throw new UsageError(e.message);
    }
    const { url, credentials, exec } = started;
    const endpoint = url.replace(/^http:\/\//, '').replace(/\/$/, '');
    const [[secretId, secretKey]] = Object.entries(credentials);
    const { region } = DEMO_CREDENTIALS;
    const local = exec ? `${[...exec.instances.keys()].join(' ')} (run SHELL scripts here)\n           ` : '';
    console.log(`TAT emulator (API 2020-10-28, ${exec ? `simulated fleet; LOCAL INSTANCES RUN SCRIPTS ON THIS MACHINE as ${userInfo().username} in ${exec.dir}` : 'simulated fleet, nothing is ever executed'})
Endpoint:  ${url}   (POST / and POST /api)
SecretId:  ${secretId}
SecretKey: ${secretKey}${exec ? '   (new at each start)' : ''}
Region:    ${region} (any region is accepted)
Instances: ${local}${[...FLEET, ...MANAGED].map((i) => i.InstanceId).join(' ')}${values.faults ? `\nFaults:    ${values.faults} (seed ${seed}): answers are lost on purpose` : ''}
           and ins-bulk0000 ... ins-bulk9999, lhins-bulk0000 ... lhins-bulk9999

Python SDK:  HttpProfile(protocol="http", endpoint="${endpoint}") in ClientProfile, CommonClient("tat", "2020-10-28", cred, "${region}", profile)
tccli:       tccli tat DescribeRegions --endpoint ${url.replace(/\/$/, '')} --secretId ${secretId} --secretKey ${secretKey} --region ${region}
Node SDK:    new CommonClient("${endpoint}", "2020-10-28", { credential: { secretId, secretKey }, region: "${region}", profile: { httpProfile: { endpoint: "${endpoint}", protocol: "http://" } } })
tat-request: buildRequest({ ..., host: "tat.tencentcloudapi.com" }) and fetch("${url}", { method: "POST", headers, body })
             TENCENTCLOUD_SECRET_ID=${secretId} TENCENTCLOUD_SECRET_KEY=${secretKey} tat-request shell --endpoint ${url} --instance ${exec ? 'ins-local001' : 'ins-web00001'}`);
    if (exec) {
      // Scripts still running die with the emulator; their folders go too.
      const stop = () => exec.close().finally(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
    return new Promise(() => {}); // serves until killed
  });
}
