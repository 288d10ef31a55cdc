// tat-request/validate in Node (ESM and CommonJS): its export set, the same verdicts and
// messages as the full entry on inputs that exercise every function, zh-CN loaded on first
// use, and that it loads neither the signer nor the client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as v from 'tat-request/validate';
import init from 'tat-request/validate';
import * as full from 'tat-request';

const require = createRequire(import.meta.url);
const FUNCTIONS = ['decodeOutput', 'describeError', 'describeTaskStatus', 'encodeContent', 'limits', 'listPlaceholders',
  'previewContent', 'validate', 'validateRunCommand'];
// The list, and what code shared with browsers calls: init (default), initSync, loadLanguage.
const EXPORTS = [...FUNCTIONS, 'default', 'initSync', 'loadLanguage'].sort();

test('exports exactly the validation functions, ESM and CommonJS, with no init step', async () => {
  await init();
  assert.deepEqual(Object.keys(v).sort(), EXPORTS);
  const cjs = require('tat-request/validate');
  assert.deepEqual(Object.keys(cjs).sort(), [...EXPORTS, 'init'].sort());
  for (const name of [...FUNCTIONS, 'initSync', 'loadLanguage', 'init']) assert.equal(typeof cjs[name], 'function', name);
  for (const name of FUNCTIONS) assert.equal(v[name].name, name, `${name} keeps its name`);
  assert.deepEqual(cjs.validateRunCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }), { valid: true, errors: [], warnings: [] });
});

test('the entry and its modules carry no signer and no client', () => {
  const dir = new URL('./', import.meta.resolve('tat-request/validate'));
  for (const f of ['validate.mjs', 'validate.cjs', 'validate.js', 'validate/en.cjs']) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    assert.doesNotMatch(text, /buildRequest|createClient|client\.(m|c)js|fast-path|TC3-HMAC/, f);
  }
  for (const f of ['validate/en.wasm', 'validate/en-zh.wasm']) {
    const mod = new WebAssembly.Module(readFileSync(new URL(f, dir)));
    const names = WebAssembly.Module.exports(mod).map((e) => e.name);
    for (const name of FUNCTIONS) assert.ok(names.includes(name), `${f} exports ${name}`);
    for (const name of ['buildRequest', 'splitRunCommand', 'parseResponse', '__buildRequestText', 'forgetCredentials']) {
      assert.ok(!names.includes(name), `${f} must not export ${name}`);
    }
    // SHA-256's round constants are not in the module: no hashing code was linked.
    const k = Buffer.from(new Uint32Array([0x428a2f98, 0x71374491, 0xb5c0fbcf]).buffer);
    assert.equal(readFileSync(new URL(f, dir)).indexOf(k), -1, `${f} holds SHA-256's constants`);
  }
  // The full module does hold them (the check above can fail).
  const k = Buffer.from(new Uint32Array([0x428a2f98, 0x71374491, 0xb5c0fbcf]).buffer);
  assert.notEqual(readFileSync(new URL('node/tat_request_bg.wasm', dir)).indexOf(k), -1);
});

