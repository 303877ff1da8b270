import { layer } from './ruleHarness';
import { checkRows, type Row } from './ruleRows';

const lstmParams = (units: number, features: number) => 4 * (units * (features + units) + units);

const classic: Row[] = [
  // Oracle lstm_stack.
  { layer: 'LSTM', kwargs: { units: 32, return_sequences: true }, inputs: [[null, 50, 8]], outputs: [[null, 50, 32]], params: 5248 },
  { layer: 'LSTM', positional: [16], inputs: [[null, 50, 32]], outputs: [[null, 16]], params: 3136 },
  // Oracle permute_repeatvector.
  { layer: 'LSTM', positional: [12], inputs: [[null, 6, 20]], outputs: [[null, 12]], params: 1584 },
  { layer: 'LSTM', positional: [8], kwargs: { return_sequences: true }, inputs: [[null, 5, 12]], outputs: [[null, 5, 8]], params: 672 },
  // Oracle invalid_lstm_rank2.
  { layer: 'LSTM', positional: [10], inputs: [[null, 784]], error: /expected ndim=3, found ndim=2\. Full shape received: \(None, 784\)$/ },
  {
    layer: 'LSTM',
    positional: [4],
    inputs: [[null, null, 3]],
    outputs: [[null, 4]],
    weights: [
      ['kernel', [3, 16]],
      ['recurrent_kernel', [4, 16]],
      ['bias', [16]],
    ],
    params: lstmParams(4, 3),
  },
  {
    layer: 'LSTM',
    kwargs: { units: 4, return_state: true },
    inputs: [[null, 10, 3]],
    outputs: [
      [null, 4],
      [null, 4],
      [null, 4],
    ],
    params: 128,
  },
  {
    layer: 'LSTM',
    kwargs: { units: 4, return_state: true, return_sequences: true },
    inputs: [[2, 10, 3]],
    outputs: [
      [2, 10, 4],
      [2, 4],
      [2, 4],
    ],
  },
  { layer: 'LSTM', kwargs: { units: 4, use_bias: false }, inputs: [[null, 10, 3]], params: 112 },
  { layer: 'LSTM', kwargs: { units: 4, stateful: true }, inputs: [[8, 10, 3]], outputs: [[8, 4]] },
  {
    layer: 'LSTM',
    kwargs: { units: 4, stateful: true },
    inputs: [[null, 10, 3]],
    error: 'When using `stateful=True` in a RNN, the batch size must be static. Found dynamic batch size: sequence.shape=(None, 10, 3)',
  },
  {
    layer: 'LSTM',
    positional: [4],
    inputs: [[null, 10, null]],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None, 16) for variable path='layer/lstm_cell/kernel'",
  },
  { layer: 'LSTM', positional: [0], inputs: [[null, 10, 3]], error: 'Received an invalid value for argument `units`, expected a positive integer, got 0.' },
  {
    layer: 'LSTM',
    kwargs: { units: 4, use_cudnn: 'maybe' },
    inputs: [[null, 10, 3]],
    error: "Invalid valid received for argument `use_cudnn`. Expected one of {'auto', True, False}. Received: use_cudnn=maybe",
  },
  // GRU: reset_after=True (default) has a (2, 3u) bias.
  {
    layer: 'GRU',
    kwargs: { units: 8, return_sequences: true },
    inputs: [[null, 40, 64]],
    outputs: [[null, 40, 8]],
    weights: [
      ['kernel', [64, 24]],
      ['recurrent_kernel', [8, 24]],
      ['bias', [2, 24]],
    ],
    params: 1776,
  },
  {
    layer: 'GRU',
    kwargs: { units: 8, reset_after: false },
    inputs: [[null, 40, 64]],
    outputs: [[null, 8]],
    weights: [
      ['kernel', [64, 24]],
      ['recurrent_kernel', [8, 24]],
      ['bias', [24]],
    ],
    params: 1752,
  },
  {
    layer: 'GRU',
    kwargs: { units: 3, return_state: true },
    inputs: [[null, 7, 2]],
    outputs: [
      [null, 3],
      [null, 3],
    ],
    params: 3 * (3 * 5 + 6),
  },
  { layer: 'GRU', kwargs: { units: 3, use_bias: false }, inputs: [[null, 7, 2]], params: 45 },
  { layer: 'GRU', positional: [3], inputs: [[null, 7]], error: /expected ndim=3, found ndim=2/ },
  // SimpleRNN: u·(d+u) + u.
  { layer: 'SimpleRNN', positional: [4], inputs: [[null, 40, 8]], outputs: [[null, 4]], params: 52 },
  {
    layer: 'SimpleRNN',
    kwargs: { units: 4, return_sequences: true, return_state: true },
    inputs: [[null, null, 8]],
    outputs: [
      [null, null, 4],
      [null, 4],
    ],
    weights: [
      ['kernel', [8, 4]],
      ['recurrent_kernel', [4, 4]],
      ['bias', [4]],
    ],
  },
  { layer: 'SimpleRNN', positional: [4, 'relu', false], inputs: [[null, 40, 8]], params: 48 },
  // Cells: one step, output then states.
  {
    layer: 'LSTMCell',
    positional: [4],
    inputs: [[null, 3]],
    outputs: [
      [null, 4],
      [null, 4],
      [null, 4],
    ],
    params: 128,
  },
  {
    layer: 'GRUCell',
    kwargs: { units: 4, reset_after: false },
    inputs: [[null, 3]],
    outputs: [
      [null, 4],
      [null, 4],
    ],
    params: 3 * (4 * 7 + 4),
  },
];

