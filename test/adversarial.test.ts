/**
 * Hostile and degenerate inputs, each with its expected outcome: a diagnostic or an honest unknown, never a
 * crash or a hang. Errors Keras itself raises are expected word for word (keras/src/layers/core/dense.py,
 * keras/src/utils/argument_validation.py, keras/src/ops/operation_utils.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileAnalysis, LayerSite } from '../src/core';
import { toJson } from '../src/cli/json';
import { analysisProblems } from './support/fuzz';
import { testAnalyzer } from './support/analyzer';

const HEADER = 'import keras\nfrom keras import layers\n';

async function analyze(text: string, options = {}): Promise<FileAnalysis> {
  const analysis = (await testAnalyzer()).analyze(text, options);
  assert.deepEqual(analysisProblems(text, analysis), []);
  return analysis;
}

const codes = (analysis: FileAnalysis) => analysis.issues.map((issue) => issue.code);
const siteOf = (analysis: FileAnalysis, className: string): LayerSite => {
  const site = analysis.sites.find((s) => s.className === className);
  assert.ok(site, `a ${className} site`);
  return site;
};

/** A one-layer Sequential model on `input` whose layer is `layer`. */
const oneLayer = (layer: string, input = '(3,)') => `${HEADER}m = keras.Sequential([keras.Input(${input}), ${layer}])\n`;

test('a 1 MB single line of data is evaluated exactly', async () => {
  const values = Array.from({ length: 200_000 }, (_, i) => String(i % 1000)).join(', ');
  const text = `${HEADER}x = [${values}]\nm = keras.Sequential([keras.Input((len(x),)), layers.Dense(2)])\n`;
  assert.ok(text.length > 900_000);
  const analysis = await analyze(text);
  assert.equal(analysis.models[0].totalParams, 200_000 * 2 + 2);
});

test('a 1 MB single line of nested arithmetic stops that statement with a note', async () => {
  const text = `${HEADER}n = ${Array(250_000).fill('1').join('+')}\nm = keras.Sequential([keras.Input((3,)), layers.Dense(n)])\n`;
  assert.ok(text.length > 490_000);
  const analysis = await analyze(text);
  // Whether the sum is followed or the statement stops, the layer after it is still analysed.
  assert.ok(analysis.sites.some((s) => s.className === 'Dense'));
  if (!codes(analysis).includes('nesting-bound')) assert.deepEqual(siteOf(analysis, 'Dense').outputShape, [null, 250_000]);
});

test('10,000 nested parentheses: the statement stops with a nesting-bound note, the rest is analysed', async () => {
  const text = `${HEADER}x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\nm = keras.Sequential([keras.Input((3,)), layers.Dense(x), layers.Dense(4)])\n`;
  const analysis = await analyze(text);
  const note = analysis.issues.find((i) => i.code === 'nesting-bound');
  assert.ok(note, 'a nesting-bound note');
  assert.equal(note.span.startLine, 2);
  assert.equal(analysis.truncated, true);
  // `x` was never bound: its size is an honest unknown, the next layer is still computed.
  const dense = analysis.sites.filter((s) => s.className === 'Dense');
  assert.deepEqual(dense[0].outputShape, [null, 'x']);
  assert.equal(dense[0].params, null);
  assert.equal(dense[1].params, null);
});

test('a statement stopped by nesting leaves the names it assigns unknown, not as they were before it', async () => {
  const text = `${HEADER}n = 4\nn = ${'('.repeat(10_000)}8${')'.repeat(10_000)}\nm = keras.Sequential([keras.Input((3,)), layers.Dense(n)])\n`;
  const analysis = await analyze(text);
  const note = analysis.issues.find((i) => i.code === 'nesting-bound');
  assert.match(note?.message ?? '', /`n` is unknown below\.$/);
  // Python gives n = 8: the 4 from before must not reach the layer.
  assert.deepEqual(siteOf(analysis, 'Dense').outputShape, [null, 'n']);
  assert.equal(analysis.models[0].totalParams, null);
});

