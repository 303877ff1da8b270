/**
 * One open document: keeps its syntax tree between edits so that a keystroke costs an incremental
 * re-parse (`tree.edit` + `parser.parse(text, oldTree)`) plus one analysis, and frees the tree on
 * `dispose()`. Editor specifics (debouncing, cancellation, versions) are the adapter's business.
 */
import { Edit, type Parser, type Point } from 'web-tree-sitter';
import type { FileAnalysis } from './model';
import { analyzeTree, type AnalysisOptions } from './analyze';
import type { SyntaxTree } from './syntax/tree';
import type { SiblingParser } from './siblingTrees';
import { afterChange, inertTokenAt, shiftAnalysis, stillThere, type InertToken } from './inertEdits';
import { clampChange, spliced } from './textChanges';

/**
 * One change of the text, as editors report it: replace `[start, end)` of the text before the change
 * (UTF-16 offsets, like VS Code's `rangeOffset` and `rangeOffset + rangeLength`) by `text`.
 */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface AnalyzedDocument {
  /** The document's current text. */
  readonly text: string;
  /** The analysis of the current text (computed when the document is opened and after every update). */
  readonly analysis: FileAnalysis;
  /**
   * Whether the last update kept the analysis before it, moved past edits inside a comment or docstring
   * (`inertEdits.ts`), rather than analysing the file again.
   */
  readonly reused: boolean;
  /**
   * Applies changes in order (each relative to the text left by the previous one, as VS Code's
   * `contentChanges`), re-parses incrementally and re-analyses. A string replaces the whole text.
   */
  update(changes: TextChange | readonly TextChange[] | string, options?: AnalysisOptions): FileAnalysis;
  /** Frees the syntax tree; the document must not be used afterwards. */
  dispose(): void;
}

/** Row and column (UTF-16 code units) of `offset`, counting rows as tree-sitter does: at `\n` only. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** Where inserted text ends, given where it starts. */
function pointAfter(start: Point, inserted: string): Point {
  const lastNewline = inserted.lastIndexOf('\n');
  if (lastNewline === -1) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastNewline - 1 };
}

/** The tree-sitter edit for one change of `before`, with real rows and columns. */
export function editFor(before: string, change: TextChange): Edit {
  const startPosition = pointAt(before, change.start);
  const oldEndPosition = change.end === change.start ? startPosition : pointAt(before, change.end);
  return new Edit({
    startIndex: change.start,
    oldEndIndex: change.end,
    newEndIndex: change.start + change.text.length,
    startPosition,
    oldEndPosition,
    newEndPosition: pointAfter(startPosition, change.text),
  });
}

function parseOrThrow(parser: Parser, text: string, old?: SyntaxTree): SyntaxTree {
  const tree = parser.parse(text, old ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** What an analysis depends on besides the text, to tell whether the last one was made with the same. */
function sameOptions(a: AnalysisOptions, b: AnalysisOptions): boolean {
  const modulesA = a.modules ?? new Map();
  const modulesB = b.modules ?? new Map();
  return (
    a.imageDataFormat === b.imageDataFormat &&
    !!a.interpretAll === !!b.interpretAll &&
    !!a.importsOnly === !!b.importsOnly &&
    JSON.stringify(a.bounds ?? null) === JSON.stringify(b.bounds ?? null) &&
    modulesA.size === modulesB.size &&
    [...modulesA].every(([key, source]) => modulesB.has(key) && modulesB.get(key) === source)
  );
}

/** Options as they were: the adapter fills its `modules` map in place as sibling files are read. */
function snapshot(options: AnalysisOptions): AnalysisOptions {
  return options.modules ? { ...options, modules: new Map(options.modules) } : { ...options };
}

export function openDocument(
  parser: Parser,
  initialText: string,
  initialOptions: AnalysisOptions = {},
  siblings: SiblingParser | null = null,
): AnalyzedDocument {
  let text = initialText;
  let tree: SyntaxTree | null = parseOrThrow(parser, text);
  let analysis = analyzeTree(tree.rootNode, text, initialOptions, siblings);
  let analysedWith = snapshot(initialOptions);
  let reused = false;

  const live = (): SyntaxTree => {
    if (!tree) throw new Error('the document was disposed');
    return tree;
  };

  return {
    get text() {
      return text;
    },
    get analysis() {
      return analysis;
    },
    get reused() {
      return reused;
    },
    update(changes, options = initialOptions) {
      const old = live();
      let next: SyntaxTree;
      // The comment or docstring all the changes fall in, where it started and where they left it.
      let token: InertToken | null = null;
      let moved: InertToken | null = null;
      let delta = 0;
      let sameRowDelta = 0;
      if (typeof changes === 'string') {
        text = changes;
        next = parseOrThrow(parser, text);
      } else {
        const list = Array.isArray(changes) ? (changes as readonly TextChange[]) : [changes as TextChange];
        if (list.length > 0 && !analysis.truncated && !old.rootNode.hasError && sameOptions(analysedWith, options)) {
          const first = clampChange(text, list[0]);
          token = moved = inertTokenAt(old.rootNode, first.start, first.end);
        }
        for (const raw of list) {
          const change = clampChange(text, raw);
          const edit = editFor(text, change);
          if (moved) {
            const removed = text.slice(change.start, change.end);
            const grown = change.text.length - removed.length;
            if (edit.startPosition.row === moved.endRow) sameRowDelta += grown;
            delta += grown;
            moved = afterChange(moved, change, removed);
          }
          old.edit(edit);
          text = spliced(text, change);
        }
        next = parseOrThrow(parser, text, old);
        if (next.rootNode.hasError) {
          // Error recovery may differ between an incremental and a fresh parse: what the user sees must not
          // depend on the order of their edits, so a broken file is parsed afresh.
          next.delete();
          next = parseOrThrow(parser, text);
        }
      }
      old.delete();
      tree = next;
      const kept = token && moved && !next.rootNode.hasError && stillThere(next.rootNode, token, moved) ? shiftAnalysis(analysis, token, delta, sameRowDelta) : null;
      reused = kept !== null;
      if (kept) {
        analysis = kept;
      } else {
        analysis = analyzeTree(next.rootNode, text, options, siblings);
        analysedWith = snapshot(options);
      }
      return analysis;
    },
    dispose() {
      tree?.delete();
      tree = null;
    },
  };
}
