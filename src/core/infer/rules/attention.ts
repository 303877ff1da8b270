/**
 * Attention layers (`keras/src/layers/attention/`). Attention and AdditiveAttention are called on a list
 * `[query, value(, key)]`; MultiHeadAttention and GroupedQueryAttention take the tensors as arguments and
 * project them with EinsumDense sublayers, whose weights we derive with the EinsumDense analysis of `core.ts`.
 * `return_attention_scores=True` (a call argument) adds the scores as a second output.
 */
import type { Dim, Shape } from '../../model';
import { formatShape, repr } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import { analyzeEinsum, certainlyDifferent, defined, dimText, shapesCertainlyDifferent } from './core';
import { KerasError, type LayerRule, type Param, type RuleContext, type WeightSpec } from './types';

const param = (name: string, value?: string): Param => (value === undefined ? { name } : { name, default: value });
const lastDim = (shape: Shape): Dim => shape[shape.length - 1];

/** The trailing parameters MultiHeadAttention and GroupedQueryAttention share, in Keras' order. */
const PROJECTION_PARAMS: readonly Param[] = [
  param('kernel_initializer', "'glorot_uniform'"),
  param('bias_initializer', "'zeros'"),
  param('kernel_regularizer', 'None'),
  param('bias_regularizer', 'None'),
  param('activity_regularizer', 'None'),
  param('kernel_constraint', 'None'),
  param('bias_constraint', 'None'),
  param('use_gate', 'False'),
  param('seed', 'None'),
];

// ---------------------------------------------------------------------------------------------------------
// Attention and AdditiveAttention (keras/src/layers/attention/attention.py, additive_attention.py).

/** Attention._validate_inputs: a list of two or three tensors. */
function queryValueKey(className: string, inputs: readonly Shape[]): { query: Shape; value: Shape; key: Shape } {
  if (inputs.length < 2 || inputs.length > 3) {
    throw new KerasError(
      `${className} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: ${inputs.length}.`,
    );
  }
  return { query: inputs[0], value: inputs[1], key: inputs[2] ?? inputs[1] };
}

/**
 * Attention.compute_output_spec: `(*query[:-1], value[-1])`, plus the scores `(*query[:-1], key[-2])`
 * when the call asks for them.
 */
function attentionOutputs(className: string, { inputs, callArgs }: RuleContext): Shape | Shape[] {
  const { query, value, key } = queryValueKey(className, inputs);
  const output = [...query.slice(0, -1), lastDim(value)];
  if (!callArgs.bool('return_attention_scores')) return output;
  return [output, [...query.slice(0, -1), key[key.length - 2]]];
}

function checkScoreMode(args: LayerArgs): string {
  const mode = args.str('score_mode');
  if (mode !== 'dot' && mode !== 'concat') {
    throw new KerasError(`Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=${mode}`);
  }
  return mode;
}

const attention: LayerRule = {
  className: 'Attention',
  family: 'attention',
  params: [param('use_scale', 'False'), param('score_mode', "'dot'"), param('dropout', '0.0'), param('seed', 'None')],
  call: 'list',
  outputShape: (ctx) => {
    checkScoreMode(ctx.args);
    return attentionOutputs('Attention', ctx);
  },
  // Attention.build: two optional scalars.
  weights: ({ args }) => [
    ...(args.bool('use_scale') ? [{ name: 'scale', shape: [] }] : []),
    ...(checkScoreMode(args) === 'concat' ? [{ name: 'concat_score_weight', shape: [] }] : []),
  ],
  explain:
    "Attention (dot-product, Luong-style) is called on [query, value] or [query, value, key] (key defaults to value): query (batch, Tq, d) and value (batch, Tv, d_v) give (batch, Tq, d_v), a softmax-weighted sum of the values with scores query·keyᵀ. It has no weights, except one scalar scale with use_scale=True and one scalar with score_mode='concat'. return_attention_scores=True also returns the scores (batch, Tq, Tv).",
};

