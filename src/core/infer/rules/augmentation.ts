/**
 * The image augmentation layers of `keras/src/layers/preprocessing/image_preprocessing/` beyond the first ones
 * (preprocessing.ts): colour, geometry and mixing augmentations, AugMix and RandAugment, MaxNumBoundingBoxes.
 * Every one keeps its input's shape (its `compute_output_shape` returns it) and has no weights; what a rule adds
 * is the argument checks Keras makes when it constructs the layer, and the sublayers that take automatic names.
 * Equalization is left out: its `compute_output_spec` returns the input tensor itself, so that Keras 3.15 raises
 * "... is part of a cycle" for a model using it after another layer, which a rule cannot express.
 */
import type { Shape } from '../../model';
import { formatShape, type PyValue } from '../../evaluate/values';
import { toStr, truthy } from '../../evaluate/operators';
import type { LayerArgs } from '../args';
import { dataFormatOf } from '../dims';
import { imageBaseKeywords } from './preprocessing';
import { KerasError, signature, type ConstructedSublayers, type LayerRule, type RuleContext } from './types';

// ---------------------------------------------------------------------------------------------------------
// Argument checks, each mirroring the Keras method named in its comment. A value not known statically is not
// checked: it does not change the shape.

type Bounds = readonly [number, number];

/** A number as `isinstance(x, (int, float))` sees it (a bool is an int), else null. */
function numberOf(value: PyValue): number | null {
  if (value.kind === 'int' || value.kind === 'float') return value.value;
  if (value.kind === 'bool') return value.value ? 1 : 0;
  return null;
}

/** The kinds of value whose checks we can decide; anything else (a tensor, an object) is left to run time. */
const CHECKABLE: ReadonlySet<PyValue['kind']> = new Set(['int', 'float', 'bool', 'str', 'none', 'tuple', 'list']);

/** The items of a tuple or list, which the checks below accept as a pair. */
const pairItems = (value: PyValue): readonly PyValue[] | null => (value.kind === 'tuple' || value.kind === 'list' ? value.items : null);

/**
 * `BaseImagePreprocessingLayer._set_factor`: a number in `bounds`, or a pair that overlaps them. The copies
 * `_set_factor_by_name` (RandomElasticTransform's and RandomErasing's `scale`, RandomGaussianBlur's `sigma`)
 * name their argument but still print `factor=`.
 */
function checkRangeFactor(value: PyValue, bounds: Bounds, argument = 'factor'): void {
  if (!CHECKABLE.has(value.kind)) return;
  const error = () =>
    new KerasError(
      `The \`${argument}\` argument should be a number (or a list of two numbers) in the range [${bounds[0]}, ${bounds[1]}]. Received: factor=${toStr(value)}`,
    );
  const items = pairItems(value);
  if (items) {
    if (items.length !== 2) throw error();
    const [low, high] = items.map(numberOf);
    if ((low !== null && low > bounds[1]) || (high !== null && high < bounds[0])) throw error();
    return;
  }
  const number = numberOf(value);
  if (number === null || number < bounds[0] || number > bounds[1]) throw error();
}

/**
 * `_set_factor_with_name` of RandomShear and `_set_factor` of Solarization: a number or a pair whose every
 * item is in [0, 1], each reported as `input_number`; anything else is reported by the argument's name.
 */
function checkUnitFactor(args: LayerArgs, name: string, prefix: string): void {
  const value = args.value(name);
  if (!CHECKABLE.has(value.kind)) return;
  const items = pairItems(value);
  if (items && items.length !== 2) throw new KerasError(`${prefix}Received: ${name}=${toStr(value)}`);
  if (!items && numberOf(value) === null) throw new KerasError(`${prefix}Received: ${name}=${toStr(value)}`);
  for (const item of items ?? [value]) {
    const number = numberOf(item);
    if (number !== null && (number < 0 || number > 1)) throw new KerasError(`${prefix}Received: input_number=${toStr(item)}`);
  }
}

