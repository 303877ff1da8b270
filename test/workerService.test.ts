/**
 * The desktop extension's documents, analysed in a worker thread: every answer the editor gets through the worker
 * must be exactly what the core gives in this thread, edit after edit, and a service that is gone must say so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inThread, type DocumentService, type Query, type TextChange } from '../src/core';
import { inWorker } from '../src/node/workerService';
import { testAnalyzer, testWasmBytes } from './support/analyzer';

const SOURCE = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'sequential_forms.py'), 'utf8');
const WORKER = join(__dirname, '..', 'src', 'node', 'analysisWorker.js');

/** Typing a digit after the first `Dense(` and a comment line at the top, then replacing the whole text. */
function edits(text: string): (readonly TextChange[] | string)[] {
  const at = text.indexOf('Dense(') + 'Dense('.length;
  return [[{ start: at, end: at, text: '1' }], [{ start: 0, end: 0, text: '# a note\n' }, { start: at + 9, end: at + 10, text: '' }], 'import keras\nm = keras.Sequential([keras.layers.Dense(3)])\n'];
}

/** Every kind of question, the hover on the first `Dense`. */
function queries(text: string): Query[] {
  return [
    { kind: 'analysis' },
    { kind: 'hints', showParams: true, fromLine: 0, toLine: 10_000 },
    { kind: 'hints', showParams: false, fromLine: 3, toLine: 6 },
    { kind: 'hover', offset: text.indexOf('Dense') + 1 },
    { kind: 'lenses' },
    { kind: 'issues' },
    { kind: 'models' },
    { kind: 'summary', model: 0 },
    { kind: 'summary', model: 99 },
  ];
}

async function answersOf(service: DocumentService): Promise<unknown[]> {
  const document = service.open(SOURCE, {});
  const answers: unknown[] = [];
  for (const change of [null, ...edits(SOURCE)]) {
    if (change !== null) document.update(change, {});
    answers.push(await document.imports());
    for (const query of queries(document.text)) answers.push(await document.ask(query));
  }
  document.dispose();
  return answers;
}

test('a worker answers what this thread answers, after every edit', async () => {
  const worker = inWorker(testWasmBytes(), WORKER);
  try {
    const [through, here] = await Promise.all([answersOf(worker), answersOf(inThread(await testAnalyzer()))]);
    assert.equal(through.length, 40);
    assert.deepEqual(through, here);
    // The answers are the real thing: hints, a hover, a summary.
    assert.ok(here.some((answer) => Array.isArray(answer) && answer.length > 0 && typeof answer[0]?.label === 'string'));
    assert.ok(here.some((answer) => typeof answer === 'object' && answer !== null && 'markdown' in answer));
    assert.ok(here.some((answer) => typeof answer === 'string' && answer.includes('Total params')));
  } finally {
    worker.dispose();
  }
});

test('updates made without waiting are applied in order, and the text follows them', async () => {
  const worker = inWorker(testWasmBytes(), WORKER);
  try {
    const document = worker.open('import keras\n', {});
    let text = 'import keras\n';
    for (const line of ['a = keras.Sequential()\n', 'a.add(keras.Input((4,)))\n', 'a.add(keras.layers.Dense(2))\n']) {
      document.update([{ start: text.length, end: text.length, text: line }], {});
      text += line;
    }
    assert.equal(document.text, text);
    const analysis = await document.ask({ kind: 'analysis' });
    assert.deepEqual(
      analysis.models.map((model) => model.totalParams),
      [10],
    );
  } finally {
    worker.dispose();
  }
});

test('when its worker stops, what it was asked fails, and the next question opens the documents in a new one', async () => {
  const worker = inWorker(testWasmBytes(), join(__dirname, 'support', 'crashingWorker.js'));
  try {
    const kept = worker.open(SOURCE, {});
    const before = await kept.ask({ kind: 'analysis' });
    const crashing = worker.open('# CRASH\n', {});
    await assert.rejects(crashing.imports(), /stopped/);
    crashing.dispose();
    kept.update([{ start: 0, end: 0, text: '# after\n' }], {});
    const after = await kept.ask({ kind: 'analysis' });
    assert.deepEqual(after, (await testAnalyzer()).analyze(kept.text));
    assert.equal(after.models.length, before.models.length);
  } finally {
    worker.dispose();
  }
});

test('a disposed service refuses work rather than hanging', async () => {
  const worker = inWorker(testWasmBytes(), WORKER);
  worker.dispose();
  await assert.rejects(worker.open('x = 1\n', {}).ask({ kind: 'issues' }), /disposed/);
});
