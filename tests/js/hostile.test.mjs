// Hostile input against the packed package (Node ESM): every export called with values of
// every wrong shape. Each call returns, or throws an Error with a string `.code`; never a wasm
// trap, never prototype pollution, never the secret key; and the module keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tat from 'tat-request';

const valid = { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] };
const SECRET = 'hostile-SECRET-key-7f3a9c';
const baseInput = () => ({ action: 'RunCommand', params: { ...valid }, secretId: 'AKIDhostile', secretKey: SECRET, timestamp: 1700000000, region: 'ap-guangzhou' });
// Results of normal calls, taken before any hostile call: they must not change afterwards.
const golden = {
  validate: tat.validateRunCommand(valid),
  invalid: tat.validateRunCommand({ ...valid, Timeout: 0 }),
  build: tat.buildRequest(baseInput()),
  preview: tat.previewContent(tat.encodeContent('echo {{a}}'), '{"a":"1"}'),
};

const MB20 = 'A'.repeat(20 * 1024 * 1024);
const throwingTraps = new Proxy({}, Object.fromEntries(
  ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'set', 'defineProperty', 'deleteProperty', 'apply', 'construct', 'isExtensible', 'preventExtensions', 'setPrototypeOf']
    .map((t) => [t, () => { throw new Error(`trap ${t}`); }]),
));
const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();
const arrayProxy = new Proxy(['ins-12345678'], { get(t, k) { if (k === 'length') return 2 ** 32 - 1; return Reflect.get(t, k); } });
const throwingGetter = Object.defineProperty({ ...valid }, 'Timeout', { enumerable: true, get() { throw new Error('getter'); } });
const cyclic = { ...valid }; cyclic.self = cyclic;
let dag = { x: 1 }; for (let i = 0; i < 60; i++) dag = { a: dag, b: dag };
let deep = {}; for (let i = 0; i < 100000; i++) deep = { a: deep };
const nullProto = Object.assign(Object.create(null), valid);
const ownProto = JSON.parse('{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}');
const sparse = []; sparse.length = 2 ** 32 - 1;
const ids100k = Array.from({ length: 100000 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);

/** [label, value]: every shape a caller (or an attacker) can pass. */
const hostile = [
  ['undefined', undefined], ['null', null], ['zero', 0], ['negative', -1], ['fraction', 1.5], ['NaN', NaN],
  ['Infinity', Infinity], ['-Infinity', -Infinity], ['huge number', Number.MAX_VALUE], ['-0', -0], ['2^53+1', 2 ** 53 + 1],
  ['true', true], ['empty string', ''], ['string', 'RunCommand'], ['lone high surrogate', '\uD800'], ['lone low surrogate', 'a\uDC00b'],
  ['20 MB string', MB20], ['empty array', []], ['array', [1, 'a', null]], ['100,000 IDs', ids100k], ['sparse 2^32-1 array', sparse],
  ['array proxy with huge length', arrayProxy], ['empty object', {}], ['wrong shape', { a: 1, Content: 5 }], ['BigInt', 10n],
  ['symbol', Symbol('s')], ['function', () => 1], ['Date', new Date(0)], ['RegExp', /x/], ['Map', new Map([[1, 2]])],
  ['String object', new String('x')], ['typed array', new Uint8Array(4)], ['Object.create(null)', nullProto],
  ['own __proto__ key', ownProto], ['throwing traps', throwingTraps], ['revoked proxy', revoked], ['throwing getter', throwingGetter],
  ['cycle', cyclic], ['DAG of 2^60 paths', dag], ['100,000 deep', deep],
  ['deep JSON in Parameters', { ...valid, EnableParameter: true, Parameters: '['.repeat(1e6) }],
  ['million keys in Parameters', { ...valid, EnableParameter: true, Parameters: `{${Array.from({ length: 1e6 }, (_, i) => `"k${i}":"v"`).join(',')}}` }],
  ['20 MB Content', { ...valid, Content: MB20 }], ['20 MB Description', { ...valid, Description: MB20 }],
  ['lone surrogate key', { ...valid, ['\uD800']: 1 }], ['lone surrogate value', { ...valid, Description: 'x\uDFFF' }],
];

/** Calls `fn`: a return value is passed through; a throw must be an Error with a string code. */
function call(label, fn) {
  try {
    return { value: fn() };
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: wasm trap: ${e?.message}`);
    assert.ok(e instanceof Error, `${label}: threw a non-Error: ${String(e)}`);
    assert.equal(typeof e.code, 'string', `${label}: no .code on ${e.message}`);
    assert.ok(e.message.length < 4096, `${label}: ${e.message.length}-character message`);
    return { error: e };
  }
}

function assertValidation(label, r) {
  if (!r.value) return;
  assert.equal(typeof r.value.valid, 'boolean', label);
  assert.ok(Array.isArray(r.value.errors), label);
  for (const e of r.value.errors) {
    for (const k of ['field', 'code', 'message']) assert.equal(typeof e[k], 'string', `${label}: ${k}`);
    assert.ok(e.message.length < 4096, `${label}: ${e.message.length}-character message`);
  }
  assert.equal(r.value.valid, r.value.errors.length === 0, label);
}

function assertIntact() {
  for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
    assert.equal(Object.hasOwn(proto, 'polluted'), false);
  }
  assert.equal(({}).polluted, undefined);
  assert.equal([].polluted, undefined);
  assert.deepEqual(tat.validateRunCommand(valid), golden.validate);
  assert.deepEqual(tat.validateRunCommand({ ...valid, Timeout: 0 }), golden.invalid);
  assert.deepEqual(tat.buildRequest(baseInput()), golden.build);
  assert.deepEqual(tat.previewContent(tat.encodeContent('echo {{a}}'), '{"a":"1"}'), golden.preview);
}

test('validate and validateRunCommand: every hostile params and options', () => {
  for (const [label, v] of hostile) {
    assertValidation(`validateRunCommand(${label})`, call(label, () => tat.validateRunCommand(v)));
    assertValidation(`validate(RunCommand, ${label})`, call(label, () => tat.validate('RunCommand', v, { rules: 'latest', language: 'zh-CN' })));
    assertValidation(`validate(${label}, valid)`, call(label, () => tat.validate(v, valid)));
    assertValidation(`options ${label}`, call(label, () => tat.validateRunCommand(valid, v)));
    assertValidation(`Timeout ${label}`, call(label, () => tat.validateRunCommand({ ...valid, Timeout: v })));
    assertValidation(`InstanceIds ${label}`, call(label, () => tat.validateRunCommand({ ...valid, InstanceIds: v })));
  }
  assertIntact();
});

test('huge and hostile values are refused with their own codes', () => {
  const codes = (p, o) => tat.validateRunCommand(p, o).errors.map((e) => [e.field, e.code]);
  assert.deepEqual(codes({ ...valid, InstanceIds: ids100k }), [['InstanceIds', 'InvalidParameterValue.LimitExceeded']]);
  // 20 MB: the field's own limit, then the body's (API 3.0: 10 MB).
  const size = ['', 'RequestSizeLimitExceeded'];
  assert.deepEqual(codes({ ...valid, Content: MB20 }), [['Content', 'InvalidParameterValue.TooLong'], size]);
  assert.deepEqual(codes({ ...valid, Description: MB20 }), [['Description', 'InvalidParameterValue.TooLong'], size]);
  const millionKeys = hostile.find(([l]) => l === 'million keys in Parameters')[1];
  assert.deepEqual(codes(millionKeys), [['Parameters', 'InvalidParameterValue.ParameterNumberExceeded'], ...(JSON.stringify(millionKeys).length > 10 * 2 ** 20 ? [size] : [])]);
  assert.deepEqual(codes(hostile.find(([l]) => l === 'deep JSON in Parameters')[1]), [['Parameters', 'InvalidParameterValue.ParameterInvalidJsonFormat']]);
  assert.deepEqual(codes({ ...valid, InstanceIds: sparse }), [['InstanceIds', 'InvalidParameter']]);
  assert.deepEqual(codes({ ...valid, InstanceIds: arrayProxy }), [['InstanceIds', 'InvalidParameter']]);
  assert.deepEqual(codes(dag), [['', 'InvalidParameter']]);
  const cyc = tat.validateRunCommand(cyclic).errors.filter((e) => /^self(\.self)+$/.test(e.field));
  assert.deepEqual(cyc.map((e) => e.code), ['InvalidParameter']);
  assert.match(cyc[0].message, /nested too deeply/);
  assert.deepEqual(codes(throwingGetter), [['Timeout', 'InvalidParameter']]);
  assert.deepEqual(codes(throwingTraps), [['', 'InvalidParameter']]);
  assert.deepEqual(codes(revoked), [['', 'InvalidParameter']]);
  assert.deepEqual(codes(nullProto), []);
  // Own keys like any other: not RunCommand's, so refused as the service refuses them.
  assert.deepEqual(codes(ownProto), [['__proto__', 'UnknownParameter'], ['constructor', 'UnknownParameter']]);
  assertIntact();
});

test('lone surrogates are refused with a clear error, never replaced', () => {
  const surrogate = /surrogate/;
  const r = tat.validateRunCommand({ ...valid, Description: 'x\uD800' });
  assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['Description', 'InvalidParameter']]);
  assert.match(r.errors[0].message, surrogate);
  const k = tat.validateRunCommand({ ...valid, ['a\uDC00']: 'x' });
  assert.deepEqual(k.errors.map((e) => [e.field, e.code]), [['(key)', 'InvalidParameter']]);
  for (const [name, fn] of [
    ['encodeContent', () => tat.encodeContent('\uD800')],
    ['decodeOutput', () => tat.decodeOutput('d2hv\uDC00')],
    ['describeError', () => tat.describeError('Auth\uD800')],
    ['describeTaskStatus', () => tat.describeTaskStatus('\uDBFF')],
    ['listPlaceholders', () => tat.listPlaceholders('\uD800')],
    ['previewContent', () => tat.previewContent('d2hvYW1p', '{"a":"\uD800"}')],
    ['validate action', () => tat.validate('Run\uD800', valid)],
    ['buildRequest secretKey', () => tat.buildRequest({ ...baseInput(), secretKey: `${SECRET}\uD800` })],
    ['buildRequest region', () => tat.buildRequest({ ...baseInput(), region: '\uDC00' })],
    ['buildRequest params', () => tat.buildRequest({ ...baseInput(), params: { ...valid, Description: '\uD800' } })],
  ]) {
    assert.throws(fn, (e) => e instanceof Error && e.code === 'InvalidParameter' && surrogate.test(e.message), name);
  }
  assertIntact();
});

test('every other export: every hostile argument in every position', () => {
  const b64 = tat.encodeContent('echo {{a}}');
  const calls = [
    ['describeError', (v) => tat.describeError(v)], ['describeError language', (v) => tat.describeError('AuthFailure', v)],
    ['describeTaskStatus', (v) => tat.describeTaskStatus(v)], ['describeTaskStatus language', (v) => tat.describeTaskStatus('SUCCESS', v)],
    ['encodeContent', (v) => tat.encodeContent(v)], ['decodeOutput', (v) => tat.decodeOutput(v)], ['decodeOutput options', (v) => tat.decodeOutput('/w==', v)],
    ['listPlaceholders', (v) => tat.listPlaceholders(v)], ['listPlaceholders options', (v) => tat.listPlaceholders(b64, v)],
    ['previewContent content', (v) => tat.previewContent(v)], ['previewContent parameters', (v) => tat.previewContent(b64, v)],
    ['previewContent defaults', (v) => tat.previewContent(b64, null, v)], ['previewContent options', (v) => tat.previewContent(b64, null, null, v)],
    ['limits', (v) => tat.limits(v)], ['memoryBytes', (v) => tat.memoryBytes(v)],
  ];
  for (const [name, fn] of calls) {
    for (const [label, v] of hostile) {
      const r = call(`${name}(${label})`, () => fn(v));
      if ('value' in r && r.value !== undefined) JSON.stringify(r.value); // plain data, serialisable
    }
  }
  assertIntact();
});

test('buildRequest: hostile input never traps and never returns the secret key', () => {
  const leaks = (label, r) => {
    if (r.value) assert.ok(!JSON.stringify(r.value).includes(SECRET), `${label}: secret in result`);
    if (r.error) {
      for (const part of [r.error.message, r.error.stack ?? '', JSON.stringify(r.error.errors ?? []), String(r.error)]) {
        assert.ok(!part.includes(SECRET), `${label}: secret in error`);
      }
    }
  };
  const keys = ['action', 'params', 'secretId', 'token', 'region', 'timestamp', 'host', 'language', 'rules', 'signActionHeader'];
  for (const [label, v] of hostile) {
    leaks(`input ${label}`, call(label, () => tat.buildRequest(v)));
    for (const key of keys) {
      leaks(`${key}: ${label}`, call(`${key}: ${label}`, () => tat.buildRequest({ ...baseInput(), [key]: v })));
    }
    leaks(`params.Description ${label}`, call(label, () => tat.buildRequest({ ...baseInput(), params: { ...valid, Description: v } })));
  }
  // Secret keys that are refused: never quoted back.
  for (const secretKey of [` ${SECRET}`, `${SECRET}\n`, `${SECRET}\uD800`, SECRET.repeat(100000)]) {
    const r = call('secretKey', () => tat.buildRequest({ ...baseInput(), secretKey, region: 'bad\r\nregion' }));
    assert.ok(r.error, 'refused');
    for (const part of [r.error.message, r.error.stack ?? '', JSON.stringify(r.error.errors ?? [])]) {
      assert.ok(!part.includes(SECRET), 'secret in error');
    }
  }
  // Unknown properties, including prototype keys, are refused by name, not merged.
  for (const extra of [JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } }, { ['k'.repeat(1e6)]: 1 }]) {
    const r = call('extra', () => tat.buildRequest({ ...baseInput(), ...extra })); // spread keeps an own __proto__ key
    assert.equal(r.error?.code, 'UnknownParameter');
  }
  assertIntact();
});

test('100,000 calls leave wasm memory bounded', () => {
  const round = (i) => {
    tat.validateRunCommand(i % 2 ? valid : { ...valid, Timeout: NaN, InstanceIds: ['x'], Parameters: '{"a":1,"a":2}' });
    if (i % 10 === 0) tat.buildRequest(baseInput());
    if (i % 10 === 5) call('build', () => tat.buildRequest({ ...baseInput(), params: { Content: '!' } }));
    tat.describeError('InvalidParameterValue.Nope');
    tat.previewContent(tat.encodeContent('echo {{a}} {{b}}'), '{"a":"1"}');
  };
  for (let i = 0; i < 1000; i++) round(i);
  const before = tat.memoryBytes();
  assert.equal(typeof before, 'number');
  assert.ok(before > 0);
  for (let i = 0; i < 100000; i++) round(i);
  const after = tat.memoryBytes();
  assert.ok(after - before <= 1024 * 1024, `wasm memory grew from ${before} to ${after} bytes`);
  assertIntact();
});

test('__proto__ in answers and parameters stays an ordinary own property, at any depth', () => {
  const answer = tat.parseResponse('{"Response":{"__proto__":{"polluted":"yes"},"TaskSet":[{"__proto__":{"TaskStatus":"SUCCESS"}}],"RequestId":"r"}}');
  assert.equal(answer.polluted, undefined);
  assert.equal(Object.getPrototypeOf(answer), Object.prototype);
  assert.deepEqual(Object.keys(answer).sort(), ['RequestId', 'TaskSet', '__proto__']);
  const task = answer.TaskSet[0];
  assert.equal(task.TaskStatus, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(task, '__proto__').value, { TaskStatus: 'SUCCESS' });
  // What JSON.parse makes of the same text, exactly.
  assert.deepStrictEqual(JSON.parse(JSON.stringify(answer)), JSON.parse('{"__proto__":{"polluted":"yes"},"TaskSet":[{"__proto__":{"TaskStatus":"SUCCESS"}}],"RequestId":"r"}'));
  // Parameters carrying the key, split: the requests keep it as data.
  // (An unknown key: refused by splitRunCommand; built as data with validation 'warn'.)
  const params = JSON.parse('{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"Tags":[{"Key":"k","Value":"v","__proto__":{"polluted":1}}]}');
  assert.throws(() => tat.splitRunCommand(params), (e) => e.code === 'UnknownParameter' && e.errors[0].field === 'Tags[0].__proto__');
  const [split] = tat.splitRunCommand(params, { validation: 'warn' });
  assert.equal(split.Tags[0].polluted, undefined);
  assert.ok(Object.hasOwn(split.Tags[0], '__proto__'));
  const built = tat.buildRequest({ action: 'RunCommand', params, secretId: 'AKIDx', secretKey: 'k', validation: 'warn' });
  const request = JSON.parse(built.body);
  assert.equal(request.Tags[0].polluted, undefined);
  assert.ok(Object.hasOwn(request.Tags[0], '__proto__'));
  assert.equal({}.polluted, undefined);
});

test('at most 100 problems a list, then one that counts the rest', () => {
  const many = { ...valid };
  for (let i = 0; i < 60000; i++) many[`k${i}`] = 1;
  const r = tat.validateRunCommand(many);
  assert.equal(r.valid, false);
  assert.equal(r.warnings.length, 0);
  assert.equal(r.errors.length, 101);
  assert.equal(r.errors[100].field, '');
  assert.equal(r.errors[100].message, '59900 more errors not listed (only the first 100 are).');
  // Warnings alike: the same, built with validation 'warn'.
  const built = tat.buildRequest({ action: 'RunCommand', params: many, secretId: 'AKIDx', secretKey: 'k', validation: 'warn' });
  assert.equal(built.warnings.length, 101);
  assert.equal(built.warnings[100].message, '59900 more warnings not listed (only the first 100 are).');
  const zh = tat.validateRunCommand(many, { language: 'zh-CN' });
  assert.equal(zh.errors[100].message, '另有 59900 处错误未列出（只列出前 100 个）。');
  // Errors alike: 2,500 Tags of the wrong type.
  const tags = tat.validateRunCommand({ ...valid, SaveCommand: true, Tags: Array(9).fill(1) });
  assert.equal(tags.errors.length, 9);
  const bad = tat.validateRunCommand({ ...valid, Content: 1, Timeout: 'x', ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x${i}`, NaN])) });
  assert.equal(bad.errors.length, 101);
  assert.match(bad.errors[100].message, /^\d+ more errors not listed/);
});

