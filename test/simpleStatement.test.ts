/**
 * The JS-built trees of simple statements must be tree-sitter's exactly: on every statement of the fixtures,
 * examples, oracle cases and a generated benchmark file, each tree `parseSimpleStatement` accepts is compared
 * node by node (type, named, offsets, rows and columns, field names) with tree-sitter's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { parseSimpleStatement } from '../src/core/syntax/simpleStatement';
import { generateKerasSource } from '../scripts/bench/generate';
import { checkStatements, difference, testParser } from './support/trees';

const ROOT = join(__dirname, '..', '..');

function corpus(): string[] {
  const files: string[] = [];
  for (const dir of [join(ROOT, 'test', 'fixtures'), join(ROOT, 'examples'), join(ROOT, '..', 'shared', 'oracle-cases')]) {
    if (existsSync(dir)) for (const file of readdirSync(dir).filter((f) => f.endsWith('.py'))) files.push(join(dir, file));
  }
  return files;
}

test('simple statements built in JS equal tree-sitter trees on the corpus', async () => {
  const p = await testParser();
  let accepted = 0;
  let total = 0;
  const sources = [...corpus().map((file) => readFileSync(file, 'utf8')), generateKerasSource(1_000), generateKerasSource(300).replace(/\n/g, '\r\n')];
  for (const text of sources) {
    const tree = p.parse(text);
    if (!tree) continue;
    const result = checkStatements(tree.rootNode, text);
    tree.delete();
    accepted += result.accepted;
    total += result.total;
    assert.deepEqual(result.failures, []);
  }
  assert.ok(accepted > total * 0.6, `accepted ${accepted} of ${total}`);
  console.log(`accepted ${accepted} of ${total}`);
});

const SAMPLES = [
  'x = f(1, "a", b="", c=-2.5)[0].y',
  'z += 2 ** -x ** 2 * +y // 3 % 4 @ w - 1',
  'return (1,)',
  'return',
  'y = {"a": 1, b: [2,], (c): (d, e)}',
  't = a = b.c[d, e,]',
  'f(x)(y)[z].w(\n    1,\n    k=2,\r\n)',
  'x = ((a))',
  'x = [[], (), {}]',
  '-x',
  '~x ** y',
];

const REJECTED = ['print(x)', 'x = f"{a}"', 'x = a if b else c', 'x = [a for a in b]', 'x = a == b', 'x = 1_000', 'x = a[1:2]', 'x = *a,', "x = 'a' 'b'", 'a, b = c', 'x: int = 1', 'x = lambda: 1', 'x = "é"', 'x = 1.', 'x = .5', 'x = a.b.None'];

test('sample statements: accepted ones match tree-sitter, the rest are refused', async () => {
  const p = await testParser();
  for (const text of SAMPLES) {
    const tree = p.parse(text);
    const statement = tree?.rootNode.child(0) as Node;
    const plain = parseSimpleStatement(text, statement.type, statement.startIndex, statement.endIndex, statement.startPosition);
    assert.ok(plain, `accepted: ${text}`);
    assert.equal(difference(statement, plain), null, text);
    tree?.delete();
  }
  for (const text of REJECTED) {
    const tree = p.parse(text);
    const statement = tree?.rootNode.child(0) as Node;
    assert.equal(parseSimpleStatement(text, statement.type, statement.startIndex, statement.endIndex, statement.startPosition), null, text);
    tree?.delete();
  }
});
