import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../src/core/infer/rules';
import { poolingAliases } from '../../src/core/infer/rules/pooling';
import { checkRows, type Row } from './ruleRows';

const oracle: Row[] = [
  // pooling1d
  { layer: 'MaxPooling1D', positional: [2], inputs: [[null, 25, 6]], outputs: [[null, 12, 6]], params: 0 },
  { layer: 'AveragePooling1D', positional: [3], kwargs: { strides: 1, padding: 'same' }, inputs: [[null, 12, 6]], outputs: [[null, 12, 6]], params: 0 },
  { layer: 'MaxPooling1D', kwargs: { pool_size: 4, strides: 3, padding: 'valid' }, inputs: [[null, 12, 6]], outputs: [[null, 3, 6]] },
  { layer: 'GlobalMaxPooling1D', inputs: [[null, 3, 6]], outputs: [[null, 6]], params: 0 },
  { layer: 'GlobalAveragePooling1D', kwargs: { keepdims: true }, inputs: [[null, 3, 6]], outputs: [[null, 1, 6]] },
  // pooling2d, conv2d_mnist_cnn
  { layer: 'MaxPooling2D', positional: [[2, 2]], inputs: [[null, 15, 15, 4]], outputs: [[null, 7, 7, 4]] },
  { layer: 'AveragePooling2D', kwargs: { pool_size: 3, strides: 2, padding: 'valid' }, inputs: [[null, 7, 7, 4]], outputs: [[null, 3, 3, 4]] },
  { layer: 'MaxPooling2D', kwargs: { pool_size: [2, 2], padding: 'same' }, inputs: [[null, 3, 3, 4]], outputs: [[null, 2, 2, 4]] },
  { layer: 'MaxPooling2D', kwargs: { pool_size: [2, 2] }, inputs: [[null, 24, 24, 64]], outputs: [[null, 12, 12, 64]] },
  // global_pooling2d, embedding_pooling, conv1d_valid_strides
  { layer: 'GlobalAveragePooling2D', inputs: [[null, 7, 7, 512]], outputs: [[null, 512]], params: 0 },
  { layer: 'GlobalMaxPooling2D', kwargs: { keepdims: true }, inputs: [[null, 7, 7, 512]], outputs: [[null, 1, 1, 512]] },
  { layer: 'GlobalAveragePooling1D', inputs: [[null, 200, 16]], outputs: [[null, 16]] },
  { layer: 'GlobalMaxPooling1D', inputs: [[null, 16, 64]], outputs: [[null, 64]] },
  // conv3d_pool3d
  { layer: 'MaxPooling3D', kwargs: { pool_size: [1, 2, 2] }, inputs: [[null, 7, 15, 15, 16]], outputs: [[null, 7, 7, 7, 16]] },
  { layer: 'AveragePooling3D', positional: [2], kwargs: { padding: 'same' }, inputs: [[null, 7, 7, 7, 16]], outputs: [[null, 4, 4, 4, 16]] },
  { layer: 'GlobalAveragePooling3D', inputs: [[null, 4, 4, 4, 16]], outputs: [[null, 16]] },
  // invalid_gap2d_rank3, invalid_maxpool1d_rank2
  { layer: 'GlobalAveragePooling2D', inputs: [[null, 10, 8]], error: /expected ndim=4, found ndim=3\. Full shape received: \(None, 10, 8\)$/ },
  { layer: 'MaxPooling1D', positional: [2], inputs: [[null, 100]], error: /expected ndim=3, found ndim=2\. Full shape received: \(None, 100\)$/ },
];

