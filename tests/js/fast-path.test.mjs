// buildRequest's two ways (pkg-template/fast-path.mjs): plain data goes through
// JSON.stringify and the module's body buffer, anything else through the careful conversion.
// Both must build the same request and refuse with the same errors, and the fast way's body is
// what the official Node SDK sends (JSON.stringify, the caller's key order), signed correctly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tat from 'tat-request';

// An independent TC3 check, node:crypto only (the sandbox's verifier).
const { computeSignature, parseAuthorization } = await import(pathToFileURL(join(process.env.TAT_ROOT, 'www/sandbox/tc3.mjs')).href);

const base = { action: 'RunCommand', secretId: 'AKIDfastpath', secretKey: 'fast+path/secret=', region: 'ap-guangzhou', timestamp: 1_700_000_000 };

/** Not a plain object (its prototype is a class's): always the careful way. */
class Careful {
  constructor(fields) {
    Object.assign(this, fields);
  }
}

/** The signature of `req` recomputed with node:crypto from its own headers and body. */
function recomputed(req, secretKey) {
  const auth = parseAuthorization(req.headers.Authorization);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return computeSignature({ method: req.method, headers, body: req.body, signedHeaders: auth.signedHeaders, timestamp: Number(req.headers['X-TC-Timestamp']), service: 'tat', secretKey });
}

test('the body is JSON.stringify(params), in the caller\'s key order, and the signature covers it', () => {
  // Keys deliberately out of sorted order, and text that JSON escapes.
  const params = { InstanceIds: ['ins-12345678', 'ins-87654321'], Content: tat.encodeContent('echo "部署" \\ done\n'), Timeout: 60, CommandType: 'SHELL', Description: 'tab\there "quoted" 中文' };
  const req = tat.buildRequest({ ...base, params });
  assert.equal(req.body, JSON.stringify(params));
  assert.equal(parseAuthorization(req.headers.Authorization).signature, recomputed(req, base.secretKey));
  assert.deepEqual(Object.keys(req.headers), ['Authorization', 'Content-Type', 'Host', 'X-TC-Action', 'X-TC-Version', 'X-TC-Timestamp', 'X-TC-Region']);
  assert.equal(req.url, 'https://tat.tencentcloudapi.com/');
  assert.equal(req.method, 'POST');
});

test('long strings with and without anything to escape: the same body as JSON.stringify, byte for byte', () => {
  // Node's writer of the body (pkg-template/node-body.mjs) writes a string with no `"`, no `\`
  // and no lone surrogate as it is; a control character left so makes the text invalid JSON,
  // which the core refuses, and the body is then JSON.stringify's text. Either way the body
  // must be JSON.stringify's.
  const long = (s) => s.repeat(Math.ceil(1100 / s.length));
  const script = tat.encodeContent('echo "hi"\n'.repeat(200));
  const cases = [
    { Content: script },
    { Content: script, InstanceIds: ['ins-00000001'], Description: long('x') },
    { a: long('plain ascii '), b: long('中文 and emoji 😀 '), c: long('\u2028 line separator ') },
    { quote: long('say "hi" '), tail: 1 },
    { backslash: long('C:\\dir ') },
    { control: long('tab\there ') + '\u0001' },
    { newline: long('x') + '\n' },
    { del: long('\u007f\u0080 ') },
    { pair: '\ud83d\ude00' + long('x') + '\ud83d\ude00', after: long('y') },
    { 2: long('two'), 1: long('one'), b: undefined, a: long('a'), '"k"': long('k'), nested: { deep: long('z'), list: [long('q'), undefined] } },
    { only: long('x') },
    { first: long('f'), second: long('s'), third: 3 },
    { gone: undefined, kept: long('k'), last: undefined },
    { exactly: 'e'.repeat(1024), under: 'u'.repeat(1023) },
    // Written as they are, these would still be JSON, of other values: a second key, a line
    // break where the caller wrote a backslash and an n.
    { Content: long('A') + '","Injected":"1', Timeout: 60 },
    { z: long('A') + '\\n', a: 1 },
  ];
  for (const params of cases) {
    const req = tat.buildRequest({ ...base, params, validation: 'warn' });
    assert.equal(req.body, JSON.stringify(params), Object.keys(params).join());
    assert.equal(parseAuthorization(req.headers.Authorization).signature, recomputed(req, base.secretKey));
  }
  // Not objects: JSON.stringify alone (and the core's refusal, as before).
  for (const params of [null, 'x'.repeat(2000), ['y'.repeat(2000)], 7]) {
    const req = tat.buildRequest({ ...base, action: 'DescribeRegions', params, validation: 'warn' });
    assert.equal(req.body, JSON.stringify(params));
  }
  // And one whose long string escapes after many clean blocks, then a clean one again: the
  // buffer is written anew each time.
  for (const params of [{ Content: long('A') + '"' }, { Content: long('A') }, { Content: long('A') + '\\' }]) {
    assert.equal(tat.buildRequest({ ...base, params, validation: 'warn' }).body, JSON.stringify(params));
  }
});