test('a model.add stopped by nesting gives the model a row of unknown size, and everything after it is unknown', async () => {
  const text = `${HEADER}model = keras.Sequential([keras.Input((4,))])\nmodel.add(layers.Dense(${'('.repeat(10_000)}8${')'.repeat(10_000)}))\nmodel.add(layers.Dense(2))\n`;
  const analysis = await analyze(text);
  const note = analysis.issues.find((i) => i.code === 'nesting-bound');
  assert.match(note?.message ?? '', /`model` gets a row of unknown size for it/);
  const [model] = analysis.models;
  assert.equal(model.layers.length, 2);
  assert.deepEqual(model.layers.map((l) => l.params), [null, null]);
  // Keras calls the second Dense `dense_1`: with the first one unknown, its number is too.
  assert.equal(model.layers[1].name, 'dense_?');
  assert.equal(model.totalParams, null);
});

test('a statement stopped inside a builder stops alone: the model it builds keeps a row of unknown size', async () => {
  const deep = `${'('.repeat(10_000)}8${')'.repeat(10_000)}`;
  const text = `${HEADER}def build():\n    m = keras.Sequential([keras.Input((4,))])\n    m.add(layers.Dense(${deep}))\n    m.add(layers.Dense(2))\n    return m\n\nmodel = build()\n`;
  const analysis = await analyze(text);
  const note = analysis.issues.find((i) => i.code === 'nesting-bound');
  assert.equal(note?.span.startLine, 4);
  // Not an empty model of 0 parameters: both rows are there, the first of unknown size.
  const [model] = analysis.models;
  assert.equal(model.variable, 'model');
  assert.deepEqual(model.layers.map((l) => l.params), [null, null]);
  assert.equal(model.totalParams, null);
});

test('a stopped statement too deep to walk again: the names its text assigns become unknown', async () => {
  // The attribute chain stops the interpreter, and then the walk that finds what the statement changes.
  const text = `${HEADER}class A:\n    pass\n\na = A()\nx = 4\nx, a${'.b'.repeat(30_000)} = 8, 1\nm = keras.Sequential([keras.Input((3,)), layers.Dense(x)])\n`;
  const analysis = await analyze(text);
  const note = analysis.issues.find((i) => i.code === 'nesting-bound');
  assert.match(note?.message ?? '', /`x`, `a` are unknown below\.$/);
  assert.deepEqual(siteOf(analysis, 'Dense').outputShape, [null, 'x']);
});

test('lists longer than a call can take as arguments are spread, extended and added exactly', async () => {
  // Spread as arguments into `push`, 300,000 items overflow the stack (Node 20: past about 120,000).
  const text = `${HEADER}x = [0] * 100000\ny = [*x, *x, *x]\nz = []\nz.extend(y)\nz += y\nm = keras.Sequential([keras.Input((4,)), layers.Dense(len(z))])\n`;
  const analysis = await analyze(text);
  assert.deepEqual(codes(analysis), []);
  assert.deepEqual(siteOf(analysis, 'Dense').outputShape, [null, 600_000]);
  assert.equal(analysis.models[0].totalParams, 4 * 600_000 + 600_000);
});

test('50,000 model.add calls are all followed, in linear time', async () => {
  const text = `${HEADER}model = keras.Sequential()\nmodel.add(keras.Input((8,)))\n${'model.add(layers.Dense(8))\n'.repeat(50_000)}`;
  const start = performance.now();
  const analysis = await analyze(text);
  assert.ok(performance.now() - start < 20_000, 'well under 20 s');
  assert.equal(analysis.models[0].layers.length, 50_000);
  assert.equal(analysis.models[0].totalParams, 50_000 * 72);
  assert.equal(analysis.truncated, false);
});

