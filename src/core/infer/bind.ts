/**
 * Binds a constructor call's positional and keyword arguments to a rule's parameter names, filling
 * Keras' defaults, like Python does for `Layer.__init__`. Unknown keywords are kept (Keras accepts
 * `**kwargs` such as `name`, `trainable`, `input_shape`).
 */
import { NONE, type PyValue } from '../evaluate/values';
import type { LayerRule, Param } from './rules/types';
import { KerasError } from './rules/types';

const defaultCache = new Map<string, PyValue>();

/** Parses the tiny Python literal subset used for defaults in rule tables: None, booleans, numbers, strings, tuples. */
export function parseDefault(source: string): PyValue {
  const cached = defaultCache.get(source);
  if (cached) return cached;
  const value = parseLiteral(source.trim());
  defaultCache.set(source, value);
  return value;
}

function parseLiteral(text: string): PyValue {
  if (text === 'None') return NONE;
  if (text === 'True' || text === 'False') return { kind: 'bool', value: text === 'True' };
  if (/^-?\d+$/.test(text)) return { kind: 'int', value: Number(text) };
  if (/^-?\d*\.\d*(e-?\d+)?$|^-?\d+e-?\d+$/.test(text)) return { kind: 'float', value: Number(text) };
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(text);
  if (quoted) return { kind: 'str', value: quoted[1] ?? quoted[2] };
  if (text.startsWith('(') && text.endsWith(')')) {
    const inner = text.slice(1, -1).trim();
    const items = inner === '' ? [] : splitTopLevel(inner).filter((s) => s.trim() !== '').map((s) => parseLiteral(s.trim()));
    return { kind: 'tuple', items };
  }
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    return { kind: 'list', items: inner === '' ? [] : splitTopLevel(inner).map((s) => parseLiteral(s.trim())) };
  }
  throw new Error(`Unsupported default literal in a rule table: ${text}`);
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Binds arguments to `rule.params`, into a new map the caller may extend. Throws `KerasError` for too many
 * positional arguments or a missing required one, in Python's words.
 */
export function bindArguments(
  rule: Pick<LayerRule, 'className' | 'params'>,
  positional: readonly PyValue[],
  keywords: ReadonlyMap<string, PyValue>,
): Map<string, PyValue> {
  const bound = new Map<string, PyValue>();
  const params: readonly Param[] = rule.params;
  if (positional.length > params.length) {
    throw new KerasError(
      `${rule.className}.__init__() takes ${params.length + 1} positional arguments but ${positional.length + 1} were given`,
    );
  }
  positional.forEach((value, i) => bound.set(params[i].name, value));
  for (const [name, value] of keywords) {
    if (bound.has(name)) throw new KerasError(`${rule.className}.__init__() got multiple values for argument '${name}'`);
    bound.set(name, value);
  }
  for (const param of params) {
    if (bound.has(param.name)) continue;
    if (param.default === undefined) {
      throw new KerasError(`${rule.className}.__init__() missing 1 required positional argument: '${param.name}'`);
    }
    bound.set(param.name, parseDefault(param.default));
  }
  return bound;
}
