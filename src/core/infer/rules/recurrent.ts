/**
 * Recurrent layers (`keras/src/layers/rnn/`): SimpleRNN, LSTM and GRU with their cells, the generic RNN
 * over built-in cells, ConvLSTM1D/2D/3D, and the wrappers Bidirectional and TimeDistributed, which apply
 * the layer they wrap through `ctx.nested`. The sequence length never changes a weight.
 */
import type { Dim, Shape } from '../../model';
import { floatRepr, formatShape, repr, type LayerObject } from '../../evaluate/values';
import { LayerArgs } from '../args';
import {
  channelDim,
  convOutputShape,
  dataFormatOf,
  dimMul,
  floatDimensionError,
  spatialDims,
  standardizePadding,
  standardizeTuple,
} from '../dims';
import { defined } from './core';
import { KerasError, UnknownArgument, type InputSpec, type LayerRule, type NestedResult, type Param, type WeightSpec } from './types';

// ---------------------------------------------------------------------------------------------------------
// Parameter lists, assembled in each class's own positional order.

const param = (name: string, value?: string): Param => (value === undefined ? { name } : { name, default: value });

const INITIALIZERS = [
  param('kernel_initializer', "'glorot_uniform'"),
  param('recurrent_initializer', "'orthogonal'"),
  param('bias_initializer', "'zeros'"),
];
const REGULARIZERS = [param('kernel_regularizer', 'None'), param('recurrent_regularizer', 'None'), param('bias_regularizer', 'None')];
const CONSTRAINTS = [param('kernel_constraint', 'None'), param('recurrent_constraint', 'None'), param('bias_constraint', 'None')];
const DROPOUTS = [param('dropout', '0.0'), param('recurrent_dropout', '0.0')];
const ACTIVITY = param('activity_regularizer', 'None');
const SEED = param('seed', 'None');
const RETURNS = [param('return_sequences', 'False'), param('return_state', 'False'), param('go_backwards', 'False'), param('stateful', 'False')];
const UNROLL = param('unroll', 'False');
const USE_CUDNN = param('use_cudnn', "'auto'");
const ACTIVATIONS = [param('activation', "'tanh'"), param('recurrent_activation', "'sigmoid'")];

// ---------------------------------------------------------------------------------------------------------
// The three classic cells.

/** What tells SimpleRNNCell, LSTMCell and GRUCell apart: gates, states, bias shape. */
interface CellKind {
  readonly cellClass: string;
  /** The cell sublayer's name inside its layer, as in Keras' weight paths (`lstm/lstm_cell/kernel`). */
  readonly cellName: string;
  readonly gates: number;
  readonly states: number;
  readonly bias: (units: Dim, args: LayerArgs) => Shape;
}

const SIMPLE_RNN: CellKind = { cellClass: 'SimpleRNNCell', cellName: 'simple_rnn_cell', gates: 1, states: 1, bias: (u) => [u] };
// LSTMCell.build: input, forget, cell and output gates side by side.
const LSTM: CellKind = { cellClass: 'LSTMCell', cellName: 'lstm_cell', gates: 4, states: 2, bias: (u) => [dimMul(4, u)] };
// GRUCell.build: reset_after keeps separate input and recurrent biases, shape (2, 3u).
const GRU: CellKind = {
  cellClass: 'GRUCell',
  cellName: 'gru_cell',
  gates: 3,
  states: 1,
  bias: (u, args) => (args.bool('reset_after') ? [2, dimMul(3, u)] : [dimMul(3, u)]),
};

function checkUnits(args: LayerArgs): void {
  const units = args.value('units');
  if ((units.kind === 'int' || units.kind === 'float') && units.value <= 0) {
    throw new KerasError(`Received an invalid value for argument \`units\`, expected a positive integer, got ${units.value}.`);
  }
}

/** The cell's `build(step_input_shape)`: kernel (d, g·u), recurrent_kernel (u, g·u), bias. */
function cellWeights(kind: CellKind, inputDim: Dim, args: LayerArgs): WeightSpec[] {
  const units = args.int('units');
  return [
    { name: 'kernel', shape: [inputDim, dimMul(kind.gates, units)] },
    { name: 'recurrent_kernel', shape: [units, dimMul(kind.gates, units)] },
    ...(args.bool('use_bias') ? [{ name: 'bias', shape: kind.bias(units, args) }] : []),
  ];
}

