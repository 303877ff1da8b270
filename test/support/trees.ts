/**
 * Test support for the JS-built statement trees: a raw tree-sitter parser, and a node-by-node comparison of
 * `parseSimpleStatement`'s trees with tree-sitter's (used by the statement tests and the fuzzer).
 */
import { readFileSync } from 'node:fs';
import type { Node, Parser } from 'web-tree-sitter';
import { createParser, loadPython } from '../../src/core/syntax/tree';
import type { SyntaxNode } from '../../src/core/syntax/node';
import { parseSimpleStatement } from '../../src/core/syntax/simpleStatement';

let parser: Promise<Parser> | null = null;

export function testParser(): Promise<Parser> {
  parser ??= loadPython({
    runtime: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    grammar: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
  }).then(createParser);
  return parser;
}

/** The first difference between tree-sitter's node and ours, as a path and a message; null when equal. */
export function difference(expected: Node, actual: SyntaxNode, path = ''): string | null {
  const here = `${path}/${expected.type}`;
  const pairs: [string, unknown, unknown][] = [
    ['type', expected.type, actual.type],
    ['named', expected.isNamed, actual.isNamed],
    ['start', expected.startIndex, actual.startIndex],
    ['end', expected.endIndex, actual.endIndex],
    ['startPosition', JSON.stringify(expected.startPosition), JSON.stringify(actual.startPosition)],
    ['endPosition', JSON.stringify(expected.endPosition), JSON.stringify(actual.endPosition)],
    ['children', expected.childCount, actual.children.length],
  ];
  for (const [what, want, got] of pairs) if (want !== got) return `${here}: ${what} ${String(want)} != ${String(got)}`;
  for (let i = 0; i < expected.childCount; i++) {
    const child = expected.child(i) as Node;
    const field = expected.fieldNameForChild(i);
    if (field && actual.childForFieldName(field) === null) return `${here}: no field ${field}`;
    if (field && !actual.childrenForFieldName(field).some((c) => c.startIndex === child.startIndex && c.type === child.type)) {
      return `${here}: field ${field} is not child ${i}`;
    }
    const inner = difference(child, actual.children[i], `${here}[${i}]`);
    if (inner) return inner;
  }
  return null;
}

/** Checks every simple statement of `text`; returns how many were accepted and how many there were. */
export function checkStatements(root: Node, text: string): { accepted: number; total: number; failures: string[] } {
  let accepted = 0;
  let total = 0;
  const failures: string[] = [];
  const visit = (node: Node): void => {
    if ((node.type === 'expression_statement' || node.type === 'return_statement') && !node.hasError) {
      total++;
      const plain = parseSimpleStatement(text, node.type, node.startIndex, node.endIndex, node.startPosition);
      if (plain) {
        accepted++;
        const diff = difference(node, plain);
        if (diff) failures.push(`${JSON.stringify(node.text.slice(0, 80))}: ${diff}`);
      }
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return { accepted, total, failures };
}

