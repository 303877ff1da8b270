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

/**
 * A rule with every field present, in one order. The engine reads a rule's fields for every layer, and rules
 * written with only the fields they need have nearly as many shapes as there are rules: V8 then reads each
 * field through its slow, megamorphic path. The type lists every field, so a new one cannot be forgotten here.
 */
function uniform(rule: LayerRule): LayerRule {
  const full: { readonly [K in keyof Required<LayerRule>]: LayerRule[K] } = {
    className: rule.className,
    family: rule.family,
    params: rule.params,
    moreKeywords: rule.moreKeywords,
    noKwargs: rule.noKwargs,
    call: rule.call,
    singleTensor: rule.singleTensor,
    cellStates: rule.cellStates,
    tensorArgs: rule.tensorArgs,
    functionForm: rule.functionForm,
    functionParams: rule.functionParams,
    inputSpec: rule.inputSpec,
    shapesAnyRank: rule.shapesAnyRank,
    init: rule.init,
    outputShape: rule.outputShape,
    wraps: rule.wraps,
    sharesWrapped: rule.sharesWrapped,
    specAxis: rule.specAxis,
    weights: rule.weights,
    explain: rule.explain,
    sublayers: rule.sublayers,
    builtAtInit: rule.builtAtInit,
  };
  return full;
}

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
].map(uniform);

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
