/**
 * Rows for the image augmentation rules (`src/core/infer/rules/augmentation.ts`). Every expected shape, count
 * and error message was printed by real Keras 3.15.1 (jax backend) for the same layer, arguments and input
 * (`keras.Input(batch_shape=...)`); messages Keras wraps in "Exception encountered when calling ..." are its
 * inner message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testAnalyzer } from '../support/analyzer';
import { checkRows, type Row } from './ruleRows';

const shapes: Row[] = [
  { layer: 'AugMix', inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  {
    layer: 'AugMix',
    kwargs: { value_range: [0, 1], num_chains: 2, chain_depth: 4, factor: [0.1, 0.6], all_ops: false },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  // Any rank passes through: compute_output_shape returns the input shape.
  { layer: 'AugMix', inputs: [[32, 32, 3]], outputs: [[32, 32, 3]], params: 0 },
  { layer: 'AutoContrast', kwargs: { value_range: [0, 1] }, inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  { layer: 'AutoContrast', inputs: [[null, 10]], outputs: [[null, 10]], params: 0 },
  {
    layer: 'ContrastLimitedAdaptiveHistogramEqualization',
    kwargs: { clip_limit: 2.0, tile_grid_size: [4, 4] },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  { layer: 'CutMix', kwargs: { factor: 0.5 }, inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  { layer: 'CutMix', kwargs: { data_format: 'channels_first' }, inputs: [[null, 3, 32, 32]], outputs: [[null, 3, 32, 32]], params: 0 },
  { layer: 'MixUp', inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  { layer: 'MixUp', positional: [0.4], inputs: [[8, 64, 64, 1]], outputs: [[8, 64, 64, 1]], params: 0 },
  { layer: 'RandAugment', inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  {
    layer: 'RandAugment',
    kwargs: { num_ops: 3, factor: [0.2, 0.9], interpolation: 'nearest' },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  { layer: 'RandomColorDegeneration', positional: [0.5], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  {
    layer: 'RandomColorDegeneration',
    positional: [[0.2, 0.8]],
    kwargs: { data_format: 'channels_first' },
    inputs: [[null, 3, 32, 32]],
    outputs: [[null, 3, 32, 32]],
    params: 0,
  },
  { layer: 'RandomColorDegeneration', positional: [0.5], inputs: [[32, 32, 3]], outputs: [[32, 32, 3]], params: 0 },
  // Channels not known are not checked.
  { layer: 'RandomColorDegeneration', positional: [0.5], inputs: [[null, 32, 32, null]], outputs: [[null, 32, 32, null]], params: 0 },
  { layer: 'RandomColorJitter', inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  {
    layer: 'RandomColorJitter',
    kwargs: { brightness_factor: 0.2, contrast_factor: 0.2, saturation_factor: [0.5, 0.9], hue_factor: 0.1 },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  {
    layer: 'RandomElasticTransform',
    kwargs: { factor: 0.5, scale: [0.1, 0.5], fill_mode: 'constant' },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  { layer: 'RandomErasing', kwargs: { scale: 0.5, fill_value: 0.0 }, inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  {
    layer: 'RandomGaussianBlur',
    kwargs: { kernel_size: [3, 5], sigma: [0.1, 0.9] },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  { layer: 'RandomGrayscale', inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  {
    layer: 'RandomGrayscale',
    kwargs: { factor: 1.0, data_format: 'channels_first' },
    inputs: [[null, 3, 32, 32]],
    outputs: [[null, 3, 32, 32]],
    params: 0,
  },
  // Keras 3.15 keeps the channels: a gray image replaces the image where it is applied.
  { layer: 'RandomGrayscale', inputs: [[null, 32, 32, 1]], outputs: [[null, 32, 32, 1]], params: 0 },
  { layer: 'RandomHue', positional: [0.2], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  { layer: 'RandomInvert', kwargs: { factor: 0.5, value_range: [0, 1] }, inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  {
    layer: 'RandomPerspective',
    kwargs: { factor: 0.5, scale: 0.3, interpolation: 'nearest' },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  { layer: 'RandomPosterization', positional: [4], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  { layer: 'RandomPosterization', positional: [[1, 8]], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  { layer: 'RandomSaturation', positional: [[0.2, 0.8]], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  { layer: 'RandomSharpness', positional: [0.3], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  {
    layer: 'RandomShear',
    kwargs: { x_factor: 0.2, y_factor: [0.1, 0.3], fill_mode: 'constant' },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  {
    layer: 'Solarization',
    kwargs: { addition_factor: 0.2, threshold_factor: [0.1, 0.4], value_range: [0, 1] },
    inputs: [[null, 32, 32, 3]],
    outputs: [[null, 32, 32, 3]],
    params: 0,
  },
  { layer: 'MaxNumBoundingBoxes', positional: [10], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  { layer: 'MaxNumBoundingBoxes', positional: [10], inputs: [[null, 5]], outputs: [[null, 5]], params: 0 },
  // A pair is checked as given, before it is sorted: only a first item above the range or a second below it is refused.
  { layer: 'RandomHue', positional: [[-0.5, 0.5]], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  // RandomSaturation keeps the base class's range, [-1, 1].
  { layer: 'RandomSaturation', positional: [-0.5], inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
  // RandomColorJitter's RandomHue keeps its value_range unchecked.
  { layer: 'RandomColorJitter', kwargs: { hue_factor: 0.1, value_range: 5 }, inputs: [[null, 32, 32, 3]], outputs: [[null, 32, 32, 3]], params: 0 },
];

const errors: Row[] = [
  // Required arguments, in Python's words.
  { layer: 'RandomHue', inputs: [[null, 32, 32, 3]], error: "RandomHue.__init__() missing 1 required positional argument: 'factor'" },
  {
    layer: 'MaxNumBoundingBoxes',
    inputs: [[null, 32, 32, 3]],
    error: "MaxNumBoundingBoxes.__init__() missing 1 required positional argument: 'max_number'",
  },
  {
    layer: 'RandomColorDegeneration',
    positional: [0.5],
    inputs: [[null, 10]],
    error: 'Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received: input_shape=(None, 10)',
  },
  {
    layer: 'RandomColorDegeneration',
    positional: [0.5],
    inputs: [[null, 8, 32, 32, 3]],
    error: 'Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received: input_shape=(None, 8, 32, 32, 3)',
  },
  {
    layer: 'RandomColorDegeneration',
    positional: [0.5],
    inputs: [[null, 32, 32, 1]],
    error: 'Input images must have 3 channels, but received images with 1 channels.',
  },
  {
    layer: 'RandomColorDegeneration',
    positional: [0.5],
    kwargs: { data_format: 'channels_first' },
    inputs: [[null, 32, 32, 3]],
    error: 'Input images must have 3 channels, but received images with 32 channels.',
  },
  {
    layer: 'RandomColorDegeneration',
    positional: [2],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=2',
  },
  {
    layer: 'RandomColorDegeneration',
    positional: [0.5],
    kwargs: { value_range: 5 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `value_range` argument should be a list of two numbers. Received: value_range=5',
  },
  {
    layer: 'RandomColorDegeneration',
    positional: [0.5],
    kwargs: { value_range: [1, 2, 3] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `value_range` argument should be a list of two numbers. Received: value_range=(1, 2, 3)',
  },
  {
    layer: 'RandomHue',
    positional: [1.5],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=1.5',
  },
  {
    layer: 'RandomHue',
    positional: [-0.5],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=-0.5',
  },
  {
    layer: 'RandomHue',
    positional: [[0.1, 0.2, 0.3]],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=(0.1, 0.2, 0.3)',
  },
  {
    layer: 'RandomHue',
    positional: ['a'],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=a',
  },
  // A first item above the range, a second below it.
  {
    layer: 'RandomHue',
    positional: [[2, 3]],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=(2, 3)',
  },
  {
    layer: 'RandomHue',
    positional: [[0.5, -3]],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=(0.5, -3)',
  },
  {
    layer: 'RandomSaturation',
    positional: [1.5],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=1.5',
  },
  {
    layer: 'RandomSharpness',
    positional: [-0.5],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=-0.5',
  },
  {
    layer: 'RandomPosterization',
    positional: [9],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [1, 8]. Received: factor=9',
  },
  {
    layer: 'RandomPosterization',
    positional: [0],
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [1, 8]. Received: factor=0',
  },
  {
    layer: 'RandomPosterization',
    positional: [4],
    kwargs: { value_range: 'a' },
    inputs: [[null, 32, 32, 3]],
    error: 'The `value_range` argument should be a list of two numbers. Received: value_range=a',
  },
  {
    layer: 'RandomInvert',
    kwargs: { factor: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=2',
  },
  {
    layer: 'CutMix',
    kwargs: { factor: -1 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=-1',
  },
  {
    layer: 'AugMix',
    kwargs: { factor: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=2',
  },
  {
    layer: 'AugMix',
    kwargs: { interpolation: 'bicubic' },
    inputs: [[null, 32, 32, 3]],
    error: "Unknown `interpolation` bicubic. Expected of one ('nearest', 'bilinear').",
  },
  {
    layer: 'AugMix',
    kwargs: { value_range: 5 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `value_range` argument should be a list of two numbers. Received: value_range=5',
  },
  {
    layer: 'RandAugment',
    kwargs: { factor: 1.5 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=1.5',
  },
  {
    layer: 'RandAugment',
    kwargs: { value_range: [0] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `value_range` argument should be a list of two numbers. Received: value_range=(0,)',
  },
  {
    layer: 'RandomShear',
    kwargs: { x_factor: 1.5 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. Received: input_number=1.5',
  },
  {
    layer: 'RandomShear',
    kwargs: { x_factor: [0.1, 2] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. Received: input_number=2',
  },
  {
    layer: 'RandomShear',
    kwargs: { x_factor: [0.1] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. Received: x_factor=(0.1,)',
  },
  {
    layer: 'RandomShear',
    kwargs: { y_factor: 'a' },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. Received: y_factor=a',
  },
  {
    layer: 'RandomShear',
    kwargs: { fill_mode: 'mirror' },
    inputs: [[null, 32, 32, 3]],
    error: "Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', 'constant', 'nearest').",
  },
  {
    layer: 'RandomShear',
    kwargs: { interpolation: 'bicubic' },
    inputs: [[null, 32, 32, 3]],
    error: "Unknown `interpolation` bicubic. Expected of one ('nearest', 'bilinear').",
  },
  {
    layer: 'RandomShear',
    kwargs: { factor: 0.5 },
    inputs: [[null, 32, 32, 3]],
    error: 'Layer RandomShear does not take a `factor` argument. Received: factor=0.5',
  },
  {
    layer: 'Solarization',
    kwargs: { addition_factor: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `addition_factor` and `threshold_factor` arguments should be a number (or a list of two numbers) in the range [0, 1]. Received: input_number=2',
  },
  {
    layer: 'Solarization',
    kwargs: { threshold_factor: [0.1, 0.2, 0.3] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `addition_factor` and `threshold_factor` arguments should be a number (or a list of two numbers) in the range [0, 1]. Received: threshold_factor=(0.1, 0.2, 0.3)',
  },
  {
    layer: 'Solarization',
    kwargs: { value_range: 3 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `value_range` argument should be a list of two numbers. Received: value_range=3',
  },
  {
    layer: 'AutoContrast',
    kwargs: { value_range: [1] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `value_range` argument should be a list of two numbers. Received: value_range=(1,)',
  },
  {
    layer: 'AutoContrast',
    kwargs: { factor: 0 },
    inputs: [[null, 32, 32, 3]],
    error: 'Layer AutoContrast does not take a `factor` argument. Received: factor=0',
  },
  {
    layer: 'AutoContrast',
    kwargs: { data_format: 'channels_middle' },
    inputs: [[null, 32, 32, 3]],
    error: "The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=channels_middle",
  },
  {
    layer: 'RandomElasticTransform',
    kwargs: { scale: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `scale` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=2',
  },
  {
    layer: 'RandomElasticTransform',
    kwargs: { interpolation: 'bicubic' },
    inputs: [[null, 32, 32, 3]],
    error: "Unknown `interpolation` bicubic. Expected of one ('nearest', 'bilinear').",
  },
  {
    layer: 'RandomErasing',
    kwargs: { factor: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=2',
  },
  {
    layer: 'RandomErasing',
    kwargs: { scale: [2, 3] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `scale` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=(2, 3)',
  },
  {
    layer: 'RandomGaussianBlur',
    kwargs: { kernel_size: 4 },
    inputs: [[null, 32, 32, 3]],
    error: 'kernel_size must be an odd number. Received: kernel_size=4',
  },
  {
    layer: 'RandomGaussianBlur',
    kwargs: { kernel_size: [3, 4] },
    inputs: [[null, 32, 32, 3]],
    error: 'kernel_size must be an odd number. Received: kernel_size=(3, 4)',
  },
  {
    layer: 'RandomGaussianBlur',
    kwargs: { kernel_size: [3, 5, 7] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `kernel_size` argument should be a number (or a list of two numbers) Received: kernel_size=(3, 5, 7)',
  },
  {
    layer: 'RandomGaussianBlur',
    kwargs: { kernel_size: 'a' },
    inputs: [[null, 32, 32, 3]],
    error: 'kernel_size must be an odd number. Received: kernel_size=a',
  },
  {
    layer: 'RandomGaussianBlur',
    kwargs: { sigma: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `sigma` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=2',
  },
  {
    layer: 'RandomPerspective',
    kwargs: { scale: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `scale` argument should be a number in the range [0,1]. Received: scale=2',
  },
  {
    layer: 'RandomPerspective',
    kwargs: { interpolation: 'area' },
    inputs: [[null, 32, 32, 3]],
    error: "Unknown `interpolation` area. Expected of one ('nearest', 'bilinear').",
  },
  {
    layer: 'RandomGrayscale',
    kwargs: { factor: 1.5 },
    inputs: [[null, 32, 32, 3]],
    error: '`factor` should be between 0 and 1. Received: factor=1.5',
  },
  {
    layer: 'RandomGrayscale',
    kwargs: { factor: -0.1 },
    inputs: [[null, 32, 32, 3]],
    error: '`factor` should be between 0 and 1. Received: factor=-0.1',
  },
  // Layers that take no factor of their own hand one on to the base class, which checks it.
  {
    layer: 'MixUp',
    kwargs: { factor: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=2',
  },
  {
    layer: 'ContrastLimitedAdaptiveHistogramEqualization',
    kwargs: { factor: [2, 3] },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=(2, 3)',
  },
  {
    layer: 'RandomColorJitter',
    kwargs: { factor: 3 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=3',
  },
  {
    layer: 'RandomColorJitter',
    kwargs: { brightness_factor: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=2',
  },
  {
    layer: 'RandomColorJitter',
    kwargs: { contrast_factor: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=2',
  },
  {
    layer: 'RandomColorJitter',
    kwargs: { saturation_factor: 0.1, value_range: 5 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `value_range` argument should be a list of two numbers. Received: value_range=5',
  },
  {
    layer: 'RandomColorJitter',
    kwargs: { hue_factor: 2 },
    inputs: [[null, 32, 32, 3]],
    error: 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=2',
  },
];

checkRows([...shapes, ...errors]);

/**
 * Which layers AugMix builds depends on `all_ops`: when that is known only at run time, the number of the next
 * automatic name of the four it may build is unknown (the known cases are recorded from Keras in
 * `test/conformance/recorded/augmentation_names.py`).
 */
test('layers AugMix may or may not build leave the numbers of later names unknown', async () => {
  const source = [
    'import sys',
    'import keras',
    'from keras import layers',
    'model = keras.Sequential([keras.Input((8, 8, 3)), layers.AugMix(all_ops=len(sys.argv) > 1), layers.RandomShear(0.1), layers.RandomContrast(0.1)])',
  ].join('\n');
  const analysis = (await testAnalyzer()).analyze(source);
  assert.deepEqual(analysis.models[0].layers.map((layer) => layer.name), ['aug_mix', 'random_shear_1', 'random_contrast_?']);
});
