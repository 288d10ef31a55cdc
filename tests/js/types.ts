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
{
  using scoped = new tat.Pacer(5);
  void scoped.delay(0);
}
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
    await client.request('RunCommand', {});
  } catch (e) {
    if (e instanceof tat.TatError) {
      const fields: string[] = (e.errors ?? []).map((x) => x.field);
      const retryable: boolean | undefined = e.retryable;
      const started: tat.Invocation[] | undefined = e.invocations;
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
