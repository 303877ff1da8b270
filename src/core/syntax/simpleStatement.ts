/**
 * Builds, in JS, the syntax tree of a simple statement (`x = layers.Dense(64, activation="relu")(x)`,
 * `model.add(Dropout(0.5))`, `return x + y`) exactly as tree-sitter-python 0.23.6 shapes it, so the
 * interpreter can read it without one wasm crossing per node. It accepts a deliberately small subset —
 * names, plain numbers and strings, calls, attributes, subscripts, lists, tuples, dicts, + - * / // % ** @ —
 * and gives up (null) on anything else, which tree-sitter's own nodes then serve. `test/simpleStatement.test.ts`
 * checks the trees against tree-sitter's on every statement of a large corpus.
 */
import type { Span } from '../model';
import type { Point, SyntaxNode } from './node';

let nextId = -1;

/** Rows and columns of offsets inside one statement: its start point and the line starts after it. */
class Lines {
  constructor(
    readonly source: string,
    private readonly start: number,
    private readonly startPosition: Point,
    /** Offsets just after each line break inside the statement, in order. */
    private readonly breaks: readonly number[],
  ) {}

  point(offset: number): Point {
    let row = this.startPosition.row;
    let lineStart = this.start - this.startPosition.column;
    for (const at of this.breaks) {
      if (at > offset) break;
      row++;
      lineStart = at;
    }
    return { row, column: offset - lineStart };
  }
}

/** A node built in JS; the same shape and positions tree-sitter gives (positions computed when asked). */
export class PlainNode implements SyntaxNode {
  private ownId: number | undefined;
  private named: readonly PlainNode[] | undefined;
  private cachedSpan: Span | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly children: readonly PlainNode[],
    /** The field name of each child, or null; empty for leaves. */
    private readonly fields: readonly (string | null)[],
    private readonly lines: Lines,
  ) {}

  /** Given on first use: most nodes are never asked, and every field costs memory the collector copies. */
  get id(): number {
    return (this.ownId ??= nextId--);
  }

  get isMissing(): boolean {
    return false;
  }

  get hasError(): boolean {
    return false;
  }

  get startPosition(): Point {
    return this.lines.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.lines.point(this.endIndex);
  }

  get text(): string {
    return this.lines.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): readonly PlainNode[] {
    return (this.named ??= this.children.filter((child) => child.isNamed));
  }

  get namedChildrenWithoutComments(): readonly PlainNode[] {
    return this.namedChildren;
  }

  get lastChild(): PlainNode | null {
    return this.children.length > 0 ? this.children[this.children.length - 1] : null;
  }

  child(index: number): PlainNode | null {
    return this.children[index] ?? null;
  }

  childForFieldName(name: string): PlainNode | null {
    const at = this.fields.indexOf(name);
    return at < 0 ? null : this.children[at];
  }

  childrenForFieldName(name: string): readonly PlainNode[] {
    return this.children.filter((_, i) => this.fields[i] === name);
  }

  get span(): Span {
    if (!this.cachedSpan) {
      const start = this.startPosition;
      const end = this.endPosition;
      this.cachedSpan = {
        start: this.startIndex,
        end: this.endIndex,
        startPosition: { line: start.row, column: start.column },
        endPosition: { line: end.row, column: end.column },
      };
    }
    return this.cachedSpan;
  }
}

const enum Kind {
  Name,
  Integer,
  Float,
  String,
  Operator,
}

/** The statement's tokens as parallel arrays (no object per token): kind, offsets, and text for names and operators. */
interface Tokens {
  readonly kinds: Kind[];
  readonly starts: number[];
  readonly ends: number[];
  /** The name or the operator; '' for numbers and strings. */
  readonly texts: string[];
  readonly breaks: number[];
}

/** Thrown (never escapes this file) where the statement leaves the subset. */
const GIVE_UP = { giveUp: true };

/** Words that are not plain identifiers to tree-sitter-python, or that start constructs outside the subset. */
const RESERVED = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'match', 'case', 'nonlocal',
  'not', 'or', 'pass', 'print', 'raise', 'return', 'try', 'type', 'while', 'with', 'yield', 'None', 'True', 'False',
]);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNamePart = (c: number) => isNameStart(c) || isDigit(c);

/** The operator starting at `i` (longest first), or null when the character is outside the subset. */
function operatorAt(source: string, i: number): string | null {
  const c = source[i];
  const next = source[i + 1];
  switch (c) {
    case '(': case ')': case '[': case ']': case '{': case '}': case ',': case ':': case '.': case '~': case '=':
      return c;
    case '*':
      if (next === '*') return source[i + 2] === '=' ? '**=' : '**';
      return next === '=' ? '*=' : '*';
    case '/':
      if (next === '/') return source[i + 2] === '=' ? '//=' : '//';
      return next === '=' ? '/=' : '/';
    case '+': case '-': case '%': case '@':
      return next === '=' ? `${c}=` : c;
    default:
      return null;
  }
}

