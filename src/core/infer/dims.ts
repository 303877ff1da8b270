/**
 * Arithmetic on shape dimensions that keeps Keras' `None` and our unknowns honest, plus the
 * convolution and pooling size formulas of `keras/src/ops/operation_utils.py` shared by every rule
 * (conv, pooling, reshaping), with the argument standardisation those layers share
 * (`standardize_tuple`, `standardize_padding`, `standardize_data_format`) and Keras' own error messages.
 * What each layer does with these lives in its rule file.
 */
import type { Dim, Shape } from '../model';
import { formatShape, repr, sequenceItems, type PyValue } from '../evaluate/values';
import type { LayerArgs } from './args';
import { KerasError } from './rules/types';

/** The unknown that results from arithmetic on a named unknown: we keep the `?` rather than invent an expression. */
const UNKNOWN = '?';

export const isKnown = (d: Dim): d is number => typeof d === 'number';

/** `n` copies of a value: `Array.from({ length: n }, …)` costs seven times as much, on every convolution's arguments. */
export const repeated = <T>(value: T, n: number): T[] => new Array<T>(n).fill(value);

/** Combines dimensions with `op` when all are numbers; `None` if any is `None`; otherwise unknown. */
export function dimOp(op: (...values: number[]) => number, ...dims: Dim[]): Dim {
  if (dims.some((d) => d === null)) return null;
  if (dims.every(isKnown)) return op(...(dims as number[]));
  return UNKNOWN;
}

export const dimAdd = (a: Dim, b: Dim): Dim => dimOp((x, y) => x + y, a, b);
export const dimMul = (a: Dim, b: Dim): Dim => dimOp((x, y) => x * y, a, b);

/** The product of dimensions: a number, `None` if any is `None`, or unknown. */
export function dimProduct(dims: readonly Dim[]): Dim {
  return dimOp((...values) => values.reduce((p, v) => p * v, 1), ...dims);
}

/** Whether two shapes are the same but for the batch axis: a model called on the shape it was built on. */
export function sameBeyondBatch(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, axis) => axis === 0 || dim === b[axis]);
}

/** A model's output shape re-used for a new call: the batch axis follows the new input. */
export function withBatchOf(shape: Shape | null, input: Shape | null): Shape | null {
  if (!shape) return null;
  if (!input || input.length === 0 || shape.length === 0) return shape;
  return [input[0], ...shape.slice(1)];
}

/** Normalises a possibly negative axis against a rank, as Python indexing does. */
export function normalizeAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** Python's `seq[index]` on a shape, or Python's IndexError where Python raises one. */
export function dimAt(shape: Shape, index: number, container: 'tuple' | 'list' = 'tuple'): Dim {
  const i = normalizeAxis(index, shape.length);
  if (i < 0 || i >= shape.length) throw new KerasError(`${container} index out of range`);
  return shape[i];
}

/** numpy's `str()` of a 1-D array, as Keras' messages print it: `[1 1]`, `[None 3 3 1]`. */
export function numpyArray(dims: readonly Dim[]): string {
  return `[${dims.map((d) => (d === null ? 'None' : String(d))).join(' ')}]`;
}

/** Python's `repr` of a tuple of dimensions: `(2,)`, `(1, 1)`. */
export const pyTuple = (dims: readonly Dim[]): string => formatShape(dims);

/**
 * Keras raises this while creating a weight with a `None` dimension (`keras/src/backend/common/variables.py`).
 * Unknown (string) dimensions pass: they are sizes we cannot know, not sizes Keras lacks.
 */
export function requireDefinedWeight(shape: Shape, variablePath: string, weightName: string): Shape {
  if (shape.some((d) => d === null)) {
    throw new KerasError(
      `Shapes used to initialize variables must be fully-defined (no \`None\` dimensions). Received: shape=${formatShape(shape)} for variable path='${variablePath}/${weightName}'`,
    );
  }
  return shape;
}

/**
 * `standardize_shape` refusing a weight's shape with a float size in it (a float `filters` or `units`, taken as
 * given by the constructor): `dims` as Python prints them, `invalid` the float among them.
 */
export function floatDimensionError(dims: readonly string[], invalid: string): KerasError {
  return new KerasError(`Cannot convert '(${dims.join(', ')})' to a shape. Found invalid dimension '${invalid}' of type '<class 'float'>'. `);
}

// ---------------------------------------------------------------------------------------------------------
// Argument standardisation shared by conv, pooling and reshaping layers.

export type DataFormat = 'channels_last' | 'channels_first';

/** `standardize_data_format` (`keras/src/backend/config.py`): `None` is the configured default, channels_last. */
export function dataFormatOf(args: LayerArgs, name = 'data_format'): DataFormat {
  if (args.isNone(name)) return 'channels_last';
  const format = args.str(name).toLowerCase();
  if (format !== 'channels_last' && format !== 'channels_first') {
    throw new KerasError(
      `The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${format}`,
    );
  }
  return format;
}

