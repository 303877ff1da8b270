/**
 * The output shapes of `keras.ops` functions on symbolic tensors, one table entry per function, as their
 * operation's `compute_output_spec` finds them (`keras/src/ops/numpy.py`, `nn.py`, `math.py`, `image.py`).
 * The entry's class is the operation's class, which names its summary row (`ops.abs` makes an `Absolute`
 * row named `absolute`). A shape that cannot be known here is `ShapeUnknown`; a `KerasError` is an error
 * Keras raises, in its words. Recording the operation in the graph is `ops.ts`'s job.
 */
import type { Dim, Shape } from '../model';
import { formatShape, sequenceItems, toDim, type PyValue } from '../evaluate/values';
import { dimAdd, dimMul, dimProduct, normalizeAxis, windowOutputLength } from '../infer/dims';
import { KerasError } from '../infer/rules/types';

export interface OpSpec {
  /** The operation's class in Keras (its summary row's type). */
  readonly className: string;
  readonly shape: (args: OpArgs) => Shape;
  /** For an operation with several outputs (`split`): their shapes, which `shape` then does not give. */
  readonly outputs?: (args: OpArgs) => Shape[];
  /**
   * Element-wise, on this many operands (the arguments after them are options, `ops.cast(x, 'float32')`'s
   * dtype): on plain numbers (`ops.sqrt(8.0)`) it makes a scalar tensor outside any graph.
   */
  readonly scalar?: 1 | 2;
}

export interface OpArgs {
  /** Positional arguments as shapes where they are tensors or numbers (`[]` for a scalar), else null. */
  readonly shapes: readonly (Shape | null)[];
  readonly values: readonly PyValue[];
  readonly keywords: ReadonlyMap<string, PyValue>;
  /** What `data_format=None` means: the configured image data format. */
  /** Null when code not followed may have changed it. */
  readonly imageDataFormat: 'channels_last' | 'channels_first' | null;
  /**
   * Inside a layer's call, which Keras' backend traces with arrays: there an op's shape is the backend's (numpy's
   * `einsum`), not Keras' own symbolic shape code, which only runs on the KerasTensors of a functional graph.
   */
  readonly traced?: boolean;
}

/** A shape that depends on something not known statically: the result is an honest unknown. */
export class ShapeUnknown extends Error {}

const notKnown = (what: string): never => {
  throw new ShapeUnknown(what);
};

/** numpy broadcasting as Keras' `broadcast_shapes`. */
export function broadcastShapes(a: Shape, b: Shape): Shape {
  const n = Math.max(a.length, b.length);
  const left: Dim[] = [...Array(n - a.length).fill(1), ...a];
  const right: Dim[] = [...Array(n - b.length).fill(1), ...b];
  return left.map((x, i) => {
    const y = right[i];
    if (x === 1) return y;
    if (x === null) return y === 1 ? null : y;
    if (y === 1 || y === null || y === x) return x;
    if (typeof x === 'string' || typeof y === 'string') return '?';
    throw new KerasError(
      `Cannot broadcast shape, the failure dim has value ${x}, which cannot be broadcasted to ${y}. Input shapes are: ${formatShape(a)} and ${formatShape(b)}.`,
    );
  });
}

/** The argument at `position`, or given as `name=`. */
const argument = (args: OpArgs, position: number, name: string): PyValue | undefined => args.keywords.get(name) ?? args.values[position];

function intArgument(args: OpArgs, position: number, name: string, fallback?: number): number {
  const value = argument(args, position, name);
  if (value === undefined && fallback !== undefined) return fallback;
  return value?.kind === 'int' ? value.value : notKnown(name);
}

/** An axis or axes argument: null for None (all axes). */
function axisArgument(args: OpArgs, position: number, name: string): number[] | null {
  const value = argument(args, position, name);
  if (!value || value.kind === 'none') return null;
  if (value.kind === 'int') return [value.value];
  const items = sequenceItems(value);
  if (items && items.every((i) => i.kind === 'int')) return items.map((i) => (i.kind === 'int' ? i.value : 0));
  return notKnown(name);
}

function intsArgument(args: OpArgs, position: number, name: string): number[] {
  const value = argument(args, position, name);
  if (value?.kind === 'int') return [value.value];
  const items = value ? sequenceItems(value) : null;
  return items && items.every((i) => i.kind === 'int') ? items.map((i) => (i.kind === 'int' ? i.value : 0)) : notKnown(name);
}

function first(args: OpArgs): Shape {
  return args.shapes[0] ?? notKnown('input');
}

const elementwise: OpSpec['shape'] = (args) => first(args);

/** Element-wise on two operands (`x1`, `x2`), broadcast. */
const binaryElementwise: OpSpec['shape'] = (args) => {
  const [a, b] = args.shapes;
  if (!a || !b) return notKnown('input');
  return broadcastShapes(a, b);
};

/** `reduce_shape`: the axes reduced away, or kept as 1 with `keepdims` (the third argument). */
const reduction: OpSpec['shape'] = (args) => {
  const shape = first(args);
  const axes = axisArgument(args, 1, 'axis');
  const keepdimsValue = argument(args, 2, 'keepdims');
  const keepdims = keepdimsValue?.kind === 'bool' && keepdimsValue.value;
  const reduced = new Set((axes ?? shape.map((_, i) => i)).map((a) => canonicalAxis(a, shape.length)));
  return keepdims ? shape.map((d, i) => (reduced.has(i) ? 1 : d)) : shape.filter((_, i) => !reduced.has(i));
};

/** numpy's `axis=None`: the input flattened. */
const flattened = (shape: Shape): Shape => [shape.includes(null) ? null : dimProduct(shape)];

/** Keras' operation class of a function: `log_softmax` is `LogSoftmax`, `relu6` is `Relu6`. */
const classOf = (name: string): string => name.split('_').map((part) => part[0].toUpperCase() + part.slice(1)).join('');

const ELEMENTWISE = [
  // keras/src/ops/nn.py
  'relu', 'relu6', 'sigmoid', 'sparse_sigmoid', 'softplus', 'softsign', 'soft_shrink', 'sparse_plus', 'silu', 'squareplus',
  'log_sigmoid', 'leaky_relu', 'hard_sigmoid', 'hard_silu', 'elu', 'selu', 'gelu', 'celu', 'tanh_shrink', 'hard_tanh',
  'hard_shrink', 'softmax', 'log_softmax', 'sparsemax', 'normalize',
  // keras/src/ops/numpy.py
  'absolute', 'negative', 'square', 'sqrt', 'exp', 'exp2', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan',
  'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh', 'sign', 'round', 'floor', 'ceil',
  'trunc', 'clip', 'reciprocal', 'logical_not', 'isnan', 'isinf', 'isfinite', 'ones_like', 'zeros_like', 'copy', 'real',
  'imag', 'conjugate', 'nan_to_num', 'sort', 'argsort', 'flip', 'roll', 'triu', 'tril', 'erf', 'erfinv',
  // keras/src/ops/math.py, core.py
  'rsqrt', 'cast', 'stop_gradient',
];

const BINARY = [
  'add', 'subtract', 'multiply', 'divide', 'true_divide', 'floor_divide', 'mod', 'power', 'maximum', 'minimum', 'greater',
  'greater_equal', 'less', 'less_equal', 'equal', 'not_equal', 'logical_and', 'logical_or', 'logical_xor', 'arctan2',
  'hypot', 'divide_no_nan', 'heaviside', 'logaddexp',
];

const REDUCTIONS = ['sum', 'mean', 'max', 'min', 'prod', 'std', 'var', 'any', 'all', 'amax', 'amin', 'argmax', 'argmin', 'logsumexp', 'median'];

