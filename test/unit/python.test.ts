/**
 * Python semantics the fixtures cannot show, because they decide the names Keras gives or the value of a class
 * check rather than a layer's shape: class checks on classes with a base the analysis does not know.
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
