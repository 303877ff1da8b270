/**
 * Evaluates Python expressions to values: literals, names, attributes, subscripts, operators, calls,
 * comprehensions, lambdas and f-strings. What cannot be known becomes an `unknown` labelled with its
 * source. Keras-specific meaning (layers, tensors, models) is delegated to `extract/kerasCalls.ts`;
 * statements and user-function calls to `statements.ts`.
 */
import type { Span } from '../model';
import { decodeEscape, field, fieldAll, namedChildren, plainStringValue, spanOf, stringPrefix } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { attributeOf } from '../extract/attributes';
import { callKerasValue, callOpaque, tensorBinary, tensorOperator, subscriptTensorValue } from '../extract/kerasCalls';
import { COMPARISON_OPS, UNARY_OPS } from '../extract/ops';
import { kerasBaseMethod } from '../extract/subclassing';
import { assignTrainable } from './trainable';
import { forgetChanges, impure, resolveReceiver, sandboxCallAllowed } from './branches';
import { callPlainMethod, CHANGING_METHODS } from './methods';
import { builtin, callBuiltin } from './builtins';
import { bindName, fail, inform, lookup, newScope, raise, sourceLabel, step, warn, type Context } from './context';
import { binary, compare, distinctItems, formatValue, index, plainRepr, sliceItems, toStr, truthy } from './operators';
import { callFunction, evaluateDefaults, iterate } from './statements';
import { appendAll, boundMethod, dictKey, findInClass, isRaised, layerOf, newFunction, NONE, raisedValue, sequenceItems, unknown, type ClassObject, type PyValue, type Scope } from './values';

export interface CallArguments {
  readonly positional: PyValue[];
  /** The syntax of the first positional argument when it is written as one (not spread from `*args`): where a Sequential entry points. */
  readonly firstNode: SyntaxNode | null;
  readonly keywords: ReadonlyMap<string, PyValue>;
  readonly keywordSpans: KeywordSpans;
  /**
   * Set (to its source) when a `*args` or `**kwargs` spreads something not known statically: then which
   * parameters it fills is unknown too, and none of them may fall back to its default.
   */
  readonly unknownSpread?: string;
  /** Set when an argument raised where Keras would (reported already): Python never makes the call. */
  readonly raised?: true;
}

/** Where each keyword argument of a call is written, for the diagnostics that point at one (`input_shape=`). */
export interface KeywordSpans {
  get(name: string): Span | undefined;
}

/** A float literal whose text JavaScript's `Number` reads differently: digit separators, an imaginary `j`. */
const FLOAT_REWRITTEN = /[_jJ]/;

/**
 * The spans of a call's keyword arguments, found in its argument list when asked: few calls are asked,
 * so no map or span is made per keyword. A name that came from a `**` spread has the spread's span.
 */
class WrittenKeywordSpans implements KeywordSpans {
  constructor(
    private readonly argumentList: SyntaxNode,
    /** Which spread gave each name that came from one; null when there is none. */
    private readonly spreads: ReadonlyMap<string, SyntaxNode> | null,
  ) {}

  get(name: string): Span | undefined {
    // The last argument to give the name wins, as in the keyword map.
    let found: SyntaxNode | null = null;
    for (const child of namedChildren(this.argumentList)) {
      if (child.type === 'keyword_argument' ? field(child, 'name')?.text === name : this.spreads?.get(name) === child) found = child;
    }
    return found ? spanOf(found) : undefined;
  }
}

