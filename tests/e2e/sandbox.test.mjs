// The sandbox without a browser: its TC3 check against the official SDKs' vectors, its answers
// over the simulated fleet, the frequency limit, relay mode against a local fake upstream, and
// the server as a program.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { root, tat, startServer, DEMO_CREDENTIALS, spawnServer, callApi } from './helpers.mjs';
import { verifyRequest, computeSignature, utcDate } from '../../www/sandbox/tc3.mjs';
import { createSandbox } from '../../www/sandbox/handlers.mjs';
// A sandbox on a hand-driven clock with a signer for any body (even one the package refuses).
import { sandboxAt } from '../emulator/helpers.mjs';
import { FLEET, PHASES } from '../../www/sandbox/fleet.mjs';

const { vectors } = JSON.parse(await readFile(join(root, 'tests/vectors/vectors.json'), 'utf8'));

/** A vector as the request a server receives: lower-case headers, the body's bytes. */
function received(v, headers) {
  return {
    method: v.method,
    path: '/',
    query: v.query ?? '',
    headers: Object.fromEntries(Object.entries(headers).map(([k, val]) => [k.toLowerCase(), val])),
    body: Buffer.from(v.method === 'GET' ? '' : v.body ?? '', 'utf8'),
  };
}
const keyOf = (v) => ({ secretKeyFor: (id) => (id === v.secret_id ? v.secret_key : undefined), now: v.timestamp, hosts: [] });

