/**
 * Typed helpers over tree-sitter nodes: spans in editor terms, fields, and Python literal decoding.
 * Node-type strings of the Python grammar are used here and in the evaluator only.
 */
import type { Span } from '../model';
import type { SyntaxNode } from './tree';

export function spanOf(node: SyntaxNode): Span {
  return node.span;
}

/** The named children of a node, without comments (shared: read-only). */
export function namedChildren(node: SyntaxNode): readonly SyntaxNode[] {
  return node.namedChildrenWithoutComments;
}

/**
 * The names of the two fields of a node type whose two fields are its two named children, in order, whenever
 * it has exactly two and neither is an error (a comment or line continuation among them makes three): the
 * interpreter reads these on every call, attribute and keyword, and one crossing for both children beats one per
 * field. A comparison per type rather than a map: node types are the engine's single copies of their names, and
 * this runs for nearly every node the interpreter reads.
 */
function pairedFields(type: string): readonly [string, string] | null {
  if (type === 'call') return CALL_FIELDS;
  if (type === 'attribute') return ATTRIBUTE_FIELDS;
  if (type === 'keyword_argument') return KEYWORD_FIELDS;
  return null;
}
const CALL_FIELDS = ['function', 'arguments'] as const;
const ATTRIBUTE_FIELDS = ['object', 'attribute'] as const;
const KEYWORD_FIELDS = ['name', 'value'] as const;

export function field(node: SyntaxNode, name: string): SyntaxNode | null {
  const paired = pairedFields(node.type);
  if (paired) {
    const children = node.namedChildrenWithoutComments;
    if (children.length === 2 && children[0].type !== 'ERROR' && children[1].type !== 'ERROR') {
      if (name === paired[0]) return children[0];
      if (name === paired[1]) return children[1];
    }
  }
  return node.childForFieldName(name);
}

/** All children held in one field (e.g. the several `name`s of `from m import a, b`). */
export function fieldAll(node: SyntaxNode, name: string): readonly SyntaxNode[] {
  return node.childrenForFieldName(name);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};

/** Decodes the escape sequences of a non-raw Python string literal piece. */
export function decodeEscape(text: string): string {
  const body = text.slice(1);
  if (body in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[body];
  if (/^x[0-9a-fA-F]{2}$|^u[0-9a-fA-F]{4}$|^U[0-9a-fA-F]{8}$/.test(body)) {
    return String.fromCodePoint(parseInt(body.slice(1), 16));
  }
  if (body === '\n') return '';
  return text;
}

/**
 * The value of a string literal written plainly — no prefix, no backslash — read from its source text
 * alone, without visiting its children (most strings in Keras code are `"relu"` or `"same"`); null for
 * any other literal, and for one whose quotes do not close it (broken code), which its children tell.
 */
export function plainStringValue(node: SyntaxNode): string | null {
  const text = node.text;
  const quote = text.charCodeAt(0);
  if (quote !== 34 && quote !== 39) return null;
  // Three quotes always open a triple-quoted string, as in Python's tokenizer.
  const width = text.charCodeAt(1) === quote && text.charCodeAt(2) === quote ? 3 : 1;
  if (text.length < 2 * width || text.includes('\\')) return null;
  for (let i = text.length - width; i < text.length; i++) if (text.charCodeAt(i) !== quote) return null;
  return text.slice(width, text.length - width);
}

/** The prefix letters of a string literal (`f`, `r`, `b`, `rb`...), lower-cased. */
export function stringPrefix(node: SyntaxNode): string {
  const start = node.child(0);
  const text = start ? start.text : '';
  return text.replace(/['"]/g, '').toLowerCase();
}
