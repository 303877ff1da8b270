import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './ruleHarness';

test('Dense maps the last axis only', () => {
  assert.deepEqual(run('Dense', { units: 4 }, [[null, 784]]).outputs, [[null, 4]]);
  const r = run('Dense', { units: 4 }, [[null, 784, 1]]);
  assert.deepEqual(r.outputs, [[null, 784, 4]]);
  assert.equal(r.params, 8);
  assert.equal(run('Dense', { units: 4 }, [[null, 784]]).params, 3140);
  assert.equal(run('Dense', { units: 4, use_bias: false }, [[null, 784]]).params, 3136);
});

test('Dense rejects a rank-1 input and an undefined last axis', () => {
  assert.throws(() => run('Dense', { units: 4 }, [[null]]), /expected min_ndim=2/);
  assert.throws(() => run('Dense', { units: 4 }, [[null, null]]), /fully-defined/);
});
