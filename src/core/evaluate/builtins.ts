/**
 * The Python builtins that model-building code uses on plain values: `len`, `range`, `int`, `min`,
 * `enumerate`, `zip`, `sorted`, `set`, `dict`..., and the class checks it makes on Keras objects (`isinstance`,
 * `type`, `hasattr`). Each returns an unknown when its argument is not statically known. The library modules
 * (`math`, `numpy`, `functools`) are `library.ts`'s.
 */
import { findInClass, int, iterationItems, memberItems, sequenceItems, unknown, unknownNumber, dictKey, type FunctionObject, type PyValue } from './values';
import { binary, compare, decimalTie, distinctItems, orderable, toStr, truthy } from './operators';
import { sortedItems, sortKeys, type Caller } from './methods';
import { isBuiltinException } from './exceptions';
import { asInt, callNative, exactInt, type NativeFunction } from './native';
import { libraryFunction, libraryModule, LIBRARY_MODULES } from './library';
import { isInstanceOfClass, kerasClassNamed, kerasHasAttribute, isKerasSubclass, typeOfObject } from '../extract/kerasClasses';

/** `min` (`<`) or `max` (`>`): the first extreme item (by `key=`), or `default=` for an empty iterable. */
function extreme(pickFirst: '<' | '>'): NativeFunction {
  return {
    positional: Infinity,
    keywords: ['key', 'default'],
    call: (args, kw, label, call) => {
      const items = args.length === 1 ? memberItems(args[0]) : args;
      const fallback = kw.get('default');
      if (!items || (fallback && args.length !== 1)) return unknown(label);
      // A set's order would decide between equal items: only distinct ones are kept there, which never tie.
      if (items.length === 0) return fallback ?? unknown(label);
      const keys = sortKeys(items, kw.get('key'), call);
      if (!keys || !orderable(keys)) return unknown(label);
      let best = 0;
      for (let i = 1; i < items.length; i++) if (compare(pickFirst, keys[i], keys[best])) best = i;
      return items[best];
    },
  };
}

/**
 * An attribute of an instance or class of the user's that is a value, not a method or property: the value, null when
 * it has none (Python would raise `AttributeError`), undefined when that cannot be told (a Keras base has attributes
 * not modelled, so only those the instance was given are known then).
 */
function plainAttribute(object: PyValue, name: string): PyValue | null | undefined {
  const cls = object.kind === 'instance' ? object.instance.cls : object.kind === 'class' ? object.cls : null;
  // What the instance was given is its own, with a Keras base too (`self.block_0 = layers.Dense(8)`).
  const own = object.kind === 'instance' ? object.instance.attributes.get(name) : undefined;
  if (own) return own;
  if (!cls || findInClass(cls, (c) => (c.kerasBase ? true : undefined))) return undefined;
  const inherited = findInClass(cls, (c) => c.attributes.get(name));
  if (inherited) return inherited;
  return findInClass(cls, (c) => (c.methods.has(name) ? true : undefined)) ? undefined : null;
}

/** `any` (`found` true) or `all` (false) of an iterable, item by item as Python stops: unknown at an unknown item. */
function truthOfItems(v: PyValue | undefined, found: boolean, label: string): PyValue {
  const items = v ? memberItems(v) : null;
  if (!items) return unknown(label);
  for (const item of items) {
    const t = truthy(item);
    if (t === null) return unknown(label);
    if (t === found) return { kind: 'bool', value: found };
  }
  return { kind: 'bool', value: !found };
}

/** `list(x)` and `tuple(x)`: what iterating `x` gives, in a new sequence of that kind (empty without `x`). */
function sequenceOf(kind: 'list' | 'tuple'): NativeFunction {
  return {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      const items = v ? iterationItems(v) : [];
      return items ? { kind, items: [...items] } : unknown(label);
    },
  };
}

/** `set(x)` and `frozenset(x)`: the distinct members of an iterable (unhashable ones raise: unknown). */
function setOf(frozen: boolean): NativeFunction {
  return {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      const items = v ? memberItems(v) : [];
      const set = items && distinctItems(items);
      if (!set || set.kind !== 'set') return unknown(label);
      return frozen ? { kind: 'set', items: set.items, frozen: true } : set;
    },
  };
}

