import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUNCTION_FORMS, RULES } from '../../src/core/infer/rules';
import { checkRows, type Row } from './ruleRows';

const image = [null, 32, 32, 16];

const elementwise: Row[] = [
  // Oracle functional_add_residual (each merge on equal shapes) and mha_self_attention's Add.
  ...['Add', 'Subtract', 'Multiply', 'Maximum', 'Minimum'].map((layer): Row => ({ layer, inputs: [image, image], outputs: [image], params: 0 })),
  { layer: 'Average', inputs: [image, image, image], outputs: [image], params: 0 },
  { layer: 'Add', inputs: [[null, 10, 64], [null, 10, 64]], outputs: [[null, 10, 64]] },
  // Broadcasting as Merge._compute_elemwise_op_output_shape allows it.
  { layer: 'Add', inputs: [[null, 4, 1], [null, 1, 5]], outputs: [[null, 4, 5]] },
  { layer: 'Multiply', inputs: [[null, 3, 4], [null, 4]], outputs: [[null, 3, 4]] },
  { layer: 'Maximum', inputs: [[null, 4], [null, 3, 1]], outputs: [[null, 3, 4]] },
  { layer: 'Add', inputs: [[null, 1], [null, 5]], outputs: [[null, 5]] },
  { layer: 'Add', inputs: [[null, null, 4], [null, 10, 4]], outputs: [[null, null, 4]] },
  { layer: 'Add', inputs: [[null], [null, 3]], outputs: [[null, 3]] },
  { layer: 'Add', inputs: [[8, 3], [null, 3]], outputs: [[8, 3]] },
  { layer: 'Add', inputs: [[null, 3]], outputs: [[null, 3]] },
  // Oracle invalid_add_mismatch.
  { layer: 'Add', inputs: [[null, 4], [null, 5]], error: 'Inputs have incompatible shapes. Received shapes (4,) and (5,)' },
  // The longer shape is printed first.
  { layer: 'Add', inputs: [[null, 4], [null, 3, 5]], error: 'Inputs have incompatible shapes. Received shapes (3, 5) and (4,)' },
  { layer: 'Average', inputs: [[null, 2], [null, 2], [null, 3]], error: 'Inputs have incompatible shapes. Received shapes (2,) and (3,)' },
  {
    layer: 'Add',
    inputs: [[2, 3], [4, 3]],
    error: 'Cannot merge tensors with different batch sizes. Received tensors with shapes [(2, 3), (4, 3)]',
  },
  {
    layer: 'Subtract',
    inputs: [[null, 3], [null, 3], [null, 3]],
    error: 'A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[(None, 3), (None, 3), (None, 3)]',
  },
  { layer: 'Subtract', inputs: [[null, 3], [null, 2]], error: 'Inputs have incompatible shapes. Received shapes (3,) and (2,)' },
];

const concatenate: Row[] = [
  // Oracles functional_concat, attention_masking, global_pooling2d.
  { layer: 'Concatenate', inputs: [[null, 8], [null, 8], [null, 16]], outputs: [[null, 32]], params: 0 },
  { layer: 'Concatenate', kwargs: { axis: -1 }, inputs: [[null, 32], [null, 32]], outputs: [[null, 64]] },
  { layer: 'Concatenate', inputs: [[null, 100], [null, 100], [null, 100]], outputs: [[null, 300]] },
  { layer: 'Concatenate', inputs: [[null, 512], [null, 512]], outputs: [[null, 1024]] },
  { layer: 'Concatenate', positional: [1], inputs: [[null, 4, 3], [null, 5, 3]], outputs: [[null, 9, 3]] },
  { layer: 'Concatenate', kwargs: { axis: 1 }, inputs: [[null, null, 3], [null, 5, 3]], outputs: [[null, null, 3]] },
  { layer: 'Concatenate', inputs: [[null, null, 3], [null, 7, 5]], outputs: [[null, null, 8]] },
  { layer: 'Concatenate', kwargs: { axis: 3 }, inputs: [[null, 2, 2, 3], [null, 2, 2, 1]], outputs: [[null, 2, 2, 4]] },
  // Oracle invalid_concat_mismatch.
  {
    layer: 'Concatenate',
    inputs: [[null, 4], [null, 5, 3]],
    error:
      'A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[(None, 4), (None, 5, 3)]',
  },
  {
    layer: 'Concatenate',
    kwargs: { axis: 1 },
    inputs: [[null, 4, 3], [null, 5, 2]],
    error:
      'A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[(None, 4, 3), (None, 5, 2)]',
  },
  {
    layer: 'Concatenate',
    inputs: [[2, 3], [4, 3]],
    error: 'A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[(2, 3), (4, 3)]',
  },
  { layer: 'Concatenate', kwargs: { axis: 5 }, inputs: [[null, 3], [null, 3]], error: 'list index out of range' },
];