/** `_set_value_range` of AutoContrast, RandomBrightness, RandomColorDegeneration and others: a pair. */
function checkValueRange(args: LayerArgs): void {
  const value = args.value('value_range');
  if (!CHECKABLE.has(value.kind)) return;
  const items = pairItems(value);
  if (!items || items.length !== 2) {
    throw new KerasError(`The \`value_range\` argument should be a list of two numbers. Received: value_range=${toStr(value)}`);
  }
}

/**
 * The `NotImplementedError` of RandomShear, RandomPerspective and RandomElasticTransform for an unsupported
 * `interpolation` or `fill_mode`; `allowed` is the collection as Python prints it.
 */
function checkSupported(args: LayerArgs, name: string, supported: readonly string[], allowed: string): void {
  const value = args.value(name);
  if (!CHECKABLE.has(value.kind) || (value.kind === 'str' && supported.includes(value.value))) return;
  throw new KerasError(`Unknown \`${name}\` ${toStr(value)}. Expected of one ${allowed}.`);
}

const INTERPOLATIONS = ['nearest', 'bilinear'];
const INTERPOLATIONS_TEXT = "('nearest', 'bilinear')";

/** RandomShear's `interpolation` check, which AugMix and RandAugment also make through the RandomShear they build. */
function checkShearInterpolation(args: LayerArgs): void {
  checkSupported(args, 'interpolation', INTERPOLATIONS, INTERPOLATIONS_TEXT);
}

/** `RandomGaussianBlur._set_kernel_size`: an odd number, or a pair of odd numbers. */
function checkKernelSize(args: LayerArgs): void {
  const value = args.value('kernel_size');
  if (!CHECKABLE.has(value.kind)) return;
  const odd = `kernel_size must be an odd number. Received: kernel_size=${toStr(value)}`;
  const items = pairItems(value);
  if (items && items.length !== 2) {
    throw new KerasError(`The \`kernel_size\` argument should be a number (or a list of two numbers) Received: kernel_size=${toStr(value)}`);
  }
  const sizes = (items ?? [value]).map(numberOf);
  if (!items && sizes[0] === null) throw new KerasError(odd);
  if (sizes.some((size) => size !== null && size % 2 === 0)) throw new KerasError(odd);
}

/** `factor or 0.0`, then `_set_factor`: how the base class takes a factor handed to it (RandomBrightness's too). */
function checkFactorOrZero(value: PyValue, bounds: Bounds): void {
  if (truthy(value) === true) checkRangeFactor(value, bounds);
}

/**
 * What `BaseImagePreprocessingLayer.__init__` does with a `factor` keyword a subclass hands on in `**kwargs`:
 * `checked` (`_USE_BASE_FACTOR`) treats a falsy one as 0 and checks any other in [-1, 1]; `refused` raises for
 * any but None.
 */
type BaseFactor = 'checked' | 'refused';

