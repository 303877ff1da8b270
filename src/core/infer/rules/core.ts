/**
 * Core layers (`keras/src/layers/core/`): Dense and its relatives (EinsumDense, TernaryDense), the embedding
 * tables (Embedding, ReversibleEmbedding) and the layers that keep their input's shape (Identity, Masking,
 * Activation) or declare it (Lambda). Also exports the EinsumDense equation analysis and the LoRA weights,
 * which the attention layers reuse. InputLayer is the interpreter's business, not a rule.
 */
import type { Dim, Shape } from '../../model';
import { repr, sequenceItems, toDim, type PyValue } from '../../evaluate/values';
import { toStr } from '../../evaluate/operators';
import type { LayerArgs } from '../args';
import { dimAt, requireDefinedWeight } from '../dims';
import { KerasError, UnknownArgument, type LayerRule, type Param, type RuleContext, type WeightSpec } from './types';

// ---------------------------------------------------------------------------------------------------------
// Shared helpers.

/** A dimension as Python prints it inside a message: `None`, `64`. */
export const dimText = (d: Dim): string => (d === null ? 'None' : String(d));

/**
 * Whether two dimensions certainly differ as Python's `!=` sees them: two different numbers, or `None`
 * against a size. A size we cannot know never certainly differs, so it never makes us raise.
 */
export function certainlyDifferent(a: Dim, b: Dim): boolean {
  if (a === null || b === null) return a !== b;
  return typeof a === 'number' && typeof b === 'number' && a !== b;
}

/** Whether two shapes certainly differ as Python's tuple `!=` sees them. */
export function shapesCertainlyDifferent(a: Shape, b: Shape): boolean {
  return a.length !== b.length || a.some((d, i) => certainlyDifferent(d, b[i]));
}

/** The weights `build` creates, each refused by Keras when a dimension is `None`. */
export function defined(variablePath: string, weights: readonly WeightSpec[]): readonly WeightSpec[] {
  for (const w of weights) requireDefinedWeight(w.shape, variablePath, w.name);
  return weights;
}

/**
 * `enable_lora(rank)`, which `build` calls when `lora_rank` is set (Dense, EinsumDense, Embedding): the base
 * table is frozen and two trainable factors `lora_<base>_a` of shape `base[:-1] + (rank,)` and
 * `lora_<base>_b` of shape `(rank, base[-1])` are appended, in float32.
 */
export function withLora(args: LayerArgs, weights: readonly WeightSpec[], base: string, constraint: string): readonly WeightSpec[] {
  if (args.isNone('lora_rank') || !args.bool('lora_rank')) return weights;
  if (!args.isNone(constraint)) {
    const what = base === 'kernel' ? 'kernel' : 'embedding';
    throw new KerasError(
      `Lora is incompatible with ${what} constraints. In order to enable lora on this layer, remove the \`${constraint}\` argument.`,
    );
  }
  const rank = args.int('lora_rank');
  const table = weights.find((w) => w.name === base);
  if (!table) return weights;
  return [
    ...weights.map((w) => (w === table ? { ...w, trainable: false } : w)),
    // Float32 whatever the layer's policy, "to avoid the risk of underflow or overflow during fine-tuning".
    { name: `lora_${base}_a`, shape: [...table.shape.slice(0, -1), rank], dtype: 'float32' },
    { name: `lora_${base}_b`, shape: [rank, table.shape[table.shape.length - 1]], dtype: 'float32' },
  ];
}

function requirePositiveUnits(args: LayerArgs, message: (units: string) => string): void {
  const units = args.value('units');
  // `isinstance(units, int) and units > 0`: Python's True is an int (1).
  const valid = units.kind === 'unknown' || (units.kind === 'int' && units.value > 0) || (units.kind === 'bool' && units.value);
  // Keras formats the value with an f-string, i.e. `str()`: `units=4` for the string '4'.
  if (!valid) throw new KerasError(message(PLAIN_KINDS.has(units.kind) ? toStr(units) : repr(units)));
}

const PLAIN_KINDS: ReadonlySet<PyValue['kind']> = new Set(['int', 'float', 'str', 'bool', 'none', 'tuple', 'list']);

const PYTHON_TYPE: Partial<Record<PyValue['kind'], string>> = {
  int: 'int',
  float: 'float',
  str: 'str',
  bool: 'bool',
  none: 'NoneType',
  tuple: 'tuple',
  list: 'list',
};

