/**
 * Preprocessing layers (`keras/src/layers/preprocessing/`): image layers (resizing, cropping, random
 * augmentation), numeric layers (Rescaling, Normalization, Discretization) and the categorical/text layers
 * (lookups, encodings, hashing, TextVectorization). Only Normalization creates weights. A size that depends on
 * data seen by `adapt()` (a vocabulary) becomes a named unknown dimension rather than a guess.
 */
import type { Dim, Shape } from '../../model';
import { arrayShape, formatShape, repr, sequenceItems, type PyValue } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import { dataFormatOf, isKnown, normalizeAxis, type DataFormat } from '../dims';
import { callFailure, KerasError, signature, UnknownArgument, type LayerRule, type Param, type RuleContext, type WeightSpec } from './types';

/**
 * `BaseImagePreprocessingLayer.__init__(factor=None, bounding_box_format=None, data_format=None, **kwargs)`: the
 * ones an image layer's own `__init__` does not take reach it through `**kwargs`.
 */
export function imageBaseKeywords(params: readonly Param[]): string[] {
  return ['bounding_box_format', 'data_format', 'factor'].filter((name) => !params.some((p) => p.name === name));
}

/** The size of a vocabulary learnt by `adapt()`: it exists at run time only. */
const ADAPTED_VOCABULARY: Dim = 'vocabulary_size()';

const sameShape = ({ input }: RuleContext): Shape => input;

/** `validate_string_arg` of `keras/src/utils/argument_validation.py`. */
function checkString(args: LayerArgs, name: string, allowed: readonly string[], caller: string): string {
  const value = args.value(name);
  if (value.kind === 'str' && allowed.includes(value.value)) return value.value;
  if (value.kind === 'unknown') return args.str(name);
  throw new KerasError(
    `Unknown value for \`${name}\` argument of ${caller}. Allowed values are: (${allowed.map((a) => `'${a}'`).join(', ')}). Received: ${name}=${value.kind === 'str' ? value.value : repr(value)}`,
  );
}

/** Python's `seq[i] = v` on a shape, with Python's IndexError. */
function assign(shape: Dim[], index: number, value: Dim): void {
  const i = normalizeAxis(index, shape.length);
  if (i < 0 || i >= shape.length) throw new KerasError('list assignment index out of range');
  shape[i] = value;
}

// ---------------------------------------------------------------------------------------------------------
// Image layers.

/** Where height and width sit: Resizing/CenterCrop index from the front (batched rank 4 or unbatched). */
function setHeightWidthFromFront(input: Shape, format: DataFormat, height: Dim, width: Dim): Shape {
  const shape = [...input];
  const first = (input.length === 4 ? 1 : 0) + (format === 'channels_first' ? 1 : 0);
  assign(shape, first, height);
  assign(shape, first + 1, width);
  return shape;
}

const RESIZING_PARAMS = signature(
  'height', 'width', "interpolation='bilinear'", 'crop_to_aspect_ratio=False', 'pad_to_aspect_ratio=False', "fill_mode='constant'",
  'fill_value=0.0', 'antialias=False', 'data_format=None',
);

const resizing: LayerRule = {
  className: 'Resizing',
  family: 'preprocessing',
  params: RESIZING_PARAMS,
  moreKeywords: imageBaseKeywords(RESIZING_PARAMS),
  // Resizing.compute_output_shape: a rank-4 input is a batch; any other rank is taken as one unbatched image.
  outputShape: ({ input, args }) => setHeightWidthFromFront(input, dataFormatOf(args), args.int('height'), args.int('width')),
  explain:
    'Resizing resizes images to (height, width): (batch, h, w, channels) → (batch, height, width, channels) (channels_first: (batch, channels, height, width)). Keras treats any input that is not rank 4 as a single unbatched image (h, w, channels). No weights.',
};

const CENTER_CROP_PARAMS = signature('height', 'width', 'data_format=None');

const centerCrop: LayerRule = {
  className: 'CenterCrop',
  family: 'preprocessing',
  params: CENTER_CROP_PARAMS,
  moreKeywords: imageBaseKeywords(CENTER_CROP_PARAMS),
  outputShape: ({ input, args }) => {
    if (input.length !== 3 && input.length !== 4) {
      throw new KerasError('`input_shape` must be a non-nested tuple or list of rank-1 with size 3 (unbatched) or 4 (batched). ');
    }
    return setHeightWidthFromFront(input, dataFormatOf(args), args.int('height'), args.int('width'));
  },
  explain:
    'CenterCrop crops the centre (height, width) of each image, resizing first if the image is smaller: (batch, h, w, channels) → (batch, height, width, channels). Rank 3 inputs are single unbatched images. No weights.',
};

