/**
 * Keras' masks (`_keras_mask`), as `Layer.__call__` handles them: the mask of a call's first input is the
 * `previous_mask`; a layer whose `call` takes `mask=` is given it, which makes the mask one of its node's inputs
 * (a "Connected to" entry) when the call was one tensor alone (otherwise `__call__` has copied the keyword
 * arguments the node keeps before adding `mask`); and a layer that supports masking attaches `compute_mask`'s
 * result to its outputs.
 * Masks are tensors of the graph like any other: the operations that compute one (`Embedding(mask_zero=True)`'s
 * `not_equal`) are rows of a functional model and take names. Inside a user layer's `call` (backend
 * placeholders) there are none. Layers not listed here do not support masking: the mask stops there. A user
 * layer's masks (its `compute_mask`, `supports_masking`, a `call` taking `mask=`) are `extract/subclassing.ts`'s.
 */
import type { Shape, Span } from '../model';
import type { LayerObject, ModelObject, PyValue, TensorObject } from '../evaluate/values';
import { newLayerObject, recordNode } from './layers';
import { autoName, type AnalysisState } from './state';
import { normalizeAxis } from './dims';

/** How a layer's output mask follows from its inputs' (its `compute_mask`). */
type MaskOutput =
  /** The default `compute_mask`: the first input's mask, unchanged. */
  | 'pass'
  /** Recurrent layers: the mask of the sequence, kept only with `return_sequences`. */
  | 'sequences'
  /** `Embedding(mask_zero=True)`: `ops.not_equal(inputs, 0)`. */
  | 'not-equal-zero'
  /** `Masking`: `ops.any(ops.not_equal(inputs, mask_value), axis=-1)`. */
  | 'masking'
  /** `Add`, `Multiply`...: the masks joined by `logical_or` when every input has one. */
  | 'merge'
  /** `Concatenate`: every input's mask (or all ones) concatenated, then `any` over the last axis. */
  | 'concatenate'
  /** A `compute_mask` that returns None. */
  | 'none';

interface Masking {
  readonly output: MaskOutput;
  /** Whether `call` takes `mask=`. */
  readonly takesMask?: true;
}

const RECURRENT: Masking = { output: 'sequences', takesMask: true };
const PASS: Masking = { output: 'pass' };

