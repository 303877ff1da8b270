import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { createParser, loadPython } from '../../src/core/syntax/tree';
import { viewTree } from '../../src/core/syntax/cached';
import { field } from '../../src/core/syntax/nodes';
import type { SyntaxNode } from '../../src/core/syntax/node';
import { generateKerasSource, seededRandom } from '../../scripts/bench/generate';
import { mutate } from '../support/fuzz';

/**
 * `syntax/wasm.ts` calls web-tree-sitter's runtime directly and `syntax/subtrees.ts` reads its memory; this
 * checks that what they read is what web-tree-sitter's own `Node` reports, node by node, so that a change of
 * the runtime's contract or memory layout fails here.
 */
function compare(view: SyntaxNode, raw: Node, path: string): number {
  const at = `${path}/${raw.type}@${raw.startIndex}`;
  assert.equal(view.id, raw.id, at);
  assert.equal(view.type, raw.type, at);
  assert.equal(view.startIndex, raw.startIndex, at);
  assert.equal(view.endIndex, raw.endIndex, at);
  assert.deepEqual(view.startPosition, raw.startPosition, at);
  assert.deepEqual(view.endPosition, raw.endPosition, at);
  assert.equal(view.isNamed, raw.isNamed, at);
  assert.equal(view.isMissing, raw.isMissing, at);
  assert.equal(view.hasError, raw.hasError, at);
  // Where each named child starts too: views of named children are made by their own walk of the tree.
  const placed = (c: { id: number; startIndex: number; startPosition: { row: number; column: number } }) => [c.id, c.startIndex, c.startPosition.row, c.startPosition.column];
  assert.deepEqual(view.namedChildren.map(placed), raw.namedChildren.map(placed), at);
  const fields = new Set<string>(['not_a_field_here']);
  raw.children.forEach((_, i) => {
    const name = raw.fieldNameForChild(i);
    if (name) fields.add(name);
  });
  for (const name of fields) {
    // Where the field's child starts too: a field held by a hidden child is found by a walk of its own.
    const expected = raw.childForFieldName(name);
    const placedOrNull = (c: Parameters<typeof placed>[0] | null) => (c ? placed(c) : null);
    assert.deepEqual(placedOrNull(view.childForFieldName(name)), placedOrNull(expected), `${at} ${name}`);
    assert.deepEqual(placedOrNull(field(view, name)), placedOrNull(expected), `${at} field(${name})`);
    assert.deepEqual(view.childrenForFieldName(name).map((c) => c.id), raw.childrenForFieldName(name).map((c) => c.id), `${at} ${name}`);
  }
  const children = raw.children;
  assert.equal(view.children.length, children.length, at);
  let count = 1;
  children.forEach((child, i) => {
    count += compare(view.children[i], child, at);
  });
  return count;
}

test('the direct runtime reader sees every node as web-tree-sitter does', async () => {
  const root = join(__dirname, '..', '..', '..');
  const parser = createParser(
    await loadPython({
      runtime: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
      grammar: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
    }),
  );
  const fixtures = join(root, 'test', 'fixtures');
  const sources = readdirSync(fixtures)
    .filter((file) => file.endsWith('.py'))
    .map((file) => readFileSync(join(fixtures, file), 'utf8'));
  // Non-ASCII text (indices are UTF-16 code units), CRLF line ends, broken syntax and a large file.
  sources.push('naïve = "日本語 🎉"\r\nx = f"{naïve!r:>10}" + b"\\x00"\r\n', 'def f(:\n  return [1, 2\nclass', generateKerasSource(300));
  // Broken code of every kind the fuzzer makes: error recovery (ERROR and MISSING nodes, extras) must not fool the reader.
  const random = seededRandom(7);
  for (let i = 0; i < 60; i++) sources.push(mutate(sources[i % 8], random).text);
  let nodes = 0;
  for (const source of sources) {
    const tree = parser.parse(source);
    assert.ok(tree);
    nodes += compare(viewTree(tree.rootNode, source), tree.rootNode, '');
    tree.delete();
  }
  assert.ok(nodes > 10_000, `${nodes} nodes compared`);
});
