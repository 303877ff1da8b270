import { layer } from './ruleHarness';
import { checkRows, type Row } from './ruleRows';

const batchNormalization: Row[] = [
  // Oracle batchnorm.
  {
    layer: 'BatchNormalization',
    inputs: [[null, 30, 30, 16]],
    outputs: [[null, 30, 30, 16]],
    params: 64,
    trainable: 32,
    nonTrainable: 32,
    weights: [['gamma', [16]], ['beta', [16]], ['moving_mean', [16]], ['moving_variance', [16]]],
  },
  {
    layer: 'BatchNormalization',
    kwargs: { center: false },
    inputs: [[null, 64]],
    outputs: [[null, 64]],
    params: 192,
    trainable: 64,
    nonTrainable: 128,
    weights: [['gamma', [64]], ['moving_mean', [64]], ['moving_variance', [64]]],
  },
  { layer: 'BatchNormalization', kwargs: { scale: false, center: false }, inputs: [[null, 10]], params: 20, trainable: 0, nonTrainable: 20 },
  { layer: 'BatchNormalization', kwargs: { axis: 1 }, inputs: [[null, 8, null]], outputs: [[null, 8, null]], params: 32, nonTrainable: 16 },
  { layer: 'BatchNormalization', positional: [-3], inputs: [[null, 8, 4, 2]], params: 32 },
  {
    layer: 'BatchNormalization',
    kwargs: { renorm: true },
    inputs: [[null, 64]],
    params: 448,
    trainable: 128,
    nonTrainable: 320,
    weights: [['gamma', [64]], ['beta', [64]], ['moving_mean', [64]], ['moving_variance', [64]], ['moving_stddev', [64]], ['renorm_mean', [64]], ['renorm_stddev', [64]]],
  },
  // BatchNormalization.build indexes the input shape before anything else.
  { layer: 'BatchNormalization', kwargs: { axis: 3 }, inputs: [[null, 8, 4]], error: 'tuple index out of range' },
  {
    layer: 'BatchNormalization',
    inputs: [[null, 8, null]],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None,) for variable path='layer/gamma'",
  },
  // The first variable created names the path (Keras 3.15.1).
  {
    layer: 'BatchNormalization',
    kwargs: { scale: false },
    inputs: [[null, 8, null]],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None,) for variable path='layer/beta'",
  },
  {
    layer: 'BatchNormalization',
    kwargs: { scale: false, center: false },
    inputs: [[null, 8, null]],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None,) for variable path='layer/moving_mean'",
  },
];

const layerNormalization: Row[] = [
  // Oracle layernorm.
  { layer: 'LayerNormalization', inputs: [[null, 10, 16]], outputs: [[null, 10, 16]], params: 32, trainable: 32, nonTrainable: 0 },
  {
    layer: 'LayerNormalization',
    kwargs: { axis: [1, 2] },
    inputs: [[null, 10, 16]],
    outputs: [[null, 10, 16]],
    params: 320,
    weights: [['gamma', [10, 16]], ['beta', [10, 16]]],
  },
  { layer: 'LayerNormalization', kwargs: { scale: false, epsilon: 1e-6 }, inputs: [[null, 10, 16]], outputs: [[null, 10, 16]], params: 16, weights: [['beta', [16]]] },
  // Axes are sorted before the weight shape is taken.
  { layer: 'LayerNormalization', kwargs: { axis: [-1, 1] }, inputs: [[null, 3, 4, 5]], weights: [['gamma', [3, 5]], ['beta', [3, 5]]] },
  { layer: 'LayerNormalization', kwargs: { rms_scaling: true }, inputs: [[null, 7]], weights: [['gamma', [7]]] },
  { layer: 'LayerNormalization', kwargs: { axis: 3 }, inputs: [[null, 10, 16]], error: 'axis 3 is out of bounds for an array with dimension 3.' },
  { layer: 'LayerNormalization', kwargs: { axis: [2, -1] }, inputs: [[null, 10, 16]], error: 'Duplicate axes are not allowed. Received: axis=[2, -1]' },
  { layer: 'LayerNormalization', kwargs: { axis: 'last' }, inputs: [[null, 10, 16]], error: "Expected an int or a list/tuple of ints for the argument 'axis', but received: 'last'" },
];

