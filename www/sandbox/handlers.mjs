// The sandbox's API: TC3 verification, the frequency limit, and RunCommand,
// DescribeInvocations and DescribeInvocationTasks over the simulated fleet, answered in the
// service's JSON shapes. Parameters are validated with the npm package's Node entry, as a
// Node user of the package would; everything the sandbox adds is about its fleet.
import { randomUUID } from 'node:crypto';
import { verifyRequest } from './tc3.mjs';
import { findInstance, newId, newTask, taskView, taskStatus, invocationStatus, supportsCommandType } from './fleet.mjs';
import { createRateLimiter, REQUESTS_PER_SECOND } from './ratelimit.mjs';

export const API_VERSION = '2020-10-28';
/** The host the sandbox stands in for (see verifyRequest's `hosts`). */
export const SERVICE_HOST = 'tat.tencentcloudapi.com';
/** How many invocations an account keeps; older ones are forgotten. */
const MAX_INVOCATIONS = 500;

const DEFAULTS = Object.freeze({ CommandType: 'SHELL', Timeout: 60 });
const WORKDIR = { SHELL: '/root', POWERSHELL: 'C:\\Program Files\\qcloud\\tat_agent\\workdir' };
const USER = { SHELL: 'root', POWERSHELL: 'System' };

class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v) => (Array.isArray(v) ? v : []);
const page = (items, params) => {
  const offset = Number.isInteger(params.Offset) && params.Offset > 0 ? params.Offset : 0;
  const limit = Number.isInteger(params.Limit) && params.Limit > 0 ? Math.min(params.Limit, 100) : 20;
  return items.slice(offset, offset + limit);
};

/**
 * Creates a sandbox. `tat` is the package's Node entry; `credentials` maps SecretId to
 * SecretKey; `now()` gives epoch milliseconds; `speed` divides the task phases' durations.
 */
