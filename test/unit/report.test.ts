/**
 * Rows a recorded case cannot show: layers called on values not known statically (arrays at run time), whose
 * shapes are then unknown here although Keras knew them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testAnalyzer } from '../support/analyzer';

test('layers called on an array at run time are built: those without weights count 0, the others are unknown', async () => {
  const analysis = (await testAnalyzer()).analyze(`
import numpy as np
import keras
from keras import layers

class Double(layers.Layer):
    def call(self, x):
        return x * 2.0

class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(4)
        self.flatten = layers.Flatten()
        self.double = Double()

    def call(self, x):
        return self.double(self.flatten(self.dense(x)))

net = Net()
y = net(np.load("batch.npy"))
`);
  const rows = analysis.models[0].layers.map((l) => [l.name, l.outputShape, l.built, l.params]);
  assert.deepEqual(rows, [
    ['dense', null, true, null],
    ['flatten', null, true, 0],
    ['double', null, true, 0],
  ]);
});