test('50,000 model.add calls under a small step budget stop with the analysis-bound note; the model\'s size is then unknown', async () => {
  const text = `${HEADER}done = keras.Sequential([keras.Input((4,)), layers.Dense(2)])\nmodel = keras.Sequential()\nmodel.add(keras.Input((8,)))\n${'model.add(layers.Dense(8))\n'.repeat(50_000)}`;
  const analysis = await analyze(text, { bounds: { maxSteps: 100_000 } });
  assert.equal(analysis.truncated, true);
  assert.match(analysis.issues.find((i) => i.code === 'analysis-bound')?.message ?? '', /; `model` gets a row of unknown size for what follows\.$/);
  const [done, model] = analysis.models;
  // A model the code not followed never names keeps its exact size; the one it adds to does not.
  assert.equal(done.totalParams, 10);
  assert.ok(model.layers.length < 50_000);
  assert.equal(model.layers[model.layers.length - 1].params, null);
  assert.equal(model.totalParams, null);
});

test('for i in range(10**9) adding layers stops at the loop bound and says so; the model\'s size is then unknown', async () => {
  const text = `${HEADER}model = keras.Sequential()\nmodel.add(keras.Input((8,)))\nfor i in range(10**9):\n    model.add(layers.Dense(8))\nmodel.add(layers.Dense(3))\n`;
  const analysis = await analyze(text);
  const note = analysis.issues.find((i) => i.code === 'loop-bound');
  assert.ok(note, 'a loop-bound note');
  assert.match(note.message, /stopped following this loop after 10,000 iterations, so what the later ones change is unknown: .*`model` gets a row of unknown size/);
  assert.equal(note.span.startLine, 4);
  assert.equal(analysis.truncated, true);
  // The 10,000 iterations followed are exact; the rest is one row of unknown size, not a total of 10,000 layers.
  const [model] = analysis.models;
  assert.equal(model.layers.length, 10_002);
  assert.equal(model.layers[9_999].params, 72);
  assert.equal(model.layers[10_000].params, null);
  assert.equal(model.layers[10_001].name, 'dense_?');
  assert.equal(model.totalParams, null);
});

test('a name a loop cut at its bound assigns is unknown after it, not its value after the last iteration followed', async () => {
  const forLoop = `${HEADER}units = 8\nfor i in range(20000):\n    units = units + 1\nm = keras.Sequential([keras.Input((4,)), layers.Dense(units)])\n`;
  const whileLoop = `${HEADER}units = 8\nwhile units < 20008:\n    units = units + 1\nm = keras.Sequential([keras.Input((4,)), layers.Dense(units)])\n`;
  for (const text of [forLoop, whileLoop]) {
    const analysis = await analyze(text);
    assert.match(analysis.issues.find((i) => i.code === 'loop-bound')?.message ?? '', /`units` (is|are) unknown below/);
    // Python gives 20,008 units; the 10,008 of the last iteration followed must not show.
    assert.deepEqual(siteOf(analysis, 'Dense').outputShape, [null, 'units']);
  }
});

test('a comprehension whose condition is unknown, or that reaches the loop bound, is unknown, not the items found so far', async () => {
  const text = `${HEADER}import sys\nxs = [i for i in range(5) if sys.argv]\nys = [i for i in range(10**9)]\nm = keras.Sequential([keras.Input((4,)), layers.Dense(len(xs) + 1), layers.Dense(len(ys))])\n`;
  const analysis = await analyze(text);
  const dense = analysis.sites.filter((s) => s.className === 'Dense');
  // Python gives 6 when the script has arguments; an empty list (1 unit) must not show.
  assert.deepEqual(dense[0].outputShape, [null, 'len(xs) + 1']);
  assert.deepEqual(dense[1].outputShape, [null, 'len(ys)']);
  assert.match(analysis.issues.find((i) => i.code === 'loop-bound')?.message ?? '', /comprehension after 10,000 iterations; its value is unknown/);
});

test('a comprehension of layers cut at the loop bound leaves the numbers of later layer names unknown', async () => {
  const text = `${HEADER}hidden = [layers.Dense(8) for _ in range(10**9)]\nm = keras.Sequential([keras.Input((4,)), layers.Dense(2), layers.Dropout(0.1)])\n`;
  const analysis = await analyze(text);
  assert.match(analysis.issues.find((i) => i.code === 'loop-bound')?.message ?? '', /the numbers of the names Keras gives later are unknown \(`dense_\?`\)/);
  // Python has made 10**9 Dense layers by then: not `dense_10000`; no Dropout was made.
  assert.deepEqual(analysis.models[0].layers.map((l) => l.name), ['dense_?', 'dropout']);
  assert.equal(analysis.models[0].totalParams, 10);
});

