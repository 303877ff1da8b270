import { checkRows, type Row } from './ruleRows';

const oracle: Row[] = [
  // flatten_reshape
  { layer: 'Flatten', inputs: [[null, 28, 28]], outputs: [[null, 784]], params: 0 },
  { layer: 'Reshape', positional: [[7, 7, 16]], inputs: [[null, 784]], outputs: [[null, 7, 7, 16]], params: 0 },
  { layer: 'Reshape', positional: [[-1, 4]], inputs: [[null, 7, 7, 16]], outputs: [[null, 196, 4]] },
  { layer: 'Reshape', positional: [[49, -1]], inputs: [[null, 196, 4]], outputs: [[null, 49, 16]] },
  { layer: 'Flatten', inputs: [[null, 49, 16]], outputs: [[null, 784]] },
  // dropout_noise, batchnorm, conv2d_mnist_cnn, global_pooling2d
  { layer: 'Flatten', inputs: [[null, 16, 16, 8]], outputs: [[null, 2048]] },
  { layer: 'Flatten', inputs: [[null, 30, 30, 16]], outputs: [[null, 14400]] },
  { layer: 'Flatten', inputs: [[null, 12, 12, 64]], outputs: [[null, 9216]] },
  { layer: 'Flatten', inputs: [[null, 1, 1, 512]], outputs: [[null, 512]] },
  // invalid_reshape_size
  {
    layer: 'Reshape',
    positional: [[10, 10]],
    inputs: [[null, 784]],
    error: 'The total size of the tensor must be unchanged. Received: input_shape=(784,), target_shape=(10, 10)',
  },
  // permute_repeatvector
  { layer: 'Permute', positional: [[2, 1]], inputs: [[null, 20, 6]], outputs: [[null, 6, 20]], params: 0 },
  { layer: 'RepeatVector', positional: [5], inputs: [[null, 12]], outputs: [[null, 5, 12]], params: 0 },
  { layer: 'Permute', positional: [[3, 1, 2]], inputs: [[null, 4, 5, 6]], outputs: [[null, 6, 4, 5]] },
  // zeropadding
  { layer: 'ZeroPadding1D', positional: [[1, 3]], inputs: [[null, 10, 3]], outputs: [[null, 14, 3]], params: 0 },
  { layer: 'ZeroPadding2D', positional: [1], inputs: [[null, 28, 28, 1]], outputs: [[null, 30, 30, 1]] },
  { layer: 'ZeroPadding2D', positional: [[[1, 2], [3, 4]]], inputs: [[null, 28, 28, 1]], outputs: [[null, 31, 35, 1]] },
  { layer: 'ZeroPadding2D', positional: [[2, 5]], inputs: [[null, 28, 28, 1]], outputs: [[null, 32, 38, 1]] },
  { layer: 'ZeroPadding3D', positional: [1], inputs: [[null, 4, 4, 4, 2]], outputs: [[null, 6, 6, 6, 2]] },
  // upsampling
  { layer: 'UpSampling1D', positional: [3], inputs: [[null, 10, 3]], outputs: [[null, 30, 3]], params: 0 },
  { layer: 'UpSampling2D', positional: [[2, 3]], inputs: [[null, 8, 6, 4]], outputs: [[null, 16, 18, 4]] },
  { layer: 'UpSampling2D', kwargs: { size: 2, interpolation: 'bilinear' }, inputs: [[null, 8, 6, 4]], outputs: [[null, 16, 12, 4]] },
  { layer: 'UpSampling3D', positional: [2], inputs: [[null, 2, 3, 4, 5]], outputs: [[null, 4, 6, 8, 5]] },
];

