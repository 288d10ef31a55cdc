// createClient: the loop every user of buildRequest writes, once. Shared by every entry (make
// pkg copies it to client.cjs for CommonJS), so it imports nothing: the entry hands it the
// package's functions and, in Node, the credential chain of node-credentials.mjs.
//
// No rule lives here. Validation and signing are buildRequest's, answers parseResponse's
// (whose `retryable` comes from the error catalogue), fleets splitRunCommand's, pacing
// Pacer's, terminal statuses describeTaskStatus's, output decodeOutput's.

/** The API's host: what the signature covers unless `signHost` says otherwise. */
const API_HOST = 'tat.tencentcloudapi.com';
const DEFAULT_ENDPOINT = `https://${API_HOST}/`;
/** DescribeInvocationTasks' largest page (its Limit is at most 100). */
const PAGE_SIZE = 100;
/**
 * Temporary credentials are fetched again this long before their `expiresAt`, as the official
 * Node SDK does (30 s): a request signed just before expiry would arrive with a dead token.
 */
const REFRESH_BEFORE_MS = 30_000;
/** Backoff: attempt n waits between half and all of min(BASE * 2^n, MAX) ms. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 20_000;
/** setTimeout's longest wait (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A signature is valid for 5 minutes; a request that waited this long for its turn is signed again. */
const RESIGN_AFTER_MS = 60_000;
const OPTIONS = ['secretId', 'secretKey', 'token', 'credentials', 'region', 'endpoint', 'signHost', 'language', 'rules',
  'validation', 'fetch', 'maxRetries', 'ratePerSecond', 'timeoutMs'];
const RUN_OPTIONS = ['wait', 'signal', 'onProgress', 'pollIntervalMs'];

/**
 * The package's error: an `Error` named `TatError` with a `.code`. `instanceof TatError` is true
 * for every error the package throws, the WebAssembly core's included (they share the name).
 */
export class TatError extends Error {
  constructor(code, message, details) {
    super(message);
    this.name = 'TatError';
    this.code = code;
    if (details) Object.assign(this, details);
  }

  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === 'TatError';
  }
}

const invalid = (field, what) => new TatError('InvalidParameter', `${field} ${what}.`, { field });

/** Runs `read`; a getter or Proxy trap that throws becomes a TatError naming `field`. */
function reading(read, field) {
  try {
    return read();
  } catch (e) {
    if (e instanceof TatError) throw e;
    throw invalid(field, 'could not be read (a getter or Proxy trap threw)');
  }
}

/** A plain copy of `given`, refusing keys that are not in `known`, naming the first. */
function onlyKnown(given, known, where) {
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object') throw invalid(where, 'must be an object');
  return reading(() => {
    if (Array.isArray(given)) throw invalid(where, 'must be an object');
    const copy = {};
    for (const key of Object.keys(given)) {
      if (!known.includes(key)) throw invalid(`${where}.${key}`, `is not an option (${known.join(', ')})`);
      copy[key] = given[key];
    }
    return copy;
  }, where);
}

/** Credentials as the caller gave them, checked; the values never appear in a message. */
function checkCredentials(c, where) {
  if (c === null || typeof c !== 'object') throw new TatError('InvalidCredential', `${where} must be an object { secretId, secretKey, token?, expiresAt? }.`);
  const { secretId, secretKey, token, expiresAt } = reading(() => ({ secretId: c.secretId, secretKey: c.secretKey, token: c.token, expiresAt: c.expiresAt }), where);
  if (typeof secretId !== 'string' || secretId === '') throw new TatError('InvalidCredential', `${where}.secretId must be a non-empty string.`);
  if (typeof secretKey !== 'string' || secretKey === '') throw new TatError('InvalidCredential', `${where}.secretKey must be a non-empty string.`);
  if (token != null && typeof token !== 'string') throw new TatError('InvalidCredential', `${where}.token must be a string when given.`);
  const expires = reading(() => (expiresAt instanceof Date ? expiresAt.getTime() : expiresAt), `${where}.expiresAt`);
  if (expires != null && !Number.isFinite(expires)) {
    throw new TatError('InvalidCredential', `${where}.expiresAt must be a Date or milliseconds since 1970 (Date.now()) when given.`);
  }
  return { secretId, secretKey, token: token ?? undefined, expiresAt: expires ?? undefined };
}

