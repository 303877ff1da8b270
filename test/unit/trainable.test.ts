/**
 * `layer.trainable = ...` where the interpreter cannot know whether (or to what) it is set: the split of the
 * parameters into trainable and non-trainable ones must then be unknown, never the split from before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelReport } from '../../src/core';
import { testAnalyzer } from '../support/analyzer';

const HEADER = `
import sys
import keras
from keras import layers
flag = sys.argv[1] == "x"
`;

/** Each model's totals, and each of its rows' trainable flag and trainable parameters. */
async function splits(source: string): Promise<Record<string, unknown>> {
  const analysis = (await testAnalyzer()).analyze(HEADER + source);
  const split = (m: ModelReport) => ({ totals: [m.totalParams, m.trainableParams, m.nonTrainableParams], rows: m.layers.map((l) => [l.trainable, l.trainableParams]) });
  return Object.fromEntries(analysis.models.map((m) => [m.variable, split(m)]));
}

test('a layer frozen under a condition not known statically has its split unknown, with a note', async () => {
  const source = `
m = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.BatchNormalization(), layers.Dense(2)])
for layer in m.layers:
    if flag and not isinstance(layer, layers.BatchNormalization):
        layer.trainable = False
`;
  assert.deepEqual(await splits(source), {
    m: { totals: [42, null, null], rows: [[null, null], [null, null], [null, null]] },
  });
  const notes = (await testAnalyzer()).analyze(HEADER + source).issues.map((issue) => issue.message);
  assert.ok(notes.some((note) => note.includes('the branches disagree: `dense.trainable` is unknown below')), notes.join('\n'));
});

test('branches that agree on a flag keep it; a flag set to a value not known statically is unknown', async () => {
  assert.deepEqual(
    await splits(`
agreed = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
for layer in agreed.layers:
    if flag:
        layer.trainable = False
    else:
        layer.trainable = 0
given = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
given.layers[0].trainable = flag
`),
    {
      agreed: { totals: [26, 0, 26], rows: [[false, 0], [false, 0]] },
      given: { totals: [26, null, null], rows: [[null, null], [true, 10]] },
    },
  );
});

test('code not followed makes unknown the flags of the layers it may set, however it reaches them', async () => {
  assert.deepEqual(
    await splits(`
by_index = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
if flag:
    extra = layers.Dense(1)
    by_index.layers[1].trainable = False
looped = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
if flag:
    for layer in looped.layers[:1]:
        print(layers.Dense(3))
        layer.trainable = False
sliced = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
for layer in sliced.layers[: int(sys.argv[2])]:
    layer.trainable = False
`),
    {
      by_index: { totals: [26, null, null], rows: [[true, 16], [null, null]] },
      looped: { totals: [26, null, null], rows: [[null, null], [true, 10]] },
      sliced: { totals: [26, null, null], rows: [[null, null], [null, null]] },
    },
  );
});

test('`setattr(layer, "trainable", ...)` is the setter too, followed, tried out in a branch, or forgotten', async () => {
  assert.deepEqual(
    await splits(`
followed = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
for layer in followed.layers:
    setattr(layer, "trainable", False)
tried = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
if flag:
    setattr(tried.layers[0], "trainable", False)
forgotten = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
if flag:
    extra = layers.Dense(1)
    setattr(forgotten.layers[1], sys.argv[2], False)
`),
    {
      followed: { totals: [26, 0, 26], rows: [[false, 0], [false, 0]] },
      tried: { totals: [26, null, null], rows: [[null, null], [true, 10]] },
      forgotten: { totals: [26, null, null], rows: [[true, 16], [null, null]] },
    },
  );
});

test("a frozen model is frozen whatever its layers' flags; a model whose own flag is unknown has unknown totals", async () => {
  assert.deepEqual(
    await splits(`
inner = keras.Sequential([keras.Input((3,)), layers.Dense(4)], name="inner")
if flag:
    inner.layers[0].trainable = False
outer = keras.Sequential([keras.Input((3,)), inner, layers.Dense(2)], name="outer")
outer.trainable = False
unsure = keras.Sequential([keras.Input((3,)), layers.Dense(2)], name="unsure")
unsure.trainable = flag
`),
    {
      inner: { totals: [16, 0, 16], rows: [[false, 0]] },
      outer: { totals: [26, 0, 26], rows: [[false, 0], [false, 0]] },
      unsure: { totals: [8, null, null], rows: [[null, null]] },
    },
  );
});

test('a layer of the user\'s takes `trainable` through Keras\' setter, which reaches the layers it holds', async () => {
  assert.deepEqual(
    await splits(`
class Block(layers.Layer):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(4)

    def call(self, x):
        return self.dense(x)

block = Block()
inputs = keras.Input((3,))
outputs = block(inputs)
block.trainable = False
model = keras.Model(inputs, outputs)
`),
    { model: { totals: [16, 0, 16], rows: [[true, 0], [false, 0]] } },
  );
});

test("`model.layers` leaves out the graph's operations; with a row not seen into, which layers there are is unknown", async () => {
  const analysis = (await testAnalyzer()).analyze(`${HEADER}
import numpy as np
inputs = keras.Input((3,))
hidden = layers.Dense(3)(inputs)
ops_model = keras.Model(inputs, hidden + inputs)
opaque_model = keras.Model(inputs, layers.Dense(2)(np.exp(hidden)))
sizes = keras.Sequential([keras.Input((1,)), layers.Dense(len(ops_model.layers)), layers.Dense(len(opaque_model.layers))])
`);
  const sizes = analysis.models.find((m) => m.variable === 'sizes');
  assert.deepEqual(
    sizes?.layers.map((l) => l.outputShape),
    [
      [null, 2],
      [null, 'len(opaque_model.layers)'],
    ],
  );
});
