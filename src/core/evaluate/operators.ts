/**
 * Python's operators on plain values: arithmetic, comparison, truthiness, indexing and slicing.
 * Operators on Keras tensors are not here (they create graph nodes: see `extract/kerasCalls.ts`).
 * Anything involving an unknown is unknown; a Python error (division by zero) is unknown too.
 */
import { appendAll, dictKey, floatRepr, int, printContainer, repr, sequenceItems, unknownNumber, type PyValue } from './values';
import { sameKerasObject } from '../extract/kerasClasses';

const UNKNOWN_RESULT = (label: () => string): PyValue => ({ kind: 'unknown', label: label() });

function numeric(v: PyValue): number | null {
  if (v.kind === 'int' || v.kind === 'float') return v.value;
  if (v.kind === 'bool') return v.value ? 1 : 0;
  return null;
}

const isIntLike = (v: PyValue) => v.kind === 'int' || v.kind === 'bool';

/**
 * A result as a Python number. Integers stay exact: one beyond 2**53 cannot be held exactly in a JS
 * number, so it is unknown (labelled with its source) rather than silently rounded.
 */
function makeNumber(value: number, integer: boolean, label: () => string): PyValue {
  if (!Number.isFinite(value)) return UNKNOWN_RESULT(label);
  if (integer && !Number.isSafeInteger(value)) return UNKNOWN_RESULT(label);
  return integer ? { kind: 'int', value } : { kind: 'float', value };
}

const SMALL = 2 ** 31;

/** Python's floor division and modulo of integers (rounding towards negative infinity), exact for any size. */
function integerDivision(x: number, y: number, op: '//' | '%', label: () => string): PyValue {
  if (Math.abs(x) < SMALL && Math.abs(y) < SMALL) {
    const quotient = Math.floor(x / y);
    return makeNumber(op === '//' ? quotient : x - y * quotient, true, label);
  }
  const [a, b] = [BigInt(x), BigInt(y)];
  let quotient = a / b;
  if (a % b !== 0n && (a < 0n) !== (b < 0n)) quotient -= 1n;
  return makeNumber(Number(op === '//' ? quotient : a - b * quotient), true, label);
}

/**
 * Python's `//` and `%` of floats (CPython's `_float_div_mod`): the remainder from `fmod` (JS's `%`, exact) with
 * the sign of the divisor, and the quotient `(x - mod) / y` snapped to the nearest integer. `1 // 0.1` is 9.0,
 * where `Math.floor(1 / 0.1)` is 10.
 */
function floatDivMod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else {
    mod = y < 0 ? -0 : 0;
  }
  if (!div) return [x / y < 0 || Object.is(x / y, -0) ? -0 : 0, mod];
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return [floor, mod];
}

/**
 * `x ** y` where every C library gives the exact result, as JS does: a whole number to a whole power while it stays
 * exact (multiplied out), and a power of two to a whole power. Null otherwise: JS's `**` and C's `pow` may differ
 * in the last bit (they do for `x ** 2.0` and `x ** 0.5` on some floats).
 */
function exactPower(x: number, y: number): number | null {
  if (!Number.isInteger(y)) return null;
  if (Number.isInteger(x) && y >= 0) {
    let result = 1;
    for (let i = 0; i < y; i++) {
      result *= x;
      if (!Number.isSafeInteger(result)) return null;
      // 0, 1 and -1 stay what they are: no need to go on.
      if (Math.abs(result) <= 1 && Math.abs(x) <= 1) return y % 2 === 0 ? Math.abs(result) : result;
    }
    return result;
  }
  const magnitude = Math.abs(x);
  const exponent = magnitude > 0 ? Math.round(Math.log2(magnitude)) : null;
  if (exponent === null || 2 ** exponent !== magnitude) return null;
  const total = exponent * y;
  // A normal double holds 2**-1022 to 2**1023 exactly.
  if (total < -1022 || total > 1023) return null;
  const sign = x < 0 && Math.abs(y) % 2 === 1 ? -1 : 1;
  return sign * 2 ** total;
}

