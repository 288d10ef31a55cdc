// What a failed attempt tells the client about its request, sorted once for request() and
// runCommand() (README "When the network fails"):
//   'not-run'  the service did not act: never sent (connection refused, DNS, a credentials
//              function that failed, a refused validation) or refused by the service (rate
//              limit, signature, parameters: any answer with an error code but InternalError);
//   'unknown'  the request may have reached the service and acted, its answer lost: a
//              connection lost after sending, the client's timeout, a gateway's 5xx page,
//              InternalError (the service may fail after acting);
//   'ran'      the service acted (a run's invocations exist; the failure came later).
// `transient` says whether trying again may help; `rateLimited` that it should slow down;
// `tokenFailure` that the credentials should be fetched afresh.

/**
 * Errors of Node's fetch (undici's `cause.code`) that mean no byte of the request left: the
 * connection was never made. Any other network failure may have come after the request went out.
 */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT']);

/** Whether a fetch failure (its error) certainly happened before the request was sent. */
export function neverSent(e) {
  for (let c = e, depth = 0; c && depth < 4; c = c.cause, depth++) {
    if (typeof c.code === 'string' && NOT_SENT.has(c.code)) return true;
  }
  return false;
}

/** Error codes of an answer from the service (or a relay) that do not prove it did not act. */
const isUnknownCode = (code) => code === 'InternalError' || (code.startsWith('InternalError.') && code !== 'InternalError.RelayUpstreamUnreachable');

/** Sorts an attempt's failure: { outcome, transient, rateLimited, tokenFailure }. */
export function classify(e) {
  const code = typeof e?.code === 'string' ? e.code : '';
  // Set by attempt() for what it knows first-hand: network failures, pages, credentials.
  if (e?.outcome === 'unknown' || e?.outcome === 'not-run') {
    return { outcome: e.outcome, transient: e.transient === true || e.retryable === true, rateLimited: e.status === 429, tokenFailure: false };
  }
  if (Array.isArray(e?.errors)) return { outcome: 'not-run', transient: false, rateLimited: false, tokenFailure: false };
  if (code === '') return { outcome: 'not-run', transient: false, rateLimited: false, tokenFailure: false }; // a bug of ours, before sending
  if (isUnknownCode(code)) return { outcome: 'unknown', transient: true, rateLimited: false, tokenFailure: false };
  const rateLimited = code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.');
  const tokenFailure = code === 'AuthFailure.TokenFailure';
  return { outcome: 'not-run', transient: rateLimited || e?.retryable === true, rateLimited, tokenFailure };
}
