/**
 * Direct calls into web-tree-sitter's wasm runtime, bypassing its JS `Node` class. Reading a tree through
 * `Node` costs about half a microsecond per node built (each is a class instance with many fields) and a
 * DataView round trip per property; the analysis reads thousands of nodes per keystroke, so that binding,
 * not our interpreter, was most of its time. The runtime's own exports are the functions `Node` calls
 * (`ts_node_*_wasm`), which take a node marshalled as five i32s in a transfer buffer and hand results back
 * there. This file is the only one that knows that contract (web-tree-sitter 0.27's `lib/tree-sitter.c`
 * and `src/marshal.ts`, pinned in package.json); `test/unit/wasm.test.ts` checks it against `Node` on
 * every node of the fixtures, so a version bump that changes it fails loudly. Most of what a node is (type,
 * end, children, fields) is now read from the runtime's memory instead (`subtrees.ts`); rare questions
 * (a field inherited from a hidden child, a field's list, yes/no flags) still come here.
 */
import type { Node } from 'web-tree-sitter';
import { TreeMemory, type MemoryViews } from './subtrees';

/** The exports of the emscripten module that the reader calls, as `Parser.init` leaves them on its options. */
interface RuntimeExports extends MemoryViews {
  _ts_init(): number;
  _free(address: number): void;
  _ts_node_is_named_wasm(tree: number): number;
  _ts_node_is_missing_wasm(tree: number): number;
  _ts_node_has_error_wasm(tree: number): number;
  _ts_node_child_by_field_id_wasm(tree: number, field: number): void;
  _ts_node_children_by_field_id_wasm(tree: number, field: number): void;
}

const FUNCTIONS = [
  '_ts_init', '_free', '_ts_node_is_named_wasm', '_ts_node_is_missing_wasm', '_ts_node_has_error_wasm',
  '_ts_node_child_by_field_id_wasm', '_ts_node_children_by_field_id_wasm',
] as const;

/** i32s per marshalled node: id, start index, start row, start column, alias context. */
const NODE_SIZE = 5;

/** A node as the runtime marshals it; `id` 0 means "no node". */
export interface NodeHandle {
  readonly id: number;
  readonly startIndex: number;
  /** Row and column (UTF-16 code units), only for the runtime's rare calls: views compute them from the text. */
  readonly startPosition: { readonly row: number; readonly column: number };
  readonly context: number;
}

/** Builds the caller's node object straight from the marshalled fields, so a node costs one allocation. */
export type NodeFactory<T> = (id: number, startIndex: number, context: number) => T;

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
      startPosition: node.startPosition,
      context: (node as unknown as Addressed)[0],
    },
    tree: (node.tree as unknown as Addressed)[0],
  };
}

export class Runtime {
  /** Index of the transfer buffer in `HEAP32`. */
  private readonly transfer: number;
  private heap: Int32Array;

  /** What is read from memory rather than asked of the runtime: types, ends, children, fields. */
  readonly memory: TreeMemory;

  constructor(private readonly exports: RuntimeExports) {
    this.transfer = exports._ts_init() >> 2;
    this.heap = exports.HEAP32;
    this.memory = new TreeMemory(exports);
  }

  /** The heap view, renewed when the memory grew (which detaches the old view: its length drops to 0). */
  private view(): Int32Array {
    if (this.heap.length === 0) this.heap = this.exports.HEAP32;
    return this.heap;
  }

  private put(node: NodeHandle): void {
    const heap = this.view();
    const at = this.transfer;
    heap[at] = node.id;
    heap[at + 1] = node.startIndex;
    const { row, column } = node.startPosition;
    heap[at + 2] = row;
    heap[at + 3] = column;
    heap[at + 4] = node.context;
  }

  /** The node a `*_wasm` call left in the transfer buffer, or null. */
  private take<T>(make: NodeFactory<T>): T | null {
    const heap = this.view();
    const at = this.transfer;
    return heap[at] === 0 ? null : make(heap[at], heap[at + 1], heap[at + 4]);
  }

  /** The list a `*_children_wasm` call left in the transfer buffer (count, address), freed after reading. */
  private takeList<T>(make: NodeFactory<T>): T[] {
    const heap = this.view();
    const count = heap[this.transfer];
    const address = heap[this.transfer + 1];
    // Made at their exact size: a list grown by `push` reserves room for 16, on thousands of nodes.
    const nodes = new Array<T>(count);
    for (let i = 0, at = address >> 2; i < count; i++, at += NODE_SIZE) nodes[i] = make(heap[at], heap[at + 1], heap[at + 4]);
    if (count > 0) this.exports._free(address);
    return nodes;
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
