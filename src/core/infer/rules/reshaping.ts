/**
 * Reshaping layers (`keras/src/layers/reshaping/`): Flatten, Reshape, Permute, RepeatVector and the
 * cropping, zero-padding and up-sampling layers. None has weights; each entry mirrors its class's
 * `__init__` validation and `compute_output_shape`.
 */
import type { Dim, Shape } from '../../model';
import { formatShape, repr, sequenceItems, type PyValue } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import {
  channelDim,
  dataFormatOf,
  dimAdd,
  dimMul,
  dimOp,
  dimProduct,
  isKnown,
  pythonType,
  spatialDims,
  standardizeTuple,
  tupleOf,
  withSpatial,
} from '../dims';
import { KerasError, signature, type LayerRule } from './types';

type Pair = readonly [Dim, Dim];

const ORDINALS = ['1st', '2nd', '3rd'];

/** Python's repr of `self.cropping` / `self.padding`: a tuple of pairs. */
const pairsRepr = (pairs: readonly Pair[]): string => `(${pairs.map((p) => formatShape(p)).join(', ')})`;

/**
 * The `cropping`/`padding` argument of the 2D and 3D layers: an int for every side of every axis, or one entry
 * per axis, each an int (both sides) or a pair, standardised as `"1st entry of cropping"` and so on.
 */
function pairsOf(args: LayerArgs, name: 'cropping' | 'padding', rank: 2 | 3): Pair[] {
  const value = args.value(name);
  if (value.kind === 'int' || value.kind === 'unknown') {
    const size = value.kind === 'int' ? value.value : value.label;
    if (name === 'cropping' && isKnown(size) && size < 0) {
      throw new KerasError(`\`cropping\` cannot be negative. Received: cropping=${size}.`);
    }
    return Array.from({ length: rank }, (): Pair => [size, size]);
  }
  const items = sequenceItems(value);
  if (items === null) throw new KerasError(pairsShapeError(name, rank, value));
  if (items.length !== rank) {
    const received = rank === 2 ? `${name}=${repr(value)}` : repr(value);
    throw new KerasError(`\`${name}\` should have ${rank === 2 ? 'two' : '3'} elements. Received: ${received}.`);
  }
  return items.map((item, i): Pair => {
    const [before, after] = tupleOf(item, 2, `${ORDINALS[i]} entry of ${name}`, true);
    return [before, after];
  });
}

/** The message for a `cropping`/`padding` that is neither an int nor a sequence, in Keras' words per layer. */
function pairsShapeError(name: 'cropping' | 'padding', rank: 2 | 3, value: PyValue): string {
  if (rank === 2) {
    return `\`${name}\` should be either an int, a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, right_crop)). Received: ${name}=${repr(value)}.`;
  }
  const word = name === 'cropping' ? 'crop' : 'pad';
  return `\`${name}\` should be either an int, a tuple of 3 ints (symmetric_dim1_${word}, symmetric_dim2_${word}, symmetric_dim3_${word}), or a tuple of 3 tuples of 2 ints ((left_dim1_${word}, right_dim1_${word}), (left_dim2_${word}, right_dim2_${word}), (left_dim3_${word}, right_dim2_${word})). Received: ${name === 'cropping' ? '' : 'padding='}${repr(value)}.`;
}

const pairSum = (pair: Pair): Dim => dimAdd(pair[0], pair[1]);

// Flatten.compute_output_shape: every non-batch axis multiplied into one; None if any is None.
const flatten: LayerRule = {
  className: 'Flatten',
  family: 'reshaping',
  params: signature('data_format=None'),
  inputSpec: { minNdim: 1 },
  outputShape: ({ input, args }) => {
    dataFormatOf(args);
    return [input[0], dimProduct(input.slice(1))];
  },
  explain:
    'Flatten keeps the batch axis and multiplies all the others into one: (batch, d1, ..., dn) → (batch, d1·...·dn); a rank-1 input becomes (batch, 1), and any None axis makes the result None. data_format=\'channels_first\' only changes the order of the values, not the size. No weights.',
};

/** `compute_reshape_output_shape` of `keras/src/ops/operation_utils.py`, on the non-batch axes. */
function reshapeTarget(inputShape: Shape, target: Shape): Shape {
  const printed = () => `input_shape=${formatShape(inputShape)}, target_shape=${formatShape(target)}`;
  const hasMinusOne = target.includes(-1);
  if (inputShape.includes(null) || target.includes(null)) return target.map((d) => (d === -1 ? null : d));
  if (!inputShape.every(isKnown) || !target.every(isKnown)) return target.map((d) => (d === -1 ? '?' : d));
  const inputSize = inputShape.reduce((p: number, d) => p * (d as number), 1);
  const known = (target as number[]).filter((d) => d !== -1).reduce((p, d) => p * d, 1);
  if (!hasMinusOne) {
    if (inputSize !== known) throw new KerasError(`The total size of the tensor must be unchanged. Received: ${printed()}`);
    return target;
  }
  if (known === 0 || inputSize % known !== 0) {
    throw new KerasError(
      `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: ${printed()}`,
    );
  }
  return target.map((d) => (d === -1 ? inputSize / known : d));
}