/**
 * A float `units` passes the cell's check, then RNN.__init__ refuses a cell whose `state_size` (its `units`, for
 * SimpleRNN and GRU) is not an int, a list or a tuple. LSTM's is a list, `[units, units]`: it gets as far as building.
 */
function checkStateSize(kind: CellKind, args: LayerArgs): void {
  if (kind.states === 1 && args.value('units').kind === 'float') {
    throw new KerasError('state_size must be an integer, or a list/tuple of integers (one for each state tensor).');
  }
}

/** A float `units` reaches the cell's `add_weight`, which refuses its kernel's shape, `(d, gates·units)`. */
function checkKernelShape(kind: CellKind, inputDim: Dim, args: LayerArgs): void {
  const units = args.value('units');
  if (units.kind !== 'float') return;
  const size = floatRepr(kind.gates * units.value);
  throw floatDimensionError([String(inputDim ?? 'None'), size], size);
}

/** LSTM and GRU refuse a `use_cudnn` other than 'auto', True or False. */
function checkUseCudnn(args: LayerArgs): void {
  const value = args.value('use_cudnn');
  const allowed = value.kind === 'bool' || value.kind === 'unknown' || (value.kind === 'str' && value.value === 'auto');
  if (!args.has('use_cudnn') || allowed) return;
  throw new KerasError(
    `Invalid valid received for argument \`use_cudnn\`. Expected one of {'auto', True, False}. Received: use_cudnn=${value.kind === 'str' ? value.value : repr(value)}`,
  );
}

/** RNN.build: a stateful RNN keeps its states in variables, which need a known batch size. */
function checkStateful(args: LayerArgs, sequences: Shape): void {
  if (args.bool('stateful') && sequences[0] === null) {
    throw new KerasError(
      `When using \`stateful=True\` in a RNN, the batch size must be static. Found dynamic batch size: sequence.shape=${formatShape(sequences)}`,
    );
  }
}

/** RNN.compute_output_shape: the last output or all of them, then one `(batch, size)` per state. */
function rnnOutputs(args: LayerArgs, sequences: Shape, outputSize: Dim, stateSizes: readonly Dim[]): Shape | Shape[] {
  const [batch, length] = sequences;
  const output = args.bool('return_sequences') ? [batch, length, outputSize] : [batch, outputSize];
  return args.bool('return_state') ? [output, ...stateSizes.map((size) => [batch, size])] : output;
}

const lastDim = (shape: Shape): Dim => shape[shape.length - 1];

function recurrentLayer(className: string, kind: CellKind, params: readonly Param[], moreKeywords: readonly string[], explain: string): LayerRule {
  return {
    className,
    family: 'recurrent',
    params,
    moreKeywords,
    inputSpec: { ndim: 3 },
    // The cell is made first (its `units` check), then the layer checks `use_cudnn`.
    init: (args) => {
      checkUnits(args);
      checkStateSize(kind, args);
      checkUseCudnn(args);
    },
    outputShape: ({ input, args }) => {
      // Keras builds the cell before it computes any shape.
      checkKernelShape(kind, lastDim(input), args);
      const units = args.int('units');
      return rnnOutputs(args, input, units, Array.from({ length: kind.states }, () => units));
    },
    // RNN.build builds the cell on one step, (batch, features), then checks `stateful`.
    weights: ({ input, args, variablePath }) => {
      const weights = defined(`${variablePath}/${kind.cellName}`, cellWeights(kind, lastDim(input), args));
      checkStateful(args, input);
      return weights;
    },
    explain,
  };
}

function cellRule(kind: CellKind, params: readonly Param[], explain: string): LayerRule {
  return {
    className: kind.cellClass,
    family: 'recurrent',
    params,
    // LSTMCell and GRUCell pop the legacy `implementation` from `**kwargs`.
    ...(kind.gates > 1 ? { moreKeywords: ['implementation'] } : {}),
    // A cell maps one step and its states to (output, new_states); listed here flat as [output, ...states].
    cellStates: kind.states > 1 ? 'list' : 'as-given',
    init: checkUnits,
    outputShape: ({ input, args }) => {
      const step: Shape = [input[0], args.int('units')];
      return Array.from({ length: kind.states + 1 }, () => step);
    },
    weights: ({ input, args, variablePath }) => defined(variablePath, cellWeights(kind, lastDim(input), args)),
    explain,
  };
}

