/**
 * Parsed sibling modules, kept between analyses: a file is analysed on every keystroke, the modules it
 * imports rarely change, and each analysis would otherwise parse them again and read their nodes anew
 * from wasm. Keyed by source text, so an edited module is simply a new entry; the least recently used
 * ones are freed beyond a small bound.
 */
import type { Parser, SyntaxNode, SyntaxTree } from './syntax/tree';
import { viewTree } from './syntax/cached';

/** How a sibling module's source becomes a tree for the interpreter. */
export interface SiblingParser {
  /** The module's syntax tree, or null when it cannot be parsed; valid until `dispose`. */
  parse(source: string): SyntaxNode | null;
}

const KEPT_MODULES = 32;

export class SiblingTrees implements SiblingParser {
  /** In order of last use, oldest first (a Map iterates in insertion order). */
  private readonly trees = new Map<string, { readonly tree: SyntaxTree; readonly root: SyntaxNode }>();

  constructor(private readonly parser: Parser) {}

  parse(source: string): SyntaxNode | null {
    const kept = this.trees.get(source);
    if (kept) {
      this.trees.delete(source);
      this.trees.set(source, kept);
      return kept.root;
    }
    const tree = this.parser.parse(source);
    if (!tree) return null;
    this.trees.set(source, { tree, root: viewTree(tree.rootNode, source) });
    for (const [oldest, { tree: old }] of this.trees) {
      if (this.trees.size <= KEPT_MODULES) break;
      old.delete();
      this.trees.delete(oldest);
    }
    return this.trees.get(source)?.root ?? null;
  }

  dispose(): void {
    for (const { tree } of this.trees.values()) tree.delete();
    this.trees.clear();
  }
}
