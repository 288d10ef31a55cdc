// buildRequest through the installed package: byte-identical to the official SDKs on every
// committed vector it can express, refusals with codes, and no secret in anything it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tat from 'tat-request';

const { vectors } = JSON.parse(readFileSync(join(process.env.TAT_ROOT, 'tests/vectors/vectors.json'), 'utf8'));

const inputOf = (v) => ({
  action: v.action,
  params: v.params,
  secretId: v.secret_id,
  secretKey: v.secret_key,
  token: v.token ?? undefined,
  region: v.region ?? undefined,
  host: v.host,
  language: v.language ?? undefined,
  timestamp: Number(v.timestamp),
  signActionHeader: v.signed_headers !== 'content-type;host',
});

test('headers and body byte-identical to the official Python and Node SDKs', () => {
  let checked = 0;
  for (const v of vectors.filter((v) => v.params && v.method === 'POST')) {
    const req = tat.buildRequest(inputOf(v));
    assert.equal(req.body, v.body, v.name);
    assert.equal(req.url, `https://${v.host}/`, v.name);
    // Vectors signing x-tc-action come from the Python SDK's sign_tc3 alone (neither SDK's
    // client can sign that header), so they record the Authorization, not whole headers.
    if (v.python.headers) assert.deepEqual(req.headers, v.python.headers, `${v.name}: Python SDK`);
    assert.equal(req.headers.Authorization, v.python.authorization, `${v.name}: Python SDK`);
    if (v.node) assert.deepEqual(req.headers, v.node.headers, `${v.name}: Node SDK`);
    checked++;
  }
  assert.ok(checked >= 15, `only ${checked} vectors checked`);
});

test('the signature is over the exact body: editing it breaks the match', () => {
  const v = vectors.find((v) => v.name === 'runcommand-minimal');
  const req = tat.buildRequest(inputOf(v));
  const other = tat.buildRequest({ ...inputOf(v), params: { ...v.params, Timeout: 61 } });
  assert.notEqual(req.headers.Authorization, other.headers.Authorization);
});

test('invalid parameters are refused with every error and no secret', () => {
  const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
  let err;
  try {
    tat.buildRequest({ action: 'RunCommand', params: { Content: 'x', InstanceIds: [] }, secretId: 'AKIDEXAMPLE', secretKey, timestamp: 1700000000 });
  } catch (e) { err = e; }
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'TatError');
  assert.equal(err.code, 'InvalidParameterValue.InvalidContent');
  assert.deepEqual(err.errors.map((e) => [e.field, e.code]), [
    ['Content', 'InvalidParameterValue.InvalidContent'],
    ['InstanceIds', 'MissingParameter'],
  ]);
  assert.ok(!JSON.stringify({ m: err.message, s: err.stack, e: err.errors }).includes(secretKey));
});

test('credential and input checks name the field, never the value', () => {
  const base = { action: 'RunCommand', params: { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }, secretId: 'AKIDEXAMPLE', secretKey: 'k\nsecret-value', timestamp: 1700000000 };
  const fields = (input) => {
    try { tat.buildRequest(input); return []; } catch (e) { return e.errors?.map((x) => x.field) ?? [e.code]; }
  };
  assert.deepEqual(fields({ ...base, secretKey: '' }), ['SecretKey']);
  assert.deepEqual(fields({ ...base, secretId: '' }), ['SecretId']);
  // A region a header cannot carry as given is refused; one of an unusual form only warned about.
  assert.deepEqual(fields({ ...base, region: 'ap\r\nx' }), ['Region']);
  assert.deepEqual(fields({ ...base, region: 'ap-广州' }), ['Region']);
  assert.deepEqual(fields({ ...base, region: ' ap-guangzhou' }), ['Region']);
  const odd = tat.buildRequest({ ...base, region: 'ap guangzhou' });
  assert.equal(odd.headers['X-TC-Region'], 'ap guangzhou');
  assert.deepEqual(odd.warnings.map((w) => [w.field, w.code]), [['Region', 'InvalidParameterValue']]);
  assert.deepEqual(fields({ ...base, host: 'https://evil.example/' }), ['Host']);
  assert.deepEqual(fields({ ...base, token: 'a\r\nX-Injected: 1' }), ['Token']);
  try { tat.buildRequest({ ...base, secretKey: ' secret-value ' }); } catch (e) {
    assert.ok(!JSON.stringify({ m: e.message, e: e.errors }).includes('secret-value'));
  }
  assert.throws(() => tat.buildRequest({ ...base, secretkey: 'x' }), (e) => e.code === 'UnknownParameter');
  assert.throws(() => tat.buildRequest({ ...base, timestamp: 1700000000.5 }), (e) => e.code === 'InvalidParameter');
  assert.throws(() => tat.buildRequest({ ...base, params: { ...base.params, Timeout: NaN } }), (e) => e.errors[0].field === 'Timeout');
  assert.throws(() => tat.buildRequest(null), (e) => e.code === 'InvalidParameter');
});

