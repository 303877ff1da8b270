/**
 * A model called on inputs more specific than those it was built on (`Input((None, None, 3))`, called on an
 * `(8, 8, 3)` tensor): Keras runs its graph again on the new inputs (`Functional._run_through_graph`), so
 * every shape is computed anew from them, while the weights stay those already built. Here each layer's rule
 * runs again on the new shapes, in the graph's order. What a rule cannot redo alone (a user layer's `call`, a
 * Lambda's function, a `keras.ops` call, a layer called with extra tensors or call arguments) gives up, and
 * the caller keeps the shapes the model was built with.
 */
import type { Shape } from '../model';
import { formatShape, keyValue, repr, type FunctionalState, type LayerObject, type ModelObject, type PyValue, type SequentialState, type TensorObject } from '../evaluate/values';
import { applyRule, fitsInputSpec, inputSpecOf } from './apply';
import { LayerArgs } from './args';
import { RULES, RULES_ONLY } from './rules';
import { KerasError, UnknownArgument } from './rules/types';

/** The new output shapes, Keras' error where running the graph again raises, or null where it cannot be redone. */
export type Rerun = { readonly shapes: readonly Shape[] } | { readonly error: string } | null;

export function rerunModel(model: ModelObject, inputs: readonly Shape[]): Rerun {
  const error = modelInputError(model, inputs.length === 1 ? inputs[0] : null);
  if (error) return { error };
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
  // Keras checks no input spec here; a rule shapes a rank its spec refuses as Keras does only where it says so.
  if (!rule.shapesAnyRank && !fitsInputSpec(inputSpecOf(rule, new LayerArgs(layer.args, rule.className)), inputs[0])) return null;
  try {
    return { shapes: applyRule(rule, layer.args, inputs, layer.name, RULES_ONLY, undefined, layer.name, 'rerun').outputs };
  } catch (error) {
    if (error instanceof UnknownArgument) return null;
    if (error instanceof KerasError) return { error: error.message };
    throw error;
  }
}

const withoutTrailingOne = (shape: Shape): Shape => (shape.length > 0 && shape[shape.length - 1] === 1 ? shape.slice(0, -1) : shape);

/**
 * Keras' check of a model's input when it is called (`assert_input_compatibility` with the `input_spec` of
 * keras/src/models/functional.py: the reference shape with a free batch axis, `allow_last_axis_squeeze=True`):
 * a trailing axis of 1 is dropped from both, then every size known on both sides must agree. The ranks may
 * differ, Keras then runs the graph on the new shape. A Sequential model is checked by the Functional model it
 * built its chain into. Only models of one input are checked here (`listedInputs` checks a call of a model of
 * several); null when the input fits or is not known. `compute_output_shape` checks the same, and so does a
 * wrapper running the model (`TimeDistributed(model)`).
 */
export function modelInputError(model: ModelObject, given: Shape | null): string | null {
  const s = model.state;
  const reference = s.kind === 'functional' ? (s.inputs.length === 1 ? s.inputs[0] : null) : s.kind === 'sequential' ? s.input : null;
  const checker = s.kind === 'functional' ? model.name : s.kind === 'sequential' ? s.functionalName : null;
  if (!reference || !given || checker === null) return null;
  return inputSpecError(0, reference, given, checker);
}

/** One input's check against the model input it is given for (see `modelInputError`). */
function inputSpecError(index: number, reference: TensorObject, given: Shape, checker: string): string | null {
  if (!reference.shape) return null;
  const expected: Shape = [null, ...reference.shape.slice(1)];
  const spec = withoutTrailingOne(expected);
  const found = withoutTrailingOne(given);
  for (let i = 0; i < Math.min(spec.length, found.length); i++) {
    const [want, got] = [spec[i], found[i]];
    if (typeof want === 'number' && typeof got === 'number' && want !== got) {
      const inputName = reference.source?.layer.name ?? 'None';
      return `Input ${index} with name '${inputName}' of layer '${checker}' is incompatible with the layer: expected shape=${formatShape(expected)}, found shape=${formatShape(found)}`;
    }
  }
  return null;
}

/**
 * A call of a model built from a list of several inputs (`Model([a, b], ...)`, `FunctionalState.inputsListed`)
 * as Keras' input spec checks it: given a list or tuple of tensors, or one tensor, by position; given a dict,
 * by the inputs' names, whatever its order. Keras' error for a missing key, a count that differs, or the first
 * input whose shape does not fit; else the tensors in the model's order. Null for any other call, or a model of
 * another kind: those are not checked here.
 */
export function listedInputs(model: ModelObject, given: PyValue): { readonly tensors: TensorObject[] } | { readonly error: string } | null {
  const s = model.state;
  if (s.kind !== 'functional' || !s.inputsListed) return null;
  const names = s.inputs.map((input) => input.source?.layer.name);
  if (names.some((name) => name === undefined)) return null;
  const keys = `[${names.map((name) => `'${name}'`).join(', ')}]`;
  let items: readonly PyValue[];
  if (given.kind === 'dict') {
    const picked: PyValue[] = [];
    for (const name of names as string[]) {
      const value = given.entries.get(name);
      if (value === undefined) {
        const passed = [...given.entries.keys()].map((key) => repr(keyValue(key))).join(', ');
        return { error: `Missing data for input "${name}". You passed a data dictionary with keys [${passed}]. Expected the following keys: ${keys}` };
      }
      picked.push(value);
    }
    items = picked;
  } else if (given.kind === 'list' || given.kind === 'tuple') {
    items = given.items;
  } else if (given.kind === 'tensor') {
    items = [given];
  } else {
    return null;
  }
  const tensors = items.map((item) => (item.kind === 'tensor' ? item.tensor : null));
  if (tensors.some((tensor) => tensor === null)) return null;
  if (tensors.length !== names.length) {
    const example = (names as string[]).map((name) => `'${name}': ...`).join(', ');
    return { error: `Layer "${model.name}" expects ${names.length} named input(s) with keys ${keys}, but it received ${tensors.length} input tensors. Pass inputs as a dict, e.g. \`layer({${example}})\`.` };
  }
  for (let i = 0; i < tensors.length; i++) {
    const shape = (tensors[i] as TensorObject).shape;
    const error = shape ? inputSpecError(i, s.inputs[i], shape, model.name) : null;
    if (error) return { error };
  }
  return { tensors: tensors as TensorObject[] };
}
