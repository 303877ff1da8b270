/**
 * Convolution layers (`keras/src/layers/convolutional/`): plain, transposed, depthwise and separable, in 1 to 3
 * spatial dimensions. The four bases (`base_conv.py`, `base_conv_transpose.py`, `base_depthwise_conv.py`,
 * `base_separable_conv.py`) become four geometry functions; each Keras class is one entry naming its base and
 * rank. The size arithmetic is shared with pooling in `../dims.ts`.
 */
import type { Dim, Shape } from '../../model';
import { floatRepr, formatShape } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import {
  channelDim,
  convOutputShape,
  dataFormatOf,
  dimMul,
  dimOp,
  floatDimensionError,
  isKnown,
  pyTuple,
  requireDefinedWeight,
  spatialDims,
  standardizePadding,
  standardizeTuple,
  transposeOutputLength,
  tupleOf,
  withSpatial,
  type ConvWindow,
  type DataFormat,
} from '../dims';
import { KerasError, signature, type LayerRule, type RuleContext, type WeightSpec } from './types';

type Rank = 1 | 2 | 3;

interface Geometry {
  readonly output: Shape;
  readonly weights: readonly WeightSpec[];
}

/** The default of `strides`/`dilation_rate` as Keras writes it: `1`, `(1, 1)`, `(1, 1, 1)`. */
const ones = (rank: Rank): string => (rank === 1 ? '1' : `(${Array.from({ length: rank }, () => '1').join(', ')})`);

/** The window arguments, standardised in `__init__`'s order: kernel_size, strides, dilation_rate, padding. */
function windowOf(args: LayerArgs, rank: Rank, allowCausal: boolean): ConvWindow {
  const kernel = standardizeTuple(args, 'kernel_size', rank);
  const strides = standardizeTuple(args, 'strides', rank);
  const dilation = standardizeTuple(args, 'dilation_rate', rank);
  return { kernel, strides, dilation, padding: standardizePadding(args, allowCausal) };
}

function checkPositive(args: LayerArgs, name: 'filters' | 'depth_multiplier'): Dim {
  const value = args.int(name);
  if (isKnown(value) && value <= 0) {
    throw new KerasError(`Invalid value for argument \`${name}\`. Expected a strictly positive value. Received ${name}=${value}.`);
  }
  return value;
}

/** `strides > 1` with `dilation_rate > 1` is refused by `BaseConv` and `BaseConvTranspose`. */
function checkStridesWithDilation(window: ConvWindow): void {
  const above1 = (dims: readonly Dim[]) => dims.some((d) => isKnown(d) && d > 1);
  if (above1(window.strides) && above1(window.dilation)) {
    throw new KerasError(
      `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${pyTuple(window.strides)} and dilation_rate=${pyTuple(window.dilation)}`,
    );
  }
}

/** Python's TypeError when `build` does arithmetic on a `None` channel axis. */
function noneChannels(operator: '%' | '*', noneFirst: boolean): KerasError {
  const operands = noneFirst ? `'NoneType' and 'int'` : `'int' and 'NoneType'`;
  return new KerasError(`unsupported operand type(s) for ${operator}: ${operands}`);
}

const bias = (args: LayerArgs, size: Dim): WeightSpec[] => (args.bool('use_bias') ? [{ name: 'bias', shape: [size] }] : []);

/**
 * `BaseConv.enable_lora`, run by `build` when `lora_rank=` is given: the kernel freezes and two low-rank
 * factors are added, in float32 whatever the layer's policy.
 */
function loraWeights(args: LayerArgs, kernel: Shape, filters: Dim): WeightSpec[] {
  if (args.isNone('lora_rank')) return [];
  const rank = args.int('lora_rank');
  return [
    { name: 'lora_kernel_a', shape: [...kernel.slice(0, -1), rank], dtype: 'float32' },
    { name: 'lora_kernel_b', shape: [rank, filters], dtype: 'float32' },
  ];
}

