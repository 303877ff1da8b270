/**
 * `keras.ops` functions and Python operators on symbolic tensors. In a functional graph Keras 3 records
 * each as an operation node (`x + y` is an `Add` row named `add`), so they get nodes here too; on tensors
 * outside a graph (inside a `Lambda`) only the shape is computed. Shapes follow `keras/src/ops/numpy.py`.
 */
import type { Dim, Shape } from '../model';
import type { SyntaxNode } from '../syntax/tree';
import { sourceLabel, type Context } from '../evaluate/context';
import type { CallArguments } from '../evaluate/expressions';
import { formatShape, sequenceItems, toDim, unknown, type PyValue, type TensorObject } from '../evaluate/values';
import { dimAdd, dimProduct, normalizeAxis } from '../infer/dims';
import { recordNode, newLayerObject } from '../infer/layers';
import { KerasError } from '../infer/rules/types';
import { autoName, recordCall, report } from '../infer/state';
import { spanOf } from '../syntax/nodes';

/** Python operators to the `keras.ops` function Keras 3 dispatches them to. */
export const OPERATOR_OPS: ReadonlyMap<string, string> = new Map([
  ['+', 'add'],
  ['-', 'subtract'],
  ['*', 'multiply'],
  ['/', 'true_divide'],
  ['//', 'floor_divide'],
  ['%', 'mod'],
  ['**', 'power'],
  ['@', 'matmul'],
]);

interface OpSpec {
  /** The operation's class in Keras (its summary row's type). */
  readonly className: string;
  readonly shape: (args: OpArgs) => Shape;
  /** For an operation with several outputs (`split`): their shapes, which `shape` then does not give. */
  readonly outputs?: (args: OpArgs) => Shape[];
}

interface OpArgs {
  /** Positional arguments as shapes where they are tensors or numbers (`[]` for a scalar), else null. */
  readonly shapes: readonly (Shape | null)[];
  readonly values: readonly PyValue[];
  readonly keywords: ReadonlyMap<string, PyValue>;
}

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

function axisArgument(args: OpArgs, position: number, name: string): number[] | null | 'unknown' {
  const value = args.keywords.get(name) ?? args.values[position];
  if (!value || value.kind === 'none') return null;
  if (value.kind === 'int') return [value.value];
  const items = sequenceItems(value);
  if (items && items.every((i) => i.kind === 'int')) return items.map((i) => (i.kind === 'int' ? i.value : 0));
  return 'unknown';
}

function first(args: OpArgs): Shape {
  const shape = args.shapes[0];
  if (!shape) throw new KerasError('unknown input');
  return shape;
}

const elementwise: OpSpec['shape'] = (args) => first(args);

const binaryElementwise: OpSpec['shape'] = (args) => {
  const [a, b] = args.shapes;
  if (!a || !b) throw new KerasError('unknown input');
  return broadcastShapes(a, b);
};

const reduction: OpSpec['shape'] = (args) => {
  const shape = first(args);
  const axes = axisArgument(args, 1, 'axis');
  const keepdimsValue = args.keywords.get('keepdims') ?? args.values[2];
  const keepdims = keepdimsValue?.kind === 'bool' && keepdimsValue.value;
  if (axes === 'unknown') throw new KerasError('unknown axis');
  const reduced = new Set((axes ?? shape.map((_, i) => i)).map((a) => normalizeAxis(a, shape.length)));
  return keepdims ? shape.map((d, i) => (reduced.has(i) ? 1 : d)) : shape.filter((_, i) => !reduced.has(i));
};

