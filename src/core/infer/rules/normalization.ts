/**
 * Normalization layers (`keras/src/layers/normalization/`). None changes the shape (SpectralNormalization takes
 * its wrapped layer's); they differ in the weights `build` creates, which these entries mirror in Keras' order,
 * together with the errors `build` raises before any shape is computed.
 */
import type { Shape } from '../../model';
import { formatShape, repr, sequenceItems } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import { dimAt, isKnown, normalizeAxis, requireDefinedWeight } from '../dims';
import { KerasError, signature, type LayerRule, type RuleContext, type WeightSpec } from './types';

/** An `axis` argument that may be an int or a list/tuple of ints; `null` when it is neither. */
function axesOf(args: LayerArgs): { readonly axes: number[]; readonly isList: boolean } | null {
  const value = args.value('axis');
  if (value.kind === 'int' || value.kind === 'unknown') return { axes: [args.knownInt('axis')], isList: false };
  if (sequenceItems(value) === null || value.kind === 'range') return null;
  return { axes: args.intList('axis'), isList: true };
}

/** Python's repr of an axis argument after `list(axis)`, as LayerNormalization and UnitNormalization print it. */
function axisRepr(axes: readonly number[], isList: boolean): string {
  return isList ? `[${axes.join(', ')}]` : String(axes[0]);
}

/** `canonicalize_axis` of `keras/src/backend/common/backend_utils.py`. */
function canonicalizeAxis(axis: number, rank: number): number {
  if (axis < -rank || axis >= rank) throw new KerasError(`axis ${axis} is out of bounds for an array with dimension ${rank}.`);
  return normalizeAxis(axis, rank);
}

/** Builds weights in order, raising Keras' error for the first one created with a `None` dimension. */
function created(variablePath: string, specs: readonly (WeightSpec | false)[]): WeightSpec[] {
  const weights: WeightSpec[] = [];
  for (const spec of specs) {
    if (spec === false) continue;
    requireDefinedWeight(spec.shape, variablePath, spec.name);
    weights.push(spec);
  }
  return weights;
}

/** The shape (C,) of BatchNormalization's weights, with the errors Keras raises before creating any. */
function batchNormFeatures({ input, args, variablePath }: RuleContext): Shape {
  const axis = args.value('axis');
  if (sequenceItems(axis) !== null) {
    // BatchNormalization.__init__ does int(axis).
    throw new KerasError(`int() argument must be a string, a bytes-like object or a real number, not '${axis.kind}'`);
  }
  return requireDefinedWeight([dimAt(input, args.knownInt('axis'))], variablePath, args.bool('scale') ? 'gamma' : args.bool('center') ? 'beta' : 'moving_mean');
}

/** BatchNormalization.build: gamma, beta, then the moving statistics (and renorm's), all of shape (C,). */
function batchNormWeights(ctx: RuleContext): WeightSpec[] {
  const { args, variablePath } = ctx;
  const shape = batchNormFeatures(ctx);
  const renorm = args.bool('renorm');
  return created(variablePath, [
    args.bool('scale') && { name: 'gamma', shape },
    args.bool('center') && { name: 'beta', shape },
    { name: 'moving_mean', shape, trainable: false },
    { name: 'moving_variance', shape, trainable: false },
    renorm && { name: 'moving_stddev', shape, trainable: false },
    renorm && { name: 'renorm_mean', shape, trainable: false },
    renorm && { name: 'renorm_stddev', shape, trainable: false },
  ]);
}

const batchNormalization: LayerRule = {
  className: 'BatchNormalization',
  specAxis: (args) => args.knownInt('axis'),
  family: 'normalization',
  params: signature(
    'axis=-1', 'momentum=0.99', 'epsilon=1e-3', 'center=True', 'scale=True', "beta_initializer='zeros'", "gamma_initializer='ones'",
    "moving_mean_initializer='zeros'", "moving_variance_initializer='ones'", 'beta_regularizer=None', 'gamma_regularizer=None',
    'beta_constraint=None', 'gamma_constraint=None', 'renorm=False', 'renorm_clipping=None', 'renorm_momentum=0.99', 'synchronized=False',
  ),
  // `build` runs (and raises) before compute_output_shape, which returns the input shape.
  outputShape: (ctx) => {
    batchNormFeatures(ctx);
    return ctx.input;
  },
  weights: batchNormWeights,
  explain:
    'BatchNormalization keeps the shape and normalises each feature of the axis (default -1, the channels) with batch statistics during training and moving averages at inference. For C features it has 4·C weights: gamma (C,) and beta (C,) are trainable (dropped with scale=False / center=False), while moving_mean (C,) and moving_variance (C,) are non-trainable statistics updated by the forward pass, not by gradients — so half of a default layer\'s params show up as non-trainable. renorm=True adds three more non-trainable (C,) vectors.',
};