/** Functions that are another's shorthand and make its operation (`ops.abs` is `ops.absolute`). */
const SHORTHANDS: readonly (readonly [string, string])[] = [
  ['abs', 'absolute'],
  ['conj', 'conjugate'],
  ['swish', 'silu'],
  ['hard_swish', 'hard_silu'],
];

/** `ops.matmul`: numpy's, a 1-D operand promoted to a matrix and its axis dropped again. */
function matmulShape(args: OpArgs): Shape {
  const [a, b] = args.shapes;
  if (!a || !b) return notKnown('input');
  if (a.length === 0 || b.length === 0) return notKnown('a scalar operand');
  const left = a.length === 1 ? [1, a[0]] : a;
  const right = b.length === 1 ? [b[0], 1] : b;
  const inner = [left[left.length - 1], right[right.length - 2]];
  if (typeof inner[0] === 'number' && typeof inner[1] === 'number' && inner[0] !== inner[1]) {
    throw new KerasError(
      `Inner dimensions (\`x1.shape[-1]\` and \`x2.shape[-2]\`) must be equal, but received \`x1.shape=${formatShape(left)}\` and \`x2.shape=${formatShape(right)}\`.`,
    );
  }
  const result = [...broadcastShapes(left.slice(0, -2), right.slice(0, -2)), left[left.length - 2], right[right.length - 1]];
  if (b.length === 1) result.splice(result.length - 1, 1);
  if (a.length === 1) result.splice(result.length - (b.length === 1 ? 1 : 2), 1);
  return result;
}

/** `ops.dot`: numpy's, with a scalar operand an element-wise product. */
function dotShape(args: OpArgs): Shape {
  const [a, b] = args.shapes;
  if (!a || !b) return notKnown('input');
  if (a.length === 0 || b.length === 0) return broadcastShapes(a, b);
  if (a.length === 1 && b.length === 1) return [];
  const last = a[a.length - 1];
  if (b.length === 1) {
    if (last !== b[0]) throw new KerasError(`Shape must match on the last axis of \`x1\` and \`x2\` when \`x1\` is N-d array while \`x2\` is 1-D, but receive shape \`x1.shape=${formatShape(a)}\` and x2.shape=\`${formatShape(b)}\`.`);
    return a.slice(0, -1);
  }
  const secondLast = b[b.length - 2];
  if (last !== null && secondLast !== null && last !== secondLast) {
    throw new KerasError(`Shape must match on the last axis of \`x1\` and second last axis of \`x2\` when \`x1\` is N-d array while \`x2\` is M-D, but received \`x1.shape=${formatShape(a)}\` and x2.shape=\`${formatShape(b)}\`.`);
  }
  return [...a.slice(0, -1), ...b.slice(0, -2), b[b.length - 1]];
}

/** `ops.where(condition, x1, x2)`: the three broadcast (a scalar or a missing operand is `[]`). */
function whereShape(args: OpArgs): Shape {
  const shapes = [0, 1, 2].map((i) => (args.values[i] === undefined || args.values[i].kind === 'none' ? [] : args.shapes[i]));
  if (shapes.some((s) => s === null)) return notKnown('input');
  return (shapes as Shape[]).reduce((a, b) => broadcastShapes(a, b));
}

function expandDimsShape(args: OpArgs): Shape {
  const shape = first(args);
  const axes = axisArgument(args, 1, 'axis') ?? notKnown('axis');
  const result: Dim[] = [...shape];
  const rank = shape.length + axes.length;
  for (const axis of axes.map((a) => normalizeAxis(a, rank)).sort((a, b) => a - b)) result.splice(axis, 0, 1);
  return result;
}

function squeezeShape(args: OpArgs): Shape {
  const shape = first(args);
  const axes = axisArgument(args, 1, 'axis');
  const removed = new Set(axes ? axes.map((a) => normalizeAxis(a, shape.length)) : shape.map((d, i) => (d === 1 ? i : -1)));
  return shape.filter((_, i) => !removed.has(i));
}

function reshapeShape(args: OpArgs): Shape {
  const shape = first(args);
  const target = args.keywords.get('newshape') ?? args.values[1];
  const items = target ? (target.kind === 'int' ? [target] : sequenceItems(target)) : null;
  if (!items || !items.every((i) => i.kind === 'int' || i.kind === 'none')) return notKnown('newshape');
  const dims = items.map((i): Dim => (i.kind === 'int' ? i.value : null));
  const unknownIndex = dims.indexOf(-1);
  if (unknownIndex < 0) return dims;
  const total = dimProduct(shape);
  const known = dimProduct(dims.filter((_, i) => i !== unknownIndex));
  const inferred = typeof total === 'number' && typeof known === 'number' && known !== 0 ? total / known : null;
  return dims.map((d, i) => (i === unknownIndex ? inferred : d));
}

function transposeShape(args: OpArgs): Shape {
  const shape = first(args);
  const axes = axisArgument(args, 1, 'axes');
  return axes ? axes.map((a) => shape[normalizeAxis(a, shape.length)]) : [...shape].reverse();
}

function swapaxesShape(args: OpArgs): Shape {
  const shape = [...first(args)];
  const a = normalizeAxis(intArgument(args, 1, 'axis1'), shape.length);
  const b = normalizeAxis(intArgument(args, 2, 'axis2'), shape.length);
  [shape[a], shape[b]] = [shape[b], shape[a]];
  return shape;
}

/** `ops.moveaxis`: the moved axes at their destinations, the others in order around them. */
function moveaxisShape(args: OpArgs): Shape {
  const shape = first(args);
  const sources = intsArgument(args, 1, 'source').map((a) => normalizeAxis(a, shape.length));
  const destinations = intsArgument(args, 2, 'destination').map((a) => normalizeAxis(a, shape.length));
  if (sources.length !== destinations.length) return notKnown('destination');
  const rest = shape.filter((_, i) => !sources.includes(i));
  return shape.map((_, i) => {
    const moved = destinations.indexOf(i);
    return moved >= 0 ? shape[sources[moved]] : (rest.shift() as Dim);
  });
}

/** `ops.tile`: the shorter of shape and repeats padded with leading 1s, then multiplied. */
function tileShape(args: OpArgs): Shape {
  const shape = first(args);
  const repeats = intsArgument(args, 1, 'repeats');
  const n = Math.max(shape.length, repeats.length);
  const padded = [...new Array<Dim>(n - shape.length).fill(1), ...shape];
  const times = [...new Array<number>(n - repeats.length).fill(1), ...repeats];
  return padded.map((d, i) => (d === null ? null : dimMul(d, times[i])));
}

/** `ops.repeat(x, repeats, axis=None)`: one count for every item, or one per item of the axis. */
function repeatShape(args: OpArgs): Shape {
  const shape = first(args);
  const repeats = intsArgument(args, 1, 'repeats');
  const axisValue = argument(args, 2, 'axis');
  const total = (size: Dim): Dim => (repeats.length === 1 ? dimMul(size, repeats[0]) : repeats.reduce((a, b) => a + b, 0));
  if (!axisValue || axisValue.kind === 'none') return shape.includes(null) ? [null] : [total(dimProduct(shape))];
  if (axisValue.kind !== 'int') return notKnown('axis');
  const axis = normalizeAxis(axisValue.value, shape.length);
  return shape.map((d, i) => (i === axis && d !== null ? total(d) : d));
}

