/**
 * Code that may or may not run: the branches of an `if` whose condition is not known statically, and the
 * body of a loop over something unknown; and code the interpreter stopped following at one of its bounds
 * (a statement nested too deeply, a loop past its iterations, a call past the recursion depth, the step
 * budget), which may have run in Python. Nothing here is guessed.
 *
 * Branches that only compute plain values are tried out in a sandbox, each on a scope of its own, and
 * merged: a name keeps its value where every branch that can finish agrees on it (a branch that raises does
 * not reach the code below), and is unknown where they disagree. Branches with lasting effects (creating or
 * calling layers, adding to a model, mutating a list) are not run at all: what they could change becomes
 * unknown — the names they assign, the lists and dicts whose methods they call, the attributes they set — a
 * Sequential model gets one entry of unknown size for them, and a tensor they may replace passes through an
 * opaque layer, so the summary keeps its rows and everything after them is `?`.
 */
import { field, namedChildren, plainStringValue, spanOf } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { applyLayer, newOpaqueLayer } from '../infer/layers';
import { sequentialAddUncertain } from '../infer/models';
import { modelLayers } from '../infer/report';
import { FUNCTION_FORMS, LAYER_ALIASES } from '../infer/rules';
import { SANDBOX_ESCAPE, SandboxEscape, toSnakeCase } from '../infer/state';
import { forgetDtypes, setsCurrentDtypes } from '../infer/dtypes';
import { namesTakenByUnseenBuilder } from '../extract/applications';
import { scanNames } from '../extract/relevance';
import { CHANGING_METHODS } from './methods';
import { bindName, inform, lookup, newScope, PyRaise, sourceLabel, type Context } from './context';
import { evaluate, type CallArguments } from './expressions';
import { executeBlock, NORMAL, type Completion } from './statements';
import { layerOf, memberItems, NONE, unknown, type FunctionObject, type LayerObject, type PyValue, type Scope } from './values';
import { assignTrainable, mergeTrainable } from './trainable';

/** Throws when a sandboxed branch is about to do what the sandbox cannot undo. */
export function impure(ctx: Context): void {
  if (ctx.state.sandboxed) throw SANDBOX_ESCAPE;
}

/** Methods of plain values that change nothing: allowed in a sandboxed branch. */
const READING_METHODS: Readonly<Record<string, ReadonlySet<string>>> = {
  str: new Set(['format', 'join', 'upper', 'lower', 'replace']),
  list: new Set(['index', 'count', 'copy']),
  dict: new Set(['get', 'keys', 'values', 'items', 'copy']),
  model: new Set(['get_layer']),
  layer: new Set(['count_params']),
  set: new Set(['union', 'intersection', 'difference', 'copy']),
};

/** Whether calling `callee` inside a sandboxed branch is allowed (its own effects are guarded in turn). */
export function sandboxCallAllowed(callee: PyValue): boolean {
  switch (callee.kind) {
    case 'builtin':
    case 'function':
    case 'unknown':
      return true;
    case 'method':
      return READING_METHODS[callee.self.kind]?.has(callee.name) ?? false;
    default:
      return false;
  }
}

/** What cannot be known, for the user: `label` names rows (`if use_dropout`), `unknown` ends "cannot know statically …". */
export interface Uncertainty {
  readonly label: string;
  readonly unknown: string;
  /** The note's code: what kind of thing is unknown. */
  readonly code: 'unknown-condition' | 'unknown-iterable';
  /** Where it is reported. */
  readonly at: SyntaxNode;
}

/**
 * Runs branches of which at most one runs, none of them known to. `branches` must include the empty
 * branch when there is no `else`.
 */
export function executeUncertain(ctx: Context, branches: readonly (readonly SyntaxNode[])[], scope: Scope, why: Uncertainty): Completion {
  const finishing = branches.filter((body) => !raises(body));
  // Every branch raises, not necessarily the same exception.
  if (finishing.length === 0) return { type: 'raise', raised: null };
  const tried = tryBranches(ctx, finishing, scope);
  if (tried) {
    const differing = [...mergeBranches(tried.scopes, scope), ...mergeTrainable(ctx, tried.trainable).map((layer) => `${layer.name}.trainable`)];
    if (differing.length > 0) {
      inform(ctx, why.code, `Keras Shapes cannot know statically ${why.unknown}, and the branches disagree: ${quoted(differing)} ${isAre(differing)} unknown below.`, why.at);
    }
    return NORMAL;
  }
  return forgetEffects(ctx, finishing.flat(), scope, why);
}

