// The fleet example (examples/fleet.mjs) runs a command over 1,000 instances of the sandbox's
// bulk fleet, as a Node user would run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { root, spawnServer } from './helpers.mjs';

test('examples/fleet.mjs: 1,000 instances, 11 requests, every task finished', async () => {
  const server = await spawnServer({ SANDBOX_SPEED: '20' });
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'examples/fleet.mjs')], {
      env: { ...process.env, TAT_ENDPOINT: new URL('api', server.url).href },
      timeout: 120000,
    });
    assert.equal(
      stdout,
      '1000 instances -> 11 RunCommand requests\n1000 tasks finished: 1000 SUCCESS\n',
    );
  } finally {
    await server.stop();
  }
});
