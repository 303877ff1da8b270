/**
 * Methods of plain Python values that model-building code calls: `list.append`, `dict.get`,
 * `str.format`... Each returns null when the call means nothing we model.
 */
import type { SyntaxNode } from '../syntax/tree';
import { sourceLabel } from './context';
import type { CallArguments } from './expressions';
import { binary, compare, distinctItems, equals, formatValue, indexOf, orderable, plainRepr, toStr, truthy } from './operators';
import { appendAll, dictKey, int, keyValue, memberItems, NONE, sequenceItems, unknown, type PyValue } from './values';

/** A method of a list, dict or str value; null when it is another kind or an unmodelled method. */
export function callPlainMethod(self: PyValue, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  switch (self.kind) {
    case 'list':
      return callListMethod(self.items, name, args);
    case 'dict':
      return callDictMethod(self.entries, name, args);
    case 'str':
      return callStrMethod(self.value, name, args, node);
    case 'set':
      return callSetMethod(self, name, args);
    default:
      return null;
  }
}

/** Methods that change the list or dict they are called on (`[]`: an item assignment). */
export const CHANGING_METHODS: Readonly<Record<'list' | 'dict' | 'set', ReadonlySet<string>>> = {
  list: new Set(['[]', 'append', 'extend', 'insert', 'pop', 'remove', 'clear', 'sort', 'reverse']),
  dict: new Set(['[]', 'update', 'pop', 'popitem', 'setdefault', 'clear']),
  set: new Set(['add', 'update', 'discard', 'remove', 'pop', 'clear']),
};

/** A set method; null when it is not modelled (`pop` takes a member by Python's order), an argument is not known, or Python would raise. */
function callSetMethod(self: PyValue & { kind: 'set' }, name: string, args: CallArguments): PyValue | null {
  // A frozenset has none of the methods that change a set.
  if (self.frozen && CHANGING_METHODS.set.has(name)) return null;
  const [first] = args.positional;
  const members = (v: PyValue | undefined): readonly PyValue[] | null => (v ? memberItems(v) : null);
  const combined = (op: string): PyValue | null => {
    let result: PyValue = self.frozen ? { kind: 'set', items: self.items, frozen: true } : { kind: 'set', items: [...self.items] };
    for (const other of args.positional) {
      const items = members(other);
      const set = items && distinctItems(items);
      if (!set) return null;
      result = binary(op, result, set, () => '');
      if (result.kind !== 'set') return null;
    }
    return result;
  };
  switch (name) {
    case 'add': {
      const added = first && args.positional.length === 1 ? distinctItems([...self.items, first]) : null;
      if (!added || added.kind !== 'set') return null;
      self.items.splice(0, self.items.length, ...added.items);
      return NONE;
    }
    case 'update': {
      const merged = combined('|');
      if (!merged || merged.kind !== 'set') return null;
      self.items.splice(0, self.items.length, ...merged.items);
      return NONE;
    }
    case 'discard':
    case 'remove': {
      const at = first && args.positional.length === 1 ? indexOf(self.items, first) : null;
      if (at === null || (at < 0 && name === 'remove')) return null;
      if (at >= 0) self.items.splice(at, 1);
      return NONE;
    }
    case 'clear':
      self.items.length = 0;
      return NONE;
    case 'copy':
      return { kind: 'set', items: [...self.items], ...(self.frozen ? { frozen: true as const } : {}) };
    case 'union':
      return combined('|');
    case 'intersection':
      return combined('&');
    case 'difference':
      return combined('-');
    default:
      return null;
  }
}

/** Calls a Python callable on arguments: how a builtin runs a `key=` function or `functools.reduce`'s. */
export type Caller = (fn: PyValue, args: readonly PyValue[]) => PyValue;

/**
 * The sort keys of `items`: the items themselves, or what `key` gives for each (called once per item, in order,
 * as Python does); null when a key is unknown or there is a key function but no way to call it.
 */
export function sortKeys(items: readonly PyValue[], key: PyValue | undefined, call: Caller | null): PyValue[] | null {
  if (!key || key.kind === 'none') return [...items];
  if (!call) return null;
  const keys: PyValue[] = [];
  for (const item of items) {
    const k = call(key, [item]);
    if (k.kind === 'unknown') return null;
    keys.push(k);
  }
  return keys;
}

/**
 * `sorted(items, key=…, reverse=…)` as Python orders them: by the keys, which must be `orderable` (numbers, strings,
 * tuples of them); stable, and reversed as if each comparison were. Null when that cannot be known.
 */