const RANDOM_CROP_PARAMS = signature('height', 'width', 'seed=None', 'data_format=None', 'name=None');

const randomCrop: LayerRule = {
  className: 'RandomCrop',
  family: 'preprocessing',
  params: RANDOM_CROP_PARAMS,
  moreKeywords: imageBaseKeywords(RANDOM_CROP_PARAMS),
  // RandomCrop.compute_output_shape: height and width axes counted from the end.
  outputShape: ({ input, args }) => {
    const shape = [...input];
    const last = dataFormatOf(args) === 'channels_last' ? -3 : -2;
    assign(shape, last, args.int('height'));
    assign(shape, last + 1, args.int('width'));
    return shape;
  },
  explain:
    'RandomCrop crops a random (height, width) window in training and the centre at inference: the image axes become (height, width), batch and channels are unchanged. No weights.',
};

/** Random augmentations that transform values but never the shape. */
function augmentation(className: string, params: readonly string[], what: string): LayerRule {
  const signatureParams = signature(...params);
  return {
    className,
    family: 'preprocessing',
    params: signatureParams,
    moreKeywords: imageBaseKeywords(signatureParams),
    outputShape: sameShape,
    explain: `${className} ${what} during training only (inference passes images through). It keeps the shape and has no weights.`,
  };
}

const FILL = ["fill_mode='reflect'", "interpolation='bilinear'", 'seed=None', 'fill_value=0.0', 'data_format=None'];

// ---------------------------------------------------------------------------------------------------------
// Numeric layers.

/** Normalization.__init__ turns `axis` into a tuple: None → (), an int → (axis,). */
function normalizationAxes(args: LayerArgs): number[] {
  return args.isNone('axis') ? [] : args.intList('axis');
}

/** The dtype Keras converts a number or nested list of numbers to; null for anything else (a tensor, a bool). */
function numbersDtype(value: PyValue): 'float32' | 'int32' | null {
  if (value.kind === 'int') return 'int32';
  if (value.kind === 'float') return 'float32';
  if (value.kind !== 'list' && value.kind !== 'tuple') return null;
  const dtypes = value.items.map(numbersDtype);
  if (dtypes.some((dtype) => dtype === null)) return null;
  return dtypes.length === 0 || dtypes.includes('float32') ? 'float32' : 'int32';
}

/** `mean=`/`variance=` given as numbers: numpy's shape of them and their dtype; null when not known. */
function statisticsOf(value: PyValue): { shape: number[]; dtype: 'float32' | 'int32' } | null {
  const dtype = numbersDtype(value);
  const shape = dtype ? arrayShape(value) : null;
  return dtype && shape ? { shape: shape as number[], dtype } : null;
}

/** Normalization.__init__: `mean` and `variance` come together, of one shape, of no more axes than `axis` keeps. */
function checkNormalizationValues(args: LayerArgs): void {
  if (args.isNone('mean') !== args.isNone('variance')) {
    throw new KerasError(
      `When setting values directly, both \`mean\` and \`variance\` must be set. Received: mean=${repr(args.value('mean'))} and variance=${repr(args.value('variance'))}`,
    );
  }
  if (args.isNone('mean')) return;
  const mean = statisticsOf(args.value('mean'));
  const variance = statisticsOf(args.value('variance'));
  if (!mean || !variance) return;
  if (mean.shape.join() !== variance.shape.join()) {
    throw new KerasError(
      `When setting values directly, \`mean\` and \`variance\` must have the same shape. Received: mean shape ${formatShape(mean.shape)} and variance shape ${formatShape(variance.shape)}`,
    );
  }
  const axes = normalizationAxes(args);
  if (mean.shape.length > axes.length) {
    throw new KerasError(
      `The rank of \`mean\` must be less than or equal to the number of axes (${axes.length}). Received: mean shape ${formatShape(mean.shape)} for axis ${formatShape(axes)}`,
    );
  }
}

/**
 * Normalization.build with `mean=` given: its sizes laid on the kept axes from the right, then broadcast to the
 * input's kept sizes, which the jax backend refuses in its own words where they differ.
 */