const PYTHON_TYPES: Partial<Record<PyValue['kind'], string>> = { none: 'NoneType', function: 'function', instance: 'object' };

/** Python's `type(value)` as printed in messages: `<class 'str'>`. */
export const pythonType = (value: PyValue): string => `<class '${PYTHON_TYPES[value.kind] ?? value.kind}'>`;

/**
 * `standardize_tuple` (`keras/src/utils/argument_validation.py`) on a value: an int repeated `n` times or a
 * sequence of `n` ints, each > 0 (>= 0 with `allowZero`). `label` is the name Keras prints, e.g. `kernel_size`
 * or `1st entry of cropping`. A value we cannot see into becomes `n` unknown sizes.
 */
export function tupleOf(value: PyValue, n: number, label: string, allowZero = false): Dim[] {
  // Nearly every layer comes through here: no closures (which would keep the parameters in a context made on
  // every call), and the message only built to be thrown (`repr` of the value is not cheap).
  let items: Dim[];
  if (value.kind === 'int' || value.kind === 'bool') {
    items = repeated(Number(value.value), n);
  } else if (value.kind === 'unknown') {
    items = repeated<Dim>(value.label, n);
  } else {
    const sequence = sequenceItems(value);
    if (sequence === null || sequence.length !== n) throw new KerasError(tupleError(value, n, label));
    items = new Array<Dim>(n);
    for (let i = 0; i < n; i++) {
      const item = sequence[i];
      if (item.kind === 'int' || item.kind === 'bool') items[i] = Number(item.value);
      else if (item.kind === 'unknown') items[i] = item.label;
      else throw new KerasError(`${tupleError(value, n, label)}including element ${repr(item)} of type ${pythonType(item)}`);
    }
  }
  for (const v of items) {
    if (isKnown(v) && (allowZero ? v < 0 : v <= 0)) throw new KerasError(badValuesError(value, items, n, label, allowZero));
  }
  return items;
}

function tupleError(value: PyValue, n: number, label: string): string {
  return `The \`${label}\` argument must be a tuple of ${n} integers. Received ${label}=${repr(value)}`;
}

function badValuesError(value: PyValue, items: readonly Dim[], n: number, label: string, allowZero: boolean): string {
  const bad = items.filter((v): v is number => isKnown(v) && (allowZero ? v < 0 : v <= 0));
  return `${tupleError(value, n, label)}, including values {${[...new Set(bad)].join(', ')}} that do not satisfy \`value ${allowZero ? '>= 0' : '> 0'}\``;
}

/** `standardize_tuple` on a constructor argument. */
export function standardizeTuple(args: LayerArgs, name: string, n: number, allowZero = false): Dim[] {
  return tupleOf(args.value(name), n, name, allowZero);
}

export type Padding = 'valid' | 'same' | 'causal';

/** `standardize_padding`: lower-cased; `causal` only where Keras allows it (Conv1D). */
export function standardizePadding(args: LayerArgs, allowCausal: boolean): Padding {
  const allowed: Padding[] = allowCausal ? ['valid', 'same', 'causal'] : ['valid', 'same'];
  const value = args.value('padding');
  if (sequenceItems(value) !== null) {
    // standardize_padding lets explicit paddings through; compute_conv_output_shape then refuses them.
    throw new KerasError(`\`padding\` must be either \`'valid'\` or \`'same'\`. Received ${repr(value)}.`);
  }
  const padding = args.str('padding').toLowerCase();
  if (!(allowed as string[]).includes(padding)) {
    throw new KerasError(
      `The \`padding\` argument must be a list/tuple or one of {${allowed.map((a) => `'${a}'`).join(', ')}}. Received: ${padding}`,
    );
  }
  return padding as Padding;
}

// ---------------------------------------------------------------------------------------------------------
// Spatial layout.

/** The spatial axes of a batched shape: between batch and channels, or after the channels (channels_first). */
export function spatialDims(input: Shape, format: DataFormat): Dim[] {
  return format === 'channels_last' ? input.slice(1, -1) : input.slice(2);
}

/** The channel axis: last, or 1 with channels_first. */
export function channelDim(input: Shape, format: DataFormat): Dim {
  return format === 'channels_last' ? input[input.length - 1] : input[1];
}

/** Reassembles `(batch, *spatial, channels)` or `(batch, channels, *spatial)`. */
export function withSpatial(batch: Dim, spatial: readonly Dim[], channels: Dim, format: DataFormat): Shape {
  return format === 'channels_last' ? [batch, ...spatial, channels] : [batch, channels, ...spatial];
}

// ---------------------------------------------------------------------------------------------------------
// Window arithmetic (`keras/src/ops/operation_utils.py`).

