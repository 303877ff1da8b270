/**
 * Sibling modules read on demand: the file's imports are looked at before anything is built, a package
 * `__init__` that imports all its modules (as Keras Applications' does) costs only the modules that are
 * used, and a module that does not exist is unknown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeWithSiblings, type AnalysisOptions } from '../src/core';
import { SiblingTrees } from '../src/core/siblingTrees';
import { createParser, loadPython } from '../src/core/syntax/tree';
import { testAnalyzer } from './support/analyzer';

const PACKAGE: Readonly<Record<string, string>> = {
  __init__: 'from . import heavy\nfrom . import blocks\nWIDTH = 8\n',
  heavy: 'import keras\nHEAVY = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n',
  blocks: 'from keras import layers\n\ndef dense_block(x, width):\n    return layers.Dense(width)(x)\n',
};

const MAIN = [
  'import keras',
  'from . import WIDTH, blocks',
  'from . import missing',
  'inputs = keras.Input((4,))',
  'model = keras.Model(inputs, blocks.dense_block(inputs, WIDTH))',
  'other = keras.Sequential([keras.Input((3,)), keras.layers.Dense(missing.UNITS)])',
  '',
].join('\n');

test('a package __init__ that imports all its modules: only the modules used are read', async () => {
  const analyzer = await testAnalyzer();
  const read: string[] = [];
  const rounds: string[] = [];
  const analyze = (text: string, options: AnalysisOptions) => {
    rounds.push(options.importsOnly ? 'imports' : 'full');
    return analyzer.analyze(text, options);
  };
  const analysis = await analyzeWithSiblings(analyze, MAIN, (key) => {
    read.push(key);
    return PACKAGE[key] ?? null;
  });
  assert.deepEqual(read.sort(), ['__init__', 'blocks', 'missing']);
  // The imports tell what to read before the first full analysis; `blocks` is first used in a full one.
  assert.deepEqual(rounds, ['imports', 'full', 'full']);
  assert.deepEqual(
    analysis.models.map((m) => [m.name, m.totalParams]),
    [
      ['functional', 40],
      ['sequential', null],
    ],
  );
});

test('sibling trees are parsed once while their text is unchanged, and old ones are freed', async () => {
  const language = await loadPython({
    runtime: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    grammar: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
  });
  const trees = new SiblingTrees(createParser(language));
  const first = trees.parse('WIDTH = 8\n');
  assert.equal(trees.parse('WIDTH = 8\n'), first);
  assert.notEqual(trees.parse('WIDTH = 9\n'), first);
  for (let i = 0; i < 40; i++) trees.parse(`N = ${i}\n`);
  // Evicted: parsed afresh, a new tree.
  assert.notEqual(trees.parse('WIDTH = 8\n'), first);
  trees.dispose();
});