const OPS: ReadonlyMap<string, OpSpec> = new Map<string, OpSpec>([
  ['add', { className: 'Add', shape: binaryElementwise }],
  ['subtract', { className: 'Subtract', shape: binaryElementwise }],
  ['multiply', { className: 'Multiply', shape: binaryElementwise }],
  ['true_divide', { className: 'TrueDivide', shape: binaryElementwise }],
  ['divide', { className: 'Divide', shape: binaryElementwise }],
  ['floor_divide', { className: 'FloorDivide', shape: binaryElementwise }],
  ['mod', { className: 'Mod', shape: binaryElementwise }],
  ['power', { className: 'Power', shape: binaryElementwise }],
  ['maximum', { className: 'Maximum', shape: binaryElementwise }],
  ['minimum', { className: 'Minimum', shape: binaryElementwise }],
  ...[
    'relu', 'sigmoid', 'tanh', 'exp', 'log', 'sqrt', 'square', 'abs', 'negative', 'softmax', 'gelu', 'silu', 'log_softmax',
    'cast', 'stop_gradient', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'hard_sigmoid', 'hard_silu', 'leaky_relu',
    'relu6', 'mish', 'exponential', 'linear', 'erf', 'sin', 'cos', 'clip', 'sign', 'round', 'floor', 'ceil',
  ].map(
    (name): [string, OpSpec] => [name, { className: name.split('_').map((p) => p[0].toUpperCase() + p.slice(1)).join(''), shape: elementwise }],
  ),
  ...['sum', 'mean', 'max', 'min', 'prod', 'std', 'var', 'any', 'all'].map(
    (name): [string, OpSpec] => [name, { className: name[0].toUpperCase() + name.slice(1), shape: reduction }],
  ),
  [
    'expand_dims',
    {
      className: 'ExpandDims',
      shape: (args) => {
        const shape = first(args);
        const axes = axisArgument(args, 1, 'axis');
        if (!axes || axes === 'unknown') throw new KerasError('unknown axis');
        const result: Dim[] = [...shape];
        const rank = shape.length + axes.length;
        for (const axis of axes.map((a) => normalizeAxis(a, rank)).sort((a, b) => a - b)) result.splice(axis, 0, 1);
        return result;
      },
    },
  ],
  [
    'squeeze',
    {
      className: 'Squeeze',
      shape: (args) => {
        const shape = first(args);
        const axes = axisArgument(args, 1, 'axis');
        if (axes === 'unknown') throw new KerasError('unknown axis');
        const removed = new Set(axes ? axes.map((a) => normalizeAxis(a, shape.length)) : shape.map((d, i) => (d === 1 ? i : -1)));
        return shape.filter((_, i) => !removed.has(i));
      },
    },
  ],
  [
    'reshape',
    {
      className: 'Reshape',
      shape: (args) => {
        const shape = first(args);
        const target = args.keywords.get('newshape') ?? args.values[1];
        const items = target ? sequenceItems(target) : null;
        if (!items || !items.every((i) => i.kind === 'int' || i.kind === 'none')) throw new KerasError('unknown shape');
        const dims = items.map((i): Dim => (i.kind === 'int' ? i.value : null));
        const unknownIndex = dims.indexOf(-1);
        if (unknownIndex < 0) return dims;
        const total = dimProduct(shape);
        const known = dimProduct(dims.filter((_, i) => i !== unknownIndex));
        const inferred = typeof total === 'number' && typeof known === 'number' && known !== 0 ? total / known : null;
        return dims.map((d, i) => (i === unknownIndex ? inferred : d));
      },
    },
  ],
  [
    'transpose',
    {
      className: 'Transpose',
      shape: (args) => {
        const shape = first(args);
        const axes = axisArgument(args, 1, 'axes');
        if (axes === 'unknown') throw new KerasError('unknown axes');
        return axes ? axes.map((a) => shape[normalizeAxis(a, shape.length)]) : [...shape].reverse();
      },
    },
  ],
  [
    'matmul',
    {
      className: 'Matmul',
      shape: (args) => {
        const [a, b] = args.shapes;
        if (!a || !b || a.length < 2 || b.length < 2) throw new KerasError('matmul needs rank-2 operands');
        const batch = broadcastShapes(a.slice(0, -2), b.slice(0, -2));
        return [...batch, a[a.length - 2], b[b.length - 1]];
      },
    },
  ],
  ['get_item', { className: 'GetItem', shape: getItemShape }],
  ['concatenate', { className: 'Concatenate', shape: (args) => joinShapes(args, false) }],
  ['einsum', { className: 'Einsum', shape: einsumShape }],
  ['split', { className: 'Split', shape: first, outputs: splitShapes }],
  ['stack', { className: 'Stack', shape: (args) => joinShapes(args, true) }],
]);

/**
 * `ops.einsum(subscripts, *operands)` as Keras' `Einsum.compute_output_spec` finds its shape: each operand's
 * dims laid out on the output spec (a letter it lacks is 1, `...` its remaining dims), then broadcast together.
 */
