// The emulator on its own (the npm package's `tat-request sandbox`): an HTTP server whose
// every answer is in the service's shape. The API is at `POST /`, where the official SDKs and
// tccli send, and at `POST /api`, the console's path; any other path or method, a body too
// large or a malformed URL is refused in the same shape.
import { createServer } from 'node:http';
import { createSandbox } from './handlers.mjs';
import { errorAnswer } from './answer.mjs';

/** The emulator's demo account. Not a secret: it opens only this local simulation. */
export const DEMO_CREDENTIALS = Object.freeze({
  secretId: 'AKIDsandboxDEMO0000000000000000000000',
  secretKey: 'sandbox-demo-secret-key-not-a-real-one',
  region: 'ap-guangzhou',
});

/** A request body above this is refused (a RunCommand body is at most ~70 KB). */
export const MAX_BODY_BYTES = 1 << 20;

/** The request body; null when it is larger than `max` (the rest is not read). */
export function readBody(req, max = MAX_BODY_BYTES) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > max) {
        resolve(null);
        req.pause();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes an answer ({ status, body }) as JSON. */
export function sendAnswer(res, { status, body }) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(bytes);
}

/**
 * Starts the emulator. Options: port (0 picks a free one), host, tat (the package's Node
 * entry), speed (SANDBOX_SPEED), now (the clock, epoch ms), credentials (SecretId -> SecretKey;
 * the demo account by default). Resolves { server, url, sandbox }.
 */
export async function startEmulator({ port = 9000, host = '127.0.0.1', tat, speed = 1, now = Date.now, credentials } = {}) {
  const sandbox = createSandbox({ tat, credentials: credentials ?? { [DEMO_CREDENTIALS.secretId]: DEMO_CREDENTIALS.secretKey }, now, speed });
  const server = createServer(async (req, res) => {
    try {
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
      if (body === null) {
        res.setHeader('connection', 'close');
        return sendAnswer(res, errorAnswer('RequestSizeLimitExceeded', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, { status: 413 }));
      }
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      return sendAnswer(res, sandbox.handle({ method: req.method, path, query, headers: req.headers, body }));
    } catch {
      if (!res.headersSent) sendAnswer(res, errorAnswer('InternalError', 'The sandbox failed to answer this request.', { status: 500 }));
      else res.end();
    }
  });
  // Seconds, not Node's minutes: a local emulator has no slow clients to wait for.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.maxConnections = 256;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`;
  return { server, url, sandbox };
}