/** The entries `dict(x)` starts from: a dict's, or (key, value) pairs'; null when not known or not hashable. */
function dictEntries(v: PyValue): Map<string, PyValue> | null {
  if (v.kind === 'dict') return new Map(v.entries);
  const items = iterationItems(v);
  if (!items) return null;
  const entries = new Map<string, PyValue>();
  for (const item of items) {
    const pair = sequenceItems(item) ?? (item.kind === 'str' ? iterationItems(item) : null);
    const key = pair && pair.length === 2 ? dictKey(pair[0]) : null;
    if (!pair || key === null) return null;
    entries.set(key, pair[1]);
  }
  return entries;
}

/** Python's `round()` of a float: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * `round(x, ndigits)`: an int rounded to a multiple of 10**-ndigits, halves to even; a float to the decimal
 * digits that JS's `toFixed` computes exactly (as CPython does), except at an exact tie, where JS rounds up and
 * Python to even: unknown there.
 */
function roundTo(v: PyValue & { kind: 'int' | 'float' }, digits: number, label: string): PyValue {
  if (v.kind === 'int') {
    if (digits >= 0) return v;
    if (digits < -15) return unknown(label);
    const unit = 10 ** -digits;
    const quotient = Math.floor(v.value / unit);
    const remainder = v.value - quotient * unit;
    const rounded = remainder * 2 > unit || (remainder * 2 === unit && quotient % 2 !== 0) ? quotient + 1 : quotient;
    const result = exactInt(rounded * unit, label);
    return v.numpy && result.kind === 'int' ? { ...result, numpy: true } : result;
  }
  if (!Number.isFinite(v.value) || Math.abs(v.value) >= 1e21 || decimalTie(v.value, digits) !== false) return unknownNumber(label);
  const value = Number(v.value.toFixed(digits));
  return v.numpy ? { kind: 'float', value, numpy: true } : { kind: 'float', value };
}

/**
 * Neumaier's compensated sum, as CPython 3.12 adds floats in `sum()` (3.11 adds them one by one): where the two
 * differ, the result depends on the Python version.
 */
function compensatedSum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const x of values) {
    const t = total + x;
    compensation += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
    total = t;
  }
  return compensation !== 0 && Number.isFinite(compensation) ? total + compensation : total;
}

/** `sum(iterable, start=0)`: with Python's `+` (a numpy scalar stays one); floats only where every Python agrees. */
const sum: NativeFunction = {
  positional: 2,
  keywords: ['start'],
  call: ([v, positionalStart], kw, label) => {
    const start = positionalStart ?? kw.get('start') ?? int(0);
    const items = v ? memberItems(v) : null;
    if (!items || items.some((item) => item.kind !== 'int' && item.kind !== 'float' && item.kind !== 'bool')) return unknown(label);
    const floats = items.some((item) => item.kind === 'float') || start.kind === 'float';
    // A set's order would change a float sum.
    if (floats && v?.kind === 'set') return unknownNumber(label);
    let total = start;
    for (const item of items) total = binary('+', total, item, () => label);
    if (!floats || total.kind !== 'float') return total;
    const values = [start, ...items].map((item) => (item.kind === 'bool' ? Number(item.value) : item.kind === 'int' || item.kind === 'float' ? item.value : 0));
    return compensatedSum(values) === total.value ? total : unknownNumber(label);
  },
};

