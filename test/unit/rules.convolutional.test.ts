import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../src/core/infer/rules';
import { convolutionalAliases } from '../../src/core/infer/rules/convolutional';
import { checkRows, type Row } from './ruleRows';

const oracle: Row[] = [
  // conv2d_same_strides
  { layer: 'Conv2D', positional: [16, 3], kwargs: { strides: 2, padding: 'same' }, inputs: [[null, 33, 47, 3]], outputs: [[null, 17, 24, 16]], params: 448 },
  { layer: 'Conv2D', positional: [16, [5, 3]], kwargs: { strides: [2, 1], padding: 'same' }, inputs: [[null, 17, 24, 16]], outputs: [[null, 9, 24, 16]], params: 3856 },
  { layer: 'Conv2D', positional: [8, 3], kwargs: { strides: 3, padding: 'valid' }, inputs: [[null, 9, 24, 16]], outputs: [[null, 3, 8, 8]], params: 1160 },
  // conv2d_mnist_cnn
  { layer: 'Conv2D', positional: [32], kwargs: { kernel_size: [3, 3], activation: 'relu' }, inputs: [[null, 28, 28, 1]], outputs: [[null, 26, 26, 32]], params: 320 },
  { layer: 'Conv2D', positional: [64, [3, 3]], kwargs: { activation: 'relu' }, inputs: [[null, 26, 26, 32]], outputs: [[null, 24, 24, 64]], params: 18496 },
  // batchnorm
  { layer: 'Conv2D', positional: [16, 3], kwargs: { use_bias: false }, inputs: [[null, 32, 32, 3]], outputs: [[null, 30, 30, 16]], params: 432, weights: [['kernel', [3, 3, 3, 16]]] },
  // conv1d_valid_strides
  { layer: 'Conv1D', positional: [32, 5], kwargs: { strides: 2, padding: 'valid', activation: 'relu' }, inputs: [[null, 100, 16]], outputs: [[null, 48, 32]], params: 2592 },
  { layer: 'Conv1D', positional: [64], kwargs: { kernel_size: 3, strides: 3 }, inputs: [[null, 48, 32]], outputs: [[null, 16, 64]], params: 6208 },
  // conv3d_pool3d
  { layer: 'Conv3D', positional: [8, 3], kwargs: { padding: 'same', activation: 'relu' }, inputs: [[null, 16, 32, 32, 3]], outputs: [[null, 16, 32, 32, 8]], params: 656 },
  { layer: 'Conv3D', positional: [16, [3, 3, 3]], kwargs: { strides: 2 }, inputs: [[null, 16, 32, 32, 8]], outputs: [[null, 7, 15, 15, 16]], params: 3472 },
  // conv2d_transpose
  { layer: 'Conv2DTranspose', positional: [32, 3], kwargs: { strides: 2, padding: 'same' }, inputs: [[null, 7, 7, 64]], outputs: [[null, 14, 14, 32]], params: 18464 },
  { layer: 'Conv2DTranspose', positional: [16, 4], kwargs: { strides: 2, padding: 'valid' }, inputs: [[null, 14, 14, 32]], outputs: [[null, 30, 30, 16]], params: 8208 },
  { layer: 'Conv2DTranspose', positional: [8, 3], kwargs: { strides: 2, padding: 'same', output_padding: 1 }, inputs: [[null, 30, 30, 16]], outputs: [[null, 60, 60, 8]], params: 1160 },
  { layer: 'Conv2DTranspose', positional: [1, [5, 3]], kwargs: { strides: 1, padding: 'valid' }, inputs: [[null, 60, 60, 8]], outputs: [[null, 64, 62, 1]], params: 121 },
  // invalid_kernel_too_big
  {
    layer: 'Conv2D',
    positional: [4, 5],
    inputs: [[null, 3, 3, 1]],
    error:
      'Computed output size would be zero or negative. Received `inputs shape=(None, 3, 3, 1)`, `kernel shape=(5, 5, 1, 4)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.',
  },
  // invalid_conv2d_rank2, invalid_flatten_then_conv, invalid_conv2d_input_shape_rank3
  { layer: 'Conv2D', positional: [32, 3], inputs: [[null, 784]], error: /expected min_ndim=4, found ndim=2\. Full shape received: \(None, 784\)$/ },
  { layer: 'Conv2D', positional: [32, [3, 3]], inputs: [[null, 28, 28]], error: /expected min_ndim=4, found ndim=3\. Full shape received: \(None, 28, 28\)$/ },
];