const additiveAttention: LayerRule = {
  className: 'AdditiveAttention',
  family: 'attention',
  params: [param('use_scale', 'True'), param('dropout', '0.0')],
  // Handed on to Attention.__init__ through `**kwargs`.
  moreKeywords: ['score_mode', 'seed'],
  call: 'list',
  outputShape: (ctx) => attentionOutputs('AdditiveAttention', ctx),
  // AdditiveAttention.build: a scale vector over the query's last axis.
  weights: ({ inputs, args, variablePath }) => {
    const { query } = queryValueKey('AdditiveAttention', inputs);
    return args.bool('use_scale') ? defined(variablePath, [{ name: 'scale', shape: [lastDim(query)] }]) : [];
  },
  explain:
    'AdditiveAttention (Bahdanau-style) is called on [query, value] or [query, value, key]: query (batch, Tq, d) and value (batch, Tv, d_v) give (batch, Tq, d_v), with scores sum(scale·tanh(query + key)) over the last axis. With use_scale=True (the default) its one weight is that scale, a vector of shape (d,): d parameters. return_attention_scores=True also returns the scores (batch, Tq, Tv).',
};

// ---------------------------------------------------------------------------------------------------------
// MultiHeadAttention (keras/src/layers/attention/multi_head_attention.py).

const letter = (i: number): string => 'abcdefghijklmnopqrstuvwxyz'[i];

/** `_build_proj_equation`: free axes carried over, bound axes contracted, output axes created (and biased). */
function projectionEquation(freeDims: number, boundDims: number, outputDims: number) {
  const free = Array.from({ length: freeDims }, (_, i) => letter(i)).join('');
  const bound = Array.from({ length: boundDims }, (_, i) => letter(freeDims + i)).join('');
  const created = Array.from({ length: outputDims }, (_, i) => letter(freeDims + boundDims + i)).join('');
  return { equation: `${free}${bound},${bound}${created}->${free}${created}`, biasAxes: created, outputRank: freeDims + outputDims };
}

/** `_get_output_shape`: the known trailing sizes, `None` before them. */
const partialShape = (outputRank: number, known: readonly Dim[]): Dim[] => [
  ...Array.from({ length: outputRank - known.length }, () => null),
  ...known,
];

interface Projection {
  readonly name: string;
  readonly equation: string;
  readonly biasAxes: string;
  readonly partialOutput: Shape;
  readonly input: Shape;
}

/** The weights of EinsumDense sublayers, named `<sublayer>/kernel` and `<sublayer>/bias`. */
function projectionWeights(projections: readonly Projection[], useBias: boolean): WeightSpec[] {
  return projections.flatMap(({ name, equation, biasAxes, partialOutput, input }) => {
    const { kernel, bias } = analyzeEinsum(equation, useBias ? biasAxes : null, input, partialOutput);
    return [{ name: `${name}/kernel`, shape: kernel }, ...(bias ? [{ name: `${name}/bias`, shape: bias }] : [])];
  });
}

/** A projection of a rank-r tensor onto `(…, heads, size)`. */
function headsProjection(name: string, input: Shape, heads: Dim, size: Dim): Projection {
  const { equation, biasAxes, outputRank } = projectionEquation(input.length - 1, 1, 2);
  return { name, equation, biasAxes, partialOutput: partialShape(outputRank - 1, [heads, size]), input };
}

/** MultiHeadAttention.__init__: `num_heads`, `key_dim` (and `value_dim` unless None) are positive ints. */
function checkPositive(args: LayerArgs, name: string, allowNone: boolean): void {
  const value = args.value(name);
  const fine = value.kind === 'unknown' || (value.kind === 'int' && value.value > 0) || (allowNone && value.kind === 'none');
  if (fine) return;
  const expected = allowNone ? 'a positive integer or `None`' : 'a positive integer';
  const shown = value.kind === 'str' ? value.value : repr(value);
  throw new KerasError(`Received an invalid value for argument \`${name}\`, expected ${expected}. Received: ${name}=${shown}`);
}

function checkSlidingWindow(args: LayerArgs): void {
  const value = args.value('sliding_window');
  if (value.kind === 'none' || value.kind === 'unknown' || (value.kind === 'int' && value.value > 0)) return;
  throw new KerasError(`\`sliding_window\` must be \`None\` or a positive integer. Received: sliding_window=${repr(value)}`);
}