const reshape: LayerRule = {
  className: 'Reshape',
  family: 'reshaping',
  params: signature('target_shape'),
  builtAtInit: true,
  outputShape: ({ input, args }) => {
    // Reshape.__init__: tuple(target_shape), then validate_reshape_shape.
    if (args.value('target_shape').kind === 'int') throw new KerasError("'int' object is not iterable");
    const target = args.shape('target_shape');
    const received = `Received: target_shape=${formatShape(target)}.`;
    if (target.some((d) => isKnown(d) && d < -1)) {
      throw new KerasError(
        `Each dimension in \`target_shape\` must be a non-negative integer, or \`-1\` for a single unknown dimension. ${received}`,
      );
    }
    if (target.filter((d) => d === -1).length > 1) {
      throw new KerasError(`There must be at most one unknown dimension (-1) in \`target_shape\`. ${received}`);
    }
    return [input[0], ...reshapeTarget(input.slice(1), target)];
  },
  explain:
    'Reshape rearranges the non-batch axes into target_shape (which excludes the batch axis): the product of the axes must stay the same, otherwise Keras raises "The total size of the tensor must be unchanged". One axis may be -1 and is then computed as (product of the input axes) / (product of the other target axes); it stays None if an input axis is None. No weights.',
};

/** Permute.__init__: `dims` must be a permutation of 1..n. */
function permuteDims(args: LayerArgs): number[] {
  const dims = args.intList('dims');
  const sorted = [...dims].sort((a, b) => a - b);
  if (!sorted.every((d, i) => d === i + 1)) {
    throw new KerasError(
      `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${repr(args.value('dims'))}`,
    );
  }
  return dims;
}

const permute: LayerRule = {
  className: 'Permute',
  family: 'reshaping',
  params: signature('dims'),
  inputSpec: (args) => ({ ndim: permuteDims(args).length + 1 }),
  outputShape: ({ input, args }) => [input[0], ...permuteDims(args).map((d) => input[d])],
  explain:
    'Permute reorders the non-batch axes: dims lists, for each output axis, which input axis (counted from 1, the batch axis being 0) goes there, e.g. Permute((2, 1)) turns (batch, steps, features) into (batch, features, steps). The input must have exactly len(dims) + 1 axes. No weights.',
};

const repeatVector: LayerRule = {
  className: 'RepeatVector',
  family: 'reshaping',
  params: signature('n'),
  inputSpec: { ndim: 2 },
  outputShape: ({ input, args }) => {
    const n = args.value('n');
    if (n.kind !== 'int' && n.kind !== 'unknown') throw new KerasError(`Expected an integer value for \`n\`, got ${pythonType(n)}.`);
    const count = args.int('n');
    if (isKnown(count) && count <= 0) throw new KerasError(`Argument \`n\` should be a positive integer. Received: n=${count}`);
    return [input[0], count, input[1]];
  },
  explain:
    'RepeatVector repeats a (batch, features) input n times along a new time axis: (batch, features) → (batch, n, features), typically to feed a vector to a sequence decoder. The input must have rank 2. No weights.',
};

const cropping1d: LayerRule = {
  className: 'Cropping1D',
  family: 'reshaping',
  params: signature('cropping=(1, 1)'),
  inputSpec: { ndim: 3 },
  outputShape: ({ input, args }) => {
    const cropping = standardizeTuple(args, 'cropping', 2, true);
    const length = dimOp((n, a, b) => n - a - b, input[1], cropping[0], cropping[1]);
    if (isKnown(length) && length <= 0) {
      throw new KerasError(
        `\`cropping\` parameter of \`Cropping1D\` layer must be smaller than the input length. Received: input_shape=${formatShape(input)}, cropping=${formatShape(cropping)}`,
      );
    }
    return [input[0], length, input[2]];
  },
  explain:
    'Cropping1D removes cropping=(start, end) steps from the time axis: (batch, steps, features) → (batch, steps − start − end, features). An int crops that much from both ends; the result must stay positive. No weights.',
};

