/**
 * `keras.ops` functions and Python operators on symbolic tensors. In a functional graph Keras 3 records
 * each as an operation node (`x + y` is an `Add` row named `add`), so they get nodes here too; on tensors
 * outside a graph (inside a `Lambda`) only the shape is computed. The shapes are `opShapes.ts`'s table.
 */
import type { Shape } from '../model';
import type { SyntaxNode } from '../syntax/tree';
import { sourceLabel, type Context } from '../evaluate/context';
import type { CallArguments } from '../evaluate/expressions';
import { arrayShape, sequenceItems, toDim, unknown, type PyValue, type TensorObject } from '../evaluate/values';
import { recordNode, newLayerObject } from '../infer/layers';
import { KerasError } from '../infer/rules/types';
import { autoName, recordCall, report } from '../infer/state';
import { spanOf } from '../syntax/nodes';
import { ACTIVATIONS, OPS, ShapeUnknown, type OpSpec } from './opShapes';

/** Python's binary operators to the `keras.ops` function `KerasTensor` dispatches them to. */
export const OPERATOR_OPS: ReadonlyMap<string, string> = new Map([
  ['+', 'add'],
  ['-', 'subtract'],
  ['*', 'multiply'],
  ['/', 'true_divide'],
  ['//', 'floor_divide'],
  ['%', 'mod'],
  ['**', 'power'],
  ['@', 'matmul'],
  ['&', 'logical_and'],
  ['|', 'logical_or'],
  ['^', 'logical_xor'],
]);

/**
 * Comparisons: `KerasTensor` defines all but `==` (which stays Python's identity). A number on the left
 * makes Python ask the tensor for the mirrored one (`0.5 < x` is `x > 0.5`).
 */
export const COMPARISON_OPS: ReadonlyMap<string, { readonly op: string; readonly mirrored: string }> = new Map([
  ['<', { op: 'less', mirrored: 'greater' }],
  ['>', { op: 'greater', mirrored: 'less' }],
  ['<=', { op: 'less_equal', mirrored: 'greater_equal' }],
  ['>=', { op: 'greater_equal', mirrored: 'less_equal' }],
  ['!=', { op: 'not_equal', mirrored: 'not_equal' }],
]);

/** Unary operators and the builtins `KerasTensor` answers (`abs(x)`, `round(x)`). */
export const UNARY_OPS: ReadonlyMap<string, string> = new Map([
  ['-', 'negative'],
  ['~', 'logical_not'],
  ['abs', 'absolute'],
  ['round', 'round'],
]);

function shapeOfOperand(value: PyValue): Shape | null {
  if (value.kind === 'tensor') return value.tensor.shape;
  if (value.kind === 'int' || value.kind === 'float' || value.kind === 'bool' || (value.kind === 'unknown' && value.number)) return [];
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
  // An array of plain numbers (`ops.convert_to_tensor(1e-9)`): a constant, outside any graph.
  if (name === 'convert_to_tensor' || name === 'array') return args.positional[0] ? arrayShape(args.positional[0]) : null;
  if (SHAPED_CONSTRUCTORS.has(name)) {
    const shape = args.keywords.get('shape') ?? args.positional[0];
    if (shape?.kind === 'int') return [shape.value];
    const items = shape ? sequenceItems(shape) : null;
    // A batch size read from a tensor is None here, as it is in Keras' symbolic shapes.
    return items && items.every((i) => i.kind === 'int' || i.kind === 'none') ? items.map(toDim) : null;
  }
  return null;
}

/** The table entry of `ops:<name>`; `activations.<name>` for `keras.activations`. */
function specOf(name: string): OpSpec | 'identity' | undefined {
  return name.startsWith('activations.') ? ACTIVATIONS.get(name.slice('activations.'.length)) : OPS.get(name);
}

/**
 * Applies `keras.ops.<name>` (or an operator) to its arguments. Tensors of a functional graph get an
 * operation node; errors Keras would raise are reported; what we do not model is an honest unknown, or
 * null when it is called on tensors.
 */
export function applyOp(ctx: Context, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  const spec = specOf(name);
  const values = args.positional;
  if (spec === 'identity' && values.length === 1) return values[0];
  // Tensors may come alone or in a list (`ops.concatenate([a, b])`).
  const tensors = values.flatMap((v) => (v.kind === 'tensor' ? [v.tensor] : v.kind === 'list' || v.kind === 'tuple' ? v.items.flatMap((i) => (i.kind === 'tensor' ? [i.tensor] : [])) : []));
  if (tensors.length === 0) {
    // A tensor made from sizes is a constant, outside any graph.
    // An element-wise op on plain numbers (`ops.sqrt(8.0)`) makes a scalar.
    const operands = spec && spec !== 'identity' && spec.scalar ? values.slice(0, spec.scalar) : [];
    const scalar = operands.length > 0 && operands.every((v) => shapeOfOperand(v)?.length === 0);
    const created = createdShape(name, args) ?? (scalar ? [] : null);
    return created ? { kind: 'tensor', tensor: { shape: created, source: null } } : unknown(sourceLabel(node));
  }
  // Not modelled: the caller makes it a row of unknown shape, as any library call on graph tensors.
  if (!spec || spec === 'identity') return null;
  let shape: Shape | null = null;
  let outputs: Shape[] | null = null;
  let error: string | null = null;
  try {
    const opArgs = { shapes: values.map(shapeOfOperand), values, keywords: args.keywords, imageDataFormat: ctx.state.imageDataFormat, traced: ctx.state.layerCalls > 0 };
    if (spec.outputs) outputs = spec.outputs(opArgs);
    else shape = spec.shape(opArgs);
  } catch (caught) {
    if (caught instanceof KerasError) error = caught.message;
    else if (!(caught instanceof ShapeUnknown)) throw caught;
  }
  if (tensors.some((t) => t.shape === null)) shape = outputs = null;
  // Several outputs whose number is not known: the value as a whole is unknown.
  if (spec.outputs && !outputs) return unknown(sourceLabel(node));
  const inGraph = ctx.state.layerCalls === 0 && tensors.some((t) => t.source !== null);
  if (!inGraph) {
    // Inside a layer's call (a Lambda's function, a user layer's `call`) Keras raises it too; the call wraps it.
    if (error && ctx.state.layerCalls > 0) report(ctx.state, 'error', 'shape-error', error, spanOf(node));
    return outputs ? { kind: 'list', items: outputs.map((s) => ({ kind: 'tensor', tensor: { shape: s, source: null } })) } : { kind: 'tensor', tensor: { shape, source: null } };
  }
  const span = spanOf(node);
  const layer = newLayerObject(ctx.state, spec.className, autoName(ctx.state, spec.className), new Map(), { span, calleeSpan: span, keywordSpans: new Map() }, { operation: true });
  layer.built = { inputShape: null, weights: [] };
  const opNode = recordNode(layer, tensors as TensorObject[], outputs ?? [shape], outputs !== null);
  if (error) report(ctx.state, 'error', 'shape-error', error, span);
  recordCall(ctx.state, { span, layer, node: opNode, error, note: shape ? null : `the shape of \`${name}\` here is not known`, modelName: null });
  return outputs ? { kind: 'list', items: opNode.outputs.map((tensor): PyValue => ({ kind: 'tensor', tensor })) } : { kind: 'tensor', tensor: opNode.outputs[0] };
}
