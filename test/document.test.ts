/**
 * The incremental document: after any sequence of edits (one character, several lines, CRLF, characters
 * outside the BMP, stale offsets), `update` must give exactly what a fresh `analyze` of the same text gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { editFor, pointAt, type TextChange } from '../src/core/document';
import { applyChanges } from '../src/core/textChanges';
import { testAnalyzer } from './support/analyzer';

const SOURCE = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'sequential_forms.py'), 'utf8');

const apply = (text: string, change: TextChange): string => applyChanges(text, [change]);

test('pointAt counts rows at \\n only and columns in UTF-16 code units', () => {
  const text = 'ab\r\ncd\n\u{1F600}x';
  assert.deepEqual(pointAt(text, 0), { row: 0, column: 0 });
  assert.deepEqual(pointAt(text, 3), { row: 0, column: 3 });
  assert.deepEqual(pointAt(text, 4), { row: 1, column: 0 });
  assert.deepEqual(pointAt(text, 10), { row: 2, column: 3 });
});

test('editFor gives tree-sitter the real rows and columns of the change', () => {
  const edit = editFor('ab\ncd\nef', { start: 4, end: 7, text: 'X\nYZ' });
  assert.deepEqual(
    { ...edit },
    {
      startIndex: 4,
      oldEndIndex: 7,
      newEndIndex: 8,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 2, column: 1 },
      newEndPosition: { row: 2, column: 2 },
    },
  );
});

test('document updates equal fresh analyses after each edit', async () => {
  const analyzer = await testAnalyzer();
  const document = analyzer.openDocument(SOURCE);
  assert.deepEqual(document.analysis, analyzer.analyze(SOURCE));
  const middle = SOURCE.indexOf('Dense(', SOURCE.length >> 1) + 'Dense('.length;
  const lineEnd = SOURCE.indexOf('\n', middle);
  const changes: TextChange[] = [
    { start: middle, end: middle, text: '1' },
    { start: middle, end: middle + 1, text: '' },
    { start: middle, end: middle + 2, text: '7' },
    { start: lineEnd, end: lineEnd, text: '\nmodel.add(Dense(3))\n' },
    { start: 10, end: 40, text: '' },
    { start: 0, end: 0, text: '# \u{1F600} émoji\r\n' },
    { start: middle - 30, end: middle + 60, text: 'x = (\n  1,\r\n 2)\n' },
    { start: SOURCE.length + 500, end: SOURCE.length + 900, text: '\ny = 1' },
    { start: 5, end: 2, text: 'zz' },
  ];
  let text = SOURCE;
  for (const change of changes) {
    text = apply(text, change);
    const updated = document.update(change);
    assert.equal(document.text, text);
    assert.deepEqual(updated, analyzer.analyze(text), `after ${JSON.stringify(change)}`);
  }
  document.update([
    { start: 0, end: 0, text: 'a = 1\n' },
    { start: 0, end: 1, text: 'b' },
  ]);
  text = apply(apply(text, { start: 0, end: 0, text: 'a = 1\n' }), { start: 0, end: 1, text: 'b' });
  assert.deepEqual(document.analysis, analyzer.analyze(text));
  assert.deepEqual(document.update(SOURCE), analyzer.analyze(SOURCE));
  document.dispose();
  assert.throws(() => document.update('x = 1'), /disposed/);
});

test('a misplaced star gives the same analysis and one syntax error at the star, whichever tree the edit leaves', async () => {
  // Typing `*` before a callee: tree-sitter parses `*models.Sequential(...)` afresh as `(*models).Sequential(...)`
  // but incrementally as `(*models.Sequential)(...)`; Python rejects both.
  const analyzer = await testAnalyzer();
  const source = 'from keras import layers, models, Input\n\nmodel = models.Sequential([Input(shape=(8,)), layers.Dense(4)])\n';
  const at = source.indexOf(' models.Sequential');
  const document = analyzer.openDocument(source);
  const updated = document.update({ start: at, end: at + 4, text: '*' });
  const fresh = analyzer.analyze(document.text);
  assert.equal(JSON.stringify(updated), JSON.stringify(fresh));
  const errors = fresh.issues.filter((issue) => issue.code === 'syntax-error');
  assert.deepEqual(
    errors.map((issue) => [issue.message, document.text.slice(issue.span.start, issue.span.end)]),
    [["Syntax error: can't use starred expression here.", '*']],
  );
  document.dispose();
});

/** Every line of a fixture that is only a comment: where typing at its end leaves the models alone. */
function commentLineEnds(source: string): number[] {
  const ends: number[] = [];
  let at = 0;
  for (const line of source.split('\n')) {
    if (/^\s*#/.test(line)) ends.push(at + line.replace(/\r$/, '').length);
    at += line.length + 1;
  }
  return ends;
}

test('typing in comments keeps the analysis, moved past the edit, equal to a fresh one', async () => {
  const analyzer = await testAnalyzer();
  let reused = 0;
  let edits = 0;
  for (const name of ['invalid.py', 'branches.py', 'functional.py']) {
    const source = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', name), 'utf8');
    const document = analyzer.openDocument(source);
    // From the last line up, so that the offsets of the lines still to come stay as they were.
    for (const end of commentLineEnds(source).reverse()) {
      for (const change of [{ start: end, end, text: ' x' }, { start: end, end: end + 2, text: '' }]) {
        document.update(change);
        edits++;
        if (document.reused) reused++;
        assert.deepEqual(document.analysis, analyzer.analyze(document.text), `${name} after ${JSON.stringify(change)}`);
      }
    }
    document.dispose();
  }
  // Comment lines inside a bracketed expression are analysed afresh; the others are most of them.
  assert.ok(reused > edits * 0.8, `${reused} of ${edits} edits kept the analysis`);
});

test('typing in docstrings keeps the analysis; edits that could change code are analysed afresh', async () => {
  const analyzer = await testAnalyzer();
  const source = [
    '"""Models for the experiment."""',
    'import keras',
    'from keras import layers',
    '',
    '',
    'def build(units=4):',
    '    """Builds the classifier.',
    '',
    '    Two layers."""',
    '    model = keras.Sequential([keras.Input((3,)), layers.Dense(units)])  # (None, 4)',
    '    return model',
    '',
    '',
    'model = build()',
    'x = keras.Input((5,))',
    'y = layers.Dense(2)(x)',
    'head = keras.Model(x, y)',
    '"""Then a probe."""; w = layers.Dense(1)(x)',
    'z = layers.Dense(3)(  # not read, but inside a call',
    '    x)',
    '',
  ].join('\n');
  const cases: [string, number, string, boolean][] = [
    ['Models for', 0, 'New ', true],
    ['experiment.', 'experiment.'.length, ' More.', true],
    ['Builds the', 6, 'X', true],
    ['Two layers.', 'Two layers.'.length, ' And more', true],
    ['# (None, 4)', '# (None, 4)'.length, ' ok', true],
    // The hint after it on the same line moves sideways.
    ['Then a probe', 5, 'quick ', true],
    ['# not read', 5, 'x', false],
    ['# (None, 4)', 0, 'x', false],
    ['# (None, 4)', 3, '\n', false],
    ['Builds the', 0, '"', false],
    ['Builds the', 0, '\\', false],
  ];
  for (const [needle, offset, text, kept] of cases) {
    const document = analyzer.openDocument(source);
    const at = source.indexOf(needle) + offset;
    document.update({ start: at, end: at, text });
    assert.equal(document.reused, kept, `${JSON.stringify(text)} at ${JSON.stringify(needle)}+${offset}`);
    assert.deepEqual(document.analysis, analyzer.analyze(document.text));
    document.dispose();
  }
  // Several keystrokes in one comment, applied together, are still only typing in it; other options are not.
  const document = analyzer.openDocument(source);
  const at = source.indexOf('# (None, 4)') + 3;
  document.update([
    { start: at, end: at, text: 'a' },
    { start: at + 1, end: at + 1, text: 'b' },
    { start: at, end: at + 1, text: '' },
  ]);
  assert.equal(document.reused, true);
  assert.deepEqual(document.analysis, analyzer.analyze(document.text));
  document.update({ start: at, end: at, text: 'c' }, { imageDataFormat: 'channels_first' });
  assert.equal(document.reused, false);
  document.dispose();
});