/** `build` and `compute_output_shape`: value and key must agree on every axis but the last. */
function checkValueKey(value: Shape, key: Shape): void {
  if (shapesCertainlyDifferent(value.slice(1, -1), key.slice(1, -1))) {
    throw new KerasError(
      `All dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${formatShape(value)} and key_shape=${formatShape(key)}`,
    );
  }
}

/** `query, value, key=None` as the engine passes them. */
function mhaTensors(inputs: readonly Shape[]): { query: Shape; value: Shape; key: Shape } {
  if (inputs.length < 2) throw new KerasError("missing a required argument: 'value'");
  return { query: inputs[0], value: inputs[1], key: inputs[2] ?? inputs[1] };
}

/** `output_shape=`: `if output_shape:` — None, 0 and () all mean the query's last axis. */
function mhaOutputShape(args: LayerArgs): Shape | null {
  if (args.isNone('output_shape') || !args.bool('output_shape')) return null;
  return args.shape('output_shape');
}

function checkMhaArgs(args: LayerArgs): void {
  checkPositive(args, 'num_heads', false);
  checkPositive(args, 'key_dim', false);
  checkPositive(args, 'value_dim', true);
  checkSlidingWindow(args);
}

const multiHeadAttention: LayerRule = {
  className: 'MultiHeadAttention',
  family: 'attention',
  // `_build_attention`: `self._softmax = Softmax(...)`, `self._dropout_layer = Dropout(...)`.
  sublayers: { build: ['Softmax', 'Dropout'] },
  params: [
    param('num_heads'),
    param('key_dim'),
    param('value_dim', 'None'),
    param('dropout', '0.0'),
    param('use_bias', 'True'),
    param('output_shape', 'None'),
    param('attention_axes', 'None'),
    param('sliding_window', 'None'),
    param('flash_attention', 'None'),
    ...PROJECTION_PARAMS,
  ],
  call: 'multi',
  tensorArgs: ['query', 'value', 'key'],
  // compute_output_spec: the query's shape, its last axis replaced by output_shape; the scores are
  // (batch, heads, Tq, Tq) — Keras uses the query length twice, even for cross-attention.
  outputShape: ({ inputs, args, callArgs }) => {
    checkMhaArgs(args);
    const { query, value, key } = mhaTensors(inputs);
    checkValueKey(value, key);
    const outputShape = mhaOutputShape(args);
    const output = outputShape ? [...query.slice(0, -1), ...outputShape] : query;
    if (!callArgs.bool('return_attention_scores')) return output;
    return [output, [query[0], args.int('num_heads'), query[1], query[1]]];
  },
  // MultiHeadAttention.build: query, key, (gate), value, then the output projection.
  weights: ({ inputs, args, variablePath }) => {
    const { query, value, key } = mhaTensors(inputs);
    const heads = args.int('num_heads');
    const keyDim = args.int('key_dim');
    const valueDim = args.isNone('value_dim') ? keyDim : args.int('value_dim');
    const sublayers = [
      headsProjection('query', query, heads, keyDim),
      headsProjection('key', key, heads, keyDim),
      ...(args.bool('use_gate') ? [headsProjection('gate', query, heads, valueDim)] : []),
      headsProjection('value', value, heads, valueDim),
    ];
    // _make_output_dense: from the query projection's output with value_dim heads back to output_shape.
    const queryOut = analyzeEinsum(sublayers[0].equation, null, query, sublayers[0].partialOutput).output;
    const outputShape = mhaOutputShape(args) ?? [lastDim(query)];
    const projection = projectionEquation(query.length - 1, 2, outputShape.length);
    sublayers.push({
      name: 'attention_output',
      equation: projection.equation,
      biasAxes: projection.biasAxes,
      partialOutput: partialShape(projection.outputRank - 1, outputShape),
      input: [...queryOut.slice(0, -1), valueDim],
    });
    return defined(variablePath, projectionWeights(sublayers, args.bool('use_bias')));
  },
  explain:
    'MultiHeadAttention is called as mha(query, value, key=value). It projects query, key and value into num_heads heads with EinsumDense sublayers — query kernel (d_q, h, key_dim), key kernel (d_k, h, key_dim), value kernel (d_v, h, value_dim), each with a bias (h, size) — attends in every head, and projects back with an output kernel (h, value_dim, d_out) and bias (d_out,), where d_out = output_shape or d_q and value_dim defaults to key_dim. The output has the query\'s shape with d_out last, e.g. self-attention on (batch, 10, 64) with 4 heads of 16: 3·(64·64 + 64) + (64·64 + 64) = 16,640 parameters. return_attention_scores=True also returns the scores (batch, h, Tq, Tq).',
};

