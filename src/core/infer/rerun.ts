/**
 * A model called on inputs more specific than those it was built on (`Input((None, None, 3))`, called on an
 * `(8, 8, 3)` tensor): Keras runs its graph again on the new inputs (`Functional._run_through_graph`), so
 * every shape is computed anew from them, while the weights stay those already built. Here each layer's rule
 * runs again on the new shapes, in the graph's order. What a rule cannot redo alone (a user layer's `call`, a
 * Lambda's function, a `keras.ops` call, a layer called with extra tensors or call arguments) gives up, and
 * the caller keeps the shapes the model was built with.
 */
import type { Shape } from '../model';
import type { FunctionalState, LayerObject, ModelObject, SequentialState, TensorObject } from '../evaluate/values';
import { applyRule } from './apply';
import { RULES } from './rules';
import { KerasError, UnknownArgument } from './rules/types';

/** The new output shapes, Keras' error where running the graph again raises, or null where it cannot be redone. */
export type Rerun = { readonly shapes: readonly Shape[] } | { readonly error: string } | null;

export function rerunModel(model: ModelObject, inputs: readonly Shape[]): Rerun {
  const s = model.state;
  if (s.kind === 'functional') return rerunFunctional(s, inputs);
  if (s.kind === 'sequential') return rerunSequential(s, inputs);
  return null;
}

function rerunFunctional(s: FunctionalState, inputs: readonly Shape[]): Rerun {
  if (inputs.length !== s.inputs.length) return null;
  const shapes = new Map<TensorObject, Shape>();
  s.inputs.forEach((tensor, i) => shapes.set(tensor, inputs[i]));
  // Deepest first: from the inputs towards the outputs.
  for (const group of s.nodesByDepth) {
    for (const node of group) {
      if (node.layer.className === 'InputLayer') continue;
      const given = node.inputs.map((tensor) => shapes.get(tensor));
      if (given.some((shape) => shape === undefined)) return null;
      const outcome = rerunLayer(node.layer, given as Shape[]);
      if (!outcome || 'error' in outcome) return outcome;
      if (outcome.shapes.length !== node.outputs.length) return null;
      node.outputs.forEach((tensor, i) => shapes.set(tensor, outcome.shapes[i]));
    }
  }
  const outputs = s.outputs.map((tensor) => shapes.get(tensor));
  return outputs.every((shape) => shape !== undefined) ? { shapes: outputs as Shape[] } : null;
}

function rerunSequential(s: SequentialState, inputs: readonly Shape[]): Rerun {
  let current: readonly Shape[] = inputs;
  for (const entry of s.entries) {
    const outcome = rerunLayer(entry.layer, current);
    if (!outcome || 'error' in outcome) return outcome;
    current = outcome.shapes;
  }
  return { shapes: current };
}

function rerunLayer(layer: LayerObject, inputs: readonly Shape[]): Rerun {
  if (layer.model) return rerunModel(layer.model, inputs);
  const rule = layer.instance || layer.operation || layer.className === 'Lambda' ? undefined : RULES.get(layer.className);
  // A single-input layer given more: keyword tensors (`initial_state=`, a mask) ride along in its node.
  if (!rule || ((rule.call ?? 'single') === 'single' && inputs.length !== 1) || (rule.call === 'multi' && inputs.length > (rule.tensorArgs?.length ?? 1))) return null;
  try {
    return { shapes: applyRule(rule, layer.args, inputs, layer.name, (name) => RULES.get(name)).outputs };
  } catch (error) {
    if (error instanceof UnknownArgument) return null;
    if (error instanceof KerasError) return { error: error.message };
    throw error;
  }
}