const MASKING: ReadonlyMap<string, Masking> = new Map<string, Masking>([
  ...['SimpleRNN', 'LSTM', 'GRU', 'RNN', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D', 'Bidirectional'].map((name): [string, Masking] => [name, RECURRENT]),
  ...['TimeDistributed', 'Softmax', 'BatchNormalization'].map((name): [string, Masking] => [name, { output: 'pass', takesMask: true }]),
  ...[
    'Dense', 'Dropout', 'Activation', 'LayerNormalization', 'GroupNormalization', 'UnitNormalization', 'LeakyReLU', 'ReLU',
    'PReLU', 'ELU', 'Rescaling', 'Normalization', 'AlphaDropout', 'GaussianDropout', 'GaussianNoise',
    'ActivityRegularization', 'Identity', 'MultiHeadAttention', 'GroupQueryAttention', 'Attention', 'AdditiveAttention',
  ].map((name): [string, Masking] => [name, PASS]),
  ...['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'].map((name): [string, Masking] => [name, { output: 'merge' }]),
  ['Concatenate', { output: 'concatenate' }],
  ['Dot', { output: 'none' }],
  ['GlobalAveragePooling1D', { output: 'none', takesMask: true }],
  ['Lambda', { output: 'none', takesMask: true }],
  ['Embedding', { output: 'not-equal-zero' }],
  ['Masking', { output: 'masking' }],
]);

/**
 * The mask a call of `layer` takes as an input of its node: its one tensor's, for a call given that tensor
 * alone (`alone`); none inside a user layer's `call`.
 */
export function maskInput(state: AnalysisState, layer: LayerObject, inputs: readonly TensorObject[], alone: boolean): TensorObject | undefined {
  if (!alone || inputs.length !== 1 || state.layerCalls > 0 || !MASKING.get(layer.className)?.takesMask) return undefined;
  return inputs[0].mask;
}

/**
 * The masks a model used as a layer is given (`Layer.__call__` step 6: `Functional.call` and `Sequential.call`
 * take `mask=`) when its inputs are its call's one tensor argument, which its node keeps: always for a
 * functional model (`_convert_input_args = False`, its keyword arguments are never copied), for a Sequential
 * model only when called on one tensor `alone`.
 */
export function modelMaskInputs(state: AnalysisState, model: ModelObject, inputs: readonly TensorObject[], alone: boolean): TensorObject[] {
  const kind = model.state.kind;
  if (state.layerCalls > 0 || kind === 'subclassed' || (kind === 'sequential' && !alone)) return [];
  const masks: TensorObject[] = [];
  for (const input of inputs) if (input.mask) masks.push(input.mask);
  return masks;
}

/** Attaches to the outputs of a call the mask `compute_mask` gives them, recording the operations that make it. */
export function attachMasks(state: AnalysisState, layer: LayerObject, inputs: readonly TensorObject[], outputs: readonly TensorObject[]): void {
  const output = MASKING.get(layer.className)?.output;
  if (!output || state.layerCalls > 0 || outputs.length === 0) return;
  const mask = outputMask(state, layer, output, inputs);
  if (mask) outputs[0].mask = mask;
}

function outputMask(state: AnalysisState, layer: LayerObject, output: MaskOutput, inputs: readonly TensorObject[]): TensorObject | undefined {
  // Most layers pass the mask on (or have none to pass): they need no operations, nor the closure (and the
  // context it captures, made on entry to the function that holds it) the others use.
  if (output === 'pass') return inputs[0]?.mask;
  if (output === 'sequences') return returnsSequences(layer) ? inputs[0]?.mask : undefined;
  return computedMask(state, layer, output, inputs);
}

function computedMask(state: AnalysisState, layer: LayerObject, output: MaskOutput, inputs: readonly TensorObject[]): TensorObject | undefined {
  const first = inputs[0];
  const op = (className: string, operands: readonly TensorObject[], shape: Shape | null) => implicitOp(state, className, operands, shape, layer.span);
  switch (output) {
    case 'not-equal-zero':
      return isTrue(layer.args.get('mask_zero')) && first ? op('NotEqual', [first], first.shape) : undefined;
    case 'masking':
      return first ? op('Any', [op('NotEqual', [first], first.shape)], first.shape && first.shape.slice(0, -1)) : undefined;
    case 'merge': {
      const masks = inputs.map((input) => input.mask);
      if (masks.length === 0 || masks.some((m) => !m)) return undefined;
      return (masks as TensorObject[]).reduce((joined, mask) => op('LogicalOr', [joined, mask], joined.shape));
    }
    case 'concatenate':
      return concatenatedMask(layer, inputs, op);
    case 'none':
      return undefined;
  }
}

/** Keras' `Concatenate.compute_mask`, operation by operation, in its order. */
function concatenatedMask(
  layer: LayerObject,
  inputs: readonly TensorObject[],
  op: (className: string, operands: readonly TensorObject[], shape: Shape | null) => TensorObject,
): TensorObject | undefined {
  if (inputs.every((input) => !input.mask)) return undefined;
  const masks = inputs.map((input) => {
    const mask = input.mask;
    if (!mask) return op('OnesLike', [input], input.shape);
    if (!mask.shape || !input.shape || mask.shape.length >= input.shape.length) return mask;
    // A mask of fewer axes is widened to its input's shape by `logical_or` with `zeros_like(input)`.
    const expanded = op('ExpandDims', [mask], [...mask.shape, 1]);
    const zeros = op('ZerosLike', [input], input.shape);
    return op('LogicalOr', [expanded, zeros], input.shape);
  });
  const axisValue = layer.args.get('axis');
  const shapes = masks.map((mask) => mask.shape);
  let joined: Shape | null = null;
  if (shapes.every((shape): shape is Shape => shape !== null) && axisValue?.kind === 'int') {
    const axis = normalizeAxis(axisValue.value, shapes[0].length);
    const sizes = shapes.map((shape) => shape[axis]);
    const total = sizes.every((size): size is number => typeof size === 'number') ? sizes.reduce((a, b) => a + b, 0) : null;
    joined = shapes[0].map((d, i) => (i === axis ? total : d));
  }
  const concatenated = op('Concatenate', masks, joined);
  return op('Any', [concatenated], joined && joined.slice(0, -1));
}

/** An operation Keras runs on symbolic tensors while computing a mask: a row of its own, named by its class. */
function implicitOp(state: AnalysisState, className: string, operands: readonly TensorObject[], shape: Shape | null, span: Span): TensorObject {
  const op = newLayerObject(state, className, autoName(state, className), new Map(), { span, calleeSpan: span, keywordSpans: new Map() }, { operation: true });
  op.built = { inputShape: null, weights: [] };
  return recordNode(op, operands.filter((t) => t.source !== null), [shape], false).outputs[0];
}

function returnsSequences(layer: LayerObject): boolean {
  // A Bidirectional layer returns sequences as the layer it wraps does.
  const wrapped = layer.className === 'Bidirectional' ? layer.args.get('layer') : undefined;
  const args = wrapped?.kind === 'layer' ? wrapped.layer.args : layer.args;
  return isTrue(args.get('return_sequences'));
}

const isTrue = (value: PyValue | undefined): boolean => value?.kind === 'bool' && value.value;
