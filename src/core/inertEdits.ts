/**
 * Typing in a comment or a docstring changes no model: the previous analysis stays true, only moved. A
 * document edited inside one statement-level comment or plain docstring keeps its analysis, its positions
 * shifted past the edit, instead of interpreting the file again (on a large file, the difference between a
 * keystroke costing nothing and costing tens of milliseconds).
 *
 * Only text nothing reads qualifies. A comment inside an expression, or a string anywhere else, can be part
 * of a label that quotes source (`sourceLabel`), so it does not; nor an edit that could end or reopen the
 * token (a newline in a comment; a quote or backslash in a docstring). The new tree must show the token
 * where it was, grown or shrunk by the edits and nothing else, before the old analysis is kept.
 */
import type { Node } from 'web-tree-sitter';
import type { FileAnalysis, Issue, LayerReport, LayerSite, ModelReport, Span } from './model';
import type { TextChange } from './document';

/** A comment or docstring that edits may change without changing the analysis. */
export interface InertToken {
  readonly type: 'comment' | 'string';
  readonly start: number;
  readonly end: number;
  /** The part edits may touch: after `#` or the opening quotes, up to the closing quotes. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** The row of the token's last line: text after the token on it moves sideways with edits there. */
  readonly endRow: number;
}

const STATEMENT_LEVEL: ReadonlySet<string> = new Set(['module', 'block']);
const STRING_PARTS: ReadonlySet<string> = new Set(['string_start', 'string_content', 'string_end']);
/** Characters that could end a token or open another inside it. */
const BREAKS_COMMENT = /[\r\n]/;
const BREAKS_STRING = /[\r\n"'\\]/;

/** The statement-level comment or plain docstring (not an f-string, not bytes) around `[start, end]`, if any. */
export function inertTokenAt(root: Node, start: number, end: number): InertToken | null {
  return tokenOf(root.descendantForIndex(start, end)) ?? (start > 0 ? tokenOf(root.descendantForIndex(start - 1, end)) : null);
}

/**
 * The token `node` is or is part of. Typing at the end of a comment, where one usually types, is at its end
 * index, which tree-sitter gives the node after it: the caller asks again from the character before.
 */
function tokenOf(node: Node | null): InertToken | null {
  if (!node) return null;
  if (node.type === 'comment') {
    if (!STATEMENT_LEVEL.has(node.parent?.type ?? '')) return null;
    return { type: 'comment', start: node.startIndex, end: node.endIndex, contentStart: node.startIndex + 1, contentEnd: node.endIndex, endRow: node.endPosition.row };
  }
  // An edit at either end of a docstring's text touches its quotes' nodes, which end or start there.
  const string = node.type === 'string' ? node : STRING_PARTS.has(node.type) ? node.parent : null;
  const statement = string?.parent;
  if (!string || string.type !== 'string' || statement?.type !== 'expression_statement' || statement.namedChildCount !== 1) return null;
  if (!STATEMENT_LEVEL.has(statement.parent?.type ?? '')) return null;
  const parts = string.namedChildren;
  const opening = parts[0];
  const closing = parts[parts.length - 1];
  if (opening?.type !== 'string_start' || closing?.type !== 'string_end' || /[fFbB]/.test(opening.text)) return null;
  if (parts.some((part) => part && part.type !== 'string_start' && part.type !== 'string_end' && part.type !== 'string_content')) return null;
  return { type: 'string', start: string.startIndex, end: string.endIndex, contentStart: opening.endIndex, contentEnd: closing.startIndex, endRow: string.endPosition.row };
}

/**
 * The token after one change (relative to the text the changes before it left; `removed` is the text it
 * replaces), or null when the change leaves the token's content or could break it.
 */
export function afterChange(token: InertToken, change: TextChange, removed: string): InertToken | null {
  const breaks = token.type === 'comment' ? BREAKS_COMMENT : BREAKS_STRING;
  if (change.start < token.contentStart || change.end > token.contentEnd || breaks.test(change.text) || breaks.test(removed)) return null;
  const delta = change.text.length - removed.length;
  return { ...token, end: token.end + delta, contentEnd: token.contentEnd + delta };
}

/** Whether the new tree has the token where the edits left it: same kind, same start, its new end. */
export function stillThere(root: Node, before: InertToken, after: InertToken): boolean {
  const found = inertTokenAt(root, after.start, after.end);
  return found !== null && found.type === before.type && found.start === after.start && found.end === after.end;
}

/**
 * The analysis moved past edits inside `token` (old positions) that changed its length by `delta`, of which
 * `sameRowDelta` on its last row. Null when a position of it lies inside the token: then something does
 * read its text after all, and the file is analysed again.
 */
export function shiftAnalysis(analysis: FileAnalysis, token: InertToken, delta: number, sameRowDelta: number): FileAnalysis | null {
  if (delta === 0) return analysis;
  let inside = false;
  const within = (offset: number): boolean => offset > token.start && offset < token.end;
  // What lies before the token stays as it is, the same objects: only what follows is copied.
  const shift = (span: Span): Span => {
    if (within(span.start) || within(span.end)) inside = true;
    if (span.end <= token.start) return span;
    const after = span.start >= token.end;
    return {
      start: after ? span.start + delta : span.start,
      end: span.end + delta,
      startLine: span.startLine,
      startColumn: after && span.startLine === token.endRow ? span.startColumn + sameRowDelta : span.startColumn,
      endLine: span.endLine,
      endColumn: span.endLine === token.endRow ? span.endColumn + sameRowDelta : span.endColumn,
    };
  };
  const layer = (row: LayerReport): LayerReport => {
    const span = shift(row.span);
    return span === row.span ? row : { ...row, span };
  };
  const model = (report: ModelReport): ModelReport => {
    const span = shift(report.span);
    const layers = report.layers.map(layer);
    return span === report.span && layers.every((row, i) => row === report.layers[i]) ? report : { ...report, span, layers };
  };
  const site = (s: LayerSite): LayerSite => {
    const span = shift(s.span);
    const calleeSpan = shift(s.calleeSpan);
    return span === s.span && calleeSpan === s.calleeSpan ? s : { ...s, span, calleeSpan };
  };
  const issue = (i: Issue): Issue => {
    const span = shift(i.span);
    return span === i.span ? i : { ...i, span };
  };
  const shifted: FileAnalysis = { ...analysis, models: analysis.models.map(model), sites: analysis.sites.map(site), issues: analysis.issues.map(issue) };
  return inside ? null : shifted;
}
