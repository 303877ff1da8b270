/**
 * The interpreter's context: the analysis state, the source text, and the bounds that keep any input
 * from hanging the editor (a step budget, a loop cap, a recursion cap). Reaching a bound stops the
 * work honestly with a diagnostic; it is never an exception to the caller.
 */
import type { Span } from '../model';
import { spanOf } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { report, type AnalysisState } from '../infer/state';
import { unknown, type ClassObject, type FunctionObject, type LayerObject, type Precondition, type PyValue, type Scope } from './values';
import type { ModuleRegistry } from './modules';
import type { RaisedClass } from './exceptions';

export interface Bounds {
  /** Statements and expressions evaluated in one file before the analysis stops. */
  readonly maxSteps: number;
  /** Iterations of one loop before it is cut short. */
  readonly maxLoopIterations: number;
  /** Nested calls of user functions. */
  readonly maxCallDepth: number;
}

export const DEFAULT_BOUNDS: Bounds = { maxSteps: 2_000_000, maxLoopIterations: 10_000, maxCallDepth: 24 };

export interface Context {
  readonly state: AnalysisState;
  readonly text: string;
  readonly bounds: Bounds;
  readonly moduleScope: Scope;
  readonly modules: ModuleRegistry;
  steps: number;
  callDepth: number;
  /** Name of the outermost user function being executed, for `ModelReport.function`. */
  functionStack: string[];
  /** Function definitions that were called at least once (the rest are analysed with their defaults). */
  readonly calledFunctions: Set<SyntaxNode['id']>;
  /**
   * Functions a decorator of the user's replaced with what it returned, by their definition's node id: a builder
   * nobody calls is still run with its defaults, undecorated.
   */
  readonly decorated: Map<SyntaxNode['id'], FunctionObject>;
  truncated: boolean;
  /**
   * True while a function is run without the arguments it requires (nobody calls it): its unknowns are
   * of our making, so the notes about them would only be noise.
   */
  speculative: boolean;
  /** How many `try` bodies the code runs in: a call that raises there reaches the handler (`PyRaise`). */
  tryDepth: number;
  /** The exceptions the running `except` clauses handle, innermost last: what a bare `raise` raises again. */
  readonly handling: RaisedClass[];
  /** The methods running, innermost last, with the class that defined each and its `self`: for `super()`. */
  readonly methodFrames: { readonly owner: ClassObject; readonly self: PyValue }[];
  /**
   * While a branch that may not run is tried out (`branches.ts`): the `trainable` flags it set, layer by layer
   * (null: to a value not known statically), kept here instead of on the layers until the branches are merged.
   */
  trainableWrites: Map<LayerObject, boolean | null> | null;
}

/** Notes that only say "this is not known statically". */
const UNKNOWN_NOTES = new Set(['unknown-condition', 'unknown-iterable', 'unknown-value']);

/**
 * A Python exception from a called function, thrown only inside a `try` body, whose handler it reaches
 * (`statements.ts`). Elsewhere the call's result is simply unknown: the analysis goes on where Python would stop.
 */
export class PyRaise extends Error {
  constructor(readonly raised: RaisedClass) {
    super('a Python exception');
  }
}

/** Thrown when the step budget is spent; caught once, at the top of the run. */
export class BudgetExhausted extends Error {
  constructor() {
    super('analysis step budget exhausted');
  }
}

export function step(ctx: Context): void {
  ctx.steps++;
  if (ctx.steps > ctx.bounds.maxSteps) throw new BudgetExhausted();
}

export function newScope(parent: Scope | null, outer?: ReadonlyMap<string, Scope>): Scope {
  return outer ? { names: new Map<string, PyValue>(), parent, outer } : { names: new Map<string, PyValue>(), parent };
}

/** Binds a name as an assignment in `scope` does: there, or where its `global` or `nonlocal` declaration points. */
export function bindName(scope: Scope, name: string, value: PyValue): void {
  // Python binds nothing when the statement raised; the analysis goes on with a value not known, so what uses
  // it later is shown as unknown rather than left out.
  const bound = value.kind === 'unknown' && value.raised ? unknown(value.label) : value;
  (scope.outer?.get(name) ?? scope).names.set(name, bound);
}

export function lookup(scope: Scope, name: string): PyValue | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const value = s.names.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The source text of a node, shortened for labels of unknown values. */
export function sourceLabel(node: SyntaxNode): string {
  const text = node.text;
  // Only the first 40 characters survive: collapse no more of a huge node than that needs.
  for (let take = 128; ; take *= 4) {
    const head = text.length > take ? text.slice(0, take) : text;
    const collapsed = head.replace(/\s+/g, ' ');
    if (head.length === text.length) return collapsed.length > 40 ? `${collapsed.slice(0, 39)}…` : collapsed;
    if (collapsed.length > 41) return `${collapsed.slice(0, 39)}…`;
  }
}

export function warn(ctx: Context, code: string, message: string, node: SyntaxNode | Span): void {
  report(ctx.state, 'warning', code, message, 'type' in node ? spanOf(node) : node);
}

/**
 * A precondition's outcome at a call (`FunctionObject.precondition`, Keras' checks of a builder's arguments): its
 * warnings are reported there, and its error is raised to an enclosing `try` or reported. Whether the call
 * goes on.
 */
export function preconditionHolds(ctx: Context, outcome: Precondition | null, node: SyntaxNode): boolean {
  if (!outcome) return true;
  for (const warning of outcome.warnings) warn(ctx, 'keras-warning', warning, node);
  if (outcome.error === null) return true;
  raise(ctx, outcome.errorClass ?? 'ValueError', 'invalid-argument', outcome.error, node);
  return false;
}

/**
 * A Python exception of a builtin class raised where the code runs: to an enclosing `try`, whose `except` may
 * catch it, or else reported as an error with Python's (or Keras') message.
 */
export function raise(ctx: Context, errorClass: string, code: string, message: string, node: SyntaxNode | Span): void {
  if (ctx.tryDepth > 0) throw new PyRaise({ kind: 'builtin', name: errorClass });
  fail(ctx, code, message, node);
}

export function inform(ctx: Context, code: string, message: string, node: SyntaxNode | Span): void {
  if (ctx.speculative && UNKNOWN_NOTES.has(code)) return;
  report(ctx.state, 'information', code, message, 'type' in node ? spanOf(node) : node);
}

export function fail(ctx: Context, code: string, message: string, node: SyntaxNode | Span): void {
  report(ctx.state, 'error', code, message, 'type' in node ? spanOf(node) : node);
}
