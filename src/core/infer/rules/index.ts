/**
 * The registry: the one place a layer rule is added. Keyed by Keras class name.
 */
import type { LayerRule } from './types';
import { coreRules } from './core';

export const ALL_RULES: readonly LayerRule[] = [...coreRules];

export const RULES: ReadonlyMap<string, LayerRule> = new Map(ALL_RULES.map((rule) => [rule.className, rule]));

/** Function forms (`concatenate`, `add`, ...) to the class they build. */
export const FUNCTION_FORMS: ReadonlyMap<string, LayerRule> = new Map(
  ALL_RULES.filter((rule) => rule.functionForm !== undefined).map((rule) => [rule.functionForm as string, rule]),
);
