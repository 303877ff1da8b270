/**
 * Direct calls into web-tree-sitter's wasm runtime, bypassing its JS `Node` class. Reading a tree through
 * `Node` costs about half a microsecond per node built (each is a class instance with many fields) and a
 * DataView round trip per property; the analysis reads thousands of nodes per keystroke, so that binding,
 * not our interpreter, was most of its time. The runtime's own exports are the functions `Node` calls
 * (`ts_node_*_wasm`), which take a node marshalled as five i32s in a transfer buffer and hand results back
 * there. This file is the only one that knows that contract (web-tree-sitter 0.27's `lib/tree-sitter.c`
 * and `src/marshal.ts`, pinned in package.json); `test/unit/wasm.test.ts` checks it against `Node` on
 * every node of the fixtures, so a version bump that changes it fails loudly.
 */
import type { Node } from 'web-tree-sitter';

/** The exports of the emscripten module that the reader calls, as `Parser.init` leaves them on its options. */
interface RuntimeExports {
  readonly HEAP32: Int32Array;
  readonly HEAPU8: Uint8Array;
  readonly HEAPU16: Uint16Array;
  _ts_init(): number;
  _free(address: number): void;
  _ts_node_is_named_wasm(tree: number): number;
  _ts_node_is_missing_wasm(tree: number): number;
  _ts_node_has_error_wasm(tree: number): number;
  _ts_node_children_wasm(tree: number): void;
  _ts_node_named_children_wasm(tree: number): void;
  _ts_node_named_child_wasm(tree: number, index: number): void;
  _ts_node_child_by_field_id_wasm(tree: number, field: number): void;
  _ts_node_children_by_field_id_wasm(tree: number, field: number): void;
}

const FUNCTIONS = [
  '_ts_init', '_free', '_ts_node_is_named_wasm', '_ts_node_is_missing_wasm', '_ts_node_has_error_wasm', '_ts_node_children_wasm',
  '_ts_node_named_children_wasm', '_ts_node_named_child_wasm', '_ts_node_child_by_field_id_wasm', '_ts_node_children_by_field_id_wasm',
] as const;

/** Up to how many named children are fetched one call each rather than as a list (any bound from 3 to 20 measured alike). */
const FEW_CHILDREN = 6;

/** i32s per marshalled node: id, start index, start row, start column, alias context. */
const NODE_SIZE = 5;

/**
 * Where tree-sitter keeps a node's symbol, size and named-child count (`lib/src/subtree.h`): a node's id is
 * the address of its `Subtree`, 8 bytes that hold a small leaf inline (bit 0 of the first byte set; symbol
 * in byte 1, size in bytes in byte 7) or else point to its heap data (size in bytes a u32 at byte 16, child
 * count a u32 at 36, symbol a u16 at 40, named-child count a u32 at 52, valid when it has children).
 * Reading them from memory replaces the three commonest crossings (every node's type, most nodes' ends,
 * every child list's length).
 */
const INLINE_SYMBOL = 1;
const INLINE_SIZE_BYTES = 7;
const HEAP_SIZE_BYTES = 16;
const HEAP_CHILD_COUNT = 36;
const HEAP_SYMBOL = 40;
const HEAP_NAMED_CHILD_COUNT = 52;

/** A node as the runtime marshals it; `id` 0 means "no node". */
export interface NodeHandle {
  readonly id: number;
  readonly startIndex: number;
  readonly startRow: number;
  readonly startColumn: number;
  readonly context: number;
}

/** Builds the caller's node object straight from the marshalled fields, so a node costs one allocation. */
export type NodeFactory<T> = (id: number, startIndex: number, startRow: number, startColumn: number, context: number) => T;

let loaded: Runtime | null = null;

/** Keeps the module object `Parser.init` was given: emscripten fills it with the runtime's exports. */
export function adoptRuntime(module: object): void {
  const exports = module as Partial<RuntimeExports>;
  for (const name of FUNCTIONS) {
    if (typeof exports[name] !== 'function') throw new Error(`web-tree-sitter runtime lacks ${name}: the reader needs updating`);
  }
  loaded = new Runtime(exports as RuntimeExports);
}

/** The runtime `loadPython` initialised; trees only exist after it did. */
export function runtime(): Runtime {
  if (!loaded) throw new Error('the tree-sitter runtime was not loaded through loadPython');
  return loaded;
}

/** web-tree-sitter keeps wasm addresses under index 0 of its `Tree` and `Node` objects. */
interface Addressed {
  readonly 0: number;
}

/** The handle of a `Node` web-tree-sitter handed out, and the address of its tree. */
export function handleOf(node: Node): { handle: NodeHandle; tree: number } {
  return {
    handle: {
      id: node.id,
      startIndex: node.startIndex,
      startRow: node.startPosition.row,
      startColumn: node.startPosition.column,
      context: (node as unknown as Addressed)[0],
    },
    tree: (node.tree as unknown as Addressed)[0],
  };
}

export class Runtime {
  /** Index of the transfer buffer in `HEAP32`. */
  private readonly transfer: number;
  private heap: Int32Array;

  private bytes: Uint8Array;
  private halves: Uint16Array;

  constructor(private readonly exports: RuntimeExports) {
    this.transfer = exports._ts_init() >> 2;
    this.heap = exports.HEAP32;
    this.bytes = exports.HEAPU8;
    this.halves = exports.HEAPU16;
  }

