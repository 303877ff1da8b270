import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './ruleHarness';
import { checkRows, type Row } from './ruleRows';

test('Dense maps the last axis only', () => {
  assert.deepEqual(run('Dense', { units: 4 }, [[null, 784]]).outputs, [[null, 4]]);
  const r = run('Dense', { units: 4 }, [[null, 784, 1]]);
  assert.deepEqual(r.outputs, [[null, 784, 4]]);
  assert.equal(r.params, 8);
  assert.equal(run('Dense', { units: 4 }, [[null, 784]]).params, 3140);
  assert.equal(run('Dense', { units: 4, use_bias: false }, [[null, 784]]).params, 3136);
});

test('Dense rejects a rank-1 input and an undefined last axis', () => {
  assert.throws(() => run('Dense', { units: 4 }, [[null]]), /expected min_ndim=2/);
  assert.throws(() => run('Dense', { units: 4 }, [[null, null]]), /fully-defined/);
});

const dense: Row[] = [
  // Seeds and oracle dense_last_axis.
  { layer: 'Dense', positional: [4], inputs: [[null, 32, 28]], outputs: [[null, 32, 4]], params: 116 },
  { layer: 'Dense', positional: [4], inputs: [[null, 32, 28, 1]], outputs: [[null, 32, 28, 4]], params: 8 },
  { layer: 'Dense', positional: [7], inputs: [[null, 2, 3, 4, 5]], outputs: [[null, 2, 3, 4, 7]], params: 42 },
  { layer: 'Dense', positional: [10], inputs: [[null, 784, 4]], outputs: [[null, 784, 10]], params: 50 },
  // Positional order: units, activation, use_bias.
  { layer: 'Dense', positional: [3, 'relu', false], inputs: [[null, 5]], outputs: [[null, 3]], weights: [['kernel', [5, 3]]] },
  {
    layer: 'Dense',
    kwargs: { units: 8, lora_rank: 2 },
    inputs: [[null, 16]],
    weights: [
      ['kernel', [16, 8]],
      ['bias', [8]],
      ['lora_kernel_a', [16, 2]],
      ['lora_kernel_b', [2, 8]],
    ],
    params: 136 + 32 + 16,
    trainable: 8 + 32 + 16,
    nonTrainable: 128,
  },
  {
    layer: 'Dense',
    kwargs: { units: 8, lora_rank: 2, kernel_constraint: 'non_neg' },
    inputs: [[null, 16]],
    error: 'Lora is incompatible with kernel constraints. In order to enable lora on this layer, remove the `kernel_constraint` argument.',
  },
  { layer: 'Dense', positional: [0], inputs: [[null, 4]], error: 'Received an invalid value for `units`, expected a positive integer. Received: units=0' },
  { layer: 'Dense', positional: [4.5], inputs: [[null, 4]], error: 'Received an invalid value for `units`, expected a positive integer. Received: units=4.5' },
  {
    layer: 'Dense',
    positional: [4],
    inputs: [[null, 10, null]],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None, 4) for variable path='layer/kernel'",
  },
  { layer: 'TernaryDense', positional: [4], inputs: [[null, 784]], outputs: [[null, 4]], params: 3140 },
  { layer: 'TernaryDense', kwargs: { units: 4, use_bias: false }, inputs: [[null, 3, 5]], outputs: [[null, 3, 4]], params: 20 },
  { layer: 'TernaryDense', positional: [4], inputs: [[5]], error: /expected min_ndim=2, found ndim=1/ },
];

