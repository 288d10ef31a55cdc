// Shared by the console's tests: the repository root, the package's Node entry, and the
// server started as a program on a free port (tests talk only to 127.0.0.1).
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const tat = await import(pathToFileURL(join(root, 'pkg/index.mjs')).href);
export const { startServer, DEMO_CREDENTIALS } = await import(pathToFileURL(join(root, 'www/server.mjs')).href);

/**
 * Runs `node www/server.mjs` with PORT=0 and `env`; resolves { url, output, stop } once it
 * has printed its URL.
 */
export function spawnServer(env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'www/server.mjs')], {
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15000);
    const onData = (chunk) => {
      output += chunk;
      const m = /Console: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          pid: child.pid,
          output: () => output,
          stop: () => new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
}

/** Sends a request built by the package to a server's /api, as a Node user of the package would. */
export async function callApi(url, { action, params, secretId = DEMO_CREDENTIALS.secretId, secretKey = DEMO_CREDENTIALS.secretKey, ...rest }) {
  const built = tat.buildRequest({ action, params, secretId, secretKey, ...rest });
  const { Host, ...headers } = built.headers;
  const res = await fetch(new URL('api', url), { method: 'POST', headers, body: built.body });
  return (await res.json()).Response;
}

/**
 * One HTTP request with whatever Host, Origin and path a hostile client sends (fetch would
 * normalise them). Resolves { status, headers, body (string) }.
 */
export function raw(base, { method = 'GET', path = '/', headers = {}, body } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers: { connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413) and close before the whole body is sent: the answer counts.
    req.on('error', (e) => (req.res ? undefined : reject(e)));
    req.end(body);
  });
}
