/**
 * Executes Python statements: assignments, imports, `for`/`while` loops with known bounds, `if` on
 * known conditions, function and class definitions, and calls of user functions and classes. Code that
 * may or may not run (an unknown condition or iterable) is `branches.ts`'s business: never a guess.
 */
import { field, fieldAll, namedChildren, spanOf } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { forgetBelow } from '../syntax/cached';
import { executeImport } from '../extract/imports';
import { instantiateKerasClass, kerasBaseOf } from '../extract/subclassing';
import { kerasClassNamed } from '../extract/kerasClasses';
import { tensorBinary } from '../extract/kerasCalls';
import { bindName, inform, newScope, preconditionHolds, raise, sourceLabel, step, PyRaise, type Context } from './context';
import { executeUncertain, forgetChanges, forgetEffects, impure, resolveReceiver, stopCall, stopStatement, type Uncertainty } from './branches';
import { assignTarget, callValue, evaluate, evaluateArguments, subscriptSlot, type CallArguments } from './expressions';
import { binary, toStr, truthy } from './operators';
import { handlerCatches, isBuiltinException, raisedClass, type RaisedClass } from './exceptions';
import { appendAll, findInClass, isRaised, iterationItems, newFunction, NONE, raisedValue, repr, sequenceItems, unknown, type ClassObject, type FunctionObject, type InstanceObject, type PyValue, type Scope } from './values';

export type Completion =
  | { readonly type: 'normal' }
  | {
      readonly type: 'return';
      readonly value: PyValue;
      /** Set when the function may or may not have returned here: its result is unknown. */
      readonly uncertain?: true;
    }
  /** A `raise` the code does not catch: the rest of the function (or module) does not run. */
  | { readonly type: 'raise'; readonly raised: RaisedClass }
  /** `uncertain`: the loop may or may not stop here (a `break` or `continue` under an unknown condition). */
  | { readonly type: 'break'; readonly uncertain?: true }
  | { readonly type: 'continue' };

export const NORMAL: Completion = { type: 'normal' };

export function executeBlock(ctx: Context, statements: readonly SyntaxNode[], scope: Scope): Completion {
  for (const statement of statements) {
    const completion = executeStatement(ctx, statement, scope);
    if (completion.type !== 'normal') return completion;
  }
  return NORMAL;
}

/** One statement of a block. */
export function executeStatement(ctx: Context, statement: SyntaxNode, scope: Scope): Completion {
  try {
    return execute(ctx, statement, scope);
  } catch (error) {
    // Out of stack or memory in this statement (10,000 nested parentheses): it alone stops. In a sandboxed
    // branch the sandbox gives up instead, and the branches are forgotten rather than run (`branches.ts`).
    if (!(error instanceof RangeError) || ctx.state.sandboxed) throw error;
    return stopStatement(ctx, statement, scope);
  }
}

/**
 * `assert condition, message`: a condition known to be false is Python's AssertionError (the tutorials' `assert
 * model.output_shape == (None, 7, 7, 256)` where the shape is another), raised to an enclosing `try`, else
 * reported with its message. One not known statically asserts nothing.
 */
function executeAssert(ctx: Context, node: SyntaxNode, scope: Scope): void {
  const [condition, message] = namedChildren(node);
  if (!condition || truthy(evaluate(ctx, condition, scope)) !== false) return;
  const shown = message ? evaluate(ctx, message, scope) : null;
  const text = shown && shown.kind !== 'unknown' ? toStr(shown) : '';
  raise(ctx, 'AssertionError', 'assertion-error', text === '' ? 'AssertionError' : `AssertionError: ${text}`, node);
}

function body(node: SyntaxNode | null): readonly SyntaxNode[] {
  return node ? namedChildren(node) : [];
}