/**
 * What code that is not followed could change becomes unknown (see the file's comment). A `return` in
 * it makes the function's result unknown: the code after it may not run.
 */
export function forgetEffects(ctx: Context, statements: readonly SyntaxNode[], scope: Scope, why: Uncertainty): Completion {
  const { outcomes, returns, leavesLoop } = forgetChanges(ctx, statements, scope, why.label, why.at);
  if (outcomes.length > 0) {
    inform(ctx, why.code, `Keras Shapes cannot know statically ${why.unknown}, so it does not follow this code: ${outcomes.join('; ')}.`, why.at);
  }
  if (returns) return { type: 'return', value: unknown(why.label), uncertain: true };
  return leavesLoop ? { type: 'break', uncertain: true } : NORMAL;
}

/**
 * A statement the interpreter could not follow to its end (nested too deeply, grown too large: the JS stack
 * or memory ran out) may have done part of its work, or none: what it could change becomes unknown, as for
 * code not followed (a name it assigns must not keep its value from before), and a note says so. The code
 * after it is still followed.
 */
export function stopStatement(ctx: Context, statement: SyntaxNode, scope: Scope): Completion {
  ctx.truncated = true;
  const { outcomes, returns, leavesLoop } = forgetStopped(ctx, statement, scope);
  const changed = outcomes.length > 0 ? `; ${outcomes.join('; ')}` : '';
  inform(ctx, 'nesting-bound', `Keras Shapes stopped following this statement: it is nested too deeply or grows too large to analyse${changed}.`, statement);
  if (returns) return { type: 'return', value: unknown(sourceLabel(statement)), uncertain: true };
  return leavesLoop ? { type: 'break', uncertain: true } : NORMAL;
}

function forgetStopped(ctx: Context, statement: SyntaxNode, scope: Scope): Forgotten {
  try {
    return forgetChanges(ctx, [statement], scope, sourceLabel(statement), statement);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // Too deep to walk as well: the names its text assigns become unknown, found without recursion.
    const names = [...scanNames(statement.text).bound];
    for (const name of names) bindName(scope, name, unknown(name));
    return {
      outcomes: names.length > 0 ? [`${quoted(names)} ${isAre(names)} unknown below`] : [],
      returns: statement.type === 'return_statement',
      leavesLoop: statement.type === 'break_statement' || statement.type === 'continue_statement',
    };
  }
}

/**
 * A call cut at the recursion bound is code not followed: its result is unknown, a Sequential model handed to
 * it gets a row of unknown size (once, however often the bound is met there), and the numbers of the names
 * Keras gives later are unknown, since the call may create layers.
 */
export function stopCall(ctx: Context, args: CallArguments, node: SyntaxNode): PyValue {
  impure(ctx);
  ctx.truncated = true;
  const label = sourceLabel(node);
  const models: string[] = [];
  for (const value of [...args.positional, ...args.keywords.values()]) {
    if (value.kind !== 'model' || value.model.state.kind !== 'sequential') continue;
    const last = value.model.state.entries[value.model.state.entries.length - 1];
    if (!(last?.uncertain && last.layer.name === label)) sequentialAddUncertain(ctx.state, value.model, label, spanOf(node));
    models.push(value.model.variable ?? value.model.name);
  }
  ctx.state.uncertainPrefixes.add('*');
  const rows = models.length > 0 ? `; ${quoted(models)} ${models.length === 1 ? 'gets' : 'get'} a row of unknown size for it` : '';
  inform(
    ctx,
    'recursion-bound',
    `Keras Shapes stopped following calls ${ctx.bounds.maxCallDepth} levels deep; this result is unknown${rows}; the numbers of the names Keras gives later are unknown.`,
    node,
  );
  return unknown(label);
}

/** What forgetting changed, as phrases of a note, and how the code forgotten may end. */
export interface Forgotten {
  readonly outcomes: string[];
  readonly returns: boolean;
  readonly leavesLoop: boolean;
}

/**
 * Makes unknown what `statements` could change (see the file's comment); `label` names the rows it adds to
 * Sequential models, reported at `at`. The caller writes the note. `names` false leaves the names they bind: those
 * of a frame that ends with them.
 */
