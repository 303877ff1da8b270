/**
 * What the editor asks of a document's analysis, each question with its answer: the hints of some lines, the
 * hover at an offset, the lenses, the diagnostics, the models for a pick, a model's summary. The editor asks
 * these rather than taking the whole analysis, so that a worker holding the analysis (the desktop extension's)
 * sends the few items a request needs, not every row and site of the file after each keystroke.
 */
import type { FileAnalysis, Issue, ModelReport } from '../model';
import { codeLenses, type LensItem } from './codelens';
import { inlayHints, type HintItem } from './hints';
import { hoverAt, type HoverContent } from './hover';
import { renderSummary } from './summary';

export type Query =
  /** Everything (tests, and whatever needs the plain data). */
  | { readonly kind: 'analysis' }
  /** The hints on lines `fromLine` to `toLine` (0-based, inclusive). */
  | { readonly kind: 'hints'; readonly showParams: boolean; readonly fromLine: number; readonly toLine: number }
  | { readonly kind: 'hover'; readonly offset: number }
  | { readonly kind: 'lenses' }
  | { readonly kind: 'issues' }
  | { readonly kind: 'models' }
  /** The summary text of `models[model]`; null when there is no such model. */
  | { readonly kind: 'summary'; readonly model: number };

/** A model as the summary command lists and finds it. */
export interface ModelEntry {
  readonly label: string;
  readonly name: string;
  readonly className: string;
  readonly function: string | null;
  /** Where it is created. */
  readonly line: number;
  /** From its creation to its last layer: the lines where the cursor means this model. */
  readonly firstLine: number;
  readonly lastLine: number;
}

export interface Answers {
  readonly analysis: FileAnalysis;
  readonly hints: readonly HintItem[];
  readonly hover: HoverContent | null;
  readonly lenses: readonly LensItem[];
  readonly issues: readonly Issue[];
  readonly models: readonly ModelEntry[];
  readonly summary: string | null;
}

export type Answer<Q extends Query> = Answers[Q['kind']];

export function answer<Q extends Query>(analysis: FileAnalysis, text: string, query: Q): Answer<Q>;
export function answer(analysis: FileAnalysis, text: string, query: Query): Answers[Query['kind']] {
  switch (query.kind) {
    case 'analysis':
      return analysis;
    case 'hints':
      return inlayHints(analysis, { showParams: query.showParams, lines: { from: query.fromLine, to: query.toLine } });
    case 'hover':
      return hoverAt(analysis, text, query.offset);
    case 'lenses':
      return codeLenses(analysis);
    case 'issues':
      return analysis.issues;
    case 'models':
      return analysis.models.map(modelEntry);
    case 'summary': {
      const model = analysis.models[query.model];
      return model ? renderSummary(model) + issuesBelow(analysis, model) : null;
    }
  }
}

function modelEntry(model: ModelReport): ModelEntry {
  // A loop, not `Math.min(...lines)`: spread as arguments, 200,000 layers overflow the stack.
  let firstLine = model.span.startLine;
  let lastLine = model.span.endLine;
  for (const layer of model.layers) {
    firstLine = Math.min(firstLine, layer.span.startLine);
    lastLine = Math.max(lastLine, layer.span.endLine);
  }
  return { label: model.variable ?? model.name, name: model.name, className: model.className, function: model.function, line: model.span.startLine, firstLine, lastLine };
}

/** Errors that concern the model's layers, after the table (Keras would have raised them). */
function issuesBelow(analysis: FileAnalysis, model: ModelReport): string {
  const lines = new Set(model.layers.map((l) => l.span.startLine));
  const errors = analysis.issues.filter((i) => i.severity === 'error' && lines.has(i.span.startLine));
  return errors.length === 0 ? '' : `\n${errors.map((e) => `Line ${e.span.startLine + 1}: ${e.message}`).join('\n')}\n`;
}