// ---- issue 23: bounded work and memory for every input ------------------------------------
// Each case of the security review: the call answers (a result or a TatError), in time and
// memory bounded by its input. Memory is read after the calls (wasm memory never shrinks): the
// bound is what the largest of them may take, stated in www/README.md.
const MiB = 1024 * 1024;
const isTatError = (code) => (e) => {
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `wasm trap: ${e.message}`);
  assert.equal(e.name, 'TatError', `${e.name}: ${e.message}`);
  assert.ok(e instanceof tat.TatError);
  assert.equal(e.code, code, e.message);
  return true;
};

test('placeholder amplification: previewContent refuses before building, memory stays bounded', () => {
  const content = tat.encodeContent('{{a}}'.repeat(9800));
  const before = tat.memoryBytes();
  for (const n of [900_000, 60_000, 200]) {
    const parameters = JSON.stringify({ a: 'x'.repeat(n) });
    assert.throws(() => tat.previewContent(content, parameters), isTatError('ResponseSizeLimitExceeded'));
    // The same through DefaultParameters.
    assert.throws(() => tat.previewContent(content, null, parameters), isTatError('ResponseSizeLimitExceeded'));
  }
  const grown = tat.memoryBytes() - before;
  // The input is under 1 MB; decoding it takes a few copies of it, never gigabytes.
  assert.ok(grown <= 8 * MiB, `wasm memory grew by ${grown} bytes`);
  // Up to the local limit it is built, and its length is exactly what was asked.
  const { previewMaxBytes } = tat.limits();
  assert.equal(previewMaxBytes, MiB);
  const p = tat.previewContent(tat.encodeContent('{{a}}'.repeat(16)), JSON.stringify({ a: 'y'.repeat(previewMaxBytes / 16) }));
  assert.equal(p.text.length, previewMaxBytes);
  assert.throws(() => tat.previewContent(tat.encodeContent('{{a}}'.repeat(16) + '!'), JSON.stringify({ a: 'y'.repeat(previewMaxBytes / 16) })),
    isTatError('ResponseSizeLimitExceeded'));
  assertIntact();
});

