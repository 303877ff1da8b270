/**
 * What Keras 3's application builders check of their arguments before they make a layer, in Keras 3's words
 * (`keras/src/applications/imagenet_utils.py`'s `obtain_input_shape` and each builder's own lines before it).
 * The bundled Keras Applications 1.0.8 sources check much the same in other words, or not at all, so these
 * run in their place, as the builder's precondition (`applications.ts`): `MobileNetV2(input_shape=(28, 28, 1))`
 * is Keras' "Input size must be at least 32x32" at the call rather than a model of unknown shapes. A builder that
 * is not bundled (EfficientNet, ConvNeXt...) builds a model of unknown shapes, but its arguments are checked all the
 * same (`kerasCalls.ts`). A check whose values are not known statically stops the checking: Keras might raise
 * there, so nothing after it is claimed.
 */
import { equals, toStr, truthy } from '../evaluate/operators';
import { sequenceItems, type Precondition, type PyValue, type Scope } from '../evaluate/values';

/** The checks one builder makes: its sizes, the words of its messages, and what its family checks besides. */
interface BuilderChecks {
  /** The height and width `obtain_input_shape` defaults to, and the least it accepts. */
  readonly defaultSize: number;
  readonly minSize: number;
  /** The message for `weights="imagenet"` with `include_top` and `classes` other than 1000. */
  readonly classesMessage: (classes: string) => string;
  /** The family that refuses `channels_first` before anything else (DenseNet, ConvNeXt, NASNet). */
  readonly channelsLastOnly?: string;
  /** MobileNet and MobileNetV2 pick their default size from the input's (`mobileNetSize`) and check `alpha` (`mobileNetWeightsError`). */
  readonly mobileNet?: 'v1' | 'v2';
  /** MobileNetV3 checks its input's size itself, not through `obtain_input_shape` (`mobileNetV3Error`). */
  readonly mobileNetV3?: true;
  /** NASNet refuses an `input_shape` tuple with a `None` in it, with ImageNet weights. */
  readonly staticWithImagenet?: true;
  /**
   * Keras 3's positional parameters, for a builder that is not bundled (its call is bound here); a bundled one's
   * arguments come bound to its own function's parameters, which have Keras 3's names.
   */
  readonly params?: readonly string[];
}

const classesWithQuotes = (classes: string) => `If using \`weights='imagenet'\` with \`include_top=True\`, \`classes\` should be 1000.  Received classes=${classes}`;
const classesWithDoubleQuotes = (classes: string) => `If using \`weights="imagenet"\` with \`include_top=True\`, \`classes\` should be 1000. Received classes=${classes}`;
const classesAsTrue = () => 'If using `weights="imagenet"` with `include_top` as true, `classes` should be 1000';
const classesAsImagenet = () => 'If using `weights` as `"imagenet"` with `include_top` as true, `classes` should be 1000';

const VGG_AND_RESNET: BuilderChecks = { defaultSize: 224, minSize: 32, classesMessage: classesWithQuotes };
const INCEPTION: BuilderChecks = { defaultSize: 299, minSize: 75, classesMessage: classesWithDoubleQuotes };
const DENSENET: BuilderChecks = { defaultSize: 224, minSize: 32, classesMessage: classesAsImagenet, channelsLastOnly: 'DenseNet' };

const EFFICIENTNET_PARAMS = ['include_top', 'weights', 'input_tensor', 'input_shape', 'pooling', 'classes', 'classifier_activation'];
const efficientNet = (defaultSize: number, params = EFFICIENTNET_PARAMS): BuilderChecks => ({ defaultSize, minSize: 32, classesMessage: classesAsTrue, params });
const CONVNEXT: BuilderChecks = {
  defaultSize: 224,
  minSize: 32,
  classesMessage: classesWithDoubleQuotes,
  channelsLastOnly: 'ConvNeXt',
  params: ['include_top', 'include_preprocessing', 'weights', 'input_tensor', 'input_shape', 'pooling', 'classes', 'classifier_activation'],
};

