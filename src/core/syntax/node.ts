/**
 * The node interface the interpreter reads: the subset of web-tree-sitter's `Node` the core uses,
 * implemented by `CachedNode` (`cached.ts`), a view over the wasm tree. This file only declares its shape.
 */
import type { Span } from '../model';

export interface Point {
  readonly row: number;
  readonly column: number;
}

export interface SyntaxNode {
  /** Unique within one analysis. */
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
  /** Named children other than comments: what the interpreter walks. */
  readonly namedChildrenWithoutComments: readonly SyntaxNode[];
  readonly lastChild: SyntaxNode | null;
  child(index: number): SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
  childrenForFieldName(name: string): readonly SyntaxNode[];
  /** The node's span in editor terms. */
  readonly span: Span;
}