/** keras/src/layers/core/einsum_dense_test.py `test_einsum_dense_basics`: equation, bias axes, shapes. */
const einsumCases: [string, string | null, number[], number[] | number, number[], number[] | null, number[]][] = [
  ['ab,b->a', null, [2, 32], [], [32], null, [2]],
  ['ab,bc->ac', null, [2, 32], 64, [32, 64], null, [2, 64]],
  ['abc,cde->abde', null, [2, 1, 2], [1, 3, 4], [2, 3, 4], null, [2, 1, 3, 4]],
  ['abc,cde->abde', 'e', [2, 1, 2], [1, 3, 4], [2, 3, 4], [4], [2, 1, 3, 4]],
  ['abc,cde->abde', 'd', [2, 1, 2], [1, 3, 4], [2, 3, 4], [3, 1], [2, 1, 3, 4]],
  ['abc,cde->abde', 'be', [2, 7, 2], [7, 3, 4], [2, 3, 4], [7, 1, 4], [2, 7, 3, 4]],
  ['BFNH,NHD->BFD', null, [2, 1, 2, 3], [1, 4], [2, 3, 4], null, [2, 1, 4]],
  ['abc,cd->abd', null, [2, 1, 2], [1, 4], [2, 4], null, [2, 1, 4]],
  ['i,d->id', null, [2], [2], [2], null, [2, 2]],
  ['ibd,nd->ibn', null, [2, 2, 1], [2, 2], [2, 1], null, [2, 2, 2]],
  ['...b,bc->...c', null, [2, 32], [64], [32, 64], null, [2, 64]],
  ['...bc,bc->...b', null, [2, 32, 64], [32], [32, 64], null, [2, 32]],
  ['...b,bc->...c', null, [2, 3, 32], [64], [32, 64], null, [2, 3, 64]],
  ['...c,cde->...de', null, [2, 1, 2], [3, 4], [2, 3, 4], null, [2, 1, 3, 4]],
  ['...c,cde->...de', 'e', [2, 1, 2], [3, 4], [2, 3, 4], [4], [2, 1, 3, 4]],
  ['...c,cde->...de', 'd', [2, 1, 2], [3, 4], [2, 3, 4], [3, 1], [2, 1, 3, 4]],
  ['...c,cde->...de', 'de', [2, 1, 2], [3, 4], [2, 3, 4], [3, 4], [2, 1, 3, 4]],
  ['bc...,cd->bd...', null, [2, 1, 2, 3], [4], [1, 4], null, [2, 4, 2, 3]],
  ['bc...,cde->bde...', null, [2, 1, 2], [3, 4], [1, 3, 4], null, [2, 3, 4, 2]],
  ['bc...,cde->bde...', 'd', [2, 1, 2], [3, 4], [1, 3, 4], [3, 1, 1], [2, 3, 4, 2]],
  ['bc...,cde->bde...', 'e', [2, 1, 2], [3, 4], [1, 3, 4], [4, 1], [2, 3, 4, 2]],
  ['bc...,cde->bde...', 'de', [2, 1, 2], [3, 4], [1, 3, 4], [3, 4, 1], [2, 3, 4, 2]],
];

const product = (shape: number[]) => shape.reduce((p, d) => p * d, 1);

const einsum: Row[] = [
  ...einsumCases.map(
    ([equation, biasAxes, input, outputShape, kernel, bias, output]): Row => ({
      layer: 'EinsumDense',
      kwargs: { equation, output_shape: outputShape, bias_axes: biasAxes },
      inputs: [input],
      outputs: [output],
      weights: bias ? [['kernel', kernel], ['bias', bias]] : [['kernel', kernel]],
      params: product(kernel) + (bias ? product(bias) : 0),
    }),
  ),
  // test_compute_output_shape_before_build: a None in output_shape stays None.
  { layer: 'EinsumDense', positional: ['ab,bc->ac', [7]], inputs: [[null, 5]], outputs: [[null, 7]], params: 35 },
  {
    layer: 'EinsumDense',
    kwargs: { equation: 'abc,cd->abd', output_shape: [null, 4], bias_axes: 'd' },
    inputs: [[null, 3, 8]],
    outputs: [[null, null, 4]],
    params: 36,
  },
  // Several elided leading axes are re-inserted one by one at position 1: Keras reverses them.
  { layer: 'EinsumDense', kwargs: { equation: '...b,bc->...c', output_shape: 4 }, inputs: [[null, 2, 3, 5]], outputs: [[null, 3, 2, 4]] },
  {
    layer: 'EinsumDense',
    kwargs: { equation: 'abc,cd->abd', output_shape: [] },
    inputs: [[null, 3, 8]],
    error: 'list index out of range',
  },
  {
    layer: 'EinsumDense',
    kwargs: { equation: 'ab,bc', output_shape: 4 },
    inputs: [[null, 3]],
    error: "Invalid einsum equation 'ab,bc'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....",
  },
  {
    layer: 'EinsumDense',
    kwargs: { equation: 'abc,cd->abd', output_shape: [5, 4] },
    inputs: [[null, 3, 8]],
    error: "Input shape and output shape do not match at shared dimension 'b'. Input shape is 3, and output shape is 5.",
  },
  {
    layer: 'EinsumDense',
    kwargs: { equation: 'ab,bc->ae', output_shape: 4 },
    inputs: [[null, 3]],
    error: "Dimension 'e' was specified in the output 'ae' but has no corresponding dim in the input spec 'ab' or weight spec 'ae'",
  },
  {
    layer: 'EinsumDense',
    kwargs: { equation: 'ab,bcz->ac', output_shape: 4 },
    inputs: [[null, 3]],
    error: "Weight dimension 'z' did not have a match in either the input spec 'ab' or the output spec 'ac'. For this layer, the weight must be fully specified.",
  },
  {
    layer: 'EinsumDense',
    kwargs: { equation: 'ab,bc->ac', output_shape: 4, bias_axes: 'x' },
    inputs: [[null, 3]],
    error: "Bias dimension 'x' was requested, but is not part of the output spec 'ac'",
  },
  {
    layer: 'EinsumDense',
    kwargs: { equation: 'abc,cde->abde', output_shape: [null, 4, 8], bias_axes: 'de' },
    inputs: [[null, 10, 64]],
    outputs: [[null, null, 4, 8]],
    weights: [
      ['kernel', [64, 4, 8]],
      ['bias', [4, 8]],
    ],
    params: 2048 + 32,
  },
];