const MOBILENET_V3: BuilderChecks = {
  defaultSize: 224,
  minSize: 32,
  classesMessage: (classes) => `If using \`weights="imagenet"\` with \`include_top\` as true, \`classes\` should be 1000.  Received classes=${classes}`,
  mobileNetV3: true,
  params: ['input_shape', 'alpha', 'minimalistic', 'include_top', 'weights', 'input_tensor', 'classes', 'pooling', 'dropout_rate', 'classifier_activation', 'include_preprocessing'],
};

/** Keras 3.15.1's checks, by the public name of each builder. Not NASNetMobile, whose first check is whether the backend is torch (not known here). */
const CHECKS: ReadonlyMap<string, BuilderChecks> = new Map([
  ...['VGG16', 'VGG19', 'ResNet50', 'ResNet101', 'ResNet152', 'ResNet50V2', 'ResNet101V2', 'ResNet152V2'].map((name) => [name, VGG_AND_RESNET] as const),
  ['InceptionV3', INCEPTION],
  ['InceptionResNetV2', INCEPTION],
  ['Xception', { defaultSize: 299, minSize: 71, classesMessage: classesWithQuotes }],
  ...['DenseNet121', 'DenseNet169', 'DenseNet201'].map((name) => [name, DENSENET] as const),
  [
    'MobileNetV2',
    {
      defaultSize: 224,
      minSize: 32,
      classesMessage: (classes) => `If using \`weights="imagenet"\` with \`include_top\` as true, \`classes\` should be 1000. Received \`classes=${classes}\``,
      mobileNet: 'v2',
    },
  ],
  [
    'MobileNet',
    {
      defaultSize: 224,
      minSize: 32,
      classesMessage: classesWithQuotes,
      mobileNet: 'v1',
      params: ['input_shape', 'alpha', 'depth_multiplier', 'dropout', 'include_top', 'weights', 'input_tensor', 'pooling', 'classes', 'classifier_activation'],
    },
  ],
  ...(
    [
      ['B0', 224], ['B1', 240], ['B2', 260], ['B3', 300], ['B4', 380], ['B5', 456], ['B6', 528], ['B7', 600],
    ] as const
  ).map(([size, pixels]) => [`EfficientNet${size}`, efficientNet(pixels)] as const),
  ...(
    [
      ['B0', 224], ['B1', 240], ['B2', 260], ['B3', 300], ['S', 384], ['M', 480], ['L', 480],
    ] as const
  ).map(([size, pixels]) => [`EfficientNetV2${size}`, efficientNet(pixels, [...EFFICIENTNET_PARAMS, 'include_preprocessing'])] as const),
  ...['ConvNeXtTiny', 'ConvNeXtSmall', 'ConvNeXtBase', 'ConvNeXtLarge', 'ConvNeXtXLarge'].map((name) => [name, CONVNEXT] as const),
  ['MobileNetV3Small', MOBILENET_V3],
  ['MobileNetV3Large', MOBILENET_V3],
  [
    'NASNetLarge',
    {
      defaultSize: 331,
      minSize: 32,
      classesMessage: classesAsImagenet,
      channelsLastOnly: 'NASNet',
      staticWithImagenet: true,
      params: ['input_shape', 'include_top', 'weights', 'input_tensor', 'pooling', 'classes', 'classifier_activation'],
    },
  ],
]);

/** The defaults of the parameters checked, the same in every builder. */
const DEFAULTS: ReadonlyMap<string, PyValue> = new Map<string, PyValue>([
  ['include_top', { kind: 'bool', value: true }],
  ['weights', { kind: 'str', value: 'imagenet' }],
  ['input_tensor', { kind: 'none' }],
  ['input_shape', { kind: 'none' }],
  ['classes', { kind: 'int', value: 1000 }],
  ['alpha', { kind: 'float', value: 1.0 }],
  ['depth_multiplier', { kind: 'int', value: 1 }],
  ['minimalistic', { kind: 'bool', value: false }],
]);

