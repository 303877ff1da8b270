/**
 * Symbolic tensors inside Python values: finding them in (nested) lists, tuples and dicts, and wrapping
 * a layer's outputs the way Keras returns them (one tensor, or a list for several outputs).
 */
import { appendAll, sequenceItems, type PyValue, type TensorObject } from '../evaluate/values';

/** The tensors in a value that may be a tensor or a (nested) list/tuple/dict of tensors. */
export function tensorsIn(value: PyValue): TensorObject[] | null {
  if (value.kind === 'tensor') return [value.tensor];
  if (value.kind === 'dict') return flattenTensors([...value.entries.values()]);
  const items = sequenceItems(value);
  return items ? flattenTensors(items) : null;
}

export function flattenTensors(items: readonly PyValue[]): TensorObject[] | null {
  const tensors: TensorObject[] = [];
  for (const item of items) {
    const inner = tensorsIn(item);
    if (!inner) return null;
    appendAll(tensors, inner);
  }
  return tensors;
}

export const tensorValue = (tensor: TensorObject): PyValue => ({ kind: 'tensor', tensor });

export function outputsValue(outputs: readonly TensorObject[], multiple: boolean): PyValue {
  return multiple ? { kind: 'list', items: outputs.map(tensorValue) } : tensorValue(outputs[0]);
}