/** `ops.pad(x, pad_width)`: an int, one pair for every axis, or a pair per axis. */
function padShape(args: OpArgs): Shape {
  const shape = first(args);
  const width = argument(args, 1, 'pad_width');
  const pairOf = (value: PyValue): [number, number] => {
    if (value.kind === 'int') return [value.value, value.value];
    const items = sequenceItems(value);
    if (!items || !items.every((i) => i.kind === 'int') || items.length < 1 || items.length > 2) return notKnown('pad_width');
    const [before, after = before] = items.map((i) => (i.kind === 'int' ? i.value : 0));
    return [before, after];
  };
  const items = width && width.kind !== 'int' ? sequenceItems(width) : null;
  const pairs = !width ? notKnown('pad_width') : width.kind === 'int' || items?.[0]?.kind === 'int' ? [pairOf(width)] : (items ?? notKnown('pad_width')).map(pairOf);
  if (pairs.length !== 1 && pairs.length !== shape.length) return notKnown('pad_width');
  return shape.map((d, i) => {
    const [before, after] = pairs.length === 1 ? pairs[0] : pairs[i];
    return d === null ? null : dimAdd(d, before + after);
  });
}

function cumulativeShape(args: OpArgs): Shape {
  const shape = first(args);
  const axis = argument(args, 1, 'axis');
  return !axis || axis.kind === 'none' ? flattened(shape) : shape;
}

/** `ops.one_hot(x, num_classes, axis=-1)`: a new axis of `num_classes`. */
function oneHotShape(args: OpArgs): Shape {
  const shape = first(args);
  const classes = intArgument(args, 1, 'num_classes');
  const axis = intArgument(args, 2, 'axis', -1);
  if (axis === -1) return [...shape, classes];
  if (axis < 0 || axis >= shape.length) throw new KerasError(`axis must be -1 or between [0, ${shape.length}), but received ${axis}.`);
  return [...shape.slice(0, axis), classes, ...shape.slice(axis)];
}

/** `ops.glu(x, axis=-1)`: the axis halved. */
function gluShape(args: OpArgs): Shape {
  const shape = first(args);
  const axis = normalizeAxis(intArgument(args, 1, 'axis', -1), shape.length);
  const size = shape[axis];
  if (typeof size === 'number' && size % 2 !== 0) {
    throw new KerasError(`axis size must be divisible by 2. Received: x.shape=${formatShape(shape)} with axis=${axis - shape.length}`);
  }
  return shape.map((d, i) => (i === axis && typeof d === 'number' ? d / 2 : d));
}

/** `ops.top_k(x, k)`: values and indices, the last axis cut to `k`. */
function topKShapes(args: OpArgs): Shape[] {
  const shape = first(args);
  const k = intArgument(args, 1, 'k');
  const cut = [...shape.slice(0, -1), k];
  return [cut, cut];
}

/** `ops.unstack(x, num=None, axis=0)`: one tensor per item of the axis, which must be known. */
function unstackShapes(args: OpArgs): Shape[] {
  const shape = first(args);
  const axis = normalizeAxis(intArgument(args, 2, 'axis', 0), shape.length);
  const size = shape[axis];
  const num = argument(args, 1, 'num');
  const count = num?.kind === 'int' ? num.value : typeof size === 'number' ? size : notKnown('num');
  return Array.from({ length: count }, () => shape.filter((_, i) => i !== axis));
}

/** The height and width axes of a batch of images (rank 4) or one image (rank 3). */
function imageAxes(args: OpArgs, position: number, shape: Shape): [number, number] {
  const format = argument(args, position, 'data_format');
  const channelsLast = !format || format.kind === 'none' ? configuredFormat(args) === 'channels_last' : format.kind === 'str' ? format.value === 'channels_last' : notKnown('data_format');
  if (shape.length !== 3 && shape.length !== 4) {
    throw new KerasError(`Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape=${formatShape(shape)}`);
  }
  return channelsLast ? [shape.length - 3, shape.length - 2] : [shape.length - 2, shape.length - 1];
}

/** `ops.image.resize(images, size)`: height and width replaced. */
function resizeShape(args: OpArgs): Shape {
  const shape = first(args);
  const [height, width] = intsArgument(args, 1, 'size');
  if (width === undefined) return notKnown('size');
  const [h, w] = imageAxes(args, 8, shape);
  return shape.map((d, i) => (i === h ? height : i === w ? width : d));
}

/** `ops.image.extract_patches(images, size, strides=size, dilation_rate=1, padding="valid")`: a convolution's geometry. */
function extractPatchesShape(args: OpArgs): Shape {
  const shape = first(args);
  const size = intsArgument(args, 1, 'size');
  if (size.length === 3) return notKnown('3-D patches');
  const [ph, pw] = size.length === 1 ? [size[0], size[0]] : size;
  const stridesValue = argument(args, 2, 'strides');
  const strides = !stridesValue || stridesValue.kind === 'none' ? [ph, pw] : intsArgument(args, 2, 'strides');
  const dilation = argument(args, 3, 'dilation_rate') ? intsArgument(args, 3, 'dilation_rate') : [1];
  const padding = argument(args, 4, 'padding') ?? { kind: 'str', value: 'valid' };
  if (padding.kind !== 'str' || (padding.value !== 'valid' && padding.value !== 'same')) return notKnown('padding');
  const [h, w] = imageAxes(args, 5, shape);
  // Channels follow the spatial axes (channels_last) or precede them.
  const c = h === shape.length - 3 ? shape.length - 1 : shape.length - 3;
  const along = (axis: number, kernel: number, k: number): Dim =>
    windowOutputLength(shape[axis], kernel, strides[strides.length === 1 ? 0 : k], padding.value as 'valid' | 'same', dilation[dilation.length === 1 ? 0 : k]);
  return shape.map((d, i) => (i === h ? along(h, ph, 0) : i === w ? along(w, pw, 1) : i === c ? dimMul(d, ph * pw) : d));
}

/** A shape argument: ints and Nones (`ops.shape(x)` of a None axis). */
function shapeArgument(args: OpArgs, position: number, name: string): Shape {
  const value = argument(args, position, name);
  const items = value ? sequenceItems(value) : null;
  return items && items.every((i) => i.kind === 'int' || i.kind === 'none') ? items.map(toDim) : notKnown(name);
}

/** `ops.slice(x, start_indices, shape)`: the given shape, `-1` meaning to the end of the axis. */
function sliceShape(args: OpArgs): Shape {
  const shape = first(args);
  const sizes = shapeArgument(args, 2, 'shape');
  if (sizes.length !== shape.length) return notKnown('shape');
  const starts = argument(args, 1, 'start_indices');
  const startItems = starts ? sequenceItems(starts) : null;
  return sizes.map((size, i) => {
    if (size !== -1) return size;
    const start = startItems?.[i];
    return shape[i] === null ? null : start?.kind === 'int' ? dimAdd(shape[i], -start.value) : notKnown('start_indices');
  });
}

/** `ops.broadcast_to(x, shape)`: the given shape, which `x` must broadcast to. */
function broadcastToShape(args: OpArgs): Shape {
  const target = shapeArgument(args, 1, 'shape');
  broadcastShapes(first(args), target);
  return target;
}

/** `ops.meshgrid(*xs, indexing="xy")`: one grid per input, of their sizes (the first two swapped for "xy"). */
function meshgridShapes(args: OpArgs): Shape[] {
  const sizes = args.shapes.map((shape) => (!shape ? notKnown('x') : shape.length === 0 ? 1 : shape.includes(null) ? null : dimProduct(shape)));
  const indexing = args.keywords.get('indexing');
  if (indexing && indexing.kind !== 'str') return notKnown('indexing');
  if (indexing?.value !== 'ij' && sizes.length >= 2) [sizes[0], sizes[1]] = [sizes[1], sizes[0]];
  return args.shapes.map(() => sizes);
}

