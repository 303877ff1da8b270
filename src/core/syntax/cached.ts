/**
 * A JS-side view of tree-sitter nodes that crosses into wasm at most once per node and property: the
 * interpreter reads the same nodes many times (loops, function bodies run per call, spans, labels), and
 * every crossing costs far more than the JS around it. What tree-sitter keeps of a node (type, end,
 * children) is read from the runtime's memory (`subtrees.ts`), the rest asked of its exports (`wasm.ts`),
 * never through web-tree-sitter's `Node`. A node reached again through the same parent is the same view
 * until its parent lets go of its children; nothing compares views by identity (ids serve that). Which
 * nodes to visit is the interpreter's business, not this file's.
 */
import type { Language, Node } from 'web-tree-sitter';
import type { Span } from '../model';
import type { Point, SyntaxNode } from './node';
import { handleOf, runtime, type NodeFactory, type NodeHandle, type Runtime } from './wasm';

/** What every node of one tree shares. */
class TreeContext {
  /** Builds child views; one closure per tree rather than one per call. */
  readonly make: NodeFactory<CachedNode>;
  readonly makeNamed: NodeFactory<CachedNode>;

  constructor(
    readonly runtime: Runtime,
    /** The tree's wasm address, which every runtime call takes. */
    readonly tree: number,
    readonly types: readonly string[],
    readonly fieldIds: ReadonlyMap<string, number>,
    /** The text the tree was parsed from: node texts are slices of it. */
    readonly source: string,
  ) {
    this.make = (id, startIndex, context) => new CachedNode(this, id, startIndex, context, undefined);
    this.makeNamed = (id, startIndex, context) => new CachedNode(this, id, startIndex, context, true);
  }

  private lineStarts: number[] | undefined;

  /**
   * The point of a source index, from the text: tree-sitter counts rows at `\n` and columns in the code
   * units since, as the text does; cheaper than asking the runtime for each node's end.
   */
  pointAt(index: number): Point {
    const row = this.rowAt(index);
    return { row, column: index - this.lineStart(row) };
  }

