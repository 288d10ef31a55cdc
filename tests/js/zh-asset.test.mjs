// The browser's module ships without its zh-CN texts (scripts/zh-asset.mjs moves them into
// web/zh-CN.bin; pkg-template/language.mjs writes them back). Before loadLanguage('zh-CN') it
// must answer in English exactly as Node's bilingual module does and refuse zh-CN; after it,
// answer in zh-CN exactly as Node's does; an asset that does not belong to the module must be
// refused with nothing written. tat-request/inline embeds the texts: zh-CN works after init().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as node from 'tat-request';

const dir = new URL('./', import.meta.resolve('tat-request'));
const read = (path) => readFileSync(new URL(path, dir));
const browser = await import(new URL('browser.js', dir).href);
const inline = await import(new URL('inline.js', dir).href);
browser.initSync({ module: read('web/tat_request_bg.wasm') });
await inline.default();
const asset = read('web/zh-CN.bin');

// Every code of the catalogue, every task status, and requests with many problems and warnings.
const codes = [...readFileSync(join(process.env.TAT_ROOT, 'src/errors.rs'), 'utf8').matchAll(/^\s*[A-Z0-9_]+ = "([A-Za-z0-9.]+)", \w+, (?:true|false), /gm)].map((m) => m[1]);
const statuses = ['PENDING', 'DELIVERING', 'DELIVER_DELAYED', 'DELIVER_FAILED', 'START_FAILED', 'RUNNING', 'SUCCESS', 'FAILED', 'TIMEOUT', 'TASK_TIMEOUT', 'CANCELLING', 'CANCELLED', 'TERMINATED', 'NOPE'];
const requests = [
  ['RunCommand', { Content: 'not base64!', InstanceIds: [], CommandType: 'BASH', Timeout: 0, WorkingDirectory: 'x'.repeat(300) }],
  ['RunCommand', { Content: Buffer.from('echo {{a}} {{ b-c }}').toString('base64'), InstanceIds: ['ins-1', 'ins-1'], EnableParameter: true, Parameters: '{"a": 1}', DefaultParameters: 'nope', Username: 'a:b' }],
  ['RunCommand', { Content: Buffer.from('echo hi').toString('base64'), InstanceIds: ['ins-12345678'], SaveCommand: false, CommandName: 'x', Tags: [{ Key: 'k' }], OutputCOSBucketUrl: 'ftp://x' }],
  ['InvokeCommand', { CommandId: 'cmd-', InstanceIds: 'ins-1', Parameters: '[]' }],
  ['CreateInvoker', { Name: '', Type: 'NOPE', CommandId: 'cmd-1', ScheduleSettings: { Policy: 'ONCE' } }],
  ['DescribeInvocationTasks', { Limit: 1000, Filters: [{ Name: 'x', Values: [] }], Unknown: 1 }],
];
const outcome = (f) => {
  try {
    return f();
  } catch (e) {
    return { thrown: e.code, message: e.message, errors: e.errors };
  }
};
const answers = (tat, language) => ({
  errors: codes.map((c) => tat.describeError(c, language)),
  statuses: statuses.map((s) => tat.describeTaskStatus(s, language)),
  requests: requests.map(([action, params]) => [
    tat.validate(action, params, { language, rules: 'latest' }),
    tat.validate(action, params, { language }),
    outcome(() => tat.buildRequest({ action, params, secretId: 'AKIDx', secretKey: 'k', timestamp: 1700000000, language })),
    outcome(() => tat.buildRequest({ action, params, secretId: 'AKIDx', secretKey: 'k', timestamp: 1700000000, language, validation: 'warn' })),
  ]),
  response: outcome(() => tat.parseResponse(JSON.stringify({ Response: { Error: { Code: 'AuthFailure', Message: 'm' }, RequestId: 'r' } }), language)),
});

test('the catalogue and the requests cover zh-CN texts', () => {
  assert.ok(codes.length > 100, `${codes.length} codes`);
  const zh = answers(node, 'zh-CN');
  assert.match(zh.errors[0].message, /[\u4e00-\u9fff]/);
  assert.match(JSON.stringify(zh.requests), /[\u4e00-\u9fff]/);
});

test('before loadLanguage: English as Node answers it, zh-CN refused saying how to load it', async () => {
  assert.deepEqual(answers(browser, 'en-US'), answers(node, 'en-US'));
  for (const f of [
    () => browser.describeError('AuthFailure', 'zh-CN'),
    () => browser.describeTaskStatus('SUCCESS', { language: 'zh-CN' }),
    () => browser.validateRunCommand({}, { language: 'zh-CN' }),
    () => browser.buildRequest({ action: 'DescribeRegions', params: {}, secretId: 'AKIDx', secretKey: 'k', language: 'zh-CN' }),
  ]) {
    assert.throws(f, (e) => e.name === 'TatError' && e.code === 'InvalidParameterValue' && e.message.includes("loadLanguage('zh-CN')"));
  }
  await assert.rejects(browser.loadLanguage('fr-FR'), { code: 'InvalidParameterValue', message: /'en-US' or 'zh-CN'/ });
  await browser.loadLanguage('en-US');
});

test('an asset that does not belong to the module is refused, and nothing is written', async () => {
  const count = asset.readUInt32LE(4);
  // A range moved to the first bytes of the module's data, which are not zero: another build's
  // asset.
  const taken = Buffer.from(asset);
  taken.writeUInt32LE(1 << 20, 8 + (count - 1) * 8);
  const bad = [taken, Buffer.from('TZH2' + asset.subarray(4).toString('latin1'), 'latin1'), asset.subarray(0, asset.length - 1), Buffer.concat([asset, Buffer.from([1])])];
  for (const bytes of bad) {
    await assert.rejects(browser.loadLanguage('zh-CN', bytes), { name: 'TatError', code: 'InvalidParameterValue', message: /^loadLanguage: the zh-CN texts given are not/ });
  }
  await assert.rejects(browser.loadLanguage('zh-CN', 42), { code: 'InvalidParameterValue', message: /not the zh-CN.bin/ });
  assert.throws(() => browser.describeError('AuthFailure', 'zh-CN'), { code: 'InvalidParameterValue' });
  assert.deepEqual(answers(browser, 'en-US'), answers(node, 'en-US'));
});

test('after loadLanguage: zh-CN as Node answers it, English unchanged; a second load is a no-op', async () => {
  await browser.loadLanguage('zh-CN', new Response(asset));
  assert.deepEqual(answers(browser, 'zh-CN'), answers(node, 'zh-CN'));
  assert.deepEqual(answers(browser, 'en-US'), answers(node, 'en-US'));
  await browser.loadLanguage('zh-CN', asset);
  await browser.loadLanguage('zh-CN', Buffer.from('junk'));
  assert.deepEqual(answers(browser, 'zh-CN').errors, answers(node, 'zh-CN').errors);
});

test('tat-request/inline has zh-CN from init() on', async () => {
  assert.deepEqual(answers(inline, 'zh-CN'), answers(node, 'zh-CN'));
  assert.deepEqual(answers(inline, 'en-US'), answers(node, 'en-US'));
  await inline.loadLanguage('zh-CN');
});

test('Node entries: loadLanguage only checks the language', async () => {
  await node.loadLanguage('zh-CN');
  await node.loadLanguage('en-US');
  await assert.rejects(node.loadLanguage('de'), { name: 'TatError', code: 'InvalidParameterValue' });
});