const generic: Row[] = [
  { layer: 'RNN', positional: [layer('LSTMCell', { units: 32 })], inputs: [[null, 10, 8]], outputs: [[null, 32]], params: 5248 },
  {
    layer: 'RNN',
    kwargs: { cell: layer('GRUCell', { units: 8 }), return_sequences: true },
    inputs: [[null, 40, 64]],
    outputs: [[null, 40, 8]],
    params: 1776,
  },
  {
    layer: 'RNN',
    kwargs: { cell: layer('LSTMCell', { units: 4 }), return_state: true },
    inputs: [[null, 10, 3]],
    outputs: [
      [null, 4],
      [null, 4],
      [null, 4],
    ],
  },
  {
    title: 'RNN over a list of cells stacks them, each built on the previous output',
    layer: 'RNN',
    positional: [[layer('SimpleRNNCell', { units: 4 }), layer('SimpleRNNCell', { units: 6 })]],
    inputs: [[null, 10, 3]],
    outputs: [[null, 6]],
    weights: [
      ['simplernncell/kernel', [3, 4]],
      ['simplernncell/recurrent_kernel', [4, 4]],
      ['simplernncell/bias', [4]],
      ['simplernncell/kernel', [4, 6]],
      ['simplernncell/recurrent_kernel', [6, 6]],
      ['simplernncell/bias', [6]],
    ],
    params: 32 + 66,
  },
  {
    title: 'RNN over stacked single-state cells returns one state per cell',
    layer: 'RNN',
    kwargs: { cell: [layer('GRUCell', { units: 4 }), layer('GRUCell', { units: 8 })], return_state: true },
    inputs: [[null, 10, 3]],
    outputs: [
      [null, 8],
      [null, 4],
      [null, 8],
    ],
  },
  {
    title: 'RNN over stacked LSTM cells with return_state: Keras nests the states, which we cannot show',
    layer: 'RNN',
    kwargs: { cell: [layer('LSTMCell', { units: 4 }), layer('LSTMCell', { units: 8 })], return_state: true },
    inputs: [[null, 10, 3]],
    unknown: 'return_state',
  },
  {
    title: 'RNN over StackedRNNCells',
    layer: 'RNN',
    positional: [layer('StackedRNNCells', { cells: [layer('LSTMCell', { units: 4 }), layer('LSTMCell', { units: 8 })] })],
    inputs: [[null, 10, 3]],
    outputs: [[null, 8]],
    params: lstmParams(4, 3) + lstmParams(8, 4),
  },
  {
    title: 'RNN has no input spec: on a rank-2 input its cell meets a None feature axis',
    layer: 'RNN',
    positional: [layer('LSTMCell', { units: 4 })],
    inputs: [[null, 5]],
    error: /must be fully-defined.*shape=\(None, 16\)/,
  },
  {
    title: 'RNN over a cell that is not a built-in one is unknown',
    layer: 'RNN',
    positional: [layer('Dense', { units: 4 })],
    inputs: [[null, 5, 3]],
    unknown: 'cell',
  },
];