/** `ops.take(x, indices, axis=None)`: the indices' shape, in place of the axis (of the flattened input for None). */
function takeShape(args: OpArgs): Shape {
  const shape = first(args);
  const indices = args.values[1] ?? args.keywords.get('indices');
  const items = indices ? sequenceItems(indices) : null;
  const picked: Shape =
    indices?.kind === 'tensor' && indices.tensor.shape ? indices.tensor.shape : indices?.kind === 'int' ? [] : items && items.every((i) => i.kind === 'int') ? [items.length] : notKnown('indices');
  const axis = argument(args, 2, 'axis');
  if (!axis || axis.kind === 'none') return picked;
  if (axis.kind !== 'int') return notKnown('axis');
  const at = normalizeAxis(axis.value, shape.length);
  return [...shape.slice(0, at), ...picked, ...shape.slice(at + 1)];
}

/** `ops.fft2((real, imag))` and its kin: the real and imaginary parts, each keeping its shape. */
function complexPartsShapes(args: OpArgs): Shape[] {
  const parts = args.values[0] ? sequenceItems(args.values[0]) : null;
  if (!parts || parts.length !== 2) return notKnown('x');
  return parts.map((part) => (part.kind === 'tensor' && part.tensor.shape ? part.tensor.shape : notKnown('x')));
}

/**
 * `ops.einsum(subscripts, *operands)` as Keras' `Einsum.compute_output_spec` finds its shape, by rewriting the
 * output spec as text: each operand's letters replaced by its sizes (a letter it lacks is 1, `...` its
 * remaining sizes), then broadcast together. Its quirks are Keras': a space counts as a letter of the
 * subscript, and an upper-case letter left in the output is `int()`'s error. Traced inside a layer's call,
 * numpy's einsum ignores spaces and takes upper-case letters as any other.
 */
function einsumShape(args: OpArgs): Shape {
  const subscriptsValue = args.values[0];
  if (subscriptsValue?.kind !== 'str') return notKnown('subscripts');
  const written = args.traced ? subscriptsValue.value.replace(/\s+/g, '') : subscriptsValue.value;
  const split = written.split('->');
  if (split.length > 2) throw new KerasError(`At most one '->' is supported in \`einsum\` subscripts, but received ${written}.`);
  const [subscripts, outputSpec] = split;
  const inputSpecs = subscripts.split(',');
  const operands = args.shapes.slice(1);
  if (inputSpecs.length !== operands.length) {
    throw new KerasError(`Number of operands (${operands.length}) does not match the number of input specs (${inputSpecs.length}) in \`einsum\`, received subscripts=${written}.`);
  }
  // Letters seen once are kept, twice or more reduced; the output spec, when given, decides instead.
  const kept = new Set<string>();
  const reduced = new Set<string>();
  for (const letter of subscripts) {
    if (!/\p{L}/u.test(letter)) continue;
    if (!kept.has(letter) && !reduced.has(letter)) kept.add(letter);
    else if (kept.has(letter)) {
      kept.delete(letter);
      reduced.add(letter);
    }
  }
  const target = outputSpec ?? `...${[...kept].sort().join('')}`;
  const unplaced = args.traced ? /[a-zA-Z]/g : /[a-z]/g;
  const expanded = inputSpecs.map((spec, i) => {
    const shape = operands[i] ?? notKnown('operand');
    if (shape.some((dim) => typeof dim === 'string')) return notKnown('operand');
    const sizes = shape.map((dim) => (dim === null ? -1 : (dim as number)));
    const parts = spec.split('...');
    let text = target;
    if (parts.length === 1) {
      if (sizes.length !== spec.length) {
        throw new KerasError(
          `Number of dimensions in the subscript does not match the number of dimensions in the operand, received subscript \`${spec}\` and operand of shape ${pyList(sizes)}.`,
        );
      }
      [...spec].forEach((letter, j) => (text = text.split(letter).join(`${sizes[j]} `)));
      text = text.split('...').join('');
    } else {
      const [head, tail] = parts;
      if (head.length + tail.length > sizes.length) return notKnown('subscripts');
      [...head].forEach((letter, j) => (text = text.split(letter).join(`${sizes[j]} `)));
      [...tail].reverse().forEach((letter, j) => (text = text.split(letter).join(`${sizes[sizes.length - 1 - j]} `)));
      const wildcard = sizes.slice(head.length, sizes.length - tail.length);
      text = text.split('...').join(`${wildcard.join(' ')} `);
    }
    return text
      .replace(unplaced, '1 ')
      .split(/\s+/)
      .filter((token) => token !== '')
      .map((token): Dim => {
        if (!/^[+-]?\d+$/.test(token)) throw new KerasError(`invalid literal for int() with base 10: '${token}'`);
        return token === '-1' ? null : Number(token);
      });
  });
  return expanded.reduce<Shape>((a, b) => broadcastShapes(a, b), expanded[0]);
}

/** `ops.split(x, indices_or_sections, axis=0)`: equal sections, or the pieces between the indices. */
function splitShapes(args: OpArgs): Shape[] {
  const shape = first(args);
  const sections = args.keywords.get('indices_or_sections') ?? args.values[1];
  const axisValue = args.keywords.get('axis') ?? args.values[2];
  const axis = normalizeAxis(axisValue?.kind === 'int' ? axisValue.value : 0, shape.length);
  const size = shape[axis];
  const withSize = (dim: Dim): Shape => shape.map((d, i) => (i === axis ? dim : d));
  if (sections?.kind === 'int' && sections.value > 0) {
    if (size === null) return Array.from({ length: sections.value }, () => withSize(null));
    if (typeof size !== 'number' || size % sections.value !== 0) return notKnown('sections');
    return Array.from({ length: sections.value }, () => withSize(size / sections.value));
  }
  const items = sections ? sequenceItems(sections) : null;
  if (!items || !items.every((item) => item.kind === 'int') || typeof size !== 'number') return notKnown('sections');
  const bounds = [0, ...items.map((item) => (item.kind === 'int' ? item.value : 0)), size];
  return bounds.slice(1).map((bound, i) => withSize(bound - bounds[i]));
}

/**
 * Keras' `shape_equal(shape, first, axis=[axis], allow_none=True)` for every joined shape: the same rank, and the
 * same size on every axis but `axis` wherever both are known (None matches anything).
 */
function checkJoinable(shapes: readonly Shape[], axis: number, message: (shape: Shape) => string): void {
  const first = shapes[0];
  for (const shape of shapes) {
    const differs = shape.length !== first.length || shape.some((d, i) => i !== axis && typeof d === 'number' && typeof first[i] === 'number' && d !== first[i]);
    if (differs) throw new KerasError(message(shape));
  }
}

/** `ops.concatenate(xs, axis=0)` and `ops.stack(xs, axis=0)` over a list of tensors. */
function joinShapes(args: OpArgs, stack: boolean): Shape {
  const list = args.values[0];
  const items = list ? sequenceItems(list) : null;
  const shapes = items?.map((item) => (item.kind === 'tensor' ? item.tensor.shape : null));
  if (!shapes || shapes.length === 0 || shapes.some((s) => s === null)) return notKnown('input');
  const known = shapes as Shape[];
  const axisValue = args.keywords.get('axis') ?? args.values[1];
  const axis = axisValue?.kind === 'int' ? axisValue.value : 0;
  const rank = known[0].length;
  if (stack) {
    const at = normalizeAxis(axis, rank + 1);
    checkJoinable(known, -1, (shape) => `Every value in \`x\` must have the same shape. But found element of shape ${formatShape(shape)},  which is different from the first element's shape ${formatShape(known[0])}.`);
    return [...known[0].slice(0, at), known.length, ...known[0].slice(at)];
  }
  const at = normalizeAxis(axis, rank);
  checkJoinable(known, at, (shape) => `Every value in \`xs\` must have the same shape except on the \`axis\` dim. But found element of shape ${formatShape(shape)}, which is different from the first element's shape ${formatShape(known[0])}.`);
  const total = known.reduce<Dim>((sum, shape) => dimAdd(sum, shape[at]), 0);
  return known[0].map((d, i) => (i === at ? total : d));
}

