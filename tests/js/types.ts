// Compiled by tsc against the installed package: the types must accept real use and reject
// wrong use (each @ts-expect-error fails the build if the line is not an error).
import init, * as tat from 'tat-request';
import type { BuildRequestInput, FieldError, RunCommandParams, TatError, ValidationResult } from 'tat-request';

await init();

const params: RunCommandParams = {
  Content: tat.encodeContent('whoami'),
  InstanceIds: ['ins-12345678'],
  CommandType: 'SHELL',
  Timeout: 60,
  Tags: [{ Key: 'env', Value: 'prod' }],
};
const result: ValidationResult = tat.validateRunCommand(params, { language: 'zh-CN', rules: 'latest' });
const first: FieldError | undefined = result.errors[0];
const suspected: FieldError[] = result.warnings;
const valid: boolean = result.valid && first === undefined && suspected.length >= 0;

const input: BuildRequestInput = {
  action: 'RunCommand',
  params,
  secretId: 'AKIDEXAMPLE',
  secretKey: 'secret',
  region: 'ap-guangzhou',
  timestamp: 1700000000,
};
const req = tat.buildRequest(input);
const warned: FieldError[] = tat.buildRequest({ ...input, validation: 'warn' }).warnings;
void warned;
// @ts-expect-error only 'error' and 'warn'
tat.buildRequest({ ...input, validation: 'ignore' });
const auth: string | undefined = req.headers['Authorization'];
const method: 'POST' = req.method;

try {
  tat.buildRequest({ ...input, params: {} });
} catch (e) {
  const err = e as TatError;
  const code: string = err.code;
  const fields: string[] = (err.errors ?? []).map((x) => x.field);
  void code, fields;
}

const d = tat.describeError('InternalError', 'en-US');
const retry: boolean = d.retryable;
const s = tat.describeTaskStatus('RUNNING');
const terminal: boolean = s.terminal;
const text: string = tat.decodeOutput('aGk=', { lossy: true });
const names: string[] = tat.listPlaceholders(params.Content);
const preview = tat.previewContent(params.Content, '{"a":"1"}', null);
const replaced: string | null = preview.text;
const max: number = tat.limits('seed').instanceIdsMax;
const parts: RunCommandParams[] = tat.splitRunCommand(params);
const answer = tat.parseResponse('{"Response":{"RequestId":"r"}}');
const requestId: string = answer.RequestId;
const pacer = new tat.Pacer(20);
const wait: number = pacer.delay();
const zh = tat.describeTaskStatus('FAILED', { language: 'zh-CN' });
void tat.parseResponse('{"Response":{"RequestId":"r"}}', null), zh;

// @ts-expect-error: languages are en-US and zh-CN only
tat.describeError('InternalError', 'fr-FR');
// @ts-expect-error: in options too
tat.describeError('InternalError', { language: 'fr-FR' });
// @ts-expect-error: rule sets are seed and latest only
tat.validate('RunCommand', params, { rules: 'newest' });
// @ts-expect-error: InstanceIds is an array of strings
const wrong: RunCommandParams = { Content: 'd2hvYW1p', InstanceIds: 'ins-12345678' };
// @ts-expect-error: the method is always POST
const get: 'GET' = req.method;

void valid, auth, method, retry, terminal, text, names, replaced, max, wrong, get, parts, requestId, wait;

// createClient: options, request, runCommand, TatError (never called here: tsc only).
async function clientUse(): Promise<void> {
  const client: tat.Client = tat.createClient({
    credentials: async () => ({ secretId: 'AKIDEXAMPLE', secretKey: 'secret', token: 't', expiresAt: Date.now() + 3600_000 }),
    region: 'ap-guangzhou',
    endpoint: 'http://127.0.0.1:8080/api',
    signHost: 'tat.tencentcloudapi.com',
    language: 'zh-CN',
    rules: 'latest',
    validation: 'warn',
    fetch: (url, init) => fetch(url, init),
    maxRetries: 5,
    ratePerSecond: 10,
    timeoutMs: 30000,
  });
  tat.createClient({ secretId: 'AKIDEXAMPLE', secretKey: 'secret' });
  tat.createClient({ credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'secret', expiresAt: new Date() } });
  tat.createClient(); // Node: environment, then ~/.tencentcloud/credentials
  const data = await client.request('DescribeInvocations', { Limit: 10 }, { signal: AbortSignal.timeout(1000) });
  const rid: string = data.RequestId;
  const { invocations, tasks } = await client.runCommand(params, {
    wait: true,
    pollIntervalMs: 500,
    onProgress: ({ counts, finished, total }) => void [counts['SUCCESS'], finished + total],
    onTask: async (task) => void task.output.length,
    waitTimeoutMs: 60_000,
    keepOutput: false,
  });
  tat.createClient({ resendUnknown: true });
  const invocationId: string = invocations[0].InvocationId;
  const output: string = tasks[0].output;
  const status: string = tasks[0].TaskStatus;
  const exit: number | undefined = tasks[0].TaskResult?.ExitCode;
  try {
    // Data of unknown shape is what validation is for: cast, and let the rules answer.
    await client.request('RunCommand', {} as RunCommandParams);
  } catch (e) {
    if (e instanceof tat.TatError) {
      const fields: string[] = (e.errors ?? []).map((x) => x.field);
      const retryable: boolean | undefined = e.retryable;
      const started: tat.StartedInvocation[] | undefined = e.invocations;
      const outcome: tat.Outcome | undefined = e.outcome;
      const lost: string[] | undefined = e.inFlight?.flatMap((r) => r.InstanceIds);
      void fields, retryable, started, e.code, outcome, lost;
    }
  }
  // @ts-expect-error: validation is 'error' or 'warn'
  tat.createClient({ validation: 'ignore' });
  // @ts-expect-error: wait is a boolean
  await client.runCommand(params, { wait: 'yes' });
  void rid, invocationId, output, status, exit;
}
void clientUse;