/** `BaseConv.__init__`'s checks, in its order; what they read. */
function convSettings(args: LayerArgs, rank: Rank): { window: ConvWindow; format: DataFormat; filters: Dim; groups: Dim } {
  const window = windowOf(args, rank, rank === 1);
  const format = dataFormatOf(args);
  const filters = checkPositive(args, 'filters');
  const groups = args.int('groups');
  if (isKnown(groups) && groups <= 0) {
    throw new KerasError(`The number of groups must be a positive integer. Received: groups=${groups}.`);
  }
  if (isKnown(filters) && isKnown(groups) && filters % groups !== 0) {
    throw new KerasError(
      `The number of filters must be evenly divisible by the number of groups. Received: groups=${groups}, filters=${filters}.`,
    );
  }
  checkStridesWithDilation(window);
  return { window, format, filters, groups };
}

/** `BaseConv.__init__` checks, then `build`: kernel `(*kernel_size, C_in/groups, filters)`, bias `(filters,)`. */
function convGeometry({ input, args, variablePath }: RuleContext, rank: Rank): Geometry {
  const { window, format, filters, groups } = convSettings(args, rank);
  const channels = channelDim(input, format);
  if (channels === null) throw noneChannels('%', true);
  if (isKnown(channels) && isKnown(groups) && channels % groups !== 0) {
    throw new KerasError(
      `The number of input channels must be evenly divisible by the number of groups. Received groups=${groups}, but the input has ${channels} channels (full input shape is ${formatShape(input)}).`,
    );
  }
  const output = convOutputShape(input, window, filters, format, [...window.kernel, channels, filters]);
  const perGroup = groups === 1 ? channels : dimOp((c, g) => Math.floor(c / g), channels, groups);
  // A float `filters` passes `__init__`; the kernel's shape holds it as given.
  const given = args.value('filters');
  if (given.kind === 'float') throw floatDimensionError([...[...window.kernel, perGroup].map((d) => String(d ?? 'None')), floatRepr(given.value)], floatRepr(given.value));
  const kernel = [...window.kernel, perGroup, filters];
  const lora = loraWeights(args, kernel, filters);
  return {
    output,
    weights: [
      { name: 'kernel', shape: requireDefinedWeight(kernel, variablePath, 'kernel'), trainable: lora.length === 0 },
      ...bias(args, filters),
      ...lora,
    ],
  };
}

/**
 * `BaseConvTranspose`: kernel `(*kernel_size, filters, C_in)` (note the order), bias `(filters,)`; each spatial
 * axis by `transposeOutputLength`.
 */
/** `BaseConvTranspose.__init__`'s checks, in its order; what they read. */
function transposeSettings(args: LayerArgs, rank: Rank): { window: ConvWindow; outputPadding: Dim[] | null; format: DataFormat; filters: Dim } {
  const window = windowOf(args, rank, false);
  const outputPadding = args.isNone('output_padding') ? null : tupleOf(args.value('output_padding'), rank, 'output_padding', true);
  const format = dataFormatOf(args);
  const filters = checkPositive(args, 'filters');
  outputPadding?.forEach((pad, i) => {
    const stride = window.strides[i];
    if (isKnown(pad) && isKnown(stride) && pad >= stride) {
      throw new KerasError(
        `\`output_padding\` must be strictly less than \`strides\` for all dimensions. At dimension ${i}, \`output_padding\` is ${pad} but \`strides\` is ${stride}. Received: output_padding=${pyTuple(outputPadding)}, strides=${pyTuple(window.strides)}`,
      );
    }
  });
  checkStridesWithDilation(window);
  return { window, outputPadding, format, filters };
}