export function evaluate(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  step(ctx);
  switch (node.type) {
    // The commonest first: a switch on strings compares case by case.
    case 'call':
      return evaluateCall(ctx, node, scope);
    case 'identifier':
      return lookupName(node, scope);
    case 'attribute': {
      const object = field(node, 'object');
      const name = field(node, 'attribute');
      if (!object || !name) return unknown(sourceLabel(node));
      const parent = superOf(ctx, object, scope);
      if (parent) return superAttribute(parent, name.text, node);
      return attributeOf(ctx, evaluate(ctx, withoutMisplacedStar(ctx, object), scope), name.text, node);
    }
    case 'integer': {
      const value = parseInteger(node.text);
      if (value.kind === 'unknown' && !/[jJ]$/.test(node.text)) tooLargeToBeExact(ctx, node);
      return value;
    }
    case 'float': {
      // Most floats (`0.2`, `1e-3`) are JavaScript's as written: the rewriting regexes only where they would change something.
      const text = node.text;
      return { kind: 'float', value: Number(FLOAT_REWRITTEN.test(text) ? text.replace(/_/g, '').replace(/[jJ]$/, '') : text) };
    }
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return NONE;
    case 'string':
      return evaluateString(ctx, node, scope);
    case 'concatenated_string':
      return evaluateConcatenated(ctx, node, scope);
    case 'parenthesized_expression': {
      const inner = namedChildren(node)[0];
      return inner ? evaluate(ctx, inner, scope) : NONE;
    }
    case 'tuple':
    case 'expression_list': {
      const items = evaluateItems(ctx, node, scope);
      return items.some(isRaised) ? raisedValue(sourceLabel(node)) : { kind: 'tuple', items };
    }
    case 'list': {
      const items = evaluateItems(ctx, node, scope);
      return items.some(isRaised) ? raisedValue(sourceLabel(node)) : { kind: 'list', items };
    }
    case 'set':
      return distinctItems(evaluateItems(ctx, node, scope)) ?? unknown(sourceLabel(node));
    case 'dictionary':
      return evaluateDict(ctx, node, scope);
    case 'subscript':
      return evaluateSubscript(ctx, node, scope);
    case 'binary_operator':
      return evaluateBinary(ctx, node, scope);
    case 'unary_operator': {
      const operand = evaluate(ctx, field(node, 'argument') as SyntaxNode, scope);
      const op = field(node, 'operator')?.text ?? '';
      if (operand.kind === 'int' || operand.kind === 'float') {
        if (op === '-') return { ...operand, value: -operand.value };
        if (op === '+') return operand;
        // Python's `~x` is `-x - 1` at any size (JS's `~` truncates to 32 bits).
        if (op === '~' && operand.kind === 'int') return { ...operand, value: -operand.value - 1 };
      }
      const tensorOp = operand.kind === 'tensor' ? UNARY_OPS.get(op) : undefined;
      return tensorOp ? tensorOperator(ctx, tensorOp, [operand], node) : unknown(sourceLabel(node));
    }
    case 'not_operator': {
      const t = truthy(evaluate(ctx, field(node, 'argument') as SyntaxNode, scope));
      return t === null ? unknown(sourceLabel(node)) : { kind: 'bool', value: !t };
    }
    case 'boolean_operator':
      return evaluateBoolean(ctx, node, scope);
    case 'comparison_operator':
      return evaluateComparison(ctx, node, scope);
    case 'conditional_expression': {
      const [whenTrue, condition, whenFalse] = namedChildren(node);
      const t = truthy(evaluate(ctx, condition, scope));
      if (t === null) return unknown(sourceLabel(node));
      return evaluate(ctx, t ? whenTrue : whenFalse, scope);
    }
    case 'lambda':
      return { kind: 'function', fn: newFunction('<lambda>', node, scope, evaluateDefaults(ctx, node, scope), null, ctx.state.currentModule, false) };
    case 'list_comprehension':
    case 'generator_expression': {
      // Over something unknown, even the number of items is unknown: one stand-in item would be a guess.
      const items = evaluateComprehension(ctx, node, scope);
      return items ? { kind: 'list', items } : unknown(sourceLabel(node));
    }
    case 'set_comprehension': {
      const items = evaluateComprehension(ctx, node, scope);
      return (items && distinctItems(items)) ?? unknown(sourceLabel(node));
    }
    case 'dictionary_comprehension': {
      // Each item is its `key: value` pair (below); a key not modelled makes the dict unknown.
      const pairs = evaluateComprehension(ctx, node, scope);
      const entries = new Map<string, PyValue>();
      for (const pair of pairs ?? []) {
        const [key, value] = pair.kind === 'tuple' ? pair.items : [];
        const k = key && dictKey(key);
        if (k === null || k === undefined || !value) return unknown(sourceLabel(node));
        entries.set(k, value);
      }
      return pairs ? { kind: 'dict', entries } : unknown(sourceLabel(node));
    }
    case 'pair':
      // Only a dict comprehension's body evaluates a pair here (a dict display reads its pairs itself).
      return { kind: 'tuple', items: [evaluate(ctx, field(node, 'key') as SyntaxNode, scope), evaluate(ctx, field(node, 'value') as SyntaxNode, scope)] };
    case 'named_expression': {
      const name = field(node, 'name');
      const value = evaluate(ctx, field(node, 'value') as SyntaxNode, scope);
      if (name) bindName(scope, name.text, value);
      return value;
    }
    case 'keyword_argument':
    case 'list_splat':
    case 'dictionary_splat':
      return unknown(sourceLabel(node));
    default:
      return unknown(sourceLabel(node));
  }
}

// Apart from `evaluate`, like `evaluateBinary`: a closure over `ctx` or `scope` there would make every
// `evaluate` call allocate a context for them.
function evaluateConcatenated(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const parts = namedChildren(node).map((n) => evaluateString(ctx, n, scope));
  if (parts.some((p) => p.kind !== 'str')) return unknown(sourceLabel(node));
  return { kind: 'str', value: parts.map((p) => (p.kind === 'str' ? p.value : '')).join('') };
}