/** LayerNormalization.build: gamma and beta have the shape of the normalised axes, sorted. */
function layerNormWeights({ input, args, variablePath }: RuleContext): WeightSpec[] {
  const parsed = axesOf(args);
  if (parsed === null) {
    throw new KerasError(`Expected an int or a list/tuple of ints for the argument 'axis', but received: ${repr(args.value('axis'))}`);
  }
  const axes = parsed.axes.map((a) => canonicalizeAxis(a, input.length));
  if (new Set(axes).size !== axes.length) {
    throw new KerasError(`Duplicate axes are not allowed. Received: axis=${axisRepr(parsed.axes, parsed.isList)}`);
  }
  const shape = [...axes].sort((a, b) => a - b).map((a) => input[a]);
  // The deprecated `rms_scaling=True` keyword keeps gamma only.
  const rmsScaling = args.bool('rms_scaling');
  return created(variablePath, [
    (args.bool('scale') || rmsScaling) && { name: 'gamma', shape },
    args.bool('center') && !rmsScaling && { name: 'beta', shape },
  ]);
}

const layerNormalization: LayerRule = {
  className: 'LayerNormalization',
  family: 'normalization',
  // Popped from `**kwargs` by `__init__`: the RMSNormalization variant.
  moreKeywords: ['rms_scaling'],
  params: signature(
    'axis=-1', 'epsilon=1e-3', 'center=True', 'scale=True', "beta_initializer='zeros'", "gamma_initializer='ones'",
    'beta_regularizer=None', 'gamma_regularizer=None', 'beta_constraint=None', 'gamma_constraint=None',
  ),
  outputShape: (ctx) => {
    layerNormWeights(ctx);
    return ctx.input;
  },
  weights: layerNormWeights,
  explain:
    'LayerNormalization keeps the shape and normalises each sample over the given axis (default -1; a list normalises over several axes together). gamma and beta have the shape of those axes: (d,) each for the last axis of size d, so 2·d params; with axis=[1, 2] on (batch, 10, 16) they are (10, 16) each, 320 params. All trainable (no moving statistics); scale=False drops gamma, center=False drops beta.',
};

/** GroupNormalization.build: checks the grouped axis, then gamma and beta of shape (C,). */
function groupNormWeights({ input, args, variablePath }: RuleContext): WeightSpec[] {
  const axis = args.knownInt('axis');
  let groups = args.knownInt('groups');
  const dim = dimAt(input, axis);
  if (dim === null) {
    throw new KerasError(
      `Axis ${axis} of input tensor should have a defined dimension but the layer received an input with shape ${formatShape(input)}.`,
    );
  }
  if (groups === -1 && isKnown(dim)) groups = dim;
  if (isKnown(dim) && dim < groups) {
    throw new KerasError(`Number of groups (${groups}) cannot be more than the number of channels (${dim}).`);
  }
  if (isKnown(dim) && dim % groups !== 0) {
    throw new KerasError(`Number of groups (${groups}) must be a multiple of the number of channels (${dim}).`);
  }
  return created(variablePath, [args.bool('scale') && { name: 'gamma', shape: [dim] }, args.bool('center') && { name: 'beta', shape: [dim] }]);
}

const groupNormalization: LayerRule = {
  className: 'GroupNormalization',
  specAxis: (args) => args.knownInt('axis'),
  family: 'normalization',
  params: signature(
    'groups=32', 'axis=-1', 'epsilon=1e-3', 'center=True', 'scale=True', "beta_initializer='zeros'", "gamma_initializer='ones'",
    'beta_regularizer=None', 'gamma_regularizer=None', 'beta_constraint=None', 'gamma_constraint=None',
  ),
  outputShape: (ctx) => {
    const groups = ctx.args.value('groups');
    if (groups.kind !== 'unknown' && (groups.kind !== 'int' || (groups.value <= 0 && groups.value !== -1))) {
      throw new KerasError(
        `Received an invalid value for argument \`groups\`, expected a positive integer (or \`-1\` for instance normalization). Received: groups=${repr(groups)}`,
      );
    }
    groupNormWeights(ctx);
    return ctx.input;
  },
  weights: groupNormWeights,
  explain:
    'GroupNormalization keeps the shape and splits the channels of axis (default -1) into groups (default 32), normalising each group of each sample separately; groups=-1 is instance normalization. The channel count must be a multiple of groups. gamma (C,) and beta (C,) are trainable: 2·C params.',
};

