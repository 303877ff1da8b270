import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createParser, loadPython } from '../../src/core/syntax/tree';
import { viewTree } from '../../src/core/syntax/cached';
import { plainStringValue } from '../../src/core/syntax/nodes';
import type { SyntaxNode } from '../../src/core/syntax/node';
import { generateKerasSource, seededRandom } from '../../scripts/bench/generate';
import { mutate } from '../support/fuzz';

/** A string's value as its children spell it, for a literal without escapes or interpolations. */
function fromChildren(node: SyntaxNode): string | null {
  const parts = node.namedChildren;
  if (parts.some((part) => part.type !== 'string_content' && part.type !== 'string_start' && part.type !== 'string_end')) return null;
  if (node.hasError || node.children.some((child) => child.isMissing)) return null;
  return parts.filter((part) => part.type === 'string_content').map((part) => part.text).join('');
}

function* strings(node: SyntaxNode): Generator<SyntaxNode> {
  if (node.type === 'string') yield node;
  for (const child of node.children) yield* strings(child);
}

test('a plain string literal read from its text has the value its children spell, in valid and broken code', async () => {
  const parser = createParser(
    await loadPython({
      runtime: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
      grammar: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
    }),
  );
  const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');
  const sources = readdirSync(fixtures)
    .filter((file) => file.endsWith('.py'))
    .map((file) => readFileSync(join(fixtures, file), 'utf8'));
  sources.push(generateKerasSource(300), `a = ''\nb = """"""\nc = '''x'\nd = "it's"\ne = '''a "b" c'''\nf = "unclosed\ng = r"raw" + u"u" + f"{a}" + "x\\ty"\n`);
  const random = seededRandom(11);
  // Mutations of the sources as they are, a fixed number of each whatever files the fixtures hold.
  const originals = [...sources];
  for (let i = 0; i < 300; i++) sources.push(mutate(originals[i % originals.length], random).text);
  let plain = 0;
  for (const source of sources) {
    const tree = parser.parse(source);
    assert.ok(tree);
    for (const node of strings(viewTree(tree.rootNode, source))) {
      const value = plainStringValue(node);
      if (value === null) continue;
      plain++;
      assert.equal(value, fromChildren(node), `${JSON.stringify(node.text)} at ${node.startIndex}`);
    }
    tree.delete();
  }
  assert.ok(plain > 900, `${plain} plain strings compared`);
});