export function sortedItems(items: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>, call: Caller | null): PyValue[] | null {
  if ([...keywords.keys()].some((k) => k !== 'key' && k !== 'reverse')) return null;
  const descending = truthy(keywords.get('reverse') ?? { kind: 'bool', value: false });
  const keys = descending === null ? null : sortKeys(items, keywords.get('key'), call);
  if (!keys || !orderable(keys)) return null;
  const order = (a: number, b: number): number => (compare('<', keys[a], keys[b]) ? -1 : compare('<', keys[b], keys[a]) ? 1 : 0);
  const positions = items.map((_, i) => i).sort(descending ? (a, b) => order(b, a) : order);
  return positions.map((i) => items[i]);
}

/** A list method; null when it is not modelled, an argument is not known, or Python would raise. */
function callListMethod(items: PyValue[], name: string, args: CallArguments): PyValue | null {
  const [first, second] = args.positional;
  switch (name) {
    case 'append':
      if (!first) return null;
      items.push(first);
      return NONE;
    case 'extend': {
      const more = first ? sequenceItems(first) : null;
      if (!more) return null;
      appendAll(items, more);
      return NONE;
    }
    case 'insert': {
      if (first?.kind !== 'int' || !second) return null;
      items.splice(first.value < 0 ? Math.max(0, items.length + first.value) : first.value, 0, second);
      return NONE;
    }
    case 'pop': {
      if (first && first.kind !== 'int') return null;
      const i = first?.kind === 'int' ? (first.value < 0 ? items.length + first.value : first.value) : items.length - 1;
      return i >= 0 && i < items.length ? items.splice(i, 1)[0] : null;
    }
    case 'remove': {
      const i = first ? indexOf(items, first) : null;
      if (i === null || i < 0) return null;
      items.splice(i, 1);
      return NONE;
    }
    case 'index': {
      const i = first && !second ? indexOf(items, first) : null;
      return i === null || i < 0 ? null : int(i);
    }
    case 'count': {
      if (!first) return null;
      let count = 0;
      for (const item of items) {
        const same = equals(item, first);
        if (same === null) return null;
        if (same) count++;
      }
      return int(count);
    }
    case 'clear':
      items.length = 0;
      return NONE;
    case 'reverse':
      items.reverse();
      return NONE;
    case 'copy':
      return { kind: 'list', items: [...items] };
    case 'sort': {
      const sorted = first ? null : sortedItems(items, args.keywords, null);
      if (!sorted) return null;
      items.length = 0;
      appendAll(items, sorted);
      return NONE;
    }
    default:
      return null;
  }
}

/** A dict method; null when it is not modelled, an argument is not known, or Python would raise. */
function callDictMethod(entries: Map<string, PyValue>, name: string, args: CallArguments): PyValue | null {
  const key = args.positional[0];
  const k = key ? dictKey(key) : null;
  switch (name) {
    case 'get':
      return k !== null ? entries.get(k) ?? args.positional[1] ?? NONE : null;
    case 'keys':
      return { kind: 'list', items: [...entries.keys()].map(keyValue) };
    case 'values':
      return { kind: 'list', items: [...entries.values()] };
    case 'items':
      return { kind: 'list', items: [...entries].map(([stored, v]) => ({ kind: 'tuple', items: [keyValue(stored), v] })) };
    case 'pop': {
      if (k === null) return null;
      const value = entries.get(k);
      entries.delete(k);
      return value ?? args.positional[1] ?? null;
    }
    case 'setdefault': {
      if (k === null) return null;
      if (!entries.has(k)) entries.set(k, args.positional[1] ?? NONE);
      return entries.get(k) ?? NONE;
    }
    case 'popitem': {
      const last = [...entries.keys()].pop();
      if (last === undefined) return null;
      const value = entries.get(last) ?? NONE;
      entries.delete(last);
      return { kind: 'tuple', items: [keyValue(last), value] };
    }
    case 'clear':
      entries.clear();
      return NONE;
    case 'copy':
      return { kind: 'dict', entries: new Map(entries) };
    case 'update': {
      const pairs = key ? updatePairs(key) : [];
      if (!pairs) return null;
      for (const [k, v] of pairs) entries.set(k, v);
      args.keywords.forEach((v, k) => entries.set(k, v));
      return NONE;
    }
    default:
      return null;
  }
}

/** What `dict.update` adds from its argument: a dict's entries or (key, value) pairs; null when not known. */
function updatePairs(other: PyValue): [string, PyValue][] | null {
  if (other.kind === 'dict') return [...other.entries];
  const items = sequenceItems(other);
  if (!items) return null;
  const pairs: [string, PyValue][] = [];
  for (const item of items) {
    const pair = sequenceItems(item);
    const k = pair && pair.length === 2 ? dictKey(pair[0]) : null;
    if (!pair || k === null) return null;
    pairs.push([k, pair[1]]);
  }
  return pairs;
}