export function execute(ctx: Context, node: SyntaxNode, scope: Scope): Completion {
  step(ctx);
  switch (node.type) {
    case 'expression_statement':
      for (const child of namedChildren(node)) executeExpressionStatement(ctx, child, scope);
      return NORMAL;
    case 'import_statement':
    case 'import_from_statement':
    case 'future_import_statement':
      impure(ctx);
      executeImport(ctx, node, scope);
      return NORMAL;
    case 'return_statement': {
      const value = namedChildren(node)[0];
      return { type: 'return', value: value ? evaluate(ctx, value, scope) : NONE };
    }
    case 'if_statement':
      return executeIf(ctx, node, scope);
    case 'for_statement':
      return executeFor(ctx, node, scope);
    case 'while_statement':
      return executeWhile(ctx, node, scope);
    case 'function_definition':
      defineFunction(ctx, node, scope);
      return NORMAL;
    case 'class_definition':
      defineClass(ctx, node, scope);
      return NORMAL;
    case 'decorated_definition': {
      const definition = field(node, 'definition');
      const decorators = namedChildren(node).filter((c) => c.type === 'decorator');
      if (definition?.type === 'class_definition') {
        defineClass(ctx, definition, scope, decorators);
        return NORMAL;
      }
      if (definition?.type === 'function_definition') {
        decorateFunction(ctx, defineFunction(ctx, definition, scope), decorators, scope);
        return NORMAL;
      }
      return definition ? execute(ctx, definition, scope) : NORMAL;
    }
    case 'with_statement':
      return executeBlock(ctx, body(field(node, 'body')), scope);
    case 'try_statement':
      return executeTry(ctx, node, scope);
    case 'raise_statement':
      return { type: 'raise', raised: raisedBy(ctx, node, scope) };
    case 'break_statement':
      return { type: 'break' };
    case 'continue_statement':
      return { type: 'continue' };
    case 'block':
      return executeBlock(ctx, namedChildren(node), scope);
    case 'match_statement':
      // Patterns are not followed: what the cases change is unknown below, never a stale value.
      return forgetEffects(ctx, namedChildren(node), scope, {
        label: `match ${sourceLabel(field(node, 'subject') ?? node)}`,
        unknown: 'which case of a `match` statement applies (they are not followed)',
        code: 'unknown-condition',
        at: node,
      });
    case 'assert_statement':
      executeAssert(ctx, node, scope);
      return NORMAL;
    case 'delete_statement':
      for (const target of namedChildren(node).flatMap((child) => (child.type === 'expression_list' ? namedChildren(child) : [child]))) {
        executeDelete(ctx, target, scope);
      }
      return NORMAL;
    default:
      // pass, global, nonlocal, print, ERROR nodes: nothing to model.
      return NORMAL;
  }
}

/**
 * `del target`: an item of a list or dict goes, an attribute of an instance goes, and a name is no longer bound
 * (unknown below: Python would raise on reading it). What cannot be followed makes its container unknown.
 */
function executeDelete(ctx: Context, target: SyntaxNode, scope: Scope): void {
  if (target.type === 'identifier') {
    bindName(scope, target.text, unknown(target.text));
    return;
  }
  impure(ctx);
  if (target.type !== 'subscript' && target.type !== 'attribute') return;
  let objectNode: SyntaxNode | null;
  let container: PyValue;
  if (target.type === 'attribute') {
    objectNode = field(target, 'object');
    if (!objectNode) return;
    container = evaluate(ctx, objectNode, scope);
    const name = field(target, 'attribute')?.text ?? '';
    if (container.kind === 'instance' && container.instance.attributes.delete(name)) return;
  } else {
    const item = subscriptSlot(ctx, target, scope);
    objectNode = item.containerNode;
    container = item.container;
    if (container.kind === 'dict' && typeof item.slot === 'string' && container.entries.delete(item.slot)) return;
    if (container.kind === 'list' && typeof item.slot === 'number') {
      container.items.splice(item.slot, 1);
      return;
    }
  }
  if (container.kind === 'list' || container.kind === 'dict' || container.kind === 'instance') resolveReceiver(objectNode, scope)?.rebind(unknown(sourceLabel(objectNode)));
}

/**
 * The class a `raise` statement raises, evaluating what it raises as Python does. A bare `raise` re-raises
 * the exception being handled.
 */
function raisedBy(ctx: Context, node: SyntaxNode, scope: Scope): RaisedClass {
  const cause = field(node, 'cause');
  const raised = namedChildren(node).find((child) => child.id !== cause?.id);
  if (!raised) return ctx.handling.length > 0 ? ctx.handling[ctx.handling.length - 1] : null;
  if (raised.type === 'call') {
    // `raise ValueError(...)`: a builtin exception's arguments only make its message. The callee is evaluated
    // once, whatever it is (`raise make_error()(...)` runs `make_error` once, as Python does).
    const calleeNode = field(raised, 'function') as SyntaxNode;
    const callee = evaluate(ctx, calleeNode, scope);
    if (callee.kind === 'builtin' && isBuiltinException(callee.name)) return raisedClass(callee);
    return raisedClass(callValue(ctx, callee, evaluateArguments(ctx, field(raised, 'arguments'), scope), raised, calleeNode));
  }
  return raisedClass(evaluate(ctx, raised, scope));
}

/** The statements of an `except` or `finally` clause's block. */
function clauseBody(clause: SyntaxNode): SyntaxNode[] {
  return namedChildren(clause).filter((c) => c.type === 'block').flatMap((b) => namedChildren(b));
}

/**
 * The bodies of the `except` clauses that may catch `raised`, in order, up to one that surely does. The name
 * an `as` binds is unknown: nothing here follows the exception's value.
 */
function catchingClauses(ctx: Context, clauses: readonly SyntaxNode[], raised: RaisedClass, scope: Scope): SyntaxNode[][] {
  const bodies: SyntaxNode[][] = [];
  for (const clause of clauses) {
    if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
    const value = clause.type === 'except_clause' ? field(clause, 'value') : null;
    const typeNode = value?.type === 'as_pattern' ? namedChildren(value)[0] : value;
    const alias = value?.type === 'as_pattern' ? field(value, 'alias') : null;
    // `except*` matches the parts of an exception group: not followed.
    const group = clause.type === 'except_group_clause' || typeNode?.type === 'list_splat';
    const match = group ? 'maybe' : handlerCatches(typeNode ? evaluate(ctx, typeNode, scope) : null, raised);
    if (match === 'no') continue;
    if (alias) bindName(scope, alias.text, unknown(alias.text));
    bodies.push(clauseBody(clause));
    if (match === 'yes') break;
  }
  return bodies;
}