function checkGivenMean(args: LayerArgs, input: Shape, keep: readonly number[]): void {
  const mean = statisticsOf(args.value('mean'));
  if (!mean || mean.shape.length === 0 || mean.shape.length > keep.length) return;
  const laid = input.map(() => 1);
  for (let i = 1; i <= mean.shape.length; i++) laid[keep[keep.length - i]] = mean.shape[mean.shape.length - i];
  const target = input.map((dim, axis) => (keep.includes(axis) ? (dim as number) : 1));
  if (laid.some((size, axis) => size !== target[axis] && size !== 1)) {
    throw new KerasError(`Incompatible types for broadcasting: input type=${mean.dtype}[${laid.join(',')}] and requested type=${mean.dtype}[${target.join(',')}]`);
  }
}

/** Normalization.build: without `mean`/`variance`, it creates mean, variance and count, none trainable. */
function normalizationWeights({ input, args }: RuleContext): WeightSpec[] {
  const axes = normalizationAxes(args);
  const rank = input.length;
  const axisRepr = formatShape(axes);
  if (axes.some((a) => a < -rank || a >= rank)) {
    throw new KerasError(`All \`axis\` values must be in the range [-ndim, ndim). Received inputs with ndim=${rank}, while axis=${axisRepr}`);
  }
  const keep = [...new Set(axes.map((a) => normalizeAxis(a, rank)))].sort((a, b) => a - b);
  const unknown = keep.find((d) => input[d] === null);
  if (unknown !== undefined) {
    throw new KerasError(
      `All \`axis\` values to be kept must have a known shape. Received axis=${axisRepr}, inputs.shape=${formatShape(input)}, with unknown axis at index ${unknown}`,
    );
  }
  if (!args.isNone('mean')) {
    checkGivenMean(args, input, keep);
    return [];
  }
  const shape = keep.map((d) => input[d]);
  return [
    { name: 'mean', shape, trainable: false },
    { name: 'variance', shape, trainable: false },
    // `dtype="int"`: int32 on jax (int64 on TensorFlow), whatever the layer's policy.
    { name: 'count', shape: [], trainable: false, dtype: 'int32' },
  ];
}

const normalization: LayerRule = {
  className: 'Normalization',
  family: 'preprocessing',
  params: signature('axis=-1', 'mean=None', 'variance=None', 'invert=False'),
  init: checkNormalizationValues,
  outputShape: (ctx) => {
    normalizationWeights(ctx);
    return ctx.input;
  },
  weights: normalizationWeights,
  explain:
    'Normalization keeps the shape and computes (x − mean) / sqrt(variance) per position of the kept axis (default -1, the features). Unless mean= and variance= are given, it stores what adapt() learns as non-trainable weights: mean (d,), variance (d,) and a scalar count, so 2·d + 1 non-trainable params for d features (none when mean/variance are given).',
};

/** The number of bins of a Discretization: `len(bin_boundaries) + 1`, else `num_bins`. */
function discretizationDepth(args: LayerArgs): Dim {
  if (args.isNone('bin_boundaries')) return args.int('num_bins');
  const boundaries = sequenceItems(args.value('bin_boundaries'));
  return boundaries === null ? 'len(bin_boundaries) + 1' : boundaries.length + 1;
}

const DISCRETIZATION_MODES = ['int', 'one_hot', 'multi_hot', 'count'];

