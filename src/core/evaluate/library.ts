/**
 * The library functions model-building code computes sizes with, as CPython and numpy compute them:
 * `math.ceil(n / 3)`, `math.prod(shape)`, `int(np.prod(x.shape[1:]))`, `functools.reduce`, `operator.mul`; and
 * numpy's array constructors (`np.ones((8, 3))`, `np.arange(8)`, `np.random.rand(4, 3)`), which make constant
 * arrays of a known shape, operands of tensor operations like `keras.ops.ones` makes. A float is given only
 * where it is exactly the one CPython's C library gives (`math.sqrt`; `math.log2` of a power of two): what
 * numpy or the C library compute with an error of their own is unknown, never a near miss.
 */
import { asInt, asNumber, exactInt, finiteFloat, type NativeFunction } from './native';
import { binary } from './operators';
import { int, iterationItems, memberItems, NONE, sequenceItems, unknown, unknownNumber, type PyValue } from './values';

const one = (call: NativeFunction['call'], keywords: readonly string[] = []): NativeFunction => ({ positional: 1, keywords, call });

/** A number argument as a float for the C library (CPython's `math` converts ints first); null for anything else. */
const real = (v: PyValue | undefined): number | null => asNumber(v);

// ---------------------------------------------------------------- math

/** `math.ceil` / `floor` / `trunc`: an int, from an int as it is. */
function rounding(round: (x: number) => number): NativeFunction {
  return one(([v], _kw, label) => {
    const n = asInt(v);
    if (n !== null) return int(n);
    return v?.kind === 'float' && Number.isFinite(v.value) ? exactInt(round(v.value), label) : notComputed(v, label);
  });
}

/**
 * The result of a `math` function on a number where it is not computed here (a value the C library rounds its own
 * way, a number not known statically): a number all the same, an operand of tensor operations.
 */
const notComputed = (v: PyValue | undefined, label: string): PyValue => (v && (asNumber(v) !== null || (v.kind === 'unknown' && v.number)) ? unknownNumber(label) : unknown(label));

/** `k` when `x` is 2**k exactly (an int or a float), else null. */
function powerOfTwo(x: number): number | null {
  if (!(x > 0) || !Number.isFinite(x)) return null;
  const k = Math.round(Math.log2(x));
  return 2 ** k === x ? k : null;
}

/** Whether `x` is 10**k for k in 0..22, the powers of ten a double holds exactly. */
const powerOfTen = (x: number): boolean => Number.isInteger(x) && x >= 1 && x <= 1e22 && 10 ** Math.round(Math.log10(x)) === x;

/**
 * A logarithm the C library computes to the same double as JS: of a power of two or of ten, compared with
 * CPython (glibc) for every one of them. Of another number the two libraries may differ in the last bit.
 */
function logarithm(fn: (x: number) => number): (x: number | null) => number | null {
  return (x) => (x !== null && (powerOfTwo(x) !== null || powerOfTen(x)) ? fn(x) : null);
}

const naturalLog = logarithm(Math.log);

/** `math.log(x[, base])`: CPython divides the two natural logarithms. */
const log: NativeFunction = {
  positional: 2,
  keywords: [],
  call: ([x, base], _kw, label) => {
    const top = naturalLog(real(x));
    const bottom = base === undefined ? 1 : naturalLog(real(base));
    return top === null || bottom === null || bottom === 0 ? notComputed(x, label) : finiteFloat(top / bottom, label);
  },
};

function logOf(fn: (x: number) => number): NativeFunction {
  const exact = logarithm(fn);
  return one(([x], _kw, label) => {
    const result = exact(real(x));
    return result === null ? notComputed(x, label) : finiteFloat(result, label);
  });
}

/** `math.prod(iterable, start=1)`: `start * a * b ...` with Python's operators (a numpy int stays one). */
function product(items: readonly PyValue[], start: PyValue, label: string): PyValue {
  let total = start;
  for (const item of items) total = binary('*', total, item, () => label);
  return total;
}

/** The items of an iterable whose order does not change the result: a set's too when they are all ints. */
function termsOf(v: PyValue | undefined): readonly PyValue[] | null {
  if (!v) return null;
  const members = memberItems(v);
  return v.kind === 'set' && members && members.some((m) => m.kind !== 'int' && m.kind !== 'bool') ? null : members;
}