const BUILTINS: Readonly<Record<string, NativeFunction>> = {
  len: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      if (!v) return unknown(label);
      if (v.kind === 'str') return int([...v.value].length);
      if (v.kind === 'dict') return int(v.entries.size);
      if (v.kind === 'set') return int(v.items.length);
      if (v.kind === 'range') return int(Math.max(0, Math.ceil((v.stop - v.start) / v.step)));
      const items = sequenceItems(v);
      return items ? int(items.length) : unknown(label);
    },
  },
  range: {
    positional: 3,
    keywords: [],
    call: (args, _kw, label) => {
      const [a, b, c] = args.map(asInt);
      if (args.length === 0 || [a, b, c].slice(0, args.length).some((x) => x === null)) return unknown(label);
      if (args.length === 1) return { kind: 'range', start: 0, stop: a as number, step: 1 };
      const stepValue = args.length === 3 ? (c as number) : 1;
      if (stepValue === 0) return unknown(label);
      return { kind: 'range', start: a as number, stop: b as number, step: stepValue };
    },
  },
  int: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      if (!v) return int(0);
      if (v.kind === 'unknown' && v.number) return unknownNumber(label);
      // A numpy scalar becomes a Python int.
      if (v.kind === 'int') return v.numpy ? int(v.value) : v;
      if (v.kind === 'bool') return int(Number(v.value));
      if (v.kind === 'float') return Number.isFinite(v.value) ? exactInt(Math.trunc(v.value), label) : unknown(label);
      // Python reads digits with single underscores between them, and whitespace around; exact below 2**53 only.
      if (v.kind === 'str' && /^\s*[-+]?\d+(_\d+)*\s*$/.test(v.value)) return exactInt(Number(v.value.replace(/_/g, '').trim()), label);
      return unknown(label);
    },
  },
  float: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      if (v && (v.kind === 'int' || v.kind === 'float')) return { kind: 'float', value: v.value };
      if (v?.kind === 'unknown' && v.number) return unknownNumber(label);
      if (v?.kind === 'bool') return { kind: 'float', value: Number(v.value) };
      // A decimal or exponent literal as Python reads one (`"1e3"`, `" 2.5 "`, `"1_000.5"`); `inf` and `nan` are not modelled.
      if (v?.kind === 'str' && /^\s*[-+]?(?=\.?\d)(\d+(_\d+)*)?(\.(\d+(_\d+)*)?)?([eE][-+]?\d+(_\d+)*)?\s*$/.test(v.value)) {
        return { kind: 'float', value: Number(v.value.replace(/_/g, '').trim()) };
      }
      return unknown(label);
    },
  },
  str: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => (!v ? { kind: 'str', value: '' } : v.kind === 'unknown' || v.kind === 'set' ? unknown(label) : { kind: 'str', value: toStr(v) }),
  },
  bool: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      const t = v ? truthy(v) : false;
      return t === null ? unknown(label) : { kind: 'bool', value: t };
    },
  },
  list: sequenceOf('list'),
  tuple: sequenceOf('tuple'),
  set: setOf(false),
  frozenset: setOf(true),
  dict: {
    positional: 1,
    keywords: 'any',
    call: ([v], keywords, label) => {
      const entries = v ? dictEntries(v) : new Map<string, PyValue>();
      if (!entries) return unknown(label);
      keywords.forEach((value, key) => entries.set(key, value));
      return { kind: 'dict', entries };
    },
  },
  enumerate: {
    positional: 2,
    keywords: ['start'],
    call: ([v, start], kw, label) => {
      const items = v ? iterationItems(v) : null;
      const first = start ?? kw.get('start');
      const offset = first ? asInt(first) : 0;
      if (offset === null) return unknown(label);
      return items ? { kind: 'list', items: items.map((item, i) => ({ kind: 'tuple', items: [int(i + offset), item] })) } : unknown(label);
    },
  },
  zip: {
    positional: Infinity,
    keywords: [],
    call: (args, _kw, label) => {
      const lists = args.map(iterationItems);
      if (lists.some((l) => l === null)) return unknown(label);
      const n = Math.min(...lists.map((l) => (l as readonly PyValue[]).length));
      return { kind: 'list', items: Array.from({ length: n }, (_, i) => ({ kind: 'tuple', items: lists.map((l) => (l as readonly PyValue[])[i]) })) };
    },
  },
  reversed: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      const items = v ? iterationItems(v) : null;
      return items ? { kind: 'list', items: [...items].reverse() } : unknown(label);
    },
  },
  sorted: {
    positional: 1,
    keywords: ['key', 'reverse'],
    call: ([v], kw, label, call) => {
      const items = v ? memberItems(v) : null;
      // A set's members are distinct, but equal keys would keep the set's order, which is Python's own.
      const keyed = kw.get('key');
      if (v?.kind === 'set' && keyed && keyed.kind !== 'none') return unknown(label);
      const sorted = items ? sortedItems(items, kw, call) : null;
      return sorted ? { kind: 'list', items: sorted } : unknown(label);
    },
  },
  any: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => truthOfItems(v, true, label),
  },
  all: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => truthOfItems(v, false, label),
  },
  divmod: {
    positional: 2,
    keywords: [],
    call: ([a, b], _kw, label) => {
      if (!a || !b) return unknown(label);
      const quotient = binary('//', a, b, () => label);
      const remainder = binary('%', a, b, () => label);
      return quotient.kind === 'unknown' || remainder.kind === 'unknown' ? unknown(label) : { kind: 'tuple', items: [quotient, remainder] };
    },
  },
  min: extreme('<'),
  max: extreme('>'),
  sum,
  abs: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => (v && (v.kind === 'int' || v.kind === 'float') ? { ...v, value: Math.abs(v.value) } : v?.kind === 'unknown' && v.number ? unknownNumber(label) : unknown(label)),
  },
  round: {
    positional: 2,
    keywords: ['ndigits'],
    call: ([v, positionalDigits], kw, label) => {
      const digits = positionalDigits ?? kw.get('ndigits');
      if (v?.kind === 'unknown' && v.number) return unknownNumber(label);
      if (!v || (v.kind !== 'int' && v.kind !== 'float')) return unknown(label);
      // Without digits, an int (a numpy scalar's `__round__` gives a Python int too).
      if (!digits || digits.kind === 'none') return v.kind === 'int' ? int(v.value) : Number.isFinite(v.value) ? exactInt(roundHalfEven(v.value), label) : unknown(label);
      const n = asInt(digits);
      return n === null ? unknown(label) : roundTo(v, n, label);
    },
  },
  print: {
    positional: Infinity,
    keywords: 'any',
    call: () => ({ kind: 'none' }),
  },
  // Not a global of Python's: `functools.partial`, which the `functools` module binds (`STANDARD_MODULES`).
  'functools.partial': {
    positional: Infinity,
    keywords: 'any',
    call: ([fn, ...args], keywords, label) => (fn ? { kind: 'partial', fn, args, keywords: new Map(keywords) } : unknown(label)),
  },
  // `@functools.cache` and `@functools.lru_cache(...)` on a function: each distinct call runs once, and later calls
  // with the same arguments return what it returned (the same layer object: a shared layer).
  'functools.cache': {
    positional: 1,
    keywords: [],
    call: ([fn], _kw, label) => (fn?.kind === 'function' ? memoized(fn.fn) : unknown(label)),
  },
  'functools.lru_cache': {
    positional: 2,
    keywords: ['maxsize', 'typed'],
    call: ([first], keywords, label) => {
      if (first?.kind === 'function') return memoized(first.fn);
      // `lru_cache(maxsize=None)` makes the decorator; a size of 0 caches nothing, any other only drops old calls.
      const size = first ?? keywords.get('maxsize');
      if (size && size.kind === 'int' && size.value === 0) return unknown(label);
      return { kind: 'builtin', name: 'functools.cache' };
    },
  },
  isinstance: {
    positional: 2,
    keywords: [],
    call: ([value, types], _kw, label) => {
      const result = value && types ? instanceOf(value, types) : null;
      return result === null ? unknown(label) : { kind: 'bool', value: result };
    },
  },
  issubclass: {
    positional: 2,
    keywords: [],
    call: ([cls, types], _kw, label) => {
      const result = cls && types ? subclassOf(cls, types) : null;
      return result === null ? unknown(label) : { kind: 'bool', value: result };
    },
  },
  type: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => (v ? typeOf(v) : null) ?? unknown(label),
  },
  getattr: {
    positional: 3,
    keywords: [],
    call: ([object, name, fallback], _kw, label) => {
      const found = object && name?.kind === 'str' ? plainAttribute(object, name.value) : undefined;
      return found === undefined ? unknown(label) : found ?? fallback ?? unknown(label);
    },
  },
  // Changes the object it is given: `expressions.ts` performs it (this entry makes `setattr` Python's builtin).
  setattr: {
    positional: 3,
    keywords: [],
    call: (_args, _kw, label) => unknown(label),
  },
  hasattr: {
    positional: 2,
    keywords: [],
    call: ([object, name], _kw, label) => {
      if (!object || name?.kind !== 'str') return unknown(label);
      const found = plainAttribute(object, name.value);
      const has = found === undefined ? kerasHasAttribute(object, name.value) : found !== null;
      return has === null ? unknown(label) : { kind: 'bool', value: has };
    },
  },
};