/**
 * `try`: the body; when it raises, the `except` clause that catches the exception as Python matches them
 * (all the clauses that may, as branches of which one runs, when that cannot be known); then `else` and
 * `finally` as Python runs them.
 */
function executeTry(ctx: Context, node: SyntaxNode, scope: Scope): Completion {
  const clauses = namedChildren(node);
  let completion: Completion;
  ctx.tryDepth++;
  try {
    completion = executeBlock(ctx, body(field(node, 'body')), scope);
  } catch (error) {
    if (!(error instanceof PyRaise)) throw error;
    completion = { type: 'raise', raised: error.raised };
  } finally {
    ctx.tryDepth--;
  }
  if (completion.type === 'raise') {
    const raised = completion.raised;
    const bodies = catchingClauses(ctx, clauses, raised, scope);
    ctx.handling.push(raised);
    try {
      // When no clause surely catches it, the exception may go on up instead: the code below runs only after
      // one of the clauses did, so a single one runs as it is.
      if (bodies.length === 1) completion = executeBlock(ctx, bodies[0], scope);
      else if (bodies.length > 1) {
        completion = executeUncertain(ctx, bodies, scope, {
          label: 'except',
          unknown: 'which `except` clause catches this exception',
          code: 'unknown-condition',
          at: node,
        });
      }
    } finally {
      ctx.handling.pop();
    }
  } else if (completion.type === 'normal') {
    const elseClause = clauses.find((c) => c.type === 'else_clause');
    if (elseClause) completion = executeBlock(ctx, body(field(elseClause, 'body')), scope);
  }
  const finallyClause = clauses.find((c) => c.type === 'finally_clause');
  if (finallyClause) {
    const final = executeBlock(ctx, clauseBody(finallyClause), scope);
    if (final.type !== 'normal') return final;
  }
  return completion;
}

function executeExpressionStatement(ctx: Context, node: SyntaxNode, scope: Scope): void {
  switch (node.type) {
    case 'assignment':
      executeAssignment(ctx, node, scope);
      return;
    case 'augmented_assignment': {
      const left = field(node, 'left') as SyntaxNode;
      const op = (field(node, 'operator')?.text ?? '+=').slice(0, -1);
      const current = evaluate(ctx, left, scope);
      const right = evaluate(ctx, field(node, 'right') as SyntaxNode, scope);
      if (op === '+' && current.kind === 'list') {
        impure(ctx);
        const items = sequenceItems(right);
        if (items) appendAll(current.items, items);
        else assignTarget(ctx, left, unknown(sourceLabel(node)), scope);
        return;
      }
      // `KerasTensor` has no in-place operators: Python falls back to `x = x + y`, an operation.
      const tensors = current.kind === 'tensor' || right.kind === 'tensor';
      assignTarget(ctx, left, tensors ? tensorBinary(ctx, op, current, right, node) : binary(op, current, right, () => sourceLabel(left)), scope);
      return;
    }
    default:
      evaluate(ctx, node, scope);
  }
}

/** `a = value`, and chains `a = b = value` (nested assignments on the right); returns the value. */
function executeAssignment(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const left = field(node, 'left') as SyntaxNode;
  const right = field(node, 'right');
  // An annotation without a value (`x: int`) binds nothing.
  if (!right) return NONE;
  if (right.type !== 'assignment') {
    const value = evaluate(ctx, right, scope);
    assignTarget(ctx, left, value, scope);
    return value;
  }
  // `a, b = b, a = 3, 5`: the value is computed once, then given to the targets from left to right, as Python does.
  const targets = [left];
  let source: SyntaxNode = right;
  for (let next = field(source, 'right'); source.type === 'assignment' && next; next = field(source, 'right')) {
    targets.push(field(source, 'left') as SyntaxNode);
    source = next;
  }
  const value = evaluate(ctx, source, scope);
  for (const target of targets) assignTarget(ctx, target, value, scope);
  return value;
}

function executeIf(ctx: Context, node: SyntaxNode, scope: Scope): Completion {
  const branches: { condition: SyntaxNode | null; body: readonly SyntaxNode[] }[] = [
    { condition: field(node, 'condition'), body: body(field(node, 'consequence')) },
  ];
  for (const alternative of fieldAll(node, 'alternative')) {
    if (alternative.type === 'elif_clause') {
      branches.push({ condition: field(alternative, 'condition'), body: body(field(alternative, 'consequence')) });
    } else {
      branches.push({ condition: null, body: body(field(alternative, 'body')) });
    }
  }
  for (let i = 0; i < branches.length; i++) {
    const branch = branches[i];
    if (!branch.condition) return executeBlock(ctx, branch.body, scope);
    const t = truthy(evaluate(ctx, branch.condition, scope));
    if (t === true) return executeBlock(ctx, branch.body, scope);
    if (t === null) {
      const rest = branches.slice(i).map((b) => b.body);
      // Without an `else`, running none of the bodies is one of the possibilities.
      if (branches[branches.length - 1].condition) rest.push([]);
      const condition = sourceLabel(branch.condition);
      return executeUncertain(ctx, rest, scope, { label: `if ${condition}`, unknown: `whether \`${condition}\` holds`, code: 'unknown-condition', at: branch.condition });
    }
  }
  return NORMAL;
}