/** What Python's `str.isspace` counts as whitespace (JS's `\s` differs: it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const PYTHON_SPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const PYTHON_SPACE_RUN = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function callStrMethod(value: string, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  const strings = args.positional.map((a) => (a.kind === 'unknown' ? null : toStr(a)));
  if (strings.some((s) => s === null)) return unknown(sourceLabel(node));
  switch (name) {
    case 'format': {
      // `{}`, `{0}`, `{name}`, each with an optional `!s`/`!r` and format spec; `{{` and `}}` are braces.
      let next = 0;
      let failed = false;
      const text = value.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole: string, key: string | undefined) => {
        if (key === undefined) return whole[0];
        const parts = /^(\w*)(?:!([rs]))?(?::(.*))?$/s.exec(key);
        const field = parts?.[1] ?? '';
        const argument = !parts ? undefined : field === '' ? args.positional[next++] : /^\d+$/.test(field) ? args.positional[Number(field)] : args.keywords.get(field);
        const converted = !argument || argument.kind === 'unknown' ? null : parts?.[2] === 'r' ? plainRepr(argument) : parts?.[2] === 's' ? { kind: 'str' as const, value: toStr(argument) } : argument;
        const piece = converted && formatValue(converted, parts?.[3] ?? '');
        if (piece === null || piece === undefined) failed = true;
        return piece ?? '';
      });
      return failed ? unknown(sourceLabel(node)) : { kind: 'str', value: text };
    }
    case 'join': {
      const items = args.positional[0] ? sequenceItems(args.positional[0]) : null;
      if (!items || items.some((item) => item.kind !== 'str')) return unknown(sourceLabel(node));
      return { kind: 'str', value: items.map((item) => (item.kind === 'str' ? item.value : '')).join(value) };
    }
    case 'upper':
      return { kind: 'str', value: value.toUpperCase() };
    case 'lower':
      return { kind: 'str', value: value.toLowerCase() };
    case 'replace': {
      const [from, to] = args.positional;
      if (args.positional.length !== 2 || from?.kind !== 'str' || to?.kind !== 'str' || from.value === '') return null;
      return { kind: 'str', value: value.split(from.value).join(to.value) };
    }
    case 'startswith':
    case 'endswith': {
      const [affix] = args.positional;
      const affixes = affix?.kind === 'str' ? [affix] : affix?.kind === 'tuple' ? affix.items : null;
      if (args.positional.length !== 1 || !affixes || affixes.some((a) => a.kind !== 'str')) return null;
      const test = (a: PyValue): boolean => a.kind === 'str' && (name === 'startswith' ? value.startsWith(a.value) : value.endsWith(a.value));
      return { kind: 'bool', value: affixes.some(test) };
    }
    case 'split': {
      // Without a separator, runs of whitespace split and the ends are stripped; `maxsplit` is not modelled.
      const [separator] = args.positional;
      if (args.positional.length > 1 || args.keywords.size > 0) return null;
      const parts = !separator || separator.kind === 'none' ? value.split(PYTHON_SPACE_RUN).filter((part) => part !== '') : separator.kind === 'str' && separator.value !== '' ? value.split(separator.value) : null;
      return parts ? { kind: 'list', items: parts.map((part) => ({ kind: 'str', value: part })) } : null;
    }
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      const [chars] = args.positional;
      if (args.positional.length > 1 || (chars && chars.kind !== 'str' && chars.kind !== 'none')) return null;
      const set = chars?.kind === 'str' ? new Set(chars.value) : null;
      const strip = (c: string): boolean => (set ? set.has(c) : PYTHON_SPACE.test(c));
      const characters = [...value];
      let start = 0;
      let end = characters.length;
      if (name !== 'rstrip') while (start < end && strip(characters[start])) start++;
      if (name !== 'lstrip') while (end > start && strip(characters[end - 1])) end--;
      return { kind: 'str', value: characters.slice(start, end).join('') };
    }
    case 'zfill': {
      const [width] = args.positional;
      if (args.positional.length !== 1 || width?.kind !== 'int') return null;
      const sign = value[0] === '-' || value[0] === '+' ? value[0] : '';
      const digits = value.slice(sign.length);
      return { kind: 'str', value: sign + digits.padStart(width.value - sign.length, '0') };
    }
    default:
      return null;
  }
}