test('both ways build the same request from the same data', () => {
  // Sorted keys: the careful way writes the body with serde_json, which sorts.
  const params = { CommandType: 'POWERSHELL', Content: tat.encodeContent('Get-Date'), InstanceIds: ['ins-00000001'], Timeout: 600, WorkingDirectory: 'C:\\Program Files' };
  for (const extra of [{}, { token: 'tmp-token', language: 'zh-CN', host: 'tat.ap-guangzhou.tencentcloudapi.com' }, { signActionHeader: true, rules: 'latest' }]) {
    const input = { ...base, ...extra, params };
    const fast = tat.buildRequest(input);
    const careful = tat.buildRequest({ ...input, params: new Careful(params) });
    assert.deepEqual(fast, careful, JSON.stringify(extra));
    assert.equal(parseAuthorization(fast.headers.Authorization).signature, recomputed(fast, base.secretKey));
  }
});

test('both ways refuse with the same errors', () => {
  const bad = { Content: 'not base64!', InstanceIds: ['ins-1', 'lhins-12345678'], Timeout: 0, CommandType: 'ZSH', Unknown: 1 };
  const thrown = (input) => {
    try {
      tat.buildRequest(input);
    } catch (e) {
      return { name: e.name, code: e.code, message: e.message, errors: e.errors, warnings: e.warnings };
    }
    assert.fail('not refused');
  };
  const fast = thrown({ ...base, params: bad });
  assert.ok(fast.errors.length >= 4, JSON.stringify(fast.errors));
  assert.ok(fast.errors.some((e) => e.field === 'Unknown' && e.code === 'UnknownParameter'), JSON.stringify(fast.errors));
  assert.ok(fast.warnings.length >= 1, JSON.stringify(fast.warnings));
  assert.deepEqual(fast, thrown({ ...base, params: new Careful(bad) }));
  // Inputs outside the parameters too, with the secret never echoed.
  const ok = { Content: 'ZWNobw==', InstanceIds: ['ins-12345678'] };
  const creds = thrown({ ...base, secretKey: ' padded ', region: 'ap-广州', params: ok });
  assert.deepEqual(creds.errors.map((e) => e.field), ['SecretKey', 'Region']);
  assert.ok(!JSON.stringify(creds).includes('padded'));
  assert.deepEqual(creds, thrown({ ...base, secretKey: ' padded ', region: 'ap-广州', params: new Careful(ok) }));
  // A region of an unusual form beside a refusal: its warning comes with the errors.
  const odd = thrown({ ...base, secretKey: ' padded ', region: 'AP GZ', params: ok });
  assert.deepEqual(odd.errors.map((e) => e.field), ['SecretKey']);
  assert.deepEqual(odd.warnings.map((e) => [e.field, e.code]), [['Region', 'InvalidParameterValue']]);
  assert.deepEqual(odd, thrown({ ...base, secretKey: ' padded ', region: 'AP GZ', params: new Careful(ok) }));
});

