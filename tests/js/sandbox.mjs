// The repository's sandbox server (`node www/server.mjs`, TAT_ROOT is the repository), started
// as a program on a free port of 127.0.0.1, for the tests that send requests.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = process.env.TAT_ROOT;
if (!root) throw new Error('TAT_ROOT (the repository root) is not set: run tests/js/run.sh');

/** The sandbox's demo account (www/server.mjs): it opens only the local simulation. */
export const DEMO = Object.freeze({
  secretId: 'AKIDsandboxDEMO0000000000000000000000',
  secretKey: 'sandbox-demo-secret-key-not-a-real-one',
});
/** The host the sandbox checks signatures for. */
export const SIGN_HOST = 'tat.tencentcloudapi.com';

/** Resolves { url, api (its POST /api), stop } once the server has printed its URL. */
export function startSandbox(env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'www/server.mjs')], {
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${output}`)), 15000);
    const onData = (chunk) => {
      output += chunk;
      const m = /Console: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      resolve({
        url: m[1],
        api: new URL('api', m[1]).href,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
        }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited (${code}):\n${output}`));
    });
  });
}
