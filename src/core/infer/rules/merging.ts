/**
 * Merging layers (`keras/src/layers/merging/`): called on a list of tensors, each with its lower-case
 * function form (`add([a, b])`). The element-wise ones share `Merge`'s broadcasting; Concatenate and Dot
 * have their own shape rules and checks. None of them has weights.
 */
import type { Dim, Shape } from '../../model';
import { formatShape, repr, sequenceItems } from '../../evaluate/values';
import type { LayerArgs } from '../args';
import { dimAdd, dimAt } from '../dims';
import { certainlyDifferent, dimText } from './core';
import { KerasError, UnknownArgument, type LayerRule } from './types';

/** A list of shapes as Python prints it in Keras' messages: `[(None, 4), (None, 5, 3)]`. */
const shapeList = (shapes: readonly Shape[]): string => `[${shapes.map(formatShape).join(', ')}]`;

// ---------------------------------------------------------------------------------------------------------
// Element-wise merges (keras/src/layers/merging/base_merge.py).

/**
 * One axis of `_compute_elemwise_op_output_shape`: `None` wins, a 1 broadcasts, otherwise the sizes must
 * agree. A size we cannot know yields to a known one, which it must equal or broadcast to.
 */
function broadcastDim(i: Dim, j: Dim, fail: () => never): Dim {
  if (i === null || j === null) return null;
  if (i === 1) return j;
  if (j === 1) return i;
  if (typeof i === 'number' && typeof j === 'number') return i === j ? i : fail();
  if (typeof i === 'number') return i;
  if (typeof j === 'number') return j;
  return i === j ? i : '?';
}

/** `_compute_elemwise_op_output_shape`: numpy-style broadcasting of the trailing axes of two shapes. */
function broadcastShapes(first: Shape, second: Shape): Shape {
  if (first.length < second.length) return broadcastShapes(second, first);
  if (second.length === 0) return first;
  const fail = (): never => {
    throw new KerasError(`Inputs have incompatible shapes. Received shapes ${formatShape(first)} and ${formatShape(second)}`);
  };
  const lead = first.slice(0, first.length - second.length);
  const tail = first.slice(first.length - second.length);
  return [...lead, ...tail.map((d, k) => broadcastDim(d, second[k], fail))];
}

/** The batch sizes the inputs declare, `None` left out; Keras refuses two different known ones. */
function batchSizes(shapes: readonly Shape[]): Dim[] {
  return [...new Set(shapes.filter((s) => s.length > 0).map((s) => s[0]))].filter((d) => d !== null);
}

/** Merge.build then Merge.compute_output_shape. */
function elementwiseOutput(shapes: readonly Shape[]): Shape {
  const known = batchSizes(shapes).filter((d) => typeof d === 'number');
  if (known.length > 1) {
    throw new KerasError(`Cannot merge tensors with different batch sizes. Received tensors with shapes ${shapeList(shapes)}`);
  }
  const body = shapes.slice(1).reduce<Shape>((acc, s) => broadcastShapes(acc, s.slice(1)), shapes[0].slice(1));
  const batches = batchSizes(shapes);
  return [batches.length === 1 ? batches[0] : null, ...body];
}

const MERGE_EXPLAIN =
  'The inputs are combined element by element and must have the same shape up to broadcasting: aligning the axes from the right (batch excluded), sizes must be equal or 1 (a 1 stretches to the other size) and a shorter shape gains leading axes, as in numpy. The output has the broadcast shape; no weights.';

function elementwise(className: string, functionForm: string, what: string, check?: (shapes: readonly Shape[]) => void): LayerRule {
  return {
    className,
    family: 'merging',
    params: [],
    call: 'list',
    singleTensor: (shape) => `A merge layer should be called on a list of inputs. Received: input_shape=${formatShape(shape)} (not a list of shapes)`,
    functionForm,
    outputShape: ({ inputs }) => {
      const output = elementwiseOutput(inputs);
      check?.(inputs);
      return output;
    },
    explain: `${className} ${what}. ${MERGE_EXPLAIN}`,
  };
}

