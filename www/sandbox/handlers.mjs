// The emulator's API: one request in, one answer in the service's shape out. It checks, in
// order: the method, the TC3 signature, the version, the action, the frequency limit, the JSON
// body and the package's validation of the parameters (`tat.validate`, the first error's code
// and message are the answer: a key the action does not have is `UnknownParameter`, as the
// service answers it); then the action runs on the account's state (actions/*.mjs).
// Parameters are validated with the npm package's Node entry, as a Node user of the package
// would; everything the emulator adds is about its state and fleet.
import { verifyRequest } from './tc3.mjs';
import { createRateLimiter, REQUESTS_PER_SECOND } from './ratelimit.mjs';
import { ApiError, errorAnswer, resultAnswer, newRequestId } from './answer.mjs';
import { newAccount } from './state.mjs';
import { ACTIONS as COMMANDS } from './actions/commands.mjs';
import { ACTIONS as INVOCATIONS } from './actions/invocations.mjs';
import { ACTIONS as INVOKERS, fireInvokers } from './actions/invokers.mjs';
import { ACTIONS as AGENTS } from './actions/agents.mjs';
import { ACTIONS as MISC } from './actions/misc.mjs';

export const API_VERSION = '2020-10-28';
/** The host the sandbox stands in for (see verifyRequest's `hosts`). */
export const SERVICE_HOST = 'tat.tencentcloudapi.com';

/** Every action of 2020-10-28, by name. A null-prototype object: only these names are actions. */
const ACTIONS = Object.assign(Object.create(null), COMMANDS, INVOCATIONS, INVOKERS, AGENTS, MISC);
export const ACTION_NAMES = Object.freeze(Object.keys(ACTIONS).sort());

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Creates a sandbox. `tat` is the package's Node entry; `credentials` maps SecretId to
 * SecretKey; `now()` gives epoch milliseconds (the clock every status, time and invoker reads);
 * `speed` divides every duration (task phases, heartbeats, register codes' validity). `exec`
 * (exec.mjs's executor, --exec) adds its local instances to every account and runs their tasks.
 */
export function createSandbox({ tat, credentials, now = Date.now, speed = 1, hosts = [SERVICE_HOST], exec = null }) {
  const limiter = createRateLimiter();
  const accounts = new Map(); // verified SecretId -> account state (state.mjs)
  const made = { bytes: 0 }; // output bytes made by taskView, for the tests of issue 14

  const account = (secretId, nowMs) => {
    if (!accounts.has(secretId)) accounts.set(secretId, Object.assign(newAccount(nowMs), exec ? { localInstances: exec.instances } : {}));
    return accounts.get(secretId);
  };

  /**
   * Answers one HTTP request: { method, path, query, headers (lower-case), body (Buffer) }.
   * Returns { status, body } where body is the service's JSON answer. Never throws.
   */
  function handle(request) {
    const requestId = newRequestId();
    const headers = request.headers;
    const language = headers['x-tc-language'] === 'zh-CN' ? 'zh-CN' : 'en-US';
    const fail = (code, message) => errorAnswer(code, message, { requestId });
    try {
      if (request.method !== 'POST' && request.method !== 'GET') {
        return fail('UnsupportedProtocol', `The API answers POST (and GET), not ${request.method}.`);
      }
      const nowMs = now();
      // The API's path is the sandbox's mount point; the signature covers the service's "/".
      const verdict = verifyRequest({ ...request, path: '/' }, {
        secretKeyFor: (id) => (Object.hasOwn(credentials, id) ? credentials[id] : undefined),
        now: nowMs / 1000,
        hosts,
      });
      if (!verdict.ok) return fail(verdict.code, verdict.message);
      if (headers['x-tc-version'] !== API_VERSION) return fail('NoSuchVersion', `This sandbox serves API version ${API_VERSION}.`);
      const action = headers['x-tc-action'] ?? '';
      if (!(action in ACTIONS)) return fail('InvalidAction', `${String(action).slice(0, 64)} is not an action of TAT ${API_VERSION}.`);
      // Only verified accounts and known actions get a bucket (issue 14).
      if (!limiter.admit(`${verdict.secretId}/${action}`, nowMs)) {
        return fail('RequestLimitExceeded', `More than ${REQUESTS_PER_SECOND} requests in one second for this action.`);
      }
      if (request.method !== 'POST' || !/^application\/json\b/i.test(headers['content-type'] ?? '')) {
        return fail('InvalidParameter', 'The sandbox accepts POST requests with a JSON body (Content-Type: application/json).');
      }
      let params;
      try {
        params = request.body.length ? JSON.parse(request.body.toString('utf8')) : {};
      } catch {
        return fail('InvalidParameter', 'The request body is not JSON.');
      }
      if (!isObject(params)) return fail('InvalidParameter', 'The request body must be a JSON object.');
      const ctx = { account: account(verdict.secretId, nowMs), nowMs, speed, tat, language, made, exec };
      fireInvokers(ctx);
      const { errors } = tat.validate(action, params, { language });
      if (errors.length) return fail(errors[0].code, errors[0].message);
      return resultAnswer(ACTIONS[action](params, ctx), requestId);
    } catch (e) {
      if (e instanceof ApiError) return fail(e.code, e.message);
      return fail('InternalError', 'The sandbox failed to answer this request.');
    }
  }

  /** What the sandbox holds, for tests and the memory figures of www/README.md. */
  function stats() {
    return {
      rateLimitKeys: limiter.size,
      outputBytesMade: made.bytes,
      accounts: [...accounts.values()].map((a) => ({
        invocations: a.invocations.length,
        tasks: a.invocations.reduce((n, i) => n + i.tasks.length, 0),
        invocationBytes: a.invocationBytes,
        commands: a.commands.size,
        invokers: a.invokers.size,
        records: a.records.length,
      })),
    };
  }

  /**
   * How many times each instance was sent a command, from the account's own records (every
   * invocation it keeps): the fault tests count executions here, never from a client.
   */
  function executions(secretId) {
    const counts = new Map();
    for (const inv of accounts.get(secretId)?.invocations ?? []) {
      for (const t of inv.tasks) counts.set(t.instance.InstanceId, (counts.get(t.instance.InstanceId) ?? 0) + 1);
    }
    return counts;
  }

  return { handle, stats, executions };
}