/** Python's shifts and bitwise operators on integers, exact where JS's 32-bit operators are not. */
function integerBits(x: number, y: number, op: string, label: () => string): PyValue {
  const [a, b] = [BigInt(x), BigInt(y)];
  switch (op) {
    case '<<':
      // A negative count is a Python error; a count beyond 64 overflows every non-zero value.
      if (y < 0) return UNKNOWN_RESULT(label);
      return x === 0 ? int(0) : y > 64 ? UNKNOWN_RESULT(label) : makeNumber(Number(a << b), true, label);
    case '>>':
      if (y < 0) return UNKNOWN_RESULT(label);
      return y > 64 ? int(x < 0 ? -1 : 0) : makeNumber(Number(a >> b), true, label);
    case '&':
      return makeNumber(Number(a & b), true, label);
    case '|':
      return makeNumber(Number(a | b), true, label);
    default:
      return makeNumber(Number(a ^ b), true, label);
  }
}

/** A number, known or not: arithmetic on two gives a number. */
const isNumber = (v: PyValue): boolean => numeric(v) !== null || (v.kind === 'unknown' && v.number === true);
const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '//', '%', '**']);

/** Whether a value is a numpy scalar (`np.int64`, `np.float64`): arithmetic with one gives another. */
const isNumpy = (v: PyValue): boolean => (v.kind === 'int' || v.kind === 'float') && v.numpy === true;

/** `label` names an unknown result; it is called only then (a source label costs a slice and a regex). */
export function binary(op: string, a: PyValue, b: PyValue, label: () => string): PyValue {
  if (a.kind === 'unknown' || b.kind === 'unknown') return isNumber(a) && isNumber(b) && ARITHMETIC.has(op) ? unknownNumber(label()) : UNKNOWN_RESULT(label);
  if (!isNumpy(a) && !isNumpy(b)) return plainBinary(op, a, b, label);
  // numpy refuses an integer to a negative integer power, and repeats no sequence it is on the left of.
  if (op === '**' && a.kind === 'int' && b.kind === 'int' && b.value < 0) return UNKNOWN_RESULT(label);
  if (numeric(a) === null || numeric(b) === null) return isNumpy(a) ? UNKNOWN_RESULT(label) : plainBinary(op, a, b, label);
  const result = plainBinary(op, a, b, label);
  return result.kind === 'int' || result.kind === 'float' ? { kind: result.kind, value: result.value, numpy: true } : result;
}

function plainBinary(op: string, a: PyValue, b: PyValue, label: () => string): PyValue {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) {
    const integer = isIntLike(a) && isIntLike(b);
    switch (op) {
      case '+':
        return makeNumber(x + y, integer, label);
      case '-':
        return makeNumber(x - y, integer, label);
      case '*':
        return makeNumber(x * y, integer, label);
      case '/':
        return y === 0 ? UNKNOWN_RESULT(label) : makeNumber(x / y, false, label);
      case '//':
      case '%':
        if (y === 0) return UNKNOWN_RESULT(label);
        if (integer) return integerDivision(x, y, op, label);
        return makeNumber(floatDivMod(x, y)[op === '//' ? 0 : 1], false, label);
      case '**': {
        const power = exactPower(x, y);
        // Python's int to a negative power is a float, as any power of a float.
        return power === null ? unknownNumber(label()) : makeNumber(power, integer && y >= 0, label);
      }
      case '<<':
      case '>>':
      case '&':
      case '|':
      case '^':
        return integer ? integerBits(x, y, op, label) : UNKNOWN_RESULT(label);
      default:
        return UNKNOWN_RESULT(label);
    }
  }
  if (op === '+') {
    if (a.kind === 'str' && b.kind === 'str') return { kind: 'str', value: a.value + b.value };
    if (a.kind === 'tuple' && b.kind === 'tuple') return { kind: 'tuple', items: [...a.items, ...b.items] };
    if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', items: [...a.items, ...b.items] };
  }
  if (op === '*') {
    const repeat = (seq: PyValue, n: number): PyValue | null => {
      if (n > 100_000) return null;
      if (seq.kind === 'str') return { kind: 'str', value: seq.value.repeat(Math.max(0, n)) };
      if (seq.kind === 'tuple' || seq.kind === 'list') {
        const items: PyValue[] = [];
        for (let i = 0; i < n; i++) appendAll(items, seq.items);
        return seq.kind === 'tuple' ? { kind: 'tuple', items } : { kind: 'list', items };
      }
      return null;
    };
    const result = y !== null && isIntLike(b) ? repeat(a, y) : x !== null && isIntLike(a) ? repeat(b, x) : null;
    if (result) return result;
  }
  if (op === '%' && a.kind === 'str') return formatPercent(a.value, b) ?? UNKNOWN_RESULT(label);
  if (a.kind === 'set' && b.kind === 'set') return setOperation(op, a, b) ?? UNKNOWN_RESULT(label);
  return UNKNOWN_RESULT(label);
}