// Subtract.build: exactly two inputs, checked after the shapes.
function exactlyTwo(shapes: readonly Shape[]): void {
  if (shapes.length !== 2) {
    throw new KerasError(`A \`Subtract\` layer should be called on exactly 2 inputs. Received: input_shape=${shapeList(shapes)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Concatenate (keras/src/layers/merging/concatenate.py).

/** Concatenate.build: once the concatenation axis is removed, the shapes must match (None matches anything). */
function checkConcatenable(shapes: readonly Shape[], axis: number): void {
  const error = () =>
    new KerasError(
      `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=${shapeList(shapes)}`,
    );
  const reduced = shapes.map((shape) => {
    const dims = [...shape];
    // `if len(shape) > axis: del shape[axis]`: always true for a negative axis, which then must exist.
    if (dims.length > axis) {
      const index = axis < 0 ? axis + dims.length : axis;
      if (index < 0) throw new KerasError('list assignment index out of range');
      dims.splice(index, 1);
    }
    return dims;
  });
  const ranks = new Set(reduced.map((s) => s.length));
  if (ranks.size !== 1) throw error();
  const rank = reduced[0].length;
  for (let k = 0; k < rank; k++) {
    const sizes = new Set(reduced.map((s) => s[k]).filter((d) => typeof d === 'number'));
    if (sizes.size > 1) throw error();
  }
}

/** Concatenate.compute_output_shape: the sizes on the axis add up; one `None` makes the sum `None`. */
function concatenatedShape(shapes: readonly Shape[], axis: number): Shape {
  const output = [...shapes[0]];
  const index = axis < 0 ? axis + output.length : axis;
  for (const shape of shapes.slice(1)) {
    // Python indexing: an axis beyond the rank is an IndexError.
    const size = dimAt(output, axis, 'list') === null ? null : dimAt(shape, axis);
    if (output[index] === null || size === null) {
      output[index] = null;
      break;
    }
    output[index] = dimAdd(output[index], size);
  }
  return output;
}

const concatenate: LayerRule = {
  className: 'Concatenate',
  family: 'merging',
  params: [{ name: 'axis', default: '-1' }],
  call: 'list',
  singleTensor: (shape) => `A \`Concatenate\` layer should be called on a list of at least 1 input. Received: input_shape=${formatShape(shape)}`,
  functionForm: 'concatenate',
  outputShape: ({ inputs, args, rerun }) => {
    const axis = args.knownInt('axis');
    if (!rerun) checkConcatenable(inputs, axis);
    return concatenatedShape(inputs, axis);
  },
  explain:
    'Concatenate joins its inputs along axis (default -1, the last): the sizes on that axis add up, e.g. (batch, 8) and (batch, 16) → (batch, 24), and every other axis must match exactly (None matches anything). No broadcasting, no weights.',
};

// ---------------------------------------------------------------------------------------------------------
// Dot (keras/src/layers/merging/dot.py).

/** `axes` as Dot.__init__ accepts it: an int, or a pair of ints. */
function dotAxes(args: LayerArgs): number | [number, number] {
  const value = args.value('axes');
  if (value.kind === 'int') return value.value;
  if (value.kind === 'unknown') throw new UnknownArgument('axes', value.label);
  const items = sequenceItems(value);
  const shown = value.kind === 'str' ? value.value : repr(value);
  if (items === null || value.kind === 'range') {
    throw new KerasError(`Invalid type for argument \`axes\`: it should be a list or an int. Received: axes=${shown}`);
  }
  if (items.length !== 2) {
    throw new KerasError(`Invalid format for argument \`axes\`: it should contain two elements. Received: axes=${shown}`);
  }
  const [a, b] = items;
  if (a.kind !== 'int' || b.kind !== 'int') {
    if (a.kind === 'unknown' || b.kind === 'unknown') throw new UnknownArgument('axes', shown);
    throw new KerasError(`Invalid format for argument \`axes\`: list elements should be integers. Received: axes=${shown}`);
  }
  return [a.value, b.value];
}

/** An int `axes` applies to both inputs (a negative one counted from each input's end); a pair is used as is. */
function axesFor(axes: number | [number, number], first: Shape, second: Shape): [number, number] {
  if (typeof axes !== 'number') return axes;
  const mod = (a: number, n: number) => ((a % n) + n) % n;
  return axes < 0 ? [mod(axes, first.length), mod(axes, second.length)] : [axes, axes];
}

/** Python's `list.pop(index)`, negative indices included. */
function without(shape: Shape, index: number): Dim[] {
  const i = index < 0 ? index + shape.length : index;
  if (i < 0 || i >= shape.length) throw new KerasError('pop index out of range');
  return [...shape.slice(0, i), ...shape.slice(i + 1)];
}

const dot: LayerRule = {
  className: 'Dot',
  family: 'merging',
  params: [{ name: 'axes' }, { name: 'normalize', default: 'False' }],
  call: 'list',
  singleTensor: (shape) => `A \`Dot\` layer should be called on a list of 2 inputs. Received: input_shape=${formatShape(shape)}`,
  functionForm: 'dot',
  // keras.layers.dot(inputs, axes=-1, **kwargs): the function form defaults what the class requires.
  functionParams: [{ name: 'axes', default: '-1' }],
  outputShape: ({ inputs, args }) => {
    const axes = dotAxes(args);
    if (inputs.length !== 2) {
      throw new KerasError(`A \`Dot\` layer should be called on a list of 2 inputs. Received: input_shape=${shapeList(inputs)}`);
    }
    const [first, second] = inputs;
    const [a, b] = axesFor(axes, first, second);
    // Dot.build: the reduced axes must have equal sizes (None only equals None).
    const x = dimAt(first, a);
    const y = dimAt(second, b);
    if (certainlyDifferent(x, y)) {
      throw new KerasError(
        `Incompatible input shapes: axis values ${dimText(x)} (at axis ${a}) != ${dimText(y)} (at axis ${b}). Full input shapes: ${formatShape(first)}, ${formatShape(second)}`,
      );
    }
    // Dot.compute_output_shape: both reduced axes and the second batch axis go; a lone axis gains a 1.
    const output = [...without(first, a), ...without(second, b).slice(1)];
    return output.length === 1 ? [...output, 1] : output;
  },
  explain:
    'Dot takes the dot product of two inputs along axes (one int for both inputs, or a pair), sample by sample: the two reduced axes must have the same size and disappear, and the output is the first input\'s remaining axes followed by the second\'s (batch excluded), e.g. (batch, 8)·(batch, 8) with axes=1 → (batch, 1). normalize=True gives cosine similarity. No weights.',
};

export const mergingRules: readonly LayerRule[] = [
  elementwise('Add', 'add', 'adds its inputs'),
  elementwise('Subtract', 'subtract', 'subtracts its second input from its first (exactly two inputs)', exactlyTwo),
  elementwise('Multiply', 'multiply', 'multiplies its inputs'),
  elementwise('Average', 'average', 'averages its inputs'),
  elementwise('Maximum', 'maximum', 'takes the element-wise maximum of its inputs'),
  elementwise('Minimum', 'minimum', 'takes the element-wise minimum of its inputs'),
  concatenate,
  dot,
];
