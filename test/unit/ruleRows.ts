/**
 * Table-driven rule tests: each row is a layer, its arguments, the input shapes and what Keras 3 gives
 * (output shapes, parameter counts, weight shapes, or the exact error). `checkRows` turns every row into
 * one `node:test` case. Built on `ruleHarness.ts`, adding call keyword arguments (`return_attention_scores=`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRule } from '../../src/core/infer/apply';
import { countWeights } from '../../src/core/infer/count';
import { RULES_ONLY } from '../../src/core/infer/rules';
import { KerasError, UnknownArgument } from '../../src/core/infer/rules/types';
import { formatShape } from '../../src/core/evaluate/values';
import type { Shape } from '../../src/core/model';
import { made, toPy, type JsArg, type RunResult } from './ruleHarness';

export interface Row {
  /** Overrides the generated test name. */
  readonly title?: string;
  readonly layer: string;
  readonly kwargs?: Record<string, JsArg>;
  readonly positional?: JsArg[];
  /** Keyword arguments of the call, e.g. `{ return_attention_scores: true }`. */
  readonly call?: Record<string, JsArg>;
  readonly inputs: Shape[];
  /** Expected output shapes; several means the rule returns a list. */
  readonly outputs?: Shape[];
  readonly params?: number | null;
  readonly trainable?: number | null;
  readonly nonTrainable?: number | null;
  /** Expected weights in build order: `[name, shape]`. */
  readonly weights?: [string, Shape][];
  /** Keras' exact message (string) or a pattern. */
  readonly error?: string | RegExp;
  /** The argument an `UnknownArgument` names. */
  readonly unknown?: string;
}

const kwargsOf = (values: Record<string, JsArg> = {}) => new Map(Object.entries(values).map(([k, v]) => [k, toPy(v)]));

/** Runs a layer as the engine does, with call keyword arguments. Throws as the rule does. */
export function runWithCall(
  className: string,
  kwargs: Record<string, JsArg>,
  inputs: Shape[],
  call: Record<string, JsArg> = {},
  positional: JsArg[] = [],
): RunResult {
  const { rule, args } = made(className, kwargsOf(kwargs), positional);
  const applied = applyRule(rule, args, inputs, 'layer', RULES_ONLY, kwargsOf(call));
  const counts = countWeights(applied.weights.map((w) => ({ shape: w.shape, trainable: w.trainable ?? true })));
  return { ...applied, ...counts };
}

/** An argument as Python source, roughly: layers by class, tuples in brackets. */
function argText(value: JsArg): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `(${(value as readonly JsArg[]).map(argText).join(', ')})`;
  return `${(value as { layer: { className: string } }).layer.className}(…)`;
}

function describe(row: Row): string {
  if (row.title) return row.title;
  const args = [...(row.positional ?? []).map(argText), ...Object.entries(row.kwargs ?? {}).map(([k, v]) => `${k}=${argText(v)}`)];
  const call = Object.entries(row.call ?? {}).map(([k, v]) => `, ${k}=${argText(v)}`).join('');
  const result = row.error ? 'raises' : row.unknown ? `unknown ${row.unknown}` : (row.outputs ?? []).map(formatShape).join(' + ');
  return `${row.layer}(${args.join(', ')}) on ${row.inputs.map(formatShape).join(', ')}${call} → ${result}`;
}

export function checkRow(row: Row): void {
  const go = () => runWithCall(row.layer, row.kwargs ?? {}, row.inputs, row.call ?? {}, row.positional ?? []);
  if (row.error !== undefined) {
    assert.throws(go, (error: unknown) => {
      assert.ok(error instanceof KerasError, `expected a KerasError, got ${String(error)}`);
      if (typeof row.error === 'string') assert.equal(error.message, row.error);
      else assert.match(error.message, row.error as RegExp);
      return true;
    });
    return;
  }
  if (row.unknown !== undefined) {
    assert.throws(go, (error: unknown) => error instanceof UnknownArgument && error.argName === row.unknown);
    return;
  }
  const result = go();
  if (row.outputs) {
    assert.deepEqual(result.outputs, row.outputs);
    assert.equal(result.multipleOutputs, row.outputs.length > 1, 'multipleOutputs');
  }
  if (row.params !== undefined) assert.equal(result.params, row.params, 'params');
  if (row.trainable !== undefined) assert.equal(result.trainable, row.trainable, 'trainable');
  if (row.nonTrainable !== undefined) assert.equal(result.nonTrainable, row.nonTrainable, 'non-trainable');
  if (row.weights) {
    assert.deepEqual(
      result.weights.map((w) => [w.name, w.shape]),
      row.weights,
    );
  }
  assert.ok(row.outputs || row.params !== undefined || row.weights, 'a row must expect something');
}

/** One test per row. */
export function checkRows(rows: readonly Row[]): void {
  for (const row of rows) test(describe(row), () => checkRow(row));
}