const convLstm: Row[] = [
  {
    layer: 'ConvLSTM2D',
    kwargs: { filters: 40, kernel_size: [3, 3], padding: 'same', return_sequences: true },
    inputs: [[null, null, 40, 40, 1]],
    outputs: [[null, null, 40, 40, 40]],
    weights: [
      ['kernel', [3, 3, 1, 160]],
      ['recurrent_kernel', [3, 3, 40, 160]],
      ['bias', [160]],
    ],
    params: 59200,
  },
  { layer: 'ConvLSTM2D', positional: [8, 3], inputs: [[null, 10, 32, 32, 3]], outputs: [[null, 30, 30, 8]], params: 3200 },
  { layer: 'ConvLSTM2D', positional: [8, 3, 2], inputs: [[null, 5, 32, 32, 3]], outputs: [[null, 15, 15, 8]], params: 3200 },
  {
    layer: 'ConvLSTM2D',
    kwargs: { filters: 8, kernel_size: 3, return_state: true },
    inputs: [[null, 10, 32, 32, 3]],
    outputs: [
      [null, 30, 30, 8],
      [null, 30, 30, 8],
      [null, 30, 30, 8],
    ],
  },
  {
    layer: 'ConvLSTM2D',
    kwargs: { filters: 8, kernel_size: 3, data_format: 'channels_first' },
    inputs: [[null, 10, 3, 32, 32]],
    outputs: [[null, 8, 30, 30]],
    params: 3200,
  },
  { layer: 'ConvLSTM2D', kwargs: { filters: 8, kernel_size: 3, use_bias: false }, inputs: [[null, 10, 32, 32, 3]], params: 3168 },
  { layer: 'ConvLSTM1D', positional: [4, 3], inputs: [[null, 7, 20, 2]], outputs: [[null, 18, 4]], params: 304 },
  { layer: 'ConvLSTM3D', kwargs: { filters: 2, kernel_size: 3, padding: 'same' }, inputs: [[null, 4, 8, 8, 8, 1]], outputs: [[null, 8, 8, 8, 2]], params: 656 },
  { layer: 'ConvLSTM2D', positional: [8, 3], inputs: [[null, 10, 32, 32]], error: /expected ndim=5, found ndim=4/ },
  {
    layer: 'ConvLSTM2D',
    positional: [8, 3],
    inputs: [[null, 10, null, 32, 3]],
    error:
      'ConvLSTM layers only support static input shapes for the spatial dimension. Received invalid input shape: input_shape=(None, None, 32, 3)',
  },
  {
    layer: 'ConvLSTM2D',
    positional: [8, 3],
    inputs: [[null, 10, 32, 32, null]],
    error:
      'The channel dimension of the inputs (last axis) should be defined. Found None. Full input shape received: input_shape=(None, 32, 32, None)',
  },
  {
    layer: 'ConvLSTM2D',
    positional: [4, 5],
    inputs: [[null, 2, 3, 3, 1]],
    error:
      'Computed output size would be zero or negative. Received `inputs shape=(None, 3, 3, 1)`, `kernel shape=(5, 5, 1, 4)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.',
  },
  {
    layer: 'ConvLSTM2D',
    kwargs: { filters: 4, kernel_size: 3, strides: 2, dilation_rate: 2 },
    inputs: [[null, 2, 9, 9, 1]],
    error:
      'Specifying `strides > 1` is not compatible with `dilation_rate > 1`. Please provide `strides=1` or `dilation_rate=1`. Received: strides=(2, 2) and dilation_rate=(2, 2)',
  },
];

const lstm = (kwargs: Record<string, number | boolean | string>) => layer('LSTM', kwargs);

