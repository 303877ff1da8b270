/**
 * The façade of the analysis core: the only API the editor adapter, the CLI and the tests use.
 * Text in, plain data out (`model.ts`); no I/O, no editor types, and it never throws on user code.
 */
import type { FileAnalysis } from './model';
import { createParser, loadPython, type WasmBytes } from './syntax/tree';
import { analyzeTree, type AnalysisOptions } from './analyze';
import { openDocument, type AnalyzedDocument } from './document';
import { SiblingTrees } from './siblingTrees';

export type { WasmBytes } from './syntax/tree';
export type { AnalysisOptions } from './analyze';
export type { AnalyzedDocument, TextChange } from './document';
export * from './model';
export { analyzeWithSiblings, type ModuleReader } from './siblings';
export { inThread, type DocumentService, type ServedDocument } from './documentService';
export { applyChanges } from './textChanges';
export type { Answer, ModelEntry, Query } from './present/answers';

export interface Analyzer {
  /** Parses and analyses one Python file. */
  analyze(text: string, options?: AnalysisOptions): FileAnalysis;
  /**
   * Opens a document that keeps its syntax tree, so each later `update` re-parses incrementally.
   * The caller must `dispose()` it when the document closes.
   */
  openDocument(text: string, options?: AnalysisOptions): AnalyzedDocument;
}

/** Loads the grammar once (from bytes, so it works in Node and in a web worker) and returns an analyzer. */
export async function createAnalyzer(bytes: WasmBytes): Promise<Analyzer> {
  const language = await loadPython(bytes);
  const parser = createParser(language);
  // Shared by every document of the analyzer: they often import the same modules.
  const siblings = new SiblingTrees(createParser(language));
  return {
    analyze(text, options = {}) {
      const tree = parser.parse(text);
      if (!tree) throw new Error('tree-sitter returned no tree');
      try {
        return analyzeTree(tree.rootNode, text, options, siblings);
      } finally {
        tree.delete();
      }
    },
    openDocument(text, options = {}) {
      return openDocument(parser, text, options, siblings);
    },
  };
}
