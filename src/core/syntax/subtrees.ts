/**
 * Reads tree-sitter's trees straight from the runtime's wasm memory, as the runtime's own C does
 * (`lib/src/subtree.h`, `node.c`, and the `TSLanguage` struct of `parser.h`): a node's type, its end and its
 * children, without a call into wasm per node. Those calls were most of what an analysis spent beyond its
 * own work (120,000 per analysis of a 10,000-line file). The layout is an internal of the runtime, hence
 * web-tree-sitter's exact version pin; `test/unit/wasm.test.ts` compares every node read here with
 * web-tree-sitter's `Node`, so a version whose layout differs fails there.
 *
 * A node's id is the address of its `Subtree`: 8 bytes that hold a small leaf inline (bit 0 of the first
 * byte set) or else point to its heap data. Offsets below are in bytes (wasm32, little-endian).
 */
import type { NodeFactory, NodeHandle } from './wasm';

// Inline leaf: flag bits in byte 0, symbol in byte 1, padding bytes in 6, size in 7.
const INLINE_VISIBLE = 2;
const INLINE_NAMED = 4;
const INLINE_EXTRA = 8;
const INLINE_SYMBOL = 1;
const INLINE_PADDING_BYTES = 6;
const INLINE_SIZE_BYTES = 7;

// Heap data: padding and size as `Length`s (bytes, row, column: three u32s, of which the walk reads bytes), counts,
// symbol, flags, production id.
const HEAP_PADDING = 4;
const HEAP_SIZE = 16;
const HEAP_CHILD_COUNT = 36;
const HEAP_SYMBOL = 40;
const HEAP_FLAGS = 44;
const HEAP_VISIBLE = 1;
const HEAP_NAMED = 2;
const HEAP_EXTRA = 4;
const HEAP_VISIBLE_CHILD_COUNT = 48;
const HEAP_NAMED_CHILD_COUNT = 52;
const HEAP_PRODUCTION_ID = 66;
/** Children are stored just before their parent's heap data, one `Subtree` each. */
const SUBTREE_SIZE = 8;

// `TSTree` holds its language after the root; `TSLanguage` (ABI 14 and 15 alike in this prefix):
const TREE_LANGUAGE = 8;
const LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH = 36;
const LANGUAGE_FIELD_MAP_SLICES = 64;
const LANGUAGE_FIELD_MAP_ENTRIES = 68;
const LANGUAGE_SYMBOL_METADATA = 72;
const LANGUAGE_ALIAS_SEQUENCES = 84;
/** `TSFieldMapSlice` is (index, length) u16s; `TSFieldMapEntry` a u16 field id, a u8 child index and a bool. */
const FIELD_MAP_SIZE = 4;
const ENTRY_CHILD_INDEX = 2;
const ENTRY_INHERITED = 3;
/** `TSSymbolMetadata` is three bools: visible, named, supertype. */
const METADATA_SIZE = 3;
const METADATA_NAMED = 1;

/** The views emscripten keeps of the memory (replaced, and the old ones detached, when it grows). */
export interface MemoryViews {
  readonly HEAP32: Int32Array;
  readonly HEAPU8: Uint8Array;
  readonly HEAPU16: Uint16Array;
}

export class TreeMemory {
  private i32: Int32Array;
  private u8: Uint8Array;
  private u16: Uint16Array;
  /**
   * Where a child walk stands, in bytes, as `ts_node_child_iterator_next` keeps it (a field rather than an
   * object: tens of thousands of walks run per analysis). Only the byte offset: rows and columns of a node
   * are computed from the text when asked, which is rare, rather than carried through every walk.
   */
  private bytes = 0;
  /** Whether the last walk found an extra (a comment, a line continuation): most lists have none. */
  foundExtra = false;

  constructor(private readonly views: MemoryViews) {
    this.i32 = views.HEAP32;
    this.u8 = views.HEAPU8;
    this.u16 = views.HEAPU16;
  }

  /** Renews the views after the memory grew (a detached view has length 0). */
  private fresh(): void {
    if (this.i32.length === 0) {
      this.i32 = this.views.HEAP32;
      this.u8 = this.views.HEAPU8;
      this.u16 = this.views.HEAPU16;
    }
  }

  private isInline(subtree: number): boolean {
    return (this.u8[subtree] & 1) === 1;
  }