function gcd(a: number, b: number): number {
  let [x, y] = [Math.abs(a), Math.abs(b)];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

const MATH: Readonly<Record<string, NativeFunction>> = {
  ceil: rounding(Math.ceil),
  floor: rounding(Math.floor),
  trunc: rounding(Math.trunc),
  // IEEE 754 square roots are correctly rounded, in C as in JS.
  sqrt: one(([v], _kw, label) => {
    const x = real(v);
    return x === null || x < 0 ? notComputed(v, label) : finiteFloat(Math.sqrt(x), label);
  }),
  isqrt: one(([v], _kw, label) => {
    const n = asInt(v);
    if (n === null || n < 0) return unknown(label);
    let root = Math.floor(Math.sqrt(n));
    while (root * root > n) root--;
    while ((root + 1) * (root + 1) <= n) root++;
    return int(root);
  }),
  log,
  log2: logOf(Math.log2),
  log10: logOf(Math.log10),
  // Exact only where the power is an integer a double holds: what the C library rounds may differ from JS.
  pow: {
    positional: 2,
    keywords: [],
    call: ([a, b], _kw, label) => {
      const [x, y] = [real(a), real(b)];
      if (x === null || y === null || !Number.isInteger(x) || !Number.isInteger(y) || y < 0) return notComputed(x === null ? a : b, label);
      const result = x ** y;
      return Number.isSafeInteger(result) ? { kind: 'float', value: result } : notComputed(a, label);
    },
  },
  fabs: one(([v], _kw, label) => {
    const x = real(v);
    return x === null ? notComputed(v, label) : finiteFloat(Math.abs(x), label);
  }),
  prod: {
    positional: 1,
    keywords: ['start'],
    call: ([v], kw, label) => {
      const items = termsOf(v);
      return items ? product(items, kw.get('start') ?? int(1), label) : unknown(label);
    },
  },
  gcd: {
    positional: Infinity,
    keywords: [],
    call: (args, _kw, label) => {
      const values = args.map(asInt);
      return values.some((v) => v === null) ? unknown(label) : int(values.reduce((a: number, b) => gcd(a, b as number), 0));
    },
  },
  factorial: one(([v], _kw, label) => {
    const n = asInt(v);
    if (n === null || n < 0 || v?.kind === 'bool') return unknown(label);
    let result = 1;
    for (let i = 2; i <= n && Number.isSafeInteger(result); i++) result *= i;
    return exactInt(result, label);
  }),
};

const MATH_CONSTANTS: Readonly<Record<string, PyValue>> = {
  pi: { kind: 'float', value: Math.PI },
  e: { kind: 'float', value: Math.E },
  tau: { kind: 'float', value: 2 * Math.PI },
};

// ---------------------------------------------------------------- functools and operator

const FUNCTOOLS: Readonly<Record<string, NativeFunction>> = {
  // `functools.partial` is a value of its own kind (`builtins.ts` makes it).
  reduce: {
    positional: 3,
    keywords: [],
    call: ([fn, iterable, initial], _kw, label, call) => {
      const items = iterable ? iterationItems(iterable) : null;
      if (!fn || !items || (items.length === 0 && initial === undefined)) return unknown(label);
      // Every call runs, as in Python, whatever the ones before gave: each may build layers.
      let total = initial ?? items[0];
      for (const item of initial === undefined ? items.slice(1) : items) total = call(fn, [total, item]);
      return total;
    },
  },
};

/** `operator.mul` and the like: Python's binary operators as functions. */
const OPERATOR: Readonly<Record<string, NativeFunction>> = Object.fromEntries(
  Object.entries({ add: '+', sub: '-', mul: '*', truediv: '/', floordiv: '//', mod: '%', pow: '**' }).map(([name, op]): [string, NativeFunction] => [
    name,
    { positional: 2, keywords: [], call: ([a, b], _kw, label) => (a && b ? binary(op, a, b, () => label) : unknown(label)) },
  ]),
);

// ---------------------------------------------------------------- numpy

const numpyInt = (value: number, label: string): PyValue => (Number.isSafeInteger(value) ? { kind: 'int', value, numpy: true } : unknown(label));

/**
 * `np.prod` / `np.sum` of a flat list or tuple of numbers: an `np.int64` for ints (and bools), an `np.float64` for
 * floats that are integers small enough that the order numpy takes them in changes nothing (it unrolls its loops).
 */
function reduction(combine: (a: number, b: number) => number, empty: number): NativeFunction {
  return one(([v], _kw, label) => {
    const items = v ? sequenceItems(v) : null;
    if (!items || items.some((item) => asNumber(item) === null)) return unknown(label);
    if (items.length === 0) return { kind: 'float', value: empty, numpy: true };
    const total = items.map((item) => asNumber(item) as number).reduce(combine);
    const floats = items.some((item) => item.kind === 'float');
    if (!Number.isSafeInteger(total) || (floats && items.some((item) => !Number.isInteger(asNumber(item))))) return unknown(label);
    return floats ? { kind: 'float', value: total, numpy: true } : numpyInt(total, label);
  });
}

/** A constant array of a known shape, as `keras.ops.ones` makes one: an operand of tensor operations. */
const array = (shape: readonly number[]): PyValue => ({ kind: 'tensor', tensor: { shape: [...shape], source: null } });

/** numpy's `shape` argument: an int or a sequence of ints (numpy's ints too). */
function shapeArgument(v: PyValue | undefined): number[] | null {
  if (!v) return null;
  const n = asInt(v);
  if (n !== null && v.kind === 'int') return n >= 0 ? [n] : null;
  const items = sequenceItems(v);
  const dims = items ? items.map((item) => (item.kind === 'int' && item.value >= 0 ? item.value : null)) : null;
  return dims && dims.every((d): d is number => d !== null) ? dims : null;
}

/** The shape of an array made from a value: a constant array's, or a literal's (nested lists of numbers, evenly). */
function literalShape(v: PyValue): number[] | null {
  if (v.kind === 'tensor') return v.tensor.source === null && v.tensor.shape?.every((d): d is number => typeof d === 'number') ? [...(v.tensor.shape as number[])] : null;
  if (asNumber(v) !== null) return [];
  const items = v.kind === 'list' || v.kind === 'tuple' ? v.items : null;
  if (!items) return null;
  if (items.length === 0) return [0];
  const inner = items.map(literalShape);
  const first = inner[0];
  if (!first || inner.some((s) => !s || s.length !== first.length || s.some((d, i) => d !== first[i]))) return null;
  return [items.length, ...first];
}

/** A constructor whose shape is given by argument `position` (or `keyword`); absent, it makes a scalar (unknown). */
function shaped(position: number, keyword: string, positional = position + 1, keywords: readonly string[] = ['dtype']): NativeFunction {
  return {
    positional,
    keywords: [keyword, ...keywords],
    call: (args, kw, label) => {
      const shape = shapeArgument(kw.get(keyword) ?? args[position]);
      return shape ? array(shape) : unknown(label);
    },
  };
}

/** `np.random.rand(d0, d1, ...)`: the dimensions as arguments; none makes a scalar (unknown). */
const dimensions: NativeFunction = {
  positional: Infinity,
  keywords: [],
  call: (args, _kw, label) => {
    const shape = shapeArgument({ kind: 'tuple', items: args });
    return shape && shape.length > 0 ? array(shape) : unknown(label);
  },
};

/** `np.zeros_like(a)`: the shape of `a`. */
const like: NativeFunction = {
  positional: 2,
  keywords: ['dtype'],
  call: ([a], _kw, label) => {
    const shape = a ? literalShape(a) : null;
    return shape ? array(shape) : unknown(label);
  },
};

/** `np.arange([start,] stop[, step])`: `ceil((stop - start) / step)` items, as numpy counts them. */
const arange: NativeFunction = {
  positional: 3,
  keywords: ['start', 'stop', 'step', 'dtype'],
  call: (args, kw, label) => {
    const given = [kw.get('start') ?? args[0], kw.get('stop') ?? args[1], kw.get('step') ?? args[2]].map((v) => (v === undefined ? undefined : asNumber(v)));
    if (given.some((v) => v === null)) return unknown(label);
    const [start, stop, step] = given[1] === undefined ? [0, given[0], 1] : [given[0], given[1], given[2] ?? 1];
    if (start === undefined || stop === undefined || !step) return unknown(label);
    return array([Math.max(0, Math.ceil(((stop as number) - (start as number)) / (step as number)))]);
  },
};

/** `np.sqrt`, `np.ceil`...: on a number, a numpy scalar; on a constant array, an array of its shape. */
function elementwise(scalar: (v: PyValue, label: string) => PyValue): NativeFunction {
  return one(([v], _kw, label) => {
    if (!v) return unknown(label);
    if (v.kind !== 'tensor') return scalar(v, label);
    const shape = literalShape(v);
    return shape ? array(shape) : unknown(label);
  });
}

/** numpy's `ceil` and `floor` of a float; of an int, numpy 2 gives an int and numpy 1 a float: unknown. */
const numpyRounding = (round: (x: number) => number) =>
  elementwise((v, label) => (v.kind === 'float' && Number.isFinite(v.value) ? finiteFloat(round(v.value), label, true) : unknown(label)));

const NUMPY: Readonly<Record<string, NativeFunction>> = {
  prod: reduction((a, b) => a * b, 1),
  sum: reduction((a, b) => a + b, 0),
  sqrt: elementwise((v, label) => {
    const x = asNumber(v);
    return x === null || x < 0 ? notComputed(v, label) : finiteFloat(Math.sqrt(x), label, true);
  }),
  ceil: numpyRounding(Math.ceil),
  floor: numpyRounding(Math.floor),
  int64: one(([v], _kw, label) => {
    const x = asNumber(v);
    return x === null || !Number.isFinite(x) ? unknown(label) : numpyInt(Math.trunc(x), label);
  }),
  float64: one(([v], _kw, label) => {
    const x = asNumber(v);
    return x === null ? unknown(label) : finiteFloat(x, label, true);
  }),
  zeros: shaped(0, 'shape'),
  ones: shaped(0, 'shape'),
  empty: shaped(0, 'shape'),
  full: shaped(0, 'shape', 2, ['fill_value', 'dtype']),
  zeros_like: like,
  ones_like: like,
  empty_like: like,
  full_like: { ...like, positional: 3 },
  eye: {
    positional: 2,
    keywords: ['M', 'dtype'],
    call: ([n, m], kw, label) => {
      const rows = asInt(n);
      const given = kw.get('M') ?? m;
      const columns = given === undefined || given.kind === 'none' ? rows : asInt(given);
      return rows !== null && columns !== null && rows >= 0 && columns >= 0 ? array([rows, columns]) : unknown(label);
    },
  },
  identity: one(([n], _kw, label) => {
    const size = asInt(n);
    return size !== null && size >= 0 ? array([size, size]) : unknown(label);
  }, ['dtype']),
  arange,
  linspace: {
    positional: 3,
    keywords: ['num', 'dtype'],
    call: ([, , num], kw, label) => {
      const count = asInt(kw.get('num') ?? num ?? int(50));
      return count !== null && count >= 0 ? array([count]) : unknown(label);
    },
  },
  array: one(([v], _kw, label) => {
    const shape = v ? literalShape(v) : null;
    return shape ? array(shape) : unknown(label);
  }, ['dtype']),
  asarray: one(([v], _kw, label) => {
    const shape = v ? literalShape(v) : null;
    return shape ? array(shape) : unknown(label);
  }, ['dtype']),
};

const NUMPY_RANDOM: Readonly<Record<string, NativeFunction>> = {
  rand: dimensions,
  randn: dimensions,
  random: shaped(0, 'size', 1, []),
  random_sample: shaped(0, 'size', 1, []),
  standard_normal: shaped(0, 'size', 1, ['dtype']),
  uniform: shaped(2, 'size', 3, ['low', 'high']),
  normal: shaped(2, 'size', 3, ['loc', 'scale']),
  randint: shaped(2, 'size', 4, ['low', 'high', 'dtype']),
};

const NUMPY_CONSTANTS: Readonly<Record<string, PyValue>> = {
  // Python floats, not numpy's: `np.pi` is `math.pi`.
  pi: MATH_CONSTANTS.pi,
  e: MATH_CONSTANTS.e,
  newaxis: NONE,
};

// ---------------------------------------------------------------- modules

/** Each modelled module's functions, by the name its values carry (`math.ceil`, `numpy.random.rand`). */
const MODULE_FUNCTIONS: Readonly<Record<string, Readonly<Record<string, NativeFunction>>>> = {
  math: MATH,
  functools: FUNCTOOLS,
  operator: OPERATOR,
  numpy: NUMPY,
  'numpy.random': NUMPY_RANDOM,
};

const MODULE_CONSTANTS: Readonly<Record<string, Readonly<Record<string, PyValue>>>> = {
  math: MATH_CONSTANTS,
  numpy: NUMPY_CONSTANTS,
};

/** A library function by its full name (`math.ceil`), or undefined. */
export function libraryFunction(name: string): NativeFunction | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : MODULE_FUNCTIONS[name.slice(0, dot)]?.[name.slice(dot + 1)];
}

/** What a modelled module binds: its functions as builtin values, its constants and submodules; `extra` adds more. */
export function libraryModule(path: string, extra: ReadonlyMap<string, PyValue> = new Map()): ReadonlyMap<string, PyValue> | null {
  const functions = MODULE_FUNCTIONS[path];
  if (!functions && extra.size === 0) return null;
  const names = new Map<string, PyValue>(extra);
  for (const name of Object.keys(functions ?? {})) names.set(name, { kind: 'builtin', name: `${path}.${name}` });
  for (const [name, value] of Object.entries(MODULE_CONSTANTS[path] ?? {})) names.set(name, value);
  for (const submodule of Object.keys(MODULE_FUNCTIONS)) {
    if (submodule.startsWith(`${path}.`) && !submodule.slice(path.length + 1).includes('.')) {
      names.set(submodule.slice(path.length + 1), { kind: 'namespace', name: submodule, scope: { names: new Map(libraryModule(submodule)), parent: null } });
    }
  }
  return names;
}

/** The modules modelled here, by the path `import` names. */
export const LIBRARY_MODULES: readonly string[] = Object.keys(MODULE_FUNCTIONS);
