/**
 * One analysis of one file: runs the module body through the interpreter, then every top-level
 * function nobody called (with its defaults), and collects models, layer sites and issues. Syntax
 * errors become diagnostics; the rest of the file is still analysed. Never throws on user code.
 */
import type { FileAnalysis, Issue, LayerSite, ModelReport } from './model';
import { BudgetExhausted, DEFAULT_BOUNDS, inform, newScope, type Bounds, type Context } from './evaluate/context';
import { callFunction, executeStatement, NORMAL, type Completion } from './evaluate/statements';
import { namedChildren, spanOf } from './syntax/nodes';
import type { RawNode, SyntaxNode } from './syntax/tree';
import type { SiblingParser } from './siblingTrees';
import { forgetBelow, viewTree } from './syntax/cached';
import type { ModuleRegistry, ModuleSources } from './evaluate/modules';
import { createState, type AnalysisState, type EngineHooks } from './infer/state';
import type { ModelObject } from './evaluate/values';
import { applyNestedModel, buildOnFirstUse, sequentialAddUncertain } from './infer/models';
import { runLambda, runShapeFunction } from './extract/kerasCalls';
import { applyInstance, userCell } from './extract/subclassing';
import { collectSites, reportModel } from './infer/report';
import { relevantStatements, scanNames } from './extract/relevance';
import { countOverflowIssues } from './infer/overflow';
import { hiddenBuilders, withApplications } from './extract/applications';

export interface AnalysisOptions {
  readonly bounds?: Partial<Bounds>;
  /**
   * Sources of sibling modules the file imports, keyed by path relative to its folder without `.py`
   * (`imagenet_utils`, `pkg/__init__`); null for a key the adapter looked for and did not find.
   * `FileAnalysis.imports` lists the keys the analysis wanted and did not get.
   */
  readonly modules?: ModuleSources;
  /** What `keras.config.image_data_format()` returns; Keras' default is `channels_last`. */
  readonly imageDataFormat?: 'channels_last' | 'channels_first';
  /**
   * Interpret every top-level statement, even plain Python that shares no name with Keras code (which is
   * otherwise skipped: `extract/relevance.ts`). Slower; the results differ only in notes about that code.
   */
  readonly interpretAll?: boolean;
  /**
   * Run only the file's top-level imports: a cheap first look that tells which sibling modules it wants
   * (`FileAnalysis.imports`) before they are read; the result has no models.
   */
  readonly importsOnly?: boolean;
}

const IMPORTS: ReadonlySet<string> = new Set(['import_statement', 'import_from_statement']);

function hasRequiredParameters(definition: SyntaxNode): boolean {
  const parameters = definition.childForFieldName('parameters');
  return !!parameters && namedChildren(parameters).some((p) => p.type === 'identifier' || p.type === 'typed_parameter');
}

/** Reports ERROR and MISSING nodes; only the subtrees that contain errors are visited. */
function syntaxIssues(root: SyntaxNode, issues: Issue[], limit = 20): void {
  const visit = (node: SyntaxNode): void => {
    if (issues.length >= limit) return;
    if (node.isMissing) {
      issues.push({ severity: 'error', code: 'syntax-error', message: `Syntax error: missing \`${node.type}\`.`, span: spanOf(node) });
      return;
    }
    if (node.type === 'ERROR') {
      const text = node.text.split('\n')[0].slice(0, 30);
      issues.push({ severity: 'error', code: 'syntax-error', message: `Syntax error near \`${text}\`.`, span: spanOf(node) });
      return;
    }
    for (const child of node.children) if (child && child.hasError) visit(child);
    for (const child of node.children) if (child && child.isMissing) visit(child);
  };
  visit(root);
}

/**
 * Each issue once: code that runs again and again (a loop, a recursion cut at its bound) meets the same
 * problem at the same place each time, and a runaway recursion can report it a hundred thousand times.
 */