const dot: Row[] = [
  // Oracle functional_multi_output.
  { layer: 'Dot', kwargs: { axes: 1 }, inputs: [[null, 8], [null, 8]], outputs: [[null, 1]], params: 0 },
  { layer: 'Dot', positional: [-1], inputs: [[null, 8], [null, 8]], outputs: [[null, 1]] },
  { layer: 'Dot', kwargs: { axes: [2, 2] }, inputs: [[null, 5, 8], [null, 6, 8]], outputs: [[null, 5, 6]] },
  { layer: 'Dot', kwargs: { axes: 2 }, inputs: [[null, 5, 8], [null, 6, 8]], outputs: [[null, 5, 6]] },
  { layer: 'Dot', kwargs: { axes: [1, 1] }, inputs: [[null, 5, 8], [null, 5, 6]], outputs: [[null, 8, 6]] },
  { layer: 'Dot', kwargs: { axes: [2, 1], normalize: true }, inputs: [[null, 5, 8], [null, 8]], outputs: [[null, 5]] },
  {
    layer: 'Dot',
    kwargs: { axes: 1 },
    inputs: [[null, 8], [null, 5]],
    error: 'Incompatible input shapes: axis values 8 (at axis 1) != 5 (at axis 1). Full input shapes: (None, 8), (None, 5)',
  },
  {
    layer: 'Dot',
    kwargs: { axes: 1 },
    inputs: [[null, null], [null, 5]],
    error: 'Incompatible input shapes: axis values None (at axis 1) != 5 (at axis 1). Full input shapes: (None, None), (None, 5)',
  },
  {
    layer: 'Dot',
    kwargs: { axes: 1 },
    inputs: [[null, 8], [null, 8], [null, 8]],
    error: 'A `Dot` layer should be called on a list of 2 inputs. Received: input_shape=[(None, 8), (None, 8), (None, 8)]',
  },
  {
    layer: 'Dot',
    kwargs: { axes: [1, 2, 3] },
    inputs: [[null, 8], [null, 8]],
    error: 'Invalid format for argument `axes`: it should contain two elements. Received: axes=(1, 2, 3)',
  },
  {
    layer: 'Dot',
    kwargs: { axes: 'x' },
    inputs: [[null, 8], [null, 8]],
    error: 'Invalid type for argument `axes`: it should be a list or an int. Received: axes=x',
  },
];

checkRows([...elementwise, ...concatenate, ...dot]);

test('every merging layer is called on a list and has its function form', () => {
  const forms: [string, string][] = [
    ['add', 'Add'],
    ['subtract', 'Subtract'],
    ['multiply', 'Multiply'],
    ['average', 'Average'],
    ['maximum', 'Maximum'],
    ['minimum', 'Minimum'],
    ['concatenate', 'Concatenate'],
    ['dot', 'Dot'],
  ];
  for (const [form, className] of forms) {
    assert.equal(FUNCTION_FORMS.get(form)?.className, className);
    assert.equal(RULES.get(className)?.call, 'list');
  }
  // keras.layers.dot(inputs, axes=-1): the function form defaults what Dot(axes) requires.
  assert.deepEqual(RULES.get('Dot')?.functionParams, [{ name: 'axes', default: '-1' }]);
});