function checkBaseFactor(args: LayerArgs, className: string, baseFactor: BaseFactor): void {
  const value = args.value('factor');
  if (baseFactor === 'checked') {
    checkFactorOrZero(value, [-1, 1]);
  } else if (value.kind !== 'none' && CHECKABLE.has(value.kind)) {
    throw new KerasError(`Layer ${className} does not take a \`factor\` argument. Received: factor=${toStr(value)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The layers.

interface Augmentation {
  readonly className: string;
  /** The Python signature after `self`, without `**kwargs`. */
  readonly params: readonly string[];
  /** Set when the class hands a `factor` keyword on to the base class rather than taking one itself. */
  readonly baseFactor?: BaseFactor;
  /**
   * Set when the class standardizes `data_format` itself, after its own checks, instead of passing it to the
   * base class (RandomGrayscale, ContrastLimitedAdaptiveHistogramEqualization).
   */
  readonly ownDataFormat?: boolean;
  /** The checks of the class's own `__init__`, in Keras' order. */
  readonly checks?: (args: LayerArgs) => void;
  /** Layers the class builds in `__init__`, which take the next automatic names of their classes. */
  readonly sublayers?: ConstructedSublayers;
  /** The checks of a `compute_output_shape` that does more than return its input shape. */
  readonly checkInput?: (ctx: RuleContext) => void;
  readonly explain: string;
}

function augmentation(spec: Augmentation): LayerRule {
  const validate = (args: LayerArgs): void => {
    if (!spec.ownDataFormat) dataFormatOf(args);
    if (spec.baseFactor) checkBaseFactor(args, spec.className, spec.baseFactor);
    spec.checks?.(args);
    if (spec.ownDataFormat) dataFormatOf(args);
  };
  const params = signature(...spec.params);
  return {
    className: spec.className,
    family: 'preprocessing',
    params,
    moreKeywords: imageBaseKeywords(params),
    ...(spec.sublayers ? { sublayers: { init: spec.sublayers } } : {}),
    outputShape: (ctx): Shape => {
      validate(ctx.args);
      spec.checkInput?.(ctx);
      return ctx.input;
    },
    explain: spec.explain,
  };
}

/** The end of every explanation: what all these layers share. */
const KEEPS = 'It keeps the shape and has no weights.';

/** The layers AugMix builds, in its order: the first seven always, the other four with `all_ops=True` (its default). */
const AUG_MIX_LAYERS = ['RandomShear', 'RandomTranslation', 'RandomRotation', 'Solarization', 'RandomPosterization', 'AutoContrast', 'Equalization'];
const AUG_MIX_ALL_OPS_LAYERS = ['RandomBrightness', 'RandomColorDegeneration', 'RandomContrast', 'RandomSharpness'];
const RAND_AUGMENT_LAYERS = [
  'RandomShear', 'RandomTranslation', 'RandomRotation', 'RandomBrightness', 'RandomColorDegeneration', 'RandomContrast',
  'RandomSharpness', 'Solarization', 'RandomPosterization', 'AutoContrast', 'Equalization',
];

const NONE_BUILT = { built: [] };

/**
 * Layers built with the constructor's `**kwargs`, so with its `name=` when it has one: then they take no
 * automatic names (and may or may not, when the name is not known statically).
 */
function passingName(named: boolean | null, built: readonly string[], maybe: readonly string[] = []): ReturnType<ConstructedSublayers> {
  if (named === true) return NONE_BUILT;
  return named === null ? { built: [], maybe: [...built, ...maybe] } : { built, maybe };
}

/** AugMix: `if self.all_ops:` decides the last four. */
const augMixLayers: ConstructedSublayers = (args, named) => {
  const allOps = truthy(args.value('all_ops'));
  if (allOps === null) return passingName(named, AUG_MIX_LAYERS, AUG_MIX_ALL_OPS_LAYERS);
  return passingName(named, allOps ? [...AUG_MIX_LAYERS, ...AUG_MIX_ALL_OPS_LAYERS] : AUG_MIX_LAYERS);
};

/** RandomColorJitter builds the layer of each factor that is not None, without handing on its `name=`. */
const COLOR_JITTER_LAYERS: readonly (readonly [string, string])[] = [
  ['brightness_factor', 'RandomBrightness'],
  ['contrast_factor', 'RandomContrast'],
  ['saturation_factor', 'RandomSaturation'],
  ['hue_factor', 'RandomHue'],
];

const colorJitterLayers: ConstructedSublayers = (args) => {
  const built: string[] = [];
  const maybe: string[] = [];
  for (const [factor, className] of COLOR_JITTER_LAYERS) {
    const kind = args.value(factor).kind;
    if (kind === 'unknown') maybe.push(className);
    else if (kind !== 'none') built.push(className);
  }
  return { built, maybe };
};

const SHEAR_PREFIX = 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. ';
const SOLARIZATION_PREFIX =
  'The `addition_factor` and `threshold_factor` arguments should be a number (or a list of two numbers) in the range [0, 1]. ';

/** `RandomColorDegeneration.compute_output_shape`: images of rank 3 or 4 with 3 channels. */
function checkRgbImages({ input, args }: RuleContext): void {
  if (input.length !== 3 && input.length !== 4) {
    throw new KerasError(
      `Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received: input_shape=${formatShape(input)}`,
    );
  }
  const channels = input[dataFormatOf(args) === 'channels_last' ? input.length - 1 : input.length - 3];
  if (typeof channels === 'number' && channels !== 3) {
    throw new KerasError(`Input images must have 3 channels, but received images with ${channels} channels.`);
  }
}

export const augmentationRules: readonly LayerRule[] = [
  augmentation({
    className: 'AugMix',
    params: [
      'value_range=(0, 255)', 'num_chains=3', 'chain_depth=3', 'factor=0.3', 'alpha=1.0', 'all_ops=True', "interpolation='bilinear'",
      'seed=None', 'data_format=None',
    ],
    // Its RandomShear checks `interpolation`, then its Solarization checks `value_range`.
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [0, 1]);
      checkShearInterpolation(args);
      checkValueRange(args);
    },
    sublayers: augMixLayers,
    explain: `AugMix blends each image with num_chains chains of up to chain_depth random augmentations (shear, translation, rotation, posterization, solarization, autocontrast, equalization, and with all_ops=True brightness, colour, contrast and sharpness), during training only. ${KEEPS} It builds those augmentation layers itself (seven with all_ops=False), which take the next automatic names of their classes unless it is given a name=, which they share: a RandomShear() made after it is named as if one more had been made before.`,
  }),
  augmentation({
    className: 'AutoContrast',
    params: ['value_range=(0, 255)'],
    baseFactor: 'refused',
    checks: checkValueRange,
    explain: `AutoContrast stretches each image's values to the whole value_range, channel by channel, in training and at inference. ${KEEPS}`,
  }),
  augmentation({
    className: 'ContrastLimitedAdaptiveHistogramEqualization',
    params: ['value_range=(0, 255)', 'clip_limit=4.0', 'tile_grid_size=(8, 8)', 'data_format=None'],
    baseFactor: 'checked',
    ownDataFormat: true,
    explain: `ContrastLimitedAdaptiveHistogramEqualization (CLAHE) equalizes the histogram of each tile of a tile_grid_size grid, clipped at clip_limit, and interpolates between tiles, in training and at inference. ${KEEPS}`,
  }),
  augmentation({
    className: 'CutMix',
    params: ['factor=1.0', 'seed=None', 'data_format=None'],
    checks: (args) => checkRangeFactor(args.value('factor'), [0, 1]),
    explain: `CutMix pastes a random box of another image of the batch into each image (and mixes the labels of a dict input in proportion), during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'MixUp',
    params: ['alpha=0.2', 'data_format=None', 'seed=None'],
    baseFactor: 'checked',
    explain: `MixUp blends each image with another image of the batch (and their labels, for a dict input) by a Beta(alpha, alpha) weight, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandAugment',
    params: ['value_range=(0, 255)', 'num_ops=2', 'factor=0.5', "interpolation='bilinear'", 'seed=None', 'data_format=None'],
    // Its RandomShear checks `interpolation`, then its RandomBrightness checks `value_range`.
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [0, 1]);
      checkShearInterpolation(args);
      checkValueRange(args);
    },
    sublayers: (_args, named) => passingName(named, RAND_AUGMENT_LAYERS),
    explain: `RandAugment applies num_ops augmentations drawn at random from eleven (shear, translation, rotation, brightness, colour, contrast, sharpness, solarization, posterization, autocontrast, equalization) at strength factor, during training only. ${KEEPS} It builds those eleven layers itself, which take the next automatic names of their classes unless it is given a name=, which they share: a RandomRotation() made after it is named as if one more had been made before.`,
  }),
  augmentation({
    className: 'RandomColorDegeneration',
    params: ['factor', 'value_range=(0, 255)', 'data_format=None', 'seed=None'],
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [-1, 1]);
      checkValueRange(args);
    },
    checkInput: checkRgbImages,
    explain: `RandomColorDegeneration blends each image with its grayscale version by a random amount, during training only. Keras requires images of rank 3 or 4 with 3 channels. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomColorJitter',
    params: [
      'value_range=(0, 255)', 'brightness_factor=None', 'contrast_factor=None', 'saturation_factor=None', 'hue_factor=None', 'seed=None',
      'data_format=None',
    ],
    baseFactor: 'checked',
    // Each factor given builds the layer that checks it (RandomBrightness, RandomContrast, RandomSaturation, RandomHue).
    sublayers: colorJitterLayers,
    checks: (args) => {
      if (!args.isNone('brightness_factor')) {
        checkFactorOrZero(args.value('brightness_factor'), [-1, 1]);
        checkValueRange(args);
      }
      if (!args.isNone('contrast_factor')) checkRangeFactor(args.value('contrast_factor'), [0, 1]);
      if (!args.isNone('saturation_factor')) {
        checkRangeFactor(args.value('saturation_factor'), [-1, 1]);
        checkValueRange(args);
      }
      if (!args.isNone('hue_factor')) checkRangeFactor(args.value('hue_factor'), [0, 1]);
    },
    explain: `RandomColorJitter applies, in turn, the random brightness, contrast, saturation and hue changes whose factors are given, during training only. ${KEEPS} It builds a RandomBrightness, RandomContrast, RandomSaturation or RandomHue for each factor given, which take the next automatic names of their classes.`,
  }),
  augmentation({
    className: 'RandomElasticTransform',
    params: [
      'factor=1.0', 'scale=1.0', "interpolation='bilinear'", "fill_mode='reflect'", 'fill_value=0.0', 'value_range=(0, 255)', 'seed=None',
      'data_format=None',
    ],
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [0, 1]);
      checkRangeFactor(args.value('scale'), [0, 1], 'scale');
      checkSupported(args, 'interpolation', INTERPOLATIONS, INTERPOLATIONS_TEXT);
      // Keras' allowed modes are a set, which Python prints in an order that changes from run to run.
      checkSupported(args, 'fill_mode', ['constant', 'nearest', 'wrap', 'mirror', 'reflect'], "{'constant', 'nearest', 'wrap', 'mirror', 'reflect'}");
    },
    explain: `RandomElasticTransform displaces the pixels of a random share (factor) of the images by a smoothed random field of strength scale, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomErasing',
    params: ['factor=1.0', 'scale=(0.02, 0.33)', 'fill_value=None', 'value_range=(0, 255)', 'seed=None', 'data_format=None'],
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [0, 1]);
      checkRangeFactor(args.value('scale'), [0, 1], 'scale');
    },
    explain: `RandomErasing fills a random box (a share scale of the area) of a random share (factor) of the images with fill_value or noise, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomGaussianBlur',
    params: ['factor=1.0', 'kernel_size=3', 'sigma=1.0', 'value_range=(0, 255)', 'data_format=None', 'seed=None'],
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [0, 1]);
      checkKernelSize(args);
      checkRangeFactor(args.value('sigma'), [0, 1], 'sigma');
    },
    explain: `RandomGaussianBlur blurs a random share (factor) of the images with a Gaussian kernel of the (odd) kernel_size and a random sigma, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomGrayscale',
    params: ['factor=0.5', 'data_format=None', 'seed=None'],
    ownDataFormat: true,
    checks: (args) => {
      const factor = args.value('factor');
      const number = numberOf(factor);
      if (number !== null && (number < 0 || number > 1)) {
        throw new KerasError(`\`factor\` should be between 0 and 1. Received: factor=${toStr(factor)}`);
      }
    },
    explain: `RandomGrayscale turns a random share (factor) of the images to gray, during training only, keeping their channels: a gray RGB image still has 3 (equal) channels. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomHue',
    params: ['factor', 'value_range=(0, 255)', 'data_format=None', 'seed=None'],
    checks: (args) => checkRangeFactor(args.value('factor'), [0, 1]),
    explain: `RandomHue shifts the hue of each image by a random amount of up to factor/2 of the colour circle, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomInvert',
    params: ['factor=1.0', 'value_range=(0, 255)', 'seed=None', 'data_format=None'],
    checks: (args) => checkRangeFactor(args.value('factor'), [0, 1]),
    explain: `RandomInvert inverts a random share (factor) of the images (value_range max − x), during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomPerspective',
    params: ['factor=1.0', 'scale=1.0', "interpolation='bilinear'", 'fill_value=0.0', 'seed=None', 'data_format=None'],
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [0, 1]);
      const scale = numberOf(args.value('scale'));
      if (scale !== null && (scale < 0 || scale > 1)) {
        throw new KerasError(`The \`scale\` argument should be a number in the range [0,1]. Received: scale=${toStr(args.value('scale'))}`);
      }
      checkSupported(args, 'interpolation', INTERPOLATIONS, INTERPOLATIONS_TEXT);
    },
    explain: `RandomPerspective moves the corners of a random share (factor) of the images by up to scale and warps them accordingly, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomPosterization',
    params: ['factor', 'value_range=(0, 255)', 'data_format=None', 'seed=None'],
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [1, 8]);
      checkValueRange(args);
    },
    explain: `RandomPosterization keeps a random number of bits (1 to factor, at most 8) of each colour value, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomSaturation',
    params: ['factor', 'value_range=(0, 255)', 'data_format=None', 'seed=None'],
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [-1, 1]);
      checkValueRange(args);
    },
    explain: `RandomSaturation scales the saturation of each image by a random amount, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomSharpness',
    params: ['factor', 'value_range=(0, 255)', 'data_format=None', 'seed=None'],
    checks: (args) => {
      checkRangeFactor(args.value('factor'), [0, 1]);
      checkValueRange(args);
    },
    explain: `RandomSharpness sharpens or blurs each image by a random amount, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'RandomShear',
    params: ['x_factor=0.0', 'y_factor=0.0', "interpolation='bilinear'", "fill_mode='reflect'", 'fill_value=0.0', 'data_format=None', 'seed=None'],
    baseFactor: 'refused',
    checks: (args) => {
      checkUnitFactor(args, 'x_factor', SHEAR_PREFIX);
      checkUnitFactor(args, 'y_factor', SHEAR_PREFIX);
      checkSupported(args, 'fill_mode', ['reflect', 'wrap', 'constant', 'nearest'], "('reflect', 'wrap', 'constant', 'nearest')");
      checkShearInterpolation(args);
    },
    explain: `RandomShear shears images along x and y by random angles (x_factor, y_factor), filling the uncovered pixels by fill_mode, during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'Solarization',
    params: ['addition_factor=0.0', 'threshold_factor=0.0', 'value_range=(0, 255)', 'seed=None'],
    baseFactor: 'refused',
    checks: (args) => {
      checkUnitFactor(args, 'addition_factor', SOLARIZATION_PREFIX);
      checkUnitFactor(args, 'threshold_factor', SOLARIZATION_PREFIX);
      checkValueRange(args);
    },
    explain: `Solarization inverts the values above a random threshold, after adding a random amount (addition_factor, threshold_factor), during training only. ${KEEPS}`,
  }),
  augmentation({
    className: 'MaxNumBoundingBoxes',
    params: ['max_number', 'fill_value=-1'],
    baseFactor: 'checked',
    explain: `MaxNumBoundingBoxes pads or cuts the bounding boxes of a dict input to max_number per image (filling with fill_value); images pass through. ${KEEPS}`,
  }),
];