/** `Embedding.__init__` insists on positive Python ints (a bool or a float is refused). */
function requirePositiveInt(args: LayerArgs, name: string): void {
  const value = args.value(name);
  if (value.kind === 'unknown' || (value.kind === 'int' && value.value > 0)) return;
  throw new KerasError(
    `\`${name}\` must be a positive integer. Received: ${name}=${repr(value)} (of type ${PYTHON_TYPE[value.kind] ?? value.kind}).`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Dense and TernaryDense.

const DENSE_UNITS_ERROR = (units: string) =>
  `Received an invalid value for \`units\`, expected a positive integer. Received: units=${units}`;

const lastAxis = (shape: Shape): Dim => shape[shape.length - 1];

/** Dense.build / TernaryDense.build: kernel `(d, units)`, then bias `(units,)`. */
function denseWeights(input: Shape, args: LayerArgs): WeightSpec[] {
  const units = args.int('units');
  const kernel = { name: 'kernel', shape: [lastAxis(input), units] };
  return args.bool('use_bias') ? [kernel, { name: 'bias', shape: [units] }] : [kernel];
}

// Dense.compute_output_shape: only the last axis changes.
function denseOutputShape({ input, args }: RuleContext): Shape {
  const shape = input.slice();
  shape[shape.length - 1] = args.int('units');
  return shape;
}

/** The initializer, regularizer and constraint parameters Dense-like layers share, in Keras' order. */
const KERNEL_BIAS_PARAMS: readonly Param[] = [
  { name: 'kernel_initializer', default: "'glorot_uniform'" },
  { name: 'bias_initializer', default: "'zeros'" },
  { name: 'kernel_regularizer', default: 'None' },
  { name: 'bias_regularizer', default: 'None' },
  { name: 'activity_regularizer', default: 'None' },
  { name: 'kernel_constraint', default: 'None' },
  { name: 'bias_constraint', default: 'None' },
];

const dense: LayerRule = {
  className: 'Dense',
  specAxis: () => -1,
  family: 'core',
  params: [
    { name: 'units' },
    { name: 'activation', default: 'None' },
    { name: 'use_bias', default: 'True' },
    ...KERNEL_BIAS_PARAMS,
    { name: 'lora_rank', default: 'None' },
    { name: 'lora_alpha', default: 'None' },
    { name: 'quantization_config', default: 'None' },
  ],
  inputSpec: { minNdim: 2 },
  init: (args) => requirePositiveUnits(args, DENSE_UNITS_ERROR),
  outputShape: denseOutputShape,
  weights: ({ input, args, variablePath }) => withLora(args, defined(variablePath, denseWeights(input, args)), 'kernel', 'kernel_constraint'),
  explain:
    'Dense maps only the last axis: (batch, ..., d) → (batch, ..., units). One kernel of shape (d, units) is shared by every position of the other axes, plus a bias of shape (units,), so it has d·units + units parameters whatever the other axes are. It never flattens: put a Flatten before it to get (batch, units) from a multi-axis input. With lora_rank=r the kernel is frozen and two trainable factors (d, r) and (r, units) are added.',
};

// keras/src/layers/core/ternary_dense.py: a Dense whose kernel is ternarised in the forward pass.
const ternaryDense: LayerRule = {
  className: 'TernaryDense',
  family: 'core',
  params: [
    { name: 'units' },
    { name: 'threshold', default: 'None' },
    { name: 'activation', default: 'None' },
    { name: 'use_bias', default: 'True' },
    ...KERNEL_BIAS_PARAMS,
  ],
  inputSpec: { minNdim: 2 },
  init: (args) => requirePositiveUnits(args, DENSE_UNITS_ERROR),
  outputShape: denseOutputShape,
  weights: ({ input, args, variablePath }) => defined(variablePath, denseWeights(input, args)),
  explain:
    'TernaryDense is a Dense whose kernel is rounded to {-1, 0, +1} (times a scale) in the forward pass: (batch, ..., d) → (batch, ..., units), with a float kernel (d, units) and a bias (units,), so d·units + units parameters.',
};

// ---------------------------------------------------------------------------------------------------------
// EinsumDense (keras/src/layers/core/einsum_dense.py: `_analyze_einsum_string`, `_analyze_split_string`).

export interface EinsumShapes {
  readonly kernel: Shape;
  readonly bias: Shape | null;
  readonly output: Shape;
}

/** The three equation forms Keras accepts, matched (like `re.match`) at the start of the equation. */
const EINSUM_FORMS: readonly { readonly pattern: RegExp; readonly leftElided: boolean }[] = [
  { pattern: /^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)/, leftElided: false },
  { pattern: /^0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)/, leftElided: true },
  { pattern: /^([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0/, leftElided: false },
];

/**
 * The kernel, bias and full output shapes of an EinsumDense with `equation` on `input`, given the
 * user's partial output shape (without batch), exactly as Keras computes them, quirks included.
 */
export function analyzeEinsum(equation: string, biasAxes: string | null, input: Shape, partialOutput: Shape): EinsumShapes {
  const replaced = equation.replace(/\.\.\./g, '0');
  for (const form of EINSUM_FORMS) {
    const match = form.pattern.exec(replaced);
    if (match) return analyzeSplit(match[1], match[2], match[3], biasAxes, input, partialOutput, form.leftElided);
  }
  throw new KerasError(
    `Invalid einsum equation '${equation}'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....`,
  );
}

function analyzeSplit(
  inputSpec: string,
  weightSpec: string,
  outputSpec: string,
  biasAxes: string | null,
  input: Shape,
  partialOutput: Shape,
  leftElided: boolean,
): EinsumShapes {
  const elided = input.length - inputSpec.length;
  const output: Dim[] = [dimAt(input, 0), ...partialOutput];
  if (elided > 0 && leftElided) {
    // Keras inserts each elided axis at position 1, so with several they end up in reverse order.
    for (let i = 1; i < elided; i++) output.splice(1, 0, input[i]);
  } else if (elided > 0) {
    for (let i = input.length - elided; i < input.length; i++) output.push(input[i]);
  }
  // With a left ellipsis Keras indexes the input from the end (negative indices) and the output from `elided`.
  const inputIndex = new Map([...inputSpec].map((c, i) => [c, leftElided ? i + elided - input.length : i]));
  const outputIndex = new Map([...outputSpec].map((c, i) => [c, leftElided ? i + elided : i]));
  const inputAt = (c: string): Dim => dimAt(input, inputIndex.get(c) as number, 'tuple');
  const outputAt = (c: string): Dim => dimAt(output, outputIndex.get(c) as number, 'list');

  for (const c of inputSpec) {
    if (!outputIndex.has(c)) continue;
    const inDim = inputAt(c);
    const outDim = outputAt(c);
    if (outDim !== null && certainlyDifferent(outDim, inDim)) {
      throw new KerasError(
        `Input shape and output shape do not match at shared dimension '${c}'. Input shape is ${dimText(inDim)}, and output shape is ${dimText(outDim)}.`,
      );
    }
  }
  for (const c of outputSpec) {
    if (!inputSpec.includes(c) && !weightSpec.includes(c)) {
      // Keras' message names the output spec where it means the weight spec.
      throw new KerasError(
        `Dimension '${c}' was specified in the output '${outputSpec}' but has no corresponding dim in the input spec '${inputSpec}' or weight spec '${outputSpec}'`,
      );
    }
  }
  const kernel = [...weightSpec].map((c): Dim => {
    if (outputIndex.has(c)) return outputAt(c);
    if (inputIndex.has(c)) return inputAt(c);
    throw new KerasError(
      `Weight dimension '${c}' did not have a match in either the input spec '${inputSpec}' or the output spec '${outputSpec}'. For this layer, the weight must be fully specified.`,
    );
  });

  let bias: Dim[] | null = null;
  if (biasAxes !== null) {
    const leftOffset = leftElided ? elided : 0;
    for (const c of biasAxes) {
      if (!outputSpec.includes(c)) {
        throw new KerasError(`Bias dimension '${c}' was requested, but is not part of the output spec '${outputSpec}'`);
      }
    }
    if (biasAxes.length === 0) throw new KerasError('min() arg is an empty sequence');
    const first = Math.min(...[...biasAxes].map((c) => outputSpec.indexOf(c)));
    bias = [...outputSpec.slice(first)].map((c) => (biasAxes.includes(c) ? dimAt(output, outputSpec.lastIndexOf(c) + leftOffset, 'list') : 1));
    if (!leftElided) for (let i = 0; i < elided; i++) bias.push(1);
  }
  return { kernel, bias, output };
}

/** `output_shape=` of EinsumDense: an int or a tuple, possibly with `None`. */
function partialOutputShape(args: LayerArgs): Shape {
  return args.shape('output_shape');
}

function einsumShapes(input: Shape, args: LayerArgs): EinsumShapes {
  return analyzeEinsum(args.str('equation'), args.optionalStr('bias_axes'), input, partialOutputShape(args));
}

const einsumDense: LayerRule = {
  className: 'EinsumDense',
  family: 'core',
  params: [
    { name: 'equation' },
    { name: 'output_shape' },
    { name: 'activation', default: 'None' },
    { name: 'bias_axes', default: 'None' },
    { name: 'kernel_initializer', default: "'glorot_uniform'" },
    { name: 'bias_initializer', default: "'zeros'" },
    { name: 'kernel_regularizer', default: 'None' },
    { name: 'bias_regularizer', default: 'None' },
    { name: 'kernel_constraint', default: 'None' },
    { name: 'bias_constraint', default: 'None' },
    { name: 'lora_rank', default: 'None' },
    { name: 'lora_alpha', default: 'None' },
    { name: 'gptq_unpacked_column_size', default: 'None' },
    { name: 'quantization_config', default: 'None' },
  ],
  outputShape: ({ input, args }) => einsumShapes(input, args).output,
  weights: ({ input, args, variablePath }) => {
    const { kernel, bias } = einsumShapes(input, args);
    const weights = [{ name: 'kernel', shape: kernel }, ...(bias ? [{ name: 'bias', shape: bias }] : [])];
    return withLora(args, defined(variablePath, weights), 'kernel', 'kernel_constraint');
  },
  explain:
    "EinsumDense multiplies its input by a kernel along an einsum equation 'input,kernel->output' (e.g. 'abc,cd->abd' is a Dense on the last axis). The output is the batch axis followed by output_shape (plus the axes an ellipsis '...' carries over); each kernel letter takes its size from the output when the letter appears there, else from the input; the bias covers the output letters from the first one in bias_axes onward (size 1 for those not in bias_axes). Parameters: the product of the kernel shape plus that of the bias.",
};

// ---------------------------------------------------------------------------------------------------------
// Embedding tables.

const embeddingParams: readonly Param[] = [
  { name: 'input_dim' },
  { name: 'output_dim' },
  { name: 'embeddings_initializer', default: "'uniform'" },
  { name: 'embeddings_regularizer', default: 'None' },
  { name: 'embeddings_constraint', default: 'None' },
  { name: 'mask_zero', default: 'False' },
];

function checkEmbeddingSizes(args: LayerArgs): void {
  requirePositiveInt(args, 'input_dim');
  requirePositiveInt(args, 'output_dim');
}

/** Embedding.build: one table `(input_dim, output_dim)`, whatever the input shape; LoRA factors when asked. */
function embeddingWeights(args: LayerArgs): readonly WeightSpec[] {
  const table = [{ name: 'embeddings', shape: [args.int('input_dim'), args.int('output_dim')] }];
  return withLora(args, table, 'embeddings', 'embeddings_constraint');
}

const embedding: LayerRule = {
  className: 'Embedding',
  family: 'core',
  params: [
    ...embeddingParams,
    { name: 'weights', default: 'None' },
    { name: 'lora_rank', default: 'None' },
    { name: 'lora_alpha', default: 'None' },
    { name: 'quantization_config', default: 'None' },
  ],
  // `input_length` is popped from **kwargs and ignored (Keras 3 only warns about it).
  moreKeywords: ['input_length'],
  // Embedding.compute_output_shape: `(*input_shape, output_dim)`.
  outputShape: ({ input, args }) => {
    checkEmbeddingSizes(args);
    return [...input, args.int('output_dim')];
  },
  weights: ({ args }) => embeddingWeights(args),
  explain:
    'Embedding looks each integer index up in a table of input_dim rows of output_dim numbers: (batch, ...) → (batch, ..., output_dim), typically (batch, L) → (batch, L, output_dim). The table is its only weight, input_dim·output_dim parameters, independent of the sequence length. In Keras 3 input_length= is ignored (it only warns), so it does not give the model an input shape; mask_zero=True makes index 0 a padding value masked downstream.',
};

// keras/src/layers/core/reversible_embedding.py: an Embedding that can also project back to the vocabulary.
const reversibleEmbedding: LayerRule = {
  className: 'ReversibleEmbedding',
  family: 'core',
  params: [
    { name: 'input_dim' },
    { name: 'output_dim' },
    { name: 'tie_weights', default: 'True' },
    ...embeddingParams.slice(2),
    { name: 'reverse_dtype', default: 'None' },
    { name: 'logit_soft_cap', default: 'None' },
  ],
  // Embedding.__init__'s own, reached through `**kwargs`.
  moreKeywords: ['input_length', 'weights', 'lora_rank', 'lora_alpha', 'quantization_config'],
  outputShape: ({ input, args, callArgs }) => {
    checkEmbeddingSizes(args);
    // compute_output_shape(input_shape, reverse): reverse replaces the last axis by the vocabulary size.
    return callArgs.bool('reverse') ? [...input.slice(0, -1), args.int('input_dim')] : [...input, args.int('output_dim')];
  },
  weights: ({ args }) => [
    ...embeddingWeights(args),
    ...(args.bool('tie_weights') ? [] : [{ name: 'reverse_embeddings', shape: [args.int('output_dim'), args.int('input_dim')] }]),
  ],
  explain:
    'ReversibleEmbedding is an Embedding, (batch, L) → (batch, L, output_dim) with a table (input_dim, output_dim), that called with reverse=True maps (batch, ..., output_dim) → (batch, ..., input_dim) logits. With tie_weights=True (the default) the reverse direction reuses the transposed table; otherwise it adds its own (output_dim, input_dim) matrix, doubling the parameters.',
};

// ---------------------------------------------------------------------------------------------------------
// Layers that keep their input's shape.

const sameShape = ({ input }: { input: Shape }): Shape => input;

const identity: LayerRule = {
  className: 'Identity',
  family: 'core',
  params: [],
  builtAtInit: true,
  outputShape: sameShape,
  explain: 'Identity returns its input unchanged: same shape, no weights. It is a placeholder where no operation is wanted.',
};

const masking: LayerRule = {
  className: 'Masking',
  family: 'core',
  params: [{ name: 'mask_value', default: '0.0' }],
  builtAtInit: true,
  outputShape: sameShape,
  explain:
    'Masking keeps the shape (no weights) and marks every timestep whose features all equal mask_value as skipped for the layers after it that support masking (RNNs, attention, pooling).',
};

// keras/src/layers/activations/activation.py: Keras files it under activations; kept here with the core layers.
const activation: LayerRule = {
  className: 'Activation',
  family: 'activations',
  params: [{ name: 'activation' }],
  builtAtInit: true,
  outputShape: sameShape,
  explain: "Activation applies an element-wise function (e.g. 'relu', 'tanh', 'softmax') to its input: the shape is unchanged and it has no weights.",
};

/** `Lambda(output_shape=...)`: one shape (without batch) or a list of them; the batch comes from the first input. */
function lambdaOutputShape(args: LayerArgs, batch: Dim): Shape | Shape[] {
  const value = args.value('output_shape');
  if (value.kind === 'none') {
    throw new UnknownArgument('output_shape', 'a Lambda without output_shape= is only known by running its function');
  }
  if (value.kind === 'function' || value.kind === 'unknown') {
    throw new UnknownArgument('output_shape', value.kind === 'unknown' ? value.label : 'a function of the input shape');
  }
  const items = sequenceItems(value);
  const isLeaf = (v: PyValue) => v.kind === 'int' || v.kind === 'none' || v.kind === 'unknown';
  if (items && items.length > 0 && !items.every(isLeaf)) {
    // tree.map_shape_structure: a structure of shapes gives several outputs.
    return items.map((item) => {
      const inner = sequenceItems(item);
      if (!inner || !inner.every(isLeaf)) {
        throw new KerasError(`Invalid value for argument \`output_shape\` of Lambda: expected a shape tuple, received ${repr(value)}`);
      }
      return [batch, ...inner.map(toDim)];
    });
  }
  return [batch, ...args.shape('output_shape')];
}

const lambda: LayerRule = {
  className: 'Lambda',
  family: 'core',
  params: [
    { name: 'function' },
    { name: 'output_shape', default: 'None' },
    { name: 'mask', default: 'None' },
    { name: 'arguments', default: 'None' },
  ],
  // Lambda.compute_output_shape with a tuple: `(batch_size,) + output_shape`.
  outputShape: ({ inputs, args }) => lambdaOutputShape(args, inputs[0][0]),
  explain:
    'Lambda wraps an arbitrary function and has no weights. Its output shape is the batch axis followed by output_shape= when that is given; otherwise Keras finds it by running the function, which a static analysis cannot do in general.',
};

export const coreRules: readonly LayerRule[] = [
  dense,
  einsumDense,
  ternaryDense,
  embedding,
  reversibleEmbedding,
  identity,
  masking,
  activation,
  lambda,
];