const flattenAndReshape: Row[] = [
  { layer: 'Flatten', inputs: [[null]], outputs: [[null, 1]] },
  { layer: 'Flatten', inputs: [[null, 5]], outputs: [[null, 5]] },
  { layer: 'Flatten', inputs: [[null, null, 4]], outputs: [[null, null]] },
  { layer: 'Flatten', kwargs: { data_format: 'channels_first' }, inputs: [[8, 3, 4, 4]], outputs: [[8, 48]] },
  { layer: 'Reshape', positional: [[-1]], inputs: [[null, 4, 5]], outputs: [[null, 20]] },
  { layer: 'Reshape', kwargs: { target_shape: [2, -1, 5] }, inputs: [[null, 4, 5]], outputs: [[null, 2, 2, 5]] },
  // With an unknown input axis Keras cannot resolve -1 and does not check the size.
  { layer: 'Reshape', positional: [[-1, 2]], inputs: [[null, null, 4]], outputs: [[null, null, 2]] },
  { layer: 'Reshape', positional: [[3, 7]], inputs: [[null, null, 4]], outputs: [[null, 3, 7]] },
  {
    layer: 'Reshape',
    positional: [[-1, 10]],
    inputs: [[null, 784]],
    error:
      'The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: input_shape=(784,), target_shape=(-1, 10)',
  },
  { layer: 'Reshape', positional: [[-1, -1]], inputs: [[null, 784]], error: 'There must be at most one unknown dimension (-1) in `target_shape`. Received: target_shape=(-1, -1).' },
  {
    layer: 'Reshape',
    positional: [[-2, 392]],
    inputs: [[null, 784]],
    error: 'Each dimension in `target_shape` must be a non-negative integer, or `-1` for a single unknown dimension. Received: target_shape=(-2, 392).',
  },
];

const permuteAndRepeat: Row[] = [
  { layer: 'Permute', positional: [[1, 3, 2]], inputs: [[null, 2, 3, 4]], outputs: [[null, 2, 4, 3]] },
  {
    layer: 'Permute',
    positional: [[0, 1]],
    inputs: [[null, 2, 3]],
    error: 'Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims=(0, 1)',
  },
  { layer: 'Permute', positional: [[2, 1]], inputs: [[null, 2, 3, 4]], error: /expected ndim=3, found ndim=4/ },
  { layer: 'RepeatVector', positional: [3], inputs: [[null, null]], outputs: [[null, 3, null]] },
  { layer: 'RepeatVector', positional: [3], inputs: [[null, 4, 2]], error: /expected ndim=2, found ndim=3/ },
  { layer: 'RepeatVector', positional: [0], inputs: [[null, 4]], error: 'Argument `n` should be a positive integer. Received: n=0' },
  { layer: 'RepeatVector', positional: [2.5], inputs: [[null, 4]], error: "Expected an integer value for `n`, got <class 'float'>." },
];

const cropping: Row[] = [
  { layer: 'Cropping1D', inputs: [[null, 10, 3]], outputs: [[null, 8, 3]], params: 0 },
  { layer: 'Cropping1D', positional: [[2, 5]], inputs: [[null, 10, 3]], outputs: [[null, 3, 3]] },
  { layer: 'Cropping1D', positional: [4], inputs: [[null, null, 3]], outputs: [[null, null, 3]] },
  {
    layer: 'Cropping1D',
    positional: [[5, 5]],
    inputs: [[null, 10, 3]],
    error: '`cropping` parameter of `Cropping1D` layer must be smaller than the input length. Received: input_shape=(None, 10, 3), cropping=(5, 5)',
  },
  // Cropping2D's default crops nothing.
  { layer: 'Cropping2D', inputs: [[null, 28, 28, 3]], outputs: [[null, 28, 28, 3]] },
  { layer: 'Cropping2D', positional: [[[1, 1], [2, 2]]], inputs: [[null, 28, 28, 3]], outputs: [[null, 26, 24, 3]] },
  { layer: 'Cropping2D', positional: [[2, 3]], inputs: [[null, 28, 28, 3]], outputs: [[null, 24, 22, 3]] },
  { layer: 'Cropping2D', positional: [2], kwargs: { data_format: 'channels_first' }, inputs: [[null, 3, 10, 12]], outputs: [[null, 3, 6, 8]] },
  {
    layer: 'Cropping2D',
    positional: [14],
    inputs: [[null, 28, 28, 3]],
    error:
      'Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=(None, 28, 28, 3), cropping=((14, 14), (14, 14))',
  },
  { layer: 'Cropping2D', positional: [-1], inputs: [[null, 28, 28, 3]], error: '`cropping` cannot be negative. Received: cropping=-1.' },
  { layer: 'Cropping2D', positional: [[1, 2, 3]], inputs: [[null, 28, 28, 3]], error: '`cropping` should have two elements. Received: cropping=(1, 2, 3).' },
  {
    layer: 'Cropping2D',
    positional: [[[1, 2, 3], 1]],
    inputs: [[null, 28, 28, 3]],
    error: 'The `1st entry of cropping` argument must be a tuple of 2 integers. Received 1st entry of cropping=(1, 2, 3)',
  },
  { layer: 'Cropping3D', inputs: [[null, 4, 5, 6, 3]], outputs: [[null, 2, 3, 4, 3]] },
  { layer: 'Cropping3D', positional: [[[0, 1], 2, [3, 0]]], inputs: [[null, 4, 5, 6, 3]], outputs: [[null, 3, 1, 3, 3]] },
  { layer: 'Cropping3D', positional: [[1, 1]], inputs: [[null, 4, 5, 6, 3]], error: '`cropping` should have 3 elements. Received: (1, 1).' },
];

