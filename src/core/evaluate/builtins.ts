/**
 * The Python builtins that model-building code uses on plain values: `len`, `range`, `int`, `min`,
 * `enumerate`, `zip`... Each returns an unknown when its argument is not statically known.
 */
import { findInClass, int, iterationItems, sequenceItems, unknown, type PyValue } from './values';
import { binary, compare, toStr, truthy } from './operators';
import { sortedItems } from './methods';
import { isBuiltinException } from './exceptions';

type Builtin = (args: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>, label: string) => PyValue;

/**
 * A builtin as modelled: how many positional arguments and which keywords it is modelled for. Another one
 * changes what it computes (`int("12", 16)`, `min(xs, key=f)`), so the result is then unknown.
 */
interface BuiltinEntry {
  readonly positional: number;
  readonly keywords: readonly string[] | 'any';
  readonly call: Builtin;
}

const asInt = (v: PyValue | undefined): number | null =>
  v && (v.kind === 'int' || (v.kind === 'bool')) ? (v.kind === 'int' ? v.value : Number(v.value)) : null;

function extreme(pickFirst: '<' | '>'): Builtin {
  return (args, _kw, label) => {
    const items = args.length === 1 ? iterationItems(args[0]) : args;
    if (!items || items.length === 0) return unknown(label);
    let best = items[0];
    for (const item of items.slice(1)) {
      const better = compare(pickFirst, item, best);
      if (better === null) return unknown(label);
      if (better) best = item;
    }
    return best;
  };
}

/** An int known exactly: past 2**53 a JS number has lost digits Python keeps. */
const exactInt = (value: number, label: string): PyValue => (Number.isSafeInteger(value) ? int(value) : unknown(label));

/**
 * An attribute of a plain instance or class of the user's (no Keras base, whose attributes are not all
 * modelled) that is a value, not a method or property: the value, null when it has none (Python would raise
 * `AttributeError`), undefined when that cannot be told.
 */
function plainAttribute(object: PyValue, name: string): PyValue | null | undefined {
  const cls = object.kind === 'instance' ? object.instance.cls : object.kind === 'class' ? object.cls : null;
  if (!cls || findInClass(cls, (c) => (c.kerasBase ? true : undefined))) return undefined;
  const own = object.kind === 'instance' ? object.instance.attributes.get(name) : undefined;
  if (own) return own;
  const inherited = findInClass(cls, (c) => c.attributes.get(name));
  if (inherited) return inherited;
  return findInClass(cls, (c) => (c.methods.has(name) ? true : undefined)) ? undefined : null;
}

/** `any` (`found` true) or `all` (false) of an iterable, item by item as Python stops: unknown at an unknown item. */
function truthOfItems(v: PyValue | undefined, found: boolean, label: string): PyValue {
  const items = v ? iterationItems(v) : null;
  if (!items) return unknown(label);
  for (const item of items) {
    const t = truthy(item);
    if (t === null) return unknown(label);
    if (t === found) return { kind: 'bool', value: found };
  }
  return { kind: 'bool', value: !found };
}

/** `list(x)` and `tuple(x)`: what iterating `x` gives, in a new sequence of that kind (empty without `x`). */
function sequenceOf(kind: 'list' | 'tuple'): BuiltinEntry {
  return {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      const items = v ? iterationItems(v) : [];
      return items ? { kind, items: [...items] } : unknown(label);
    },
  };
}