test('timestamp defaults to now, in seconds', () => {
  const before = Math.floor(Date.now() / 1000);
  const req = tat.buildRequest({ action: 'RunCommand', params: { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }, secretId: 'AKIDEXAMPLE', secretKey: 'k' });
  const ts = Number(req.headers['X-TC-Timestamp']);
  assert.ok(ts >= before && ts <= Math.floor(Date.now() / 1000), String(ts));
});

test('the returned request carries no secret key', () => {
  const secretKey = 'very-secret-key-value';
  const req = tat.buildRequest({ action: 'RunCommand', params: { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }, secretId: 'AKIDEXAMPLE', secretKey, token: 'tok', region: 'ap-guangzhou', language: 'zh-CN', timestamp: 1700000000 });
  assert.ok(!JSON.stringify(req).includes(secretKey));
  assert.deepEqual(Object.keys(req.headers), ['Authorization', 'Content-Type', 'Host', 'X-TC-Action', 'X-TC-Version', 'X-TC-Timestamp', 'X-TC-Region', 'X-TC-Token', 'X-TC-Language']);
});

test('credentials kept between calls give the same signatures, and can be forgotten', () => {
  const v = vectors.find((v) => v.name === 'runcommand-minimal');
  const first = tat.buildRequest(inputOf(v)).headers.Authorization;
  const other = tat.buildRequest({ ...inputOf(v), secretKey: 'another-key' }).headers.Authorization;
  assert.notEqual(first, other);
  assert.equal(tat.buildRequest(inputOf(v)).headers.Authorization, v.python.authorization);
  tat.forgetCredentials();
  assert.equal(tat.buildRequest(inputOf(v)).headers.Authorization, v.python.authorization);
  // A different date with the same credentials derives a new key.
  const later = vectors.find((x) => x.name === 'utc-midnight-after' && x.params) ?? null;
  if (later) assert.equal(tat.buildRequest(inputOf(later)).headers.Authorization, later.python.authorization);
});

test("validation: 'warn' builds what the rules refuse, never what cannot be signed", () => {
  const input = { action: 'RunCommand', params: { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'], Timeout: 0 }, secretId: 'AKIDEXAMPLE', secretKey: 'k', timestamp: 1700000000 };
  assert.throws(() => tat.buildRequest(input), (e) => e.code === 'InvalidParameterValue.Range' && Array.isArray(e.warnings));
  for (const params of [input.params, new (class Careful { constructor(p) { Object.assign(this, p); } })(input.params)]) {
    const r = tat.buildRequest({ ...input, params, validation: 'warn' });
    assert.deepEqual(r.warnings.map((w) => [w.field, w.code]), [['Timeout', 'InvalidParameterValue.Range']]);
    assert.match(r.headers.Authorization, /^TC3-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
  }
  // A request with only warnings is built by default, and carries them.
  const odd = tat.buildRequest({ ...input, params: { Content: 'd2hvYW1p', InstanceIds: ['ins-1'] } });
  assert.deepEqual(odd.warnings.map((w) => w.code), ['InvalidParameterValue.InvalidInstanceId']);
  assert.deepEqual(tat.buildRequest({ ...input, params: { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] } }).warnings, []);
  // Never past what cannot be signed faithfully.
  assert.throws(() => tat.buildRequest({ ...input, validation: 'warn', params: { ...input.params, Timeout: NaN } }), (e) => e.code === 'InvalidParameter');
  assert.throws(() => tat.buildRequest({ ...input, validation: 'warn', secretKey: '' }), (e) => e.errors.some((x) => x.field === 'SecretKey'));
  assert.throws(() => tat.buildRequest({ ...input, validation: 'maybe' }), (e) => e.code === 'InvalidParameterValue');
});
