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

test('a model whose input is an intermediate tensor clones its graph as Keras does, the Input named with an unknown number', async () => {
  // What Keras 3.15.1 printed for this program, but for the tensor's number: `keras_tensor_1CLONE`.
  const analysis = (await testAnalyzer()).analyze(`
import keras
from keras import layers
a = keras.Input((8,))
side = keras.Input((4,), name="side")
h = layers.Dense(4)(a)
out = layers.Add()([layers.Dense(4)(side), h])
cloned = keras.Model([side, h], out)
b = layers.Dense(3)(side)
later = keras.Model(side, layers.Concatenate()([b, side]))
`);
  const rows = (index: number) =>
    analysis.models[index].layers.map((l) => [l.name, l.outputShape, l.params, (l.connectedTo ?? []).map((c) => `${c.layer}[${c.nodeIndex}][${c.tensorIndex}]`)]);
  assert.deepEqual(rows(0), [
    ['side', [null, 4], 0, []],
    ['dense_1', [null, 4], 20, ['side[1][0]']],
    ['keras_tensor_?CLONE', [null, 4], 0, []],
    ['add', [null, 4], 0, ['dense_1[1][0]', 'keras_tensor_?CLONE[0][0]']],
  ]);
  // The clone re-pointed the Input's tensor at its new node, as Keras' Node does.
  assert.deepEqual(rows(1), [
    ['side', [null, 4], 0, []],
    ['dense_2', [null, 3], 15, ['side[1][0]']],
    ['concatenate', [null, 7], 0, ['dense_2[0][0]', 'side[1][0]']],
  ]);
  assert.equal(analysis.models[0].totalParams, 20);
});
