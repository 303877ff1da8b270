import { checkRows, type Row } from './ruleRows';

const sequence = [null, null, 100];

const attention: Row[] = [
  // Oracle attention_masking.
  { layer: 'Attention', inputs: [sequence, sequence], outputs: [sequence], params: 0 },
  { layer: 'AdditiveAttention', inputs: [sequence, sequence], outputs: [sequence], weights: [['scale', [100]]], params: 100 },
  { layer: 'Attention', kwargs: { use_scale: true }, inputs: [sequence, sequence], weights: [['scale', []]], params: 1 },
  { layer: 'Attention', kwargs: { score_mode: 'concat' }, inputs: [sequence, sequence], weights: [['concat_score_weight', []]], params: 1 },
  { layer: 'Attention', positional: [true, 'concat'], inputs: [sequence, sequence], params: 2 },
  { layer: 'Attention', inputs: [[null, 5, 16], [null, 7, 32]], outputs: [[null, 5, 32]] },
  { layer: 'Attention', inputs: [[null, 5, 16], [null, 7, 32], [null, 7, 16]], outputs: [[null, 5, 32]] },
  {
    layer: 'Attention',
    call: { return_attention_scores: true },
    inputs: [[null, 5, 16], [null, 7, 32]],
    outputs: [
      [null, 5, 32],
      [null, 5, 7],
    ],
  },
  {
    layer: 'AdditiveAttention',
    call: { return_attention_scores: true },
    inputs: [[null, 5, 16], [null, 7, 16], [null, 9, 16]],
    outputs: [
      [null, 5, 16],
      [null, 5, 9],
    ],
    params: 16,
  },
  { layer: 'AdditiveAttention', kwargs: { use_scale: false }, inputs: [[null, 5, 16], [null, 7, 16]], outputs: [[null, 5, 16]], params: 0 },
  {
    layer: 'AdditiveAttention',
    inputs: [[null, 5, null], [null, 7, 16]],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None,) for variable path='layer/scale'",
  },
  {
    layer: 'Attention',
    inputs: [[null, 5, 16]],
    error: 'Attention layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: 1.',
  },
  {
    layer: 'AdditiveAttention',
    inputs: [[null, 5, 16], [null, 5, 16], [null, 5, 16], [null, 5, 16]],
    error: 'AdditiveAttention layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: 4.',
  },
  {
    layer: 'Attention',
    kwargs: { score_mode: 'add' },
    inputs: [sequence, sequence],
    error: "Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=add",
  },
];

const selfInput = [null, 10, 64];
const mha = (kwargs: Row['kwargs']) => ({ layer: 'MultiHeadAttention', kwargs });

