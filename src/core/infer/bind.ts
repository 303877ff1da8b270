/**
 * Binds a constructor call's positional and keyword arguments to a rule's parameter names, filling
 * Keras' defaults, like Python does for `Layer.__init__`. Unknown keywords are kept (Keras accepts
 * `**kwargs` such as `name`, `trainable`, `input_shape`).
 */
import { NONE, type BoundArgs, type PyValue } from '../evaluate/values';
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

/** A parameter list's positions by name and parsed defaults, built once per list (every layer construction binds). */
interface ParamTable {
  readonly index: ReadonlyMap<string, number>;
  /** By position; undefined for a required parameter. */
  readonly defaults: readonly (PyValue | undefined)[];
}

const paramTables = new WeakMap<readonly Param[], ParamTable>();

function paramTable(params: readonly Param[]): ParamTable {
  let table = paramTables.get(params);
  if (!table) {
    table = {
      index: new Map(params.map((p, i) => [p.name, i])),
      defaults: params.map((p) => (p.default === undefined ? undefined : parseDefault(p.default))),
    };
    paramTables.set(params, table);
  }
  return table;
}

/** Keyword arguments as name/value pairs, in one list. */
type KeywordPairs = readonly (string | PyValue)[];

const NO_PAIRS: KeywordPairs = [];

/**
 * The call's keywords as a list of pairs: a layer keeps its arguments as long as the analysis runs, and a
 * list of one or two pairs is a quarter of the size of a `Map`.
 */
function pairsOf(keywords: ReadonlyMap<string, PyValue>): KeywordPairs {
  if (keywords.size === 0) return NO_PAIRS;
  const pairs = new Array<string | PyValue>(2 * keywords.size);
  let at = 0;
  for (const [name, value] of keywords) {
    pairs[at++] = name;
    pairs[at++] = value;
  }
  return pairs;
}

/**
 * Bound arguments read through to what was given, then to the defaults: a layer's arguments are only ever
 * read by name, so no table of all parameters is made per layer. One argument may be replaced (`data_format=None`).
 */
export class BoundArguments implements BoundArgs {
  constructor(
    private readonly table: ParamTable,
    private readonly positional: readonly PyValue[],
    private readonly keywords: KeywordPairs,
    private readonly replaced: { readonly name: string; readonly value: PyValue } | null = null,
  ) {}

  get(name: string): PyValue | undefined {
    if (this.replaced?.name === name) return this.replaced.value;
    const index = this.table.index.get(name);
    // A name bound by position is never also a keyword: binding refused that.
    if (index !== undefined && index < this.positional.length) return this.positional[index];
    const keywords = this.keywords;
    for (let i = 0; i < keywords.length; i += 2) if (keywords[i] === name) return keywords[i + 1] as PyValue;
    return index === undefined ? undefined : this.table.defaults[index];
  }

  /** The same arguments with `name` bound to `value`. */
  with(name: string, value: PyValue): BoundArguments {
    return new BoundArguments(this.table, this.positional, this.keywords, { name, value });
  }
}

/**
 * Binds arguments to `rule.params`. Throws `KerasError` for too many positional arguments or a missing
 * required one, in Python's words. The positional arguments are kept, not copied: the caller must not change them.
 */
export function bindArguments(
  rule: Pick<LayerRule, 'className' | 'params'>,
  positional: readonly PyValue[],
  keywords: ReadonlyMap<string, PyValue>,
): BoundArguments {
  const params: readonly Param[] = rule.params;
  const table = paramTable(params);
  if (positional.length > params.length) throw new KerasError(tooManyPositional(rule.className, table, positional.length));
  for (const name of keywords.keys()) {
    const index = table.index.get(name);
    if (index !== undefined && index < positional.length) {
      throw new KerasError(`${rule.className}.__init__() got multiple values for argument '${name}'`);
    }
  }
  let missing: string[] | null = null;
  for (let i = positional.length; i < params.length; i++) {
    if (table.defaults[i] === undefined && !keywords.has(params[i].name)) (missing ??= []).push(`'${params[i].name}'`);
  }
  if (missing) throw new KerasError(missingArguments(rule.className, missing));
  return new BoundArguments(table, positional, pairsOf(keywords));
}

function tooManyPositional(className: string, table: ParamTable, given: number): string {
  const required = table.defaults.filter((d) => d === undefined).length;
  return tooManyPositionalArguments(`${className}.__init__`, required, table.defaults.length, given);
}

/**
 * CPython's words for a method given more positional arguments than it has, `self` counted in all three
 * numbers: "Flatten.__init__() takes from 1 to 2 positional arguments but 3 were given". `least` and `most`
 * count the parameters after `self` (required ones, all), `given` the arguments after it.
 */
export function tooManyPositionalArguments(qualname: string, least: number, most: number, given: number): string {
  const takes = least === most ? `${most + 1} positional argument${most === 0 ? '' : 's'}` : `from ${least + 1} to ${most + 1} positional arguments`;
  return `${qualname}() takes ${takes} but ${given + 1} were given`;
}

/** CPython's words for missing arguments: "missing 2 required positional arguments: 'filters' and 'kernel_size'". */
function missingArguments(className: string, names: readonly string[]): string {
  const listed = names.length === 1 ? names[0] : names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
  return `${className}.__init__() missing ${names.length} required positional argument${names.length === 1 ? '' : 's'}: ${listed}`;
}
