/**
 * Registry-wide checks on every rule of every family: each has a hover explanation and its own class name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../src/core/infer/rules';

test('every rule explains itself in words', () => {
  const silent = ALL_RULES.filter((rule) => rule.explain.trim() === '').map((rule) => rule.className);
  assert.deepEqual(silent, []);
});

test('no class name is registered twice', () => {
  const seen = new Set<string>();
  const duplicated = ALL_RULES.map((rule) => rule.className).filter((name) => seen.has(name) || !seen.add(name));
  assert.deepEqual(duplicated, []);
});
