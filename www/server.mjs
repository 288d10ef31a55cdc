// The console's server (node:http only): the page from www/app, the npm package from pkg/,
// and at POST /api either the embedded TAT sandbox (default) or, with TAT_UPSTREAM set, a
// relay to the real API.
//
//   node www/server.mjs                      sandbox on http://127.0.0.1:8080
//   PORT=9000 SANDBOX_SPEED=10 node www/server.mjs
//   SANDBOX_FAULTS=drop=0.05,limit=0.05 SANDBOX_SEED=7 node www/server.mjs   (www/README.md "Fault injection")
//   TAT_UPSTREAM=https://tat.tencentcloudapi.com node www/server.mjs
//   SANDBOX_EXEC=1 node www/server.mjs       and ins-local001/002 run scripts here (exec.mjs)
import { readFile, realpath } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, resolve, sep, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSandbox, SERVICE_HOST } from './sandbox/handlers.mjs';
import { createRelay } from './sandbox/relay.mjs';
import { FLEET, DEMO_INSTANCE } from './sandbox/fleet.mjs';
import { DEMO_CREDENTIALS } from './sandbox/http.mjs';
import { createExecutor, newSecretKey, isLoopback } from './sandbox/exec.mjs';
import { errorAnswer } from './sandbox/answer.mjs';
import { createFaults } from './sandbox/faults.mjs';
import { LIMITS, SECURITY_HEADERS as API_HEADERS, listenGuarded, fromOwnPage, foreignOrigin, readBody, sendAnswer } from './sandbox/guard.mjs';

export { DEMO_CREDENTIALS, LIMITS };

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** Open connections; past them the one idle the longest is closed to make room (guard.mjs shareConnections; www/README.md "Limits"). */
export const MAX_CONNECTIONS = 64;

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
  ...API_HEADERS,
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/**
 * Static files: URL prefix -> folder. Nothing outside these folders is served. The terminal of
 * #/shell is npm's @xterm/xterm (pinned in package.json), its module and stylesheet served from
 * its own files, never a CDN.
 */
const XTERM = join(root, 'node_modules/@xterm/xterm');
const STATIC = [['/app/', join(here, 'app')], ['/pkg/', join(root, 'pkg')], ['/vendor/xterm/lib/', join(XTERM, 'lib')], ['/vendor/xterm/css/', join(XTERM, 'css')]];

/** Every answer goes out through here, with the security headers. */
function send(res, status, body = '', type = 'text/plain; charset=utf-8', extra = {}) {
  res.writeHead(status, { ...extra, ...SECURITY_HEADERS, 'content-type': type });
  res.end(body);
}

/** An answer of the server's own in the service's error shape (for /api clients). */
const sendError = (res, status, code, message) => sendAnswer(res, errorAnswer(code, message, { status }), SECURITY_HEADERS);

