// Signs with the package and sends: every action goes through the package's client
// (tat.createClient: tat.buildRequest, which validates first; a Pacer per action, the API's 20
// requests per second; retries of rate limits, internal errors and network failures with
// backoff; tat.parseResponse), to the chosen endpoint.

/** A failed call: a service error code, or NetworkError / BadAnswer from the page itself. */
export class ApiError extends Error {
  constructor({ code, message, requestId, status, errors, detail, outcome, reconciliation }) {
    super(message ?? code);
    this.name = 'ApiError';
    Object.assign(this, { code, requestId, status, errors, detail, outcome, reconciliation });
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

/** fetch as the page sends: no cookies, no cache, no referrer. */
const pageFetch = (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });

/**
 * The package's error as the page shows it: the page's own codes for a network failure or a
 * non-API answer, and always what is known of the request's outcome (issue 22: "may have run").
 */
function pageError(e) {
  if (e?.name === 'AbortError') return e;
  const known = { outcome: e?.outcome, reconciliation: e?.reconciliation };
  if (e?.code === 'ClientNetworkError') return new ApiError({ code: 'NetworkError', detail: e.cause?.message ?? e.message, ...known });
  if (e?.code === 'ServerNetworkError' || e?.code === 'InvalidResponse') return new ApiError({ code: 'BadAnswer', status: e.status, ...known });
  return new ApiError({ code: e?.code ?? 'InvalidParameter', message: e?.message, requestId: e?.requestId, errors: e?.errors, ...known });
}

/**
 * A client for the page. `settings()` returns { credentials, language, defaultHost } when a
 * call starts, so the credentials are read from the form at that moment and kept nowhere else
 * (the package client is asked for them on every request: they "expire" at once). The package
 * client is made again when the endpoint, signed host, language, region or validation
 * ('warn': "send anyway") changes; it paces each action itself (`pacer` is no longer used).
 */
export function createClient({ tat, settings }) {
  // Kept by settings, so that a "send anyway" and the polls after it keep their own pacing.
  const clients = new Map();
  function clientFor({ credentials, language, defaultHost }, validation = 'error') {
    const endpoint = endpointUrl(credentials.endpoint);
    const signHost = signHostFor(credentials.endpoint, defaultHost);
    const region = credentials.region || undefined;
    const key = JSON.stringify([endpoint, signHost, language, region, validation]);
    if (!clients.has(key)) {
      if (clients.size >= 8) clients.clear(); // settings edited many times: start afresh
      clients.set(key, tat.createClient({
        endpoint,
        signHost,
        language,
        region,
        ...(validation === 'error' ? {} : { validation }), // 'error' is buildRequest's default
        fetch: pageFetch,
        credentials: () => {
          const c = settings().credentials;
          return { secretId: c.secretId, secretKey: c.secretKey, token: c.token || undefined, expiresAt: 0 };
        },
      }));
    }
    return clients.get(key);
  }

  async function call(action, params, { signal, validation } = {}) {
    try {
      return await clientFor(settings(), validation).request(action, params, { signal });
    } catch (e) {
      throw pageError(e);
    }
  }
  return { call };
}
