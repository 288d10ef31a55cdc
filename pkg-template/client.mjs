// createClient: the loop every user of buildRequest writes, once. Shared by every entry (make
// pkg bundles it into client.cjs for CommonJS), so it imports nothing from them: the entry
// hands it the package's functions and, in Node, the credential chain of node-credentials.mjs.
//
// No rule of the API lives here. Validation and signing are buildRequest's, answers
// parseResponse's (whose `retryable` comes from the error catalogue), fleets splitRunCommand's,
// pacing Pacer's, terminal statuses describeTaskStatus's, output decodeOutput's. What may be
// sent again after a failure is client/outcome.mjs's sorting of the failure and the per-action
// policy generated from api.json (client/actions.mjs); reconciliation is client/reconcile.mjs's,
// waiting client/follow.mjs's. README "When the network fails" tells the whole of it.
import { TatError, invalid, reading, onlyKnown, sleep, abortable, checkSignal, backoff, aborted, MAX_TIMER_MS } from './client/base.mjs';
import { classify, neverSent } from './client/outcome.mjs';
import { ACTION_KINDS, NAMED_CREATES, SAVING_RUNS } from './client/actions.mjs';
import { heldInvocations, findInvocation, findNamedCommand } from './client/reconcile.mjs';
import { follow } from './client/follow.mjs';

export { TatError };

/** The API's host: what the signature covers unless `signHost` says otherwise. */
const API_HOST = 'tat.tencentcloudapi.com';
const DEFAULT_ENDPOINT = `https://${API_HOST}/`;
/**
 * Temporary credentials are fetched again this long before their `expiresAt`, as the official
 * Node SDK does (30 s): a request signed just before expiry would arrive with a dead token.
 */
const REFRESH_BEFORE_MS = 30_000;
/** A failed refresh is not tried again sooner than this while the current credentials are valid. */
const REFRESH_RETRY_MS = 1_000;
/** A signature is valid for 5 minutes; a request that waited this long for its turn is signed again. */
const RESIGN_AFTER_MS = 60_000;
/** A run's default wait: its Timeout (60 s by default) and this much more for delivery and polling. */
const WAIT_MARGIN_MS = 10 * 60_000;
/** After nothing matched, reconciliation looks once more after this pause (the service's lists may lag). */
const RECONCILE_AGAIN_MS = 1_000;
const OPTIONS = ['secretId', 'secretKey', 'token', 'credentials', 'region', 'endpoint', 'signHost', 'language', 'rules',
  'validation', 'fetch', 'maxRetries', 'ratePerSecond', 'timeoutMs', 'resendUnknown'];
const RUN_OPTIONS = ['wait', 'signal', 'onProgress', 'onTask', 'pollIntervalMs', 'waitTimeoutMs', 'keepOutput'];
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

/** A failure to find credentials: nothing was sent; trying again may help (`transient`). */
const credentialFailure = (message, cause, transient) => new TatError('InvalidCredential', message, { cause, outcome: 'not-run', transient });

/**
 * @param {object} tat the entry's functions: buildRequest, parseResponse, splitRunCommand,
 *   Pacer, describeTaskStatus, decodeOutput
 * @param {(() => Promise<object | undefined>) | undefined} defaultCredentials where the platform
 *   finds credentials when none are given (Node: environment, then profile file)
 * @param {string} defaultsHint what to name in the error when none are found
 */
