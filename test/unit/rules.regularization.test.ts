import { checkRows, type Row } from './ruleRows';

const image = [null, 16, 16, 8];

const oracle: Row[] = [
  // dropout_noise, conv2d_mnist_cnn
  { layer: 'Dropout', positional: [0.3], inputs: [image], outputs: [image], params: 0 },
  { layer: 'SpatialDropout2D', positional: [0.2], inputs: [image], outputs: [image], params: 0 },
  { layer: 'GaussianNoise', positional: [0.1], inputs: [image], outputs: [image], params: 0 },
  { layer: 'GaussianDropout', positional: [0.1], inputs: [image], outputs: [image], params: 0 },
  { layer: 'AlphaDropout', positional: [0.1], inputs: [[null, 2048]], outputs: [[null, 2048]], params: 0 },
  { layer: 'Dropout', positional: [0.25], inputs: [[null, 12, 12, 64]], outputs: [[null, 12, 12, 64]] },
  { layer: 'Dropout', positional: [0.5], inputs: [[null, 128]], outputs: [[null, 128]] },
];

const rows: Row[] = [
  { layer: 'Dropout', kwargs: { rate: 0.5, noise_shape: [null, 1, 8] }, inputs: [[null, 5, 8]], outputs: [[null, 5, 8]] },
  { layer: 'Dropout', positional: [0], inputs: [[null]], outputs: [[null]] },
  { layer: 'SpatialDropout1D', positional: [0.2], inputs: [[null, 10, 4]], outputs: [[null, 10, 4]] },
  { layer: 'SpatialDropout2D', positional: [0.2, 'channels_first'], inputs: [[null, 8, 4, 4]], outputs: [[null, 8, 4, 4]] },
  { layer: 'SpatialDropout3D', positional: [0.2], inputs: [[null, 2, 2, 2, 4]], outputs: [[null, 2, 2, 2, 4]] },
  { layer: 'ActivityRegularization', kwargs: { l1: 0.01, l2: 0.001 }, inputs: [[null, 7]], outputs: [[null, 7]], params: 0 },
  // The spatial dropouts fix the rank (InputSpec(ndim=rank + 2)).
  { layer: 'SpatialDropout1D', positional: [0.2], inputs: [image], error: /expected ndim=3, found ndim=4/ },
  { layer: 'SpatialDropout2D', positional: [0.2], inputs: [[null, 10, 4]], error: /expected ndim=4, found ndim=3/ },
  { layer: 'SpatialDropout3D', positional: [0.2], inputs: [image], error: /expected ndim=5, found ndim=4/ },
  { layer: 'Dropout', positional: [1.5], inputs: [image], error: 'Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5' },
  { layer: 'SpatialDropout2D', positional: [-0.5], inputs: [image], error: 'Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=-0.5' },
  { layer: 'GaussianNoise', positional: [2], inputs: [image], error: 'Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=2' },
  {
    layer: 'Dropout',
    kwargs: { rate: 0.5, noise_shape: [null, 0] },
    inputs: [[null, 5]],
    error: 'Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None. Received negative or zero value at index 1: 0',
  },
  { layer: 'Dropout', inputs: [image], error: "Dropout.__init__() missing 1 required positional argument: 'rate'" },
];

checkRows([...oracle, ...rows]);