// Apart from `evaluate`: its label closure would make every `evaluate` call allocate a context for `node`.
function evaluateBinary(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const left = evaluate(ctx, field(node, 'left') as SyntaxNode, scope);
  const right = evaluate(ctx, field(node, 'right') as SyntaxNode, scope);
  const op = field(node, 'operator')?.text ?? '';
  if (left.kind === 'tensor' || right.kind === 'tensor') return tensorBinary(ctx, op, left, right, node);
  const result = binary(op, left, right, () => sourceLabel(node));
  // An int to a negative power is a float, which may not be exact either: it did not grow.
  if (result.kind === 'unknown' && left.kind === 'int' && right.kind === 'int' && GROWING.has(op) && !(op === '**' && right.value < 0)) tooLargeToBeExact(ctx, node);
  return result;
}

/** Integer operators whose unknown result on two known integers means it outgrew exact JS numbers. */
const GROWING = new Set(['+', '-', '*', '**', '<<']);

function tooLargeToBeExact(ctx: Context, node: SyntaxNode): void {
  warn(
    ctx,
    'integer-overflow',
    `\`${sourceLabel(node)}\` is 2**53 or more: Keras Shapes cannot compute with it exactly, so it is unknown here.`,
    node,
  );
}

function parseInteger(text: string): PyValue {
  // Most integers are a few plain digits, which need none of the clean-up below.
  if (text.length <= 15 && isDigits(text)) return { kind: 'int', value: Number(text) };
  const clean = text.replace(/_/g, '').toLowerCase();
  if (clean.endsWith('j')) return { kind: 'unknown', label: text };
  const value = /^0[xob]/.test(clean) ? Number(clean) : Number(clean.replace(/l$/, ''));
  return Number.isSafeInteger(value) ? { kind: 'int', value } : { kind: 'unknown', label: text };
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0;
}

function lookupName(node: SyntaxNode, scope: Scope): PyValue {
  const name = node.text;
  const found = lookup(scope, name);
  if (found !== undefined) return found;
  return builtin(name) ?? unknown(name);
}

function evaluateString(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const plain = plainStringValue(node);
  if (plain !== null) return { kind: 'str', value: plain };
  const prefix = stringPrefix(node);
  if (prefix.includes('b')) return unknown(sourceLabel(node));
  const raw = prefix.includes('r');
  let text = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    switch (child.type) {
      case 'string_content':
        text += child.text;
        break;
      case 'escape_sequence':
        text += raw ? child.text : decodeEscape(child.text);
        break;
      case 'interpolation': {
        const expression = field(child, 'expression') ?? namedChildren(child)[0];
        if (!expression) return unknown(sourceLabel(node));
        const value = evaluate(ctx, expression, scope);
        const piece = value.kind === 'unknown' ? null : interpolated(value, field(child, 'type_conversion'), field(child, 'format_specifier'));
        if (piece === null) return unknown(sourceLabel(node));
        text += piece;
        break;
      }
      default:
        break;
    }
  }
  return { kind: 'str', value: text };
}

/**
 * An f-string field's text: `!s` and `!r` conversions and a format spec as Python applies them; null when
 * the spec holds a nested field (`{x:{width}}`) or is not modelled (`operators.formatValue`).
 */
function interpolated(value: PyValue, conversion: SyntaxNode | null, specifier: SyntaxNode | null): string | null {
  if (specifier && namedChildren(specifier).some((part) => part.type !== 'format_specifier_content' && part.type !== 'string_content')) return null;
  const converted: PyValue | null = !conversion ? value : conversion.text === '!s' ? { kind: 'str', value: toStr(value) } : conversion.text === '!r' ? plainRepr(value) : null;
  return converted && formatValue(converted, specifier ? specifier.text.slice(1) : '');
}

/**
 * What `super()` (in a method: its class and `self`) or `super(Class, self)` stands for, where `super` is
 * Python's own; null for anything else.
 */
function superOf(ctx: Context, node: SyntaxNode, scope: Scope): { readonly owner: ClassObject; readonly self: PyValue } | null {
  if (node.type !== 'call') return null;
  const callee = field(node, 'function');
  const args = field(node, 'arguments');
  if (callee?.type !== 'identifier' || callee.text !== 'super' || args?.type !== 'argument_list' || lookup(scope, 'super') !== undefined) return null;
  const given = namedChildren(args);
  if (given.length === 0) return ctx.methodFrames[ctx.methodFrames.length - 1] ?? null;
  if (given.length !== 2) return null;
  const [cls, self] = given.map((argument) => evaluate(ctx, argument, scope));
  return cls.kind === 'class' ? { owner: cls.cls, self } : null;
}