function transposeGeometry({ input, args, variablePath }: RuleContext, rank: Rank): Geometry {
  const { window, outputPadding, format, filters } = transposeSettings(args, rank);
  const channels = channelDim(input, format);
  const kernel = requireDefinedWeight([...window.kernel, filters, channels], variablePath, 'kernel');
  // `compute_conv_transpose_output_shape` walks every spatial axis of the input against `kernel_size`.
  const inputSpatial = spatialDims(input, format);
  if (inputSpatial.length > rank) throw new KerasError('tuple index out of range');
  const spatial = inputSpatial.map((n, i) =>
    transposeOutputLength(n, window.kernel[i], window.strides[i], window.padding, outputPadding?.[i] ?? null, window.dilation[i]),
  );
  return {
    output: withSpatial(input[0], spatial, filters, format),
    weights: [{ name: 'kernel', shape: kernel }, ...bias(args, filters)],
  };
}

/** `BaseDepthwiseConv`: kernel `(*kernel_size, C_in, depth_multiplier)`, `C_in·depth_multiplier` output channels. */
/** `BaseDepthwiseConv.__init__`'s checks (and, with `filters`, `BaseSeparableConv`'s), in their order. */
function depthwiseSettings(args: LayerArgs, rank: Rank, withFilters: boolean): { window: ConvWindow; format: DataFormat; multiplier: Dim; filters: Dim } {
  const window = windowOf(args, rank, false);
  const format = dataFormatOf(args);
  const multiplier = checkPositive(args, 'depth_multiplier');
  return { window, format, multiplier, filters: withFilters ? checkPositive(args, 'filters') : null };
}

function depthwiseGeometry({ input, args, variablePath }: RuleContext, rank: Rank): Geometry {
  const { window, format, multiplier } = depthwiseSettings(args, rank, false);
  const channels = channelDim(input, format);
  if (channels === null) throw noneChannels('*', false);
  const outChannels = dimMul(multiplier, channels);
  const output = convOutputShape(input, window, outChannels, format, [...window.kernel, channels, outChannels]);
  const kernel = requireDefinedWeight([...window.kernel, channels, multiplier], variablePath, 'kernel');
  return { output, weights: [{ name: 'kernel', shape: kernel }, ...bias(args, outChannels)] };
}

/**
 * `BaseSeparableConv`: a depthwise kernel `(*kernel_size, C_in, depth_multiplier)`, then a pointwise kernel
 * `(1, ..., C_in·depth_multiplier, filters)`, then the bias `(filters,)`.
 */
function separableGeometry({ input, args, variablePath }: RuleContext, rank: Rank): Geometry {
  const { window, format, multiplier, filters } = depthwiseSettings(args, rank, true);
  const channels = channelDim(input, format);
  if (channels === null) throw noneChannels('*', false);
  const output = convOutputShape(input, window, filters, format, [...window.kernel, channels, filters]);
  const pointwise: Shape = [...Array.from({ length: rank }, () => 1), dimMul(multiplier, channels), filters];
  return {
    output,
    weights: [
      { name: 'depthwise_kernel', shape: requireDefinedWeight([...window.kernel, channels, multiplier], variablePath, 'depthwise_kernel') },
      { name: 'pointwise_kernel', shape: pointwise },
      ...bias(args, filters),
    ],
  };
}

type Kind = 'conv' | 'transpose' | 'depthwise' | 'separable';

/** What each base's `__init__` refuses, raised where the layer is made (`LayerRule.init`). */
const SETTINGS: Record<Kind, (args: LayerArgs, rank: Rank) => unknown> = {
  conv: convSettings,
  transpose: transposeSettings,
  depthwise: (args, rank) => depthwiseSettings(args, rank, false),
  separable: (args, rank) => depthwiseSettings(args, rank, true),
};

const GEOMETRY: Record<Kind, (ctx: RuleContext, rank: Rank) => Geometry> = {
  conv: convGeometry,
  transpose: transposeGeometry,
  depthwise: depthwiseGeometry,
  separable: separableGeometry,
};

/**
 * The geometry `outputShape` computed, for `weights`: `applyRule` asks both of the same context, one after
 * the other. `weights` lets it go, so nothing of one analysis stays alive here.
 */
let pendingContext: RuleContext | null = null;
let pendingGeometry: Geometry | null = null;