/** How a loop over an iterable ended: every item visited (or `visit` stopped it), unknown items, or the bound. */
export type Iteration = 'done' | 'unknown' | 'bound';

/** Runs `visit` for each item of a known iterable, lazily for ranges, up to the loop bound. */
export function iterate(ctx: Context, iterable: PyValue, visit: (item: PyValue) => 'continue' | 'stop'): Iteration {
  const limit = ctx.bounds.maxLoopIterations;
  if (iterable.kind === 'range') {
    let count = 0;
    for (let i = iterable.start; iterable.step > 0 ? i < iterable.stop : i > iterable.stop; i += iterable.step) {
      if (count++ >= limit) return 'bound';
      if (visit({ kind: 'int', value: i }) === 'stop') return 'done';
    }
    return 'done';
  }
  const items = iterationItems(iterable);
  if (!items) return 'unknown';
  let count = 0;
  for (const item of items) {
    if (count++ >= limit) return 'bound';
    if (visit(item) === 'stop') return 'done';
  }
  return 'done';
}

/**
 * A loop cut at the iteration bound: what the iterations followed did stays, and what the later ones could
 * change becomes unknown, as for code not followed (`branches.ts`): a name the loop assigns must not keep the
 * value of the last iteration followed, nor a model's total the sum of the layers added so far.
 */
function stopLoop(ctx: Context, loop: SyntaxNode, scope: Scope): Completion {
  ctx.truncated = true;
  const header = loopHeader(loop);
  const { outcomes, returns } = forgetChanges(ctx, [loop], scope, header, loop);
  const limit = ctx.bounds.maxLoopIterations.toLocaleString('en-US');
  const rest = outcomes.length > 0 ? `, so what the later ones change is unknown: ${outcomes.join('; ')}` : '';
  inform(ctx, 'loop-bound', `Keras Shapes stopped following this loop after ${limit} iterations${rest}.`, loop);
  return returns ? { type: 'return', value: unknown(header), uncertain: true } : NORMAL;
}

function executeFor(ctx: Context, node: SyntaxNode, scope: Scope): Completion {
  const target = field(node, 'left') as SyntaxNode;
  const iterableNode = field(node, 'right') as SyntaxNode;
  const iterable = evaluate(ctx, iterableNode, scope);
  const loopBody = body(field(node, 'body'));
  let result: Completion = NORMAL;
  let broke = false;
  let stoppedUncertain = false;
  const iteration = iterate(ctx, iterable, (item) => {
    assignTarget(ctx, target, item, scope);
    const completion = executeBlock(ctx, loopBody, scope);
    if (completion.type === 'break') {
      broke = true;
      stoppedUncertain = completion.uncertain === true;
      return 'stop';
    }
    if (completion.type === 'return' || completion.type === 'raise') {
      result = completion;
      return 'stop';
    }
    return 'continue';
  });
  if (iteration === 'bound') return stopLoop(ctx, node, scope);
  if (iteration === 'unknown') {
    const iterableLabel = sourceLabel(iterableNode);
    const why = { label: `for … in ${iterableLabel}`, unknown: `what \`${iterableLabel}\` holds`, code: 'unknown-iterable' as const, at: iterableNode };
    const completion = forgetEffects(ctx, [node], scope, why);
    if (completion.type === 'return') return completion;
  }
  if (stoppedUncertain) return forgetEffects(ctx, [node], scope, mayStopEarly(node));
  if (result.type === 'return' || result.type === 'raise') return result;
  const alternative = field(node, 'alternative');
  if (iteration === 'done' && !broke && alternative) return executeBlock(ctx, body(field(alternative, 'body')), scope);
  return NORMAL;
}

function executeWhile(ctx: Context, node: SyntaxNode, scope: Scope): Completion {
  const condition = field(node, 'condition') as SyntaxNode;
  const loopBody = body(field(node, 'body'));
  const alternative = field(node, 'alternative');
  for (let count = 0; ; count++) {
    if (count >= ctx.bounds.maxLoopIterations) return stopLoop(ctx, node, scope);
    const t = truthy(evaluate(ctx, condition, scope));
    // Python runs a `while`'s `else` when its condition turns false, not after a `break`.
    if (t === false) return alternative ? executeBlock(ctx, body(field(alternative, 'body')), scope) : NORMAL;
    if (t === null) {
      const label = sourceLabel(condition);
      return forgetEffects(ctx, loopBody, scope, { label: `while ${label}`, unknown: `whether \`${label}\` holds`, code: 'unknown-condition', at: condition });
    }
    const completion = executeBlock(ctx, loopBody, scope);
    if (completion.type === 'break') return completion.uncertain ? forgetEffects(ctx, [node], scope, mayStopEarly(node)) : NORMAL;
    if (completion.type === 'return' || completion.type === 'raise') return completion;
  }
}

