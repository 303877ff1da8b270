/**
 * Test helper for table-driven rule tests: build a layer's arguments from plain JS values and run its
 * rule on input shapes, exactly as the engine does. JS arrays become Python tuples, `null` becomes None.
 */
import { applyRule, type Application } from '../../src/core/infer/apply';
import { bindArguments } from '../../src/core/infer/bind';
import { LayerArgs } from '../../src/core/infer/args';
import { RULES, RULES_ONLY } from '../../src/core/infer/rules';
import type { BoundArgs, LayerObject, PyValue } from '../../src/core/evaluate/values';
import type { LayerRule } from '../../src/core/infer/rules/types';
import type { Shape } from '../../src/core/model';
import { countWeights, type ParamCounts } from '../../src/core/infer/count';

export type JsArg = number | string | boolean | null | readonly JsArg[] | { readonly layer: LayerObject };

export function toPy(value: JsArg): PyValue {
  if (value === null) return { kind: 'none' };
  if (typeof value === 'number') return Number.isInteger(value) ? { kind: 'int', value } : { kind: 'float', value };
  if (typeof value === 'string') return { kind: 'str', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (Array.isArray(value)) return { kind: 'tuple', items: (value as readonly JsArg[]).map(toPy) };
  return { kind: 'layer', layer: (value as { layer: LayerObject }).layer };
}

const zeroSpan = { start: 0, end: 0, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
let nextId = 1;

/** A layer object for wrapper tests: `TimeDistributed(layer('Dense', {units: 5}))`. */
export function layer(className: string, kwargs: Record<string, JsArg> = {}, positional: JsArg[] = []): { layer: LayerObject } {
  const rule = RULES.get(className);
  if (!rule) throw new Error(`no rule for ${className}`);
  const args = bindArguments(rule, positional.map(toPy), new Map(Object.entries(kwargs).map(([k, v]) => [k, toPy(v)])));
  return {
    layer: {
      id: nextId++,
      name: className.toLowerCase(),
      className,
      args,
      span: zeroSpan,
      calleeSpan: zeroSpan,
      trainable: true,
      built: null,
      nodes: [],
      inputShapeArg: null,
      constructionError: null,
      assumption: null,
      variableDtype: 'float32',
    },
  };
}

export interface RunResult extends Application, ParamCounts {}

/** A layer of `className` made with `kwargs` (and positional args): its bound arguments, after `__init__`'s checks. */
export function made(className: string, kwargs: ReadonlyMap<string, PyValue>, positional: JsArg[] = []): { rule: LayerRule; args: BoundArgs } {
  const rule = RULES.get(className);
  if (!rule) throw new Error(`no rule for ${className}`);
  const args = bindArguments(rule, positional.map(toPy), kwargs);
  rule.init?.(new LayerArgs(args, className));
  return { rule, args };
}

/** Makes a layer of `className` with `kwargs` (and optional positional args) and runs its rule on input shapes. Throws as Keras does. */
export function run(className: string, kwargs: Record<string, JsArg>, inputs: Shape[], positional: JsArg[] = []): RunResult {
  const { rule, args } = made(className, new Map(Object.entries(kwargs).map(([k, v]) => [k, toPy(v)])), positional);
  const applied = applyRule(rule, args, inputs, 'layer', RULES_ONLY);
  const counts = countWeights(applied.weights.map((w) => ({ shape: w.shape, trainable: w.trainable ?? true })));
  return { ...applied, ...counts };
}