/** Thrown inside the checks where a value they need is not known: nothing is claimed from there on. */
class NotKnown extends Error {}

/** What MobileNet and MobileNetV2 have ImageNet weights for: input sizes, and widths (`alpha`). */
const MOBILENET_SIZES = { v1: [128, 160, 192, 224], v2: [96, 128, 160, 192, 224] } as const;
const MOBILENET_ALPHAS = { v1: [0.25, 0.5, 0.75, 1.0], v2: [0.35, 0.5, 0.75, 1.0, 1.3, 1.4] } as const;

function known<T>(value: T | null): T {
  if (value === null) throw new NotKnown();
  return value;
}

const isTrue = (value: PyValue): boolean => known(truthy(value));
const same = (a: PyValue, b: PyValue): boolean => known(equals(a, b));
const int = (value: number): PyValue => ({ kind: 'int', value });
const NONE: PyValue = { kind: 'none' };

/** `value in [numbers]`, as Python compares ints and floats. */
const inList = (value: PyValue, list: readonly number[]): boolean => list.some((item) => same(value, Number.isInteger(item) ? int(item) : { kind: 'float', value: item }));

/** The items of a tuple or list, for `len()` and indexing; not known for anything else. */
const itemsOf = (value: PyValue): readonly PyValue[] => known(value.kind === 'tuple' || value.kind === 'list' ? sequenceItems(value) : null);

/** `items[index]`; not known where Python would raise IndexError. */
const itemAt = (items: readonly PyValue[], index: number): PyValue => known(items[index] ?? null);

/** `a < b` for two numbers; not known for anything else. */
function less(a: PyValue, b: number): boolean {
  if (a.kind !== 'int' && a.kind !== 'float' && a.kind !== 'bool') throw new NotKnown();
  return Number(a.value) < b;
}

/** A builder's arguments by parameter name; undefined for one not given (its default then applies). */
type ApplicationArguments = (name: string) => PyValue | undefined;

/** Keras 3's keywords that the bundled builders only take through `**kwargs`, where 1.0.8 refuses them. */
const KERAS_3_KEYWORDS = ['classifier_activation', 'name'];

/**
 * The checks of a call of a bundled builder, from its arguments bound to its own parameters (which have Keras 3's
 * names, in Keras 3's order) and its `**kwargs` (`kwargs`): Keras 3's keywords, or Python's TypeError for another.
 */
export function bundledBuilderChecks(builder: string, scope: Scope, dataFormat: 'channels_last' | 'channels_first' | null): Precondition | null {
  const kwargs = scope.names.get('kwargs');
  if (kwargs?.kind !== 'dict') return null;
  const unexpected = [...kwargs.entries.keys()].find((key) => !KERAS_3_KEYWORDS.includes(key));
  if (unexpected !== undefined) return unexpectedKeyword(builder, unexpected);
  const checks = applicationChecks(builder, (name) => scope.names.get(name) ?? kwargs.entries.get(name), dataFormat);
  const name = kwargs.entries.get('name');
  return checks && name?.kind === 'str' ? { ...checks, modelName: name.value } : checks;
}

/**
 * The checks of a call of a builder that is not bundled, bound by Keras 3's parameters (`BuilderChecks.params`);
 * null when the builder has no checks here or the call is one the binding does not follow.
 */
export function unbundledBuilderChecks(
  builder: string,
  positional: readonly PyValue[],
  keywords: ReadonlyMap<string, PyValue>,
  dataFormat: 'channels_last' | 'channels_first' | null,
): Precondition | null {
  const params = CHECKS.get(builder)?.params;
  if (!params || positional.length > params.length + 1) return null;
  const unexpected = [...keywords.keys()].find((key) => !params.includes(key) && key !== 'name');
  if (unexpected !== undefined) return unexpectedKeyword(builder, unexpected);
  const bound = new Map(keywords);
  for (let i = 0; i < positional.length; i++) {
    const name = params[i] ?? 'name';
    if (bound.has(name)) return null;
    bound.set(name, positional[i]);
  }
  return applicationChecks(builder, (name) => bound.get(name), dataFormat);
}