test('recursive builders: bounded recursion is followed, runaway recursion stops with a note', async () => {
  const text = `${HEADER}def build(n):
    if n == 0:
        return keras.Sequential([keras.Input((4,))])
    m = build(n - 1)
    m.add(layers.Dense(4))
    return m

model = build(3)
deep = build(100)

def forever(k):
    return forever(k + 1)

forever(0)
`;
  const analysis = await analyze(text);
  const model = analysis.models.find((m) => m.variable === 'model');
  assert.ok(model);
  assert.equal(model.layers.length, 3);
  assert.equal(model.totalParams, 60);
  assert.ok(codes(analysis).includes('recursion-bound'));
});

test('a recursion cut at its bound that adds to a model it is handed leaves the model a row of unknown size', async () => {
  const text = `${HEADER}def add_blocks(model, n):
    if n == 0:
        return
    model.add(layers.Dense(8))
    add_blocks(model, n - 1)

model = keras.Sequential([keras.Input((8,))])
add_blocks(model, 100)
model.add(layers.Dense(3))
`;
  const analysis = await analyze(text);
  assert.match(analysis.issues.find((i) => i.code === 'recursion-bound')?.message ?? '', /`model` gets a row of unknown size for it/);
  // Python adds 100 layers: not a total of the 24 followed, nor a last layer named `dense_24`.
  const [model] = analysis.models;
  assert.equal(model.layers[23].params, 72);
  assert.equal(model.layers[24].name, 'add_blocks(model, n - 1)');
  assert.equal(model.layers[25].name, 'dense_?');
  assert.equal(model.totalParams, null);
});

test('a recursion that branches stops at its bound, reported once per place, however often it gets there', async () => {
  // Each call makes two more: the calls 24 levels deep are counted in millions, each meeting the bound.
  const text = `${HEADER}def grow(n):
    return grow(n + 1) + grow(n + 2)

units = grow(0)
m = keras.Sequential([keras.Input((3,)), layers.Dense(units)])
`;
  const analysis = await analyze(text);
  const notes = analysis.issues.filter((issue) => issue.code === 'recursion-bound');
  assert.deepEqual(
    notes.map((note) => [note.span.startLine, note.span.startColumn]),
    [
      [3, 11],
      [3, 25],
    ],
  );
  assert.ok(codes(analysis).includes('analysis-bound'));
});

test('names assigned from themselves are honest unknowns', async () => {
  const text = `${HEADER}units = units\nx = x + 1\nloop = []\nloop.append(loop)\nm = keras.Sequential([keras.Input((3,)), layers.Dense(units), layers.Dense(x)])\nn = keras.Sequential([keras.Input((3,)), layers.Dense(loop)])\n`;
  const analysis = await analyze(text);
  const dense = analysis.sites.filter((s) => s.className === 'Dense');
  assert.deepEqual(dense[0].outputShape, [null, 'units']);
  assert.equal(dense[0].params, null);
  assert.deepEqual(dense[1].outputShape, [null, 'x + 1']);
  assert.equal(dense.length, 3);
});

test('Dense(10**30): the size is too large to be exact, so it is unknown, with a warning', async () => {
  const analysis = await analyze(oneLayer('layers.Dense(10**30)'));
  const warning = analysis.issues.find((i) => i.code === 'integer-overflow');
  assert.ok(warning);
  assert.equal(warning.severity, 'warning');
  assert.match(warning.message, /`10\*\*30` is 2\*\*53 or more/);
  const dense = siteOf(analysis, 'Dense');
  assert.deepEqual(dense.outputShape, [null, '10**30']);
  assert.equal(dense.params, null);
});

