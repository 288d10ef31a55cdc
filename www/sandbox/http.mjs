// The emulator on its own (the npm package's `tat-request sandbox`): an HTTP server whose
// every answer is in the service's shape. The API is at `POST /`, where the official SDKs and
// tccli send, and at `POST /api`, the console's path; any other path or method, a body too
// large or a malformed URL is refused in the same shape. It has the console server's defences
// (guard.mjs): a foreign Host is refused (421), and so is any page of another site (403).
import { createSandbox } from './handlers.mjs';
import { errorAnswer } from './answer.mjs';
import { listenGuarded, fromOwnPage, foreignOrigin, readBody, sendAnswer } from './guard.mjs';
import { createFaults } from './faults.mjs';
import { createExecutor, newSecretKey, isLoopback } from './exec.mjs';

/** The emulator's demo account. Not a secret: it opens only this local simulation. */
export const DEMO_CREDENTIALS = Object.freeze({
  secretId: 'AKIDsandboxDEMO0000000000000000000000',
  secretKey: 'sandbox-demo-secret-key-not-a-real-one',
  region: 'ap-guangzhou',
});

/**
 * Starts the emulator. Options: port (0 picks a free one), host, allowedHosts (more Host names
 * it answers to, as in servedHosts), tat (the package's Node entry), speed (SANDBOX_SPEED), now
 * (the clock, epoch ms), credentials (SecretId -> SecretKey; the demo account by default),
 * exec (true: the local instances of exec.mjs run their scripts here; loopback hosts only,
 * and the demo account's SecretKey is a new random one unless credentials are given), faults
 * and seed (fault injection, faults.mjs: SPEC and an integer).
 * Resolves { server, url, sandbox, credentials, exec, faults }; closing the server kills what still runs.
 */
export async function startEmulator({ port = 9000, host = '127.0.0.1', allowedHosts = [], tat, speed = 1, now = Date.now, credentials, exec = false, faults: spec, seed = 1 } = {}) {
  if (exec && !isLoopback(host)) throw new Error(`--exec runs scripts on this machine: it listens on loopback only, not on ${host}.`);
  const faults = createFaults(spec, seed);
  const executor = exec ? await createExecutor({ now }) : null;
  // The public demo key never runs anything: with --exec the account's key is new at each start.
  const accounts = credentials ?? { [DEMO_CREDENTIALS.secretId]: exec ? newSecretKey() : DEMO_CREDENTIALS.secretKey };
  const sandbox = createSandbox({ tat, credentials: accounts, now, speed, exec: executor });
  // More connections than the console's: a fleet tool may send many requests at once.
  const server = await listenGuarded({ port, host, allowedHosts, allowHint: '--allow-host NAME', maxConnections: 256 }, async (req, res) => {
    // Before the body is read: a page of another site (even a "simple" text/plain POST) never
    // reaches the sandbox.
    if (!fromOwnPage(req)) return sendAnswer(res, foreignOrigin());
    let path;
    try {
      path = new URL(req.url, 'http://localhost').pathname;
    } catch {
      return sendAnswer(res, errorAnswer('InvalidParameter', 'The request URL is malformed.', { status: 400 }));
    }
    if (path !== '/' && path !== '/api') {
      return sendAnswer(res, errorAnswer('ResourceNotFound', `Nothing at ${path.slice(0, 100)}: the API is at POST /.`, { status: 404 }));
    }
    const body = await readBody(req);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    const handle = () => sandbox.handle({ method: req.method, path, query, headers: req.headers, body });
    if (faults) return faults.respond({ action: req.headers['x-tc-action'], res, handle, send: (answer) => sendAnswer(res, answer), errorAnswer });
    return sendAnswer(res, handle());
  });
  if (executor) server.on('close', () => executor.close());
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`;
  return { server, url, sandbox, credentials: accounts, exec: executor, faults };
}