const unexpectedKeyword = (builder: string, keyword: string): Precondition => ({
  error: `${builder}() got an unexpected keyword argument '${keyword}'`,
  errorClass: 'TypeError',
  warnings: [],
});

/**
 * Keras 3's checks of a call of `builder` with `args`, with the image data format in force (null: not known).
 * Null when the builder is not one whose checks are kept here.
 */
function applicationChecks(builder: string, args: ApplicationArguments, dataFormat: 'channels_last' | 'channels_first' | null): Precondition | null {
  const checks = CHECKS.get(builder);
  if (!checks) return null;
  const warnings: string[] = [];
  try {
    const error = firstError(checks, (name) => known(args(name) ?? DEFAULTS.get(name) ?? null), known(dataFormat), warnings);
    return { error, warnings };
  } catch (error) {
    if (error instanceof NotKnown) return { error: null, warnings };
    throw error;
  }
}

/** The message of the first ValueError the checks raise, or null; warnings go to `warnings` as Keras prints them. */
function firstError(checks: BuilderChecks, arg: (name: string) => PyValue, format: 'channels_last' | 'channels_first', warnings: string[]): string | null {
  if (checks.channelsLastOnly && format === 'channels_first') {
    return `${checks.channelsLastOnly} does not support the \`channels_first\` image data format. Switch to \`channels_last\` by editing your local config file at ~/.keras/keras.json`;
  }
  const weights = arg('weights');
  // Any other string may name a weights file: whether it exists is known at run time only.
  if (!(weights.kind === 'none' || (weights.kind === 'str' && weights.value === 'imagenet'))) throw new NotKnown();
  const imagenet = weights.kind === 'str';
  const includeTop = isTrue(arg('include_top'));
  const classes = arg('classes');
  if (imagenet && includeTop && !same(classes, int(1000))) return checks.classesMessage(toStr(classes));
  const inputShape = arg('input_shape');
  if (checks.mobileNetV3) return mobileNetV3Error(arg, format, imagenet, warnings);
  if (checks.staticWithImagenet && imagenet && inputShape.kind === 'tuple' && inputShape.items.some((item) => same(item, NONE))) {
    return `When specifying the input shape of a NASNet and loading \`ImageNet\` weights, the input_shape argument must be static (no None entries). Got: \`input_shape=${toStr(inputShape)}\`.`;
  }
  let defaultSize = checks.defaultSize;
  if (checks.mobileNet) {
    const sized = mobileNetSize(checks.mobileNet, inputShape, arg('input_tensor'), format);
    if (typeof sized === 'string') return sized;
    defaultSize = sized;
  }
  const obtained = obtainInputShape(inputShape, defaultSize, checks.minSize, format, includeTop, imagenet, warnings);
  if (typeof obtained === 'string') return obtained;
  return checks.mobileNet && imagenet ? mobileNetWeightsError(checks.mobileNet, arg, obtained, format, warnings) : null;
}

