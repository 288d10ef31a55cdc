// The Node entries hash the body with node:crypto (pkg-template/fast-path.mjs) and hand the
// digest to the core, which signs with it: the signatures must stay those of the official
// SDKs (tests/vectors/vectors.json) with the native digest, with the module's own, and the
// digest given must be the one signed (a wrong one changes the signature).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tat from 'tat-request';

const require = createRequire(import.meta.url);
const { vectors } = JSON.parse(readFileSync(join(process.env.TAT_ROOT, 'tests/vectors/vectors.json'), 'utf8'));
// The package's own files, past its exports map: the fast path and Node's wasm module.
const dir = new URL('./', import.meta.resolve('tat-request'));
const { fastBuildRequest } = await import(new URL('fast-path.mjs', dir).href);
const wasm = require(new URL('node/tat_request.js', dir).pathname);

// The POST vectors whose body is what JSON.stringify writes of its parsed value: those a caller
// of buildRequest can produce from parameters.
const cases = vectors.filter((v) => {
  if (v.method !== 'POST' || !v.body) return false;
  try {
    return JSON.stringify(JSON.parse(v.body)) === v.body;
  } catch {
    return false;
  }
});
const signature = (auth) => auth.slice(auth.lastIndexOf('Signature=') + 10);
const input = (v) => ({
  action: v.action, params: JSON.parse(v.body), secretId: v.secret_id, secretKey: v.secret_key,
  token: v.token ?? undefined, region: v.region ?? undefined, host: v.host, language: v.language ?? undefined,
  timestamp: v.timestamp, signActionHeader: v.signed_headers.includes('x-tc-action'), validation: 'warn',
});

test('the vectors hold enough cases, the 64 KB bodies among them', () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  assert.ok(cases.some((v) => v.body.length >= 65536));
});

test('signatures equal to the official SDKs\' with the body hashed by node:crypto', () => {
  let hashed = 0;
  const counting = { hash: (...a) => { hashed++; return crypto.hash(...a); } };
  const native = fastBuildRequest(wasm, counting);
  const inWasm = fastBuildRequest(wasm);
  for (const v of cases) {
    const want = v.python.signature;
    const before = hashed;
    const a = native(input(v));
    assert.equal(hashed, before + 1, `${v.name}: hashed by node:crypto once`);
    assert.equal(signature(a.headers.Authorization), want, v.name);
    assert.equal(a.body, v.body, v.name);
    // The public entry is that path; the module's own SHA-256 gives the same signature.
    assert.equal(tat.buildRequest(input(v)).headers.Authorization, a.headers.Authorization, v.name);
    assert.equal(inWasm(input(v)).headers.Authorization, a.headers.Authorization, v.name);
  }
});

test('the digest node:crypto gives is the one signed', () => {
  const v = cases.find((c) => c.name === 'runcommand-minimal');
  const wrong = fastBuildRequest(wasm, { hash: () => 'ab'.repeat(32) })(input(v));
  assert.notEqual(signature(wrong.headers.Authorization), v.python.signature);
  // Not 64 hex digits: ignored, the core hashes the body itself.
  const odd = fastBuildRequest(wasm, { hash: () => 'not a digest' })(input(v));
  assert.equal(signature(odd.headers.Authorization), v.python.signature);
});
