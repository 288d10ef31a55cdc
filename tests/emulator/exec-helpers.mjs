// Shared by the tests of --exec and of the bin's commands: the bin of the built package as a
// program (`tat-request sandbox --exec --port 0`, its banner read for the endpoint and the key)
// and a client of the package for it, as a Node user makes one.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, tat } from './helpers.mjs';

export const BIN = join(root, 'pkg/bin/tat-request.mjs');
export const SECRET_ID = 'AKIDsandboxDEMO0000000000000000000000';

/** Starts `tat-request sandbox ARGS`; resolves { url, secretKey, dir, banner, child, stop() } once its banner is out. */
export function startSandbox(args = ['--exec']) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SANDBOX_EXEC: '' } });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner:\n${out}`)), 15000);
    const read = (chunk) => {
      out += chunk;
      const url = /Endpoint: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      const secretKey = /SecretKey: (\S+)/.exec(out)?.[1];
      if (url && secretKey && out.includes('tat-request shell')) {
        clearTimeout(timer);
        resolve({
          url,
          secretKey,
          dir: /in (\/\S+)\)/.exec(out)?.[1],
          banner: out,
          child,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
        });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`sandbox exited (${code}):\n${out}`), { code, output: out }));
    });
  });
}

/** A client of the package for a started sandbox. */
export const clientFor = (sb, secretKey = sb.secretKey) => tat.createClient({ secretId: SECRET_ID, secretKey, endpoint: sb.url });

/** Runs the bin with `args`; resolves { code, stdout, stderr }. `input` goes to stdin. */
export function bin(args, { env = {}, input, onStderr } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => {
      stderr += c;
      onStderr?.(stderr, child);
    });
    child.stdin.end(input ?? '');
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment the bin finds credentials in (as createClient does). */
export const credentialsEnv = (sb) => ({ TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: sb.secretKey, HOME: '/nonexistent' });

/**
 * Whether a process is alive: it exists and is not a zombie (a killed orphan waits for PID 1
 * to reap it, which in a container may take a while or never happen).
 */
export function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