/** What MobileNet and MobileNetV2 check of `alpha` (and MobileNet of `depth_multiplier`) for ImageNet weights. */
function mobileNetWeightsError(version: 'v1' | 'v2', arg: (name: string) => PyValue, inputShape: PyValue, format: 'channels_last' | 'channels_first', warnings: string[]): string | null {
  if (version === 'v1') {
    const multiplier = arg('depth_multiplier');
    if (!same(multiplier, int(1))) return `If imagenet weights are being loaded, depth multiplier must be 1.  Received depth_multiplier=${toStr(multiplier)}`;
  }
  const alpha = arg('alpha');
  if (!inList(alpha, MOBILENET_ALPHAS[version])) {
    return version === 'v1'
      ? `If imagenet weights are being loaded, alpha can be one of\`0.25\`, \`0.50\`, \`0.75\` or \`1.0\` only.  Received alpha=${toStr(alpha)}`
      : `If imagenet weights are being loaded, alpha must be one of \`0.35\`, \`0.50\`, \`0.75\`, \`1.0\`, \`1.3\` or \`1.4\` only; Received \`alpha=${toStr(alpha)}\``;
  }
  const shape = itemsOf(inputShape);
  const [rows, cols] = format === 'channels_last' ? [itemAt(shape, 0), itemAt(shape, 1)] : [itemAt(shape, 1), itemAt(shape, 2)];
  const sizes = MOBILENET_SIZES[version];
  if (!same(rows, cols) || !inList(rows, sizes)) {
    warnings.push(`\`input_shape\` is undefined or non-square, or \`rows\` is not in [${sizes.join(', ')}]. Weights for input shape (224, 224) will be loaded as the default.`);
  }
  return null;
}

/** MobileNetV3's own checks of its input's size and, with ImageNet weights, of `alpha`. */
function mobileNetV3Error(arg: (name: string) => PyValue, format: 'channels_last' | 'channels_first', imagenet: boolean, warnings: string[]): string | null {
  // With `input_tensor`, the size comes from the tensor, in an order of axes of its own: not followed here.
  if (arg('input_tensor').kind !== 'none') throw new NotKnown();
  const given = arg('input_shape');
  const inputShape: PyValue = given.kind !== 'none' ? given : { kind: 'tuple', items: format === 'channels_last' ? [NONE, NONE, int(3)] : [int(3), NONE, NONE] };
  const shape = itemsOf(inputShape);
  const [rows, cols] = format === 'channels_last' ? [itemAt(shape, 0), itemAt(shape, 1)] : [itemAt(shape, 1), itemAt(shape, 2)];
  if (isTrue(rows) && isTrue(cols) && (less(rows, 32) || less(cols, 32))) return `Input size must be at least 32x32; Received \`input_shape=${toStr(inputShape)}\``;
  if (!imagenet) return null;
  const alpha = arg('alpha');
  const minimalistic = isTrue(arg('minimalistic'));
  if ((!minimalistic && !inList(alpha, [0.75, 1.0])) || (minimalistic && !same(alpha, { kind: 'float', value: 1.0 }))) {
    return 'If imagenet weights are being loaded, alpha can be one of `0.75`, `1.0` for non minimalistic or `1.0` for minimalistic only.';
  }
  if (!same(rows, cols) || !same(rows, int(224))) {
    warnings.push('`input_shape` is undefined or non-square, or `rows` is not 224. Weights for input shape (224, 224) will be loaded as the default.');
  }
  return null;
}

/**
 * MobileNet's and MobileNetV2's default size: the input's height when it is square and one of the sizes it has
 * weights for, else 224; or the ValueError MobileNetV2 raises when `input_tensor` and `input_shape` disagree.
 */