const groupUnitRms: Row[] = [
  { layer: 'GroupNormalization', kwargs: { groups: 4 }, inputs: [[null, 10, 16]], outputs: [[null, 10, 16]], params: 32, weights: [['gamma', [16]], ['beta', [16]]] },
  { layer: 'GroupNormalization', kwargs: { groups: -1, center: false }, inputs: [[null, 8, 8, 6]], params: 6 },
  { layer: 'GroupNormalization', positional: [2, 1], inputs: [[null, 6, 5]], weights: [['gamma', [6]], ['beta', [6]]] },
  { layer: 'GroupNormalization', inputs: [[null, 10, 16]], error: 'Number of groups (32) cannot be more than the number of channels (16).' },
  { layer: 'GroupNormalization', kwargs: { groups: 5 }, inputs: [[null, 10, 16]], error: 'Number of groups (5) must be a multiple of the number of channels (16).' },
  {
    layer: 'GroupNormalization',
    kwargs: { groups: 4 },
    inputs: [[null, 10, null]],
    error: 'Axis -1 of input tensor should have a defined dimension but the layer received an input with shape (None, 10, None).',
  },
  {
    layer: 'GroupNormalization',
    kwargs: { groups: 0 },
    inputs: [[null, 10, 16]],
    error: 'Received an invalid value for argument `groups`, expected a positive integer (or `-1` for instance normalization). Received: groups=0',
  },
  { layer: 'UnitNormalization', inputs: [[null, 10, 16]], outputs: [[null, 10, 16]], params: 0 },
  { layer: 'UnitNormalization', kwargs: { axis: [1, 2] }, inputs: [[null, 10, 16]], outputs: [[null, 10, 16]] },
  { layer: 'UnitNormalization', kwargs: { axis: [1, 5] }, inputs: [[null, 10, 16]], error: 'Axis [1, 5] is out of bounds for input shape (None, 10, 16).' },
  { layer: 'RMSNormalization', inputs: [[null, 10, 16]], outputs: [[null, 10, 16]], params: 16, weights: [['scale', [16]]] },
  { layer: 'RMSNormalization', kwargs: { axis: [2, 1] }, inputs: [[null, 10, 16]], params: 160, weights: [['scale', [10, 16]]] },
];

const spectral: Row[] = [
  {
    layer: 'SpectralNormalization',
    positional: [layer('Dense', { units: 10 })],
    inputs: [[null, 784]],
    outputs: [[null, 10]],
    params: 7860,
    trainable: 7850,
    nonTrainable: 10,
    weights: [['kernel', [784, 10]], ['vector_u', [1, 10]], ['bias', [10]]],
  },
  {
    layer: 'SpectralNormalization',
    positional: [layer('Conv2D', { filters: 8, kernel_size: 3 })],
    kwargs: { power_iterations: 3 },
    inputs: [[null, 28, 28, 3]],
    outputs: [[null, 26, 26, 8]],
    params: 232,
    nonTrainable: 8,
  },
  // Conv2DTranspose's kernel ends with the input channels.
  {
    layer: 'SpectralNormalization',
    positional: [layer('Conv2DTranspose', { filters: 8, kernel_size: 3 })],
    inputs: [[null, 5, 5, 3]],
    outputs: [[null, 7, 7, 8]],
    weights: [['kernel', [3, 3, 8, 3]], ['vector_u', [1, 3]], ['bias', [8]]],
  },
  {
    layer: 'SpectralNormalization',
    positional: [layer('SeparableConv2D', { filters: 8, kernel_size: 3 })],
    inputs: [[null, 28, 28, 3]],
    error: "SeparableConv2D object has no attribute 'kernel' nor 'embeddings'",
  },
  {
    layer: 'SpectralNormalization',
    positional: [layer('Dense', { units: 10 })],
    kwargs: { power_iterations: 0 },
    inputs: [[null, 784]],
    error: '`power_iterations` should be greater than zero. Received: `power_iterations=0`',
  },
];

checkRows([...batchNormalization, ...layerNormalization, ...groupUnitRms, ...spectral]);