/**
 * `super().name`: the first class after `owner`, in the order Python searches its bases (depth first, which
 * is its order for single inheritance), that has the name; a method found is bound to `self`. Of Keras' own
 * bases only `Model.__init__` is modelled (`kerasBaseMethod`); the rest (`Layer.__init__`, `build`) are
 * unknown, with no effect.
 */
function superAttribute(target: { readonly owner: ClassObject; readonly self: PyValue }, name: string, node: SyntaxNode): PyValue {
  for (const base of target.owner.bases) {
    const found = findInClass(base, (c): PyValue | undefined => {
      const method = c.methods.get(name);
      return method ? boundMethod(method, target.self.kind === 'instance' ? target.self.instance.cls : c, target.self) : c.attributes.get(name);
    });
    if (found) return found;
  }
  return kerasBaseMethod(target.self, name) ?? unknown(sourceLabel(node));
}

/** Items of a tuple or list display, with `*splat` expanded where the sequence is known. */
function evaluateItems(ctx: Context, node: SyntaxNode, scope: Scope): PyValue[] {
  const items: PyValue[] = [];
  for (const child of namedChildren(node)) {
    if (child.type === 'list_splat') {
      const inner = namedChildren(child)[0];
      const value = inner ? evaluate(ctx, inner, scope) : NONE;
      const spread = sequenceItems(value);
      if (spread) appendAll(items, spread);
      else items.push(unknown(sourceLabel(child)));
    } else {
      items.push(evaluate(ctx, child, scope));
    }
  }
  return items;
}

function evaluateDict(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const entries = new Map<string, PyValue>();
  for (const pair of namedChildren(node)) {
    if (pair.type === 'pair') {
      const key = evaluate(ctx, field(pair, 'key') as SyntaxNode, scope);
      const value = evaluate(ctx, field(pair, 'value') as SyntaxNode, scope);
      if (isRaised(value)) return value;
      const k = dictKey(key);
      if (k === null) return unknown(sourceLabel(node));
      entries.set(k, value);
    } else if (pair.type === 'dictionary_splat') {
      const inner = namedChildren(pair)[0];
      const value = inner ? evaluate(ctx, inner, scope) : NONE;
      if (value.kind !== 'dict') return unknown(sourceLabel(node));
      value.entries.forEach((v, k) => entries.set(k, v));
    }
  }
  return { kind: 'dict', entries };
}

function sliceBound(ctx: Context, node: SyntaxNode | null, scope: Scope): number | null | undefined {
  if (!node) return null;
  const v = evaluate(ctx, node, scope);
  if (v.kind === 'int') return v.value;
  if (v.kind === 'none') return null;
  return undefined;
}

function evaluateSubscript(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const valueNode = field(node, 'value') as SyntaxNode;
  const value = evaluate(ctx, valueNode, scope);
  const subscripts = fieldAll(node, 'subscript');
  if (value.kind === 'tensor') return subscriptTensorValue(ctx, value, subscripts, scope, node);
  if (subscripts.length !== 1) return unknown(sourceLabel(node));
  const sub = subscripts[0];
  if (sub.type === 'slice') {
    const parts: (SyntaxNode | null)[] = [null, null, null];
    // A slice's children are its bounds separated by ':' tokens; empty bounds are absent.
    let position = 0;
    for (const child of sub.children) {
      if (!child) continue;
      if (child.type === ':') position++;
      else if (child.type !== 'comment') parts[position] = child;
    }
    // Three calls rather than a closure over `ctx` and `scope`, which V8 would keep in a context made on every
    // subscript.
    const start = sliceBound(ctx, parts[0], scope);
    const stop = sliceBound(ctx, parts[1], scope);
    const stride = sliceBound(ctx, parts[2], scope);
    if (start === undefined || stop === undefined || stride === undefined) return unknown(sourceLabel(node));
    if (value.kind === 'str') return { kind: 'str', value: sliceItems([...value.value], start, stop, stride).join('') };
    const items = sequenceItems(value);
    if (!items) return unknown(sourceLabel(node));
    const sliced = sliceItems(items, start, stop, stride);
    return value.kind === 'list' ? { kind: 'list', items: sliced } : { kind: 'tuple', items: sliced };
  }
  const key = evaluate(ctx, sub, scope);
  if (value.kind === 'unknown' || key.kind === 'unknown') return unknown(sourceLabel(node));
  return index(value, key) ?? unknown(sourceLabel(node));
}

