import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlayHints } from '../../src/core/present/hints';
import { hoverAt } from '../../src/core/present/hover';
import { codeLenses } from '../../src/core/present/codelens';
import { testAnalyzer } from '../support/analyzer';

const SEED = `from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(4, activation='linear', input_shape=(784, 1)))
model.add(Dense(10, activation='softmax'))
`;

async function analyse(text: string) {
  return (await testAnalyzer()).analyze(text);
}

test('hints: only those on the lines asked for, as an editor asks for what is on screen', async () => {
  const analysis = await analyse(SEED);
  const lines = (from: number, to: number) => inlayHints(analysis, { showParams: true, lines: { from, to } }).map((h) => h.position.line);
  assert.deepEqual(lines(0, 4), [4]);
  assert.deepEqual(lines(5, 5), [5]);
  assert.deepEqual(lines(4, 100), [4, 5]);
  assert.deepEqual(lines(0, 3), []);
});

test('hints: output shape and parameters after each layer, at the end of the layer expression', async () => {
  const hints = inlayHints(await analyse(SEED));
  assert.deepEqual(
    hints.map((h) => [h.position.line, h.position.column, h.label]),
    [
      [4, 61, '→ (None, 784, 4) · 8 params'],
      [5, 41, '→ (None, 784, 10) · 50 params'],
    ],
  );
  assert.match(hints[0].tooltip, /dense \(Dense\): \(None, 784, 1\) → \(None, 784, 4\)/);
  assert.match(hints[0].tooltip, /kernel 1×4 = 4, bias 4 → 8 params/);
  assert.deepEqual(inlayHints(await analyse(SEED), { showParams: false }).map((h) => h.label), ['→ (None, 784, 4)', '→ (None, 784, 10)']);
});

test('hints: a loop shows each application once; unknowns are ?', async () => {
  const text = `from keras import Input, layers, models
m = models.Sequential([Input(shape=(n_features,))])
for units in [8, 4]:
    m.add(layers.Dense(units))
`;
  const hints = inlayHints(await analyse(text));
  assert.deepEqual(hints.map((h) => h.label), ['→ (None, 8) · ? params | (None, 4) · 36 params']);
});

test('hints: a size known only at run time is ? in the label and named in the tooltip', async () => {
  const text = `import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(x_train.shape[1], 3)), layers.Dense(4)])
`;
  const [hint] = inlayHints(await analyse(text));
  assert.equal(hint.label, '→ (None, ?, 4) · 16 params');
  assert.match(hint.tooltip, /\(None, x_train\.shape\[1\], 4\)/);
});

test('hover on Dense explains the last-axis rule with the numbers, and how to flatten instead', async () => {
  const text = SEED;
  const hover = hoverAt(await analyse(text), text, text.indexOf('Dense(4') + 2);
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*dense\*\* · `Dense` — `\(None, 784, 1\)` → `\(None, 784, 4\)`/);
  assert.match(hover.markdown, /`kernel 1×4 = 4` \+ `bias 4` → \*\*8 params\*\*/);
  assert.match(hover.markdown, /last axis/);
  assert.match(hover.markdown, /put `Flatten\(\)` first: Dense would then see `\(None, 784\)` and have 784·4 \+ 4 = 3,140 params/);
});

test('hover on input_shape= explains the batch axis', async () => {
  const hover = hoverAt(await analyse(SEED), SEED, SEED.indexOf('input_shape') + 3);
  assert.ok(hover);
  assert.match(hover.markdown, /excludes the batch axis/);
  assert.match(hover.markdown, /receives `\(None, 784, 1\)`/);
  assert.match(hover.markdown, /3,140 params/);
});

test('hover on a model variable shows its totals; nothing elsewhere', async () => {
  const analysis = await analyse(SEED);
  const hover = hoverAt(analysis, SEED, SEED.indexOf('model.add') + 1);
  assert.ok(hover);
  assert.match(hover.markdown, /Total params: \*\*58\*\* \(232\.00 B\)/);
  assert.equal(hoverAt(analysis, SEED, SEED.indexOf("'linear'") + 2), null);
});

test('code lenses: one per model with its total', async () => {
  const lenses = codeLenses(await analyse(SEED));
  assert.deepEqual(lenses.map((l) => [l.position.line, l.title]), [[3, 'Keras: sequential — 58 params (232.00 B) · Show summary']]);
});

test('hints for a shape error say so, and the tooltip carries Keras\' message', async () => {
  const text = `from keras import Input, layers, models
m = models.Sequential([Input(shape=(784,)), layers.Conv2D(8, 3)])
`;
  const [hint] = inlayHints(await analyse(text));
  assert.equal(hint.label, '→ ⚠ shape error');
  assert.match(hint.tooltip, /expected min_ndim=4, found ndim=2/);
});
