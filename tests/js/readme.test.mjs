// The README's Node examples run as written against the installed package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readmeExample } from './readme.mjs';
import { startSandbox, DEMO } from './sandbox.mjs';

const run = (file, code) => {
  writeFileSync(file, code);
  const env = { ...process.env };
  delete env.TENCENTCLOUD_SECRET_KEY; // never send anything from a test
  return execFileSync(process.execPath, [file], { encoding: 'utf8', env });
};

test('README Node ESM example', () => {
  assert.equal(run('readme-example.mjs', readmeExample('node-esm')), 'POST https://tat.tencentcloudapi.com/ RunCommand\n');
});

test('README Node CommonJS example', () => {
  assert.equal(run('readme-example.cjs', readmeExample('node-cjs')), 'false Timeout InvalidParameterValue.Range\nInstanceIds[0] InvalidParameterValue.InvalidInstanceId\ntrue\n');
});

test('README Node client example: a fleet run against the sandbox, credentials from the environment', { timeout: 60000 }, async () => {
  writeFileSync('readme-client.mjs', readmeExample('node-client'));
  const sandbox = await startSandbox({ SANDBOX_SPEED: '10' });
  const home = mkdtempSync(join(tmpdir(), 'tat-home-'));
  try {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TENCENTCLOUD_')));
    const env = { ...clean, HOME: home, TAT_ENDPOINT: sandbox.api, TENCENTCLOUD_SECRET_ID: DEMO.secretId, TENCENTCLOUD_SECRET_KEY: DEMO.secretKey };
    const { stdout } = await promisify(execFile)(process.execPath, ['readme-client.mjs'], { env, encoding: 'utf8' });
    assert.equal(stdout, '3 requests, 250 tasks: { SUCCESS: 250 }\nins-bulk0000 simulated result: exit code 0\n');
  } finally {
    rmSync(home, { recursive: true, force: true });
    await sandbox.stop();
  }
});