function outputOf(kind: Kind, ctx: RuleContext, rank: Rank): Shape {
  const geometry = GEOMETRY[kind](ctx, rank);
  pendingContext = ctx;
  pendingGeometry = geometry;
  return geometry.output;
}

function weightsOf(kind: Kind, ctx: RuleContext, rank: Rank): readonly WeightSpec[] {
  const geometry = ctx === pendingContext && pendingGeometry ? pendingGeometry : GEOMETRY[kind](ctx, rank);
  pendingContext = null;
  pendingGeometry = null;
  return geometry.weights;
}

const AXES: Record<Rank, string> = { 1: 'steps', 2: 'rows, cols', 3: 'dim1, dim2, dim3' };

const SIZE_FORMULA =
  "padding='valid': floor((n − d·(k − 1) − 1)/s) + 1; padding='same'" +
  " (and 'causal'): ceil(n/s) = floor((n − 1)/s) + 1, where n is the input length, k the kernel size, s the stride and d the dilation rate. A valid size of zero or less is Keras' error \"Computed output size would be zero or negative\"; None stays None";

/** The hover text of each base, stated for one rank. */
const EXPLAIN: Record<Kind, (className: string, rank: Rank) => string> = {
  conv: (c, r) =>
    `${c} slides a ${r}-D kernel over the spatial axes (${AXES[r]}) of a (batch, ${AXES[r]}, channels) input (channels_first: channels before them). Each spatial axis becomes ${SIZE_FORMULA}${r === 1 ? ". 'causal' pads only on the left, so the output never looks ahead" : ''}. The channel axis becomes filters. Weights: kernel (*kernel_size, C_in/groups, filters) and bias (filters,), so params = prod(kernel_size)·(C_in/groups)·filters + filters.`,
  transpose: (c, r) =>
    `${c} is the transpose (gradient) of a ${r}-D convolution: it upsamples each spatial axis (${AXES[r]}). With the dilated kernel k' = (k − 1)·d + 1: padding='valid' gives (n − 1)·s + max(k', s), padding='same' gives n·s; with output_padding p they become (n − 1)·s + k' + p and (n − 1)·s + k' mod 2 + p. The channel axis becomes filters. Weights: kernel (*kernel_size, filters, C_in) and bias (filters,), so params = prod(kernel_size)·filters·C_in + filters.`,
  depthwise: (c, r) =>
    `${c} convolves each input channel separately with depth_multiplier kernels of its own, over the spatial axes (${AXES[r]}). Each spatial axis becomes ${SIZE_FORMULA}. The channel axis becomes C_in·depth_multiplier. Weights: kernel (*kernel_size, C_in, depth_multiplier) and bias (C_in·depth_multiplier,), so params = prod(kernel_size)·C_in·depth_multiplier + C_in·depth_multiplier.`,
  separable: (c, r) =>
    `${c} is a depthwise ${r}-D convolution (each channel with depth_multiplier kernels) followed by a pointwise (1×1) convolution to filters channels. Each spatial axis (${AXES[r]}) becomes ${SIZE_FORMULA}. Weights: depthwise_kernel (*kernel_size, C_in, depth_multiplier), pointwise_kernel (1, …, C_in·depth_multiplier, filters) and bias (filters,), so params = prod(kernel_size)·C_in·depth_multiplier + C_in·depth_multiplier·filters + filters.`,
};