/** `a | b`, `a & b`, `a - b`, `a ^ b` on sets (of the left one's type); null when a membership cannot be decided. */
function setOperation(op: string, a: PyValue & { kind: 'set' }, b: PyValue & { kind: 'set' }): PyValue | null {
  const inOther = (item: PyValue, other: readonly PyValue[]): boolean | null => {
    const at = indexOf(other, item);
    return at === null ? null : at >= 0;
  };
  const keep = (items: readonly PyValue[], other: readonly PyValue[], wanted: boolean): PyValue[] | null => {
    const kept: PyValue[] = [];
    for (const item of items) {
      const found = inOther(item, other);
      if (found === null) return null;
      if (found === wanted) kept.push(item);
    }
    return kept;
  };
  let items: PyValue[] | null;
  switch (op) {
    case '|': {
      const added = keep(b.items, a.items, false);
      items = added && [...a.items, ...added];
      break;
    }
    case '&':
      items = keep(a.items, b.items, true);
      break;
    case '-':
      items = keep(a.items, b.items, false);
      break;
    case '^': {
      const left = keep(a.items, b.items, false);
      const right = keep(b.items, a.items, false);
      items = left && right && [...left, ...right];
      break;
    }
    default:
      return null;
  }
  return items && (a.frozen ? { kind: 'set', items, frozen: true } : { kind: 'set', items });
}

/** `'%s_%d' % (a, b)`, `'%0.2f' % x`: printf-style conversions with flags, width and precision. */
function formatPercent(template: string, args: PyValue): PyValue | null {
  // The commonest form, a layer name `'block_%s' % i`: one plain `%s` and one value, no pattern needed.
  const at = template.indexOf('%');
  if (args.kind !== 'tuple' && at >= 0 && template.charCodeAt(at + 1) === 115 && template.indexOf('%', at + 2) < 0) {
    const formatted = formatOne(args, 's', null);
    return formatted === null ? null : { kind: 'str', value: template.slice(0, at) + formatted + template.slice(at + 2) };
  }
  const values = args.kind === 'tuple' ? args.items : [args];
  let index = 0;
  let failed = false;
  const text = template.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdirfeEgGxXo%])/g, (_m, flags: string, width: string, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const v = values[index++];
    const formatted = v ? formatOne(v, conv, precision === undefined ? null : Number(precision)) : null;
    if (formatted === null) {
      failed = true;
      return '';
    }
    const pad = Number(width || 0) - formatted.length;
    if (pad <= 0) return formatted;
    if (flags.includes('-')) return formatted + ' '.repeat(pad);
    return (flags.includes('0') && conv !== 's' ? '0' : ' ').repeat(pad) + formatted;
  });
  return failed || index !== values.length ? null : { kind: 'str', value: text };
}

function formatOne(v: PyValue, conv: string, precision: number | null): string | null {
  if (v.kind === 'unknown' || v.kind === 'set') return null;
  if (conv === 's' || conv === 'r') return conv === 'r' && v.kind === 'str' ? `'${v.value}'` : toStr(v);
  const n = v.kind === 'int' || v.kind === 'float' ? v.value : v.kind === 'bool' ? Number(v.value) : null;
  if (n === null) return null;
  switch (conv) {
    case 'd':
    case 'i':
      return String(Math.trunc(n));
    case 'f':
      return n.toFixed(precision ?? 6);
    case 'e':
    case 'E': {
      const e = n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return conv === 'E' ? e.toUpperCase() : e;
    }
    case 'x':
    case 'X':
      return conv === 'X' ? Math.trunc(n).toString(16).toUpperCase() : Math.trunc(n).toString(16);
    case 'o':
      return Math.trunc(n).toString(8);
    default:
      return null;
  }
}

/** Python's `str()` of a plain value. */
/**
 * Python's `format(value, spec)` for the format-spec mini-language as names and labels use it
 * (`{i:02d}`, `{x:>6}`, `{rate:.2f}`, `{n:,}`): fill and alignment, sign, zero padding, width, grouping,
 * precision, and the types d, x, X, o, b, f, F, % and s. Null for anything else (`e`, `g`, `#`, nested
 * fields, a float without a type), which the caller shows as unknown.
 */