export function forgetChanges(ctx: Context, statements: readonly SyntaxNode[], scope: Scope, label: string, at: SyntaxNode, names = true): Forgotten {
  const effects = collectEffects(statements);
  const changed: string[] = [];
  const models: string[] = [];
  // Before the names it assigns are forgotten: which layers it may freeze is found through them.
  const attributes = effects.attributes.filter(({ target }) => {
    const object = field(target, 'object');
    if (field(target, 'attribute')?.text !== 'trainable' || !object || !forgetTrainable(ctx, object, statements, scope)) return true;
    changed.push(target.text);
    return false;
  });
  for (const { object, name } of effects.setattrs) {
    // `setattr(x, name, ...)`: the attribute of an instance, or any of them when the name is not a string written.
    const owner = resolveReceiver(object, scope)?.value;
    const frozen = (name === null || name === 'trainable') && forgetTrainable(ctx, object, statements, scope);
    if (owner?.kind === 'instance') {
      for (const key of name === null ? [...owner.instance.attributes.keys()] : [name]) {
        if (!layerOf(owner.instance.attributes.get(key) ?? NONE)) owner.instance.attributes.set(key, unknown(key));
      }
      if (name === null) owner.instance.attributesUnknown = true;
    }
    if (frozen || owner?.kind === 'instance') changed.push(`${object.text}.${name ?? '?'}`);
  }
  for (const name of names ? effects.names : []) {
    changed.push(name);
    bindName(scope, name, replacement(ctx, lookup(scope, name), name, label, at));
  }
  for (const { target: attribute, value } of attributes) {
    const target = resolveReceiver(attribute, scope);
    if (!target) continue;
    changed.push(attribute.text);
    // A layer the code may create is tracked by its owner (a subclassed model counts it): unknown size.
    const layer = value && createsLayer(ctx, value, scope);
    target.rebind(layer ? uncertainLayer(ctx, label, at) : replacement(ctx, target.value, attribute.text, label, at));
  }
  const newlyUncertain: string[] = [];
  let dtypesForgotten = false;
  let formatForgotten = false;
  for (const call of effects.calls) {
    const callee = field(call, 'function');
    if (!callee) continue;
    if (!dtypesForgotten && maySetDtypes(ctx, call, callee, scope)) {
      forgetDtypes(ctx.state);
      dtypesForgotten = true;
    }
    if (!formatForgotten && ctx.state.imageDataFormat !== null && maySetImageDataFormat(ctx, call, callee, scope)) {
      ctx.state.imageDataFormat = null;
      formatForgotten = true;
    }
    for (const prefix of prefixesNamedBy(ctx, callee, scope, namedByString(field(call, 'arguments')))) {
      if (ctx.state.uncertainPrefixes.has(prefix)) continue;
      ctx.state.uncertainPrefixes.add(prefix);
      newlyUncertain.push(prefix === '*' ? 'all of them' : `\`${prefix}_?\``);
    }
  }
  for (const { argument, callee } of effects.passed) {
    const value = lookup(scope, argument.text);
    if (value?.kind === 'model' && value.model.state.kind === 'sequential' && mayChangeSequential(ctx, callee, scope)) {
      sequentialAddUncertain(ctx.state, value.model, label, spanOf(at));
      models.push(argument.text);
    }
  }
  for (const { receiver, method } of effects.receivers) {
    const target = resolveReceiver(receiver, scope);
    if (!target) continue;
    const value = target.value;
    if (value.kind === 'model' && value.model.state.kind === 'sequential' && SEQUENTIAL_CHANGES.has(method)) {
      sequentialAddUncertain(ctx.state, value.model, label, spanOf(at));
      models.push(receiver.text);
    } else if ((value.kind === 'list' || value.kind === 'dict' || value.kind === 'set') && CHANGING_METHODS[value.kind].has(method)) {
      target.rebind(unknown(receiver.text));
      changed.push(receiver.text);
    }
  }
  const outcomes = [
    ...(changed.length > 0 ? [`${quoted(changed)} ${isAre(changed)} unknown below`] : []),
    ...(models.length > 0 ? [`${quoted(models)} ${models.length === 1 ? 'gets' : 'get'} a row of unknown size for it`] : []),
    ...(effects.returns ? ['the function may return here, so what it returns is unknown'] : []),
    ...(newlyUncertain.length > 0 ? [`the numbers of the names Keras gives later are unknown (${newlyUncertain.join(', ')})`] : []),
    ...(dtypesForgotten ? ['the dtypes of the weights Keras makes later, and so their sizes in bytes, are unknown'] : []),
    ...(formatForgotten ? ['the image data format of the layers made later is unknown'] : []),
  ];
  return { outcomes, returns: effects.returns, leavesLoop: effects.leavesLoop };
}