test('what JSON.stringify would alter takes the careful way and is reported', () => {
  const ok = { Content: 'ZWNobw==', InstanceIds: ['ins-12345678'] };
  const refusal = (params) => {
    try {
      tat.buildRequest({ ...base, params });
    } catch (e) {
      return e.errors.map((x) => [x.field, x.code]);
    }
    assert.fail('not refused');
  };
  // NaN would be null, a function dropped, a Date a string, a lone surrogate escaped.
  assert.deepEqual(refusal({ ...ok, Timeout: NaN }), [['Timeout', 'InvalidParameter']]);
  assert.deepEqual(refusal({ ...ok, Timeout: () => 60 }), [['Timeout', 'InvalidParameter']]);
  assert.equal(refusal({ ...ok, Description: '\ud800' })[0][0], 'Description');
  assert.equal(refusal({ ...ok, Timeout: new Date(0) })[0][0], 'Timeout');
  // A getter that throws is caught on the fast way and reported by the careful one.
  const trap = { ...ok };
  Object.defineProperty(trap, 'Timeout', { enumerable: true, get() { throw new Error('trap'); } });
  assert.deepEqual(refusal(trap), [['Timeout', 'InvalidParameter']]);
});

test('a large body, then small ones: the body buffer is reused and released', () => {
  const big = { Content: tat.encodeContent('x'.repeat(49_152)), InstanceIds: Array.from({ length: 100 }, (_, i) => `ins-${String(i).padStart(8, '0')}`) };
  const small = { Content: 'ZWNobw==', InstanceIds: ['ins-12345678'] };
  for (const params of [small, big, small, big, small]) {
    const req = tat.buildRequest({ ...base, params });
    assert.equal(req.body, JSON.stringify(params));
    assert.equal(parseAuthorization(req.headers.Authorization).signature, recomputed(req, base.secretKey));
  }
});

test('null optional inputs mean absent and keep the fast way', () => {
  const params = { InstanceIds: ['ins-12345678'], Content: 'ZWNobw==' };
  const req = tat.buildRequest({ ...base, params, token: null, host: null, language: null, rules: null, signActionHeader: null, timestamp: 1_700_000_000 });
  // JSON.stringify's order (InstanceIds first): the fast way; the careful one sorts.
  assert.equal(req.body, JSON.stringify(params));
  assert.deepEqual(req, tat.buildRequest({ ...base, params }));
});

test('a sparse array longer than the conversion reads is refused by its length', () => {
  const ids = [];
  ids.length = 2 ** 32 - 1;
  assert.throws(() => tat.buildRequest({ ...base, params: { Content: 'ZWNobw==', InstanceIds: ids } }), (e) => e.errors[0].field === 'InstanceIds');
});

test('values that cannot be converted are reported with every other problem of the request', () => {
  try {
    tat.buildRequest({ ...base, region: 'ap\tgz', params: { Content: 'ZWNobw==', InstanceIds: ['ins-12345678'], Timeout: NaN } });
    assert.fail('not refused');
  } catch (e) {
    assert.deepEqual(e.errors.map((x) => [x.field, x.code]), [['Timeout', 'InvalidParameter'], ['Region', 'InvalidParameterValue']]);
    assert.match(e.message, /^Timeout: .*\(and 1 more\)$/);
  }
});