  /** The row of a source index (a span asks for rows and columns without making points). */
  rowAt(index: number): number {
    const starts = (this.lineStarts ??= lineStartsOf(this.source));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Where a row starts; `rowAt` made the table. */
  lineStart(row: number): number {
    return (this.lineStarts as number[])[row];
  }
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

const NO_FIELDS: readonly (string | CachedNode | null | readonly CachedNode[])[] = [];

// A function of the module rather than an arrow in the getter, which would be a new object on every call.
const isComment = (node: CachedNode): boolean => node.type === 'comment';

/** Bits of `CachedNode.flags`: for each yes/no property, whether it is known and its value. */
const NAMED_KNOWN = 1;
const NAMED = 2;
const MISSING_KNOWN = 4;
const MISSING = 8;
const ERROR_KNOWN = 16;
const ERROR = 32;
/** Its named children include comments, so `namedChildren` differs from the list kept. */
const HAS_COMMENTS = 64;

/**
 * The subset of web-tree-sitter's `Node` the core uses, each property fetched once. Tens of thousands of
 * views are made per analysis of a large file, so a view keeps few fields: yes/no properties share
 * one number, single fields and field lists share one list, the end is read from the tree's memory whenever
 * asked (`TreeMemory.endIndex`), and what is rarely asked (rows and columns, which the text gives; the named
 * children including comments) is recomputed rather than kept.
 */
export class CachedNode implements SyntaxNode, NodeHandle {
  private typeName: string | undefined;
  private flags: number;
  private allChildren: readonly CachedNode[] | undefined;
  /** Named children other than comments, the list the interpreter walks. */
  private namedKept: readonly CachedNode[] | undefined;
  /** Fields looked up so far, as name/value pairs: a child (or null) for one field, a list for all of it. */
  private fields: readonly (string | CachedNode | null | readonly CachedNode[])[] | undefined;
  private cachedSpan: Span | undefined;

  constructor(
    private readonly shared: TreeContext,
    readonly id: number,
    readonly startIndex: number,
    /** The runtime's alias context for the node (part of its marshalled form). */
    readonly context: number,
    named: boolean | undefined,
  ) {
    this.flags = named === undefined ? 0 : named ? NAMED_KNOWN | NAMED : NAMED_KNOWN;
  }

  get startPosition(): Point {
    return this.shared.pointAt(this.startIndex);
  }

  get type(): string {
    const { runtime, types } = this.shared;
    return (this.typeName ??= types[runtime.memory.symbol(this)] || 'ERROR');
  }

  /** Read from the tree's memory each time: as cheap as a field of our own would be. */
  get endIndex(): number {
    return this.shared.runtime.memory.endIndex(this);
  }

  get endPosition(): Point {
    return this.shared.pointAt(this.endIndex);
  }

  /** A slice of the source: no crossing beyond `endIndex`. */
  get text(): string {
    return this.shared.source.slice(this.startIndex, this.endIndex);
  }

  /** A yes/no property: from `flags` when known, else asked of the runtime once. */
  private flag(known: number, value: number, ask: (runtime: Runtime, tree: number, node: CachedNode) => boolean): boolean {
    if ((this.flags & known) === 0) this.flags |= known | (ask(this.shared.runtime, this.shared.tree, this) ? value : 0);
    return (this.flags & value) !== 0;
  }

  get isNamed(): boolean {
    return this.flag(NAMED_KNOWN, NAMED, askNamed);
  }

  get isMissing(): boolean {
    return this.flag(MISSING_KNOWN, MISSING, askMissing);
  }

  get hasError(): boolean {
    return this.flag(ERROR_KNOWN, ERROR, askError);
  }

  get children(): readonly SyntaxNode[] {
    const { runtime, tree, make } = this.shared;
    return (this.allChildren ??= runtime.memory.children(tree, this, false, make));
  }

  /** Named children including comments: kept only when there are none (asked for rarely otherwise). */
  get namedChildren(): readonly SyntaxNode[] {
    const kept = this.namedChildrenWithoutComments;
    if ((this.flags & HAS_COMMENTS) === 0) return kept;
    const { runtime, tree, makeNamed } = this.shared;
    return runtime.memory.children(tree, this, true, makeNamed);
  }

  /** Named children other than comments: what the interpreter walks. */
  get namedChildrenWithoutComments(): readonly SyntaxNode[] {
    if (!this.namedKept) {
      const { runtime, tree, makeNamed } = this.shared;
      const named = runtime.memory.children(tree, this, true, makeNamed);
      // Comments are rare, and extras (which they are) show in the walk: keep its list as it is without.
      if (runtime.memory.foundExtra && named.some(isComment)) {
        this.flags |= HAS_COMMENTS;
        this.namedKept = named.filter((child) => !isComment(child));
      } else {
        this.namedKept = named;
      }
    }
    return this.namedKept;
  }

  get lastChild(): SyntaxNode | null {
    const children = this.children;
    return children.length > 0 ? children[children.length - 1] : null;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const fields = this.fields ?? NO_FIELDS;
    for (let i = 0; i < fields.length; i += 2) {
      const value = fields[i + 1];
      if (fields[i] === name && !Array.isArray(value)) return value as CachedNode | null;
    }
    const { runtime, tree, fieldIds, make } = this.shared;
    const id = fieldIds.get(name);
    let child: CachedNode | null = null;
    if (id !== undefined) {
      // Undefined from memory: a field inherited from a hidden child, which the runtime answers.
      const read = runtime.memory.childByField(tree, this, id, make);
      child = read === undefined ? runtime.childForField(tree, this, id, make) : read;
    }
    this.remember(name, child);
    return child;
  }

  childrenForFieldName(name: string): readonly SyntaxNode[] {
    const fields = this.fields ?? NO_FIELDS;
    for (let i = 0; i < fields.length; i += 2) {
      const value = fields[i + 1];
      if (fields[i] === name && Array.isArray(value)) return value as readonly CachedNode[];
    }
    const { runtime, tree, fieldIds, make } = this.shared;
    const id = fieldIds.get(name);
    const children = id === undefined ? [] : runtime.childrenForField(tree, this, id, make);
    this.remember(name, children);
    return children;
  }

  private remember(name: string, value: CachedNode | null | readonly CachedNode[]): void {
    const fields = this.fields ?? NO_FIELDS;
    // Copied at its exact size (a pushed-to array reserves room for a dozen entries, on thousands of
    // nodes), by a loop: `concat` takes its slow generic path for arrays this small.
    const grown = new Array<string | CachedNode | null | readonly CachedNode[]>(fields.length + 2);
    for (let i = 0; i < fields.length; i++) grown[i] = fields[i];
    grown[fields.length] = name;
    grown[fields.length + 1] = value;
    this.fields = grown;
  }

  /**
   * Drops what this view has cached below it, so that the views of a top-level statement that has run can
   * die young instead of living, and being copied by the collector, until the analysis ends. Views handed
   * out stay valid; reading below this one again simply reads the tree again.
   */
  forgetChildren(): void {
    this.allChildren = this.namedKept = this.fields = undefined;
    this.flags &= ~HAS_COMMENTS;
  }

  /** The node's span in editor terms, built once. */
  get span(): Span {
    if (!this.cachedSpan) {
      const { shared, startIndex } = this;
      const endIndex = this.endIndex;
      const startLine = shared.rowAt(startIndex);
      const endLine = shared.rowAt(endIndex);
      this.cachedSpan = {
        start: startIndex,
        end: endIndex,
        startLine,
        startColumn: startIndex - shared.lineStart(startLine),
        endLine,
        endColumn: endIndex - shared.lineStart(endLine),
      };
    }
    return this.cachedSpan;
  }
}

// Functions of the module rather than arrows in the getters, which would be new objects on every call.
const askNamed = (runtime: Runtime, tree: number, node: CachedNode): boolean => runtime.isNamed(tree, node);
const askMissing = (runtime: Runtime, tree: number, node: CachedNode): boolean => runtime.isMissing(tree, node);
const askError = (runtime: Runtime, tree: number, node: CachedNode): boolean => runtime.hasError(tree, node);

/** Field name to id, per language: web-tree-sitter's own lookup scans its list on every call. */
const fieldIdsByLanguage = new WeakMap<Language, ReadonlyMap<string, number>>();

function fieldIds(language: Language): ReadonlyMap<string, number> {
  let ids = fieldIdsByLanguage.get(language);
  if (!ids) {
    const entries: [string, number][] = [];
    // Id 0 is no field.
    language.fields.forEach((name, id) => {
      if (name !== null && id !== 0) entries.push([name, id]);
    });
    fieldIdsByLanguage.set(language, (ids = new Map(entries)));
  }
  return ids;
}

const typeNamesByLanguage = new WeakMap<Language, readonly string[]>();

/**
 * The language's node-type names as the engine's own single copy of each (the strings property keys are
 * made of): the interpreter compares node types with literals (`'call'`) everywhere, and two such copies
 * compare by identity, where the names web-tree-sitter decodes from wasm memory compare character by character.
 */
function typeNames(language: Language): readonly string[] {
  let names = typeNamesByLanguage.get(language);
  if (!names) {
    names = language.types.map((name) => (typeof name === 'string' ? Object.keys({ [name]: 0 })[0] : name));
    typeNamesByLanguage.set(language, names);
  }
  return names;
}

/** The cached view of a tree's root; `source` must be the text the tree was parsed from. */
export function viewTree(root: Node, source: string): CachedNode {
  const language = root.tree.language;
  const { handle, tree } = handleOf(root);
  const context = new TreeContext(runtime(), tree, typeNames(language), fieldIds(language), source);
  return new CachedNode(context, handle.id, handle.startIndex, handle.context, true);
}

/**
 * Lets go of what the view of this node caches below it (see `CachedNode.forgetChildren`); a node that is not
 * a cached view has nothing to let go.
 */
export function forgetBelow(node: SyntaxNode): void {
  if (node instanceof CachedNode) node.forgetChildren();
}