function einsumShape(args: OpArgs): Shape {
  const subscriptsValue = args.values[0];
  if (subscriptsValue?.kind !== 'str' || /[^a-z,.>-]/.test(subscriptsValue.value)) throw new KerasError('unknown subscripts');
  const [subscripts, outputSpec, extra] = subscriptsValue.value.split('->');
  const inputSpecs = subscripts.split(',');
  const operands = args.shapes.slice(1);
  if (extra !== undefined || inputSpecs.length !== operands.length) throw new KerasError('invalid subscripts');
  // Letters seen once are kept, twice or more reduced; the output spec, when given, decides instead.
  const seen = new Map<string, number>();
  for (const letter of subscripts.replace(/[^a-z]/g, '')) seen.set(letter, (seen.get(letter) ?? 0) + 1);
  const kept = [...seen.keys()].filter((letter) => (outputSpec === undefined ? seen.get(letter) === 1 : outputSpec.includes(letter))).sort();
  const target = outputSpec ?? `...${kept.join('')}`;
  const expanded = inputSpecs.map((spec, i) => {
    const shape = operands[i];
    if (!shape) throw new KerasError('unknown operand');
    const [head, tail] = spec.split('...');
    if (tail === undefined ? head.length !== shape.length : head.length + tail.length > shape.length) throw new KerasError('rank mismatch');
    const dims = new Map<string, Dim>();
    [...head].forEach((letter, j) => dims.has(letter) || dims.set(letter, shape[j]));
    [...(tail ?? '')].reverse().forEach((letter, j) => dims.has(letter) || dims.set(letter, shape[shape.length - 1 - j]));
    const wildcard = tail === undefined ? [] : shape.slice(head.length, shape.length - tail.length);
    const [before, after = ''] = target.split('...');
    // A letter this operand lacks is 1, for broadcasting (`get` would give undefined, and None is a dim).
    const place = (letters: string): Dim[] => [...letters].map((letter) => (dims.has(letter) ? (dims.get(letter) as Dim) : 1));
    return target.includes('...') ? [...place(before), ...wildcard, ...place(after)] : place(before);
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
    if (typeof size !== 'number') throw new KerasError('unknown size');
    if (size % sections.value !== 0) throw new KerasError('array split does not result in an equal division');
    return Array.from({ length: sections.value }, () => withSize(size / sections.value));
  }
  const items = sections ? sequenceItems(sections) : null;
  if (!items || !items.every((item) => item.kind === 'int') || typeof size !== 'number') throw new KerasError('unknown sections');
  const bounds = [0, ...items.map((item) => (item.kind === 'int' ? item.value : 0)), size];
  return bounds.slice(1).map((bound, i) => withSize(bound - bounds[i]));
}

/** `ops.concatenate(xs, axis=0)` and `ops.stack(xs, axis=0)` over a list of tensors. */
function joinShapes(args: OpArgs, stack: boolean): Shape {
  const list = args.values[0];
  const items = list ? sequenceItems(list) : null;
  const shapes = items?.map((item) => (item.kind === 'tensor' ? item.tensor.shape : null));
  if (!shapes || shapes.length === 0 || shapes.some((s) => s === null)) throw new KerasError('unknown input');
  const known = shapes as Shape[];
  const axisValue = args.keywords.get('axis') ?? args.values[1];
  const axis = axisValue?.kind === 'int' ? axisValue.value : 0;
  const rank = known[0].length;
  if (stack) {
    const at = normalizeAxis(axis, rank + 1);
    return [...known[0].slice(0, at), known.length, ...known[0].slice(at)];
  }
  const at = normalizeAxis(axis, rank);
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
      throw new KerasError('unsupported index');
    }
  }
  return [...result, ...shape.slice(axis)];
}

function shapeOfOperand(value: PyValue): Shape | null {
  if (value.kind === 'tensor') return value.tensor.shape;
  if (value.kind === 'int' || value.kind === 'float' || value.kind === 'bool') return [];
  return null;
}

/** `keras.ops` and `keras.random` functions whose first argument is the shape of the tensor they make. */
const SHAPED_CONSTRUCTORS = new Set(['zeros', 'ones', 'full', 'empty', 'normal', 'uniform', 'truncated_normal']);