const conv: Row[] = [
  { layer: 'Conv2D', positional: [8, 3], kwargs: { data_format: 'channels_first' }, inputs: [[null, 3, 32, 32]], outputs: [[null, 8, 30, 30]], params: 224 },
  { layer: 'Conv2D', positional: [8, 3], kwargs: { dilation_rate: 2 }, inputs: [[null, 32, 32, 3]], outputs: [[null, 28, 28, 8]], params: 224 },
  {
    layer: 'Conv2D',
    positional: [8, 3],
    kwargs: { groups: 2 },
    inputs: [[null, 32, 32, 4]],
    outputs: [[null, 30, 30, 8]],
    params: 152,
    weights: [['kernel', [3, 3, 2, 8]], ['bias', [8]]],
  },
  { layer: 'Conv2D', positional: [8, 3], inputs: [[null, null, null, 3]], outputs: [[null, null, null, 8]], params: 224 },
  { layer: 'Conv2D', positional: [8, 3], kwargs: { padding: 'SAME' }, inputs: [[null, 5, 5, 1]], outputs: [[null, 5, 5, 8]], params: 80 },
  { layer: 'Conv2D', positional: [8, [1, 7]], kwargs: { strides: [1, 3] }, inputs: [[4, 10, 20, 2]], outputs: [[4, 10, 5, 8]], params: 120 },
  // Positional arguments follow Conv2D.__init__: filters, kernel_size, strides, padding.
  { layer: 'Conv2D', positional: [8, 3, 2, 'same'], inputs: [[null, 9, 9, 1]], outputs: [[null, 5, 5, 8]] },
  { layer: 'Conv1D', positional: [4, 3], kwargs: { padding: 'causal', dilation_rate: 2 }, inputs: [[null, 10, 2]], outputs: [[null, 10, 4]], params: 28 },
  { layer: 'Conv1D', positional: [4, 3], kwargs: { data_format: 'channels_first' }, inputs: [[null, 2, 10]], outputs: [[null, 4, 8]], params: 28 },
  { layer: 'Conv3D', positional: [4, 3], kwargs: { data_format: 'channels_first' }, inputs: [[null, 2, 8, 8, 8]], outputs: [[null, 4, 6, 6, 6]], params: 220 },
  // LoRA (BaseConv.enable_lora): the kernel freezes, two trainable factors are added.
  {
    layer: 'Conv2D',
    positional: [16, 3],
    kwargs: { lora_rank: 4 },
    inputs: [[null, 28, 28, 3]],
    outputs: [[null, 26, 26, 16]],
    params: 620,
    trainable: 188,
    nonTrainable: 432,
    weights: [['kernel', [3, 3, 3, 16]], ['bias', [16]], ['lora_kernel_a', [3, 3, 3, 4]], ['lora_kernel_b', [4, 16]]],
  },
  {
    layer: 'Conv1D',
    positional: [4, 5],
    inputs: [[null, 3, 2]],
    error:
      'Computed output size would be zero or negative. Received `inputs shape=(None, 3, 2)`, `kernel shape=(5, 2, 4)`, `dilation_rate=[1]`, `strides=(1,)`, `padding=valid`.',
  },
  { layer: 'Conv2D', positional: [4, 3], kwargs: { padding: 'causal' }, inputs: [[null, 8, 8, 1]], error: "The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal" },
  {
    layer: 'Conv2D',
    positional: [8, 3],
    kwargs: { strides: 2, dilation_rate: 2 },
    inputs: [[null, 8, 8, 1]],
    error: '`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)',
  },
  {
    layer: 'Conv2D',
    positional: [8, 3],
    kwargs: { groups: 2 },
    inputs: [[null, 28, 28, 3]],
    error: 'The number of input channels must be evenly divisible by the number of groups. Received groups=2, but the input has 3 channels (full input shape is (None, 28, 28, 3)).',
  },
  { layer: 'Conv2D', positional: [6, 3], kwargs: { groups: 4 }, inputs: [[null, 8, 8, 4]], error: 'The number of filters must be evenly divisible by the number of groups. Received: groups=4, filters=6.' },
  { layer: 'Conv2D', positional: [0, 3], inputs: [[null, 8, 8, 4]], error: 'Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.' },
  { layer: 'Conv2D', positional: [8, [3, 3, 3]], inputs: [[null, 8, 8, 4]], error: 'The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3)' },
  {
    layer: 'Conv2D',
    positional: [8, 0],
    inputs: [[null, 8, 8, 4]],
    error: 'The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=0, including values {0} that do not satisfy `value > 0`',
  },
  {
    layer: 'Conv2D',
    positional: [8, 3],
    inputs: [[null, 4, 8, 8, 3]],
    error: 'Kernel shape must have the same length as input, but received kernel of shape (3, 3, 3, 8) and input of shape (None, 4, 8, 8, 3).',
  },
  // BaseConv.build computes `input_channel % groups` before anything else.
  { layer: 'Conv2D', positional: [8, 3], inputs: [[null, 8, 8, null]], error: "unsupported operand type(s) for %: 'NoneType' and 'int'" },
  { layer: 'Conv2D', positional: [8, 3], kwargs: { padding: [1, 1] }, inputs: [[null, 8, 8, 1]], error: "`padding` must be either `'valid'` or `'same'`. Received (1, 1)." },
  { layer: 'Conv2D', positional: [8, 3], kwargs: { data_format: 'channels_middle' }, inputs: [[null, 8, 8, 1]], error: /^The `data_format` argument must be one of/ },
];

