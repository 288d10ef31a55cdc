// The fault suite's emulator: the bin's own (www/sandbox/http.mjs, in this process, on a free
// port of 127.0.0.1) with fault injection, and the package's client pointed at it. Executions
// are counted from the emulator's own records (sandbox.executions), never from the client.
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { startEmulator, DEMO_CREDENTIALS } from '../../www/sandbox/http.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const tat = await import(pathToFileURL(join(root, 'pkg/index.mjs')).href);
export const DEMO = { secretId: DEMO_CREDENTIALS.secretId, secretKey: DEMO_CREDENTIALS.secretKey };

/** An emulator with `faults` (SPEC) and `seed`; `speed` divides every simulated duration. */
export async function emulator({ faults, seed = 1, speed = 50 } = {}) {
  const started = await startEmulator({ port: 0, tat, speed, faults, seed });
  return {
    ...started,
    /** InstanceId -> how many tasks the account holds for it. */
    executions: () => started.sandbox.executions(DEMO.secretId),
    stop: () => new Promise((resolve) => {
      started.server.closeAllConnections();
      started.server.close(resolve);
    }),
  };
}

/** A client of that emulator (retries a little longer than the default: faults come in runs). */
export const clientOf = (emu, options = {}) => tat.createClient({
  ...DEMO,
  endpoint: emu.url,
  signHost: 'tat.tencentcloudapi.com',
  region: 'ap-guangzhou',
  timeoutMs: 1000,
  ...options,
});

export const ids = (n, prefix = 'ins-bulk') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