test('placeholder amplification: validate warns (no document limits the replaced script), buildRequest signs it', () => {
  const params = { Content: tat.encodeContent('{{a}}'.repeat(9800)), InstanceIds: ['ins-12345678'], EnableParameter: true, Parameters: JSON.stringify({ a: 'x'.repeat(900_000) }) };
  const before = tat.memoryBytes();
  const v = tat.validateRunCommand(params);
  assert.equal(v.valid, true);
  const w = v.warnings.find((x) => x.field === 'Content');
  assert.equal(w?.code, 'InvalidParameterValue.TooLong');
  assert.match(w.message, /8820000000 bytes/);
  const r = tat.buildRequest({ ...baseInput(), params });
  assert.ok(r.body.length < 1_000_000);
  assert.ok(tat.memoryBytes() - before <= 8 * MiB);
});

test('a body over 10 MB is refused as the gateway does (RequestSizeLimitExceeded), in both modes', () => {
  const { requestBodyMaxBytes } = tat.limits();
  assert.equal(requestBodyMaxBytes, 10 * MiB);
  const params = { ...valid, EnableParameter: true, Content: tat.encodeContent('{{a}}'), Parameters: JSON.stringify({ a: 'x'.repeat(requestBodyMaxBytes) }) };
  for (const validation of ['error', 'warn']) {
    assert.throws(() => tat.buildRequest({ ...baseInput(), params, validation }), (e) => isTatError('RequestSizeLimitExceeded')(e) && !e.message.includes(SECRET));
  }
  assertIntact();
});

