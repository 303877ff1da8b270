/**
 * What Keras 3's application builders check of their arguments before they make a layer, in Keras 3's words
 * (`keras/src/applications/imagenet_utils.py`'s `obtain_input_shape` and each builder's own lines before it).
 * The bundled Keras Applications 1.0.8 sources check much the same in other words, or not at all, so these
 * run in their place, as the builder's precondition (`applications.ts`): `MobileNetV2(input_shape=(28, 28, 1))`
 * is Keras' "Input size must be at least 32x32" at the call rather than a model of unknown shapes. A check whose
 * values are not known statically stops the checking: Keras might raise there, so nothing after it is claimed.
 */
import { equals, toStr, truthy } from '../evaluate/operators';
import { sequenceItems, type Precondition, type PyValue, type Scope } from '../evaluate/values';

/** The checks one builder makes: its sizes and the words of its own two messages. */
interface BuilderChecks {
  /** The height and width `obtain_input_shape` defaults to, and the least it accepts. */
  readonly defaultSize: number;
  readonly minSize: number;
  /** The message for `weights="imagenet"` with `include_top` and `classes` other than 1000. */
  readonly classesMessage: (classes: string) => string;
  /** Keras 3's DenseNet refuses `channels_first` before anything else. */
  readonly channelsLastOnly?: true;
  /** MobileNetV2 picks its default size from the input's and checks `alpha` (`mobileNetV2Checks`). */
  readonly mobileNetV2?: true;
}

const classesWithQuotes = (classes: string) => `If using \`weights='imagenet'\` with \`include_top=True\`, \`classes\` should be 1000.  Received classes=${classes}`;
const classesWithDoubleQuotes = (classes: string) => `If using \`weights="imagenet"\` with \`include_top=True\`, \`classes\` should be 1000. Received classes=${classes}`;

const VGG_AND_RESNET: BuilderChecks = { defaultSize: 224, minSize: 32, classesMessage: classesWithQuotes };
const INCEPTION: BuilderChecks = { defaultSize: 299, minSize: 75, classesMessage: classesWithDoubleQuotes };
const DENSENET: BuilderChecks = {
  defaultSize: 224,
  minSize: 32,
  classesMessage: () => 'If using `weights` as `"imagenet"` with `include_top` as true, `classes` should be 1000',
  channelsLastOnly: true,
};

/** Keras 3.15.1's checks, by the public name of each builder the analyzer follows. */
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
      mobileNetV2: true,
    },
  ],
]);

/** Thrown inside the checks where a value they need is not known: nothing is claimed from there on. */
class NotKnown extends Error {}

const MOBILENET_V2_SIZES = [96, 128, 160, 192, 224];
const MOBILENET_V2_ALPHAS = [0.35, 0.5, 0.75, 1.0, 1.3, 1.4];

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

/** `a < b` for two numbers; not known for anything else. */
function less(a: PyValue, b: number): boolean {
  if (a.kind !== 'int' && a.kind !== 'float' && a.kind !== 'bool') throw new NotKnown();
  return Number(a.value) < b;
}

/**
 * Keras 3's checks of a call of `builder` whose arguments are bound in `args` (by the bundled function's
 * parameter names, which are Keras 3's), with the image data format in force (null: not known). Null when the
 * builder is not one whose checks are kept here.
 */
