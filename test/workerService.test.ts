/**
 * The desktop extension's documents, analysed in a worker thread: what the editor gets through the worker must
 * be exactly what the core gives in this thread, edit after edit, and a service that is gone must say so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inThread, type DocumentService, type TextChange } from '../src/core';
import { inWorker } from '../src/node/workerService';
import { testAnalyzer, testWasmBytes } from './support/analyzer';

const SOURCE = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'sequential_forms.py'), 'utf8');
const WORKER = join(__dirname, '..', 'src', 'node', 'analysisWorker.js');

/** Typing a digit after the first `Dense(` and a comment line at the top, then replacing the whole text. */
function edits(text: string): (readonly TextChange[] | string)[] {
  const at = text.indexOf('Dense(') + 'Dense('.length;
  return [[{ start: at, end: at, text: '1' }], [{ start: 0, end: 0, text: '# a note\n' }, { start: at + 9, end: at + 10, text: '' }], 'import keras\nm = keras.Sequential([keras.layers.Dense(3)])\n'];
}

async function analysesOf(service: DocumentService): Promise<unknown[]> {
  const document = service.open(SOURCE, {});
  const analyses = [await document.analysis()];
  for (const change of edits(SOURCE)) {
    document.update(change, {});
    analyses.push(await document.analysis());
  }
  document.dispose();
  return analyses;
}

test('a worker gives the analyses this thread gives, after every edit', async () => {
  const worker = inWorker(testWasmBytes(), WORKER);
  try {
    const [through, here] = await Promise.all([analysesOf(worker), analysesOf(inThread(await testAnalyzer()))]);
    assert.equal(through.length, 4);
    assert.deepEqual(through, here);
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
    const analysis = await document.analysis();
    assert.deepEqual(analysis.models.map((model) => model.totalParams), [10]);
  } finally {
    worker.dispose();
  }
});

test('a disposed service refuses work rather than hanging', async () => {
  const worker = inWorker(testWasmBytes(), WORKER);
  worker.dispose();
  await assert.rejects(worker.open('x = 1\n', {}).analysis(), /disposed/);
});