/** A loop left by a `break` or `continue` that may or may not happen: what its later iterations do is unknown. */
function mayStopEarly(loop: SyntaxNode): Uncertainty {
  return { label: loopHeader(loop), unknown: 'how many times this loop runs (it may stop early)', code: 'unknown-condition', at: loop };
}

/** How a loop's rows are named: `for … in range(n)`, `while x < n`. */
function loopHeader(loop: SyntaxNode): string {
  return loop.type === 'for_statement' ? `for … in ${sourceLabel(field(loop, 'right') ?? loop)}` : `while ${sourceLabel(field(loop, 'condition') ?? loop)}`;
}

function defineFunction(ctx: Context, node: SyntaxNode, scope: Scope): FunctionObject {
  const name = field(node, 'name')?.text ?? '<function>';
  const text = node.text;
  const fn = newFunction(name, node, scope, evaluateDefaults(ctx, node, scope), declarations(node, text), ctx.state.currentModule, yields(node, text));
  bindName(scope, name, { kind: 'function', fn });
  return fn;
}

/**
 * `@decorator` on a function: the name is bound to what the decorator returns, innermost first, as Python does,
 * where the decorator is a function of the user's (`def renamed(fn): ...; return wrapper`) or one of `functools`'
 * the interpreter models (`@functools.lru_cache`). Any other (a library's `@tf.function`) is taken to leave the
 * function as it is: what it does is not known, and most such decorators wrap a function without changing what it
 * computes.
 */
function decorateFunction(ctx: Context, fn: FunctionObject, decorators: readonly SyntaxNode[], scope: Scope): void {
  let value: PyValue = { kind: 'function', fn };
  for (let i = decorators.length - 1; i >= 0; i--) {
    const expression = namedChildren(decorators[i])[0];
    if (!expression) continue;
    const decorator = evaluate(ctx, expression, scope);
    if (decorator.kind !== 'function' && !(decorator.kind === 'builtin' && decorator.name.startsWith('functools.'))) continue;
    value = callValue(ctx, decorator, { positional: [value], firstNode: null, keywords: new Map(), keywordSpans: new Map() }, decorators[i], expression);
  }
  if (value.kind === 'function' && value.fn === fn) return;
  ctx.decorated.set(fn.node.id, fn);
  bindName(scope, fn.name, value);
}

const NO_DEFAULTS: ReadonlyMap<string, PyValue> = new Map();

/**
 * A function's (or lambda's) default values, evaluated where and when it is defined, as Python does: a name
 * they read that changes later does not change them, and a list default is one list for every call.
 */
export function evaluateDefaults(ctx: Context, node: SyntaxNode, scope: Scope): ReadonlyMap<string, PyValue> {
  const parameters = field(node, 'parameters');
  let defaults: Map<string, PyValue> | null = null;
  for (const parameter of parameters ? namedChildren(parameters) : []) {
    if (parameter.type !== 'default_parameter' && parameter.type !== 'typed_default_parameter') continue;
    const value = field(parameter, 'value');
    if (value) (defaults ??= new Map()).set(field(parameter, 'name')?.text ?? '', evaluate(ctx, value, scope));
  }
  return defaults ?? NO_DEFAULTS;
}

/** `@dataclass`, `@dataclass(...)`, `@dataclasses.dataclass`: the decorators that give a class its fields' `__init__`. */
const DATACLASS = /^@\s*(dataclasses\s*\.\s*)?dataclass\b/;

/** The fields a dataclass body declares, in order: its annotated names (`units: int = 4`), not `ClassVar`s. */
function dataclassFields(body: readonly SyntaxNode[], bases: readonly ClassObject[]): string[] {
  const fields = bases.flatMap((base) => base.fields ?? []);
  for (const statement of body) {
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : null;
    const annotation = assignment?.type === 'assignment' ? field(assignment, 'type') : null;
    const target = assignment && annotation ? field(assignment, 'left') : null;
    if (!target || target.type !== 'identifier' || /^(typing\.)?ClassVar\b/.test(annotation?.text ?? '')) continue;
    if (!fields.includes(target.text)) fields.push(target.text);
  }
  return fields;
}