export function applicationChecks(builder: string, args: Scope, dataFormat: 'channels_last' | 'channels_first' | null): Precondition | null {
  const checks = CHECKS.get(builder);
  if (!checks) return null;
  const warnings: string[] = [];
  try {
    const arg = (name: string): PyValue => known(args.names.get(name) ?? null);
    const format = known(dataFormat);
    if (checks.channelsLastOnly && format === 'channels_first') {
      return { error: 'DenseNet does not support the `channels_first` image data format. Switch to `channels_last` by editing your local config file at ~/.keras/keras.json', warnings };
    }
    const weights = arg('weights');
    // Any other string may name a weights file: whether it exists is known at run time only.
    if (!(weights.kind === 'none' || (weights.kind === 'str' && weights.value === 'imagenet'))) throw new NotKnown();
    const imagenet = weights.kind === 'str';
    const includeTop = isTrue(arg('include_top'));
    const classes = arg('classes');
    if (imagenet && includeTop && !same(classes, int(1000))) return { error: checks.classesMessage(toStr(classes)), warnings };
    let inputShape = arg('input_shape');
    let defaultSize = checks.defaultSize;
    if (checks.mobileNetV2) {
      const sized = mobileNetV2Size(inputShape, arg('input_tensor'), format);
      if (typeof sized === 'string') return { error: sized, warnings };
      defaultSize = sized;
    }
    const obtained = obtainInputShape(inputShape, defaultSize, checks.minSize, format, includeTop, imagenet, warnings);
    if (typeof obtained === 'string') return { error: obtained, warnings };
    inputShape = obtained;
    if (checks.mobileNetV2 && imagenet) {
      const alpha = arg('alpha');
      if (!inList(alpha, MOBILENET_V2_ALPHAS)) {
        return { error: `If imagenet weights are being loaded, alpha must be one of \`0.35\`, \`0.50\`, \`0.75\`, \`1.0\`, \`1.3\` or \`1.4\` only; Received \`alpha=${toStr(alpha)}\``, warnings };
      }
      const shape = itemsOf(inputShape);
      const [rows, cols] = format === 'channels_last' ? [shape[0], shape[1]] : [shape[1], shape[2]];
      if (!same(rows, cols) || !inList(rows, MOBILENET_V2_SIZES)) {
        warnings.push('`input_shape` is undefined or non-square, or `rows` is not in [96, 128, 160, 192, 224]. Weights for input shape (224, 224) will be loaded as the default.');
      }
    }
    return { error: null, warnings };
  } catch (error) {
    if (error instanceof NotKnown) return { error: null, warnings };
    throw error;
  }
}

/**
 * MobileNetV2's default size: the input's height when it is square and one of the sizes it has weights for,
 * else 224; or the ValueError it raises when `input_tensor` and `input_shape` disagree.
 */
function mobileNetV2Size(inputShape: PyValue, inputTensor: PyValue, format: 'channels_last' | 'channels_first'): number | string {
  if (inputShape.kind === 'none' && inputTensor.kind === 'none') return 224;
  if (inputTensor.kind !== 'none') {
    // A KerasTensor's own shape decides; anything else is refused in words that name its type.
    if (inputTensor.kind !== 'tensor' || inputTensor.tensor.shape === null) throw new NotKnown();
    // A dimension named for a value known at run time only (a string) cannot be compared.
    const tensorShape = inputTensor.tensor.shape.map((dim) => (typeof dim === 'string' ? known<number>(null) : dim));
    if (inputShape.kind !== 'none') {
      const given = itemsOf(inputShape);
      const axis = format === 'channels_first' ? 1 : 2;
      const dim = tensorShape[axis];
      if (dim === undefined || given[1] === undefined) throw new NotKnown();
      if (!same(dim === null ? NONE : int(dim), given[1])) {
        const shown = `(${tensorShape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
        return format === 'channels_first'
          ? `input_shape[1] must equal shape(input_tensor)[1] when \`image_data_format\` is \`channels_first\`; Received \`input_tensor.shape=${shown}\`, \`input_shape=${toStr(inputShape)}\``
          : `input_tensor.shape[2] must equal input_shape[1]; Received \`input_tensor.shape=${shown}\`, \`input_shape=${toStr(inputShape)}\``;
      }
    } else {
      const [rows, cols] = format === 'channels_first' ? [tensorShape[2], tensorShape[3]] : [tensorShape[1], tensorShape[2]];
      if (rows === undefined || cols === undefined) throw new NotKnown();
      return rows !== null && rows === cols && MOBILENET_V2_SIZES.includes(rows) ? rows : 224;
    }
  }
  const shape = itemsOf(inputShape);
  const [rows, cols] = format === 'channels_first' ? [shape[1], shape[2]] : [shape[0], shape[1]];
  if (rows === undefined || cols === undefined) throw new NotKnown();
  return same(rows, cols) && inList(rows, MOBILENET_V2_SIZES) ? Number(known(rows.kind === 'int' ? rows.value : null)) : 224;
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
