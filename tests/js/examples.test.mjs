// The official API description's examples through the installed package (issue 13): every
// request example validates without an error or a warning under both rule sets, and every
// answer example parses with parseResponse. examples.json is downloaded (pinned) by
// scripts/fetch-api.sh, which `make test` runs before these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tat from 'tat-request';

const root = process.env.TAT_ROOT;
const api = join(root, execFileSync(join(root, 'scripts/fetch-api.sh'), { cwd: root, encoding: 'utf8' }).trim());
const { actions } = JSON.parse(readFileSync(join(dirname(api), 'examples.json'), 'utf8'));
const examples = Object.entries(actions).flatMap(([action, list]) => list.map((e) => ({ action, ...e })));

test('35 request examples over 29 actions: valid, nothing suspected, under seed and latest', () => {
  assert.equal(examples.length, 35);
  for (const { action, input } of examples) {
    const params = JSON.parse(input.slice(input.indexOf('\n\n') + 2));
    for (const rules of ['seed', 'latest']) {
      const r = tat.validate(action, params, { rules });
      assert.deepEqual(r, { valid: true, errors: [], warnings: [] }, `${action} (${rules})`);
    }
  }
});

test('every answer example parses, with its RequestId', () => {
  for (const { action, output } of examples) {
    const data = tat.parseResponse(output);
    assert.equal(data.RequestId, JSON.parse(output).Response.RequestId, action);
  }
});