/**
 * `x.trainable = ...` (or `setattr(x, ...)`) in code not followed: the flags of the layers `x` may stand for become unknown. `x` is looked up as
 * the code around sees it, or, for the variable of a loop in that code, as each item of what the loop iterates (every
 * layer of the models whose `.layers` it iterates, when which ones is not known). False when `x` is none of these.
 */
function forgetTrainable(ctx: Context, object: SyntaxNode, statements: readonly SyntaxNode[], scope: Scope): boolean {
  const loop = object.type === 'identifier' ? loopOver(object.text, statements) : null;
  const layers = loop ? layersIterated(ctx, loop, scope) : [lookedUp(ctx, object, scope)].flatMap((value) => (value ? layerOf(value) ?? [] : []));
  for (const layer of layers) assignTrainable(ctx, layer, null);
  return layers.length > 0;
}

/** What an expression gives, evaluated without any lasting effect; null when that would have had one. */
function lookedUp(ctx: Context, node: SyntaxNode, scope: Scope): PyValue | null {
  return sandboxed(ctx, () => evaluate(ctx, node, scope));
}

/** The iterable of a `for` (statement or comprehension) in `statements` whose variable is `name`, if any. */
function loopOver(name: string, statements: readonly SyntaxNode[]): SyntaxNode | null {
  const pending = [...statements];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'for_statement' || node.type === 'for_in_clause') {
      const left = field(node, 'left');
      if (left && (left.type === 'identifier' ? left.text === name : namedChildren(left).some((t) => t.text === name))) return field(node, 'right');
    }
    for (const child of namedChildren(node)) pending.push(child);
  }
  return null;
}

/** The layers iterating `iterable` gives (nested in tuples, as `enumerate` gives them), or every layer of the models it reads `.layers` of. */
function layersIterated(ctx: Context, iterable: SyntaxNode, scope: Scope): LayerObject[] {
  const value = lookedUp(ctx, iterable, scope);
  const items = value ? memberItems(value) : null;
  if (items) return items.flatMap((item) => (item.kind === 'tuple' ? item.items : [item])).flatMap((item) => layerOf(item) ?? []);
  const layers: LayerObject[] = [];
  const pending = [iterable];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const owner = node.type === 'attribute' && field(node, 'attribute')?.text === 'layers' ? field(node, 'object') : null;
    const model = owner ? lookedUp(ctx, owner, scope) : null;
    if (model?.kind === 'model') layers.push(...modelLayers(model.model));
    for (const child of namedChildren(node)) pending.push(child);
  }
  return layers;
}

/** The methods of a Sequential model that change it. */
const SEQUENTIAL_CHANGES: ReadonlySet<string> = new Set(['add', 'pop', 'build']);

/** `a`, `b` and 3 more: names for a note, a few at most. */
function quoted(names: readonly string[]): string {
  const shown = names.slice(0, 4).map((n) => `\`${n}\``);
  return names.length > 4 ? `${shown.join(', ')} and ${names.length - 4} more` : shown.join(', ');
}

const isAre = (names: readonly string[]): string => (names.length === 1 ? 'is' : 'are');

/** Whether a branch raises at its own level, so that the code after the `if` is never reached through it. */
function raises(body: readonly SyntaxNode[]): boolean {
  return body.some((statement) => statement.type === 'raise_statement');
}

// ---------------------------------------------------------------- the sandbox

/**
 * Each branch's own names and the `trainable` flags it set, or null as soon as one branch has a lasting effect or
 * leaves the block.
 */
function tryBranches(
  ctx: Context,
  branches: readonly (readonly SyntaxNode[])[],
  scope: Scope,
): { readonly scopes: Scope[]; readonly trainable: Map<LayerObject, boolean | null>[] } | null {
  const outer = ctx.trainableWrites;
  try {
    return sandboxed(ctx, () => {
      const scopes: Scope[] = [];
      const trainable: Map<LayerObject, boolean | null>[] = [];
      for (const body of branches) {
        const own = newScope(scope);
        // A branch starts from the flags the code around it set, if it is itself being tried out.
        const writes = new Map(outer ?? []);
        ctx.trainableWrites = writes;
        if (executeBlock(ctx, body, own).type !== 'normal') return null;
        scopes.push(own);
        trainable.push(writes);
      }
      return { scopes, trainable };
    });
  } finally {
    ctx.trainableWrites = outer;
  }
}