function evaluateBoolean(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const op = field(node, 'operator')?.text;
  const left = evaluate(ctx, field(node, 'left') as SyntaxNode, scope);
  const t = truthy(left);
  if (t === null) return unknown(sourceLabel(node));
  if (op === 'and') return t ? evaluate(ctx, field(node, 'right') as SyntaxNode, scope) : left;
  return t ? left : evaluate(ctx, field(node, 'right') as SyntaxNode, scope);
}

function evaluateComparison(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const operands = namedChildren(node);
  const operators: string[] = [];
  // Operators are the anonymous children between operands; `not in` / `is not` are two tokens.
  let pending = '';
  for (const child of node.children) {
    if (!child) continue;
    if (child.isNamed) {
      if (pending) operators.push(pending.trim());
      pending = '';
    } else {
      pending += ` ${child.type}`;
    }
  }
  let left = evaluate(ctx, operands[0], scope);
  for (let i = 1; i < operands.length; i++) {
    const right = evaluate(ctx, operands[i], scope);
    const onTensors = (left.kind === 'tensor' || right.kind === 'tensor') && COMPARISON_OPS.get(operators[i - 1] ?? '==');
    if (onTensors) {
      // A tensor's comparison is a tensor, whose truth a chain (`a < x < b`) asks for: Keras raises there.
      if (operands.length > 2) return unknown(sourceLabel(node));
      return left.kind === 'tensor' ? tensorOperator(ctx, onTensors.op, [left, right], node) : tensorOperator(ctx, onTensors.mirrored, [right, left], node);
    }
    const result = compare(operators[i - 1] ?? '==', left, right);
    if (result === null) return unknown(sourceLabel(node));
    if (!result) return { kind: 'bool', value: false };
    left = right;
  }
  return { kind: 'bool', value: true };
}

function evaluateComprehension(ctx: Context, node: SyntaxNode, scope: Scope): PyValue[] | null {
  const body = field(node, 'body') as SyntaxNode;
  const clauses = namedChildren(node).filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
  const results: PyValue[] = [];
  const inner = newScope(scope);
  const run = (clauseIndex: number): boolean => {
    if (clauseIndex === clauses.length) {
      results.push(evaluate(ctx, body, inner));
      return true;
    }
    const clause = clauses[clauseIndex];
    if (clause.type === 'if_clause') {
      const condition = namedChildren(clause)[0];
      const t = truthy(evaluate(ctx, condition, inner));
      if (t === null) return false;
      return t ? run(clauseIndex + 1) : true;
    }
    const target = field(clause, 'left') as SyntaxNode;
    const iterable = evaluate(ctx, field(clause, 'right') as SyntaxNode, inner);
    let complete = true;
    const iteration = iterate(ctx, iterable, (item) => {
      assignTarget(ctx, target, item, inner);
      complete = run(clauseIndex + 1);
      return complete ? 'continue' : 'stop';
    });
    if (iteration === 'bound') {
      ctx.truncated = true;
      // The iterations not followed may create layers too: what they could change is unknown.
      const { outcomes } = forgetChanges(ctx, [node], scope, sourceLabel(node), clause);
      const limit = ctx.bounds.maxLoopIterations.toLocaleString('en-US');
      const rest = outcomes.length > 0 ? `; ${outcomes.join('; ')}` : '';
      inform(ctx, 'loop-bound', `Keras Shapes stopped following this comprehension after ${limit} iterations; its value is unknown${rest}.`, clause);
    }
    return iteration === 'done' && complete;
  };
  return run(0) ? results : null;
}

/**
 * The item `container[key]` names, for assigning or deleting it: a dict's key as its entries keep it, or a
 * list's index within range; null where that is not followed (a slice, a key not known, an index out of range).
 */
export function subscriptSlot(ctx: Context, target: SyntaxNode, scope: Scope): { containerNode: SyntaxNode; container: PyValue; slot: string | number | null } {
  const containerNode = field(target, 'value') as SyntaxNode;
  const container = evaluate(ctx, containerNode, scope);
  const subs = fieldAll(target, 'subscript');
  const key = subs.length === 1 && subs[0].type !== 'slice' ? evaluate(ctx, subs[0], scope) : null;
  if (container.kind === 'dict') return { containerNode, container, slot: key && dictKey(key) };
  if (container.kind !== 'list' || key?.kind !== 'int') return { containerNode, container, slot: null };
  const at = key.value < 0 ? container.items.length + key.value : key.value;
  return { containerNode, container, slot: at >= 0 && at < container.items.length ? at : null };
}

/** Python's ValueError for unpacking a sequence of another length than the targets: raised to a `try`, or reported. */
function unpackError(ctx: Context, starred: boolean, targets: number, items: number, node: SyntaxNode): void {
  const message = starred
    ? `not enough values to unpack (expected at least ${targets - 1}, got ${items})`
    : items > targets
      ? `too many values to unpack (expected ${targets})`
      : `not enough values to unpack (expected ${targets}, got ${items})`;
  raise(ctx, 'ValueError', 'python-error', message, node);
}