/** Waits `ms`; an abort rejects at once with the signal's reason (an AbortError by default). */
function sleep(ms, signal) {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.min(ms, MAX_TIMER_MS));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or the signal's reason as soon as it aborts. */
function abortable(promise, signal) {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function checkSignal(signal, where) {
  const ok = signal == null || reading(() => typeof AbortSignal === 'function' && signal instanceof AbortSignal, where);
  if (!ok) throw invalid(where, 'must be an AbortSignal');
}

/** Exponential backoff with jitter ("equal jitter": never less than half the step). */
const backoff = (n) => {
  const step = Math.min(BACKOFF_BASE_MS * 2 ** n, BACKOFF_MAX_MS);
  return step / 2 + Math.random() * (step / 2);
};

/**
 * @param {object} tat the entry's functions: buildRequest, parseResponse, splitRunCommand,
 *   Pacer, describeTaskStatus, decodeOutput
 * @param {(() => Promise<object | undefined>) | undefined} defaultCredentials where the platform
 *   finds credentials when none are given (Node: environment, then profile file)
 * @param {string} defaultsHint what to name in the error when none are found
 */
export function clientFactory(tat, defaultCredentials, defaultsHint = '') {
  /** A function answering the credentials to sign with now. */
  function credentialSource(o) {
    const explicit = o.secretId !== undefined || o.secretKey !== undefined || o.token !== undefined;
    if (explicit && o.credentials !== undefined) throw invalid('credentials', 'cannot be given with secretId, secretKey or token');
    if (explicit) {
      const c = checkCredentials({ secretId: o.secretId, secretKey: o.secretKey, token: o.token }, 'createClient options');
      return () => Promise.resolve(c);
    }
    if (typeof o.credentials === 'function') return refreshing(o.credentials);
    if (o.credentials != null) {
      const c = checkCredentials(o.credentials, 'credentials');
      return () => Promise.resolve(c);
    }
    if (!defaultCredentials) {
      return () => Promise.reject(new TatError('InvalidCredential', 'No credentials: pass secretId and secretKey, or credentials, to createClient.'));
    }
    // Looked up once, on the first call; a failed look-up is tried again on the next.
    let found;
    return () => {
      found ??= defaultCredentials().then((c) => {
        if (!c) {
          throw new TatError('InvalidCredential', `No credentials: pass secretId and secretKey, or credentials, to createClient${defaultsHint}.`);
        }
        return checkCredentials(c, 'credentials');
      });
      found.catch(() => {
        found = undefined;
      });
      return found;
    };
  }

  /** A credentials function, called again when what it answered is about to expire. */
  function refreshing(fetchCredentials) {
    let current;
    let pending;
    return () => {
      if (current && !(current.expiresAt !== undefined && Date.now() >= current.expiresAt - REFRESH_BEFORE_MS)) return Promise.resolve(current);
      // Concurrent calls share one refresh; a failed one is tried again by the next call.
      pending ??= (async () => {
        let answer;
        try {
          answer = await fetchCredentials();
        } catch (e) {
          // Its own message could quote what it was handling: kept as the cause only.
          throw new TatError('InvalidCredential', 'The credentials function failed (see the cause).', { cause: e });
        }
        current = checkCredentials(answer, 'credentials()');
        return current;
      })().finally(() => {
        pending = undefined;
      });
      return pending;
    };
  }

  return function createClient(options) {
    const o = onlyKnown(options, OPTIONS, 'createClient options');
    const str = (k) => {
      if (o[k] != null && typeof o[k] !== 'string') throw invalid(k, 'must be a string');
      return o[k] ?? undefined;
    };
    const num = (k, fallback, { min, integer }) => {
      const v = o[k] ?? fallback;
      if (typeof v !== 'number' || !(v >= min) || (integer && !Number.isInteger(v)) || v === Infinity) {
        throw invalid(k, `must be ${integer ? 'an integer' : 'a number'} of at least ${min}`);
      }
      return v;
    };
    const region = str('region');
    const language = str('language');
    const rules = str('rules');
    const validation = str('validation');
    let endpoint;
    try {
      endpoint = new URL(str('endpoint') ?? DEFAULT_ENDPOINT);
    } catch {
      throw invalid('endpoint', 'must be an absolute http(s) URL');
    }
    if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') throw invalid('endpoint', 'must be an absolute http(s) URL');
    const signHost = str('signHost') ?? endpoint.host;
    if (o.fetch != null && typeof o.fetch !== 'function') throw invalid('fetch', 'must be a function');
    const send = o.fetch ?? ((url, init) => globalThis.fetch(url, init));
    const maxRetries = num('maxRetries', 3, { min: 0, integer: true });
    const ratePerSecond = num('ratePerSecond', 20, { min: 1, integer: true });
    const timeoutMs = num('timeoutMs', 60_000, { min: 1 });
    const getCredentials = credentialSource(o);
    // What buildRequest and splitRunCommand read besides the request: only what was given.
    const common = {};
    for (const [k, v] of Object.entries({ region, language, rules, validation })) if (v !== undefined) common[k] = v;
    const ruleOptions = {};
    if (rules !== undefined) ruleOptions.rules = rules;
    if (language !== undefined) ruleOptions.language = language;
    // 'warn' splits a fleet whose other parameters the rules refuse (one newer than api.json).
    if (validation !== undefined) ruleOptions.validation = validation;

    // One pacer per action: the API's limit is per action (20 a second each).
    const pacers = new Map();
    const pace = (action) => {
      if (!pacers.has(action)) pacers.set(action, new tat.Pacer(ratePerSecond));
      return pacers.get(action).delay(Date.now());
    };

    async function sign(action, params, signal) {
      const c = await abortable(getCredentials(), signal);
      const input = { action, params, secretId: c.secretId, secretKey: c.secretKey, host: signHost, ...common };
      if (c.token !== undefined) input.token = c.token;
      return tat.buildRequest(input); // validates first: a refused request throws here, unsent
    }

    /** One try: sign (validating), wait for the action's turn, send, read. */
    async function attempt(action, params, signal) {
      let built = await sign(action, params, signal);
      const wait = pace(action);
      await sleep(wait, signal);
      if (wait > RESIGN_AFTER_MS) built = await sign(action, params, signal);
      // fetch sets Host itself (browsers refuse to let a page set it).
      const { Host, ...headers } = built.headers;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, Math.min(timeoutMs, MAX_TIMER_MS));
      const onAbort = () => controller.abort(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      let status, text;
      try {
        const response = await send(endpoint.href, { method: 'POST', headers, body: built.body, signal: controller.signal });
        status = response.status;
        text = await response.text();
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        const message = timedOut ? `No answer from ${endpoint.host} within ${timeoutMs} ms.` : `The request to ${endpoint.host} failed: ${e?.message ?? e}.`;
        throw new TatError('ClientNetworkError', message, { retryable: true, cause: e });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      try {
        return tat.parseResponse(text, language);
      } catch (e) {
        // Not an API answer at all: a proxy's or relay's HTTP error page.
        if (e?.code === 'InvalidResponse' && !(status >= 200 && status < 300)) {
          throw new TatError('ServerNetworkError', `${endpoint.host} answered HTTP ${status} without an API response.`, {
            status,
            retryable: status >= 500 || status === 429,
          });
        }
        throw e;
      }
    }

    async function request(action, params, callOptions) {
      const { signal } = onlyKnown(callOptions, ['signal'], 'request options');
      checkSignal(signal, 'signal');
      if (signal?.aborted) throw signal.reason;
      for (let n = 0; ; n++) {
        try {
          return await attempt(action, params, signal);
        } catch (e) {
          if (signal?.aborted) throw signal.reason;
          if (e?.retryable !== true || n >= maxRetries) throw e;
        }
        await sleep(backoff(n), signal);
      }
    }

    /**
     * Every task of one invocation, page by page. The output (up to 24 KB a task) only when
     * asked: polls go without it (the API's HideOutput defaults to true; it is sent anyway).
     */
    async function invocationTasks(invocationId, signal, output) {
      const tasks = [];
      for (;;) {
        const page = await request('DescribeInvocationTasks', {
          Filters: [{ Name: 'invocation-id', Values: [invocationId] }],
          Limit: PAGE_SIZE,
          Offset: tasks.length,
          HideOutput: !output,
        }, { signal });
        const set = Array.isArray(page.InvocationTaskSet) ? page.InvocationTaskSet : [];
        tasks.push(...set);
        if (set.length === 0 || tasks.length >= Number(page.TotalCount ?? 0)) return tasks;
      }
    }

    const terminal = (task) => tat.describeTaskStatus(String(task.TaskStatus ?? '')).terminal;

    function withOutput(task) {
      const encoded = task.TaskResult?.Output;
      let output = '';
      if (typeof encoded === 'string' && encoded !== '') {
        try {
          output = tat.decodeOutput(encoded, { lossy: true });
        } catch {
          output = ''; // not base64: the raw value stays in TaskResult.Output
        }
      }
      return { ...task, output };
    }

    /** Polls every invocation until each of its tasks is terminal. */
    async function follow(invocations, { signal, onProgress, pollIntervalMs }) {
      const followed = invocations.map((inv) => ({
        id: inv.InvocationId,
        expected: Array.isArray(inv.InstanceIds) ? inv.InstanceIds.length : 0,
        tasks: [],
        done: false,
      }));
      let reported;
      for (;;) {
        await Promise.all(followed.filter((f) => !f.done).map(async (f) => {
          f.tasks = await invocationTasks(f.id, signal, false);
          f.done = f.tasks.length >= f.expected && f.tasks.every(terminal);
          // Terminal tasks change no more: their output is read once, now.
          if (f.done) f.tasks = await invocationTasks(f.id, signal, true);
        }));
        if (onProgress) {
          const counts = {};
          let total = 0;
          let finished = 0;
          for (const f of followed) {
            total += Math.max(f.expected, f.tasks.length);
            for (const t of f.tasks) {
              counts[t.TaskStatus] = (counts[t.TaskStatus] ?? 0) + 1;
              if (terminal(t)) finished++;
            }
          }
          const key = JSON.stringify(Object.entries(counts).sort());
          if (key !== reported) {
            reported = key;
            onProgress({ counts, finished, total });
          }
        }
        if (followed.every((f) => f.done)) return followed.flatMap((f) => f.tasks.map(withOutput));
        await sleep(pollIntervalMs, signal);
      }
    }

    async function runCommand(params, runOptions) {
      const { wait = true, signal, onProgress, pollIntervalMs = 1000 } = onlyKnown(runOptions, RUN_OPTIONS, 'runCommand options');
      if (typeof wait !== 'boolean') throw invalid('wait', 'must be a boolean');
      checkSignal(signal, 'signal');
      if (onProgress != null && typeof onProgress !== 'function') throw invalid('onProgress', 'must be a function');
      if (typeof pollIntervalMs !== 'number' || !(pollIntervalMs >= 0) || pollIntervalMs === Infinity) throw invalid('pollIntervalMs', 'must be a number of at least 0');
      if (signal?.aborted) throw signal.reason;
      let requests;
      try {
        requests = tat.splitRunCommand(params, ruleOptions);
      } catch (e) {
        // 'warn' sends refused parameters anyway: as they are, for the service to judge.
        if (validation !== 'warn' || !e?.errors) throw e;
        requests = [params];
      }
      // One after another, paced: a refusal (an offline agent, a missing instance) stops the
      // rest from starting, and the error carries the invocations that did start, so that the
      // caller can follow or cancel them.
      const invocations = [];
      for (const piece of requests) {
        try {
          invocations.push({ ...(await request('RunCommand', piece, { signal })), InstanceIds: piece.InstanceIds });
        } catch (e) {
          if (!signal?.aborted && e instanceof Error) e.invocations = invocations;
          throw e;
        }
      }
      if (!wait) return { invocations, tasks: [] };
      try {
        return { invocations, tasks: await follow(invocations, { signal, onProgress, pollIntervalMs }) };
      } catch (e) {
        if (!signal?.aborted && e instanceof Error) e.invocations = invocations;
        throw e;
      }
    }

    return { request, runCommand };
  };
}