function croppingNd(className: string, rank: 2 | 3): LayerRule {
  const defaultCropping = rank === 2 ? '((0, 0), (0, 0))' : '((1, 1), (1, 1), (1, 1))';
  return {
    className,
    family: 'reshaping',
    params: signature(`cropping=${defaultCropping}`, 'data_format=None'),
    inputSpec: { ndim: rank + 2 },
    outputShape: ({ input, args }) => {
      const format = dataFormatOf(args);
      const cropping = pairsOf(args, 'cropping', rank);
      const spatial = spatialDims(input, format).map((n, i) => dimOp((size, crop) => size - crop, n, pairSum(cropping[i])));
      if (spatial.some((d) => isKnown(d) && d <= 0)) {
        throw new KerasError(
          `Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${formatShape(input)}, cropping=${pairsRepr(cropping)}`,
        );
      }
      return withSpatial(input[0], spatial, channelDim(input, format), format);
    },
    explain: `${className} removes rows/columns from the borders of the ${rank} spatial axes: cropping gives (before, after) per axis (an int: the same everywhere; a tuple of ${rank} ints: symmetric per axis), and each spatial axis n becomes n − before − after, which must stay positive. Channels are unchanged (channels_last by default). No weights.`,
  };
}

const zeroPadding1d: LayerRule = {
  className: 'ZeroPadding1D',
  family: 'reshaping',
  params: signature('padding=1', 'data_format=None'),
  inputSpec: { ndim: 3 },
  outputShape: ({ input, args }) => {
    const format = dataFormatOf(args);
    const padding = standardizeTuple(args, 'padding', 2, true);
    const axis = format === 'channels_first' ? 2 : 1;
    return input.map((d, i) => (i === axis ? dimAdd(d, dimAdd(padding[0], padding[1])) : d));
  },
  explain:
    'ZeroPadding1D adds zeros at the start and end of the time axis: padding=(start, end) (an int: both), so (batch, steps, features) → (batch, steps + start + end, features). None stays None. No weights.',
};

function zeroPaddingNd(className: string, rank: 2 | 3): LayerRule {
  const defaultPadding = rank === 2 ? '(1, 1)' : '((1, 1), (1, 1), (1, 1))';
  return {
    className,
    family: 'reshaping',
    params: signature(`padding=${defaultPadding}`, 'data_format=None'),
    inputSpec: { ndim: rank + 2 },
    outputShape: ({ input, args }) => {
      const format = dataFormatOf(args);
      const padding = pairsOf(args, 'padding', rank);
      const spatial = spatialDims(input, format).map((n, i) => dimAdd(n, pairSum(padding[i])));
      return withSpatial(input[0], spatial, channelDim(input, format), format);
    },
    explain: `${className} adds zeros around the ${rank} spatial axes: padding gives (before, after) per axis (an int: the same everywhere; a tuple of ${rank} ints: symmetric per axis), and each spatial axis n becomes n + before + after, e.g. ${rank === 2 ? 'ZeroPadding2D(1) turns 28×28 into 30×30' : 'ZeroPadding3D(1) adds 2 to each of the three axes'}. Channels are unchanged; None stays None. No weights.`,
  };
}

const upSampling1d: LayerRule = {
  className: 'UpSampling1D',
  family: 'reshaping',
  params: signature('size=2'),
  inputSpec: { ndim: 3 },
  outputShape: ({ input, args }) => {
    const size = args.value('size');
    if (size.kind !== 'int' && size.kind !== 'unknown') {
      throw new KerasError(`Expected an integer value for \`size\`, got ${pythonType(size)}.`);
    }
    const factor = args.int('size');
    if (isKnown(factor) && factor <= 0) throw new KerasError(`Argument \`size\` should be a positive integer. Received: size=${factor}`);
    return [input[0], dimMul(factor, input[1]), input[2]];
  },
  explain:
    'UpSampling1D repeats each time step size times: (batch, steps, features) → (batch, steps·size, features). No weights.',
};

function upSamplingNd(className: string, rank: 2 | 3): LayerRule {
  return {
    className,
    family: 'reshaping',
    params: signature(
      `size=(${Array.from({ length: rank }, () => '2').join(', ')})`,
      'data_format=None',
      ...(rank === 2 ? ["interpolation='nearest'"] : []),
    ),
    inputSpec: { ndim: rank + 2 },
    outputShape: ({ input, args }) => {
      const format = dataFormatOf(args);
      const size = standardizeTuple(args, 'size', rank);
      const spatial = spatialDims(input, format).map((n, i) => dimMul(size[i], n));
      return withSpatial(input[0], spatial, channelDim(input, format), format);
    },
    explain: `${className} repeats the data along each of the ${rank} spatial axes: size gives the factor per axis (an int: the same for all), and each spatial axis n becomes n·factor${rank === 2 ? ' (interpolation changes the values, not the shape)' : ''}. Channels are unchanged; None stays None. No weights.`,
  };
}

export const reshapingRules: readonly LayerRule[] = [
  flatten,
  reshape,
  permute,
  repeatVector,
  cropping1d,
  croppingNd('Cropping2D', 2),
  croppingNd('Cropping3D', 3),
  zeroPadding1d,
  zeroPaddingNd('ZeroPadding2D', 2),
  zeroPaddingNd('ZeroPadding3D', 3),
  upSampling1d,
  upSamplingNd('UpSampling2D', 2),
  upSamplingNd('UpSampling3D', 3),
];
