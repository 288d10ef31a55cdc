// The official clients, unchanged, against the emulator started as a user starts it: the npm
// package's bin (`tat-request sandbox`, pkg/ packed and installed), with nothing but its printed endpoint and
// credentials. The official Python SDK (CommonClient, HttpProfile protocol "http"), tccli
// (--endpoint http://127.0.0.1:PORT) and the official Node SDK (CommonClient, httpProfile
// protocol "http://") each run a command and read its tasks until they end, and get the
// service's error codes. They are installed, pinned, by tests/emulator/install-clients.sh.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { root, tat, b64, unb64 } from './helpers.mjs';
import { raw } from '../e2e/helpers.mjs';

const here = join(root, 'tests/emulator');
const python = join(here, '.venv/bin/python');
const tccli = join(here, '.venv/bin/tccli');
const nodeSdk = join(here, 'node_modules/tencentcloud-sdk-nodejs-common');
for (const path of [python, tccli, nodeSdk]) {
  if (!existsSync(path)) throw new Error(`${path} is missing: run tests/emulator/install-clients.sh (make test-emulator does)`);
}
const run = promisify(execFile);

/**
 * The package as a user gets it: pkg/ packed and installed into a fresh folder, whose
 * `node_modules/.bin/tat-request` is the bin (so it runs without the repository's files).
 */
async function installPackage() {
  const dir = mkdtempSync(join(tmpdir(), 'tat-request-bin-'));
  const { stdout } = await run('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], { cwd: join(root, 'pkg') });
  writeFileSync(join(dir, 'package.json'), '{ "name": "bin-user", "private": true }');
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(dir, stdout.trim().split('\n').at(-1))], { cwd: dir });
  return { dir, bin: join(dir, 'node_modules/.bin/tat-request') };
}

/** `tat-request sandbox`; resolves what it printed, parsed. */
function startBin(bin, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${output}`)), 15000);
    const onData = (chunk) => {
      output += chunk;
      const m = /Endpoint:\s+(http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(output);
      const id = /SecretId:\s+(\S+)/.exec(output);
      const key = /SecretKey:\s+(\S+)/.exec(output);
      if (m && id && key && /tat-request:/.test(output)) {
        clearTimeout(timer);
        resolve({ child, output, url: m[1], endpoint: `127.0.0.1:${m[2]}`, secretId: id[1], secretKey: key[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}):\n${output}`)));
  });
}

let installed;
let emulator;
before(async () => {
  installed = await installPackage();
  emulator = await startBin(installed.bin, ['--port', '0', '--speed', '20', '--allow-host', 'emu.example', '--allow-host', 'other.example:9443,third.example']);
});
after(() => {
  emulator?.child.kill('SIGTERM');
  if (installed) rmSync(installed.dir, { recursive: true, force: true });
});

const SCRIPT = 'echo "hello from an official client"\nuptime';

/** The tasks of a run, as a client read them once all had ended. */
function checkTasks(tasks, invocationId) {
  assert.deepEqual(tasks.map((t) => [t.InvocationId, t.InstanceId, t.TaskStatus, t.TaskResult.ExitCode]), [
    [invocationId, 'ins-web00001', 'SUCCESS', 0],
    [invocationId, 'ins-exit0001', 'FAILED', 1],
  ]);
  for (const t of tasks) {
    assert.equal(unb64(t.CommandDocument.Content), SCRIPT);
    assert.match(unb64(t.TaskResult.Output), /^\[simulated by the tat-request sandbox; nothing was executed\]\n/);
    assert.equal(t.CommandName, 'from-client');
  }
}

/**
 * The other main flows, as one list of calls whose answers each client returns in order:
 * commands, invokers, agents, quotas and a cancel. `$name` refers to an earlier answer's field.
 */
const FLOWS = [
  ['CreateCommand', { CommandName: 'client-flow', Content: b64('echo {{who}}'), EnableParameter: true, DefaultParameters: '{"who":"world"}' }],
  ['InvokeCommand', { CommandId: '$CommandId', InstanceIds: ['ins-web00001'], Parameters: '{"who":"client"}' }],
  ['DescribeInvocations', { InvocationIds: ['$InvocationId'] }],
  ['PreviewReplacedCommandContent', { CommandId: '$CommandId' }],
  ['CreateInvoker', { Name: 'client-invoker', Type: 'SCHEDULE', CommandId: '$CommandId', InstanceIds: ['ins-web00001'], ScheduleSettings: { Policy: 'RECURRENCE', Recurrence: '0 9 * * *' } }],
  ['DescribeInvokers', { InvokerIds: ['$InvokerId'] }],
  ['DeleteInvoker', { InvokerId: '$InvokerId' }],
  ['DeleteCommand', { CommandId: '$CommandId' }],
  ['DescribeAutomationAgentStatus', { InstanceIds: ['ins-web00001', 'ins-agent0ff'] }],
  ['DescribeQuotas', { ResourceNames: ['COMMAND'] }],
  ['RunCommand', { Content: b64('sleep 100'), InstanceIds: ['ins-slow0001'] }],
  ['CancelInvocation', { InvocationId: '$InvocationId' }],
];

