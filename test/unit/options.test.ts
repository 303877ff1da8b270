import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testAnalyzer } from '../support/analyzer';

const CNN = `
from keras import Input, layers, models
from keras import backend
m = models.Sequential([Input(shape=(16, 32, 32)), layers.Conv2D(8, 3), layers.MaxPooling2D()])
fmt = backend.image_data_format()
`;

test('layers follow the configured image data format when data_format is not given', async () => {
  const analyzer = await testAnalyzer();
  const last = analyzer.analyze(CNN);
  assert.deepEqual(last.models[0].layers.map((l) => l.outputShape), [[null, 14, 30, 8], [null, 7, 15, 8]]);
  assert.equal(last.models[0].totalParams, 3 * 3 * 32 * 8 + 8);
  const first = analyzer.analyze(CNN, { imageDataFormat: 'channels_first' });
  assert.deepEqual(first.models[0].layers.map((l) => l.outputShape), [[null, 8, 30, 30], [null, 8, 15, 15]]);
  assert.equal(first.models[0].totalParams, 3 * 3 * 16 * 8 + 8);
});

test('a frozen model reports all its weights as non-trainable', async () => {
  const analysis = (await testAnalyzer()).analyze(`
import keras
base = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)], trainable=False)
`);
  const model = analysis.models[0];
  assert.deepEqual([model.totalParams, model.trainableParams, model.nonTrainableParams], [10, 0, 10]);
});