function mobileNetSize(version: 'v1' | 'v2', inputShape: PyValue, inputTensor: PyValue, format: 'channels_last' | 'channels_first'): number | string {
  const sizes: readonly number[] = MOBILENET_SIZES[version];
  // MobileNet looks at `input_shape` only.
  if (version === 'v2' && inputTensor.kind !== 'none') {
    // A KerasTensor's own shape decides; anything else is refused in words that name its type.
    if (inputTensor.kind !== 'tensor' || inputTensor.tensor.shape === null) throw new NotKnown();
    // A dimension named for a value known at run time only (a string) cannot be compared.
    const tensorShape = inputTensor.tensor.shape.map((dim) => (typeof dim === 'string' ? known<number>(null) : dim));
    if (inputShape.kind !== 'none') {
      const dim = known(tensorShape[format === 'channels_first' ? 1 : 2] ?? null);
      const given = itemAt(itemsOf(inputShape), 1);
      if (!same(dim === null ? NONE : int(dim), given)) {
        const shown = `(${tensorShape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
        return format === 'channels_first'
          ? `input_shape[1] must equal shape(input_tensor)[1] when \`image_data_format\` is \`channels_first\`; Received \`input_tensor.shape=${shown}\`, \`input_shape=${toStr(inputShape)}\``
          : `input_tensor.shape[2] must equal input_shape[1]; Received \`input_tensor.shape=${shown}\`, \`input_shape=${toStr(inputShape)}\``;
      }
    } else {
      const [rows, cols] = format === 'channels_first' ? [tensorShape[2], tensorShape[3]] : [tensorShape[1], tensorShape[2]];
      if (rows === undefined || cols === undefined) throw new NotKnown();
      return rows !== null && rows === cols && sizes.includes(rows) ? rows : 224;
    }
  }
  if (inputShape.kind === 'none') return 224;
  const shape = itemsOf(inputShape);
  const [rows, cols] = format === 'channels_first' ? [itemAt(shape, 1), itemAt(shape, 2)] : [itemAt(shape, 0), itemAt(shape, 1)];
  return same(rows, cols) && inList(rows, sizes) ? Number(known(rows.kind === 'int' ? rows.value : null)) : 224;
}

/** `obtain_input_shape`: the input shape the builder goes on with, or the message of the ValueError it raises. */
function obtainInputShape(
  inputShape: PyValue,
  defaultSize: number,
  minSize: number,
  format: 'channels_last' | 'channels_first',
  requireFlatten: boolean,
  imagenet: boolean,
  warnings: string[],
): PyValue | string {
  const given = inputShape.kind === 'none' ? null : inputShape;
  const nonEmpty = given !== null && isTrue(given);
  const channelsFirst = format === 'channels_first';
  const sized = (channels: PyValue): PyValue => ({ kind: 'tuple', items: channelsFirst ? [channels, int(defaultSize), int(defaultSize)] : [int(defaultSize), int(defaultSize), channels] });
  let defaultShape = sized(int(3));
  if (!imagenet && nonEmpty && itemsOf(given).length === 3) {
    const items = itemsOf(given);
    const channels = channelsFirst ? items[0] : items[2];
    if (!inList(channels, [1, 3])) {
      warnings.push(`This model usually expects 1 or 3 input channels. However, it was passed an input_shape with ${toStr(channelsFirst ? items[0] : items[2])} input channels.`);
    }
    defaultShape = sized(channels);
  }
  if (imagenet && requireFlatten) {
    if (given !== null && !same(given, defaultShape)) {
      return `When setting \`include_top=True\` and loading \`imagenet\` weights, \`input_shape\` should be ${toStr(defaultShape)}.  Received: input_shape=${toStr(given)}`;
    }
    return defaultShape;
  }
  let shape: PyValue;
  if (nonEmpty) {
    const items = itemsOf(given);
    if (items.length !== 3) return '`input_shape` must be a tuple of three integers.';
    const [channels, height, width] = channelsFirst ? items : [items[2], items[0], items[1]];
    if (imagenet && !same(channels, int(3))) return `The input must have 3 channels; Received \`input_shape=${toStr(given)}\``;
    if ((height.kind !== 'none' && less(height, minSize)) || (width.kind !== 'none' && less(width, minSize))) {
      return `Input size must be at least ${minSize}x${minSize}; Received: input_shape=${toStr(given)}`;
    }
    shape = given;
  } else if (requireFlatten) {
    shape = defaultShape;
  } else {
    shape = { kind: 'tuple', items: channelsFirst ? [int(3), NONE, NONE] : [NONE, NONE, int(3)] };
  }
  if (requireFlatten && itemsOf(shape).some((item) => item.kind === 'none')) {
    return `If \`include_top\` is True, you should specify a static \`input_shape\`. Received: input_shape=${toStr(shape)}`;
  }
  return shape;
}