const discretization: LayerRule = {
  className: 'Discretization',
  family: 'preprocessing',
  params: signature('bin_boundaries=None', 'num_bins=None', 'epsilon=0.01', "output_mode='int'", 'sparse=False', 'dtype=None', 'name=None'),
  noKwargs: true,
  init: (args) => {
    checkString(args, 'output_mode', DISCRETIZATION_MODES, 'Discretization');
    const numBins = args.value('num_bins');
    if (numBins.kind === 'int' && numBins.value < 0) {
      throw new KerasError(`\`num_bins\` must be greater than or equal to 0. Received: \`num_bins=${numBins.value}\``);
    }
    if (!args.isNone('num_bins') && !args.isNone('bin_boundaries')) {
      throw new KerasError(
        `Both \`num_bins\` and \`bin_boundaries\` should not be set. Received: \`num_bins=${repr(numBins)}\` and \`bin_boundaries=${repr(args.value('bin_boundaries'))}\``,
      );
    }
    if (args.isNone('num_bins') && args.isNone('bin_boundaries')) {
      throw new KerasError('You need to set either `num_bins` or `bin_boundaries`.');
    }
  },
  outputShape: ({ input, args }) => {
    const mode = checkString(args, 'output_mode', DISCRETIZATION_MODES, 'Discretization');
    // Discretization.compute_output_shape.
    if (mode === 'int') return input;
    const depth = discretizationDepth(args);
    if (mode === 'one_hot') {
      return input.length > 1 && input[input.length - 1] === 1 ? [...input.slice(0, -1), depth] : [...input, depth];
    }
    return input.length >= 2 ? [input[0], ...input.slice(2), depth] : [depth];
  },
  explain:
    'Discretization buckets numbers by bin_boundaries (or num_bins learnt by adapt()). output_mode=\'int\' keeps the shape with bin indices; \'one_hot\' adds an axis of size bins (replacing a last axis of 1); \'multi_hot\'/\'count\' give (batch, ..., bins) from (batch, samples, ...). bins = len(bin_boundaries) + 1. No weights.',
};

// ---------------------------------------------------------------------------------------------------------
// Categorical and text layers.

/** How a categorical encoding of `depth` values reshapes the input (`IndexLookup.compute_output_shape`). */
function encodedShape(input: Shape, mode: string, depth: Dim): Shape {
  if (mode === 'int') return input;
  if (mode === 'one_hot') {
    return input.length > 1 && input[input.length - 1] === 1 ? [...input.slice(0, -1), depth] : [...input, depth];
  }
  return [...input.slice(0, -1), depth];
}

interface LookupSpec {
  readonly maskToken: PyValue;
  readonly oovToken: PyValue;
  readonly numOov: number;
}

/**
 * The vocabulary size `IndexLookup.set_vocabulary` records: the special tokens (mask in 'int' mode, then the OOV
 * indices) plus the vocabulary without them, or the adapted size when no vocabulary is given.
 */
function vocabularySize(args: LayerArgs, mode: string, spec: LookupSpec): Dim {
  const vocabulary = args.value('vocabulary');
  const items = vocabulary.kind === 'str' ? null : sequenceItems(vocabulary);
  if (items === null) return ADAPTED_VOCABULARY;
  if (items.length === 0) throw new KerasError(`Cannot set an empty vocabulary. Received: vocabulary=${repr(vocabulary)}`);
  const oovStart = spec.maskToken.kind !== 'none' && mode === 'int' ? 1 : 0;
  const tokenStart = oovStart + spec.numOov;
  const special = [...Array.from({ length: oovStart }, () => spec.maskToken), ...Array.from({ length: spec.numOov }, () => spec.oovToken)];
  const startsWithSpecial = special.every((token, i) => i < items.length && repr(items[i]) === repr(token));
  const size = tokenStart + (startsWithSpecial ? items.length - tokenStart : items.length);
  const maxTokens = args.optionalInt('max_tokens');
  if (typeof maxTokens === 'number' && size > maxTokens) {
    throw new KerasError(
      `Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is ${size}; \`max_tokens\` is ${maxTokens}.`,
    );
  }
  return size;
}

const LOOKUP_MODES = ['int', 'one_hot', 'multi_hot', 'count', 'tf_idf'];

/** `IndexLookup.__init__`'s `output_mode` aliases and check. */
function lookupMode(args: LayerArgs, caller: string): string {
  const raw = args.str('output_mode');
  const mode = raw === 'binary' ? 'multi_hot' : raw === 'tf-idf' ? 'tf_idf' : raw;
  if (!LOOKUP_MODES.includes(mode)) {
    throw new KerasError(
      `Unknown value for \`output_mode\` argument of ${caller}. Allowed values are: (${LOOKUP_MODES.map((m) => `'${m}'`).join(', ')}). Received: output_mode=${mode}`,
    );
  }
  return mode;
}

/** `IndexLookup.__init__`'s first checks, on `max_tokens`, `pad_to_max_tokens` and `num_oov_indices`. */
function checkLookupSizes(args: LayerArgs, numOov: Dim): void {
  const maxTokens = args.optionalInt('max_tokens');
  if (isKnown(maxTokens) && maxTokens <= 1) {
    throw new KerasError(`If set, \`max_tokens\` must be greater than 1. Received: max_tokens=${maxTokens}`);
  }
  if (args.bool('pad_to_max_tokens') && maxTokens === null) {
    throw new KerasError('If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None');
  }
  if (isKnown(numOov) && numOov < 0) {
    throw new KerasError(`\`num_oov_indices\` must be greater than or equal to 0. Received: num_oov_indices=${numOov}`);
  }
}