describe('TC3 verification (www/sandbox/tc3.mjs) against the official SDKs', () => {
  const signed = vectors.flatMap((v) => ['python', 'node'].filter((sdk) => v[sdk]?.headers).map((sdk) => [v, sdk]));

  test('there are vectors from both SDKs to check', () => {
    assert.ok(signed.filter(([, sdk]) => sdk === 'python').length >= 36);
    assert.ok(signed.filter(([, sdk]) => sdk === 'node').length >= 36);
  });

  // Vectors that also sign x-tc-action carry only the Authorization (Python's sign_tc3): the
  // request around it is the one every vector describes.
  for (const v of vectors.filter((x) => !x.python?.headers && x.python?.authorization)) {
    test(`accepts ${v.name} (SignedHeaders ${v.signed_headers}, Python's sign_tc3)`, () => {
      const headers = {
        Authorization: v.python.authorization,
        'Content-Type': 'application/json',
        Host: v.host,
        'X-TC-Action': v.action,
        'X-TC-Timestamp': String(v.timestamp),
        'X-TC-Version': '2020-10-28',
      };
      assert.deepEqual(verifyRequest(received(v, headers), keyOf(v)), { ok: true, secretId: v.secret_id, timestamp: v.timestamp });
      headers['X-TC-Action'] = v.action === 'RunCommand' ? 'DescribeInvocations' : 'RunCommand';
      assert.equal(verifyRequest(received(v, headers), keyOf(v)).code, 'AuthFailure.SignatureFailure');
    });
  }

  for (const [v, sdk] of signed) {
    test(`accepts ${v.name} signed by the ${sdk} SDK`, () => {
      const verdict = verifyRequest(received(v, v[sdk].headers), keyOf(v));
      assert.deepEqual(verdict, { ok: true, secretId: v.secret_id, timestamp: v.timestamp });
      const auth = v[sdk].headers.Authorization;
      assert.ok(auth.endsWith(computeSignature({ ...received(v, v[sdk].headers), signedHeaders: v.signed_headers.split(';'), timestamp: v.timestamp, service: 'tat', secretKey: v.secret_key })));
    });
  }

  const post = vectors.find((v) => v.name === 'everything');
  const get = vectors.find((v) => v.name === 'get-nested-filters');
  const base = () => received(post, post.python.headers);
  const refused = (request, options = {}) => verifyRequest(request, { ...keyOf(post), ...options });

  test('refuses a changed body', () => {
    const r = base();
    r.body = Buffer.from(post.body.replace('"Timeout":60', '"Timeout":61'));
    assert.equal(refused(r).code, 'AuthFailure.SignatureFailure');
  });
  test('refuses a body that differs by one trailing byte', () => {
    const r = base();
    r.body = Buffer.concat([r.body, Buffer.from(' ')]);
    assert.equal(refused(r).code, 'AuthFailure.SignatureFailure');
  });
  test('refuses a changed signature', () => {
    const r = base();
    const sig = r.headers.authorization.slice(-64);
    const flipped = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
    r.headers.authorization = r.headers.authorization.slice(0, -64) + flipped;
    assert.equal(refused(r).code, 'AuthFailure.SignatureFailure');
  });
  test('refuses a changed query string', () => {
    const r = received(get, get.python.headers);
    r.query = r.query.replace('Limit=5', 'Limit=6');
    assert.equal(verifyRequest(r, keyOf(get)).code, 'AuthFailure.SignatureFailure');
  });
  test('refuses a changed signed header (Host) and a changed timestamp within the window', () => {
    const r = base();
    r.headers.host = 'tat.ap-beijing.tencentcloudapi.com';
    assert.equal(refused(r).code, 'AuthFailure.SignatureFailure');
    const s = base();
    s.headers['x-tc-timestamp'] = String(post.timestamp - 1);
    assert.equal(refused(s).code, 'AuthFailure.SignatureFailure');
  });
  test('a timestamp more than 5 minutes away is SignatureExpire, either way; 5 minutes is fine', () => {
    assert.equal(refused(base(), { now: post.timestamp + 301 }).code, 'AuthFailure.SignatureExpire');
    assert.equal(refused(base(), { now: post.timestamp - 301 }).code, 'AuthFailure.SignatureExpire');
    assert.equal(refused(base(), { now: post.timestamp + 300 }).ok, true);
    assert.equal(refused(base(), { now: post.timestamp - 300 }).ok, true);
  });
  test('a timestamp rewritten into the window does not rescue an old signature', () => {
    const r = base();
    r.headers['x-tc-timestamp'] = String(post.timestamp + 3600);
    assert.equal(refused(r, { now: post.timestamp + 3600 }).code, 'AuthFailure.SignatureFailure');
  });
  test('an unknown SecretId is SecretIdNotFound', () => {
    assert.equal(refused(base(), { secretKeyFor: () => undefined }).code, 'AuthFailure.SecretIdNotFound');
  });
  test('a wrong SecretKey is SignatureFailure', () => {
    assert.equal(refused(base(), { secretKeyFor: () => 'not-the-key' }).code, 'AuthFailure.SignatureFailure');
  });
  test('a missing or malformed Authorization is InvalidAuthorization', () => {
    for (const value of [undefined, '', 'Bearer x', post.python.headers.Authorization.replace('TC3-HMAC-SHA256', 'HMAC')]) {
      const r = base();
      r.headers.authorization = value;
      assert.equal(refused(r).code, 'AuthFailure.InvalidAuthorization', String(value));
    }
  });
  test('the official Node SDK\'s signature (service `127`, host without its port) verifies for loopback hosts only', () => {
    const timestamp = post.timestamp;
    const signedAs = (host, service) => {
      const name = host.replace(/:\d+$/, '');
      const headers = { 'content-type': 'application/json', host: name };
      const signature = computeSignature({ method: 'POST', path: '/', query: '', headers, body: Buffer.from(post.body), signedHeaders: ['content-type', 'host'], timestamp, service, secretKey: post.secret_key });
      return {
        method: 'POST', path: '/', query: '', body: Buffer.from(post.body),
        headers: { 'content-type': 'application/json', host, 'x-tc-timestamp': String(timestamp), authorization: `TC3-HMAC-SHA256 Credential=${post.secret_id}/${utcDate(timestamp)}/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}` },
      };
    };
    for (const [host, service] of [['127.0.0.1:9000', '127'], ['localhost:9000', 'localhost:9000'], ['[::1]:9000', '[::1]:9000'], ['127.0.0.1:9000', 'tat']]) {
      assert.equal(refused(signedAs(host, service)).ok, true, `${host} ${service}`);
    }
    assert.equal(refused(signedAs('example.com:9000', 'example')).code, 'AuthFailure.InvalidAuthorization');
    assert.equal(refused(signedAs('example.com:9000', 'tat')).code, 'AuthFailure.SignatureFailure');
    assert.equal(refused(signedAs('10.0.0.1:9000', '10')).code, 'AuthFailure.InvalidAuthorization');
  });
  test('a browser-sent request (Host is the sandbox) verifies against the service host only when allowed', () => {
    const r = base();
    r.headers.host = '127.0.0.1:8080';
    assert.equal(refused(r).code, 'AuthFailure.SignatureFailure');
    assert.equal(refused(r, { hosts: ['tat.tencentcloudapi.com'] }).ok, true);
  });
});

// ------------------------------------------------------------------------------ handlers

const ID = DEMO_CREDENTIALS.secretId;
const KEY = DEMO_CREDENTIALS.secretKey;

