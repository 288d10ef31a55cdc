// Runs one command over 1,000 instances with the package's client: split into valid requests
// (never mixing CVM and Lighthouse, at most 100 each), sent within the API's 20 requests per
// second, retried when rate-limited, then followed until every task has finished.
//
//   make pkg && node www/server.mjs &        # the sandbox (its bulk fleet: ins-bulkNNNN, lhins-bulkNNNN)
//   TAT_ENDPOINT=http://127.0.0.1:8080/api node examples/fleet.mjs
//
// Against the real API, set TAT_ENDPOINT=https://tat.tencentcloudapi.com/, TAT_REGION and
// TAT_INSTANCES (a comma-separated list of your instance IDs); the client finds your
// credentials where the official SDKs do (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY /
// TENCENTCLOUD_SESSION_TOKEN, then ~/.tencentcloud/credentials).
import * as tat from '../pkg/index.mjs';

const endpoint = process.env.TAT_ENDPOINT ?? 'http://127.0.0.1:8080/api';
const sandbox = !process.env.TAT_INSTANCES;
const instances = process.env.TAT_INSTANCES?.split(',') ?? [
  ...Array.from({ length: 750 }, (_, i) => `ins-bulk${String(i).padStart(4, '0')}`),
  ...Array.from({ length: 250 }, (_, i) => `lhins-bulk${String(i).padStart(4, '0')}`),
];

const client = tat.createClient({
  endpoint,
  signHost: 'tat.tencentcloudapi.com', // the sandbox and relays stand in for this host
  region: process.env.TAT_REGION ?? 'ap-guangzhou',
  // The sandbox's demo account (it opens only the local simulation); otherwise the default chain.
  ...(sandbox && !process.env.TENCENTCLOUD_SECRET_ID
    ? { secretId: 'AKIDsandboxDEMO0000000000000000000000', secretKey: 'sandbox-demo-secret-key-not-a-real-one' }
    : {}),
});

const { invocations, tasks } = await client.runCommand(
  { Content: tat.encodeContent('uptime && df -h /'), InstanceIds: instances, CommandType: 'SHELL', Timeout: 60 },
  { onProgress: ({ finished, total }) => process.stderr.write(`\r${finished}/${total} tasks finished`) },
);
process.stderr.write('\n');

const counts = {};
for (const t of tasks) counts[t.TaskStatus] = (counts[t.TaskStatus] ?? 0) + 1;
console.log(`${instances.length} instances -> ${invocations.length} RunCommand requests`);
console.log(`${tasks.length} tasks finished: ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}`);