const unitNormalization: LayerRule = {
  className: 'UnitNormalization',
  family: 'normalization',
  params: signature('axis=-1'),
  builtAtInit: true,
  outputShape: ({ input, args }) => {
    const parsed = axesOf(args);
    if (parsed === null) {
      throw new KerasError(
        `Invalid value for \`axis\` argument: expected an int or a list/tuple of ints. Received: axis=${repr(args.value('axis'))}`,
      );
    }
    // UnitNormalization.compute_output_shape prints the whole axis argument.
    if (parsed.axes.some((a) => a >= input.length || a < -input.length)) {
      throw new KerasError(`Axis ${axisRepr(parsed.axes, parsed.isList)} is out of bounds for input shape ${formatShape(input)}.`);
    }
    return input;
  },
  explain:
    'UnitNormalization keeps the shape and rescales each sample to unit L2 norm along axis (default -1; a list normalises over several axes together). No weights.',
};

/** RMSNormalization.build: one `scale` weight with the shape of the normalised axes. */
function rmsNormWeights({ input, args, variablePath }: RuleContext): WeightSpec[] {
  const parsed = axesOf(args);
  const axes = parsed?.isList ? [...parsed.axes].sort((a, b) => a - b) : [args.knownInt('axis')];
  return created(variablePath, [{ name: 'scale', shape: axes.map((a) => dimAt(input, a)) }]);
}

const rmsNormalization: LayerRule = {
  className: 'RMSNormalization',
  family: 'normalization',
  params: signature('axis=-1', 'epsilon=1e-6'),
  outputShape: (ctx) => {
    rmsNormWeights(ctx);
    return ctx.input;
  },
  weights: rmsNormWeights,
  explain:
    'RMSNormalization keeps the shape and divides each sample by its root mean square over axis (default -1), then multiplies by a trainable scale with the shape of the normalised axes: (d,) for the last axis, so d params. There is no centring and no beta.',
};

/** SpectralNormalization.build: the wrapped layer's kernel (or embeddings), then `vector_u`, then its other weights. */
function spectralWeights(ctx: RuleContext): WeightSpec[] {
  const inner = ctx.nested('layer', ctx.input);
  const kernel = inner.weights.find((w) => w.name === 'kernel') ?? inner.weights.find((w) => w.name === 'embeddings');
  if (kernel === undefined) throw new KerasError(`${inner.className} object has no attribute 'kernel' nor 'embeddings'`);
  const vectorU: WeightSpec = { name: 'vector_u', shape: [1, kernel.shape[kernel.shape.length - 1]], trainable: false };
  return [kernel, vectorU, ...inner.weights.filter((w) => w !== kernel)];
}

const spectralNormalization: LayerRule = {
  className: 'SpectralNormalization',
  specAxis: () => -1,
  family: 'normalization',
  params: signature('layer', 'power_iterations=1'),
  wraps: ['layer'],
  outputShape: (ctx) => {
    const iterations = ctx.args.value('power_iterations');
    if (iterations.kind === 'int' && iterations.value <= 0) {
      throw new KerasError(`\`power_iterations\` should be greater than zero. Received: \`power_iterations=${iterations.value}\``);
    }
    spectralWeights(ctx);
    const outputs = ctx.nested('layer', ctx.input).outputs;
    return outputs.length === 1 ? outputs[0] : outputs;
  },
  weights: spectralWeights,
  explain:
    'SpectralNormalization wraps a layer that has a kernel (Dense, Conv…) or embeddings and divides that kernel by its largest singular value during training; the output shape is the wrapped layer\'s. Weights: the wrapped layer\'s own, plus vector_u of shape (1, last axis of the kernel), a non-trainable power-iteration vector — e.g. Dense(10) on 784 features gets 7,850 trainable and 10 non-trainable params.',
};

export const normalizationRules: readonly LayerRule[] = [
  batchNormalization,
  layerNormalization,
  groupNormalization,
  unitNormalization,
  rmsNormalization,
  spectralNormalization,
];
