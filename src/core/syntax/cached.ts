/**
 * A JS-side view of tree-sitter nodes that crosses into wasm at most once per node and property: the
 * interpreter reads the same nodes many times (loops, function bodies run per call, spans, labels), and
 * every crossing costs far more than the JS around it. A node reached again through the same parent is the
 * same view; nothing compares views by identity (ids serve that). Which nodes to visit is the interpreter's
 * business, not this file's.
 */
import type { Node } from 'web-tree-sitter';
import type { Span } from '../model';
import type { Point, SyntaxNode } from './node';

/** The subset of web-tree-sitter's `Node` the core uses, each property fetched once. */
export class CachedNode implements SyntaxNode {
  readonly id: number;
  readonly startIndex: number;
  readonly startPosition: Point;
  private typeName: string | undefined;
  private end: number | undefined;
  private endPoint: Point | undefined;
  private named: boolean | undefined;
  private missing: boolean | undefined;
  private error: boolean | undefined;
  private allChildren: readonly CachedNode[] | undefined;
  private namedOnly: readonly CachedNode[] | undefined;
  private withoutComments: readonly CachedNode[] | undefined;
  /** Fields looked up so far, as name/child pairs: nodes are asked for two or three fields at most. */
  private fields: (string | CachedNode | null)[] | undefined;
  private fieldLists: (string | readonly CachedNode[])[] | undefined;
  private cachedSpan: Span | undefined;

  constructor(
    private readonly raw: Node,
    /** The text the tree was parsed from: node texts are slices of it. */
    private readonly source: string,
    named?: boolean,
  ) {
    this.id = raw.id;
    this.startIndex = raw.startIndex;
    this.startPosition = raw.startPosition;
    this.named = named;
  }

  get type(): string {
    return (this.typeName ??= this.raw.type);
  }

  get endIndex(): number {
    return (this.end ??= this.raw.endIndex);
  }

  get endPosition(): Point {
    return (this.endPoint ??= this.raw.endPosition);
  }

  /** A slice of the source: no crossing beyond `endIndex`. */
  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get isNamed(): boolean {
    return (this.named ??= this.raw.isNamed);
  }

  get isMissing(): boolean {
    return (this.missing ??= this.raw.isMissing);
  }

  get hasError(): boolean {
    return (this.error ??= this.raw.hasError);
  }

  get children(): readonly SyntaxNode[] {
    return (this.allChildren ??= this.raw.children.map((child) => new CachedNode(child, this.source)));
  }

  get namedChildren(): readonly SyntaxNode[] {
    return (this.namedOnly ??= this.raw.namedChildren.map((child) => new CachedNode(child, this.source, true)));
  }

  /** Named children other than comments: what the interpreter walks. */
  get namedChildrenWithoutComments(): readonly SyntaxNode[] {
    return (this.withoutComments ??= (this.namedChildren as readonly CachedNode[]).filter((child) => child.type !== 'comment'));
  }

  get lastChild(): SyntaxNode | null {
    const children = this.children;
    return children.length > 0 ? children[children.length - 1] : null;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const fields = (this.fields ??= []);
    for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] as CachedNode | null;
    const raw = this.raw.childForFieldName(name);
    const child = raw ? new CachedNode(raw, this.source) : null;
    fields.push(name, child);
    return child;
  }

  childrenForFieldName(name: string): readonly SyntaxNode[] {
    const lists = (this.fieldLists ??= []);
    for (let i = 0; i < lists.length; i += 2) if (lists[i] === name) return lists[i + 1] as readonly CachedNode[];
    const children = this.raw.childrenForFieldName(name).map((child) => new CachedNode(child, this.source));
    lists.push(name, children);
    return children;
  }

  /** The node's span in editor terms, built once. */
  get span(): Span {
    if (!this.cachedSpan) {
      const end = this.endPosition;
      this.cachedSpan = {
        start: this.startIndex,
        end: this.endIndex,
        startPosition: { line: this.startPosition.row, column: this.startPosition.column },
        endPosition: { line: end.row, column: end.column },
      };
    }
    return this.cachedSpan;
  }
}

/** The cached view of a tree's root; `source` must be the text the tree was parsed from. */
export function viewTree(root: Node, source: string): CachedNode {
  return new CachedNode(root, source, true);
}