const bidirectional: Row[] = [
  // Oracle bidirectional.
  { layer: 'Bidirectional', positional: [lstm({ units: 32, return_sequences: true })], inputs: [[null, 40, 16]], outputs: [[null, 40, 64]], params: 12544 },
  {
    layer: 'Bidirectional',
    positional: [layer('GRU', { units: 8, return_sequences: true })],
    kwargs: { merge_mode: 'sum' },
    inputs: [[null, 40, 64]],
    outputs: [[null, 40, 8]],
    params: 3552,
  },
  { layer: 'Bidirectional', positional: [layer('SimpleRNN', { units: 4 })], kwargs: { merge_mode: 'ave' }, inputs: [[null, 40, 8]], outputs: [[null, 4]], params: 104 },
  { layer: 'Bidirectional', positional: [lstm({ units: 5 }), 'mul'], inputs: [[null, 10, 3]], outputs: [[null, 5]], params: 360 },
  {
    layer: 'Bidirectional',
    positional: [lstm({ units: 5 })],
    kwargs: { merge_mode: null },
    inputs: [[null, 10, 3]],
    outputs: [
      [null, 5],
      [null, 5],
    ],
    params: 360,
  },
  {
    layer: 'Bidirectional',
    positional: [lstm({ units: 5, return_state: true })],
    inputs: [[null, 10, 3]],
    outputs: [
      [null, 10],
      [null, 5],
      [null, 5],
      [null, 5],
      [null, 5],
    ],
  },
  {
    layer: 'Bidirectional',
    positional: [layer('GRU', { units: 5, return_state: true, return_sequences: true })],
    kwargs: { merge_mode: null },
    inputs: [[null, 10, 3]],
    outputs: [
      [null, 10, 5],
      [null, 10, 5],
      [null, 5],
      [null, 5],
    ],
  },
  {
    layer: 'Bidirectional',
    positional: [lstm({ units: 2 })],
    inputs: [[null, 10, 3]],
    weights: [
      ['forward_lstm/kernel', [3, 8]],
      ['forward_lstm/recurrent_kernel', [2, 8]],
      ['forward_lstm/bias', [8]],
      ['backward_lstm/kernel', [3, 8]],
      ['backward_lstm/recurrent_kernel', [2, 8]],
      ['backward_lstm/bias', [8]],
    ],
  },
  {
    title: 'Bidirectional with its own backward layer: shape from the forward layer, weights of both',
    layer: 'Bidirectional',
    positional: [lstm({ units: 4 })],
    kwargs: { backward_layer: lstm({ units: 6, go_backwards: true }) },
    inputs: [[null, 10, 3]],
    outputs: [[null, 8]],
    params: lstmParams(4, 3) + lstmParams(6, 3),
  },
  {
    title: 'Bidirectional refuses a backward layer going the same way',
    layer: 'Bidirectional',
    positional: [lstm({ units: 4 })],
    kwargs: { backward_layer: lstm({ units: 4 }) },
    inputs: [[null, 10, 3]],
    error:
      'Forward layer and backward layer should have different `go_backwards` value. Received: forward_layer.go_backwards False, backward_layer.go_backwards=False',
  },
  {
    title: 'Bidirectional refuses directions that disagree on return_sequences',
    layer: 'Bidirectional',
    positional: [lstm({ units: 4 })],
    kwargs: { backward_layer: lstm({ units: 4, go_backwards: true, return_sequences: true }) },
    inputs: [[null, 10, 3]],
    error:
      'Forward layer and backward layer are expected to have the same value for attribute "return_sequences", got "False" for forward layer and "True" for backward layer',
  },
  {
    layer: 'Bidirectional',
    positional: [lstm({ units: 4 })],
    kwargs: { merge_mode: 'max' },
    inputs: [[null, 10, 3]],
    error: 'Invalid merge mode. Received: max. Merge mode should be one of {"sum", "mul", "ave", "concat", None}',
  },
  { layer: 'Bidirectional', positional: [lstm({ units: 4 })], inputs: [[null, 10]], error: /expected ndim=3, found ndim=2/ },
  {
    layer: 'Bidirectional',
    positional: [layer('Dense', { units: 4 })],
    inputs: [[null, 10, 3]],
    error: "Unrecognized keyword arguments passed to Dense: {'go_backwards': True}",
  },
  {
    title: "Bidirectional over a layer we have no rule for (a user's own) is unknown",
    layer: 'Bidirectional',
    positional: [{ layer: { ...layer('LSTM', { units: 4 }).layer, className: 'MyRecurrentLayer' } }],
    inputs: [[null, 10, 3]],
    unknown: 'layer',
  },
  { layer: 'Bidirectional', positional: [layer('RNN', { cell: layer('LSTMCell', { units: 4 }) })], inputs: [[null, 10, 3]], outputs: [[null, 8]], params: 256 },
  { layer: 'Bidirectional', positional: [layer('ConvLSTM1D', { filters: 4, kernel_size: 3 })], inputs: [[null, 7, 20, 2]], outputs: [[null, 18, 8]], params: 608 },
];

const timeDistributed: Row[] = [
  // Oracles timedistributed_dense and permute_repeatvector.
  { layer: 'TimeDistributed', positional: [layer('Dense', { units: 5 })], inputs: [[null, 10, 8]], outputs: [[null, 10, 5]], params: 45 },
  { layer: 'TimeDistributed', positional: [layer('Dense', { units: 3 })], inputs: [[null, 5, 8]], outputs: [[null, 5, 3]], params: 27 },
  { layer: 'TimeDistributed', positional: [layer('Embedding', { input_dim: 100, output_dim: 4 })], inputs: [[null, 3, 7]], outputs: [[null, 3, 7, 4]], params: 400 },
  { layer: 'TimeDistributed', positional: [lstm({ units: 4 })], inputs: [[null, 2, 10, 3]], outputs: [[null, 2, 4]], params: 128 },
  {
    layer: 'TimeDistributed',
    positional: [layer('Bidirectional', { layer: lstm({ units: 4 }) })],
    inputs: [[null, 2, 10, 3]],
    outputs: [[null, 2, 8]],
    params: 256,
  },
  {
    layer: 'TimeDistributed',
    positional: [layer('Conv2D', { filters: 4, kernel_size: 3 })],
    inputs: [[null, 6, 28, 28, 1]],
    outputs: [[null, 6, 26, 26, 4]],
    params: 40,
  },
  {
    layer: 'TimeDistributed',
    positional: [layer('Dense', { units: 5 })],
    inputs: [[null, 8]],
    error: '`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, received: (None, 8)',
  },
];

checkRows([...classic, ...generic, ...convLstm, ...bidirectional, ...timeDistributed]);
