// The same package through require() in CommonJS: no init step.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const tat = require('tat-request');

test('require("tat-request") works with no init call', () => {
  assert.deepEqual(tat.validateRunCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }), { valid: true, errors: [], warnings: [] });
  assert.equal(tat.describeTaskStatus('RUNNING').label, 'Executing');
  assert.equal(tat.encodeContent('whoami'), 'd2hvYW1p');
  assert.equal(typeof tat.buildRequest, 'function');
  assert.equal(typeof tat.init, 'function');
});
