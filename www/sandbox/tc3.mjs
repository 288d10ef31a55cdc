// TC3-HMAC-SHA256 verification for the sandbox, written with node:crypto only, from the TC3
// document, never with the wasm package: a sandbox that checked signatures with the code that
// made them would accept any mistake they share.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The service's tolerance between the request's X-TC-Timestamp and its clock, in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const AUTHORIZATION = /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9.:[\]-]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const sha256hex = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, text) => createHmac('sha256', key).update(text, 'utf8').digest();

/** The parts of a TC3 Authorization header, or null when it is not one. */
export function parseAuthorization(value) {
  const m = typeof value === 'string' ? AUTHORIZATION.exec(value) : null;
  if (!m) return null;
  const [, secretId, date, service, signedHeaders, signature] = m;
  return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** The UTC date (YYYY-MM-DD) of a Unix time in seconds, as the credential scope names it. */
export const utcDate = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The key that signs a day's requests to a service: TC3's chain of HMACs over date and service. */
function signingKey(secretKey, date, service) {
  const kDate = hmac(Buffer.from(`TC3${secretKey}`, 'utf8'), date);
  return hmac(hmac(kDate, service), 'tc3_request');
}

/** The hex signature of a request whose body hash and signing key are already known. */
function signatureWith({ method, path = '/', query = '', headers, bodyHash, signedHeaders, timestamp, service, key }) {
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${String(headers[name] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = [method, path, query, canonicalHeaders, signedHeaders.join(';'), bodyHash].join('\n');
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${utcDate(timestamp)}/${service}/tc3_request`, sha256hex(canonicalRequest)].join('\n');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

/**
 * The hex signature of a request. `headers` maps lower-case names to values; `body` is the
 * exact bytes received (a Buffer or a string); `query` the query string as sent, without `?`.
 */
export function computeSignature({ body, secretKey, ...request }) {
  return signatureWith({ ...request, bodyHash: sha256hex(body ?? ''), key: signingKey(secretKey, utcDate(request.timestamp), request.service) });
}

const refuse = (code, message) => ({ ok: false, code, message });

/** A Host header's name without its port (`127.0.0.1:9000` -> `127.0.0.1`, `[::1]:9000` -> `[::1]`). */
const hostname = (host) => host.replace(/:\d+$/, '');

/** Whether a Host header names this machine: 127.0.0.0/8, `localhost` or `[::1]`, any port. */
export function isLoopbackHost(host) {
  const name = typeof host === 'string' ? hostname(host.toLowerCase()) : '';
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * Verifies a signed request as the service does, in the order that gives the most useful
 * answer: a malformed header, then the clock, then the account, then the signature.
 *
 * request: { method, path, query, headers (lower-case names), body }
 * options: { secretKeyFor(secretId) -> string | undefined, now (Unix seconds),
 *            hosts: host names the signature may cover, service: 'tat' }
 *
 * `hosts` exists because a browser cannot set the Host header: a page signs for
 * tat.tencentcloudapi.com and its request arrives with the sandbox's own host, so the sandbox
 * accepts a signature over the host it received or over the service host it stands in for.
 *
 * The loopback loosening: the official Node SDK (tencentcloud-sdk-nodejs-common), given the
 * endpoint `127.0.0.1:PORT`, names the credential scope's service after the endpoint's first
 * label (`127`) and signs the host without its port. So, and only when the received Host is a
 * loopback address, the service may also be the Host's first label and the signed host may
 * also be the Host without its port. Any other host is checked exactly.
 */
export function verifyRequest(request, { secretKeyFor, now, hosts = [], service = 'tat' }) {
  const { headers } = request;
  const auth = parseAuthorization(headers.authorization);
  if (!auth) return refuse('AuthFailure.InvalidAuthorization', 'The Authorization header is missing or is not TC3-HMAC-SHA256.');
  if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) {
    return refuse('AuthFailure.InvalidAuthorization', 'SignedHeaders must include content-type and host.');
  }
  const tsText = headers['x-tc-timestamp'];
  if (typeof tsText !== 'string' || !/^\d{1,12}$/.test(tsText)) {
    return refuse('AuthFailure.InvalidAuthorization', 'X-TC-Timestamp must be the Unix time in seconds.');
  }
  const timestamp = Number(tsText);
  if (Math.abs(now - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    return refuse('AuthFailure.SignatureExpire', `The request was signed at ${timestamp}, more than 5 minutes from the server time ${Math.floor(now)}.`);
  }
  const loopback = isLoopbackHost(headers.host);
  const services = loopback ? [service, headers.host.split('.')[0]] : [service];
  if (!services.includes(auth.service)) return refuse('AuthFailure.InvalidAuthorization', `The credential scope names the service ${auth.service}, not ${service}.`);
  if (auth.date !== utcDate(timestamp)) {
    return refuse('AuthFailure.SignatureFailure', `The credential date ${auth.date} is not the UTC date of X-TC-Timestamp.`);
  }
  const secretKey = secretKeyFor(auth.secretId);
  if (secretKey === undefined) return refuse('AuthFailure.SecretIdNotFound', 'The SecretId does not exist.');

  // A browser's request arrives with the sandbox's host but is signed for the service host,
  // so several hosts may be tried: what does not depend on the host is computed once.
  const candidates = [...new Set([headers.host, loopback && hostname(headers.host), ...hosts].filter(Boolean))];
  const given = Buffer.from(auth.signature, 'hex');
  const bodyHash = sha256hex(request.body ?? '');
  const key = signingKey(secretKey, utcDate(timestamp), auth.service);
  for (const host of candidates) {
    const expected = signatureWith({
      ...request,
      headers: { ...headers, host },
      bodyHash,
      signedHeaders: auth.signedHeaders,
      timestamp,
      service: auth.service,
      key,
    });
    if (timingSafeEqual(Buffer.from(expected, 'hex'), given)) return { ok: true, secretId: auth.secretId, timestamp };
  }
  return refuse('AuthFailure.SignatureFailure', 'The signature does not match the request.');
}