const BUILTINS: Readonly<Record<string, BuiltinEntry>> = {
  len: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => {
      if (!v) return unknown(label);
      if (v.kind === 'str') return int([...v.value].length);
      if (v.kind === 'dict') return int(v.entries.size);
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
      if (v.kind === 'int') return v;
      if (v.kind === 'bool') return int(Number(v.value));
      if (v.kind === 'float') return exactInt(Math.trunc(v.value), label);
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
    call: ([v], _kw, label) => (!v ? { kind: 'str', value: '' } : v.kind === 'unknown' ? unknown(label) : { kind: 'str', value: toStr(v) }),
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
  dict: {
    positional: 0,
    keywords: 'any',
    call: (_args, keywords) => ({ kind: 'dict', entries: new Map(keywords) }),
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
    call: ([v], kw, label) => {
      const items = v ? iterationItems(v) : null;
      const sorted = items ? sortedItems(items, kw) : null;
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
  min: {
    positional: Infinity,
    keywords: [],
    call: extreme('<'),
  },
  max: {
    positional: Infinity,
    keywords: [],
    call: extreme('>'),
  },
  sum: {
    positional: 2,
    keywords: ['start'],
    call: ([v, positionalStart], kw, label) => {
      const start = positionalStart ?? kw.get('start');
      const items = v ? iterationItems(v) : null;
      if (!items) return unknown(label);
      let total = start && (start.kind === 'int' || start.kind === 'float') ? start.value : 0;
      let integer = !start || start.kind === 'int';
      for (const item of items) {
        if (item.kind !== 'int' && item.kind !== 'float') return unknown(label);
        total += item.value;
        integer = integer && item.kind === 'int';
      }
      return integer ? int(total) : { kind: 'float', value: total };
    },
  },
  abs: {
    positional: 1,
    keywords: [],
    call: ([v], _kw, label) => (v && (v.kind === 'int' || v.kind === 'float') ? { ...v, value: Math.abs(v.value) } : unknown(label)),
  },
  round: {
    positional: 2,
    keywords: ['ndigits'],
    call: ([v, positionalDigits], kw, label) => {
      const digits = positionalDigits ?? kw.get('ndigits');
      if (!v || (v.kind !== 'int' && v.kind !== 'float')) return unknown(label);
      if (!digits || digits.kind === 'none') return int(roundHalfEven(v.value));
      return unknown(label);
    },
  },
  print: {
    positional: Infinity,
    keywords: 'any',
    call: () => ({ kind: 'none' }),
  },
  // Not a global of Python's: `functools.partial`, which the `functools` module binds (`extract/imports.ts`).
  'functools.partial': {
    positional: Infinity,
    keywords: 'any',
    call: ([fn, ...args], keywords, label) => (fn ? { kind: 'partial', fn, args, keywords: new Map(keywords) } : unknown(label)),
  },
  isinstance: {
    positional: 2,
    keywords: [],
    call: ([value, types], _kw, label) => {
      const candidates = types?.kind === 'tuple' ? types.items : types ? [types] : [];
      if (!value || value.kind === 'unknown' || candidates.length === 0) return unknown(label);
      let matched = false;
      for (const candidate of candidates) {
        // A class of the user's: the instance's class or one of its bases (a Keras base is not followed).
        if (candidate.kind === 'class' && !candidate.cls.kerasBase && (value.kind !== 'instance' || !value.instance.cls.kerasBase)) {
          matched ||= value.kind === 'instance' && findInClass(value.instance.cls, (c) => (c === candidate.cls ? true : undefined)) === true;
          continue;
        }
        const kinds = candidate.kind === 'builtin' ? TYPE_KINDS[candidate.name] : undefined;
        if (!kinds) return unknown(label);
        matched ||= kinds.includes(value.kind);
      }
      return { kind: 'bool', value: matched };
    },
  },
  getattr: {
    positional: 3,
    keywords: [],
    call: ([object, name, fallback], _kw, label) => {
      const found = object && name?.kind === 'str' ? plainAttribute(object, name.value) : undefined;
      return found === undefined ? unknown(label) : found ?? fallback ?? unknown(label);
    },
  },
  hasattr: {
    positional: 2,
    keywords: [],
    call: ([object, name], _kw, label) => {
      const found = object && name?.kind === 'str' ? plainAttribute(object, name.value) : undefined;
      return found === undefined ? unknown(label) : { kind: 'bool', value: found !== null };
    },
  },
};

/** The value kinds each builtin type covers, for `isinstance` (`bool` is a subclass of `int`). */
const TYPE_KINDS: Readonly<Record<string, readonly PyValue['kind'][]>> = {
  int: ['int', 'bool'],
  float: ['float'],
  str: ['str'],
  bool: ['bool'],
  list: ['list'],
  tuple: ['tuple'],
  dict: ['dict'],
};

/** Python's `round()`: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A builtin function, type or exception class; calling an exception class gives an unknown value. */
export function builtin(name: string): PyValue | undefined {
  return (name in BUILTINS && !name.includes('.')) || isBuiltinException(name) ? { kind: 'builtin', name } : undefined;
}

/** What the standard-library modules the interpreter models bind: `functools.partial`. */
export const STANDARD_MODULES: ReadonlyMap<string, ReadonlyMap<string, PyValue>> = new Map([
  ['functools', new Map<string, PyValue>([['partial', { kind: 'builtin', name: 'functools.partial' }]])],
]);

export function callBuiltin(name: string, args: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>, label: string): PyValue {
  const entry = BUILTINS[name];
  if (!entry || args.length > entry.positional) return unknown(label);
  if (entry.keywords !== 'any') for (const keyword of keywords.keys()) if (!entry.keywords.includes(keyword)) return unknown(label);
  return entry.call(args, keywords, label);
}