/** Splits `source[start, end)` into tokens; throws GIVE_UP on anything outside the subset. */
/** One set of token arrays, reused by every parse: tokens live only while their statement is parsed. */
const scratch: Tokens = { kinds: [], starts: [], ends: [], texts: [], breaks: [] };

function tokenize(source: string, start: number, end: number): Tokens {
  const tokens = scratch;
  tokens.kinds.length = 0;
  tokens.starts.length = 0;
  tokens.ends.length = 0;
  tokens.texts.length = 0;
  tokens.breaks.length = 0;
  const push = (kind: Kind, from: number, to: number, text: string) => {
    tokens.kinds.push(kind);
    tokens.starts.push(from);
    tokens.ends.push(to);
    tokens.texts.push(text);
  };
  let depth = 0;
  let i = start;
  while (i < end) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
    } else if (c === 10) {
      // A line break inside brackets is whitespace; outside them it would end the statement.
      if (depth === 0) throw GIVE_UP;
      tokens.breaks.push(++i);
    } else if (isNameStart(c)) {
      const from = i;
      while (i < end && isNamePart(source.charCodeAt(i))) i++;
      const next = i < end ? source.charCodeAt(i) : 0;
      // A prefixed string (`f"..."`, `r'...'`) or a non-ASCII identifier.
      if (next === 34 || next === 39 || next > 127) throw GIVE_UP;
      push(Kind.Name, from, i, source.slice(from, i));
    } else if (isDigit(c)) {
      const from = i;
      while (i < end && isDigit(source.charCodeAt(i))) i++;
      let kind = Kind.Integer;
      if (source.charCodeAt(i) === 46 && isDigit(source.charCodeAt(i + 1))) {
        i++;
        while (i < end && isDigit(source.charCodeAt(i))) i++;
        kind = Kind.Float;
      }
      const next = i < end ? source.charCodeAt(i) : 0;
      if (isNamePart(next) || next === 46 || next > 127) throw GIVE_UP;
      push(kind, from, i, '');
    } else if (c === 34 || c === 39) {
      const from = i;
      if (source.charCodeAt(i + 1) === c && source.charCodeAt(i + 2) === c) throw GIVE_UP;
      i++;
      while (i < end && source.charCodeAt(i) !== c) {
        const d = source.charCodeAt(i);
        if (d === 92 || d > 127 || d < 32) throw GIVE_UP;
        i++;
      }
      if (i >= end) throw GIVE_UP;
      push(Kind.String, from, ++i, '');
    } else {
      const operator = operatorAt(source, i);
      if (!operator || i + operator.length > end) throw GIVE_UP;
      // `==`, `:=`, `...`, `.5`: outside the subset.
      const next = source.charCodeAt(i + operator.length);
      if ((operator === '=' || operator === ':') && next === 61) throw GIVE_UP;
      if (operator === '.' && (next === 46 || isDigit(next))) throw GIVE_UP;
      if (operator === '(' || operator === '[' || operator === '{') depth++;
      else if (operator === ')' || operator === ']' || operator === '}') depth--;
      push(Kind.Operator, i, i + operator.length, operator);
      i += operator.length;
    }
  }
  return tokens;
}

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = { '+': 18, '-': 18, '*': 19, '@': 19, '/': 19, '%': 19, '//': 19, '**': 21 };
const UNARY_PRECEDENCE = 20;
const MAX_NESTING = 100;
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=']);
const PATTERNS = new Set(['identifier', 'attribute', 'subscript']);
const NO_FIELDS: readonly (string | null)[] = [];
const NO_BREAKS: readonly number[] = [];
/** Field names of each node type's children, shared by all nodes of the type. */
const LEFT_OPERATOR_RIGHT: readonly (string | null)[] = ['left', 'operator', 'right'];
const LEFT_RIGHT: readonly (string | null)[] = ['left', null, 'right'];
const OPERATOR_ARGUMENT: readonly (string | null)[] = ['operator', 'argument'];
const KEY_VALUE: readonly (string | null)[] = ['key', null, 'value'];
const OBJECT_ATTRIBUTE: readonly (string | null)[] = ['object', null, 'attribute'];
const FUNCTION_ARGUMENTS: readonly (string | null)[] = ['function', 'arguments'];
const NAME_VALUE: readonly (string | null)[] = ['name', null, 'value'];
const CONSTANTS: Readonly<Record<string, string>> = { None: 'none', True: 'true', False: 'false' };

/** A recursive-descent parser over the tokens, building nodes as tree-sitter-python does. */
class Parser {
  private at = 0;
  /** Expressions being parsed inside one another. */
  private nesting = 0;

