/**
 * Methods of plain Python values that model-building code calls: `list.append`, `dict.get`,
 * `str.format`... Each returns null when the call means nothing we model.
 */
import type { SyntaxNode } from '../syntax/tree';
import { sourceLabel } from './context';
import type { CallArguments } from './expressions';
import { toStr } from './operators';
import { appendAll, NONE, sequenceItems, unknown, type PyValue } from './values';

/** A method of a list, dict or str value; null when it is another kind or an unmodelled method. */
export function callPlainMethod(self: PyValue, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  switch (self.kind) {
    case 'list':
      return callListMethod(self.items, name, args);
    case 'dict':
      return callDictMethod(self.entries, name, args);
    case 'str':
      return callStrMethod(self.value, name, args, node);
    default:
      return null;
  }
}

function callListMethod(items: PyValue[], name: string, args: CallArguments): PyValue | null {
  switch (name) {
    case 'append':
      items.push(args.positional[0] ?? NONE);
      return NONE;
    case 'extend': {
      const more = args.positional[0] ? sequenceItems(args.positional[0]) : null;
      if (more) appendAll(items, more);
      return NONE;
    }
    case 'insert': {
      const at = args.positional[0];
      if (at?.kind === 'int') items.splice(at.value < 0 ? Math.max(0, items.length + at.value) : at.value, 0, args.positional[1] ?? NONE);
      return NONE;
    }
    case 'pop': {
      const at = args.positional[0];
      const i = at?.kind === 'int' ? (at.value < 0 ? items.length + at.value : at.value) : items.length - 1;
      return i >= 0 && i < items.length ? items.splice(i, 1)[0] : null;
    }
    default:
      return null;
  }
}

function callDictMethod(entries: Map<string, PyValue>, name: string, args: CallArguments): PyValue | null {
  const key = args.positional[0];
  switch (name) {
    case 'get':
      return key?.kind === 'str' ? entries.get(key.value) ?? args.positional[1] ?? NONE : null;
    case 'keys':
      return { kind: 'list', items: [...entries.keys()].map((k) => ({ kind: 'str', value: k })) };
    case 'values':
      return { kind: 'list', items: [...entries.values()] };
    case 'items':
      return { kind: 'list', items: [...entries].map(([k, v]) => ({ kind: 'tuple', items: [{ kind: 'str', value: k }, v] })) };
    case 'pop': {
      if (key?.kind !== 'str') return null;
      const value = entries.get(key.value);
      entries.delete(key.value);
      return value ?? args.positional[1] ?? null;
    }
    case 'update': {
      const other = args.positional[0];
      if (other?.kind === 'dict') other.entries.forEach((v, k) => entries.set(k, v));
      args.keywords.forEach((v, k) => entries.set(k, v));
      return NONE;
    }
    default:
      return null;
  }
}

function callStrMethod(value: string, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  const strings = args.positional.map((a) => (a.kind === 'unknown' ? null : toStr(a)));
  if (strings.some((s) => s === null)) return unknown(sourceLabel(node));
  switch (name) {
    case 'format': {
      let i = 0;
      let failed = false;
      const text = value.replace(/\{([^{}]*)\}/g, (_m, key: string) => {
        const named = key === '' ? strings[i++] : /^\d+$/.test(key) ? strings[Number(key)] : args.keywords.get(key);
        if (named === undefined || named === null) {
          failed = true;
          return '';
        }
        return typeof named === 'string' ? named : named.kind === 'unknown' ? ((failed = true), '') : toStr(named);
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
    case 'replace':
      return strings.length >= 2 ? { kind: 'str', value: value.split(strings[0] as string).join(strings[1] as string) } : null;
    default:
      return null;
  }
}
