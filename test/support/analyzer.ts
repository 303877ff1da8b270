/**
 * Test support: one analyzer per test process, loaded from the wasm files in node_modules exactly as the
 * CLI loads them from dist/.
 */
import { readFileSync } from 'node:fs';
import { createAnalyzer, type Analyzer, type WasmBytes } from '../../src/core';

let analyzer: Promise<Analyzer> | null = null;

export function testWasmBytes(): WasmBytes {
  return {
    runtime: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    grammar: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
  };
}

export function testAnalyzer(): Promise<Analyzer> {
  analyzer ??= createAnalyzer(testWasmBytes());
  return analyzer;
}