/** Each class's `__init__` signature (after `self`), as Keras writes it. */
const PARAMS: Record<Kind, (rank: Rank) => string[]> = {
  conv: (r) => [
    'filters', 'kernel_size', `strides=${ones(r)}`, "padding='valid'", 'data_format=None', `dilation_rate=${ones(r)}`, 'groups=1',
    'activation=None', 'use_bias=True', "kernel_initializer='glorot_uniform'", "bias_initializer='zeros'", 'kernel_regularizer=None',
    'bias_regularizer=None', 'activity_regularizer=None', 'kernel_constraint=None', 'bias_constraint=None',
  ],
  // Conv3DTranspose alone takes data_format before output_padding.
  transpose: (r) => [
    'filters', 'kernel_size', `strides=${ones(r)}`, "padding='valid'",
    ...(r === 3 ? ['data_format=None', 'output_padding=None'] : ['output_padding=None', 'data_format=None']),
    `dilation_rate=${ones(r)}`, 'activation=None', 'use_bias=True', "kernel_initializer='glorot_uniform'", "bias_initializer='zeros'",
    'kernel_regularizer=None', 'bias_regularizer=None', 'activity_regularizer=None', 'kernel_constraint=None', 'bias_constraint=None',
  ],
  depthwise: (r) => [
    'kernel_size', `strides=${ones(r)}`, "padding='valid'", 'depth_multiplier=1', 'data_format=None', `dilation_rate=${ones(r)}`,
    'activation=None', 'use_bias=True', "depthwise_initializer='glorot_uniform'", "bias_initializer='zeros'", 'depthwise_regularizer=None',
    'bias_regularizer=None', 'activity_regularizer=None', 'depthwise_constraint=None', 'bias_constraint=None',
  ],
  separable: (r) => [
    'filters', 'kernel_size', `strides=${ones(r)}`, "padding='valid'", 'data_format=None', `dilation_rate=${ones(r)}`, 'depth_multiplier=1',
    'activation=None', 'use_bias=True', "depthwise_initializer='glorot_uniform'", "pointwise_initializer='glorot_uniform'",
    "bias_initializer='zeros'", 'depthwise_regularizer=None', 'pointwise_regularizer=None', 'bias_regularizer=None',
    'activity_regularizer=None', 'depthwise_constraint=None', 'pointwise_constraint=None', 'bias_constraint=None',
  ],
};

function convolution(className: string, kind: Kind, rank: Rank): LayerRule {
  return {
    className,
    family: 'convolutional',
    params: signature(...PARAMS[kind](rank)),
    // Conv1D/2D/3D hand them on to BaseConv through `**kwargs`.
    ...(kind === 'conv' ? { moreKeywords: ['lora_rank', 'lora_alpha'] } : {}),
    // Every base sets InputSpec(min_ndim=rank + 2) in __init__.
    inputSpec: { minNdim: rank + 2 },
    specAxis: (args) => (dataFormatOf(args) === 'channels_last' ? -1 : 1),
    shapesAnyRank: true,
    init: (args) => void SETTINGS[kind](args, rank),
    outputShape: (ctx) => outputOf(kind, ctx, rank),
    weights: (ctx) => weightsOf(kind, ctx, rank),
    explain: EXPLAIN[kind](className, rank),
  };
}

export const convolutionalRules: readonly LayerRule[] = [
  convolution('Conv1D', 'conv', 1),
  convolution('Conv2D', 'conv', 2),
  convolution('Conv3D', 'conv', 3),
  convolution('Conv1DTranspose', 'transpose', 1),
  convolution('Conv2DTranspose', 'transpose', 2),
  convolution('Conv3DTranspose', 'transpose', 3),
  convolution('DepthwiseConv1D', 'depthwise', 1),
  convolution('DepthwiseConv2D', 'depthwise', 2),
  convolution('SeparableConv1D', 'separable', 1),
  convolution('SeparableConv2D', 'separable', 2),
];

/**
 * Other names `keras.layers` exports for these classes (`keras/api/layers/__init__.py`), mapped to the class
 * they are: a layer made through an alias still reports the real class name.
 */
export const convolutionalAliases: Readonly<Record<string, string>> = {
  Convolution1D: 'Conv1D',
  Convolution2D: 'Conv2D',
  Convolution3D: 'Conv3D',
  Convolution1DTranspose: 'Conv1DTranspose',
  Convolution2DTranspose: 'Conv2DTranspose',
  Convolution3DTranspose: 'Conv3DTranspose',
  SeparableConvolution1D: 'SeparableConv1D',
  SeparableConvolution2D: 'SeparableConv2D',
};