/** Replaces `$Field` values with the latest earlier answer's field. */
function resolve(params, answers) {
  return JSON.parse(JSON.stringify(params), (_k, v) => (typeof v === 'string' && v.startsWith('$') ? answers.findLast((a) => a[v.slice(1)] !== undefined)[v.slice(1)] : v));
}

/** The answers of `flows` (FLOWS or its first calls), checked. */
function checkFlows(answers, flows = FLOWS) {
  assert.equal(answers.length, flows.length);
  const by = (action) => answers[flows.findIndex(([a]) => a === action)];
  const has = (action) => flows.some(([a]) => a === action);
  assert.match(by('CreateCommand').CommandId, /^cmd-/);
  const [inv] = by('DescribeInvocations').InvocationSet;
  assert.deepEqual([inv.CommandName, inv.Parameters, inv.InvocationSource], ['client-flow', '{"who":"client"}', 'USER']);
  if (has('PreviewReplacedCommandContent')) assert.equal(unb64(by('PreviewReplacedCommandContent').ReplacedContent), 'echo world');
  if (has('DescribeInvokers')) {
    const [invoker] = by('DescribeInvokers').InvokerSet;
    assert.deepEqual([invoker.Name, invoker.Enable, invoker.ScheduleSettings.Recurrence], ['client-invoker', true, '0 9 * * *']);
  }
  if (has('DescribeAutomationAgentStatus')) assert.deepEqual(by('DescribeAutomationAgentStatus').AutomationAgentSet.map((a) => a.AgentStatus), ['Online', 'Offline']);
  if (has('DescribeQuotas')) assert.deepEqual(by('DescribeQuotas').GeneralResourceQuotaSet, [{ ResourceName: 'COMMAND', ResourceQuotaUsed: 0, ResourceQuotaTotal: 500 }]);
  for (const a of answers) assert.equal(typeof a.RequestId, 'string');
}