const SIMPLE_RNN_EXPLAIN =
  'SimpleRNN reads a sequence (batch, T, d) and returns its last output (batch, units), or every output (batch, T, units) with return_sequences=True. Its weights are a kernel (d, u), a recurrent_kernel (u, u) and a bias (u,): u·(d+u) + u parameters, whatever T is. With return_state=True it also returns the final state (batch, u).';
const LSTM_EXPLAIN =
  'LSTM reads a sequence (batch, T, d) and returns its last output (batch, units), or every output (batch, T, units) with return_sequences=True. Its four gates (input, forget, cell, output) share one kernel (d, 4u), one recurrent_kernel (u, 4u) and one bias (4u,): 4·(u·(d+u) + u) parameters, whatever T is. With return_state=True it returns [output, h, c], the two final states being (batch, u).';
const GRU_EXPLAIN =
  'GRU reads a sequence (batch, T, d) and returns its last output (batch, units), or every output (batch, T, units) with return_sequences=True. Its three gates share a kernel (d, 3u) and a recurrent_kernel (u, 3u); with reset_after=True (the Keras 3 default) the input and recurrent biases are separate, a bias of shape (2, 3u), so 3·(u·(d+u) + 2u) parameters; with reset_after=False the bias is (3u,) and there are 3·(u·(d+u) + u). With return_state=True it returns [output, h].';
const CELL_EXPLAIN =
  ' A cell processes one time step: on (batch, d) it returns the step output (batch, units) and its new states, listed here as one flat list of outputs; wrap it in RNN to run it over a sequence.';

const simpleRnnCellParams = [
  param('units'),
  param('activation', "'tanh'"),
  param('use_bias', 'True'),
  ...INITIALIZERS,
  ...REGULARIZERS,
  ...CONSTRAINTS,
  ...DROPOUTS,
  SEED,
];
const lstmCellParams = [
  param('units'),
  ...ACTIVATIONS,
  param('use_bias', 'True'),
  ...INITIALIZERS,
  param('unit_forget_bias', 'True'),
  ...REGULARIZERS,
  ...CONSTRAINTS,
  ...DROPOUTS,
  SEED,
];
const gruCellParams = [
  param('units'),
  ...ACTIVATIONS,
  param('use_bias', 'True'),
  ...INITIALIZERS,
  ...REGULARIZERS,
  ...CONSTRAINTS,
  ...DROPOUTS,
  param('reset_after', 'True'),
  SEED,
];

const simpleRnn = recurrentLayer(
  'SimpleRNN',
  SIMPLE_RNN,
  [
    param('units'),
    param('activation', "'tanh'"),
    param('use_bias', 'True'),
    ...INITIALIZERS,
    ...REGULARIZERS,
    ACTIVITY,
    ...CONSTRAINTS,
    ...DROPOUTS,
    ...RETURNS,
    UNROLL,
    SEED,
  ],
  // RNN.__init__'s, reached through `**kwargs`.
  ['zero_output_for_mask'],
  SIMPLE_RNN_EXPLAIN,
);

const lstm = recurrentLayer(
  'LSTM',
  LSTM,
  [
    param('units'),
    ...ACTIVATIONS,
    param('use_bias', 'True'),
    ...INITIALIZERS,
    param('unit_forget_bias', 'True'),
    ...REGULARIZERS,
    ACTIVITY,
    ...CONSTRAINTS,
    ...DROPOUTS,
    SEED,
    ...RETURNS,
    UNROLL,
    USE_CUDNN,
  ],
  // `implementation` is popped for the cell; `zero_output_for_mask` is RNN.__init__'s.
  ['implementation', 'zero_output_for_mask'],
  LSTM_EXPLAIN,
);

const gru = recurrentLayer(
  'GRU',
  GRU,
  [
    param('units'),
    ...ACTIVATIONS,
    param('use_bias', 'True'),
    ...INITIALIZERS,
    ...REGULARIZERS,
    ACTIVITY,
    ...CONSTRAINTS,
    ...DROPOUTS,
    SEED,
    ...RETURNS,
    UNROLL,
    param('reset_after', 'True'),
    USE_CUDNN,
  ],
  ['implementation', 'zero_output_for_mask'],
  GRU_EXPLAIN,
);

