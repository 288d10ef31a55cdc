// Relay mode: the TAT API sends no CORS headers, so a page cannot read its answers. The relay
// forwards the browser's signed request to the fixed upstream unchanged (the same body bytes
// and the signed and X-TC-* headers) and returns the answer. It holds no secret and signs
// nothing: it cannot change a request without breaking its signature. It logs nothing.
//
// The answer is served from the console's origin, so the relay trusts none of it: only a
// JSON answer is passed on (the server sends it as application/json with nosniff), and it is
// read up to MAX_ANSWER_BYTES, never further.
import { randomUUID } from 'node:crypto';

/** Request headers the signature and the service need; everything else (cookies, Origin, ...) stays here. */
const FORWARDED = /^(authorization|content-type|x-tc-[a-z0-9-]+)$/;

/**
 * The largest upstream answer passed on (www/README.md "Relay mode"). The largest answer the
 * console asks for, 100 task views of DescribeInvocationTasks each with a 64 KB script and
 * 24 KB of output in base64, is about 12 MB.
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** An answer of the relay's own, in the service's error shape. */
function failure(code, message) {
  return {
    status: 502,
    body: Buffer.from(JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } })),
  };
}

export function createRelay({ upstream, timeoutMs = 30000, maxAnswerBytes = MAX_ANSWER_BYTES, fetchImpl = globalThis.fetch }) {
  const target = new URL(upstream);
  if (target.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    // Signed requests carry a token and an Authorization header: never send them in clear
    // text, except to a local test upstream.
    throw new Error(`TAT_UPSTREAM must be https (got ${upstream})`);
  }
  const tooLarge = () => failure('ResponseSizeLimitExceeded', `The upstream's answer is over the relay's limit of ${maxAnswerBytes} bytes.`);
  const unreachable = (e) => failure(
    e?.name === 'TimeoutError' ? 'InternalError.RelayTimeout' : 'InternalError.RelayUpstreamUnreachable',
    `The relay could not reach ${target.origin} (${e?.cause?.code ?? e?.name ?? 'error'}).`,
  );

  /** Reads a fetch answer's body up to `maxAnswerBytes`; null past it (the rest is never read). */
  async function readCapped(answer) {
    if (Number(answer.headers.get('content-length')) > maxAnswerBytes) return null;
    const chunks = [];
    let size = 0;
    for await (const chunk of answer.body ?? []) {
      size += chunk.length;
      if (size > maxAnswerBytes) return null; // leaving the loop cancels the stream and its connection
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  }

  /** Forwards { method, headers (lower-case), body (Buffer) }; resolves { status, body (Buffer of JSON) }. */
  async function forward({ method, headers, body }) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) if (FORWARDED.test(name)) out[name] = value;
    let answer;
    try {
      answer = await fetchImpl(target, {
        method,
        headers: out,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      return unreachable(e);
    }
    const type = answer.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      await answer.body?.cancel().catch(() => {});
      return failure('InternalError.RelayNotJson', `The upstream answered ${answer.status} with ${type ? type.split(';')[0] : 'no content type'}, not JSON.`);
    }
    try {
      const bytes = await readCapped(answer);
      if (bytes === null) {
        await answer.body?.cancel().catch(() => {});
        return tooLarge();
      }
      return { status: answer.status, body: bytes };
    } catch (e) {
      return unreachable(e);
    }
  }

  return { upstream: target.href, host: target.host, forward };
}