  /** The heap views, renewed when the memory grew (which detaches the old ones: their length drops to 0). */
  private view(): Int32Array {
    if (this.heap.length === 0) {
      this.heap = this.exports.HEAP32;
      this.bytes = this.exports.HEAPU8;
      this.halves = this.exports.HEAPU16;
    }
    return this.heap;
  }

  private put(node: NodeHandle): void {
    const heap = this.view();
    const at = this.transfer;
    heap[at] = node.id;
    heap[at + 1] = node.startIndex;
    heap[at + 2] = node.startRow;
    heap[at + 3] = node.startColumn;
    heap[at + 4] = node.context;
  }

  /** The node a `*_wasm` call left in the transfer buffer, or null. */
  private take<T>(make: NodeFactory<T>): T | null {
    const heap = this.view();
    const at = this.transfer;
    return heap[at] === 0 ? null : make(heap[at], heap[at + 1], heap[at + 2], heap[at + 3], heap[at + 4]);
  }

  /** The list a `*_children_wasm` call left in the transfer buffer (count, address), freed after reading. */
  private takeList<T>(make: NodeFactory<T>): T[] {
    const heap = this.view();
    const count = heap[this.transfer];
    const address = heap[this.transfer + 1];
    // Made at their exact size: a list grown by `push` reserves room for 16, on thousands of nodes.
    const nodes = new Array<T>(count);
    for (let i = 0, at = address >> 2; i < count; i++, at += NODE_SIZE) nodes[i] = make(heap[at], heap[at + 1], heap[at + 2], heap[at + 3], heap[at + 4]);
    if (count > 0) this.exports._free(address);
    return nodes;
  }

  /**
   * The node's symbol, as `ts_node_symbol` finds it: its alias if it has one, else its subtree's. The
   * runtime would then map it to the first symbol of the same name; callers read names, which are equal.
   */
  symbol(node: NodeHandle): number {
    if (node.context !== 0) return node.context;
    const heap = this.view();
    const id = node.id;
    return (this.bytes[id] & 1) === 1 ? this.bytes[id + INLINE_SYMBOL] : this.halves[(heap[id >> 2] + HEAP_SYMBOL) >> 1];
  }

  /** As `ts_node_named_child_count`: none for a leaf, else the count its subtree keeps (named children of hidden children included). */
  private namedChildCount(node: NodeHandle): number {
    const heap = this.view();
    if ((this.bytes[node.id] & 1) === 1) return 0;
    const data = heap[node.id >> 2];
    return heap[(data + HEAP_CHILD_COUNT) >> 2] > 0 ? heap[(data + HEAP_NAMED_CHILD_COUNT) >> 2] : 0;
  }

  /** Where the node ends, as `ts_node_end_byte` finds it (its start plus its size), in UTF-16 code units. */
  endIndex(node: NodeHandle): number {
    const heap = this.view();
    const id = node.id;
    const sizeBytes = (this.bytes[id] & 1) === 1 ? this.bytes[id + INLINE_SIZE_BYTES] : heap[(heap[id >> 2] + HEAP_SIZE_BYTES) >> 2];
    return node.startIndex + (sizeBytes >> 1);
  }

  isNamed(tree: number, node: NodeHandle): boolean {
    this.put(node);
    return this.exports._ts_node_is_named_wasm(tree) === 1;
  }

  isMissing(tree: number, node: NodeHandle): boolean {
    this.put(node);
    return this.exports._ts_node_is_missing_wasm(tree) === 1;
  }

  hasError(tree: number, node: NodeHandle): boolean {
    this.put(node);
    return this.exports._ts_node_has_error_wasm(tree) === 1;
  }

  children<T>(tree: number, node: NodeHandle, make: NodeFactory<T>): T[] {
    this.put(node);
    this.exports._ts_node_children_wasm(tree);
    return this.takeList(make);
  }

  /**
   * A few named children are fetched one by one: the list call allocates and frees a buffer in wasm and
   * walks the children twice, which costs more than a few single calls; a long list (a module's
   * statements) comes in one, since each single call walks the children up to its index.
   */
  namedChildren<T>(tree: number, node: NodeHandle, make: NodeFactory<T>): T[] {
    const count = this.namedChildCount(node);
    if (count > FEW_CHILDREN) {
      this.put(node);
      this.exports._ts_node_named_children_wasm(tree);
      return this.takeList(make);
    }
    const nodes = new Array<T>(count);
    for (let i = 0; i < count; i++) {
      this.put(node);
      this.exports._ts_node_named_child_wasm(tree, i);
      // Every index below the count has a child: the runtime never leaves a hole there.
      nodes[i] = this.take(make) as T;
    }
    return nodes;
  }

  childForField<T>(tree: number, node: NodeHandle, field: number, make: NodeFactory<T>): T | null {
    this.put(node);
    this.exports._ts_node_child_by_field_id_wasm(tree, field);
    return this.take(make);
  }

  childrenForField<T>(tree: number, node: NodeHandle, field: number, make: NodeFactory<T>): T[] {
    this.put(node);
    this.exports._ts_node_children_by_field_id_wasm(tree, field);
    return this.takeList(make);
  }
}
