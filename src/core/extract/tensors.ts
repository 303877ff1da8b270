/**
 * Symbolic tensors inside Python values: finding them in (nested) lists, tuples and dicts, and wrapping
 * a layer's outputs the way Keras returns them (one tensor, or a list for several outputs).
 */
import { appendAll, keyValue, modelBuilt, sequenceItems, type PyValue, type TensorObject } from '../evaluate/values';
import { LAYER_MODULES } from '../infer/rules/layerModules';
import { toStr } from '../evaluate/operators';

/** The tensors in a value that may be a tensor or a (nested) list/tuple/dict of tensors. */
export function tensorsIn(value: PyValue): TensorObject[] | null {
  if (value.kind === 'tensor') return [value.tensor];
  if (value.kind === 'dict') return flattenTensors(sortedValues(value.entries));
  const items = sequenceItems(value);
  return items ? flattenTensors(items) : null;
}

/**
 * A dict's values in the order Keras' `tree.flatten` gives them: by sorted key (`{'priority': a, 'department': b}`
 * is `[b, a]`), keys of one kind compared as Python compares them; other dicts in their own order.
 */
function sortedValues(entries: ReadonlyMap<string, PyValue>): PyValue[] {
  return sortedEntries(entries).map((entry) => entry[1]);
}

/** A dict's entries in `tree.flatten`'s order (see `sortedValues`), each key as Python's `str` prints it. */
function sortedEntries(entries: ReadonlyMap<string, PyValue>): [string, PyValue][] {
  const ints: [number, PyValue][] = [];
  const strs: [string, PyValue][] = [];
  for (const [key, value] of entries) {
    const k = keyValue(key);
    if (k.kind === 'int') ints.push([k.value, value]);
    else if (k.kind === 'str') strs.push([k.value, value]);
  }
  if (ints.length === entries.size) return ints.sort((a, b) => a[0] - b[0]).map(([key, value]) => [String(key), value]);
  if (strs.length === entries.size) return strs.sort((a, b) => compareCodePoints(a[0], b[0]));
  return [...entries];
}

/**
 * The path of each tensor `tensorsIn` finds, as Keras' errors print it (`tree.flatten_with_path`, joined
 * with '.'): '' for a lone tensor, the index in a list, the key in a dict (`'1'`, `'heads.age'`).
 */
export function tensorPaths(value: PyValue, prefix = ''): string[] {
  if (value.kind === 'tensor') return [prefix];
  const join = (part: string) => (prefix === '' ? part : `${prefix}.${part}`);
  if (value.kind === 'dict') return sortedEntries(value.entries).flatMap(([key, item]) => tensorPaths(item, join(key)));
  return (sequenceItems(value) ?? []).flatMap((item, index) => tensorPaths(item, join(String(index))));
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Python's string order: by code point (JS compares UTF-16 units, which differs past U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  // Without surrogates (names nearly always) code units order as code points do: a plain comparison.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** The leaves of a value nested in lists, tuples and dicts, in the order Keras' `tree.flatten` gives them. */
export function leavesOf(value: PyValue, leaves: PyValue[] = []): PyValue[] {
  const items = value.kind === 'dict' ? sortedValues(value.entries) : value.kind === 'list' || value.kind === 'tuple' ? value.items : null;
  if (!items) leaves.push(value);
  // A loop into one list, not `flatMap`, which takes V8's slow generic path: every layer call flattens its inputs.
  else for (const item of items) leavesOf(item, leaves);
  return leaves;
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

/**
 * Every symbolic tensor among a call's arguments, as Keras' node holds them (`SymbolicArguments`:
 * `tree.flatten((args, kwargs))`, so positional ones first, then keyword ones by sorted name), leaving out
 * the values that are not tensors (`training=True`, a number).
 */
export function callTensors(positional: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>): TensorObject[] {
  const tensors: TensorObject[] = [];
  const collect = (value: PyValue): void => {
    if (value.kind === 'tensor') tensors.push(value.tensor);
    else if (value.kind === 'dict') sortedValues(value.entries).forEach(collect);
    else if (value.kind === 'list' || value.kind === 'tuple') value.items.forEach(collect);
  };
  positional.forEach(collect);
  if (keywords.size > 0) sortedValues(keywords).forEach(collect);
  return tensors;
}

export const tensorValue = (tensor: TensorObject): PyValue => ({ kind: 'tensor', tensor });

export function outputsValue(outputs: readonly TensorObject[], multiple: boolean): PyValue {
  return multiple ? { kind: 'list', items: outputs.map(tensorValue) } : tensorValue(outputs[0]);
}

/** Python's class names of the plain values Keras refuses where it wants tensors. */
const SCALAR_TYPES: Partial<Record<PyValue['kind'], string>> = { int: 'int', float: 'float', str: 'str', bool: 'bool' };

/**
 * A layer or model where a tensor belongs (`x = layers.Flatten()`, then `Dense(2)(x)`: the layer never called), as
 * Keras prints it and its class; null for other values, or a Keras class whose module is not known here.
 */
function kerasObject(value: PyValue): [string, string] | null {
  const shown = (className: string, name: string, built: boolean): string => `<${className} name=${name}, built=${built ? 'True' : 'False'}>`;
  if (value.kind === 'layer') {
    const { className, displayClass, name, built } = value.layer;
    const module = LAYER_MODULES.get(className);
    const of = displayClass ? `__main__.${displayClass}` : module ? `keras.src.layers.${module}.${className}` : null;
    return of ? [shown(displayClass ?? className, name, built !== null), of] : null;
  }
  if (value.kind === 'model') {
    const { className, name, state } = value.model;
    const of = state.kind === 'sequential' && className === 'Sequential' ? 'keras.src.models.sequential.Sequential' : className === 'Functional' ? 'keras.src.models.functional.Functional' : `__main__.${className}`;
    return [shown(className, name, modelBuilt(value.model)), of];
  }
  if (value.kind === 'instance' && value.instance.layer) {
    const { cls, layer } = value.instance;
    return [shown(cls.name, layer.name, layer.built !== null), `__main__.${cls.name}`];
  }
  return null;
}

/**
 * `Layer.__call__` step 2, for every layer that does not allow otherwise (Keras' own data layers, a user's
 * that sets `_allow_non_tensor_positional_args`): a positional argument known not to be a tensor or None
 * (`self.dropout(x, training)` with `training=False`) is Keras' error. Its message, or null.
 */
export function nonTensorPositionalError(positional: readonly PyValue[]): string | null {
  for (const arg of positional) {
    // The common case, one tensor, without making a list of its leaves: this runs for every layer call.
    if (arg.kind === 'tensor') continue;
    for (const leaf of leavesOf(arg)) {
      const type = SCALAR_TYPES[leaf.kind];
      const keras = type === undefined ? kerasObject(leaf) : null;
      if (type === undefined && !keras) continue;
      const [text, of] = keras ?? [toStr(leaf), type];
      return `Only input tensors may be passed as positional arguments. The following argument value should be passed as a keyword argument: ${text} (of type <class '${of}'>)`;
    }
  }
  return null;
}