const windows: Row[] = [
  // MaxPooling defaults pool_size to 2; strides default to pool_size.
  { layer: 'MaxPooling2D', inputs: [[null, 9, 9, 3]], outputs: [[null, 4, 4, 3]] },
  { layer: 'MaxPooling1D', inputs: [[null, 9, 3]], outputs: [[null, 4, 3]] },
  { layer: 'MaxPooling3D', inputs: [[null, 4, 5, 6, 1]], outputs: [[null, 2, 2, 3, 1]] },
  { layer: 'MaxPooling2D', positional: [3, 1], inputs: [[null, 9, 9, 3]], outputs: [[null, 7, 7, 3]] },
  { layer: 'MaxPooling2D', positional: [[3, 2]], kwargs: { strides: [1, 2] }, inputs: [[null, 9, 9, 3]], outputs: [[null, 7, 4, 3]] },
  { layer: 'AveragePooling2D', positional: [2], kwargs: { data_format: 'channels_first' }, inputs: [[null, 3, 8, 6]], outputs: [[null, 3, 4, 3]] },
  { layer: 'MaxPooling1D', positional: [2], kwargs: { data_format: 'channels_first' }, inputs: [[null, 6, 11]], outputs: [[null, 6, 5]] },
  { layer: 'AveragePooling1D', positional: [4], kwargs: { padding: 'same' }, inputs: [[null, 10, 2]], outputs: [[null, 3, 2]] },
  { layer: 'MaxPooling2D', inputs: [[null, null, 8, 3]], outputs: [[null, null, 4, 3]] },
  { layer: 'AveragePooling2D', inputs: [[null, 8, 8, 3]], error: "AveragePooling2D.__init__() missing 1 required positional argument: 'pool_size'" },
  {
    layer: 'MaxPooling2D',
    positional: [3],
    inputs: [[null, 2, 2, 3]],
    error: 'Computed output size would be zero or negative. Received: `inputs.shape=[None 2 2 3]`, `pool_size=[3 3]`, `strides=(3, 3)`, `padding=valid`.',
  },
  // Keras prints None spatial sizes as -1 (it overwrote them in the array it reports).
  {
    layer: 'MaxPooling2D',
    inputs: [[null, null, 1, 3]],
    error: 'Computed output size would be zero or negative. Received: `inputs.shape=[None -1 1 3]`, `pool_size=[2 2]`, `strides=(2, 2)`, `padding=valid`.',
  },
  {
    layer: 'MaxPooling1D',
    positional: [4],
    inputs: [[null, 3, 2]],
    error: 'Computed output size would be zero or negative. Received: `inputs.shape=[None 3 2]`, `pool_size=[4]`, `strides=(4,)`, `padding=valid`.',
  },
  // BasePooling keeps padding as given: compute_pooling_output_shape compares it case-sensitively.
  { layer: 'MaxPooling2D', kwargs: { padding: 'SAME' }, inputs: [[null, 4, 4, 3]], error: "Argument `padding` must be either 'valid' or 'same'. Received: padding=SAME" },
  { layer: 'MaxPooling2D', positional: [[2, 2, 2]], inputs: [[null, 4, 4, 3]], error: 'The `pool_size` argument must be a tuple of 2 integers. Received pool_size=(2, 2, 2)' },
];

const global: Row[] = [
  { layer: 'GlobalMaxPooling2D', kwargs: { data_format: 'channels_first' }, inputs: [[null, 32, 7, 7]], outputs: [[null, 32]] },
  { layer: 'GlobalAveragePooling3D', kwargs: { keepdims: true }, inputs: [[null, 2, 3, 4, 5]], outputs: [[null, 1, 1, 1, 5]] },
  { layer: 'GlobalAveragePooling1D', kwargs: { data_format: 'channels_first', keepdims: true }, inputs: [[null, 5, 9]], outputs: [[null, 5, 1]] },
  { layer: 'GlobalMaxPooling3D', inputs: [[null, null, null, null, 7]], outputs: [[null, 7]] },
  { layer: 'GlobalMaxPooling2D', inputs: [[null, 4, 4, 4, 3]], error: /expected ndim=4, found ndim=5/ },
];

const adaptive: Row[] = [
  { layer: 'AdaptiveAveragePooling2D', positional: [[5, 7]], inputs: [[null, 17, 4, 3]], outputs: [[null, 5, 7, 3]], params: 0 },
  { layer: 'AdaptiveMaxPooling2D', positional: [4], kwargs: { data_format: 'channels_first' }, inputs: [[null, 3, 32, 32]], outputs: [[null, 3, 4, 4]] },
  { layer: 'AdaptiveMaxPooling1D', positional: [8], inputs: [[null, 100, 6]], outputs: [[null, 8, 6]] },
  { layer: 'AdaptiveAveragePooling3D', positional: [2], inputs: [[null, 9, 9, 9, 1]], outputs: [[null, 2, 2, 2, 1]] },
  { layer: 'AdaptiveMaxPooling1D', positional: [[5, 7]], inputs: [[null, 17, 4]], error: 'For 1D input, `output_size` tuple must have length 1. Received: (5, 7)' },
  { layer: 'AdaptiveMaxPooling2D', positional: [[5, 7, 1]], inputs: [[null, 17, 4, 1]], error: "`output_size` must be an integer or (height, width) tuple. Received: (5, 7, 1) of type <class 'tuple'>" },
];

checkRows([...oracle, ...windows, ...global, ...adaptive]);

test('every pooling alias names a pooling rule and is not itself a rule', () => {
  for (const [alias, className] of Object.entries(poolingAliases)) {
    assert.equal(RULES.get(className)?.family, 'pooling', alias);
    assert.equal(RULES.has(alias), false, alias);
  }
  assert.equal(poolingAliases.MaxPool2D, 'MaxPooling2D');
  assert.equal(poolingAliases.GlobalAvgPool2D, 'GlobalAveragePooling2D');
});