/** The depth of a lookup's encoded axis: max_tokens when padded to it, else the vocabulary size. */
function lookupDepth(args: LayerArgs, mode: string, spec: LookupSpec): Dim {
  const size = vocabularySize(args, mode, spec);
  return args.bool('pad_to_max_tokens') ? args.int('max_tokens') : size;
}

function lookup(className: 'StringLookup' | 'IntegerLookup', params: readonly string[]): LayerRule {
  const signatureParams = signature(...params);
  return {
    className,
    family: 'preprocessing',
    params: signatureParams,
    // IndexLookup.__init__ pops the first two from `**kwargs`, and takes `oov_method` when the class does not.
    moreKeywords: ['has_input_vocabulary', 'vocabulary_size', 'oov_method'].filter((name) => !params.some((p) => p.startsWith(`${name}=`))),
    outputShape: ({ input, args }) => {
      const numOov = args.knownInt('num_oov_indices');
      checkLookupSizes(args, numOov);
      const mode = lookupMode(args, className);
      if (args.bool('invert') && mode !== 'int') {
        throw new KerasError(`\`output_mode\` must be \`'int'\` when \`invert\` is true. Received: output_mode=${mode}`);
      }
      const depth = lookupDepth(args, mode, { maskToken: args.value('mask_token'), oovToken: args.value('oov_token'), numOov });
      return encodedShape(input, mode, depth);
    },
    explain: `${className} maps ${className === 'StringLookup' ? 'strings' : 'integers'} to vocabulary indices. output_mode='int' keeps the shape; 'one_hot' adds an axis of size depth (replacing a last axis of 1); 'multi_hot', 'count' and 'tf_idf' replace the last axis with depth. depth is max_tokens with pad_to_max_tokens=True, else the vocabulary size: the given vocabulary plus num_oov_indices OOV slots (a vocabulary learnt by adapt() is only known at run time). No weights.`,
  };
}

const textVectorization: LayerRule = {
  className: 'TextVectorization',
  family: 'preprocessing',
  // `self._lookup_layer = StringLookup(...)` in `__init__`.
  sublayers: { init: ['StringLookup'] },
  params: signature(
    'max_tokens=None', "standardize='lower_and_strip_punctuation'", "split='whitespace'", 'ngrams=None', "output_mode='int'",
    'output_sequence_length=None', 'pad_to_max_tokens=False', 'vocabulary=None', 'idf_weights=None', 'sparse=False', 'ragged=False',
    "encoding='utf-8'", 'name=None',
  ),
  // Popped from `**kwargs` by `__init__` (what `get_config` saves for `from_config`).
  moreKeywords: ['has_input_vocabulary', 'vocabulary_size'],
  outputShape: ({ input, args }) => {
    const mode = lookupMode(args, 'TextVectorization');
    if (mode !== 'int' && !args.isNone('output_sequence_length')) {
      throw new KerasError(
        `\`output_sequence_length\` must not be set if \`output_mode\` is not 'int'. Received output_sequence_length=${repr(args.value('output_sequence_length'))}.`,
      );
    }
    checkLookupSizes(args, 1);
    // TextVectorization.compute_output_shape: 'int' gives (batch, output_sequence_length), None if unset.
    if (mode === 'int') return [input[0], args.optionalInt('output_sequence_length')];
    const split: Shape = args.isNone('split') ? (input.length <= 1 ? [...input, 1] : input) : [...input, null];
    // Its inner StringLookup has mask_token='' and one OOV token '[UNK]'.
    const depth = lookupDepth(args, mode, { maskToken: { kind: 'str', value: '' }, oovToken: { kind: 'str', value: '[UNK]' }, numOov: 1 });
    return encodedShape(split, mode, depth);
  },
  explain:
    "TextVectorization turns strings into token indices or token counts. output_mode='int' gives (batch, output_sequence_length) — (batch, None) when output_sequence_length is not set, since sentences differ in length. Other modes split the text into a new axis and encode it like StringLookup: 'multi_hot', 'count' and 'tf_idf' end in an axis of size max_tokens (pad_to_max_tokens=True) or the vocabulary size (given vocabulary + 1 OOV token, or learnt by adapt()). No weights.",
};