  /** The heap data a non-inline `Subtree` points to. */
  private data(subtree: number): number {
    return this.i32[subtree >> 2];
  }

  /**
   * The node's symbol, as `ts_node_symbol` finds it: its alias if it has one, else its subtree's. The
   * runtime would then map it to the first symbol of the same name; callers read names, which are equal.
   */
  symbol(node: NodeHandle): number {
    if (node.context !== 0) return node.context;
    this.fresh();
    const subtree = node.id;
    return this.isInline(subtree) ? this.u8[subtree + INLINE_SYMBOL] : this.u16[(this.data(subtree) + HEAP_SYMBOL) >> 1];
  }

  /** Where the node ends, as `ts_node_end_byte` finds it (its start plus its size), in UTF-16 code units. */
  endIndex(node: NodeHandle): number {
    this.fresh();
    return node.startIndex + (this.sizeBytes(node.id) >> 1);
  }

  private sizeBytes(subtree: number): number {
    return this.isInline(subtree) ? this.u8[subtree + INLINE_SIZE_BYTES] : this.i32[(this.data(subtree) + HEAP_SIZE) >> 2];
  }

  /** As `ts_node__relevant_child_count`: what a hidden child contributes to its parent's list. */
  private relevantChildCount(subtree: number, named: boolean): number {
    if (this.isInline(subtree)) return 0;
    const data = this.data(subtree);
    if (this.i32[(data + HEAP_CHILD_COUNT) >> 2] === 0) return 0;
    return this.i32[(data + (named ? HEAP_NAMED_CHILD_COUNT : HEAP_VISIBLE_CHILD_COUNT)) >> 2];
  }

  /**
   * The node's children (`named`: only named ones), as `ts_node_child` and `ts_node_named_child` see them:
   * aliased as the parent's production says, hidden children replaced by their own relevant children.
   */
  children<T>(tree: number, node: NodeHandle, named: boolean, make: NodeFactory<T>): T[] {
    this.fresh();
    const count = this.relevantChildCount(node.id, named);
    const found = new Array<T>(count);
    if (count === 0) return found;
    const language = this.i32[(tree + TREE_LANGUAGE) >> 2];
    this.startAt(node);
    this.foundExtra = false;
    this.collect(language, node.id, named, make, found, 0);
    return found;
  }

  /**
   * The child in a field, as `ts_node_child_by_field_id` finds it: the child at the field's position in the
   * node's production, or the first visible child of a hidden one there. Undefined where a field is
   * inherited from a hidden child (rare): the runtime answers those.
   */
  childByField<T>(tree: number, node: NodeHandle, field: number, make: NodeFactory<T>): T | null | undefined {
    this.fresh();
    const { i32, u8, u16 } = this;
    if (this.relevantChildCount(node.id, false) === 0) return null;
    const language = i32[(tree + TREE_LANGUAGE) >> 2];
    const data = i32[node.id >> 2];
    const production = u16[(data + HEAP_PRODUCTION_ID) >> 1];
    const slice = i32[(language + LANGUAGE_FIELD_MAP_SLICES) >> 2] + production * FIELD_MAP_SIZE;
    const entries = i32[(language + LANGUAGE_FIELD_MAP_ENTRIES) >> 2];
    // The entries of this field, which the map keeps sorted by field id.
    let entry = entries + u16[slice >> 1] * FIELD_MAP_SIZE;
    let end = entry + u16[(slice + 2) >> 1] * FIELD_MAP_SIZE;
    while (entry < end && u16[entry >> 1] < field) entry += FIELD_MAP_SIZE;
    while (entry < end && u16[(end - FIELD_MAP_SIZE) >> 1] > field) end -= FIELD_MAP_SIZE;
    if (entry === end) return null;
    for (let e = entry; e < end; e += FIELD_MAP_SIZE) if (u8[e + ENTRY_INHERITED] !== 0) return undefined;
    const childCount = i32[(data + HEAP_CHILD_COUNT) >> 2];
    const aliases = this.aliasSequence(language, production);
    this.startAt(node);
    let structural = 0;
    for (let i = 0, child = data - childCount * SUBTREE_SIZE; i < childCount; i++, child += SUBTREE_SIZE) {
      const inline = (u8[child] & 1) === 1;
      const heap = inline ? 0 : i32[child >> 2];
      const flags = inline ? u8[child] : u8[heap + HEAP_FLAGS];
      if (i > 0) this.advance(child, heap, true);
      if ((flags & (inline ? INLINE_EXTRA : HEAP_EXTRA)) === 0) {
        const alias = aliases !== 0 ? u16[aliases + structural] : 0;
        const index = structural++;
        if (index >= u8[entry + ENTRY_CHILD_INDEX]) {
          if ((flags & (inline ? INLINE_VISIBLE : HEAP_VISIBLE)) !== 0 || alias !== 0) return make(child, this.bytes >> 1, alias);
          if (this.relevantChildCount(child, false) > 0) {
            // The hidden child's first visible one, walked from where the hidden child starts (the walk stands there).
            const first = new Array<T>(1);
            this.foundExtra = false;
            this.collect(language, child, false, make, first, 0);
            return first[0] ?? null;
          }
          entry += FIELD_MAP_SIZE;
          if (entry === end) return null;
        }
      }
      this.advance(child, heap, false);
    }
    return null;
  }