test('splitRunCommand: 80,000 distinct prefixes are refused at the limit, 80,000 IDs split in linear time', () => {
  const distinct = Array.from({ length: 80_000 }, (_, i) => `x${i}-1234`);
  assert.throws(() => tat.splitRunCommand({ ...valid, InstanceIds: distinct }),
    (e) => isTatError('LimitExceeded')(e) && e.errors.length === 1 && e.errors[0].field === 'InstanceIds[16]');
  const ids = Array.from({ length: 80_000 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);
  const requests = tat.splitRunCommand({ ...valid, InstanceIds: ids });
  assert.equal(requests.length, 800);
  assert.deepEqual(requests[799].InstanceIds.at(-1), 'ins-00079999');
  assertIntact();
});

test('Pacer: memory independent of its rate; every misuse a TatError', () => {
  const before = tat.memoryBytes();
  const pacers = Array.from({ length: 600 }, () => new tat.Pacer(1e6));
  for (const p of pacers) assert.equal(p.delay(1000), 0);
  const grown = tat.memoryBytes() - before;
  // 600 pacers of a million a second: a few hundred bytes each, not 8 MB each.
  assert.ok(grown <= MiB, `600 pacers grew wasm memory by ${grown} bytes`);
  // A million bookings at distinct times hold at most a second of them.
  const busy = new tat.Pacer(1e6);
  for (let i = 0; i < 1e6; i++) busy.delay(i / 100);
  assert.ok(tat.memoryBytes() - before <= MiB);
  for (const p of pacers) p.free();
  const p = new tat.Pacer(2);
  p.free();
  const misuse = [
    ['after free()', () => p.delay(0)],
    ['a forged this', () => tat.Pacer.prototype.delay.call({ __wbg_ptr: 8 }, 0)],
    ['a forged this with a live pointer', () => tat.Pacer.prototype.delay.call(Object.create(tat.Pacer.prototype), 0)],
    ['a primitive this', () => tat.Pacer.prototype.delay.call(5, 0)],
    ['no new', () => tat.Pacer(3)],
    ['free() on a forged this', () => tat.Pacer.prototype.free.call({})],
    ['a bad rate', () => new tat.Pacer(1e7)],
    ['a bad time', () => busy.delay(NaN)],
  ];
  for (const [label, f] of misuse) {
    assert.throws(f, (e) => isTatError(label === 'a bad rate' ? 'InvalidParameterValue' : 'InvalidParameter')(e), label);
  }
  p.free(); // twice: nothing to do
  const q = new tat.Pacer(2);
  assert.deepEqual([q.delay(0), q.delay(0), q.delay(0)], [0, 0, 1000]);
  assert.ok(q instanceof tat.Pacer);
  class Sub extends tat.Pacer {}
  assert.equal(new Sub(1).delay(5), 0);
  assertIntact();
});