/** `output_mode`, the deprecated 'binary' read as 'multi_hot' (CategoryEncoding.__init__). */
function categoryEncodingMode(args: LayerArgs): string {
  const mode = args.str('output_mode');
  return mode === 'binary' ? 'multi_hot' : mode;
}

const categoryEncoding: LayerRule = {
  className: 'CategoryEncoding',
  family: 'preprocessing',
  params: signature('num_tokens=None', "output_mode='multi_hot'", 'sparse=False'),
  init: (args) => {
    const mode = categoryEncodingMode(args);
    if (!['count', 'one_hot', 'multi_hot'].includes(mode)) throw new KerasError(`Unknown arg for output_mode: ${mode}`);
    if (args.isNone('num_tokens')) {
      throw new KerasError(
        'num_tokens must be set to use this layer. If the number of tokens is not known beforehand, use the IntegerLookup layer instead.',
      );
    }
    const tokens = args.int('num_tokens');
    if (isKnown(tokens) && tokens < 1) throw new KerasError(`\`num_tokens\` must be >= 1. Received: num_tokens=${tokens}.`);
  },
  outputShape: ({ input, args }) => {
    const mode = categoryEncodingMode(args);
    const tokens = args.int('num_tokens');
    // CategoryEncoding.compute_output_shape.
    if (input.length === 0) return [tokens];
    if (mode === 'one_hot' && (input[input.length - 1] !== 1 || input.length === 1)) return [...input, tokens];
    return [...input.slice(0, -1), tokens];
  },
  explain:
    "CategoryEncoding encodes integer ids below num_tokens: 'multi_hot' (default) and 'count' replace the last axis with num_tokens ((batch, ids) → (batch, num_tokens)); 'one_hot' appends an axis of num_tokens, or replaces a last axis of size 1. No weights.",
};

const hashing: LayerRule = {
  className: 'Hashing',
  family: 'preprocessing',
  params: signature('num_bins', 'mask_value=None', 'salt=None', "output_mode='int'", 'sparse=False'),
  outputShape: ({ input, args }) => {
    const bins = args.optionalInt('num_bins');
    if (bins === null || (isKnown(bins) && bins <= 0)) {
      throw new KerasError(`The \`num_bins\` for \`Hashing\` cannot be \`None\` or non-positive values. Received: num_bins=${bins ?? 'None'}.`);
    }
    const mode = args.str('output_mode');
    const modes = ['int', 'one_hot', 'multi_hot', 'count'];
    if (!modes.includes(mode)) {
      throw new KerasError(
        `Invalid value for argument \`output_mode\`. Expected one of (${modes.map((m) => `'${m}'`).join(', ')}). Received: output_mode=${mode}`,
      );
    }
    // Hashing.compute_output_spec: 'int' keeps the shape, the encodings replace the last axis with num_bins.
    return mode === 'int' ? input : [...input.slice(0, -1), bins];
  },
  explain:
    "Hashing hashes values into num_bins bins. output_mode='int' keeps the shape (bin indices); 'one_hot', 'multi_hot' and 'count' replace the last axis with num_bins. No weights.",
};

/** Python's repr of the list of input shapes HashedCrossing receives. */
const shapeList = (shapes: readonly Shape[]): string => `[${shapes.map(formatShape).join(', ')}]`;

const hashedCrossing: LayerRule = {
  className: 'HashedCrossing',
  family: 'preprocessing',
  params: signature('num_bins', "output_mode='int'", 'sparse=False', 'name=None', 'dtype=None'),
  call: 'list',
  outputShape: ({ inputs, args }) => {
    const mode = checkString(args, 'output_mode', ['int', 'one_hot'], 'HashedCrossing');
    const bins = args.int('num_bins');
    // HashedCrossing.compute_output_shape.
    if (inputs.length !== 2) throw new KerasError(`Expected as input a list/tuple of 2 tensors. Received input_shape=${shapeList(inputs)}`);
    const [first, second] = inputs;
    if (first[first.length - 1] !== second[second.length - 1]) {
      throw new KerasError(`Expected the two input tensors to have identical shapes. Received input_shape=${shapeList(inputs)}`);
    }
    if (mode === 'int') return first;
    if (first[first.length - 1] !== 1) return [...first, bins];
    return [...first.slice(0, -1), bins];
  },
  explain:
    "HashedCrossing crosses two categorical features (called on a list of two tensors of the same shape) and hashes each pair into num_bins bins. output_mode='int' keeps the inputs' shape; 'one_hot' replaces a last axis of size 1 with num_bins (else appends it). No weights.",
};