/** The value kinds each builtin type covers, for `isinstance` (`bool` is a subclass of `int`; a numpy int is not one). */
const TYPE_KINDS: Readonly<Record<string, (v: PyValue) => boolean>> = {
  int: (v) => (v.kind === 'int' && !v.numpy) || v.kind === 'bool',
  // `np.float64` derives from Python's float.
  float: (v) => v.kind === 'float',
  str: (v) => v.kind === 'str',
  bool: (v) => v.kind === 'bool',
  list: (v) => v.kind === 'list',
  tuple: (v) => v.kind === 'tuple',
  dict: (v) => v.kind === 'dict',
  set: (v) => v.kind === 'set' && !v.frozen,
  frozenset: (v) => v.kind === 'set' && v.frozen === true,
  range: (v) => v.kind === 'range',
  object: () => true,
};

/** `isinstance(value, types)` with a class or a (nested) tuple of them: null when it cannot be known. */
function instanceOf(value: PyValue, types: PyValue): boolean | null {
  if (types.kind === 'tuple') {
    let open = false;
    for (const candidate of types.items) {
      const result = instanceOf(value, candidate);
      if (result) return true;
      if (result === null) open = true;
    }
    return open ? null : false;
  }
  const checked = isInstanceOfClass(value, types);
  if (checked !== undefined) return checked;
  const typeName = types.kind === 'builtin' ? types.name : '';
  const test = TYPE_KINDS[typeName];
  if (!test || value.kind === 'unknown') return null;
  // An instance of the user's class derives from no builtin type unless a base not followed (`int`) makes it one.
  if (value.kind === 'instance' && typeName !== 'object') return findInClass(value.instance.cls, (c) => (c.unknownBases ? true : undefined)) ? null : false;
  return test(value);
}