/** Every answer of the server's own is in the service's error shape, as an emulator's must be. */
const notFound = (res) => sendError(res, 404, 'ResourceNotFound', 'There is nothing at this path.');

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
 * Starts the server. Options: port (0 picks a free one), host, speed (SANDBOX_SPEED),
 * upstream (TAT_UPSTREAM), allowedHosts (ALLOWED_HOSTS, a list of names), now (the sandbox
 * clock, epoch ms), exec (SANDBOX_EXEC: the sandbox's local instances run their scripts here;
 * loopback only, and the account's SecretKey is new, returned, never served to the page),
 * faults and seed (SANDBOX_FAULTS, SANDBOX_SEED: the sandbox's fault injection,
 * sandbox/faults.mjs). Resolves { server, url, mode, credentials }.
 */
export async function startServer({ port = 8080, host = '127.0.0.1', speed = 1, upstream, allowedHosts = [], now = Date.now, exec = false, faults: spec, seed = 1 } = {}) {
  const tat = await import(pathToFileURL(join(root, 'pkg/index.mjs')).href);
  const relay = upstream ? createRelay({ upstream }) : null;
  if (exec && (relay || !isLoopback(host))) throw new Error('SANDBOX_EXEC runs scripts on this machine: only in sandbox mode, on a loopback HOST.');
  const faults = relay ? null : createFaults(spec, seed);
  const executor = exec ? await createExecutor({ now }) : null;
  // The public demo key never runs anything: with exec the account's key is new at each start.
  const credentials = { [DEMO_CREDENTIALS.secretId]: executor ? newSecretKey() : DEMO_CREDENTIALS.secretKey };
  const sandbox = relay ? null : createSandbox({ tat, credentials, now, speed, exec: executor });

  // What the page needs to know about this server: where to send requests, which host to
  // sign for, and in sandbox mode the demo account and fleet it offers to fill in.
  const config = relay
    ? { mode: 'relay', endpoint: '/api', signHost: relay.host, upstream: relay.upstream }
    : {
      mode: 'sandbox',
      endpoint: '/api',
      signHost: SERVICE_HOST,
      // With exec the key is printed in the terminal that started the server, never served.
      demo: executor ? { ...DEMO_CREDENTIALS, secretKey: '', instanceIds: [...executor.instances.keys()].slice(0, 1) } : { ...DEMO_CREDENTIALS, instanceIds: [DEMO_INSTANCE] },
      fleet: executor ? [...executor.instances.values(), ...FLEET] : FLEET, // every field of it public (README "Console")
      exec: Boolean(executor),
    };

  /** The API: the sandbox or the relay answers, for this server's own page or a program. */
  async function api(req, res, url) {
    if (req.method !== 'POST' && req.method !== 'GET') {
      res.setHeader('allow', 'POST, GET');
      return sendError(res, 405, 'UnsupportedProtocol', `The API takes POST (and GET), not ${req.method}.`);
    }
    // Before the body is read: a cross-site page (even a "simple" text/plain POST) reaches
    // neither the sandbox nor the upstream.
    if (!fromOwnPage(req)) return sendAnswer(res, foreignOrigin(), SECURITY_HEADERS);
    const body = await readBody(req);
    const request = { method: req.method, path: url.pathname, query: url.search.slice(1), headers: req.headers, body };
    if (faults) {
      const send = (answer) => sendAnswer(res, answer, SECURITY_HEADERS);
      return faults.respond({ action: req.headers['x-tc-action'], res, handle: () => sandbox.handle(request), send, errorAnswer });
    }
    sendAnswer(res, relay ? await relay.forward(request) : sandbox.handle(request), SECURITY_HEADERS);
  }

  const server = await listenGuarded({ port, host, allowedHosts, allowHint: 'ALLOWED_HOSTS', maxConnections: MAX_CONNECTIONS, headers: SECURITY_HEADERS }, async (req, res) => {
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
  });
  if (executor) server.on('close', () => executor.close());
  const url = `http://${host}:${server.address().port}/`;
  return { server, url, mode: config.mode, credentials, exec: executor };
}

// Run as a program (not when imported by tests).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(join(root, 'pkg/index.mjs'))) {
    console.error('pkg/ is missing: run `make pkg` (or `make demo`, which builds it).');
    process.exit(1);
  }
  const speed = Number(process.env.SANDBOX_SPEED ?? 1);
  const { url, mode, credentials, exec } = await startServer({
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    speed: Number.isFinite(speed) && speed > 0 ? speed : 1,
    upstream: process.env.TAT_UPSTREAM || undefined,
    allowedHosts: (process.env.ALLOWED_HOSTS ?? '').split(','),
    exec: process.env.SANDBOX_EXEC === '1',
    faults: process.env.SANDBOX_FAULTS || undefined,
    seed: process.env.SANDBOX_SEED ?? 1,
  }).catch((e) => {
    // A refused start (bad SANDBOX_FAULTS, SANDBOX_EXEC off loopback) says why and stops.
    console.error(e?.code === 'InvalidFaults' ? e.message.replace('--faults', 'SANDBOX_FAULTS') : e.message);
    process.exit(e?.code === 'InvalidFaults' ? 2 : 1);
  });
  if (exec) {
    console.log(`TAT sandbox: LOCAL INSTANCES RUN SCRIPTS ON THIS MACHINE as this user, in ${exec.dir}; the rest is simulated.`);
    console.log(`  SecretId  ${DEMO_CREDENTIALS.secretId}`);
    console.log(`  SecretKey ${credentials[DEMO_CREDENTIALS.secretId]}   (new at each start: paste it into the page)`);
    console.log(`  Instances ${[...exec.instances.keys()].join(' ')} (run here) ${FLEET.map((i) => i.InstanceId).join(' ')}`);
    const stop = () => exec.close().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } else if (mode === 'sandbox') {
    console.log('TAT sandbox: simulated fleet, nothing is ever executed. Demo credentials:');
    console.log(`  SecretId  ${DEMO_CREDENTIALS.secretId}`);
    console.log(`  SecretKey ${DEMO_CREDENTIALS.secretKey}`);
    console.log(`  Instances ${FLEET.map((i) => i.InstanceId).join(' ')}`);
    if (process.env.SANDBOX_FAULTS) console.log(`  Faults    ${process.env.SANDBOX_FAULTS} (seed ${process.env.SANDBOX_SEED ?? 1}): answers are lost on purpose`);
  } else {
    console.log(`Relay mode: POST /api is forwarded unchanged to ${process.env.TAT_UPSTREAM}`);
  }
  console.log(`Console: ${url}`);
}
