import { checkRows, type Row } from './ruleRows';

const image = [null, 32, 32, 3];

const imageLayers: Row[] = [
  { layer: 'Rescaling', positional: [0.5], kwargs: { offset: -1 }, inputs: [image], outputs: [image], params: 0 },
  { layer: 'Resizing', positional: [64, 48], inputs: [image], outputs: [[null, 64, 48, 3]], params: 0 },
  { layer: 'Resizing', positional: [64, 48], kwargs: { data_format: 'channels_first' }, inputs: [[null, 3, 32, 32]], outputs: [[null, 3, 64, 48]] },
  // Resizing.compute_output_shape takes any input that is not rank 4 as one unbatched image.
  { layer: 'Resizing', positional: [64, 48], inputs: [[null, 32, 32]], outputs: [[64, 48, 32]] },
  { layer: 'Resizing', positional: [64, 48], inputs: [[null]], error: 'list assignment index out of range' },
  { layer: 'CenterCrop', positional: [24, 20], inputs: [image], outputs: [[null, 24, 20, 3]] },
  { layer: 'CenterCrop', positional: [24, 20], inputs: [[32, 32, 3]], outputs: [[24, 20, 3]] },
  {
    layer: 'CenterCrop',
    positional: [24, 20],
    inputs: [[null, 32]],
    error: '`input_shape` must be a non-nested tuple or list of rank-1 with size 3 (unbatched) or 4 (batched). ',
  },
  { layer: 'RandomCrop', positional: [24, 20], inputs: [image], outputs: [[null, 24, 20, 3]] },
  { layer: 'RandomCrop', positional: [24, 20], kwargs: { data_format: 'channels_first' }, inputs: [[null, 3, 32, 32]], outputs: [[null, 3, 24, 20]] },
  { layer: 'RandomCrop', positional: [24, 20], inputs: [[null, 32]], error: 'list assignment index out of range' },
  { layer: 'RandomFlip', positional: ['horizontal'], inputs: [image], outputs: [image], params: 0 },
  { layer: 'RandomFlip', inputs: [image], outputs: [image] },
  { layer: 'RandomRotation', positional: [0.1], inputs: [image], outputs: [image], params: 0 },
  { layer: 'RandomZoom', positional: [0.2], inputs: [image], outputs: [image] },
  { layer: 'RandomTranslation', positional: [0.1, 0.1], inputs: [image], outputs: [image] },
  { layer: 'RandomContrast', positional: [0.2], inputs: [image], outputs: [image] },
  { layer: 'RandomBrightness', positional: [0.2], inputs: [image], outputs: [image] },
  { layer: 'RandomRotation', inputs: [image], error: "RandomRotation.__init__() missing 1 required positional argument: 'factor'" },
];

const numeric: Row[] = [
  // Normalization stores mean, variance and count as non-trainable weights: 2·d + 1.
  {
    layer: 'Normalization',
    inputs: [[null, 9]],
    outputs: [[null, 9]],
    params: 19,
    trainable: 0,
    nonTrainable: 19,
    weights: [['mean', [9]], ['variance', [9]], ['count', []]],
  },
  { layer: 'Normalization', kwargs: { axis: null }, inputs: [[null, 9]], params: 3, weights: [['mean', []], ['variance', []], ['count', []]] },
  { layer: 'Normalization', kwargs: { axis: [1, 2] }, inputs: [[null, 4, 5, 3]], params: 41 },
  { layer: 'Normalization', kwargs: { mean: 0.5, variance: 2.5 }, inputs: [[null, 9]], outputs: [[null, 9]], params: 0 },
  {
    layer: 'Normalization',
    inputs: [[null, null]],
    error: 'All `axis` values to be kept must have a known shape. Received axis=(-1,), inputs.shape=(None, None), with unknown axis at index 1',
  },
  { layer: 'Normalization', kwargs: { axis: 2 }, inputs: [[null, 9]], error: 'All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=2, while axis=(2,)' },
  {
    layer: 'Normalization',
    kwargs: { mean: 0.5 },
    inputs: [[null, 9]],
    error: 'When setting values directly, both `mean` and `variance` must be set. Received: mean=0.5 and variance=None',
  },
  { layer: 'Discretization', kwargs: { bin_boundaries: [0.5, 1.5, 2.5] }, inputs: [[null, 4]], outputs: [[null, 4]], params: 0 },
  { layer: 'Discretization', kwargs: { bin_boundaries: [0.5, 1.5, 2.5], output_mode: 'one_hot' }, inputs: [[null, 1]], outputs: [[null, 4]] },
  { layer: 'Discretization', kwargs: { bin_boundaries: [0.5, 1.5, 2.5], output_mode: 'one_hot' }, inputs: [[null, 3]], outputs: [[null, 3, 4]] },
  { layer: 'Discretization', kwargs: { num_bins: 5, output_mode: 'multi_hot' }, inputs: [[null, 4]], outputs: [[null, 5]] },
  // Discretization.compute_output_shape drops the second axis in the counting modes.
  { layer: 'Discretization', kwargs: { num_bins: 5, output_mode: 'count' }, inputs: [[null, 4, 7]], outputs: [[null, 7, 5]] },
  { layer: 'Discretization', inputs: [[null, 4]], error: 'You need to set either `num_bins` or `bin_boundaries`.' },
  {
    layer: 'Discretization',
    kwargs: { num_bins: 3, output_mode: 'binary' },
    inputs: [[null, 4]],
    error: "Unknown value for `output_mode` argument of Discretization. Allowed values are: ('int', 'one_hot', 'multi_hot', 'count'). Received: output_mode=binary",
  },
];

