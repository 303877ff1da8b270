/**
 * The registry: the one place a layer rule is added. Keyed by Keras class name.
 */
import type { LayerRule } from './types';
import type { RuleLookup } from '../apply';
import { activationsRules } from './activations';
import { attentionRules } from './attention';
import { audioRules } from './audio';
import { augmentationRules } from './augmentation';
import { convolutionalAliases, convolutionalRules } from './convolutional';
import { coreRules } from './core';
import { mergingRules } from './merging';
import { normalizationRules } from './normalization';
import { poolingAliases, poolingRules } from './pooling';
import { preprocessingRules } from './preprocessing';
import { recurrentRules } from './recurrent';
import { regularizationRules } from './regularization';
import { reshapingRules } from './reshaping';

export const ALL_RULES: readonly LayerRule[] = [
  ...coreRules,
  ...convolutionalRules,
  ...poolingRules,
  ...recurrentRules,
  ...attentionRules,
  ...normalizationRules,
  ...regularizationRules,
  ...reshapingRules,
  ...mergingRules,
  ...activationsRules,
  ...preprocessingRules,
  ...augmentationRules,
  ...audioRules,
];

export const RULES: ReadonlyMap<string, LayerRule> = new Map(ALL_RULES.map((rule) => [rule.className, rule]));

/** The rules alone, for a layer applied where no interpreter runs (a user's cell is then unknown). */
export const RULES_ONLY: RuleLookup = { rule: (className) => RULES.get(className) };

/** Function forms (`concatenate`, `add`, ...) to the class they build. */
export const FUNCTION_FORMS: ReadonlyMap<string, LayerRule> = new Map(
  ALL_RULES.filter((rule) => rule.functionForm !== undefined).map((rule) => [rule.functionForm as string, rule]),
);

/**
 * Other names Keras exports for the same classes (`Convolution2D`, `MaxPool2D`, `GroupQueryAttention`);
 * the summary always shows the real class name.
 */
export const LAYER_ALIASES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(convolutionalAliases),
  ...Object.entries(poolingAliases),
  ['GroupQueryAttention', 'GroupedQueryAttention'],
]);
