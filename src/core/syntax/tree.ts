/**
 * web-tree-sitter setup and the node type the rest of the core uses. The grammar and runtime arrive as
 * bytes so the same code runs in Node, the CLI and a web worker; this file does no I/O of its own.
 */
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { adoptRuntime } from './wasm';

/** The node type the interpreter sees (`node.ts`): a cached view over the wasm tree, or a node built in JS. */
export type { SyntaxNode } from './node';
export type SyntaxTree = Tree;
/** web-tree-sitter's own node, as a tree hands it out; wrap it with `viewTree` before interpreting. */
export type RawNode = Node;

export interface WasmBytes {
  /** `web-tree-sitter.wasm`, the runtime. */
  readonly runtime: Uint8Array;
  /** `tree-sitter-python.wasm`, the grammar. */
  readonly grammar: Uint8Array;
}

let initialised: Promise<Language> | null = null;

/** Loads the runtime and the Python grammar once per process; later calls share the result. */
export function loadPython(bytes: WasmBytes): Promise<Language> {
  if (!initialised) {
    initialised = (async () => {
      // The bytes are all it needs; `locateFile` keeps it from resolving a URL against `import.meta.url`,
      // which is empty once bundled (and throws in a web worker).
      const module = { wasmBinary: bytes.runtime, locateFile: (name: string) => name };
      await Parser.init(module);
      // Emscripten fills the options object with the runtime's exports; nodes are read through them.
      adoptRuntime(module);
      return Language.load(bytes.grammar);
    })();
    // A failed load must not poison every later attempt.
    initialised.catch(() => {
      initialised = null;
    });
  }
  return initialised;
}

export function createParser(language: Language): Parser {
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export { Parser };