const transpose: Row[] = [
  { layer: 'Conv1DTranspose', positional: [4, 3], kwargs: { strides: 2 }, inputs: [[null, 10, 2]], outputs: [[null, 21, 4]], params: 28, weights: [['kernel', [3, 4, 2]], ['bias', [4]]] },
  { layer: 'Conv1DTranspose', positional: [4, 3], kwargs: { strides: 2, padding: 'same' }, inputs: [[null, 10, 2]], outputs: [[null, 20, 4]] },
  { layer: 'Conv2DTranspose', positional: [4, 3], kwargs: { dilation_rate: 2 }, inputs: [[null, 5, 5, 1]], outputs: [[null, 9, 9, 4]], params: 40 },
  { layer: 'Conv2DTranspose', positional: [1, 3], kwargs: { strides: 2, output_padding: 1 }, inputs: [[null, 7, 7, 1]], outputs: [[null, 16, 16, 1]], params: 10 },
  { layer: 'Conv2DTranspose', positional: [4, 3], kwargs: { strides: 2, data_format: 'channels_first' }, inputs: [[null, 1, 7, 7]], outputs: [[null, 4, 15, 15]] },
  { layer: 'Conv2DTranspose', positional: [4, 3], kwargs: { strides: 2, padding: 'same' }, inputs: [[null, null, 7, 1]], outputs: [[null, null, 14, 4]] },
  { layer: 'Conv3DTranspose', positional: [2, 3], kwargs: { strides: 2, padding: 'same' }, inputs: [[null, 4, 4, 4, 8]], outputs: [[null, 8, 8, 8, 2]], params: 434 },
  // Conv3DTranspose alone takes data_format before output_padding.
  { layer: 'Conv3DTranspose', positional: [2, 3, 2, 'same', 'channels_first'], inputs: [[null, 8, 4, 4, 4]], outputs: [[null, 2, 8, 8, 8]], params: 434 },
  {
    layer: 'Conv2DTranspose',
    positional: [4, 3],
    kwargs: { strides: 2, output_padding: 2 },
    inputs: [[null, 5, 5, 1]],
    error: '`output_padding` must be strictly less than `strides` for all dimensions. At dimension 0, `output_padding` is 2 but `strides` is 2. Received: output_padding=(2, 2), strides=(2, 2)',
  },
  {
    layer: 'Conv2DTranspose',
    positional: [4, 3],
    inputs: [[null, 5, 5, null]],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(3, 3, 4, None) for variable path='layer/kernel'",
  },
  { layer: 'Conv1DTranspose', positional: [4, 3], kwargs: { padding: 'causal' }, inputs: [[null, 5, 1]], error: "The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal" },
];