test('a region is refused only when a header cannot carry it, the same on both ways', () => {
  const params = { Content: 'ZWNobw==', InstanceIds: ['ins-12345678'] };
  // Sendable as given: built, the header exactly the value, its form warned about.
  for (const region of ['AP_Guangzhou', 'ap guangzhou', 'a'.repeat(65)]) {
    const fast = tat.buildRequest({ ...base, region, params });
    assert.equal(fast.headers['X-TC-Region'], region);
    assert.deepEqual(fast.warnings.map((w) => [w.field, w.code]), [['Region', 'InvalidParameterValue']], region);
    assert.equal(parseAuthorization(fast.headers.Authorization).signature, recomputed(fast, base.secretKey));
    assert.deepEqual(fast, tat.buildRequest({ ...base, region, params: new Careful(params) }));
  }
  // Not sendable as given: refused with the field and code, in either validation mode.
  for (const region of ['ap\r\nx', 'ap-广州', 'ap\tgz', 'ap-guangzhou ', '\u007f']) {
    for (const validation of ['error', 'warn']) {
      for (const p of [params, new Careful(params)]) {
        assert.throws(() => tat.buildRequest({ ...base, region, validation, params: p }), (e) => {
          assert.equal(e.code, 'InvalidParameterValue');
          assert.deepEqual(e.errors.map((x) => [x.field, x.code]), [['Region', 'InvalidParameterValue']]);
          return true;
        }, JSON.stringify(region));
      }
    }
  }
});

test('language and the timestamp range are checked by the core, in .errors, on both ways', () => {
  const params = { Content: 'ZWNobw==', InstanceIds: ['ins-12345678'] };
  for (const p of [params, new Careful(params)]) {
    for (const [extra, field, code] of [[{ language: 'fr' }, 'Language', 'InvalidParameterValue'], [{ timestamp: 1e17 }, 'Timestamp', 'InvalidParameterValue.Range']]) {
      assert.throws(() => tat.buildRequest({ ...base, ...extra, params: p }), (e) => e.errors?.[0]?.field === field && e.code === code);
    }
  }
  // An empty language is omitted, like an empty region or host.
  assert.equal(tat.buildRequest({ ...base, language: '', params }).headers['X-TC-Language'], undefined);
});

// Node's writer of the body (pkg-template/node-body.mjs), instead of JSON.stringify: its text
// must be JSON.stringify's, or, where a string holds a control character it writes raw, text
// that no JSON reader accepts (the core then refuses it and the body is made again by
// JSON.stringify). Random plain data from a fixed seed, with every kind of string JSON.stringify
// escapes or leaves alone.
const { jsonText } = await import(pathToFileURL(join(process.env.TAT_ROOT, 'pkg-template/node-body.mjs')).href);

