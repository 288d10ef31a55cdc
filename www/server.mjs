// The console's server (node:http only): the page from www/app, the npm package from pkg/,
// and at POST /api either the embedded TAT sandbox (default) or, with TAT_UPSTREAM set, a
// relay to the real API.
//
//   node www/server.mjs                      sandbox on http://127.0.0.1:8080
//   PORT=9000 SANDBOX_SPEED=10 node www/server.mjs
//   TAT_UPSTREAM=https://tat.tencentcloudapi.com node www/server.mjs
import { createServer } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { extname, join, resolve, sep, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSandbox, SERVICE_HOST } from './sandbox/handlers.mjs';
import { createRelay } from './sandbox/relay.mjs';
import { FLEET, DEMO_INSTANCE } from './sandbox/fleet.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** The sandbox's demo account. Not a secret: it opens only this local simulation. */
export const DEMO_CREDENTIALS = Object.freeze({
  secretId: 'AKIDsandboxDEMO0000000000000000000000',
  secretKey: 'sandbox-demo-secret-key-not-a-real-one',
  region: 'ap-guangzhou',
});

/**
 * What one client may hold (www/README.md "Limits"). A console request is one small JSON
 * body: seconds are plenty, and a slow or idle client must not hold a connection for Node's
 * default five minutes.
 */
export const LIMITS = Object.freeze({
  headersTimeout: 10_000, // ms to send the request's headers
  requestTimeout: 30_000, // ms to send the whole request (headers and body)
  keepAliveTimeout: 5_000, // ms an idle kept-alive connection stays open
  maxConnections: 64, // open connections; past them a new one is closed unanswered
  body: 1 << 20, // bytes of request body (a RunCommand body is at most ~70 KB)
});

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json', // pkg/browser.js.map, fetched by devtools
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// On every answer, errors and /api included. The page runs no inline script and loads nothing
// from elsewhere; it may talk to the API host directly or to a relay the user names, hence the
// open connect-src for https and local ports. form-action 'none' makes sure no form can ever
// send the credentials anywhere.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** Static files: URL prefix -> folder. Nothing outside these folders is served. */
const STATIC = [['/app/', join(here, 'app')], ['/pkg/', join(root, 'pkg')]];

/** Every answer goes out through here, with the security headers. */
function send(res, status, body = '', type = 'text/plain; charset=utf-8', extra = {}) {
  res.writeHead(status, { ...extra, ...SECURITY_HEADERS, 'content-type': type });
  res.end(body);
}

/** An answer of the server's own in the service's error shape (for /api clients). */
function sendError(res, status, code, message) {
  send(res, status, JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } }), 'application/json');
}

/** Every answer of the server's own is in the service's error shape, as an emulator's must be. */
const notFound = (res) => sendError(res, 404, 'ResourceNotFound', 'There is nothing at this path.');

const httpError = (status, message) => Object.assign(new Error(message), { status });