/** The headers every answer of the emulator carries (www/sandbox/guard.mjs SECURITY_HEADERS). */
function assertSecurityHeaders(res, what) {
  assert.equal(res.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", `${what}: CSP`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(res.headers['referrer-policy'], 'no-referrer', `${what}: referrer-policy`);
  assert.equal(res.headers['cache-control'], 'no-store', `${what}: cache-control`);
}

describe('the bin', () => {
  test('prints the endpoint, the demo credentials and each client\'s settings', () => {
    const o = emulator.output;
    assert.match(o, /SecretId:\s+AKIDsandboxDEMO0000000000000000000000/);
    assert.match(o, new RegExp(`HttpProfile\\(protocol="http", endpoint="${emulator.endpoint}"\\)`));
    assert.match(o, new RegExp(`--endpoint http://${emulator.endpoint}`));
    assert.match(o, new RegExp(`httpProfile: \\{ endpoint: "${emulator.endpoint}", protocol: "http://" \\}`));
  });

  test('every answer is in the service\'s shape: unknown paths, wrong methods, bad JSON, no signature', async () => {
    const shape = async (res, status, code) => {
      assert.equal(res.status, status);
      assert.equal(res.headers.get('content-type'), 'application/json');
      const body = await res.json();
      assert.equal(body.Response.Error.Code, code);
      assert.equal(typeof body.Response.Error.Message, 'string');
      assert.equal(typeof body.Response.RequestId, 'string');
      assertSecurityHeaders({ headers: Object.fromEntries(res.headers) }, `${status} ${code}`);
    };
    await shape(await fetch(new URL('nowhere', emulator.url)), 404, 'ResourceNotFound');
    await shape(await fetch(emulator.url, { method: 'PUT', body: '{}' }), 200, 'UnsupportedProtocol');
    await shape(await fetch(emulator.url, { method: 'DELETE' }), 200, 'UnsupportedProtocol');
    await shape(await fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"Content":' }), 200, 'AuthFailure.InvalidAuthorization');
    await shape(await fetch(emulator.url, { method: 'POST', body: 'x'.repeat((1 << 20) + 1) }), 413, 'RequestSizeLimitExceeded');
    await shape(await fetch(new URL('api', emulator.url)), 200, 'AuthFailure.InvalidAuthorization');
  });

  /** Asserts an answer of the emulator's own: `status`, the service's error shape, the security headers. */
  function assertRefusal(res, status, code, what) {
    assert.equal(res.status, status, what);
    assert.equal(res.headers['content-type'], 'application/json', what);
    const { Response } = JSON.parse(res.body);
    assert.equal(Response.Error.Code, code, what);
    assert.match(Response.RequestId, /^[0-9a-f-]{36}$/, what);
    assertSecurityHeaders(res, what);
  }

  /** A request signed by the package (for the service host), as headers and body for `raw`. */
  function signed(action, params) {
    const built = tat.buildRequest({ action, params, secretId: emulator.secretId, secretKey: emulator.secretKey, region: 'ap-guangzhou' });
    const { Host, ...headers } = built.headers;
    return { headers, body: built.body };
  }

  /** The account's saved commands named `prefix…`: what a refused request must not have made. */
  async function commandsNamed(prefix) {
    const list = signed('DescribeCommands', { Limit: 100 });
    const res = await raw(emulator.url, { method: 'POST', headers: { ...list.headers, host: emulator.endpoint }, body: list.body });
    return JSON.parse(res.body).Response.CommandSet.map((c) => c.CommandName).filter((n) => n.startsWith(prefix));
  }

  test('answers its own addresses and the --allow-host names, and its own origin', async () => {
    const port = emulator.endpoint.split(':')[1];
    const cases = [[emulator.endpoint], [`localhost:${port}`], [`LocalHost:${port}`], [`[::1]:${port}`], [`http://${emulator.endpoint}`], ['emu.example'], [`emu.example:${port}`], ['other.example:9443'], ['third.example'], [emulator.endpoint, `http://${emulator.endpoint}`]];
    for (const [host, origin] of cases) {
      const { headers, body } = signed('DescribeRegions', {});
      const res = await raw(emulator.url, { method: 'POST', headers: { ...headers, host, ...(origin && { origin }) }, body });
      assert.equal(res.status, 200, host);
      const { Response } = JSON.parse(res.body);
      assert.equal(Response.Error, undefined, `${host}: ${res.body}`);
      assert.ok(Response.RegionSet.some((r) => r.Region === 'ap-guangzhou'), host);
      assertSecurityHeaders(res, host);
    }
  });

  test('refuses any other Host with 421 before the sandbox (DNS rebinding)', async () => {
    const port = Number(emulator.endpoint.split(':')[1]);
    const foreign = ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.evil.example:${port}`, 'other.example', `emu.example:${port + 1}`, `127.0.0.1:${port}@evil.example`, `http://evil.example:${port}`, `ftp://${emulator.endpoint}`];
    for (const [n, host] of foreign.entries()) {
      const { headers, body } = signed('CreateCommand', { CommandName: `host-${n}`, Content: b64('id') });
      for (const [method, path] of [['POST', '/'], ['POST', '/api'], ['GET', '/nowhere']]) {
        assertRefusal(await raw(emulator.url, { method, path, headers: { ...headers, host }, body: method === 'POST' ? body : undefined }), 421, 'NoSuchProduct', `${host} ${method} ${path}`);
      }
    }
    // HTTP/1.0 may leave Host out: nothing is served without one.
    const text = await new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end('POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}'));
      let got = '';
      socket.on('data', (c) => (got += c));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
    assert.match(text, /^HTTP\/1\.1 421 [^]*"Code":"NoSuchProduct"/);
    assert.deepEqual(await commandsNamed('host-'), []);
  });

  test('refuses a page of another site with 403 before the sandbox, even a "simple" POST', async () => {
    const own = emulator.endpoint;
    const origins = ['http://evil.example', `http://localhost:${own.split(':')[1]}`, 'null', `http://${own}.evil.example`, `http://${own}:1`, 'not a url', `ftp://${own}`];
    for (const [n, origin] of origins.entries()) {
      const { headers, body } = signed('CreateCommand', { CommandName: `origin-${n}`, Content: b64('id') });
      for (const path of ['/', '/api']) {
        assertRefusal(await raw(emulator.url, { method: 'POST', path, headers: { ...headers, host: own, origin }, body }), 403, 'AuthFailure.UnauthorizedOperation', `${origin} ${path}`);
      }
    }
    // What a form or a no-cors fetch can send without a preflight.
    const simple = await raw(emulator.url, { method: 'POST', headers: { host: own, origin: 'http://evil.example', 'content-type': 'text/plain' }, body: '{}' });
    assertRefusal(simple, 403, 'AuthFailure.UnauthorizedOperation', 'text/plain POST');
    assert.deepEqual(await commandsNamed('origin-'), []);
  });

  test('a body over 1 MiB is refused with 413 when declared, before it is sent', async () => {
    const res = await raw(emulator.url, { method: 'POST', headers: { host: emulator.endpoint, 'content-type': 'application/json', 'content-length': String((1 << 20) + 1) } });
    assertRefusal(res, 413, 'RequestSizeLimitExceeded', 'declared');
    assert.equal(res.headers.connection, 'close');
  });

  test('refuses a bad command line', async () => {
    const { bin } = installed;
    await assert.rejects(run(bin, ['serve']), (e) => e.code === 2 && /Unknown command: serve/.test(e.stderr));
    await assert.rejects(run(bin, ['sandbox', '--port', 'x']), (e) => e.code === 2 && /--port must be a port number/.test(e.stderr));
    const help = await run(bin, ['--help']);
    assert.match(help.stdout, /^Usage: tat-request COMMAND/);
    assert.match(help.stdout, /^ {2}sandbox +Starts a local TAT emulator/m);
    const sandboxHelp = await run(bin, ['sandbox', '--help']);
    assert.match(sandboxHelp.stdout, /^Usage: tat-request sandbox/);
    assert.match(sandboxHelp.stdout, /--allow-host NAME/);
  });
});

describe('official Python SDK (tencentcloud-sdk-python CommonClient)', () => {
  const program = `
import json, sys, time
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

endpoint, secret_id, secret_key, content = sys.argv[1:5]
profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
client = CommonClient("tat", "2020-10-28", credential.Credential(secret_id, secret_key), "ap-guangzhou", profile=profile)
out = {}
run = client.call_json("RunCommand", {"Content": content, "InstanceIds": ["ins-web00001", "ins-exit0001"], "CommandName": "from-client"})["Response"]
out["run"] = run
for _ in range(100):
    tasks = client.call_json("DescribeInvocationTasks", {"Filters": [{"Name": "invocation-id", "Values": [run["InvocationId"]]}]})["Response"]
    if all(t["EndTime"] for t in tasks["InvocationTaskSet"]):
        break
    time.sleep(0.05)
out["tasks"] = tasks["InvocationTaskSet"]
errors = []
for action, params in [("RunCommand", {"Content": content, "InstanceIds": ["ins-agent0ff"]}),
                       ("DescribeInvocationTasks", {"Limit": 1000}),
                       ("NoSuchAction", {})]:
    try:
        client.call_json(action, params)
        errors.append(None)
    except TencentCloudSDKException as e:
        errors.append(e.get_code())
out["errors"] = errors
print(json.dumps(out))
`;

  test('commands, invokers, agents, quotas and a cancel', async () => {
    const flows = `
import json, sys
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

endpoint, secret_id, secret_key, calls = sys.argv[1:5]
profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
client = CommonClient("tat", "2020-10-28", credential.Credential(secret_id, secret_key), "ap-guangzhou", profile=profile)
answers = []
def resolve(v):
    if isinstance(v, str) and v.startswith("$"):
        return next(a[v[1:]] for a in reversed(answers) if v[1:] in a)
    if isinstance(v, list): return [resolve(x) for x in v]
    if isinstance(v, dict): return {k: resolve(x) for k, x in v.items()}
    return v
for action, params in json.loads(calls):
    answers.append(client.call_json(action, resolve(params))["Response"])
print(json.dumps(answers))
`;
    const { stdout } = await run(python, ['-c', flows, emulator.endpoint, emulator.secretId, emulator.secretKey, JSON.stringify(FLOWS)]);
    checkFlows(JSON.parse(stdout));
  });

  test('RunCommand, DescribeInvocationTasks until the tasks end, and the service\'s error codes', async () => {
    const { stdout } = await run(python, ['-c', program, emulator.endpoint, emulator.secretId, emulator.secretKey, b64(SCRIPT)]);
    const out = JSON.parse(stdout);
    assert.match(out.run.InvocationId, /^inv-[a-z0-9]{8}$/);
    checkTasks(out.tasks, out.run.InvocationId);
    assert.deepEqual(out.errors, ['ResourceUnavailable.AgentStatusNotOnline', 'InvalidParameterValue.Range', 'InvalidAction']);
  });
});

describe('tccli', () => {
  // Credentials from the environment and a temporary HOME: never the user's ~/.tencentcloud.
  let home;
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'tccli-home-'));
  });
  after(() => rmSync(home, { recursive: true, force: true }));
  const tc = (...args) => run(tccli, ['tat', ...args, '--endpoint', emulator.url.replace(/\/$/, '')], {
    env: { PATH: process.env.PATH, HOME: home, TENCENTCLOUD_SECRET_ID: emulator.secretId, TENCENTCLOUD_SECRET_KEY: emulator.secretKey, TENCENTCLOUD_REGION: 'ap-guangzhou' },
  });

  // tccli starts Python and the whole SDK for each call (seconds on a busy machine): the
  // command and invoker flows only (which delete what they made, as the others do).
  test('commands and invokers', async () => {
    const flows = FLOWS.slice(0, FLOWS.findIndex(([a]) => a === 'DeleteCommand') + 1).filter(([a]) => a !== 'PreviewReplacedCommandContent');
    const answers = [];
    for (const [action, params] of flows) {
      const args = Object.entries(resolve(params, answers)).flatMap(([k, v]) => [`--${k}`, typeof v === 'string' ? v : JSON.stringify(v)]);
      answers.push(JSON.parse((await tc(action, ...args)).stdout));
    }
    checkFlows(answers, flows);
  });

  test('RunCommand, DescribeInvocationTasks until the tasks end, and an error code', async () => {
    const runAnswer = JSON.parse((await tc('RunCommand', '--Content', b64(SCRIPT), '--InstanceIds', '["ins-web00001","ins-exit0001"]', '--CommandName', 'from-client')).stdout);
    assert.match(runAnswer.InvocationId, /^inv-[a-z0-9]{8}$/);
    let tasks;
    for (let n = 0; n < 50; n += 1) {
      tasks = JSON.parse((await tc('DescribeInvocationTasks', '--Filters', JSON.stringify([{ Name: 'invocation-id', Values: [runAnswer.InvocationId] }]))).stdout).InvocationTaskSet;
      if (tasks.every((t) => t.EndTime)) break;
    }
    checkTasks(tasks, runAnswer.InvocationId);
    const refused = await tc('RunCommand', '--Content', b64(SCRIPT), '--InstanceIds', '["ins-stopped1"]').then(
      (r) => r.stdout + r.stderr,
      (e) => e.stdout + e.stderr,
    );
    assert.match(refused, /ResourceUnavailable\.InstanceStateNotRunning/);
  });
});