/**
 * Output length of one spatial axis of a convolution or pooling window (`compute_conv_output_shape`
 * and `compute_pooling_output_shape`): valid `floor((n - d(k-1) - 1)/s) + 1`, same/causal `floor((n-1)/s) + 1`.
 */
export function windowOutputLength(input: Dim, kernel: Dim, stride: Dim, padding: Padding, dilation: Dim = 1): Dim {
  if (input === null) return null;
  if (!isKnown(input) || !isKnown(kernel) || !isKnown(stride) || !isKnown(dilation)) return UNKNOWN;
  if (padding === 'valid') return Math.floor((input - dilation * (kernel - 1) - 1) / stride) + 1;
  return Math.floor((input - 1) / stride) + 1;
}

/**
 * Output length of a transposed convolution axis (`_get_output_shape_given_tf_padding` in
 * `keras/src/backend/common/backend_utils.py`), with the dilated kernel `k' = (k-1)d + 1`:
 * valid `(n-1)s + k' + p` where `p` defaults to `max(k', s) - k'`; same `n·s`, or `(n-1)s + k' mod 2 + p` given `p`.
 */
export function transposeOutputLength(
  input: Dim,
  kernel: Dim,
  stride: Dim,
  padding: Padding,
  outputPadding: Dim | null,
  dilation: Dim = 1,
): Dim {
  if (input === null) return null;
  if (!isKnown(input) || !isKnown(kernel) || !isKnown(stride) || !isKnown(dilation)) return UNKNOWN;
  if (outputPadding !== null && !isKnown(outputPadding)) return UNKNOWN;
  const dilated = (kernel - 1) * dilation + 1;
  if (padding === 'valid') {
    const extra = outputPadding ?? Math.max(dilated, stride) - dilated;
    return (input - 1) * stride + dilated + extra;
  }
  if (outputPadding === null) return input * stride;
  return (input - 1) * stride + (dilated % 2) + outputPadding;
}

/** Raises Keras' error when a computed spatial size is zero or negative. */
export function checkPositiveSizes(sizes: readonly Dim[], describe: () => string): void {
  if (sizes.some((s) => isKnown(s) && s <= 0)) {
    throw new KerasError(`Computed output size would be zero or negative. Received ${describe()}.`);
  }
}

export interface ConvWindow {
  readonly kernel: readonly Dim[];
  readonly strides: readonly Dim[];
  readonly dilation: readonly Dim[];
  readonly padding: Padding;
}

/**
 * `compute_conv_output_shape`: every spatial axis by `windowOutputLength`, channels replaced by `outChannels`.
 * `kernelShape` is the full kernel Keras reports in its errors: `kernel_size + (C_in, outChannels)`.
 */
export function convOutputShape(input: Shape, window: ConvWindow, outChannels: Dim, format: DataFormat, kernelShape: Shape): Shape {
  if (kernelShape.length !== input.length) {
    throw new KerasError(
      `Kernel shape must have the same length as input, but received kernel of shape ${formatShape(kernelShape)} and input of shape ${formatShape(input)}.`,
    );
  }
  const spatial = spatialDims(input, format).map((n, i) =>
    windowOutputLength(n, window.kernel[i], window.strides[i], window.padding, window.dilation[i]),
  );
  if (window.padding === 'valid') {
    checkPositiveSizes(
      spatial,
      () =>
        `\`inputs shape=${formatShape(input)}\`, \`kernel shape=${formatShape(kernelShape)}\`, \`dilation_rate=${numpyArray(window.dilation)}\`, \`strides=${pyTuple(window.strides)}\`, \`padding=${window.padding}\``,
    );
  }
  return withSpatial(input[0], spatial, outChannels, format);
}

/**
 * `compute_pooling_output_shape`: like a convolution without dilation, channels kept. `padding` is checked
 * here, case-sensitively, as Keras does.
 */
export function poolOutputShape(input: Shape, pool: readonly Dim[], strides: readonly Dim[], padding: string, format: DataFormat): Shape {
  if (padding !== 'valid' && padding !== 'same') {
    throw new KerasError(`Argument \`padding\` must be either 'valid' or 'same'. Received: padding=${padding}`);
  }
  const spatial = spatialDims(input, format).map((n, i) => windowOutputLength(n, pool[i], strides[i], padding));
  if (padding === 'valid' && spatial.some((s) => isKnown(s) && s <= 0)) {
    // Keras prints the input as a numpy array in which its `None` spatial sizes were overwritten with -1.
    const offset = format === 'channels_last' ? 1 : 2;
    const printed = input.map((d, i) => (d === null && i >= offset && i < offset + pool.length ? -1 : d));
    throw new KerasError(
      `Computed output size would be zero or negative. Received: \`inputs.shape=${numpyArray(printed)}\`, \`pool_size=${numpyArray(pool)}\`, \`strides=${pyTuple(strides)}\`, \`padding=${padding}\`.`,
    );
  }
  return withSpatial(input[0], spatial, channelDim(input, format), format);
}