/**
 * Runs `run` with every lasting effect forbidden: its result, or null when it tried one (or gave up).
 * Then nothing of it may show: not its notes, nor the functions it called.
 */
function sandboxed<T>(ctx: Context, run: () => T | null): T | null {
  const issues = ctx.state.issues.length;
  const called = new Set(ctx.calledFunctions);
  const wasSandboxed = ctx.state.sandboxed;
  ctx.state.sandboxed = true;
  let result: T | null = null;
  try {
    result = run();
  } catch (error) {
    // Out of stack or memory in a branch (`statements.ts` lets it through), or an exception that may or may
    // not happen: give up the sandbox alike.
    if (!(error instanceof SandboxEscape) && !(error instanceof RangeError) && !(error instanceof PyRaise)) throw error;
  } finally {
    ctx.state.sandboxed = wasSandboxed;
  }
  if (result === null) {
    ctx.state.issues.length = issues;
    ctx.calledFunctions.clear();
    called.forEach((id) => ctx.calledFunctions.add(id));
  }
  return result;
}

/**
 * What a callee written as a name (`f`, `layers.Dense`, `self.block`) stands for, looked up without any
 * lasting effect: null when it is not a name; `value` null when looking it up would have had an effect.
 */
function namedCallee(ctx: Context, callee: SyntaxNode, scope: Scope): { readonly value: PyValue | null } | null {
  if (callee.type !== 'identifier' && callee.type !== 'attribute') return null;
  return { value: sandboxed(ctx, () => evaluate(ctx, callee, scope)) };
}

/**
 * The name prefixes a call not followed could have taken: `dense` for `layers.Dense(...)` (none when it is given
 * a `name=` string, `named`), `functional` for `model.add(...)` (each rebuild of a Sequential model creates one),
 * every prefix for a call of user code. Calling a layer or a library function takes none.
 */
function prefixesNamedBy(ctx: Context, callee: SyntaxNode, scope: Scope, named: boolean): readonly string[] {
  const found = namedCallee(ctx, callee, scope);
  if (!found) return [];
  const value = found.value;
  switch (value?.kind) {
    case undefined:
    case 'function':
    case 'class':
      return ['*'];
    case 'keras':
      // A layer (or a merge function) given its name takes no automatic one.
      return named && /^(layer|function):/.test(value.name) ? [] : prefixesOfKeras(value.name);
    case 'method':
      if (value.self.kind === 'instance') return ['*'];
      return value.self.kind === 'model' && SEQUENTIAL_CHANGES.has(value.name) ? ['functional'] : [];
    default:
      return [];
  }
}

/** Binds each name the branches assign: its value where they all agree, unknown where not. */
function mergeBranches(outcomes: readonly Scope[], scope: Scope): string[] {
  const names = new Set(outcomes.flatMap((own) => [...own.names.keys()]));
  const differing: string[] = [];
  for (const name of names) {
    const values = outcomes.map((own) => own.names.get(name) ?? lookup(scope, name));
    const first = values[0];
    if (first !== undefined && values.every((v) => v !== undefined && sameValue(v, first))) {
      bindName(scope, name, first);
    } else {
      differing.push(name);
      bindName(scope, name, unknown(name));
    }
  }
  return differing;
}

/**
 * The same value for all that follows: equal plain values of the same type (`1` and `1.0` are equal in
 * Python, but `Dense(1.0)` is an error), the same object otherwise.
 */
function sameValue(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'int':
    case 'float':
    case 'str':
    case 'bool':
      return b.kind === a.kind && a.value === b.value;
    case 'none':
      return b.kind === 'none';
    case 'tuple':
    case 'list':
      return b.kind === a.kind && a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]));
    case 'range':
      return b.kind === 'range' && a.start === b.start && a.stop === b.stop && a.step === b.step;
    case 'module':
      return b.kind === 'module' && a.path === b.path;
    case 'keras':
    case 'builtin':
      return b.kind === a.kind && a.name === b.name;
    case 'tensor':
      return b.kind === 'tensor' && a.tensor === b.tensor;
    case 'layer':
      return b.kind === 'layer' && a.layer === b.layer;
    case 'model':
      return b.kind === 'model' && a.model === b.model;
    case 'function':
      return b.kind === 'function' && a.fn === b.fn;
    case 'class':
      return b.kind === 'class' && a.cls === b.cls;
    case 'instance':
      return b.kind === 'instance' && a.instance === b.instance;
    default:
      return false;
  }
}

