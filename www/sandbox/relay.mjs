// Relay mode: the TAT API sends no CORS headers, so a page cannot read its answers. The relay
// forwards the browser's signed request to the fixed upstream unchanged (the same body bytes
// and the signed and X-TC-* headers) and returns the answer. It holds no secret and signs
// nothing: it cannot change a request without breaking its signature. It logs nothing.

/** Request headers the signature and the service need; everything else (cookies, Origin, ...) stays here. */
const FORWARDED = /^(authorization|content-type|x-tc-[a-z0-9-]+)$/;

export function createRelay({ upstream, timeoutMs = 30000, fetchImpl = globalThis.fetch }) {
  const target = new URL(upstream);
  if (target.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    // Signed requests carry a token and an Authorization header: never send them in clear
    // text, except to a local test upstream.
    throw new Error(`TAT_UPSTREAM must be https (got ${upstream})`);
  }

  /** Forwards { method, headers (lower-case), body (Buffer) }; resolves { status, headers, body }. */
  async function forward({ method, headers, body }) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) if (FORWARDED.test(name)) out[name] = value;
    try {
      const answer = await fetchImpl(target, {
        method,
        headers: out,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const bytes = Buffer.from(await answer.arrayBuffer());
      return { status: answer.status, headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' }, body: bytes };
    } catch (e) {
      const code = e?.name === 'TimeoutError' ? 'InternalError.RelayTimeout' : 'InternalError.RelayUpstreamUnreachable';
      const message = `The relay could not reach ${target.origin} (${e?.cause?.code ?? e?.name ?? 'error'}).`;
      return {
        status: 502,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: '' } })),
      };
    }
  }

  return { upstream: target.href, host: target.host, forward };
}