/** numpy basic indexing: ints drop an axis, slices keep it (with their length), None adds one, `...` fills. */
function getItemShape(args: OpArgs): Shape {
  const shape = first(args);
  const key = args.values[1];
  const keys = key.kind === 'tuple' ? key.items : [key];
  const consumed = keys.filter((k) => k.kind !== 'none' && !(k.kind === 'unknown' && k.label === '...')).length;
  const result: Dim[] = [];
  let axis = 0;
  for (const k of keys) {
    if (k.kind === 'none') {
      result.push(1);
    } else if (k.kind === 'int') {
      axis++;
    } else if (k.kind === 'slice') {
      const dim = shape[axis++];
      const bound = (v: PyValue) => (v.kind === 'int' ? v.value : v.kind === 'none' ? null : undefined);
      const [start, stop, stride] = [bound(k.start), bound(k.stop), bound(k.step)];
      if (start === undefined || stop === undefined || stride === undefined) result.push('?');
      else if (typeof dim !== 'number') result.push(start === null && stop === null && (stride ?? 1) === 1 ? dim : dim === null ? null : '?');
      else {
        const n = dim;
        const s = stride ?? 1;
        const clamp = (v: number) => Math.max(0, Math.min(n, v < 0 ? v + n : v));
        const from = start === null ? (s > 0 ? 0 : n - 1) : clamp(start);
        const to = stop === null ? (s > 0 ? n : -1) : clamp(stop);
        result.push(Math.max(0, Math.ceil((to - from) / s)));
      }
    } else if (k.kind === 'unknown' && k.label === '...') {
      const fill = shape.length - consumed;
      for (let i = 0; i < fill; i++) result.push(shape[axis++]);
    } else {
      return notKnown('index');
    }
  }
  return [...result, ...shape.slice(axis)];
}

/** Python's repr of a shape as a list (`[None, 12]`), as Keras' messages print `list(x.shape)`. */
const listRepr = (shape: Shape): string => `[${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}]`;

/** Keras' `shape_equal` with `allow_none`, ignoring the axes in `ignored`; null when a dimension is not known here. */
function shapesEqual(a: Shape, b: Shape, ignored: readonly number[] = []): boolean | null {
  if (a.length !== b.length) return false;
  let equal: boolean | null = true;
  a.forEach((d, i) => {
    const e = b[i];
    if (ignored.includes(i) || d === null || e === null) return;
    if (typeof d === 'string' || typeof e === 'string') equal = equal && null;
    else if (d !== e) equal = false;
  });
  return equal;
}

/** A shape that must equal `first` (`shape_equal` with `allow_none`), else Keras' error `message`. */
function checkEqual(a: Shape, b: Shape, message: () => string, ignored: readonly number[] = []): void {
  const equal = shapesEqual(a, b, ignored);
  if (equal === false) throw new KerasError(message());
  if (equal === null) notKnown('input');
}

/** `ops.norm(x, ord=None, axis=None, keepdims=False)`: a reduction, with Keras' checks of `ord` (`Norm`). */
function normShape(args: OpArgs): Shape {
  const shape = first(args);
  const ord = argument(args, 1, 'ord') ?? { kind: 'none' };
  if (ord.kind === 'str' && ord.value !== 'fro' && ord.value !== 'nuc') {
    throw new KerasError(`Invalid \`ord\` argument. Expected one of {'fro', 'nuc'} when using string. Received: ord=${ord.value}`);
  }
  const axes = axisArgument(args, 2, 'axis');
  const count = axes ? axes.length : shape.length;
  const ordText = ord.kind === 'str' ? ord.value : ord.kind === 'int' || ord.kind === 'float' ? String(ord.value) : null;
  if (count === 1 && ord.kind === 'str') throw new KerasError(`Invalid \`ord\` argument for vector norm. Received: ord=${ord.value}`);
  const matrixOrd = ord.kind === 'none' || ord.kind === 'str' || ((ord.kind === 'int' || ord.kind === 'float') && [1, -1, 2, -2, Infinity, -Infinity].includes(ord.value));
  if (count === 2 && !matrixOrd) {
    if (ordText === null) return notKnown('ord');
    throw new KerasError(`Invalid \`ord\` argument for matrix norm. Received: ord=${ordText}`);
  }
  const keepdimsValue = argument(args, 3, 'keepdims');
  const keepdims = keepdimsValue?.kind === 'bool' && keepdimsValue.value;
  const reduced = new Set((axes ?? shape.map((_, i) => i)).map((a) => canonicalAxis(a, shape.length)));
  return keepdims ? shape.map((d, i) => (reduced.has(i) ? 1 : d)) : shape.filter((_, i) => !reduced.has(i));
}

/** Python's `lst[index]` for a possibly negative index; out of range is Python's IndexError, not modelled. */
function pythonIndex(index: number, length: number): number {
  const at = index < 0 ? index + length : index;
  return at >= 0 && at < length ? at : notKnown('axes');
}

/** `ops.tensordot(x1, x2, axes=2)`: the last `axes` axes of `x1` against the first of `x2`, or the axes listed. */
function tensordotShape(args: OpArgs): Shape {
  const [a, b] = args.shapes;
  if (!a || !b) return notKnown('input');
  const axes = argument(args, 2, 'axes') ?? { kind: 'int', value: 2 };
  if (axes.kind === 'int') return axes.value <= 0 ? [...a, ...b] : [...a.slice(0, Math.max(0, a.length - axes.value)), ...b.slice(axes.value)];
  const pair = sequenceItems(axes);
  const lists = pair?.length === 2 ? pair.map((item) => sequenceItems(item)) : null;
  if (!lists || lists.some((list) => !list || !list.every((i) => i.kind === 'int'))) return notKnown('axes');
  const [left, right] = lists.map((list) => (list ?? []).map((i) => (i.kind === 'int' ? i.value : 0)));
  const leftAxes = left.map((ax) => pythonIndex(ax, a.length));
  const rightAxes = right.map((ax) => pythonIndex(ax, b.length));
  const selected = [leftAxes.map((i) => a[i]), rightAxes.map((i) => b[i])];
  checkEqual(selected[0], selected[1], () => `Shape mismatch on \`x1[axes[0]]\` and \`x2[axes[1]]\`, received ${listRepr(selected[0])} and ${listRepr(selected[1])}.`);
  return [...a.filter((_, i) => !leftAxes.includes(i)), ...b.filter((_, i) => !rightAxes.includes(i))];
}