/** `issubclass(cls, types)` for Keras' classes and the user's: null when it cannot be known. */
function subclassOf(cls: PyValue, types: PyValue): boolean | null {
  if (types.kind === 'tuple') {
    const results = types.items.map((candidate) => subclassOf(cls, candidate));
    return results.includes(true) ? true : results.includes(null) ? null : false;
  }
  const name = kerasClassNamed(cls);
  const ancestor = kerasClassNamed(types);
  if (name !== null && ancestor !== null) return isKerasSubclass(name, ancestor);
  if (cls.kind === 'class' && types.kind === 'class') return findInClass(cls.cls, (c) => (c === types.cls ? true : undefined)) ?? false;
  // A Keras class derives from no class of the user's.
  if (name !== null && types.kind === 'class') return false;
  return null;
}

/** `type(v)`: Keras' class, the user's, or the builtin type of a plain value (a numpy scalar's is not modelled). */
export function typeOf(v: PyValue): PyValue | null {
  const ofObject = typeOfObject(v);
  if (ofObject !== undefined) return ofObject;
  const plain = (name: string): PyValue => ({ kind: 'builtin', name });
  switch (v.kind) {
    case 'int':
    case 'float':
      return v.numpy ? null : plain(v.kind);
    case 'str':
    case 'bool':
    case 'list':
    case 'tuple':
    case 'dict':
    case 'range':
      return plain(v.kind);
    case 'set':
      return plain(v.frozen ? 'frozenset' : 'set');
    default:
      return null;
  }
}

/** A builtin function, type or exception class; calling an exception class gives an unknown value. */
export function builtin(name: string): PyValue | undefined {
  return (name in BUILTINS && !name.includes('.')) || name in TYPE_KINDS || isBuiltinException(name) ? { kind: 'builtin', name } : undefined;
}

const FUNCTOOLS_VALUES: ReadonlyMap<string, PyValue> = new Map(
  ['partial', 'cache', 'lru_cache'].map((name): [string, PyValue] => [name, { kind: 'builtin', name: `functools.${name}` }]),
);

/** A function whose calls are remembered by their arguments (`FunctionObject.memo`). */
const memoized = (fn: FunctionObject): PyValue => ({ kind: 'function', fn: { ...fn, memo: new Map() } });

/** What the standard-library (and numpy) modules the interpreter models bind: `functools.partial`, `math.ceil`... */
export const STANDARD_MODULES: ReadonlyMap<string, ReadonlyMap<string, PyValue>> = new Map(
  LIBRARY_MODULES.map((path): [string, ReadonlyMap<string, PyValue>] => [
    path,
    libraryModule(path, path === 'functools' ? FUNCTOOLS_VALUES : undefined) ?? new Map(),
  ]),
);

export function callBuiltin(name: string, args: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>, label: string, call: Caller): PyValue {
  return callNative(BUILTINS[name] ?? libraryFunction(name), args, keywords, label, call);
}