/** `keras.ops` functions that make a new tensor from sizes alone (`arange`, `zeros`, `ones`): its shape. */
function createdShape(name: string, args: CallArguments): Shape | null {
  const number = (v: PyValue | undefined) => (v?.kind === 'int' ? v.value : v?.kind === 'float' ? v.value : null);
  if (name === 'arange') {
    const given = [args.keywords.get('start') ?? args.positional[0], args.keywords.get('stop') ?? args.positional[1], args.keywords.get('step') ?? args.positional[2]];
    const [a, b, c] = given.map(number);
    // A bound read from a symbolic shape (`ops.shape(x)[-1]` of a None axis) is None: so is the length.
    if (given.some((v) => v?.kind === 'none')) return [null];
    // arange(stop) or arange(start, stop[, step]), as numpy.
    const [start, stop, step] = given[1] === undefined ? [0, a, 1] : [a, b, given[2] === undefined ? 1 : c];
    if (start === null || stop === null || step === null || step === 0) return null;
    return [Math.max(0, Math.ceil((stop - start) / step))];
  }
  if (SHAPED_CONSTRUCTORS.has(name)) {
    const shape = args.keywords.get('shape') ?? args.positional[0];
    if (shape?.kind === 'int') return [shape.value];
    const items = shape ? sequenceItems(shape) : null;
    // A batch size read from a tensor is None here, as it is in Keras' symbolic shapes.
    return items && items.every((i) => i.kind === 'int' || i.kind === 'none') ? items.map(toDim) : null;
  }
  return null;
}

/**
 * Applies `keras.ops.<name>` (or an operator) to its arguments. Tensors of a functional graph get an
 * operation node; errors Keras would raise are reported; what we do not model is an honest unknown.
 */
export function applyOp(ctx: Context, name: string, args: CallArguments, node: SyntaxNode): PyValue {
  const spec = OPS.get(name);
  const values = args.positional;
  // Tensors may come alone or in a list (`ops.concatenate([a, b])`).
  const tensors = values.flatMap((v) => (v.kind === 'tensor' ? [v.tensor] : v.kind === 'list' || v.kind === 'tuple' ? v.items.flatMap((i) => (i.kind === 'tensor' ? [i.tensor] : [])) : []));
  if (tensors.length === 0) {
    // A tensor made from sizes is a constant, outside any graph.
    // An element-wise op on plain numbers (`ops.sqrt(8.0)`) makes a scalar.
    const scalar = spec && (spec.shape === elementwise || spec.shape === binaryElementwise) && values.length > 0 && values.every((v) => shapeOfOperand(v)?.length === 0);
    const created = createdShape(name, args) ?? (scalar ? [] : null);
    return created ? { kind: 'tensor', tensor: { shape: created, source: null } } : unknown(sourceLabel(node));
  }
  if (!spec) return unknown(sourceLabel(node));
  let shape: Shape | null = null;
  let outputs: Shape[] | null = null;
  let error: string | null = null;
  try {
    const opArgs = { shapes: values.map(shapeOfOperand), values, keywords: args.keywords };
    if (spec.outputs) outputs = spec.outputs(opArgs);
    else shape = spec.shape(opArgs);
  } catch (caught) {
    if (!(caught instanceof KerasError)) throw caught;
    // Only real broadcasting failures are Keras errors; the rest are things we cannot know.
    if (caught.message.startsWith('Cannot broadcast')) error = caught.message;
  }
  if (tensors.some((t) => t.shape === null)) shape = outputs = null;
  // Several outputs whose number is not known: the value as a whole is unknown.
  if (spec.outputs && !outputs) return unknown(sourceLabel(node));
  const inGraph = tensors.some((t) => t.source !== null);
  if (!inGraph) {
    return outputs ? { kind: 'list', items: outputs.map((s) => ({ kind: 'tensor', tensor: { shape: s, source: null } })) } : { kind: 'tensor', tensor: { shape, source: null } };
  }
  const span = spanOf(node);
  const layer = newLayerObject(ctx.state, spec.className, autoName(ctx.state, spec.className), new Map(), { span, calleeSpan: span, keywordSpans: new Map() });
  layer.built = { inputShape: null, weights: [] };
  const opNode = recordNode(layer, tensors as TensorObject[], outputs ?? [shape], outputs !== null);
  if (error) report(ctx.state, 'error', 'shape-error', error, span);
  recordCall(ctx.state, { span, layer, node: opNode, error, note: shape ? null : `the shape of \`${name}\` here is not known`, modelName: null });
  return outputs ? { kind: 'list', items: opNode.outputs.map((tensor): PyValue => ({ kind: 'tensor', tensor })) } : { kind: 'tensor', tensor: opNode.outputs[0] };
}
