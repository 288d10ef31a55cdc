// The console's server (node:http only): the page from www/app, the npm package from pkg/,
// and at POST /api either the embedded TAT sandbox (default) or, with TAT_UPSTREAM set, a
// relay to the real API.
//
//   node www/server.mjs                      sandbox on http://127.0.0.1:8080
//   PORT=9000 SANDBOX_SPEED=10 node www/server.mjs
//   TAT_UPSTREAM=https://tat.tencentcloudapi.com node www/server.mjs
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep, dirname } from 'node:path';
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

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// The page runs no inline script and loads nothing from elsewhere; it may talk to the API
// host directly or to a relay the user names, hence the open connect-src for https and local
// ports. form-action 'none' makes sure no form can ever send the credentials anywhere.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** Static files: URL prefix -> folder. Nothing outside these folders is served. */
const STATIC = [['/app/', join(here, 'app')], ['/pkg/', join(root, 'pkg')]];

/** The request body, refused beyond `max` bytes (a RunCommand body is at most ~70 KB). */
function readBody(req, max = 1 << 20) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > max) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function serveFile(res, file) {
  try {
    const body = await readFile(file);
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

/**
 * Starts the server. Options: port (0 picks a free one), host, speed (SANDBOX_SPEED),
 * upstream (TAT_UPSTREAM), now (the sandbox clock, epoch ms). Resolves { server, url, mode }.
 */
export async function startServer({ port = 8080, host = '127.0.0.1', speed = 1, upstream, now = Date.now } = {}) {
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

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      // The API: /api (the page's path) and POST / (where the official SDKs and tccli send).
      if (url.pathname === '/api' || (url.pathname === '/' && req.method === 'POST')) {
        if (req.method !== 'POST' && req.method !== 'GET') return res.writeHead(405, { allow: 'POST, GET' }).end();
        const body = await readBody(req);
        const request = { method: req.method, path: url.pathname, query: url.search.slice(1), headers: req.headers, body };
        const answer = relay ? await relay.forward(request) : sandbox.handle(request);
        const bytes = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(JSON.stringify(answer.body));
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers, 'cache-control': 'no-store' });
        return res.end(bytes);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405).end();
      if (url.pathname === '/' || url.pathname === '/index.html') return serveFile(res, join(here, 'app', 'index.html'));
      if (url.pathname === '/config.json') {
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json' });
        return res.end(JSON.stringify(config));
      }
      for (const [prefix, dir] of STATIC) {
        if (!url.pathname.startsWith(prefix)) continue;
        const file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
        if (!file.startsWith(dir + sep)) break;
        return serveFile(res, file);
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch (e) {
      if (!res.headersSent) res.writeHead(e.status ?? 500, { 'content-type': 'text/plain' });
      res.end(e.status === 413 ? 'request too large' : 'server error');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
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