const embedding: Row[] = [
  // Oracles embedding_pooling and attention_masking.
  { layer: 'Embedding', kwargs: { input_dim: 10000, output_dim: 16 }, inputs: [[null, 200]], outputs: [[null, 200, 16]], params: 160000 },
  { layer: 'Embedding', positional: [1000, 64], kwargs: { mask_zero: true }, inputs: [[null, null]], outputs: [[null, null, 64]], params: 64000 },
  // input_length is accepted and ignored.
  { layer: 'Embedding', positional: [5000, 32], kwargs: { input_length: 20 }, inputs: [[null, 7]], outputs: [[null, 7, 32]], params: 160000 },
  { layer: 'Embedding', positional: [10, 3], inputs: [[null]], outputs: [[null, 3]], weights: [['embeddings', [10, 3]]] },
  { layer: 'Embedding', positional: [10, 3], inputs: [[null, 4, 5]], outputs: [[null, 4, 5, 3]], params: 30 },
  {
    layer: 'Embedding',
    positional: [100, 8],
    kwargs: { lora_rank: 4 },
    inputs: [[null, 5]],
    weights: [
      ['embeddings', [100, 8]],
      ['lora_embeddings_a', [100, 4]],
      ['lora_embeddings_b', [4, 8]],
    ],
    trainable: 432,
    nonTrainable: 800,
  },
  { layer: 'Embedding', positional: [0, 8], inputs: [[null, 5]], error: '`input_dim` must be a positive integer. Received: input_dim=0 (of type int).' },
  {
    layer: 'Embedding',
    positional: [10, 8.5],
    inputs: [[null, 5]],
    error: '`output_dim` must be a positive integer. Received: output_dim=8.5 (of type float).',
    title: 'Embedding refuses a float output_dim',
  },
  { layer: 'ReversibleEmbedding', positional: [100, 16], inputs: [[null, 7]], outputs: [[null, 7, 16]], params: 1600 },
  { layer: 'ReversibleEmbedding', positional: [100, 16], call: { reverse: true }, inputs: [[null, 7, 16]], outputs: [[null, 7, 100]], params: 1600 },
  {
    layer: 'ReversibleEmbedding',
    positional: [100, 16, false],
    inputs: [[null, 7]],
    weights: [
      ['embeddings', [100, 16]],
      ['reverse_embeddings', [16, 100]],
    ],
    params: 3200,
  },
];

const passThrough: Row[] = [
  { layer: 'Identity', inputs: [[null, 3, 4]], outputs: [[null, 3, 4]], params: 0 },
  { layer: 'Masking', kwargs: { mask_value: 0.0 }, inputs: [[null, null, 100]], outputs: [[null, null, 100]], params: 0 },
  { layer: 'Masking', inputs: [[null, 10, 8]], outputs: [[null, 10, 8]], weights: [] },
  // Oracle activations_prelu.
  { layer: 'Activation', positional: ['tanh'], inputs: [[null, 8, 8, 3]], outputs: [[null, 8, 8, 3]], params: 0 },
  { layer: 'Lambda', positional: ['f'], kwargs: { output_shape: [4] }, inputs: [[null, 10, 4]], outputs: [[null, 4]], params: 0 },
  { layer: 'Lambda', kwargs: { function: 'f', output_shape: [10, 4, 1] }, inputs: [[8, 10, 4]], outputs: [[8, 10, 4, 1]] },
  { layer: 'Lambda', kwargs: { function: 'f', output_shape: 3 }, inputs: [[null, 10]], outputs: [[null, 3]] },
  { layer: 'Lambda', kwargs: { function: 'f', output_shape: [null, 4] }, inputs: [[null, 10, 4]], outputs: [[null, null, 4]] },
  {
    layer: 'Lambda',
    kwargs: { function: 'f', output_shape: [[4], [2, 2]] },
    inputs: [[null, 4]],
    outputs: [
      [null, 4],
      [null, 2, 2],
    ],
  },
  // Oracle lambda_layer: without output_shape Keras runs the function; a rule cannot.
  { layer: 'Lambda', positional: ['f'], inputs: [[null, 10, 4]], unknown: 'output_shape' },
];

checkRows([...dense, ...einsum, ...embedding, ...passThrough]);