const categorical: Row[] = [
  { layer: 'StringLookup', kwargs: { vocabulary: ['a', 'b', 'c'] }, inputs: [[null, 5]], outputs: [[null, 5]], params: 0 },
  // depth = one OOV index + 3 tokens.
  { layer: 'StringLookup', kwargs: { vocabulary: ['a', 'b', 'c'], output_mode: 'one_hot' }, inputs: [[null, 1]], outputs: [[null, 4]] },
  { layer: 'StringLookup', kwargs: { vocabulary: ['a', 'b', 'c'], output_mode: 'one_hot' }, inputs: [[null, 2]], outputs: [[null, 2, 4]] },
  // A vocabulary that already starts with the OOV token is not counted twice.
  { layer: 'StringLookup', kwargs: { vocabulary: ['[UNK]', 'a', 'b', 'c'], output_mode: 'multi_hot' }, inputs: [[null, 5]], outputs: [[null, 4]] },
  { layer: 'StringLookup', kwargs: { max_tokens: 10, pad_to_max_tokens: true, output_mode: 'count' }, inputs: [[null, 5]], outputs: [[null, 10]] },
  // Without a vocabulary the depth is learnt by adapt(): a named unknown.
  { layer: 'StringLookup', kwargs: { output_mode: 'tf_idf' }, inputs: [[null, 5]], outputs: [[null, 'vocabulary_size()']] },
  { layer: 'IntegerLookup', kwargs: { vocabulary: [12, 36, 1138, 42], num_oov_indices: 2, output_mode: 'multi_hot' }, inputs: [[null, 4]], outputs: [[null, 6]] },
  { layer: 'IntegerLookup', kwargs: { invert: true, vocabulary: [12, 36] }, inputs: [[null, 4]], outputs: [[null, 4]] },
  { layer: 'IntegerLookup', kwargs: { max_tokens: 1 }, inputs: [[null, 4]], error: 'If set, `max_tokens` must be greater than 1. Received: max_tokens=1' },
  {
    layer: 'StringLookup',
    kwargs: { pad_to_max_tokens: true, output_mode: 'count' },
    inputs: [[null, 4]],
    error: 'If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None',
  },
  {
    layer: 'StringLookup',
    kwargs: { vocabulary: ['a', 'b', 'c'], max_tokens: 3 },
    inputs: [[null, 4]],
    error: 'Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is 4; `max_tokens` is 3.',
  },
  { layer: 'StringLookup', kwargs: { invert: true, output_mode: 'one_hot' }, inputs: [[null, 4]], error: "`output_mode` must be `'int'` when `invert` is true. Received: output_mode=one_hot" },
  { layer: 'CategoryEncoding', kwargs: { num_tokens: 4 }, inputs: [[null, 3]], outputs: [[null, 4]], params: 0 },
  { layer: 'CategoryEncoding', kwargs: { num_tokens: 4, output_mode: 'one_hot' }, inputs: [[null, 1]], outputs: [[null, 4]] },
  { layer: 'CategoryEncoding', kwargs: { num_tokens: 4, output_mode: 'one_hot' }, inputs: [[null, 3]], outputs: [[null, 3, 4]] },
  { layer: 'CategoryEncoding', kwargs: { num_tokens: 4, output_mode: 'one_hot' }, inputs: [[null]], outputs: [[null, 4]] },
  { layer: 'CategoryEncoding', kwargs: { num_tokens: 6, output_mode: 'count' }, inputs: [[null, 2, 3]], outputs: [[null, 2, 6]] },
  {
    layer: 'CategoryEncoding',
    inputs: [[null, 3]],
    error: 'num_tokens must be set to use this layer. If the number of tokens is not known beforehand, use the IntegerLookup layer instead.',
  },
  { layer: 'CategoryEncoding', kwargs: { num_tokens: 3, output_mode: 'tf_idf' }, inputs: [[null, 3]], error: 'Unknown arg for output_mode: tf_idf' },
  { layer: 'Hashing', positional: [3], inputs: [[null, 4]], outputs: [[null, 4]], params: 0 },
  { layer: 'Hashing', positional: [3], kwargs: { output_mode: 'multi_hot' }, inputs: [[null, 4]], outputs: [[null, 3]] },
  { layer: 'Hashing', positional: [0], inputs: [[null, 4]], error: 'The `num_bins` for `Hashing` cannot be `None` or non-positive values. Received: num_bins=0.' },
  { layer: 'HashedCrossing', positional: [5], inputs: [[null, 1], [null, 1]], outputs: [[null, 1]], params: 0 },
  { layer: 'HashedCrossing', positional: [5], kwargs: { output_mode: 'one_hot' }, inputs: [[null, 1], [null, 1]], outputs: [[null, 5]] },
  { layer: 'HashedCrossing', positional: [5], kwargs: { output_mode: 'one_hot' }, inputs: [[null, 2], [null, 2]], outputs: [[null, 2, 5]] },
  {
    layer: 'HashedCrossing',
    positional: [5],
    inputs: [[null, 2], [null, 1]],
    error: 'Expected the two input tensors to have identical shapes. Received input_shape=[(None, 2), (None, 1)]',
  },
  {
    layer: 'HashedCrossing',
    positional: [5],
    inputs: [[null, 1], [null, 1], [null, 1]],
    error: 'Expected as input a list/tuple of 2 tensors. Received input_shape=[(None, 1), (None, 1), (None, 1)]',
  },
];