  constructor(
    private readonly tokens: Tokens,
    private readonly lines: Lines,
  ) {}

  get done(): boolean {
    return this.at === this.tokens.kinds.length;
  }

  private isOp(text: string, offset = 0): boolean {
    const i = this.at + offset;
    return this.tokens.kinds[i] === Kind.Operator && this.tokens.texts[i] === text;
  }

  /** The operator at the current token, or '' for any other token or the end. */
  private operator(): string {
    return this.tokens.kinds[this.at] === Kind.Operator ? this.tokens.texts[this.at] : '';
  }

  /** Consumes the current token as a leaf of the given type. */
  private leaf(type: string, named: boolean): PlainNode {
    if (this.done) throw GIVE_UP;
    const i = this.at++;
    return new PlainNode(type, named, this.tokens.starts[i], this.tokens.ends[i], [], NO_FIELDS, this.lines);
  }

  private expect(text: string): PlainNode {
    if (!this.isOp(text)) throw GIVE_UP;
    return this.leaf(text, false);
  }

  private node(type: string, children: readonly PlainNode[], fields: readonly (string | null)[]): PlainNode {
    return new PlainNode(type, true, children[0].startIndex, children[children.length - 1].endIndex, children, fields, this.lines);
  }

  /** `expression_statement` or `return_statement`. */
  statement(type: string): PlainNode {
    if (type === 'return_statement') {
      if (this.tokens.kinds[0] !== Kind.Name || this.tokens.texts[0] !== 'return') throw GIVE_UP;
      const children = [this.leaf('return', false)];
      if (!this.done) children.push(this.expression());
      return this.node(type, children, NO_FIELDS);
    }
    const first = this.expression();
    const operator = this.operator();
    let body = first;
    if (operator === '=') {
      body = this.assignment(first);
    } else if (AUGMENTED.has(operator)) {
      if (!PATTERNS.has(first.type)) throw GIVE_UP;
      const token = this.leaf(operator, false);
      body = this.node('augmented_assignment', [first, token, this.expression()], LEFT_OPERATOR_RIGHT);
    }
    return this.node('expression_statement', [body], NO_FIELDS);
  }

  /** `left = right`, where the right side may itself be an assignment (`a = b = 1`). */
  private assignment(left: PlainNode): PlainNode {
    if (!PATTERNS.has(left.type)) throw GIVE_UP;
    const equals = this.expect('=');
    let right = this.expression();
    if (this.isOp('=')) right = this.assignment(right);
    return this.node('assignment', [left, equals, right], LEFT_RIGHT);
  }

  expression(minimum = 0): PlainNode {
    // Deep nesting is left to tree-sitter's nodes (and the interpreter's own bounds): no stack is spent here.
    if (++this.nesting > MAX_NESTING) throw GIVE_UP;
    let left = this.unary();
    for (;;) {
      const operator = this.operator();
      const precedence = BINARY_PRECEDENCE[operator];
      if (precedence === undefined || precedence < minimum) break;
      const token = this.leaf(operator, false);
      // `**` is right-associative; the others are left-associative.
      const right = this.expression(operator === '**' ? precedence : precedence + 1);
      left = this.node('binary_operator', [left, token, right], LEFT_OPERATOR_RIGHT);
    }
    this.nesting--;
    return left;
  }

  private unary(): PlainNode {
    const operator = this.operator();
    if (operator === '-' || operator === '+' || operator === '~') {
      const token = this.leaf(operator, false);
      const argument = this.expression(UNARY_PRECEDENCE + 1);
      return this.node('unary_operator', [token, argument], OPERATOR_ARGUMENT);
    }
    return this.postfix(this.atom());
  }

  private atom(): PlainNode {
    if (this.done) throw GIVE_UP;
    const i = this.at;
    switch (this.tokens.kinds[i]) {
      case Kind.Name: {
        const text = this.tokens.texts[i];
        const constant = CONSTANTS[text];
        if (constant) return this.leaf(constant, true);
        if (RESERVED.has(text)) throw GIVE_UP;
        return this.leaf('identifier', true);
      }
      case Kind.Integer:
        return this.leaf('integer', true);
      case Kind.Float:
        return this.leaf('float', true);
      case Kind.String:
        return this.string();
      default: {
        const operator = this.tokens.texts[i];
        if (operator === '(') return this.parenthesized();
        if (operator === '[') return this.sequence('list', ']');
        if (operator === '{') return this.dictionary();
        throw GIVE_UP;
      }
    }
  }