/** `ops.hstack(xs)` and `ops.vstack(xs)`: joined along axis 1 or 0, every other axis alike (`Hstack`, `Vstack`). */
function stackedAlong(axis: number): OpSpec['shape'] {
  return (args) => {
    const items = args.values[0] ? sequenceItems(args.values[0]) : null;
    const shapes = items?.map((item) => (item.kind === 'tensor' ? item.tensor.shape : null));
    if (!shapes || shapes.length === 0 || shapes.some((shape) => shape === null || shape.length <= axis)) return notKnown('xs');
    const known = shapes as Shape[];
    const head = known[0];
    let total: Dim = 0;
    for (const shape of known) {
      checkEqual(shape, head, () => `Every value in \`xs\` must have the same shape except on the \`axis\` dim. But found element of shape ${formatShape(shape)}, which is different from the first element's shape ${formatShape(head)}.`, [axis]);
      total = total === null || shape[axis] === null ? null : dimAdd(total, shape[axis]);
    }
    return head.map((d, i) => (i === axis ? total : d));
  };
}

/** `ops.average(x, axis=None, weights=None)`: a reduction over one axis (or all), weights shaped like `x` or its axis. */
function averageShape(args: OpArgs): Shape {
  const shape = first(args);
  const axisValue = argument(args, 1, 'axis');
  const weights = argument(args, 2, 'weights');
  const weightsShape = !weights || weights.kind === 'none' ? null : weights.kind === 'tensor' ? weights.tensor.shape ?? notKnown('weights') : notKnown('weights');
  if (!axisValue || axisValue.kind === 'none') {
    if (weightsShape) checkEqual(weightsShape, shape, () => `\`weights\` must have the same shape as \`x\` when \`axis=None\`, but received \`weights.shape=${formatShape(weightsShape)}\` and \`x.shape=${formatShape(shape)}\`.`);
    return [];
  }
  if (axisValue.kind !== 'int') return notKnown('axis');
  const axis = normalizeAxis(axisValue.value, shape.length);
  if (weightsShape && shapesEqual([shape[axis]], weightsShape) !== true && shapesEqual(shape, weightsShape) !== true) {
    if (shapesEqual([shape[axis]], weightsShape) === null || shapesEqual(shape, weightsShape) === null) return notKnown('weights');
    const size = shape[axis] === null ? 'None' : String(shape[axis]);
    throw new KerasError(`\`weights\` must have the same size as \`x\` at \`axis=${axisValue.value}\` but received \`weights.shape=${formatShape(weightsShape)}\` while x.shape at \`${axisValue.value}\` is \`${size}\`.`);
  }
  return shape.filter((_, i) => i !== axis);
}

/** Keras' `canonicalize_axis`, with its error for an axis out of range. */
function canonicalAxis(axis: number, rank: number): number {
  if (axis < -rank || axis >= rank) throw new KerasError(`axis ${axis} is out of bounds for an array with dimension ${rank}.`);
  return axis < 0 ? axis + rank : axis;
}

/** `ops.diagonal(x, offset=0, axis1=0, axis2=1)`: both axes replaced by the diagonal's length, last. */
function diagonalShape(args: OpArgs): Shape {
  const shape = first(args);
  const offset = intArgument(args, 1, 'offset', 0);
  const [given1, given2] = [intArgument(args, 2, 'axis1', 0), intArgument(args, 3, 'axis2', 1)];
  const axis1 = canonicalAxis(given1, shape.length);
  const axis2 = canonicalAxis(given2, shape.length);
  if (axis1 === axis2) throw new KerasError(`\`axis1\` and \`axis2\` cannot be the same. Received: axis1=${given1}, axis2=${given2}`);
  const [rows, columns] = [shape[axis1], shape[axis2]];
  const rest = shape.filter((_, i) => i !== axis1 && i !== axis2);
  if (rows === null || columns === null) return [...rest, null];
  if (typeof rows !== 'number' || typeof columns !== 'number') return notKnown('input');
  const remaining = offset > 0 ? columns - offset : rows + offset;
  return [...rest, Math.max(0, Math.min(remaining, Math.min(rows, columns)))];
}

/** `ops.take_along_axis(x, indices, axis=None)`: Keras' `compute_take_along_axis_output_shape`. */
function takeAlongAxisShape(args: OpArgs): Shape {
  const shape = first(args);
  const indices = args.shapes[1] ?? notKnown('indices');
  const axisValue = argument(args, 2, 'axis');
  const flat = !axisValue || axisValue.kind === 'none';
  if (!flat && axisValue.kind !== 'int') return notKnown('axis');
  const input: Dim[] = flat ? [...flattened(shape)] : [...shape];
  if (input.length !== indices.length) {
    throw new KerasError(`\`x\` and \`indices\` must have the same number of dimensions, but receive shape ${listRepr(input)} and ${listRepr(indices)}.`);
  }
  const axis = flat || axisValue.kind !== 'int' ? 0 : normalizeAxis(axisValue.value, input.length);
  input[axis] = indices[axis];
  return broadcastShapes(input, indices);
}

/** A pooling or convolution argument given as one int for every spatial axis, or one per axis. */
function perAxis(value: PyValue | undefined, count: number, name: string): number[] {
  if (value?.kind === 'int') return new Array<number>(count).fill(value.value);
  const items = value ? sequenceItems(value) : null;
  if (!items || !items.every((i) => i.kind === 'int') || (items.length !== count && items.length !== 1)) return notKnown(name);
  const numbers = items.map((i) => (i.kind === 'int' ? i.value : 0));
  return numbers.length === count ? numbers : new Array<number>(count).fill(numbers[0]);
}

/**
 * `ops.depth_to_space(x, block_size, data_format='channels_last')` and `ops.space_to_depth`: channels traded
 * for block_size × block_size pixels, one way or the other (`DepthToSpace.compute_output_spec`).
 */
function blockShape(toSpace: boolean): OpSpec['shape'] {
  return (args) => {
    const shape = first(args);
    const name = toSpace ? 'depth_to_space' : 'space_to_depth';
    if (shape.length !== 4) throw new KerasError(`\`${name}\` requires a 4D input tensor. Received: x.shape=${formatShape(shape)}`);
    const block = intArgument(args, 1, 'block_size');
    const last = argument(args, 2, 'data_format') === undefined || dataFormatOf(args, 2) === 'channels_last';
    const [batch, h, w, c] = last ? shape : [shape[0], shape[2], shape[3], shape[1]];
    if ([h, w, c].some((dim) => typeof dim === 'string')) return notKnown('x');
    const known = (dim: Dim): dim is number => typeof dim === 'number';
    let size: [Dim, Dim, Dim];
    if (toSpace) {
      if (known(c) && c % (block * block) !== 0) throw new KerasError(`The number of channels (${c}) must be divisible by block_size**2 (${block * block}).`);
      size = [known(h) ? h * block : null, known(w) ? w * block : null, known(c) ? Math.floor(c / (block * block)) : null];
    } else {
      if (known(h) && h % block !== 0) throw new KerasError(`Height (${h}) must be divisible by block_size (${block}).`);
      if (known(w) && w % block !== 0) throw new KerasError(`Width (${w}) must be divisible by block_size (${block}).`);
      size = [known(h) ? Math.floor(h / block) : null, known(w) ? Math.floor(w / block) : null, known(c) ? c * block * block : null];
    }
    return last ? [batch, ...size] : [batch, size[2], size[0], size[1]];
  };
}

/** A shape as Python prints a list of sizes (Keras' image ops print `list(images.shape)`). */
const pyList = (shape: Shape): string => `[${shape.map((dim) => (dim === null ? 'None' : String(dim))).join(', ')}]`;

/** The image ops' first check: a single image or a batch of them. */
function imagesOf(args: OpArgs, ranks: readonly number[] = [3, 4]): Shape {
  const shape = first(args);
  if (!ranks.includes(shape.length)) {
    const expected = ranks.length === 1 ? 'expected rank 4 (batch of images)' : 'expected rank 3 (single image) or rank 4 (batch of images)';
    throw new KerasError(`Invalid images rank: ${expected}. Received: images.shape=${pyList(shape)}`);
  }
  return shape;
}