/** The names a Keras callable takes (`layer:Dense` → `dense`); the `ops:` of `keras.ops` may take any. */
function prefixesOfKeras(callable: string): readonly string[] {
  const [space, name] = callable.includes(':') ? callable.split(':') : ['', callable];
  switch (space) {
    case 'layer':
      return [toSnakeCase(LAYER_ALIASES.get(name) ?? name)];
    case 'function': {
      const rule = FUNCTION_FORMS.get(name);
      return rule ? [toSnakeCase(rule.className)] : [];
    }
    case 'ops':
      return ['*'];
    case 'applications': {
      // A builder not bundled takes names of its kinds; `preprocess_input` those of its operations.
      const last = name.slice(name.lastIndexOf('.') + 1);
      return /^[A-Z]/.test(last) ? [...namesTakenByUnseenBuilder(last, unknown(name)).uncertain] : ['*'];
    }
    case 'backend':
    case 'utils':
      // `clear_session()` starts every number again.
      return name === 'clear_session' ? ['*'] : [];
    case '':
      if (name === 'Input' || name === 'InputLayer') return ['input_layer'];
      if (name === 'Sequential') return ['sequential', 'functional'];
      if (name === 'Model') return ['functional'];
      return ['*'];
    default:
      return [];
  }
}

// ---------------------------------------------------------------- effects of code not followed

interface Effects {
  /** Names the code assigns (targets, loop variables, definitions). */
  readonly names: Set<string>;
  /** Attributes it assigns, with the value when it is one expression: `self.block = Dense(4)`. */
  readonly attributes: { readonly target: SyntaxNode; readonly value: SyntaxNode | null }[];
  /** Objects whose methods it calls or whose items it sets: `model` in `model.add(...)`, `d` in `d[k] = v`. */
  readonly receivers: { readonly receiver: SyntaxNode; readonly method: string }[];
  /** Its calls: what they create could take names that code after it would otherwise get. */
  readonly calls: SyntaxNode[];
  /** Names passed to calls (`add_head(model)`): a function of the user's may change what they hold. */
  readonly passed: { readonly argument: SyntaxNode; readonly callee: SyntaxNode }[];
  /** `setattr(object, name, ...)` calls: the object, and the name when it is a string written there. */
  readonly setattrs: { readonly object: SyntaxNode; readonly name: string | null }[];
  /** Whether a `return` in it could end the enclosing function. */
  returns: boolean;
  /** Whether a `break` or `continue` in it could leave the enclosing loop's iteration. */
  leavesLoop: boolean;
}

function collectEffects(statements: readonly SyntaxNode[]): Effects {
  const effects: Effects = { names: new Set(), attributes: [], receivers: [], calls: [], passed: [], setattrs: [], returns: false, leavesLoop: false };
  const pushReceiver = (node: SyntaxNode | null, method: string): void => {
    if (node && (node.type === 'identifier' || node.type === 'attribute')) effects.receivers.push({ receiver: node, method });
  };
  const target = (node: SyntaxNode, value: SyntaxNode | null = null): void => {
    if (node.type === 'identifier') effects.names.add(node.text);
    else if (node.type === 'attribute') effects.attributes.push({ target: node, value });
    else if (node.type === 'subscript') pushReceiver(field(node, 'value'), '[]');
    else namedChildren(node).forEach((item) => target(item));
  };
  // Depth first in source order, on a stack of its own rather than the JS one: a statement nested 10,000
  // deep (which stops the interpreter) is still walked. `loops` counts the loops around a node.
  const pending: { readonly node: SyntaxNode; readonly loops: number }[] = [];
  const push = (nodes: readonly SyntaxNode[], loops: number): void => {
    for (let i = nodes.length - 1; i >= 0; i--) pending.push({ node: nodes[i], loops });
  };
  push(statements, 0);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, loops } = next;
    let inner = loops;
    switch (node.type) {
      case 'function_definition':
      case 'class_definition': {
        const name = field(node, 'name');
        if (name) effects.names.add(name.text);
        continue;
      }
      case 'lambda':
        continue;
      case 'return_statement':
        effects.returns = true;
        break;
      case 'break_statement':
      case 'continue_statement':
        if (loops === 0) effects.leavesLoop = true;
        break;
      case 'while_statement':
        inner = loops + 1;
        break;
      case 'assignment':
      case 'augmented_assignment': {
        const left = field(node, 'left');
        if (left) target(left, field(node, 'right'));
        break;
      }
      case 'for_statement': {
        const left = field(node, 'left');
        if (left) target(left);
        inner = loops + 1;
        break;
      }
      case 'named_expression': {
        const name = field(node, 'name');
        if (name) effects.names.add(name.text);
        break;
      }
      case 'call': {
        const callee = field(node, 'function');
        if (callee) effects.calls.push(node);
        const args = field(node, 'arguments');
        if (callee && args?.type === 'argument_list') {
          for (const argument of namedChildren(args)) if (argument.type === 'identifier') effects.passed.push({ argument, callee });
        }
        if (callee?.type === 'attribute') pushReceiver(field(callee, 'object'), field(callee, 'attribute')?.text ?? '');
        const [object, attribute] = callee?.type === 'identifier' && callee.text === 'setattr' && args?.type === 'argument_list' ? namedChildren(args) : [];
        if (object) effects.setattrs.push({ object, name: attribute?.type === 'string' ? plainStringValue(attribute) : null });
        break;
      }
      default:
        break;
    }
    push(namedChildren(node), inner);
  }
  return effects;
}