// ---------------------------------------------------------------------------------------------------------
// The generic RNN over cells (keras/src/layers/rnn/rnn.py, stacked_rnn_cells.py).

/** Each cell applied in turn to one step, as StackedRNNCells.build chains them. */
interface CellChain {
  readonly cells: readonly { readonly cell: LayerObject; readonly result: NestedResult }[];
  readonly outputSize: Dim;
}

/** The built-in cells; besides them only a user's own cell class is run (`RuleLookup.userCell`). */
const CELL_CLASSES = new Set(['SimpleRNNCell', 'LSTMCell', 'GRUCell']);

/** `RNN(cell)`, `RNN([cells])` and `StackedRNNCells(cells)` all come down to a list of cells. */
function cellsOf(args: LayerArgs, name: string): LayerObject[] {
  const given = args.layers(name);
  const cells = given.length === 1 && given[0].className === 'StackedRNNCells' ? argsOf(given[0]).layers('cells') : given;
  const other = cells.find((cell) => !CELL_CLASSES.has(cell.className) && !cell.instance);
  if (other) throw new UnknownArgument(name, `${other.className} is not a built-in RNN cell`);
  return cells;
}

function chainCells(cells: readonly LayerObject[], step: Shape, nestedLayer: (layer: LayerObject, input: Shape) => NestedResult): CellChain {
  const applied: { cell: LayerObject; result: NestedResult }[] = [];
  let input = step;
  for (const cell of cells) {
    const result = nestedLayer(cell, input);
    applied.push({ cell, result });
    input = [step[0], lastDim(result.outputs[0])];
  }
  return { cells: applied, outputSize: lastDim(input) };
}

/** One cell keeps its own names; stacked cells are told apart by their names. */
function chainWeights(chain: CellChain): WeightSpec[] {
  const prefixed = chain.cells.length > 1;
  return chain.cells.flatMap(({ cell, result }) => result.weights.map((w) => (prefixed ? { ...w, name: `${cell.name}/${w.name}` } : w)));
}

/**
 * The state sizes of the chain, flat. Keras nests the states of stacked cells that have several (LSTMCell),
 * which a flat list of outputs cannot show.
 */
function chainStateSizes(chain: CellChain, needed: boolean): Dim[] {
  const perCell = chain.cells.map(({ result }) => result.outputs.slice(1).map(lastDim));
  if (needed && chain.cells.length > 1 && perCell.some((sizes) => sizes.length > 1)) {
    throw new UnknownArgument('return_state', 'the nested states of stacked cells with several states each');
  }
  return perCell.flat();
}

const stepOf = (sequences: Shape): Shape => [sequences[0], ...sequences.slice(2)];

const rnn: LayerRule = {
  className: 'RNN',
  family: 'recurrent',
  params: [param('cell'), ...RETURNS, UNROLL, param('zero_output_for_mask', 'False')],
  wraps: ['cell'],
  sharesWrapped: true,
  // RNN sets no input spec: the cell sees (batch, *input_shape[2:]).
  outputShape: ({ input, args, nestedLayer }) => {
    const chain = chainCells(cellsOf(args, 'cell'), stepOf(input), nestedLayer);
    return rnnOutputs(args, input, chain.outputSize, chainStateSizes(chain, args.bool('return_state')));
  },
  weights: ({ input, args, nestedLayer }) => {
    const weights = chainWeights(chainCells(cellsOf(args, 'cell'), stepOf(input), nestedLayer));
    checkStateful(args, input);
    return weights;
  },
  explain:
    'RNN runs a cell (SimpleRNNCell, LSTMCell, GRUCell, a cell class of your own with a state_size, or a list of them, stacked) over the time axis: (batch, T, d) → (batch, output_size) of the last cell, or (batch, T, output_size) with return_sequences=True; return_state=True adds the final states, (batch, s) for each s of state_size. A cell of your own has output_size = state_size[0] unless it sets output_size; its call is not run to find shapes. Its weights are the cells\' weights, each cell built on one step (batch, d) or on the previous one\'s output size.',
};

