/**
 * Weight dtypes that a recorded case cannot show: code not followed that may set the global policy, and
 * dtypes not known statically. Keras' own sizes are in test/conformance/recorded/dtype_*.py.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testAnalyzer } from '../support/analyzer';

const sizes = (source: string) =>
  testAnalyzer().then((analyzer) => analyzer.analyze(source).models.map((m) => [m.totalParams, m.totalBytes, m.trainableBytes, m.nonTrainableBytes]));

test('a setter of the global policy that may or may not run makes later sizes unknown, not the counts', async () => {
  assert.deepEqual(
    await sizes(`
import sys, keras
before = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
if sys.argv[1] == "half":
    keras.config.set_dtype_policy("float16")
after = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
own = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, dtype="bfloat16")])
`),
    [
      [10, 40, 40, 0],
      [10, null, null, 0],
      [10, 20, 20, 0],
    ],
  );
});

test('a function of the user that may set floatx, called in code not followed, makes later sizes unknown', async () => {
  assert.deepEqual(
    await sizes(`
import sys, keras
def configure(precision):
    keras.backend.set_floatx(precision)
if len(sys.argv) > 1:
    configure(sys.argv[1])
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
`),
    [[10, null, null, 0]],
  );
});

test('a dtype not known statically leaves the size unknown', async () => {
  assert.deepEqual(
    await sizes(`
import sys, keras
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, dtype=sys.argv[1]), keras.layers.Dense(1)])
`),
    [[13, null, null, 0]],
  );
});

test('the summary prints a size not known statically as ?', async () => {
  const analyzer = await testAnalyzer();
  const { renderSummary } = await import('../../src/core/present/summary');
  const analysis = analyzer.analyze(`
import sys, keras
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, dtype=sys.argv[1])])
`);
  assert.match(renderSummary(analysis.models[0]), / Total params: 10 \(\?\)\n Trainable params: 10 \(\?\)\n Non-trainable params: 0 \(0\.00 B\)\n$/);
});
