/**
 * Open documents behind an asynchronous boundary, which is all the editor adapter sees of the analysis: the
 * documents are analysed in this thread (`inThread`: VS Code for the Web, whose extension host is already a web
 * worker) or in a worker thread of their own (`src/node/workerService.ts`: the desktop extension). Updates are
 * applied in the order they are made; what is asked is answered from the text after all of them, with the
 * few items a request needs (`present/answers.ts`).
 */
import type { Analyzer } from './index';
import type { AnalysisOptions } from './analyze';
import type { TextChange } from './document';
import { answer, type Answer, type Query } from './present/answers';

export interface DocumentService {
  open(text: string, options: AnalysisOptions): ServedDocument;
  /** Closes every document and lets go of what the service holds (its worker). */
  dispose(): void;
}

export interface ServedDocument {
  /** The text after every update made so far. */
  readonly text: string;
  /**
   * The sibling modules the analysis of `text` wanted and did not get (`FileAnalysis.imports`). This and `ask`
   * are rejected only when the service itself failed, never for the code analysed.
   */
  imports(): Promise<readonly string[]>;
  ask<Q extends Query>(query: Q): Promise<Answer<Q>>;
  /** As `AnalyzedDocument.update`: changes in order, or a string for the whole text. */
  update(changes: readonly TextChange[] | string, options: AnalysisOptions): void;
  dispose(): void;
}

/** Documents analysed in this thread, each update as it is made. */
export function inThread(analyzer: Analyzer): DocumentService {
  const open = new Set<ServedDocument>();
  return {
    open(text, options) {
      const document = analyzer.openDocument(text, options);
      const served: ServedDocument = {
        get text() {
          return document.text;
        },
        imports: () => Promise.resolve(document.analysis.imports),
        ask: (query) => Promise.resolve(answer(document.analysis, document.text, query)),
        update: (changes, options) => void document.update(changes, options),
        dispose() {
          if (open.delete(served)) document.dispose();
        },
      };
      open.add(served);
      return served;
    },
    dispose() {
      for (const served of [...open]) served.dispose();
    },
  };
}