const script = (text) => tat.encodeContent(text);
const errorCode = (r) => r.Error?.Code;

describe('sandbox API (www/sandbox/handlers.mjs)', () => {
  test('RunCommand: tasks move PENDING -> DELIVERING -> RUNNING -> terminal, per the fleet', () => {
    const { clock, send } = sandboxAt();
    const ids = ['ins-web00001', 'ins-exit0001', 'ins-slow0001'];
    const run = send('RunCommand', { Content: script('echo hi'), InstanceIds: ids, Timeout: 5 });
    assert.match(run.InvocationId, /^inv-[a-z0-9]{8}$/);
    assert.match(run.CommandId, /^cmd-[a-z0-9]{8}$/);
    const statuses = () => send('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: [run.InvocationId] }] })
      .InvocationTaskSet.map((t) => t.TaskStatus);
    assert.deepEqual(statuses(), ['PENDING', 'PENDING', 'PENDING']);
    clock.ms += PHASES.pending * 1000;
    assert.deepEqual(statuses(), ['DELIVERING', 'DELIVERING', 'DELIVERING']);
    clock.ms += PHASES.delivering * 1000;
    assert.deepEqual(statuses(), ['RUNNING', 'RUNNING', 'RUNNING']);
    clock.ms += PHASES.running * 1000;
    assert.deepEqual(statuses(), ['SUCCESS', 'FAILED', 'RUNNING']);
    clock.ms += (5 - PHASES.running) * 1000;
    const done = send('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: [run.InvocationId] }] });
    assert.equal(done.TotalCount, 3);
    assert.deepEqual(done.InvocationTaskSet.map((t) => [t.InstanceId, t.TaskStatus, t.TaskResult.ExitCode]),
      [['ins-web00001', 'SUCCESS', 0], ['ins-exit0001', 'FAILED', 1], ['ins-slow0001', 'TIMEOUT', -1]]);
    for (const task of done.InvocationTaskSet) {
      assert.ok(tat.describeTaskStatus(task.TaskStatus).terminal);
      const output = tat.decodeOutput(task.TaskResult.Output);
      assert.match(output, /^\[simulated by the tat-request sandbox; nothing was executed\]\n/);
      assert.match(output, /\| echo hi\n/);
      assert.match(task.InvocationTaskId, /^invt-[a-z0-9]{8}$/);
      for (const k of ['StartTime', 'EndTime', 'CreatedTime', 'UpdatedTime']) assert.ok(!Number.isNaN(Date.parse(task[k])), k);
      assert.equal(tat.decodeOutput(task.CommandDocument.Content), 'echo hi');
    }
  });

  test('RunCommand answers the package\'s first error, in the request\'s language', () => {
    const { send } = sandboxAt();
    const params = { Content: 'not base64!', InstanceIds: ['ins-bad', 'ins-web00001'], Timeout: 0 };
    const expected = tat.validateRunCommand(params).errors[0];
    assert.deepEqual(send('RunCommand', params).Error, { Code: expected.code, Message: expected.message });
    const zh = tat.validateRunCommand(params, { language: 'zh-CN' }).errors[0];
    assert.deepEqual(send('RunCommand', params, { headers: { 'x-tc-language': 'zh-CN' } }).Error, { Code: zh.code, Message: zh.message });
    assert.equal(errorCode(send('RunCommand', { Content: script('x'), InstanceIds: ['ins-web00001', 'lhins-blog0001'] })), 'InvalidParameterValue.InconsistentInstance');
  });

  test('a parameter the action does not have is UnknownParameter, as the service answers; DefaultParameterConfs is not', () => {
    const { send } = sandboxAt();
    const base = { Content: script('echo hi'), InstanceIds: ['ins-web00001'] };
    const typo = send('RunCommand', { ...base, Timout: 60 }).Error;
    assert.equal(typo.Code, 'UnknownParameter');
    assert.match(typo.Message, /Timout/);
    assert.deepEqual(send('DescribeInvocations', { Limitt: 10 }).Error?.Code, 'UnknownParameter');
    assert.match(send('RunCommand', { ...base, DefaultParameterConfs: [] }).InvocationId, /^inv-/);
  });

  test('RunCommand: unknown, stopped, offline and unsupported instances', () => {
    const { send } = sandboxAt();
    const run = (ids, extra = {}) => errorCode(send('RunCommand', { Content: script('uptime'), InstanceIds: ids, ...extra }));
    assert.equal(run(['ins-web00001', 'ins-zzzzzzzz']), 'ResourceNotFound.InstanceNotFound');
    assert.equal(run(['ins-stopped1']), 'ResourceUnavailable.InstanceStateNotRunning');
    assert.equal(run(['ins-web00001', 'ins-agent0ff']), 'ResourceUnavailable.AgentStatusNotOnline');
    assert.equal(run(['ins-win00001']), 'InvalidParameterValue.AgentUnsupportedCommandType');
    assert.equal(run(['ins-web00001'], { CommandType: 'POWERSHELL' }), 'InvalidParameterValue.AgentUnsupportedCommandType');
    assert.equal(run(['ins-win00001'], { CommandType: 'POWERSHELL' }), undefined);
    assert.equal(run(['lhins-blog0001', 'lhins-blog0002']), undefined);
  });

  test('RunCommand replaces custom parameters in the simulated output and refuses a duplicate saved name', () => {
    const { clock, send } = sandboxAt();
    const run = send('RunCommand', { Content: script('echo {{who}} {{greeting}}'), InstanceIds: ['ins-web00001'], EnableParameter: true, Parameters: '{"who":"world"}', DefaultParameters: '{"greeting":"hello"}', SaveCommand: true, CommandName: 'greet' });
    clock.ms += 10_000;
    const [task] = send('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: [run.InvocationId] }] }).InvocationTaskSet;
    assert.match(tat.decodeOutput(task.TaskResult.Output), /\| echo world hello\n/);
    assert.equal(errorCode(send('RunCommand', { Content: script('x'), InstanceIds: ['ins-web00001'], SaveCommand: true, CommandName: 'greet' })), 'InvalidParameterValue.CommandNameDuplicated');
  });

  test('DescribeInvocations and DescribeInvocationTasks: filters, ids, paging, HideOutput', () => {
    const { clock, send } = sandboxAt();
    const a = send('RunCommand', { Content: script('a'), InstanceIds: ['ins-web00001', 'ins-exit0001'], Description: 'first' });
    const b = send('RunCommand', { Content: script('b'), InstanceIds: ['lhins-blog0001'] });
    clock.ms += 10_000;
    const all = send('DescribeInvocations', {});
    assert.equal(all.TotalCount, 2);
    assert.deepEqual(all.InvocationSet.map((i) => i.InvocationId), [b.InvocationId, a.InvocationId]);
    const [inv] = send('DescribeInvocations', { InvocationIds: [a.InvocationId] }).InvocationSet;
    assert.equal(inv.InvocationStatus, 'PARTIAL_FAILED');
    assert.equal(inv.Description, 'first');
    assert.deepEqual(inv.InvocationTaskBasicInfoSet.map((t) => [t.InstanceId, t.TaskStatus]), [['ins-web00001', 'SUCCESS'], ['ins-exit0001', 'FAILED']]);
    assert.equal(send('DescribeInvocations', { Filters: [{ Name: 'instance-kind', Values: ['LIGHTHOUSE'] }] }).InvocationSet[0].InvocationId, b.InvocationId);

    const tasks = send('DescribeInvocationTasks', { Limit: 2 });
    assert.equal(tasks.TotalCount, 3);
    assert.equal(tasks.InvocationTaskSet.length, 2);
    assert.equal(send('DescribeInvocationTasks', { Limit: 2, Offset: 2 }).InvocationTaskSet.length, 1);
    const one = tasks.InvocationTaskSet[1].InvocationTaskId;
    const byId = send('DescribeInvocationTasks', { InvocationTaskIds: [one], HideOutput: true });
    assert.deepEqual(byId.InvocationTaskSet.map((t) => [t.InvocationTaskId, t.TaskResult.Output]), [[one, '']]);
    assert.equal(send('DescribeInvocationTasks', { Filters: [{ Name: 'instance-id', Values: ['ins-exit0001'] }] }).InvocationTaskSet[0].TaskStatus, 'FAILED');
    // An unknown filter name: the package only warns (its lists may be behind the service's);
    // the emulator, standing for the service, knows its names and refuses it.
    assert.equal(tat.validate('DescribeInvocationTasks', { Filters: [{ Name: 'bogus', Values: ['x'] }] }).warnings[0].code, 'InvalidParameterValue.InvalidFilter');
    assert.equal(errorCode(send('DescribeInvocationTasks', { Filters: [{ Name: 'bogus', Values: ['x'] }] })), 'InvalidParameterValue.InvalidFilter');
  });

  test('accounts are separate: another account sees none of these tasks', () => {
    const clock = { ms: Date.now() };
    const other = 'AKIDsecondACCOUNT000000000000000000000';
    const sandbox = createSandbox({ tat, credentials: { [ID]: KEY, [other]: 'k2' }, now: () => clock.ms });
    const send = (secretId, secretKey, action, params) => {
      const built = tat.buildRequest({ action, params, secretId, secretKey, timestamp: Math.floor(clock.ms / 1000) });
      const headers = Object.fromEntries(Object.entries(built.headers).map(([k, v]) => [k.toLowerCase(), v]));
      return sandbox.handle({ method: 'POST', path: '/api', query: '', headers, body: Buffer.from(built.body) }).body.Response;
    };
    send(ID, KEY, 'RunCommand', { Content: script('x'), InstanceIds: ['ins-web00001'] });
    assert.equal(send(ID, KEY, 'DescribeInvocationTasks', {}).TotalCount, 1);
    assert.equal(send(other, 'k2', 'DescribeInvocationTasks', {}).TotalCount, 0);
  });

  test('authentication failures come before anything else, in the service\'s shape', () => {
    const { send } = sandboxAt();
    const params = { Content: script('x'), InstanceIds: ['ins-web00001'] };
    assert.equal(errorCode(send('RunCommand', params, { secretKey: 'wrong' })), 'AuthFailure.SignatureFailure');
    assert.equal(errorCode(send('RunCommand', params, { secretId: 'AKIDnobody', secretKey: 'x' })), 'AuthFailure.SecretIdNotFound');
    assert.equal(errorCode(send('NoSuchThing', params)), 'InvalidAction');
    assert.equal(errorCode(send('RunCommand', params, { headers: { 'x-tc-version': '2017-03-12' } })), 'NoSuchVersion');
    assert.equal(errorCode(send('RunCommand', null, { body: '{"Content":' })), 'InvalidParameter');
    assert.equal(errorCode(send('RunCommand', null, { body: '[1,2]' })), 'InvalidParameter');
  });

  test('more than 20 requests in a second: RequestLimitExceeded, per action, and fine again a second later', () => {
    const { clock, send } = sandboxAt();
    const codes = Array.from({ length: 21 }, () => errorCode(send('DescribeInvocations', {})));
    assert.deepEqual(codes.slice(0, 20), Array(20).fill(undefined));
    assert.equal(codes[20], 'RequestLimitExceeded');
    assert.equal(tat.describeError(codes[20]).retryable, true);
    assert.equal(errorCode(send('DescribeInvocationTasks', {})), undefined);
    clock.ms += 1000;
    assert.equal(errorCode(send('DescribeInvocations', {})), undefined);
  });

  test('the documented fleet', () => {
    const by = (b) => FLEET.filter((i) => b(i)).map((i) => i.InstanceId);
    assert.ok(by((i) => i.kind === 'CVM' && i.state === 'RUNNING' && i.agent === 'Online' && i.behaviour === 'success').length >= 1);
    assert.ok(by((i) => i.kind === 'LIGHTHOUSE' && i.behaviour === 'success').length >= 1);
    assert.deepEqual(by((i) => i.agent !== 'Online'), ['ins-agent0ff']);
    assert.deepEqual(by((i) => i.state !== 'RUNNING'), ['ins-stopped1']);
    assert.deepEqual(by((i) => i.behaviour === 'exit1'), ['ins-exit0001']);
    assert.deepEqual(by((i) => i.behaviour === 'timeout'), ['ins-slow0001']);
    for (const i of FLEET) assert.equal(tat.validateRunCommand({ Content: 'eA==', InstanceIds: [i.InstanceId] }).valid, true, i.InstanceId);
  });
});

// ------------------------------------------------------------------------------ server

describe('server (www/server.mjs)', () => {
  test('serves the page, the package and its config; nothing else', async () => {
    const { server, url } = await startServer({ port: 0 });
    try {
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy'), /form-action 'none'/);
      assert.match(await page.text(), /name="Content"/);
      assert.equal((await fetch(new URL('pkg/browser.js', url))).status, 200);
      assert.equal((await fetch(new URL('pkg/web/tat_request_bg.wasm', url))).headers.get('content-type'), 'application/wasm');
      const config = await (await fetch(new URL('config.json', url))).json();
      assert.equal(config.mode, 'sandbox');
      assert.equal(config.demo.secretId, DEMO_CREDENTIALS.secretId);
      assert.deepEqual(config.demo.instanceIds, ['ins-web00001']);
      for (const path of ['app/../server.mjs', 'app/%2e%2e/server.mjs', 'app/..%2fsandbox/tc3.mjs', 'pkg/%2e%2e/Cargo.toml', 'www/server.mjs']) {
        assert.equal((await fetch(new URL(path, url))).status, 404, path);
      }
      // A request signed by the package, as a Node user sends it.
      const r = await callApi(url, { action: 'RunCommand', params: { Content: script('id'), InstanceIds: ['ins-web00001'] } });
      assert.match(r.InvocationId, /^inv-/);
      // POST / as well, where the official SDKs send.
      const built = tat.buildRequest({ action: 'DescribeRegions', params: {}, secretId: DEMO_CREDENTIALS.secretId, secretKey: DEMO_CREDENTIALS.secretKey });
      const { Host, ...headers } = built.headers;
      const atRoot = await (await fetch(url, { method: 'POST', headers, body: built.body })).json();
      assert.ok(atRoot.Response.RegionSet.some((r) => r.Region === 'ap-guangzhou'));
    } finally {
      server.close();
    }
  });

  test('`node www/server.mjs` prints its URL and demo credentials, and PORT picks the port', async () => {
    const s = await spawnServer({ SANDBOX_SPEED: '50' });
    try {
      assert.match(s.output(), new RegExp(`SecretId  ${DEMO_CREDENTIALS.secretId}`));
      assert.match(s.output(), new RegExp(`SecretKey ${DEMO_CREDENTIALS.secretKey}`));
      const run = await callApi(s.url, { action: 'RunCommand', params: { Content: script('id'), InstanceIds: ['ins-web00001'] } });
      await new Promise((r) => setTimeout(r, 200)); // 3.6 s of simulated time at speed 50
      const tasks = await callApi(s.url, { action: 'DescribeInvocationTasks', params: { Filters: [{ Name: 'invocation-id', Values: [run.InvocationId] }] } });
      assert.equal(tasks.InvocationTaskSet[0].TaskStatus, 'SUCCESS');
    } finally {
      await s.stop();
    }
  });

  test('relay mode forwards the signed request unchanged and returns the answer', async () => {
    const seen = [];
    const upstream = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"from upstream"},"RequestId":"up-1"}}');
      });
    });
    await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
    const { server, url } = await startServer({ port: 0, upstream: `http://127.0.0.1:${upstream.address().port}/` });
    try {
      const config = await (await fetch(new URL('config.json', url))).json();
      assert.equal(config.mode, 'relay');
      assert.equal(config.demo, undefined);
      const built = tat.buildRequest({ action: 'RunCommand', params: { Content: script('echo 你好'), InstanceIds: ['ins-12345678'] }, secretId: 'AKIDreal', secretKey: 'real-secret', token: 'tok', region: 'ap-guangzhou', language: 'zh-CN' });
      const { Host, ...headers } = built.headers;
      const res = await fetch(new URL('api', url), { method: 'POST', headers: { ...headers, cookie: 'session=1', origin: url.slice(0, -1) }, body: built.body });
      assert.deepEqual(await res.json(), { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'from upstream' }, RequestId: 'up-1' } });
      assert.equal(seen.length, 1);
      const [got] = seen;
      assert.equal(got.method, 'POST');
      assert.equal(got.url, '/');
      assert.ok(got.body.equals(Buffer.from(built.body, 'utf8')), 'same body bytes');
      for (const [name, value] of Object.entries(headers)) assert.equal(got.headers[name.toLowerCase()], value, name);
      assert.equal(got.headers.cookie, undefined);
      assert.equal(got.headers.origin, undefined);
      assert.ok(!JSON.stringify(got).includes('real-secret'));
    } finally {
      server.close();
      upstream.close();
    }
  });

  test('relay mode: an unreachable upstream is a retryable error in the service\'s shape', async () => {
    const probe = createServer();
    await new Promise((r) => probe.listen(0, '127.0.0.1', r));
    const port = probe.address().port;
    await new Promise((r) => probe.close(r));
    const { server, url } = await startServer({ port: 0, upstream: `http://127.0.0.1:${port}/` });
    try {
      const res = await fetch(new URL('api', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(res.status, 502);
      const { Response } = await res.json();
      assert.match(Response.Error.Code, /^InternalError\./);
      assert.equal(tat.describeError(Response.Error.Code).retryable, true);
    } finally {
      server.close();
    }
  });

  test('relay mode refuses a clear-text upstream other than this machine', () => {
    return assert.rejects(startServer({ port: 0, upstream: 'http://tat.tencentcloudapi.com/' }), /https/);
  });
});