export function formatValue(value: PyValue, spec: string): string | null {
  // A set prints its members in the order Python iterates them: not known here.
  if (value.kind === 'set') return null;
  if (spec === '') return toStr(value);
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?([,_])?(?:\.(\d+))?([dxXobfF%s])?$/s.exec(spec);
  if (!m) return null;
  const [, fillGiven, alignGiven, sign = '-', zero, widthText, grouping, precisionText, type = ''] = m;
  const precision = precisionText === undefined ? null : Number(precisionText);
  let body: string;
  let negative = false;
  if (value.kind === 'str') {
    if (type !== '' && type !== 's') return null;
    if (sign !== '-' || zero || grouping) return null;
    body = precision === null ? value.value : [...value.value].slice(0, precision).join('');
  } else if (value.kind === 'int' && !'fF%s'.includes(type || '?')) {
    if (precision !== null) return null;
    const radix = type === 'x' || type === 'X' ? 16 : type === 'o' ? 8 : type === 'b' ? 2 : 10;
    negative = value.value < 0;
    body = Math.abs(value.value).toString(radix);
    if (type === 'X') body = body.toUpperCase();
    if (grouping) {
      if (radix !== 10 && grouping === ',') return null;
      body = group(body, radix === 10 ? 3 : 4, grouping);
    }
  } else if ((value.kind === 'int' || value.kind === 'float') && 'fF%'.includes(type || '?')) {
    const x = type === '%' ? value.value * 100 : value.value;
    const digits = precision ?? 6;
    // Past 1e21 JS writes exponents; at an exact tie Python rounds to even where JS rounds up: left unknown.
    if (!Number.isFinite(x) || Math.abs(x) >= 1e21 || decimalTie(x, digits) !== false) return null;
    negative = x < 0 || Object.is(x, -0);
    const [whole, fraction] = Math.abs(x).toFixed(digits).split('.');
    body = (grouping ? group(whole, 3, grouping) : whole) + (fraction === undefined ? '' : `.${fraction}`) + (type === '%' ? '%' : '');
  } else {
    return null;
  }
  const signText = negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  const width = widthText === undefined ? 0 : Number(widthText);
  const numeric = value.kind !== 'str';
  const align = alignGiven ?? (zero && numeric ? '=' : numeric ? '>' : '<');
  const fill = fillGiven ?? (zero && !alignGiven ? '0' : ' ');
  const padding = Math.max(0, width - [...signText].length - [...body].length);
  switch (align) {
    case '<':
      return signText + body + fill.repeat(padding);
    case '>':
      return fill.repeat(padding) + signText + body;
    case '^':
      return fill.repeat(padding >> 1) + signText + body + fill.repeat(padding - (padding >> 1));
    default:
      return signText + fill.repeat(padding) + body;
  }
}

/**
 * Whether `x` lies exactly halfway between two numbers of `digits` decimals, where JS's `toFixed` rounds up and
 * Python to even; null where that cannot be told. A double from 2**-47 up has at most 100 decimals, which
 * `toFixed(100)` writes exactly.
 */
export function decimalTie(x: number, digits: number): boolean | null {
  if (digits < 0 || digits > 20 || (x !== 0 && Math.abs(x) < 2 ** -47)) return null;
  const fraction = Math.abs(x).toFixed(100).split('.')[1] ?? '';
  return fraction[digits] === '5' && /^0*$/.test(fraction.slice(digits + 1));
}