const text: Row[] = [
  { layer: 'TextVectorization', kwargs: { max_tokens: 100, output_sequence_length: 20 }, inputs: [[null, 1]], outputs: [[null, 20]], params: 0 },
  { layer: 'TextVectorization', inputs: [[null, 1]], outputs: [[null, null]] },
  { layer: 'TextVectorization', inputs: [[null]], outputs: [[null, null]] },
  // Other modes split into a new axis, then encode it like StringLookup (TextVectorization.compute_output_shape).
  { layer: 'TextVectorization', kwargs: { output_mode: 'multi_hot', max_tokens: 100, pad_to_max_tokens: true }, inputs: [[null, 1]], outputs: [[null, 1, 100]] },
  { layer: 'TextVectorization', kwargs: { output_mode: 'count', vocabulary: ['a', 'b', 'c'] }, inputs: [[null]], outputs: [[null, 4]] },
  { layer: 'TextVectorization', kwargs: { output_mode: 'tf_idf', max_tokens: 100 }, inputs: [[null]], outputs: [[null, 'vocabulary_size()']] },
  { layer: 'TextVectorization', kwargs: { output_mode: 'multi_hot', split: null, vocabulary: ['a', 'b'] }, inputs: [[null]], outputs: [[null, 3]] },
  {
    layer: 'TextVectorization',
    kwargs: { output_mode: 'multi_hot', output_sequence_length: 10 },
    inputs: [[null, 1]],
    error: "`output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length=10.",
  },
];

checkRows([...imageLayers, ...numeric, ...categorical, ...text]);