export function createSandbox({ tat, credentials, now = Date.now, speed = 1, hosts = [SERVICE_HOST] }) {
  const limiter = createRateLimiter();
  const accounts = new Map(); // SecretId -> { invocations: [], commandNames: Set }

  const account = (secretId) => {
    if (!accounts.has(secretId)) accounts.set(secretId, { invocations: [], commandNames: new Set() });
    return accounts.get(secretId);
  };

  /** The package's verdict, in the service's shape: the first error's code and message. */
  function check({ errors }) {
    if (errors.length) throw new ApiError(errors[0].code, errors[0].message);
  }
  const validateWith = (action, params, language) => check(tat.validate(action, params, { language }));

  function runCommand(params, ctx) {
    check(tat.validateRunCommand(params, { language: ctx.language }));
    const type = params.CommandType || DEFAULTS.CommandType;
    const ids = params.InstanceIds;
    const instances = ids.map(findInstance);
    const unknown = ids.filter((_, n) => !instances[n]);
    if (unknown.length) throw new ApiError('ResourceNotFound.InstanceNotFound', `Instances not found: ${unknown.join(', ')}.`);
    const stopped = instances.filter((i) => i.state !== 'RUNNING');
    if (stopped.length) {
      throw new ApiError('ResourceUnavailable.InstanceStateNotRunning', `Instances not running: ${stopped.map((i) => `${i.InstanceId} (${i.state})`).join(', ')}.`);
    }
    // Documented choice: like the service ("If the agent is ... offline, an error is
    // returned"), an offline agent refuses the whole request rather than failing its task.
    const offline = instances.filter((i) => i.agent !== 'Online');
    if (offline.length) throw new ApiError('ResourceUnavailable.AgentStatusNotOnline', `TAT agent offline on: ${offline.map((i) => i.InstanceId).join(', ')}.`);
    const unsupported = instances.filter((i) => !supportsCommandType(i, type));
    if (unsupported.length) {
      throw new ApiError('InvalidParameterValue.AgentUnsupportedCommandType', `The agent cannot run ${type} on: ${unsupported.map((i) => `${i.InstanceId} (${i.os})`).join(', ')}.`);
    }
    const acct = account(ctx.secretId);
    if (params.SaveCommand && params.CommandName) {
      if (acct.commandNames.has(params.CommandName)) throw new ApiError('InvalidParameterValue.CommandNameDuplicated', `A saved command is already named ${params.CommandName}.`);
      acct.commandNames.add(params.CommandName);
    }

    // The script the agent would receive: placeholders replaced, as PreviewReplacedCommandContent does.
    const script = params.EnableParameter
      ? tat.previewContent(params.Content, params.Parameters || null, params.DefaultParameters || null).text ?? ''
      : tat.decodeOutput(params.Content, { lossy: true });
    const command = {
      Content: Buffer.from(script, 'utf8').toString('base64'), // CommandDocument.Content, once for every task
      CommandType: type,
      Timeout: params.Timeout ?? DEFAULTS.Timeout,
      WorkingDirectory: params.WorkingDirectory || WORKDIR[type] || WORKDIR.SHELL,
      Username: params.Username || USER[type] || USER.SHELL,
      OutputCOSBucketUrl: params.OutputCOSBucketUrl || '',
      OutputCOSKeyPrefix: params.OutputCOSKeyPrefix || '',
    };
    const createdMs = now();
    const invocation = {
      InvocationId: newId('inv'),
      CommandId: newId('cmd'),
      createdMs,
      params,
      command,
    };
    invocation.tasks = instances.map((instance) => newTask({ instance, invocationId: invocation.InvocationId, commandId: invocation.CommandId, createdMs, script, command }));
    acct.invocations.unshift(invocation);
    acct.invocations.length = Math.min(acct.invocations.length, MAX_INVOCATIONS);
    return { CommandId: invocation.CommandId, InvocationId: invocation.InvocationId };
  }

  /**
   * Filters as the service reads them: every filter must match, any of its values. The
   * package's validation has already refused unknown names and values that are not lists of
   * strings; Filters may still be absent or null.
   */
  function filterer(filters, fields) {
    const rules = list(filters).map((f) => [fields[f.Name], new Set(f.Values)]);
    return (item) => rules.every(([get, values]) => values.has(String(get(item))));
  }

  function describeInvocationTasks(params, ctx) {
    validateWith('DescribeInvocationTasks', params, ctx.language);
    const match = filterer(params.Filters, {
      'invocation-id': (t) => t.InvocationId,
      'invocation-task-id': (t) => t.InvocationTaskId,
      'instance-id': (t) => t.InstanceId,
      'command-id': (t) => t.CommandId,
    });
    const ids = new Set(list(params.InvocationTaskIds));
    const tasks = account(ctx.secretId).invocations.flatMap((inv) => inv.tasks)
      .filter((t) => (ids.size ? ids.has(t.InvocationTaskId) : true) && match(t));
    const nowMs = now();
    return {
      TotalCount: tasks.length,
      InvocationTaskSet: page(tasks, params).map((t) => taskView(t, nowMs, speed, { hideOutput: params.HideOutput === true })),
    };
  }

  function describeInvocations(params, ctx) {
    validateWith('DescribeInvocations', params, ctx.language);
    const match = filterer(params.Filters, {
      'invocation-id': (i) => i.InvocationId,
      'command-id': (i) => i.CommandId,
      'command-created-by': () => 'USER',
      'instance-kind': (i) => i.tasks[0]?.InstanceKind,
    });
    const ids = new Set(list(params.InvocationIds));
    const invocations = account(ctx.secretId).invocations.filter((i) => (ids.size ? ids.has(i.InvocationId) : true) && match(i));
    const nowMs = now();
    return {
      TotalCount: invocations.length,
      InvocationSet: page(invocations, params).map((inv) => {
        const tasks = inv.tasks.map((t) => taskStatus(t, nowMs, speed));
        return {
          InvocationId: inv.InvocationId,
          CommandId: inv.CommandId,
          InvocationStatus: invocationStatus(tasks.map((t) => t.TaskStatus)),
          InvocationTaskBasicInfoSet: tasks.map(({ InvocationTaskId, TaskStatus, InstanceId }) => ({ InvocationTaskId, TaskStatus, InstanceId })),
          Description: inv.params.Description ?? '',
          StartTime: tasks.map((t) => t.StartTime).filter(Boolean).sort()[0] ?? null,
          EndTime: tasks.every((t) => t.EndTime) ? tasks.map((t) => t.EndTime).sort().at(-1) : null,
          CreatedTime: tasks[0]?.CreatedTime ?? null,
          UpdatedTime: tasks.map((t) => t.UpdatedTime).sort().at(-1) ?? null,
          Parameters: inv.params.Parameters ?? '{}',
          DefaultParameters: inv.params.DefaultParameters ?? '{}',
          InstanceKind: inv.tasks[0]?.InstanceKind ?? '',
          Username: inv.command.Username,
          InvocationSource: 'USER',
          CommandContent: inv.params.Content,
          CommandType: inv.command.CommandType,
          Timeout: inv.command.Timeout,
          WorkingDirectory: inv.command.WorkingDirectory,
          OutputCOSBucketUrl: inv.command.OutputCOSBucketUrl,
          OutputCOSKeyPrefix: inv.command.OutputCOSKeyPrefix,
        };
      }),
    };
  }

  const ACTIONS = { RunCommand: runCommand, DescribeInvocationTasks: describeInvocationTasks, DescribeInvocations: describeInvocations };

  /**
   * Answers one HTTP request: { method, path, query, headers (lower-case), body (Buffer) }.
   * Returns { status, body } where body is the service's JSON answer. Never throws.
   */
  function handle(request) {
    const RequestId = randomUUID();
    const headers = request.headers;
    const language = headers['x-tc-language'] === 'zh-CN' ? 'zh-CN' : 'en-US';
    const fail = (code, message) => ({ status: 200, body: { Response: { Error: { Code: code, Message: message }, RequestId } } });
    try {
      // The API's path is the sandbox's mount point; the signature covers the service's "/".
      const verdict = verifyRequest({ ...request, path: '/' }, {
        secretKeyFor: (id) => (Object.hasOwn(credentials, id) ? credentials[id] : undefined),
        now: now() / 1000,
        hosts,
      });
      if (!verdict.ok) return fail(verdict.code, verdict.message);
      const action = headers['x-tc-action'];
      if (!limiter.admit(`${verdict.secretId}/${action}`, now())) {
        return fail('RequestLimitExceeded', `More than ${REQUESTS_PER_SECOND} requests in one second for this action.`);
      }
      if (headers['x-tc-version'] !== API_VERSION) return fail('NoSuchVersion', `This sandbox serves API version ${API_VERSION}.`);
      if (!Object.hasOwn(ACTIONS, action ?? '')) return fail('InvalidAction', `The sandbox answers ${Object.keys(ACTIONS).join(', ')}; not ${action}.`);
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
      const result = ACTIONS[action](params, { secretId: verdict.secretId, language });
      return { status: 200, body: { Response: { ...result, RequestId } } };
    } catch (e) {
      if (e instanceof ApiError) return fail(e.code, e.message);
      return fail('InternalError', 'The sandbox failed to answer this request.');
    }
  }

  return { handle };
}