  /** A plain string: `string_start`, `string_content` (when not empty), `string_end`. */
  private string(): PlainNode {
    const i = this.at++;
    const start = this.tokens.starts[i];
    const end = this.tokens.ends[i];
    const part = (type: string, from: number, to: number) => new PlainNode(type, true, from, to, [], NO_FIELDS, this.lines);
    const children = [part('string_start', start, start + 1)];
    if (end - start > 2) children.push(part('string_content', start + 1, end - 1));
    children.push(part('string_end', end - 1, end));
    return this.node('string', children, NO_FIELDS);
  }

  private parenthesized(): PlainNode {
    const open = this.leaf('(', false);
    if (this.isOp(')')) return this.node('tuple', [open, this.expect(')')], NO_FIELDS);
    const first = this.expression();
    if (this.isOp(')')) return this.node('parenthesized_expression', [open, first, this.expect(')')], NO_FIELDS);
    if (!this.isOp(',')) throw GIVE_UP;
    return this.elements('tuple', ')', [open, first, this.expect(',')]);
  }

  /** `[a, b,]`: elements separated by commas, a trailing comma allowed. */
  private sequence(type: string, close: string): PlainNode {
    return this.elements(type, close, [this.leaf(this.tokens.texts[this.at], false)]);
  }

  private elements(type: string, close: string, children: PlainNode[]): PlainNode {
    while (!this.isOp(close)) {
      children.push(this.expression());
      if (this.isOp(',')) children.push(this.expect(','));
      else break;
    }
    children.push(this.expect(close));
    return this.node(type, children, NO_FIELDS);
  }

  private dictionary(): PlainNode {
    const children = [this.leaf('{', false)];
    while (!this.isOp('}')) {
      const key = this.expression();
      const colon = this.expect(':');
      const value = this.expression();
      children.push(this.node('pair', [key, colon, value], KEY_VALUE));
      if (this.isOp(',')) children.push(this.expect(','));
      else break;
    }
    children.push(this.expect('}'));
    return this.node('dictionary', children, NO_FIELDS);
  }

  /** A name token that tree-sitter reads as a plain identifier (an attribute or keyword name). */
  private plainName(): PlainNode {
    if (this.tokens.kinds[this.at] !== Kind.Name || RESERVED.has(this.tokens.texts[this.at])) throw GIVE_UP;
    return this.leaf('identifier', true);
  }

  /** Attribute access, calls and subscripts after an atom. */
  private postfix(node: PlainNode): PlainNode {
    for (;;) {
      const operator = this.operator();
      if (operator === '.') {
        const dot = this.leaf('.', false);
        node = this.node('attribute', [node, dot, this.plainName()], OBJECT_ATTRIBUTE);
      } else if (operator === '(') {
        node = this.node('call', [node, this.argumentList()], FUNCTION_ARGUMENTS);
      } else if (operator === '[') {
        node = this.subscript(node);
      } else {
        return node;
      }
    }
  }

  private argumentList(): PlainNode {
    const children = [this.expect('(')];
    while (!this.isOp(')')) {
      if (this.tokens.kinds[this.at] === Kind.Name && this.isOp('=', 1)) {
        const key = this.plainName();
        const equals = this.expect('=');
        children.push(this.node('keyword_argument', [key, equals, this.expression()], NAME_VALUE));
      } else {
        children.push(this.expression());
      }
      if (this.isOp(',')) children.push(this.expect(','));
      else break;
    }
    children.push(this.expect(')'));
    return this.node('argument_list', children, NO_FIELDS);
  }

  private subscript(value: PlainNode): PlainNode {
    const children = [value, this.expect('[')];
    const fields: (string | null)[] = ['value', null];
    for (;;) {
      children.push(this.expression());
      fields.push('subscript');
      if (!this.isOp(',')) break;
      children.push(this.expect(','));
      fields.push(null);
      if (this.isOp(']')) break;
    }
    children.push(this.expect(']'));
    fields.push(null);
    return this.node('subscript', children, fields);
  }
}

/**
 * The tree of the simple statement `source[start, end)` of tree-sitter type `type`, or null when it leaves
 * the subset. `startPosition` is where tree-sitter places its start.
 */
export function parseSimpleStatement(source: string, type: string, start: number, end: number, startPosition: Point): PlainNode | null {
  if (type !== 'expression_statement' && type !== 'return_statement') return null;
  try {
    const tokens = tokenize(source, start, end);
    if (tokens.kinds.length === 0) return null;
    // The nodes keep the line breaks (for their positions), so those are copied out of the scratch arrays.
    const breaks = tokens.breaks.length === 0 ? NO_BREAKS : tokens.breaks.slice();
    const parser = new Parser(tokens, new Lines(source, start, startPosition, breaks));
    const statement = parser.statement(type);
    return parser.done && statement.startIndex === start && statement.endIndex === end ? statement : null;
  } catch (error) {
    if (error === GIVE_UP) return null;
    throw error;
  }
}