/**
 * `ops.image.rgb_to_grayscale` (channels become 1) and `rgb_to_hsv`/`hsv_to_rgb` (3 channels in and out), with
 * their checks of the channels.
 */
function colourShape(grayscale: boolean): OpSpec['shape'] {
  return (args) => {
    const shape = [...imagesOf(args)];
    const axis = dataFormatOf(args, 1) === 'channels_last' ? shape.length - 1 : shape.length - 3;
    const channels = shape[axis];
    if (typeof channels === 'number' && grayscale && channels !== 1 && channels !== 3) {
      throw new KerasError(`Invalid channel size: expected 3 (RGB) or 1 (Grayscale). Received input with shape: images.shape=${formatShape(shape)}`);
    }
    if (typeof channels === 'number' && !grayscale && channels !== 3) {
      throw new KerasError(`Input images must have 3 channels, but received images with ${channels} channels.`);
    }
    if (grayscale) shape[axis] = 1;
    return shape;
  };
}

/** An int argument that may be None (null); not known otherwise. */
function optionalInt(args: OpArgs, position: number, name: string): number | null {
  const value = argument(args, position, name);
  if (!value || value.kind === 'none') return null;
  return value.kind === 'int' ? value.value : notKnown(name);
}

const pyInt = (value: number | null): string => (value === null ? 'None' : String(value));

/**
 * `ops.image.crop_images(images, top_cropping, left_cropping, bottom_cropping, right_cropping, target_height,
 * target_width, data_format)` and `pad_images` (the same with `_padding`), as `CropImages.compute_output_spec`
 * and `PadImages`' check them: exactly two of each side's three, none negative, and what the third comes to.
 */
function cropOrPadShape(crop: boolean): OpSpec['shape'] {
  const verb = crop ? 'cropping' : 'padding';
  return (args) => {
    const shape = [...imagesOf(args)];
    const names = [`top_${verb}`, `left_${verb}`, `bottom_${verb}`, `right_${verb}`, 'target_height', 'target_width'];
    const [top, left, bottom, right, targetHeight, targetWidth] = names.map((name, i) => optionalInt(args, i + 1, name));
    const exactlyTwo = (given: (number | null)[], which: string[]): void => {
      if (given.filter((value) => value === null).length === 1) return;
      throw new KerasError(`Must specify exactly two of ${which.join(', ')}. Received: ${which.map((name, i) => `${name}=${pyInt(given[i])}`).join(', ')}`);
    };
    exactlyTwo([top, bottom, targetHeight], [names[0], names[2], 'target_height']);
    exactlyTwo([left, right, targetWidth], [names[1], names[3], 'target_width']);
    const nonNegative = (value: number | null, name: string): void => {
      if (value !== null && value < 0) throw new KerasError(`${name} must be >= 0. Received: ${name}=${value}`);
    };
    [[top, names[0]], [bottom, names[2]], [targetHeight, 'target_height'], [left, names[1]], [right, names[3]], [targetWidth, 'target_width']].forEach(([value, name]) =>
      nonNegative(value as number | null, name as string),
    );
    const last = dataFormatOf(args, 7) === 'channels_last';
    const heightAxis = shape.length + (last ? -3 : -2);
    const widthAxis = heightAxis + 1;
    const size = (axis: number): number | null => {
      const dim = shape[axis];
      return typeof dim === 'string' ? notKnown('images') : dim;
    };
    /** One side: the target size, after checking the margins the target leaves. */
    const side = (before: number | null, after: number | null, target: number | null, length: number | null, axis: 'height' | 'width', marginNames: [string, string]): number | null => {
      if (crop && length === null && target === null) {
        throw new KerasError(
          `When the ${axis} of the images is unknown, \`target_${axis}\` must be specified.Received images.shape=${pyList(shape)} and target_${axis}=None`,
        );
      }
      const sign = crop ? -1 : 1;
      const goal = target ?? (length === null ? null : length + sign * ((before as number) + (after as number)));
      if (length !== null && goal !== null) {
        const first = before ?? sign * (goal - length) - (after as number);
        const second = after ?? sign * (goal - length) - first;
        nonNegative(first, marginNames[0]);
        nonNegative(second, marginNames[1]);
        nonNegative(goal, `target_${axis}`);
      }
      return goal;
    };
    shape[heightAxis] = side(top, bottom, targetHeight, size(heightAxis), 'height', [names[0], names[2]]);
    shape[widthAxis] = side(left, right, targetWidth, size(widthAxis), 'width', [names[1], names[3]]);
    return shape;
  };
}

/** `ops.image.gaussian_blur` and `affine_transform`: the images' shape, once their rank is checked. */
function sameImagesShape(args: OpArgs): Shape {
  const shape = first(args);
  if (shape.length !== 3 && shape.length !== 4) {
    throw new KerasError(`Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape=${formatShape(shape)}`);
  }
  return shape;
}

const configuredFormat = (args: OpArgs): 'channels_last' | 'channels_first' => args.imageDataFormat ?? notKnown('image_data_format()');

/** `data_format=None` as `standardize_data_format` reads it. */
function dataFormatOf(args: OpArgs, position: number): 'channels_last' | 'channels_first' {
  const format = argument(args, position, 'data_format');
  if (!format || format.kind === 'none') return configuredFormat(args);
  return format.kind === 'str' && (format.value === 'channels_last' || format.value === 'channels_first') ? format.value : notKnown('data_format');
}

/**
 * Spatial axes of a pooling or convolution (`compute_pooling_output_shape`, `compute_conv_output_shape`): an
 * unknown where Keras would raise that the size is zero or negative (its message prints numpy arrays).
 */
function windowed(shape: Shape, format: 'channels_last' | 'channels_first', kernel: readonly number[], strides: readonly number[], padding: 'valid' | 'same', dilation: readonly number[]): Dim[] {
  const spatial = format === 'channels_last' ? shape.slice(1, -1) : shape.slice(2);
  return spatial.map((d, i) => {
    const length = windowOutputLength(d, kernel[i], strides[i], padding, dilation[i]);
    return typeof length === 'number' && length <= 0 ? notKnown('size') : length;
  });
}

/** `padding` lowered, as the pooling and convolution functions do; Keras' error for anything else. */
function paddingOf(args: OpArgs, position: number, causal: boolean): 'valid' | 'same' {
  const value = argument(args, position, 'padding') ?? { kind: 'str', value: 'valid' };
  if (value.kind !== 'str') return notKnown('padding');
  const padding = value.value.toLowerCase();
  if (padding === 'valid' || padding === 'same') return padding;
  if (causal && padding === 'causal') return 'same';
  throw new KerasError(causal ? `\`padding\` must be either \`'valid'\` or \`'same'\`. Received ${padding}.` : `Argument \`padding\` must be either 'valid' or 'same'. Received: padding=${padding}`);
}

/** `ops.max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None)` and `ops.average_pool`. */
function poolShape(args: OpArgs): Shape {
  const shape = first(args);
  const format = dataFormatOf(args, 4);
  const padding = paddingOf(args, 3, false);
  const count = shape.length - 2;
  const pool = perAxis(argument(args, 1, 'pool_size'), count, 'pool_size');
  const stridesValue = argument(args, 2, 'strides');
  const strides = !stridesValue || stridesValue.kind === 'none' ? pool : perAxis(stridesValue, count, 'strides');
  const spatial = windowed(shape, format, pool, strides, padding, new Array<number>(count).fill(1));
  return format === 'channels_last' ? [shape[0], ...spatial, shape[shape.length - 1]] : [shape[0], shape[1], ...spatial];
}

