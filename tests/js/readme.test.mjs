// The README's Node examples run as written against the installed package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { readmeExample } from './readme.mjs';

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