function defineClass(ctx: Context, node: SyntaxNode, scope: Scope, decorators: readonly SyntaxNode[] = []): void {
  const name = field(node, 'name')?.text ?? '<class>';
  const baseNodes = namedChildren(field(node, 'superclasses') ?? node).filter((c) => c.type !== 'keyword_argument');
  const baseValues = field(node, 'superclasses') ? baseNodes.map((b) => evaluate(ctx, b, scope)) : [];
  const classScope = newScope(scope);
  const methods = new Map<string, FunctionObject>();
  const properties = new Set<string>();
  for (const statement of body(field(node, 'body'))) {
    const definition = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    if (definition?.type === 'function_definition') {
      const fn = defineFunction(ctx, definition, classScope);
      const decorators = statement.type === 'decorated_definition' ? namedChildren(statement).filter((c) => c.type === 'decorator').map((d) => d.text.trim()) : [];
      const binding = decorators.includes('@staticmethod') ? 'static' : decorators.includes('@classmethod') ? 'class' : undefined;
      methods.set(fn.name, binding ? { ...fn, closure: scope, binding } : { ...fn, closure: scope });
      if (decorators.includes('@property')) properties.add(fn.name);
    } else if (definition) {
      execute(ctx, definition, classScope);
    }
  }
  // `class Config(object)` is `class Config`. One loop rather than a `filter` and three `flatMap`s: every class of
  // the file is defined on every keystroke, and those took a tenth of the time of defining one.
  const bases: ClassObject[] = [];
  const builtinBases: string[] = [];
  const kerasBases: string[] = [];
  let written = 0;
  for (const base of baseValues) {
    if (base.kind === 'builtin' && base.name === 'object') continue;
    written++;
    if (base.kind === 'class') bases.push(base.cls);
    else if (base.kind === 'builtin' && isBuiltinException(base.name)) builtinBases.push(base.name);
    const keras = kerasClassNamed(base);
    if (keras !== null) kerasBases.push(keras);
  }
  const otherBases = written > bases.length + builtinBases.length;
  const unknownBases = written > bases.length + builtinBases.length + kerasBases.length;
  // `class Spec(NamedTuple)` takes its fields as a dataclass does (its tuple behaviour is not followed).
  const dataclass = decorators.some((d) => DATACLASS.test(d.text)) || baseNodes.some((b) => /^(typing\s*\.\s*)?NamedTuple$/.test(b.text));
  const fields = dataclass ? dataclassFields(body(field(node, 'body')), bases) : null;
  const unknownDecorators = decorators.some((d) => !DATACLASS.test(d.text));
  const attributes = new Map<string, PyValue>();
  for (const [key, value] of classScope.names) if (!methods.has(key)) attributes.set(key, value);
  const cls: ClassObject = {
    name, node, kerasBase: kerasBaseOf(baseValues), bases, builtinBases, otherBases, kerasBases, unknownBases, fields, unknownDecorators, methods, properties, attributes, closure: scope,
  };
  for (const [methodName, fn] of methods) methods.set(methodName, { ...fn, owner: cls });
  bindName(scope, name, { kind: 'class', cls });
}

const NEW_SCOPES: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

/**
 * The names a function body declares `global` and `nonlocal`, anywhere in it (in an `if`, a loop, a `try`)
 * but not in a function or class defined in it; read once, when `def` runs.
 */
function declarations(node: SyntaxNode, text: string): FunctionObject['declared'] {
  if (!text.includes('global') && !text.includes('nonlocal')) return null;
  const globals: string[] = [];
  const nonlocals: string[] = [];
  const visit = (parent: SyntaxNode): void => {
    for (const child of namedChildren(parent)) {
      if (child.type === 'global_statement') for (const name of namedChildren(child)) globals.push(name.text);
      else if (child.type === 'nonlocal_statement') for (const name of namedChildren(child)) nonlocals.push(name.text);
      else if (!NEW_SCOPES.has(child.type)) visit(child);
    }
  };
  const fnBody = field(node, 'body');
  if (fnBody) visit(fnBody);
  return globals.length > 0 || nonlocals.length > 0 ? { globals, nonlocals } : null;
}

/** Whether a function's body (not a function, class or lambda defined in it) has a `yield`: it is a generator. */
function yields(node: SyntaxNode, text: string): boolean {
  if (!text.includes('yield')) return false;
  const pending = [...namedChildren(field(node, 'body') ?? node)];
  for (let child = pending.pop(); child; child = pending.pop()) {
    if (child.type === 'yield') return true;
    if (!NEW_SCOPES.has(child.type)) for (const grandchild of namedChildren(child)) pending.push(grandchild);
  }
  return false;
}

/**
 * Calling a generator function runs none of its body: Python runs it as the generator is iterated, interleaved
 * with the code that iterates it, which the interpreter does not follow. What it yields is unknown, and what its
 * body could change (the names Keras gives, a model handed to it) is unknown from here on, as for code not followed.
 */
function deferredGenerator(ctx: Context, fn: FunctionObject, args: CallArguments, node: SyntaxNode): PyValue {
  impure(ctx);
  const label = sourceLabel(node);
  const scope = newScope(fn.closure, outerNames(fn));
  bindParameters(fn, fn.self ? { ...args, positional: [fn.self, ...args.positional] } : args, scope);
  // The names its body binds are its own frame's, which nothing sees.
  const { outcomes } = forgetChanges(ctx, namedChildren(field(fn.node, 'body') ?? fn.node), scope, label, node, false);
  const changed = outcomes.length > 0 ? `; as it runs when iterated, ${outcomes.join('; ')}` : '';
  inform(ctx, 'unknown-value', `Keras Shapes does not follow generators: what \`${label}\` yields is unknown${changed}.`, node);
  return unknown(label);
}