/** Binds an assignment target (`x`, `a, b`, `self.x`, `d[k]`) to a value. */
export function assignTarget(ctx: Context, target: SyntaxNode, value: PyValue, scope: Scope): void {
  switch (target.type) {
    case 'identifier':
      bindName(scope, target.text, value);
      if (value.kind === 'model') value.model.variable = target.text;
      if (value.kind === 'instance' && value.instance.model) value.instance.model.variable = target.text;
      return;
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list': {
      const targets = namedChildren(target);
      const items = sequenceItems(value);
      const star = targets.findIndex((t) => t.type === 'list_splat_pattern');
      // Python refuses a count that does not fit (too few items for the targets around a star, or not as many).
      const fits = items !== null && (star >= 0 ? items.length >= targets.length - 1 : items.length === targets.length);
      if (items !== null && !fits) unpackError(ctx, star >= 0, targets.length, items.length, target);
      // A loop, not a closure: one would capture the parameters, which V8 then keeps in a context made on every
      // entry to this function (every assignment).
      for (let i = 0; i < targets.length; i++) {
        const t = targets[i];
        if (i === star) {
          const rest = fits ? items.slice(i, items.length - (targets.length - i - 1)) : null;
          const name = namedChildren(t)[0];
          if (name) assignTarget(ctx, name, rest ? { kind: 'list', items: rest } : unknown(sourceLabel(t)), scope);
          continue;
        }
        // Targets after a star take the last items.
        const at = star >= 0 && i > star && items ? items.length - (targets.length - i) : i;
        assignTarget(ctx, t, fits ? items[at] : unknown(sourceLabel(t)), scope);
      }
      return;
    }
    case 'parenthesized_expression': {
      const inner = namedChildren(target)[0];
      if (inner) assignTarget(ctx, inner, value, scope);
      return;
    }
    case 'attribute':
      assignAttribute(ctx, evaluate(ctx, field(target, 'object') as SyntaxNode, scope), field(target, 'attribute')?.text ?? '', value);
      return;
    case 'subscript': {
      impure(ctx);
      const { containerNode, container, slot } = subscriptSlot(ctx, target, scope);
      if (container.kind === 'dict' && typeof slot === 'string') container.entries.set(slot, value);
      else if (container.kind === 'list' && typeof slot === 'number') container.items[slot] = value;
      // Not followed (a slice, a key not known, an index Python refuses): what the list or dict holds is unknown.
      else if (container.kind === 'list' || container.kind === 'dict') resolveReceiver(containerNode, scope)?.rebind(unknown(sourceLabel(containerNode)));
      return;
    }
    default:
      return;
  }
}

/** `object.name = value`, and `setattr(object, "name", value)`. */
function assignAttribute(ctx: Context, object: PyValue, name: string, value: PyValue): void {
  // A layer's `trainable` flag is Keras' setter, which a branch being tried out may set (`trainable.ts`).
  const layer = name === 'trainable' ? layerOf(object) : null;
  if (layer) {
    // Outside a branch being tried out, the sandbox (evaluating without effects) keeps no flags aside.
    if (!ctx.trainableWrites) impure(ctx);
    assignTrainable(ctx, layer, truthy(value));
    return;
  }
  impure(ctx);
  if (object.kind === 'instance') {
    object.instance.attributes.set(name, value);
    return;
  }
  if (object.kind === 'class') {
    // A class attribute changed through the class (`C.count += 1`): every later read sees it.
    object.cls.attributes.set(name, value);
  }
}

/** `setattr(object, name, value)`: an attribute assignment; with a name not known, what the object holds is unknown. */
function setAttributeByName(ctx: Context, args: CallArguments, node: SyntaxNode): PyValue {
  const [object, name, value] = args.positional;
  if (args.positional.length !== 3 || args.keywords.size > 0) return unknown(sourceLabel(node));
  if (name.kind === 'str') {
    assignAttribute(ctx, object, name.value, value);
    return NONE;
  }
  // Any attribute may be the one set: `trainable` too. The layers an instance holds stay counted.
  const layer = layerOf(object);
  if (!ctx.trainableWrites || object.kind === 'instance') impure(ctx);
  if (layer) assignTrainable(ctx, layer, null);
  if (object.kind === 'instance') {
    const attributes = object.instance.attributes;
    for (const [key, held] of attributes) if (!layerOf(held)) attributes.set(key, unknown(key));
    object.instance.attributesUnknown = true;
  }
  return NONE;
}

/** Shared by every call without keyword arguments (most of them): nothing writes to a call's maps. */
const NO_KEYWORDS: ReadonlyMap<string, PyValue> = new Map();
const NO_KEYWORD_SPANS: KeywordSpans = new Map();