const padding: Row[] = [
  { layer: 'ZeroPadding1D', inputs: [[null, 10, 3]], outputs: [[null, 12, 3]] },
  { layer: 'ZeroPadding1D', positional: [2], kwargs: { data_format: 'channels_first' }, inputs: [[null, 3, 10]], outputs: [[null, 3, 14]] },
  { layer: 'ZeroPadding2D', inputs: [[null, 28, 28, 1]], outputs: [[null, 30, 30, 1]] },
  { layer: 'ZeroPadding2D', positional: [[[0, 1], [0, 1]]], kwargs: { data_format: 'channels_first' }, inputs: [[null, 1, 7, 7]], outputs: [[null, 1, 8, 8]] },
  { layer: 'ZeroPadding2D', positional: [3], inputs: [[null, null, 5, 1]], outputs: [[null, null, 11, 1]] },
  { layer: 'ZeroPadding2D', positional: [[1, 2, 3]], inputs: [[null, 28, 28, 3]], error: '`padding` should have two elements. Received: padding=(1, 2, 3).' },
  { layer: 'ZeroPadding3D', inputs: [[null, 4, 4, 4, 2]], outputs: [[null, 6, 6, 6, 2]] },
  { layer: 'ZeroPadding3D', positional: [[1, 2, 3]], inputs: [[null, 4, 4, 4, 2]], outputs: [[null, 6, 8, 10, 2]] },
  { layer: 'ZeroPadding3D', positional: [1], inputs: [[null, 4, 4, 2]], error: /expected ndim=5, found ndim=4/ },
];

const upSampling: Row[] = [
  { layer: 'UpSampling1D', inputs: [[null, 10, 3]], outputs: [[null, 20, 3]] },
  { layer: 'UpSampling1D', inputs: [[null, null, 3]], outputs: [[null, null, 3]] },
  { layer: 'UpSampling1D', positional: [[2, 2]], inputs: [[null, 10, 3]], error: "Expected an integer value for `size`, got <class 'tuple'>." },
  { layer: 'UpSampling1D', positional: [0], inputs: [[null, 10, 3]], error: 'Argument `size` should be a positive integer. Received: size=0' },
  { layer: 'UpSampling2D', inputs: [[null, 8, 6, 4]], outputs: [[null, 16, 12, 4]] },
  { layer: 'UpSampling2D', positional: [[2, 3], 'channels_first'], inputs: [[null, 4, 8, 6]], outputs: [[null, 4, 16, 18]] },
  { layer: 'UpSampling3D', positional: [[1, 2, 3]], kwargs: { data_format: 'channels_first' }, inputs: [[null, 5, 2, 3, 4]], outputs: [[null, 5, 2, 6, 12]] },
  { layer: 'UpSampling2D', positional: [0], inputs: [[null, 8, 6, 4]], error: 'The `size` argument must be a tuple of 2 integers. Received size=0, including values {0} that do not satisfy `value > 0`' },
];

checkRows([...oracle, ...flattenAndReshape, ...permuteAndRepeat, ...cropping, ...padding, ...upSampling]);
