// Signs with the package and sends: every action goes through tat.buildRequest (which
// validates it first), then the package's Pacer (the API's 20 requests per second), then
// fetch to the chosen endpoint; the answer is read with tat.parseResponse.

/** A failed call: a service error code, or NetworkError / BadAnswer from the page itself. */
export class ApiError extends Error {
  constructor({ code, message, requestId, status, errors, detail }) {
    super(message ?? code);
    this.name = 'ApiError';
    Object.assign(this, { code, requestId, status, errors, detail });
  }
}

/** The absolute URL of an endpoint field's value ('/api', 'https://relay.example/api'). */
export const endpointUrl = (endpoint) => new URL(endpoint || '/api', location.href).href;

/**
 * The host the signature covers. A request to the API itself is signed for its host; a
 * request to a relay (or the sandbox) for the API host that relay forwards to.
 */
export function signHostFor(endpoint, defaultHost) {
  const url = new URL(endpointUrl(endpoint));
  return url.hostname.endsWith('.tencentcloudapi.com') ? url.host : defaultHost;
}

/**
 * Builds the signed request for `action`. Throws the package's TatError (with .errors) when
 * the parameters or credentials are refused.
 */
export function sign(tat, { action, params, credentials, language, defaultHost, validation }) {
  return tat.buildRequest({
    action,
    params,
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    token: credentials.token,
    region: credentials.region,
    host: signHostFor(credentials.endpoint, defaultHost),
    language,
    validation,
  });
}

/**
 * A client. `pacer` is a tat.Pacer. `settings()` returns { credentials, language, defaultHost } when a call starts, so
 * the credentials are read from the form at that moment and kept nowhere else.
 */
export function createClient({ tat, pacer, settings }) {
  async function call(action, params, { signal, validation } = {}) {
    const { credentials, language, defaultHost } = settings();
    let built;
    try {
      built = sign(tat, { action, params, credentials, language, defaultHost, validation });
    } catch (e) {
      throw new ApiError({ code: e.code ?? 'InvalidParameter', message: e.message, errors: e.errors });
    }
    const wait = pacer.delay(Date.now());
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Browsers set Host themselves (it is a forbidden header); everything else goes as signed.
    const { Host, ...headers } = built.headers;
    let res;
    try {
      res = await fetch(endpointUrl(credentials.endpoint), {
        method: built.method,
        headers,
        body: built.body,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal,
      });
    } catch (e) {
      if (e?.name === 'AbortError') throw e;
      throw new ApiError({ code: 'NetworkError', detail: e?.message ?? String(e) });
    }
    const text = await res.text();
    let response;
    try {
      response = tat.parseResponse(text, language);
    } catch (e) {
      if (e.code === 'InvalidResponse') throw new ApiError({ code: 'BadAnswer', status: res.status });
      throw new ApiError({ code: e.code, message: e.message, requestId: e.requestId, status: res.status });
    }
    return response;
  }
  return { call };
}
