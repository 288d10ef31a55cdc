// Fault injection: the network's failures, on purpose, for testing clients (ours, the SDKs, a
// user's scripts) against the emulator. `--faults SPEC --seed N` (the bin), SANDBOX_FAULTS and
// SANDBOX_SEED (www/server.mjs, `make demo`). SPEC is comma-separated `kind=rate` pairs, rates
// from 0 to 1 whose sum is at most 1, per request; the kinds (www/README.md "Fault injection"):
//   drop      the request is handled (it acts), then the connection is closed unanswered
//   late      the request is handled, its answer sent `late-ms` later (default 5000)
//   gateway   the request is handled, then a gateway's HTML page answers (HTTP 502)
//   internal  the request is handled, then InternalError answers in its place
//   limit     RequestLimitExceeded answers, and the request is not handled
//   unreached a gateway's 504 page answers, and the request is not handled (it never reached
//             the service: what a client cannot tell from a `gateway` fault)
// and three settings: `late-ms=N`, `actions=A+B` (only those actions get faults; all by default)
// and `max=N` (at most N faults in all, then none: "the first RunCommand's answer is lost").
// The same seed makes the same sequence of choices, request by request in arrival order.

export const FAULT_KINDS = Object.freeze(['drop', 'late', 'gateway', 'internal', 'limit', 'unreached']);
const DEFAULT_LATE_MS = 5000;
/** The longest `late-ms`: an answer held longer would only hold a connection. */
const MAX_LATE_MS = 120_000;

const bad = (message) => Object.assign(new Error(`--faults: ${message}`), { code: 'InvalidFaults' });

/** Parses SPEC (above) into { rates, lateMs, actions }; throws an Error naming what is wrong. */
export function parseFaults(spec) {
  const rates = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0]));
  let lateMs = DEFAULT_LATE_MS;
  let actions = null;
  let max = Infinity;
  if (typeof spec !== 'string' || spec.length > 2000) throw bad('must be a string like drop=0.05,limit=0.02');
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (key === 'late-ms') {
      lateMs = Number(value);
      if (!Number.isInteger(lateMs) || lateMs < 0 || lateMs > MAX_LATE_MS) throw bad(`late-ms must be an integer from 0 to ${MAX_LATE_MS}, not ${value.slice(0, 20)}`);
    } else if (key === 'max') {
      max = Number(value);
      if (!Number.isSafeInteger(max) || max < 0) throw bad(`max must be a whole number, not ${value.slice(0, 20)}`);
    } else if (key === 'actions') {
      actions = new Set(value.split('+').filter(Boolean));
      if (!actions.size) throw bad('actions must name at least one action (actions=RunCommand+InvokeCommand)');
    } else if (FAULT_KINDS.includes(key)) {
      const rate = Number(value);
      if (value === '' || !(rate >= 0 && rate <= 1)) throw bad(`${key} must be a rate from 0 to 1, not ${value.slice(0, 20) || '(none)'}`);
      rates[key] = rate;
    } else {
      throw bad(`unknown kind ${key.slice(0, 20)} (${FAULT_KINDS.join(', ')}, late-ms, actions, max)`);
    }
  }
  const sum = Object.values(rates).reduce((a, b) => a + b, 0);
  if (sum > 1 + 1e-9) throw bad(`the rates add up to ${sum}, more than 1`);
  return { rates, lateMs, actions, max };
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const page = (title) => `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>tat-request sandbox (fault injection)</center>\r\n</body>\r\n</html>\r\n`;
const PAGES = { gateway: [502, page('502 Bad Gateway')], unreached: [504, page('504 Gateway Time-out')] };

/**
 * A fault injector from SPEC and an integer seed; null when SPEC is empty. `respond(...)`
 * answers one API request with its fault (or none); `injected` counts them by kind.
 */
export function createFaults(spec, seed = 1) {
  if (spec == null || String(spec).trim() === '') return null;
  const { rates, lateMs, actions, max } = parseFaults(String(spec));
  let total = 0;
  if (!Number.isSafeInteger(Number(seed))) throw bad(`the seed must be an integer, not ${String(seed).slice(0, 20)}`);
  const next = random(Number(seed));
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0]));
  const timers = new Set();

  function pick(action) {
    if ((actions && !actions.has(action)) || total >= max) return null;
    let r = next();
    for (const kind of FAULT_KINDS) {
      if (r < rates[kind]) return kind;
      r -= rates[kind];
    }
    return null;
  }

  /**
   * Answers one request: `handle()` gives the emulator's answer (and acts), `send(answer)`
   * writes an answer ({ status, body }), `res` is the HTTP response, `errorAnswer` makes one.
   */
  function respond({ action, res, handle, send, errorAnswer }) {
    const kind = pick(action);
    if (kind) {
      injected[kind]++;
      total++;
    }
    if (kind === 'limit') return send(errorAnswer('RequestLimitExceeded', 'Injected by the sandbox (--faults limit).'));
    const answer = kind === 'unreached' ? null : handle();
    if (kind === null) return send(answer);
    if (kind === 'drop') return res.socket?.destroy();
    if (kind === 'internal') return send(errorAnswer('InternalError', 'Injected by the sandbox (--faults internal) after the request was handled.'));
    if (kind === 'gateway' || kind === 'unreached') {
      const [status, html] = PAGES[kind];
      res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      return res.end(html);
    }
    // late: held, then sent (unless the client has gone).
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) send(answer);
    }, lateMs);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
    return undefined;
  }

  return { respond, injected, spec: { rates, lateMs, max, actions: actions ? [...actions] : null } };
}