const depthwiseAndSeparable: Row[] = [
  { layer: 'DepthwiseConv2D', positional: [3], inputs: [[null, 28, 28, 3]], outputs: [[null, 26, 26, 3]], params: 30, weights: [['kernel', [3, 3, 3, 1]], ['bias', [3]]] },
  { layer: 'DepthwiseConv2D', positional: [3], kwargs: { depth_multiplier: 2, padding: 'same' }, inputs: [[null, 28, 28, 3]], outputs: [[null, 28, 28, 6]], params: 60 },
  { layer: 'DepthwiseConv2D', positional: [3], kwargs: { data_format: 'channels_first', strides: 2 }, inputs: [[null, 3, 9, 9]], outputs: [[null, 3, 4, 4]], params: 30 },
  { layer: 'DepthwiseConv1D', positional: [3], kwargs: { depth_multiplier: 4 }, inputs: [[null, 10, 2]], outputs: [[null, 8, 8]], params: 32, weights: [['kernel', [3, 2, 4]], ['bias', [8]]] },
  { layer: 'DepthwiseConv2D', positional: [3], inputs: [[null, 8, 8, null]], error: "unsupported operand type(s) for *: 'int' and 'NoneType'" },
  {
    layer: 'DepthwiseConv2D',
    positional: [5],
    inputs: [[null, 4, 4, 2]],
    error: 'Computed output size would be zero or negative. Received `inputs shape=(None, 4, 4, 2)`, `kernel shape=(5, 5, 2, 2)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.',
  },
  {
    layer: 'SeparableConv2D',
    positional: [16, 3],
    inputs: [[null, 28, 28, 3]],
    outputs: [[null, 26, 26, 16]],
    params: 91,
    weights: [['depthwise_kernel', [3, 3, 3, 1]], ['pointwise_kernel', [1, 1, 3, 16]], ['bias', [16]]],
  },
  { layer: 'SeparableConv2D', positional: [16, 3], kwargs: { depth_multiplier: 2, use_bias: false, padding: 'same' }, inputs: [[null, 28, 28, 3]], outputs: [[null, 28, 28, 16]], params: 150 },
  { layer: 'SeparableConv1D', positional: [8, 3], inputs: [[null, 10, 4]], outputs: [[null, 8, 8]], params: 52, weights: [['depthwise_kernel', [3, 4, 1]], ['pointwise_kernel', [1, 4, 8]], ['bias', [8]]] },
  { layer: 'SeparableConv1D', positional: [8, 3], kwargs: { padding: 'causal' }, inputs: [[null, 10, 4]], error: "The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal" },
];

checkRows([...oracle, ...conv, ...transpose, ...depthwiseAndSeparable]);

test('every convolution alias names a convolution rule and is not itself a rule', () => {
  for (const [alias, className] of Object.entries(convolutionalAliases)) {
    assert.equal(RULES.get(className)?.family, 'convolutional', alias);
    assert.equal(RULES.has(alias), false, alias);
  }
  assert.equal(convolutionalAliases.Convolution2DTranspose, 'Conv2DTranspose');
});

test('convolution rules declare min_ndim = rank + 2', () => {
  const expected: Record<string, number> = { Conv1D: 3, Conv2D: 4, Conv3D: 5, Conv3DTranspose: 5, DepthwiseConv1D: 3, SeparableConv2D: 4 };
  for (const [className, minNdim] of Object.entries(expected)) assert.deepEqual(RULES.get(className)?.inputSpec, { minNdim }, className);
});