const multiHead: Row[] = [
  // Oracle mha_self_attention.
  {
    ...mha({ num_heads: 4, key_dim: 16 }),
    inputs: [selfInput, selfInput],
    outputs: [selfInput],
    weights: [
      ['query/kernel', [64, 4, 16]],
      ['query/bias', [4, 16]],
      ['key/kernel', [64, 4, 16]],
      ['key/bias', [4, 16]],
      ['value/kernel', [64, 4, 16]],
      ['value/bias', [4, 16]],
      ['attention_output/kernel', [4, 16, 64]],
      ['attention_output/bias', [64]],
    ],
    params: 16640,
  },
  { layer: 'MultiHeadAttention', positional: [4, 16], kwargs: { use_bias: false }, inputs: [selfInput, selfInput], params: 16384 },
  { ...mha({ num_heads: 4, key_dim: 16, use_gate: true }), inputs: [selfInput, selfInput], params: 16640 + 4160 },
  // Cross-attention: key defaults to value.
  { ...mha({ num_heads: 2, key_dim: 8 }), inputs: [[null, 5, 16], [null, 7, 32]], outputs: [[null, 5, 16]], params: 272 + 528 + 528 + 272 },
  {
    ...mha({ num_heads: 2, key_dim: 8 }),
    inputs: [[null, 5, 16], [null, 7, 32], [null, 7, 24]],
    outputs: [[null, 5, 16]],
    params: 272 + 400 + 528 + 272,
  },
  { ...mha({ num_heads: 2, key_dim: 8, value_dim: 4 }), inputs: [[null, 10, 16], [null, 10, 16]], params: 272 + 272 + 136 + 144 },
  { ...mha({ num_heads: 2, key_dim: 8, output_shape: 32 }), inputs: [[null, 10, 16], [null, 10, 16]], outputs: [[null, 10, 32]], params: 272 * 3 + 544 },
  {
    ...mha({ num_heads: 2, key_dim: 8, output_shape: [4, 8] }),
    inputs: [[null, 10, 16], [null, 10, 16]],
    outputs: [[null, 10, 4, 8]],
    weights: [
      ['query/kernel', [16, 2, 8]],
      ['query/bias', [2, 8]],
      ['key/kernel', [16, 2, 8]],
      ['key/bias', [2, 8]],
      ['value/kernel', [16, 2, 8]],
      ['value/bias', [2, 8]],
      ['attention_output/kernel', [2, 8, 4, 8]],
      ['attention_output/bias', [4, 8]],
    ],
  },
  // Attention over two axes of a rank-4 input.
  { ...mha({ num_heads: 2, key_dim: 4, attention_axes: [1, 2] }), inputs: [[null, 5, 6, 8], [null, 5, 6, 8]], outputs: [[null, 5, 6, 8]], params: 72 * 4 },
  {
    ...mha({ num_heads: 4, key_dim: 16 }),
    call: { return_attention_scores: true },
    inputs: [selfInput, selfInput],
    outputs: [selfInput, [null, 4, 10, 10]],
  },
  {
    title: 'MultiHeadAttention scores use the query length twice, even for cross-attention (Keras 3.16)',
    ...mha({ num_heads: 2, key_dim: 8 }),
    call: { return_attention_scores: true },
    inputs: [[null, 5, 16], [null, 7, 32]],
    outputs: [
      [null, 5, 16],
      [null, 2, 5, 5],
    ],
  },
  {
    ...mha({ num_heads: 2, key_dim: 8 }),
    inputs: [[null, 5, 16], [null, 7, 32], [null, 6, 32]],
    error:
      'All dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape=(None, 7, 32) and key_shape=(None, 6, 32)',
  },
  {
    ...mha({ num_heads: 0, key_dim: 8 }),
    inputs: [selfInput, selfInput],
    error: 'Received an invalid value for argument `num_heads`, expected a positive integer. Received: num_heads=0',
  },
  {
    ...mha({ num_heads: 2, key_dim: 8, value_dim: 0 }),
    inputs: [selfInput, selfInput],
    error: 'Received an invalid value for argument `value_dim`, expected a positive integer or `None`. Received: value_dim=0',
  },
  {
    ...mha({ num_heads: 4, key_dim: 16 }),
    inputs: [
      [null, 10, null],
      [null, 10, 64],
    ],
    error: "Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None, 4, 16) for variable path='layer/query/kernel'",
  },
];

const gqa = (kwargs: Row['kwargs']) => ({ layer: 'GroupedQueryAttention', kwargs });
const gqaBase = { head_dim: 8, num_query_heads: 4, num_key_value_heads: 2 };
const model = [null, 10, 32];

const grouped: Row[] = [
  {
    ...gqa(gqaBase),
    inputs: [model, model],
    outputs: [model],
    weights: [
      ['query/kernel', [32, 4, 8]],
      ['query/bias', [4, 8]],
      ['key/kernel', [32, 2, 8]],
      ['key/bias', [2, 8]],
      ['value/kernel', [32, 2, 8]],
      ['value/bias', [2, 8]],
      ['attention_output/kernel', [4, 8, 32]],
      ['attention_output/bias', [32]],
    ],
    params: 3168,
  },
  { layer: 'GroupedQueryAttention', positional: [8, 4, 2], kwargs: { use_bias: false }, inputs: [model, model], params: 3072 },
  { ...gqa({ ...gqaBase, use_gate: true }), inputs: [model, model], params: 3168 + 1056 },
  {
    ...gqa(gqaBase),
    call: { return_attention_scores: true },
    inputs: [[null, 5, 32], [null, 7, 32]],
    outputs: [
      [null, 5, 32],
      [null, 4, 5, 7],
    ],
  },
  {
    ...gqa({ ...gqaBase, num_query_heads: 3 }),
    inputs: [model, model],
    error: '`num_query_heads` must be divisible by `num_key_value_heads`.',
  },
  {
    ...gqa(gqaBase),
    inputs: [[null, 5, 32], [null, 7, 16]],
    error:
      'The last dimension of `query_shape` and `value_shape` must be equal, but are 32, 16. Received: query_shape=(None, 5, 32), value_shape=(None, 7, 16)',
  },
];

checkRows([...attention, ...multiHead, ...grouped]);