export function clientFactory(tat, defaultCredentials, defaultsHint = '') {
  /**
   * The credentials to sign with now: `get()`, and `renew()` after the service refused a token
   * (AuthFailure.TokenFailure), which answers whether fresh ones could be asked for.
   */
  function credentialSource(o) {
    const explicit = o.secretId !== undefined || o.secretKey !== undefined || o.token !== undefined;
    if (explicit && o.credentials !== undefined) throw invalid('credentials', 'cannot be given with secretId, secretKey or token');
    const fixed = (c) => ({ get: () => Promise.resolve(c), renew: () => false });
    if (explicit) return fixed(checkCredentials({ secretId: o.secretId, secretKey: o.secretKey, token: o.token }, 'createClient options'));
    if (typeof o.credentials === 'function') return refreshing(o.credentials);
    if (o.credentials != null) return fixed(checkCredentials(o.credentials, 'credentials'));
    if (!defaultCredentials) {
      return { get: () => Promise.reject(credentialFailure('No credentials: pass secretId and secretKey, or credentials, to createClient.', undefined, false)), renew: () => false };
    }
    // Looked up once, on the first call; a failed look-up is tried again on the next.
    let found;
    return {
      get() {
        found ??= defaultCredentials().then((c) => {
          if (!c) throw credentialFailure(`No credentials: pass secretId and secretKey, or credentials, to createClient${defaultsHint}.`, undefined, false);
          return checkCredentials(c, 'credentials');
        });
        found.catch(() => {
          found = undefined;
        });
        return found;
      },
      renew() {
        found = undefined;
        return true;
      },
    };
  }

  /**
   * A credentials function, called again when what it answered is about to expire. A failed
   * refresh keeps the current credentials while they are valid (and is tried again a second
   * later); only expired credentials and a failed refresh make a failure.
   */
  function refreshing(fetchCredentials) {
    let current;
    let pending;
    let failedAt = -Infinity;
    let stale = false; // the service refused the current token
    const refresh = () => {
      // Concurrent calls share one refresh.
      pending ??= (async () => {
        let answer;
        try {
          answer = await fetchCredentials();
        } catch (e) {
          failedAt = Date.now();
          // Its own message could quote what it was handling: kept as the cause only.
          throw credentialFailure('The credentials function failed (see the cause).', e, true);
        }
        current = checkCredentials(answer, 'credentials()');
        stale = false;
        return current;
      })().finally(() => {
        pending = undefined;
      });
      return pending;
    };
    return {
      get() {
        const now = Date.now();
        const valid = current && !stale && !(current.expiresAt !== undefined && now >= current.expiresAt);
        const fresh = valid && !(current.expiresAt !== undefined && now >= current.expiresAt - REFRESH_BEFORE_MS);
        if (fresh) return Promise.resolve(current);
        if (valid) {
          if (now - failedAt < REFRESH_RETRY_MS) return Promise.resolve(current);
          const kept = current;
          return refresh().catch(() => kept);
        }
        return refresh();
      },
      renew() {
        stale = true;
        return true;
      },
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
    if (o.resendUnknown != null && typeof o.resendUnknown !== 'boolean') throw invalid('resendUnknown', 'must be a boolean');
    const resendUnknown = o.resendUnknown === true;
    const credentials = credentialSource(o);
    // What buildRequest and splitRunCommand read besides the request: only what was given.
    const common = {};
    for (const [k, v] of Object.entries({ region, language, rules, validation })) if (v !== undefined) common[k] = v;
    const ruleOptions = {};
    if (rules !== undefined) ruleOptions.rules = rules;
    if (language !== undefined) ruleOptions.language = language;
    // Invocations this client made or adopted: reconciliation never takes one of them for a lost one.
    const held = heldInvocations();
    // 'warn' splits a fleet whose other parameters the rules refuse (one newer than api.json).
    if (validation !== undefined) ruleOptions.validation = validation;

    // One pacer per action: the API's limit is per action (20 a second each).
    const pacers = new Map();
    const pace = (action) => {
      if (!pacers.has(action)) pacers.set(action, new tat.Pacer(ratePerSecond));
      return pacers.get(action).delay(Date.now());
    };

    async function sign(action, params, signal) {
      const c = await abortable(credentials.get(), signal);
      const input = { action, params, secretId: c.secretId, secretKey: c.secretKey, host: signHost, ...common };
      if (c.token !== undefined) input.token = c.token;
      try {
        return tat.buildRequest(input); // validates first: a refused request throws here, unsent
      } catch (e) {
        if (e instanceof Error && e.outcome === undefined) e.outcome = 'not-run';
        throw e;
      }
    }

    /**
     * One try: sign (validating), wait for the action's turn, send, read. Every failure says
     * what is known of the request (`outcome`); `track.sent` says whether it left.
     */
    async function attempt(action, params, signal, track) {
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
      track.sent = true;
      track.sentMs ??= Date.now();
      try {
        const response = await send(endpoint.href, { method: 'POST', headers, body: built.body, signal: controller.signal });
        status = response.status;
        text = await response.text();
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        const never = !timedOut && neverSent(e);
        const message = timedOut ? `No answer from ${endpoint.host} within ${timeoutMs} ms.` : `The request to ${endpoint.host} failed: ${e?.message ?? e}.`;
        throw new TatError('ClientNetworkError', message, { retryable: true, cause: e, outcome: never ? 'not-run' : 'unknown', transient: true });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      track.answered = true;
      try {
        return tat.parseResponse(text, language);
      } catch (e) {
        // Not an API answer at all: a proxy's or relay's HTTP error page, or a garbled answer.
        if (e?.code === 'InvalidResponse') {
          const failed = !(status >= 200 && status < 300);
          // A gateway's 5xx may come after the service acted; its 4xx pages refuse before.
          const outcome = !failed || status >= 500 ? 'unknown' : 'not-run';
          const retryable = !failed || status >= 500 || status === 429;
          if (failed) {
            throw new TatError('ServerNetworkError', `${endpoint.host} answered HTTP ${status} without an API response.`, { status, retryable, outcome, transient: retryable });
          }
          Object.assign(e, { outcome, transient: true });
        }
        throw e;
      }
    }

    /** Reads (DescribeX) for reconciliation and waiting, retried as reads are. */
    const reader = (signal) => (action, params) => request(action, params, { signal });

    /**
     * The request, tried again as far as its action allows (README "When the network fails"):
     * a failure that did not run it is tried again when it is transient; after an unknown
     * outcome, reads and idempotent changes are sent again, deletes too (not-found then means
     * done), a named create too (meeting its own name, it adopts it), runs are reconciled, and
     * other creates are never sent again. `track` (runCommand's) learns whether it is in flight.
     */
    async function request(action, params, callOptions, track = {}) {
      const { signal } = onlyKnown(callOptions, ['signal'], 'request options');
      checkSignal(signal, 'signal');
      if (signal?.aborted) throw signal.reason;
      const kind = typeof action === 'string' && Object.hasOwn(ACTION_KINDS, action) ? ACTION_KINDS[action] : 'create';
      const named = typeof action === 'string' && Object.hasOwn(NAMED_CREATES, action) ? NAMED_CREATES[action] : undefined;
      let unknown = null; // the first failure whose outcome was unknown
      let renewed = false;
      let retries = 0;
      for (;;) {
        let e;
        track.sent = false;
        track.answered = false;
        try {
          const data = await attempt(action, params, signal, track);
          if (kind === 'run' && typeof data?.InvocationId === 'string') held.add(data.InvocationId);
          return data;
        } catch (caught) {
          e = caught;
        }
        if (signal?.aborted) {
          throw aborted(signal, { outcome: unknown || (track.sent && !track.answered) ? 'unknown' : 'not-run' });
        }
        const c = classify(e);
        if (c.outcome === 'unknown') {
          unknown ??= e;
          if (kind === 'run') return reconcile(action, params, signal, track, e);
          if (kind === 'create' && !named) throw outcomeError(e, 'unknown', `${action} may have acted: its answer was lost, and a create is never sent again blindly.`, { request: { action, params } });
        } else if (unknown) {
          // Sent again after an unknown outcome, and refused: what the refusal says of the first.
          if (kind === 'delete' && typeof e.code === 'string' && e.code.startsWith('ResourceNotFound')) {
            return { RequestId: e.requestId, alreadyDone: true };
          }
          if (named && e.code === named.code) {
            let command;
            try {
              command = await findNamedCommand({ params, read: reader(signal), sinceMs: track.sentMs });
            } catch (lookup) {
              if (signal?.aborted) throw aborted(signal, { outcome: 'unknown' });
              throw outcomeError(e, 'unknown', `${action} may have acted: its answer was lost, and looking up its name failed (${lookup?.code ?? lookup}).`, { request: { action, params } });
            }
            if (command) return { CommandId: command.CommandId, RequestId: e.requestId, reconciled: true };
          }
        }
        if (c.tokenFailure && !renewed && credentials.renew()) {
          renewed = true;
          continue;
        }
        if (!c.transient || retries++ >= maxRetries) {
          // A read that may have reached the service changed nothing: its outcome is the last try's.
          if (!unknown || kind === 'read') throw outcomeError(e, c.outcome);
          throw outcomeError(e, 'unknown', `${action} may have acted: an earlier try's answer was lost.`, { request: { action, params } });
        }
        await sleep(backoff(retries - 1), signal).catch(() => {
          throw aborted(signal, { outcome: unknown ? 'unknown' : 'not-run' });
        });
      }
    }

    /**
     * A RunCommand or InvokeCommand whose outcome is unknown: the invocation it may have made
     * is looked for, and adopted if found; else at most once (a TatError, outcome unknown,
     * `.reconciliation`), unless `resendUnknown`, which sends it again.
     */
    // One reconciliation at a time: two lost runs of the same script on the same instances
    // must not both adopt the same invocation (the first adopted is held when the second looks).
    let reconciling = Promise.resolve();
    async function reconcile(action, params, signal, track, lost) {
      const turn = reconciling.then(() => reconcileNow(action, params, signal, track, lost));
      reconciling = turn.catch(() => undefined);
      const found = await turn;
      if (!found.resend) return found;
      // Sent again outside the turn (its own loss would wait for a turn of its own).
      const data = await request(action, params, { signal }, track);
      return { ...data, resent: true, reconciliation: found.resend };
    }

    async function reconcileNow(action, params, signal, track, lost) {
      const read = reader(signal);
      const search = { action, params, sentMs: track.sentMs ?? Date.now(), held, read };
      let found;
      try {
        // A command saved by this very run: its invocations are the ones of its CommandId.
        if (SAVING_RUNS.includes(action) && params.SaveCommand === true && typeof params.CommandName === 'string') {
          const command = await findNamedCommand({ params, read, sinceMs: search.sentMs });
          if (command) {
            const invs = await read('DescribeInvocations', { Filters: [{ Name: 'command-id', Values: [command.CommandId] }], Limit: 100 });
            const inv = (invs.InvocationSet ?? []).find((i) => !held.has(i.InvocationId));
            found = { invocation: inv ?? null, candidates: invs.InvocationSet?.length ?? 0, command: command.CommandId };
          }
        }
        found ??= await findInvocation(search);
        if (!found.invocation) {
          await sleep(RECONCILE_AGAIN_MS, signal);
          found = await findInvocation(search);
        }
      } catch (e) {
        if (signal?.aborted) throw aborted(signal, { outcome: 'unknown', request: { action, params } });
        throw outcomeError(lost, 'unknown', `${action} may have run: its answer was lost, and looking for its invocation failed too (${e?.code ?? e}); it was not sent again.`, {
          request: { action, params },
          reconciliation: { searched: false, error: e?.code ?? String(e) },
        });
      }
      const inv = found.invocation;
      if (inv) {
        held.add(inv.InvocationId);
        const data = { InvocationId: inv.InvocationId, reconciled: true };
        if (action === 'RunCommand') data.CommandId = inv.CommandId;
        return data;
      }
      const reconciliation = { searched: true, found: null, candidates: found.candidates };
      if (resendUnknown && (track.resends ?? 0) < maxRetries) {
        track.resends = (track.resends ?? 0) + 1;
        return { resend: reconciliation };
      }
      throw outcomeError(lost, 'unknown', `${action} may have run: its answer was lost and no matching invocation was found on the service; it was not sent again (resendUnknown: true would send it).`, {
        request: { action, params },
        reconciliation,
      });
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

    async function runCommand(params, runOptions) {
      const { wait = true, signal, onProgress, onTask, pollIntervalMs = 1000, waitTimeoutMs, keepOutput = true } = onlyKnown(runOptions, RUN_OPTIONS, 'runCommand options');
      if (typeof wait !== 'boolean') throw invalid('wait', 'must be a boolean');
      if (typeof keepOutput !== 'boolean') throw invalid('keepOutput', 'must be a boolean');
      checkSignal(signal, 'signal');
      if (onProgress != null && typeof onProgress !== 'function') throw invalid('onProgress', 'must be a function');
      if (onTask != null && typeof onTask !== 'function') throw invalid('onTask', 'must be a function');
      if (typeof pollIntervalMs !== 'number' || !(pollIntervalMs >= 0) || pollIntervalMs === Infinity) throw invalid('pollIntervalMs', 'must be a number of at least 0');
      if (waitTimeoutMs != null && (typeof waitTimeoutMs !== 'number' || !(waitTimeoutMs >= 0) || waitTimeoutMs === Infinity)) throw invalid('waitTimeoutMs', 'must be a number of at least 0');
      if (signal?.aborted) throw signal.reason;
      let requests;
      try {
        requests = tat.splitRunCommand(params, ruleOptions);
      } catch (e) {
        // 'warn' sends refused parameters anyway: as they are, for the service to judge.
        if (validation !== 'warn' || !e?.errors) throw outcomeError(e, 'not-run');
        requests = [params];
      }
      const started = Date.now();
      // One after another, paced: a refusal (an offline agent, a missing instance) stops the
      // rest from starting, and the error carries the invocations that did start, so that the
      // caller can follow or cancel them; an abort carries them too, and the request in flight.
      const invocations = [];
      for (const piece of requests) {
        const track = {};
        try {
          invocations.push({ ...(await request('RunCommand', piece, { signal }, track)), InstanceIds: piece.InstanceIds });
        } catch (e) {
          const inFlight = e?.outcome === 'unknown' ? [{ action: 'RunCommand', InstanceIds: piece.InstanceIds }] : [];
          const details = { invocations, inFlight };
          if (e instanceof Error) throw Object.assign(e, details, e.outcome === 'not-run' && invocations.length ? { outcome: 'ran' } : {});
          throw e;
        }
      }
      if (!wait) return { invocations, tasks: [] };
      const timeout = Number.isInteger(requests[0]?.Timeout) ? requests[0].Timeout : 60;
      const deadlineMs = started + (waitTimeoutMs ?? timeout * 1000 + WAIT_MARGIN_MS);
      try {
        const tasks = await follow(invocations, { read: reader(signal), signal, onProgress, onTask, pollIntervalMs, deadlineMs, keepOutput, terminal, withOutput });
        return { invocations, tasks };
      } catch (e) {
        if (signal?.aborted) throw aborted(signal, { invocations, inFlight: [], outcome: 'ran' });
        if (e instanceof Error) Object.assign(e, { invocations, outcome: 'ran' });
        throw e;
      }
    }

    return { request: (action, params, callOptions) => request(action, params, callOptions), runCommand };
  };
}

/**
 * `e` with what is known of its request's outcome (`.outcome`), and for an unknown one a
 * message saying so (the first line is the failure's own).
 */
function outcomeError(e, outcome, note, details) {
  if (!(e instanceof Error)) return e;
  if (note && outcome === 'unknown') {
    try {
      e.message = `${e.message} ${note}`;
    } catch {
      // a read-only message stays as it is
    }
  }
  return Object.assign(e, { outcome }, details ?? {});
}