/** Whether a call's arguments give `name=` a string (a literal, an f-string, or a string with something added to it). */
function namedByString(args: SyntaxNode | null): boolean {
  if (args?.type !== 'argument_list') return false;
  const given = namedChildren(args).find((a) => a.type === 'keyword_argument' && field(a, 'name')?.text === 'name');
  let value = given ? field(given, 'value') : null;
  while (value?.type === 'binary_operator' && field(value, 'operator')?.text === '+') value = field(value, 'left');
  return value?.type === 'string' || value?.type === 'concatenated_string';
}

/** A receiver that names a variable or an attribute of an instance: its value, and how to rebind it. */
export function resolveReceiver(node: SyntaxNode, scope: Scope): { value: PyValue; rebind(value: PyValue): void } | null {
  if (node.type === 'identifier') {
    // Rebound where it is held: a list of the module changed inside a function is the module's.
    for (let holder: Scope | null = scope; holder; holder = holder.parent) {
      const value = holder.names.get(node.text);
      if (value !== undefined) return { value, rebind: (v) => (holder === scope ? bindName(scope, node.text, v) : holder.names.set(node.text, v)) };
    }
    return null;
  }
  const object = field(node, 'object');
  const attribute = field(node, 'attribute')?.text;
  if (!object || !attribute) return null;
  const owner = resolveReceiver(object, scope)?.value;
  if (owner?.kind !== 'instance') return null;
  const attributes = owner.instance.attributes;
  return { value: attributes.get(attribute) ?? unknown(node.text), rebind: (v) => attributes.set(attribute, v) };
}

/**
 * Whether calling `callee` with a Sequential model may change it: a function of the user's whose code
 * adds, pops or builds (`m.add(...)`), or calls a function of the user's that may (`add_head` handing the
 * model to `add_dense`); `train(model)` does not.
 */
function mayChangeSequential(ctx: Context, callee: SyntaxNode, scope: Scope): boolean {
  const value = namedCallee(ctx, callee, scope)?.value;
  return value?.kind === 'function' && functionMayChangeSequential(value.fn, new Set());
}

