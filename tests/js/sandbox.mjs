// The repository's sandbox server for the tests that send requests: the e2e suite's own
// launcher (`node www/server.mjs` on a free port of 127.0.0.1), found through TAT_ROOT since
// these tests run from the folder the packed package is installed in.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.env.TAT_ROOT;
if (!root) throw new Error('TAT_ROOT (the repository root) is not set: run tests/js/run.sh');
const { spawnServer, DEMO_CREDENTIALS } = await import(pathToFileURL(join(root, 'tests/e2e/helpers.mjs')).href);

/** The sandbox's demo account (www/server.mjs): it opens only the local simulation. */
export const DEMO = Object.freeze({ secretId: DEMO_CREDENTIALS.secretId, secretKey: DEMO_CREDENTIALS.secretKey });
/** The host the sandbox checks signatures for. */
export const SIGN_HOST = 'tat.tencentcloudapi.com';

/** Resolves { url, api (its POST /api), stop } once the server has printed its URL. */
export async function startSandbox(env = {}) {
  const server = await spawnServer(env);
  return { ...server, api: new URL('api', server.url).href };
}