/** `ops.conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1)`: `Conv.compute_output_spec`. */
function convShape(args: OpArgs): Shape {
  const shape = first(args);
  const kernel = args.shapes[1] ?? notKnown('kernel');
  const format = dataFormatOf(args, 4);
  const channels = format === 'channels_last' ? shape[shape.length - 1] : shape[1];
  const kernelChannels = kernel[kernel.length - 2];
  if (typeof channels === 'number' && typeof kernelChannels === 'number' && channels !== kernelChannels) {
    throw new KerasError(`The number of input channels must match the kernel's input channels. Received: input channels=${channels}, kernel input channels=${kernelChannels}, data_format='${format}'.`);
  }
  const size = kernel.slice(0, -2);
  const filters = kernel[kernel.length - 1];
  if (size.length + 2 !== shape.length) {
    const kernelShape = [...size, format === 'channels_last' ? shape[shape.length - 1] : shape[1], filters];
    throw new KerasError(`Kernel shape must have the same length as input, but received kernel of shape ${formatShape(kernelShape)} and input of shape ${formatShape(shape)}.`);
  }
  if (!size.every((d): d is number => typeof d === 'number')) return notKnown('kernel');
  const count = size.length;
  const padding = paddingOf(args, 3, true);
  const strides = perAxis(argument(args, 2, 'strides') ?? { kind: 'int', value: 1 }, count, 'strides');
  const dilation = perAxis(argument(args, 5, 'dilation_rate') ?? { kind: 'int', value: 1 }, count, 'dilation_rate');
  const spatial = windowed(shape, format, size, strides, padding, dilation);
  return format === 'channels_last' ? [shape[0], ...spatial, filters] : [shape[0], filters, ...spatial];
}

const entry = (className: string, shape: OpSpec['shape']): OpSpec => ({ className, shape });
const scalarEntry = (className: string, shape: OpSpec['shape'], operands: 1 | 2 = 1): OpSpec => ({ className, shape, scalar: operands });

/** Every `keras.ops` function modelled, by its name (`image.` functions by their submodule's). */
export const OPS: ReadonlyMap<string, OpSpec> = new Map<string, OpSpec>([
  ...ELEMENTWISE.map((name): [string, OpSpec] => [name, scalarEntry(classOf(name), elementwise)]),
  ...BINARY.map((name): [string, OpSpec] => [name, scalarEntry(classOf(name), binaryElementwise, 2)]),
  ...REDUCTIONS.map((name): [string, OpSpec] => [name, entry(classOf(name), reduction)]),
  ...SHORTHANDS.map(([name, full]): [string, OpSpec] => [name, scalarEntry(classOf(full), elementwise)]),
  ['matmul', entry('Matmul', matmulShape)],
  ['dot', entry('Dot', dotShape)],
  ['where', entry('Where', whereShape)],
  ['expand_dims', entry('ExpandDims', expandDimsShape)],
  ['squeeze', entry('Squeeze', squeezeShape)],
  ['reshape', entry('Reshape', reshapeShape)],
  ['transpose', entry('Transpose', transposeShape)],
  ['swapaxes', entry('Swapaxes', swapaxesShape)],
  ['moveaxis', entry('Moveaxis', moveaxisShape)],
  ['tile', entry('Tile', tileShape)],
  ['repeat', entry('Repeat', repeatShape)],
  ['pad', entry('Pad', padShape)],
  ['cumsum', entry('Cumsum', cumulativeShape)],
  ['cumprod', entry('Cumprod', cumulativeShape)],
  ['one_hot', entry('OneHot', oneHotShape)],
  ['depth_to_space', entry('DepthToSpace', blockShape(true))],
  ['space_to_depth', entry('SpaceToDepth', blockShape(false))],
  ['glu', entry('Glu', gluShape)],
  ['get_item', entry('GetItem', getItemShape)],
  ['concatenate', entry('Concatenate', (args) => joinShapes(args, false))],
  ['stack', entry('Stack', (args) => joinShapes(args, true))],
  ['einsum', entry('Einsum', einsumShape)],
  ['split', { className: 'Split', shape: first, outputs: splitShapes }],
  ['top_k', { className: 'TopK', shape: first, outputs: topKShapes }],
  ['unstack', { className: 'Unstack', shape: first, outputs: unstackShapes }],
  ['slice', entry('Slice', sliceShape)],
  ['take', entry('Take', takeShape)],
  ['meshgrid', { className: 'Meshgrid', shape: first, outputs: meshgridShapes }],
  ['broadcast_to', entry('BroadcastTo', broadcastToShape)],
  ['convert_to_tensor', entry('ConvertToTensor', elementwise)],
  ...['fft', 'fft2', 'ifft2'].map((name): [string, OpSpec] => [name, { className: name.toUpperCase(), shape: first, outputs: complexPartsShapes }]),
  ['norm', entry('Norm', normShape)],
  ['tensordot', entry('Tensordot', tensordotShape)],
  ['hstack', entry('Hstack', stackedAlong(1))],
  ['vstack', entry('Vstack', stackedAlong(0))],
  ['average', entry('Average', averageShape)],
  ['diagonal', entry('Diagonal', diagonalShape)],
  ['take_along_axis', entry('TakeAlongAxis', takeAlongAxisShape)],
  ['max_pool', entry('MaxPool', poolShape)],
  ['average_pool', entry('AveragePool', poolShape)],
  ['conv', entry('Conv', convShape)],
  ['image.resize', entry('Resize', resizeShape)],
  ['image.extract_patches', entry('ExtractPatches', extractPatchesShape)],
  ['image.rgb_to_grayscale', entry('RGBToGrayscale', colourShape(true))],
  ['image.rgb_to_hsv', entry('RGBToHSV', colourShape(false))],
  ['image.hsv_to_rgb', entry('HSVToRGB', colourShape(false))],
  ['image.gaussian_blur', entry('GaussianBlur', sameImagesShape)],
  ['image.crop_images', entry('CropImages', cropOrPadShape(true))],
  ['image.pad_images', entry('PadImages', cropOrPadShape(false))],
  ['image.affine_transform', entry('AffineTransform', sameImagesShape)],
  // Keras adds an axis of 2, [dy, dx], last.
  ['image.sobel_edges', entry('SobelEdges', (args) => [...imagesOf(args, [4]), 2])],
]);

/**
 * `keras.activations` functions on symbolic tensors: most make the operation of the `keras.ops` function of
 * the same name, these differ (`relu` has a class of its own; `linear` returns its input). Those that call
 * the backend directly (`mish`, `hard_silu`) fail on some backends and are not modelled.
 */
export const ACTIVATIONS: ReadonlyMap<string, OpSpec | 'identity'> = new Map<string, OpSpec | 'identity'>([
  ...[
    'relu6', 'sigmoid', 'sparse_sigmoid', 'softplus', 'softsign', 'soft_shrink', 'sparse_plus', 'silu', 'squareplus',
    'log_sigmoid', 'leaky_relu', 'hard_sigmoid', 'elu', 'selu', 'gelu', 'celu', 'tanh_shrink', 'hard_tanh', 'hard_shrink',
    'softmax', 'log_softmax', 'tanh', 'swish', 'glu',
  ].map((name): [string, OpSpec] => [name, OPS.get(name) as OpSpec]),
  ['relu', scalarEntry('ReLU', elementwise)],
  ['exponential', scalarEntry('Exp', elementwise)],
  ['linear', 'identity'],
]);
