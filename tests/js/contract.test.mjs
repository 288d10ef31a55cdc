// The public JS contract (DESIGN.md), through `import * as tat from 'tat-request'` in Node ESM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tat from 'tat-request';
import init from 'tat-request';
import { createRequire } from 'node:module';

const valid = { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] };
const pairs = (r) => r.errors.map((e) => [e.field, e.code]);

// What every entry exports (index.d.ts declares the same): nothing more, such as the
// `__`-prefixed helpers the entries use, and nothing less.
const EXPORTS = ['Pacer', 'TatError', 'buildRequest', 'createClient', 'decodeOutput', 'default', 'describeError',
  'describeTaskStatus', 'encodeContent', 'forgetCredentials', 'initSync', 'limits', 'listPlaceholders', 'loadLanguage', 'memoryBytes',
  'parseResponse', 'previewContent', 'splitRunCommand', 'validate', 'validateRunCommand'];

test('exports exactly the documented functions, with no init step in Node', async () => {
  await init(); // a no-op in Node, there for code shared with browsers
  assert.deepEqual(Object.keys(tat).sort(), EXPORTS);
  for (const name of EXPORTS) assert.equal(typeof tat[name], 'function', name);
  // CommonJS has `init` besides (no `export default` there); the browser entry the same set
  // as ESM in Node (imported here only, not initialised).
  const cjs = createRequire(import.meta.url)('tat-request');
  assert.deepEqual(Object.keys(cjs).sort(), [...EXPORTS, 'init'].sort());
  const browser = await import('tat-request/browser');
  assert.deepEqual(Object.keys(browser).sort(), EXPORTS);
  // The inline entry: the same set; in Node too it needs `await init()` (it compiles the
  // embedded module), and says so before.
  const inline = await import('tat-request/inline');
  assert.deepEqual(Object.keys(inline).sort(), EXPORTS);
  assert.throws(() => inline.validate('RunCommand', valid), (e) => e instanceof inline.TatError && e.code === 'ModuleNotInitialized' && /await init\(\)/.test(e.message));
  await inline.default();
  assert.deepEqual(inline.validate('RunCommand', { ...valid, Timout: 60 }).errors.map((e) => [e.field, e.code]), [['Timout', 'UnknownParameter']]);
  assert.equal(inline.buildRequest({ action: 'RunCommand', params: valid, secretId: 'AKIDx', secretKey: 'k', timestamp: 1700000000 }).body,
    tat.buildRequest({ action: 'RunCommand', params: valid, secretId: 'AKIDx', secretKey: 'k', timestamp: 1700000000 }).body);
});

// tat-request/validate: the validation functions only (tests/js/validate.test.mjs tests them).
test('tat-request/validate exports the validation functions and nothing of the signer or the client', async () => {
  const v = await import('tat-request/validate');
  assert.deepEqual(Object.keys(v).sort(), ['decodeOutput', 'default', 'describeError', 'describeTaskStatus', 'encodeContent',
    'initSync', 'limits', 'listPlaceholders', 'loadLanguage', 'previewContent', 'validate', 'validateRunCommand']);
  for (const name of Object.keys(v)) assert.equal(typeof v[name], 'function', name);
});

test('validateRunCommand: valid and invalid, every error at once', () => {
  assert.deepEqual(tat.validateRunCommand(valid), { valid: true, errors: [], warnings: [] });
  const r = tat.validateRunCommand({ Content: 'not base64!', InstanceIds: ['ins-1', 'lhins-12345678'], Timeout: 0, Instanceids: [] });
  assert.equal(r.valid, false);
  // An unknown key is refused, as the service refuses it (UnknownParameter), with a hint.
  assert.deepEqual(pairs(r), [
    ['Instanceids', 'UnknownParameter'],
    ['Content', 'InvalidParameterValue.InvalidContent'],
    ['Timeout', 'InvalidParameterValue.Range'],
  ]);
  assert.equal(r.errors[0].message, 'Unknown parameter `Instanceids`; did you mean `InstanceIds`?');
  // What is only suspected: an ID of an unknown form.
  assert.deepEqual(r.warnings.map((e) => [e.field, e.code]), [
    ['InstanceIds[0]', 'InvalidParameterValue.InvalidInstanceId'],
  ]);
  for (const e of [...r.errors, ...r.warnings]) assert.ok(e.message.length > 0);
  // Warnings alone leave a request valid.
  assert.equal(tat.validateRunCommand({ ...valid, InstanceIds: ['ins-1'] }).valid, true);
});