describe('official Node SDK (tencentcloud-sdk-nodejs-common CommonClient)', () => {
  // It names the signature's service after the endpoint's first label (127) and signs the host
  // without its port: the emulator accepts both for loopback hosts only (tc3.mjs).
  const { CommonClient } = createRequire(import.meta.url)(nodeSdk);
  const client = () => new CommonClient(emulator.endpoint, '2020-10-28', {
    credential: { secretId: emulator.secretId, secretKey: emulator.secretKey },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: emulator.endpoint, protocol: 'http://' } },
  });

  test('RunCommand, DescribeInvocationTasks until the tasks end, and the service\'s error codes', async () => {
    const c = client();
    const runAnswer = await c.request('RunCommand', { Content: b64(SCRIPT), InstanceIds: ['ins-web00001', 'ins-exit0001'], CommandName: 'from-client' });
    assert.match(runAnswer.InvocationId, /^inv-[a-z0-9]{8}$/);
    let tasks;
    for (let n = 0; n < 100; n += 1) {
      ({ InvocationTaskSet: tasks } = await c.request('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: [runAnswer.InvocationId] }] }));
      if (tasks.every((t) => t.EndTime)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    checkTasks(tasks, runAnswer.InvocationId);
    await assert.rejects(c.request('RunCommand', { Content: b64(SCRIPT), InstanceIds: ['ins-zzzzzzzz'] }), (e) => e.code === 'ResourceNotFound.InstanceNotFound');
    await assert.rejects(c.request('CreateCommand', { CommandName: 'x' }), (e) => e.code === 'MissingParameter');
  });

  test('commands, invokers, agents, quotas and a cancel', async () => {
    const c = client();
    const answers = [];
    for (const [action, params] of FLOWS) answers.push(await c.request(action, resolve(params, answers)));
    checkFlows(answers);
  });

  test('a wrong secret key is still refused through the loosened check', async () => {
    const c = new CommonClient(emulator.endpoint, '2020-10-28', {
      credential: { secretId: emulator.secretId, secretKey: 'not-the-key' },
      region: 'ap-guangzhou',
      profile: { httpProfile: { endpoint: emulator.endpoint, protocol: 'http://' } },
    });
    await assert.rejects(c.request('DescribeRegions', {}), (e) => e.code === 'AuthFailure.SignatureFailure');
  });
});