  /** Walks one subtree's children from where the walk stands, filling `found` from `at`; returns the next free index. */
  private collect<T>(language: number, subtree: number, named: boolean, make: NodeFactory<T>, found: T[], at: number): number {
    const { i32, u8, u16 } = this;
    const data = i32[subtree >> 2];
    const childCount = i32[(data + HEAP_CHILD_COUNT) >> 2];
    const production = u16[(data + HEAP_PRODUCTION_ID) >> 1];
    const aliases = this.aliasSequence(language, production);
    let structural = 0;
    for (let i = 0, child = data - childCount * SUBTREE_SIZE; i < childCount && at < found.length; i++, child += SUBTREE_SIZE) {
      const inline = (u8[child] & 1) === 1;
      // The child's flags, padding and size: in its inline bytes or in its heap data.
      const heap = inline ? 0 : i32[child >> 2];
      const flags = inline ? u8[child] : u8[heap + HEAP_FLAGS];
      let alias = 0;
      const extra = (flags & (inline ? INLINE_EXTRA : HEAP_EXTRA)) !== 0;
      if (!extra) {
        if (aliases !== 0) alias = u16[aliases + structural];
        structural++;
      }
      if (i > 0) this.advance(child, heap, true);
      const visible = (flags & (inline ? INLINE_VISIBLE : HEAP_VISIBLE)) !== 0;
      const relevant = named
        ? alias !== 0
          ? u8[i32[(language + LANGUAGE_SYMBOL_METADATA) >> 2] + alias * METADATA_SIZE + METADATA_NAMED] !== 0
          : visible && (flags & (inline ? INLINE_NAMED : HEAP_NAMED)) !== 0
        : visible || alias !== 0;
      if (relevant) {
        if (extra) this.foundExtra = true;
        found[at++] = make(child, this.bytes >> 1, alias);
      } else if (this.relevantChildCount(child, named) > 0) {
        // A hidden child's own children walk from its start; the walk here goes on from where it stood.
        const bytes = this.bytes;
        at = this.collect(language, child, named, make, found, at);
        this.bytes = bytes;
      }
      this.advance(child, heap, false);
    }
    return at;
  }

  /** Starts a walk at the node's start (tree-sitter counts bytes, two per UTF-16 code unit here). */
  private startAt(node: NodeHandle): void {
    this.bytes = node.startIndex * 2;
  }

  /** Where a production's aliases start in `HEAPU16`, as `ts_language_alias_sequence` finds them; 0 for none. */
  private aliasSequence(language: number, production: number): number {
    if (production === 0) return 0;
    const { i32, u16 } = this;
    return (i32[(language + LANGUAGE_ALIAS_SEQUENCES) >> 2] >> 1) + production * u16[(language + LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH) >> 1];
  }

  /**
   * `length_add` to where the walk stands, in bytes: the child's padding (before it) or its size (over it).
   * `heap` is its heap data, 0 for an inline leaf.
   */
  private advance(child: number, heap: number, padding: boolean): void {
    this.bytes += heap === 0 ? this.u8[child + (padding ? INLINE_PADDING_BYTES : INLINE_SIZE_BYTES)] : this.i32[(heap + (padding ? HEAP_PADDING : HEAP_SIZE)) >> 2];
  }

}