/**
 * Where a call's assignments to its `global` names (its module's scope) and `nonlocal` names (the nearest
 * enclosing function's scope that holds them) go; undefined when it declares none.
 */
function outerNames(fn: FunctionObject): ReadonlyMap<string, Scope> | undefined {
  if (!fn.declared) return undefined;
  let module = fn.closure;
  while (module.parent) module = module.parent;
  const outer = new Map<string, Scope>();
  for (const name of fn.declared.globals) outer.set(name, module);
  for (const name of fn.declared.nonlocals) {
    let holder: Scope | null = fn.closure;
    while (holder && holder !== module && !holder.names.has(name)) holder = holder.parent;
    if (holder && holder !== module) outer.set(name, holder);
  }
  return outer.size > 0 ? outer : undefined;
}

/** Binds arguments to a function's parameters like Python: positional, keywords, defaults, *args, **kwargs. */
function bindParameters(fn: FunctionObject, args: CallArguments, scope: Scope): void {
  const parameters = field(fn.node, 'parameters');
  const positional = [...args.positional];
  const keywords = new Map(args.keywords);
  let keywordOnly = false;
  for (const parameter of parameters ? namedChildren(parameters) : []) {
    switch (parameter.type) {
      case 'identifier':
      case 'typed_parameter': {
        const name = parameter.type === 'identifier' ? parameter.text : namedChildren(parameter)[0]?.text ?? '';
        if (namedChildren(parameter)[0]?.type === 'list_splat_pattern' || namedChildren(parameter)[0]?.type === 'dictionary_splat_pattern') {
          bindSplat(namedChildren(parameter)[0], positional, keywords, scope, args.unknownSpread);
          if (namedChildren(parameter)[0]?.type === 'list_splat_pattern') keywordOnly = true;
          break;
        }
        const value = !keywordOnly && positional.length > 0 ? positional.shift() : keywords.get(name);
        keywords.delete(name);
        scope.names.set(name, value ?? unknown(name));
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = field(parameter, 'name')?.text ?? '';
        let value = !keywordOnly && positional.length > 0 ? positional.shift() : keywords.get(name);
        keywords.delete(name);
        scope.names.set(name, value ?? (args.unknownSpread === undefined ? fn.defaults.get(name) : undefined) ?? unknown(name));
        break;
      }
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
        bindSplat(parameter, positional, keywords, scope, args.unknownSpread);
        if (parameter.type === 'list_splat_pattern') keywordOnly = true;
        break;
      case 'keyword_separator':
        keywordOnly = true;
        break;
      default:
        break;
    }
  }
}

function bindSplat(parameter: SyntaxNode, positional: PyValue[], keywords: Map<string, PyValue>, scope: Scope, unknownSpread: string | undefined): void {
  const name = namedChildren(parameter)[0]?.text ?? '';
  if (unknownSpread !== undefined) {
    scope.names.set(name, unknown(unknownSpread));
    if (parameter.type === 'list_splat_pattern') positional.length = 0;
    else keywords.clear();
  } else if (parameter.type === 'list_splat_pattern') {
    scope.names.set(name, { kind: 'tuple', items: positional.splice(0) });
  } else {
    scope.names.set(name, { kind: 'dict', entries: new Map(keywords) });
    keywords.clear();
  }
}

/** The key of a call in a function's cache: its arguments' reprs, when all are hashable values known statically. */
function memoKey(args: CallArguments): string | null {
  if (args.unknownSpread !== undefined) return null;
  const parts = args.positional.map(hashableRepr);
  for (const [name, value] of args.keywords) {
    const valueRepr = hashableRepr(value);
    parts.push(valueRepr === null ? null : `${name}=${valueRepr}`);
  }
  return parts.includes(null) ? null : parts.join(', ');
}

function hashableRepr(value: PyValue): string | null {
  switch (value.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'str':
    case 'none':
      return repr(value);
    case 'tuple': {
      const items = value.items.map(hashableRepr);
      return items.includes(null) ? null : `(${items.join(', ')})`;
    }
    default:
      return null;
  }
}