/**
 * `Pipeline.call`: each layer called on what the one before returned. What one of them raises, Keras raises
 * wrapped, as for any layer whose `call` fails on symbolic inputs; with no layers at all, `call` returns a
 * variable it never set.
 */
function pipelineChain({ input, args, nestedLayer, layerName }: RuleContext): { output: Shape; weights: WeightSpec[] } {
  const layers = args.layers('layers');
  let output = input;
  const weights: WeightSpec[] = [];
  try {
    if (layers.length === 0) throw new KerasError("cannot access local variable 'outputs' where it is not associated with a value");
    for (const layer of layers) {
      const applied = nestedLayer(layer, output);
      if (applied.outputs.length !== 1) throw new UnknownArgument('layers', `${layer.name} returns ${applied.outputs.length} tensors`);
      output = applied.outputs[0];
      // Keras tracks the list's layers as the pipeline's own: their variables are `pipeline/dense/kernel`.
      for (const weight of applied.weights) weights.push({ ...weight, name: `${layer.name}/${weight.name}` });
    }
  } catch (error) {
    throw error instanceof KerasError ? new KerasError(callFailure('Pipeline', layerName, error.message)) : error;
  }
  return { output, weights };
}

const pipeline: LayerRule = {
  className: 'Pipeline',
  family: 'preprocessing',
  params: signature('layers', 'name=None'),
  noKwargs: true,
  outputShape: (ctx) => pipelineChain(ctx).output,
  weights: (ctx) => pipelineChain(ctx).weights,
  explain:
    "Pipeline calls its layers in turn, each on what the one before returned, as a single plain layer (not a Model): one row, whose output is the last layer's and whose parameters are all its layers' weights, trainable or not (a Normalization's mean and variance).",
};

export const preprocessingRules: readonly LayerRule[] = [
  {
    className: 'Rescaling',
    family: 'preprocessing',
    params: signature('scale', 'offset=0.0'),
    outputShape: sameShape,
    explain: 'Rescaling computes x·scale + offset element-wise, e.g. Rescaling(1/255) maps pixel values to [0, 1]. It keeps the shape and has no weights.',
  },
  normalization,
  discretization,
  resizing,
  centerCrop,
  randomCrop,
  augmentation('RandomFlip', ["mode='horizontal_and_vertical'", 'seed=None', 'data_format=None'], "flips images horizontally and/or vertically at random (mode)"),
  augmentation('RandomRotation', ['factor', ...FILL], 'rotates images by a random angle of up to factor·2π'),
  augmentation('RandomZoom', ['height_factor', 'width_factor=None', ...FILL], 'zooms images in or out by random factors, keeping their size'),
  augmentation('RandomTranslation', ['height_factor', 'width_factor', ...FILL], 'shifts images by random fractions of their height and width'),
  augmentation('RandomContrast', ['factor', 'value_range=(0, 255)', 'seed=None'], 'scales the contrast of each image by a random factor'),
  augmentation('RandomBrightness', ['factor', 'value_range=(0, 255)', 'seed=None'], 'adds a random brightness offset to each image'),
  textVectorization,
  lookup('StringLookup', [
    'max_tokens=None', 'num_oov_indices=1', 'mask_token=None', "oov_token='[UNK]'", 'vocabulary=None', 'idf_weights=None', 'invert=False',
    "output_mode='int'", 'pad_to_max_tokens=False', 'sparse=False', "encoding='utf-8'", 'name=None', 'salt=None',
  ]),
  lookup('IntegerLookup', [
    'max_tokens=None', 'num_oov_indices=1', 'mask_token=None', 'oov_token=-1', 'vocabulary=None', "vocabulary_dtype='int64'",
    'idf_weights=None', 'invert=False', "output_mode='int'", 'sparse=False', 'pad_to_max_tokens=False', "oov_method='floormod'",
    'salt=None', 'name=None',
  ]),
  categoryEncoding,
  hashing,
  hashedCrossing,
  pipeline,
];
