// Runs one command over 1,000 instances: split into valid requests (never mixing CVM and
// Lighthouse, at most 100 each), sent within the API's 20 requests per second, then followed
// until every task has finished.
//
//   make pkg && node www/server.mjs &        # the sandbox (its bulk fleet: ins-bulkNNNN, lhins-bulkNNNN)
//   TAT_ENDPOINT=http://127.0.0.1:8080/api node examples/fleet.mjs
//
// Against the real API, set TAT_ENDPOINT=https://tat.tencentcloudapi.com/, TAT_REGION and the
// TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_TOKEN) of your account,
// and TAT_INSTANCES to a comma-separated list of your instance IDs.
import * as tat from '../pkg/index.mjs';

const endpoint = process.env.TAT_ENDPOINT ?? 'http://127.0.0.1:8080/api';
const credentials = {
  // The sandbox's demo account (it opens only the local simulation).
  secretId: process.env.TENCENTCLOUD_SECRET_ID ?? 'AKIDsandboxDEMO0000000000000000000000',
  secretKey: process.env.TENCENTCLOUD_SECRET_KEY ?? 'sandbox-demo-secret-key-not-a-real-one',
  token: process.env.TENCENTCLOUD_TOKEN,
};
const region = process.env.TAT_REGION ?? 'ap-guangzhou';
const instances = process.env.TAT_INSTANCES?.split(',') ?? [
  ...Array.from({ length: 750 }, (_, i) => `ins-bulk${String(i).padStart(4, '0')}`),
  ...Array.from({ length: 250 }, (_, i) => `lhins-bulk${String(i).padStart(4, '0')}`),
];

const pacer = new tat.Pacer(); // 20 requests per second, the API's limit
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Signs, paces, sends; returns the Response data or throws the service's error. */
async function call(action, params) {
  const request = tat.buildRequest({ action, params, ...credentials, region, host: 'tat.tencentcloudapi.com' });
  await sleep(pacer.delay());
  const { Host, ...headers } = request.headers; // fetch sets Host itself
  const response = await fetch(endpoint, { method: 'POST', headers, body: request.body });
  return tat.parseResponse(await response.text());
}

const requests = tat.splitRunCommand({
  Content: tat.encodeContent('uptime && df -h /'),
  InstanceIds: instances,
  CommandType: 'SHELL',
  Timeout: 60,
});
console.log(`${instances.length} instances -> ${requests.length} RunCommand requests`);

const invocations = [];
for (const params of requests) {
  const { InvocationId } = await call('RunCommand', params);
  invocations.push(InvocationId);
}
console.log(`started ${invocations.length} invocations`);

// Follow them: DescribeInvocations takes up to 100 IDs and lists each task's status.
const counts = {};
for (;;) {
  const { InvocationSet } = await call('DescribeInvocations', { InvocationIds: invocations, Limit: 100 });
  const tasks = InvocationSet.flatMap((inv) => inv.InvocationTaskBasicInfoSet);
  if (tasks.every((t) => tat.describeTaskStatus(t.TaskStatus).terminal)) {
    for (const t of tasks) counts[t.TaskStatus] = (counts[t.TaskStatus] ?? 0) + 1;
    console.log(`${tasks.length} tasks finished: ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}`);
    break;
  }
  await sleep(1000);
}