test('validate: by action, with rule sets and languages', () => {
  const ids = Array.from({ length: 150 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);
  assert.deepEqual(pairs(tat.validate('RunCommand', { ...valid, InstanceIds: ids })), [['InstanceIds', 'InvalidParameterValue.LimitExceeded']]);
  assert.equal(tat.validate('RunCommand', { ...valid, InstanceIds: ids }, { rules: 'latest' }).valid, true);
  const zh = tat.validate('RunCommand', { ...valid, Timeout: 0 }, { language: 'zh-CN' });
  assert.equal(zh.errors[0].message, 'Timeout 的取值范围为 [1, 86400]，当前为 0。');
  assert.deepEqual(pairs(tat.validate('NoSuchAction', {})), [['Action', 'InvalidAction']]);
});

test('wrong types are refused, never coerced', () => {
  assert.deepEqual(pairs(tat.validateRunCommand({ ...valid, Timeout: '60' })), [['Timeout', 'InvalidParameter']]);
  assert.deepEqual(pairs(tat.validateRunCommand({ ...valid, SaveCommand: 1 })), [['SaveCommand', 'InvalidParameter']]);
  assert.deepEqual(pairs(tat.validateRunCommand({ ...valid, Timeout: NaN })), [['Timeout', 'InvalidParameter']]);
  assert.deepEqual(pairs(tat.validateRunCommand({ ...valid, Description: 'x\uD800' })), [['Description', 'InvalidParameter']]);
});

test('custom parameters: duplicate keys JSON.parse would hide', () => {
  const r = tat.validateRunCommand({ ...valid, EnableParameter: true, Parameters: '{"a":"1","a":"2"}' });
  assert.deepEqual(pairs(r), [['Parameters.a', 'InvalidParameterValue.ParameterKeyDuplicated']]);
  const p = tat.validateRunCommand({ ...valid, Content: tat.encodeContent('echo {{name}}'), EnableParameter: true });
  assert.deepEqual(pairs(p), [['Parameters.name', 'InvalidParameterValue.LackOfParameterInfo']]);
});

test('invalid options and arguments throw Errors with a code', () => {
  assert.throws(() => tat.validateRunCommand(valid, { rules: 'newest' }), (e) => e instanceof Error && e.code === 'InvalidParameterValue');
  assert.throws(() => tat.validateRunCommand(valid, { language: 'fr' }), (e) => e instanceof Error && e.code === 'InvalidParameterValue');
  assert.throws(() => tat.validate(undefined, {}), (e) => e instanceof Error && e.name === 'TatError' && e.code === 'InvalidParameter');
  assert.throws(() => tat.describeError(42), (e) => e.code === 'InvalidParameter');
});

test('describeError: message, retry advice, fallback by prefix', () => {
  assert.deepEqual(tat.describeError('RequestLimitExceeded'), {
    code: 'RequestLimitExceeded',
    message: 'Too many requests: the rate limit is exceeded. Retry after a pause.',
    retryable: true,
    known: true,
  });
  assert.equal(tat.describeError('AuthFailure.SignatureFailure', 'zh-CN').message, '签名错误：请检查 SecretKey 与签名步骤。');
  const d = tat.describeError('InvalidParameterValue.Brand.New');
  assert.deepEqual([d.known, d.retryable, d.message], [false, false, 'Invalid parameter value.']);
});

test('describeTaskStatus: labels, terminal states, unknown statuses', () => {
  assert.deepEqual(tat.describeTaskStatus('DELIVER_DELAYED'), {
    status: 'DELIVER_DELAYED', label: 'Delayed delivery', description: 'The command delivery is delayed.', terminal: false, known: true,
  });
  assert.equal(tat.describeTaskStatus('SUCCESS', 'zh-CN').label, '命令成功');
  assert.equal(tat.describeTaskStatus('FAILED').terminal, true);
  assert.deepEqual(tat.describeTaskStatus('NEW_STATE'), { status: 'NEW_STATE', label: 'NEW_STATE', description: 'Unknown task status.', terminal: false, known: false });
});

test('encodeContent / decodeOutput: UTF-8 base64 both ways', () => {
  assert.equal(tat.encodeContent('echo 你好 😀'), Buffer.from('echo 你好 😀').toString('base64'));
  assert.equal(tat.decodeOutput(Buffer.from('第一行\n第二行').toString('base64')), '第一行\n第二行');
  assert.throws(() => tat.decodeOutput('not base64'), (e) => e.code === 'InvalidParameterValue');
  assert.throws(() => tat.decodeOutput('/w=='), (e) => e.code === 'InvalidParameterValue');
  assert.equal(tat.decodeOutput('/w==', { lossy: true }), '\uFFFD');
  assert.throws(() => tat.encodeContent('\uDC00'), (e) => e.code === 'InvalidParameter');
});

test('listPlaceholders and previewContent', () => {
  const content = tat.encodeContent('echo {{greeting}} {{name}} {{greeting}}');
  assert.deepEqual(tat.listPlaceholders(content), ['greeting', 'name']);
  const p = tat.previewContent(content, '{"name":"TAT"}', '{"greeting":"hello","name":"x"}');
  assert.deepEqual(p, { placeholders: ['greeting', 'name'], missing: [], content: tat.encodeContent('echo hello TAT hello'), text: 'echo hello TAT hello' });
  assert.throws(() => tat.previewContent(content, '{"a":1}'), (e) => e.code === 'InvalidParameterValue.ParameterValueNotString' && e.errors[0].field === 'Parameters.a');
});

test('limits: the one table the validators read', () => {
  const seed = tat.limits();
  assert.equal(seed.instanceIdsMax, 100);
  assert.equal(seed.contentMaxChars, 65536);
  assert.equal(seed.parametersMax, 20);
  assert.deepEqual(seed.commandTypes, ['SHELL', 'POWERSHELL']);
  assert.equal(tat.limits('latest').instanceIdsMax, 200);
});

test('prototype keys are ordinary data', () => {
  const params = JSON.parse('{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"__proto__":{"x":1}}');
  const r = tat.validateRunCommand(params);
  assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['__proto__', 'UnknownParameter']]);
  assert.equal(r.valid, false);
  assert.equal({}.x, undefined);
});