/** Calls a user function (or lambda) with evaluated arguments; recursion is bounded. */
export function callFunction(ctx: Context, fn: FunctionObject, args: CallArguments, node: SyntaxNode): PyValue {
  if (fn.generator) return deferredGenerator(ctx, fn, args, node);
  const key = fn.memo ? memoKey(args) : null;
  if (key !== null) {
    const remembered = fn.memo?.get(key);
    if (remembered) return remembered;
    const result = callFunction(ctx, { ...fn, memo: undefined }, args, node);
    if (!isRaised(result) && result.kind !== 'unknown') fn.memo?.set(key, result);
    return result;
  }
  const firstCall = !ctx.calledFunctions.has(fn.node.id);
  ctx.calledFunctions.add(fn.node.id);
  if (ctx.callDepth >= ctx.bounds.maxCallDepth) return stopCall(ctx, args, node);
  const scope = newScope(fn.closure, outerNames(fn));
  // A method found through `super()` is bound to the instance it was looked up for.
  const bound = fn.self ? { ...args, positional: [fn.self, ...args.positional] } : args;
  bindParameters(fn, bound, scope);
  const precondition = fn.precondition ? fn.precondition(scope, ctx.state.imageDataFormat) : null;
  if (precondition && !preconditionHolds(ctx, precondition, node)) return raisedValue(sourceLabel(node));
  const frame = fn.owner && bound.positional[0] ? { owner: fn.owner, self: bound.positional[0] } : null;
  if (frame) ctx.methodFrames.push(frame);
  const topLevel = fn.closure === ctx.moduleScope && fn.node.type === 'function_definition';
  if (topLevel) ctx.functionStack.push(fn.name);
  ctx.callDepth++;
  // Running a sibling module's function: what it builds is shown at this call.
  const state = ctx.state;
  const previous = { module: state.currentModule, anchor: state.anchor };
  if (fn.module !== state.currentModule) {
    if (state.currentModule === null) state.anchor = spanOf(node);
    state.currentModule = fn.module;
  }
  try {
    const fnBody = field(fn.node, 'body') as SyntaxNode;
    if (fn.node.type === 'lambda') return evaluate(ctx, fnBody, scope);
    const completion = executeBlock(ctx, namedChildren(fnBody), scope);
    // Most builders run once: their views then die young. A function called again keeps them for later calls.
    if (firstCall) forgetBelow(fn.node);
    if (completion.type === 'raise' && ctx.tryDepth > 0) throw new PyRaise(completion.raised);
    if (completion.type === 'raise' || (completion.type === 'return' && completion.uncertain)) return unknown(sourceLabel(node));
    const result = completion.type === 'return' ? completion.value : NONE;
    if (precondition?.modelName !== undefined && result.kind === 'model') result.model.name = result.model.asLayer.name = precondition.modelName;
    return result;
  } finally {
    ctx.callDepth--;
    if (frame) ctx.methodFrames.pop();
    if (topLevel) ctx.functionStack.pop();
    state.currentModule = previous.module;
    state.anchor = previous.anchor;
  }
}

/** Creates an instance of a user class, running `__init__`; Keras subclasses become models or layers. */
export function instantiate(ctx: Context, cls: ClassObject, args: CallArguments, node: SyntaxNode): PyValue {
  const instance: InstanceObject = { cls, attributes: new Map(), model: null, layer: null, weights: [] };
  const self: PyValue = { kind: 'instance', instance };
  if (cls.kerasBase) instantiateKerasClass(ctx, instance, args, spanOf(node));
  const init = findMethod(cls, '__init__');
  if (init) callFunction(ctx, init, { ...args, positional: [self, ...args.positional], firstNode: null }, node);
  else if (cls.fields) initDataclass(ctx, instance, cls.fields, args, node);
  else if (!cls.kerasBase && (args.positional.length > 0 || args.keywords.size > 0 || args.unknownSpread || unfollowedInit(cls))) instance.attributesUnknown = true;
  return self;
}

/** Whether an `__init__` the interpreter cannot see may run for the class: a library base's, a decorator's. */
function unfollowedInit(cls: ClassObject): boolean {
  return findInClass(cls, (c) => (c.unknownDecorators || (c.otherBases && !c.kerasBase && !c.fields) ? true : undefined)) ?? false;
}

/**
 * The `__init__` `@dataclass` writes: each field from the arguments in order, by keyword, or from its default
 * (the class attribute); a `field(...)` default or a missing argument leaves it unknown. Then `__post_init__`.
 */
function initDataclass(ctx: Context, instance: InstanceObject, fields: readonly string[], args: CallArguments, node: SyntaxNode): void {
  fields.forEach((name, i) => {
    const given = i < args.positional.length ? args.positional[i] : args.keywords.get(name);
    const fallback = given ?? (args.unknownSpread ? undefined : findInClass(instance.cls, (c) => c.attributes.get(name)));
    instance.attributes.set(name, fallback ?? unknown(name));
  });
  callMethod(ctx, instance, '__post_init__', { positional: [], firstNode: null, keywords: new Map(), keywordSpans: new Map() }, node);
}

/** A method by Python's lookup order: the class, then its bases. */
export function findMethod(cls: ClassObject, name: string): FunctionObject | undefined {
  return findInClass(cls, (c) => c.methods.get(name));
}

/** Calls a method of a user class instance, or returns null when it has no such method. */
export function callMethod(ctx: Context, instance: InstanceObject, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  const method = findMethod(instance.cls, name);
  if (!method) return null;
  const self: PyValue = { kind: 'instance', instance };
  return callFunction(ctx, method, { ...args, positional: [self, ...args.positional], firstNode: null }, node);
}