function distinct(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.severity} ${issue.code} ${issue.span.start} ${issue.span.end} ${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * When the step budget runs out, a Sequential model the code not followed names may still get layers: it gets
 * a row of unknown size, so that its total is not the sum of the layers added so far. Returns their names.
 */
function markUnfinished(state: AnalysisState, reached: SyntaxNode, text: string): string[] {
  const named = scanNames(text.slice(reached.startIndex)).names;
  const marked: string[] = [];
  for (const model of state.models) {
    if (model.state.kind !== 'sequential' || model.variable === null || !named.has(model.variable)) continue;
    sequentialAddUncertain(state, model, 'the rest of the file', spanOf(reached));
    marked.push(model.variable);
  }
  return marked;
}

/**
 * Why a model has no summary of its own: its layers, or the layers it is made of, are those of a bundled builder
 * that names some of them differently from Keras 3 (`extract/applications.ts`).
 */
function hiddenLayersNote(state: AnalysisState, model: ModelObject, builder: string | null): void {
  if (builder === null) return;
  const why = 'the Keras Applications builder it follows names some of them differently from Keras 3';
  const message =
    builder === model.name
      ? `Keras Shapes does not show the layers of \`${builder}\` one by one: ${why}. Its output shape and parameter count are exact, and used as a layer it is one exact row.`
      : `Keras Shapes does not show the layers of this model: they are those of \`${builder}\`, which it does not show one by one (${why}).`;
  state.issues.push({ severity: 'information', code: 'layers-not-shown', message, span: model.span });
}

/** Analyses a parsed file; `siblings` parses the sibling modules `options.modules` provides. */
export function analyzeTree(root: RawNode, text: string, options: AnalysisOptions = {}, siblings: SiblingParser | null = null): FileAnalysis {
  return run(viewTree(root, text), text, options, (source) => siblings?.parse(source) ?? null);
}

function run(root: SyntaxNode, text: string, options: AnalysisOptions, parse: ModuleRegistry['parse']): FileAnalysis {
  const moduleScope = newScope(null);
  // The hooks close over the context, which needs the state: fill them in once both exist.
  const hooks: EngineHooks = {
    applyNestedModel: (model, inputs) => applyNestedModel(state, model, inputs),
    runLambda: (fn, inputs, argumentsValue) => runLambda(ctx, fn, inputs, argumentsValue),
    runShapeFunction: (fn, inputs) => runShapeFunction(ctx, fn, inputs),
    applyInstance: (instance, inputs) => applyInstance(ctx, instance, inputs),
    userCell: (cell, step) => userCell(ctx, cell, step),
    buildSequential: (model, input) => buildOnFirstUse(state, model, input),
  };
  const state = createState(hooks, options.imageDataFormat ?? 'channels_last');
  moduleScope.names.set('__name__', { kind: 'str', value: '__main__' });
  const ctx: Context = {
    state,
    text,
    bounds: { ...DEFAULT_BOUNDS, ...options.bounds },
    moduleScope,
    modules: { sources: withApplications(options.modules ?? new Map()), requested: new Set(), loaded: new Map(), parse },
    steps: 0,
    callDepth: 0,
    functionStack: [],
    calledFunctions: new Set(),
    decorated: new Map(),
    truncated: false,
    speculative: false,
    tryDepth: 0,
    methodFrames: [],
    trainableWrites: null,
    handling: [],
  };
  // Plain Python that shares no name with Keras code is not interpreted at all (`extract/relevance.ts`).
  const statements = options.importsOnly
    ? namedChildren(root).filter((statement) => IMPORTS.has(statement.type))
    : options.interpretAll
      ? namedChildren(root)
      : relevantStatements(namedChildren(root), text);
  /**
   * Running out of JS stack or memory (10,000 nested parentheses, a giant repeat) stops the statement that ran
   * only, with a note, and the rest of the file is still analysed.
   */
  const stopped = (statement: SyntaxNode, error: unknown): void => {
    if (!(error instanceof RangeError)) throw error;
    ctx.truncated = true;
    ctx.speculative = false;
    inform(ctx, 'nesting-bound', 'Keras Shapes stopped following this statement: it is nested too deeply or grows too large to analyse.', statement);
  };
  const guarded = (statement: SyntaxNode, run: () => void): void => {
    try {
      run();
    } catch (error) {
      stopped(statement, error);
    }
  };
  /** A top-level statement, guarded without a closure of its own: a large file has thousands. */
  const runStatement = (statement: SyntaxNode): Completion => {
    try {
      return executeStatement(ctx, statement, moduleScope);
    } catch (error) {
      stopped(statement, error);
      return NORMAL;
    }
  };
  /** The statement or builder running when the step budget ran out: nothing from there on is followed. */
  let reached: SyntaxNode = root;
  try {
    for (const statement of statements) {
      reached = statement;
      const completion = runStatement(statement);
      // Done with: a function defined here keeps its node, and reading below it again is cheap.
      forgetBelow(statement);
      if (completion.type !== 'normal') break;
    }
    // Builders nobody calls are still worth hints: run them with their defaults.
    for (const statement of statements) {
      const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (definition?.type !== 'function_definition' || ctx.calledFunctions.has(definition.id)) continue;
      const name = definition.childForFieldName('name')?.text ?? '';
      const value = moduleScope.names.get(name);
      const fn = value?.kind === 'function' && value.fn.node.id === definition.id ? value.fn : ctx.decorated.get(definition.id);
      if (!fn) continue;
      ctx.speculative = hasRequiredParameters(definition);
      reached = definition;
      guarded(definition, () => {
        callFunction(ctx, fn, { positional: [], firstNode: null, keywords: new Map(), keywordSpans: new Map() }, definition);
      });
      ctx.speculative = false;
    }
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    ctx.truncated = true;
    ctx.speculative = false;
    const unfinished = markUnfinished(state, reached, text);
    const models = unfinished.length > 0 ? `; ${unfinished.map((name) => `\`${name}\``).join(', ')} ${unfinished.length === 1 ? 'gets a row' : 'get rows'} of unknown size for what follows` : '';
    inform(ctx, 'analysis-bound', `Keras Shapes stopped analysing this file here: it is too large or loops too long to follow on every keystroke${models}.`, root.lastChild ?? root);
  }
  const issues: Issue[] = [];
  guarded(root, () => {
    if (root.hasError) syntaxIssues(root, issues);
  });
  let models: ModelReport[] = [];
  let sites: LayerSite[] = [];
  guarded(root, () => {
    const hiddenBuilder = hiddenBuilders(state);
    models = state.models.filter((model) => hiddenBuilder(model) === null).map(reportModel);
    for (const model of state.models) hiddenLayersNote(state, model, hiddenBuilder(model));
  });
  guarded(root, () => {
    sites = collectSites(state);
  });
  return {
    models,
    sites,
    issues: distinct([...issues, ...state.issues, ...countOverflowIssues(models)]).sort((a, b) => a.span.start - b.span.start),
    truncated: ctx.truncated,
    imports: [...ctx.modules.requested],
  };
}
