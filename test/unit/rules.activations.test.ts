import { checkRows, type Row } from './ruleRows';

const image = [null, 8, 8, 3];

const oracle: Row[] = [
  // activations_prelu
  { layer: 'ReLU', kwargs: { max_value: 6.0 }, inputs: [image], outputs: [image], params: 0 },
  { layer: 'LeakyReLU', kwargs: { negative_slope: 0.2 }, inputs: [image], outputs: [image], params: 0 },
  { layer: 'PReLU', inputs: [image], outputs: [image], params: 192, trainable: 192, weights: [['alpha', [8, 8, 3]]] },
  { layer: 'PReLU', kwargs: { shared_axes: [1, 2] }, inputs: [image], outputs: [image], params: 3, weights: [['alpha', [1, 1, 3]]] },
  { layer: 'ELU', inputs: [image], outputs: [image], params: 0 },
  { layer: 'Softmax', kwargs: { axis: -1 }, inputs: [image], outputs: [image], params: 0 },
];

const rows: Row[] = [
  { layer: 'ReLU', inputs: [[null, 5]], outputs: [[null, 5]] },
  { layer: 'ReLU', positional: [null, 0.1, 0.5], inputs: [[null, 5]], outputs: [[null, 5]] },
  { layer: 'LeakyReLU', inputs: [[null, 5]], outputs: [[null, 5]] },
  // The deprecated alpha= keyword still sets the slope.
  { layer: 'LeakyReLU', kwargs: { alpha: 0.1 }, inputs: [[null, 5]], outputs: [[null, 5]] },
  { layer: 'ELU', positional: [0.5], inputs: [[null, null, 4]], outputs: [[null, null, 4]] },
  { layer: 'Softmax', positional: [1], inputs: [[null, 4, 6]], outputs: [[null, 4, 6]] },
  { layer: 'PReLU', inputs: [[null, 10]], params: 10 },
  { layer: 'PReLU', kwargs: { shared_axes: 1 }, inputs: [[null, 20, 6]], weights: [['alpha', [1, 6]]] },
  // A None axis must be shared, otherwise alpha cannot be created.
  { layer: 'PReLU', kwargs: { shared_axes: [1] }, inputs: [[null, null, 6]], outputs: [[null, null, 6]], params: 6 },
  {
    layer: 'PReLU',
    inputs: [[null, null, 6]],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None, 6) for variable path='layer/alpha'",
  },
  { layer: 'PReLU', kwargs: { shared_axes: [4] }, inputs: [image], error: 'list assignment index out of range' },
  { layer: 'ReLU', kwargs: { max_value: -1 }, inputs: [image], error: 'max_value of a ReLU layer cannot be a negative value. Received: max_value=-1' },
  { layer: 'ReLU', kwargs: { negative_slope: null }, inputs: [image], error: 'negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=None' },
  { layer: 'ReLU', kwargs: { threshold: -2 }, inputs: [image], error: 'threshold of a ReLU layer cannot be None or a negative value. Received: threshold=-2' },
  {
    layer: 'LeakyReLU',
    kwargs: { negative_slope: -0.1 },
    inputs: [image],
    error: 'The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=-0.1',
  },
];

checkRows([...oracle, ...rows]);