const KERAS_ERRORS: readonly [string, string, string][] = [
  ['Dense(-1)', 'layers.Dense(-1)', 'Received an invalid value for `units`, expected a positive integer. Received: units=-1'],
  ['Dense(0)', 'layers.Dense(0)', 'Received an invalid value for `units`, expected a positive integer. Received: units=0'],
  ['Dense(4.5)', 'layers.Dense(4.5)', 'Received an invalid value for `units`, expected a positive integer. Received: units=4.5'],
  ['Dense("4")', 'layers.Dense("4")', 'Received an invalid value for `units`, expected a positive integer. Received: units=4'],
  ['Conv2D(32, 0)', 'layers.Conv2D(32, 0)', 'The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=0, including values {0} that do not satisfy `value > 0`'],
  ['Reshape((-1, -1))', 'layers.Reshape((-1, -1))', 'There must be at most one unknown dimension (-1) in `target_shape`. Received: target_shape=(-1, -1).'],
];

for (const [name, layer, message] of KERAS_ERRORS) {
  test(`${name} raises Keras' own error`, async () => {
    const analysis = await analyze(oneLayer(layer, '(28, 28, 3)'));
    const errors = analysis.issues.filter((i) => i.severity === 'error');
    assert.deepEqual(errors.map((e) => e.message), [message]);
    assert.equal(errors[0].span.startLine, 2);
  });
}

test('an empty file, a file of only comments and a binary file give no model and never throw', async () => {
  for (const text of ['', '# only a comment\n    # and another, indented\n#', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 97) % 256)).toString('latin1')]) {
    const analysis = await analyze(text);
    assert.deepEqual(analysis.models, []);
    if (!text.startsWith('#') && text !== '') continue;
    assert.deepEqual(analysis.issues, []);
  }
});

test('parameter counts beyond 2**53 are unknown in the report, with the exact count in a note', async () => {
  const analysis = await analyze(oneLayer('layers.Dense(2**40)', '(2**40,)'));
  const model = analysis.models[0];
  assert.equal(model.totalParams, null);
  assert.equal(model.layers[0].params, null);
  const notes = analysis.issues.filter((i) => i.code === 'count-overflow').map((i) => i.message);
  // 2**80 + 2**40, exactly.
  assert.ok(notes.some((m) => m.includes('1,208,925,819,615,728,686,333,952')), notes.join('\n'));
  const contract = toJson('big.py', analysis).contract as { models: { total_params: unknown }[] };
  assert.equal(contract.models[0].total_params, null);
  // Below the limit, counts stay exact numbers.
  const large = await analyze(oneLayer('layers.Dense(2**20)', '(2**30,)'));
  assert.equal(large.models[0].totalParams, 2 ** 50 + 2 ** 20);
});

const EXACT_INTEGERS: readonly [string, number | string][] = [
  ['2**40 | 1', 2 ** 40 + 1],
  ['(2**40 + 5) & 7', 5],
  ['2**40 ^ 1', 2 ** 40 + 1],
  ['-7 // 2', -4],
  ['-7 % 2', 1],
  ['(2**52 + 1) // 3', Math.floor((2 ** 52 + 1) / 3)],
  ['-(2**40) // 3', -366503875926],
  ['-(2**40 + 1) % 3', 1],
  ['~(2**40)', -(2 ** 40) - 1],
  ['1 << 40', 2 ** 40],
  ['2**40 >> 38', 4],
  ['-5 >> 100', -1],
  ['2**53 + 1', '2**53 + 1'],
  ['3**40', '3**40'],
  ['1 << 70', '1 << 70'],
  ['99999999999999999999', '99999999999999999999'],
];

test('integer arithmetic is exact or unknown, never rounded', async () => {
  for (const [expression, expected] of EXACT_INTEGERS) {
    const analysis = await analyze(`${HEADER}n = ${expression}\nm = keras.Sequential([keras.Input((n,)), layers.Dense(2)])\n`);
    if (typeof expected === 'number' && expected < 0) {
      // A negative size is Keras' error, whose message shows the value.
      const message = `Cannot convert '(${expected},)' to a shape. Negative dimensions are not allowed.`;
      assert.ok(analysis.issues.some((issue) => issue.message === message), expression);
      continue;
    }
    const inputs = siteOf(analysis, 'Dense').inputShapes;
    assert.equal(inputs?.[0][1], expected, expression);
  }
});