/** Evaluates a call's arguments: positional (with `*args` spread), keywords (with `**kwargs` merged). */
export function evaluateArguments(ctx: Context, argumentList: SyntaxNode | null, scope: Scope): CallArguments {
  // The list lives as long as the layer it configures: made at its size when no `*args` spreads into it
  // (a list grown by `push` reserves room for 16).
  const written = argumentList && argumentList.type !== 'generator_expression' ? writtenPositionals(argumentList) : -1;
  const positional: PyValue[] = written >= 0 ? new Array<PyValue>(written) : [];
  let next = 0;
  let firstNode: SyntaxNode | null = null;
  let keywords: Map<string, PyValue> | null = null;
  let spreads: Map<string, SyntaxNode> | null = null;
  let unknownSpread: string | undefined;
  let raised = false;
  if (argumentList?.type === 'generator_expression') {
    positional.push(evaluate(ctx, argumentList, scope));
    firstNode = argumentList;
  } else if (argumentList) {
    for (const child of namedChildren(argumentList)) {
      if (child.type === 'keyword_argument') {
        const name = field(child, 'name')?.text ?? '';
        const value = evaluate(ctx, field(child, 'value') as SyntaxNode, scope);
        if (isRaised(value)) raised = true;
        (keywords ??= new Map()).set(name, value);
      } else if (child.type === 'list_splat') {
        const inner = namedChildren(child)[0];
        const value = inner ? evaluate(ctx, inner, scope) : NONE;
        const items = sequenceItems(value);
        if (items) {
          for (const item of items) positional.push(item);
        } else {
          unknownSpread ??= sourceLabel(child);
        }
      } else if (child.type === 'dictionary_splat') {
        const inner = namedChildren(child)[0];
        const value = inner ? evaluate(ctx, inner, scope) : NONE;
        if (value.kind === 'dict') {
          for (const [k, v] of value.entries) {
            (keywords ??= new Map()).set(k, v);
            (spreads ??= new Map()).set(k, child);
          }
        } else {
          unknownSpread ??= sourceLabel(child);
        }
      } else {
        // The first positional argument written as such, unless something was spread before it.
        if ((written >= 0 ? next : positional.length) === 0) firstNode = child;
        const value = evaluate(ctx, child, scope);
        if (isRaised(value)) raised = true;
        if (written >= 0) positional[next++] = value;
        else positional.push(value);
      }
    }
  }
  return {
    positional,
    firstNode,
    keywords: keywords ?? NO_KEYWORDS,
    keywordSpans: keywords && argumentList ? new WrittenKeywordSpans(argumentList, spreads) : NO_KEYWORD_SPANS,
    // Always both properties (undefined when not set): one object shape, and no spread to copy through.
    unknownSpread,
    raised: raised ? true : undefined,
  };
}

/** How many positional arguments a call writes, or -1 when one is spread (`*args`, `**kwargs`). */
function writtenPositionals(argumentList: SyntaxNode): number {
  let count = 0;
  for (const child of namedChildren(argumentList)) {
    if (child.type === 'list_splat' || child.type === 'dictionary_splat') return -1;
    if (child.type !== 'keyword_argument') count++;
  }
  return count;
}

/**
 * `*x` where Python allows no star (a callee, the object of an attribute) is a syntax error, which the
 * grammar accepts; and after an edit tree-sitter may attach the star to either (`*a.b(...)` parsed afresh
 * as `(*a).b(...)`, incrementally as `(*a.b)(...)`). So both read through the star and report the star
 * alone: the same result whichever tree the editor holds.
 */
function withoutMisplacedStar(ctx: Context, node: SyntaxNode): SyntaxNode {
  if (node.type !== 'list_splat') return node;
  const { startIndex, startPosition } = node;
  const star: Span = {
    start: startIndex,
    end: startIndex + 1,
    startLine: startPosition.row,
    startColumn: startPosition.column,
    endLine: startPosition.row,
    endColumn: startPosition.column + 1,
  };
  fail(ctx, 'syntax-error', "Syntax error: can't use starred expression here.", star);
  return namedChildren(node)[0] ?? node;
}

function evaluateCall(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const calleeNode = withoutMisplacedStar(ctx, field(node, 'function') as SyntaxNode);
  const callee = evaluate(ctx, calleeNode, scope);
  const args = evaluateArguments(ctx, field(node, 'arguments'), scope);
  if (callee.kind === 'method' && (callee.self.kind === 'list' || callee.self.kind === 'dict' || callee.self.kind === 'set') && CHANGING_METHODS[callee.self.kind].has(callee.name)) {
    impure(ctx);
    const result = callPlainMethod(callee.self, callee.name, args, node);
    if (result) return result;
    // Not followed (an argument not known, or Python would raise): what the list or dict holds is unknown.
    const receiver = calleeNode.type === 'attribute' ? field(calleeNode, 'object') : null;
    if (receiver) resolveReceiver(receiver, scope)?.rebind(unknown(sourceLabel(receiver)));
    return unknown(sourceLabel(node));
  }
  return callValue(ctx, callee, args, node, calleeNode);
}