const CHANGES_A_SEQUENTIAL = /\.(add|pop|build)\s*\(/;
/** A call of a plain name (`f(`, not `x.f(`): where a function hands its arguments on. */
const CALLED_NAME = /(?<![\w.])([A-Za-z_]\w*)\s*\(/g;

function functionMayChangeSequential(fn: FunctionObject, seen: Set<number>): boolean {
  return functionMayCall(fn, CHANGES_A_SEQUENTIAL, seen);
}

/**
 * Whether a function of the user's calls what `pattern` matches, or calls a function of the user's that may. Read
 * from the text, so a call in a comment or string counts too: a `?` too many rather than one missed.
 */
function functionMayCall(fn: FunctionObject, pattern: RegExp, seen: Set<number>): boolean {
  if (seen.has(fn.node.id)) return false;
  seen.add(fn.node.id);
  const text = fn.node.text;
  if (pattern.test(text)) return true;
  for (const [, name] of text.matchAll(CALLED_NAME)) {
    const called = lookup(fn.closure, name);
    if (called?.kind === 'function' && functionMayCall(called.fn, pattern, seen)) return true;
  }
  return false;
}

/** The Keras functions that set the global dtype policy or `floatx` (`infer/dtypes.ts`), under any of their names. */
const SETS_DTYPES = /\b(set_floatx|set_dtype_policy|set_global_policy)\s*\(/;
const CLEARS_SESSION = /\bclear_session\s*\(/;

/**
 * Whether a call not followed may change the dtype of the weights made later: a call of Keras' setters, unless
 * it sets what is set already (`if args.amp: set_global_policy("mixed_float16")` keeps float32 weights), or of
 * a function of the user's that may call one.
 */
function maySetDtypes(ctx: Context, call: SyntaxNode, callee: SyntaxNode, scope: Scope): boolean {
  const value = namedCallee(ctx, callee, scope)?.value;
  // `clear_session()` puts back the policy `floatx` gives, which changes something only when another was set.
  const state = ctx.state;
  const clearing = state.dtypePolicy !== undefined && state.dtypePolicy !== state.floatx;
  if (value?.kind === 'function') return functionMayCall(value.fn, SETS_DTYPES, new Set()) || (clearing && functionMayCall(value.fn, CLEARS_SESSION, new Set()));
  if (value?.kind === 'keras' && (value.name === 'backend:clear_session' || value.name === 'utils:clear_session')) return clearing;
  if (value?.kind !== 'keras' || (value.name !== 'backend:set_floatx' && value.name !== 'backend:set_dtype_policy')) return false;
  const args = field(call, 'arguments');
  const first = args ? namedChildren(args)[0] : undefined;
  const argument = first?.type === 'keyword_argument' ? field(first, 'value') : first;
  const given = argument ? sandboxed(ctx, () => evaluate(ctx, argument, scope)) : null;
  return !setsCurrentDtypes(ctx.state, value.name === 'backend:set_floatx' ? 'set_floatx' : 'set_dtype_policy', given);
}

const SETS_IMAGE_DATA_FORMAT = /\bset_image_data_format\s*\(/;

/**
 * Whether a call not followed may change the image data format of layers made later: Keras' setter, unless it
 * sets the format already set, or a function of the user's that may call it.
 */
function maySetImageDataFormat(ctx: Context, call: SyntaxNode, callee: SyntaxNode, scope: Scope): boolean {
  const value = namedCallee(ctx, callee, scope)?.value;
  if (value?.kind === 'function') return functionMayCall(value.fn, SETS_IMAGE_DATA_FORMAT, new Set());
  if (value?.kind !== 'keras' || value.name !== 'backend:set_image_data_format') return false;
  const args = field(call, 'arguments');
  const first = args ? namedChildren(args)[0] : undefined;
  const argument = first?.type === 'keyword_argument' ? field(first, 'value') : first;
  const given = argument ? sandboxed(ctx, () => evaluate(ctx, argument, scope)) : null;
  return given?.kind !== 'str' || given.value.toLowerCase() !== ctx.state.imageDataFormat;
}

/** Whether `value` is a call that creates a Keras layer or model (`layers.Dense(4)`, `Block()`). */
function createsLayer(ctx: Context, value: SyntaxNode, scope: Scope): boolean {
  const callee = value.type === 'call' ? field(value, 'function') : null;
  const created = callee ? namedCallee(ctx, callee, scope)?.value : null;
  if (created?.kind === 'class') return created.cls.kerasBase !== null;
  return created?.kind === 'keras' && (created.name.startsWith('layer:') || created.name === 'Sequential' || created.name === 'Model');
}

/** A layer that may or may not exist: built, with weights of unknown size. */
function uncertainLayer(ctx: Context, label: string, at: SyntaxNode): PyValue {
  const layer = newOpaqueLayer(ctx.state, label, spanOf(at), `\`${label}\` may or may not create this layer`);
  layer.built = { inputShape: null, weights: null };
  return { kind: 'layer', layer };
}

/**
 * What a name holds after code that may reassign it: a tensor passes through an opaque layer (the graph
 * keeps its rows, everything after is `?`), anything else is unknown.
 */
function replacement(ctx: Context, before: PyValue | undefined, name: string, label: string, at: SyntaxNode): PyValue {
  if (before?.kind !== 'tensor' || !before.tensor.source) return unknown(name);
  const layer = newOpaqueLayer(ctx.state, label, spanOf(at), `\`${name}\` may be replaced by \`${label}\`, which is not known statically`);
  const outcome = applyLayer(ctx.state, layer, [before.tensor]);
  return { kind: 'tensor', tensor: outcome.node.outputs[0] };
}
