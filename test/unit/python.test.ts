/**
 * Python semantics the fixtures cannot show, because they decide the names Keras gives or the value of a class
 * check rather than a layer's shape: generators, layers named in code not followed, class checks on classes with a
 * base the analysis does not know.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testAnalyzer } from '../support/analyzer';

const HEADER = `
import sys
import keras
from keras import layers
flag = sys.argv[1] == "x"
`;

async function layerNames(source: string, variable: string): Promise<string[] | undefined> {
  const analysis = (await testAnalyzer()).analyze(HEADER + source);
  return analysis.models.find((m) => m.variable === variable)?.layers.map((l) => l.name);
}

test('calling a generator function runs none of its body: the names it may take later are unknown, not taken', async () => {
  const names = await layerNames(
    `
def blocks():
    yield layers.Dense(3)

gen = blocks()
model = keras.Sequential([keras.Input((2,)), layers.Dense(4), layers.Dropout(0.1)])
`,
    'model',
  );
  assert.deepEqual(names, ['dense_?', 'dropout']);
});

test('a layer given a name string in code not followed takes no automatic name', async () => {
  const names = await layerNames(
    `
if flag:
    extra = layers.Dense(3, name="extra_" + str(3))
    first = layers.Dropout(0.2, name=None)
model = keras.Sequential([keras.Input((2,)), layers.Dense(4), layers.Dropout(0.1)])
`,
    'model',
  );
  assert.deepEqual(names, ['dense', 'dropout_?']);
});

test("a class check is unknown where a base the analysis does not know may decide it, and exact where Keras' own do", async () => {
  const names = await layerNames(
    `
import somelibrary

class Mixed(somelibrary.Base, layers.Layer):
    pass

class Plain:
    pass

mixed, plain = Mixed(), Plain()
model = keras.Sequential([
    keras.Input((2,)),
    layers.Dense(1, name=f"{isinstance(mixed, layers.Layer)}"),
    layers.Dense(1, name=f"{isinstance(mixed, layers.Dense)}"),
    layers.Dense(1, name=f"{isinstance(plain, (layers.Dense, int))}"),
    layers.Dense(1, name=f"{issubclass(layers.Conv2D, layers.Layer)}-{type(layers.Conv1D(2, 3)).__name__}"),
])
`,
    'model',
  );
  assert.deepEqual(names, ['True', '?', 'False', 'True-Conv1D']);
});

test('an attribute of a Keras layer that is not modelled is unknown, not a stand-in that compares unequal to anything', async () => {
  const names = await layerNames(
    `
dense = layers.Dense(64, use_bias=False)
model = keras.Sequential([
    keras.Input((2,)),
    layers.Dense(1, name=f"{dense.units == 64}"),
    layers.Dense(1, name="bias" if dense.use_bias else "no_bias"),
    layers.Dense(1, name=f"{dense.name}"),
])
`,
    'model',
  );
  assert.deepEqual(names, ['?', '?', 'dense']);
});

test("hasattr on a Keras module: what the analysis knows there, false only for a module listed in full", async () => {
  const names = await layerNames(
    `
from keras import ops
import tensorflow as tf
model = keras.Sequential([
    keras.Input((2,)),
    layers.Dense(1, name=f"{hasattr(ops, 'nn')}-{hasattr(layers, 'Dense')}-{hasattr(layers, 'CuDNNLSTM')}"),
    layers.Dense(1, name=f"{hasattr(tf.keras.layers, 'CuDNNLSTM')}"),
])
`,
    'model',
  );
  // As Keras 3.15.1 answers; tf.keras' legacy layers module is not listed, so its answer is not known here.
  assert.deepEqual(names, ['True-True-False', '?']);
});
