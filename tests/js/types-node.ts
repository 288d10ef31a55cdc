// Compiled by tsc with `lib: ["ES2022"]` and no @types: a Node-only project without the DOM
// library. The declarations must need no name only browsers have.
import * as tat from 'tat-request';
import type { ActionResponse, RunCommandParams } from 'tat-request';

const params: RunCommandParams = { Content: tat.encodeContent('whoami'), InstanceIds: ['ins-12345678'], Timeout: 60 };
const valid: boolean = tat.validate('RunCommand', params, { rules: 'latest' }).valid;
const built = tat.buildRequest({ action: 'RunCommand', params, secretId: 'AKIDEXAMPLE', secretKey: 'secret' });
const body: string = built.body;
const pacer = new tat.Pacer(20);
const wait: number = pacer.delay(0);
pacer.free();

async function run(): Promise<void> {
  await tat.default();
  const client = tat.createClient({ secretId: 'AKIDEXAMPLE', secretKey: 'secret', region: 'ap-guangzhou' });
  const answer: ActionResponse<'DescribeInvocations'> = await client.request('DescribeInvocations', { Limit: 10 });
  const ids: string[] = answer.InvocationSet.map((i) => i.InvocationId);
  // @ts-expect-error: a misspelled parameter
  await client.request('DescribeInvocations', { Limt: 10 });
  void ids;
}

void valid, body, wait, run;

// tat-request/validate needs no browser name either (loadLanguage's source included).
import initValidate, * as tv from 'tat-request/validate';
async function validateOnly(): Promise<boolean> {
  await initValidate();
  await tv.loadLanguage('zh-CN', new Uint8Array(0));
  return tv.validateRunCommand(params, { language: 'zh-CN' }).valid;
}
void validateOnly;