const stackedRnnCells: LayerRule = {
  className: 'StackedRNNCells',
  family: 'recurrent',
  params: [param('cells')],
  wraps: ['cells'],
  sharesWrapped: true,
  outputShape: ({ input, args, nestedLayer }) => {
    const chain = chainCells(cellsOf(args, 'cells'), input, nestedLayer);
    return [[input[0], chain.outputSize], ...chainStateSizes(chain, true).map((size) => [input[0], size])];
  },
  weights: ({ input, args, nestedLayer }) => chainWeights(chainCells(cellsOf(args, 'cells'), input, nestedLayer)),
  explain:
    'StackedRNNCells chains cells so that they act as one: each cell reads the previous one\'s output, (batch, d) → (batch, output size of the last cell). Its weights are those of every cell; wrap it in RNN to run it over a sequence.',
};

// ---------------------------------------------------------------------------------------------------------
// ConvLSTM1D/2D/3D (keras/src/layers/rnn/conv_lstm.py): an LSTM whose gates are convolutions.

const convLstmParams = [
  param('filters'),
  param('kernel_size'),
  param('strides', '1'),
  param('padding', "'valid'"),
  param('data_format', 'None'),
  param('dilation_rate', '1'),
  ...ACTIVATIONS,
  param('use_bias', 'True'),
  ...INITIALIZERS,
  param('unit_forget_bias', 'True'),
  ...REGULARIZERS,
  ACTIVITY,
  ...CONSTRAINTS,
  ...DROPOUTS,
  SEED,
  ...RETURNS,
];

/** ConvLSTMCell.__init__'s standardised arguments. */
function convLstmWindow(args: LayerArgs, rank: number) {
  const kernel = standardizeTuple(args, 'kernel_size', rank);
  const strides = standardizeTuple(args, 'strides', rank, true);
  const padding = standardizePadding(args, false);
  const format = dataFormatOf(args);
  const dilation = standardizeTuple(args, 'dilation_rate', rank);
  const above1 = (dims: readonly Dim[]) => dims.some((d) => typeof d === 'number' && d > 1);
  if (above1(strides) && above1(dilation)) {
    throw new KerasError(
      `Specifying \`strides > 1\` is not compatible with \`dilation_rate > 1\`. Please provide \`strides=1\` or \`dilation_rate=1\`. Received: strides=${formatShape(strides)} and dilation_rate=${formatShape(dilation)}`,
    );
  }
  return { kernel, strides, padding, dilation, format };
}

/** ConvLSTMCell.build on one step: static spatial sizes and a known channel axis are required. */
function checkConvLstmStep(step: Shape, format: 'channels_last' | 'channels_first'): void {
  if (spatialDims(step, format).some((d) => d === null)) {
    throw new KerasError(
      `ConvLSTM layers only support static input shapes for the spatial dimension. Received invalid input shape: input_shape=${formatShape(step)}`,
    );
  }
  if (channelDim(step, format) === null) {
    throw new KerasError(
      `The channel dimension of the inputs (last axis) should be defined. Found None. Full input shape received: input_shape=${formatShape(step)}`,
    );
  }
}