// ---------------------------------------------------------------------------------------------------------
// GroupedQueryAttention (keras/src/layers/attention/grouped_query_attention.py), exported as
// `keras.layers.GroupQueryAttention`; Keras' summary prints the class name.

const groupedQueryAttention: LayerRule = {
  className: 'GroupedQueryAttention',
  family: 'attention',
  sublayers: { build: ['Softmax', 'Dropout'] },
  params: [
    param('head_dim'),
    param('num_query_heads'),
    param('num_key_value_heads'),
    param('dropout', '0.0'),
    param('use_bias', 'True'),
    param('sliding_window', 'None'),
    param('flash_attention', 'None'),
    ...PROJECTION_PARAMS,
  ],
  call: 'multi',
  tensorArgs: ['query', 'value', 'key'],
  outputShape: ({ inputs, args, callArgs }) => {
    const queryHeads = args.int('num_query_heads');
    const kvHeads = args.int('num_key_value_heads');
    if (typeof queryHeads === 'number' && typeof kvHeads === 'number' && queryHeads % kvHeads !== 0) {
      throw new KerasError('`num_query_heads` must be divisible by `num_key_value_heads`.');
    }
    checkSlidingWindow(args);
    const { query, value, key } = mhaTensors(inputs);
    // compute_output_shape: the query and value feature sizes must agree, value and key on the other axes.
    if (certainlyDifferent(lastDim(query), lastDim(value))) {
      throw new KerasError(
        `The last dimension of \`query_shape\` and \`value_shape\` must be equal, but are ${dimText(lastDim(query))}, ${dimText(lastDim(value))}. Received: query_shape=${formatShape(query)}, value_shape=${formatShape(value)}`,
      );
    }
    checkValueKey(value, key);
    if (!callArgs.bool('return_attention_scores')) return query;
    return [query, [query[0], queryHeads, query[1], key[1]]];
  },
  // GroupedQueryAttention.build: fixed equations over (batch, length, model dim).
  weights: ({ inputs, args, variablePath }) => {
    const { query, value, key } = mhaTensors(inputs);
    const headDim = args.int('head_dim');
    const queryHeads = args.int('num_query_heads');
    const kvHeads = args.int('num_key_value_heads');
    const queryProjection = (name: string): Projection => ({
      name,
      equation: 'bqm,muh->bquh',
      biasAxes: 'uh',
      partialOutput: [null, queryHeads, headDim],
      input: query,
    });
    const kvProjection = (name: string, input: Shape): Projection => ({
      name,
      equation: 'bkm,mvh->bkvh',
      biasAxes: 'vh',
      partialOutput: [null, kvHeads, headDim],
      input,
    });
    const sublayers = [
      queryProjection('query'),
      kvProjection('key', key),
      ...(args.bool('use_gate') ? [queryProjection('gate')] : []),
      kvProjection('value', value),
      {
        name: 'attention_output',
        equation: 'bquh,uhm->bqm',
        biasAxes: 'm',
        partialOutput: [null, lastDim(query)],
        input: [null, null, queryHeads, headDim],
      },
    ];
    return defined(variablePath, projectionWeights(sublayers, args.bool('use_bias')));
  },
  explain:
    'GroupedQueryAttention (keras.layers.GroupQueryAttention) is called as gqa(query, value, key=value) on (batch, T, d) tensors and returns the query\'s shape. It has num_query_heads query heads sharing num_key_value_heads key/value heads (the first must be a multiple of the second): query kernel (d, hq, head_dim), key and value kernels (d, hkv, head_dim), each with a bias (heads, head_dim), and an output kernel (hq, head_dim, d) with bias (d,). return_attention_scores=True also returns the scores (batch, hq, Tq, Tk).',
};

export const attentionRules: readonly LayerRule[] = [attention, additiveAttention, multiHeadAttention, groupedQueryAttention];