test('every TAT action validates and builds', () => {
  const ok = tat.validate('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: ['inv-abcd1234'] }], Limit: 100, HideOutput: false });
  assert.deepEqual(ok, { valid: true, errors: [], warnings: [] });
  const odd = tat.validate('DescribeInvocations', { InvocationIds: ['inv-1'] });
  assert.deepEqual(odd.warnings.map((e) => [e.field, e.code]), [['InvocationIds[0]', 'InvalidParameterValue']]);
  assert.equal(odd.valid, true);
  const req = tat.buildRequest({ action: 'DescribeInvocationTasks', params: { InvocationTaskIds: ['invt-abcd1234'] }, secretId: 'AKIDEXAMPLE', secretKey: 'k', timestamp: 1700000000 });
  assert.equal(req.headers['X-TC-Action'], 'DescribeInvocationTasks');
  assert.equal(req.body, '{"InvocationTaskIds":["invt-abcd1234"]}');
});

test('splitRunCommand: any number of instances into valid requests', () => {
  const ids = [];
  for (let i = 0; i < 1000; i++) ids.push(i % 4 === 3 ? `lhins-${String(i).padStart(8, '0')}` : `ins-${String(i).padStart(8, '0')}`);
  const requests = tat.splitRunCommand({ Content: 'd2hvYW1p', InstanceIds: ids, Timeout: 30 });
  assert.deepEqual(requests.map((r) => r.InstanceIds.length), [100, 100, 100, 100, 100, 100, 100, 50, 100, 100, 50]);
  for (const r of requests) {
    assert.equal(tat.validateRunCommand(r).valid, true);
    assert.equal(r.Timeout, 30);
  }
  assert.throws(() => tat.splitRunCommand({ Content: 'd2hvYW1p', InstanceIds: [...ids, 7] }),
    (e) => e.code === 'InvalidParameter' && e.errors[0].field === 'InstanceIds[1000]');
  // An ID of an unknown form is only suspected: it goes in a request of its own prefix.
  assert.deepEqual(tat.splitRunCommand({ Content: 'd2hvYW1p', InstanceIds: [...ids, 'nope-1'] }).at(-1).InstanceIds, ['nope-1']);
});

test('parseResponse: data, or the service error with RequestId and retry advice', () => {
  const ok = tat.parseResponse('{"Response":{"CommandId":"cmd-5oa8jajm","InvocationId":"inv-mp6m9vmu","RequestId":"f3e3a951"}}');
  assert.deepEqual(ok, { CommandId: 'cmd-5oa8jajm', InvocationId: 'inv-mp6m9vmu', RequestId: 'f3e3a951' });
  assert.throws(() => tat.parseResponse('{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"too fast"},"RequestId":"r-1"}}'),
    (e) => e instanceof Error && e.code === 'RequestLimitExceeded' && e.message === 'too fast' && e.requestId === 'r-1' && e.retryable === true);
  assert.throws(() => tat.parseResponse('<html>Bad Gateway</html>'), (e) => e.code === 'InvalidResponse' && e.retryable === false);
});

test('Pacer: at most 20 calls in any second', () => {
  const pacer = new tat.Pacer();
  const delays = Array.from({ length: 41 }, () => pacer.delay(1000));
  assert.deepEqual([delays[0], delays[19], delays[20], delays[39], delays[40]], [0, 0, 1000, 1000, 2000]);
  assert.throws(() => new tat.Pacer(0), (e) => e.code === 'InvalidParameterValue');
});

test("a client with validation 'warn' splits a fleet whose parameters hold one newer than api.json", async () => {
  const sent = [];
  const fetch = async (url, init) => {
    const body = JSON.parse(init.body);
    sent.push(body);
    const n = sent.length;
    return { status: 200, text: async () => JSON.stringify({ Response: { InvocationId: `inv-0000000${n}`, CommandId: 'cmd-00000001', RequestId: `r${n}` } }) };
  };
  const InstanceIds = Array.from({ length: 250 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);
  const params = { Content: 'd2hvYW1p', InstanceIds, NewerThanApiJson: 'x' };
  const strict = tat.createClient({ secretId: 'AKIDx', secretKey: 'k', fetch });
  await assert.rejects(strict.runCommand(params, { wait: false }), (e) => e.code === 'UnknownParameter' && e.errors[0].field === 'NewerThanApiJson');
  assert.equal(sent.length, 0);
  const client = tat.createClient({ secretId: 'AKIDx', secretKey: 'k', fetch, validation: 'warn', ratePerSecond: 1000 });
  const { invocations } = await client.runCommand(params, { wait: false });
  assert.deepEqual(sent.map((b) => [b.InstanceIds.length, b.NewerThanApiJson]), [[100, 'x'], [100, 'x'], [50, 'x']]);
  assert.deepEqual(invocations.map((i) => i.InvocationId), ['inv-00000001', 'inv-00000002', 'inv-00000003']);
});