// ---- Typed by action (actions.d.ts, generated from api.json) ----
async function typedByAction(client: tat.Client): Promise<void> {
  // The README's own line: the answer is typed, InvocationSet is an array of Invocation.
  const { InvocationSet } = await client.request('DescribeInvocations', { Limit: 10 });
  const firstInvocation: tat.Invocation | undefined = InvocationSet[0];
  const invocationStatus: string = InvocationSet[0].InvocationStatus;
  const total: number = (await client.request('DescribeInvocationTasks', { InvocationTaskIds: ['invt-12345678'] })).TotalCount;
  const tasksOf: tat.InvocationTask[] = (await client.request('DescribeInvocationTasks', {})).InvocationTaskSet;
  const exitCode: number | undefined = tasksOf[0].TaskResult?.ExitCode;
  // Open unions: a status the service adds later still compiles; known ones autocomplete.
  const later: tat.InvocationTask['TaskStatus'] = 'A_STATUS_ADDED_LATER';
  const known: tat.InvocationTask['TaskStatus'] = 'SUCCESS';
  // Refused enumerations are literal unions (in capitals, or small letters: only a warning).
  const typed: RunCommandParams = { ...params, CommandType: 'POWERSHELL' };
  const small: RunCommandParams = { ...params, CommandType: 'shell' };
  // DefaultParameterConfs is RunCommand's (api.json); nested structures are typed.
  const confs: RunCommandParams = { ...params, EnableParameter: true, DefaultParameterConfs: [{ ParameterName: 'a', ParameterValue: '1' }] };
  tat.validate('CreateInvoker', { Name: 'n', Type: 'SCHEDULE', CommandId: 'cmd-12345678', InstanceIds: ['ins-12345678'], ScheduleSettings: { Policy: 'ONCE', InvokeTime: '2026-01-01T00:00:00Z' } });
  const built = tat.buildRequest({ action: 'DescribeInvocations', params: { Limit: 10 }, secretId: 'AKIDEXAMPLE', secretKey: 'secret' });
  // An action or a parameter newer than the pinned api.json: only with validation 'warn'.
  tat.buildRequest({ action: 'DescribeNewThings', params: { Anything: 1 }, secretId: 'AKIDEXAMPLE', secretKey: 'secret', validation: 'warn' });
  const pieces: RunCommandParams[] = tat.splitRunCommand(confs);
  try {
    tat.buildRequest({ ...input, params: { ...params, Timeout: 0 } });
  } catch (e) {
    if (e instanceof tat.TatError) {
      const errors: FieldError[] | undefined = e.errors;
      const warnings: FieldError[] | undefined = e.warnings;
      void errors, warnings;
    }
  }

  // Each mistake below must fail to compile.
  // @ts-expect-error: a misspelled action
  await client.request('RunCommnd', params);
  // @ts-expect-error: a misspelled action, in validate
  tat.validate('DescribeInvocation', {});
  // @ts-expect-error: a misspelled parameter
  tat.validate('RunCommand', { Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'], Timout: 60 });
  // @ts-expect-error: InstanceIds is a list
  tat.validate('RunCommand', { Content: 'd2hvYW1p', InstanceIds: 'ins-12345678' });
  // @ts-expect-error: Content is required
  tat.validate('RunCommand', { InstanceIds: ['ins-12345678'] });
  // @ts-expect-error: Limit is a number
  await client.request('DescribeInvocations', { Limit: '10' });
  // @ts-expect-error: a misspelled answer member
  void (await client.request('DescribeInvocations', {})).InvocationSets;
  // @ts-expect-error: a CommandType the validator refuses
  tat.validateRunCommand({ ...params, CommandType: 'BASH' });
  // @ts-expect-error: a Policy the validator refuses
  tat.validate('ModifyInvoker', { InvokerId: 'ivk-12345678', ScheduleSettings: { Policy: 'TWICE' } });
  // @ts-expect-error: a misspelled parameter in buildRequest
  tat.buildRequest({ action: 'RunCommand', params: { ...params, Timout: 60 }, secretId: 'AKIDEXAMPLE', secretKey: 'secret' });
  // @ts-expect-error: an unknown action needs validation 'warn'
  tat.buildRequest({ action: 'DescribeNewThings', params: {}, secretId: 'AKIDEXAMPLE', secretKey: 'secret' });
  // @ts-expect-error: splitRunCommand takes RunCommand's parameters
  tat.splitRunCommand({ InstanceIds: ['ins-12345678'] });
  // @ts-expect-error: runCommand too
  await client.runCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'], Timeout: '60' });
  // @ts-expect-error: a nested member misspelled
  tat.validate('RunCommand', { ...params, SaveCommand: true, Tags: [{ Key: 'k', Valu: 'v' }] });
  // @ts-expect-error: an answer's type: TotalCount is a number
  const wrongTotal: string = total;

  void firstInvocation, invocationStatus, exitCode, later, known, typed, small, built, pieces, wrongTotal;
}
void typedByAction;
// ---- tat-request/validate (issue 26): the main entry's declarations, plus loadLanguage.
import initValidate, * as tv from 'tat-request/validate';
import type { ValidationResult as VR } from 'tat-request/validate';
await initValidate();
await tv.loadLanguage('zh-CN');
const vr: VR = tv.validateRunCommand(params, { language: 'zh-CN' });
const vLabel: string = tv.describeTaskStatus('RUNNING', 'zh-CN').label && String(vr.valid);
// @ts-expect-error validation only: no signer in this entry
tv.buildRequest;
// @ts-expect-error a language the package does not have
tv.loadLanguage('fr-FR');
void vLabel;
