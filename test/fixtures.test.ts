/**
 * Fixture tests: each `test/fixtures/*.py` is a real Python file whose expected results are written
 * under the code they describe. A comment line with a run of `^` points at columns of the nearest code
 * line above; the text after it is what must be found there:
 *
 *     model.add(Dense(4, input_shape=(784, 1)))
 *     #         ^^^^^ (None, 784, 4) · 8
 *
 * - `(shape) · params`: the layer applied at those columns (its callee) has that output shape and count;
 * - `error: text` / `warning: text` / `info: text`: a diagnostic of that severity overlapping the columns,
 *   whose message contains the text;
 * - `model: name · total`: a model created by the call at those columns, with its total parameters.
 * Every error diagnostic of a fixture must be expected by an annotation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWithSiblings, type FileAnalysis, type Issue, type LayerSite, type ModelReport, type Span } from '../src/core';
import { formatShape } from '../src/core/evaluate/values';
import { formatCount } from '../src/core/present/summary';
import { testAnalyzer } from './support/analyzer';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');

interface Annotation {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly annotationLine: number;
}

const ANNOTATION = /^(\s*#\s*)(\^+)\s+(.*)$/;

function annotations(source: string): Annotation[] {
  const lines = source.split('\n');
  const result: Annotation[] = [];
  let codeLine = -1;
  lines.forEach((text, i) => {
    const match = ANNOTATION.exec(text);
    if (match) {
      const start = match[1].length;
      result.push({ line: codeLine, start, end: start + match[2].length, text: match[3].trim(), annotationLine: i + 1 });
    } else if (text.trim() !== '' && !text.trim().startsWith('#')) {
      codeLine = i;
    }
  });
  return result;
}

/** Whether a span covers columns [start, end) of a line. */
function overlaps(span: Span, line: number, start: number, end: number): boolean {
  const from = span.startLine < line ? -Infinity : span.startLine === line ? span.startColumn : Infinity;
  const to = span.endLine > line ? Infinity : span.endLine === line ? span.endColumn : -Infinity;
  return from < end && start < to;
}

export function siteLabel(site: LayerSite): string {
  const shape =
    site.outputShape === null
      ? '?'
      : Array.isArray(site.outputShape[0])
        ? `[${(site.outputShape as readonly (readonly (number | string | null)[])[]).map(formatShape).join(', ')}]`
        : formatShape(site.outputShape as readonly (number | string | null)[]);
  return `${shape} · ${formatCount(site.params)}`;
}

const SEVERITY: Readonly<Record<string, Issue['severity']>> = { error: 'error', warning: 'warning', info: 'information' };

function check(analysis: FileAnalysis, note: Annotation): string | null {
  const where = `line ${note.annotationLine}`;
  const kind = /^(error|warning|info|model):\s*(.*)$/.exec(note.text);
  if (kind && kind[1] !== 'model') {
    const found = analysis.issues.filter((i) => i.severity === SEVERITY[kind[1]] && overlaps(i.span, note.line, note.start, note.end));
    if (found.some((i) => i.message.includes(kind[2]))) return null;
    return `${where}: expected ${kind[1]} containing "${kind[2]}", found ${JSON.stringify(found.map((i) => i.message))}`;
  }
  if (kind) {
    const models = analysis.models.filter((m: ModelReport) => overlaps(m.span, note.line, note.start, note.end));
    const labels = models.map((m) => `${m.name} · ${formatCount(m.totalParams)}`);
    return labels.includes(kind[2]) ? null : `${where}: expected model "${kind[2]}", found ${JSON.stringify(labels)}`;
  }
  const sites = analysis.sites.filter((s) => overlaps(s.calleeSpan, note.line, note.start, note.end) || overlaps(s.span, note.line, note.start, note.end));
  const labels = sites.map(siteLabel);
  return labels.includes(note.text) ? null : `${where}: expected "${note.text}", found ${JSON.stringify(labels)}`;
}

/** Sibling modules of a fixture live beside it; those starting with `_` are not fixtures themselves. */
function readSibling(key: string): string | null {
  for (const candidate of [join(FIXTURES, `${key}.py`), join(FIXTURES, key, '__init__.py')]) {
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  return null;
}

for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.py') && !f.startsWith('_')).sort()) {
  test(`fixture: ${file}`, async () => {
    const source = readFileSync(join(FIXTURES, file), 'utf8');
    const analyzer = await testAnalyzer();
    const analysis = await analyzeWithSiblings((text, options) => analyzer.analyze(text, options), source, readSibling);
    const notes = annotations(source);
    assert.ok(notes.length > 0, 'a fixture has at least one expectation');
    const failures = notes.map((n) => check(analysis, n)).filter((f): f is string => f !== null);
    const expectedErrors = notes.filter((n) => n.text.startsWith('error:'));
    const unexpected = analysis.issues.filter(
      (i) => i.severity === 'error' && !expectedErrors.some((n) => overlaps(i.span, n.line, n.start, n.end)),
    );
    failures.push(...unexpected.map((i) => `unexpected error at line ${i.span.startLine + 1}: ${i.message}`));
    assert.deepEqual(failures, []);
  });
}