function randomData(seed) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const pieces = ['a', 'ZWNobw==', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '部署', '\ud83d\ude00', '\ud800', '\udfff', '{{x}}', '\u0080'];
  const text = () => Array.from({ length: Math.floor(next() * 4) }, () => pick(pieces)).join('');
  const numbers = [0, -0, 1, -1, 60, 1.5, -2.25, 1e21, 1e-7, 5e-324, 2 ** 53, 0.1 + 0.2, Number.MAX_VALUE];
  const value = (depth) => {
    const kind = depth > 3 ? Math.floor(next() * 5) : Math.floor(next() * 8);
    switch (kind) {
      case 0: return text();
      case 1: return pick(numbers);
      case 2: return pick([true, false, null]);
      case 3: return undefined;
      case 4: return text() + 'ins-12345678';
      case 5: return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      case 6: {
        const o = next() < 0.2 ? Object.create(null) : {};
        // Defined, not assigned: `__proto__` an own key, as JSON.parse makes it.
        for (let i = Math.floor(next() * 4); i > 0; i--) {
          Object.defineProperty(o, pick([text(), 'Content', '1', '__proto__']), { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return o;
      }
      default: return { Content: text(), InstanceIds: [text(), text()], Timeout: pick(numbers), Nested: value(depth + 1) };
    }
  };
  return value(0);
}

const hasControl = (v) => typeof v === 'string' ? /[\u0000-\u001f]/.test(v)
  : v !== null && typeof v === 'object' && Object.keys(v).some((k) => hasControl(k) || hasControl(v[k]));

test('node-body writes JSON.stringify\'s text, or text no JSON reader accepts', () => {
  let same = 0;
  let refused = 0;
  for (let seed = 1; seed <= 5000; seed++) {
    const v = randomData(seed);
    const text = jsonText(v, 64, 1_000_000);
    if (v === undefined) {
      assert.equal(text, undefined);
      continue;
    }
    assert.notEqual(text, undefined, `seed ${seed}`);
    if (text === JSON.stringify(v)) {
      same++;
    } else {
      assert.ok(hasControl(v), `seed ${seed}: ${JSON.stringify(v)} written as ${JSON.stringify(text)}`);
      assert.throws(() => JSON.parse(text), SyntaxError, `seed ${seed}`);
      refused++;
    }
  }
  assert.ok(same > 2000 && refused > 100, `${same} identical, ${refused} refused`);
});

test('node-body leaves to JSON.stringify what it might write otherwise, and keeps the limits', () => {
  assert.equal(jsonText({ a: [1, 'x'] }, 64, 100), '{"a":[1,"x"]}');
  assert.equal(jsonText([undefined, { u: undefined, n: null }], 64, 100), '[null,{"n":null}]');
  // A toJSON method: inherited by every object, an array's own, an array of another class.
  Object.prototype.toJSON = function () { return 'x'; };
  try {
    assert.equal(jsonText({ a: 1 }, 64, 100), undefined);
  } finally {
    delete Object.prototype.toJSON;
  }
  const withMethod = [1];
  withMethod.toJSON = () => 'x';
  assert.equal(jsonText({ a: withMethod }, 64, 100), undefined);
  class List extends Array {}
  assert.equal(jsonText({ a: List.from([1]) }, 64, 100), undefined);
  // An own `toJSON` that is not a function is a key like any other, for JSON.stringify too.
  assert.equal(jsonText({ toJSON: 1 }, 64, 100), JSON.stringify({ toJSON: 1 }));
  for (const bad of [{ a: NaN }, { a: Infinity }, { a: () => 1 }, { a: new Date(0) }, { a: 1n }, { a: Symbol('s') }, { a: new String('s') }]) {
    assert.equal(jsonText(bad, 64, 100), undefined);
  }
  // Depth and values counted as the fast path's check counts them.
  assert.equal(jsonText([[[]]], 3, 100), '[[[]]]');
  assert.equal(jsonText([[[[]]]], 3, 100), undefined);
  assert.equal(jsonText([1, 2, 3], 64, 4), '[1,2,3]');
  assert.equal(jsonText([1, 2, 3], 64, 3), undefined);
  assert.equal(jsonText({ a: undefined, b: 1 }, 64, 2), undefined);
});

test('strings with control characters, quotes or lone surrogates: the body is still JSON.stringify(params)', () => {
  for (const Description of ['line\nbreak', 'tab\tand "quote"', 'back\\slash', '\u0000', 'é部署\u2028\ud83d\ude00', '\u007f']) {
    const params = { InstanceIds: ['ins-12345678'], Content: 'ZWNobw==', Description, Parameters: '{\n "a": "b"\n}' };
    const req = tat.buildRequest({ ...base, params, validation: 'warn' });
    assert.equal(req.body, JSON.stringify(params), JSON.stringify(Description));
    assert.equal(parseAuthorization(req.headers.Authorization).signature, recomputed(req, base.secretKey));
  }
  for (let seed = 1; seed <= 300; seed++) {
    const Description = randomData(seed);
    if (typeof Description !== 'string' || Description.includes('\ud800') || Description.includes('\udfff')) continue;
    const params = { Content: 'ZWNobw==', InstanceIds: ['ins-12345678'], Description };
    const req = tat.buildRequest({ ...base, params, validation: 'warn' });
    assert.equal(req.body, JSON.stringify(params), `seed ${seed}`);
  }
});