/**
 * A builtin or library function on plain values, which may call back what it is given (`key=`, `reduce`'s
 * function). Apart from `callValue`, whose every call would otherwise make a context for the callback's variables.
 */
function callBuiltinValue(ctx: Context, name: string, args: CallArguments, node: SyntaxNode, calleeNode: SyntaxNode): PyValue {
  if (name === 'setattr') return setAttributeByName(ctx, args, node);
  const call = (fn: PyValue, positional: readonly PyValue[]): PyValue =>
    callValue(ctx, fn, { positional: [...positional], firstNode: null, keywords: NO_KEYWORDS, keywordSpans: NO_KEYWORD_SPANS }, node, calleeNode);
  const result = callBuiltin(name, args.positional, args.keywords, sourceLabel(node), call);
  // `getattr(self, f"block_{i}")` of an object of Keras' or the user's: its attribute as `self.block_0` reads it,
  // where that is known (the builtin itself answers for plain objects, and for a missing attribute's default).
  const [object, attribute] = args.positional;
  if (name === 'getattr' && result.kind === 'unknown' && attribute?.kind === 'str') {
    const found = attributeOf(ctx, object, attribute.value, node);
    return found.kind === 'method' && found.self.kind !== 'instance' ? result : found;
  }
  // A library function not modelled for graph tensors (`np.exp(x)`) is a row of unknown shape, as any other.
  return result.kind === 'unknown' && name.includes('.') ? callOpaque(ctx, sourceLabel(calleeNode), args, node) ?? result : result;
}

/** Calls any value: a user function or class, a builtin, or something of Keras'. */
const isTensor = (value: PyValue): boolean => value.kind === 'tensor';

/**
 * Python's sum of tensors starts from `start` (0): `sum([a, b])` is `(0 + a) + b`, two Add operations. Apart from
 * `callValue`, as its closure would make V8 keep that function's parameters in a context made on every call.
 */
function sumTensors(ctx: Context, items: readonly PyValue[], args: CallArguments, node: SyntaxNode): PyValue {
  const start = args.positional[1] ?? args.keywords.get('start') ?? { kind: 'int', value: 0 };
  return items.reduce((total, item) => tensorBinary(ctx, '+', total, item, node), start);
}

export function callValue(ctx: Context, callee: PyValue, args: CallArguments, node: SyntaxNode, calleeNode: SyntaxNode): PyValue {
  // What the call was given raised first, or it is of something that raised: Python never made it.
  if (args.raised || isRaised(callee)) return raisedValue(sourceLabel(node));
  if (ctx.state.sandboxed && !sandboxCallAllowed(callee)) impure(ctx);
  if (callee.kind === 'function') return callFunction(ctx, callee.fn, args, node);
  if (callee.kind === 'partial') {
    // The arguments given to `partial` come first; a keyword given again at the call wins, as in Python.
    const positional = [...callee.args, ...args.positional];
    const keywords = new Map([...callee.keywords, ...args.keywords]);
    const firstNode = callee.args.length === 0 ? args.firstNode : null;
    return callValue(ctx, callee.fn, { ...args, positional, keywords, firstNode }, node, calleeNode);
  }
  if (callee.kind === 'builtin') {
    if (callee.name === 'sum') {
      // `sum([x[..., i] for i in ...])` inside a Lambda adds tensors, which is a tensor operation.
      const items = args.positional[0] ? sequenceItems(args.positional[0]) : null;
      if (items && items.length > 0 && items.some(isTensor)) return sumTensors(ctx, items, args, node);
    }
    const tensorOp = args.positional.length >= 1 && args.positional[0].kind === 'tensor' ? UNARY_OPS.get(callee.name) : undefined;
    if (tensorOp) return tensorOperator(ctx, tensorOp, args.positional.slice(0, 1), node);
    return callBuiltinValue(ctx, callee.name, args, node, calleeNode);
  }
  // The label is only needed for an unknown result: most calls here make layers, so it is built late.
  const result = callKerasValue(ctx, callee, args, node, calleeNode);
  if (result) return result;
  if (callee.kind === 'unknown') return callOpaque(ctx, sourceLabel(calleeNode), args, node) ?? unknown(sourceLabel(node));
  return unknown(sourceLabel(node));
}