/** `repr()` where it is certain: numbers, bools, None, and strings of plain characters without quotes. */
export function plainRepr(value: PyValue): PyValue | null {
  if (value.kind === 'str') return /^[ !#-&(-[\]-~]*$/.test(value.value) ? { kind: 'str', value: `'${value.value}'` } : null;
  return value.kind === 'int' || value.kind === 'float' || value.kind === 'bool' || value.kind === 'none' ? { kind: 'str', value: repr(value) } : null;
}

/** Digits grouped from the right (`1,000,000`; `ffff_ffff` in fours). */
function group(digits: string, size: number, separator: string): string {
  let grouped = '';
  for (let end = digits.length; end > 0; end -= size) grouped = digits.slice(Math.max(0, end - size), end) + (grouped ? separator + grouped : '');
  return grouped;
}

export function toStr(v: PyValue): string {
  switch (v.kind) {
    case 'str':
      return v.value;
    case 'int':
      return String(v.value);
    case 'float':
      return floatRepr(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'tuple':
      return printContainer(v, '(...)', tupleText);
    case 'list':
      return printContainer(v, '[...]', listText);
    default:
      return '?';
  }
}

// Functions of the module rather than arrows in `toStr`: an arrow there would capture `v`, which V8 then keeps in a
// context made on every call, and every name built with `%` or a format goes through `toStr`.
const tupleText = (v: { readonly items: readonly PyValue[] }): string =>
  v.items.length === 1 ? `(${reprPlain(v.items[0])},)` : `(${v.items.map(reprPlain).join(', ')})`;
const listText = (v: { readonly items: readonly PyValue[] }): string => `[${v.items.map(reprPlain).join(', ')}]`;

function reprPlain(v: PyValue): string {
  return v.kind === 'str' ? `'${v.value}'` : toStr(v);
}

/** Python truthiness; null when it cannot be known. */
export function truthy(v: PyValue): boolean | null {
  switch (v.kind) {
    case 'bool':
      return v.value;
    case 'int':
    case 'float':
      return v.value !== 0;
    case 'str':
      return v.value.length > 0;
    case 'none':
      return false;
    case 'tuple':
    case 'list':
      return v.items.length > 0;
    case 'dict':
      return v.entries.size > 0;
    case 'set':
      return v.items.length > 0;
    case 'range':
      return v.step > 0 ? v.start < v.stop : v.start > v.stop;
    case 'unknown':
      return null;
    default:
      return true;
  }
}

/** Structural equality of plain values; null when it cannot be known. */
export function equals(a: PyValue, b: PyValue): boolean | null {
  if (a.kind === 'unknown' || b.kind === 'unknown') return null;
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) return x === y;
  if (a.kind === 'str' && b.kind === 'str') return a.value === b.value;
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  const left = sequenceItems(a);
  const right = sequenceItems(b);
  // A range equals only a range (of the same items), a list only a list, a tuple only a tuple.
  if (left && right && a.kind === b.kind) {
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) {
      const e = equals(left[i], right[i]);
      if (e !== true) return e;
    }
    return true;
  }
  if (a.kind === 'set' && b.kind === 'set') return sameMembers(a.items, b.items);
  if (a.kind === 'keras' && b.kind === 'keras') return sameKerasObject(a, b);
  if (a.kind === 'builtin' && b.kind === 'builtin') return a.name === b.name;
  if (a.kind === 'class' && b.kind === 'class') return a.cls === b.cls;
  if (a.kind === 'layer' && b.kind === 'layer') return a.layer === b.layer;
  if (a.kind === 'model' && b.kind === 'model') return a.model === b.model;
  if (a.kind === 'tensor' && b.kind === 'tensor') return a.tensor === b.tensor;
  return a.kind === b.kind ? null : false;
}

/** Whether two sets' members are the same, in any order; null when an equality cannot be decided. */
function sameMembers(a: readonly PyValue[], b: readonly PyValue[]): boolean | null {
  if (a.length !== b.length) return false;
  for (const item of a) {
    const at = indexOf(b, item);
    if (at === null) return null;
    if (at < 0) return false;
  }
  return true;
}

/** A set of the items, each once (the first of equal ones); null when an equality cannot be decided. */
export function distinctItems(items: readonly PyValue[]): PyValue | null {
  const kept: PyValue[] = [];
  for (const item of items) {
    // A list, dict or set is not hashable: Python raises.
    if (item.kind === 'list' || item.kind === 'dict' || (item.kind === 'set' && !item.frozen)) return null;
    let seen = false;
    for (const other of kept) {
      const same = equals(item, other);
      if (same === null) return null;
      seen ||= same;
    }
    if (!seen) kept.push(item);
  }
  return { kind: 'set', items: kept };
}

/** Where the first item equal to `value` is: -1 for none, null when an equality before it cannot be decided. */
export function indexOf(items: readonly PyValue[], value: PyValue): number | null {
  for (let i = 0; i < items.length; i++) {
    const same = equals(items[i], value);
    if (same === null) return null;
    if (same) return i;
  }
  return -1;
}

const MUTABLE: ReadonlySet<PyValue['kind']> = new Set(['list', 'dict', 'set']);

