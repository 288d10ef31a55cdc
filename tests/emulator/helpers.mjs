// Shared by the emulator's tests: the package's Node entry, the API description (api.json from
// the pinned tccli wheel, downloaded by scripts/fetch-api.sh, never committed), and a sandbox
// on a hand-driven clock with a signer of its own (node:crypto, tc3.mjs), so that any body, even
// one the package would refuse, can be sent.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSandbox } from '../../www/sandbox/handlers.mjs';
import { computeSignature, utcDate } from '../../www/sandbox/tc3.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const tat = await import(pathToFileURL(join(root, 'pkg/index.mjs')).href);

export const ID = 'AKIDsandboxDEMO0000000000000000000000';
export const KEY = 'sandbox-demo-secret-key-not-a-real-one';

/** api.json and examples.json of tccli's TAT 2020-10-28 service. */
export function apiDescription() {
  const api = execFileSync(join(root, 'scripts/fetch-api.sh'), { encoding: 'utf8' }).trim();
  const path = join(root, api);
  return {
    api: JSON.parse(readFileSync(path, 'utf8')),
    examples: JSON.parse(readFileSync(join(dirname(path), 'examples.json'), 'utf8')),
  };
}

export const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');
export const unb64 = (text) => Buffer.from(text, 'base64').toString('utf8');

/** A sandbox on a hand-driven clock; `send` signs and answers the Response object. */
export function sandboxAt(startMs = Date.UTC(2025, 0, 2, 3, 4, 5), { speed = 1, credentials = { [ID]: KEY } } = {}) {
  const clock = { ms: startMs };
  const sandbox = createSandbox({ tat, credentials, now: () => clock.ms, speed });
  function send(action, params, { headers = {}, secretKey = KEY, secretId = ID, body } = {}) {
    const text = body ?? JSON.stringify(params ?? {});
    const timestamp = Math.floor(clock.ms / 1000);
    const h = { 'content-type': 'application/json', host: 'tat.tencentcloudapi.com', 'x-tc-action': action, 'x-tc-version': '2020-10-28', 'x-tc-timestamp': String(timestamp), ...headers };
    const signature = computeSignature({ method: 'POST', path: '/', query: '', headers: h, body: Buffer.from(text), signedHeaders: ['content-type', 'host'], timestamp, service: 'tat', secretKey });
    h.authorization = `TC3-HMAC-SHA256 Credential=${secretId}/${utcDate(timestamp)}/tat/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`;
    const { status, body: answer } = sandbox.handle({ method: 'POST', path: '/', query: '', headers: h, body: Buffer.from(text) });
    assert.equal(status, 200);
    assert.equal(typeof answer.Response.RequestId, 'string');
    return answer.Response;
  }
  /** `send`, and the answer must not be an error. */
  function ok(action, params, options) {
    const r = send(action, params, options);
    assert.equal(r.Error, undefined, `${action}: ${JSON.stringify(r.Error)}`);
    return r;
  }
  return { clock, sandbox, send, ok };
}

export const errorCode = (r) => r.Error?.Code;