// Inputs for every function, valid and not, in both languages: each answer (or what is
// thrown: code and message) must be the full entry's.
const enc = (s) => Buffer.from(s).toString('base64');
const CASES = [
  ['validateRunCommand', [{ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }]],
  ['validateRunCommand', [{ Content: 'not base64!', InstanceIds: ['ins-1', 'lhins-12345678'], Timeout: 0, Instanceids: [] }]],
  ['validateRunCommand', [{ Content: enc('echo {{a}} {{b}}'), InstanceIds: ['ins-12345678'], EnableParameter: true, Parameters: '{"a":"1","a":"2"}' }]],
  ['validateRunCommand', [{ Content: 'd2hvYW1p', InstanceIds: Array.from({ length: 150 }, (_, i) => `ins-${String(i).padStart(8, '0')}`), CommandType: 'BAT' }, { rules: 'latest' }]],
  ['validateRunCommand', [{ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'], Timeout: NaN, Tags: [{ Key: 'k' }] }]],
  ['validate', ['DescribeInvocations', { Limit: 500, Filters: [{ Name: 'nope', Values: [] }] }]],
  ['validate', ['CreateInvoker', { Name: 'x'.repeat(200), Type: 'SCHEDULE', ScheduleSettings: { Policy: 'ONCE', InvokeTime: 'tomorrow' } }]],
  ['validate', ['RunComand', {}]],
  ['validate', [null, {}]],
  ['validateRunCommand', [{}, { language: 'fr-FR' }]],
  ['describeError', ['AuthFailure.SignatureExpire']],
  ['describeError', ['ResourceNotFound.Whatever']],
  ['describeTaskStatus', ['TASK_TIMEOUT']],
  ['describeTaskStatus', ['NOPE']],
  ['encodeContent', ['echo 你好 😀']],
  ['decodeOutput', [enc('第一行\n')]],
  ['decodeOutput', ['/w==']],
  ['decodeOutput', ['/w==', { lossy: true }]],
  ['decodeOutput', ['abc']],
  ['listPlaceholders', [enc('{{a}} {{ b }} {{a}} {{tat-hidden:x}}'), { rules: 'latest' }]],
  ['listPlaceholders', ['@@@@']],
  ['previewContent', [enc('hi {{a}} {{b}}'), '{"a":"there"}', '{"b":"you"}']],
  ['previewContent', [enc('hi {{a}}'), '{"a":1}']],
  ['limits', []],
  ['limits', ['latest']],
  ['limits', ['nope']],
];
const answer = (fn) => {
  try {
    return { ok: fn() };
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message, errors: e.errors };
  }
};

for (const language of [undefined, 'zh-CN']) {
  test(`the same answers as the full entry, ${language ?? 'en-US'}`, () => {
    for (const [name, args] of CASES) {
      const a = [...args];
      // The language where each function takes it: its options, or the argument itself.
      if (language && name.startsWith('describe')) a[1] = language;
      else if (language && name.startsWith('validate')) a[name === 'validate' ? 2 : 1] = { ...a[name === 'validate' ? 2 : 1], language };
      else if (language && name === 'listPlaceholders') a[1] = { ...a[1], language };
      else if (language && name === 'previewContent') a[3] = { language };
      const mine = answer(() => v[name](...a));
      assert.deepEqual(mine, answer(() => full[name](...a)), `${name}(${JSON.stringify(a).slice(0, 120)})`);
      assert.ok(mine.ok !== undefined || mine.code, 'an answer or a TatError with a code');
    }
  });
}

test('zh-CN messages: loaded on first use, in ESM and CommonJS', async () => {
  const r = v.validateRunCommand({ Content: '', InstanceIds: ['ins-12345678'] }, { language: 'zh-CN' });
  assert.equal(r.errors[0].message, '缺少必填参数 Content。');
  assert.equal(require('tat-request/validate').describeError('InternalError', { language: 'zh-CN' }).message, '内部错误，请稍后重试。');
  // English stays English after zh-CN was loaded.
  assert.equal(v.validateRunCommand({ Content: '', InstanceIds: ['ins-12345678'] }).errors[0].message, 'Content is required.');
  await v.loadLanguage('zh-CN');
  await v.loadLanguage('en-US');
  await assert.rejects(v.loadLanguage('fr-FR'), { name: 'TatError', code: 'InvalidParameterValue' });
});

test('an options object whose getter throws is reported as the full entry reports it', () => {
  const hostile = { get language() { throw new Error('boom'); } };
  const a = answer(() => v.validateRunCommand({}, hostile));
  assert.equal(a.code, 'InvalidParameter');
  assert.deepEqual(a, answer(() => full.validateRunCommand({}, hostile)));
});

test('README example of the validation entry runs as written', async () => {
  const { readmeExample } = await import('./readme.mjs');
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  writeFileSync('readme-validate.mjs', readmeExample('validate-node'));
  assert.equal(execFileSync(process.execPath, ['readme-validate.mjs'], { encoding: 'utf8' }),
    'false InvalidParameterValue.InvalidContent\n缺少必填参数 Content。\n');
});

test('hostile inputs: the same bounded answers as the full entry, never a crash', () => {
  const deep = [];
  let at = deep;
  for (let i = 0; i < 10_000; i++) at = at[0] = [];
  const cyclic = { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] };
  cyclic.Self = cyclic;
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  const trap = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
  const hostile = [
    ['validateRunCommand', [{ Content: 'd2hvYW1p', InstanceIds: deep }]],
    ['validateRunCommand', [cyclic]],
    ['validateRunCommand', [{ Content: 'd2hvYW1p', InstanceIds: sparse }]],
    ['validateRunCommand', [trap]],
    ['validateRunCommand', [{ Content: 10n, InstanceIds: [Symbol('x'), () => 1, '\ud800'] }]],
    ['validateRunCommand', [{ Content: 'A'.repeat(4 << 20), InstanceIds: Array.from({ length: 100_000 }, (_, i) => `ins-${i}`) }]],
    ['validate', ['\ud800', {}]],
    ['describeError', [{ toString() { throw new Error('x'); } }]],
    ['decodeOutput', ['='.repeat(1 << 20)]],
    ['previewContent', [enc('{{a}}'.repeat(10_000)), JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 'v'])))]],
  ];
  for (const [name, args] of hostile) {
    const mine = answer(() => v[name](...args));
    assert.ok(mine.ok !== undefined || (mine.name === 'TatError' && mine.code), `${name}: an answer or a TatError`);
    assert.deepEqual(mine, answer(() => full[name](...args)), name);
  }
});