export function compare(op: string, a: PyValue, b: PyValue): boolean | null {
  switch (op) {
    case '==':
      return equals(a, b);
    case '!=': {
      const e = equals(a, b);
      return e === null ? null : !e;
    }
    case 'is':
      if (a.kind === 'unknown' || b.kind === 'unknown') return a.kind === 'none' || b.kind === 'none' ? null : equals(a, b);
      if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
      // A list, dict or set is one object, shared by whatever names it (aliasing keeps the same value): `[1] is [1]`
      // is False. Immutable values compare equal, as CPython's small ints and interned strings mostly do.
      if (MUTABLE.has(a.kind) || MUTABLE.has(b.kind)) return a === b;
      return equals(a, b);
    case 'is not': {
      const e = compare('is', a, b);
      return e === null ? null : !e;
    }
    case 'in':
    case 'not in': {
      let found: boolean | null = null;
      if (b.kind === 'str' && a.kind === 'str') found = b.value.includes(a.value);
      else if (b.kind === 'dict') {
        const key = dictKey(a);
        if (key !== null) found = b.entries.has(key);
      } else {
        const items = b.kind === 'set' ? b.items : sequenceItems(b);
        const at = items && indexOf(items, a);
        if (at !== null) found = at >= 0;
      }
      return found === null ? null : op === 'in' ? found : !found;
    }
  }
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) {
    switch (op) {
      case '<':
        return x < y;
      case '<=':
        return x <= y;
      case '>':
        return x > y;
      case '>=':
        return x >= y;
    }
  }
  if (a.kind === 'str' && b.kind === 'str') {
    switch (op) {
      case '<':
        return a.value < b.value;
      case '<=':
        return a.value <= b.value;
      case '>':
        return a.value > b.value;
      case '>=':
        return a.value >= b.value;
    }
  }
  if ((a.kind === 'tuple' || a.kind === 'list') && b.kind === a.kind) return compareSequences(op, a.items, b.items);
  return null;
}

/** Python's order of two tuples (or two lists): the first items that differ decide, else the shorter is less. */
function compareSequences(op: string, a: readonly PyValue[], b: readonly PyValue[]): boolean | null {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const same = equals(a[i], b[i]);
    if (same === null) return null;
    if (!same) return compare(op, a[i], b[i]);
  }
  return compare(op, int(a.length), int(b.length));
}

/**
 * Whether Python can order these values among themselves without raising, by one consistent order: all numbers
 * (no NaN), all strings (without surrogates, whose UTF-16 order is not Python's), or all tuples (or all lists)
 * whose items at each position are such in turn. Then every stable sort gives Python's result.
 */
export function orderable(values: readonly PyValue[]): boolean {
  if (values.length <= 1) return true;
  if (values.every((v) => numeric(v) !== null && !Number.isNaN(numeric(v)))) return true;
  if (values.every((v) => v.kind === 'str' && !/[\uD800-\uDFFF]/.test(v.value))) return true;
  const kind = values[0].kind;
  if (kind !== 'tuple' && kind !== 'list') return false;
  const rows = values.map((v) => (v.kind === kind ? v.items : null));
  if (rows.some((row) => row === null)) return false;
  const width = Math.max(...rows.map((row) => (row as readonly PyValue[]).length));
  for (let i = 0; i < width; i++) {
    if (!orderable(rows.flatMap((row) => (row as readonly PyValue[]).slice(i, i + 1)))) return false;
  }
  return true;
}

/** `value[index]` for plain sequences, strings and dicts; undefined when it is not a plain value. */
export function index(value: PyValue, key: PyValue): PyValue | undefined {
  if (value.kind === 'dict') {
    const k = dictKey(key);
    return k === null ? undefined : value.entries.get(k);
  }
  const items = value.kind === 'str' ? [...value.value].map((c): PyValue => ({ kind: 'str', value: c })) : sequenceItems(value);
  if (!items) return undefined;
  if (key.kind !== 'int' && key.kind !== 'bool') return undefined;
  const i = key.kind === 'bool' ? Number(key.value) : key.value;
  const position = i < 0 ? items.length + i : i;
  return position >= 0 && position < items.length ? items[position] : undefined;
}

/** Python slice semantics on a list of items. */
export function sliceItems<T>(items: readonly T[], start: number | null, stop: number | null, stepValue: number | null): T[] {
  const n = items.length;
  const s = stepValue ?? 1;
  if (s === 0) return [];
  const clamp = (v: number, low: number, high: number) => Math.max(low, Math.min(high, v));
  const norm = (v: number | null, dflt: number, low: number, high: number) =>
    v === null ? dflt : clamp(v < 0 ? v + n : v, low, high);
  const result: T[] = [];
  if (s > 0) {
    const from = norm(start, 0, 0, n);
    const to = norm(stop, n, 0, n);
    for (let i = from; i < to; i += s) result.push(items[i]);
  } else {
    const from = norm(start, n - 1, -1, n - 1);
    const to = norm(stop, -1, -1, n - 1);
    for (let i = from; i > to; i += s) result.push(items[i]);
  }
  return result;
}