function convLstm(rank: number): LayerRule {
  return {
    className: `ConvLSTM${rank}D`,
    family: 'recurrent',
    params: convLstmParams,
    // RNN.__init__'s, reached through ConvLSTM's `**kwargs`.
    moreKeywords: ['unroll', 'zero_output_for_mask'],
    inputSpec: { ndim: rank + 3 },
    outputShape: ({ input, args }) => {
      const window = convLstmWindow(args, rank);
      const step = stepOf(input);
      checkConvLstmStep(step, window.format);
      checkStateful(args, input);
      // ConvLSTM.compute_output_shape: the state is the cell's convolution of one step.
      const filters = args.int('filters');
      const kernelShape = [...window.kernel, channelDim(step, window.format), filters];
      const state = convOutputShape(step, window, filters, window.format, kernelShape).slice(1);
      const [batch, steps] = input;
      const output = args.bool('return_sequences') ? [batch, steps, ...state] : [batch, ...state];
      return args.bool('return_state') ? [output, [batch, ...state], [batch, ...state]] : output;
    },
    weights: ({ input, args }) => {
      const { kernel, format } = convLstmWindow(args, rank);
      const filters = args.int('filters');
      const gates = dimMul(4, filters);
      return [
        { name: 'kernel', shape: [...kernel, channelDim(stepOf(input), format), gates] },
        { name: 'recurrent_kernel', shape: [...kernel, filters, gates] },
        ...(args.bool('use_bias') ? [{ name: 'bias', shape: [gates] }] : []),
      ];
    },
    explain: `ConvLSTM${rank}D is an LSTM whose four gates are ${rank}D convolutions: it reads (batch, T, ${rank === 1 ? 'L' : rank === 2 ? 'H, W' : 'D, H, W'}, C) and returns the last state (batch, ${rank === 1 ? "L'" : rank === 2 ? "H', W'" : "D', H', W'"}, filters), or every step with return_sequences=True, the spatial sizes following the convolution of kernel_size, strides, padding and dilation_rate. Weights: a kernel (*kernel_size, C, 4·filters), a recurrent_kernel (*kernel_size, filters, 4·filters) and a bias (4·filters,), so 4·(k·C·f + k·f·f + f) parameters with k the kernel's size. return_state=True adds h and c.`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Wrappers.

const argsOf = (layer: LayerObject): LayerArgs => new LayerArgs(layer.args, layer.className);

/** The input spec of a recurrent layer of this module, which Bidirectional adopts (`self.input_spec = layer.input_spec`). */
function recurrentSpec(className: string): InputSpec {
  const rule = recurrentRules.find((r) => r.className === className);
  return (rule && typeof rule.inputSpec !== 'function' ? rule.inputSpec : undefined) ?? {};
}

/**
 * Bidirectional recreates the layer with `go_backwards=True`, which only recurrent layers accept. A layer
 * without a rule (a user's own) stays unknown through `nested`; a Keras layer that is not recurrent raises.
 */
function requireRecurrent(layer: LayerObject, apply: () => NestedResult): void {
  if (RECURRENT_LAYERS.has(layer.className)) return;
  apply();
  throw new KerasError(`Unrecognized keyword arguments passed to ${layer.className}: {'go_backwards': True}`);
}

const MERGE_MODES = ['sum', 'mul', 'ave', 'concat'];

function mergeMode(args: LayerArgs): string | null {
  const mode = args.isNone('merge_mode') ? null : args.str('merge_mode');
  if (mode !== null && !MERGE_MODES.includes(mode)) {
    throw new KerasError(`Invalid merge mode. Received: ${mode}. Merge mode should be one of {"sum", "mul", "ave", "concat", None}`);
  }
  return mode;
}

const pyBool = (value: boolean) => (value ? 'True' : 'False');

/** Bidirectional._verify_layer_config, for an explicit backward layer. */
function verifyDirections(forward: LayerObject, backward: LayerObject): void {
  const f = argsOf(forward);
  const b = argsOf(backward);
  if (f.bool('go_backwards') === b.bool('go_backwards')) {
    throw new KerasError(
      `Forward layer and backward layer should have different \`go_backwards\` value. Received: forward_layer.go_backwards ${pyBool(f.bool('go_backwards'))}, backward_layer.go_backwards=${pyBool(b.bool('go_backwards'))}`,
    );
  }
  for (const attribute of ['stateful', 'return_sequences', 'return_state']) {
    if (f.bool(attribute) !== b.bool(attribute)) {
      throw new KerasError(
        `Forward layer and backward layer are expected to have the same value for attribute "${attribute}", got "${pyBool(f.bool(attribute))}" for forward layer and "${pyBool(b.bool(attribute))}" for backward layer`,
      );
    }
  }
}

/** Keras names the copies `forward_<name>` and `backward_<name>` (`utils.removeprefix` avoids doubling). */
const directionName = (direction: string, name: string) => `${direction}_${name.startsWith(`${direction}_`) ? name.slice(direction.length + 1) : name}`;

const bidirectional: LayerRule = {
  className: 'Bidirectional',
  family: 'recurrent',
  params: [param('layer'), param('merge_mode', "'concat'"), param('weights', 'None'), param('backward_layer', 'None')],
  // Its two copies are made from the layer's config, `trainable` included.
  wraps: ['layer', 'backward_layer'],
  init: (args) => {
    mergeMode(args);
    // The backward copy Keras makes of the layer goes backwards: so must the layer itself not.
    if (args.isNone('backward_layer') && argsOf(args.layer('layer')).bool('go_backwards')) {
      throw new KerasError('Forward layer and backward layer should have different `go_backwards` value. Received: forward_layer.go_backwards True, backward_layer.go_backwards=True');
    }
  },
  inputSpec: (args) => recurrentSpec(args.layer('layer').className),
  // Bidirectional.compute_output_shape: from the forward layer alone.
  outputShape: ({ input, args, nested }) => {
    const mode = mergeMode(args);
    const forward = args.layer('layer');
    const forwardName = directionName('forward', forward.name);
    requireRecurrent(forward, () => nested('layer', input, forwardName));
    if (!args.isNone('backward_layer')) verifyDirections(forward, args.layer('backward_layer'));
    const outputs = nested('layer', input, forwardName).outputs;
    const returnState = argsOf(forward).bool('return_state');
    const [output, ...states] = returnState ? outputs : [outputs[0]];
    const merged = mode === 'concat' ? [...output.slice(0, -1), dimMul(2, lastDim(output))] : output;
    const both = mode === null ? [merged, merged] : [merged];
    if (returnState) return [...both, ...states, ...states];
    return mode === null ? both : merged;
  },
  // Bidirectional.build: the forward copy, then the backward one (a copy with go_backwards=True unless given).
  weights: ({ input, args, nested }) => {
    const forward = args.layer('layer');
    const backwardGiven = !args.isNone('backward_layer');
    const backwardName = backwardGiven ? args.layer('backward_layer').name : directionName('backward', forward.name);
    const forwardName = directionName('forward', forward.name);
    const forwardWeights = nested('layer', input, forwardName).weights;
    const backwardWeights = backwardGiven ? nested('backward_layer', input, backwardName).weights : forwardWeights;
    const prefix = (name: string, weights: readonly WeightSpec[]) => weights.map((w) => ({ ...w, name: `${name}/${w.name}` }));
    return [...prefix(forwardName, forwardWeights), ...prefix(backwardName, backwardWeights)];
  },
  explain:
    "Bidirectional runs a recurrent layer over the sequence forwards and a copy of it backwards (its own weights, so twice the parameters) and merges the two outputs: merge_mode='concat' (the default) doubles the last axis, e.g. LSTM(32) gives (batch, 64); 'sum', 'mul' and 'ave' keep it; None returns the two outputs separately. With return_state=True the forward then backward states follow the output.",
};

const timeDistributed: LayerRule = {
  className: 'TimeDistributed',
  family: 'recurrent',
  params: [param('layer')],
  wraps: ['layer'],
  sharesWrapped: true,
  // TimeDistributed.compute_output_shape: the inner layer sees (batch, *input_shape[2:]); axis 1 is put back.
  outputShape: ({ input, nested }) => {
    if (input.length < 3) {
      throw new KerasError(
        `\`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${formatShape(input)}`,
      );
    }
    const inner = nested('layer', stepOf(input)).outputs[0];
    return [inner[0], input[1], ...inner.slice(1)];
  },
  weights: ({ input, nested }) => nested('layer', stepOf(input)).weights,
  explain:
    'TimeDistributed applies the same layer to every slice along axis 1: the wrapped layer sees (batch, *rest) and the output is (batch, T, *its output). The weights are the wrapped layer\'s, shared across the T slices, so the parameters do not depend on T; TimeDistributed(Dense(5)) on (batch, 10, 8) gives (batch, 10, 5) with 45 parameters, like Dense(5) itself.',
};

/** The layers Bidirectional can wrap: those with `go_backwards`. */
const RECURRENT_LAYERS = new Set(['SimpleRNN', 'LSTM', 'GRU', 'RNN', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D']);

export const recurrentRules: readonly LayerRule[] = [
  simpleRnn,
  lstm,
  gru,
  cellRule(SIMPLE_RNN, simpleRnnCellParams, `SimpleRNNCell is one step of SimpleRNN: kernel (d, u), recurrent_kernel (u, u), bias (u,).${CELL_EXPLAIN}`),
  cellRule(LSTM, lstmCellParams, `LSTMCell is one step of LSTM: kernel (d, 4u), recurrent_kernel (u, 4u), bias (4u,), states h and c.${CELL_EXPLAIN}`),
  cellRule(GRU, gruCellParams, `GRUCell is one step of GRU: kernel (d, 3u), recurrent_kernel (u, 3u), bias (2, 3u) with reset_after=True (else (3u,)).${CELL_EXPLAIN}`),
  rnn,
  stackedRnnCells,
  convLstm(1),
  convLstm(2),
  convLstm(3),
  bidirectional,
  timeDistributed,
];