/** The request body, refused beyond `max` bytes, whether declared or sent. */
function readBody(req, max) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > max) return reject(httpError(413, 'request too large'));
    const chunks = [];
    let size = 0;
    const onData = (c) => {
      size += c.length;
      if (size <= max) return chunks.push(c);
      // Stop reading; the answer closes the connection (see the catch in the handler).
      req.off('data', onData);
      req.pause();
      reject(httpError(413, 'request too large'));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Sends `rel` (decoded, relative to `dir`) if it is a file inside `dir` once every symlink is
 * resolved: a link out of the folder is "not found" like any other path outside it.
 */
async function serveStatic(res, dir, rel) {
  const file = resolve(dir, rel);
  try {
    const [realDir, realFile] = await Promise.all([realpath(dir), realpath(file)]);
    if (!file.startsWith(dir + sep) || !realFile.startsWith(realDir + sep)) throw new Error('outside');
    const body = await readFile(realFile);
    send(res, 200, body, TYPES[extname(file)] ?? 'application/octet-stream');
  } catch {
    notFound(res);
  }
}

/**
 * The Host values this server answers to (lower-case): its own address and port, under the
 * loopback names, the address it listens on, and `allowedHosts` (a name alone stands for the
 * name with no port, as a browser sends it for a default port, and with this server's port).
 */
function servedHosts(host, port, allowedHosts) {
  const hosts = new Set();
  const add = (h) => hosts.add(h.toLowerCase());
  const bracket = (h) => (isIP(h) === 6 ? `[${h}]` : h);
  for (const h of ['127.0.0.1', 'localhost', '[::1]']) add(`${h}:${port}`);
  add(`${bracket(host)}:${port}`); // the URL printed at start, even for 0.0.0.0
  if (port === 80) for (const h of ['127.0.0.1', 'localhost', '[::1]']) add(h);
  for (const entry of allowedHosts) {
    const h = entry.trim();
    if (!h) continue;
    add(h);
    if (!/:\d+$/.test(h)) add(`${h}:${port}`);
  }
  return hosts;
}

/**
 * A request with an Origin is from a page: only this server's own page may call /api. The
 * Host has been checked already, so the page's origin is the Host it was loaded from.
 */
function fromOwnPage(req) {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // a program (curl, the package in Node), not a page
  try {
    const { protocol, host } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && origin === `${protocol}//${host}` && host === req.headers.host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
}

/**
 * Starts the server. Options: port (0 picks a free one), host, speed (SANDBOX_SPEED),
 * upstream (TAT_UPSTREAM), allowedHosts (ALLOWED_HOSTS, a list of names), now (the sandbox
 * clock, epoch ms). Resolves { server, url, mode }.
 */
export async function startServer({ port = 8080, host = '127.0.0.1', speed = 1, upstream, allowedHosts = [], now = Date.now } = {}) {
  const tat = await import(pathToFileURL(join(root, 'pkg/index.mjs')).href);
  const relay = upstream ? createRelay({ upstream }) : null;
  const sandbox = relay ? null : createSandbox({ tat, credentials: { [DEMO_CREDENTIALS.secretId]: DEMO_CREDENTIALS.secretKey }, now, speed });

  // What the page needs to know about this server: where to send requests, which host to
  // sign for, and in sandbox mode the demo account and fleet it offers to fill in.
  const config = relay
    ? { mode: 'relay', endpoint: '/api', signHost: relay.host, upstream: relay.upstream }
    : {
      mode: 'sandbox',
      endpoint: '/api',
      signHost: SERVICE_HOST,
      demo: { ...DEMO_CREDENTIALS, instanceIds: [DEMO_INSTANCE] },
      fleet: FLEET, // the documented fleet, every field of it public (README "Console")
    };

  /** The API: the sandbox or the relay answers, for this server's own page or a program. */
  async function api(req, res, url) {
    if (req.method !== 'POST' && req.method !== 'GET') {
      res.setHeader('allow', 'POST, GET');
      return sendError(res, 405, 'UnsupportedProtocol', `The API takes POST (and GET), not ${req.method}.`);
    }
    // Before the body is read: a cross-site page (even a "simple" text/plain POST) reaches
    // neither the sandbox nor the upstream.
    if (!fromOwnPage(req)) return sendError(res, 403, 'AuthFailure.UnauthorizedOperation', 'Requests from another site\'s page are refused: only this console\'s own page may call /api.');
    const body = await readBody(req, LIMITS.body);
    const request = { method: req.method, path: url.pathname, query: url.search.slice(1), headers: req.headers, body };
    const answer = relay ? await relay.forward(request) : sandbox.handle(request);
    send(res, answer.status, Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body), 'application/json');
  }

  let served; // the Host values answered, known once listening (PORT=0 picks the port)
  const server = createServer({
    headersTimeout: LIMITS.headersTimeout,
    requestTimeout: LIMITS.requestTimeout,
    keepAliveTimeout: LIMITS.keepAliveTimeout,
    connectionsCheckingInterval: 1000, // how often the two timeouts above are checked
  }, async (req, res) => {
    try {
      // DNS rebinding: a foreign name resolved to this machine still says its own name here.
      if (!served.has((req.headers.host ?? '').toLowerCase())) return send(res, 421, 'this server does not serve that host');
      let url;
      try {
        url = new URL(req.url, 'http://localhost');
        decodeURIComponent(url.pathname);
      } catch {
        return send(res, 400, 'malformed URL');
      }
      // The API: /api (the page's path) and POST / (where the official SDKs and tccli send).
      if (url.pathname === '/api' || (url.pathname === '/' && req.method === 'POST')) return await api(req, res, url);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        return sendError(res, 405, 'UnsupportedProtocol', `${req.method} is not served here; the API takes POST / and POST /api.`);
      }
      if (url.pathname === '/' || url.pathname === '/index.html') return await serveStatic(res, join(here, 'app'), 'index.html');
      if (url.pathname === '/config.json') return send(res, 200, JSON.stringify(config), 'application/json');
      for (const [prefix, dir] of STATIC) {
        if (url.pathname.startsWith(prefix)) return await serveStatic(res, dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      }
      notFound(res);
    } catch (e) {
      if (res.headersSent) return res.destroy();
      // A refused body is left unread: close the connection rather than read on.
      if (e.status === 413) res.setHeader('connection', 'close');
      if (e.status === 413) sendError(res, 413, 'RequestSizeLimitExceeded', 'The request body is over 1 MiB.');
      else sendError(res, 500, 'InternalError', 'The server failed to answer.');
    }
  });
  server.maxConnections = LIMITS.maxConnections;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  served = servedHosts(host, server.address().port, allowedHosts);
  const url = `http://${host}:${server.address().port}/`;
  return { server, url, mode: config.mode };
}

// Run as a program (not when imported by tests).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(join(root, 'pkg/index.mjs'))) {
    console.error('pkg/ is missing: run `make pkg` (or `make demo`, which builds it).');
    process.exit(1);
  }
  const speed = Number(process.env.SANDBOX_SPEED ?? 1);
  const { url, mode } = await startServer({
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    speed: Number.isFinite(speed) && speed > 0 ? speed : 1,
    upstream: process.env.TAT_UPSTREAM || undefined,
    allowedHosts: (process.env.ALLOWED_HOSTS ?? '').split(','),
  });
  if (mode === 'sandbox') {
    console.log('TAT sandbox: simulated fleet, nothing is ever executed. Demo credentials:');
    console.log(`  SecretId  ${DEMO_CREDENTIALS.secretId}`);
    console.log(`  SecretKey ${DEMO_CREDENTIALS.secretKey}`);
    console.log(`  Instances ${FLEET.map((i) => i.InstanceId).join(' ')}`);
  } else {
    console.log(`Relay mode: POST /api is forwarded unchanged to ${process.env.TAT_UPSTREAM}`);
  }
  console.log(`Console: ${url}`);
}
